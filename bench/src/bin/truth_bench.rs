//! Accuracy and speed of the truth-discovery methods, straight from files
//! (no workspace needed), to validate `claims_core::scoring::truth`.
//!
//! ```text
//! truth_bench CLAIMS.jsonl [--gold GOLD.jsonl] [--method NAME] [--threads N] [--max-iter N] [--epsilon E] [--tf-conflict C] [--repeat N] [--json]
//! truth_bench --synthetic SOURCES OBJECTS COVERAGE [--domain 4] [--seed 1] [--method NAME]
//! ```
//! CLAIMS.jsonl lines: `{"source", "about", "value"}`; GOLD.jsonl lines:
//! `{"about", "value"}` (see bench/truth/prepare_book.py). Accuracy is the share of gold
//! objects whose best value equals the gold value (ties: lexicographically smallest value).
//! With `--json`, prints one JSON object per method: the `claims trust --json` report, made by
//! the same code (`claims_core::trust`), so this measures the path users run.
//! The method `truthfinder-imp` is TruthFinder with implication
//! `jaccard(name sets) - 0.5` between `;`-separated values.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use claims_core::scoring::truth::{Implications, Method, Params, TruthResult};
use claims_core::trust::{TruthData, TruthInput};

/// Loaded benchmark input. Its labels (a million small strings) live as long as the dataset,
/// through the timed runs: freed before them, they made the first run's first allocation sort
/// them out of glibc's free lists (perf: 18 ms in `_int_malloc`), a cost of this loader and
/// not of the engine, which a fresh `claims` process does not pay at that scale.
struct Input {
    data: TruthData,
    /// Gold value id per object id, when known.
    gold: HashMap<u32, u32>,
    gold_count: usize,
}

fn usage() -> ! {
    eprintln!(
        "usage: truth_bench CLAIMS.jsonl [--gold GOLD.jsonl] [--method NAME] [--threads N] [--max-iter N] [--epsilon E] [--tf-conflict C] [--repeat N] [--json]\n       truth_bench --synthetic SOURCES OBJECTS COVERAGE [--domain D] [--seed S] [--method NAME]"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut claims_path = None;
    let mut gold_path = None;
    let mut method = String::from("all");
    let mut threads = 0usize;
    let mut json = false;
    let mut repeat = 1usize;
    let mut max_iter: Option<u32> = None;
    let mut epsilon = Params::default().epsilon;
    let mut tf_conflict = Params::default().truthfinder_conflict;
    let mut synthetic: Option<(u32, u32, f64)> = None;
    let mut domain = 4u32;
    let mut seed = 1u64;
    let mut i = 0;
    while i < args.len() {
        let next = |i: &mut usize| -> String {
            *i += 1;
            args.get(*i).cloned().unwrap_or_else(|| usage())
        };
        match args[i].as_str() {
            "--gold" => gold_path = Some(next(&mut i)),
            "--method" => method = next(&mut i),
            "--threads" => threads = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--json" => json = true,
            "--tf-conflict" => tf_conflict = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--epsilon" => epsilon = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--max-iter" => max_iter = Some(next(&mut i).parse().unwrap_or_else(|_| usage())),
            "--repeat" => repeat = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--domain" => domain = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--seed" => seed = next(&mut i).parse().unwrap_or_else(|_| usage()),
            "--synthetic" => {
                let s = next(&mut i).parse().unwrap_or_else(|_| usage());
                let o = next(&mut i).parse().unwrap_or_else(|_| usage());
                let c = next(&mut i).parse().unwrap_or_else(|_| usage());
                synthetic = Some((s, o, c));
            }
            a if !a.starts_with("--") && claims_path.is_none() => claims_path = Some(a.to_string()),
            _ => usage(),
        }
        i += 1;
    }
    let t0 = Instant::now();
    let input = match (synthetic, claims_path) {
        (Some((s, o, c)), _) => synthesise(s, o, c, domain, seed),
        (None, Some(p)) => load(&p, gold_path.as_deref()),
        _ => usage(),
    };
    let ds = input.data.dataset();
    if !json {
        eprintln!(
            "loaded {} sources, {} objects, {} values, {} claims, {} gold in {:.2} s",
            ds.source_count(),
            ds.object_count(),
            ds.value_count(),
            ds.claim_count(),
            input.gold_count,
            t0.elapsed().as_secs_f64()
        );
        println!(
            "{:<18} {:>9} {:>9} {:>6}",
            "method", "accuracy", "seconds", "iters"
        );
    }
    let mut names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
    names.insert(6, "truthfinder-imp");
    if method != "all" {
        names.retain(|n| *n == method);
        if names.is_empty() {
            usage();
        }
    }
    for name in names {
        let (m, imp) = if name == "truthfinder-imp" {
            let t = Instant::now();
            let imp = Implications::build(ds, |o, a, b| {
                jaccard(input.data.value(o, a), input.data.value(o, b)) - 0.5
            });
            if !json {
                eprintln!(
                    "  (implications built in {:.3} s)",
                    t.elapsed().as_secs_f64()
                );
            }
            (Method::TruthFinder, Some(imp))
        } else {
            (name.parse::<Method>().expect("known method"), None)
        };
        let params = Params {
            threads,
            max_iterations: max_iter,
            epsilon,
            truthfinder_conflict: tf_conflict,
            implications: imp.as_ref(),
            ..Params::default()
        };
        // Best of `repeat` runs: on a shared machine the minimum is the least disturbed.
        let (mut secs, mut cpu, mut result) = (f64::INFINITY, f64::INFINITY, None);
        for _ in 0..repeat.max(1) {
            let c = cpu_seconds();
            let (r, t) = input.data.run(m, &params).expect("run");
            secs = secs.min(t);
            cpu = cpu.min(cpu_seconds() - c);
            result = Some(r);
        }
        let r = result.expect("ran");
        let acc = accuracy(&input, &r);
        if json {
            let report = input.data.report(&r, secs);
            println!(
                "{}",
                serde_json::to_string(&report).expect("report is JSON")
            );
        } else {
            let acc = acc.map_or("-".to_string(), |a| format!("{a:.3}"));
            println!(
                "{name:<18} {acc:>9} {secs:>9.4} {cpu:>9.4} {:>6}",
                r.iterations
            );
        }
    }
}

/// CPU time of this process (all threads) in seconds, from /proc (0 where unavailable);
/// on a shared machine it shows the work done, where wall time also shows waiting.
fn cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        / 1e9
}

