//! `claims about add | list | show` and `claims verdict`: kinds declared and inferred, JSON
//! shapes, versioned verdicts, fsck over verdicts, and one-line errors.

use crate::support::*;
use serde_json::{Value, json};

fn abc() -> Ws {
    Ws::with_keys(&["a", "b", "c"])
}

/// The proposition with `key` in `about list --json`.
fn listed(ws: &Ws, key: &str) -> Value {
    as_array(ws.json(&["about", "list", "--json"]))
        .into_iter()
        .find(|p| p["key"] == key)
        .unwrap_or_else(|| panic!("{key} not listed"))
}

#[test]
fn about_add_declares_words_and_kind() {
    let ws = abc();
    let out = ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim will visit Russia in September",
        "--kind",
        "statement",
    ]);
    assert_eq!(
        out,
        "Proposition kim-visit (statement): Kim will visit Russia in September\n"
    );
    // No claim yet: it is listed, with 0 claims and its declared kind.
    assert_eq!(
        listed(&ws, "kim-visit"),
        json!({
            "key": "kim-visit",
            "text": "Kim will visit Russia in September",
            "kind": "statement",
            "kind_declared": true,
            "claims": 0
        })
    );
    // Without --kind, a proposition with no value claims is a statement (inferred).
    assert_eq!(
        ws.ok(&["about", "add", "train", "--text", "Kim travels by train"]),
        "Proposition train (statement): Kim travels by train\n"
    );
    assert_eq!(listed(&ws, "train")["kind_declared"], false);
    // Declaring again changes the words and keeps the kind.
    ws.ok(&["about", "add", "kim-visit", "--text", "Kim visits Russia"]);
    let p = listed(&ws, "kim-visit");
    assert_eq!(p["text"], "Kim visits Russia");
    assert_eq!(p["kind"], "statement");
    assert_eq!(p["kind_declared"], true);
    // A kind alone.
    assert_eq!(
        ws.ok(&["about", "add", "flight-date", "--kind", "value"]),
        "Proposition flight-date (value)\n"
    );
}

#[test]
fn kinds_are_inferred_from_claims_unless_declared() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    ws.give("a", "killed", "36", &[]);
    ws.say("b", "killed", "refutes", &[]);
    // A value proposition declared a statement stays a statement.
    ws.ok(&["about", "add", "declared", "--kind", "statement"]);
    ws.give("c", "declared", "12", &[]);
    let list = as_array(ws.json(&["about", "list", "--json"]));
    assert_json_shape!("about_list_json", &list);
    let keys: Vec<&str> = list.iter().map(|p| p["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["declared", "killed", "visit"], "sorted by key");
    let by = |k: &str| list.iter().find(|p| p["key"] == k).unwrap().clone();
    assert_eq!(by("visit")["kind"], "statement");
    assert_eq!(by("visit")["kind_declared"], false);
    assert_eq!(by("killed")["kind"], "value");
    assert_eq!(by("killed")["kind_declared"], false);
    assert_eq!(by("killed")["claims"], 2);
    assert_eq!(by("declared")["kind"], "statement");
    assert_eq!(by("declared")["kind_declared"], true);
    assert_eq!(by("declared")["claims"], 1);
    // Human output.
    let show = ws.ok(&["about", "show", "killed"]);
    assert!(show.starts_with("killed (value, inferred)\n"), "{show}");
    assert!(
        show.contains("2 standing claims; `claims compare killed` weighs them"),
        "{show}"
    );
    let show = ws.ok(&["about", "show", "declared"]);
    assert!(show.starts_with("declared (statement)\n"), "{show}");
    let list = ws.ok(&["about", "list"]);
    let header = list.lines().next().unwrap();
    for col in ["KEY", "KIND", "CLAIMS", "TEXT"] {
        assert!(header.contains(col), "{list}");
    }
    assert!(
        list.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["killed", "value", "2"]),
        "{list}"
    );
}

#[test]
fn about_counts_standing_claims_only() {
    let ws = abc();
    let a = ws.give("a", "killed", "36", &[]);
    ws.say("b", "killed", "supports", &[]);
    ws.ok(&["retract", &a, "--note", "wrong"]);
    // The only value claim is retracted: one standing claim, and a statement again.
    let p = listed(&ws, "killed");
    assert_eq!(p["claims"], 1);
    assert_eq!(p["kind"], "statement");
    // A claim moved elsewhere no longer counts here.
    let b = ws.say("c", "visit", "supports", &[]);
    ws.say("a", "visit", "supports", &[]);
    ws.ok(&["edit", &b, "--about", "killed", "--note", "moved"]);
    assert_eq!(listed(&ws, "visit")["claims"], 1);
    assert_eq!(listed(&ws, "killed")["claims"], 2);
}

