//! `claims compare`: independent voices, the agreement score `(S - R) / (S + R + N + 1)` and its
//! properties, value propositions after normalisation, `--weighted`, and the human output.
//!
//! Every expected score is worked out by hand in a comment: S, R and N are the numbers (or, with
//! `--weighted`, the summed trust) of supporting, refuting and neutral independent voices.

use crate::support::*;
use serde_json::{Value, json};

/// Independent outlets a..e; an official relayed by outlet1 and outlet2; a government whose
/// ministry depends on it, and an agency that depends on the ministry (so, transitively, on the
/// government).
fn outlets() -> Ws {
    Ws::with_specs(&[
        ("a", &[], None),
        ("b", &[], None),
        ("c", &[], None),
        ("d", &[], None),
        ("e", &[], None),
        ("official", &[], None),
        ("outlet1", &[], None),
        ("outlet2", &[], None),
        ("gov", &[], None),
        ("ministry", &["gov"], None),
        ("agency", &["ministry"], None),
    ])
}

/// The `sources` of each voice, in order.
fn voice_sources(c: &Value) -> Vec<Vec<String>> {
    c["voices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_same_origin_through_two_outlets_is_one_voice() {
    let ws = outlets();
    ws.say("official", "p", "supports", &["--via", "outlet1"]);
    ws.say("official", "p", "supports", &["--via", "outlet2"]);
    let c = ws.compare("p", &[]);
    // One voice, two claims: S = 1, so 1 / (1 + 1) = 0.5 (two voices would give 2/3).
    assert_eq!(voice_sources(&c), vec![vec!["official"]]);
    assert_eq!(c["voices"][0]["claims"].as_array().unwrap().len(), 2);
    assert_eq!(c["voices"][0]["stance"], "supports");
    assert_eq!(c["voices"][0]["weight"], 1.0);
    assert_close(num(&c["score"]), 0.5);
    // The outlets relay; they are not voices.
    let text = ws.ok(&["compare", "p"]);
    assert!(text.contains("from 1 independent voice "), "{text}");
}

#[test]
fn sources_joined_by_depends_on_transitively_are_one_voice() {
    let ws = outlets();
    // agency depends on ministry, which depends on gov: one voice.
    ws.say("agency", "p", "supports", &[]);
    ws.say("ministry", "p", "supports", &[]);
    ws.say("gov", "p", "supports", &[]);
    let c = ws.compare("p", &[]);
    assert_eq!(
        voice_sources(&c),
        vec![vec!["agency", "gov", "ministry"]],
        "{c}"
    );
    // S = 1: 1 / 2.
    assert_close(num(&c["score"]), 0.5);
    // The two ends of the chain alone are still one voice.
    let ws2 = outlets();
    ws2.say("agency", "q", "supports", &[]);
    ws2.say("gov", "q", "refutes", &["--said-on", "2023-09-01"]);
    ws2.say("a", "q", "supports", &[]);
    let c = ws2.compare("q", &[]);
    assert_eq!(voice_sources(&c), vec![vec!["agency", "gov"], vec!["a"]]);
    // An independent voice joins: S = 2 → 2 / 3.
    ws.say("a", "p", "supports", &[]);
    assert_close(ws.score("p"), 2.0 / 3.0);
}

#[test]
fn the_score_is_s_minus_r_over_all_voices_plus_one() {
    let ws = outlets();
    // No claims yet (declared only): no voices, score 0.
    ws.ok(&["about", "add", "p", "--text", "Kim will visit Russia"]);
    let c = ws.compare("p", &[]);
    assert_eq!(c["voices"], json!([]));
    assert_close(num(&c["score"]), 0.0);
    // Two supporters, one refuter: (2 - 1) / (2 + 1 + 0 + 1) = 0.25.
    ws.say("a", "p", "supports", &[]);
    ws.say("b", "p", "supports", &[]);
    ws.say("c", "p", "refutes", &[]);
    let c = ws.compare("p", &[]);
    assert_close(num(&c["score"]), 0.25);
    assert_eq!(c["values"], json!([]));
    assert_eq!(c["weighted_by"], Value::Null);
    assert_eq!(c["proposition"]["kind"], "statement");
    // A neutral voice only grows the denominator: (2 - 1) / (2 + 1 + 1 + 1) = 0.2.
    ws.say("d", "p", "neutral", &[]);
    assert_close(ws.score("p"), 0.2);
    // A claim about another proposition changes nothing here.
    ws.say("e", "other", "refutes", &[]);
    assert_close(ws.score("p"), 0.2);
    // Only refuters: (0 - 2) / (0 + 2 + 1 + 1) = -0.5.
    ws.say("e", "p", "refutes", &[]);
    ws.say("official", "p", "refutes", &[]);
    // now S = 2, R = 3, N = 1: (2 - 3) / (2 + 3 + 1 + 1) = -1/7.
    assert_close(ws.score("p"), -1.0 / 7.0);
    let text = ws.ok(&["compare", "p"]);
    assert!(
        text.contains(
            "agreement score -0.14 from 6 independent voices (2 support, 3 refute, 1 neutral)"
        ),
        "{text}"
    );
}

#[test]
fn an_added_independent_supporter_raises_the_score() {
    let ws = outlets();
    ws.say("a", "p", "supports", &[]);
    ws.say("b", "p", "refutes", &[]);
    // (1 - 1) / (2 + 1) = 0.
    let before = ws.score("p");
    assert_close(before, 0.0);
    ws.say("c", "p", "supports", &[]);
    // (2 - 1) / (3 + 1) = 0.25.
    let after = ws.score("p");
    assert_close(after, 0.25);
    assert!(after > before);
    // Again from a positive start: (3 - 1) / (4 + 1) = 0.4.
    ws.say("d", "p", "supports", &[]);
    assert_close(ws.score("p"), 0.4);
}

#[test]
fn the_same_origin_through_another_outlet_leaves_the_score_unchanged() {
    let ws = outlets();
    ws.say("official", "p", "supports", &["--via", "outlet1"]);
    ws.say("b", "p", "refutes", &[]);
    ws.say("c", "p", "supports", &[]);
    // (2 - 1) / (3 + 1) = 0.25.
    assert_close(ws.score("p"), 0.25);
    ws.say("official", "p", "supports", &["--via", "outlet2"]);
    ws.say("c", "p", "supports", &["--via", "outlet1"]);
    // Still three voices: 0.25.
    let c = ws.compare("p", &[]);
    assert_close(num(&c["score"]), 0.25);
    assert_eq!(c["voices"].as_array().unwrap().len(), 3);
    // A source depending on a voice already heard adds nothing either.
    ws.say("gov", "p", "refutes", &[]);
    // (2 - 2) / (4 + 1) = 0.
    assert_close(ws.score("p"), 0.0);
    ws.say("ministry", "p", "refutes", &[]);
    ws.say("agency", "p", "refutes", &[]);
    assert_close(ws.score("p"), 0.0);
}

#[test]
fn swapping_every_supports_and_refutes_negates_the_score() {
    let positions = [
        ("a", "supports"),
        ("b", "supports"),
        ("c", "refutes"),
        ("d", "neutral"),
        ("e", "supports"),
    ];
    fn swap(s: &str) -> &str {
        match s {
            "supports" => "refutes",
            "refutes" => "supports",
            other => other,
        }
    }
    let (one, two) = (outlets(), outlets());
    for (src, st) in positions {
        one.say(src, "p", st, &[]);
        two.say(src, "p", swap(st), &[]);
    }
    // (3 - 1) / (3 + 1 + 1 + 1) = 1/3, and swapped -1/3.
    let (a, b) = (one.score("p"), two.score("p"));
    assert_close(a, 1.0 / 3.0);
    assert_close(b, -1.0 / 3.0);
    assert_close(a + b, 0.0);
}

#[test]
fn one_voice_scores_lower_in_magnitude_than_three_agreeing_voices() {
    for stance in ["supports", "refutes"] {
        let sign = if stance == "supports" { 1.0 } else { -1.0 };
        let ws = outlets();
        ws.say("a", "p", stance, &[]);
        // 1 / (1 + 1) = 0.5.
        let one = ws.score("p");
        assert_close(one, 0.5 * sign);
        ws.say("b", "p", stance, &[]);
        ws.say("c", "p", stance, &[]);
        // 3 / (3 + 1) = 0.75.
        let three = ws.score("p");
        assert_close(three, 0.75 * sign);
        assert!(one.abs() < three.abs());
        // Three claims from one origin are still one voice: 0.5.
        let single = outlets();
        single.say("official", "p", stance, &["--via", "outlet1"]);
        single.say("official", "p", stance, &["--via", "outlet2"]);
        single.say("official", "p", stance, &[]);
        assert_close(single.score("p"), 0.5 * sign);
    }
}

#[test]
fn retracted_claims_do_not_count() {
    let with = outlets();
    let without = outlets();
    for ws in [&with, &without] {
        ws.say("a", "p", "supports", &[]);
        ws.say("b", "p", "supports", &[]);
        ws.say("c", "p", "refutes", &[]);
    }
    let d = with.say("d", "p", "refutes", &[]);
    // (2 - 2) / (4 + 1) = 0 while d stands ...
    assert_close(with.score("p"), 0.0);
    with.ok(&["retract", &d, "--note", "misattributed"]);
    // ... and (2 - 1) / (3 + 1) = 0.25 once retracted, as if never added.
    let (cw, co) = (with.compare("p", &[]), without.compare("p", &[]));
    assert_close(num(&cw["score"]), 0.25);
    assert_eq!(cw["score"], co["score"]);
    assert_eq!(voice_sources(&cw), voice_sources(&co));
    assert_eq!(cw["proposition"]["claims"], 3);
    // Retracting one of two relays of the same origin leaves the voice standing.
    let ws = outlets();
    let first = ws.say("official", "p", "supports", &["--via", "outlet1"]);
    ws.say("official", "p", "supports", &["--via", "outlet2"]);
    ws.ok(&["retract", &first, "--note", "outlet1 withdrew the story"]);
    let c = ws.compare("p", &[]);
    assert_eq!(c["voices"][0]["claims"].as_array().unwrap().len(), 1);
    assert_close(num(&c["score"]), 0.5);
}

#[test]
fn only_the_latest_version_of_a_claim_counts() {
    let ws = outlets();
    let a = ws.say("a", "p", "supports", &[]);
    // 1 / 2.
    assert_close(ws.score("p"), 0.5);
    ws.ok(&[
        "edit",
        &a,
        "--stance",
        "refutes",
        "--note",
        "misread the report",
    ]);
    // The score flips: -1 / 2.
    let c = ws.compare("p", &[]);
    assert_close(num(&c["score"]), -0.5);
    assert_eq!(c["voices"][0]["stance"], "refutes");
    assert_eq!(c["voices"][0]["claims"][0]["stance"], "refutes");
    // With company: a refutes (edited), b and c support: (2 - 1) / (3 + 1) = 0.25; editing c to
    // refute gives (1 - 2) / (3 + 1) = -0.25.
    ws.say("b", "p", "supports", &[]);
    let c = ws.say("c", "p", "supports", &[]);
    assert_close(ws.score("p"), 0.25);
    ws.ok(&["edit", &c, "--stance", "refutes", "--note", "corrected"]);
    assert_close(ws.score("p"), -0.25);
    // Moving a claim to another proposition takes it out of this one: (1 - 1) / (2 + 1) = 0.
    ws.ok(&["edit", &c, "--about", "elsewhere", "--note", "other story"]);
    assert_close(ws.score("p"), 0.0);
}

#[test]
fn a_voice_takes_the_position_of_its_latest_claim() {
    let ws = outlets();
    // The government first supports, later refutes (through its ministry): one voice, refuting.
    ws.say("gov", "p", "supports", &["--said-on", "2023-09-01"]);
    ws.say("ministry", "p", "refutes", &["--said-on", "2023-09-10"]);
    let c = ws.compare("p", &[]);
    assert_eq!(c["voices"].as_array().unwrap().len(), 1);
    assert_eq!(c["voices"][0]["stance"], "refutes");
    // -1 / 2.
    assert_close(num(&c["score"]), -0.5);
}

#[test]
fn value_propositions_compare_values_after_normalisation() {
    let ws = outlets();
    // Numbers: ٣٦ (Arabic-Indic digits) and 36 are one value; 40 another.
    ws.give("a", "killed", "36", &[]);
    ws.give("b", "killed", "٣٦", &[]);
    ws.give("c", "killed", "40", &[]);
    let c = ws.compare("killed", &[]);
    assert_eq!(c["proposition"]["kind"], "value");
    assert_eq!(c["proposition"]["kind_declared"], false);
    assert_eq!(c["score"], Value::Null);
    let values = c["values"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{c}");
    // 36: 2 of 3 voices, share 2/3, score 2 / (3 + 1) = 0.5; 40: 1/3 and 1/4.
    assert_eq!(values[0]["value"], "36");
    assert_eq!(values[0]["voices"], 2);
    assert_close(num(&values[0]["share"]), 2.0 / 3.0);
    assert_close(num(&values[0]["score"]), 0.5);
    assert_eq!(values[1]["value"], "40");
    assert_eq!(values[1]["voices"], 1);
    assert_close(num(&values[1]["share"]), 1.0 / 3.0);
    assert_close(num(&values[1]["score"]), 0.25);
    // Storage keeps the original spelling.
    assert_eq!(c["voices"][1]["value"], "٣٦");

    // Dates: ISO, English and Arabic spellings of 31 July 2023 are one value.
    ws.give("a", "flight", "2023-07-31", &[]);
    ws.give("b", "flight", "31 July 2023", &[]);
    ws.give("c", "flight", "٣١ تموز ٢٠٢٣", &[]);
    ws.give("d", "flight", "1 August 2023", &[]);
    let c = ws.compare("flight", &[]);
    let values = c["values"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{c}");
    // 3 of 4: share 0.75, score 3 / (4 + 1) = 0.6; the other 0.25 and 0.2.
    assert_eq!(values[0]["value"], "2023-07-31");
    assert_eq!(values[0]["voices"], 3);
    assert_close(num(&values[0]["share"]), 0.75);
    assert_close(num(&values[0]["score"]), 0.6);
    assert_eq!(values[1]["value"], "1 August 2023");
    assert_close(num(&values[1]["share"]), 0.25);
    assert_close(num(&values[1]["score"]), 0.2);

    // Arabic with and without diacritics (and tatweel) is one value.
    ws.give("a", "city", "بِيُونْغ يَانْغ", &[]);
    ws.give("b", "city", "بيونغ يانغ", &[]);
    ws.give("c", "city", "بيونـغ يانـغ", &[]);
    ws.give("d", "city", "فلاديفوستوك", &[]);
    ws.give("e", "city", "Vladivostok", &[]);
    let c = ws.compare("city", &[]);
    let values = c["values"].as_array().unwrap();
    assert_eq!(values.len(), 3, "{c}");
    // 3 of 5: share 0.6, score 3 / 6 = 0.5; the Arabic and Latin spellings of Vladivostok stay
    // apart (no transliteration): 0.2 each, score 1/6.
    assert_eq!(values[0]["value"], "بِيُونْغ يَانْغ");
    assert_eq!(values[0]["voices"], 3);
    assert_close(num(&values[0]["share"]), 0.6);
    assert_close(num(&values[0]["score"]), 0.5);
    for v in &values[1..] {
        assert_eq!(v["voices"], 1);
        assert_close(num(&v["share"]), 0.2);
        assert_close(num(&v["score"]), 1.0 / 6.0);
    }
    let shares: f64 = values.iter().map(|v| num(&v["share"])).sum();
    assert_close(shares, 1.0);
}

#[test]
fn value_voices_count_once_per_origin_and_retractions_do_not_count() {
    let ws = outlets();
    ws.give("official", "killed", "36", &["--via", "outlet1"]);
    ws.give("official", "killed", "36", &["--via", "outlet2"]);
    ws.give("gov", "killed", "40", &[]);
    ws.give("agency", "killed", "40", &[]);
    let gone = ws.give("c", "killed", "40", &[]);
    ws.ok(&["retract", &gone, "--note", "withdrawn"]);
    let c = ws.compare("killed", &[]);
    // Two voices (official; gov + agency): one each, shares 1/2, scores 1 / (2 + 1).
    assert_eq!(c["voices"].as_array().unwrap().len(), 2, "{c}");
    let values = c["values"].as_array().unwrap();
    assert_eq!(values.len(), 2);
    for v in values {
        assert_eq!(v["voices"], 1);
        assert_close(num(&v["share"]), 0.5);
        assert_close(num(&v["score"]), 1.0 / 3.0);
    }
    // A later value from the same voice replaces its earlier one.
    let ws = outlets();
    ws.give("gov", "date", "2023-09-12", &["--said-on", "2023-09-01"]);
    ws.give(
        "ministry",
        "date",
        "13 September 2023",
        &["--said-on", "2023-09-05"],
    );
    let c = ws.compare("date", &[]);
    assert_eq!(c["voices"].as_array().unwrap().len(), 1);
    assert_eq!(c["voices"][0]["value"], "13 September 2023");
    assert_eq!(c["values"].as_array().unwrap().len(), 1);
    assert_close(num(&c["values"][0]["share"]), 1.0);
    assert_close(num(&c["values"][0]["score"]), 0.5);
}

#[test]
fn weighted_compare_counts_voices_by_trust() {
    let ws = weighted_ws();
    // Unweighted p1: (2 - 1) / (3 + 1) = 0.25.
    assert_close(ws.score("p1"), 0.25);
    // Majority trust = share of a source's claims on the winning value. Winners: p1-p3 true
    // (2 to 1), p4 true (2 to 1). a: 4/4 = 1; b: 3/4 = 0.75; u: 1/4 = 0.25.
    // Weighted p1: S = 1 + 0.75, R = 0.25: (1.75 - 0.25) / (1.75 + 0.25 + 1) = 0.5.
    let c = ws.compare("p1", &["--weighted", "--method", "majority"]);
    assert_eq!(c["weighted_by"], "majority");
    let weight = |src: &str| {
        c["voices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["sources"] == json!([src]))
            .map(|v| num(&v["weight"]))
            .unwrap()
    };
    assert_close(weight("a"), 1.0);
    assert_close(weight("b"), 0.75);
    assert_close(weight("u"), 0.25);
    assert_close(num(&c["score"]), 0.5);
    // Every method gives weights in [0, 1] and names itself.
    for m in [
        "majority",
        "sums",
        "average-log",
        "investment",
        "pooled-investment",
        "truthfinder",
        "crh",
    ] {
        let c = ws.compare("p1", &["--weighted", "--method", m]);
        assert_eq!(c["weighted_by"], m);
        for v in c["voices"].as_array().unwrap() {
            let w = num(&v["weight"]);
            assert!((0.0..=1.0).contains(&w), "{m}: {w}");
        }
        let s = num(&c["score"]);
        assert!(s > -1.0 && s < 1.0, "{m}: {s}");
    }
    // Without --method, --weighted uses investment.
    assert_eq!(
        ws.compare("p1", &["--weighted"])["weighted_by"],
        "investment"
    );
    // An unknown method is one error line.
    let err = ws.err(&["compare", "p1", "--weighted", "--method", "oracle"]);
    assert!(err.contains("oracle"), "{err}");
}

#[test]
fn weighted_compare_by_default_weights_voices_by_investment_trust() {
    let ws = weighted_ws();
    // a agrees with the winner 4 times, b 3 times, u once (see weighted_ws).
    // The default method (investment): weights in [0, 1], not all 1, named in the output.
    let c = ws.compare("p1", &["--weighted"]);
    assert_eq!(c["weighted_by"], "investment");
    let weights: Vec<f64> = c["voices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| num(&v["weight"]))
        .collect();
    assert_eq!(weights.len(), 3);
    assert!(
        weights.iter().all(|w| (0.0..=1.0).contains(w)),
        "{weights:?}"
    );
    assert!(weights.iter().any(|w| *w != 1.0), "{weights:?}");
    let text = ws.ok(&["compare", "p1", "--weighted"]);
    assert!(text.contains("weighted by investment trust"), "{text}");
}

#[test]
fn compare_shows_the_latest_verdict() {
    let ws = outlets();
    ws.say("a", "p", "supports", &[]);
    ws.ok(&[
        "verdict",
        "p",
        "--rating",
        "unproven",
        "--note",
        "no evidence yet",
    ]);
    ws.ok(&[
        "verdict",
        "p",
        "--rating",
        "true",
        "--note",
        "the train arrived",
    ]);
    let c = ws.compare("p", &[]);
    assert_eq!(c["verdict"]["seq"], 2);
    assert_eq!(c["verdict"]["rating"], "true");
    assert_eq!(c["verdict"]["note"], "the train arrived");
    let text = ws.ok(&["compare", "p"]);
    assert!(text.contains("verdict: true (v2, "), "{text}");
    assert!(text.contains("): the train arrived"), "{text}");
}

#[test]
fn compare_of_an_unknown_proposition_is_one_error_line() {
    let ws = outlets();
    ws.say("a", "p", "supports", &[]);
    let err = ws.err(&["compare", "nope"]);
    assert!(err.contains("unknown proposition `nope`"), "{err}");
    let err = ws.err(&["compare", "nope", "--json"]);
    assert!(err.contains("unknown proposition `nope`"), "{err}");
}

/// A fixed workspace for the snapshots: the fixture sources and dated claims.
fn snapshot_ws() -> Ws {
    let ws = Ws::with_sources();
    ws.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim Jong Un will visit Russia in September",
        "--kind",
        "statement",
    ]);
    ws.say(
        "us-officials",
        "kim-visit",
        "supports",
        &["--via", "nyt", "--said-on", "2023-09-04"],
    );
    ws.say(
        "us-officials",
        "kim-visit",
        "supports",
        &["--via", "yonhap", "--said-on", "2023-09-05"],
    );
    ws.say(
        "nis",
        "kim-visit",
        "supports",
        &["--via", "yonhap", "--said-on", "2023-09-06"],
    );
    ws.say(
        "kremlin",
        "kim-visit",
        "neutral",
        &["--said-on", "2023-09-05"],
    );
    ws.say(
        "peskov",
        "kim-visit",
        "refutes",
        &["--said-on", "2023-09-07"],
    );
    ws.say(
        "sullivan",
        "kim-visit",
        "supports",
        &["--said-on", "2023-09-05"],
    );
    ws
}

#[test]
fn snapshot_compare() {
    let ws = snapshot_ws();
    // Voices: us-officials (2 claims); nis; kremlin + peskov (one voice, latest: refutes);
    // sullivan (white-house group). S = 3, R = 1, N = 0: (3 - 1) / (4 + 1) = 0.4.
    assert_close(ws.score("kim-visit"), 0.4);
    insta::assert_snapshot!("compare", redact(&ws.ok(&["compare", "kim-visit"])));
    assert_json_shape!("compare_json", &ws.compare("kim-visit", &[]));
}

#[test]
fn snapshot_compare_values() {
    let ws = Ws::with_sources();
    ws.give(
        "nis",
        "flight-date",
        "2023-07-31",
        &["--via", "yonhap", "--said-on", "2023-09-04"],
    );
    ws.give(
        "white-house",
        "flight-date",
        "31 July 2023",
        &["--said-on", "2023-09-05"],
    );
    ws.give(
        "kremlin",
        "flight-date",
        "١ آب ٢٠٢٣",
        &["--said-on", "2023-09-06"],
    );
    insta::assert_snapshot!(
        "compare_values",
        redact(&ws.ok(&["compare", "flight-date"]))
    );
    assert_json_shape!("compare_values_json", &ws.compare("flight-date", &[]));
}

fn arabic_values_ws() -> Ws {
    let ws = Ws::with_sources();
    ws.give(
        "nis",
        "flight-date",
        "٣١ تموز ٢٠٢٣",
        &["--via", "yonhap", "--via", "nyt", "--said-on", "2023-09-04"],
    );
    ws.give(
        "us-officials",
        "flight-date",
        "الحادي والثلاثون من يوليو/تموز ٢٠٢٣",
        &["--via", "nyt", "--said-on", "2023-09-05"],
    );
    ws.give(
        "peskov",
        "flight-date",
        "الأول من آب/أغسطس ٢٠٢٣ بحسب المتحدث باسم الكرملين دميتري بيسكوف",
        &["--said-on", "2023-09-06"],
    );
    ws
}

#[test]
fn compare_fits_80_columns_with_arabic_values_when_piped() {
    let ws = Ws::with_sources();
    ws.give(
        "nis",
        "flight-date",
        "٣١ تموز ٢٠٢٣",
        &["--via", "yonhap", "--said-on", "2023-09-04"],
    );
    ws.give(
        "kremlin",
        "flight-date",
        "١ آب ٢٠٢٣",
        &["--said-on", "2023-09-06"],
    );
    ws.give(
        "white-house",
        "flight-date",
        "31 July 2023",
        &["--said-on", "2023-09-05"],
    );
    let out = ws.ok(&["compare", "flight-date"]);
    assert!(out.contains("٣١ تموز ٢٠٢٣"), "{out}");
    for line in out.lines() {
        assert!(width(line) <= 80, "{} columns: {line}\n{out}", width(line));
    }
}

#[test]
fn compare_fits_an_80_column_terminal_with_arabic_values() {
    // Values up to 24 columns, long relay chains and an Arabic source alias: the table wraps.
    let ws = Ws::with_sources();
    ws.give(
        "nis",
        "flight-date",
        "٣١ تموز ٢٠٢٣",
        &["--via", "yonhap", "--via", "nyt", "--said-on", "2023-09-04"],
    );
    ws.give(
        "جيك سوليفان",
        "flight-date",
        "نهاية شهر تموز ٢٠٢٣",
        &[
            "--via",
            "white-house",
            "--via",
            "nyt",
            "--said-on",
            "2023-09-05",
        ],
    );
    ws.give(
        "بيسكوف",
        "flight-date",
        "١ آب ٢٠٢٣",
        &["--said-on", "2023-09-06"],
    );
    let out = on_80_column_terminal(&ws, &["compare", "flight-date"]);
    assert!(out.contains("flight-date (value)"), "{out}");
    assert!(out.contains("٣١ تموز ٢٠٢٣"), "{out}");
    for line in out.lines() {
        assert!(width(line) <= 80, "{} columns: {line}\n{out}", width(line));
    }
}

#[test]
fn compare_fits_an_80_column_terminal_with_long_arabic_values() {
    let ws = arabic_values_ws();
    let out = on_80_column_terminal(&ws, &["compare", "flight-date"]);
    assert!(out.contains("flight-date (value)"), "{out}");
    for line in out.lines() {
        assert!(width(line) <= 80, "{} columns: {line}\n{out}", width(line));
    }
}

#[test]
fn a_value_on_a_statement_is_a_warning_at_add_and_an_inconsistency_in_compare() {
    let ws = outlets();
    ws.ok(&["about", "add", "p", "--kind", "statement"]);
    ws.add(&[
        "--source",
        "a",
        "--about",
        "p",
        "--stance",
        "supports",
        "--text",
        "it happened",
    ]);
    let out = ws
        .cmd()
        .args([
            "add",
            "--source",
            "b",
            "--about",
            "p",
            "--value",
            "5",
            "--text",
            "five of them",
        ])
        .args(["--json"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "warning: `p` is a statement proposition, so this claim's value is not counted"
        ),
        "{stderr}"
    );
    let b: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let b = b["id"].as_str().unwrap().to_string();
    let c = ws.json(&["compare", "p", "--json"]);
    assert_eq!(
        c["inconsistent"],
        json!([{"id": b, "origin": "b", "ignored": "value"}])
    );
    assert_eq!(c["voices"].as_array().unwrap().len(), 1, "{c}");
    let human = ws.ok(&["compare", "p"]);
    assert!(
        human.contains(&format!(
            "inconsistent: claim {} (b) gives a value on a statement proposition; it is not counted",
            &b[..12]
        )),
        "{human}"
    );
    // A stance on a declared value proposition.
    ws.ok(&["about", "add", "n", "--kind", "value"]);
    ws.add(&[
        "--source", "c", "--about", "n", "--value", "7", "--text", "seven",
    ]);
    let out = ws
        .cmd()
        .args([
            "add", "--source", "d", "--about", "n", "--stance", "refutes", "--text", "not so",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("this claim's stance is not counted"),
        "{stderr}"
    );
    let c = ws.json(&["compare", "n", "--json"]);
    assert_eq!(c["inconsistent"][0]["ignored"], "stance", "{c}");
    // A claim that fits gives no warning.
    let out = ws
        .cmd()
        .args([
            "add",
            "--source",
            "e",
            "--about",
            "n",
            "--value",
            "7",
            "--text",
            "seven again",
        ])
        .assert()
        .success();
    assert!(out.get_output().stderr.is_empty());
}

#[test]
fn a_value_that_turns_an_inferred_statement_into_a_value_proposition_is_a_warning() {
    let ws = outlets();
    let a = ws.add(&[
        "--source", "a", "--about", "q", "--stance", "supports", "--text", "yes",
    ]);
    let out = ws
        .cmd()
        .args([
            "add", "--source", "b", "--about", "q", "--value", "3", "--text", "three",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("warning: this claim's value makes `q` a value proposition")
            && stderr.contains("the stances of its 1 earlier claim are no longer counted"),
        "{stderr}"
    );
    let c = ws.json(&["compare", "q", "--json"]);
    assert_eq!(c["proposition"]["kind"], "value");
    assert_eq!(
        c["inconsistent"],
        json!([{"id": a, "origin": "a", "ignored": "stance"}])
    );
}
