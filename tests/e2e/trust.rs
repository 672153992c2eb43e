//! `claims trust`: the JSON shape, every method on a small data set where the reliable sources
//! are known, `trust_prior`, `--eval` against verdicts, and `import --create-sources`.

use crate::support::*;
use serde_json::{Value, json};

const METHODS: [&str; 7] = [
    "majority",
    "sums",
    "average-log",
    "investment",
    "pooled-investment",
    "truthfinder",
    "crh",
];

/// r1, r2, r3 are reliable, u is not (S supports = value "true", R refutes = "false"):
///
/// | prop  | r1                | r2 | r3         | u          |
/// |-------|-------------------|----|------------|------------|
/// | s1-s4 | S                 | S  | S          | R          |
/// | c     | R                 | R  |            | S          |
/// | date  | 12 September 2023 |    | 2023-09-12 | 2023-09-13 |
/// | t     | R                 |    |            | S          |
///
/// `c` is contested (the reliable sources say false), `date` is a value proposition whose
/// reliable spellings normalise to one value, `t` is a tie only trust can break.
fn specs(priors: Option<[f64; 4]>) -> Ws {
    let p = |i: usize| priors.map(|p| p[i]);
    let ws = Ws::with_specs(&[
        ("r1", &[], p(0)),
        ("r2", &[], p(1)),
        ("r3", &[], p(2)),
        ("u", &[], p(3)),
    ]);
    for s in ["s1", "s2", "s3", "s4"] {
        for r in ["r1", "r2", "r3"] {
            ws.say(r, s, "supports", &[]);
        }
        ws.say("u", s, "refutes", &[]);
    }
    ws.say("r1", "c", "refutes", &[]);
    ws.say("r2", "c", "refutes", &[]);
    ws.say("u", "c", "supports", &[]);
    ws.give("r1", "date", "12 September 2023", &[]);
    ws.give("r3", "date", "2023-09-12", &[]);
    ws.give("u", "date", "2023-09-13", &[]);
    ws.say("r1", "t", "refutes", &[]);
    ws.say("u", "t", "supports", &[]);
    ws
}

fn data() -> Ws {
    specs(None)
}

/// `claims trust --method M --json`, with its shape checked.
fn trust(ws: &Ws, method: &str) -> Value {
    let r = ws.json(&["trust", "--method", method, "--json"]);
    check_shape(&r, method);
    r
}

/// `{"method","seconds","iterations","sources":[{"source","trust"}],
///   "propositions":[{"about","values":[{"value","confidence"}]}]}`, values best first.
fn check_shape(r: &Value, method: &str) {
    assert_eq!(r["method"], method, "{r}");
    assert!(num(&r["seconds"]) >= 0.0, "{r}");
    assert!(r["iterations"].as_u64().is_some_and(|n| n >= 1), "{r}");
    for s in r["sources"].as_array().expect("sources") {
        assert!(s["source"].is_string(), "{s}");
        let t = num(&s["trust"]);
        assert!(
            (0.0..=1.0).contains(&t),
            "{method}: trust {t} outside [0, 1]"
        );
    }
    let props = r["propositions"].as_array().expect("propositions");
    let keys: Vec<&str> = props.iter().map(|p| p["about"].as_str().unwrap()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "propositions in key order");
    for p in props {
        let values = p["values"].as_array().expect("values");
        assert!(!values.is_empty(), "{p}");
        let conf: Vec<f64> = values.iter().map(|v| num(&v["confidence"])).collect();
        assert!(values.iter().all(|v| v["value"].is_string()), "{p}");
        assert!(
            conf.windows(2).all(|w| w[0] >= w[1]),
            "{method}: values not best first: {p}"
        );
        assert!(
            conf.iter().all(|c| (0.0..=1.0).contains(c)),
            "{method}: {p}"
        );
    }
}

fn trust_of(r: &Value, source: &str) -> f64 {
    r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == source)
        .map(|s| num(&s["trust"]))
        .unwrap_or_else(|| panic!("no {source} in {r}"))
}