#[test]
fn about_show_json_has_the_proposition_its_claims_and_verdicts() {
    let ws = abc();
    ws.ok(&["about", "add", "visit", "--text", "Kim visits Russia"]);
    let a = ws.say("a", "visit", "supports", &[]);
    let b = ws.say("b", "visit", "refutes", &[]);
    ws.say("c", "other", "supports", &[]);
    ws.ok(&["verdict", "visit", "--rating", "true", "--note", "he went"]);
    let v = ws.json(&["about", "show", "visit", "--json"]);
    assert_json_shape!("about_show_json", &v);
    assert_eq!(v["proposition"]["key"], "visit");
    assert_eq!(v["proposition"]["text"], "Kim visits Russia");
    assert_eq!(v["proposition"]["claims"], 2);
    let ids: Vec<String> = v["claims"].as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(ids, [a, b]);
    assert_eq!(v["claims"][0]["stance"], "supports");
    assert_eq!(v["verdicts"].as_array().unwrap().len(), 1);
    assert_eq!(v["verdicts"][0]["rating"], "true");
    let show = ws.ok(&["about", "show", "visit"]);
    assert!(show.contains("Kim visits Russia\n"), "{show}");
    assert!(show.contains("verdict v1 true: he went"), "{show}");
}

#[test]
fn about_errors_are_one_line_and_change_nothing() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    let before = ws.json(&["about", "list", "--json"]);
    let err = ws.err(&["about", "add", "visit", "--kind", "opinion"]);
    assert!(
        err.contains("bad proposition kind `opinion`: expected statement or value"),
        "{err}"
    );
    let err = ws.err(&["about", "add", "bad key!", "--text", "x"]);
    assert!(err.contains("bad proposition key `bad key!`"), "{err}");
    let err = ws.err(&["about", "add", "visit", "--text", "  "]);
    assert!(err.contains("empty text"), "{err}");
    assert_eq!(ws.json(&["about", "list", "--json"]), before);
    for args in [
        vec!["about", "show", "nope"],
        vec!["about", "show", "nope", "--json"],
        vec!["compare", "nope"],
        vec!["verdict", "nope", "--rating", "true", "--note", "x"],
    ] {
        let err = ws.err(&args);
        assert!(
            err.contains("unknown proposition `nope`"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn about_list_on_an_empty_workspace() {
    let ws = abc();
    assert_eq!(ws.json(&["about", "list", "--json"]), json!([]));
    assert!(
        ws.ok(&["about", "list"]).starts_with("No propositions yet"),
        "empty list explains itself"
    );
}

#[test]
fn verdicts_are_recorded_versioned_and_chained() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    let out = ws.ok(&[
        "verdict", "visit", "--rating", "unproven", "--note", "not yet",
    ]);
    assert!(
        out.starts_with("Recorded verdict v1 on visit: unproven ("),
        "{out}"
    );
    let second = ws.json(&[
        "verdict",
        "visit",
        "--rating",
        "true",
        "--note",
        "he arrived in Vladivostok",
        "--json",
    ]);
    assert_json_shape!("verdict_json", &second);
    let list = ws.json(&["about", "show", "visit", "--json"])["verdicts"].clone();
    let list = as_array(list);
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first["seq"], 1);
    assert_eq!(first["parent"], Value::Null);
    assert_eq!(first["rating"], "unproven");
    assert_eq!(first["note"], "not yet");
    assert!(is_hash(first["hash"].as_str().unwrap()), "{first}");
    assert_eq!(second["about"], "visit");
    assert_eq!(second["seq"], 2);
    assert_eq!(second["parent"], first["hash"]);
    assert_eq!(second["rating"], "true");
    assert_eq!(second["value"], Value::Null);
    assert!(is_hash(second["hash"].as_str().unwrap()));
    assert_ne!(second["hash"], first["hash"]);
    assert_eq!(list[1], second);
    // Chains are per proposition: a verdict elsewhere starts at 1.
    ws.say("b", "train", "supports", &[]);
    let other = ws.json(&[
        "verdict", "train", "--rating", "false", "--note", "by air", "--json",
    ]);
    assert_eq!(other["seq"], 1);
    assert_eq!(other["parent"], Value::Null);
    // The latest shows in compare.
    assert_eq!(ws.compare("visit", &[])["verdict"], second);
    // A declared proposition without claims can be ruled on.
    ws.ok(&["about", "add", "drills", "--text", "Joint naval drills"]);
    ws.ok(&[
        "verdict",
        "drills",
        "--rating",
        "misleading",
        "--note",
        "no date",
    ]);
    ws.ok(&["fsck"]);
}

#[test]
fn verdict_errors_are_one_line_and_record_nothing() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    ws.give("a", "killed", "36", &[]);
    let err = ws.err(&["verdict", "visit", "--rating", "maybe", "--note", "x"]);
    assert!(
        err.contains("bad rating `maybe`: expected one of true, mostly-true, mixed, misleading, mostly-false, false, unproven, satire, altered-media, unrated"),
        "{err}"
    );
    // A value proposition needs --value to be ruled true.
    let err = ws.err(&["verdict", "killed", "--rating", "true", "--note", "x"]);
    assert!(
        err.contains("`killed` is a value proposition: say which value is true with --value"),
        "{err}"
    );
    assert_eq!(ws.sql_query("SELECT COUNT(*) FROM verdicts"), "0\n");
    // With --value it is recorded, the value as given.
    let v = ws.json(&[
        "verdict",
        "killed",
        "--rating",
        "true",
        "--value",
        "٣٦",
        "--note",
        "morgue count",
        "--json",
    ]);
    assert_eq!(v["value"], "٣٦");
    // Other ratings need no value.
    ws.ok(&[
        "verdict",
        "killed",
        "--rating",
        "unproven",
        "--note",
        "counts differ",
    ]);
    assert_eq!(ws.sql_query("SELECT COUNT(*) FROM verdicts"), "2\n");
}

