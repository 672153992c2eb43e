//! `claims add | edit | retract | show | list | log`

use anyhow::bail;
use claims_core::Workspace;
use claims_core::claims::{ClaimInput, ClaimPatch, Edited};
use claims_core::model::Version;
use std::io::Write;
use std::process::ExitCode;

use crate::args::{AddArgs, EditArgs, ListArgs};
use crate::render::{self, DIM, Fit, ID};

/// The text given with `--text`, or read from `--text-file` under the workspace's limits.
fn text_of(
    ws: &Workspace,
    text: Option<String>,
    file: Option<&std::path::Path>,
) -> anyhow::Result<Option<String>> {
    Ok(match file {
        Some(path) => Some(ws.config().limits.read_text_file(path)?),
        None => text,
    })
}

/// Records a new claim.
pub fn add(mut ws: Workspace, a: AddArgs) -> anyhow::Result<ExitCode> {
    let c = a.claim;
    let Some(source) = c.source else {
        bail!("--source is required: who made the claim?")
    };
    let Some(text) = text_of(&ws, c.text, c.text_file.as_deref())? else {
        bail!("--text or --text-file is required: what was claimed?")
    };
    let input = ClaimInput {
        source,
        via: c.via,
        text,
        about: c.about,
        stance: c.stance.map(|s| s.to_input()),
        value: c.value,
        quote: c.quote,
        said_on: c.said_on,
        reported_on: c.reported_on,
        url: c.url,
        lang: c.lang,
        note: a.note,
        ..ClaimInput::default()
    };
    let added = ws.add(&input)?;
    for w in &added.warnings {
        render::warning_line(w);
    }
    if a.json.json {
        let version = match &added.version {
            Some(v) => v.hash,
            None => ws.show(added.id.as_str())?.0.hash,
        };
        render::json(
            &serde_json::json!({"id": added.id, "version": version, "created": added.version.is_some()}),
        )?;
    } else if let Some(v) = &added.version {
        outln!(
            "Recorded claim {} (version {})",
            render::styled(ID, v.claim.short()),
            v.hash.short()
        );
    } else {
        outln!(
            "Already recorded as claim {}; nothing changed",
            render::styled(ID, added.id.short())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Records a corrected version.
pub fn edit(mut ws: Workspace, a: EditArgs) -> anyhow::Result<ExitCode> {
    let c = a.claim;
    let patch = ClaimPatch {
        source: c.source,
        via: if a.no_via {
            Some(Vec::new())
        } else if c.via.is_empty() {
            None
        } else {
            Some(c.via)
        },
        text: text_of(&ws, c.text, c.text_file.as_deref())?,
        about: c.about,
        stance: c.stance.map(|s| s.to_input()),
        value: c.value,
        quote: if c.quote {
            Some(true)
        } else if a.no_quote {
            Some(false)
        } else {
            None
        },
        said_on: c.said_on,
        reported_on: c.reported_on,
        url: c.url,
        lang: c.lang,
        revive: a.revive,
    };
    let out = ws.edit(&a.id, &patch, &a.note)?;
    let (v, changed) = match &out {
        Edited::Recorded(v) => (v, true),
        Edited::Unchanged(v) => (v, false),
    };
    if a.json.json {
        render::json(
            &serde_json::json!({"id": v.claim, "version": v.hash, "seq": v.seq, "changed": changed}),
        )?;
    } else if changed {
        outln!(
            "Recorded version {} of claim {} ({})",
            v.seq,
            render::styled(ID, v.claim.short()),
            v.hash.short()
        );
    } else {
        outln!(
            "No change: the content equals version {} of claim {}; nothing recorded",
            v.seq,
            v.claim.short()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Records a retraction.
pub fn retract(mut ws: Workspace, id: &str, note: &str, json: bool) -> anyhow::Result<ExitCode> {
    let v = ws.retract(id, note)?;
    if json {
        render::json(&serde_json::json!({"id": v.claim, "version": v.hash, "seq": v.seq}))?;
    } else {
        outln!(
            "Retracted claim {} (version {}, {}); its history is kept",
            render::styled(ID, v.claim.short()),
            v.seq,
            v.hash.short()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_fields(out: &mut impl Write, v: &Version) -> std::io::Result<()> {
    let f = &v.fields;
    let label = |s: &str| render::styled(DIM, &format!("{s:<12}"));
    writeln!(out, "{}{}", label("source"), render::chain(v))?;
    writeln!(out, "{}{}", label("text"), f.text)?;
    let mut opt = |name: &str, val: Option<String>| match val {
        Some(val) => writeln!(out, "{}{val}", label(name)),
        None => Ok(()),
    };
    opt("about", f.about.clone())?;
    opt("stance", f.stance.map(|s| s.to_string()))?;
    opt("value", f.value.clone())?;
    opt("quote", f.quote.then(|| "yes (direct quote)".to_string()))?;
    opt("said on", f.said_on.clone())?;
    opt("reported on", f.reported_on.clone())?;
    opt("url", f.url.clone())?;
    opt("lang", f.lang.clone())?;
    opt(
        "document",
        f.source_doc.map(|d| {
            format!(
                "{} bytes {}..{}",
                claims_core::model::Hash(d.doc).short(),
                d.start,
                d.end
            )
        }),
    )?;
    opt("note", v.note.clone())?;
    Ok(())
}

/// Shows a claim's head.
pub fn show(ws: Workspace, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let (v, n) = ws.show(id)?;
    let passage = match &v.fields.source_doc {
        Some(d) => ws.passage(d)?,
        None => None,
    };
    let others: Vec<_> = ws.heads_of(id)?.into_iter().skip(1).collect();
    let findings = ws.findings(&[], &[v.claim.to_string()])?;
    if json {
        let mut j = render::claim_json(&v, Some(n));
        j["findings"] = serde_json::to_value(&findings)?;
        if let Some(p) = &passage {
            j["document"]["passage"] = p.as_str().into();
        }
        if !others.is_empty() {
            j["divergent"] = others.iter().map(|o| render::claim_json(o, None)).collect();
        }
        render::json(&j)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = render::stdout();
    writeln!(
        out,
        "{}claim {}",
        if v.is_retracted() { "retracted " } else { "" },
        render::styled(ID, v.claim.as_str())
    )?;
    writeln!(
        out,
        "{}",
        render::styled(
            DIM,
            &format!("version {} of {n}  {}  {}", v.seq, v.hash, v.recorded_at)
        )
    )?;
    print_fields(&mut out, &v)?;
    if let Some(p) = passage {
        writeln!(out, "{}     {}", render::styled(DIM, "passage"), p.trim())?;
    }
    if !others.is_empty() {
        writeln!(
            out,
            "diverged: {} heads, edited independently; `claims edit {}` merges them",
            others.len() + 1,
            v.claim.short()
        )?;
        for o in &others {
            writeln!(
                out,
                "  other head: version {} {}  {}  {}",
                o.seq,
                render::styled(ID, &o.hash.short()),
                o.recorded_at,
                render::clip(&o.fields.text, 60)
            )?;
        }
    }
    drop(out);
    if !findings.is_empty() {
        outln!("{}", render::styled(DIM, "findings"));
        for f in &findings {
            let mark = if f.current { "" } else { " (older version)" };
            super::check::print_finding(&f.recorded.finding, mark)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Lists claims.
pub fn list(ws: Workspace, a: ListArgs) -> anyhow::Result<ExitCode> {
    let filter = a.filter.to_filter();
    if a.json.json {
        // Streamed from the database as read: memory stays flat however many claims match.
        let mut out = render::JsonArray::stdout();
        ws.for_each_export(&filter, false, &mut |versions| {
            out.push(&render::claim_json(&versions[0], None))
                .map_err(|source| claims_core::Error::Io {
                    path: "<stdout>".into(),
                    source,
                })
        })?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let heads = ws.list(&filter)?;
    if heads.is_empty() {
        outln!("No claims match.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(&[
        ("ID", Fit::Whole),
        ("SOURCE", Fit::Prose),
        ("ABOUT", Fit::Whole),
        ("POSITION", Fit::Prose),
        ("SAID", Fit::Whole),
        ("TEXT", Fit::Prose),
    ]);
    for v in &heads {
        let f = &v.fields;
        let position = match (&f.stance, &f.value) {
            (_, Some(val)) => val.clone(),
            (Some(s), None) => s.to_string(),
            (None, None) => String::new(),
        };
        t.add_row(vec![
            id_cell(v),
            render::chain(v),
            f.about.clone().unwrap_or_default(),
            position,
            said_cell(v),
            f.text.clone(),
        ]);
    }
    outln!("{t}");
    Ok(ExitCode::SUCCESS)
}

/// A claim's short id in a table, marked when it was retracted (list, search).
pub(crate) fn id_cell(v: &Version) -> String {
    if v.is_retracted() {
        format!("{} (retracted)", v.claim.short())
    } else {
        v.claim.short().to_string()
    }
}

/// When a claim was said, else reported, in a table (list, search).
pub(crate) fn said_cell(v: &Version) -> String {
    let f = &v.fields;
    f.said_on
        .clone()
        .or_else(|| f.reported_on.clone())
        .unwrap_or_default()
}

/// Shows a claim's history.
pub fn log(ws: Workspace, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let versions = ws.log(id)?;
    let heads: Vec<_> = ws.heads_of(id)?.iter().map(|h| h.hash).collect();
    let head_of = |v: &Version| match heads.iter().position(|h| *h == v.hash) {
        Some(0) => Some("primary"),
        Some(_) => Some("divergent"),
        None => None,
    };
    if json {
        let items: Vec<_> = versions
            .iter()
            .map(|v| {
                let mut j = render::claim_json(v, None);
                j["action"] = v.action.as_str().into();
                if heads.len() > 1 {
                    j["head"] = head_of(v).into();
                }
                j["by"] = serde_json::to_value(ws.written_by(v).ok().flatten()).unwrap_or_default();
                j
            })
            .collect();
        render::json(&items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = render::stdout();
    let n = versions.len();
    for (i, v) in versions.iter().rev().enumerate() {
        let mark = match head_of(v) {
            Some("primary") => "@",
            Some(_) => "◇",
            None => "○",
        };
        writeln!(
            out,
            "{mark} v{} {}  {}  {}",
            v.seq,
            render::styled(ID, &v.hash.short()),
            v.recorded_at,
            if v.is_retracted() {
                "retracted"
            } else if v.seq == 1 {
                "recorded"
            } else if !v.merged.is_empty() {
                "merged"
            } else {
                "corrected"
            }
        )?;
        if head_of(v) == Some("divergent") {
            writeln!(
                out,
                "│ another head: edited independently of the one marked @"
            )?;
        }
        if let Some(e) = ws.written_by(v)? {
            let email = e.email.map(|m| format!(" <{m}>")).unwrap_or_default();
            let signed = e.key.map_or_else(
                || "unsigned".to_string(),
                |k| format!("signed {}", &k[..20]),
            );
            writeln!(
                out,
                "│ by {}{email}, log entry #{} ({signed})",
                e.analyst, e.seq
            )?;
        }
        if let Some(note) = &v.note {
            writeln!(out, "│ note: {note}")?;
        }
        writeln!(
            out,
            "│ {}: {}",
            render::chain(v),
            render::clip(&v.fields.text, 70)
        )?;
        if i + 1 < n {
            writeln!(out, "│")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
