//! Issue 15, the fact-checking side: verdicts that name who ruled and where, ClaimReview and
//! Fact Check Tools imports (every feed shape, all or nothing, idempotent, unmapped labels
//! counted), and ClaimReview exports that re-import to the same propositions and verdicts.

use crate::support::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const FEED: &str = include_str!("fixtures/claimreview_feed.json");
const GRAPH: &str = include_str!("fixtures/claimreview_graph.json");

/// The harbour newsroom's sources: two outlets, a fact-checker, and the publisher exports name.
const TOML: &str = r#"[publisher]
name = "Harbour Check"
url = "https://harbourcheck.example"
lang = "ar"

[sources.harbour-radio]
name = "Harbour Radio"
kind = "outlet"

[sources.mayor]
name = "The Mayor"
kind = "official"

[sources.tahaqquq]
name = "مرصد تحقّق"
kind = "fact-checker"
aliases = ["Tahaqquq"]
"#;

fn ws() -> Ws {
    let ws = Ws::empty();
    ws.write_toml(TOML);
    ws
}

/// `claims about show KEY --json`'s verdicts.
fn verdicts(ws: &Ws, key: &str) -> Vec<Value> {
    as_array(ws.json(&["about", "show", key, "--json"])["verdicts"].clone())
}

/// Every proposition's words -> its key.
fn keys_by_text(ws: &Ws) -> BTreeMap<String, String> {
    as_array(ws.json(&["about", "list", "--json"]))
        .into_iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap_or("").to_string(),
                p["key"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `claims import --format FORMAT FILE --json`'s report.
fn import(ws: &Ws, format: &str, file: &str) -> Value {
    ws.json(&["import", "--format", format, file, "--json"])
}

/// The one error line of an import that fails.
fn import_err(ws: &Ws, format: &str, file: &str) -> String {
    ws.err(&["import", "--format", format, file])
}

/// The report of an import that found everything already recorded.
fn assert_adds_nothing(r: &Value) {
    assert_eq!(
        (r["added"].as_u64(), r["verdicts"].as_u64()),
        (Some(0), Some(0)),
        "{r}"
    );
}

fn head(ws: &Ws) -> String {
    ws.ok(&["head", "--json"])
}

#[test]
fn verdicts_name_the_fact_checker_label_url_and_date_and_stay_valid_everywhere() {
    let ws = ws();
    ws.ok(&[
        "add",
        "--source",
        "mayor",
        "--about",
        "ferries",
        "--stance",
        "supports",
        "--text",
        "ستعود العبّارات إلى العمل غداً",
    ]);
    // An old-style verdict, then one that says who ruled: one chain, the newest counts.
    ws.ok(&[
        "verdict", "ferries", "--rating", "unproven", "--note", "waiting",
    ]);
    let v = ws.json(&[
        "verdict",
        "ferries",
        "--rating",
        "mostly-false",
        "--note",
        "checked",
        "--by",
        "Tahaqquq",
        "--label",
        "زائف جزئياً",
        "--url",
        "https://tahaqquq.example/r/1",
        "--reviewed-on",
        "٢٠٢٤-٠٣-٠١",
        "--json",
    ]);
    assert_eq!(v["seq"], 2);
    assert_eq!(v["rating"], "mostly-false");
    assert_eq!(v["by"], "tahaqquq", "resolved to the source key");
    assert_eq!(v["label"], "زائف جزئياً");
    assert_eq!(v["url"], "https://tahaqquq.example/r/1");
    assert_eq!(v["reviewed_on"], "2024-03-01");
    let show = ws.ok(&["about", "show", "ferries"]);
    assert!(
        show.contains("mostly-false by tahaqquq \"زائف جزئياً\" on 2024-03-01"),
        "{show}"
    );
    // Only a fact-checker rules.
    let err = ws.err(&[
        "verdict", "ferries", "--rating", "false", "--note", "x", "--by", "mayor",
    ]);
    assert!(
        err.contains("source `mayor` is of kind official, not fact-checker"),
        "{err}"
    );
    let err = ws.err(&[
        "verdict", "ferries", "--rating", "false", "--note", "x", "--by", "nobody",
    ]);
    assert!(err.contains("unknown source `nobody`"), "{err}");
    assert_eq!(verdicts(&ws, "ferries").len(), 2);
    // fsck recomputes both hashes (v2 and v3 domains); a bundle carries the new fields.
    ws.ok(&["fsck"]);
    let other = ws_like(&ws);
    let bundle = ws.path().join("all.bundle");
    ws.ok(&["bundle", "create", "-o", bundle.to_str().unwrap()]);
    other.ok(&["bundle", "apply", bundle.to_str().unwrap()]);
    other.ok(&["fsck"]);
    assert_eq!(verdicts(&other, "ferries"), verdicts(&ws, "ferries"));
    assert_eq!(
        other.json(&["head", "--record", "--json"]),
        ws.json(&["head", "--record", "--json"])
    );
    // Tampering with a new field is caught.
    ws.sql("UPDATE verdicts SET label = 'صحيح' WHERE seq = 2");
    let out = ws.cmd().args(["fsck"]).output().unwrap();
    assert!(!out.status.success());
}

/// An empty workspace with the same workspace.toml.
fn ws_like(ws: &Ws) -> Ws {
    let other = Ws::empty();
    other.write_toml(&ws.toml());
    other
}

#[test]
fn claimreview_feeds_of_every_shape_import_once_with_unmapped_labels_counted() {
    let ws = ws();
    let feed = ws.file("feed.json", FEED);
    let r = import(&ws, "claimreview", feed.to_str().unwrap());
    assert_eq!(
        (
            r["reviews"].as_u64(),
            r["added"].as_u64(),
            r["verdicts"].as_u64()
        ),
        (Some(3), Some(3), Some(3)),
        "{r}"
    );
    assert_eq!(r["unmapped"], json!([]), "every label of the feed maps");
    let keys = keys_by_text(&ws);
    let ferries = &keys["توقفت جميع العبّارات في الميناء منذ أسبوع"];
    assert!(ferries.starts_with("cr-"), "{ferries}");
    let v = &verdicts(&ws, ferries)[0];
    assert_eq!(
        (v["rating"].as_str(), v["label"].as_str()),
        (Some("misleading"), Some("مضلّل"))
    );
    assert_eq!(v["by"], "tahaqquq", "the known fact-checker, found by name");
    assert_eq!(v["reviewed_on"], "2024-03-01");
    assert_eq!(v["url"], "https://tahaqquq.example/reviews/harbour-ferries");
    let long = &verdicts(&ws, &keys["أُغلق الجسر الشمالي بسبب تشقّقات"])[0];
    assert_eq!(
        long["rating"], "misleading",
        "found at the end of a long explanation"
    );
    assert!(
        long["label"].as_str().unwrap().starts_with("راجع الفريق"),
        "label kept verbatim"
    );
    let water = &verdicts(&ws, &keys["Water prices doubled in March"])[0];
    assert_eq!(water["rating"], "mostly-false");
    assert_eq!(water["reviewed_on"], "2024-03-03");
    // The claims: claimant as origin, said on (the date as written, offset and all), first
    // appearance as url, language.
    let claims = ws.list_all();
    let c = claims
        .iter()
        .find(|c| c["about"] == ferries.as_str())
        .expect("claim");
    assert_eq!(c["said_on"], "2024-02-28");
    assert_eq!(c["url"], "https://social.example/posts/77");
    assert_eq!(c["lang"], "ar");
    assert_eq!(c["text"], "توقفت جميع العبّارات في الميناء منذ أسبوع");
    let toml = ws.toml();
    assert!(
        toml.contains("name = \"Dana Reviewer\"\nkind = \"fact-checker\""),
        "{toml}"
    );
    assert!(
        toml.contains("name = \"حساب الميناء الساخر\"\nkind = \"other\""),
        "{toml}"
    );
    assert!(toml.contains("name = \"City council member\""), "{toml}");

    // @graph with other nodes, an inverted scale, a number with no scale, unmapped labels,
    // no itemReviewed; read from standard input.
    let out = ws
        .cmd()
        .args(["import", "--format", "claimreview", "-", "--json"])
        .write_stdin(GRAPH)
        .assert()
        .success();
    let r: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["reviews"], 4, "{r}");
    assert_eq!(
        r["unmapped"],
        json!([{"label": "Two thumbs sideways", "count": 2}])
    );
    let keys = keys_by_text(&ws);
    let bus = &verdicts(&ws, &keys["The bus lanes were removed overnight"])[0];
    assert_eq!(bus["rating"], "true", "1 on a scale whose best is 1");
    assert!(bus.get("label").is_none(), "a number is no label: {bus}");
    assert_eq!(
        verdicts(&ws, &keys["The tram is free on Sundays"])[0]["rating"],
        "mostly-true"
    );
    let stadium = &verdicts(&ws, &keys["The stadium will close for a year"])[0];
    assert_eq!(
        (stadium["rating"].as_str(), stadium["label"].as_str()),
        (Some("unrated"), Some("Two thumbs sideways"))
    );
    assert!(
        ws.toml().contains("[sources.unknown-claimant]"),
        "placeholder claimant"
    );
    // The human report lists unmapped labels with counts.
    let again = ws.file("graph.json", GRAPH);
    let text = ws.ok(&["import", "--format", "claimreview", again.to_str().unwrap()]);
    assert!(text.contains("0 new claims"), "{text}");
    assert!(text.contains("      2  Two thumbs sideways"), "{text}");

    // One object alone, and an array, with https contexts.
    let graph: Value = serde_json::from_str(GRAPH).unwrap();
    let mut one = graph["@graph"][3].clone();
    one["@context"] = json!("https://schema.org");
    one["claimReviewed"] = json!("The library opens at noon");
    let one_file = ws.file("one.json", &one.to_string());
    let r = import(&ws, "claimreview", one_file.to_str().unwrap());
    assert_eq!(
        (r["reviews"].as_u64(), r["added"].as_u64()),
        (Some(1), Some(1))
    );
    let arr = ws.file(
        "arr.json",
        &json!([graph["@graph"][1], graph["@graph"][2]]).to_string(),
    );
    let r = import(&ws, "claimreview", arr.to_str().unwrap());
    assert_eq!(
        (
            r["reviews"].as_u64(),
            r["added"].as_u64(),
            r["verdicts"].as_u64()
        ),
        (Some(2), Some(0), Some(0))
    );

    // Importing everything again adds nothing, not even a log entry.
    let before = head(&ws);
    ws.ok(&["import", "--format", "claimreview", feed.to_str().unwrap()]);
    ws.ok(&["import", "--format", "claimreview", again.to_str().unwrap()]);
    assert_eq!(head(&ws), before);
    ws.ok(&["fsck"]);
}

/// A Fact Check Tools `claims:search` response of `n` claims, in the API's shape: Arabic and
/// English labels, a claimant sometimes absent, several reviews on some claims.
fn api_response(n: usize) -> Value {
    let labels = [
        ("ar", "زائف"),
        ("ar", "مضلّل"),
        ("ar", "صحيح جزئيًا"),
        ("ar", "غير صحيح"),
        ("ar", "ساخر"),
        ("en", "False"),
        ("en", "Mostly True"),
        ("en", "Missing context"),
        ("en", "Altered photo"),
        ("en", "Not true"),
        ("fr", "Plutôt faux"),
        ("es", "Engañoso"),
    ];
    let claims: Vec<Value> = (0..n)
        .map(|i| {
            let (lang, label) = labels[i % labels.len()];
            let text = if lang == "ar" {
                format!("ادعاء رقم {i}: ارتفع عدد الركاب في الميناء")
            } else {
                format!("Claim number {i}: harbour traffic rose")
            };
            let mut reviews = vec![json!({
                "publisher": {"name": format!("Checker {}", i % 7), "site": format!("checker{}.example", i % 7)},
                "url": format!("https://checker{}.example/r/{i}", i % 7),
                "title": "Review",
                "reviewDate": "2024-03-01T10:00:00Z",
                "textualRating": label,
                "languageCode": lang,
            })];
            if i % 5 == 0 {
                reviews.push(json!({
                    "publisher": {"site": "second.example"},
                    "url": format!("https://second.example/{i}"),
                    "reviewDate": "2024-03-02",
                    "textualRating": "Misleading",
                    "languageCode": lang,
                }));
            }
            let mut c = json!({"text": text, "claimDate": "2024-02-27T08:00:00Z", "claimReview": reviews});
            if i % 4 != 0 {
                c["claimant"] = json!(format!("Speaker {}", i % 11));
            }
            c
        })
        .collect();
    json!({"claims": claims, "nextPageToken": "CAo"})
}

#[test]
fn a_fact_check_tools_response_of_hundreds_imports_in_one_transaction() {
    let ws = ws();
    let response = api_response(400);
    let file = ws.file(
        "search.json",
        &serde_json::to_string_pretty(&response).unwrap(),
    );
    let before = ws.sql_query("SELECT COUNT(*) FROM log");
    let r = import(&ws, "factcheck-api", file.to_str().unwrap());
    assert_eq!(r["reviews"], 480, "{r}");
    assert_eq!(r["added"], 400);
    assert_eq!(r["verdicts"], 480);
    assert_eq!(
        r["unmapped"],
        json!([]),
        "the table maps every label of the fixture"
    );
    assert_eq!(before.trim(), "0");
    // Every fact-checker is a source of kind fact-checker, the site kept as an alias.
    let toml = ws.toml();
    assert!(
        toml.contains(
            "name = \"Checker 3\"\nkind = \"fact-checker\"\naliases = [\"checker3.example\"]"
        ),
        "{toml}"
    );
    assert!(
        toml.contains("name = \"second.example\"\nkind = \"fact-checker\""),
        "{toml}"
    );
    // A claim reviewed twice keeps both verdicts, one chain, the newest last.
    let keys = keys_by_text(&ws);
    let five = verdicts(&ws, &keys["Claim number 5: harbour traffic rose"]);
    assert_eq!(five.len(), 2);
    assert_eq!(five[0]["rating"], "false");
    assert_eq!(five[1]["rating"], "misleading");
    assert_eq!(five[1]["by"], "second.example");
    let zero = verdicts(&ws, &keys["ادعاء رقم 0: ارتفع عدد الركاب في الميناء"]);
    assert_eq!(
        (zero[0]["rating"].as_str(), zero[0]["label"].as_str()),
        (Some("false"), Some("زائف"))
    );
    let nine = verdicts(&ws, &keys["Claim number 9: harbour traffic rose"]);
    assert_eq!(nine[0]["rating"], "false", "Not true is false");
    // Without the envelope, the same claims add nothing.
    let bare = ws.file("bare.json", &response["claims"].to_string());
    let before = head(&ws);
    let r = import(&ws, "factcheck-api", bare.to_str().unwrap());
    assert_adds_nothing(&r);
    assert_eq!(head(&ws), before);
    ws.ok(&["fsck"]);
}

#[test]
fn a_malformed_record_changes_nothing_and_is_named() {
    let ws = ws();
    ws.ok(&["add", "--source", "mayor", "--text", "before the import"]);
    let mut response = api_response(30);
    response["claims"][16]["claimReview"][0]["reviewDate"] = json!("next Tuesday");
    let file = ws.file("feed.json", &response.to_string());
    let before = ws.state();
    let err = import_err(&ws, "factcheck-api", file.to_str().unwrap());
    assert!(
        err.contains("feed.json: record 17 (claimReview[0].reviewDate): bad date `next Tuesday`"),
        "{err}"
    );
    assert_eq!(ws.state(), before, "nothing recorded, no source declared");
    // ClaimReview: a missing claimReviewed, named by its position.
    let mut graph: Value = serde_json::from_str(GRAPH).unwrap();
    graph["@graph"][2]
        .as_object_mut()
        .unwrap()
        .remove("claimReviewed");
    let bad = ws.file("bad.json", &graph.to_string());
    let err = import_err(&ws, "claimreview", bad.to_str().unwrap());
    assert!(
        err.contains("bad.json: record 2 (claimReviewed): missing"),
        "{err}"
    );
    let err = import_err(
        &ws,
        "claimreview",
        ws.file("x.json", "{\"a\": [1,").to_str().unwrap(),
    );
    assert!(
        err.contains("x.json:1:") && err.contains("not JSON"),
        "{err}"
    );
    let err = import_err(
        &ws,
        "factcheck-api",
        ws.file("y.json", "\"text\"").to_str().unwrap(),
    );
    assert!(err.contains("not a Fact Check Tools response"), "{err}");
    // A file over the workspace's limit is refused in one line, unread.
    ws.write_toml(&format!("{TOML}\n[limits]\nmax_document_bytes = 1024\n"));
    let err = import_err(&ws, "claimreview", file.to_str().unwrap());
    assert!(
        err.contains("larger than the limit of 1 KiB (raise [limits] max_document_bytes"),
        "{err}"
    );
    ws.write_toml(TOML);
    assert_eq!(ws.state(), before);
}

#[test]
fn claimreview_export_is_complete_json_ld_and_reimports_to_the_same_verdicts() {
    let ws = ws();
    let ferry_text = "قال رئيس البلدية إن العبّارات ستعود غداً";
    ws.ok(&[
        "add",
        "--source",
        "mayor",
        "--via",
        "harbour-radio",
        "--about",
        "ferries",
        "--stance",
        "supports",
        "--said-on",
        "2024-02-27",
        "--reported-on",
        "2024-02-28",
        "--url",
        "https://radio.example/news/1",
        "--lang",
        "ar",
        "--text",
        ferry_text,
    ]);
    ws.ok(&[
        "add",
        "--source",
        "harbour-radio",
        "--about",
        "ferries",
        "--stance",
        "supports",
        "--said-on",
        "2024-02-28",
        "--url",
        "https://radio.example/news/2",
        "--lang",
        "ar",
        "--text",
        "العبّارات تعود غداً",
    ]);
    ws.ok(&["about", "add", "ferries", "--text", "ستعود العبّارات غداً"]);
    ws.ok(&[
        "add",
        "--source",
        "mayor",
        "--about",
        "bridge",
        "--stance",
        "supports",
        "--lang",
        "en",
        "--url",
        "https://council.example/minutes",
        "--text",
        "The north bridge reopens in May",
    ]);
    // A verdict of the workspace's own (author: [publisher]) and two by a fact-checker.
    ws.ok(&[
        "verdict",
        "ferries",
        "--rating",
        "unproven",
        "--note",
        "asking the port",
    ]);
    ws.ok(&[
        "verdict",
        "ferries",
        "--rating",
        "misleading",
        "--note",
        "checked",
        "--by",
        "tahaqquq",
        "--label",
        "مضلّل",
        "--url",
        "https://tahaqquq.example/r/9",
        "--reviewed-on",
        "2024-03-01",
    ]);
    ws.ok(&[
        "verdict",
        "bridge",
        "--rating",
        "false",
        "--note",
        "checked",
        "--by",
        "tahaqquq",
        "--label",
        "Rating: False. The bridge reopens in 2026.",
        "--url",
        "https://tahaqquq.example/r/10",
        "--reviewed-on",
        "2024-03-02",
    ]);
    let out = ws.path().join("reviews.json");
    ws.ok(&[
        "export",
        "--format",
        "claimreview",
        "-o",
        out.to_str().unwrap(),
    ]);
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(
        raw.contains(ferry_text) && raw.contains("ستعود العبّارات غداً"),
        "Arabic written as is"
    );
    let objects = as_array(serde_json::from_str(&raw).unwrap());
    assert_eq!(objects.len(), 3);
    for o in &objects {
        // Google's required and recommended fields, every object.
        assert_eq!(o["@context"], "https://schema.org");
        assert_eq!(o["@type"], "ClaimReview");
        for f in ["claimReviewed", "url", "datePublished", "inLanguage"] {
            assert!(o[f].as_str().is_some_and(|s| !s.is_empty()), "{f}: {o}");
        }
        assert_eq!(o["reviewRating"]["@type"], "Rating");
        assert!(o["reviewRating"]["alternateName"].is_string(), "{o}");
        assert!(
            o["author"]["@type"].is_string() && o["author"]["name"].is_string(),
            "{o}"
        );
        let item = &o["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert!(item["author"]["name"].is_string(), "{o}");
        assert!(
            item["appearance"].as_array().is_some_and(|a| !a.is_empty()),
            "{o}"
        );
        assert!(item["firstAppearance"]["url"].is_string(), "{o}");
    }
    // Proposition then chain order: bridge, then ferries' two verdicts.
    let ferry = &objects[2];
    assert_eq!(ferry["claimReviewed"], "ستعود العبّارات غداً");
    assert_eq!(ferry["author"]["name"], "مرصد تحقّق");
    assert_eq!(ferry["datePublished"], "2024-03-01");
    assert_eq!(ferry["inLanguage"], "ar");
    assert_eq!(
        ferry["reviewRating"],
        json!({"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "مضلّل"})
    );
    let item = &ferry["itemReviewed"];
    assert_eq!(item["author"]["name"], "The Mayor");
    assert_eq!(item["datePublished"], "2024-02-27");
    assert_eq!(
        item["firstAppearance"]["url"],
        "https://radio.example/news/1"
    );
    assert_eq!(
        item["appearance"][0]["author"]["name"], "Harbour Radio",
        "the via chain"
    );
    assert_eq!(
        item["appearance"][1]["url"], "https://radio.example/news/2",
        "earliest first"
    );
    // The workspace's own verdict: [publisher] as author, a url made from its site, and the
    // rating's name in [publisher] lang.
    let own = &objects[1];
    assert_eq!(
        own["author"],
        json!({"@type": "Organization", "name": "Harbour Check", "url": "https://harbourcheck.example"})
    );
    assert!(
        own["url"]
            .as_str()
            .unwrap()
            .starts_with("https://harbourcheck.example#claims-verdict-")
    );
    assert_eq!(
        own["reviewRating"],
        json!({"@type": "Rating", "alternateName": "غير مثبت"})
    );

    // As a DataFeed.
    let feed = ws.json(&["export", "--format", "claimreview", "--feed"]);
    assert_eq!(feed["@context"], "https://schema.org");
    assert_eq!(feed["@type"], "DataFeed");
    assert_eq!(feed["dataFeedElement"].as_array().unwrap().len(), 3);

    // Into an empty workspace: the same propositions, verdicts and claim texts.
    let other = Ws::empty();
    other.write_toml(
        "[publisher]\nname = \"Harbour Check\"\nurl = \"https://harbourcheck.example\"\n",
    );
    let r = import(&other, "claimreview", out.to_str().unwrap());
    assert_eq!(r["unmapped"], json!([]), "{r}");
    let props = |w: &Ws| -> Vec<String> {
        as_array(w.json(&["about", "list", "--json"]))
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(props(&other), props(&ws));
    for key in ["ferries", "bridge"] {
        let a = verdicts(&ws, key);
        let b = verdicts(&other, key);
        assert_eq!(a.len(), b.len(), "{key}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x["rating"], y["rating"], "{key}");
            if x.get("by").is_some() {
                assert_eq!(
                    (&x["by"], &x["label"], &x["url"], &x["reviewed_on"]),
                    (&y["by"], &y["label"], &y["url"], &y["reviewed_on"]),
                    "{key}"
                );
            }
        }
    }
    let texts = |w: &Ws| -> std::collections::BTreeSet<String> {
        w.list_all()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect()
    };
    let imported = texts(&other);
    assert!(
        imported.contains(ferry_text) && imported.contains("The north bridge reopens in May"),
        "{imported:?}"
    );
    assert!(imported.is_subset(&texts(&ws)), "byte-identical texts");
    // Importing the export back into the original adds no verdict.
    let before = head(&ws);
    let r = import(&ws, "claimreview", out.to_str().unwrap());
    assert_adds_nothing(&r);
    assert_eq!(head(&ws), before, "the export is what the workspace holds");
    other.ok(&["fsck"]);
}

#[test]
fn an_export_that_cannot_name_its_author_says_what_to_set() {
    let ws = Ws::empty();
    ws.write_toml("[sources.mayor]\nname = \"The Mayor\"\nkind = \"official\"\n");
    ws.ok(&[
        "add",
        "--source",
        "mayor",
        "--about",
        "x",
        "--text",
        "something",
    ]);
    ws.ok(&["verdict", "x", "--rating", "true", "--note", "fine"]);
    let err = ws.err(&["export", "--format", "claimreview"]);
    assert!(
        err.contains(
            "verdict 1 on x names no fact-checker: set [publisher] name and url in workspace.toml"
        ),
        "{err}"
    );
}

#[test]
fn a_feed_that_returns_to_a_claim_later_chains_its_verdicts_and_reimports_to_nothing() {
    // The importer keeps only the proposition at hand: one the feed returns to after another
    // is read back from the transaction, its chain and words intact.
    let ws = ws();
    let review = |text: &str, checker: &str, label: &str, n: u32| {
        json!({"@type": "DataFeedItem", "item": [{
            "@type": "ClaimReview",
            "url": format!("https://check.example/r/{n}"),
            "claimReviewed": text,
            "author": {"@type": "Organization", "name": checker},
            "datePublished": "2024-03-01 10:00 UTC",
            "reviewRating": {"@type": "Rating", "alternateName": label},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "The Mayor"}},
        }]})
    };
    let ferries = "ستعود العبّارات إلى العمل غداً";
    let bridge = "The north bridge reopens in May";
    let feed = json!({
        "@context": "http://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            review(ferries, "Tahaqquq", "مضلل", 1),
            review(bridge, "Tahaqquq", "صحيح", 2),
            review(ferries, "Harbour Facts", "False", 3),
        ],
    });
    let file = ws.file("feed.json", &feed.to_string());
    let r = import(&ws, "claimreview", file.to_str().unwrap());
    assert_eq!(
        (r["reviews"].as_u64(), r["verdicts"].as_u64()),
        (Some(3), Some(3)),
        "{r}"
    );
    let keys = keys_by_text(&ws);
    assert_eq!(keys.len(), 2, "{keys:?}");
    let chain = verdicts(&ws, &keys[ferries]);
    let by: Vec<(&Value, &Value)> = chain.iter().map(|v| (&v["seq"], &v["by"])).collect();
    assert_eq!(by.len(), 2, "{chain:?}");
    assert_eq!((by[0].0, by[1].0), (&json!(1), &json!(2)), "one chain");
    assert_eq!(by[0].1, "tahaqquq");
    assert_ne!(by[1].1, "tahaqquq", "the second fact-checker");
    let before = head(&ws);
    assert_adds_nothing(&import(&ws, "claimreview", file.to_str().unwrap()));
    assert_eq!(head(&ws), before);
    ws.ok(&["fsck"]);
}