#[test]
fn fsck_names_a_tampered_verdict() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    let v1 = ws.json(&[
        "verdict", "visit", "--rating", "false", "--note", "denied", "--json",
    ]);
    ws.json(&[
        "verdict",
        "visit",
        "--rating",
        "true",
        "--note",
        "confirmed",
        "--json",
    ]);
    assert!(ws.ok(&["fsck"]).starts_with("ok: "));
    ws.sql("UPDATE verdicts SET note = 'confirmed all along' WHERE about = 'visit' AND seq = 1");
    let out = ws.cmd().arg("fsck").output().unwrap();
    assert!(!out.status.success(), "fsck must fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: fsck found 1 problem(s)"),
        "{stderr}"
    );
    assert!(stderr.contains("altered outside claims"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let h1 = v1["hash"].as_str().unwrap();
    assert!(
        stdout.starts_with(&format!("verdict on visit version 1 ({}): ", &h1[..12])),
        "{stdout}"
    );
    let out = ws.cmd().args(["fsck", "--json"]).output().unwrap();
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["claim"], "verdict on visit");
    assert_eq!(problems[0]["seq"], 1);
    assert_eq!(problems[0]["version"], v1["hash"]);
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("content does not match its hash"),
        "{report}"
    );
}

#[test]
fn fsck_names_a_verdict_in_text_and_a_broken_verdict_chain() {
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    let v1 = ws.json(&[
        "verdict", "visit", "--rating", "false", "--note", "denied", "--json",
    ]);
    let v2 = ws.json(&[
        "verdict",
        "visit",
        "--rating",
        "true",
        "--note",
        "confirmed",
        "--json",
    ]);
    // Changing the rating of v2 in place.
    ws.sql("UPDATE verdicts SET rating = 'false' WHERE about = 'visit' AND seq = 2");
    let out = ws.cmd().arg("fsck").output().unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let h2 = v2["hash"].as_str().unwrap();
    let want = format!("verdict on visit version 2 ({}): ", &h2[..12]);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&want) && l.contains("content does not match its hash")),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&v1["hash"].as_str().unwrap()[..12]),
        "{stdout}"
    );
    // Deleting v1 breaks the chain at v2.
    let ws = abc();
    ws.say("a", "visit", "supports", &[]);
    ws.ok(&["verdict", "visit", "--rating", "false", "--note", "denied"]);
    ws.ok(&[
        "verdict",
        "visit",
        "--rating",
        "true",
        "--note",
        "confirmed",
    ]);
    ws.sql("DELETE FROM verdicts WHERE about = 'visit' AND seq = 1");
    let out = ws.cmd().args(["fsck", "--json"]).output().unwrap();
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("version 2 found where version 1 was expected")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("parent hash does not match the previous verdict")),
        "{messages:?}"
    );
}

#[test]
fn a_ruled_proposition_stays_known_when_its_claims_are_retracted() {
    let ws = abc();
    let a = ws.say("a", "visit", "supports", &[]);
    ws.ok(&[
        "verdict", "visit", "--rating", "false", "--note", "debunked",
    ]);
    ws.ok(&["retract", &a, "--note", "the outlet withdrew it"]);
    // Its ruling is still there (fsck sees it) ...
    assert_eq!(ws.sql_query("SELECT COUNT(*) FROM verdicts"), "1\n");
    // ... so the proposition must still be shown, compared and ruled on.
    let v = ws.json(&["about", "show", "visit", "--json"]);
    assert_eq!(v["verdicts"].as_array().unwrap().len(), 1);
    assert_eq!(ws.compare("visit", &[])["verdict"]["rating"], "false");
    listed(&ws, "visit");
    ws.ok(&[
        "verdict",
        "visit",
        "--rating",
        "false",
        "--note",
        "still false",
    ]);
}
