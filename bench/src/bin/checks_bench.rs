//! Times `basic_checks::check` over 1,000,000 synthetic claims against the 10 s target.
//!
//! Run it in release mode: `cargo run --release -p claims-bench --bin checks_bench`
//! (an optional argument sets the number of claims). It times the check alone, then the whole
//! round trip the host will do: decode the request from JSON, check, encode the findings.

use std::collections::BTreeMap;
use std::time::Instant;

use basic_checks::check;
use claims_bench::Rng;
use claims_plugin::{CheckRequest, ClaimView, SourceInfo, serde_json};

/// The budget the issue sets for the whole run.
const TARGET_SECS: f64 = 10.0;

/// CPU seconds this process has used so far (Linux), which contention on a shared machine does
/// not inflate the way it inflates wall time.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Formats a CPU-time difference, when the platform gives one.
fn cpu_since(start: Option<f64>) -> String {
    match (start, cpu_secs()) {
        (Some(a), Some(b)) => format!(" (cpu {:.2} s)", b - a),
        _ => String::new(),
    }
}

/// Kinds of the synthetic sources, with how many of each (1,000 in all).
const KINDS: [(&str, usize); 7] = [
    ("outlet", 550),
    ("agency", 100),
    ("government", 80),
    ("official", 60),
    ("anonymous", 60),
    ("person", 130),
    ("company", 20),
];

