//! `claims add | edit | retract | show | list`.

use crate::support::*;
use predicates::prelude::*;
use serde_json::{Value, json};

#[test]
fn add_json_prints_the_new_id_and_version() {
    let ws = Ws::with_sources();
    let v = ws.json(&[
        "add",
        "--source",
        "sullivan",
        "--text",
        "North Korea will pay a price for arming Russia",
        "--json",
    ]);
    assert!(is_claim_id(v["id"].as_str().unwrap()), "{v}");
    assert!(is_hash(v["version"].as_str().unwrap()), "{v}");
    assert_eq!(v["created"], true);
    let shown = ws.show(v["id"].as_str().unwrap());
    assert_eq!(shown["version"], v["version"]);
    assert_eq!(shown["seq"], 1);
    assert_eq!(shown["versions"], 1);
    assert_eq!(shown["parent"], Value::Null);
    assert_eq!(shown["retracted"], false);
}

#[test]
fn add_text_output_names_the_short_id() {
    let ws = Ws::with_sources();
    let out = ws.ok(&[
        "add",
        "--source",
        "nyt",
        "--text",
        "Kim will go by armoured train",
    ]);
    let id = ws.list_ids(&[])[0].clone();
    assert!(
        out.starts_with(&format!("Recorded claim {} (version ", &id[..12])),
        "{out}"
    );
}

#[test]
fn add_resolves_sources_by_key_name_and_arabic_alias_and_keeps_the_via_chain_order() {
    let ws = Ws::with_sources();
    let id = ws.add(&[
        "--source",
        "جهاز الاستخبارات الوطني",
        "--via",
        "وكالة يونهاب",
        "--via",
        "The New York Times",
        "--text",
        "Shoigu proposed three-way naval exercises with China",
    ]);
    let v = ws.show(&id);
    assert_eq!(v["source"], "nis");
    assert_eq!(
        v["via"],
        json!(["yonhap", "nyt"]),
        "innermost first, as given"
    );
    // The other order is a different claim with the chain reversed.
    let id2 = ws.add(&[
        "--source",
        "nis",
        "--via",
        "nyt",
        "--via",
        "yonhap",
        "--text",
        "Shoigu proposed three-way naval exercises with China",
    ]);
    assert_ne!(id, id2);
    assert_eq!(ws.show(&id2)["via"], json!(["nyt", "yonhap"]));
    let text = ws.ok(&["show", &id]);
    assert!(text.contains("nis ← yonhap ← nyt"), "{text}");
}

#[test]
fn arabic_text_round_trips_byte_for_byte() {
    let ws = Ws::with_sources();
    // Diacritics (fatha, shadda, kasratan), tatweel, Arabic-Indic digits, RLM marks, a
    // combining sequence that NFC would compose (alef + combining madda = U+0622), a Latin
    // combining acute, and a trailing space that trimming would lose.
    let text = "\u{200F}قالَ مسؤولـــونَ أمريكيّونَ إنّ كيم سيصل خلال ٣٦ ساعةً\u{200F} \
                بقطار مدرّع إلى فلاديفوستوك؛ ا\u{0653}خر تحديث: Pe\u{0301}skov ";
    let id = ws.add(&[
        "--source",
        "مسؤولون أمريكيون",
        "--via",
        "نيويورك تايمز",
        "--text",
        text,
        "--lang",
        "ar",
    ]);
    let v = ws.show(&id);
    assert_eq!(v["text"].as_str().unwrap().as_bytes(), text.as_bytes());
    // Also through list and log, and through the human output.
    let listed = ws.list_all();
    assert_eq!(listed[0]["text"].as_str().unwrap(), text);
    assert_eq!(ws.log(&id)[0]["text"].as_str().unwrap(), text);
    let human = ws.ok(&["show", &id]);
    assert!(human.contains(text), "human show must print the exact text");
    // A version with the composed form is a different claim: nothing was normalised on write.
    let composed = text.replace("ا\u{0653}", "\u{0622}");
    let id2 = ws.add(&[
        "--source",
        "مسؤولون أمريكيون",
        "--via",
        "نيويورك تايمز",
        "--text",
        &composed,
        "--lang",
        "ar",
    ]);
    assert_ne!(id, id2);
}

