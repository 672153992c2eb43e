//! Snapshots of the human output on a small fixed workspace (volatile parts redacted).

use crate::support::*;

/// The fixture claims; the NYT claim corrected once, Peskov's retracted.
fn fixed_workspace() -> (Ws, [String; 4]) {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &ids[1],
        "--text",
        "Kim Jong Un intends to go by armoured train to Vladivostok this month to meet Vladimir Putin",
        "--note",
        "the NYT added the train and the city",
    ]);
    ws.ok(&[
        "retract",
        &ids[2],
        "--note",
        "the quote was from another briefing",
    ]);
    (ws, ids)
}

#[test]
fn snapshot_source_list() {
    let ws = Ws::with_sources();
    insta::assert_snapshot!("source_list", redact(&ws.ok(&["source", "list"])));
    assert_json_shape!("source_list_json", &ws.json(&["source", "list", "--json"]));
}

#[test]
fn snapshot_source_show() {
    let ws = Ws::with_sources();
    insta::assert_snapshot!("source_show", redact(&ws.ok(&["source", "show", "بيسكوف"])));
    assert_json_shape!(
        "source_show_json",
        &ws.json(&["source", "show", "بيسكوف", "--json"])
    );
}

#[test]
fn snapshot_list() {
    let (ws, _) = fixed_workspace();
    insta::assert_snapshot!("list", redact(&ws.ok(&["list"])));
    insta::assert_snapshot!("list_all", redact(&ws.ok(&["list", "--all"])));
    assert_json_shape!("list_all_json", &ws.list_all());
}

#[test]
fn snapshot_show() {
    let (ws, ids) = fixed_workspace();
    insta::assert_snapshot!("show_corrected", redact(&ws.ok(&["show", &ids[1]])));
    insta::assert_snapshot!("show_retracted", redact(&ws.ok(&["show", &ids[2]])));
    insta::assert_snapshot!("show_arabic", redact(&ws.ok(&["show", &ids[3]])));
}

#[test]
fn snapshot_log() {
    let (ws, ids) = fixed_workspace();
    insta::assert_snapshot!("log", redact(&ws.ok(&["log", &ids[1]])));
    insta::assert_snapshot!("log_retracted", redact(&ws.ok(&["log", &ids[2]])));
}

#[test]
fn snapshot_diff() {
    let (ws, ids) = fixed_workspace();
    insta::assert_snapshot!("diff", redact(&ws.ok(&["diff", &ids[1]])));
    insta::assert_snapshot!("diff_retraction", redact(&ws.ok(&["diff", &ids[2]])));
    assert_json_shape!("diff_json", &ws.json(&["diff", &ids[1], "--json"]));
}

#[test]
fn snapshot_fsck_problem_report() {
    let (ws, ids) = fixed_workspace();
    ws.sql(&format!(
        "UPDATE versions SET text = 'Kim Jong Un will not travel' WHERE claim = '{}' AND seq = 2",
        ids[1]
    ));
    let out = ws.cmd().arg("fsck").output().unwrap();
    let text = format!(
        "{}--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("fsck_problems", redact(&text));
    let out = ws.cmd().args(["fsck", "--json"]).output().unwrap();
    assert!(!out.status.success(), "problems make fsck fail");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_json_shape!("fsck_problems_json", &report);
}