/// English subjects.
const EN_SUBJECTS: [&str; 6] = [
    "The army",
    "The ministry",
    "Rebel forces",
    "The central bank",
    "Aid agencies",
    "The opposition",
];
/// English predicates.
const EN_VERBS: [&str; 6] = [
    "withdrew from",
    "shelled",
    "announced new measures in",
    "denied any presence in",
    "delivered supplies to",
    "reported casualties in",
];
/// Arabic subjects.
const AR_SUBJECTS: [&str; 5] = [
    "الجيش",
    "الوزارة",
    "قوات المعارضة",
    "البنك المركزي",
    "وكالات الإغاثة",
];
/// Arabic predicates.
const AR_VERBS: [&str; 5] = [
    "انسحب من",
    "قصف",
    "أعلن إجراءات جديدة في",
    "نفى أي وجود في",
    "أوصل مساعدات إلى",
];
/// Places, shared by both languages.
const PLACES: [&str; 8] = [
    "Aleppo", "Gaza", "Kharkiv", "Khartoum", "Mosul", "Idlib", "Rafah", "Odesa",
];
/// English weekdays for the texts that name one.
const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Arabic weekdays for the texts that name one.
const AR_DAYS: [&str; 7] = [
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
/// The quote every origin repeats, word by word.
const QUOTE_WORDS: [&str; 12] = [
    "we",
    "will",
    "not",
    "accept",
    "any",
    "ceasefire",
    "until",
    "our",
    "demands",
    "are",
    "fully",
    "met",
];
/// Rewordings outlets apply to a quote.
const QUOTE_SWAPS: [(&str, &str); 4] = [
    ("will", "shall"),
    ("any", "a"),
    ("fully", "entirely"),
    ("met", "satisfied"),
];

/// A `YYYY-MM-DD` date in 2024 from a day of the year.
fn date(day_of_year: usize) -> String {
    const MONTHS: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = day_of_year % 366;
    for (m, len) in MONTHS.iter().enumerate() {
        if d < *len {
            return format!("2024-{:02}-{:02}", m + 1, d + 1);
        }
        d -= len;
    }
    unreachable!()
}

/// The synthetic workspace: 1,000 sources, `n` claims over `n / 10` propositions.
fn generate(n: usize) -> CheckRequest {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sources = Vec::new();
    for (kind, count) in KINDS {
        for i in 0..count {
            sources.push(SourceInfo {
                key: format!("{kind}-{i}"),
                name: format!("{} {i}", kind.to_uppercase()),
                kind: kind.into(),
                country: Some(["SY", "UA", "SD", "IQ", "PS", "US"][i % 6].into()),
                state_affiliated: kind == "outlet" && i % 10 == 0,
                aliases: vec![format!("{kind}{i}")],
                depends_on: Vec::new(),
            });
        }
    }
    // One outlet in ten relays an agency; a few relay each other in loops.
    for (i, outlet) in sources.iter_mut().take(550).enumerate() {
        if i % 10 == 3 {
            outlet.depends_on.push(format!("agency-{}", i % 100));
        }
    }
    for i in 0..3 {
        sources[500 + 2 * i]
            .depends_on
            .push(format!("outlet-{}", 501 + 2 * i));
        sources[501 + 2 * i]
            .depends_on
            .push(format!("outlet-{}", 500 + 2 * i));
    }
    let keys: Vec<String> = sources.iter().map(|s| s.key.clone()).collect();
    let props = (n / 10).max(1);
    let mut claims = Vec::with_capacity(n);
    for i in 0..n {
        // Propositions are skewed: a few are much discussed, many are mentioned once or twice.
        let r = rng.index(1 << 20) as f64 / (1 << 20) as f64;
        let p = ((r * r) * props as f64) as usize;
        let origin = if rng.chance(0.3) {
            // Heavy hitters: agencies and governments speak often.
            keys[550 + rng.index(240)].clone()
        } else {
            keys[rng.index(keys.len())].clone()
        };
        let mut via = Vec::new();
        let relays = [0, 1, 1, 1, 2][rng.index(5)];
        for _ in 0..relays {
            via.push(keys[rng.index(550)].clone());
        }
        if rng.chance(0.0005) {
            via.push(origin.clone());
        }
        let said = rng.index(366);
        let said_on = date(said);
        let reported_on = if rng.chance(0.002) {
            date(said.saturating_sub(1))
        } else {
            date(said + rng.index(3))
        };
        let arabic = rng.chance(0.3);
        let quote = rng.chance(0.1);
        let text = if quote {
            // The same quote per proposition and origin family, sometimes reworded.
            let mut words: Vec<&str> = QUOTE_WORDS.to_vec();
            if rng.chance(0.2) {
                let (from, to) = QUOTE_SWAPS[rng.index(QUOTE_SWAPS.len())];
                for w in &mut words {
                    if *w == from {
                        *w = to;
                    }
                }
            }
            format!("\"{} {p}\"", words.join(" "))
        } else {
            let place = PLACES[p % PLACES.len()];
            let day = if rng.chance(0.05) {
                let wd = rng.index(7);
                if arabic {
                    format!(" يوم {}", AR_DAYS[wd])
                } else {
                    format!(" on {}", EN_DAYS[wd])
                }
            } else {
                String::new()
            };
            if arabic {
                format!(
                    "{} {} {place}{day} بحسب مصادر متعددة",
                    AR_SUBJECTS[p % AR_SUBJECTS.len()],
                    AR_VERBS[i % AR_VERBS.len()]
                )
            } else {
                format!(
                    "{} {} {place}{day}, according to several accounts.",
                    EN_SUBJECTS[p % EN_SUBJECTS.len()],
                    EN_VERBS[i % EN_VERBS.len()]
                )
            }
        };
        let stance = [
            "supports", "supports", "supports", "supports", "refutes", "neutral",
        ][rng.index(6)];
        let value = rng.chance(0.1).then(|| format!("{}", rng.index(500)));
        claims.push(ClaimView {
            id: format!("{:016x}", rng.bits()),
            version: format!(
                "{:016x}{:016x}{:016x}{:016x}",
                rng.bits(),
                rng.bits(),
                rng.bits(),
                rng.bits()
            ),
            origin,
            via,
            text,
            about: Some(format!("prop-{p}")),
            stance: Some(stance.into()),
            value,
            quote,
            said_on: Some(said_on),
            reported_on: Some(reported_on),
            url: Some(format!("https://example.org/{i}")),
            lang: Some(if arabic { "ar" } else { "en" }.into()),
        });
    }
    CheckRequest { claims, sources }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let req = generate(n);
    println!(
        "generated {} claims, {} sources in {:.2} s",
        req.claims.len(),
        req.sources.len(),
        t.elapsed().as_secs_f64()
    );

    let (t, cpu) = (Instant::now(), cpu_secs());
    let findings = check(&req);
    let check_secs = t.elapsed().as_secs_f64();
    let check_cpu = cpu_since(cpu);
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &findings {
        *by_rule.entry(f.rule.as_str()).or_default() += 1;
    }
    println!(
        "check alone: {check_secs:.2} s{check_cpu} for {} findings {by_rule:?}",
        findings.len()
    );

    if std::env::var_os("BENCH_SAMPLES").is_some() {
        for rule in basic_checks::RULES {
            if let Some(f) = findings.iter().find(|f| f.rule == rule) {
                println!(
                    "  e.g. [{rule}] {} {:?}",
                    f.message,
                    &f.claims[..f.claims.len().min(3)]
                );
            }
        }
    }

    let json = serde_json::to_string(&req).expect("encode request");
    drop(req);
    let (t, cpu) = (Instant::now(), cpu_secs());
    let decoded: CheckRequest = serde_json::from_str(&json).expect("decode request");
    let decode_secs = t.elapsed().as_secs_f64();
    let findings = check(&decoded);
    let out = serde_json::to_string(&findings).expect("encode findings");
    let total_secs = t.elapsed().as_secs_f64();
    let total_cpu = cpu_since(cpu);
    println!(
        "decode {:.0} MB of JSON + check + encode {:.0} MB of findings: {total_secs:.2} s{total_cpu}, of which decode {decode_secs:.2} s; target {TARGET_SECS:.0} s: {}",
        json.len() as f64 / 1e6,
        out.len() as f64 / 1e6,
        if total_secs < TARGET_SECS {
            "within"
        } else {
            "OVER"
        }
    );
}
