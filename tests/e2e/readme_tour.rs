//! The README's tour runs as written: its commands, extracted from README.md, run start to
//! finish with bash in a new directory (a copy of the files it reads from the repository, a
//! fresh home), with the `claims` under test and the shipped plugins beside it on PATH.

use crate::plugin_support::*;

/// The first `sh` block after the heading "## A short tour".
fn tour() -> String {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let after = readme
        .split("## A short tour")
        .nth(1)
        .expect("README.md has a tour");
    let block = after
        .split("```sh\n")
        .nth(1)
        .expect("the tour has an sh block");
    block.split("\n```").next().unwrap().to_string()
}

#[test]
fn the_readme_tour_runs_as_written() {
    let script = tour();
    assert!(
        !script.contains("..."),
        "no placeholders in the tour:\n{script}"
    );
    let root = tempfile::tempdir().unwrap();
    let repo = root.path().join("claims");
    let home = root.path().join("home");
    for dir in [repo.join("demo"), repo.join("docs"), home.clone()] {
        std::fs::create_dir_all(dir).unwrap();
    }
    for file in [
        "demo/claims.jsonl",
        "demo/article.ar.txt",
        "demo/claimreview.json",
        "demo/factcheck.json",
        "docs/hashing_reference.py",
    ] {
        std::fs::copy(repo_root().join(file), repo.join(file)).unwrap();
    }
    // The plugins are built beside the binary under test, where claims looks for shipped ones.
    let bin_dir = libs().news_article.parent().unwrap().to_path_buf();
    assert!(bin_dir.join("claims").is_file(), "{}", bin_dir.display());
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(&repo)
        .env("HOME", &home)
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", root.path().join("config"))
        .env_remove("CLAIMS_WORKSPACE")
        .env_remove("CLAIMS_PLUGIN_PATH")
        .env("NO_COLOR", "1")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the tour failed ({}):\n--- stderr\n{stderr}\n--- stdout\n{stdout}",
        out.status
    );
    // What each part should have shown.
    assert!(stdout.contains("agreement score"), "{stdout}");
    assert!(
        stdout.contains("[زيارة]"),
        "search found the claim by folded words and marked the original: {stdout}"
    );
    assert!(stdout.contains("Cohen's kappa"), "{stdout}");
    assert!(
        stdout.contains("proof ok: "),
        "the reference script checked the proof: {stdout}"
    );
    assert!(
        stdout.contains("[-") || stdout.contains("{+"),
        "a word diff: {stdout}"
    );
    assert!(
        stdout.lines().any(|l| l == "same"),
        "both record roots equal: {stdout}"
    );
    assert!(home.join("newsroom/my-check/Cargo.toml").is_file());
    assert!(home.join("newsroom/claims.1").is_file());
    // The fact-checks came in (labels mapped, none left unmapped) and went out as ClaimReview.
    assert!(!stdout.contains("does not map"), "{stdout}");
    let reviews = std::fs::read_to_string(home.join("newsroom/reviews.json")).unwrap();
    let feed: serde_json::Value = serde_json::from_str(&reviews).unwrap();
    assert_eq!(feed["@type"], "DataFeed", "{feed}");
    assert!(
        reviews.contains("وصل قطار كيم جونغ أون المصفح"),
        "Arabic intact"
    );
}
