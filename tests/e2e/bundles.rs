//! Issue 14, sharing between analysts: `claims bundle create` writes the log's entries with
//! everything they refer to; `claims bundle apply` checks all of it before writing anything,
//! then applies it in one transaction, keeping the sender's entries so roots agree.

use crate::support::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A workspace with history of every kind: claims (one Arabic, one corrected, one retracted),
/// a source declared through claims, a proposition changed, a verdict.
fn recorded() -> (Ws, [String; 4]) {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &ids[1],
        "--text",
        "Kim Jong Un will travel to Russia by armoured train",
        "--note",
        "detail",
    ]);
    ws.ok(&["retract", &ids[2], "--note", "misattributed"]);
    ws.ok(&[
        "source", "add", "tass", "--name", "TASS", "--kind", "agency", "--alias", "تاس",
    ]);
    ws.add(&[
        "--source",
        "tass",
        "--about",
        "kim-visit",
        "--stance",
        "supports",
        "--text",
        "كيم جونغ أون يصل إلى فلاديفوستوك",
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
        "it happened",
    ]);
    (ws, ids)
}

/// An empty workspace with the same hand-written workspace.toml (it travels by git; only what
/// claims logged travels by bundle).
fn receiver() -> Ws {
    let ws = Ws::empty();
    ws.write_toml(FIXTURE_TOML);
    ws
}

/// `claims bundle create ARGS -o DIR/NAME`; returns the file.
fn create(ws: &Ws, dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut all = vec!["bundle", "create", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    ws.ok(&all);
    out
}

fn apply(ws: &Ws, file: &Path) -> Value {
    ws.json(&["bundle", "apply", file.to_str().unwrap(), "--json"])
}

fn head(ws: &Ws) -> Value {
    ws.json(&["head", "--json"])
}

/// Everything a reader sees: the head, every claim and every claim's history.
fn seen(ws: &Ws) -> (Value, Vec<Value>, Vec<Vec<Value>>) {
    let all = ws.list_all();
    let logs = all.iter().map(|c| ws.log(&id_of(c))).collect();
    (head(ws), all, logs)
}

fn bundles() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("claims-bundles-")
        .tempdir()
        .unwrap()
}

#[test]
fn a_whole_workspace_bundle_recreates_it_exactly_and_applying_twice_changes_nothing() {
    let (src, ids) = recorded();
    let dir = bundles();
    let file = create(&src, dir.path(), "all.bundle", &[]);
    let dst = receiver();
    let report = apply(&dst, &file);
    let size = head(&src)["size"].as_u64().unwrap();
    assert_eq!(report["entries"], size);
    assert_eq!(report["applied"], size);
    assert_eq!(report["skipped"], 0);
    assert_eq!(report["declared"], serde_json::json!(["tass"]));
    assert_eq!(seen(&dst), seen(&src), "same head, claims and histories");
    assert!(dst.toml().contains("[sources.tass]") && dst.toml().contains("تاس"));
    dst.ok(&["fsck"]);
    // Arabic text byte for byte.
    assert_eq!(dst.show(&ids[3])["text"], src.show(&ids[3])["text"]);
    assert_eq!(
        dst.sql_query("SELECT hex(text) FROM versions ORDER BY rowid"),
        src.sql_query("SELECT hex(text) FROM versions ORDER BY rowid")
    );
    // Twice: nothing changes.
    let before = dst.state();
    let again = apply(&dst, &file);
    assert_eq!(
        (again["applied"].clone(), again["skipped"].clone()),
        (0.into(), size.into())
    );
    assert_eq!(dst.state(), before);
}

#[test]
fn a_since_bundle_brings_a_copy_to_the_same_root() {
    let (src, ids) = recorded();
    let dir = bundles();
    let dst = receiver();
    apply(&dst, &create(&src, dir.path(), "all.bundle", &[]));
    let old = head(&dst);
    let since = format!("{}:{}", old["size"], old["root"].as_str().unwrap());
    src.ok(&[
        "edit",
        &ids[0],
        "--text",
        "North Korea will pay a price",
        "--note",
        "shorter",
    ]);
    src.add(&["--source", "kremlin", "--text", "لا تعليق", "--lang", "ar"]);
    let file = create(&src, dir.path(), "new.bundle", &["--since", &since]);
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    assert_eq!(lines, 3, "a header and the two new entries");
    let report = apply(&dst, &file);
    assert_eq!(report["applied"], 2);
    assert_eq!(seen(&dst), seen(&src));
    dst.ok(&["fsck", "--head", &since]);
    // A head the log does not extend is refused in one line.
    let bogus = format!("{}:{}", old["size"], "ab".repeat(32));
    let err = src.err(&["bundle", "create", "--since", &bogus, "-o", "x.bundle"]);
    assert!(err.contains("does not extend"), "{err}");
    assert!(!src.path().join("x.bundle").exists());
}