/// Share of gold objects whose best value is the gold one (ties: the lexicographically
/// smallest value).
fn accuracy(input: &Input, r: &TruthResult) -> Option<f64> {
    if input.gold_count == 0 {
        return None;
    }
    let ds = input.data.dataset();
    let hit = input
        .gold
        .iter()
        .filter(|&(&o, &g)| {
            let mut best: Option<(f64, &str, u32)> = None;
            for (v, c) in r.ranked(ds, o) {
                let value = input.data.value(o, v);
                if best.is_none_or(|(bc, bv, _)| c > bc || (c == bc && value < bv)) {
                    best = Some((c, value, v));
                }
            }
            best.is_some_and(|(_, _, v)| v == g)
        })
        .count();
    Some(hit as f64 / input.gold_count as f64)
}

/// Jaccard similarity of two `;`-separated name sets.
fn jaccard(a: &str, b: &str) -> f64 {
    let a: BTreeSet<&str> = a.split(';').collect();
    let b: BTreeSet<&str> = b.split(';').collect();
    let inter = a.intersection(&b).count() as f64;
    let union = a.union(&b).count() as f64;
    if union == 0.0 { 0.0 } else { inter / union }
}

/// Reads the JSONL claims (and gold) files through the path `claims trust` takes: values are
/// grouped by `value_key` and shown as first written.
fn load(path: &str, gold: Option<&str>) -> Input {
    let text = std::fs::read_to_string(path).expect("read claims");
    let mut input = TruthInput::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("claims line is JSON");
        input.add_value_claim(
            v["source"].as_str().expect("source"),
            v["about"].as_str().expect("about"),
            v["value"].as_str().expect("value"),
        );
    }
    let data = input.build().expect("dataset");
    let ids = proposition_ids(&data);
    let mut gold_ids = HashMap::new();
    let mut gold_count = 0;
    if let Some(g) = gold {
        for line in std::fs::read_to_string(g).expect("read gold").lines() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
            gold_count += 1;
            let Some(&o) = ids.get(v["about"].as_str().expect("about")) else {
                continue;
            };
            if let Some(id) = data.value_id(o, v["value"].as_str().expect("value")) {
                gold_ids.insert(o, id);
            }
        }
    }
    Input {
        data,
        gold: gold_ids,
        gold_count,
    }
}

/// Proposition ids by key.
fn proposition_ids(data: &TruthData) -> HashMap<&str, u32> {
    (0u32..)
        .zip(data.propositions())
        .map(|(o, about)| (about.as_str(), o))
        .collect()
}

/// Data shaped like the peer library's `SyntheticData`: each source has a trust drawn
/// uniformly from [0, 1], claims each object with probability `coverage`, and then gives
/// the true value with probability `trust`, else a uniformly drawn wrong value.
fn synthesise(n_sources: u32, n_objects: u32, coverage: f64, domain: u32, seed: u64) -> Input {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let trust: Vec<f64> = (0..n_sources).map(|_| rnd()).collect();
    let truth: Vec<u32> = (0..n_objects)
        .map(|_| (rnd() * f64::from(domain)) as u32)
        .collect();
    let mut input = TruthInput::new();
    let sources: Vec<String> = (0..n_sources).map(|s| format!("s{s}")).collect();
    let values: Vec<String> = (0..domain).map(|v| v.to_string()).collect();
    for (o, &t) in truth.iter().enumerate() {
        let about = format!("o{o}");
        for (s, &tr) in trust.iter().enumerate() {
            if rnd() >= coverage {
                continue;
            }
            let v = if rnd() < tr {
                t
            } else {
                let w = (rnd() * f64::from(domain - 1)) as u32;
                if w >= t { w + 1 } else { w }
            };
            input.add_value_claim(&sources[s], &about, &values[v as usize]);
        }
    }
    let data = input.build().expect("dataset");
    let ids = proposition_ids(&data);
    let gold = truth
        .iter()
        .enumerate()
        .filter_map(|(o, &t)| {
            let o = *ids.get(format!("o{o}").as_str())?;
            Some((o, data.value_id(o, &values[t as usize])?))
        })
        .collect();
    Input {
        data,
        gold,
        gold_count: n_objects as usize,
    }
}
