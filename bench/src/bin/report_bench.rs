//! Issue 16's report target: `claims report` of a 10,000-claim workspace in < 5 s, writing
//! < 20 MB of HTML. The workspace has what a real one has: Arabic and English claims, relay
//! chains, corrected claims (so there are diffs), retractions, both kinds of proposition,
//! verdicts and stored check findings.
//!
//! Run: `cargo build --release --workspace && cargo run --release -p claims-bench --bin report_bench [N]`

use claims_bench::{Rng, basic_checks_toml, claims_bin, measure, secs};
use std::io::Write;
use std::process::Command;

const SOURCES: u64 = 200;
const PROPOSITIONS: u64 = 1_000;

/// Words of our own to build texts from, in both languages.
const EN: [&str; 12] = [
    "officials",
    "said",
    "the",
    "talks",
    "will",
    "resume",
    "next",
    "week",
    "in",
    "Doha",
    "according",
    "sources",
];
const AR: [&str; 12] = [
    "قال",
    "المسؤولون",
    "إن",
    "المحادثات",
    "ستستأنف",
    "الأسبوع",
    "المقبل",
    "في",
    "الدوحة",
    "بحسب",
    "مصادر",
    "مطلعة",
];

fn text(rng: &mut Rng, arabic: bool, i: u64) -> String {
    let words = if arabic { &AR } else { &EN };
    let n = 8 + rng.index(10);
    let mut t: Vec<&str> = (0..n).map(|_| words[rng.index(words.len())]).collect();
    t.dedup();
    format!("{} {i}", t.join(" "))
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(10_000, |s| s.parse().expect("N"));
    let tmp = std::env::temp_dir().join(format!("claims-report-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let ws = tmp.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let mut toml = String::new();
    for s in 0..SOURCES {
        let name = if s % 3 == 0 {
            format!("مصدر {s}")
        } else {
            format!("Source {s}")
        };
        toml.push_str(&format!(
            "[sources.s{s}]\nname = \"{name}\"\nkind = \"outlet\"\n"
        ));
        if s % 10 == 5 {
            toml.push_str(&format!("depends_on = [\"s{}\"]\n", s - 5));
        }
        toml.push('\n');
    }
    toml.push_str(&basic_checks_toml());
    std::fs::write(ws.join("workspace.toml"), toml).unwrap();

    // Claims: each proposition has a hidden truth; a tenth are corrected, some relayed.
    let jsonl = tmp.join("claims.jsonl");
    let mut rng = Rng(0x5EED_0016);
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        for i in 0..n {
            // Every proposition gets a claim first, then they are drawn at random.
            let p = if i < PROPOSITIONS {
                i
            } else {
                rng.below(PROPOSITIONS)
            };
            let s = rng.below(SOURCES);
            let arabic = rng.chance(0.4);
            let right = rng.chance(if s % 10 < 7 { 0.9 } else { 0.4 });
            let day = 1 + rng.below(28);
            let mut line = serde_json::json!({
                "ref": format!("c{i}"),
                "source": format!("s{s}"),
                "about": format!("p{p}"),
                "text": text(&mut rng, arabic, i),
                "lang": if arabic { "ar" } else { "en" },
                "said_on": format!("2024-03-{day:02}"),
                "reported_on": format!("2024-03-{:02}", (day + rng.below(3)).min(28)),
            });
            if rng.chance(0.3) {
                let via: Vec<String> = (0..1 + rng.below(2))
                    .map(|_| format!("s{}", rng.below(SOURCES)))
                    .collect();
                line["via"] = serde_json::json!(via);
            }
            if p.is_multiple_of(2) {
                line["stance"] = serde_json::json!(if right { "supports" } else { "refutes" });
            } else {
                line["value"] = serde_json::json!(if right {
                    format!("{}", 1000 + p)
                } else {
                    format!("{}", rng.below(5))
                });
            }
            writeln!(w, "{line}").unwrap();
            if rng.chance(0.1) {
                let mut revised = line.clone();
                revised.as_object_mut().unwrap().remove("ref");
                revised["revises"] = serde_json::json!(format!("c{i}"));
                revised["text"] = serde_json::json!(format!(
                    "{} {}",
                    text(&mut rng, arabic, i),
                    if arabic { "مصحح" } else { "corrected" }
                ));
                revised["note"] = serde_json::json!("corrected by the outlet");
                writeln!(w, "{revised}").unwrap();
            }
        }
    }
    let claims = |args: &[&str]| {
        let mut c = Command::new(claims_bin());
        c.arg("--workspace").arg(&ws).args(args);
        c
    };
    println!(
        "report benchmark: {n} claims, {PROPOSITIONS} propositions, {SOURCES} sources ({})",
        tmp.display()
    );
    let import = measure(claims(&["import", jsonl.to_str().unwrap()]).arg("--json"));
    println!("import: {}", secs(import.elapsed));
    // Retractions and verdicts go through the binary one by one: a few dozen of each.
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(
        &measure(&mut claims(&["list", "--json"])).stdout,
    )
    .unwrap()
    .as_array()
    .unwrap()
    .iter()
    .map(|c| c["id"].as_str().unwrap().to_string())
    .collect();
    for id in ids.iter().step_by(ids.len() / 20 + 1) {
        measure(&mut claims(&[
            "retract",
            id,
            "--note",
            "withdrawn by the outlet",
        ]));
    }
    for p in (0..PROPOSITIONS.min(n)).step_by(50) {
        let key = format!("p{p}");
        let mut args = vec!["verdict", &key, "--rating", "true", "--note", "settled"];
        let value = format!("{}", 1000 + p);
        if p % 2 == 1 {
            args.extend(["--value", &value]);
        }
        measure(&mut claims(&args));
    }
    let check = measure(&mut claims(&[
        "check",
        "--plugin",
        "basic-checks",
        "--json",
    ]));
    let findings = serde_json::from_str::<serde_json::Value>(&check.stdout).unwrap()["findings"]
        .as_array()
        .map_or(0, Vec::len);
    println!(
        "check: {} ({findings} findings stored)",
        secs(check.elapsed)
    );

    let out = tmp.join("report.html");
    let mut best = f64::MAX;
    let mut rss: f64 = 0.0;
    for _ in 0..3 {
        let r = measure(&mut claims(&["report", "-o", out.to_str().unwrap()]));
        best = best.min(r.elapsed.as_secs_f64());
        rss = rss.max(r.peak_rss_mb);
    }
    let bytes = std::fs::metadata(&out).unwrap().len();
    let mb = bytes as f64 / 1e6;
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };
    println!();
    println!("| measure | figure | peak RSS | target | verdict |");
    println!("|---|---|---|---|---|");
    println!(
        "| report of {n} claims (whole process, best of 3) | {best:.2} s | {rss:.0} MB | < 5 s | {} |",
        verdict(best < 5.0)
    );
    println!(
        "| report size | {mb:.1} MB | | < 20 MB | {} |",
        verdict(mb < 20.0)
    );
    if std::env::var_os("KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
