//! Plugins end to end: real libraries (the shipped `news-article` and `basic-checks`, the C
//! example, the faulty test plugin) built once and loaded by the real `claims` binary, isolated
//! in worker processes or in-process, pinned by blake3.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::plugin_support::{
    assert_no_process_left, copy_lib, json_with, libs, listed, plugin_decl, run, sorted,
    stored_counts, strings, texts,
};
use crate::support::{Ws, is_hash, one_error_line};

// ---------------------------------------------------------------------------------------------
// news-article
// ---------------------------------------------------------------------------------------------

/// An English article of our own: a statement through an alias, a relayed statement (Reuters
/// citing the health ministry), a denial and a refusal to comment.
const EN_ARTICLE: &str = "Ferry service halted after storm damages pier

The port authority said on Tuesday that all ferry crossings would stay suspended until the pier is repaired.

Reuters, citing the health ministry, reported that three dock workers were treated for minor injuries.

Tom Brack, the harbour master, denied that the warning had come too late.

The ferry operator declined to comment.
";

/// An Arabic article of our own, with the same kinds of attribution: قالت، نقلت ... عن، نفى،
/// رفضت التعليق.
const AR_ARTICLE: &str = "توقف حركة القطارات بعد عاصفة رملية

قالت وزارة الداخلية إن الطرق السريعة ستبقى مغلقة حتى صباح الغد.

ونقلت وكالة الأنباء الإماراتية عن وزارة الداخلية أن فرق الإنقاذ أجلت عشرين عائلة من المناطق المتضررة.

ونفى سالم ناصر أن تكون السلطات قد تأخرت في إصدار التحذيرات.

ورفضت شركة القطارات التعليق.
";

/// Sources for both articles; keys and names differ from the names the articles use, so each
/// one resolves only through an alias.
const NEWS_SOURCES: &str = r#"[workspace]
name = "plugins-news"

[sources.reuters]
name = "Thomson Reuters news agency"
kind = "agency"
aliases = ["Reuters"]

[sources.health-ministry]
name = "Ministry of Health"
kind = "government"
aliases = ["the health ministry"]

[sources.harbour-authority]
name = "Dunmore Harbour Board"
kind = "official"
aliases = ["the port authority"]

[sources.tom-brack]
name = "Thomas Brack"
kind = "person"
aliases = ["Tom Brack"]

[sources.wam]
name = "Emirates News Agency"
kind = "agency"
aliases = ["وكالة الأنباء الإماراتية", "وام"]

[sources.interior-ministry]
name = "Ministry of Interior"
kind = "government"
aliases = ["وزارة الداخلية"]

[sources.salem-nasser]
name = "Salem Nasser"
kind = "official"
aliases = ["سالم ناصر"]
"#;

/// Sources for the names the articles decline to comment through.
const DECLINERS: &str = r#"
[sources.dunmore-ferries]
name = "Dunmore Ferries"
kind = "company"
aliases = ["The ferry operator"]

[sources.rail-company]
name = "National Rail Company"
kind = "company"
aliases = ["شركة القطارات"]
"#;

/// A workspace declaring the news sources (plus `extra`) and the news-article plugin by path.
fn news_ws(extra: &str) -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{NEWS_SOURCES}{extra}{}",
        plugin_decl("news-article", &libs().news_article, "")
    ));
    ws
}

