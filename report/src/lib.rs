//! The claims report as one self-contained HTML file: no script, no external style, font or
//! image, and a Content-Security-Policy that forbids fetching anything, so it opens offline and
//! as an email attachment. The data comes gathered from `claims-core`
//! ([`claims_core::report::ReportData`]); this crate only lays it out.
//!
//! Every user string goes through maud's escaping; elements holding user text carry
//! `dir="auto"` (and the claim's `lang`), inline names and keys sit in `<bdi>`, so Arabic reads
//! right to left and mixed Arabic/English lines keep their order.

mod charts;

use claims_core::claims::{DiffOp, FieldChange};
use claims_core::compare::{Comparison, VoiceClaim};
use claims_core::model::{Hash, Version};
use claims_core::report::{ClaimHistory, ReportData};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The page's Content-Security-Policy: nothing may be fetched, only inline style runs, images
/// only from `data:` (there are none; the charts are inline SVG).
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = include_str!("style.css");

/// The sections of the page, in order: (anchor, title).
const SECTIONS: [(&str, &str); 8] = [
    ("workspace", "Workspace"),
    ("propositions", "Propositions"),
    ("agreement", "Agreement between sources"),
    ("timeline", "Timeline"),
    ("relays", "Relay graph"),
    ("trust", "Source trust"),
    ("claims", "Claims"),
    ("findings", "Check findings"),
];

/// Renders the whole report as one HTML document.
pub fn render(data: &ReportData) -> String {
    let title = format!("claims report: {}", data.root.display());
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="claims report";
                // An icon in the page itself, so the browser does not ask for /favicon.ico.
                link rel="icon" href="data:,";
                title dir="auto" { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "Claims report" }
                    p.muted {
                        "Workspace " bdi.mono { (data.root.display().to_string()) }
                        ", gathered " (data.generated_at)
                        @if !data.selected.is_empty() {
                            ". Only the propositions "
                            @for (i, k) in data.selected.iter().enumerate() {
                                @if i > 0 { ", " }
                                bdi.mono { (k) }
                            }
                            " and their claims (agreement, trust and the relay graph's sources cover the whole workspace)"
                        }
                        "."
                    }
                    nav aria-label="Contents" {
                        ol {
                            @for (id, name) in SECTIONS {
                                li { a href={ "#" (id) } { (name) } }
                            }
                        }
                    }
                }
                main {
                    (workspace_section(data))
                    (propositions_section(data))
                    (charts::agreement_section(&data.agreement))
                    (charts::timeline_section(&data.claims))
                    (charts::relay_section(&data.relays))
                    (trust_section(data))
                    (claims_section(data))
                    (findings_section(data))
                }
                footer {
                    "Made by " code { "claims report" } ". Every number here is what the "
                    "command named beside it prints for the same workspace; docs/report.md "
                    "says where each comes from."
                }
            }
        }
    }
    .into_string()
}

/// A source key, isolated so a neighbouring Arabic word cannot reorder it (no tooltip: names
/// are listed once, in the trust table, and a 10,000-claim page cannot carry them per chain).
fn source(key: &str) -> Markup {
    html! { bdi { (key) } }
}

/// A section of the page with its anchor and heading.
fn part(id: &str, body: Markup) -> Markup {
    let title = SECTIONS
        .iter()
        .find(|(i, _)| *i == id)
        .map_or(id, |(_, t)| t);
    html! {
        section.part id=(id) {
            h2 { (title) }
            (body)
        }
    }
}

/// The anchor of a claim's entry.
fn claim_anchor(id: &str) -> String {
    format!("#c-{id}")
}

/// The anchor of a proposition's entry.
fn proposition_anchor(key: &str) -> String {
    format!("#p-{key}")
}

/// `origin ← via ← via`, each source isolated so a chain of Arabic and English names keeps its
/// order.
fn chain(origin: &str, via: &[String]) -> Markup {
    html! {
        span.chain dir="ltr" {
            (source(origin))
            @for v in via { " ← " (source(v)) }
        }
    }
}

fn workspace_section(data: &ReportData) -> Markup {
    let retracted = data
        .claims
        .iter()
        .filter(|c| c.head().is_retracted())
        .count();
    let versions: usize = data.claims.iter().map(|c| c.versions.len()).sum();
    part(
        "workspace",
        html! {
            dl.meta {
                dt { "root" } dd { bdi.mono { (data.root.display().to_string()) } }
                dt { "log head" } dd { code.hash { (data.head.head.to_string()) } }
                dt { "log entries" } dd { (data.head.head.size) }
                @if let Some(e) = &data.head.last {
                    dt { "last entry" }
                    dd {
                        "#" (e.seq) " " (e.kind) " " bdi.mono { (e.subject) } " by "
                        bdi { (e.analyst) }
                        @if let Some(m) = &e.email { " <" bdi { (m) } ">" }
                        " at " (e.at)
                        @match &e.key {
                            Some(k) => { ", signed by " code.hash { (k) } }
                            None => { ", unsigned" }
                        }
                    }
                }
                dt { "claims shown" } dd { (data.claims.len()) " (" (retracted) " retracted), " (versions) " versions" }
                dt { "propositions shown" } dd { (data.propositions.len()) }
                dt { "sources declared" } dd { (data.sources.len()) }
                dt { "findings shown" } dd { (data.findings.len()) }
            }
            p.note { "The log head is what " code { "claims head" } " prints: a colleague holding an older head can check this workspace extends it with " code { "claims fsck --head SIZE:ROOT" } "." }
        },
    )
}

