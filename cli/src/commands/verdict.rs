//! `claims verdict`

use claims_core::Workspace;
use claims_core::model::{Attribution, Rating};
use std::process::ExitCode;

use crate::render;

/// Records a verdict.
pub fn run(
    mut ws: Workspace,
    key: &str,
    (rating, value, note, attribution): (Rating, Option<&str>, &str, Attribution),
    json: bool,
) -> anyhow::Result<ExitCode> {
    let v = ws.record_verdict(key, rating, value, note, attribution)?;
    if json {
        render::json(&v)?;
    } else {
        let by = v
            .attribution
            .by
            .as_deref()
            .map_or(String::new(), |b| format!(" by {b}"));
        outln!(
            "Recorded verdict v{} on {}: {}{by} ({})",
            v.seq,
            v.about,
            v.rating.as_str(),
            v.hash.short()
        );
    }
    Ok(ExitCode::SUCCESS)
}
