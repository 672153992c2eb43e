//! `claims import`

use anyhow::Context;
use claims_core::Workspace;
use claims_core::import::{self, ImportOptions};
use claims_core::interchange::{ReviewFormat, csv};
use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use crate::args::{ImportArgs, ImportFormat};
use crate::render;

/// Imports JSON Lines, CSV or a file of fact-checks, with progress on a terminal.
pub fn run(mut ws: Workspace, a: ImportArgs) -> anyhow::Result<ExitCode> {
    if !a.map.is_empty() && a.format != ImportFormat::Csv {
        anyhow::bail!("--map applies to --format csv only");
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
    let review = match a.format {
        ImportFormat::Claimreview => Some(ReviewFormat::ClaimReview),
        ImportFormat::FactcheckApi => Some(ReviewFormat::FactCheckApi),
        ImportFormat::Jsonl | ImportFormat::Csv => None,
    };
    if let Some(format) = review {
        return reviews(ws, &mut reader, &label, &a, format);
    }
    let opts = ImportOptions {
        skip_bad: a.skip_bad,
        create_sources: a.create_sources,
    };
    let progress = render::Progress::counter("lines");
    let mut at = |n| progress.set(n);
    let report = match a.format {
        ImportFormat::Jsonl => ws.import(&mut reader, &label, opts, &mut at),
        ImportFormat::Csv | ImportFormat::Claimreview | ImportFormat::FactcheckApi => {
            let map = csv::parse_map(&a.map)?;
            let limits = ws.config().limits;
            let located = |f| import::located(&label, f);
            let mut rows = csv::reader(&mut reader, limits, &map).map_err(located)?;
            ws.import_records(&mut *rows, &label, opts, &mut at)
        }
    };
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
            let at = match (b.line, b.item) {
                (Some(line), _) => format!("{label}:{line}"),
                (None, item) => format!("{label}: item {}", item.unwrap_or_default()),
            };
            eprintln!("skipped {at}: {}", render::neutralise(&b.message));
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

/// Imports a ClaimReview or Fact Check Tools file (read whole: it is one JSON document).
fn reviews(
    mut ws: Workspace,
    reader: &mut dyn BufRead,
    label: &str,
    a: &ImportArgs,
    format: ReviewFormat,
) -> anyhow::Result<ExitCode> {
    if a.skip_bad {
        anyhow::bail!(
            "--skip-bad applies to JSON Lines only: a ClaimReview or Fact Check Tools file is imported all or nothing"
        );
    }
    let progress = render::Progress::spinner("reading and recording the reviews");
    let report = ws.import_reviews(reader, label, format);
    drop(progress);
    let report = report?;
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
