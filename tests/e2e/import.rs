//! `claims import`: JSON Lines, all or nothing, `--skip-bad`, stdin and `--create-sources`.

use crate::support::*;
use serde_json::json;

/// Four good lines: the White House warning, the NYT report and its correction (by `ref`), and
/// Peskov declining to comment; blank lines and CRLF endings are tolerated.
const GOOD: &str = concat!(
    r#"{"source":"sullivan","via":["white-house"],"about":"nk-arms-warning","stance":"supports","said_on":"2023-09-05","text":"Pyongyang would pay for arming Moscow, the national security adviser said","lang":"en"}"#,
    "\n",
    r#"{"ref":"nyt-1","source":"US officials","via":["NYT"],"about":"kim-visit","stance":"supports","said_on":"2023-09-04","text":"Kim is expected in Russia this month","url":"https://example.org/nyt/kim"}"#,
    "\r\n",
    "\n",
    r#"{"revises":"nyt-1","source":"US officials","via":["NYT"],"about":"kim-visit","stance":"supports","said_on":"2023-09-04","text":"Kim is expected to reach Vladivostok by armoured train this month","note":"story updated"}"#,
    "\n",
    r#"{"source":"دميتري بيسكوف","about":"kim-visit","stance":"neutral","quote":true,"said_on":"٢٠٢٣-٠٩-٠٥","text":"لا تعليق لدينا","lang":"ar"}"#,
    "\n",
);

#[test]
fn importing_a_good_file_records_every_line() {
    let ws = Ws::with_sources();
    ws.file("good.jsonl", GOOD);
    let out = ws.ok(&["import", "good.jsonl"]);
    assert!(
        out.contains("3 new claims, 1 new versions, 0 already recorded"),
        "{out}"
    );
    let heads = ws.list_all();
    assert_eq!(heads.len(), 3);
    let nyt = heads.iter().find(|h| h["via"] == json!(["nyt"])).unwrap();
    assert_eq!(
        nyt["seq"], 2,
        "the `revises` line is version 2 of the `ref` line"
    );
    assert_eq!(nyt["note"], "story updated");
    assert_eq!(
        nyt["text"],
        "Kim is expected to reach Vladivostok by armoured train this month"
    );
    let log = ws.log(nyt["id"].as_str().unwrap());
    assert_eq!(log[0]["text"], "Kim is expected in Russia this month");
    assert_eq!(log[1]["parent"], log[0]["version"]);
    let peskov = heads.iter().find(|h| h["source"] == "peskov").unwrap();
    assert_eq!(peskov["said_on"], "2023-09-05");
    assert_eq!(peskov["text"], "لا تعليق لدينا");
    assert_eq!(peskov["quote"], true);
    ws.ok(&["fsck"]);
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let ws = Ws::with_sources();
    ws.file("good.jsonl", GOOD);
    ws.ok(&["import", "good.jsonl"]);
    let before = ws.state();
    let report = ws.json(&["import", "good.jsonl", "--json"]);
    assert_eq!(report["added"], 0);
    assert_eq!(report["revised"], 0);
    assert_eq!(report["unchanged"], 4);
    assert_eq!(report["bad"], json!([]));
    assert_eq!(ws.state(), before);
}

#[test]
fn import_json_report_shape() {
    let ws = Ws::with_sources();
    ws.file("good.jsonl", GOOD);
    let report = ws.json(&["import", "good.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"added": 3, "revised": 1, "unchanged": 0, "bad": [], "created_sources": []})
    );
}

#[test]
fn revises_may_name_an_existing_claim_id_prefix() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    let line = json!({
        "revises": &nyt[..10],
        "source": "us-officials", "via": ["nyt"], "about": "kim-visit", "stance": "supports",
        "said_on": "2023-09-04",
        "text": "Kim Jong Un intends to go to Vladivostok this month to meet Vladimir Putin",
        "note": "corrected destination"
    });
    ws.file("fix.jsonl", &format!("{line}\n"));
    let report = ws.json(&["import", "fix.jsonl", "--json"]);
    assert_eq!(report["revised"], 1);
    let v = ws.show(&nyt);
    assert_eq!(v["seq"], 2);
    assert_eq!(v["note"], "corrected destination");
}

