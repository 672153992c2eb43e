//! `claims init` and how commands find their workspace.

use crate::support::*;
use predicates::prelude::*;

#[test]
fn init_creates_a_commented_workspace_toml_and_an_ignored_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    claims_in(dir.path())
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("Initialised workspace in"))
        .stdout(predicate::str::contains("wrote workspace.toml"))
        .stdout(predicate::str::contains("created .claims/"));
    let toml = std::fs::read_to_string(dir.path().join("workspace.toml")).unwrap();
    assert!(toml.lines().next().unwrap().starts_with("# "), "{toml}");
    assert!(
        toml.contains("# [sources.nyt]"),
        "commented example: {toml}"
    );
    assert!(
        toml.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "only comments: {toml}"
    );
    let data = dir.path().join(".claims");
    assert!(data.is_dir());
    let ignore = std::fs::read_to_string(data.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l.trim() == "*"), "{ignore}");
    assert!(data.join("claims.db").is_file());
    // The new workspace is usable at once.
    claims_in(dir.path())
        .args(["list"])
        .assert()
        .success()
        .stdout("No claims match.\n");
}

#[test]
fn init_into_a_named_directory_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    claims_in(dir.path())
        .args(["init", "deep/new-ws"])
        .assert()
        .success();
    assert!(dir.path().join("deep/new-ws/workspace.toml").is_file());
    assert!(dir.path().join("deep/new-ws/.claims/.gitignore").is_file());
}

#[test]
fn second_init_changes_nothing_and_says_so() {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    let toml = ws.toml_bytes();
    let ignore = std::fs::read(ws.path().join(".claims/.gitignore")).unwrap();
    let before = ws.state();
    ws.cmd()
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("already exists; nothing changed"))
        .stdout(predicate::str::contains("wrote").not());
    assert_eq!(ws.toml_bytes(), toml);
    assert_eq!(
        std::fs::read(ws.path().join(".claims/.gitignore")).unwrap(),
        ignore
    );
    assert_eq!(ws.state(), before);
}

#[test]
fn init_refuses_a_directory_with_a_broken_workspace_toml() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "[sources.nyt]\nname = \"NYT\"\nkind = \"outlet\"\ncolour = \"grey\"\n";
    std::fs::write(dir.path().join("workspace.toml"), broken).unwrap();
    let out = claims_in(dir.path()).arg("init").output().unwrap();
    let line = one_error_line(&out);
    assert!(line.contains("workspace.toml:4:"), "{line}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("workspace.toml")).unwrap(),
        broken
    );
    assert!(
        !dir.path().join(".claims").exists(),
        "a broken workspace must not be initialised"
    );
}

#[test]
fn commands_find_the_workspace_from_a_nested_subdirectory() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    let nested = ws.path().join("notes/2023/september");
    std::fs::create_dir_all(&nested).unwrap();
    let out = claims_in(&nested)
        .args(["show", &nyt, "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(id_of(&v), nyt);
    // And writes from there land in the same workspace.
    claims_in(&nested)
        .args(["add", "--source", "kremlin", "--text", "Nothing is planned"])
        .assert()
        .success();
    assert_eq!(ws.list_all().len(), 5);
}

#[test]
fn workspace_flag_and_env_override_discovery() {
    let a = Ws::with_sources();
    let b = Ws::with_sources();
    let id = b.add(&["--source", "nyt", "--text", "Only in workspace B"]);
    // From inside A, --workspace B reads B.
    let out = a
        .cmd()
        .args(["--workspace"])
        .arg(b.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(id_of(&v[0]), id);
    // CLAIMS_WORKSPACE does the same, pointing at the directory or at the toml file.
    for target in [b.path().to_path_buf(), b.toml_path()] {
        let out = a
            .cmd()
            .env("CLAIMS_WORKSPACE", &target)
            .args(["list", "--json"])
            .assert()
            .success();
        let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 1, "{}", target.display());
    }
    // The flag wins over the environment variable.
    let out = a
        .cmd()
        .env("CLAIMS_WORKSPACE", b.path())
        .arg("--workspace")
        .arg(a.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v.as_array().unwrap().is_empty());
    // Writes go to the chosen workspace, not the current one.
    a.cmd()
        .arg("--workspace")
        .arg(b.path())
        .args(["add", "--source", "nyt", "--text", "Also only in B"])
        .assert()
        .success();
    assert_eq!(a.list_all().len(), 0);
    assert_eq!(b.list_all().len(), 2);
}

#[test]
fn no_workspace_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["list"][..], &["source", "list"], &["fsck"]] {
        let out = claims_in(dir.path()).args(args).output().unwrap();
        let line = one_error_line(&out);
        assert!(line.contains("no workspace found"), "{line}");
        assert!(line.contains("claims init"), "{line}");
    }
    // Nothing was created by looking.
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn workspace_flag_to_a_directory_without_workspace_is_an_error() {
    let ws = Ws::with_sources();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = ws
        .cmd()
        .arg("--workspace")
        .arg(elsewhere.path())
        .arg("list")
        .output()
        .unwrap();
    let line = one_error_line(&out);
    assert!(line.contains("no workspace found"), "{line}");
    let out = ws
        .cmd()
        .env("CLAIMS_WORKSPACE", elsewhere.path().join("missing"))
        .arg("list")
        .output()
        .unwrap();
    one_error_line(&out);
}

