//! `claims import`

use anyhow::Context;
use claims_core::Workspace;
use claims_core::import::ImportOptions;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use crate::args::ImportArgs;
use crate::render;

/// Imports JSON Lines, with a spinner on a terminal for long files.
pub fn run(mut ws: Workspace, a: ImportArgs) -> anyhow::Result<ExitCode> {
    let (mut reader, label): (Box<dyn BufRead>, String) = if a.file.as_os_str() == "-" {
        (
            Box::new(BufReader::new(std::io::stdin().lock())),
            "<stdin>".into(),
        )
    } else {
        let f = std::fs::File::open(&a.file)
            .with_context(|| format!("cannot open {}", a.file.display()))?;
        (
            Box::new(BufReader::with_capacity(1 << 20, f)),
            a.file.display().to_string(),
        )
    };
    let opts = ImportOptions {
        skip_bad: a.skip_bad,
        create_sources: a.create_sources,
    };
    let progress = render::Progress::counter("lines");
    let report = ws.import(&mut reader, &label, opts, &mut |n| progress.set(n));
    drop(progress);
    let report = report?;
    if a.json.json {
        render::json(&report)?;
    } else {
        outln!(
            "Imported {label}: {} new claims, {} new versions, {} already recorded",
            report.added,
            report.revised,
            report.unchanged
        );
        if !report.created_sources.is_empty() {
            outln!(
                "Declared {} new sources in workspace.toml (kind `other`)",
                report.created_sources.len()
            );
        }
        for b in &report.bad {
            eprintln!(
                "skipped {label}:{}: {}",
                b.line,
                render::neutralise(&b.message)
            );
        }
    }
    if report.bad.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // What was good is recorded, but the file was not imported whole: scripts must notice.
    let n = report.bad.len();
    eprintln!(
        "{label}: skipped {n} bad line{} (the rest is recorded)",
        if n == 1 { "" } else { "s" }
    );
    Ok(ExitCode::FAILURE)
}
