//! `claims fsck`

use claims_core::Workspace;
use claims_core::fsck::Part;
use std::process::ExitCode;

use crate::render;

/// Verifies the workspace; exits non-zero naming each altered claim and version.
pub fn run(ws: Workspace, full: bool, head: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    // The published head is checked first: a malformed one is a usage error, not a finding.
    let published = head
        .map(str::parse::<claims_core::history::TreeHead>)
        .transpose()?;
    let progress = render::Progress::spinner("checking every hash, chain and log entry");
    let mut report = ws.fsck(full)?;
    drop(progress);
    if let Some(old) = &published
        && let Err(e) = ws.check_extends(old)
    {
        report.problems.push(claims_core::fsck::Problem {
            part: Part::Log,
            claim: format!("head {old}"),
            seq: None,
            version: None,
            message: e.to_string(),
        });
    }
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
                "ok: {} claims, {} versions, {} verdicts, {} documents, {} proposition versions, {} findings, {} log entries; \
                 every hash, chain and reference checks out ({})",
                report.claims,
                report.versions,
                report.verdicts,
                report.documents,
                report.propositions,
                report.findings,
                report.entries,
                report.storage_check
            );
            if let Some(old) = &published {
                outln!("the log extends head {old} (consistency proof verified)");
            }
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
