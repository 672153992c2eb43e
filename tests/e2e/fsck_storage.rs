//! `claims fsck` beyond the claim chains: verdicts, stored documents, propositions and findings
//! are verified too; chains are walked in sequence order whatever order rows are stored in; and
//! every fault is reported in one complete report, `--json` included.

use crate::plugin_support::*;
use crate::support::*;
use serde_json::Value;

/// An article in our own words that names a declared source, for a stored document.
const ARTICLE: &str = "Harbour authorities said on Monday that the ferry service to the \
islands will resume next week after the storm.\n";

/// A workspace holding one of everything fsck audits: claims with history, a proposition, two
/// verdicts, a stored document with claims pointing into it, and check findings.
fn stocked() -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "[sources.harbour]\nname = \"Harbour authorities\"\nkind = \"official\"\n\
         [sources.desk]\nname = \"News desk\"\nkind = \"outlet\"\n{}{}",
        plugin_decl("news-article", &libs().news_article, ""),
        plugin_decl("basic-checks", &libs().basic_checks, "")
    ));
    ws.ok(&[
        "about",
        "add",
        "ferry",
        "--text",
        "The ferry service resumes",
    ]);
    for stance in ["supports", "refutes"] {
        ws.add(&[
            "--source",
            "desk",
            "--about",
            "ferry",
            "--stance",
            stance,
            "--text",
            &format!("the desk {stance} the ferry story"),
        ]);
    }
    let id = ws.add(&[
        "--source",
        "harbour",
        "--text",
        "ferries stop for the storm",
    ]);
    ws.ok(&[
        "edit",
        &id,
        "--text",
        "ferries stop until the storm passes",
        "--note",
        "fix",
    ]);
    ws.ok(&[
        "verdict",
        "ferry",
        "--rating",
        "unproven",
        "--note",
        "first look",
    ]);
    ws.ok(&[
        "verdict",
        "ferry",
        "--rating",
        "true",
        "--note",
        "service resumed",
    ]);
    ws.file("ferry.txt", ARTICLE);
    let out = run(
        &ws,
        &[],
        &["ingest", "ferry.txt", "--parser", "news-article"],
    );
    assert!(out.status.success(), "{:?}", texts(&out));
    let out = run(&ws, &[], &["check", "--plugin", "basic-checks"]);
    assert!(out.status.success(), "{:?}", texts(&out));
    ws
}

/// `fsck --json`, which must exit with `success`; its report.
fn fsck_json(ws: &Ws, success: bool) -> Value {
    let out = run(ws, &[], &["fsck", "--json"]);
    assert_eq!(out.status.success(), success, "{:?}", texts(&out));
    serde_json::from_slice(&out.stdout).expect("fsck --json prints a report even on failure")
}

