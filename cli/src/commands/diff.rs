//! `claims diff`

use claims_core::Workspace;
use claims_core::claims::DiffOp;
use std::io::Write;
use std::process::ExitCode;

use crate::render::{self, DELETE, DIM, INSERT};

/// Shows what changed between two versions; plain markers ([-old-]{+new+}) when not colouring.
pub fn run(
    ws: Workspace,
    id: &str,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let d = ws.diff(id, from, to)?;
    if json {
        render::json(&serde_json::json!({
            "id": d.to.claim,
            "from": {"seq": d.from.seq, "version": d.from.hash},
            "to": {"seq": d.to.seq, "version": d.to.hash},
            "changes": d.changes,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = render::stdout_colored();
    let mut out = render::stdout();
    writeln!(
        out,
        "claim {}: v{} {} → v{} {}",
        d.to.claim.short(),
        d.from.seq,
        d.from.hash.short(),
        d.to.seq,
        d.to.hash.short()
    )?;
    if let Some(note) = &d.to.note {
        writeln!(out, "{}", render::styled(DIM, &format!("note: {note}")))?;
    }
    if d.changes.is_empty() {
        writeln!(out, "(no differences)")?;
    }
    for c in &d.changes {
        write!(out, "{}: ", c.field)?;
        if !c.words.is_empty() {
            for p in &c.words {
                match (p.op, color) {
                    (DiffOp::Equal, _) => write!(out, "{}", p.text)?,
                    (DiffOp::Delete, true) => write!(out, "{}", render::styled(DELETE, &p.text))?,
                    (DiffOp::Insert, true) => write!(out, "{}", render::styled(INSERT, &p.text))?,
                    (DiffOp::Delete, false) => write!(out, "[-{}-]", p.text)?,
                    (DiffOp::Insert, false) => write!(out, "{{+{}+}}", p.text)?,
                }
            }
            writeln!(out)?;
        } else {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            if color {
                writeln!(
                    out,
                    "{} → {}",
                    render::styled(DELETE, &show(&c.old)),
                    render::styled(INSERT, &show(&c.new))
                )?;
            } else {
                writeln!(out, "{} → {}", show(&c.old), show(&c.new))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