/// The claim whose text contains `needle`; exactly one must.
fn claim_with<'a>(claims: &'a [Value], needle: &str) -> &'a Value {
    let found: Vec<&Value> = claims
        .iter()
        .filter(|c| c["text"].as_str().is_some_and(|t| t.contains(needle)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one claim with {needle:?} in its text, got {found:#?} among {claims:#?}"
    );
    found[0]
}

/// Asserts every claim's span is a byte range of `doc`, on character boundaries, whose slice
/// contains the claim's text.
fn assert_spans(doc: &str, claims: &[Value]) {
    assert!(!claims.is_empty());
    for c in claims {
        let start = c["span"]["start"].as_u64().expect("span.start") as usize;
        let end = c["span"]["end"].as_u64().expect("span.end") as usize;
        assert!(start < end && end <= doc.len(), "bad span in {c}");
        assert!(
            doc.is_char_boundary(start) && doc.is_char_boundary(end),
            "span cuts a character: {c}"
        );
        let text = c["text"].as_str().expect("text");
        assert!(
            doc[start..end].contains(text),
            "document[{start}..{end}] = {:?} does not contain the text {text:?}",
            &doc[start..end]
        );
    }
}

/// Asserts a claim's origin, relays and stance.
#[track_caller]
fn assert_claim(c: &Value, origin: &str, via: &[&str], stance: &str) {
    assert_eq!(c["origin"], origin, "origin of {c}");
    assert_eq!(strings(&c["via"]), via, "via of {c}");
    assert_eq!(c["stance"], stance, "stance of {c}");
}

/// `ingest FILE --parser news-article --dry-run --json`.
fn dry_run(ws: &Ws, file: &str) -> Vec<Value> {
    let v = json_with(
        ws,
        &[],
        &[
            "ingest",
            file,
            "--parser",
            "news-article",
            "--dry-run",
            "--json",
        ],
    );
    v.as_array()
        .unwrap_or_else(|| panic!("dry run prints an array: {v}"))
        .clone()
}

/// Dry-runs `file` (holding `text`) and checks what any dry run of these articles must hold:
/// spans point into the text, exactly one claim declines and comes from `decliner`, every claim
/// is resolved, in `lang`, new-less and id-less, and nothing is recorded or stored. Returns the
/// claims for the article's own assertions.
fn checked_dry_run(ws: &Ws, file: &str, text: &str, decliner: &str, lang: &str) -> Vec<Value> {
    ws.file(file, text);
    let before = ws.state();
    let counts = stored_counts(ws);

    let claims = dry_run(ws, file);
    assert_spans(text, &claims);
    let declines: Vec<&Value> = claims
        .iter()
        .filter(|c| c["stance"] == "declines")
        .collect();
    assert_eq!(declines.len(), 1, "{claims:#?}");
    assert_claim(declines[0], decliner, &[], "declines");
    for c in &claims {
        assert_eq!(c["resolved"], true, "{c}");
        assert_eq!(c["new"], false, "a dry run records nothing: {c}");
        assert!(c.get("id").is_none(), "a dry run gives no ids: {c}");
        assert_eq!(c["lang"], lang, "{c}");
    }

    assert_eq!(ws.state(), before, "a dry run must record nothing");
    assert_eq!(stored_counts(ws), counts, "a dry run stores no document");
    claims
}

#[test]
fn news_article_dry_run_reads_an_english_article_through_aliases() {
    let ws = news_ws(DECLINERS);
    let claims = checked_dry_run(&ws, "ferry.txt", EN_ARTICLE, "dunmore-ferries", "en");
    assert_claim(
        claim_with(&claims, "ferry crossings would stay suspended"),
        "harbour-authority",
        &[],
        "asserts",
    );
    // A citing B: origin B via [A].
    assert_claim(
        claim_with(&claims, "dock workers were treated"),
        "health-ministry",
        &["reuters"],
        "asserts",
    );
    assert_claim(
        claim_with(&claims, "the warning had come too late"),
        "tom-brack",
        &[],
        "denies",
    );
}

#[test]
fn news_article_dry_run_reads_an_arabic_article_through_aliases() {
    let ws = news_ws(DECLINERS);
    let claims = checked_dry_run(&ws, "sandstorm.txt", AR_ARTICLE, "rail-company", "ar");
    assert_claim(
        claim_with(&claims, "الطرق السريعة ستبقى مغلقة"),
        "interior-ministry",
        &[],
        "asserts",
    );
    // نقلت A عن B: origin B via [A].
    assert_claim(
        claim_with(&claims, "فرق الإنقاذ أجلت عشرين عائلة"),
        "interior-ministry",
        &["wam"],
        "asserts",
    );
    assert_claim(
        claim_with(&claims, "تأخرت في إصدار التحذيرات"),
        "salem-nasser",
        &[],
        "denies",
    );
}

#[test]
fn news_article_ingest_records_claims_with_their_passages_and_reingesting_adds_nothing() {
    let ws = news_ws(DECLINERS);
    ws.file("ferry.txt", EN_ARTICLE);
    ws.file("sandstorm.txt", AR_ARTICLE);
    for (file, doc) in [("ferry.txt", EN_ARTICLE), ("sandstorm.txt", AR_ARTICLE)] {
        let dry = dry_run(&ws, file);
        let report = json_with(
            &ws,
            &[],
            &["ingest", file, "--parser", "news-article", "--json"],
        );
        let doc_hash = report["document"]
            .as_str()
            .expect("document hash")
            .to_string();
        assert!(is_hash(&doc_hash), "{report}");
        assert_eq!(report["new_document"], true, "{report}");
        assert_eq!(report["parser"], "news-article");
        let claims = report["claims"].as_array().expect("claims").clone();
        assert_eq!(
            claims.len(),
            dry.len(),
            "the dry run showed what is recorded"
        );
        assert_eq!(report["added"], claims.len() as u64, "{report}");
        assert_eq!(report["unchanged"], 0);
        assert_spans(doc, &claims);

        for c in &claims {
            assert_eq!(c["new"], true, "{c}");
            let id = c["id"].as_str().expect("a recorded claim has an id");
            let shown = ws.show(id);
            let start = c["span"]["start"].as_u64().unwrap() as usize;
            let end = c["span"]["end"].as_u64().unwrap() as usize;
            assert_eq!(shown["document"]["hash"], doc_hash.as_str(), "{shown}");
            assert_eq!(shown["document"]["span"]["start"], start as u64);
            assert_eq!(shown["document"]["span"]["end"], end as u64);
            assert_eq!(
                shown["document"]["passage"],
                &doc[start..end],
                "show's passage is the span's slice: {shown}"
            );
            assert_eq!(shown["text"], c["text"]);
            assert_eq!(shown["source"], c["origin"]);
            assert_eq!(shown["via"], c["via"]);
            let stance = match c["stance"].as_str().unwrap() {
                "asserts" => "supports",
                "denies" => "refutes",
                "declines" => "neutral",
                other => panic!("unexpected stance {other}"),
            };
            assert_eq!(shown["stance"], stance, "{shown}");
        }

        // The same document again: nothing new, and nothing about the workspace changes.
        let before = ws.state();
        let counts = stored_counts(&ws);
        let again = json_with(
            &ws,
            &[],
            &["ingest", file, "--parser", "news-article", "--json"],
        );
        assert_eq!(again["added"], 0, "{again}");
        assert_eq!(again["unchanged"], claims.len() as u64, "{again}");
        assert_eq!(again["new_document"], false, "{again}");
        let ids = |v: &Value| -> Vec<String> {
            v["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&again), ids(&report), "the same claims, by id");
        assert_eq!(ws.state(), before, "re-ingesting must add nothing");
        assert_eq!(stored_counts(&ws), counts);
    }
    assert_eq!(
        ws.list_all().len(),
        dry_run(&ws, "ferry.txt").len() + dry_run(&ws, "sandstorm.txt").len()
    );
}

#[test]
fn news_article_ingest_refuses_unresolved_names_unless_told_to_create_them() {
    // No source for "The ferry operator".
    let ws = news_ws("");
    ws.file("ferry.txt", EN_ARTICLE);

    let claims = dry_run(&ws, "ferry.txt");
    let decline = claims
        .iter()
        .find(|c| c["stance"] == "declines")
        .unwrap_or_else(|| panic!("no refusal to comment in {claims:#?}"));
    assert_eq!(decline["resolved"], false, "{decline}");
    assert_eq!(decline["origin"], "The ferry operator", "{decline}");
    assert_eq!(
        claims.iter().filter(|c| c["resolved"] == false).count(),
        1,
        "{claims:#?}"
    );

    // Refused, naming the name; nothing recorded, nothing stored.
    let before = ws.state();
    let counts = stored_counts(&ws);
    let out = run(
        &ws,
        &[],
        &["ingest", "ferry.txt", "--parser", "news-article"],
    );
    let line = one_error_line(&out);
    assert!(
        line.contains("The ferry operator") && line.contains("--create-sources"),
        "{line}"
    );
    assert_eq!(ws.state(), before, "a refused ingest changes nothing");
    assert_eq!(stored_counts(&ws), counts);

    // --create-sources declares it and records everything.
    let toml_before = ws.toml();
    let report = json_with(
        &ws,
        &[],
        &[
            "ingest",
            "ferry.txt",
            "--parser",
            "news-article",
            "--create-sources",
            "--json",
        ],
    );
    assert_eq!(strings(&report["unresolved"]), ["The ferry operator"]);
    let created = strings(&report["created_sources"]);
    assert_eq!(created.len(), 1, "{report}");
    let key = &created[0];
    assert_eq!(report["added"], claims.len() as u64, "{report}");
    let toml = ws.toml();
    // Every line of the old file is still there, in order.
    let mut rest = toml.lines();
    for line in toml_before.lines() {
        assert!(
            rest.any(|l| l == line),
            "line {line:?} was lost or moved:\n{toml}"
        );
    }
    assert!(toml.contains(&format!("[sources.{key}]")), "{toml}");
    let sources = json_with(&ws, &[], &["source", "list", "--json"]);
    let declared = sources
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key.as_str())
        .unwrap_or_else(|| panic!("{key} not declared: {sources}"));
    assert_eq!(declared["name"], "The ferry operator");
    let recorded = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stance"] == "declines")
        .unwrap();
    assert_eq!(recorded["origin"], key.as_str());
    let shown = ws.show(recorded["id"].as_str().unwrap());
    assert_eq!(shown["source"], key.as_str());
}

#[test]
fn a_parser_is_not_a_check_and_a_check_is_not_a_parser() {
    let ws = news_ws(DECLINERS);
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl("basic-checks", &libs().basic_checks, ""));
    ws.write_toml(&toml);
    ws.file("ferry.txt", EN_ARTICLE);
    // Pin both first, so the refusals are the only thing on stderr.
    ws.ok(&["plugin", "add", libs().news_article.to_str().unwrap()]);
    ws.ok(&["plugin", "add", libs().basic_checks.to_str().unwrap()]);
    let before = ws.state();

    let line = one_error_line(&run(
        &ws,
        &[],
        &["ingest", "ferry.txt", "--parser", "basic-checks"],
    ));
    assert!(
        line.contains("basic-checks") && line.contains("not a parser"),
        "{line}"
    );
    let line = one_error_line(&run(&ws, &[], &["check", "--plugin", "news-article"]));
    assert!(
        line.contains("news-article") && line.contains("not a check"),
        "{line}"
    );
    assert_eq!(ws.state(), before);
}

#[test]
fn a_library_that_calls_itself_by_another_name_is_refused_and_not_pinned() {
    let ws = news_ws("");
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl("desk-rules", &libs().basic_checks, ""));
    ws.write_toml(&toml);
    let before = ws.state();
    let counts = stored_counts(&ws);
    let line = one_error_line(&run(&ws, &[], &["check", "--plugin", "desk-rules"]));
    assert!(
        line.contains("`desk-rules`") && line.contains("calls itself `basic-checks`"),
        "{line}"
    );
    assert_eq!(ws.state(), before);
    assert_eq!(stored_counts(&ws), counts);
    assert_eq!(listed(&ws, "list", "desk-rules")["state"], "unpinned");
}

