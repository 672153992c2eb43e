//! Issue 16, `claims search`: words found through the FTS5 index whatever their Arabic spelling
//! (diacritics, ى/ي, ة/ه, Arabic-Indic digits) or English case; phrases and prefixes; the
//! filters of `list`; bm25 ranking; the index kept in the same transaction as every write that
//! changes a head (add, edit, retract, import, bundle apply) and built for old workspaces.

use crate::support::*;
use serde_json::Value;

/// Ids of `claims search ARGS --json`, best first.
fn found(ws: &Ws, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    as_array(ws.json(&all))
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

const VOWELLED: &str = "قَالَ الجَيْشُ إِنَّ ٣٦ قَذِيفَةً سَقَطَتْ عَلَى المَدِينَةِ";
const PLAIN: &str = "مصادر: الرئيس زار المستشفى في مدينة حلب";

#[test]
fn arabic_is_found_in_any_spelling_and_stored_byte_for_byte() {
    let ws = Ws::with_sources();
    let a = ws.add(&["--source", "nyt", "--text", VOWELLED, "--lang", "ar"]);
    let b = ws.add(&["--source", "yonhap", "--text", PLAIN, "--lang", "ar"]);
    // Without tashkeel finds the vowelled text; with tashkeel finds the plain one.
    assert_eq!(found(&ws, &["الجيش"]), vec![a.clone()]);
    assert_eq!(found(&ws, &["زَارَ"]), vec![b.clone()]);
    // ى/ي and ة/ه, either way round.
    assert_eq!(found(&ws, &["علي"]), vec![a.clone()]);
    assert_eq!(found(&ws, &["المستشفي"]), vec![b.clone()]);
    assert_eq!(found(&ws, &["مدينه"]), vec![b.clone()]);
    assert_eq!(found(&ws, &["قذيفه"]), vec![a.clone()]);
    // A phrase typed without diacritics, words in order only; a prefix.
    assert_eq!(found(&ws, &["\"الجيش ان ٣٦\""]), vec![a.clone()]);
    assert!(found(&ws, &["\"ان الجيش\""]).is_empty());
    assert_eq!(found(&ws, &["قذيف*"]), vec![a.clone()]);
    assert_eq!(found(&ws, &["المستش*"]), vec![b.clone()]);
    // Arabic punctuation is not part of a word: "مصادر:" and "مصادر،" are "مصادر".
    assert_eq!(found(&ws, &["مصادر،"]), vec![b.clone()]);
    // Arabic-Indic digits and ASCII digits find each other.
    assert_eq!(found(&ws, &["36"]), vec![a.clone()]);
    ws.add(&["--source", "nyt", "--text", "Officials counted 36 shells"]);
    assert_eq!(found(&ws, &["٣٦"]).len(), 2);
    // The snippet shows the original words, the match marked on the original bytes.
    let hit = &as_array(ws.json(&["search", "الجيش", "--json"]))[0];
    let snippet = hit["snippet"].as_str().unwrap();
    let [s, e] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&snippet[s..e], "الجَيْشُ");
    // Piped, the match is bracketed.
    assert!(ws.ok(&["search", "الجيش"]).contains("[الجَيْشُ]"));
    // Stored text unchanged.
    assert_eq!(ws.show(&a)["text"], VOWELLED);
    assert_eq!(hit["claim"]["text"], VOWELLED);
}

#[test]
fn english_case_phrases_prefixes_and_ranking() {
    let ws = Ws::with_sources();
    let long = ws.add(&[
        "--source",
        "nyt",
        "--text",
        "Kim Jong Un may travel by armoured train to Vladivostok later this month, officials say",
    ]);
    let twice = ws.add(&["--source", "nyt", "--text", "Kim to Russia: train, train"]);
    let other = ws.add(&["--source", "nyt", "--text", "Russia train officials met"]);
    assert_eq!(found(&ws, &["VLADIVOSTOK"]), vec![long.clone()]);
    assert_eq!(found(&ws, &["vladi*"]), vec![long.clone()]);
    assert_eq!(found(&ws, &["\"train officials\""]), vec![other.clone()]);
    // All words must match.
    ws.cmd()
        .args(["search", "kim", "russia"])
        .assert()
        .failure();
    assert_eq!(found(&ws, &["kim russia"]), vec![twice.clone()]);
    // The word twice in a short text ranks first; the long text last.
    let ranked = found(&ws, &["train"]);
    assert_eq!(ranked.first(), Some(&twice), "{ranked:?}");
    assert_eq!(ranked.last(), Some(&long), "{ranked:?}");
    assert_eq!(found(&ws, &["train", "--limit", "1"]), vec![twice]);
}

