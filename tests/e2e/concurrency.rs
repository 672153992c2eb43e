//! Concurrent writers serialise on the workspace lock: nothing acknowledged is lost, no
//! spurious error, fsck stays clean.

use crate::support::*;
use std::process::{Child, Command, Stdio};

fn spawn(ws: &Ws, args: &[String]) -> Child {
    Command::new(BIN)
        .current_dir(ws.path())
        .env_remove("CLAIMS_WORKSPACE")
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Sized for debug builds; bench/src/bin/crash_bench.rs and the figures in
/// docs/performance.md cover the full sizes.
const WRITERS: usize = 8;
const ADDS: usize = 25;
const IMPORTS: usize = 4;

#[test]
fn concurrent_source_adds_and_declaring_imports_lose_nothing() {
    let ws = Ws::with_sources();
    for i in 0..IMPORTS {
        let text: String = (0..50)
            .map(|n| {
                format!(
                    "{{\"source\":\"Agency {i}-{}\",\"text\":\"Import {i} line {n}\"}}\n",
                    n % 5
                )
            })
            .collect();
        ws.file(&format!("in{i}.jsonl"), &text);
    }
    let mut writers: Vec<std::thread::JoinHandle<Vec<String>>> = Vec::new();
    for w in 0..WRITERS {
        let dir = ws.path().to_path_buf();
        writers.push(std::thread::spawn(move || {
            let mut errors = Vec::new();
            for n in 0..ADDS {
                let out = Command::new(BIN)
                    .current_dir(&dir)
                    .env_remove("CLAIMS_WORKSPACE")
                    .args([
                        "source",
                        "add",
                        &format!("w{w}-{n}"),
                        "--name",
                        &format!("Writer {w} {n}"),
                        "--kind",
                        "other",
                    ])
                    .output()
                    .unwrap();
                if !out.status.success() {
                    errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
            errors
        }));
    }
    let imports: Vec<Child> = (0..IMPORTS)
        .map(|i| {
            spawn(
                &ws,
                &[
                    "import".into(),
                    format!("in{i}.jsonl"),
                    "--create-sources".into(),
                ],
            )
        })
        .collect();
    for c in imports {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for t in writers {
        let errors = t.join().unwrap();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let sources = as_array(ws.json(&["source", "list", "--json"]));
    let keys: Vec<String> = sources
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_string())
        .collect();
    for w in 0..WRITERS {
        for n in 0..ADDS {
            assert!(keys.contains(&format!("w{w}-{n}")), "lost w{w}-{n}");
        }
    }
    assert_eq!(ws.list_all().len(), IMPORTS * 50);
    let fsck = ws.cmd().arg("fsck").output().unwrap();
    assert!(fsck.status.success(), "{fsck:?}");
}

#[test]
fn concurrent_large_imports_all_succeed() {
    let ws = Ws::with_sources();
    let n = 8;
    for i in 0..n {
        let text: String = (0..5_000)
            .map(|l| format!("{{\"source\":\"nyt\",\"text\":\"Import {i} claim {l}\"}}\n"))
            .collect();
        ws.file(&format!("big{i}.jsonl"), &text);
    }
    let kids: Vec<Child> = (0..n)
        .map(|i| spawn(&ws, &["import".into(), format!("big{i}.jsonl")]))
        .collect();
    for c in kids {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        ws.sql_query("SELECT COUNT(*) FROM versions").trim(),
        (n * 5_000).to_string()
    );
}

#[test]
fn a_held_lock_is_a_visible_bounded_wait() {
    let ws = Ws::with_sources();
    // Hold the lock from outside with flock(1) while a writer tries.
    let lock = ws.path().join(".claims").join("lock");
    let mut holder = Command::new("flock")
        .arg(&lock)
        .args(["sleep", "5"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = ws
        .cmd()
        .args(["source", "add", "x", "--name", "X", "--kind", "other"])
        .env("CLAIMS_LOCK_TIMEOUT", "2")
        .output()
        .unwrap();
    holder.kill().ok();
    holder.wait().ok();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("waiting for another claims process to finish writing (.claims/lock)"),
        "{stderr}"
    );
    let last = stderr.lines().last().unwrap();
    assert!(last.starts_with("error: another claims process"), "{last}");
    assert!(last.contains("CLAIMS_LOCK_TIMEOUT"), "{last}");
    assert!(!ws.toml().contains("[sources.x]"));
}
