//! `claims source add | list | show` and the validation of workspace.toml.

use crate::support::*;
use predicates::prelude::*;
use serde_json::json;

/// The 1-based number of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in text"))
        + 1
}

#[test]
fn source_add_keeps_comments_and_the_new_source_resolves_by_arabic_alias() {
    let ws = Ws::with_sources();
    ws.cmd()
        .args([
            "source",
            "add",
            "interfax",
            "--name",
            "Interfax",
            "--kind",
            "agency",
            "--country",
            "RU",
            "--alias",
            "إنترفاكس",
            "--alias",
            "وكالة إنترفاكس",
            "--depends-on",
            "kremlin",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added source interfax"));
    let toml = ws.toml();
    // Every line that was there is still there, in order: comments, inline comments, layout.
    assert!(
        toml.starts_with(FIXTURE_TOML),
        "existing text changed:\n{toml}"
    );
    assert!(toml.contains("# KEEP-ME: this comment must survive `claims source add`."));
    assert!(toml.contains("name = \"kim-putin-2023\" # inline comment, also kept"));
    assert!(toml.contains("[sources.interfax]"), "{toml}");
    // By the alias as declared, and typed without the hamza (matching is normalised).
    for name in ["إنترفاكس", "انترفاكس", "interfax", "INTERFAX"] {
        let s = ws.json(&["source", "show", name, "--json"]);
        assert_eq!(s["key"], "interfax", "resolving {name}");
        assert_eq!(s["kind"], "agency");
        assert_eq!(s["country"], "RU");
        assert_eq!(s["depends_on"], json!(["kremlin"]));
        assert_eq!(s["aliases"], json!(["إنترفاكس", "وكالة إنترفاكس"]));
    }
    // And claims can name it by its Arabic alias.
    let id = ws.add(&[
        "--source",
        "وكالة إنترفاكس",
        "--text",
        "The visit is being prepared",
    ]);
    assert_eq!(ws.show(&id)["source"], "interfax");
}

#[test]
fn source_add_to_the_init_template_keeps_its_comments() {
    let ws = Ws::empty();
    let template = ws.toml();
    ws.ok(&[
        "source",
        "add",
        "yonhap",
        "--name",
        "Yonhap",
        "--kind",
        "agency",
        "--state-affiliated",
        "--alias",
        "يونهاب",
    ]);
    let toml = ws.toml();
    for line in template.lines().filter(|l| l.starts_with('#')) {
        assert!(toml.contains(line), "lost comment line {line:?}:\n{toml}");
    }
    let s = ws.json(&["source", "show", "يونهاب", "--json"]);
    assert_eq!(s["key"], "yonhap");
    assert_eq!(s["state_affiliated"], true);
    assert_eq!(s["country"], serde_json::Value::Null);
}

#[test]
fn source_list_json_has_every_source_in_key_order() {
    let ws = Ws::with_sources();
    let v = ws.json(&["source", "list", "--json"]);
    let keys: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "kremlin",
            "nis",
            "nyt",
            "peskov",
            "sullivan",
            "us-officials",
            "white-house",
            "yonhap"
        ]
    );
    let nyt = &v[2];
    assert_eq!(
        *nyt,
        json!({
            "key": "nyt",
            "name": "The New York Times",
            "kind": "outlet",
            "country": "US",
            "state_affiliated": false,
            "aliases": ["NYT", "نيويورك تايمز"],
            "depends_on": [],
            "trust_prior": null
        })
    );
    let kremlin = &v[0];
    assert_eq!(kremlin["state_affiliated"], true);
}

