//! Issue 15's import target: 100,000 ClaimReview objects (a DataFeed, as fact-checkers publish
//! them; each review a claim and a verdict) imported in at most twice the time `claims import`
//! takes for the same claims as JSONL.
//!
//! Run: `cargo build --release && cargo run --release -p claims-bench --bin claimreview_bench [N]`

use claims_bench::{arabic_text, claims_bin, make_workspace, measure, secs};
use claims_core::interchange::proposition_key;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::Command;

const SOURCES: usize = 200;
const CHECKERS: usize = 10;
const LABELS: [&str; 6] = [
    "زائف",
    "مضلّل",
    "صحيح",
    "صحيح جزئياً",
    "Mostly False",
    "Missing context",
];

/// The fact-checkers (kind fact-checker) and a document limit that admits the feed.
fn declare_checkers(ws: &Path) {
    let mut toml = std::fs::read_to_string(ws.join("workspace.toml")).unwrap();
    for k in 0..CHECKERS {
        toml.push_str(&format!(
            "[sources.fc{k}]\nname = \"Checker {k}\"\nkind = \"fact-checker\"\n\n"
        ));
    }
    toml.push_str("[limits]\nmax_document_bytes = \"1 GiB\"\n");
    std::fs::write(ws.join("workspace.toml"), toml).unwrap();
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(100_000, |s| s.parse().expect("N"));
    let tmp = std::env::temp_dir().join(format!("claims-cr-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    println!(
        "ClaimReview import benchmark: {n} reviews of ~200 bytes of Arabic, in {}",
        tmp.display()
    );

    let jsonl = tmp.join("claims.jsonl");
    let feed = tmp.join("feed.json");
    {
        let mut j = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        let mut f = std::io::BufWriter::new(std::fs::File::create(&feed).unwrap());
        write!(
            f,
            "{{\"@context\":\"https://schema.org\",\"@type\":\"DataFeed\",\"dataFeedElement\":["
        )
        .unwrap();
        for i in 0..n {
            let text = arabic_text(i, 200);
            let source = format!("s{}", i % SOURCES as u64);
            let url = format!("https://social.example/p/{i}");
            // The same claim both ways: origin, text, proposition, stance, date, url, language.
            let line = json!({
                "source": source, "text": text, "about": proposition_key(&text),
                "stance": "supports", "said_on": "2023-09-04", "url": url, "lang": "ar",
            });
            writeln!(j, "{line}").unwrap();
            let k = i % CHECKERS as u64;
            let review = json!({
                "@type": "DataFeedItem",
                "item": [{
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "url": format!("https://fc{k}.example/reviews/{i}"),
                    "claimReviewed": text,
                    "author": {"@type": "Organization", "name": format!("Checker {k}")},
                    "datePublished": "2024-03-01T10:00:00+01:00",
                    "inLanguage": "ar",
                    "reviewRating": {"@type": "Rating", "alternateName": LABELS[(i % LABELS.len() as u64) as usize]},
                    "itemReviewed": {
                        "@type": "Claim",
                        "author": {"@type": "Organization", "name": format!("Source {}", i % SOURCES as u64)},
                        "datePublished": "2023-09-04",
                        "appearance": [{"@type": "CreativeWork", "url": url}],
                    },
                }],
            });
            if i > 0 {
                f.write_all(b",\n").unwrap();
            }
            serde_json::to_writer(&mut f, &review).unwrap();
        }
        f.write_all(b"]}\n").unwrap();
    }
    let mb = |p: &Path| std::fs::metadata(p).unwrap().len() as f64 / 1e6;
    println!(
        "input: {:.1} MB of JSONL, {:.1} MB of ClaimReview",
        mb(&jsonl),
        mb(&feed)
    );

    let import = |file: &Path, name: &str, format: &str| {
        let ws = tmp.join(name);
        make_workspace(&ws, SOURCES);
        declare_checkers(&ws);
        let run = measure(
            Command::new(claims_bin())
                .arg("--workspace")
                .arg(&ws)
                .arg("import")
                .arg("--format")
                .arg(format)
                .arg(file),
        );
        print!("{}", run.stdout);
        run
    };
    let base = import(&jsonl, "ws-jsonl", "jsonl");
    let cr = import(&feed, "ws-claimreview", "claimreview");
    let ratio = cr.elapsed.as_secs_f64() / base.elapsed.as_secs_f64();
    println!();
    println!("| measure | figure | floor / target | verdict |");
    println!("|---|---|---|---|");
    println!(
        "| import {n} claims as JSONL | {} ({:.0} claims/s), peak RSS {:.0} MB | baseline | |",
        secs(base.elapsed),
        n as f64 / base.elapsed.as_secs_f64(),
        base.peak_rss_mb
    );
    println!(
        "| import the same {n} claims as ClaimReview (a claim, a proposition and a verdict each) | {} ({:.0} reviews/s), peak RSS {:.0} MB | target <= 2x JSONL | {ratio:.2}x {} |",
        secs(cr.elapsed),
        n as f64 / cr.elapsed.as_secs_f64(),
        cr.peak_rss_mb,
        if ratio <= 2.0 { "ok" } else { "MISSED" }
    );
    if std::env::var_os("KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
