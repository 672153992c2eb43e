//! Issue 14: the workspace log. Every deletion is caught, a published head is proven (or
//! refuted) by a consistency proof, entries are signed when the analyst has a key, and
//! propositions are versioned.

use crate::support::*;
use serde_json::Value;

/// A workspace with history: four claims, one corrected twice, a proposition declared and
/// changed, a verdict.
fn recorded() -> (Ws, [String; 4]) {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    for text in [
        "Kim Jong Un will travel to Russia by armoured train",
        "Kim Jong Un will travel by armoured train to Vladivostok",
    ] {
        ws.ok(&["edit", &ids[1], "--text", text, "--note", "detail"]);
    }
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim Jong Un visits Russia in September",
    ]);
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim Jong Un visits Russia",
    ]);
    ws.ok(&[
        "verdict",
        "kim-visit",
        "--rating",
        "true",
        "--note",
        "the visit happened",
    ]);
    (ws, ids)
}

/// `claims fsck` must fail: returns its stdout lines and its one-line error.
fn fsck_fails(ws: &Ws) -> (Vec<String>, String) {
    let out = ws.cmd().arg("fsck").assert().failure();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one error line: {stderr}");
    (stdout.lines().map(str::to_string).collect(), stderr)
}

fn has_line(lines: &[String], parts: &[&str]) -> bool {
    lines.iter().any(|l| parts.iter().all(|p| l.contains(p)))
}

#[test]
fn a_clean_workspace_has_one_entry_per_record_and_fsck_checks_them() {
    let (ws, _) = recorded();
    let v = ws.json(&["fsck", "--json"]);
    assert_eq!(v["problems"], serde_json::json!([]), "{v}");
    // 4 first versions + 2 corrections + 2 proposition versions + 1 verdict.
    assert_eq!(v["entries"], 9);
    let head = ws.json(&["head", "--json"]);
    assert_eq!(head["size"], 9);
    assert_eq!(head["root"], v["root"], "head and fsck agree on the root");
    assert_eq!(head["last"]["kind"], "verdict");
    assert_eq!(head["last"]["subject"], "kim-visit");
}

#[test]
fn deleting_the_newest_version_and_setting_the_head_back_is_caught() {
    let (ws, ids) = recorded();
    let nyt = &ids[1];
    ws.sql(&format!(
        "DELETE FROM versions WHERE claim = '{nyt}' AND seq = 3;
         UPDATE versions SET head = 1 WHERE claim = '{nyt}' AND seq = 2;"
    ));
    let (lines, err) = fsck_fails(&ws);
    assert!(
        has_line(
            &lines,
            &[
                "log entry #",
                "claim-version",
                nyt,
                "not stored: it was deleted"
            ]
        ),
        "{lines:?}"
    );
    assert!(err.contains("fsck found"), "{err}");
}

#[test]
fn deleting_a_middle_version_a_whole_claim_or_a_verdict_is_caught() {
    for (what, sql, expect) in [
        (
            "middle version",
            "DELETE FROM versions WHERE claim = '{nyt}' AND seq = 2",
            "claim-version",
        ),
        (
            "whole claim",
            "DELETE FROM versions WHERE claim = '{first}'",
            "claim-version",
        ),
        (
            "every verdict",
            "DELETE FROM verdicts",
            "a verdict of verdict on kim-visit",
        ),
        (
            "proposition change",
            "DELETE FROM proposition_versions WHERE seq = 2",
            "a proposition of proposition kim-visit",
        ),
    ] {
        let (ws, ids) = recorded();
        ws.sql(&sql.replace("{nyt}", &ids[1]).replace("{first}", &ids[0]));
        let (lines, _) = fsck_fails(&ws);
        assert!(
            has_line(
                &lines,
                &["log entry #", expect, "not stored: it was deleted"]
            ),
            "{what}: {lines:?}"
        );
    }
}