/// The values of a proposition, best first, as (value, confidence).
fn values_of(r: &Value, about: &str) -> Vec<(String, f64)> {
    r["propositions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["about"] == about)
        .unwrap_or_else(|| panic!("no {about} in {r}"))["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                num(&v["confidence"]),
            )
        })
        .collect()
}

fn best(r: &Value, about: &str) -> String {
    values_of(r, about)[0].0.clone()
}

/// What every method must get right on [`data`].
fn reliable_sources_win(method: &str) {
    let ws = data();
    let r = trust(&ws, method);
    let sources: Vec<&str> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 4, "{r}");
    assert_eq!(
        sources.last(),
        Some(&"u"),
        "{method}: u is least trusted: {r}"
    );
    let u = trust_of(&r, "u");
    for good in ["r1", "r2", "r3"] {
        assert!(
            trust_of(&r, good) > u,
            "{method}: {good} should outrank u: {r}"
        );
    }
    // Sources most trusted first.
    let t: Vec<f64> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| num(&s["trust"]))
        .collect();
    assert!(t.windows(2).all(|w| w[0] >= w[1]), "{method}: {r}");
    let keys: Vec<&str> = r["propositions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["about"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["c", "date", "s1", "s2", "s3", "s4", "t"]);
    for s in ["s1", "s2", "s3", "s4"] {
        let v = values_of(&r, s);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0, "true", "{method}: {s}: {r}");
    }
    // The contested proposition: the reliable sources' value wins.
    assert_eq!(best(&r, "c"), "false", "{method}: {r}");
    // The date: both reliable spellings are one value, shown as first written.
    let d = values_of(&r, "date");
    assert_eq!(d.len(), 2, "{method}: {r}");
    assert_eq!(d[0].0, "12 September 2023", "{method}: {r}");
    assert_eq!(d[1].0, "2023-09-13");
}

#[test]
fn majority_reliable_sources_win() {
    reliable_sources_win("majority");
}
#[test]
fn sums_reliable_sources_win() {
    reliable_sources_win("sums");
}
#[test]
fn average_log_reliable_sources_win() {
    reliable_sources_win("average-log");
}
#[test]
fn investment_reliable_sources_win() {
    reliable_sources_win("investment");
}
#[test]
fn pooled_investment_reliable_sources_win() {
    reliable_sources_win("pooled-investment");
}
#[test]
fn truthfinder_reliable_sources_win() {
    reliable_sources_win("truthfinder");
}
#[test]
fn crh_reliable_sources_win() {
    reliable_sources_win("crh");
}

#[test]
fn iterative_methods_break_a_tie_by_trust() {
    // On `t` only r1 (trusted) and u (distrusted) speak, one each way: vote counting cannot tell,
    // trust can. r1 says false.
    let ws = data();
    for m in METHODS.iter().filter(|m| **m != "majority") {
        let r = trust(&ws, m);
        assert_eq!(best(&r, "t"), "false", "{m}: {r}");
    }
}

#[test]
fn majority_by_hand() {
    let ws = data();
    let r = trust(&ws, "majority");
    assert_eq!(r["iterations"], 1);
    // Winners: s1-s4 true (3 to 1), c false (2 to 1), date 2023-09-12 (2 to 1), t true (a 1-1
    // tie goes to the first value, true). Trust = share of a source's claims on winners:
    // r1 6/7 (loses t), r2 5/5, r3 5/5, u 1/7 (wins t only).
    let sources: Vec<(String, f64)> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["source"].as_str().unwrap().to_string(), num(&s["trust"])))
        .collect();
    let names: Vec<&str> = sources.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["r2", "r3", "r1", "u"], "by trust, then name");
    assert_close(trust_of(&r, "r1"), 6.0 / 7.0);
    assert_close(trust_of(&r, "r2"), 1.0);
    assert_close(trust_of(&r, "r3"), 1.0);
    assert_close(trust_of(&r, "u"), 1.0 / 7.0);
    // Confidence = vote share.
    let s1 = values_of(&r, "s1");
    assert_eq!(s1[0].0, "true");
    assert_close(s1[0].1, 0.75);
    assert_eq!(s1[1].0, "false");
    assert_close(s1[1].1, 0.25);
    let c = values_of(&r, "c");
    assert_close(c[0].1, 2.0 / 3.0);
    assert_close(c[1].1, 1.0 / 3.0);
    let d = values_of(&r, "date");
    assert_close(d[0].1, 2.0 / 3.0);
    let t = values_of(&r, "t");
    assert_eq!(t[0].0, "true");
    assert_close(t[0].1, 0.5);
    assert_close(t[1].1, 0.5);
    // The text report.
    let text = ws.ok(&["trust", "--method", "majority"]);
    assert!(
        text.starts_with("majority: 4 sources, 7 propositions, 1 iteration (converged), "),
        "{text}"
    );
}