#[test]
fn a_fresh_clone_with_only_workspace_toml_gets_its_data_dir_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("workspace.toml"), FIXTURE_TOML).unwrap();
    claims_in(dir.path())
        .args([
            "add",
            "--source",
            "nyt",
            "--text",
            "A claim in a fresh clone",
        ])
        .assert()
        .success();
    assert!(dir.path().join(".claims/.gitignore").is_file());
    assert!(dir.path().join(".claims/claims.db").is_file());
}

/// What the shell gets back when it asks `claims` to complete the word at `index` of `words`
/// (the way the registered bash function asks), one candidate per line.
fn complete(ws: &Ws, index: usize, words: &[&str]) -> Vec<String> {
    let out = ws
        .cmd()
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .arg("--")
        .args(words)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn completions_register_for_each_shell_and_offer_values_source_keys_and_propositions() {
    let ws = Ws::with_sources();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ws.ok(&["completions", shell]);
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("claims"), "{shell}: {script}");
    }
    let bash = ws.ok(&["completions", "bash"]);
    assert!(bash.contains("complete -o nospace"), "{bash}");
    // Subcommands, never the internal plugin worker.
    let commands = complete(&ws, 1, &["claims", ""]);
    for c in ["add", "compare", "ingest", "man", "completions"] {
        assert!(commands.iter().any(|x| x == c), "{c} in {commands:?}");
    }
    assert!(
        !commands.iter().any(|c| c.starts_with("__")),
        "{commands:?}"
    );
    assert!(complete(&ws, 1, &["claims", "__"]).is_empty());
    // Closed sets of values, and the workspace's own source keys and aliases.
    assert_eq!(
        complete(&ws, 3, &["claims", "add", "--stance", ""]),
        ["supports", "refutes", "neutral"]
    );
    let ratings = complete(&ws, 4, &["claims", "verdict", "k", "--rating", ""]);
    assert!(ratings.iter().any(|r| r == "misleading"), "{ratings:?}");
    let sources = complete(&ws, 3, &["claims", "add", "--source", ""]);
    let config = ws.toml();
    for key in ["nyt", "yonhap", "nis"] {
        assert!(sources.iter().any(|s| s == key), "{key} in {sources:?}");
    }
    assert!(
        sources.iter().all(|s| config.contains(s.as_str())),
        "only declared keys and aliases: {sources:?}"
    );
    let via = complete(&ws, 5, &["claims", "add", "--source", "nis", "--via", "yo"]);
    assert!(via.iter().any(|s| s == "yonhap"), "{via:?}");
    // Propositions: declared ones and those claims name, as flags and as arguments; completing
    // writes nothing.
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim will visit Russia",
    ]);
    ws.add(&[
        "--source",
        "nyt",
        "--text",
        "A claim",
        "--about",
        "naval-drills",
        "--stance",
        "supports",
    ]);
    let before = ws.state();
    let about = complete(&ws, 3, &["claims", "list", "--about", ""]);
    for key in ["kim-visit", "naval-drills"] {
        assert!(about.iter().any(|s| s == key), "{key} in {about:?}");
    }
    let compared = complete(&ws, 2, &["claims", "compare", "na"]);
    assert!(compared.iter().any(|s| s == "naval-drills"), "{compared:?}");
    assert_eq!(ws.state(), before, "completing wrote something");
    // Outside a workspace there are no keys to offer, and no error.
    let empty = tempfile::tempdir().unwrap();
    let out = claims_in(empty.path())
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "claims", "add", "--source", ""])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn man_prints_a_page_and_writes_one_per_command() {
    let ws = Ws::with_sources();
    let page = ws.ok(&["man"]);
    assert!(page.contains(".TH claims 1"), "{page}");
    assert!(page.contains("compare"), "{page}");
    assert!(!page.contains("plugin-worker"), "{page}");
    let dir = ws.path().join("man");
    std::fs::create_dir(&dir).unwrap();
    ws.ok(&["man", "--dir", dir.to_str().unwrap()]);
    for name in [
        "claims.1",
        "claims-add.1",
        "claims-compare.1",
        "claims-bundle-apply.1",
    ] {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.contains(".TH"), "{name}");
    }
}

#[test]
fn init_honours_the_workspace_flag() {
    let ws = Ws::with_sources();
    let target = ws.path().join("other");
    std::fs::create_dir(&target).unwrap();
    let before = ws.state();
    // Run from inside the current workspace: `--workspace DIR init` initialises DIR, and never
    // says the current workspace "already exists".
    let out = ws.ok(&["--workspace", target.to_str().unwrap(), "init"]);
    assert!(
        out.starts_with(&format!("Initialised workspace in {}", target.display())),
        "{out}"
    );
    assert!(target.join("workspace.toml").is_file());
    assert!(target.join(".claims").join("claims.db").is_file());
    assert_eq!(ws.state(), before, "the current workspace is untouched");
    let other = claims_in(&target)
        .args(["source", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&other.stdout).unwrap(),
        serde_json::json!([]),
        "DIR has the template's (empty) sources, not the current workspace's"
    );
}

#[test]
fn an_empty_claims_workspace_variable_is_ignored() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    // Found by searching upward from a subdirectory, as if the variable were unset.
    let sub = ws.path().join("notes");
    std::fs::create_dir(&sub).unwrap();
    let out = claims_in(&sub)
        .env("CLAIMS_WORKSPACE", "")
        .args(["show", &sullivan, "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(id_of(&v), sullivan);
}