#[test]
fn every_filter_applies() {
    let ws = Ws::with_sources();
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim will visit Russia",
    ]);
    let a = ws.add(&[
        "--source",
        "nyt",
        "--about",
        "kim-visit",
        "--stance",
        "supports",
        "--lang",
        "en",
        "--said-on",
        "2023-09-04",
        "--text",
        "Kim will visit Russia",
    ]);
    let b = ws.add(&[
        "--source",
        "kremlin",
        "--via",
        "yonhap",
        "--about",
        "kim-visit",
        "--stance",
        "refutes",
        "--lang",
        "en-GB",
        "--said-on",
        "2023-09-10",
        "--text",
        "Kim will not visit Russia",
    ]);
    let c = ws.add(&[
        "--source",
        "peskov",
        "--lang",
        "ru",
        "--text",
        "Kim visit rumours",
    ]);
    let q = |extra: &[&str]| {
        let mut all = vec!["visit"];
        all.extend_from_slice(extra);
        let mut ids = found(&ws, &all);
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(q(&[]), sorted(vec![a.clone(), b.clone(), c.clone()]));
    assert_eq!(q(&["--source", "nyt"]), vec![a.clone()]);
    assert_eq!(q(&["--via", "yonhap"]), vec![b.clone()]);
    assert_eq!(
        q(&["--about", "kim-visit"]),
        sorted(vec![a.clone(), b.clone()])
    );
    assert_eq!(q(&["--lang", "en"]), sorted(vec![a.clone(), b.clone()]));
    assert_eq!(
        q(&["--since", "2023-09-05", "--about", "kim-visit"]),
        vec![b.clone()]
    );
    assert_eq!(q(&["--until", "2023-09-05"]), vec![a.clone()]);
    assert_eq!(q(&["--stance", "refutes"]), vec![b.clone()]);
    assert_eq!(q(&["--limit", "2"]).len(), 2);
}

#[test]
fn edits_and_retractions_move_the_index() {
    let ws = Ws::with_sources();
    let id = ws.add(&["--source", "nyt", "--text", "ferries stop for the storm"]);
    ws.ok(&[
        "edit",
        &id,
        "--text",
        "boats resume after the gale",
        "--note",
        "fix",
    ]);
    assert_eq!(found(&ws, &["gale"]), vec![id.clone()]);
    assert!(found(&ws, &["ferries"]).is_empty());
    ws.ok(&["retract", &id, "--note", "wrong"]);
    assert!(found(&ws, &["gale"]).is_empty());
    assert_eq!(found(&ws, &["gale", "--all"]), vec![id.clone()]);
}

#[test]
fn imports_and_bundles_are_searchable_at_once_and_a_failed_import_adds_nothing() {
    let ws = Ws::with_sources();
    ws.file(
        "good.jsonl",
        "{\"source\":\"nyt\",\"text\":\"Harbour reopens\"}\n{\"source\":\"nyt\",\"text\":\"Airport closes\"}\n",
    );
    ws.ok(&["import", "good.jsonl"]);
    assert_eq!(found(&ws, &["harbour"]).len(), 1);
    ws.file(
        "bad.jsonl",
        "{\"source\":\"nyt\",\"text\":\"Lighthouse dark\"}\n{\"source\":\"nobody-known\",\"text\":\"x\"}\n",
    );
    ws.err(&["import", "bad.jsonl"]);
    assert!(found(&ws, &["lighthouse"]).is_empty());
    let rows = ws.sql_query("SELECT COUNT(*) FROM claim_search");
    assert_eq!(rows.trim(), "2");
    // A bundle applied elsewhere is searchable there straight away.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.bundle");
    ws.ok(&["bundle", "create", "-o", file.to_str().unwrap()]);
    let other = Ws::with_sources();
    other.ok(&["bundle", "apply", file.to_str().unwrap()]);
    assert_eq!(found(&other, &["airport"]), found(&ws, &["airport"]));
    assert_eq!(found(&other, &["airport"]).len(), 1);
}