#[test]
fn adding_identical_content_again_records_nothing() {
    let ws = Ws::with_sources();
    let args = [
        "--source",
        "peskov",
        "--about",
        "kim-visit",
        "--stance",
        "neutral",
        "--text",
        "I have nothing to tell you on this",
    ];
    let id = ws.add(&args);
    let before = ws.state();
    // Again, by an alias and with a different note: same claim, nothing recorded.
    let mut again = args.to_vec();
    again[1] = "بيسكوف";
    again.extend(["--note", "seen again on TASS"]);
    let mut cmd = vec!["add"];
    cmd.extend(&again);
    let out = ws.ok(&cmd);
    assert!(
        out.contains(&format!("Already recorded as claim {}", &id[..12]))
            && out.contains("nothing changed"),
        "{out}"
    );
    cmd.push("--json");
    let v = ws.json(&cmd);
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["created"], false);
    assert_eq!(v["version"], ws.show(&id)["version"]);
    assert_eq!(ws.state(), before);
}

#[test]
fn a_six_letter_prefix_resolves_and_so_does_the_full_id() {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    for id in &ids {
        assert_eq!(id_of(&ws.show(&id[..6])), *id);
        assert_eq!(id_of(&ws.show(id)), *id);
    }
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates() {
    let ws = Ws::with_sources();
    // 17 claims over 16 possible first letters: two must share one.
    let mut lines = String::new();
    for n in 1..=17 {
        lines.push_str(&format!(
            "{{\"source\":\"yonhap\",\"text\":\"Report number {n} on the naval drills\"}}\n"
        ));
    }
    ws.file("many.jsonl", &lines);
    ws.ok(&["import", "many.jsonl"]);
    let ids: Vec<String> = ws.list_all().iter().map(id_of).collect();
    assert_eq!(ids.len(), 17);
    let letter = (b'k'..=b'z')
        .map(|b| b as char)
        .find(|c| ids.iter().filter(|id| id.starts_with(*c)).count() >= 2)
        .expect("pigeonhole");
    let sharing: Vec<&String> = ids.iter().filter(|id| id.starts_with(letter)).collect();
    let before = ws.state();
    for cmd in [
        vec!["show", &letter.to_string()],
        vec!["log", &letter.to_string()],
        vec!["retract", &letter.to_string(), "--note", "x"],
        vec!["edit", &letter.to_string(), "--text", "y", "--note", "x"],
    ] {
        let cmd: Vec<&str> = cmd.iter().map(|s| s.as_ref()).collect();
        let msg = ws.err(&cmd);
        assert!(
            msg.contains(&format!("ambiguous claim id prefix `{letter}`")),
            "{msg}"
        );
        let listed = sharing.iter().filter(|id| msg.contains(&id[..12])).count();
        assert_eq!(listed, sharing.len().min(3), "candidates in: {msg}");
    }
    assert_eq!(ws.state(), before);
}

#[test]
fn said_on_with_arabic_indic_digits_is_canonicalised() {
    let ws = Ws::with_sources();
    let a = ws.add(&[
        "--source",
        "sullivan",
        "--said-on",
        "٢٠٢٣-٠٩-٠٥",
        "--reported-on",
        "۲۰۲۳-۰۹-۰۶",
        "--text",
        "A warning",
    ]);
    let v = ws.show(&a);
    assert_eq!(v["said_on"], "2023-09-05");
    assert_eq!(v["reported_on"], "2023-09-06", "Persian digits too");
    // The same date in ASCII is the same claim.
    let out = ws.json(&[
        "add",
        "--source",
        "sullivan",
        "--said-on",
        "2023-09-05",
        "--reported-on",
        "2023-09-06",
        "--text",
        "A warning",
        "--json",
    ]);
    assert_eq!(out["id"], a.as_str());
    assert_eq!(out["created"], false);
}

#[test]
fn show_json_has_every_documented_field() {
    let ws = Ws::with_sources();
    let id = ws.add(&[
        "--source",
        "peskov",
        "--about",
        "kim-visit",
        "--stance",
        "neutral",
        "--quote",
        "--said-on",
        "2023-09-05",
        "--reported-on",
        "2023-09-05",
        "--url",
        "https://example.org/peskov",
        "--lang",
        "en",
        "--note",
        "from the daily briefing",
        "--text",
        "We have nothing to say on this subject",
    ]);
    let v = ws.show(&id);
    assert_json_shape!("show_json", &v);
    assert_eq!(v["id"], id.as_str());
    assert!(is_hash(v["version"].as_str().unwrap()), "{v}");
    assert_eq!(v["parent"], Value::Null, "a first version has no parent");
    assert_eq!(
        (v["seq"].as_u64(), v["versions"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["quote"], true);
    assert_eq!(v["stance"], "neutral");
    assert_eq!(v["url"], "https://example.org/peskov");
    assert_eq!(v["note"], "from the daily briefing");
    assert_eq!(v["value"], Value::Null);
    let at = v["recorded_at"].as_str().unwrap();
    assert!(
        at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );
    let text = ws.ok(&["show", &id]);
    for want in [
        &format!("claim {id}")[..],
        "version 1 of 1",
        "source      peskov",
        "stance      neutral",
        "quote       yes (direct quote)",
        "said on     2023-09-05",
        "note        from the daily briefing",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn edit_records_version_two_with_its_note() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    let v1 = ws.show(&nyt);
    let out = ws.ok(&[
        "edit",
        &nyt[..8],
        "--text",
        "Kim Jong Un intends to go to Russia by armoured train, to Vladivostok, to meet Vladimir Putin",
        "--note",
        "the NYT updated its story",
    ]);
    assert!(out.starts_with("Recorded version 2 of claim"), "{out}");
    let v2 = ws.show(&nyt);
    assert_eq!(v2["id"], v1["id"], "the id is stable across versions");
    assert!(is_hash(v2["version"].as_str().unwrap()));
    assert_ne!(v2["version"], v1["version"]);
    assert_eq!(v2["parent"], v1["version"]);
    assert_eq!(v2["seq"], 2);
    assert_eq!(v2["versions"], 2);
    assert_eq!(v2["note"], "the NYT updated its story");
    // Flags left out keep their value.
    assert_eq!(v2["source"], "us-officials");
    assert_eq!(v2["via"], json!(["nyt"]));
    assert_eq!(v2["about"], "kim-visit");
    assert_eq!(v2["said_on"], "2023-09-04");
}

#[test]
fn edit_json_reports_the_change() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    let v = ws.json(&[
        "edit",
        &sullivan,
        "--said-on",
        "2023-09-06",
        "--note",
        "date fixed",
        "--json",
    ]);
    assert_eq!(v["id"], sullivan.as_str());
    assert_eq!(v["seq"], 2);
    assert_eq!(v["changed"], true);
    assert_eq!(v["version"], ws.show(&sullivan)["version"]);
}

#[test]
fn edit_with_identical_content_is_a_no_op() {
    let ws = Ws::with_sources();
    let [_, _, peskov, _] = add_fixture_claims(&ws);
    let before = ws.state();
    let out = ws.ok(&[
        "edit",
        &peskov,
        "--text",
        "We have nothing to say on this subject",
        "--source",
        "دميتري بيسكوف",
        "--note",
        "re-checked",
    ]);
    assert!(
        out.starts_with("No change: the content equals version 1"),
        "{out}"
    );
    assert_eq!(ws.state(), before);
    let v = ws.json(&[
        "edit", &peskov, "--stance", "neutral", "--note", "again", "--json",
    ]);
    assert_eq!(v["changed"], false);
    assert_eq!(v["seq"], 1);
    assert_eq!(ws.state(), before);
}

#[test]
fn edit_with_an_empty_value_clears_the_field() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &nyt,
        "--about",
        "",
        "--stance",
        "",
        "--note",
        "not about the visit after all",
    ]);
    let v = ws.show(&nyt);
    assert_eq!(v["about"], Value::Null);
    assert_eq!(v["stance"], Value::Null);
    assert_eq!(v["seq"], 2);
    // --no-via removes the chain, --via replaces it.
    ws.ok(&["edit", &nyt, "--no-via", "--note", "heard directly"]);
    assert_eq!(ws.show(&nyt)["via"], json!([]));
    ws.ok(&[
        "edit", &nyt, "--via", "yonhap", "--via", "nyt", "--note", "relayed",
    ]);
    assert_eq!(ws.show(&nyt)["via"], json!(["yonhap", "nyt"]));
    assert_eq!(ws.show(&nyt)["seq"], 4);
}

