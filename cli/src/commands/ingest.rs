//! `claims ingest`

use claims_core::Workspace;
use claims_core::ingest::IngestOptions;
use std::path::Path;
use std::process::ExitCode;

use super::open_plugin;
use crate::render;

/// Parses a document with a parser plugin and records (or, dry, shows) its claims.
pub fn run(
    mut ws: Workspace,
    file: &Path,
    parser: &str,
    dry_run: bool,
    create_sources: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let plugin = open_plugin(&mut ws, parser)?;
    let report = ws.ingest(
        &plugin,
        file,
        IngestOptions {
            dry_run,
            create_sources,
        },
    )?;
    if json {
        if dry_run {
            render::json(&report.claims)?;
        } else {
            render::json(&report)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(&["#", "ORIGIN", "VIA", "STANCE", "TEXT"]);
    for (i, c) in report.claims.iter().enumerate() {
        let mark = if c.resolved { "" } else { "?" };
        t.add_row(vec![
            (i + 1).to_string(),
            format!("{}{mark}", c.origin),
            c.via.join(" ← "),
            format!("{:?}", c.stance).to_lowercase(),
            render::clip(&c.text, 50),
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
    Ok(ExitCode::SUCCESS)
}
