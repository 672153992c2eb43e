//! `claims export` (JSON Lines, CSV) and `claims import` of what claims prints: round trips
//! into an empty workspace, re-imports that change nothing, checked ids and hashes, the shared
//! filters, CSV with `--excel` and `--map`, and exports that fail leaving no file.

use crate::support::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Fully vocalised Arabic (harakat, shadda, tanwin): every mark must survive byte for byte.
const DIACRITICS: &str = "قالَ المتحدّثُ إنَّ الزيارةَ ستتمُّ قريبًا، ولم يُحدِّدْ موعدًا";

/// The fixture claims, the NYT claim corrected, Peskov's retracted, and a vocalised Arabic
/// claim; returns the workspace and the ids (fixture order, then the Arabic one).
fn workspace() -> (Ws, Vec<String>) {
    let ws = Ws::with_sources();
    let mut ids = add_fixture_claims(&ws).to_vec();
    ws.ok(&[
        "edit",
        &ids[1],
        "--text",
        "Kim Jong Un intends to go by armoured train to Vladivostok this month",
        "--note",
        "the NYT added the train",
    ]);
    ws.ok(&["retract", &ids[2], "--note", "another briefing"]);
    ids.push(ws.add(&[
        "--source",
        "يونهاب",
        "--about",
        "kim-visit",
        "--stance",
        "supports",
        "--reported-on",
        "2023-09-06",
        "--lang",
        "ar-KR",
        "--text",
        DIACRITICS,
    ]));
    (ws, ids)
}

/// Each claim of `list --all --json` by id: (version hash, text, retracted).
fn heads(ws: &Ws) -> BTreeMap<String, (Value, Value, Value)> {
    ws.list_all()
        .into_iter()
        .map(|c| {
            (
                id_of(&c),
                (
                    c["version"].clone(),
                    c["text"].clone(),
                    c["retracted"].clone(),
                ),
            )
        })
        .collect()
}