#[test]
fn ingesting_a_document_that_is_not_utf8_is_refused() {
    let ws = news_ws(DECLINERS);
    let mut bytes = EN_ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe broken\n");
    std::fs::write(ws.path().join("latin.txt"), bytes).unwrap();
    ws.ok(&["plugin", "add", libs().news_article.to_str().unwrap()]);
    let before = ws.state();
    let counts = stored_counts(&ws);
    let line = one_error_line(&run(
        &ws,
        &[],
        &["ingest", "latin.txt", "--parser", "news-article"],
    ));
    assert!(
        line.contains("latin.txt") && line.contains("UTF-8"),
        "{line}"
    );
    assert_eq!(ws.state(), before);
    assert_eq!(stored_counts(&ws), counts);
}

// ---------------------------------------------------------------------------------------------
// basic-checks
// ---------------------------------------------------------------------------------------------

const CHECK_SOURCES: &str = r#"[workspace]
name = "plugins-checks"

[sources.bbc]
name = "BBC"
kind = "outlet"

[sources.afp]
name = "AFP"
kind = "agency"

[sources.reuters]
name = "Reuters"
kind = "agency"

[sources.tipster-a]
name = "A person familiar with the matter"
kind = "anonymous"

[sources.tipster-b]
name = "Officials who asked not to be named"
kind = "anonymous"