#[test]
fn edit_without_a_note_is_refused_by_the_parser() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    let before = ws.state();
    ws.cmd()
        .args(["edit", &sullivan, "--text", "changed"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--note"));
    assert_eq!(ws.state(), before);
}

#[test]
fn retract_marks_the_claim_and_list_hides_it_unless_all() {
    let ws = Ws::with_sources();
    let [sullivan, nyt, peskov, yonhap] = add_fixture_claims(&ws);
    let out = ws.ok(&["retract", &nyt[..7], "--note", "the report was withdrawn"]);
    assert!(out.starts_with("Retracted claim"), "{out}");
    assert!(out.contains("its history is kept"), "{out}");
    let v = ws.show(&nyt);
    assert_eq!(v["retracted"], true);
    assert_eq!(v["seq"], 2);
    assert_eq!(v["note"], "the report was withdrawn");
    assert_eq!(
        v["text"],
        "Kim Jong Un intends to go to Russia this month to meet Vladimir Putin"
    );
    assert_eq!(
        ws.list_ids(&[]),
        [sullivan.clone(), peskov.clone(), yonhap.clone()]
    );
    let mut all = ws.list_ids(&["--all"]);
    all.sort();
    let mut want = vec![sullivan, nyt.clone(), peskov, yonhap];
    want.sort();
    assert_eq!(all, want);
    let human = ws.ok(&["list"]);
    assert!(!human.contains(&nyt[..12]), "{human}");
    let human = ws.ok(&["list", "--all"]);
    assert!(
        human.contains(&format!("{} (retracted)", &nyt[..12])),
        "{human}"
    );
    let shown = ws.ok(&["show", &nyt]);
    assert!(shown.starts_with("retracted claim"), "{shown}");
    let log = ws.log(&nyt);
    assert_eq!(log[1]["action"], "retract");
    assert_eq!(log[0]["action"], "record");
}

#[test]
fn retract_json_prints_the_version() {
    let ws = Ws::with_sources();
    let [sullivan, ..] = add_fixture_claims(&ws);
    let v = ws.json(&["retract", &sullivan, "--note", "misattributed", "--json"]);
    assert_eq!(v["id"], sullivan.as_str());
    assert_eq!(v["seq"], 2);
    assert_eq!(v["version"], ws.show(&sullivan)["version"]);
}

#[test]
fn editing_a_retracted_claim_needs_revive() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    ws.ok(&["retract", &nyt, "--note", "withdrawn"]);
    let before = ws.state();
    let msg = ws.err(&["edit", &nyt, "--text", "a fix", "--note", "typo"]);
    assert!(
        msg.contains("is retracted") && msg.contains("--revive"),
        "{msg}"
    );
    assert!(msg.contains(&nyt[..12]), "{msg}");
    assert_eq!(ws.state(), before, "nothing recorded");
    // With --revive, even an edit that changes no field brings the claim back as version 3.
    let v = ws.json(&["edit", &nyt, "--revive", "--note", "reinstated", "--json"]);
    assert_eq!(v["changed"], true);
    assert_eq!(v["seq"], 3);
    let shown = ws.show(&nyt);
    assert_eq!(shown["retracted"], false);
    assert_eq!(shown["note"], "reinstated");
    assert!(ws.list_ids(&[]).contains(&nyt));
}

