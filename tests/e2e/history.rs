//! `claims log` and `claims diff`, and colour only on terminals.

use crate::support::*;
use serde_json::{Value, json};

const ARABIC_V1: &str = "قال مسؤولون أمريكيون إن كيم جونغ أون سيزور روسيا هذا الشهر";
const ARABIC_V2: &str =
    "قال مسؤولون أمريكيون إن كيم جونغ أون سيزور فلاديفوستوك بقطار مصفح هذا الشهر";

/// A claim with three versions: recorded in Arabic, corrected, then retracted.
fn three_versions(ws: &Ws) -> String {
    let id = ws.add(&[
        "--source",
        "مسؤولون أمريكيون",
        "--via",
        "نيويورك تايمز",
        "--about",
        "kim-visit",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-04",
        "--lang",
        "ar",
        "--text",
        ARABIC_V1,
    ]);
    ws.ok(&[
        "edit",
        &id,
        "--text",
        ARABIC_V2,
        "--said-on",
        "2023-09-10",
        "--note",
        "أضافت الصحيفة تفاصيل القطار",
    ]);
    ws.ok(&[
        "retract",
        &id,
        "--note",
        "superseded by the official announcement",
    ]);
    id
}

#[test]
fn log_json_lists_versions_chained_by_parent() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let log = ws.log(&id);
    assert_eq!(log.len(), 3);
    let seqs: Vec<u64> = log.iter().map(|v| v["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [1, 2, 3], "oldest first");
    assert_eq!(log[0]["parent"], Value::Null);
    for w in log.windows(2) {
        assert!(is_hash(w[0]["version"].as_str().unwrap()));
        assert_eq!(
            w[1]["parent"], w[0]["version"],
            "parent of v{} is v{}",
            w[1]["seq"], w[0]["seq"]
        );
    }
    let actions: Vec<&str> = log.iter().map(|v| v["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["record", "record", "retract"]);
    assert!(log.iter().all(|v| v["id"] == id.as_str()));
    assert_eq!(log[1]["note"], "أضافت الصحيفة تفاصيل القطار");
    assert_eq!(log[1]["text"], ARABIC_V2);
    assert_eq!(log[2]["retracted"], true);
    assert_eq!(log[2]["version"], ws.show(&id)["version"]);
}

#[test]
fn log_text_is_newest_first_with_short_hashes_and_notes() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let log = ws.log(&id);
    let text = ws.ok(&["log", &id]);
    let marks: Vec<&str> = text.lines().filter(|l| !l.starts_with('│')).collect();
    assert_eq!(marks.len(), 3, "{text}");
    let short = |i: usize| log[i]["version"].as_str().unwrap()[..12].to_string();
    assert!(
        marks[0].starts_with(&format!("@ v3 {}", short(2))),
        "{text}"
    );
    assert!(marks[0].ends_with("retracted"), "{text}");
    assert!(
        marks[1].starts_with(&format!("○ v2 {}", short(1))) && marks[1].ends_with("corrected"),
        "{text}"
    );
    assert!(
        marks[2].starts_with(&format!("○ v1 {}", short(0))) && marks[2].ends_with("recorded"),
        "{text}"
    );
    assert!(
        text.contains("│ note: أضافت الصحيفة تفاصيل القطار"),
        "{text}"
    );
    assert!(text.contains("│ us-officials ← nyt: "), "{text}");
}

#[test]
fn diff_marks_inserted_and_deleted_arabic_words_when_piped() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let out = ws.ok(&["diff", &id, "1", "2"]);
    let text_line = out.lines().find(|l| l.starts_with("text: ")).expect(&out);
    assert!(
        text_line.contains("[-روسيا-]") || text_line.contains("[-روسيا -]"),
        "{out}"
    );
    assert!(
        text_line.contains("{+فلاديفوستوك بقطار مصفح+}")
            || text_line.contains("{+فلاديفوستوك بقطار مصفح +}"),
        "inserted Arabic words inside {{+ +}}: {out}"
    );
    // Equal words are printed as they are, outside markers.
    assert!(
        text_line.starts_with("text: قال مسؤولون أمريكيون إن كيم جونغ أون سيزور "),
        "{out}"
    );
    assert!(text_line.trim_end().ends_with("هذا الشهر"), "{out}");
    // Removing the markers gives the new text back, without them the old.
    let body = &text_line["text: ".len()..];
    let new = strip_markers(body, false);
    let old = strip_markers(body, true);
    assert_eq!(new, ARABIC_V2);
    assert_eq!(old, ARABIC_V1);
    // Other fields: old → new.
    assert!(out.contains("said_on: 2023-09-04 → 2023-09-10"), "{out}");
    assert!(out.contains("note: أضافت الصحيفة تفاصيل القطار"), "{out}");
    assert!(
        out.starts_with(&format!("claim {}: v1 ", &id[..12])),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "{out:?}");
}

/// Rebuilds one side of a marked diff: the old text (keep deletions) or the new (keep insertions).
fn strip_markers(body: &str, old: bool) -> String {
    let mut out = String::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[-") {
            let end = r.find("-]").expect("closed [- -]");
            if old {
                out.push_str(&r[..end]);
            }
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("{+") {
            let end = r.find("+}").expect("closed {+ +}");
            if !old {
                out.push_str(&r[..end]);
            }
            rest = &r[end + 2..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn diff_defaults_to_head_and_parent_and_one_selector_means_to_head() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    // No selector: v2 → v3 (the retraction): only the action changed.
    let d = ws.json(&["diff", &id, "--json"]);
    assert_eq!(d["from"]["seq"], 2);
    assert_eq!(d["to"]["seq"], 3);
    assert_eq!(
        d["changes"],
        json!([{"field": "action", "old": "record", "new": "retract"}])
    );
    // One selector: that version → head.
    let d = ws.json(&["diff", &id, "1", "--json"]);
    assert_eq!(d["from"]["seq"], 1);
    assert_eq!(d["to"]["seq"], 3);
    let fields: Vec<&str> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["action", "text", "said_on"]);
    // Text output of the same.
    let out = ws.ok(&["diff", &id, "1"]);
    assert!(out.contains("action: record → retract"), "{out}");
    assert!(out.contains("{+"), "{out}");
}

#[test]
fn diff_json_shape() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let log = ws.log(&id);
    let d = ws.json(&["diff", &id, "1", "2", "--json"]);
    assert_eq!(d["id"], id.as_str());
    assert_eq!(d["from"], json!({"seq": 1, "version": log[0]["version"]}));
    assert_eq!(d["to"], json!({"seq": 2, "version": log[1]["version"]}));
    let changes = d["changes"].as_array().unwrap();
    let text = changes.iter().find(|c| c["field"] == "text").unwrap();
    assert_eq!(text["old"], ARABIC_V1);
    assert_eq!(text["new"], ARABIC_V2);
    let words = text["words"].as_array().unwrap();
    for w in words {
        assert!(
            ["equal", "delete", "insert"].contains(&w["op"].as_str().unwrap()),
            "{w}"
        );
    }
    let joined = |keep: &str| -> String {
        words
            .iter()
            .filter(|w| w["op"] == "equal" || w["op"] == keep)
            .map(|w| w["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(joined("insert"), ARABIC_V2);
    assert_eq!(joined("delete"), ARABIC_V1);
    let inserted: String = words
        .iter()
        .filter(|w| w["op"] == "insert")
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted.trim(), "فلاديفوستوك بقطار مصفح");
    let said = changes.iter().find(|c| c["field"] == "said_on").unwrap();
    assert_eq!(
        *said,
        json!({"field": "said_on", "old": "2023-09-04", "new": "2023-09-10"})
    );
}

#[test]
fn diff_versions_by_hash_prefix_and_v_prefix() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let log = ws.log(&id);
    let h1 = log[0]["version"].as_str().unwrap();
    let h2 = log[1]["version"].as_str().unwrap();
    let by_number = ws.json(&["diff", &id, "1", "2", "--json"]);
    let by_hash = ws.json(&["diff", &id, &h1[..8], &h2[..10], "--json"]);
    assert_eq!(by_number, by_hash);
    let by_v = ws.json(&["diff", &id, "v1", "v2", "--json"]);
    assert_eq!(by_number, by_v);
    let by_full = ws.json(&["diff", &id, h1, h2, "--json"]);
    assert_eq!(by_number, by_full);
}

#[test]
fn diff_of_a_single_version_claim_says_no_differences() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    let out = ws.ok(&["diff", &sullivan]);
    assert!(out.contains("(no differences)"), "{out}");
    let d = ws.json(&["diff", &sullivan, "--json"]);
    assert_eq!(d["changes"], json!([]));
}

#[test]
fn diff_with_an_unknown_version_is_an_error() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    for sel in ["4", "0", "v9", "ffffffff", "latest"] {
        let msg = ws.err(&["diff", &id, sel]);
        assert!(
            msg.contains(&format!("has no version `{sel}`")),
            "{sel}: {msg}"
        );
    }
    let msg = ws.err(&["diff", &id, "1", "7"]);
    assert!(msg.contains("no version `7`"), "{msg}");
}

#[test]
fn no_ansi_escapes_when_piped_even_without_no_color() {
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    for args in [
        vec!["diff", id.as_str(), "1", "2"],
        vec!["show", id.as_str()],
        vec!["log", id.as_str()],
        vec!["list", "--all"],
        vec!["source", "list"],
        vec![
            "add",
            "--source",
            "nyt",
            "--text",
            "Piped output stays plain",
        ],
    ] {
        let out = ws
            .cmd()
            .env_remove("NO_COLOR")
            .args(&args)
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!stdout.contains('\x1b'), "{args:?}: {stdout:?}");
    }
    let out = ws
        .cmd()
        .env_remove("NO_COLOR")
        .args(["diff", &id, "1", "2"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("{+") && stdout.contains("[-"),
        "plain markers instead: {stdout}"
    );
    let out = ws
        .cmd()
        .env_remove("NO_COLOR")
        .args(["show", "zzzz"])
        .output()
        .unwrap();
    one_error_line(&out);
}

#[test]
fn forced_colour_uses_ansi_styles_instead_of_markers() {
    // The counterpart of the test above: proves the absence of escapes there is meaningful.
    let ws = Ws::with_sources();
    let id = three_versions(&ws);
    let out = ws
        .cmd()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["diff", &id, "1", "2"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains('\x1b'), "{stdout:?}");
    assert!(
        !stdout.contains("{+") && !stdout.contains("[-"),
        "{stdout:?}"
    );
    assert!(stdout.contains("فلاديفوستوك بقطار مصفح"), "{stdout:?}");
    // NO_COLOR wins over forcing.
    let out = ws
        .cmd()
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .args(["diff", &id, "1", "2"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
}