[sources.tass]
name = "TASS"
kind = "agency"
state_affiliated = true

[sources.kremlin]
name = "The Kremlin"
kind = "government"

[sources.mayor]
name = "Mayor Ilse Varga"
kind = "person"
"#;

/// A workspace with the check sources and basic-checks declared by path.
fn checks_ws() -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{CHECK_SOURCES}{}",
        plugin_decl("basic-checks", &libs().basic_checks, "")
    ));
    ws
}

/// `add` with flags; the new claim's id.
fn add(ws: &Ws, flags: &[&str]) -> String {
    ws.add(flags)
}

/// The findings of `check --plugin NAME [IDS] --json`, after checking the report's frame.
fn check_json(ws: &Ws, plugin: &str, ids: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "--plugin", plugin, "--json"];
    args.extend_from_slice(ids);
    let report = json_with(ws, &[], &args);
    assert_eq!(strings(&report["plugins"]), [plugin], "{report}");
    let findings = report["findings"].as_array().expect("findings").clone();
    for f in &findings {
        assert_eq!(f["plugin"], plugin, "{f}");
    }
    findings
}

/// Asserts each finding's `versions` are the head hashes `show --json` gives for its claims.
fn assert_versions_are_heads(ws: &Ws, findings: &[Value]) {
    for f in findings {
        let claims = strings(&f["claims"]);
        let versions = strings(&f["versions"]);
        assert_eq!(claims.len(), versions.len(), "{f}");
        for (id, v) in claims.iter().zip(&versions) {
            assert!(is_hash(v), "{f}");
            assert_eq!(
                ws.show(id)["version"],
                v.as_str(),
                "finding {f} names the head"
            );
        }
    }
}