/// Imports a file whose line `bad_line` is bad and checks: one error line naming FILE:LINE:,
/// and nothing recorded (no claims, no versions, workspace.toml untouched).
fn assert_import_refused(bad: &str, expect: &str) {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    let good = r#"{"source":"yonhap","text":"A good line before the bad one"}"#;
    let revise = format!(
        r#"{{"revises":"{nyt}","source":"us-officials","via":["nyt"],"text":"A revision before the bad line"}}"#
    );
    let after = r#"{"source":"yonhap","text":"A good line after the bad one"}"#;
    let text = format!("{good}\n{revise}\n\n{bad}\n{after}\n");
    ws.file("batch.jsonl", &text);
    let before = ws.state();
    let msg = ws.err(&["import", "batch.jsonl"]);
    assert!(
        msg.contains("batch.jsonl:4: "),
        "expected FILE:4: in: {msg}"
    );
    assert!(msg.contains(expect), "expected `{expect}` in: {msg}");
    assert_eq!(ws.state(), before, "nothing may be recorded");
    assert_eq!(ws.list_all().len(), 4);
}

#[test]
fn import_malformed_json_names_the_line_and_records_nothing() {
    assert_import_refused(r#"{"source":"nyt","text":"unterminated"#, "");
}

#[test]
fn import_unknown_source_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"bbc","text":"Kim arrives"}"#,
        "unknown source `bbc`",
    );
}

#[test]
fn import_unknown_via_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"nyt","via":["tass"],"text":"Kim arrives"}"#,
        "unknown source `tass`",
    );
}

#[test]
fn import_empty_text_names_the_line_and_records_nothing() {
    assert_import_refused(r#"{"source":"nyt","text":"   "}"#, "empty text");
}

#[test]
fn import_bad_date_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"nyt","text":"Kim arrives","said_on":"2023-02-30"}"#,
        "bad date `2023-02-30`",
    );
}

#[test]
fn import_bad_stance_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"nyt","text":"Kim arrives","stance":"agrees"}"#,
        "bad stance `agrees`",
    );
}

#[test]
fn import_unknown_field_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"nyt","text":"Kim arrives","said":"2023-09-05"}"#,
        "said",
    );
}

#[test]
fn import_unknown_revises_target_names_the_line_and_records_nothing() {
    assert_import_refused(
        r#"{"source":"nyt","text":"Kim arrives","revises":"no-such-label"}"#,
        "no-such-label",
    );
}

#[test]
fn import_missing_text_names_the_line_and_records_nothing() {
    assert_import_refused(r#"{"source":"nyt"}"#, "text");
}

#[test]
fn import_skip_bad_records_good_lines_and_lists_bad_ones() {
    let ws = Ws::with_sources();
    let text = [
        r#"{"source":"yonhap","text":"line one is good"}"#,
        r#"{"source":"bbc","text":"line two has an unknown source"}"#,
        r#"{"source":"nyt","text":"line three is good","said_on":"٢٠٢٣-٠٩-٠٤"}"#,
        r#"not json at all"#,
        r#"{"source":"nyt","text":"line five has a bad date","said_on":"5/9/2023"}"#,
        r#"{"source":"nyt","text":"line six has a bad stance","stance":"maybe"}"#,
        r#"{"source":"nyt","text":""}"#,
        r#"{"source":"nis","via":["yonhap"],"text":"line eight is good"}"#,
    ]
    .join("\n");
    ws.file("mixed.jsonl", &text);
    let out = ws
        .cmd()
        .args(["import", "mixed.jsonl", "--skip-bad"])
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stdout.contains("3 new claims"), "{stdout}");
    let mut skipped: Vec<&str> = stderr.lines().collect();
    // The good lines are recorded, but the exit says the file was not taken whole, and how much.
    assert_eq!(
        skipped.pop(),
        Some("mixed.jsonl: skipped 5 bad lines (the rest is recorded)"),
        "{stderr}"
    );
    assert_eq!(skipped.len(), 5, "{stderr}");
    for (line, n) in skipped.iter().zip([2, 4, 5, 6, 7]) {
        assert!(
            line.starts_with(&format!("skipped mixed.jsonl:{n}: ")),
            "{line}"
        );
    }
    assert!(skipped[0].contains("unknown source `bbc`"));
    assert!(skipped[2].contains("bad date"));
    assert!(skipped[3].contains("bad stance"));
    assert!(skipped[4].contains("empty text"));
    let texts: Vec<String> = ws
        .list_all()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "line one is good",
            "line three is good",
            "line eight is good"
        ]
    );
    // The JSON report lists the same lines.
    let ws2 = Ws::with_sources();
    ws2.file("mixed.jsonl", &text);
    let out = ws2
        .cmd()
        .args(["import", "mixed.jsonl", "--skip-bad", "--json"])
        .assert()
        .code(1);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let lines: Vec<u64> = report["bad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 4, 5, 6, 7]);
    assert_eq!(report["added"], 3);
}

