//! Issue 13's fuzzing floor for the readers of outside files: N (default 100,000) hostile
//! workspace.toml texts through `Config::parse`, and N hostile JSONL lines imported into a real
//! workspace (SQLite in a temp dir) with `--skip-bad`. Any panic, or a report that does not
//! account for every line, ends the run with a non-zero status and the shrunk case.
//!
//! Run: `cargo run --release -p claims-bench --bin input_fuzz [N]`

use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    match claims_bench::fuzz::run(n, dir.path()) {
        Ok((accepted, lines)) => println!(
            "input_fuzz: {n} workspace.toml texts ({accepted} accepted), {lines} JSONL lines \
             imported or refused one by one, 0 panics (floor: 100,000 each), {:.1} s",
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("input_fuzz: FAILED: {e}");
            std::process::exit(1);
        }
    }
}