#[test]
fn basic_checks_reports_each_rule_on_the_claims_that_trigger_it() {
    let ws = checks_ws();
    let single = add(
        &ws,
        &[
            "--source",
            "bbc",
            "--about",
            "p-single",
            "--stance",
            "supports",
            "--text",
            "The council approved the new budget",
        ],
    );
    let anon_a = add(
        &ws,
        &[
            "--source",
            "tipster-a",
            "--about",
            "p-anon",
            "--stance",
            "supports",
            "--text",
            "The merger talks have stalled",
        ],
    );
    let anon_b = add(
        &ws,
        &[
            "--source",
            "tipster-b",
            "--via",
            "reuters",
            "--about",
            "p-anon",
            "--stance",
            "supports",
            "--text",
            "Talks on the merger are stuck",
        ],
    );
    let state_a = add(
        &ws,
        &[
            "--source",
            "tass",
            "--about",
            "p-state",
            "--stance",
            "supports",
            "--text",
            "The exercise was purely defensive",
        ],
    );
    let state_b = add(
        &ws,
        &[
            "--source",
            "kremlin",
            "--about",
            "p-state",
            "--stance",
            "supports",
            "--text",
            "The drills posed no threat to anyone",
        ],
    );
    let circular = add(
        &ws,
        &[
            "--source",
            "bbc",
            "--via",
            "afp",
            "--via",
            "bbc",
            "--text",
            "The harbour will reopen next month",
        ],
    );
    let quote_a = add(
        &ws,
        &[
            "--source",
            "mayor",
            "--via",
            "bbc",
            "--about",
            "p-quote",
            "--stance",
            "neutral",
            "--quote",
            "--text",
            "We will not close the library this winter.",
        ],
    );
    let quote_b = add(
        &ws,
        &[
            "--source",
            "mayor",
            "--via",
            "afp",
            "--about",
            "p-quote",
            "--stance",
            "neutral",
            "--quote",
            "--text",
            "We shall not close the library this winter",
        ],
    );
    let late = add(
        &ws,
        &[
            "--source",
            "reuters",
            "--said-on",
            "2024-03-08",
            "--reported-on",
            "2024-03-07",
            "--text",
            "The shipment left the port",
        ],
    );
    ws.ok(&["plugin", "add", libs().basic_checks.to_str().unwrap()]);
    let before = ws.state();

    let findings = check_json(&ws, "basic-checks", &[]);
    let got: Vec<(String, Vec<String>)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                sorted(strings(&f["claims"])),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = vec![
        ("single-voice".into(), vec![single.clone()]),
        ("anonymous-only".into(), sorted(vec![anon_a, anon_b])),
        ("state-only".into(), sorted(vec![state_a, state_b])),
        ("circular-sourcing".into(), vec![circular]),
        ("quote-drift".into(), sorted(vec![quote_a, quote_b])),
        ("date-sanity".into(), vec![late.clone()]),
    ];
    assert_eq!(sorted_pairs(got), sorted_pairs(want), "{findings:#?}");

    let by_rule = |rule: &str| findings.iter().find(|f| f["rule"] == rule).unwrap();
    let drift = by_rule("quote-drift")["message"].as_str().unwrap();
    assert!(
        drift.contains("[-will-]{+shall+}"),
        "quote drift shows a word diff: {drift}"
    );
    assert!(drift.lines().count() > 1, "{drift}");
    let dates = by_rule("date-sanity");
    assert_eq!(dates["severity"], "error");
    let msg = dates["message"].as_str().unwrap();
    assert!(
        msg.contains("2024-03-08") && msg.contains("2024-03-07"),
        "{msg}"
    );
    assert_eq!(by_rule("circular-sourcing")["severity"], "error");
    assert_versions_are_heads(&ws, &findings);

    // Findings are stored, and nothing else changes.
    assert_eq!(ws.state(), before, "checking records no claim version");
    assert_eq!(
        ws.sql_query("SELECT COUNT(*) FROM findings").trim(),
        findings.len().to_string()
    );

    // Only the claims asked for.
    let only = check_json(&ws, "basic-checks", &[&late]);
    assert_eq!(only.len(), 1, "{only:#?}");
    assert_eq!(only[0]["rule"], "date-sanity");
    assert_eq!(strings(&only[0]["claims"]), std::slice::from_ref(&late));

    // A correction makes a new head; the next findings name it.
    ws.ok(&[
        "edit",
        &late,
        "--said-on",
        "2024-03-06",
        "--note",
        "the date was a typo",
    ]);
    let after = check_json(&ws, "basic-checks", &[]);
    assert!(
        after.iter().all(|f| f["rule"] != "date-sanity"),
        "{after:#?}"
    );
    let single_again = after
        .iter()
        .find(|f| f["rule"] == "single-voice")
        .expect("still single-voice");
    assert_eq!(strings(&single_again["claims"]), [single]);
    assert_versions_are_heads(&ws, &after);
}

fn sorted_pairs(mut v: Vec<(String, Vec<String>)>) -> Vec<(String, Vec<String>)> {
    v.sort();
    v
}

#[test]
fn basic_checks_finds_nothing_in_a_well_sourced_workspace() {
    let ws = checks_ws();
    let mut ids = Vec::new();
    for (source, via, text) in [
        ("bbc", None, "The council approved the new budget"),
        (
            "reuters",
            Some("afp"),
            "The budget vote passed on its first reading",
        ),
        ("tass", None, "The budget was approved"),
    ] {
        let mut flags = vec![
            "--source",
            source,
            "--about",
            "p-budget",
            "--stance",
            "supports",
            "--said-on",
            "2024-03-05",
            "--reported-on",
            "2024-03-06",
            "--text",
            text,
        ];
        if let Some(v) = via {
            flags.extend(["--via", v]);
        }
        ids.push(add(&ws, &flags));
    }
    ids.push(add(
        &ws,
        &[
            "--source",
            "mayor",
            "--via",
            "bbc",
            "--about",
            "p-quote",
            "--stance",
            "neutral",
            "--quote",
            "--text",
            "We will not close the library this winter.",
        ],
    ));
    let report = json_with(&ws, &[], &["check", "--plugin", "basic-checks", "--json"]);
    assert_eq!(report["checked"], ids.len() as u64, "{report}");
    assert_eq!(report["findings"], serde_json::json!([]), "{report}");
}

// ---------------------------------------------------------------------------------------------
// The C example
// ---------------------------------------------------------------------------------------------

