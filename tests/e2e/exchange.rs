//! Issue 14: two analysts exchange bundles both ways. Concurrent new claims, a retraction and
//! divergent edits of one claim all survive; both end with the same record root; a later edit
//! merges the divergence.

use crate::support::*;
use serde_json::Value;

fn bundle(ws: &Ws, name: &str) -> std::path::PathBuf {
    let path = ws.path().join(name);
    ws.ok(&["bundle", "create", "-o", path.to_str().unwrap()]);
    path
}

fn apply(ws: &Ws, file: &std::path::Path) -> String {
    ws.ok(&["bundle", "apply", file.to_str().unwrap()])
}

fn record_root(ws: &Ws) -> Value {
    ws.json(&["head", "--record", "--json"])
}

#[test]
fn two_analysts_exchange_both_ways_and_hold_the_same_record() {
    // Salma starts the workspace; Omar, with the same workspace.toml (it is committed and
    // shared), receives all of its history.
    let salma = Ws::with_sources();
    let ids = add_fixture_claims(&salma);
    let omar = Ws::with_sources();
    let all = bundle(&salma, "all.bundle");
    apply(&omar, &all);
    assert_eq!(
        omar.json(&["head", "--json"])["root"],
        salma.json(&["head", "--json"])["root"],
        "a whole-workspace bundle re-creates the log exactly"
    );
    let shared = salma.ok(&["head"]).lines().next().unwrap().to_string();

    // Both edit the same claim independently; each records a new claim; Omar retracts one.
    let shared_claim = &ids[1];
    salma.ok(&[
        "edit",
        shared_claim,
        "--text",
        "Kim will travel by armoured train",
        "--note",
        "train",
    ]);
    let env_omar = |args: &[&str]| {
        let out = omar
            .cmd()
            .env("CLAIMS_ANALYST_NAME", "عمر")
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    env_omar(&[
        "edit",
        shared_claim,
        "--text",
        "Kim will travel to Vladivostok",
        "--note",
        "city",
    ]);
    let s_new = salma.add(&["--source", "nyt", "--text", "A report from Salma's desk"]);
    env_omar(&["add", "--source", "nis", "--text", "تقرير من مكتب عمر"]);
    env_omar(&["retract", &ids[3], "--note", "withdrawn by its source"]);

    // Exchange: each sends what the other lacks (since the shared head), both ways.
    let from_salma = salma.path().join("s.bundle");
    salma.ok(&[
        "bundle",
        "create",
        "--since",
        &shared,
        "-o",
        from_salma.to_str().unwrap(),
    ]);
    let from_omar = omar.path().join("o.bundle");
    omar.ok(&[
        "bundle",
        "create",
        "--since",
        &shared,
        "-o",
        from_omar.to_str().unwrap(),
    ]);
    apply(&omar, &from_salma);
    apply(&salma, &from_omar);

    // The same record on both sides, nothing lost, each log still proving its own growth.
    assert_eq!(record_root(&salma), record_root(&omar));
    assert_ne!(
        salma.json(&["head", "--json"])["root"],
        omar.json(&["head", "--json"])["root"],
        "each log keeps the order it received entries in"
    );
    salma.ok(&["fsck", "--head", &shared]);
    omar.ok(&["fsck", "--head", &shared]);
    for ws in [&salma, &omar] {
        ws.ok(&["fsck"]);
        let standing = ws.json(&["list", "--json"]);
        assert_eq!(
            standing.as_array().unwrap().len(),
            5,
            "4 claims + 2 new - 1 retracted"
        );
        assert_eq!(ws.list_all().len(), 6, "the retracted claim is kept");
        assert!(ws.show(&s_new)["text"].is_string());
        let shown = ws.show(shared_claim);
        assert_eq!(
            shown["divergent"].as_array().map(Vec::len),
            Some(1),
            "{shown}"
        );
        let log = ws.log(shared_claim);
        assert_eq!(
            log.iter().filter(|v| v["head"].is_string()).count(),
            2,
            "{log:?}"
        );
    }
    // The primary head is chosen the same way on both sides.
    assert_eq!(
        salma.show(shared_claim)["version"],
        omar.show(shared_claim)["version"]
    );
    // The claim counts once in list (its primary head).
    let listed = salma.list_all();
    assert_eq!(
        listed.iter().filter(|c| c["id"] == *shared_claim).count(),
        1
    );

    // fsck walks a diverged claim as a graph: a head marker taken off a head is named.
    omar.sql("UPDATE versions SET head = 0 WHERE head = 2");
    let out = omar.cmd().arg("fsck").assert().failure();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains(shared_claim.as_str()) && stdout.contains("head marker does not match"),
        "{stdout}"
    );

    // An edit naming the claim merges the heads.
    salma.ok(&[
        "edit",
        shared_claim,
        "--text",
        "Kim will travel by armoured train to Vladivostok",
        "--note",
        "both",
    ]);
    let merged = salma.show(shared_claim);
    assert!(merged["divergent"].is_null(), "{merged}");
    assert_eq!(
        merged["merged"].as_array().map(Vec::len),
        Some(1),
        "{merged}"
    );
    salma.ok(&["fsck"]);
    // Applying the same bundle twice changes nothing.
    let before = salma.state();
    apply(&salma, &from_omar);
    assert_eq!(salma.state(), before);
}

#[test]
fn concurrent_verdicts_on_one_proposition_are_refused_by_name_and_nothing_changes() {
    let a = Ws::with_sources();
    add_fixture_claims(&a);
    // The proposition is declared before the split, so the two sides differ only in their
    // verdicts (a ruling on an undeclared one declares it, at a time each side picks itself).
    a.ok(&[
        "about",
        "add",
        "kim-visit",
        "--text",
        "Kim Jong Un will visit Russia",
    ]);
    let b = Ws::with_sources();
    apply(&b, &bundle(&a, "base.bundle"));
    let shared = a.ok(&["head"]).lines().next().unwrap().to_string();
    a.ok(&[
        "verdict",
        "kim-visit",
        "--rating",
        "true",
        "--note",
        "a says so",
    ]);
    b.ok(&[
        "verdict",
        "kim-visit",
        "--rating",
        "false",
        "--note",
        "b says not",
    ]);
    let from_b = b.path().join("b.bundle");
    b.ok(&[
        "bundle",
        "create",
        "--since",
        &shared,
        "-o",
        from_b.to_str().unwrap(),
    ]);
    let before = a.state();
    let err = a.err(&["bundle", "apply", from_b.to_str().unwrap()]);
    assert!(
        err.contains("verdict on kim-visit version 1") && err.contains("independently"),
        "{err}"
    );
    assert_eq!(a.state(), before);
}