#[test]
fn deleting_or_altering_a_log_entry_is_caught_and_named() {
    let (ws, _) = recorded();
    ws.sql("DELETE FROM log WHERE seq = 4");
    let (lines, _) = fsck_fails(&ws);
    assert!(
        has_line(&lines, &["log entry #4", "is missing"]),
        "{lines:?}"
    );
    assert!(
        has_line(&lines, &["has no log entry"]),
        "the record lost its entry: {lines:?}"
    );

    let (ws, _) = recorded();
    ws.sql("UPDATE log SET analyst = 'someone else' WHERE seq = 3");
    let (lines, _) = fsck_fails(&ws);
    assert!(has_line(&lines, &["log entry #3", "altered"]), "{lines:?}");

    // Two entries swapped (each row intact): the chain names where the order broke.
    let (ws, _) = recorded();
    ws.sql(
        "UPDATE log SET seq = 100 WHERE seq = 2; UPDATE log SET seq = 2 WHERE seq = 3;
         UPDATE log SET seq = 3 WHERE seq = 100;",
    );
    let (lines, _) = fsck_fails(&ws);
    assert!(
        has_line(&lines, &["log entry #2", "chain link"]),
        "{lines:?}"
    );

    // The newest entries removed, state and chain made consistent: the head file remembers.
    let (ws, _) = recorded();
    ws.sql("DELETE FROM verdicts; DELETE FROM log WHERE seq = 9;");
    let (lines, _) = fsck_fails(&ws);
    assert!(
        has_line(&lines, &["recorded 9", "entries 9..9 were removed"]),
        "{lines:?}"
    );
}

#[test]
fn a_deleted_or_emptied_database_is_caught_not_recreated() {
    let (ws, _) = recorded();
    std::fs::remove_file(ws.db_path()).unwrap();
    let err = ws.err(&["fsck"]);
    assert!(
        err.contains("claims.db is missing") && err.contains("records 9 log entries"),
        "{err}"
    );
    let err = ws.err(&["list"]);
    assert!(err.contains("is missing"), "{err}");
    assert!(!ws.db_path().exists(), "no fresh database was made");

    let (ws, _) = recorded();
    std::fs::remove_file(ws.db_path()).unwrap();
    rusqlite::Connection::open(ws.db_path())
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    let (lines, _) = fsck_fails(&ws);
    assert!(
        has_line(
            &lines,
            &["the log has 0 entries", "recorded 9", "deleted or replaced"]
        ),
        "{lines:?}"
    );
    let err = ws.err(&["add", "--source", "nyt", "--text", "after the wipe"]);
    assert!(
        err.contains("has 0 entries") && err.contains("nothing was written"),
        "{err}"
    );
}

#[test]
fn fsck_head_proves_growth_and_refutes_a_rewritten_history() {
    let (ws, _) = recorded();
    let head = ws.ok(&["head"]).lines().next().unwrap().to_string();
    ws.add(&["--source", "nyt", "--text", "A later report"]);
    let out = ws.ok(&["fsck", "--head", &head]);
    assert!(
        out.contains(&format!("the log extends head {head}")),
        "{out}"
    );

    // The proof printed for someone without the workspace checks out independently.
    let size: u64 = head.split(':').next().unwrap().parse().unwrap();
    let p = ws.json(&["head", "--proof", &size.to_string(), "--json"]);
    let hex = |v: &Value| -> [u8; 32] {
        claims_core::model::Hash::from_hex(v.as_str().unwrap())
            .unwrap()
            .0
    };
    let proof: Vec<[u8; 32]> = p["proof"].as_array().unwrap().iter().map(hex).collect();
    let (old, new) = (&p["old"], &p["new"]);
    assert_eq!(
        format!("{}:{}", old["size"], old["root"].as_str().unwrap()),
        head
    );
    let verify = |proof: &[[u8; 32]]| {
        claims_core::history::merkle::verify_consistency(
            old["size"].as_u64().unwrap(),
            &hex(&old["root"]),
            new["size"].as_u64().unwrap(),
            &hex(&new["root"]),
            proof,
        )
    };
    assert!(verify(&proof));
    let mut bad = proof.clone();
    bad[0][3] ^= 1;
    assert!(!verify(&bad));

    // A history rewritten from scratch, every hash consistent: fsck alone is happy, the
    // published head is not.
    let other = Ws::with_sources();
    add_fixture_claims(&other);
    for text in [
        "a different correction",
        "and another",
        "and a third",
        "and a fourth",
        "five",
    ] {
        other.add(&["--source", "nyt", "--text", text]);
    }
    std::fs::remove_dir_all(ws.path().join(".claims")).unwrap();
    copy_dir(&other.path().join(".claims"), &ws.path().join(".claims"));
    ws.ok(&["fsck"]);
    let out = ws.cmd().args(["fsck", "--head", &head]).assert().failure();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("does not extend head"), "{stdout}");
    let err = ws.err(&["fsck", "--head", "9:nothex"]);
    assert!(err.contains("expected SIZE:ROOT"), "{err}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn entries_are_signed_verified_and_required_when_the_workspace_says_so() {
    let ws = Ws::with_sources();
    ws.ok(&["config", "set", "user.name", "سلمى الحربي"]);
    ws.ok(&["config", "set", "user.email", "salma@example.org"]);
    let unsigned = ws.add(&["--source", "nyt", "--text", "before the key"]);
    let key = ws.ok(&["identity", "new"]);
    assert!(key.starts_with("ed25519:"), "{key}");
    assert!(ws.err(&["identity", "new"]).contains("--force"));
    let signed = ws.add(&["--source", "nyt", "--text", "after the key"]);
    let head = ws.json(&["head", "--json"]);
    assert_eq!(head["last"]["analyst"], "سلمى الحربي");
    assert_eq!(head["last"]["email"], "salma@example.org");
    assert_eq!(
        head["last"]["key"].as_str().unwrap(),
        key.lines().next().unwrap()
    );
    let log = ws.log(&signed);
    assert_eq!(log[0]["by"]["key"], head["last"]["key"]);
    assert_eq!(ws.log(&unsigned)[0]["by"]["key"], Value::Null);
    ws.ok(&["fsck"]);

    // A signature altered, or the key swapped for another, is caught.
    ws.sql("UPDATE log SET signature = zeroblob(64) WHERE seq = 2");
    let (lines, _) = fsck_fails(&ws);
    assert!(
        has_line(&lines, &["log entry #2", "signature does not verify"]),
        "{lines:?}"
    );

    // require_signatures: refused without a key, nothing written; accepted with one.
    let ws = Ws::with_sources();
    ws.write_toml(&format!("require_signatures = true\n{}", ws.toml()));
    let before = ws.state();
    let err = ws.err(&["add", "--source", "nyt", "--text", "unsigned"]);
    assert!(
        err.contains("requires signed entries") && err.contains("claims identity new"),
        "{err}"
    );
    assert_eq!(ws.state(), before, "nothing was written");
    ws.ok(&["identity", "new"]);
    ws.add(&["--source", "nyt", "--text", "signed"]);
    assert!(ws.json(&["head", "--json"])["last"]["key"].is_string());
}