#[test]
fn the_c_example_is_pinned_by_plugin_add_and_reports_its_findings() {
    let ws = checks_ws();
    let lib = copy_lib(&ws, &libs().example_c, "libexample_c.so");
    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(
        out.contains("example-c"),
        "plugin add names the plugin: {out}"
    );

    let list = json_with(&ws, &[], &["plugin", "list", "--json"]);
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "example-c")
        .unwrap_or_else(|| panic!("example-c not listed: {list}"));
    assert_eq!(entry["state"], "ok", "{entry}");

    let unbalanced = add(
        &ws,
        &[
            "--source",
            "bbc",
            "--text",
            "He called the plan \"reckless and said no more",
        ],
    );
    let short = add(&ws, &["--source", "afp", "--text", "no"]);
    let long_text = "The committee reviewed the report line by line. ".repeat(14);
    let long = add(&ws, &["--source", "reuters", "--text", long_text.trim()]);
    let fine = add(
        &ws,
        &[
            "--source",
            "bbc",
            "--text",
            "The budget was approved \"as is\"",
        ],
    );

    let findings = check_json(&ws, "example-c", &[]);
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let claims = strings(&f["claims"]);
            assert_eq!(claims.len(), 1, "{f}");
            (f["rule"].as_str().unwrap().to_string(), claims[0].clone())
        })
        .collect();
    got.sort();
    let mut want = vec![
        ("unbalanced-quotes".to_string(), unbalanced),
        ("blank-text".to_string(), short),
        ("long-text".to_string(), long),
    ];
    want.sort();
    assert_eq!(got, want, "{findings:#?}");
    assert!(
        findings
            .iter()
            .all(|f| !strings(&f["claims"]).contains(&fine)),
        "{findings:#?}"
    );
    assert_versions_are_heads(&ws, &findings);
}

// ---------------------------------------------------------------------------------------------
// Isolation: a misbehaving plugin costs its worker, never the workspace
// ---------------------------------------------------------------------------------------------

/// A workspace with a few claims, a document to ingest, and the faulty plugin declared (timeout
/// 1 s) and already pinned, so a failing run's stderr holds only its error.
fn faulty_ws(extra: &str) -> Ws {
    let ws = checks_ws();
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl(
        "faulty",
        &libs().faulty,
        &format!("timeout = 1\n{extra}"),
    ));
    ws.write_toml(&toml);
    add(
        &ws,
        &[
            "--source",
            "bbc",
            "--about",
            "p-budget",
            "--stance",
            "supports",
            "--text",
            "The council approved the new budget",
        ],
    );
    add(
        &ws,
        &[
            "--source",
            "afp",
            "--text",
            "The harbour will reopen next month",
        ],
    );
    ws.file("doc.txt", EN_ARTICLE);
    let out = ws.ok(&["plugin", "add", libs().faulty.to_str().unwrap()]);
    assert!(out.contains("faulty"), "{out}");
    ws
}

/// The commands a fault is provoked with: the plugin is both a check and a parser.
const FAULT_COMMANDS: [&[&str]; 2] = [
    &["check", "--plugin", "faulty", "--json"],
    &["ingest", "doc.txt", "--parser", "faulty", "--json"],
];

/// Runs each command with the fault; returns (elapsed, output) after checking the exit status,
/// the last stderr line (naming the plugin and containing `cause`) and that nothing changed.
fn provoke(ws: &Ws, fault: &str, cause: &str) -> Vec<(Duration, std::process::Output)> {
    let before = ws.state();
    let counts = stored_counts(ws);
    let mut outs = Vec::new();
    for args in FAULT_COMMANDS {
        let marker = format!("{}-{fault}-{}", std::process::id(), args[0]);
        let started = Instant::now();
        let out = run(
            ws,
            &[("CLAIMS_TEST_FAULT", fault), ("CLAIMS_E2E_MARK", &marker)],
            args,
        );
        let elapsed = started.elapsed();
        assert_no_process_left(&marker);
        let (stdout, stderr) = texts(&out);
        assert!(
            !out.status.success(),
            "{fault}: claims {args:?} should fail; stderr: {stderr}"
        );
        assert!(
            out.status.code().is_some(),
            "{fault}: claims itself must not die by a signal: {:?}",
            out.status
        );
        assert!(stdout.is_empty(), "{fault}: nothing on stdout: {stdout}");
        let last = stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with("error: plugin `faulty`") && last.contains(cause),
            "{fault}: claims {args:?}: the error names the plugin and {cause:?}: {stderr:?}"
        );
        assert_eq!(
            ws.state(),
            before,
            "{fault}: claims {args:?} changed the workspace"
        );
        assert_eq!(
            stored_counts(ws),
            counts,
            "{fault}: claims {args:?} stored something"
        );
        outs.push((elapsed, out));
    }
    // The plugin itself still works once it behaves.
    let report = json_with(ws, &[("CLAIMS_TEST_FAULT", "ok")], FAULT_COMMANDS[0]);
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    outs
}

/// [`provoke`], also requiring exactly one line on stderr.
fn provoke_one_line(fault: &str, cause: &str) -> Vec<(Duration, std::process::Output)> {
    let ws = faulty_ws("");
    let outs = provoke(&ws, fault, cause);
    for (_, out) in &outs {
        one_error_line(out);
    }
    outs
}

#[test]
fn a_plugin_that_aborts_is_a_one_line_error_naming_sigabrt() {
    provoke_one_line("abort", "crashed: killed by SIGABRT");
}

#[test]
fn a_plugin_that_segfaults_is_a_one_line_error_naming_sigsegv() {
    provoke_one_line("segfault", "crashed: killed by SIGSEGV");
}

