//! `claims bundle create|apply`

use anyhow::Context;
use claims_core::Workspace;
use claims_core::history::TreeHead;
use std::process::ExitCode;

use crate::args::BundleCommand;
use crate::render;

/// Writes or applies a bundle.
pub fn run(mut ws: Workspace, cmd: BundleCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BundleCommand::Create {
            since,
            output,
            json,
        } => {
            let since = since.as_deref().map(str::parse::<TreeHead>).transpose()?;
            let progress = render::Progress::spinner("writing the bundle");
            let summary = ws.create_bundle(since.as_ref(), &output)?;
            drop(progress);
            if json.json {
                render::json(&summary)?;
            } else {
                outln!(
                    "wrote {} entries to {} (head {}{})",
                    summary.entries,
                    output.display(),
                    summary.head,
                    summary
                        .since
                        .map(|s| format!(", after {s}"))
                        .unwrap_or_default()
                );
            }
        }
        BundleCommand::Apply { file, json } => {
            let progress = render::Progress::spinner("verifying and applying the bundle");
            let report = ws
                .apply_bundle(&file)
                .with_context(|| format!("cannot apply {}", file.display()))?;
            drop(progress);
            if json.json {
                render::json(&report)?;
            } else {
                outln!(
                    "applied {} of {} entries ({} already held); head {}",
                    report.applied,
                    report.entries,
                    report.skipped,
                    report.head
                );
                if !report.declared.is_empty() {
                    outln!("declared sources: {}", report.declared.join(", "));
                }
                for c in &report.conflicts {
                    outln!(
                        "conflict: source {} is declared differently here; kept the local declaration {} (the bundle's: {})",
                        c.key,
                        c.local,
                        c.bundle
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