#[test]
fn hostile_queries_are_words_or_one_line_errors() {
    let ws = Ws::with_sources();
    let id = ws.add(&[
        "--source",
        "nyt",
        "--text",
        "near the border: a \"test\" (maybe)",
    ]);
    for q in [
        "\"", "*", "-", ":", "(", "\"\"", "***", "NEAR(", "AND", "OR NOT",
    ] {
        let out = ws.cmd().args(["search", q, "--json"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{q}: {stderr}");
        if !out.status.success() {
            let line = one_error_line(&out);
            assert!(line.contains("no words"), "{q}: {line}");
        }
    }
    assert_eq!(found(&ws, &["NEAR("]), vec![id.clone()]);
    assert_eq!(found(&ws, &["border:"]), vec![id.clone()]);
    let dashed = as_array(ws.json(&["search", "--json", "--", "-test"]));
    assert_eq!(dashed[0]["id"], id.as_str());
    assert_eq!(found(&ws, &["te\"st"]).len(), 0);
    assert_eq!(found(&ws, &["\"a test"]), vec![id]);
    let line = ws.err(&["search", "\"*:"]);
    assert!(line.starts_with("error: search: the query"), "{line}");
}

#[test]
fn schema_7_and_8_workspaces_are_indexed_when_opened() {
    let ws = Ws::with_sources();
    let a = ws.add(&["--source", "nyt", "--text", VOWELLED]);
    let b = ws.add(&["--source", "nyt", "--text", "old words"]);
    ws.ok(&["edit", &b, "--text", "new words", "--note", "fix"]);
    // As claims 7 left it: no index.
    ws.sql("DROP TABLE claim_search; PRAGMA user_version = 7;");
    assert_eq!(found(&ws, &["الجيش"]), vec![a.clone()]);
    assert_eq!(found(&ws, &["new"]), vec![b.clone()]);
    assert!(found(&ws, &["old"]).is_empty());
    assert_eq!(ws.sql_query("PRAGMA user_version").trim(), "10");
    // As the first search index (version 8) left it: another tokenizer, and empty here, so
    // only a rebuild finds anything.
    ws.sql(
        "DROP TABLE claim_search;
         CREATE VIRTUAL TABLE claim_search USING fts5(words, content='', contentless_delete=1,
             tokenize='unicode61 remove_diacritics 2', prefix='2 3');
         PRAGMA user_version = 8;",
    );
    assert_eq!(found(&ws, &["الجيش"]), vec![a]);
    assert_eq!(found(&ws, &["new"]), vec![b]);
    assert!(found(&ws, &["old"]).is_empty());
    assert_eq!(ws.sql_query("PRAGMA user_version").trim(), "10");
    let _: Value = ws.json(&["fsck", "--json"]);
}

#[test]
fn colour_highlights_matches_and_a_terminal_table_fits() {
    let ws = Ws::with_sources();
    let long = format!(
        "{} the armoured train reached Vladivostok {}",
        "words before the match ".repeat(6),
        "and words after it ".repeat(8)
    );
    ws.add(&["--source", "nyt", "--text", &long]);
    // Colour forced: the match is styled, not bracketed.
    let out = ws
        .cmd()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "vladivostok"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("\x1b[") && out.contains("Vladivostok\x1b["),
        "{out:?}"
    );
    assert!(!out.contains("[Vladivostok]"), "{out:?}");
    // On a narrow terminal the snippet is clipped around the match, the table fits.
    let shown = on_terminal(&ws, &["search", "vladivostok"], 80);
    assert!(shown.contains("Vladivostok"), "{shown}");
    assert!(shown.lines().all(|l| width(l) <= 80), "{shown}");
}