#[test]
fn a_plugin_that_hangs_times_out_after_the_declared_timeout() {
    for (elapsed, _) in provoke_one_line("hang", "timed out after 1 s") {
        assert!(
            elapsed < Duration::from_secs(8),
            "the 1 s timeout was not enforced: {elapsed:?}"
        );
    }
}

#[test]
fn a_plugin_returning_invalid_json_is_a_one_line_error() {
    provoke_one_line("invalid-json", "returned invalid JSON");
}

#[test]
fn a_plugin_with_the_wrong_abi_version_is_refused_on_one_line() {
    provoke_one_line(
        "wrong-abi",
        "ABI version 42, but this claims expects version 1",
    );
}

#[test]
fn a_plugin_that_panics_is_reported_and_changes_nothing() {
    let ws = faulty_ws("");
    provoke(
        &ws,
        "panic",
        "reported an error: panicked: deliberate panic",
    );
}

#[test]
fn a_plugin_that_panics_is_a_one_line_error() {
    provoke_one_line("panic", "panicked: deliberate panic");
}

#[test]
fn a_plugin_printing_to_stdout_does_not_corrupt_the_output() {
    let ws = faulty_ws("");
    let report = json_with(&ws, &[("CLAIMS_TEST_FAULT", "noisy")], FAULT_COMMANDS[0]);
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    let out = run(&ws, &[("CLAIMS_TEST_FAULT", "noisy")], FAULT_COMMANDS[0]);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("debugging output a plugin should not print"),
        "the plugin's stdout goes to stderr: {stderr:?}"
    );
}

#[test]
fn isolation_none_loads_the_plugin_into_claims_itself() {
    let ws = faulty_ws("isolation = \"none\"\n");
    let report = json_with(&ws, &[("CLAIMS_TEST_FAULT", "ok")], FAULT_COMMANDS[0]);
    assert_eq!(strings(&report["plugins"]), ["faulty"]);
    assert_eq!(report["checked"], 2, "{report}");
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    assert_eq!(report["findings"][0]["claims"].as_array().unwrap().len(), 2);
    let dry = json_with(
        &ws,
        &[("CLAIMS_TEST_FAULT", "ok")],
        &[
            "ingest",
            "doc.txt",
            "--parser",
            "faulty",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(dry[0]["text"], EN_ARTICLE, "{dry}");

    // In-process too, a wrong ABI and garbage are one-line errors that change nothing.
    let before = ws.state();
    let counts = stored_counts(&ws);
    for (fault, cause) in [
        (
            "wrong-abi",
            "ABI version 42, but this claims expects version 1",
        ),
        ("invalid-json", "returned invalid JSON"),
    ] {
        for args in FAULT_COMMANDS {
            let line = one_error_line(&run(&ws, &[("CLAIMS_TEST_FAULT", fault)], args));
            assert!(
                line.starts_with("error: plugin `faulty`") && line.contains(cause),
                "{fault}: {line}"
            );
            assert_eq!(ws.state(), before);
            assert_eq!(stored_counts(&ws), counts);
        }
    }

    // Proof that it ran in-process: its segfault is claims' own.
    let out = run(&ws, &[("CLAIMS_TEST_FAULT", "segfault")], FAULT_COMMANDS[0]);
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            out.status.signal(),
            Some(11),
            "in-process, a segfault ends claims: {:?}",
            out.status
        );
    }
    #[cfg(not(unix))]
    assert!(!out.status.success());
    assert_eq!(ws.state(), before);
}

// ---------------------------------------------------------------------------------------------
// Pinning
// ---------------------------------------------------------------------------------------------

fn append_bytes(lib: &Path) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(lib)
        .expect("open the library");
    f.write_all(b"\0tampered\0").expect("append");
}

