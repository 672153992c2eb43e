//! `claims fsck`

use claims_core::Workspace;
use claims_core::fsck::Part;
use std::process::ExitCode;

use crate::render;

/// Verifies the workspace; exits non-zero naming each altered claim and version.
pub fn run(ws: Workspace, full: bool, json: bool) -> anyhow::Result<ExitCode> {
    let report = ws.fsck(full)?;
    if json {
        render::json(&report)?;
    } else {
        for p in &report.problems {
            let subject = match p.part {
                Part::Claim => format!("claim {}", p.claim),
                _ => p.claim.clone(),
            };
            match (p.seq, &p.version) {
                (Some(seq), Some(h)) => {
                    outln!("{subject} version {seq} ({}): {}", &h[..12], p.message)
                }
                (Some(seq), None) => outln!("{subject} version {seq}: {}", p.message),
                _ => outln!("{subject}: {}", p.message),
            }
        }
    }
    if report.problems.is_empty() {
        if !json {
            outln!(
                "ok: {} claims, {} versions, {} verdicts, {} documents, {} propositions, {} findings; \
                 every hash, chain and reference checks out ({})",
                report.claims,
                report.versions,
                report.verdicts,
                report.documents,
                report.propositions,
                report.findings,
                report.storage_check
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
