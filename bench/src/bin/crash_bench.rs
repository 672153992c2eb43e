//! Issue 13's crash-safety and concurrency figures, kept repeatable: N SIGKILLs at random
//! moments during a source-declaring import and during small writes, each followed by a check
//! that the workspace is whole (fsck clean: not corrupt) and exactly before or after (not
//! partial); then concurrent writers (W processes x A `source add` plus 4 declaring imports,
//! and 8 concurrent imports of L lines), counting lost updates and errors.
//!
//! Run: `cargo build --release && cargo run --release -p claims-bench --bin crash_bench [N]`

use claims_bench::{Rng, claims_bin, make_workspace, secs};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn claims(dir: &Path, args: &[&str]) -> Output {
    Command::new(claims_bin())
        .current_dir(dir)
        .env_remove("CLAIMS_WORKSPACE")
        .args(args)
        .output()
        .expect("claims runs")
}

fn count(dir: &Path, args: &[&str]) -> Option<usize> {
    let out = claims(dir, args);
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v.as_array().map(Vec::len)
}

/// Starts `args`, kills it with SIGKILL after `after`, and reaps it; whether it had finished.
fn kill_after(dir: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(claims_bin())
        .current_dir(dir)
        .env_remove("CLAIMS_WORKSPACE")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(after);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    // SAFETY: plain kill(2) on our own child's pid, not yet reaped.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let _ = child.wait();
    finished
}

#[derive(Default)]
struct Tally {
    runs: usize,
    corrupt: usize,
    partial: usize,
    before: usize,
    after: usize,
}

fn fresh(base: &Path, i: usize) -> PathBuf {
    let dir = base.join(format!("w{i}"));
    make_workspace(&dir, 20);
    assert!(claims(&dir, &["init"]).status.success());
    dir
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let tmp = tempfile_dir();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ std::process::id() as u64);

    // A declaring import: 20,000 lines naming 50 undeclared sources.
    let lines = 20_000;
    let jsonl = tmp.join("declaring.jsonl");
    let text: String = (0..lines)
        .map(|l| {
            format!(
                "{{\"source\":\"New Agency {}\",\"text\":\"Crash line {l}\"}}\n",
                l % 50
            )
        })
        .collect();
    std::fs::write(&jsonl, text).unwrap();
    let probe = fresh(&tmp, 1_000_000);
    let t = Instant::now();
    assert!(
        claims(
            &probe,
            &["import", jsonl.to_str().unwrap(), "--create-sources"]
        )
        .status
        .success()
    );
    let full = t.elapsed();
    let after_toml = std::fs::read(probe.join("workspace.toml")).unwrap();
    println!("declaring import of {lines} lines takes {}", secs(full));

    let mut imp = Tally::default();
    for i in 0..n {
        let dir = fresh(&tmp, i);
        let before_toml = std::fs::read(dir.join("workspace.toml")).unwrap();
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        kill_after(
            &dir,
            &["import", jsonl.to_str().unwrap(), "--create-sources"],
            at,
        );
        imp.runs += 1;
        let fsck = claims(&dir, &["fsck"]);
        let listed = count(&dir, &["list", "--all", "--json"]);
        let toml = std::fs::read(dir.join("workspace.toml")).unwrap();
        match listed {
            _ if !fsck.status.success() => imp.corrupt += 1,
            None => imp.corrupt += 1,
            Some(0) if toml == before_toml => imp.before += 1,
            Some(c) if c == lines && toml == after_toml => imp.after += 1,
            Some(_) => imp.partial += 1,
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!(
        "import kills: {} runs, {} corrupt, {} partial ({} before, {} after)",
        imp.runs, imp.corrupt, imp.partial, imp.before, imp.after
    );

    // Small writes: `source add` killed at random within its run time.
    let dir = fresh(&tmp, 2_000_000);
    let mut small = Tally::default();
    let mut acknowledged = 0usize;
    for i in 0..n * 3 {
        let key = format!("k{i}");
        let at = Duration::from_micros(rng.below(15_000));
        let done = kill_after(
            &dir,
            &["source", "add", &key, "--name", &key, "--kind", "other"],
            at,
        );
        small.runs += 1;
        let out = claims(&dir, &["source", "list", "--json"]);
        let ok = out.status.success() && claims(&dir, &["fsck"]).status.success();
        if !ok {
            small.corrupt += 1;
            continue;
        }
        let keys = String::from_utf8_lossy(&out.stdout)
            .matches(&format!("\"{key}\""))
            .count();
        if done && keys == 0 {
            small.partial += 1; // finished yet lost
        }
        acknowledged += keys;
    }
    println!(
        "small-write kills: {} runs, {} corrupt, {} lost or partial ({} applied)",
        small.runs, small.corrupt, small.partial, acknowledged
    );

    // Concurrent writers.
    let (w, a) = (8, 200);
    let dir = fresh(&tmp, 3_000_000);
    for i in 0..4 {
        let t: String = (0..1_000)
            .map(|l| {
                format!(
                    "{{\"source\":\"Agency {i}-{}\",\"text\":\"Import {i} line {l}\"}}\n",
                    l % 10
                )
            })
            .collect();
        std::fs::write(dir.join(format!("in{i}.jsonl")), t).unwrap();
    }
    let t = Instant::now();
    let adders: Vec<_> = (0..w)
        .map(|p| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                (0..a)
                    .filter(|n| {
                        let k = format!("p{p}-{n}");
                        !claims(
                            &dir,
                            &["source", "add", &k, "--name", &k, "--kind", "other"],
                        )
                        .status
                        .success()
                    })
                    .count()
            })
        })
        .collect();
    let importers: Vec<_> = (0..4)
        .map(|i| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let f = format!("in{i}.jsonl");
                !claims(&dir, &["import", &f, "--create-sources"])
                    .status
                    .success() as usize
            })
        })
        .collect();
    let errors: usize = adders.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
        + importers
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum::<usize>();
    let out = claims(&dir, &["source", "list", "--json"]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    let lost = (0..w)
        .flat_map(|p| (0..a).map(move |n| format!("\"p{p}-{n}\"")))
        .filter(|k| !listed.contains(k.as_str()))
        .count();
    let fsck_ok = claims(&dir, &["fsck"]).status.success();
    println!(
        "{w} x {a} source add + 4 declaring imports: {lost} lost, {errors} errors, fsck {} ({})",
        if fsck_ok { "clean" } else { "NOT clean" },
        secs(t.elapsed())
    );

    let big = 100_000;
    let dir = fresh(&tmp, 4_000_000);
    for i in 0..8 {
        let t: String = (0..big)
            .map(|l| {
                format!(
                    "{{\"source\":\"s{}\",\"text\":\"Big import {i} line {l}\"}}\n",
                    l % 20
                )
            })
            .collect();
        std::fs::write(dir.join(format!("big{i}.jsonl")), t).unwrap();
    }
    let t = Instant::now();
    let kids: Vec<_> = (0..8)
        .map(|i| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                claims(&dir, &["import", &format!("big{i}.jsonl")])
                    .status
                    .success()
            })
        })
        .collect();
    let failed = kids
        .into_iter()
        .filter(|_| true)
        .map(|h| !h.join().unwrap() as usize)
        .sum::<usize>();
    println!(
        "8 concurrent {big}-line imports: {failed} failed ({})",
        secs(t.elapsed())
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

fn tempfile_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("claims-crash-bench-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