#[test]
fn source_list_on_an_empty_workspace_says_how_to_add_one() {
    let ws = Ws::empty();
    ws.cmd()
        .args(["source", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No sources declared yet"));
    assert_eq!(ws.json(&["source", "list", "--json"]), json!([]));
}

#[test]
fn source_show_by_key_or_alias_in_text_and_json() {
    let ws = Ws::with_sources();
    let by_key = ws.json(&["source", "show", "peskov", "--json"]);
    let by_alias = ws.json(&["source", "show", "دميتري بيسكوف", "--json"]);
    assert_eq!(by_key, by_alias);
    assert_eq!(by_key["depends_on"], json!(["kremlin"]));
    let text = ws.ok(&["source", "show", "الكرملين"]);
    assert!(text.contains("key         kremlin"), "{text}");
    assert!(text.contains("(state-affiliated)"), "{text}");
    assert!(text.contains("country     RU"), "{text}");
}

#[test]
fn source_show_unknown_is_an_error() {
    let ws = Ws::with_sources();
    let line = ws.err(&["source", "show", "bbc"]);
    assert!(line.contains("unknown source `bbc`"), "{line}");
}

/// Runs several commands against a workspace.toml with a mistake and checks each names the line.
fn assert_config_error_at(toml: &str, line: usize, what: &str) {
    let ws = Ws::empty();
    ws.write_toml(toml);
    for args in [
        &["source", "list"][..],
        &["list"],
        &["add", "--source", "nyt", "--text", "x"],
        &["fsck"],
    ] {
        let msg = ws.err(args);
        assert!(
            msg.contains(&format!("workspace.toml:{line}:")),
            "{args:?}: expected line {line} in: {msg}"
        );
        assert!(msg.contains(what), "{args:?}: expected `{what}` in: {msg}");
    }
    assert_eq!(ws.toml(), toml, "the bad file is left as it was");
}

#[test]
fn unknown_key_in_workspace_toml_names_its_line() {
    let toml = format!(
        "{FIXTURE_TOML}\n[sources.bbc]\nname = \"BBC\"\nkind = \"outlet\"\ncolour = \"red\"\n"
    );
    assert_config_error_at(&toml, line_of(&toml, "colour"), "colour");
}

#[test]
fn wrong_type_in_workspace_toml_names_its_line() {
    let toml = FIXTURE_TOML.replace("state_affiliated = true", "state_affiliated = \"yes\"");
    assert_config_error_at(&toml, line_of(&toml, "state_affiliated"), "");
}

#[test]
fn bad_kind_in_workspace_toml_names_its_line() {
    let toml = FIXTURE_TOML.replace("kind = \"agency\"", "kind = \"wire\"");
    assert_config_error_at(&toml, line_of(&toml, "kind = \"wire\""), "wire");
}

#[test]
fn duplicate_alias_in_workspace_toml_names_its_line() {
    // Voice of America is not the NYT: the alias is typed with different spacing and still
    // collides after normalisation. `voa` sorts after `nyt` and comes later in the file.
    let toml = format!(
        "{FIXTURE_TOML}\n[sources.voa]\nname = \"Voice of America\"\nkind = \"outlet\"\naliases = [\n  \"VOA\",\n  \"نيويورك  تايمز\",\n]\n"
    );
    assert_config_error_at(&toml, line_of(&toml, "نيويورك  تايمز"), "duplicate alias");
}

#[test]
fn duplicate_alias_in_a_source_sorting_first_names_the_later_line() {
    // `bbc` sorts before `nyt` but is declared after it: the error should point at the line
    // just added (the second use), not at the NYT's long-standing alias on line 25.
    let toml = format!(
        "{FIXTURE_TOML}\n[sources.bbc]\nname = \"BBC\"\nkind = \"outlet\"\naliases = [\n  \"BBC Arabic\",\n  \"نيويورك  تايمز\",\n]\n"
    );
    assert_config_error_at(&toml, line_of(&toml, "نيويورك  تايمز"), "duplicate alias");
}

#[test]
fn unknown_dependency_in_workspace_toml_names_its_line() {
    let toml = FIXTURE_TOML.replace("depends_on = [\"kremlin\"]", "depends_on = [\"tass\"]");
    assert_config_error_at(&toml, line_of(&toml, "\"tass\""), "unknown source `tass`");
}

#[test]
fn bad_country_in_workspace_toml_names_its_line() {
    let toml = FIXTURE_TOML.replace(
        "country = \"KR\"\naliases = [\"NIS\"",
        "country = \"Korea\"\naliases = [\"NIS\"",
    );
    assert_config_error_at(&toml, line_of(&toml, "\"Korea\""), "bad country");
}

#[test]
fn malformed_toml_names_its_line() {
    let toml = FIXTURE_TOML.replace("[sources.nis]", "[sources.nis");
    assert_config_error_at(&toml, line_of(&toml, "[sources.nis"), "");
}

/// Runs a `source add` that must fail, and checks workspace.toml is byte-identical afterwards.
fn assert_source_add_refused(args: &[&str], expect: &str) {
    let ws = Ws::with_sources();
    let before = ws.toml_bytes();
    let mut all = vec!["source", "add"];
    all.extend_from_slice(args);
    let msg = ws.err(&all);
    assert!(msg.contains(expect), "expected `{expect}` in: {msg}");
    assert_eq!(ws.toml_bytes(), before, "workspace.toml changed");
    assert!(!ws.path().join("workspace.toml.tmp").exists());
}

#[test]
fn source_add_with_a_bad_kind_changes_nothing() {
    assert_source_add_refused(
        &["tass", "--name", "TASS", "--kind", "newspaper"],
        "bad source kind `newspaper`",
    );
}

#[test]
fn source_add_with_a_duplicate_key_changes_nothing() {
    assert_source_add_refused(
        &["nyt", "--name", "New York Times again", "--kind", "outlet"],
        "source `nyt` already exists",
    );
}

#[test]
fn source_add_with_an_alias_taken_by_another_source_changes_nothing() {
    assert_source_add_refused(
        &[
            "tass",
            "--name",
            "TASS",
            "--kind",
            "agency",
            "--alias",
            "الكرملين",
        ],
        "duplicate alias",
    );
}

#[test]
fn source_add_with_an_unknown_dependency_changes_nothing() {
    assert_source_add_refused(
        &[
            "tass",
            "--name",
            "TASS",
            "--kind",
            "agency",
            "--depends-on",
            "ria",
        ],
        "unknown source `ria`",
    );
}

#[test]
fn source_add_with_a_bad_key_changes_nothing() {
    assert_source_add_refused(
        &["tass agency", "--name", "TASS", "--kind", "agency"],
        "bad source key",
    );
}

#[test]
fn source_add_with_a_bad_country_changes_nothing() {
    assert_source_add_refused(
        &[
            "tass",
            "--name",
            "TASS",
            "--kind",
            "agency",
            "--country",
            "RUS",
        ],
        "bad country",
    );
}

#[test]
fn source_add_to_the_init_template_appends_after_its_comments() {
    let ws = Ws::empty();
    let template = ws.toml();
    ws.ok(&[
        "source", "add", "yonhap", "--name", "Yonhap", "--kind", "agency",
    ]);
    let toml = ws.toml();
    assert!(
        toml.starts_with(&template),
        "the template should stay first, the new source after it:\n{toml}"
    );
}

#[test]
fn source_add_keeps_crlf_line_endings() {
    let ws = Ws::empty();
    let crlf = FIXTURE_TOML.replace('\n', "\r\n");
    ws.write_toml(&crlf);
    ws.ok(&[
        "source", "add", "tass", "--name", "TASS", "--kind", "agency",
    ]);
    let toml = ws.toml();
    assert!(
        toml.starts_with(&crlf),
        "existing lines keep their CRLF endings"
    );
}
