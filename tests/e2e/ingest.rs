//! `claims ingest` with the shipped `news-article` parser: dry runs read English and Arabic
//! articles through source aliases, ingesting records claims with their passages once, and
//! unresolved names or a non-UTF-8 document are refused without changing anything.

use serde_json::Value;

use crate::plugin_support::*;
use crate::support::{Ws, assert_json_shape, is_hash};

/// An Arabic article of our own, with the same kinds of attribution: قالت، نقلت ... عن، نفى،
/// رفضت التعليق.
const AR_ARTICLE: &str = "توقف حركة القطارات بعد عاصفة رملية

قالت وزارة الداخلية إن الطرق السريعة ستبقى مغلقة حتى صباح الغد.

ونقلت وكالة الأنباء الإماراتية عن وزارة الداخلية أن فرق الإنقاذ أجلت عشرين عائلة من المناطق المتضررة.

ونفى سالم ناصر أن تكون السلطات قد تأخرت في إصدار التحذيرات.

ورفضت شركة القطارات التعليق.
";

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
    let report = only_report(&v);
    assert_eq!(report["dry_run"], true, "{report}");
    assert_eq!(report["added"], 0, "{report}");
    report["claims"]
        .as_array()
        .unwrap_or_else(|| panic!("a report lists its claims: {report}"))
        .clone()
}

/// `ingest --json` prints one array of per-file reports, whatever the number of files or
/// --dry-run: the only report of a one-file run.
fn only_report(v: &Value) -> Value {
    let reports = v
        .as_array()
        .unwrap_or_else(|| panic!("ingest --json prints an array: {v}"));
    assert_eq!(reports.len(), 1, "{v}");
    reports[0].clone()
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
    let declines: Vec<&Value> = claims.iter().filter(|c| c["stance"] == "neutral").collect();
    assert_eq!(declines.len(), 1, "{claims:#?}");
    assert_claim(declines[0], decliner, &[], "neutral");
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
    assert_json_shape!("ingest_dry_run_json", &claims);
    assert_claim(
        claim_with(&claims, "ferry crossings would stay suspended"),
        "harbour-authority",
        &[],
        "supports",
    );
    // A citing B: origin B via [A].
    assert_claim(
        claim_with(&claims, "dock workers were treated"),
        "health-ministry",
        &["reuters"],
        "supports",
    );
    assert_claim(
        claim_with(&claims, "the warning had come too late"),
        "tom-brack",
        &[],
        "refutes",
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
        "supports",
    );
    // نقلت A عن B: origin B via [A].
    assert_claim(
        claim_with(&claims, "فرق الإنقاذ أجلت عشرين عائلة"),
        "interior-ministry",
        &["wam"],
        "supports",
    );
    assert_claim(
        claim_with(&claims, "تأخرت في إصدار التحذيرات"),
        "salem-nasser",
        &[],
        "refutes",
    );
}

#[test]
fn news_article_ingest_records_claims_with_their_passages_and_reingesting_adds_nothing() {
    let ws = news_ws(DECLINERS);
    ws.file("ferry.txt", EN_ARTICLE);
    ws.file("sandstorm.txt", AR_ARTICLE);
    for (file, doc) in [("ferry.txt", EN_ARTICLE), ("sandstorm.txt", AR_ARTICLE)] {
        let dry = dry_run(&ws, file);
        let report = only_report(&json_with(
            &ws,
            &[],
            &["ingest", file, "--parser", "news-article", "--json"],
        ));
        let doc_hash = report["document"]
            .as_str()
            .expect("document hash")
            .to_string();
        assert!(is_hash(&doc_hash), "{report}");
        if file == "ferry.txt" {
            assert_json_shape!("ingest_json", &report);
        }
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
                "supports" => "supports",
                "refutes" => "refutes",
                "neutral" => "neutral",
                other => panic!("unexpected stance {other}"),
            };
            assert_eq!(shown["stance"], stance, "{shown}");
        }

        // The same document again: nothing new, and nothing about the workspace changes.
        let before = ws.state();
        let counts = stored_counts(&ws);
        let again = only_report(&json_with(
            &ws,
            &[],
            &["ingest", file, "--parser", "news-article", "--json"],
        ));
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
        .find(|c| c["stance"] == "neutral")
        .unwrap_or_else(|| panic!("no refusal to comment in {claims:#?}"));
    assert_eq!(decline["resolved"], false, "{decline}");
    assert_eq!(decline["origin"], "The ferry operator", "{decline}");
    assert_eq!(
        claims.iter().filter(|c| c["resolved"] == false).count(),
        1,
        "{claims:#?}"
    );

    // Refused, naming the name; nothing recorded, nothing stored.
    let line = refused(&ws, &["ingest", "ferry.txt", "--parser", "news-article"]);
    assert!(
        line.contains("The ferry operator") && line.contains("--create-sources"),
        "{line}"
    );

    // --create-sources declares it and records everything.
    let toml_before = ws.toml();
    let report = only_report(&json_with(
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
    ));
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
        .find(|c| c["stance"] == "neutral")
        .unwrap();
    assert_eq!(recorded["origin"], key.as_str());
    let shown = ws.show(recorded["id"].as_str().unwrap());
    assert_eq!(shown["source"], key.as_str());
}

#[test]
fn ingesting_a_document_that_is_not_utf8_is_refused() {
    let ws = news_ws(DECLINERS);
    let mut bytes = EN_ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe broken\n");
    std::fs::write(ws.path().join("latin.txt"), bytes).unwrap();
    ws.ok(&["plugin", "add", libs().news_article.to_str().unwrap()]);
    let line = refused(&ws, &["ingest", "latin.txt", "--parser", "news-article"]);
    assert!(
        line.contains("latin.txt") && line.contains("UTF-8"),
        "{line}"
    );
}

#[test]
fn ingest_json_is_one_array_of_file_reports_whatever_the_files_or_dry_run() {
    let ws = news_ws(DECLINERS);
    ws.file("ferry.txt", EN_ARTICLE);
    ws.file("trains.txt", AR_ARTICLE);
    for dry in [true, false] {
        let mut args = vec![
            "ingest",
            "ferry.txt",
            "trains.txt",
            "--parser",
            "news-article",
            "--json",
        ];
        if dry {
            args.push("--dry-run");
        }
        let v = json_with(&ws, &[], &args);
        let reports = v.as_array().unwrap_or_else(|| panic!("{v}"));
        assert_eq!(reports.len(), 2, "{v}");
        for (r, file) in reports.iter().zip(["ferry.txt", "trains.txt"]) {
            assert_eq!(r["file"], file, "{r}");
            assert_eq!(r["dry_run"], dry, "{r}");
            assert!(is_hash(r["document"].as_str().unwrap()), "{r}");
            let claims = r["claims"].as_array().unwrap();
            assert!(!claims.is_empty(), "{r}");
            // One stance vocabulary: the parser's speech acts arrive as supports/refutes/neutral.
            for c in claims {
                let stance = c["stance"].as_str().unwrap();
                assert!(["supports", "refutes", "neutral"].contains(&stance), "{c}");
            }
            let added = r["added"].as_u64().unwrap();
            assert_eq!(added, if dry { 0 } else { claims.len() as u64 }, "{r}");
        }
    }
}