#[test]
fn import_reads_standard_input() {
    let ws = Ws::with_sources();
    let out = ws
        .cmd()
        .args(["import", "-"])
        .write_stdin(GOOD)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.starts_with("Imported <stdin>: 3 new claims, 1 new versions"),
        "{stdout}"
    );
    assert_eq!(ws.list_all().len(), 3);
    // A bad line on stdin is named as <stdin>:LINE:.
    let before = ws.state();
    let out = ws
        .cmd()
        .args(["import", "-"])
        .write_stdin("{\"source\":\"nyt\",\"text\":\"fine\"}\n{\"source\":\"nyt\",\"text\":\"x\",\"stance\":\"yes\"}\n")
        .output()
        .unwrap();
    let msg = one_error_line(&out);
    assert!(msg.contains("<stdin>:2: "), "{msg}");
    assert_eq!(ws.state(), before);
}

#[test]
fn import_create_sources_declares_unknown_sources() {
    let ws = Ws::with_sources();
    let text = [
        r#"{"source":"Interfax","text":"Preparations for the visit are under way"}"#,
        r#"{"source":"KCNA","via":["Interfax"],"text":"The leader will visit a fraternal country"}"#,
        r#"{"source":"وكالة الأنباء المركزية الكورية","text":"الزعيم سيزور روسيا"}"#,
        r#"{"source":"nyt","text":"A line with a known source"}"#,
    ]
    .join("\n");
    ws.file("new-sources.jsonl", &text);
    let report = ws.json(&["import", "new-sources.jsonl", "--create-sources", "--json"]);
    assert_eq!(report["added"], 4);
    let created: Vec<String> = report["created_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    assert_eq!(created.len(), 3, "{report}");
    assert!(created.contains(&"interfax".to_string()), "{created:?}");
    assert!(created.contains(&"kcna".to_string()), "{created:?}");
    // The file still parses, keeps its comments, and the new sources are kind `other`.
    let toml = ws.toml();
    assert!(toml.starts_with(FIXTURE_TOML), "{toml}");
    for key in &created {
        let s = ws.json(&["source", "show", key, "--json"]);
        assert_eq!(s["kind"], "other", "{s}");
    }
    let arabic = ws.json(&["source", "show", "وكالة الأنباء المركزية الكورية", "--json"]);
    assert_eq!(arabic["kind"], "other");
    assert_eq!(arabic["name"], "وكالة الأنباء المركزية الكورية");
    assert_eq!(
        ws.json(&["source", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        11
    );
    // Claims point at the declared keys, and the workspace checks out.
    let kcna = ws.list_ids(&["--source", "KCNA"]);
    assert_eq!(kcna.len(), 1);
    assert_eq!(ws.show(&kcna[0])["via"], json!(["interfax"]));
    ws.ok(&["fsck"]);
    // The text report says how many were declared.
    let ws2 = Ws::with_sources();
    ws2.file("new-sources.jsonl", &text);
    let out = ws2.ok(&["import", "new-sources.jsonl", "--create-sources"]);
    assert!(
        out.contains("Declared 3 new sources in workspace.toml"),
        "{out}"
    );
}

#[test]
fn create_sources_makes_readable_keys_and_one_source_per_name_across_scripts() {
    let ws = Ws::with_sources();
    let text = [
        r#"{"source":"Bloomberg","text":"Talks on arms supplies advanced"}"#,
        r#"{"source":"بلومبرغ","text":"المحادثات بشأن الأسلحة تقدمت"}"#,
        r#"{"source":"إنترفاكس","text":"لا تعليق على الزيارة"}"#,
        r#"{"source":"Interfax","text":"No comment on the visit"}"#,
        r#"{"source":"Reuters","text":"A third outlet, unrelated"}"#,
    ]
    .join("\n");
    ws.file("mixed-scripts.jsonl", &text);
    let report = ws.json(&[
        "import",
        "mixed-scripts.jsonl",
        "--create-sources",
        "--json",
    ]);
    assert_eq!(report["added"], 5, "{report}");
    // Three sources, not five: each name's Arabic and English spellings are one source, keyed
    // by the first spelling seen, romanised when it is Arabic (never a bare hash).
    assert_eq!(
        report["created_sources"],
        json!(["bloomberg", "ntrfks", "reuters"]),
        "{report}"
    );
    let bloomberg = ws.json(&["source", "show", "bloomberg", "--json"]);
    assert_eq!(bloomberg["aliases"], json!(["بلومبرغ"]), "{bloomberg}");
    let interfax = ws.json(&["source", "show", "Interfax", "--json"]);
    assert_eq!(interfax["key"], "ntrfks", "{interfax}");
    assert_eq!(interfax["name"], "إنترفاكس");
    assert_eq!(ws.list_ids(&["--source", "bloomberg"]).len(), 2);
    assert_eq!(ws.list_ids(&["--source", "ntrfks"]).len(), 2);
    ws.ok(&["fsck"]);
}

#[test]
fn import_create_sources_declares_nothing_when_the_import_fails() {
    let ws = Ws::with_sources();
    let text = [
        r#"{"source":"Interfax","text":"Preparations for the visit are under way"}"#,
        r#"{"source":"nyt","text":"bad date","said_on":"2023-9-5"}"#,
    ]
    .join("\n");
    ws.file("fails.jsonl", &text);
    let before = ws.state();
    let msg = ws.err(&["import", "fails.jsonl", "--create-sources"]);
    assert!(msg.contains("fails.jsonl:2: bad date"), "{msg}");
    assert_eq!(
        ws.state(),
        before,
        "workspace.toml and the database are unchanged"
    );
}

#[test]
fn import_skip_bad_does_not_declare_sources_of_skipped_lines() {
    let ws = Ws::with_sources();
    let text = [
        r#"{"source":"nyt","text":"a good line"}"#,
        r#"{"source":"Interfax","text":"skipped: bad stance","stance":"agrees"}"#,
    ]
    .join("\n");
    ws.file("skip.jsonl", &text);
    let out = ws
        .cmd()
        .args([
            "import",
            "skip.jsonl",
            "--skip-bad",
            "--create-sources",
            "--json",
        ])
        .assert()
        .code(1);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["bad"].as_array().unwrap().len(), 1);
    assert_eq!(report["created_sources"], json!([]), "{report}");
    assert!(!ws.toml().contains("Interfax"), "{}", ws.toml());
}

#[test]
fn import_of_a_missing_file_is_an_error() {
    let ws = Ws::with_sources();
    let msg = ws.err(&["import", "no-such-file.jsonl"]);
    assert!(msg.contains("cannot open no-such-file.jsonl"), "{msg}");
}

#[test]
fn import_of_non_utf8_names_the_line() {
    let ws = Ws::with_sources();
    let mut bytes = b"{\"source\":\"nyt\",\"text\":\"ok\"}\n".to_vec();
    bytes.extend(b"{\"source\":\"nyt\",\"text\":\"\xff\xfe\"}\n");
    std::fs::write(ws.path().join("latin1.jsonl"), bytes).unwrap();
    let msg = ws.err(&["import", "latin1.jsonl"]);
    assert!(msg.contains("latin1.jsonl:2: not UTF-8"), "{msg}");
    assert!(ws.list_all().is_empty());
}

#[test]
fn import_accepts_a_leading_byte_order_mark() {
    let ws = Ws::with_sources();
    ws.file(
        "bom.jsonl",
        "\u{FEFF}{\"source\":\"nyt\",\"text\":\"Kim arrived in Vladivostok\"}\n",
    );
    ws.ok(&["import", "bom.jsonl"]);
    assert_eq!(ws.list_all()[0]["text"], "Kim arrived in Vladivostok");
}
