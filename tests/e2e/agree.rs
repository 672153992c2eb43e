//! `claims agree`: shared propositions, agreements, observed agreement and Cohen's kappa per pair
//! of sources, `--min-shared`, `--matrix`, worked out by hand.

use crate::support::*;
use serde_json::{Value, json};

/// Positions (S supports, R refutes, N neutral, - none):
///
/// | prop | a | b | c | d |
/// |------|---|---|---|---|
/// | p1   | S | S | R | S |
/// | p2   | S | S | S | - |
/// | p3   | R | N | N | - |
/// | p4   | S | R | - | - |
/// | p5   | R | R | - | - |
/// | p6   | N | N | S | - |
fn table_ws() -> Ws {
    let ws = Ws::with_keys(&["a", "b", "c", "d"]);
    let rows = [
        ("p1", ["supports", "supports", "refutes", "supports"]),
        ("p2", ["supports", "supports", "supports", ""]),
        ("p3", ["refutes", "neutral", "neutral", ""]),
        ("p4", ["supports", "refutes", "", ""]),
        ("p5", ["refutes", "refutes", "", ""]),
        ("p6", ["neutral", "neutral", "supports", ""]),
    ];
    for (p, stances) in rows {
        for (src, st) in ["a", "b", "c", "d"].iter().zip(stances) {
            if !st.is_empty() {
                ws.say(src, p, st, &[]);
            }
        }
    }
    ws
}

/// The pair (a, b) of `agree --json`.
fn pair(pairs: &[Value], a: &str, b: &str) -> Value {
    pairs
        .iter()
        .find(|p| p["a"] == a && p["b"] == b)
        .unwrap_or_else(|| panic!("no pair {a} {b} in {pairs:?}"))
        .clone()
}

fn kappa(p: &Value) -> Option<f64> {
    p["kappa"].as_f64()
}