/// Runs `claims ARGS` with `input` on standard input; must succeed; returns stdout.
fn ok_with_stdin(ws: &Ws, args: &[&str], input: &str) -> String {
    let out = ws.cmd().args(args).write_stdin(input).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

/// The distinct ids of a JSONL export, in order.
fn export_ids(ws: &Ws, args: &[&str]) -> Vec<String> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let mut ids: Vec<String> = Vec::new();
    for line in ws.ok(&all).lines() {
        let v: Value = serde_json::from_str(line).expect("one JSON object a line");
        let id = id_of(&v);
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    ids
}

#[test]
fn a_jsonl_export_re_creates_the_same_claims_in_an_empty_workspace() {
    let (ws, ids) = workspace();
    ws.ok(&["export", "--all", "-o", "all.jsonl"]);
    let text = std::fs::read_to_string(ws.path().join("all.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 7, "every version: {text}");
    assert!(
        text.contains(DIACRITICS),
        "Arabic written as is, not escaped"
    );

    let other = Ws::with_sources();
    let file = other.file("all.jsonl", &text);
    let report = other.json(&["import", file.to_str().unwrap(), "--json"]);
    assert_eq!(report["added"], 5);
    assert_eq!(report["revised"], 2);
    assert_eq!(heads(&other), heads(&ws), "same ids, same head hashes");
    assert_eq!(
        other.list_ids(&["--all"]),
        ws.list_ids(&["--all"]),
        "in the same order"
    );
    for id in &ids {
        let log = |w: &Ws| w.log(id).iter().map(strip_by).collect::<Vec<_>>();
        assert_eq!(log(&other), log(&ws));
    }
    let arabic = other.show(&ids[4]);
    assert_eq!(
        arabic["text"].as_str().unwrap().as_bytes(),
        DIACRITICS.as_bytes()
    );
    assert_eq!(other.show(&ids[2])["retracted"], true);
    other.ok(&["fsck"]);
}

/// A log item without `by` (who wrote it differs between workspaces).
fn strip_by(v: &Value) -> Value {
    let mut v = v.clone();
    v["by"] = Value::Null;
    v
}

#[test]
fn importing_an_export_into_its_own_workspace_changes_nothing() {
    let (ws, _) = workspace();
    ws.ok(&["export", "--all", "-o", "all.jsonl"]);
    let head = ws.ok(&["head"]);
    let before = ws.state();
    let report = ws.json(&["import", "all.jsonl", "--json"]);
    assert_eq!(
        report,
        json!({"added": 0, "revised": 0, "unchanged": 7, "bad": [], "created_sources": []})
    );
    let out = ws.ok(&["import", "all.jsonl"]);
    assert!(
        out.contains("0 new claims, 0 new versions, 7 already recorded"),
        "{out}"
    );
    assert_eq!(ws.ok(&["head"]), head, "the log did not grow");
    assert_eq!(ws.state(), before);
}

#[test]
fn list_show_and_log_json_pipe_into_import() {
    let (ws, ids) = workspace();
    let before = ws.state();
    for args in [
        vec!["list", "--all", "--json"],
        vec!["show", &ids[1], "--json"],
        vec!["log", &ids[1], "--json"],
    ] {
        let printed = ws.ok(&args);
        let report = ok_with_stdin(&ws, &["import", "-", "--json"], &printed);
        let report: Value = serde_json::from_str(&report).unwrap();
        assert_eq!(report["added"], 0, "{args:?}: {report}");
        assert_eq!(report["revised"], 0, "{args:?}: {report}");
    }
    assert_eq!(ws.state(), before, "nothing recorded twice");

    // Into an empty workspace: a claim with one version keeps its id and hash.
    let other = Ws::with_sources();
    ok_with_stdin(
        &other,
        &["import", "-"],
        &ws.ok(&["show", &ids[4], "--json"]),
    );
    assert_eq!(other.show(&ids[4])["version"], ws.show(&ids[4])["version"]);
    ok_with_stdin(&other, &["import", "-"], &ws.ok(&["list", "--json"]));
    let listed = other.list_ids(&[]);
    assert!(
        listed.contains(&ids[0]) && listed.contains(&ids[3]),
        "{listed:?}"
    );
    // The corrected claim's history is not in `list`: its head becomes a claim of its own.
    let nyt = as_array(other.json(&["list", "--json", "--via", "nyt"]));
    assert_eq!(nyt.len(), 1);
    assert_eq!(nyt[0]["text"], ws.show(&ids[1])["text"]);
    assert_ne!(id_of(&nyt[0]), ids[1]);
    other.ok(&["fsck"]);
}

/// Imports `text` (a tampered export) and expects one error naming line `line` and `field`,
/// with nothing recorded.
fn assert_tamper_refused(text: &str, line: usize, field: &str) {
    let (ws, _) = workspace();
    ws.file("bad.jsonl", text);
    let head = ws.ok(&["head"]);
    let before = ws.state();
    let msg = ws.err(&["import", "bad.jsonl"]);
    assert!(msg.contains(&format!("bad.jsonl:{line}: ")), "{msg}");
    assert!(msg.contains(&format!("`{field}`")), "{msg}");
    assert_eq!(ws.ok(&["head"]), head);
    assert_eq!(ws.state(), before);
    // And into an empty workspace: nothing either.
    let other = Ws::with_sources();
    other.file("bad.jsonl", text);
    other.err(&["import", "bad.jsonl"]);
    assert!(other.list_all().is_empty());
}

#[test]
fn a_line_whose_id_or_hash_does_not_match_its_content_is_refused() {
    let (ws, _) = workspace();
    let text = ws.ok(&["export", "--all"]);
    let lines: Vec<&str> = text.lines().collect();
    let with = |i: usize, new: String| {
        let mut l = lines.clone();
        l[i] = &new;
        l.join("\n") + "\n"
    };
    let mut v: Value = serde_json::from_str(lines[0]).unwrap();
    v["id"] = json!("k".repeat(32));
    assert_tamper_refused(&with(0, v.to_string()), 1, "id");

    // The corrected NYT claim's second version.
    let i = lines
        .iter()
        .position(|l| l.contains("\"seq\":2,\"retracted\":false"))
        .unwrap();
    let mut v: Value = serde_json::from_str(lines[i]).unwrap();
    v["text"] = json!("Kim Jong Un will not travel");
    assert_tamper_refused(&with(i, v.to_string()), i + 1, "version");

    let mut v: Value = serde_json::from_str(lines[i]).unwrap();
    // Another valid hash: the first digit changed.
    let h = v["version"].as_str().unwrap();
    let first = if h.starts_with('0') { "1" } else { "0" };
    v["version"] = json!(format!("{first}{}", &h[1..]));
    assert_tamper_refused(&with(i, v.to_string()), i + 1, "version");

    let mut v: Value = serde_json::from_str(lines[0]).unwrap();
    v["text"] = json!("North Korea will pay");
    assert_tamper_refused(&with(0, v.to_string()), 1, "id");

    let mut v: Value = serde_json::from_str(lines[1]).unwrap();
    v["recorded_at"] = json!("2020-01-01T00:00:00Z");
    assert_tamper_refused(&with(1, v.to_string()), 2, "version");
}

#[test]
fn unknown_fields_are_still_refused_and_claim_fields_need_their_hashes() {
    let ws = Ws::with_sources();
    ws.file(
        "typo.jsonl",
        "{\"source\":\"nyt\",\"text\":\"x\",\"sorce\":\"y\"}\n",
    );
    let msg = ws.err(&["import", "typo.jsonl"]);
    assert!(msg.contains("typo.jsonl:1: unknown field `sorce`"), "{msg}");
    ws.file(
        "half.jsonl",
        "{\"source\":\"nyt\",\"text\":\"x\",\"seq\":1}\n",
    );
    let msg = ws.err(&["import", "half.jsonl"]);
    assert!(msg.contains("half.jsonl:1: missing field `id`"), "{msg}");
}

#[test]
fn export_and_list_take_the_same_filters() {
    let (ws, _) = workspace();
    let cases: [&[&str]; 11] = [
        &[],
        &["--all"],
        &["--source", "nyt"],
        &["--source", "US officials"],
        &["--via", "يونهاب"],
        &["--about", "kim-visit"],
        &["--lang", "ar"],
        &["--lang", "en", "--all"],
        &["--since", "2023-09-05"],
        &["--until", "2023-09-04"],
        &["--since", "2023-09-05", "--until", "2023-09-05", "--all"],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for args in cases {
        let mut listed = ws.list_ids(args);
        let mut exported = export_ids(&ws, args);
        listed.sort();
        exported.sort();
        assert_eq!(exported, listed, "export {args:?}");
        seen.insert(listed.len());
        let mut csv_args = vec!["--format", "csv"];
        csv_args.extend_from_slice(args);
        let csv = ws.ok(&[&["export"], &csv_args[..]].concat());
        assert_eq!(csv.lines().count(), listed.len() + 1, "csv {args:?}: {csv}");
    }
    assert!(
        seen.len() >= 4,
        "the filters select different claims: {seen:?}"
    );
    // Both in the order claims were first recorded (the corrected NYT claim second), so
    // --limit takes the same claims.
    for args in [
        &["--all"][..],
        &["--limit", "2", "--all"],
        &["--limit", "3"],
    ] {
        assert_eq!(export_ids(&ws, args), ws.list_ids(args), "{args:?}");
    }
    assert_eq!(ws.list_ids(&["--limit", "2"]).len(), 2);
    assert_eq!(ws.list_ids(&["--lang", "ar"]).len(), 2, "ar takes ar-KR");
    assert_eq!(ws.list_ids(&["--via", "nyt"]).len(), 1);
    assert_eq!(ws.list_ids(&["--until", "2023-09-04"]).len(), 2);
    let msg = ws.err(&["export", "--until", "yesterday"]);
    assert!(msg.contains("bad date `yesterday`"), "{msg}");
}

#[test]
fn a_csv_export_re_imports_to_the_same_claims() {
    let (ws, ids) = workspace();
    ws.ok(&["export", "--format", "csv", "--all", "-o", "all.csv"]);
    let text = std::fs::read_to_string(ws.path().join("all.csv")).unwrap();
    assert!(
        text.starts_with("id,seq,retracted,source,via,text,"),
        "{text}"
    );
    assert!(text.contains(DIACRITICS));
    assert!(text.contains("\r\n"), "RFC 4180 line ends");

    let other = Ws::with_sources();
    other.file("all.csv", &text);
    let report = other.json(&["import", "--format", "csv", "all.csv", "--json"]);
    assert_eq!(report["added"], 5, "{report}");
    let got = heads(&other);
    let want = heads(&ws);
    // One-version claims come back with their ids; texts byte for byte.
    for i in [0, 3, 4] {
        assert_eq!(got[&ids[i]].1, want[&ids[i]].1);
    }
    assert_eq!(
        got[&ids[4]].1.as_str().unwrap().as_bytes(),
        DIACRITICS.as_bytes()
    );
    // The retracted one is retracted; the corrected one is its newest text under a new id.
    assert_eq!(got[&ids[2]].2, true);
    assert!(!got.contains_key(&ids[1]));
    assert!(got.values().any(|(_, t, _)| *t == want[&ids[1]].1));
    let shown = other.show(&ids[3]);
    assert_eq!(shown["via"], json!(["yonhap"]));
    assert_eq!(shown["said_on"], "2023-09-04");
    let before = other.state();
    let again = other.json(&["import", "--format", "csv", "all.csv", "--json"]);
    assert_eq!(
        (again["added"].as_u64(), again["revised"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(other.state(), before);
    other.ok(&["fsck"]);
}

#[test]
fn excel_csv_starts_with_a_bom_and_re_imports() {
    let (ws, ids) = workspace();
    ws.ok(&["export", "--format", "csv", "--excel", "-o", "x.csv"]);
    let bytes = std::fs::read(ws.path().join("x.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,"), "{:?}", &bytes[..8]);
    let other = Ws::with_sources();
    std::fs::write(other.path().join("x.csv"), &bytes).unwrap();
    other.ok(&["import", "--format", "csv", "x.csv"]);
    assert_eq!(other.show(&ids[4])["text"], DIACRITICS);
    let msg = ws.err(&["export", "--excel"]);
    assert!(msg.contains("--format csv"), "{msg}");
}

/// A colleague's sheet: Arabic headers, columns in their own order, an extra column.
const SHEET: &str = "النص,المصدر,عبر,التاريخ,ملاحظات\n\
\"قال بيسكوف: \"\"لا تعليق\"\"\",بيسكوف,,2023-09-05,من الأرشيف\n\
قالت يونهاب إن شويغو اقترح مناورات,NIS,يونهاب,٢٠٢٣-٠٩-٠٤,\n";

const MAP: [&str; 8] = [
    "--map",
    "النص=text",
    "--map",
    "المصدر=source",
    "--map",
    "عبر=via",
    "--map",
    "التاريخ=said_on",
];

#[test]
fn map_reads_a_foreign_sheet_with_arabic_headers() {
    let ws = Ws::with_sources();
    ws.file("sheet.csv", SHEET);
    let out = ws.ok(&[&["import", "--format", "csv", "sheet.csv"], &MAP[..]].concat());
    assert!(out.contains("2 new claims"), "{out}");
    let all = ws.list_all();
    let peskov = all.iter().find(|c| c["source"] == "peskov").unwrap();
    assert_eq!(peskov["text"], "قال بيسكوف: \"لا تعليق\"");
    assert_eq!(peskov["said_on"], "2023-09-05");
    let nis = all.iter().find(|c| c["source"] == "nis").unwrap();
    assert_eq!(nis["via"], json!(["yonhap"]));
    assert_eq!(nis["said_on"], "2023-09-04");

    for (map, expect) in [
        ("النص=txt", "unknown field `txt`"),
        ("النص=text", "sheet.csv:1: missing column `source`"),
        ("Outlet=source", "no column `Outlet`"),
    ] {
        let msg = ws.err(&["import", "--format", "csv", "sheet.csv", "--map", map]);
        assert!(msg.contains(expect), "{msg}");
    }
}

#[test]
fn a_bad_csv_row_is_named_by_line_and_column_and_nothing_is_written() {
    let ws = Ws::with_sources();
    let sheet = format!("{SHEET}نص ثالث,NIS,,2023-13-45,\n");
    ws.file("sheet.csv", &sheet);
    let before = ws.state();
    let msg = ws.err(&[&["import", "--format", "csv", "sheet.csv"], &MAP[..]].concat());
    assert!(
        msg.contains("sheet.csv:4: column `التاريخ`: bad date"),
        "{msg}"
    );
    assert_eq!(ws.state(), before);
    // An unknown source is named by its column too.
    ws.file("src.csv", "source,text\nnobody-knows,some words\n");
    let msg = ws.err(&["import", "--format", "csv", "src.csv"]);
    assert!(
        msg.contains("src.csv:2: column `source`: unknown source"),
        "{msg}"
    );
    assert_eq!(ws.state(), before);
    // --skip-bad keeps the good rows and names the bad one.
    let out = ws
        .cmd()
        .args(
            [
                &["import", "--format", "csv", "sheet.csv", "--skip-bad"],
                &MAP[..],
            ]
            .concat(),
        )
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("skipped sheet.csv:4: column `التاريخ`"),
        "{stderr}"
    );
    assert_eq!(ws.list_all().len(), 2);
}

#[test]
fn a_failed_export_leaves_no_file() {
    let (ws, _) = workspace();
    let msg = ws.err(&["export", "-o", "no/such/dir/out.jsonl"]);
    assert!(msg.contains("no/such/dir"), "{msg}");
    let msg = ws.err(&["export", "-o", "workspace.toml/out.csv", "--format", "csv"]);
    assert!(msg.contains("workspace.toml"), "{msg}");
    let msg = ws.err(&["export", "--source", "nobody", "-o", "out.jsonl"]);
    assert!(msg.contains("unknown source `nobody`"), "{msg}");
    let names: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("out") || n.ends_with(".tmp")),
        "{names:?}"
    );
    // A successful export replaces an existing file whole.
    ws.file("out.jsonl", "old contents\n");
    ws.ok(&["export", "-o", "out.jsonl", "--about", "kim-visit"]);
    let text = std::fs::read_to_string(ws.path().join("out.jsonl")).unwrap();
    assert!(
        !text.contains("old contents") && text.lines().count() == 3,
        "{text}"
    );
}

#[test]
fn snapshot_export_csv() {
    let (ws, _) = workspace();
    insta::assert_snapshot!(
        "export_csv",
        redact(&ws.ok(&["export", "--format", "csv", "--all"]))
    );
}

#[test]
fn csv_import_declares_unknown_sources_when_asked() {
    let ws = Ws::with_sources();
    ws.file(
        "new.csv",
        "text,source,via\nالخبر كما نشرته الوكالة,وكالة جديدة,Reuters Arabic; nyt\n",
    );
    let msg = ws.err(&["import", "--format", "csv", "new.csv"]);
    assert!(
        msg.contains("new.csv:2: column `source`: unknown source"),
        "{msg}"
    );
    let report = ws.json(&[
        "import",
        "--format",
        "csv",
        "new.csv",
        "--create-sources",
        "--json",
    ]);
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(
        report["created_sources"].as_array().unwrap().len(),
        2,
        "{report}"
    );
    let claim = &ws.list_all()[0];
    assert_eq!(claim["via"].as_array().unwrap().len(), 2);
    assert_eq!(claim["via"][1], "nyt");
    let msg = ws.err(&["import", "new.csv", "--map", "text=text"]);
    assert!(msg.contains("--map applies to --format csv only"), "{msg}");
    ws.ok(&["fsck"]);
}
