//! Bad input: each is one `error:` line on stderr, a non-zero exit, and an unchanged workspace.

use crate::support::*;

/// Runs `claims ARGS` on the fixture workspace (with its four claims) and checks the failure is
/// one line containing `expect`, leaving workspace.toml and the database as they were.
fn refused(args: &[&str], expect: &str) -> String {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    refused_in(&ws, args, expect)
}

fn refused_in(ws: &Ws, args: &[&str], expect: &str) -> String {
    let before = ws.state();
    let msg = ws.err(args);
    assert!(msg.contains(expect), "expected `{expect}` in: {msg}");
    assert_eq!(ws.state(), before, "the workspace changed after: {msg}");
    msg
}

#[test]
fn unknown_source_on_add() {
    let msg = refused(
        &["add", "--source", "bbc", "--text", "Kim left Pyongyang"],
        "unknown source `bbc`",
    );
    assert!(
        msg.contains("claims source list"),
        "says where to look: {msg}"
    );
}

#[test]
fn unknown_arabic_source_on_add() {
    refused(
        &[
            "add",
            "--source",
            "وكالة تاس",
            "--text",
            "غادر كيم بيونغ يانغ",
        ],
        "unknown source `وكالة تاس`",
    );
}

#[test]
fn unknown_via_on_add() {
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--via",
            "tass",
            "--text",
            "Kim left Pyongyang",
        ],
        "unknown source `tass`",
    );
}

#[test]
fn unknown_source_on_edit() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    refused_in(
        &ws,
        &["edit", &sullivan, "--source", "bbc", "--note", "n"],
        "unknown source `bbc`",
    );
}

#[test]
fn unknown_id() {
    for cmd in ["show", "log", "diff"] {
        refused(&[cmd, "zzzzzzzzzzzz"], "no claim with id `zzzzzzzzzzzz`");
    }
    refused(
        &["retract", "zzzzzzzz", "--note", "n"],
        "no claim with id `zzzzzzzz`",
    );
    refused(
        &["edit", "zzzzzzzz", "--text", "t", "--note", "n"],
        "no claim with id `zzzzzzzz`",
    );
}

#[test]
fn id_that_cannot_be_an_id() {
    // Hex or digits are never claim ids (those are version hashes); say so without guessing.
    refused(&["show", "0b85"], "no claim with id `0b85`");
    refused(&["show", "abc"], "no claim with id `abc`");
}

#[test]
fn ambiguous_prefix() {
    let ws = Ws::with_sources();
    let mut lines = String::new();
    for n in 1..=17 {
        lines.push_str(&format!(
            "{{\"source\":\"nyt\",\"text\":\"Dispatch {n} from Vladivostok\"}}\n"
        ));
    }
    ws.file("many.jsonl", &lines);
    ws.ok(&["import", "many.jsonl"]);
    let ids: Vec<String> = ws.list_all().iter().map(id_of).collect();
    let letter = (b'k'..=b'z')
        .map(|b| (b as char).to_string())
        .find(|c| ids.iter().filter(|id| id.starts_with(c.as_str())).count() >= 2)
        .unwrap();
    let msg = refused_in(
        &ws,
        &["show", &letter],
        &format!("ambiguous claim id prefix `{letter}`: it matches "),
    );
    let first = ids
        .iter()
        .find(|id| id.starts_with(letter.as_str()))
        .unwrap();
    assert!(msg.contains(&first[..12]), "{msg}");
}

#[test]
fn empty_text() {
    refused(&["add", "--source", "nyt", "--text", ""], "empty text");
    refused(
        &["add", "--source", "nyt", "--text", " \t\n "],
        "empty text",
    );
}

#[test]
fn empty_text_on_edit() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    refused_in(
        &ws,
        &["edit", &sullivan, "--text", "", "--note", "n"],
        "empty text",
    );
}