#[test]
fn a_pinned_library_whose_bytes_changed_is_refused_until_trusted() {
    let ws = checks_ws();
    // Not declared: the pin alone says where the library is.
    ws.write_toml(CHECK_SOURCES);
    add(
        &ws,
        &[
            "--source",
            "bbc",
            "--about",
            "p-single",
            "--stance",
            "supports",
            "--text",
            "The council approved the new budget",
        ],
    );
    let lib = copy_lib(&ws, &libs().basic_checks, "libcopied_checks.so");
    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(out.contains("basic-checks"), "{out}");
    let pinned = listed(&ws, "list", "basic-checks");
    assert_eq!(pinned["state"], "ok", "{pinned}");
    let hash = pinned["pinned"].as_str().expect("pinned hash").to_string();
    assert!(is_hash(&hash), "{pinned}");
    assert_eq!(pinned["actual"], hash.as_str(), "{pinned}");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&lib).unwrap()
    );
    ws.ok(&["plugin", "verify"]);
    assert_eq!(check_json(&ws, "basic-checks", &[]).len(), 1);

    append_bytes(&lib);
    let changed = listed(&ws, "list", "basic-checks");
    assert_eq!(changed["state"], "changed", "{changed}");

    // verify: non-zero, naming it.
    let out = run(&ws, &[], &["plugin", "verify"]);
    let (_, stderr) = texts(&out);
    assert!(!out.status.success(), "verify must fail: {stderr}");
    assert!(
        stderr.contains("basic-checks") && stderr.contains("changed"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");

    // check: refused, workspace unchanged, nothing stored.
    let before = ws.state();
    let counts = stored_counts(&ws);
    let line = one_error_line(&run(&ws, &[], &["check", "--plugin", "basic-checks"]));
    assert!(
        line.contains("basic-checks") && line.contains("pinned hash"),
        "{line}"
    );
    assert!(
        line.contains(&hash),
        "the message names the pinned hash: {line}"
    );
    assert_eq!(ws.state(), before);
    assert_eq!(stored_counts(&ws), counts);

    // trust: accepted again, at the new bytes.
    ws.ok(&["plugin", "trust", "basic-checks"]);
    let trusted = listed(&ws, "list", "basic-checks");
    assert_eq!(trusted["state"], "ok", "{trusted}");
    assert_ne!(trusted["pinned"], hash.as_str(), "{trusted}");
    assert_eq!(trusted["pinned"], changed["actual"], "{trusted}");
    ws.ok(&["plugin", "verify"]);
    assert_eq!(check_json(&ws, "basic-checks", &[]).len(), 1);
}

#[test]
fn undeclared_plugins_are_found_on_the_search_path_in_order() {
    let claim = [
        "--source",
        "bbc",
        "--text",
        "He called the plan \"reckless and said no more",
    ];
    let file = crate::plugin_support::lib_file("example_c");

    // .claims/plugins/ of the workspace.
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    let id = add(&ws, &claim);
    let local = ws.path().join(".claims").join("plugins");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::copy(&libs().example_c, local.join(&file)).unwrap();
    ws.ok(&["plugin", "allow", "example-c"]);
    let out = run(&ws, &[], &["check", "--plugin", "example-c", "--json"]);
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["findings"][0]["rule"], "unbalanced-quotes",
        "{report}"
    );
    assert_eq!(strings(&report["findings"][0]["claims"]), [id]);
    let pinned = listed(&ws, "list", "example-c");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(local.join(&file)).unwrap(),
        "{pinned}"
    );

    // CLAIMS_PLUGIN_PATH comes before .claims/plugins/ (which here holds garbage).
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    add(&ws, &claim);
    let local = ws.path().join(".claims").join("plugins");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(local.join(&file), b"not a library").unwrap();
    let env_dir = ws.path().join("from-env");
    std::fs::create_dir_all(&env_dir).unwrap();
    std::fs::copy(&libs().example_c, env_dir.join(&file)).unwrap();
    let env = [("CLAIMS_PLUGIN_PATH", env_dir.to_str().unwrap())];
    assert!(
        run(&ws, &env, &["plugin", "allow", "example-c"])
            .status
            .success()
    );
    let report = json_with(
        &ws,
        &[("CLAIMS_PLUGIN_PATH", env_dir.to_str().unwrap())],
        &["check", "--plugin", "example-c", "--json"],
    );
    assert_eq!(
        report["findings"][0]["rule"], "unbalanced-quotes",
        "{report}"
    );

    // Beside the claims executable: the shipped plugins cargo built there.
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    add(
        &ws,
        &[
            "--source",
            "bbc",
            "--about",
            "p-single",
            "--stance",
            "supports",
            "--text",
            "The council approved the new budget",
        ],
    );
    let findings = check_json(&ws, "basic-checks", &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "single-voice");
    // Shipped plugins run unallowed, so nothing records them; allowing one lists it.
    ws.ok(&["plugin", "allow", "basic-checks"]);
    let pinned = listed(&ws, "list", "basic-checks");
    assert_eq!(pinned["shipped"], true, "{pinned}");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&libs().basic_checks).unwrap(),
        "{pinned}"
    );
}

// ---------------------------------------------------------------------------------------------
// plugin new
// ---------------------------------------------------------------------------------------------

#[test]
fn plugin_new_scaffolds_a_crate_that_builds_and_loads() {
    let ws = checks_ws();
    add(
        &ws,
        &[
            "--source",
            "bbc",
            "--text",
            "The council approved the new budget",
        ],
    );
    let dir = ws.path().join("scaffolded");
    let out = ws.ok(&[
        "plugin",
        "new",
        "desk-check",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert!(out.contains("desk-check"), "{out}");
    assert!(dir.join("Cargo.toml").is_file());

    // The workspace's lock file pins the SDK's dependencies to what is already downloaded.
    std::fs::copy(
        crate::plugin_support::repo_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .expect("copy Cargo.lock");
    let target = ws.path().join("target");
    let started = Instant::now();
    let build = std::process::Command::new(crate::plugin_support::cargo())
        .args(["build", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "the scaffolded crate does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    eprintln!("scaffolded plugin built in {:?}", started.elapsed());
    let lib = target
        .join("debug")
        .join(crate::plugin_support::lib_file("desk_check"));
    assert!(lib.is_file(), "{} not built", lib.display());

    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(out.contains("desk-check"), "{out}");
    let report = json_with(&ws, &[], &["check", "--plugin", "desk-check", "--json"]);
    assert_eq!(strings(&report["plugins"]), ["desk-check"], "{report}");
    assert_eq!(report["checked"], 1, "{report}");
    assert!(report["findings"].is_array(), "{report}");
}
