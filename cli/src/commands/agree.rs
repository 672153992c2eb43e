//! `claims agree`

use claims_core::Workspace;
use std::process::ExitCode;

use crate::render::{self, Fit};

/// Lists source pairs with their agreement, or the source x source kappa table.
pub fn run(
    ws: Workspace,
    min_shared: u32,
    matrix: bool,
    limit: Option<usize>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if matrix {
        let progress = render::Progress::spinner("comparing every pair of sources");
        let m = ws.kappa_matrix(min_shared)?;
        drop(progress);
        if json {
            render::json(&m)?;
            return Ok(ExitCode::SUCCESS);
        }
        if m.sources.is_empty() {
            outln!("No two sources addressed the same proposition (min shared {min_shared}).");
            return Ok(ExitCode::SUCCESS);
        }
        // Columns are numbered so the table stays narrow however long the keys are.
        let mut header = vec!["#".to_string(), "SOURCE".to_string()];
        header.extend((1..=m.sources.len()).map(|i| i.to_string()));
        let columns: Vec<(&str, Fit)> = header.iter().map(|h| (h.as_str(), Fit::Whole)).collect();
        let mut t = render::table(&columns);
        for (i, s) in m.sources.iter().enumerate() {
            let mut row = vec![(i + 1).to_string(), s.clone()];
            row.extend((0..m.sources.len()).map(|j| {
                match (i == j, m.shared[i][j], m.kappa[i][j]) {
                    (true, _, _) => "·".to_string(),
                    (false, 0, _) => String::new(),
                    (false, _, Some(k)) => format!("{k:+.2}"),
                    (false, _, None) => "n/a".to_string(),
                }
            }));
            t.add_row(row);
        }
        if t.fits() {
            outln!("Cohen's kappa between sources (blank: no shared proposition; n/a: undefined)");
            outln!("{t}");
            return Ok(ExitCode::SUCCESS);
        }
        outln!(
            "The {} x {0} matrix is wider than this terminal; the same kappas as pairs (--json gives the matrix):",
            m.sources.len()
        );
    }
    let progress = render::Progress::spinner("comparing every pair of sources");
    let mut pairs = ws.kappa_pairs(min_shared)?;
    drop(progress);
    let more = render::keep_first(&mut pairs, limit);
    if json {
        render::json(&pairs)?;
    } else if pairs.is_empty() {
        outln!("No two sources addressed the same proposition (min shared {min_shared}).");
    } else {
        let mut t = render::table(&[
            ("SOURCE A", Fit::Whole),
            ("SOURCE B", Fit::Whole),
            ("SHARED", Fit::Whole),
            ("AGREE", Fit::Whole),
            ("OBSERVED", Fit::Whole),
            ("KAPPA", Fit::Whole),
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
        render::more_line(more, "pairs")?;
    }
    Ok(ExitCode::SUCCESS)
}
