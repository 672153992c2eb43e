//! `claims report`

use claims_core::Workspace;
use claims_core::report::Progress;
use std::io::IsTerminal;
use std::process::ExitCode;

use crate::args::ReportArgs;

/// Writes the HTML report through a temporary file beside it, so a failed run leaves no half
/// page; a progress bar on a terminal while a large workspace is gathered.
pub fn run(ws: Workspace, a: ReportArgs) -> anyhow::Result<ExitCode> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} report: {msg} {pos}/{len}")
                .expect("template"),
        );
        b
    });
    let data = ws.report_data(&a.about, &mut |p: Progress| {
        if let Some(b) = &bar {
            b.set_message(p.stage);
            b.set_length(p.total);
            b.set_position(p.done);
        }
    });
    if let Some(b) = &bar {
        b.set_message("writing");
    }
    let written = data.and_then(|data| {
        let html = claims_report::render(&data);
        claims_core::workspace::write_atomically(&a.output, &html)?;
        Ok((data, html.len()))
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (data, bytes) = written?;
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