#[test]
fn retracting_twice_is_an_error_and_changes_nothing() {
    let ws = Ws::with_sources();
    let [_, nyt, ..] = add_fixture_claims(&ws);
    ws.ok(&["retract", &nyt, "--note", "withdrawn"]);
    let before = ws.state();
    let msg = ws.err(&["retract", &nyt, "--note", "withdrawn again"]);
    assert!(msg.contains("already retracted"), "{msg}");
    assert!(msg.contains(&nyt), "{msg}");
    assert_eq!(ws.state(), before);
}

#[test]
fn list_filters_by_source_origin_or_via() {
    let ws = Ws::with_sources();
    let [sullivan, nyt, peskov, yonhap] = add_fixture_claims(&ws);
    assert_eq!(ws.list_ids(&["--source", "nyt"]), [nyt.as_str()], "via");
    assert_eq!(
        ws.list_ids(&["--source", "us-officials"]),
        [nyt.as_str()],
        "origin"
    );
    assert_eq!(
        ws.list_ids(&["--source", "يونهاب"]),
        [yonhap.as_str()],
        "Arabic alias"
    );
    assert_eq!(
        ws.list_ids(&["--source", "white-house"]),
        [sullivan.as_str()]
    );
    assert_eq!(ws.list_ids(&["--source", "بيسكوف"]), [peskov.as_str()]);
    assert!(ws.list_ids(&["--source", "kremlin"]).is_empty());
    let msg = ws.err(&["list", "--source", "bbc"]);
    assert!(msg.contains("unknown source `bbc`"), "{msg}");
}