/// Changes the one byte right after the first `at` that follows `from`.
fn flipped(bytes: &[u8], from: &str, at: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} not found"));
    let pos = start
        + text[start..]
            .find(at)
            .unwrap_or_else(|| panic!("{at} not found"))
        + at.len();
    let mut out = bytes.to_vec();
    out[pos] = match out[pos] {
        b'0' => b'1',
        b'a' => b'b',
        c if c.is_ascii_hexdigit() => b'0',
        c if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
        _ => b'x',
    };
    out
}

#[test]
fn a_bundle_with_any_one_byte_changed_is_refused_and_nothing_changes() {
    let (src, _) = recorded();
    let dir = bundles();
    let file = create(&src, dir.path(), "all.bundle", &[]);
    let good = std::fs::read(&file).unwrap();
    let dst = receiver();
    let before = dst.state();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a record's text",
            flipped(&good, "\"text\":\"North", "Nor"),
            "does not hash",
        ),
        (
            "an Arabic text",
            flipped(&good, "\"text\":\"كيم", ":\""),
            "entry",
        ),
        (
            "a record hash",
            flipped(&good, "\"record\":\"", "\":\""),
            "entry",
        ),
        (
            "a version's parent",
            flipped(&good, "\"parent\":\"", "\":\""),
            "does not hash",
        ),
        (
            "an entry's time",
            flipped(&good, "\"at\":\"2", "\":\"2"),
            "entry",
        ),
        (
            "an analyst",
            flipped(&good, "\"analyst\":\"", "\":\""),
            "root",
        ),
        (
            "the header root",
            flipped(&good, "\"root\":\"", "\":\""),
            "root",
        ),
        (
            "a source declaration",
            flipped(&good, "\\\"name\\\":\\\"TASS", "TAS"),
            "does not hash",
        ),
    ];
    for (what, bytes, expect) in cases {
        assert_ne!(bytes, good, "{what}: the flip changed nothing");
        let bad = dir.path().join("bad.bundle");
        std::fs::write(&bad, &bytes).unwrap();
        let err = dst.err(&["bundle", "apply", bad.to_str().unwrap()]);
        assert!(
            err.contains(expect) && err.contains("nothing was applied"),
            "{what}: {err}"
        );
        assert_eq!(dst.state(), before, "{what}: the workspace changed");
    }
    // Cut short, or an entry removed.
    let text = String::from_utf8(good.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let short = lines[..lines.len() - 1].join("\n");
    let gap = [&lines[..3], &lines[4..]].concat().join("\n");
    for (what, body, expect) in [
        ("cut short", short, "cut short"),
        ("an entry removed", gap, ""),
    ] {
        let bad = dir.path().join("bad.bundle");
        std::fs::write(&bad, body).unwrap();
        let err = dst.err(&["bundle", "apply", bad.to_str().unwrap()]);
        assert!(
            err.contains(expect) && err.contains("nothing was applied"),
            "{what}: {err}"
        );
        assert_eq!(dst.state(), before, "{what}: the workspace changed");
    }
}

#[test]
fn a_signed_workspace_bundle_verifies_and_a_forged_signature_is_caught() {
    let src = Ws::with_sources();
    src.ok(&["identity", "new"]);
    add_fixture_claims(&src);
    let dir = bundles();
    let file = create(&src, dir.path(), "signed.bundle", &[]);
    let good = std::fs::read(&file).unwrap();
    let dst = receiver();
    dst.write_toml(&format!("require_signatures = true\n{FIXTURE_TOML}"));
    let before = dst.state();
    let forged = flipped(&good, "\"signature\":\"", "\":\"");
    let bad = dir.path().join("forged.bundle");
    std::fs::write(&bad, forged).unwrap();
    let err = dst.err(&["bundle", "apply", bad.to_str().unwrap()]);
    assert!(
        err.contains("signature does not verify") && err.contains("entry 1"),
        "{err}"
    );
    assert_eq!(dst.state(), before);
    apply(&dst, &file);
    assert_eq!(seen(&dst), seen(&src));
    dst.ok(&["fsck"]);
    // An unsigned bundle is refused where signatures are required.
    let (plain, _) = recorded();
    let unsigned = create(&plain, dir.path(), "unsigned.bundle", &[]);
    let other = receiver();
    other.write_toml(&format!("require_signatures = true\n{FIXTURE_TOML}"));
    let before = other.state();
    let err = other.err(&["bundle", "apply", unsigned.to_str().unwrap()]);
    assert!(err.contains("requires signed entries"), "{err}");
    assert_eq!(other.state(), before);
}

