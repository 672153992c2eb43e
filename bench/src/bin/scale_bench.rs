//! Issue 4 and 5 speed targets on one workspace of 1,000,000 claims over 100,000 propositions
//! and 1,000 sources: `compare` < 50 ms, `agree --matrix` < 5 s, `trust` < 10 s, peak RSS
//! < 500 MB; `check` with basic-checks over every claim < 10 s.
//!
//! Run: `cargo build --release --workspace && cargo run --release -p claims-bench --bin scale_bench [N]`

use claims_bench::{Rng, basic_checks_toml, claims_bin, measure, secs};
use std::io::Write;
use std::process::Command;

const SOURCES: u64 = 1_000;
const PROPOSITIONS: u64 = 100_000;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(1_000_000, |s| s.parse().expect("N"));
    let tmp = std::env::temp_dir().join(format!("claims-scale-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let ws = tmp.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    // Sources: every tenth is an outlet relaying another (depends_on), every 50th state-affiliated.
    let mut toml = String::new();
    for s in 0..SOURCES {
        toml.push_str(&format!(
            "[sources.s{s}]\nname = \"Source {s}\"\nkind = \"outlet\"\n"
        ));
        if s.is_multiple_of(50) {
            toml.push_str("state_affiliated = true\n");
        }
        if s % 10 == 5 {
            toml.push_str(&format!("depends_on = [\"s{}\"]\n", s - 5));
        }
        toml.push('\n');
    }
    toml.push_str(&basic_checks_toml());
    std::fs::write(ws.join("workspace.toml"), toml).unwrap();

    // Claims: each proposition has a hidden truth; reliable sources (70%) say it 90% of the time.
    let jsonl = tmp.join("claims.jsonl");
    let mut rng = Rng(0x5EED);
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        for i in 0..n {
            let p = i % PROPOSITIONS;
            let s = rng.bits() % SOURCES;
            let reliable = s % 10 < 7;
            let right = rng.bits() % 100 < if reliable { 90 } else { 40 };
            let line = if p.is_multiple_of(2) {
                let stance = if right { "supports" } else { "refutes" };
                serde_json::json!({"source": format!("s{s}"), "about": format!("p{p}"), "stance": stance,
                    "text": format!("Claim {i} on proposition {p}"), "said_on": "2023-09-04"})
            } else {
                let value = if right {
                    format!("{}", 1000 + p)
                } else {
                    format!("{}", rng.bits() % 5)
                };
                serde_json::json!({"source": format!("s{s}"), "about": format!("p{p}"), "value": value,
                    "text": format!("Claim {i} gives a value for {p}"), "reported_on": "2023-09-05"})
            };
            writeln!(w, "{line}").unwrap();
        }
    }
    let claims = |args: &[&str]| {
        let mut c = Command::new(claims_bin());
        c.arg("--workspace").arg(&ws).args(args);
        c
    };
    println!(
        "scale benchmark: {n} claims, {PROPOSITIONS} propositions, {SOURCES} sources ({})",
        tmp.display()
    );
    let import = measure(claims(&["import", jsonl.to_str().unwrap()]).arg("--json"));
    println!(
        "import: {} (peak RSS {:.0} MB)",
        secs(import.elapsed),
        import.peak_rss_mb
    );
    println!();
    println!("| measure | figure | peak RSS | target | verdict |");
    println!("|---|---|---|---|---|");
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };

    let mut best = f64::MAX;
    let mut rss: f64 = 0.0;
    for p in ["p4242", "p77777", "p12345", "p99998", "p1"] {
        let r = measure(&mut claims(&["compare", p, "--json"]));
        best = best.min(r.elapsed.as_secs_f64() * 1000.0);
        rss = rss.max(r.peak_rss_mb);
    }
    println!(
        "| compare one proposition (whole process, best of 5) | {best:.1} ms | {rss:.0} MB | < 50 ms | {} |",
        verdict(best < 50.0)
    );

    let r = measure(&mut claims(&["agree", "--matrix", "--json"]));
    println!(
        "| agree --matrix | {} | {:.0} MB | < 5 s, < 500 MB | {} |",
        secs(r.elapsed),
        r.peak_rss_mb,
        verdict(r.elapsed.as_secs_f64() < 5.0 && r.peak_rss_mb < 500.0)
    );

    for method in [
        "majority",
        "sums",
        "average-log",
        "investment",
        "pooled-investment",
        "truthfinder",
        "crh",
    ] {
        let r = measure(&mut claims(&["trust", "--method", method, "--json"]));
        let algo: f64 = serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["seconds"]
            .as_f64()
            .unwrap();
        println!(
            "| trust --method {method} (algorithm {algo:.3} s) | {} | {:.0} MB | < 10 s, < 500 MB | {} |",
            secs(r.elapsed),
            r.peak_rss_mb,
            verdict(r.elapsed.as_secs_f64() < 10.0 && r.peak_rss_mb < 500.0)
        );
    }

    let r = measure(&mut claims(&[
        "check",
        "--plugin",
        "basic-checks",
        "--json",
    ]));
    let findings = serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["findings"]
        .as_array()
        .map_or(0, Vec::len);
    println!(
        "| check --plugin basic-checks over {n} claims ({findings} findings, isolated) | {} | {:.0} MB | < 10 s | {} |",
        secs(r.elapsed),
        r.peak_rss_mb,
        verdict(r.elapsed.as_secs_f64() < 10.0)
    );
    if std::env::var_os("KEEP").is_some() {
        println!("kept {}", tmp.display());
    } else {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