#[test]
fn weighted_compare_of_a_value_proposition_uses_trust() {
    let ws = data();
    // Majority trust (majority_by_hand): r1 6/7, r3 1, u 1/7. On `date`, 12 September 2023
    // (r1 and r3) weighs 6/7 + 1 = 13/7 and 2023-09-13 (u) 1/7; total 2.
    // Shares 13/14 and 1/14; scores weight / (total + 1): 13/21 and 1/21.
    let c = ws.compare("date", &["--weighted", "--method", "majority"]);
    assert_eq!(c["weighted_by"], "majority");
    let values = c["values"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{c}");
    assert_eq!(values[0]["value"], "12 September 2023");
    assert_eq!(values[0]["voices"], 2);
    assert_close(num(&values[0]["weight"]), 13.0 / 7.0);
    assert_close(num(&values[0]["share"]), 13.0 / 14.0);
    assert_close(num(&values[0]["score"]), 13.0 / 21.0);
    assert_eq!(values[1]["value"], "2023-09-13");
    assert_close(num(&values[1]["share"]), 1.0 / 14.0);
    assert_close(num(&values[1]["score"]), 1.0 / 21.0);
    // Unweighted: 2/3 and 1/3, scores 2/4 and 1/4.
    let c = ws.compare("date", &[]);
    assert_close(num(&c["values"][0]["share"]), 2.0 / 3.0);
    assert_close(num(&c["values"][0]["score"]), 0.5);
    // Weighted statement: t is r1 (6/7) refuting against u (1/7) supporting:
    // (1/7 - 6/7) / (1/7 + 6/7 + 1) = -5/14.
    let c = ws.compare("t", &["--weighted", "--method", "majority"]);
    assert_close(num(&c["score"]), -5.0 / 14.0);
}

#[test]
fn trust_counts_a_sources_latest_position_only() {
    let ws = Ws::with_keys(&["a", "b", "c"]);
    // a supported on 1 September and refuted on 10 September; b refutes; c supports.
    ws.say("a", "p", "supports", &["--said-on", "2023-09-01"]);
    ws.say("a", "p", "refutes", &["--said-on", "2023-09-10"]);
    ws.say("b", "p", "refutes", &[]);
    ws.say("c", "p", "supports", &[]);
    // compare: a refutes, b refutes, c supports: (1 - 2) / (3 + 1) = -0.25.
    assert_close(ws.score("p"), -0.25);
    // Majority should agree: false 2 to 1, confidence 2/3 (not a 2-2 tie).
    let r = trust(&ws, "majority");
    let p = values_of(&r, "p");
    assert_eq!(p[0].0, "false", "{r}");
    assert_close(p[0].1, 2.0 / 3.0);
}

#[test]
fn trust_prior_lets_a_trusted_minority_win_a_majority_vote() {
    // Priors: r1, r2, r3 0.2 each, u 0.9.
    let ws = specs(Some([0.2, 0.2, 0.2, 0.9]));
    assert!(ws.toml().contains("trust_prior = 0.9"));
    let r = trust(&ws, "majority");
    // s1: true 0.2 * 3 = 0.6 against false 0.9: false wins with 0.9 / 1.5 = 0.6.
    let s1 = values_of(&r, "s1");
    assert_eq!(s1[0].0, "false");
    assert_close(s1[0].1, 0.6);
    assert_close(s1[1].1, 0.4);
    // c: false 0.4 against true 0.9: true wins with 0.9 / 1.3.
    let c = values_of(&r, "c");
    assert_eq!(c[0].0, "true");
    assert_close(c[0].1, 0.9 / 1.3);
    // date: 0.4 against 0.9 → 2023-09-13.
    assert_eq!(best(&r, "date"), "2023-09-13");
    // u now wins all 7 of its propositions, the others none.
    assert_close(trust_of(&r, "u"), 1.0);
    for s in ["r1", "r2", "r3"] {
        assert_close(trust_of(&r, s), 0.0);
    }
    // Without priors the same data goes the other way (see majority_by_hand).
    assert_eq!(best(&trust(&data(), "majority"), "s1"), "true");
    // Methods that start from the prior give different results with and without it.
    for m in ["sums", "investment", "truthfinder"] {
        let with = trust(&ws, m);
        let without = trust(&data(), m);
        assert_ne!(with["sources"], without["sources"], "{m}: priors ignored");
    }
}

#[test]
fn a_source_without_a_prior_counts_as_fully_trusted_in_a_majority_vote() {
    // Only u has a prior (0.9); r1, r2, r3 weigh 1 each.
    let ws = Ws::with_specs(&[("r1", &[], None), ("r2", &[], None), ("u", &[], Some(0.9))]);
    ws.say("r1", "p", "supports", &[]);
    ws.say("u", "p", "refutes", &[]);
    // true 1 against false 0.9: true wins with 1 / 1.9.
    let r = trust(&ws, "majority");
    let p = values_of(&r, "p");
    assert_eq!(p[0].0, "true");
    assert_close(p[0].1, 1.0 / 1.9);
}

#[test]
fn a_bad_trust_prior_is_refused() {
    let ws = Ws::empty();
    ws.write_toml("[sources.a]\nname = \"A\"\nkind = \"outlet\"\ntrust_prior = 1.5\n");
    let err = ws.err(&["trust", "--json"]);
    assert!(
        err.contains("trust_prior 1.5 of source `a` is outside [0, 1]"),
        "{err}"
    );
}

#[test]
fn neutral_only_sources_are_not_judged() {
    let ws = Ws::with_keys(&["a", "b", "n"]);
    ws.say("a", "p", "supports", &[]);
    ws.say("b", "p", "supports", &[]);
    ws.say("n", "p", "neutral", &[]);
    for m in METHODS {
        let r = trust(&ws, m);
        let names: Vec<&str> = r["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["source"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["a", "b"], "{m}: {r}");
        assert_eq!(values_of(&r, "p").len(), 1, "{m}: only true was claimed");
    }
}

#[test]
fn trust_on_an_empty_workspace() {
    let ws = Ws::empty();
    for m in METHODS {
        let r = trust(&ws, m);
        assert_eq!(r["sources"], json!([]));
        assert_eq!(r["propositions"], json!([]));
    }
}

#[test]
fn an_unknown_method_is_one_error_line() {
    let ws = data();
    let err = ws.err(&["trust", "--method", "oracle"]);
    assert!(err.contains("oracle"), "{err}");
    let err = ws.err(&["trust", "--method", "Majority", "--json"]);
    assert!(err.contains("Majority"), "{err}");
}

#[test]
fn investment_rewards_agreement_when_claim_counts_are_equal() {
    // a, b and u each address p1-p4; every proposition has three claims.
    // | prop | a | b | u |
    // | p1-3 | S | S | R |
    // | p4   | S | R | S |
    // a agrees with the majority 4 times, b 3 times, u once.
    let ws = weighted_ws();
    let r = trust(&ws, "investment");
    // Sums, the method Investment refines, ranks them a > b > u here.
    let sums = trust(&ws, "sums");
    assert!(trust_of(&sums, "a") > trust_of(&sums, "u"));
    assert!(
        trust_of(&r, "a") > trust_of(&r, "u"),
        "investment trusts u as much as a: {r}"
    );
    assert!(trust_of(&r, "b") > trust_of(&r, "u"), "{r}");
}

#[test]
fn eval_scores_every_method_against_the_latest_verdicts() {
    let ws = data();
    // Nothing ruled yet: nothing judged.
    let e = as_array(ws.json(&["trust", "--eval", "--json"]));
    let names: Vec<&str> = e.iter().map(|m| m["method"].as_str().unwrap()).collect();
    assert_eq!(names, METHODS);
    for m in &e {
        assert_eq!(m["judged"], 0);
        assert_eq!(m["correct"], 0);
        assert_eq!(m["accuracy"], Value::Null);
    }
    assert!(
        ws.ok(&["trust", "--eval"])
            .starts_with("No verdict settles a proposition yet")
    );
    // Verdicts: s1 first false, then true (the latest counts); c false; t false; date true at
    // 2023-09-12 (spelt differently from every claim); s2 misleading and s3 unproven settle
    // nothing.
    for (key, rating, value) in [
        ("s1", "false", None),
        ("s1", "true", None),
        ("c", "false", None),
        ("t", "false", None),
        ("date", "true", Some("١٢/٠٩/٢٠٢٣")),
        ("s2", "misleading", None),
        ("s3", "unproven", None),
    ] {
        let mut args = vec!["verdict", key, "--rating", rating, "--note", "ruled"];
        if let Some(v) = value {
            args.extend(["--value", v]);
        }
        ws.ok(&args);
    }
    // Majority: s1 true ✓, c false ✓, date ✓, t (tie → true) ✗: 4 judged, 3 correct.
    let e = as_array(ws.json(&["trust", "--eval", "--json"]));
    assert_json_shape!("trust_eval_json", &e);
    for m in &e {
        assert_eq!(m["judged"], 4, "{m}");
        let (j, c) = (
            m["judged"].as_u64().unwrap(),
            m["correct"].as_u64().unwrap(),
        );
        assert_close(num(&m["accuracy"]), c as f64 / j as f64);
    }
    let majority = &e[0];
    assert_eq!(majority["method"], "majority");
    assert_eq!(majority["correct"], 3);
    assert_close(num(&majority["accuracy"]), 0.75);
    // The iterative methods break the tie on t by trust (see iterative_methods_break_a_tie_by_trust).
    for m in &e[1..] {
        assert_eq!(m["correct"], 4, "{m}");
    }
    let text = ws.ok(&["trust", "--eval"]);
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["majority", "4", "3", "75.0%"]),
        "{text}"
    );
    // A true value no source gave: every method is wrong on it. Majority 2 of 4.
    ws.ok(&[
        "verdict",
        "date",
        "--rating",
        "true",
        "--value",
        "1 January 2000",
        "--note",
        "archive",
    ]);
    let e = as_array(ws.json(&["trust", "--eval", "--json"]));
    assert_eq!(e[0]["judged"], 4);
    assert_eq!(e[0]["correct"], 2);
    assert_close(num(&e[0]["accuracy"]), 0.5);
    // mostly-false settles s1 as false (majority said true: now wrong), mostly-true settles s3;
    // satire on s1 then settles nothing (docs/ratings.md).
    let judged = |ws: &Ws| {
        let e = as_array(ws.json(&["trust", "--eval", "--json"]));
        (e[0]["judged"].as_u64(), e[0]["correct"].as_u64())
    };
    ws.ok(&[
        "verdict",
        "s1",
        "--rating",
        "mostly-false",
        "--note",
        "ruled",
    ]);
    assert_eq!(judged(&ws), (Some(4), Some(1)));
    ws.ok(&[
        "verdict",
        "s3",
        "--rating",
        "mostly-true",
        "--note",
        "ruled",
    ]);
    assert_eq!(judged(&ws).0, Some(5));
    ws.ok(&["verdict", "s1", "--rating", "satire", "--note", "ruled"]);
    assert_eq!(judged(&ws).0, Some(4));
}

