//! `claims search`

use claims_core::Workspace;
use claims_core::search::Snippet;
use std::process::ExitCode;

use crate::args::SearchArgs;
use crate::commands::claim::{id_cell, said_cell};
use crate::render::{self, Fit, INSERT};

/// How many results `search` shows without `--limit`.
const DEFAULT_LIMIT: usize = 20;

/// Finds claims by their words and prints them best first, each with its matched words shown.
pub fn run(ws: Workspace, a: SearchArgs) -> anyhow::Result<ExitCode> {
    let mut filter = a.filter.to_filter();
    filter.limit = filter.limit.or(Some(DEFAULT_LIMIT));
    let hits = ws.search(&a.query, &filter, a.stance)?;
    if a.json.json {
        let mut out = render::JsonArray::stdout();
        for (i, h) in hits.iter().enumerate() {
            out.push(&serde_json::json!({
                "id": h.version.claim.as_str(),
                "rank": i + 1,
                "score": (-h.score * 1e4).round() / 1e4,
                "snippet": h.snippet.text,
                "highlights": h.snippet.highlights,
                "claim": render::claim_json(&h.version, None),
            }))?;
        }
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        outln!("No claims match.");
        return Ok(ExitCode::SUCCESS);
    }
    let colour = render::stdout_colored();
    let mut t = render::table(&[
        ("ID", Fit::Whole),
        ("SOURCE", Fit::Prose),
        ("ABOUT", Fit::Whole),
        ("SAID", Fit::Whole),
        ("TEXT", Fit::Prose),
    ]);
    for h in &hits {
        let v = &h.version;
        t.add_row(vec![
            id_cell(v),
            render::chain(v),
            v.fields.about.clone().unwrap_or_default(),
            said_cell(v),
            marked(&h.snippet, colour),
        ]);
    }
    outln!("{t}");
    Ok(ExitCode::SUCCESS)
}

/// A snippet with its matched words highlighted on a colour terminal, else in `[` `]`.
fn marked(s: &Snippet, colour: bool) -> String {
    s.marked(|w| {
        if colour {
            render::styled(INSERT, w)
        } else {
            format!("[{w}]")
        }
    })
}