#[test]
fn agree_counts_and_kappa_match_the_hand_computation() {
    let ws = table_ws();
    let pairs = as_array(ws.json(&["agree", "--json"]));
    // Every pair that shares a proposition, most shared first, then by name.
    let order: Vec<(String, String, u64)> = pairs
        .iter()
        .map(|p| {
            (
                p["a"].as_str().unwrap().to_string(),
                p["b"].as_str().unwrap().to_string(),
                p["shared"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = [
        ("a", "b", 6),
        ("a", "c", 4),
        ("b", "c", 4),
        ("a", "d", 1),
        ("b", "d", 1),
        ("c", "d", 1),
    ]
    .iter()
    .map(|(a, b, n)| (a.to_string(), b.to_string(), *n))
    .collect();
    assert_eq!(order, want);
    assert_json_shape!("agree_json", &pairs);

    // (a, b) over p1..p6, rows a, columns b:
    //          b:S  b:R  b:N | a
    //   a:S     2    1    0  | 3
    //   a:R     0    1    1  | 2
    //   a:N     0    0    1  | 1
    //   b       2    2    2  | 6
    // agreements = 2 + 1 + 1 = 4, observed = 4/6 = 2/3,
    // pe = (3*2 + 2*2 + 1*2) / 36 = 1/3, kappa = (2/3 - 1/3) / (1 - 1/3) = 0.5.
    let ab = pair(&pairs, "a", "b");
    assert_eq!(ab["shared"], 6);
    assert_eq!(ab["agreements"], 4);
    assert_close(num(&ab["observed"]), 2.0 / 3.0);
    assert_close(kappa(&ab).unwrap(), 0.5);

    // (a, c) over p1, p2, p3, p6: S/R, S/S, R/N, N/S.
    //          c:S  c:R  c:N | a
    //   a:S     1    1    0  | 2
    //   a:R     0    0    1  | 1
    //   a:N     1    0    0  | 1
    //   c       2    1    1  | 4
    // agreements = 1, observed = 0.25, pe = (2*2 + 1*1 + 1*1) / 16 = 6/16,
    // kappa = (4/16 - 6/16) / (10/16) = -0.2.
    let ac = pair(&pairs, "a", "c");
    assert_eq!(ac["shared"], 4);
    assert_eq!(ac["agreements"], 1);
    assert_close(num(&ac["observed"]), 0.25);
    assert_close(kappa(&ac).unwrap(), -0.2);

    // (b, c) over p1, p2, p3, p6: S/R, S/S, N/N, N/S.
    //          c:S  c:R  c:N | b
    //   b:S     1    1    0  | 2
    //   b:R     0    0    0  | 0
    //   b:N     1    0    1  | 2
    //   c       2    1    1  | 4
    // agreements = 2, observed = 0.5, pe = (2*2 + 0*1 + 2*1) / 16 = 6/16,
    // kappa = (8/16 - 6/16) / (10/16) = 0.2.
    let bc = pair(&pairs, "b", "c");
    assert_eq!(bc["shared"], 4);
    assert_eq!(bc["agreements"], 2);
    assert_close(num(&bc["observed"]), 0.5);
    assert_close(kappa(&bc).unwrap(), 0.2);

    // d shares only p1. With a and b (both S): observed 1, pe = 1, kappa undefined (null).
    for other in ["a", "b"] {
        let p = pair(&pairs, other, "d");
        assert_eq!(p["shared"], 1);
        assert_eq!(p["agreements"], 1);
        assert_close(num(&p["observed"]), 1.0);
        assert_eq!(p["kappa"], Value::Null);
    }
    // With c (R against S): observed 0, pe = 0, kappa = (0 - 0) / 1 = 0.
    let cd = pair(&pairs, "c", "d");
    assert_eq!(cd["agreements"], 0);
    assert_close(num(&cd["observed"]), 0.0);
    assert_close(kappa(&cd).unwrap(), 0.0);
}

#[test]
fn min_shared_filters_pairs() {
    let ws = table_ws();
    let names = |min: &str| -> Vec<String> {
        as_array(ws.json(&["agree", "--min-shared", min, "--json"]))
            .iter()
            .map(|p| format!("{}-{}", p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(names("1").len(), 6);
    assert_eq!(names("2"), ["a-b", "a-c", "b-c"]);
    assert_eq!(names("4"), ["a-b", "a-c", "b-c"]);
    assert_eq!(names("5"), ["a-b"]);
    assert_eq!(names("6"), ["a-b"]);
    assert!(names("7").is_empty());
    let text = ws.ok(&["agree", "--min-shared", "7"]);
    assert!(
        text.contains("No two sources addressed the same proposition (min shared 7)"),
        "{text}"
    );
    // A bad count is clap's usage error (several lines), not a run.
    let out = ws
        .cmd()
        .args(["agree", "--min-shared", "many"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: invalid value 'many'"));
}

#[test]
fn matrix_json_is_a_source_by_source_table() {
    let ws = table_ws();
    let m = ws.json(&["agree", "--matrix", "--json"]);
    assert_eq!(m["sources"], json!(["a", "b", "c", "d"]));
    // kappa from the hand computation above; the diagonal and undefined cells are null.
    let k = |i: usize, j: usize| m["kappa"][i][j].as_f64();
    for i in 0..4 {
        assert_eq!(m["kappa"][i][i], Value::Null);
        assert_eq!(m["shared"][i][i], 0);
        for j in 0..4 {
            assert_eq!(m["kappa"][i][j], m["kappa"][j][i], "symmetric");
            assert_eq!(m["shared"][i][j], m["shared"][j][i], "symmetric");
        }
    }
    assert_close(k(0, 1).unwrap(), 0.5);
    assert_close(k(0, 2).unwrap(), -0.2);
    assert_close(k(1, 2).unwrap(), 0.2);
    assert_eq!(k(0, 3), None);
    assert_eq!(k(1, 3), None);
    assert_close(k(2, 3).unwrap(), 0.0);
    assert_eq!(
        m["shared"],
        json!([[0, 6, 4, 1], [6, 0, 4, 1], [4, 4, 0, 1], [1, 1, 1, 0]])
    );
    // --min-shared 2 drops d entirely.
    let m = ws.json(&["agree", "--matrix", "--min-shared", "2", "--json"]);
    assert_eq!(m["sources"], json!(["a", "b", "c"]));
    assert_eq!(m["shared"], json!([[0, 6, 4], [6, 0, 4], [4, 4, 0]]));
}

#[test]
fn agree_counts_latest_standing_claims_only() {
    let ws = Ws::with_keys(&["a", "b"]);
    ws.say("a", "p1", "supports", &[]);
    ws.say("b", "p1", "supports", &[]);
    ws.say("a", "p2", "refutes", &[]);
    let b2 = ws.say("b", "p2", "refutes", &[]);
    let b3 = ws.say("b", "p3", "supports", &[]);
    ws.say("a", "p3", "refutes", &[]);
    // Shared 3, agree 2 (p1, p2).
    let p = &as_array(ws.json(&["agree", "--json"]))[0];
    assert_eq!(
        (p["shared"].as_u64(), p["agreements"].as_u64()),
        (Some(3), Some(2))
    );
    // b's p3 claim retracted: shared 2, agree 2; a: S, R; b: S, R → pe = 1/2, kappa = 1.
    ws.ok(&["retract", &b3, "--note", "withdrawn"]);
    let p = &as_array(ws.json(&["agree", "--json"]))[0];
    assert_eq!(p["shared"], 2);
    assert_eq!(p["agreements"], 2);
    assert_close(kappa(p).unwrap(), 1.0);
    // b's p2 edited to supports: shared 2, agree 1 (p1): a: S, R; b: S, S →
    // pe = (1*2 + 1*0) / 4 = 0.5, kappa = (0.5 - 0.5) / 0.5 = 0.
    ws.ok(&["edit", &b2, "--stance", "supports", "--note", "misread"]);
    let p = &as_array(ws.json(&["agree", "--json"]))[0];
    assert_eq!(p["shared"], 2);
    assert_eq!(p["agreements"], 1);
    assert_close(num(&p["observed"]), 0.5);
    assert_close(kappa(p).unwrap(), 0.0);
}

#[test]
fn agree_compares_values_after_normalisation() {
    let ws = Ws::with_keys(&["a", "b", "c"]);
    // v1: 36 / ٣٦ / 40; v2: 2023-07-31 / 31 July 2023 / 2023-07-31.
    ws.give("a", "v1", "36", &[]);
    ws.give("b", "v1", "٣٦", &[]);
    ws.give("c", "v1", "40", &[]);
    ws.give("a", "v2", "2023-07-31", &[]);
    ws.give("b", "v2", "31 July 2023", &[]);
    ws.give("c", "v2", "2023-07-31", &[]);
    let pairs = as_array(ws.json(&["agree", "--json"]));
    // Positions are value ranks by number of sources (0 = most claimed):
    // v1: a 0, b 0, c 1; v2: a 0, b 0, c 0.
    // (a, b): shared 2, agree 2, both always class 0: pe = 1, kappa undefined.
    let ab = pair(&pairs, "a", "b");
    assert_eq!(ab["shared"], 2);
    assert_eq!(ab["agreements"], 2);
    assert_eq!(ab["kappa"], Value::Null);
    // (a, c): agree 1 (v2), observed 0.5; a: 0, 0; c: 1, 0 → pe = (2*1) / 4 = 0.5, kappa 0.
    for other in ["a", "b"] {
        let p = pair(&pairs, other, "c");
        assert_eq!(p["shared"], 2);
        assert_eq!(p["agreements"], 1);
        assert_close(num(&p["observed"]), 0.5);
        assert_close(kappa(&p).unwrap(), 0.0);
    }
}

#[test]
fn agree_on_a_workspace_without_shared_propositions() {
    let ws = Ws::with_keys(&["a", "b"]);
    assert_eq!(ws.json(&["agree", "--json"]), json!([]));
    ws.say("a", "p1", "supports", &[]);
    ws.say("b", "p2", "supports", &[]);
    assert_eq!(ws.json(&["agree", "--json"]), json!([]));
    assert_eq!(
        ws.json(&["agree", "--matrix", "--json"]),
        json!({"sources": [], "kappa": [], "shared": []})
    );
    assert!(ws.ok(&["agree"]).starts_with("No two sources"));
    assert!(ws.ok(&["agree", "--matrix"]).starts_with("No two sources"));
}

#[test]
fn snapshot_agree() {
    let ws = table_ws();
    insta::assert_snapshot!("agree", redact(&ws.ok(&["agree"])));
    insta::assert_snapshot!("agree_matrix", redact(&ws.ok(&["agree", "--matrix"])));
    assert_json_shape!(
        "agree_matrix_json",
        &ws.json(&["agree", "--matrix", "--json"])
    );
}

#[test]
fn agree_takes_a_sources_latest_position_like_compare() {
    let ws = Ws::with_keys(&["a", "b"]);
    // a first supported (1 September), then refuted (10 September); b refutes.
    let early = ws.say("a", "p", "supports", &["--said-on", "2023-09-01"]);
    ws.say("a", "p", "refutes", &["--said-on", "2023-09-10"]);
    ws.say("b", "p", "refutes", &["--said-on", "2023-09-05"]);
    // compare: a's voice refutes (its latest claim), like b: (0 - 2) / (2 + 1).
    let c = ws.compare("p", &[]);
    assert_eq!(c["voices"][0]["stance"], "refutes");
    assert_close(num(&c["score"]), -2.0 / 3.0);
    let agreements = |ws: &Ws| as_array(ws.json(&["agree", "--json"]))[0]["agreements"].clone();
    assert_eq!(agreements(&ws), 1, "a and b both refute");
    // Fixing a typo in a's older claim changes neither its date nor its stance ...
    ws.ok(&[
        "edit",
        &early,
        "--text",
        "a supports p (typo fixed)",
        "--note",
        "typo",
    ]);
    assert_eq!(ws.compare("p", &[])["voices"][0]["stance"], "refutes");
    // ... so a and b still agree.
    assert_eq!(agreements(&ws), 1);
}
