//! `claims fsck`: a clean workspace checks out; tampering behind the program's back is named.

use crate::support::*;
use serde_json::Value;

/// The fixture claims, with the NYT claim taken to three versions.
fn workspace_with_history() -> (Ws, [String; 4]) {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    let nyt = &ids[1];
    ws.ok(&[
        "edit",
        nyt,
        "--text",
        "Kim Jong Un will travel to Russia by armoured train",
        "--note",
        "train detail",
    ]);
    ws.ok(&[
        "edit",
        nyt,
        "--text",
        "Kim Jong Un will travel by armoured train to Vladivostok",
        "--note",
        "destination",
    ]);
    (ws, ids)
}

/// Runs fsck, which must fail; returns (stdout lines, the one stderr line).
fn fsck_fails(ws: &Ws) -> (Vec<String>, String) {
    let out = ws.cmd().arg("fsck").output().unwrap();
    assert!(!out.status.success(), "fsck should fail");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: fsck found "), "{stderr}");
    assert!(stderr.contains("altered outside claims"), "{stderr}");
    assert!(!stdout.contains("ok:"), "{stdout}");
    (
        stdout.lines().map(String::from).collect(),
        stderr.trim_end().to_string(),
    )
}

/// The stored hash of a version, as hex.
fn stored_hash(ws: &Ws, id: &str, seq: u32) -> String {
    ws.log(id)
        .iter()
        .find(|v| v["seq"] == seq)
        .map(|v| v["version"].as_str().unwrap().to_string())
        .unwrap()
}

/// Asserts some problem line names the claim, the version number and its short hash, and says
/// `what`.
fn assert_named(lines: &[String], id: &str, seq: u32, hash: &str, what: &str) {
    let want = format!("claim {id} version {seq} ({}): ", &hash[..12]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&want) && l.contains(what)),
        "no line `{want}…{what}…` in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn fsck_is_ok_on_a_clean_workspace() {
    let (ws, _) = workspace_with_history();
    ws.ok(&["retract", &ws.list_ids(&[])[0], "--note", "withdrawn"]);
    let out = ws.ok(&["fsck"]);
    assert_eq!(
        out,
        "ok: 4 claims, 7 versions, 0 verdicts, 0 documents, 0 proposition versions, 0 findings, 7 log entries; every hash, chain and reference checks out (quick)\n"
    );
    let v = ws.json(&["fsck", "--json"]);
    assert_eq!(v["claims"], 4);
    assert_eq!(v["versions"], 7);
    assert_eq!(v["problems"], serde_json::json!([]));
}

#[test]
fn fsck_is_ok_on_an_empty_workspace() {
    let ws = Ws::empty();
    assert!(ws.ok(&["fsck"]).starts_with("ok: 0 claims, 0 versions"));
}

#[test]
fn fsck_names_a_changed_text() {
    let (ws, ids) = workspace_with_history();
    let peskov = &ids[2];
    let h = stored_hash(&ws, peskov, 1);
    ws.sql(&format!(
        "UPDATE versions SET text = 'We will comment tomorrow' WHERE claim = '{peskov}' AND seq = 1"
    ));
    // The program still shows the altered row; only fsck can tell.
    assert_eq!(ws.show(peskov)["text"], "We will comment tomorrow");
    let (lines, err) = fsck_fails(&ws);
    assert_named(&lines, peskov, 1, &h, "content does not match its hash");
    assert_named(&lines, peskov, 1, &h, "does not derive the claim id");
    assert!(err.contains("in 4 claims / 6 versions"), "{err}");
    // Only the tampered claim is named.
    for other in [&ids[0], &ids[1], &ids[3]] {
        assert!(
            lines.iter().all(|l| !l.contains(other.as_str())),
            "{lines:?}"
        );
    }
}

