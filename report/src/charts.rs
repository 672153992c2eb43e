//! The report's pictures, drawn here as inline SVG (nothing to load): the agreement heatmap,
//! the timeline and the relay graph. Each says in the page when it shows only part of the data.

use std::collections::{BTreeMap, HashMap};

use claims_core::agree::KappaMatrix;
use claims_core::report::{ClaimHistory, Relay};
use claims_core::scoring::truth::Method;
use maud::{Markup, html};

use crate::part;

/// Most sources the heatmap shows: past this, cells get too small to read.
pub const MATRIX_CAP: usize = 40;
/// Most rows (origins) the timeline shows.
pub const TIMELINE_CAP: usize = 30;
/// Most sources the relay graph shows.
pub const GRAPH_CAP: usize = 40;
/// Most claim ids a chart's tooltip lists.
const TOOLTIP_IDS: usize = 8;

/// One line on what a truth-discovery method does, so the page names its method in words.
pub fn method_summary(m: Method) -> &'static str {
    match m {
        Method::Majority => {
            "each value's share of the votes; a source's trust is how often it sides with the majority."
        }
        Method::Sums => {
            "Hubs and Authorities (Sums): a source is as trustworthy as the belief in the values it gives, and the reverse, iterated."
        }
        Method::AverageLog => {
            "Pasternack & Roth's AverageLog: Sums with a source's trust averaged over its claims and scaled by the log of their number."
        }
        Method::Investment => {
            "Pasternack & Roth's Investment: each source invests its trust evenly in the values it claims and earns it back in proportion to how those values fare."
        }
        Method::PooledInvestment => {
            "Pasternack & Roth's PooledInvestment: Investment with the belief pooled within each proposition."
        }
        Method::TruthFinder => {
            "Yin, Han & Yu's TruthFinder: a value's confidence from the trust of the sources giving it, a source's trust the mean confidence of its values."
        }
        Method::Crh => {
            "Li et al.'s CRH: sources weighted by how far they sit from the current truths (0-1 loss), iterated."
        }
    }
}

/// Shortens a label for a chart, keeping it whole when it fits.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The `cap` heaviest names (ties by name), how many there were, and each kept name's rank: the
/// one rule for which part of a large chart is drawn.
fn top(counts: HashMap<&str, u64>, cap: usize) -> (Vec<(&str, u64)>, usize, HashMap<&str, usize>) {
    let mut ranked: Vec<(&str, u64)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let all = ranked.len();
    ranked.truncate(cap);
    let index = ranked
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect();
    (ranked, all, index)
}

/// A kappa in [-1, 1] as a fill: blue for agreement, red for disagreement, white at zero.
fn kappa_fill(k: f64) -> String {
    let k = k.clamp(-1.0, 1.0);
    let (r, g, b) = if k >= 0.0 {
        (33, 102, 172)
    } else {
        (178, 24, 43)
    };
    let t = k.abs();
    let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * t).round() as u8;
    format!("rgb({},{},{})", mix(r), mix(g), mix(b))
}

/// The sources kept when there are more than `cap`: those sharing the most propositions with
/// others (ties by name), shown in name order.
fn matrix_keep(m: &KappaMatrix, cap: usize) -> Vec<usize> {
    let n = m.sources.len();
    if n <= cap {
        return (0..n).collect();
    }
    let mut by_shared: Vec<(u64, usize)> = (0..n)
        .map(|i| (m.shared[i].iter().map(|&s| u64::from(s)).sum(), i))
        .collect();
    by_shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut keep: Vec<usize> = by_shared.into_iter().take(cap).map(|(_, i)| i).collect();
    keep.sort_unstable();
    keep
}

