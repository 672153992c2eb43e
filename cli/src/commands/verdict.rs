//! `claims verdict`

use claims_core::Workspace;
use claims_core::model::Rating;
use std::process::ExitCode;

use crate::render;

/// Records a verdict.
pub fn run(
    mut ws: Workspace,
    key: &str,
    rating: Rating,
    value: Option<&str>,
    note: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let v = ws.record_verdict(key, rating, value, note)?;
    if json {
        render::json(&v)?;
    } else {
        outln!(
            "Recorded verdict v{} on {}: {} ({})",
            v.seq,
            v.about,
            v.rating.as_str(),
            v.hash.short()
        );
    }
    Ok(ExitCode::SUCCESS)
}
