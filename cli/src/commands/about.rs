//! `claims about add | log | list | show | suggest | link`

use claims_core::Workspace;
use claims_core::storage::HeadFilter;
use std::process::ExitCode;

use crate::args::AboutCommand;
use crate::render::{self, Fit};

/// Dispatches the proposition subcommands.
pub fn run(mut ws: Workspace, cmd: AboutCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AboutCommand::Add {
            key,
            text,
            kind,
            note,
            change_kind,
            json,
        } => {
            let p =
                ws.declare_proposition(&key, text.as_deref(), kind, note.as_deref(), change_kind)?;
            if json.json {
                // The version it left standing, in `about log`'s shape.
                let versions = ws.proposition_log(&p.key)?;
                render::json(&versions.last())?;
                return Ok(ExitCode::SUCCESS);
            }
            outln!(
                "Proposition {} ({}){}",
                p.key,
                p.kind.as_str(),
                p.text.map(|t| format!(": {t}")).unwrap_or_default()
            );
        }
        AboutCommand::Suggest {
            ids,
            limit,
            eval,
            json,
        } => {
            if eval {
                let e = ws.suggest_eval()?;
                if json.json {
                    render::json(&e)?;
                } else {
                    outln!(
                        "the right proposition ranks first for {} of {} linked claims ({:.0}%)",
                        e.first,
                        e.claims,
                        e.share * 100.0
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            let found = ws.suggest(&ids, limit)?;
            if json.json {
                render::json(&found)?;
                return Ok(ExitCode::SUCCESS);
            }
            if found.is_empty() {
                outln!("Every standing claim bears on a proposition already.");
            }
            let mut t = render::table(&[
                ("CLAIM", Fit::Whole),
                ("PROPOSITION", Fit::Whole),
                ("SCORE", Fit::Whole),
                ("TEXT", Fit::Prose),
            ]);
            for c in &found {
                let short = c.id[..12].to_string();
                if c.suggestions.is_empty() {
                    t.add_row(vec![
                        short.clone(),
                        "(none)".into(),
                        String::new(),
                        c.text.clone(),
                    ]);
                }
                for (i, s) in c.suggestions.iter().enumerate() {
                    let (id, text) = if i == 0 {
                        (short.clone(), c.text.clone())
                    } else {
                        (String::new(), String::new())
                    };
                    t.add_row(vec![id, s.key.clone(), format!("{:.3}", s.score), text]);
                }
            }
            if !found.is_empty() {
                outln!("{t}");
            }
        }
        AboutCommand::Link { key, ids, json } => {
            let changed = ws.link(&key, &ids)?;
            if json.json {
                let out: Vec<serde_json::Value> = changed
                    .iter()
                    .map(|v| serde_json::json!({"id": v.claim, "version": v.hash, "seq": v.seq}))
                    .collect();
                render::json(&out)?;
            } else {
                outln!(
                    "Linked {} claim{} to {key} ({} already were)",
                    changed.len(),
                    if changed.len() == 1 { "" } else { "s" },
                    ids.len() - changed.len()
                );
            }
        }
        AboutCommand::Log { key, json } => {
            let mut versions = ws.proposition_log(&key)?;
            versions.reverse();
            if json.json {
                render::json(&versions)?;
            } else {
                for v in versions {
                    outln!(
                        "version {} {}  {}  {}",
                        v.seq,
                        v.hash.map(|h| h.short()).unwrap_or_default(),
                        v.recorded_at,
                        v.kind.as_deref().unwrap_or("(kind not declared)")
                    );
                    if let Some(t) = &v.text {
                        outln!("    {t}");
                    }
                    if let Some(n) = &v.note {
                        outln!("    note: {n}");
                    }
                }
            }
        }
        AboutCommand::List { json } => {
            let props = ws.propositions()?;
            if json.json {
                render::json(&props)?;
            } else if props.is_empty() {
                outln!(
                    "No propositions yet: name one with `claims add --about KEY` or `claims about add KEY`."
                );
            } else {
                let mut t = render::table(&[
                    ("KEY", Fit::Whole),
                    ("KIND", Fit::Whole),
                    ("CLAIMS", Fit::Whole),
                    ("TEXT", Fit::Prose),
                ]);
                for p in props {
                    t.add_row(vec![
                        p.key,
                        p.kind.as_str().to_string(),
                        p.claims.to_string(),
                        p.text.clone().unwrap_or_default(),
                    ]);
                }
                outln!("{t}");
            }
        }
        AboutCommand::Show { key, json } => {
            let p = ws.proposition(&key)?;
            let claims = ws.list(&HeadFilter {
                about: Some(key.clone()),
                ..HeadFilter::default()
            })?;
            let verdicts = ws.verdicts(&key)?;
            if json.json {
                let claims: Vec<_> = claims.iter().map(|v| render::claim_json(v, None)).collect();
                render::json(
                    &serde_json::json!({"proposition": p, "claims": claims, "verdicts": verdicts}),
                )?;
            } else {
                outln!(
                    "{} ({}{})",
                    p.key,
                    p.kind.as_str(),
                    if p.kind_declared { "" } else { ", inferred" }
                );
                if let Some(t) = &p.text {
                    outln!("{t}");
                }
                outln!(
                    "{} standing claims; `claims compare {}` weighs them",
                    p.claims,
                    p.key
                );
                for v in &verdicts {
                    let a = &v.attribution;
                    let by = [
                        a.by.as_ref().map(|b| format!(" by {b}")),
                        a.label
                            .as_ref()
                            .map(|l| format!(" \"{}\"", render::neutralise(l))),
                        a.reviewed_on.as_ref().map(|d| format!(" on {d}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<String>();
                    outln!(
                        "verdict v{} {}{}{by}: {}",
                        v.seq,
                        v.rating.as_str(),
                        v.value
                            .as_ref()
                            .map(|x| format!(" ({x})"))
                            .unwrap_or_default(),
                        v.note.as_deref().unwrap_or("")
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