#[test]
fn list_filters_by_about_since_and_limit() {
    let ws = Ws::with_sources();
    let [sullivan, nyt, peskov, yonhap] = add_fixture_claims(&ws);
    assert_eq!(
        ws.list_ids(&["--about", "kim-visit"]),
        [nyt.clone(), peskov.clone()]
    );
    assert_eq!(
        ws.list_ids(&["--about", "shoigu-drills"]),
        [yonhap.as_str()]
    );
    assert!(ws.list_ids(&["--about", "nothing-here"]).is_empty());
    assert_eq!(
        ws.list_ids(&["--since", "2023-09-05"]),
        [sullivan.clone(), peskov.clone()]
    );
    assert_eq!(
        ws.list_ids(&["--since", "٢٠٢٣-٠٩-٠٥"]),
        [sullivan.clone(), peskov.clone()]
    );
    assert_eq!(ws.list_ids(&["--since", "2023-09-04"]).len(), 4);
    assert!(ws.list_ids(&["--since", "2023-09-06"]).is_empty());
    assert_eq!(
        ws.list_ids(&["--limit", "2"]),
        [sullivan.clone(), nyt.clone()]
    );
    assert_eq!(
        ws.list_ids(&["--about", "kim-visit", "--limit", "1"]),
        [nyt.as_str()]
    );
    assert_eq!(
        ws.list_ids(&["--since", "2023-09-05", "--about", "kim-visit"]),
        [peskov.as_str()]
    );
    let msg = ws.err(&["list", "--since", "2023-13-01"]);
    assert!(msg.contains("bad date"), "{msg}");
}

#[test]
fn list_json_has_an_id_for_every_claim_and_list_text_has_a_row_each() {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    let items = as_array(ws.json(&["list", "--json"]));
    assert_eq!(items.len(), 4);
    for (item, id) in items.iter().zip(&ids) {
        assert_eq!(item["id"], id.as_str());
        assert!(is_hash(item["version"].as_str().unwrap()));
        assert!(
            item.get("versions").is_none(),
            "list items do not count versions"
        );
    }
    let text = ws.ok(&["list"]);
    assert_eq!(text.lines().count(), 5, "header and one row each:\n{text}");
    for id in &ids {
        assert!(text.contains(&id[..12]), "{text}");
    }
    assert!(text.contains("nis ← yonhap"), "{text}");
}

#[test]
fn list_keeps_first_recorded_order_after_edits_and_retractions() {
    let ws = Ws::with_sources();
    let [sullivan, nyt, peskov, yonhap] = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &sullivan,
        "--said-on",
        "2023-09-06",
        "--note",
        "date fixed",
    ]);
    ws.ok(&["retract", &nyt, "--note", "withdrawn"]);
    assert_eq!(
        ws.list_ids(&["--all"]),
        [sullivan.clone(), nyt, peskov.clone(), yonhap.clone()],
        "`list` promises oldest first"
    );
    assert_eq!(ws.list_ids(&[]), [sullivan, peskov, yonhap]);
}

