//! `claims import`

use anyhow::Context;
use claims_core::Workspace;
use claims_core::import::ImportOptions;
use claims_core::interchange::ReviewFormat;
use std::io::{BufRead, BufReader, IsTerminal};
use std::process::ExitCode;

use crate::args::{ImportArgs, ImportFormat};
use crate::render;

/// Imports JSON Lines, with a spinner on a terminal for long files.
pub fn run(mut ws: Workspace, a: ImportArgs) -> anyhow::Result<ExitCode> {
    match a.format {
        ImportFormat::Jsonl => {}
        ImportFormat::Claimreview => return reviews(ws, a, ReviewFormat::ClaimReview),
        ImportFormat::FactcheckApi => return reviews(ws, a, ReviewFormat::FactCheckApi),
    }
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
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} lines {per_sec}")
                .expect("template"),
        );
        b
    });
    let opts = ImportOptions {
        skip_bad: a.skip_bad,
        create_sources: a.create_sources,
    };
    let report = ws.import(&mut reader, &label, opts, &mut |n| {
        if let Some(b) = &bar {
            b.set_position(n);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
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
    Ok(ExitCode::SUCCESS)
}

/// Imports a ClaimReview or Fact Check Tools file (read whole: it is one JSON document).
fn reviews(mut ws: Workspace, a: ImportArgs, format: ReviewFormat) -> anyhow::Result<ExitCode> {
    if a.skip_bad {
        anyhow::bail!(
            "--skip-bad applies to JSON Lines only: a ClaimReview or Fact Check Tools file is imported all or nothing"
        );
    }
    let (mut reader, label): (Box<dyn std::io::Read>, String) = if a.file.as_os_str() == "-" {
        (Box::new(std::io::stdin().lock()), "<stdin>".into())
    } else {
        let f = std::fs::File::open(&a.file)
            .with_context(|| format!("cannot open {}", a.file.display()))?;
        (Box::new(f), a.file.display().to_string())
    };
    let report = ws.import_reviews(&mut reader, &label, format)?;
    if a.json.json {
        render::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Imported {label}: {} reviews: {} new claims ({} already recorded), {} new verdicts ({} already recorded)",
        report.reviews,
        report.added,
        report.unchanged,
        report.verdicts,
        report.verdicts_unchanged
    );
    if !report.created_sources.is_empty() {
        outln!(
            "Declared {} new sources in workspace.toml (fact-checkers as kind `fact-checker`)",
            report.created_sources.len()
        );
    }
    if !report.unmapped.is_empty() {
        outln!("Labels the rating table does not map (recorded as `unrated`, label kept):");
        for u in &report.unmapped {
            outln!("  {:>6}  {}", u.count, render::neutralise(&u.label));
        }
    }
    Ok(ExitCode::SUCCESS)
}
