//! `claims check` with real check plugins: the shipped `basic-checks` rules on the claims that
//! trigger them (and on a workspace that triggers none), and the C example's findings.

use crate::plugin_support::*;
use crate::support::assert_json_shape;

#[test]
fn basic_checks_reports_each_rule_on_the_claims_that_trigger_it() {
    let ws = checks_ws();
    let single = add_single_voice(&ws);
    let anon_a = ws.add(&[
        "--source",
        "tipster-a",
        "--about",
        "p-anon",
        "--stance",
        "supports",
        "--text",
        "The merger talks have stalled",
    ]);
    let anon_b = ws.add(&[
        "--source",
        "tipster-b",
        "--via",
        "reuters",
        "--about",
        "p-anon",
        "--stance",
        "supports",
        "--text",
        "Talks on the merger are stuck",
    ]);
    let state_a = ws.add(&[
        "--source",
        "tass",
        "--about",
        "p-state",
        "--stance",
        "supports",
        "--text",
        "The exercise was purely defensive",
    ]);
    let state_b = ws.add(&[
        "--source",
        "kremlin",
        "--about",
        "p-state",
        "--stance",
        "supports",
        "--text",
        "The drills posed no threat to anyone",
    ]);
    let circular = ws.add(&[
        "--source",
        "bbc",
        "--via",
        "afp",
        "--via",
        "bbc",
        "--text",
        "The harbour will reopen next month",
    ]);
    let quote_a = ws.add(&[
        "--source",
        "mayor",
        "--via",
        "bbc",
        "--about",
        "p-quote",
        "--stance",
        "neutral",
        "--quote",
        "--text",
        "We will not close the library this winter.",
    ]);
    let quote_b = ws.add(&[
        "--source",
        "mayor",
        "--via",
        "afp",
        "--about",
        "p-quote",
        "--stance",
        "neutral",
        "--quote",
        "--text",
        "We shall not close the library this winter",
    ]);
    let late = ws.add(&[
        "--source",
        "reuters",
        "--said-on",
        "2024-03-08",
        "--reported-on",
        "2024-03-07",
        "--text",
        "The shipment left the port",
    ]);
    ws.ok(&["plugin", "add", libs().basic_checks.to_str().unwrap()]);
    let before = ws.state();

    let findings = check_json(&ws, "basic-checks", &[]);
    let got: Vec<(String, Vec<String>)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                sorted(strings(&f["claims"])),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = vec![
        ("single-voice".into(), vec![single.clone()]),
        ("anonymous-only".into(), sorted(vec![anon_a, anon_b])),
        ("state-only".into(), sorted(vec![state_a, state_b])),
        ("circular-sourcing".into(), vec![circular]),
        ("quote-drift".into(), sorted(vec![quote_a, quote_b])),
        ("date-sanity".into(), vec![late.clone()]),
    ];
    assert_eq!(sorted_pairs(got), sorted_pairs(want), "{findings:#?}");

    let by_rule = |rule: &str| findings.iter().find(|f| f["rule"] == rule).unwrap();
    let drift = by_rule("quote-drift")["message"].as_str().unwrap();
    assert!(
        drift.contains("[-will-]{+shall+}"),
        "quote drift shows a word diff: {drift}"
    );
    assert!(drift.lines().count() > 1, "{drift}");
    let dates = by_rule("date-sanity");
    assert_eq!(dates["severity"], "error");
    let msg = dates["message"].as_str().unwrap();
    assert!(
        msg.contains("2024-03-08") && msg.contains("2024-03-07"),
        "{msg}"
    );
    assert_eq!(by_rule("circular-sourcing")["severity"], "error");
    assert_versions_are_heads(&ws, &findings);

    // Findings are stored (each one a log entry), and nothing else changes.
    let mut after = ws.state();
    let grown: serde_json::Value = serde_json::from_str(&after.head).unwrap();
    let was: serde_json::Value = serde_json::from_str(&before.head).unwrap();
    assert_eq!(
        grown["size"].as_u64().unwrap(),
        was["size"].as_u64().unwrap() + findings.len() as u64,
        "one log entry per finding"
    );
    after.head = before.head.clone();
    assert_eq!(after, before, "checking records no claim version");
    assert_eq!(
        ws.sql_query("SELECT COUNT(*) FROM findings").trim(),
        findings.len().to_string()
    );

    // Only the claims asked for.
    let report = json_with(
        &ws,
        &[],
        &["check", "--plugin", "basic-checks", "--json", &late],
    );
    assert_json_shape!("check_json", &report);
    let only = report["findings"].as_array().unwrap();
    assert_eq!(only.len(), 1, "{only:#?}");
    assert_eq!(only[0]["rule"], "date-sanity");
    assert_eq!(strings(&only[0]["claims"]), std::slice::from_ref(&late));

    // A correction makes a new head; the next findings name it.
    ws.ok(&[
        "edit",
        &late,
        "--said-on",
        "2024-03-06",
        "--note",
        "the date was a typo",
    ]);
    let after = check_json(&ws, "basic-checks", &[]);
    assert!(
        after.iter().all(|f| f["rule"] != "date-sanity"),
        "{after:#?}"
    );
    let single_again = after
        .iter()
        .find(|f| f["rule"] == "single-voice")
        .expect("still single-voice");
    assert_eq!(strings(&single_again["claims"]), [single]);
    assert_versions_are_heads(&ws, &after);
}

