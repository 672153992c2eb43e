//! `claims ingest`

use claims_core::Workspace;
use claims_core::ingest::{IngestOptions, IngestReport};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::open_plugin;
use crate::render::{self, Fit};

/// Parses documents with one parser plugin (started once) and records (or, dry, shows) their
/// claims.
pub fn run(
    mut ws: Workspace,
    files: &[PathBuf],
    parser: &str,
    opts: IngestOptions,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let plugin = open_plugin(&mut ws, parser)?;
    let dry_run = opts.dry_run;
    let mut reports = Vec::with_capacity(files.len());
    let progress = render::Progress::bar(files.len() as u64, "files");
    for file in files {
        let report = ws.ingest(&plugin, file, opts.clone())?;
        if !json {
            progress.suspend(|| print_report(file, &report, dry_run))?;
        }
        progress.step();
        reports.push(report);
    }
    drop(progress);
    if json {
        // One shape whatever the number of files or --dry-run: an array of per-file reports.
        render::json(&reports)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The table of one document's claims and what was recorded.
fn print_report(file: &Path, report: &IngestReport, dry_run: bool) -> anyhow::Result<()> {
    let mut t = render::table(&[
        ("#", Fit::Whole),
        ("ORIGIN", Fit::Whole),
        ("VIA", Fit::Prose),
        ("STANCE", Fit::Whole),
        ("TEXT", Fit::Prose),
    ]);
    for (i, c) in report.claims.iter().enumerate() {
        let mark = if c.resolved { "" } else { "?" };
        t.add_row(vec![
            (i + 1).to_string(),
            format!("{}{mark}", c.origin),
            c.via.join(" ← "),
            c.stance.as_str().to_string(),
            c.text.clone(),
        ]);
    }
    outln!("{t}");
    if !report.unresolved.is_empty() {
        outln!(
            "Unresolved names (marked ?): {}",
            report.unresolved.join(", ")
        );
    }
    if dry_run {
        outln!(
            "Dry run: {} claims found in {} ({}); nothing recorded.",
            report.claims.len(),
            file.display(),
            report.document.short()
        );
    } else {
        outln!(
            "Ingested {} with {}: {} new claims, {} already recorded (document {}{})",
            file.display(),
            report.parser,
            report.added,
            report.unchanged,
            report.document.short(),
            if report.new_document {
                ", stored"
            } else {
                ", already stored"
            }
        );
        if !report.created_sources.is_empty() {
            outln!(
                "Declared {} new sources in workspace.toml: {}",
                report.created_sources.len(),
                report.created_sources.join(", ")
            );
        }
    }
    Ok(())
}
