//! Issue 14's fuzz target for bundles: N (default 10,000) hostile bundles (a valid one with
//! bytes flipped, cut, spliced or deleted) applied to a real workspace. Any panic, a multi-line
//! error, a refusal that changed the workspace or an apply that did not reach the bundle's head
//! ends the run with a non-zero status and the shrunk case.
//!
//! Run: `cargo run --release -p claims-bench --bin bundle_fuzz [N]`

use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    match claims_bench::fuzz::run_bundles(n, dir.path()) {
        Ok(applied) => println!(
            "bundle_fuzz: {n} hostile bundles, {applied} applied cleanly, the rest refused with \
             nothing written, 0 panics, {:.1} s",
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("bundle_fuzz: FAILED: {e}");
            std::process::exit(1);
        }
    }
}