#[test]
fn import_create_sources_declares_fifty_sources_and_trust_runs_over_them() {
    let ws = Ws::empty();
    // Source N (1..=50) speaks on proposition qK, K = N mod 5: sources 10, 20, ..., 50 refute,
    // the rest support. Every qK has 10 sources; the refuters all fall on q0.
    let mut lines = String::new();
    for n in 1..=50 {
        let stance = if n % 10 == 0 { "refutes" } else { "supports" };
        lines.push_str(&format!(
            "{{\"source\":\"Source {n}\",\"about\":\"q{}\",\"stance\":\"{stance}\",\"text\":\"Statement {n}\"}}\n",
            n % 5
        ));
    }
    ws.file("many.jsonl", &lines);
    // Without --create-sources nothing is recorded.
    let err = ws.err(&["import", "many.jsonl"]);
    assert!(err.contains("Source 1"), "{err}");
    assert!(ws.list_all().is_empty());
    let report = ws.json(&["import", "many.jsonl", "--create-sources", "--json"]);
    assert_eq!(report["added"], 50);
    let created = report["created_sources"].as_array().unwrap();
    assert_eq!(created.len(), 50);
    assert_eq!(created[0], "source-1");
    assert_eq!(created[49], "source-50");
    let toml = ws.toml();
    for n in 1..=50 {
        assert!(toml.contains(&format!("[sources.source-{n}]")), "{toml}");
    }
    let sources = as_array(ws.json(&["source", "list", "--json"]));
    assert_eq!(sources.len(), 50);
    assert!(sources.iter().all(|s| s["kind"] == "other"), "{sources:?}");
    // Importing again declares nothing new.
    let again = ws.json(&["import", "many.jsonl", "--create-sources", "--json"]);
    assert_eq!(again["created_sources"], json!([]));
    assert_eq!(again["unchanged"], 50);
    let r = trust(&ws, "majority");
    assert_eq!(r["sources"].as_array().unwrap().len(), 50);
    assert_eq!(r["propositions"].as_array().unwrap().len(), 5);
    // q1-q4: 10 sources, none a multiple of 10 → 10 to 0 for true.
    for q in ["q1", "q2", "q3", "q4"] {
        let v = values_of(&r, q);
        assert_eq!(v, vec![("true".to_string(), 1.0)], "{q}");
    }
    // q0: 5 supporters (5, 15, 25, 35, 45) and 5 refuters (10, 20, 30, 40, 50): a tie, true
    // first; supporters win all their claims (trust 1), refuters none (trust 0).
    let q0 = values_of(&r, "q0");
    assert_close(q0[0].1, 0.5);
    assert_close(trust_of(&r, "source-5"), 1.0);
    assert_close(trust_of(&r, "source-10"), 0.0);
    for m in METHODS {
        let r = trust(&ws, m);
        assert_eq!(r["sources"].as_array().unwrap().len(), 50, "{m}");
        assert_eq!(best(&r, "q1"), "true", "{m}");
    }
    ws.ok(&["fsck"]);
}