#[test]
fn list_limit_zero_lists_nothing() {
    let ws = Ws::with_sources();
    add_fixture_claims(&ws);
    assert_eq!(ws.list_ids(&["--limit", "0"]), Vec::<String>::new());
}

#[test]
fn list_on_an_empty_workspace() {
    let ws = Ws::with_sources();
    assert_eq!(ws.ok(&["list"]), "No claims match.\n");
    assert_eq!(ws.json(&["list", "--json"]), json!([]));
}

#[test]
fn add_requires_source_and_text() {
    let ws = Ws::with_sources();
    let msg = ws.err(&["add", "--text", "who said this?"]);
    assert!(msg.contains("--source is required"), "{msg}");
    let msg = ws.err(&["add", "--source", "nyt"]);
    assert!(msg.contains("--text or --text-file is required"), "{msg}");
    assert!(ws.list_all().is_empty());
}

#[test]
fn write_commands_json_shapes_match_docs_json_md() {
    let ws = Ws::with_sources();
    let add = ws.json(&[
        "add",
        "--source",
        "nyt",
        "--text",
        "Kim is on his way",
        "--json",
    ]);
    assert_json_shape!("add_json", &add);
    assert_eq!(add["created"], true);
    let id = id_of(&add);
    let edit = ws.json(&[
        "edit",
        &id,
        "--text",
        "Kim is on his way by train",
        "--note",
        "n",
        "--json",
    ]);
    assert_json_shape!("edit_json", &edit);
    assert_eq!(
        (edit["id"].as_str(), edit["seq"].as_u64()),
        (Some(&id[..]), Some(2))
    );
    assert_eq!(edit["changed"], true);
    let retract = ws.json(&["retract", &id, "--note", "n", "--json"]);
    assert_json_shape!("retract_json", &retract);
    assert_eq!(retract["id"], id.as_str());
    assert_eq!(retract["seq"], 3);
    let log = ws.log(&id);
    assert_json_shape!("log_json", &log);
    let actions: Vec<&Value> = log.iter().map(|v| &v["action"]).collect();
    assert_eq!(actions, ["record", "record", "retract"], "oldest first");
    // Each version's parent is the version before it; the last is what retract reported.
    assert_eq!(log[0]["version"], add["version"]);
    assert_eq!(log[1]["version"], edit["version"]);
    assert_eq!(log[1]["parent"], log[0]["version"]);
    assert_eq!(log[2]["parent"], log[1]["version"]);
    assert_eq!(log[2]["version"], retract["version"]);
}

#[test]
fn the_same_content_gets_the_same_id_in_another_workspace() {
    // Ids derive from the first version's content (docs/hashing.md), not from time or place.
    let a = Ws::with_sources();
    let b = Ws::with_sources();
    let ids_a = add_fixture_claims(&a);
    let ids_b = add_fixture_claims(&b);
    assert_eq!(ids_a, ids_b);
    // ...while version hashes cover the note, so a different note is a different version hash
    // but still the same claim id.
    let c = Ws::with_sources();
    let v = c.json(&[
        "add",
        "--source",
        "sullivan",
        "--via",
        "white-house",
        "--about",
        "nk-arms-warning",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-05",
        "--lang",
        "en",
        "--note",
        "from the briefing room",
        "--text",
        "North Korea will pay a price if it supplies Russia with weapons for the war in Ukraine",
        "--json",
    ]);
    assert_eq!(id_of(&v), ids_a[0]);
    assert_ne!(v["version"], a.show(&ids_a[0])["version"]);
}

