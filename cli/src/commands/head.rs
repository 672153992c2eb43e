//! `claims head`

use claims_core::Workspace;
use std::process::ExitCode;

use crate::render;

/// Prints the log's head (or a consistency proof from an older one).
pub fn run(
    ws: Workspace,
    proof: Option<u64>,
    record: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if record {
        let r = ws.record_head()?;
        if json {
            render::json(&r)?;
        } else {
            outln!("{r}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(old) = proof {
        let p = ws.consistency_proof(old)?;
        if json {
            render::json(&p)?;
        } else {
            outln!("old {}", p.old);
            outln!("new {}", p.new);
            for h in &p.proof {
                outln!("proof {}", claims_core::model::Hash(*h).to_hex());
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = ws.head()?;
    if json {
        render::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", report.head);
    match &report.last {
        Some(e) => outln!(
            "{} entries; the last, #{} ({} {}), by {}{} at {}{}",
            report.head.size,
            e.seq,
            e.kind,
            e.subject,
            e.analyst,
            e.email
                .as_ref()
                .map(|m| format!(" <{m}>"))
                .unwrap_or_default(),
            e.at,
            e.key
                .as_ref()
                .map(|k| format!(", signed by {k}"))
                .unwrap_or_else(|| ", unsigned".into())
        ),
        None => outln!("0 entries: nothing recorded yet"),
    }
    Ok(ExitCode::SUCCESS)
}
