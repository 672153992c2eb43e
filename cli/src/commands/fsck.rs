//! `claims fsck`

use claims_core::Workspace;
use std::process::ExitCode;

use crate::render;

/// Verifies the workspace; exits non-zero naming each altered claim and version.
pub fn run(ws: Workspace, json: bool) -> anyhow::Result<ExitCode> {
    let report = ws.fsck()?;
    if json {
        render::json(&report)?;
    } else {
        for p in &report.problems {
            match (p.seq, &p.version) {
                (Some(seq), Some(h)) => outln!(
                    "claim {} version {seq} ({}): {}",
                    p.claim,
                    &h[..12],
                    p.message
                ),
                _ => outln!("claim {}: {}", p.claim, p.message),
            }
        }
    }
    if report.problems.is_empty() {
        if !json {
            outln!(
                "ok: {} claims, {} versions; every hash, chain and source reference checks out",
                report.claims,
                report.versions
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!(
            "fsck found {} problem(s) in {} claims / {} versions: the workspace was altered outside claims",
            report.problems.len(),
            report.claims,
            report.versions
        )
    }
}