/// The problems of one part of a report, as `RECORD: MESSAGE` lines.
fn problems_of(report: &Value, part: &str) -> Vec<String> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["part"] == part)
        .map(|p| {
            format!(
                "{}: {}",
                p["claim"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn fsck_counts_every_kind_of_record_on_a_sound_workspace() {
    let ws = stocked();
    let r = fsck_json(&ws, true);
    assert_eq!(r["problems"], serde_json::json!([]), "{r}");
    assert_eq!(r["storage_check"], "quick");
    assert_eq!(r["verdicts"], 2, "{r}");
    assert_eq!(r["documents"], 1, "{r}");
    assert_eq!(r["propositions"], 1, "{r}");
    assert!(r["findings"].as_u64().unwrap() >= 1, "{r}");
    assert!(r["claims"].as_u64().unwrap() >= 4, "{r}");
    let out = run(&ws, &[], &["fsck", "--full"]);
    let (stdout, _) = texts(&out);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.starts_with("ok: ") && stdout.contains("(integrity_check)"),
        "{stdout}"
    );
}

#[test]
fn fsck_reports_every_fault_at_once_even_an_unreadable_verdict() {
    let ws = stocked();
    let doc_claim = ws.sql_query("SELECT claim FROM versions WHERE doc IS NOT NULL LIMIT 1");
    let doc_claim = doc_claim.trim();
    let finding = ws.sql_query("SELECT MIN(id) FROM findings");
    let finding = finding.trim();
    ws.sql(&format!(
        "UPDATE verdicts SET rating = 'bogus' WHERE seq = 1;
         UPDATE documents SET bytes = CAST(replace(CAST(bytes AS TEXT), 'Monday', 'Sunday') AS BLOB);
         UPDATE proposition_versions SET kind = 'maybe';
         UPDATE findings SET severity = 'fatal' WHERE id = {finding};
         UPDATE findings SET versions = replace(versions, substr(versions, 3, 6), 'ffffff')
             WHERE id = {finding};
         UPDATE versions SET text = 'forged' WHERE claim = '{doc_claim}';"
    ));
    let r = fsck_json(&ws, false);
    let verdicts = problems_of(&r, "verdict");
    assert!(
        verdicts
            .iter()
            .any(|p| p.contains("rating `bogus` is not a known rating")),
        "{verdicts:?}"
    );
    assert!(
        verdicts
            .iter()
            .any(|p| p.contains("content does not match its hash")),
        "the bad rating is still hashed and its row still checked: {verdicts:?}"
    );
    let documents = problems_of(&r, "document");
    assert!(
        documents.len() == 1 && documents[0].contains("content does not match its hash"),
        "{documents:?}"
    );
    let propositions = problems_of(&r, "proposition");
    assert_eq!(
        propositions[0],
        "proposition ferry: stored kind `maybe` is not statement or value"
    );
    assert!(
        propositions[1].contains("content does not match its hash"),
        "{propositions:?}"
    );
    let findings = problems_of(&r, "finding");
    assert!(
        findings.iter().any(|p| p.contains("severity `fatal`")),
        "{findings:?}"
    );
    assert!(
        findings.iter().any(|p| p.contains("which is not stored")),
        "{findings:?}"
    );
    let claims = problems_of(&r, "claim");
    assert!(
        claims
            .iter()
            .any(|p| p.starts_with(doc_claim) && p.contains("does not match its hash")),
        "{claims:?}"
    );

    // The text report names the same faults, one line each, and the error says how many.
    let out = run(&ws, &[], &["fsck"]);
    let (stdout, stderr) = texts(&out);
    assert!(!out.status.success());
    assert_eq!(
        stdout.lines().count(),
        r["problems"].as_array().unwrap().len(),
        "{stdout}"
    );
    assert!(stdout.contains("verdict on ferry version 1 ("), "{stdout}");
    assert!(
        stdout.contains("proposition ferry version 1 (") && stdout.contains("stored kind `maybe`"),
        "{stdout}"
    );
    assert!(stdout.contains("document "), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn fsck_names_edited_propositions_and_findings_and_hashes_older_rows_on_upgrade() {
    let ws = stocked();
    ws.sql(
        "UPDATE proposition_versions SET text = 'The ferry service never resumes';
         UPDATE findings SET message = 'all is well' WHERE id = (SELECT MIN(id) FROM findings);",
    );
    let r = fsck_json(&ws, false);
    let propositions = problems_of(&r, "proposition");
    assert_eq!(propositions.len(), 1, "{propositions:?}");
    assert!(propositions[0].starts_with("proposition ferry: content does not match its hash"));
    let findings = problems_of(&r, "finding");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0].contains("content does not match its hash"),
        "{findings:?}"
    );

    // A workspace from before record hashes and the log (schema 4, rebuilt as it was): the
    // upgrade hashes its rows as they stand and gives every record a log entry.
    let ws = stocked();
    ws.sql(
        "DROP VIEW propositions;
         CREATE TABLE propositions (key TEXT PRIMARY KEY, text TEXT, kind TEXT, updated_at TEXT NOT NULL);
         INSERT INTO propositions SELECT key, text, kind, recorded_at FROM proposition_versions p
             WHERE seq = (SELECT MAX(seq) FROM proposition_versions q WHERE q.key = p.key);
         DROP TABLE proposition_versions;
         DROP TABLE log; DROP TABLE log_state; DROP TABLE source_declarations;
         ALTER TABLE findings DROP COLUMN hash;
         ALTER TABLE versions DROP COLUMN entry;
         ALTER TABLE versions DROP COLUMN merged;
         DROP INDEX versions_by_claim;
         CREATE UNIQUE INDEX versions_by_claim ON versions (claim, seq);
         ALTER TABLE verdicts DROP COLUMN by_source;
         ALTER TABLE verdicts DROP COLUMN label;
         ALTER TABLE verdicts DROP COLUMN url;
         ALTER TABLE verdicts DROP COLUMN reviewed_on;
         DROP TABLE claim_search;
         DROP INDEX versions_first_of_corrected;
         PRAGMA user_version = 4;",
    );
    std::fs::remove_file(ws.dir.path().join(".claims/HEAD")).expect("remove HEAD");
    let r = fsck_json(&ws, true);
    assert_eq!(r["problems"], serde_json::json!([]), "{r}");
    assert_eq!(ws.sql_query("PRAGMA user_version").trim(), "10");
    assert_eq!(
        ws.sql_query("SELECT COUNT(*) FROM findings WHERE hash IS NULL")
            .trim(),
        "0"
    );
    let records = ws.sql_query(
        "SELECT (SELECT COUNT(*) FROM versions) + (SELECT COUNT(*) FROM proposition_versions)
              + (SELECT COUNT(*) FROM verdicts) + (SELECT COUNT(*) FROM documents)
              + (SELECT COUNT(*) FROM findings)",
    );
    assert_eq!(
        r["entries"].to_string(),
        records.trim(),
        "one entry per record"
    );
    // A row whose hash was removed afterwards is named too.
    ws.sql("UPDATE proposition_versions SET hash = NULL");
    let r = fsck_json(&ws, false);
    assert_eq!(
        problems_of(&r, "proposition"),
        ["proposition ferry: has no stored hash"]
    );
}

#[test]
fn fsck_names_a_missing_document_that_claims_point_into() {
    let ws = stocked();
    ws.sql("DELETE FROM documents");
    let r = fsck_json(&ws, false);
    let claims = problems_of(&r, "claim");
    assert!(!claims.is_empty(), "{r}");
    assert!(
        claims
            .iter()
            .all(|p| p.contains("refers to document") && p.contains("which is not stored")),
        "{claims:?}"
    );
}

#[test]
fn fsck_walks_chains_in_sequence_order_whatever_the_storage_order() {
    let ws = stocked();
    assert_eq!(fsck_json(&ws, true)["problems"], serde_json::json!([]));
    // The same rows, stored newest first: intact history, only the physical order differs.
    ws.sql(
        "CREATE TABLE shuffled AS SELECT * FROM versions ORDER BY rowid DESC;
         DELETE FROM versions;
         INSERT INTO versions SELECT * FROM shuffled;
         DROP TABLE shuffled;
         CREATE TABLE shuffled AS SELECT * FROM verdicts ORDER BY seq DESC;
         DELETE FROM verdicts;
         INSERT INTO verdicts SELECT * FROM shuffled;
         DROP TABLE shuffled;",
    );
    let r = fsck_json(&ws, true);
    assert_eq!(r["problems"], serde_json::json!([]), "{r}");
    assert!(r["versions"].as_u64().unwrap() >= 5, "{r}");
}

/// Whether SQLite itself finds `db` damaged: it cannot be opened or read, or its own
/// `integrity_check` reports anything but "ok".
fn sqlite_sees_damage(db: &std::path::Path) -> bool {
    use rusqlite::{Connection, OpenFlags};
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return true;
    };
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect());
    !matches!(rows.as_deref(), Ok([ok]) if ok == "ok")
}

#[test]
fn every_corruption_sqlite_detects_fails_fsck_full() {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    let lines: String = (0..300)
        .map(|i| {
            format!(
                "{{\"source\": \"nyt\", \"text\": \"تقرير رقم {i} عن زيارة كيم\", \"about\": \"visit\", \"stance\": \"supports\"}}\n"
            )
        })
        .collect();
    let path = ws.file("many.jsonl", &lines);
    ws.ok(&["import", path.to_str().unwrap()]);
    ws.ok(&[
        "verdict",
        "visit",
        "--rating",
        "true",
        "--note",
        "confirmed",
    ]);
    ws.sql("PRAGMA wal_checkpoint(TRUNCATE);");
    let db = ws.db_path();
    let pristine = std::fs::read(&db).unwrap();
    let side_files = ["-wal", "-shm"].map(|s| db.with_file_name(format!("claims.db{s}")));
    let reset = |bytes: &[u8]| {
        for f in &side_files {
            let _ = std::fs::remove_file(f);
        }
        std::fs::write(&db, bytes).unwrap();
    };
    assert!(!sqlite_sees_damage(&db));
    assert!(run(&ws, &[], &["fsck", "--full"]).status.success());

    let (mut seen_by_sqlite, mut seen_by_fsck_only, mut missed) = (0, 0, Vec::new());
    // Damage only integrity_check sees (an index missing a row) may pass the quick default.
    let mut quick_missed = 0;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut bytes = pristine.clone();
        let at = (state % bytes.len() as u64) as usize;
        bytes[at] ^= 1 + (state >> 40) as u8 % 255;
        reset(&bytes);
        let damaged = sqlite_sees_damage(&db);
        reset(&bytes);
        let out = run(&ws, &[], &["fsck", "--full"]);
        let (_, stderr) = texts(&out);
        assert_ne!(
            out.status.code(),
            Some(101),
            "fsck panicked on byte {at}: {stderr}"
        );
        assert!(stderr.lines().count() <= 1, "byte {at}: {stderr}");
        if damaged && run(&ws, &[], &["fsck"]).status.success() {
            quick_missed += 1;
        }
        reset(&bytes);
        match (damaged, out.status.success()) {
            (true, false) => seen_by_sqlite += 1,
            (true, true) => missed.push(at),
            (false, false) => seen_by_fsck_only += 1,
            (false, true) => {}
        }
    }
    reset(&pristine);
    eprintln!(
        "200 byte corruptions: {seen_by_sqlite} seen by SQLite and reported by fsck, \
         {seen_by_fsck_only} more seen by fsck alone, {} missed; without --full, {quick_missed} \
         of SQLite's passed",
        missed.len()
    );
    assert!(
        missed.is_empty(),
        "SQLite saw damage at bytes {missed:?} that fsck passed"
    );
    assert!(
        seen_by_sqlite > 0,
        "the corruptions should hit something SQLite checks"
    );
}