fn propositions_section(data: &ReportData) -> Markup {
    part(
        "propositions",
        html! {
            p.note { "Per proposition, what " code { "claims compare KEY" } " computes: its independent voices (sources joined by " code { "depends_on" } " count once) and their agreement score, with each claim's relay chain (origin ← via …)." }
            @if data.propositions.is_empty() {
                p { "No proposition yet." }
            }
            @for c in &data.propositions {
                (proposition(c))
            }
        },
    )
}

fn proposition(c: &Comparison) -> Markup {
    let p = &c.proposition;
    html! {
        article.proposition id={ "p-" (p.key) } data-key=(p.key) {
            h3 { bdi.mono { (p.key) } " " span.badge { (p.kind.as_str()) } }
            @if let Some(t) = &p.text { p.prop-text dir="auto" { (t) } }
            p {
                @match c.score {
                    Some(s) => { "agreement score " span.score { (format!("{s:+.2}")) } }
                    None => { (c.values.len()) " distinct value" @if c.values.len() != 1 { "s" } }
                }
                " from " (c.voices.len()) " independent voice" @if c.voices.len() != 1 { "s" }
                ", " (p.claims) " standing claim" @if p.claims != 1 { "s" }
            }
            @if !c.values.is_empty() {
                div.scroll { table.values {
                    thead { tr { th { "value" } th.num { "voices" } th.num { "share" } th.num { "score" } } }
                    tbody { @for v in &c.values {
                        tr {
                            td dir="auto" { (v.value) }
                            td.num { (v.voices) }
                            td.num { (format!("{:.0}%", v.share * 100.0)) }
                            td.num { (format!("{:.2}", v.score)) }
                        }
                    } }
                } }
            }
            @if let Some(v) = &c.verdict {
                p.verdict {
                    "verdict: " strong { (v.rating.as_str()) }
                    @if let Some(x) = &v.value { " " bdi { (x) } }
                    " (v" (v.seq) ", " (v.recorded_at) ")"
                    @if let Some(n) = &v.note { ": " span dir="auto" { (n) } }
                }
            }
            @if !c.voices.is_empty() {
                div.scroll { table.voices {
                    thead { tr { th { "voice" } th { "position" } th { "claim" } th { "chain" } th { "said / reported" } } }
                    tbody {
                        @for v in &c.voices {
                            @for (i, cl) in v.claims.iter().enumerate() {
                                tr {
                                    @if i == 0 {
                                        td rowspan=(v.claims.len()) {
                                            @for (j, s) in v.sources.iter().enumerate() {
                                                @if j > 0 { " + " }
                                                (source(s))
                                            }
                                        }
                                        td rowspan=(v.claims.len()) dir="auto" {
                                            @if let Some(s) = v.stance { (s.as_str()) }
                                            @if let Some(x) = &v.value { bdi { (x) } }
                                        }
                                    }
                                    (voice_claim(cl))
                                }
                            }
                        }
                    }
                } }
            }
        }
    }
}

fn voice_claim(cl: &VoiceClaim) -> Markup {
    html! {
        td { a href=(claim_anchor(&cl.id)) { code { (cl.id[..claims_core::model::SHORT_ID_LEN.min(cl.id.len())]) } } }
        td { (chain(&cl.origin, &cl.via)) }
        td.mono { (cl.said_on.as_deref().unwrap_or("–")) " / " (cl.reported_on.as_deref().unwrap_or("–")) }
    }
}

fn trust_section(data: &ReportData) -> Markup {
    let t = &data.trust;
    let names: std::collections::HashMap<&str, &str> = data
        .sources
        .iter()
        .map(|s| (s.key.as_str(), s.name.as_str()))
        .collect();
    part(
        "trust",
        html! {
            p {
                "Method: " strong.method { (t.method) } " — " (charts::method_summary(data.trust_method))
                " " (t.iterations) " iteration" @if t.iterations != 1 { "s" }
                @if t.converged { " (converged)" } @else { " (stopped at its iteration cap)" }
                ". What " code { "claims trust --method " (t.method) } " prints; docs/scoring.md cites the method."
            }
            @if t.sources.is_empty() {
                p { "No source has taken a position on a proposition yet." }
            } @else {
                div.scroll { table.trust {
                    thead { tr { th { "source" } th { "name" } th.num { "trust" } th { "" } th.num { "claims scored" } } }
                    tbody { @for s in &t.sources {
                        tr {
                            td { (source(&s.source)) }
                            td dir="auto" { (names.get(s.source.as_str()).copied().unwrap_or("")) }
                            td.num { (format!("{:.3}", s.trust)) }
                            td { span.bar-track { span.bar style={ "width:" (format!("{:.1}", (s.trust.clamp(0.0, 1.0)) * 100.0)) "%" } {} } }
                            td.num { (s.claims) }
                        }
                    } }
                } }
            }
        },
    )
}