#[test]
fn retracted_claims_and_old_versions_do_not_count_in_trust() {
    let with = data();
    let without = data();
    // An extra claim, retracted: every method's result is as if it had never been made.
    let extra = with.say("u", "s5", "refutes", &[]);
    let extra2 = with.give("r2", "date", "2023-09-13", &[]);
    with.ok(&["retract", &extra, "--note", "withdrawn"]);
    with.ok(&["retract", &extra2, "--note", "withdrawn"]);
    for m in METHODS {
        let (a, b) = (trust(&with, m), trust(&without, m));
        assert_eq!(a["sources"], b["sources"], "{m}");
        assert_eq!(a["propositions"], b["propositions"], "{m}");
    }
    // u's claim on s1 corrected from refutes to supports: only the new version counts,
    // so s1 is true 4 to 0 for majority (confidence 1, a single value).
    let id = with
        .list_ids(&["--about", "s1", "--source", "u"])
        .pop()
        .unwrap();
    with.ok(&["edit", &id, "--stance", "supports", "--note", "misread"]);
    let r = trust(&with, "majority");
    assert_eq!(values_of(&r, "s1"), vec![("true".to_string(), 1.0)]);
    // u now wins s1 and t: 2 of 7.
    assert_close(trust_of(&r, "u"), 2.0 / 7.0);
}

