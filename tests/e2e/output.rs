//! Output plumbing: a reader that goes away early (`claims list | head -1`).

use crate::support::*;
use std::process::{Output, Stdio};

/// Runs `claims ARGS` with its stdout a pipe whose reading end is already closed, the way
/// `claims list | head -1` leaves it once head has its line.
fn run_with_closed_stdout(ws: &Ws, args: &[&str]) -> Output {
    let mut child = std::process::Command::new(BIN)
        .current_dir(ws.path())
        .env_remove("CLAIMS_WORKSPACE")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claims");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

fn workspace_with_many_claims() -> (Ws, String) {
    let ws = Ws::with_sources();
    let mut lines = String::new();
    for n in 1..=200 {
        lines.push_str(&format!(
            "{{\"source\":\"yonhap\",\"text\":\"Dispatch {n}: the armoured train was seen near the border\"}}\n"
        ));
    }
    ws.file("many.jsonl", &lines);
    ws.ok(&["import", "many.jsonl"]);
    let id = ws.list_ids(&[])[0].clone();
    (ws, id)
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let (ws, id) = workspace_with_many_claims();
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", id.as_str()],
        vec!["log", id.as_str()],
        vec!["source", "list"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let out = run_with_closed_stdout(&ws, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.is_empty(),
            "{args:?}: nothing on stderr, got: {stderr}"
        );
        assert_ne!(out.status.code(), Some(101), "{args:?}: no panic");
    }
}

#[test]
fn a_closed_stdout_never_loses_a_write() {
    // Whatever is printed, a write command whose output nobody reads has still recorded its claim.
    let ws = Ws::with_sources();
    let _ = run_with_closed_stdout(
        &ws,
        &[
            "add",
            "--source",
            "nyt",
            "--text",
            "Recorded even if unread",
        ],
    );
    assert_eq!(ws.list_all().len(), 1);
}