fn claims_section(data: &ReportData) -> Markup {
    part(
        "claims",
        html! {
            p.note { "Every claim, standing and retracted, in the order first recorded: its newest version, every version with its hash (" code { "claims log ID" } ") and what changed from each to the next (" code { "claims diff ID" } ")." }
            @for c in &data.claims { (claim(c)) }
        },
    )
}

fn claim(c: &ClaimHistory) -> Markup {
    let h = c.head();
    let f = &h.fields;
    let id = h.claim.as_str();
    let lang = f.lang.as_deref();
    html! {
        article.claim.retracted[h.is_retracted()] id={ "c-" (id) } {
            h3 {
                code.claim-id { (id) }
                @if h.is_retracted() { " " span.badge.retracted { "retracted" } }
            }
            p.claim-text dir="auto" lang=[lang] {
                @if f.quote { "“" (f.text) "”" } @else { (f.text) }
            }
            dl.meta {
                dt { "chain" } dd { (chain(&f.origin, &f.via)) }
                @if let Some(a) = &f.about {
                    dt { "about" }
                    dd {
                        a href=(proposition_anchor(a)) { bdi.mono { (a) } }
                        @if let Some(s) = f.stance { " — " (s.as_str()) }
                        @if let Some(v) = &f.value { " — value " bdi dir="auto" { (v) } }
                    }
                }
                @if let Some(d) = &f.said_on { dt { "said on" } dd { (d) } }
                @if let Some(d) = &f.reported_on { dt { "reported on" } dd { (d) } }
                @if let Some(u) = &f.url { dt { "url" } dd { bdi.mono.url { (u) } } }
                @if let Some(l) = lang { dt { "language" } dd { (l) } }
            }
            ol.versions {
                @for v in &c.versions {
                    li data-seq=(v.seq) {
                        "v" (v.seq) " " (v.action.as_str()) " " (v.recorded_at) " " code.hash { (v.hash.to_hex()) }
                        @if let Some(n) = &v.note { " " span dir="auto" { (n) } }
                    }
                }
            }
            @for (i, changes) in c.changes.iter().enumerate() {
                (diff(&c.versions[i], &c.versions[i + 1], changes, lang))
            }
        }
    }
}

fn diff(from: &Version, to: &Version, changes: &[FieldChange], lang: Option<&str>) -> Markup {
    let short = |h: &Hash| h.short();
    html! {
        div.diff data-from=(from.seq) data-to=(to.seq) {
            h4 { "v" (from.seq) " " code { (short(&from.hash)) } " → v" (to.seq) " " code { (short(&to.hash)) } }
            @if changes.is_empty() { p.muted { "(no differences)" } }
            ul { @for ch in changes {
                li data-field=(ch.field) {
                    span.muted { (ch.field) ": " }
                    @if !ch.words.is_empty() {
                        span.words dir="auto" lang=[lang] {
                            @for w in &ch.words {
                                @match w.op {
                                    DiffOp::Equal => { (w.text) }
                                    DiffOp::Delete => { del { (w.text) } }
                                    DiffOp::Insert => { ins { (w.text) } }
                                }
                            }
                        }
                    } @else {
                        del dir="auto" { (ch.old.as_deref().unwrap_or("(none)")) }
                        " → "
                        ins dir="auto" { (ch.new.as_deref().unwrap_or("(none)")) }
                    }
                }
            } }
        }
    }
}

fn findings_section(data: &ReportData) -> Markup {
    part(
        "findings",
        html! {
            p.note { "Findings stored by " code { "claims check" } " runs, with the claim versions each looked at (a finding about an older version may no longer hold)." }
            @if data.findings.is_empty() {
                p { "No check has stored a finding." }
            } @else {
                div.scroll { table.findings {
                    thead { tr { th { "severity" } th { "plugin / rule" } th { "message" } th { "claims (version)" } th { "first stored" } } }
                    tbody { @for r in &data.findings {
                        @let f = &r.finding;
                        tr {
                            td { span.badge.(f.severity) { (f.severity) } }
                            td { bdi.mono { (f.plugin) } " / " bdi.mono { (f.rule) } }
                            td dir="auto" { (f.message) }
                            td {
                                @for (i, id) in f.claims.iter().enumerate() {
                                    @if i > 0 { br; }
                                    a href=(claim_anchor(id)) { code { (id.get(..claims_core::model::SHORT_ID_LEN).unwrap_or(id)) } }
                                    @if let Some(v) = f.versions.get(i) { " " code.hash.muted { (v.get(..12).unwrap_or(v)) } }
                                }
                            }
                            td.mono {
                                (r.recorded_at)
                                @if !r.current { br; span.muted { "about an older version" } }
                            }
                        }
                    } }
                } }
            }
        },
    )
}

#[cfg(test)]
mod tests;
