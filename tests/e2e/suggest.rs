//! From an article to a comparison: `ingest --about`, `about suggest` (ranked propositions for
//! unlinked claims, and `--eval`, the share ranked first on claims already linked) and `about
//! link`. The shares are printed for the closing note: on a fixture set of our own and on the
//! demo workspace.

use serde_json::Value;

use crate::plugin_support::*;
use crate::support::*;

/// Four propositions, each with words of its own and claims in Arabic and English.
fn fixture() -> Ws {
    let ws = Ws::with_keys(&["port", "radio", "ministry", "daily", "agency"]);
    for (key, text) in [
        (
            "ferries-halted",
            "Ferry crossings at Dunmore harbour are suspended after the storm",
        ),
        (
            "bridge-closed",
            "The northern bridge is closed because of cracks",
        ),
        (
            "minister-resigns",
            "The transport minister Salem Nasser resigned",
        ),
        ("fuel-prices", "Fuel prices rise by 12 percent in March"),
    ] {
        ws.ok(&["about", "add", key, "--text", text]);
    }
    let claims: [(&str, &str, &str); 12] = [
        (
            "port",
            "ferries-halted",
            "All ferry crossings from Dunmore stay suspended until the pier is repaired",
        ),
        (
            "radio",
            "ferries-halted",
            "توقفت رحلات العبارات في ميناء دنمور بعد العاصفة",
        ),
        (
            "agency",
            "ferries-halted",
            "Dunmore ferries will not sail this week, the harbour said",
        ),
        (
            "ministry",
            "bridge-closed",
            "أغلقت الوزارة الجسر الشمالي بسبب تشققات في دعاماته",
        ),
        (
            "daily",
            "bridge-closed",
            "Engineers found cracks in the northern bridge, which stays closed",
        ),
        (
            "radio",
            "bridge-closed",
            "The north bridge closure will last a month",
        ),
        (
            "daily",
            "minister-resigns",
            "Salem Nasser handed in his resignation as transport minister",
        ),
        (
            "agency",
            "minister-resigns",
            "استقال وزير النقل سالم ناصر من منصبه",
        ),
        (
            "radio",
            "minister-resigns",
            "Nasser resigned after the storm response was criticised",
        ),
        (
            "ministry",
            "fuel-prices",
            "ارتفعت أسعار الوقود بنسبة ١٢ بالمئة في مارس",
        ),
        (
            "daily",
            "fuel-prices",
            "Petrol and diesel cost 12 percent more from March",
        ),
        (
            "agency",
            "fuel-prices",
            "Fuel prices climbed in March, the ministry said",
        ),
    ];
    for (source, about, text) in claims {
        ws.add(&[
            "--source", source, "--about", about, "--stance", "supports", "--text", text,
        ]);
    }
    ws
}

fn share(ws: &Ws) -> (u64, u64, f64) {
    let e = ws.json(&["about", "suggest", "--eval", "--json"]);
    (
        e["first"].as_u64().unwrap(),
        e["claims"].as_u64().unwrap(),
        e["share"].as_f64().unwrap(),
    )
}

#[test]
fn suggest_ranks_the_right_proposition_first_for_most_claims() {
    let ws = fixture();
    let (first, claims, s) = share(&ws);
    println!(
        "about suggest --eval, fixture set: {first} of {claims} first ({:.0}%)",
        s * 100.0
    );
    assert_eq!(claims, 12);
    assert!(s > 0.5, "{first} of {claims}");
    // The human line says the same.
    let line = ws.ok(&["about", "suggest", "--eval"]);
    assert!(
        line.contains(&format!("{first} of {claims} linked claims")),
        "{line}"
    );
}

#[test]
fn suggest_ranks_the_right_proposition_first_on_the_demo_workspace() {
    let ws = Ws::empty();
    ws.write_toml(&std::fs::read_to_string(repo_root().join("workspace.toml")).unwrap());
    ws.ok(&[
        "import",
        repo_root().join("demo/claims.jsonl").to_str().unwrap(),
    ]);
    // The propositions demo/run.sh gives words to.
    let run = std::fs::read_to_string(repo_root().join("demo/run.sh")).unwrap();
    let mut declared = 0;
    for line in run.lines().filter(|l| l.starts_with("claims about add ")) {
        let cmd = line.split(" >").next().unwrap();
        let out = std::process::Command::new("bash")
            .args(["-c", &cmd.replacen("claims", "\"$CLAIMS\"", 1)])
            .env("CLAIMS", BIN)
            .current_dir(ws.path())
            .env("XDG_CONFIG_HOME", ws.path().join(".config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        declared += 1;
    }
    assert!(declared >= 12, "{run}");
    let (first, claims, s) = share(&ws);
    println!(
        "about suggest --eval, demo workspace: {first} of {claims} first ({:.0}%)",
        s * 100.0
    );
    assert!(claims >= 12, "{claims}");
    // "Most": strictly more than half.
    assert!(2 * first > claims, "{first} of {claims}");
}

#[test]
fn an_unlinked_claim_gets_suggestions_and_link_makes_it_count() {
    let ws = fixture();
    let id = ws.add(&[
        "--source",
        "daily",
        "--stance",
        "supports",
        "--text",
        "الجسر الشمالي مغلق حتى إشعار آخر بسبب التشققات",
    ]);
    let s = ws.json(&["about", "suggest", "--json"]);
    let s = s.as_array().unwrap();
    assert_eq!(s.len(), 1, "only the unlinked claim: {s:?}");
    assert_eq!(s[0]["id"], id.as_str());
    assert_eq!(s[0]["suggestions"][0]["key"], "bridge-closed", "{s:?}");
    let scores: Vec<f64> = s[0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(ws.ok(&["about", "suggest"]).contains("bridge-closed"));
    let before: Value = ws.json(&["compare", "bridge-closed", "--json"]);
    let head = ws.ok(&["head"]);
    let out = ws.ok(&["about", "link", "bridge-closed", &id[..10]]);
    assert!(out.contains("Linked 1 claim to bridge-closed"), "{out}");
    assert_ne!(ws.ok(&["head"]), head, "a logged edit");
    assert_eq!(ws.show(&id)["about"], "bridge-closed");
    assert_eq!(ws.show(&id)["seq"], 2);
    let after: Value = ws.json(&["compare", "bridge-closed", "--json"]);
    let n = |c: &Value| c["proposition"]["claims"].as_u64().unwrap();
    assert_eq!(n(&after), n(&before) + 1);
    // Linking again changes nothing; nothing is left to suggest.
    assert!(
        ws.ok(&["about", "link", "bridge-closed", &id])
            .contains("Linked 0 claims")
    );
    assert_eq!(
        ws.json(&["about", "suggest", "--json"]),
        serde_json::json!([])
    );
    let err = ws.err(&["about", "link", "bad key!", &id]);
    assert!(err.contains("bad key!"), "{err}");
}

#[test]
fn ingest_about_links_every_claim_of_the_document() {
    let ws = news_ws(DECLINERS);
    ws.file("ferry.txt", EN_ARTICLE);
    let r = json_with(
        &ws,
        &[],
        &[
            "ingest",
            "ferry.txt",
            "--parser",
            "news-article",
            "--about",
            "ferries-halted",
            "--create-sources",
            "--json",
        ],
    );
    let claims = r[0]["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for c in claims {
        let id = c["id"].as_str().unwrap();
        assert_eq!(ws.show(id)["about"], "ferries-halted");
    }
    let compared = ws.json(&["compare", "ferries-halted", "--json"]);
    assert_eq!(
        compared["proposition"]["claims"].as_u64().unwrap(),
        claims.len() as u64
    );
}