#[test]
fn impossible_date() {
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--said-on",
            "2023-02-30",
        ],
        "bad date `2023-02-30`: that month has 28 days, not 30",
    );
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--said-on",
            "2023-13-01",
        ],
        "bad date `2023-13-01`: there is no month 13",
    );
}

#[test]
fn date_in_another_format() {
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--said-on",
            "5/9/2023",
        ],
        "bad date `5/9/2023`",
    );
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--reported-on",
            "2023-9-5",
        ],
        "bad date `2023-9-5`",
    );
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--said-on",
            "05-09-2023",
        ],
        "expected YYYY-MM-DD",
    );
}

#[test]
fn bad_date_on_edit() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    refused_in(
        &ws,
        &["edit", &sullivan, "--said-on", "٢٠٢٣-٠٢-٣٠", "--note", "n"],
        "bad date",
    );
}

#[test]
fn bad_stance() {
    let msg = refused(
        &[
            "add", "--source", "nyt", "--text", "t", "--stance", "agrees",
        ],
        "bad stance `agrees`",
    );
    assert!(msg.contains("supports, refutes or neutral"), "{msg}");
    refused(
        &[
            "add", "--source", "nyt", "--text", "t", "--stance", "Supports",
        ],
        "bad stance",
    );
}

#[test]
fn bad_language_tag() {
    refused(
        &["add", "--source", "nyt", "--text", "t", "--lang", "العربية"],
        "bad language tag",
    );
}

#[test]
fn bad_proposition_key() {
    refused(
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "t",
            "--about",
            "kim visit",
        ],
        "bad proposition key `kim visit`",
    );
}

#[test]
fn malformed_jsonl() {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    ws.file("bad.jsonl", "{\"source\":\"nyt\",\"text\":\"fine\"}\n{\"source\":\"nyt\",\"text\":\"fine too\"}\n{\"source\": nyt}\n");
    refused_in(&ws, &["import", "bad.jsonl"], "bad.jsonl:3: ");
}

#[test]
fn jsonl_that_is_not_an_object() {
    let ws = Ws::with_sources();
    ws.file("array.jsonl", "[\"nyt\", \"Kim arrives\"]\n");
    refused_in(&ws, &["import", "array.jsonl"], "array.jsonl:1: ");
}

#[test]
fn malformed_toml() {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    let broken = FIXTURE_TOML.replace("name = \"Yonhap\"", "name = \"Yonhap");
    ws.write_toml(&broken);
    let line = broken
        .lines()
        .position(|l| l.contains("name = \"Yonhap"))
        .unwrap()
        + 1;
    let before = ws.toml_bytes();
    let rows = ws.sql_query("SELECT COUNT(*) FROM versions");
    for args in [
        &["list"][..],
        &["add", "--source", "nyt", "--text", "t"],
        &[
            "source", "add", "tass", "--name", "TASS", "--kind", "agency",
        ],
    ] {
        let msg = ws.err(args);
        assert!(msg.contains(&format!("workspace.toml:{line}:")), "{msg}");
    }
    assert_eq!(ws.toml_bytes(), before);
    assert_eq!(ws.sql_query("SELECT COUNT(*) FROM versions"), rows);
}

#[test]
fn no_workspace_found() {
    let dir = tempfile::tempdir().unwrap();
    let out = claims_in(dir.path())
        .args(["add", "--source", "nyt", "--text", "t"])
        .output()
        .unwrap();
    let msg = one_error_line(&out);
    assert!(msg.contains("no workspace found in"), "{msg}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing created"
    );
}

#[test]
fn unknown_version_selector() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    refused_in(&ws, &["diff", &sullivan, "2"], "has no version `2`");
}

#[test]
fn unknown_source_filter_on_list() {
    refused(&["list", "--source", "pravda"], "unknown source `pravda`");
}

#[test]
fn text_of_only_invisible_marks_is_empty() {
    refused(
        &["add", "--source", "nyt", "--text", "\u{200F}\u{200B}"],
        "empty text",
    );
}