/// The source x source kappa heatmap (`claims agree --matrix`).
pub fn agreement_section(m: &KappaMatrix) -> Markup {
    let keep = matrix_keep(m, MATRIX_CAP);
    let n = keep.len();
    let (cell, left, top) = (26.0, 170.0, 130.0);
    let size = cell * n as f64;
    let (w, h) = (left + size + 10.0, top + size + 10.0);
    part(
        "agreement",
        html! {
            p.note { "Cohen's kappa between each pair of sources over the propositions both took a position on (each source's latest standing position): what " code { "claims agree --matrix" } " computes. +1 always agree, 0 as often as chance, −1 always disagree; blank: no shared proposition; n/a: undefined." }
            @if n == 0 {
                p { "No two sources took a position on the same proposition." }
            } @else {
                @if n < m.sources.len() {
                    p.cap { strong { "Showing " (n) " of " (m.sources.len()) " sources" } ": those sharing the most propositions with others. " code { "claims agree" } " lists every pair." }
                }
                figure.heatmap {
                    svg role="img" aria-label="Agreement heatmap" width=(w) height=(h) viewBox={ "0 0 " (w) " " (h) } font-size="11" {
                        @for (r, &i) in keep.iter().enumerate() {
                            @let y = top + cell * r as f64;
                            text x=(left - 6.0) y=(y + cell * 0.65) text-anchor="end" { title { (m.sources[i]) } (clip(&m.sources[i], 24)) }
                            text transform={ "translate(" (left + cell * r as f64 + cell * 0.6) "," (top - 6.0) ") rotate(-55)" } { title { (m.sources[i]) } (clip(&m.sources[i], 20)) }
                            @for (c, &j) in keep.iter().enumerate() {
                                @let x = left + cell * c as f64;
                                @let shared = m.shared[i][j];
                                g.cell data-a=(m.sources[i]) data-b=(m.sources[j]) {
                                    @if i == j {
                                        rect x=(x) y=(y) width=(cell) height=(cell) fill="#d9d9d9" stroke="#fff" {}
                                    } @else if shared == 0 {
                                        rect x=(x) y=(y) width=(cell) height=(cell) fill="#fff" stroke="#e3e3e3" {}
                                    } @else {
                                        title { (m.sources[i]) " × " (m.sources[j]) ": kappa " (m.kappa[i][j].map_or("n/a".to_string(), |k| format!("{k:+.2}"))) " over " (shared) " shared proposition" @if shared != 1 { "s" } }
                                        rect x=(x) y=(y) width=(cell) height=(cell) fill=(m.kappa[i][j].map_or("#f0f0f0".to_string(), kappa_fill)) stroke="#fff" {}
                                        text x=(x + cell / 2.0) y=(y + cell * 0.64) text-anchor="middle" font-size="8.5"
                                            fill=(if m.kappa[i][j].is_some_and(|k| k.abs() > 0.6) { "#fff" } else { "#111" }) {
                                            (m.kappa[i][j].map_or("n/a".to_string(), |k| format!("{:+.1}", k)))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD...`), for placing it on an axis.
fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of a day number (inverse of [`day_number`]).
fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Who said what when: one row per origin, a filled dot where it said something (said_on), a
/// ring where an outlet reported it (reported_on); dots grow with the number of claims.
pub fn timeline_section(claims: &[ClaimHistory]) -> Markup {
    // (origin, day, reported?) -> claim ids
    let mut marks: BTreeMap<(&str, i64, bool), Vec<&str>> = BTreeMap::new();
    let mut per_origin: HashMap<&str, u64> = HashMap::new();
    let mut undated = 0usize;
    for c in claims {
        let h = c.head();
        let f = &h.fields;
        let said = f.said_on.as_deref().and_then(day_number);
        let reported = f.reported_on.as_deref().and_then(day_number);
        if said.is_none() && reported.is_none() {
            undated += 1;
            continue;
        }
        *per_origin.entry(f.origin.as_str()).or_default() += 1;
        for (day, is_reported) in [(said, false), (reported, true)] {
            if let Some(day) = day {
                marks
                    .entry((f.origin.as_str(), day, is_reported))
                    .or_default()
                    .push(h.claim.as_str());
            }
        }
    }
    let (origins, all_origins, row) = top(per_origin, TIMELINE_CAP);
    let days = marks.keys().map(|k| k.1);
    let (first, last) = (days.clone().min().unwrap_or(0), days.max().unwrap_or(0));
    let span = (last - first).max(1) as f64;
    let (left, right, top, row_h) = (170.0, 30.0, 30.0, 24.0);
    let plot_w = 760.0;
    let w = left + plot_w + right;
    let h = top + row_h * origins.len() as f64 + 40.0;
    let x_of = |day: i64| left + plot_w * (day - first) as f64 / span;
    let ticks = 6.min((last - first).max(1));
    part(
        "timeline",
        html! {
            p.note { "Who said what when: one row per origin; a filled dot on the day it said something (" code { "said_on" } "), a ring on the day it was reported (" code { "reported_on" } "). A bigger dot is more claims; hover for their ids." }
            @if undated > 0 { p.muted { (undated) " claim" @if undated != 1 { "s carry" } @else { " carries" } " no date and " @if undated != 1 { "are" } @else { "is" } " not placed." } }
            @if origins.is_empty() {
                p { "No claim carries a date." }
            } @else {
                @if all_origins > origins.len() {
                    p.cap { strong { "Showing " (origins.len()) " of " (all_origins) " origins" } ": those with the most dated claims." }
                }
                figure.timeline {
                    svg role="img" aria-label="Timeline" width=(w) height=(h) viewBox={ "0 0 " (w) " " (h) } font-size="11" {
                        @for i in 0..=ticks {
                            @let day = first + (last - first) * i / ticks.max(1);
                            @let x = x_of(day);
                            line x1=(x) x2=(x) y1=(top - 8.0) y2=(h - 30.0) stroke="#e0e0e0" {}
                            text x=(x) y=(h - 14.0) text-anchor="middle" { (date_of(day)) }
                        }
                        @for (i, (o, n)) in origins.iter().enumerate() {
                            @let y = top + row_h * i as f64 + row_h / 2.0;
                            line x1=(left) x2=(left + plot_w) y1=(y) y2=(y) stroke="#f0f0f0" {}
                            text x=(left - 8.0) y=(y + 4.0) text-anchor="end" { title { (o) ": " (n) " dated claim" @if *n != 1 { "s" } } (clip(o, 24)) }
                        }
                        @for ((o, day, reported), ids) in &marks {
                            @if let Some(&r) = row.get(o) {
                                @let y = top + row_h * r as f64 + row_h / 2.0;
                                @let radius = (3.5 + 1.6 * ((ids.len() - 1) as f64).sqrt()).min(10.0);
                                g.mark data-origin=(o) data-date=(date_of(*day)) {
                                    title {
                                        (o) @if *reported { " reported " } @else { " said " } (date_of(*day)) ": " (ids.len()) " claim" @if ids.len() != 1 { "s" }
                                        @for id in ids.iter().take(TOOLTIP_IDS) { " " (&id[..12]) }
                                        @if ids.len() > TOOLTIP_IDS { " and " (ids.len() - TOOLTIP_IDS) " more" }
                                    }
                                    @if *reported {
                                        circle cx=(x_of(*day)) cy=(y) r=(radius) fill="none" stroke="#1f4e79" stroke-width="1.6" {}
                                    } @else {
                                        circle cx=(x_of(*day)) cy=(y) r=(radius) fill="#1f4e79" fill-opacity="0.8" {}
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Layers for a layered drawing of a directed graph: back edges (found by depth-first search
/// from the heaviest nodes) are set aside so cycles do not loop, then each node sits one layer
/// right of its furthest predecessor.
fn layers(n: usize, edges: &[(usize, usize)]) -> (Vec<usize>, Vec<bool>) {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (e, &(a, b)) in edges.iter().enumerate() {
        out[a].push((b, e));
    }
    // 0 unvisited, 1 on the stack, 2 done
    let mut state = vec![0u8; n];
    let mut back = vec![false; edges.len()];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, e)) = out[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    // Longest path over the forward edges, in topological order (Kahn).
    let mut indeg = vec![0usize; n];
    for (e, &(_, b)) in edges.iter().enumerate() {
        if !back[e] {
            indeg[b] += 1;
        }
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    while let Some(a) = ready.pop() {
        for &(b, e) in &out[a] {
            if back[e] {
                continue;
            }
            layer[b] = layer[b].max(layer[a] + 1);
            indeg[b] -= 1;
            if indeg[b] == 0 {
                ready.push(b);
            }
        }
    }
    (layer, back)
}

/// Each node's row within its layer: the first layer by weight (the order nodes come in), each
/// later one by the mean row of its predecessors, so arrows cross less.
fn order_layers(
    layer: &[usize],
    depth: usize,
    edges: &[(usize, usize)],
    back: &[bool],
) -> Vec<usize> {
    let mut slot = vec![0usize; layer.len()];
    for l in 0..depth.max(1) {
        let mut members: Vec<(f64, usize)> = (0..layer.len())
            .filter(|&i| layer[i] == l)
            .map(|i| {
                let preds: Vec<f64> = edges
                    .iter()
                    .zip(back)
                    .filter(|((a, b), back)| *b == i && !**back && layer[*a] < l)
                    .map(|((a, _), _)| slot[*a] as f64)
                    .collect();
                let key = if preds.is_empty() {
                    i as f64
                } else {
                    preds.iter().sum::<f64>() / preds.len() as f64
                };
                (key, i)
            })
            .collect();
        members.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        for (row, (_, i)) in members.into_iter().enumerate() {
            slot[i] = row;
        }
    }
    slot
}

/// Who relays whom: an arrow from a source to the source its word reached us through, thicker
/// for more claims, laid out in layers (originators left, relays to their right).
pub fn relay_section(relays: &[Relay]) -> Markup {
    let mut weight: HashMap<&str, u64> = HashMap::new();
    for r in relays {
        *weight.entry(&r.from).or_default() += u64::from(r.claims);
        *weight.entry(&r.to).or_default() += u64::from(r.claims);
    }
    let (nodes, all_nodes, index) = top(weight, GRAPH_CAP);
    let shown: Vec<&Relay> = relays
        .iter()
        .filter(|r| index.contains_key(r.from.as_str()) && index.contains_key(r.to.as_str()))
        .collect();
    let edges: Vec<(usize, usize)> = shown
        .iter()
        .map(|r| (index[r.from.as_str()], index[r.to.as_str()]))
        .collect();
    let (layer, back) = layers(nodes.len(), &edges);
    let depth = layer.iter().copied().max().map_or(0, |d| d + 1);
    let slot = order_layers(&layer, depth, &edges, &back);
    let mut per_layer = vec![0usize; depth.max(1)];
    for &l in &layer {
        per_layer[l] += 1;
    }
    let tallest = per_layer.iter().copied().max().unwrap_or(0);
    let (node_w, node_h, col_w, row_h, pad) = (130.0, 24.0, 200.0, 38.0, 20.0);
    let w = pad * 2.0 + col_w * depth.saturating_sub(1) as f64 + node_w;
    let h = pad * 2.0 + row_h * tallest as f64;
    let pos = |i: usize| (pad + col_w * layer[i] as f64, pad + row_h * slot[i] as f64);
    let most = shown.iter().map(|r| r.claims).max().unwrap_or(1).max(1);
    part(
        "relays",
        html! {
            p.note { "Who cites whom, from the claims' chains (" code { "origin ← via ← via" } " in each standing claim): an arrow from a source to the one that relayed its word; thicker for more claims. Originators stand left, relays to their right; a dashed arc closes a cycle." }
            @if nodes.is_empty() {
                p { "No claim reached us through another source." }
            } @else {
                @if all_nodes > nodes.len() {
                    p.cap { strong { "Showing " (nodes.len()) " of " (all_nodes) " sources" } ": those in the most relayed claims." }
                }
                figure.relay-graph {
                    svg role="img" aria-label="Relay graph" width=(w) height=(h) viewBox={ "0 0 " (w) " " (h) } font-size="11" {
                        defs {
                            marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse" {
                                path d="M 0 0 L 10 5 L 0 10 z" fill="#333" {}
                            }
                        }
                        @for (e, r) in shown.iter().enumerate() {
                            @let (a, b) = edges[e];
                            @let ((ax, ay), (bx, by)) = (pos(a), pos(b));
                            @let width = 1.0 + 3.0 * f64::from(r.claims) / f64::from(most);
                            g.edge data-from=(r.from) data-to=(r.to) {
                                title { (r.from) " → " (r.to) ": " (r.claims) " claim" @if r.claims != 1 { "s" } }
                                @if back[e] || layer[b] <= layer[a] {
                                    path d={ "M " (ax + node_w / 2.0) " " (ay) " C " (ax + node_w / 2.0) " " (ay - 30.0) ", " (bx + node_w / 2.0) " " (by - 30.0) ", " (bx + node_w / 2.0) " " (by) }
                                        fill="none" stroke="#555" stroke-width=(width) stroke-dasharray="4 3" marker-end="url(#arrow)" {}
                                } @else {
                                    line x1=(ax + node_w) y1=(ay + node_h / 2.0) x2=(bx) y2=(by + node_h / 2.0) stroke="#555" stroke-width=(width) marker-end="url(#arrow)" {}
                                }
                            }
                        }
                        @for (i, (key, n)) in nodes.iter().enumerate() {
                            @let (x, y) = pos(i);
                            g.node data-source=(key) {
                                title { (key) ": in " (n) " relayed claim link" @if *n != 1 { "s" } }
                                rect x=(x) y=(y) width=(node_w) height=(node_h) rx="4" fill="#f4f4f2" stroke="#1b1b1b" {}
                                text x=(x + node_w / 2.0) y=(y + node_h * 0.68) text-anchor="middle" { (clip(key, 19)) }
                            }
                        }
                    }
                }
                div.scroll { table.relays {
                    thead { tr { th { "from" } th { "relayed by" } th.num { "claims" } } }
                    tbody { @for r in relays {
                        tr { td { bdi { (r.from) } } td { bdi { (r.to) } } td.num { (r.claims) } }
                    } }
                } }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for d in [
            "1970-01-01",
            "2000-02-29",
            "2023-09-04",
            "2024-12-31",
            "1969-07-20",
        ] {
            assert_eq!(date_of(day_number(d).unwrap()), d);
        }
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("2023-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn cycles_do_not_loop_and_chains_go_right() {
        // 0 -> 1 -> 2 -> 0 (a cycle) and 0 -> 3
        let (layer, back) = layers(4, &[(0, 1), (1, 2), (2, 0), (0, 3)]);
        assert_eq!(back, [false, false, true, false]);
        assert_eq!(layer, [0, 1, 2, 1]);
    }

    #[test]
    fn the_matrix_keeps_the_most_shared_sources_in_name_order() {
        let n = 5;
        let mut shared = vec![vec![0u32; n]; n];
        // source 4 shares most, then 0, then 2
        for (a, b, s) in [(4, 0, 9), (4, 2, 5), (0, 2, 1), (1, 3, 1)] {
            shared[a][b] = s;
            shared[b][a] = s;
        }
        let m = KappaMatrix {
            sources: (0..n).map(|i| format!("s{i}")).collect(),
            kappa: vec![vec![None; n]; n],
            shared,
        };
        assert_eq!(matrix_keep(&m, 3), [0, 2, 4]);
        assert_eq!(matrix_keep(&m, 9), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn kappa_colours_run_from_red_through_white_to_blue() {
        assert_eq!(kappa_fill(0.0), "rgb(255,255,255)");
        assert_eq!(kappa_fill(1.0), "rgb(33,102,172)");
        assert_eq!(kappa_fill(-1.0), "rgb(178,24,43)");
    }
}
