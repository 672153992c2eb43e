//! `claims compare`

use claims_core::Workspace;
use claims_core::scoring::truth::Method;
use std::process::ExitCode;

use crate::render::{self, Fit};

/// Shows each independent voice on a proposition and the agreement score.
pub fn run(
    ws: Workspace,
    key: &str,
    weighted: Option<Method>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let c = ws.compare(key, weighted)?;
    if json {
        render::json(&c)?;
        return Ok(ExitCode::SUCCESS);
    }
    let p = &c.proposition;
    outln!(
        "{} ({}){}",
        p.key,
        p.kind.as_str(),
        p.text
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    );
    let n = c.voices.len();
    let weighting = c
        .weighted_by
        .map(|m| format!(", weighted by {m} trust"))
        .unwrap_or_default();
    match c.score {
        Some(score) => {
            let count = |s: claims_core::model::Stance| {
                c.voices.iter().filter(|v| v.stance == Some(s)).count()
            };
            use claims_core::model::Stance::*;
            outln!(
                "agreement score {score:+.2} from {n} independent voice{} ({} support, {} refute, {} neutral{weighting})",
                if n == 1 { "" } else { "s" },
                count(Supports),
                count(Refutes),
                count(Neutral)
            );
        }
        None => {
            outln!(
                "{n} independent voice{} give {} distinct value{}{weighting}",
                if n == 1 { "" } else { "s" },
                c.values.len(),
                if c.values.len() == 1 { "" } else { "s" }
            );
            for v in &c.values {
                outln!(
                    "  {:>3} voice{}, share {:>3.0}%, score {:.2}: {}",
                    v.voices,
                    if v.voices == 1 { " " } else { "s" },
                    v.share * 100.0,
                    v.score,
                    render::clip(&v.value, 40)
                );
            }
        }
    }
    if let Some(v) = &c.verdict {
        outln!(
            "verdict: {}{} (v{}, {}){}",
            v.rating.as_str(),
            v.value
                .as_ref()
                .map(|x| format!(" {x}"))
                .unwrap_or_default(),
            v.seq,
            v.recorded_at,
            v.note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
    }
    for i in &c.inconsistent {
        outln!(
            "inconsistent: claim {} ({}) gives a {} on a {} proposition; it is not counted",
            render::styled(render::ID, &i.id[..12]),
            i.origin,
            i.ignored,
            p.kind.as_str()
        );
    }
    if c.voices.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(&[
        ("VOICE", Fit::Prose),
        ("POSITION", Fit::Prose),
        ("WEIGHT", Fit::Whole),
        ("CLAIM", Fit::Whole),
        ("CHAIN", Fit::Prose),
        ("DATE", Fit::Whole),
    ]);
    for v in &c.voices {
        let position = v
            .stance
            .map(|s| s.to_string())
            .or_else(|| v.value.clone())
            .unwrap_or_default();
        for (i, cl) in v.claims.iter().enumerate() {
            let chain = std::iter::once(cl.origin.as_str())
                .chain(cl.via.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ← ");
            t.add_row(vec![
                if i == 0 {
                    v.sources.join(" + ")
                } else {
                    String::new()
                },
                if i == 0 {
                    position.clone()
                } else {
                    String::new()
                },
                if i == 0 {
                    format!("{:.2}", v.weight)
                } else {
                    String::new()
                },
                cl.id[..12].to_string(),
                chain,
                cl.said_on
                    .clone()
                    .or_else(|| cl.reported_on.clone())
                    .unwrap_or_default(),
            ]);
        }
    }
    outln!("{t}");
    Ok(ExitCode::SUCCESS)
}