#[test]
fn eval_judges_the_answers_trust_gives_with_priors() {
    // Priors r1, r2, r3 0.2, u 0.9: majority with priors says s1 is false
    // (trust_prior_lets_a_trusted_minority_win_a_majority_vote).
    let ws = specs(Some([0.2, 0.2, 0.2, 0.9]));
    assert_eq!(best(&trust(&ws, "majority"), "s1"), "false");
    ws.ok(&["verdict", "s1", "--rating", "true", "--note", "it happened"]);
    // So majority, as `trust` runs it here, is wrong on the one judged proposition.
    let e = as_array(ws.json(&["trust", "--eval", "--json"]));
    assert_eq!(e[0]["method"], "majority");
    assert_eq!(e[0]["judged"], 1);
    assert_eq!(e[0]["correct"], 0, "{:?}", e[0]);
}

/// Sources with long keys (made from long names) and Arabic names, giving Arabic values.
fn long_names_ws() -> Ws {
    let ws = Ws::empty();
    let names = [
        "Korean Central News Agency of the Democratic People's Republic",
        "Russian Ministry of Foreign Affairs press service (Moscow)",
        "وكالة الأنباء المركزية الكورية",
        "المتحدث باسم وزارة الخارجية الروسية",
    ];
    let values = [
        "١٢ أيلول ٢٠٢٣",
        "12 September 2023",
        "١٣ أيلول ٢٠٢٣",
        "2023-09-12",
    ];
    let mut lines = String::new();
    for (i, (n, v)) in names.iter().zip(values).enumerate() {
        lines.push_str(&format!(
            "{{\"source\":\"{n}\",\"about\":\"arrival-date\",\"value\":\"{v}\",\"text\":\"t{i}\"}}\n"
        ));
        let stance = if i == 2 { "refutes" } else { "supports" };
        lines.push_str(&format!(
            "{{\"source\":\"{n}\",\"about\":\"armoured-train-to-vladivostok\",\"stance\":\"{stance}\",\"text\":\"s{i}\"}}\n"
        ));
    }
    ws.file("long.jsonl", &lines);
    ws.ok(&["import", "long.jsonl", "--create-sources"]);
    ws
}