#[test]
fn concurrent_adds_all_land() {
    let ws = Ws::with_sources();
    let spawned: Vec<_> = (0..8)
        .map(|n| {
            std::process::Command::new(BIN)
                .current_dir(ws.path())
                .env_remove("CLAIMS_WORKSPACE")
                .env("NO_COLOR", "1")
                .args([
                    "add",
                    "--source",
                    "nis",
                    "--text",
                    &format!("Parallel dispatch {n} on the summit"),
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(ws.list_all().len(), 8);
    ws.ok(&["fsck"]);
}

#[test]
fn edit_no_quote_and_empty_value_clear_and_diff_shows_them() {
    let ws = Ws::with_sources();
    let id = ws.add(&[
        "--source",
        "nis",
        "--via",
        "yonhap",
        "--about",
        "drill-partners",
        "--value",
        "٣",
        "--quote",
        "--text",
        "three countries would take part in the drills",
    ]);
    assert_eq!(ws.show(&id)["value"], "٣", "values are stored as typed");
    ws.ok(&[
        "edit",
        &id,
        "--no-quote",
        "--value",
        "",
        "--lang",
        "en",
        "--note",
        "paraphrase",
    ]);
    let v = ws.show(&id);
    assert_eq!(v["quote"], false);
    assert_eq!(v["value"], Value::Null);
    assert_eq!(v["lang"], "en");
    let d = ws.ok(&["diff", &id]);
    assert!(d.contains("value: ٣ → (none)"), "{d}");
    assert!(d.contains("quote: true → false"), "{d}");
    assert!(d.contains("lang: (none) → en"), "{d}");
    // --quote with --no-quote is refused by the parser, and changes nothing.
    let before = ws.state();
    ws.cmd()
        .args(["edit", &id, "--quote", "--no-quote", "--note", "n"])
        .assert()
        .failure();
    assert_eq!(ws.state(), before);
}

#[test]
fn concurrent_identical_adds_on_a_fresh_clone_record_one_claim() {
    // Only workspace.toml: every process races to create .claims/ and migrate the database.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("workspace.toml"), FIXTURE_TOML).unwrap();
    let spawned: Vec<_> = (0..10)
        .map(|_| {
            std::process::Command::new(BIN)
                .current_dir(dir.path())
                .env_remove("CLAIMS_WORKSPACE")
                .env("NO_COLOR", "1")
                .args(["add", "--source", "الكرملين", "--text", "لا تعليق"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = claims_in(dir.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    claims_in(dir.path()).arg("fsck").assert().success();
}

#[test]
fn text_file_reads_long_arabic_text_byte_for_byte_from_a_file_or_stdin() {
    let ws = Ws::with_sources();
    // Far more than fits on a command line is not needed to prove the path; 300 KB is enough
    // to be awkward as an argument, and Arabic with diacritics must survive untouched.
    let text = "كيمُ جونغ أون يعتزم زيارة روسيا، وفق مسؤولين أمريكيين. ".repeat(3000);
    let file = ws.file("long.txt", &format!("{text}\n"));
    let id = ws.add(&["--source", "nyt", "--text-file", file.to_str().unwrap()]);
    assert_eq!(
        ws.show(&id)["text"],
        text.as_str(),
        "one final line break dropped, nothing else"
    );

    let out = ws
        .cmd()
        .args([
            "edit",
            &id,
            "--text-file",
            "-",
            "--note",
            "from stdin",
            "--json",
        ])
        .write_stdin("نص مصحح من الإدخال القياسي\r\n")
        .assert()
        .success();
    assert!(!out.get_output().stdout.is_empty());
    assert_eq!(ws.show(&id)["text"], "نص مصحح من الإدخال القياسي");

    // Not UTF-8, over the limit, both flags, or a missing file: one line, nothing written.
    let before = ws.state();
    let bad = ws.path().join("latin1.txt");
    std::fs::write(&bad, b"caf\xe9").unwrap();
    let err = ws.err(&[
        "add",
        "--source",
        "nyt",
        "--text-file",
        bad.to_str().unwrap(),
    ]);
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    ws.write_toml(&format!("[limits]\nmax_text_bytes = \"1K\"\n{}", ws.toml()));
    let err = ws.err(&[
        "add",
        "--source",
        "nyt",
        "--text-file",
        file.to_str().unwrap(),
    ]);
    assert!(err.contains("larger than the limit of 1 KiB"), "{err}");
    // A usage mistake is clap's to explain, with the usage line.
    let out = ws
        .cmd()
        .args(["add", "--source", "nyt", "--text", "a", "--text-file", "x"])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let err = ws.err(&["add", "--source", "nyt", "--text-file", "missing.txt"]);
    assert!(err.contains("missing.txt"), "{err}");
    // The operating system's reason is given once, not once per layer that passed it on.
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    let mut after = ws.state();
    after.toml = before.toml.clone();
    assert_eq!(after, before);
}
