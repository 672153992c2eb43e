//! Files written safely: planted symbolic links never receive a write, and a failure at any
//! step of a source-declaring import leaves the workspace exactly as before or as after.

use crate::support::*;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A workspace in `outer/ws` beside a victim file `outer/victim.txt`, as a cloned repository
/// sits beside the user's other files.
struct Planted {
    outer: TempDir,
}

const VICTIM: &str = "precious\n";

impl Planted {
    fn new() -> Planted {
        let outer = tempfile::Builder::new()
            .prefix("claims-e2e-")
            .tempdir()
            .expect("tempdir");
        std::fs::create_dir(outer.path().join("ws")).unwrap();
        std::fs::write(outer.path().join("victim.txt"), VICTIM).unwrap();
        claims_in(&outer.path().join("ws"))
            .arg("init")
            .assert()
            .success();
        Planted { outer }
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("ws")
    }

    fn victim(&self) -> String {
        std::fs::read_to_string(self.outer.path().join("victim.txt")).unwrap()
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        claims_in(&self.root()).args(args).output().unwrap()
    }
}

fn plant_tmp_link(root: &Path) {
    symlink("../victim.txt", root.join("workspace.toml.tmp")).unwrap();
}

#[test]
fn a_planted_tmp_link_is_never_written_through_by_source_add() {
    let p = Planted::new();
    plant_tmp_link(&p.root());
    let out = p.run(&["source", "add", "x", "--name", "X", "--kind", "other"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(p.victim(), VICTIM);
    assert!(
        std::fs::read_to_string(p.root().join("workspace.toml"))
            .unwrap()
            .contains("[sources.x]")
    );
}

#[test]
fn a_planted_tmp_link_is_never_written_through_by_import_create_sources() {
    let p = Planted::new();
    plant_tmp_link(&p.root());
    std::fs::write(
        p.root().join("in.jsonl"),
        "{\"source\":\"Brand New Agency\",\"text\":\"Something was said\"}\n",
    )
    .unwrap();
    let out = p.run(&["import", "in.jsonl", "--create-sources"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(p.victim(), VICTIM);
}

#[test]
fn a_workspace_toml_linking_outside_is_refused_and_untouched() {
    let p = Planted::new();
    let toml = p.root().join("workspace.toml");
    std::fs::remove_file(&toml).unwrap();
    std::fs::write(p.outer.path().join("victim.txt"), "").unwrap();
    symlink("../victim.txt", &toml).unwrap();
    let out = p.run(&["source", "add", "x", "--name", "X", "--kind", "other"]);
    assert!(!out.status.success());
    let err = one_error_line(&out);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(p.victim(), "");
    assert!(
        std::fs::symlink_metadata(&toml)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_data_dir_linking_outside_is_refused() {
    let p = Planted::new();
    let data = p.root().join(".claims");
    std::fs::remove_dir_all(&data).unwrap();
    let elsewhere = p.outer.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    symlink("../elsewhere", &data).unwrap();
    let out = p.run(&["list", "--json"]);
    assert!(!out.status.success());
    assert!(one_error_line(&out).contains("symbolic link"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// A source-declaring import: two new sources and three claims.
const DECLARING: &str = concat!(
    r#"{"source":"Interfax","text":"The talks were productive"}"#,
    "\n",
    r#"{"source":"KCNA","text":"The leader inspected the factory"}"#,
    "\n",
    r#"{"source":"Interfax","text":"A second statement followed"}"#,
    "\n"
);

#[test]
fn a_failure_at_every_write_step_leaves_the_workspace_before_or_after() {
    // The state after a clean run.
    let clean = Ws::with_sources();
    clean.file("in.jsonl", DECLARING);
    clean.ok(&["import", "in.jsonl", "--create-sources"]);
    let after_toml = clean.toml_bytes();
    let after_count = clean.list_all().len();

    let steps = [
        "locked",
        "db-written",
        "toml-staged",
        "committed",
        "renamed",
        "cleared",
    ];
    for step in steps {
        for mode in ["", ":error"] {
            let ws = Ws::with_sources();
            ws.file("in.jsonl", DECLARING);
            let before = ws.state();
            let out = ws
                .cmd()
                .args(["import", "in.jsonl", "--create-sources"])
                .env("CLAIMS_TEST_FAIL_AT", format!("{step}{mode}"))
                .output()
                .unwrap();
            // The next command sees a whole workspace: before, or after.
            let now = ws.state();
            let is_before = now == before;
            let is_after = now.toml == after_toml && ws.list_all().len() == after_count;
            assert!(
                is_before ^ is_after,
                "{step}{mode}: between states (exit {:?})\n{}",
                out.status.code(),
                String::from_utf8_lossy(&now.toml)
            );
            // Before the commit the run failed and recorded nothing; after it, all of it.
            let committed = matches!(step, "committed" | "renamed" | "cleared");
            assert_eq!(is_after, committed, "{step}{mode}");
            let fsck = ws.cmd().arg("fsck").output().unwrap();
            assert!(fsck.status.success(), "{step}{mode}: fsck {fsck:?}");
            // No temporary file lingers once the next command has run.
            let stray: Vec<_> = std::fs::read_dir(ws.path())
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert!(stray.is_empty() || !committed, "{step}{mode}: {stray:?}");
        }
    }
}

#[test]
fn a_file_size_limit_is_reported_as_no_space_and_changes_nothing() {
    let ws = Ws::with_sources();
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!(
            "{{\"source\":\"New Agency {}\",\"text\":\"Statement number {i} about the visit\"}}\n",
            i % 7
        ));
    }
    ws.file("big.jsonl", &text);
    let before = ws.state();
    // A plain `ulimit -f`, as a user would set it: claims itself turns SIGXFSZ into EFBIG.
    let out = std::process::Command::new("sh")
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .env_remove("CLAIMS_WORKSPACE")
        .arg("-c")
        .arg(format!(
            "ulimit -f 2048; exec '{BIN}' import big.jsonl --create-sources"
        ))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    let err = one_error_line(&out);
    assert!(err.contains("no space left"), "{err}");
    assert!(!err.contains("big.jsonl:"), "blames a line: {err}");
    assert_eq!(ws.state(), before);
}
