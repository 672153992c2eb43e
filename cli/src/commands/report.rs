//! `claims report`

use claims_core::Workspace;
use claims_core::report::Progress;
use std::process::ExitCode;

use crate::args::ReportArgs;
use crate::render;

/// Writes the HTML report through a temporary file beside it, so a failed run leaves no half
/// page; a progress bar on a terminal while a large workspace is gathered.
pub fn run(ws: Workspace, a: ReportArgs) -> anyhow::Result<ExitCode> {
    let progress = render::Progress::stages("report");
    let data = ws.report_data(&a.about, &mut |p: Progress| {
        progress.stage(p.stage, p.done, p.total)
    });
    progress.stage("writing", 0, 1);
    let written = data.and_then(|data| {
        let html = claims_report::render(&data);
        claims_core::workspace::write_atomically(&a.output, &html)?;
        Ok((data, html.len()))
    });
    drop(progress);
    let (data, bytes) = written?;
    if a.json.json {
        render::json(&serde_json::json!({
            "file": a.output.display().to_string(),
            "bytes": bytes,
            "claims": data.claims.len(),
            "propositions": data.propositions.len(),
            "findings": data.findings.len(),
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Wrote {} ({} claims, {} propositions, {} findings, {:.1} MB)",
        a.output.display(),
        data.claims.len(),
        data.propositions.len(),
        data.findings.len(),
        bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