#[test]
fn the_quick_check_reads_every_index_of_the_walked_tables() {
    // The walks read `versions` and `log` by rowid, never through their indexes: only the
    // quick check's own reading of each index can see one damaged, partial ones included.
    let ws = Ws::with_sources();
    let lines: String = (0..400)
        .map(|i| {
            format!("{{\"source\": \"nyt\", \"text\": \"تقرير رقم {i}\", \"about\": \"visit\"}}\n")
        })
        .collect();
    let path = ws.file("many.jsonl", &lines);
    ws.ok(&["import", path.to_str().unwrap()]);
    for claim in ws
        .json(&["list", "--json", "--limit", "3"])
        .as_array()
        .unwrap()
    {
        ws.ok(&[
            "edit",
            claim["id"].as_str().unwrap(),
            "--text",
            "corrected",
            "--note",
            "fix",
        ]);
    }
    ws.sql("PRAGMA wal_checkpoint(TRUNCATE);");
    let db = ws.db_path();
    let pristine = std::fs::read(&db).unwrap();
    let page_size: usize = ws.sql_query("PRAGMA page_size").trim().parse().unwrap();
    for index in [
        "versions_by_claim",
        "versions_by_about",
        "versions_first_of_corrected",
    ] {
        let root: usize = ws
            .sql_query(&format!(
                "SELECT rootpage FROM sqlite_schema WHERE name = '{index}'"
            ))
            .trim()
            .parse()
            .unwrap();
        let mut bytes = pristine.clone();
        // The b-tree page's type byte: no valid page has 0x00.
        bytes[(root - 1) * page_size + if root == 1 { 100 } else { 0 }] = 0;
        std::fs::write(&db, &bytes).unwrap();
        let problems = problems_of(&fsck_json(&ws, false), "database");
        assert!(
            problems.iter().any(|p| p.contains(index)),
            "a damaged {index} must be named: {problems:?}"
        );
        std::fs::write(&db, &pristine).unwrap();
    }
    assert!(run(&ws, &[], &["fsck"]).status.success());
}