fn sorted_pairs(mut v: Vec<(String, Vec<String>)>) -> Vec<(String, Vec<String>)> {
    v.sort();
    v
}

#[test]
fn basic_checks_finds_nothing_in_a_well_sourced_workspace() {
    let ws = checks_ws();
    let mut ids = Vec::new();
    for (source, via, text) in [
        ("bbc", None, "The council approved the new budget"),
        (
            "reuters",
            Some("afp"),
            "The budget vote passed on its first reading",
        ),
        ("tass", None, "The budget was approved"),
    ] {
        let mut flags = vec![
            "--source",
            source,
            "--about",
            "p-budget",
            "--stance",
            "supports",
            "--said-on",
            "2024-03-05",
            "--reported-on",
            "2024-03-06",
            "--text",
            text,
        ];
        if let Some(v) = via {
            flags.extend(["--via", v]);
        }
        ids.push(ws.add(&flags));
    }
    ids.push(ws.add(&[
        "--source",
        "mayor",
        "--via",
        "bbc",
        "--about",
        "p-quote",
        "--stance",
        "neutral",
        "--quote",
        "--text",
        "We will not close the library this winter.",
    ]));
    let report = json_with(&ws, &[], &["check", "--plugin", "basic-checks", "--json"]);
    assert_eq!(report["checked"], ids.len() as u64, "{report}");
    assert_eq!(report["findings"], serde_json::json!([]), "{report}");
}

#[test]
fn the_c_example_is_pinned_by_plugin_add_and_reports_its_findings() {
    let ws = checks_ws();
    let lib = copy_lib(&ws, &libs().example_c, "libexample_c.so");
    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(
        out.contains("example-c"),
        "plugin add names the plugin: {out}"
    );

    let list = json_with(&ws, &[], &["plugin", "list", "--json"]);
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "example-c")
        .unwrap_or_else(|| panic!("example-c not listed: {list}"));
    assert_eq!(entry["state"], "ok", "{entry}");

    let unbalanced = ws.add(&[
        "--source",
        "bbc",
        "--text",
        "He called the plan \"reckless and said no more",
    ]);
    let short = ws.add(&["--source", "afp", "--text", "no"]);
    let long_text = "The committee reviewed the report line by line. ".repeat(14);
    let long = ws.add(&["--source", "reuters", "--text", long_text.trim()]);
    let fine = ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The budget was approved \"as is\"",
    ]);

    let findings = check_json(&ws, "example-c", &[]);
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let claims = strings(&f["claims"]);
            assert_eq!(claims.len(), 1, "{f}");
            (f["rule"].as_str().unwrap().to_string(), claims[0].clone())
        })
        .collect();
    got.sort();
    let mut want = vec![
        ("unbalanced-quotes".to_string(), unbalanced),
        ("blank-text".to_string(), short),
        ("long-text".to_string(), long),
    ];
    want.sort();
    assert_eq!(got, want, "{findings:#?}");
    assert!(
        findings
            .iter()
            .all(|f| !strings(&f["claims"]).contains(&fine)),
        "{findings:#?}"
    );
    assert_versions_are_heads(&ws, &findings);
}

