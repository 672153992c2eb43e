//! Issue 5's plugin isolation cost: ingest 1,000 articles through `news-article` in a worker
//! process and in-process (`isolation = "none"`), each in one `claims ingest` run; the isolated
//! time must be at most 1.3x the in-process time.
//!
//! The articles are the parser's own fixtures (written in our words), each made unique by a
//! numbered closing line. Run: `cargo build --release --workspace && cargo run --release -p
//! claims-bench --bin ingest_bench [N]`

use claims_bench::{claims_bin, measure, secs};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugins/news-article/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?.to_string();
            name.ends_with(".txt")
                .then(|| (name, std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    out.sort();
    out
}

fn run(mode: &str, n: usize, docs: &[PathBuf], tmp: &Path) -> (f64, usize) {
    let ws = tmp.join(format!("ws-{mode}"));
    std::fs::create_dir_all(&ws).unwrap();
    let lib = claims_bin().parent().unwrap().join("libnews_article.so");
    std::fs::write(
        ws.join("workspace.toml"),
        format!(
            "[plugins.news-article]\npath = \"{}\"\nisolation = \"{mode}\"\ntimeout = 600\n",
            lib.display()
        ),
    )
    .unwrap();
    let mut cmd = Command::new(claims_bin());
    cmd.arg("--workspace").arg(&ws).args([
        "ingest",
        "--parser",
        "news-article",
        "--create-sources",
        "--json",
    ]);
    cmd.args(&docs[..n]);
    let r = measure(&mut cmd);
    let reports: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let claims = reports.as_array().map_or(0, |a| {
        a.iter()
            .map(|x| x["added"].as_u64().unwrap_or(0) as usize)
            .sum()
    });
    (r.elapsed.as_secs_f64(), claims)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(1000, |s| s.parse().expect("N"));
    let tmp = std::env::temp_dir().join(format!("claims-ingest-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("docs")).unwrap();
    let fx = fixtures();
    let docs: Vec<PathBuf> = (0..n)
        .map(|i| {
            let (name, text) = &fx[i % fx.len()];
            let p = tmp.join("docs").join(format!("{i:04}-{name}"));
            std::fs::write(&p, format!("{text}\n\n({i})\n")).unwrap();
            p
        })
        .collect();
    println!(
        "ingest benchmark: {n} articles ({} distinct fixtures) through news-article",
        fx.len()
    );
    // Warm the page cache and the library once, then alternate to share any drift fairly.
    let _ = run("none", n.min(20), &docs, &tmp.join("warm"));
    let mut best = [f64::MAX, f64::MAX];
    let mut claims = [0, 0];
    for round in 0..3 {
        for (i, mode) in ["none", "process"].into_iter().enumerate() {
            let (t, c) = run(mode, n, &docs, &tmp.join(format!("r{round}")));
            best[i] = best[i].min(t);
            claims[i] = c;
        }
    }
    assert_eq!(
        claims[0], claims[1],
        "both modes must record the same claims"
    );
    let ratio = best[1] / best[0];
    println!();
    println!("| measure | figure | floor / target | verdict |");
    println!("|---|---|---|---|");
    println!(
        "| ingest {n} articles in-process (best of 3) | {} ({} claims) | floor | - |",
        secs(std::time::Duration::from_secs_f64(best[0])),
        claims[0]
    );
    println!(
        "| ingest {n} articles isolated (best of 3) | {} | {ratio:.2}x the in-process time; target <= 1.3x | {} |",
        secs(std::time::Duration::from_secs_f64(best[1])),
        if ratio <= 1.3 { "ok" } else { "MISSED" }
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