#[test]
fn trust_and_agree_fit_an_80_column_terminal() {
    let ws = long_names_ws();
    // (With no verdict, `trust --eval` starts with an 89-column hint: prose, not a table.)
    ws.ok(&[
        "verdict",
        "armoured-train-to-vladivostok",
        "--rating",
        "true",
        "--note",
        "seen in Khasan",
    ]);
    for args in [
        vec!["trust"],
        vec!["trust", "--method", "majority"],
        vec!["trust", "--eval"],
        vec!["agree"],
        vec!["agree", "--matrix"],
        vec!["compare", "arrival-date"],
        vec!["compare", "armoured-train-to-vladivostok"],
    ] {
        let out = on_80_column_terminal(&ws, &args);
        assert!(out.lines().count() > 2, "{args:?}: {out}");
        for line in out.lines() {
            assert!(
                width(line) <= 80,
                "{args:?}: {} columns: {line}\n{out}",
                width(line)
            );
        }
    }
}

#[test]
fn snapshot_trust_json() {
    let ws = weighted_ws();
    let r = trust(&ws, "sums");
    assert_json_shape!("trust_json", &r);
}

#[test]
fn trust_and_agree_take_a_limit() {
    let ws = weighted_ws();
    let all = ws.json(&["trust", "--json"]);
    let cut = ws.json(&["trust", "--limit", "2", "--json"]);
    assert_eq!(cut["sources"].as_array().unwrap().len(), 2, "{cut}");
    assert_eq!(cut["propositions"].as_array().unwrap().len(), 2, "{cut}");
    // The most trusted first: the two kept are the first two of the whole run.
    assert_eq!(cut["sources"][0], all["sources"][0]);
    assert_eq!(cut["sources"][1], all["sources"][1]);
    let human = ws.ok(&["trust", "--limit", "1"]);
    assert!(human.contains("3 sources, 4 propositions"), "{human}");
    assert!(human.contains("… and 2 more sources (--limit)"), "{human}");
    assert!(
        human.contains("… and 3 more propositions (--limit)"),
        "{human}"
    );
    let pairs = ws.json(&["agree", "--json"]);
    let one = ws.json(&["agree", "--limit", "1", "--json"]);
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0], pairs[0]);
    let human = ws.ok(&["agree", "--limit", "1"]);
    assert!(human.contains("… and 2 more pairs (--limit)"), "{human}");
}