#[test]
fn findings_are_read_back_once_and_a_second_run_on_unchanged_claims_stores_nothing() {
    let ws = checks_ws();
    let single = add_single_voice(&ws);
    let other = ws.add(&[
        "--source",
        "bbc",
        "--text",
        "A claim about nothing in particular",
    ]);
    let first = json_with(&ws, &[], &["check", "--plugin", "basic-checks", "--json"]);
    let found = first["findings"].as_array().unwrap().len();
    assert!(found > 0, "{first}");
    assert_eq!(first["stored"], found, "{first}");
    let rows = stored_counts(&ws);
    let head = ws.ok(&["head"]);
    // The same check on the same claims finds the same things and stores none of them again.
    let second = json_with(&ws, &[], &["check", "--plugin", "basic-checks", "--json"]);
    assert_eq!(second["findings"], first["findings"]);
    assert_eq!(second["stored"], 0, "{second}");
    assert_eq!(stored_counts(&ws), rows, "nothing new stored");
    assert_eq!(ws.ok(&["head"]), head, "nothing new logged");
    let human = ws.ok(&["check", "--plugin", "basic-checks"]);
    assert!(human.contains("0 new"), "{human}");

    // `claims findings` reads them back: each once, with the plugin, rule and versions seen.
    let listed = ws.json(&["findings", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), found, "{listed:?}");
    for (l, f) in listed.iter().zip(first["findings"].as_array().unwrap()) {
        for key in [
            "plugin", "rule", "severity", "message", "claims", "versions",
        ] {
            assert_eq!(l[key], f[key], "{key}: {l}");
        }
        assert_eq!(l["current"], true, "{l}");
        assert!(l["recorded_at"].as_str().unwrap().ends_with('Z'), "{l}");
    }
    let single_voice: Vec<&serde_json::Value> = listed
        .iter()
        .filter(|f| f["rule"] == "single-voice")
        .collect();
    assert_eq!(single_voice.len(), 1, "{listed:?}");
    // Filters: by claim (a prefix) and by plugin.
    let about_single = ws.json(&["findings", &single[..8], "--json"]);
    assert!(
        about_single
            .as_array()
            .unwrap()
            .iter()
            .all(|f| strings(&f["claims"]).contains(&single)),
        "{about_single}"
    );
    assert!(!about_single.as_array().unwrap().is_empty());
    assert_eq!(
        ws.json(&["findings", "--plugin", "no-such", "--json"]),
        serde_json::json!([])
    );
    let human = ws.ok(&["findings"]);
    assert!(human.contains("single-voice"), "{human}");
    assert!(human.contains(&single[..12]), "{human}");
    // show includes the claim's findings.
    let shown = ws.show(&single);
    assert_eq!(shown["findings"], about_single, "{shown}");
    assert!(ws.ok(&["show", &single]).contains("single-voice"));
    assert_eq!(
        ws.show(&other)["findings"],
        ws.json(&["findings", &other, "--json"])
    );
    // A correction makes the old finding about an older version, marked as such, not deleted.
    ws.ok(&[
        "edit",
        &single,
        "--text",
        "The council passed the budget",
        "--note",
        "wording",
    ]);
    let after = ws.json(&["findings", &single, "--json"]);
    assert_eq!(
        after.as_array().unwrap().len(),
        about_single.as_array().unwrap().len()
    );
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["current"] == false),
        "{after}"
    );
    assert!(ws.ok(&["findings", &single]).contains("(older version)"));
    // Checking the corrected claim stores its new findings: the versions differ.
    let third = json_with(
        &ws,
        &[],
        &["check", "--plugin", "basic-checks", "--json", &single],
    );
    assert!(third["stored"].as_u64().unwrap() > 0, "{third}");
}