#[test]
fn fsck_names_a_changed_arabic_text_in_a_later_version() {
    let ws = Ws::with_sources();
    let [.., yonhap] = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &yonhap,
        "--text",
        "اقترح شويغو مناورات بحرية ثلاثية مع الصين وروسيا",
        "--note",
        "صياغة أدق",
    ]);
    let h = stored_hash(&ws, &yonhap, 2);
    // One letter swapped for a look-alike (alef with hamza for bare alef).
    ws.sql(&format!(
        "UPDATE versions SET text = replace(text, 'اقترح', 'أقترح') WHERE claim = '{yonhap}' AND seq = 2"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(&lines, &yonhap, 2, &h, "content does not match its hash");
}

#[test]
fn fsck_names_a_changed_note() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    let h = stored_hash(&ws, nyt, 2);
    ws.sql(&format!(
        "UPDATE versions SET note = 'nothing changed' WHERE claim = '{nyt}' AND seq = 2"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(&lines, nyt, 2, &h, "content does not match its hash");
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn fsck_names_a_deleted_middle_version() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    let h3 = stored_hash(&ws, nyt, 3);
    ws.sql(&format!(
        "DELETE FROM versions WHERE claim = '{nyt}' AND seq = 2"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(
        &lines,
        nyt,
        3,
        &h3,
        "version 3 found where version 2 was expected",
    );
    assert_named(
        &lines,
        nyt,
        3,
        &h3,
        "parent hash does not match the previous version",
    );
}

#[test]
fn fsck_names_a_rewired_parent() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    let h3 = stored_hash(&ws, nyt, 3);
    ws.sql(&format!(
        "UPDATE versions SET parent = (SELECT hash FROM versions WHERE claim = '{nyt}' AND seq = 1) \
         WHERE claim = '{nyt}' AND seq = 3"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(
        &lines,
        nyt,
        3,
        &h3,
        "parent hash does not match the previous version",
    );
    assert_named(&lines, nyt, 3, &h3, "content does not match its hash");
    assert!(
        lines.iter().all(|l| !l.contains(" version 2 ")),
        "{lines:?}"
    );
}

#[test]
fn fsck_names_swapped_version_numbers() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    let h2 = stored_hash(&ws, nyt, 2);
    // Swap the sequence numbers of versions 2 and 3 (through a free number).
    ws.sql(&format!(
        "UPDATE versions SET seq = 99 WHERE claim = '{nyt}' AND seq = 2;
         UPDATE versions SET seq = 2 WHERE claim = '{nyt}' AND seq = 3;
         UPDATE versions SET seq = 3 WHERE claim = '{nyt}' AND seq = 99;"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("claim {nyt} version "))),
        "{lines:?}"
    );
    assert_named(&lines, nyt, 3, &h2, "content does not match its hash");
}

#[test]
fn fsck_names_a_misplaced_head_marker() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    ws.sql(&format!(
        "UPDATE versions SET head = (seq = 1) WHERE claim = '{nyt}'"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert!(
        lines.contains(&format!(
            "claim {nyt}: head marker is not on the newest version"
        )),
        "{lines:?}"
    );
}

#[test]
fn fsck_reports_a_source_removed_from_workspace_toml() {
    let (ws, ids) = workspace_with_history();
    let yonhap_claim = &ids[3];
    let h = stored_hash(&ws, yonhap_claim, 1);
    let start = FIXTURE_TOML.find("[sources.yonhap]").unwrap();
    let end = FIXTURE_TOML.find("[sources.nis]").unwrap();
    let toml = format!("{}{}", &FIXTURE_TOML[..start], &FIXTURE_TOML[end..]);
    ws.write_toml(&toml);
    let (lines, _) = fsck_fails(&ws);
    assert_named(
        &lines,
        yonhap_claim,
        1,
        &h,
        "refers to source `yonhap`, which workspace.toml does not declare",
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn fsck_json_lists_problems_and_still_exits_non_zero() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    ws.sql(&format!(
        "UPDATE versions SET said_on = '2023-09-03' WHERE claim = '{nyt}' AND seq = 3"
    ));
    let out = ws.cmd().args(["fsck", "--json"]).output().unwrap();
    assert!(!out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{v}");
    assert_eq!(problems[0]["claim"], nyt.as_str());
    assert_eq!(problems[0]["seq"], 3);
    assert_eq!(problems[0]["version"], stored_hash(&ws, nyt, 3).as_str());
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not match its hash")
    );
    assert_eq!(v["claims"], 4);
    assert_eq!(v["versions"], 6);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: fsck found 1 problem(s)"),
        "{stderr}"
    );
}

#[test]
fn fsck_reports_a_malformed_row_instead_of_crashing() {
    let (ws, ids) = workspace_with_history();
    let peskov = &ids[2];
    ws.sql(&format!(
        "UPDATE versions SET stance = 'maybe' WHERE claim = '{peskov}'"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(peskov.as_str()) && l.contains("stance")),
        "{lines:?}"
    );
}

#[test]
fn fsck_names_a_deleted_first_version() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    let h2 = stored_hash(&ws, nyt, 2);
    ws.sql(&format!(
        "DELETE FROM versions WHERE claim = '{nyt}' AND seq = 1"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(
        &lines,
        nyt,
        2,
        &h2,
        "version 2 found where version 1 was expected",
    );
    assert_named(
        &lines,
        nyt,
        2,
        &h2,
        "parent hash does not match the previous version",
    );
}

#[test]
fn fsck_notices_a_deleted_newest_version_by_its_missing_head_marker() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    ws.sql(&format!(
        "DELETE FROM versions WHERE claim = '{nyt}' AND seq = 3"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("claim {nyt}")) && l.contains("head marker")),
        "{lines:?}"
    );
}

#[test]
fn fsck_names_a_forged_appended_version() {
    let (ws, ids) = workspace_with_history();
    let nyt = &ids[1];
    // A fourth version, copied from the third with new words and a made-up hash, made head.
    ws.sql(&format!(
        "INSERT INTO versions (claim, seq, hash, parent, action, head, origin, via, text, about, stance,
             value, quote, said_on, reported_on, url, lang, doc, span_start, span_end, note, recorded_at)
         SELECT claim, 4, randomblob(32), hash, action, 1, origin, via, 'Kim Jong Un cancelled the trip',
             about, stance, value, quote, said_on, reported_on, url, lang, doc, span_start, span_end,
             'forged', recorded_at
         FROM versions WHERE claim = '{nyt}' AND seq = 3;
         UPDATE versions SET head = 0 WHERE claim = '{nyt}' AND seq = 3;"
    ));
    assert_eq!(ws.show(nyt)["text"], "Kim Jong Un cancelled the trip");
    let h4 = stored_hash(&ws, nyt, 4);
    let (lines, _) = fsck_fails(&ws);
    assert_named(&lines, nyt, 4, &h4, "content does not match its hash");
    assert_named(&lines, nyt, 4, &h4, "has no log entry");
    assert_eq!(lines.len(), 2, "{lines:?}");
}

#[test]
fn fsck_names_a_version_moved_to_another_claim() {
    let (ws, ids) = workspace_with_history();
    let (nyt, sullivan) = (&ids[1], &ids[0]);
    let h3 = stored_hash(&ws, nyt, 3);
    ws.sql(&format!(
        "UPDATE versions SET head = 0 WHERE claim = '{sullivan}';
         UPDATE versions SET claim = '{sullivan}', seq = 2 WHERE claim = '{nyt}' AND seq = 3;
         UPDATE versions SET head = 1 WHERE claim = '{nyt}' AND seq = 2;"
    ));
    let (lines, _) = fsck_fails(&ws);
    assert_named(&lines, sullivan, 2, &h3, "content does not match its hash");
    assert_named(
        &lines,
        sullivan,
        2,
        &h3,
        "parent hash does not match the previous version",
    );
}

#[test]
fn fsck_of_a_fresh_clone_with_no_database_yet_is_clean_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("workspace.toml"),
        "[workspace]\nname = \"fresh\"\n",
    )
    .unwrap();
    let out = claims_in(dir.path()).args(["fsck"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.starts_with("ok: 0 claims"), "{stdout}");
    assert!(
        !dir.path().join(".claims").exists(),
        "a read command creates nothing"
    );
}