#[test]
fn a_kind_change_is_refused_while_claims_disagree_and_kept_when_forced() {
    let ws = Ws::with_sources();
    for (src, stance) in [
        ("nyt", "supports"),
        ("kremlin", "refutes"),
        ("yonhap", "supports"),
    ] {
        ws.add(&[
            "--source",
            src,
            "--about",
            "kim-visit",
            "--stance",
            stance,
            "--text",
            &format!("{src} on the visit"),
        ]);
    }
    ws.ok(&[
        "verdict",
        "kim-visit",
        "--rating",
        "true",
        "--note",
        "it happened",
    ]);
    let compare = ws.json(&["compare", "kim-visit", "--json"]);
    let before = ws.state();
    let err = ws.err(&["about", "add", "kim-visit", "--kind", "value"]);
    assert!(
        err.contains("3 standing claim(s)") && err.contains("--change-kind"),
        "{err}"
    );
    assert_eq!(ws.state(), before);
    assert_eq!(ws.json(&["compare", "kim-visit", "--json"]), compare);

    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--kind",
        "value",
        "--change-kind",
        "--note",
        "numbers now",
    ]);
    let log = ws.json(&["about", "log", "kim-visit", "--json"]);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["kind"], "value");
    assert!(
        log[0]["note"]
            .as_str()
            .unwrap()
            .contains("with --change-kind"),
        "{log:?}"
    );
    assert_eq!(log[0]["parent"], log[1]["hash"]);
    // The same words again add nothing; Arabic words round-trip byte for byte.
    ws.ok(&["about", "add", "kim-visit", "--kind", "value"]);
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "كيم جونغ أون يزور روسيا",
    ]);
    let log = ws.json(&["about", "log", "kim-visit", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 3);
    assert_eq!(log[0]["text"], "كيم جونغ أون يزور روسيا");
    ws.ok(&["fsck"]);
}

#[test]
fn a_hostile_head_file_is_an_error_not_a_hang() {
    let (ws, _) = recorded();
    let head = ws.path().join(".claims/HEAD");
    std::fs::remove_file(&head).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &head).unwrap();
    let (lines, _) = fsck_fails(&ws);
    assert!(has_line(&lines, &["not a head file"]), "{lines:?}");
    let err = ws.err(&["add", "--source", "nyt", "--text", "x"]);
    assert!(err.contains("not a head file"), "{err}");
}
