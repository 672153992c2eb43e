//! Issue 15's export targets: `claims export` of 1,000,000 claims (a tenth of them corrected,
//! so the JSONL carries 1.1M versions) as JSONL and as CSV, each against `claims list --json`
//! on the same workspace (target <= 1.5x), with flat memory (peak RSS < 100 MB). Every command
//! writes to /dev/null, as `cmd > /dev/null` would; best of 3, every run shown.
//!
//! Run: `cargo build --release && cargo run --release -p claims-bench --bin export_bench [N]`
//! (`KEEP=1` keeps the workspace).

use claims_bench::{
    arabic_text, claims_at, make_workspace, measure, measure_discarding_stdout, secs,
};
use std::io::Write;

const SOURCES: usize = 200;

/// Best of three runs of `claims --workspace WS ARGS > /dev/null`: (best, every time shown).
fn best_of_3(ws: &std::path::Path, args: &[&str]) -> (claims_bench::Run, String) {
    let runs: Vec<_> = (0..3)
        .map(|_| measure_discarding_stdout(claims_at(ws).args(args)))
        .collect();
    let all = runs
        .iter()
        .map(|r| secs(r.elapsed))
        .collect::<Vec<_>>()
        .join(", ");
    let best = runs
        .into_iter()
        .min_by_key(|r| r.elapsed)
        .expect("three runs");
    (best, all)
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(1_000_000, |s| s.parse().expect("N"));
    let tmp = std::env::temp_dir().join(format!("claims-export-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    println!(
        "export benchmark: {n} claims of ~200 bytes of Arabic ({} corrected), {SOURCES} sources, in {}",
        n / 10,
        tmp.display()
    );

    // The workspace, by `claims import`: every tenth claim gets a `ref` and, at the end, a
    // corrected version.
    let jsonl = tmp.join("claims.jsonl");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        let line = |i: u64, text: String| {
            let mut v = serde_json::json!({
                "source": format!("s{}", i % SOURCES as u64),
                "via": if i.is_multiple_of(3) { vec![format!("s{}", (i / 3) % SOURCES as u64)] } else { vec![] },
                "text": text, "about": format!("p{}", i % 100_000),
                "stance": if i.is_multiple_of(4) { "refutes" } else { "supports" },
                "said_on": "2023-09-04", "lang": "ar",
            });
            if i.is_multiple_of(10) {
                v["ref"] = format!("c{i}").into();
            }
            v
        };
        for i in 0..n {
            writeln!(w, "{}", line(i, arabic_text(i, 200))).unwrap();
        }
        for i in (0..n).step_by(10) {
            let mut v = line(i, format!("{} (مصحح)", arabic_text(i, 200)));
            v.as_object_mut().unwrap().remove("ref");
            v["revises"] = format!("c{i}").into();
            v["note"] = "corrected".into();
            writeln!(w, "{v}").unwrap();
        }
    }
    let ws = tmp.join("ws");
    make_workspace(&ws, SOURCES);
    let import = measure(claims_at(&ws).arg("import").arg(&jsonl));
    print!("{}", import.stdout);
    println!("(built by `claims import` in {})", secs(import.elapsed));
    let _ = std::fs::remove_file(&jsonl);

    let (list, list_all) = best_of_3(&ws, &["list", "--json"]);
    println!();
    println!("| measure | figure | target | verdict |");
    println!("|---|---|---|---|");
    println!(
        "| `list --json > /dev/null`, {n} claims (best of 3: {list_all}) | {} ({:.0} MB peak RSS) | the floor | - |",
        secs(list.elapsed),
        list.peak_rss_mb
    );
    for (label, args) in [
        ("export --format jsonl (every version)", &["export"][..]),
        ("export --format csv", &["export", "--format", "csv"][..]),
    ] {
        let (run, all) = best_of_3(&ws, args);
        let x = run.elapsed.as_secs_f64() / list.elapsed.as_secs_f64();
        println!(
            "| `{label} > /dev/null` (best of 3: {all}) | {} | <= 1.5x list --json | {x:.2}x {} |",
            secs(run.elapsed),
            if x <= 1.5 { "ok" } else { "MISSED" }
        );
        println!(
            "| `{label}` peak RSS | {:.0} MB | < 100 MB | {} |",
            run.peak_rss_mb,
            if run.peak_rss_mb < 100.0 {
                "ok"
            } else {
                "MISSED"
            }
        );
    }
    // Through -o: a temporary file beside the destination, synced and renamed.
    let out = tmp.join("all.jsonl");
    let to_file = measure(claims_at(&ws).args(["export", "-o"]).arg(&out));
    let mb = std::fs::metadata(&out).map_or(0.0, |m| m.len() as f64 / 1e6);
    println!(
        "| `export -o FILE` ({mb:.0} MB written, synced, renamed) | {} ({:.0} MB peak RSS) | - | - |",
        secs(to_file.elapsed),
        to_file.peak_rss_mb
    );
    if std::env::var_os("KEEP").is_some() {
        println!("kept {} (KEEP is set)", tmp.display());
    } else {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