#[test]
fn a_source_declared_differently_here_is_kept_and_reported() {
    let (src, _) = recorded();
    let dir = bundles();
    let file = create(&src, dir.path(), "all.bundle", &[]);
    let dst = receiver();
    let local = "\n[sources.tass]\nname = \"وكالة تاس\"\nkind = \"agency\"\n";
    dst.write_toml(&format!("{FIXTURE_TOML}{local}"));
    let report = apply(&dst, &file);
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert_eq!(conflicts[0]["key"], "tass");
    assert!(
        conflicts[0]["local"]
            .as_str()
            .unwrap()
            .contains("وكالة تاس")
    );
    assert!(conflicts[0]["bundle"].as_str().unwrap().contains("TASS"));
    assert_eq!(report["declared"], serde_json::json!([]));
    assert!(dst.toml().ends_with(local), "the local declaration is kept");
    assert_eq!(head(&dst), head(&src));
    // The text report says so too.
    let again = dst.ok(&["bundle", "apply", file.to_str().unwrap()]);
    assert!(again.contains("conflict: source tass"), "{again}");
}

#[test]
fn a_bundle_over_the_size_limit_or_not_a_bundle_is_refused() {
    let (src, _) = recorded();
    let dir = bundles();
    let file = create(&src, dir.path(), "all.bundle", &[]);
    let dst = receiver();
    dst.write_toml(&format!(
        "{FIXTURE_TOML}\n[limits]\nmax_bundle_bytes = 1000\n"
    ));
    let before = dst.state();
    let err = dst.err(&["bundle", "apply", file.to_str().unwrap()]);
    assert!(err.contains("max_bundle_bytes"), "{err}");
    // A field name with a line break must not break the one-line error.
    for junk in [
        "",
        "{}",
        "not json",
        "{\"format\":\"claims-bundle/v9\"}",
        "{\"for\\nmat\\r\": 1}",
    ] {
        let bad = dir.path().join("junk.bundle");
        std::fs::write(&bad, junk).unwrap();
        let err = dst.err(&["bundle", "apply", bad.to_str().unwrap()]);
        assert!(err.contains("not a claims bundle"), "{junk}: {err}");
    }
    assert_eq!(dst.state(), before);
}

#[test]
fn documents_and_findings_travel_but_plugins_do_not() {
    use crate::plugin_support::{
        NEWS_SOURCES, json_with, libs, news_ws, plugin_decl, stored_counts,
    };
    let src = news_ws("");
    src.write_toml(&format!(
        "{}{}",
        src.toml(),
        plugin_decl("basic-checks", &libs().basic_checks, "")
    ));
    src.file(
        "storm.txt",
        "عاصفة رملية\n\nقالت وزارة الداخلية إن الطرق السريعة ستبقى مغلقة حتى صباح الغد.\n\nونفى سالم ناصر أن تكون السلطات قد تأخرت.\n",
    );
    json_with(
        &src,
        &[],
        &["ingest", "storm.txt", "--parser", "news-article", "--json"],
    );
    json_with(&src, &[], &["check", "--plugin", "basic-checks", "--json"]);
    let counts = stored_counts(&src);
    let dir = bundles();
    let file = create(&src, dir.path(), "docs.bundle", &[]);
    let dst = Ws::empty();
    dst.write_toml(NEWS_SOURCES);
    apply(&dst, &file);
    assert_eq!(seen(&dst), seen(&src));
    assert_eq!(stored_counts(&dst), counts);
    assert!(!counts.starts_with("0|"), "a document was stored: {counts}");
    assert_eq!(
        dst.sql_query("SELECT hex(bytes) FROM documents"),
        src.sql_query("SELECT hex(bytes) FROM documents")
    );
    assert!(
        !dst.toml().contains("[plugins"),
        "no plugin declared by a bundle"
    );
    dst.ok(&["fsck"]);
}
