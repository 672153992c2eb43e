//! `claims trust`

use claims_core::Workspace;
use claims_core::scoring::truth::Method;
use std::process::ExitCode;

use crate::render::{self, Fit};

/// Prints source reliability and proposition confidence, or each method's accuracy.
pub fn run(
    ws: Workspace,
    method: Method,
    eval: bool,
    limit: Option<usize>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if eval {
        let progress = render::Progress::spinner("scoring every method against the verdicts");
        let scores = ws.evaluate()?;
        drop(progress);
        if json {
            render::json(&scores)?;
        } else {
            let mut t = render::table(&[
                ("METHOD", Fit::Whole),
                ("JUDGED", Fit::Whole),
                ("CORRECT", Fit::Whole),
                ("ACCURACY", Fit::Whole),
            ]);
            for s in &scores {
                t.add_row(vec![
                    s.method.to_string(),
                    s.judged.to_string(),
                    s.correct.to_string(),
                    s.accuracy
                        .map_or("n/a".into(), |a| format!("{:.1}%", a * 100.0)),
                ]);
            }
            if scores.iter().all(|s| s.judged == 0) {
                outln!(
                    "No verdict settles a proposition yet: record some with `claims verdict KEY --rating ...`."
                );
            }
            outln!("{t}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let progress = render::Progress::spinner("estimating trust");
    let mut r = ws.trust(method)?;
    drop(progress);
    // Counted before cutting, so the summary line speaks of the whole run.
    let (sources, propositions) = (r.sources.len(), r.propositions.len());
    let more_sources = render::keep_first(&mut r.sources, limit);
    let more_props = render::keep_first(&mut r.propositions, limit);
    if json {
        render::json(&r)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{}: {} sources, {} propositions, {} iteration{}{}, {:.3} s",
        r.method,
        sources,
        propositions,
        r.iterations,
        if r.iterations == 1 { "" } else { "s" },
        if r.converged { " (converged)" } else { "" },
        r.seconds
    );
    let mut t = render::table(&[
        ("SOURCE", Fit::Whole),
        ("TRUST", Fit::Whole),
        ("CLAIMS", Fit::Whole),
    ]);
    for s in &r.sources {
        t.add_row(vec![
            s.source.clone(),
            format!("{:.3}", s.trust),
            s.claims.to_string(),
        ]);
    }
    outln!("{t}");
    render::more_line(more_sources, "sources")?;
    let mut t = render::table(&[
        ("PROPOSITION", Fit::Whole),
        ("BEST VALUE", Fit::Prose),
        ("CONFIDENCE", Fit::Whole),
        ("OTHERS", Fit::Whole),
    ]);
    for p in &r.propositions {
        let Some(best) = p.values.first() else {
            continue;
        };
        t.add_row(vec![
            p.about.clone(),
            best.value.clone(),
            format!("{:.3}", best.confidence),
            (p.values.len() - 1).to_string(),
        ]);
    }
    outln!("{t}");
    render::more_line(more_props, "propositions")?;
    Ok(ExitCode::SUCCESS)
}
