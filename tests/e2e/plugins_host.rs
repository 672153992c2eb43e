//! How `claims` finds and loads a plugin: the search path, a library's name and kind checked
//! against how it is used, and `plugin new` scaffolding a crate that builds and loads.

use std::time::Instant;

use serde_json::Value;

use crate::plugin_support::*;
use crate::support::{claims_in, one_error_line};

#[test]
fn a_parser_is_not_a_check_and_a_check_is_not_a_parser() {
    let ws = news_ws(DECLINERS);
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl("basic-checks", &libs().basic_checks, ""));
    ws.write_toml(&toml);
    ws.file("ferry.txt", EN_ARTICLE);
    // Pin both first, so the refusals are the only thing on stderr.
    ws.ok(&["plugin", "add", libs().news_article.to_str().unwrap()]);
    ws.ok(&["plugin", "add", libs().basic_checks.to_str().unwrap()]);
    let before = ws.state();

    let line = one_error_line(&run(
        &ws,
        &[],
        &["ingest", "ferry.txt", "--parser", "basic-checks"],
    ));
    assert!(
        line.contains("basic-checks") && line.contains("not a parser"),
        "{line}"
    );
    let line = one_error_line(&run(&ws, &[], &["check", "--plugin", "news-article"]));
    assert!(
        line.contains("news-article") && line.contains("not a check"),
        "{line}"
    );
    assert_eq!(ws.state(), before);
}

#[test]
fn a_library_that_calls_itself_by_another_name_is_refused_and_not_pinned() {
    let ws = news_ws("");
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl("desk-rules", &libs().basic_checks, ""));
    ws.write_toml(&toml);
    let line = refused(&ws, &["check", "--plugin", "desk-rules"]);
    assert!(
        line.contains("`desk-rules`") && line.contains("calls itself `basic-checks`"),
        "{line}"
    );
    assert_eq!(listed(&ws, "list", "desk-rules")["state"], "unpinned");
}

#[test]
fn undeclared_plugins_are_found_on_the_search_path_in_order() {
    let claim = [
        "--source",
        "bbc",
        "--text",
        "He called the plan \"reckless and said no more",
    ];
    let file = lib_file("example_c");

    // .claims/plugins/ of the workspace.
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    let id = ws.add(&claim);
    let local = ws.path().join(".claims").join("plugins");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::copy(&libs().example_c, local.join(&file)).unwrap();
    ws.ok(&["plugin", "allow", "example-c"]);
    let out = run(&ws, &[], &["check", "--plugin", "example-c", "--json"]);
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["findings"][0]["rule"], "unbalanced-quotes",
        "{report}"
    );
    assert_eq!(strings(&report["findings"][0]["claims"]), [id]);
    let pinned = listed(&ws, "list", "example-c");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(local.join(&file)).unwrap(),
        "{pinned}"
    );

    // CLAIMS_PLUGIN_PATH comes before .claims/plugins/ (which here holds garbage).
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    ws.add(&claim);
    let local = ws.path().join(".claims").join("plugins");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(local.join(&file), b"not a library").unwrap();
    let env_dir = ws.path().join("from-env");
    std::fs::create_dir_all(&env_dir).unwrap();
    std::fs::copy(&libs().example_c, env_dir.join(&file)).unwrap();
    let env = [("CLAIMS_PLUGIN_PATH", env_dir.to_str().unwrap())];
    assert!(
        run(&ws, &env, &["plugin", "allow", "example-c"])
            .status
            .success()
    );
    let report = json_with(
        &ws,
        &[("CLAIMS_PLUGIN_PATH", env_dir.to_str().unwrap())],
        &["check", "--plugin", "example-c", "--json"],
    );
    assert_eq!(
        report["findings"][0]["rule"], "unbalanced-quotes",
        "{report}"
    );

    // Beside the claims executable: the shipped plugins cargo built there.
    let ws = checks_ws();
    ws.write_toml(CHECK_SOURCES);
    add_single_voice(&ws);
    let findings = check_json(&ws, "basic-checks", &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "single-voice");
    // Shipped plugins run unallowed, so nothing records them; allowing one lists it.
    ws.ok(&["plugin", "allow", "basic-checks"]);
    let pinned = listed(&ws, "list", "basic-checks");
    assert_eq!(pinned["shipped"], true, "{pinned}");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&libs().basic_checks).unwrap(),
        "{pinned}"
    );
}

#[test]
fn plugin_new_scaffolds_a_crate_that_builds_and_loads() {
    let ws = checks_ws();
    ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The council approved the new budget",
    ]);
    // Like `cargo new`, it works outside any workspace.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = claims_in(elsewhere.path())
        .args(["plugin", "new", "desk-check"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(out.contains("desk-check"), "{out}");
    let dir = elsewhere.path().join("desk-check");
    assert!(dir.join("Cargo.toml").is_file());
    // Nothing written names a path of the machine that built claims: the crate carries its SDK.
    let repo = repo_root().to_string_lossy().into_owned();
    let mut files = vec![dir.clone()];
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(!text.contains(&repo), "{} names {repo}", p.display());
        }
    }
    assert!(dir.join("claims-plugin/src/abi.rs").is_file());

    // The workspace's lock file pins the SDK's dependencies to what is already downloaded.
    std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let target = ws.path().join("target");
    let started = Instant::now();
    let build = std::process::Command::new(cargo())
        .args(["build", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "the scaffolded crate does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    eprintln!("scaffolded plugin built in {:?}", started.elapsed());
    let lib = target.join("debug").join(lib_file("desk_check"));
    assert!(lib.is_file(), "{} not built", lib.display());

    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(out.contains("desk-check"), "{out}");
    let report = json_with(&ws, &[], &["check", "--plugin", "desk-check", "--json"]);
    assert_eq!(strings(&report["plugins"]), ["desk-check"], "{report}");
    assert_eq!(report["checked"], 1, "{report}");
    // The scaffold's rule flags blank text; the claim has text, so the check finds nothing.
    assert_eq!(report["findings"], serde_json::json!([]), "{report}");
}
