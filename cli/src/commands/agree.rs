//! `claims agree`

use claims_core::Workspace;
use std::collections::BTreeSet;
use std::process::ExitCode;

use crate::render;

/// Lists source pairs with their agreement, or the source x source kappa table.
pub fn run(ws: Workspace, min_shared: u32, matrix: bool, json: bool) -> anyhow::Result<ExitCode> {
    let pairs = ws.agreement(min_shared)?;
    if matrix {
        let sources: Vec<String> = pairs
            .iter()
            .flat_map(|p| [p.a.clone(), p.b.clone()])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let index = |s: &str| {
            sources
                .binary_search_by(|x| x.as_str().cmp(s))
                .expect("listed")
        };
        let mut cells = vec![vec![None; sources.len()]; sources.len()];
        for p in &pairs {
            let (a, b) = (index(&p.a), index(&p.b));
            cells[a][b] = Some(p);
            cells[b][a] = Some(p);
        }
        if json {
            let kappa: Vec<Vec<Option<f64>>> = cells
                .iter()
                .map(|row| row.iter().map(|c| c.and_then(|p| p.kappa)).collect())
                .collect();
            let shared: Vec<Vec<u32>> = cells
                .iter()
                .map(|row| row.iter().map(|c| c.map_or(0, |p| p.shared)).collect())
                .collect();
            render::json(
                &serde_json::json!({"sources": sources, "kappa": kappa, "shared": shared}),
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        if sources.is_empty() {
            outln!("No two sources addressed the same proposition (min shared {min_shared}).");
            return Ok(ExitCode::SUCCESS);
        }
        // Columns are numbered so the table fits 80 columns however long the keys are.
        let mut header = vec!["#".to_string(), "SOURCE".to_string()];
        header.extend((1..=sources.len()).map(|i| i.to_string()));
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = render::table(&header_refs);
        for (i, s) in sources.iter().enumerate() {
            let mut row = vec![(i + 1).to_string(), render::clip(s, 20)];
            row.extend(cells[i].iter().enumerate().map(|(j, c)| match (i == j, c) {
                (true, _) => "·".to_string(),
                (false, Some(p)) => p.kappa.map_or("n/a".to_string(), |k| format!("{k:+.2}")),
                (false, None) => String::new(),
            }));
            t.add_row(row);
        }
        outln!("Cohen's kappa between sources (blank: no shared proposition; n/a: undefined)");
        outln!("{t}");
        return Ok(ExitCode::SUCCESS);
    }
    if json {
        render::json(&pairs)?;
    } else if pairs.is_empty() {
        outln!("No two sources addressed the same proposition (min shared {min_shared}).");
    } else {
        let mut t = render::table(&[
            "SOURCE A", "SOURCE B", "SHARED", "AGREE", "OBSERVED", "KAPPA",
        ]);
        for p in &pairs {
            t.add_row(vec![
                p.a.clone(),
                p.b.clone(),
                p.shared.to_string(),
                p.agreements.to_string(),
                format!("{:.0}%", p.observed * 100.0),
                p.kappa.map_or("n/a".into(), |k| format!("{k:+.2}")),
            ]);
        }
        outln!("{t}");
    }
    Ok(ExitCode::SUCCESS)
}
