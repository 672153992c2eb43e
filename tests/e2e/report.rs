//! `claims report` looked at the way a person would: a workspace built through the real binary
//! (Arabic and English claims with relay chains, an edit, a retraction, verdicts, both kinds of
//! proposition, a hostile text, check findings), the page opened in headless Chromium, and the
//! rendered DOM checked: every proposition, claim and diff there, Arabic laid out right to left,
//! no request leaving the page, no console error. A screenshot is kept under
//! target/test-artifacts/.
//!
//! Chromium is found at `$CHROME` or /usr/bin/chromium; `.ci/run` installs Debian's `chromium`
//! when it is missing. Without a browser this test fails, saying how to install one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption as ConsoleType;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Network, Page};
use headless_chrome::{Browser, LaunchOptions};
use serde_json::Value;

use crate::plugin_support::*;
use crate::support::{Ws, as_array, id_of};

const ARABIC_SOURCES: &str = r#"
[sources.aljazeera]
name = "الجزيرة"
kind = "outlet"

[sources.minister]
name = "وزير الخارجية"
kind = "official"
"#;

const ARABIC_V1: &str = "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل في الدوحة";
const ARABIC_V2: &str = "قال الوزير إن المحادثات ستستأنف الشهر المقبل في الدوحة";
const MIXED: &str = "قالت Reuters إن the talks ستستأنف في March بحسب مصدرين";
const ENGLISH: &str = "The talks will resume next week in Doha, officials said";
/// A text that is markup if the page fails to escape it: a script that would rename the page
/// and an image that would be fetched (a request the test would see).
const HOSTILE: &str = "<script>document.title='pwned'</script><img src=\"x.png\" onerror=\"document.title='pwned'\"> & \"quoted\"";

/// The flags that keep a headless Chromium quiet on a machine without network.
const CHROME_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The browser to drive: `$CHROME`, else /usr/bin/chromium; a clear failure when neither is
/// there (never a silent pass).
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "no browser for the report test: {} does not exist. Install Chromium \
         (`apt-get install -y chromium` on Debian; `.ci/run` does this) or set CHROME to a \
         Chromium or Chrome executable.",
        path.display()
    );
    path
}

fn add(ws: &Ws, args: &[&str]) -> String {
    ws.add(args)
}

/// The workspace the page is made of; returns (workspace, the Arabic claim, the English one,
/// the hostile one, the retracted one).
fn build() -> (Ws, [String; 4]) {
    let ws = checks_ws();
    ws.write_toml(&format!("{}{ARABIC_SOURCES}", ws.toml()));
    ws.ok(&[
        "about",
        "add",
        "talks-resume",
        "--kind",
        "statement",
        "--text",
        "محادثات الدوحة ستستأنف قريباً (the Doha talks resume soon)",
    ]);
    ws.ok(&[
        "about",
        "add",
        "talks-date",
        "--kind",
        "value",
        "--text",
        "The month the talks resume",
    ]);
    let arabic = add(
        &ws,
        &[
            "--source",
            "minister",
            "--via",
            "aljazeera",
            "--about",
            "talks-resume",
            "--stance",
            "supports",
            "--lang",
            "ar",
            "--said-on",
            "2024-03-01",
            "--reported-on",
            "2024-03-02",
            "--text",
            ARABIC_V1,
        ],
    );
    ws.ok(&[
        "edit",
        &arabic,
        "--text",
        ARABIC_V2,
        "--note",
        "the minister said month, not week",
    ]);
    add(
        &ws,
        &[
            "--source",
            "reuters",
            "--via",
            "aljazeera",
            "--about",
            "talks-resume",
            "--stance",
            "supports",
            "--lang",
            "ar",
            "--reported-on",
            "2024-03-03",
            "--text",
            MIXED,
        ],
    );
    let english = add(
        &ws,
        &[
            "--source",
            "afp",
            "--via",
            "bbc",
            "--about",
            "talks-resume",
            "--stance",
            "supports",
            "--lang",
            "en",
            "--said-on",
            "2024-03-01",
            "--text",
            ENGLISH,
        ],
    );
    let hostile = add(
        &ws,
        &[
            "--source",
            "tass",
            "--about",
            "talks-resume",
            "--stance",
            "refutes",
            "--said-on",
            "2024-03-04",
            "--text",
            HOSTILE,
        ],
    );
    add(
        &ws,
        &[
            "--source",
            "reuters",
            "--about",
            "talks-date",
            "--value",
            "2024-03",
            "--text",
            "Talks are set to resume in March",
        ],
    );
    add(
        &ws,
        &[
            "--source",
            "aljazeera",
            "--about",
            "talks-date",
            "--value",
            "2024-04",
            "--lang",
            "ar",
            "--text",
            "المحادثات ستستأنف في أبريل",
        ],
    );
    let retracted = add(
        &ws,
        &[
            "--source",
            "kremlin",
            "--about",
            "talks-resume",
            "--stance",
            "refutes",
            "--text",
            "No talks are planned",
        ],
    );
    ws.ok(&["retract", &retracted, "--note", "misattributed"]);
    add_single_voice(&ws);
    ws.ok(&[
        "verdict",
        "talks-resume",
        "--rating",
        "true",
        "--note",
        "they resumed on 10 March",
    ]);
    ws.ok(&[
        "verdict",
        "talks-date",
        "--rating",
        "true",
        "--value",
        "2024-03",
        "--note",
        "the talks resumed in March",
    ]);
    let findings = check_json(&ws, "basic-checks", &[]);
    assert!(
        !findings.is_empty(),
        "the fixture should trigger basic-checks"
    );
    (ws, [arabic, english, hostile, retracted])
}

/// What the page did while loading: every request, every console or log error.
#[derive(Default)]
struct Seen {
    requests: Vec<String>,
    errors: Vec<String>,
}

/// Runs `js` (an expression giving a JSON string) in the page and parses the result.
fn eval(tab: &headless_chrome::Tab, js: &str) -> Value {
    let out = tab.evaluate(js, false).expect("evaluate in the page");
    let text = out
        .value
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no JSON string from {js}: {:?}", out.description));
    serde_json::from_str(&text).expect("JSON from the page")
}

/// Where test artefacts go: target/test-artifacts/.
fn artefact_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/test-artifacts");
    dir
}

const DOM_JS: &str = r#"JSON.stringify((() => {
  const rect = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width, height: r.height}; };
  const textRect = (el) => { const g = document.createRange(); g.selectNodeContents(el); return rect(g); };
  return {
    title: document.title,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length,
    propositions: [...document.querySelectorAll('article.proposition')].map(a => ({
      key: a.dataset.key, heading: a.querySelector('h3').innerText, height: a.getBoundingClientRect().height })),
    claims: [...document.querySelectorAll('article.claim')].map(a => {
      const t = a.querySelector('.claim-text');
      return { id: a.id.slice(2), heading: a.querySelector('h3').innerText, text: t.textContent,
               dir: getComputedStyle(t).direction, lang: t.lang, box: rect(t), ink: textRect(t),
               chain: [...a.querySelectorAll('.chain bdi')].map(b => ({key: b.textContent, box: rect(b)})),
               retracted: a.classList.contains('retracted'),
               versions: [...a.querySelectorAll('.versions [data-seq]')].map(r => r.innerText),
               diffs: [...a.querySelectorAll('.diff')].map(d => ({
                 from: d.dataset.from, to: d.dataset.to,
                 fields: [...d.querySelectorAll('li')].map(l => l.dataset.field),
                 del: [...d.querySelectorAll('.words del')].map(x => x.textContent),
                 ins: [...d.querySelectorAll('.words ins')].map(x => x.textContent),
                 dir: d.querySelector('.words') ? getComputedStyle(d.querySelector('.words')).direction : null })) };
    }),
    findings: [...document.querySelectorAll('table.findings tbody tr')].map(r => r.innerText),
    relays: [...document.querySelectorAll('g.edge')].map(g => g.dataset.from + '>' + g.dataset.to),
    heatmapCells: document.querySelectorAll('figure.heatmap g.cell').length,
    timelineMarks: document.querySelectorAll('figure.timeline g.mark').length,
    trustRows: document.querySelectorAll('table.trust tbody tr').length,
    method: (document.querySelector('#trust .method') || {}).textContent,
    head: document.querySelector('#workspace code.hash').textContent,
  };
})())"#;

#[test]
fn report_renders_every_claim_proposition_and_diff_in_a_browser_without_a_request() {
    let chrome = chromium();
    let (ws, [arabic, english, hostile, retracted]) = build();
    // Default file name, in the current directory.
    let out = ws.ok(&["report"]);
    let page = ws.path().join("report.html");
    assert!(page.is_file(), "report.html not written: {out}");
    assert!(out.contains("report.html"), "{out}");
    let html = std::fs::read_to_string(&page).expect("read the page");
    assert!(
        !html.contains("<script"),
        "a raw <script> tag reached the page"
    );
    // No temporary file left beside it.
    let leftovers: Vec<String> = std::fs::read_dir(ws.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("report.html") && n != "report.html")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let claims = as_array(ws.json(&["list", "--all", "--json"]));
    let propositions = as_array(ws.json(&["about", "list", "--json"]));
    let head = ws.json(&["head", "--json"]);
    assert!(claims.len() >= 8 && propositions.len() >= 3);

    let profile = tempfile::Builder::new()
        .prefix("claims-report-chromium-")
        .tempdir()
        .expect("profile dir");
    let flags: Vec<&std::ffi::OsStr> = CHROME_FLAGS.iter().map(std::ffi::OsStr::new).collect();
    let browser = Browser::new(LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(chrome.clone()),
        user_data_dir: Some(profile.path().to_path_buf()),
        window_size: Some((1280, 2000)),
        args: flags,
        idle_browser_timeout: std::time::Duration::from_secs(120),
        ..LaunchOptions::default()
    })
    .unwrap_or_else(|e| panic!("cannot start {}: {e}", chrome.display()));
    let tab = browser.new_tab().expect("a tab");
    let seen = Arc::new(Mutex::new(Seen::default()));
    let sink = Arc::clone(&seen);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        // A failed assertion poisons the lock; later events are then of no interest.
        let Ok(mut s) = sink.lock() else { return };
        match event {
            Event::NetworkRequestWillBeSent(e) => s.requests.push(e.params.request.url.clone()),
            Event::LogEntryAdded(e)
                if matches!(
                    e.params.entry.level,
                    LogEntryLevel::Error | LogEntryLevel::Warning
                ) =>
            {
                s.errors.push(format!("log: {}", e.params.entry.text));
            }
            Event::RuntimeConsoleAPICalled(e)
                if matches!(
                    e.params.Type,
                    ConsoleType::Error | ConsoleType::Warning | ConsoleType::Assert
                ) =>
            {
                s.errors.push(format!("console: {:?}", e.params.args));
            }
            Event::RuntimeExceptionThrown(e) => {
                s.errors
                    .push(format!("exception: {}", e.params.exception_details.text));
            }
            _ => {}
        }
    }))
    .expect("listen");
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("Network.enable");
    tab.enable_log().expect("Log.enable");
    tab.enable_runtime().expect("Runtime.enable");
    let url = format!("file://{}", page.display());
    tab.navigate_to(&url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("page loads");
    tab.wait_for_element("footer")
        .expect("the page is complete");
    let dom = eval(&tab, DOM_JS);

    // Screenshot first, so a failure below still leaves the picture to look at.
    let shot = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    let shot_path = artefact_dir().join("report.png");
    std::fs::write(&shot_path, shot).expect("save the screenshot");
    println!("report screenshot: {}", shot_path.display());
    std::fs::copy(&page, artefact_dir().join("report.html")).expect("keep the page");

    // It prints: sections start on a new page, the contents list is left out, no table runs
    // past the page's width, and a PDF comes out (kept beside the screenshot).
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .expect("print media");
    let print = eval(
        &tab,
        r#"JSON.stringify({
          nav: getComputedStyle(document.querySelector('nav')).display,
          breaks: [...document.querySelectorAll('section.part')].map(s => getComputedStyle(s).breakBefore),
          clipped: [...document.querySelectorAll('table, figure svg')]
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(t => t.className.baseVal ?? t.className),
          overflowHidden: [...document.querySelectorAll('.scroll')].filter(d => getComputedStyle(d).overflowX !== 'visible').length,
        })"#,
    );
    assert_eq!(print["nav"], "none", "{print}");
    let breaks = print["breaks"].as_array().expect("breaks");
    assert!(
        breaks.iter().skip(1).all(|b| b == "page"),
        "sections must start on a new page in print: {print}"
    );
    assert_eq!(print["clipped"], serde_json::json!([]), "{print}");
    assert_eq!(
        print["overflowHidden"], 0,
        "tables clipped in print: {print}"
    );
    let pdf = tab.print_to_pdf(None).expect("print to PDF");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    std::fs::write(artefact_dir().join("report.pdf"), pdf).expect("keep the PDF");

    // Nothing but the page itself was requested, and nothing complained.
    std::thread::sleep(std::time::Duration::from_millis(300));
    {
        let s = seen.lock().expect("lock");
        assert_eq!(
            s.requests,
            std::slice::from_ref(&url),
            "the page made requests"
        );
        assert!(s.errors.is_empty(), "console errors: {:#?}", s.errors);
    }
    assert_eq!(
        dom["title"].as_str().map(|t| t.contains("pwned")),
        Some(false)
    );
    assert_eq!(dom["scripts"], 0, "a script element in the page");
    assert_eq!(dom["images"], 0, "an img element in the page");

    // Every proposition, by key.
    let shown_keys: Vec<&str> = dom["propositions"]
        .as_array()
        .expect("propositions")
        .iter()
        .map(|p| p["key"].as_str().expect("key"))
        .collect();
    for p in &propositions {
        let key = p["key"].as_str().expect("key");
        assert!(
            shown_keys.contains(&key),
            "proposition {key} missing from the page"
        );
    }
    for p in dom["propositions"].as_array().expect("propositions") {
        assert!(
            p["height"].as_f64() > Some(10.0),
            "proposition not laid out: {p}"
        );
    }

    // Every claim, by id and text (its newest version), and every version and diff.
    let rendered: std::collections::HashMap<&str, &Value> = dom["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| (c["id"].as_str().expect("id"), c))
        .collect();
    assert_eq!(rendered.len(), claims.len(), "claim count differs");
    for c in &claims {
        let id = id_of(c);
        let r = rendered
            .get(id.as_str())
            .unwrap_or_else(|| panic!("claim {id} missing from the page"));
        assert!(r["heading"].as_str().expect("heading").contains(&id), "{r}");
        assert_eq!(r["text"].as_str(), c["text"].as_str(), "claim {id}'s text");
        assert!(
            r["box"]["height"].as_f64() > Some(5.0),
            "claim {id} not laid out"
        );
        let log = as_array(ws.json(&["log", &id, "--json"]));
        assert_eq!(
            r["versions"].as_array().map(Vec::len),
            Some(log.len()),
            "claim {id}'s versions"
        );
        for v in &log {
            let hash = v["version"].as_str().expect("hash");
            assert!(
                r["versions"]
                    .as_array()
                    .expect("versions")
                    .iter()
                    .any(|row| row.as_str().is_some_and(|t| t.contains(hash))),
                "claim {id}: version {hash} missing"
            );
        }
        let diffs = r["diffs"].as_array().expect("diffs");
        assert_eq!(diffs.len(), log.len() - 1, "claim {id}: one diff per edit");
        if log.len() > 1 {
            // The newest diff shows what `claims diff` computes.
            let d = ws.json(&["diff", &id, "--json"]);
            let newest = diffs.last().expect("a diff");
            let fields: Vec<Value> = as_array(d["changes"].clone())
                .iter()
                .map(|c| c["field"].clone())
                .collect();
            let shown = newest["fields"].as_array().expect("fields");
            assert_eq!(shown, &fields, "claim {id}: diff fields");
            for ch in as_array(d["changes"].clone()) {
                for w in ch["words"].as_array().into_iter().flatten() {
                    let list = match w["op"].as_str() {
                        Some("delete") => "del",
                        Some("insert") => "ins",
                        _ => continue,
                    };
                    assert!(
                        newest[list]
                            .as_array()
                            .expect("pieces")
                            .iter()
                            .any(|p| p == &w["text"]),
                        "claim {id}: diff piece {w} missing from {newest}"
                    );
                }
            }
        }
    }
    assert_eq!(rendered[retracted.as_str()]["retracted"], true);
    let edited = rendered[arabic.as_str()]["diffs"][0].clone();
    assert_eq!(edited["del"][0].as_str().map(str::trim), Some("الأسبوع"));
    assert_eq!(edited["ins"][0].as_str().map(str::trim), Some("الشهر"));
    assert_eq!(
        edited["dir"], "rtl",
        "the Arabic word diff reads right to left"
    );
    assert_eq!(rendered[hostile.as_str()]["text"], HOSTILE);

    // Arabic right to left: computed direction, and the words hug the right edge of the block.
    let ar = rendered[arabic.as_str()];
    assert_eq!(ar["dir"], "rtl", "{ar}");
    assert_eq!(ar["lang"], "ar");
    let (ink, bx) = (&ar["ink"], &ar["box"]);
    let f = |v: &Value| v.as_f64().expect("number");
    assert!(
        (f(&bx["right"]) - f(&ink["right"])).abs() < 2.0 && f(&ink["left"]) > f(&bx["left"]) + 50.0,
        "Arabic text not right-aligned: text {ink}, block {bx}"
    );
    let en = rendered[english.as_str()];
    assert_eq!(en["dir"], "ltr");
    assert!(
        (f(&en["ink"]["left"]) - f(&en["box"]["left"])).abs() < 2.0,
        "English text not left-aligned: {en}"
    );
    // A mixed line starting in Arabic reads right to left as a whole.
    let mixed = dom["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["text"] == MIXED)
        .expect("the mixed claim");
    assert_eq!(mixed["dir"], "rtl");
    // Chains keep their order (origin first, on the left) even inside an Arabic claim.
    let chain = ar["chain"].as_array().expect("chain");
    assert_eq!(chain[0]["key"], "minister");
    assert_eq!(chain[1]["key"], "aljazeera");
    assert!(f(&chain[0]["box"]["left"]) < f(&chain[1]["box"]["left"]));

    // The pictures and tables are there.
    let stored = check_json(&ws, "basic-checks", &[]).len();
    assert!(
        dom["findings"].as_array().expect("findings").len() >= stored,
        "findings missing: {}",
        dom["findings"]
    );
    let relays: Vec<&str> = dom["relays"]
        .as_array()
        .expect("relays")
        .iter()
        .map(|r| r.as_str().expect("edge"))
        .collect();
    for edge in ["minister>aljazeera", "afp>bbc", "reuters>aljazeera"] {
        assert!(relays.contains(&edge), "relay {edge} missing: {relays:?}");
    }
    assert!(dom["heatmapCells"].as_u64() > Some(0), "empty heatmap");
    assert!(dom["timelineMarks"].as_u64() > Some(0), "empty timeline");
    assert!(dom["trustRows"].as_u64() > Some(0), "empty trust table");
    assert_eq!(dom["method"], "investment");
    assert_eq!(
        dom["head"].as_str(),
        Some(format!("{}:{}", head["size"], head["root"].as_str().expect("root")).as_str())
    );
}

#[test]
fn report_about_and_output_flags() {
    let (ws, [arabic, english, ..]) = build();
    let sub = ws.path().join("out");
    std::fs::create_dir(&sub).expect("mkdir");
    let target = sub.join("talks.html");
    ws.ok(&[
        "report",
        "-o",
        target.to_str().expect("utf-8"),
        "--about",
        "talks-date",
    ]);
    let html = std::fs::read_to_string(&target).expect("written");
    assert!(html.contains("id=\"p-talks-date\""));
    assert!(!html.contains("id=\"p-talks-resume\""));
    assert!(!html.contains(&arabic) && !html.contains(&english));
    assert!(html.contains("المحادثات ستستأنف في أبريل"));
    // An unknown proposition is an error, and nothing is written.
    let err = ws.err(&["report", "-o", "nothing.html", "--about", "no-such-key"]);
    assert!(err.contains("no-such-key"), "{err}");
    assert!(!ws.path().join("nothing.html").exists());
    // A directory that does not exist: one error line naming it, no file.
    let err = ws.err(&["report", "-o", "missing-dir/r.html"]);
    assert!(err.contains("missing-dir"), "{err}");
}

/// Claims stay in the order first recorded however many were edited: `list` and the report
/// read heads the same way, looking up a few edited claims one by one and many in one pass
/// (both paths run here: one proposition with a few edits, the whole list with 600).
#[test]
fn many_edited_claims_keep_the_order_first_recorded() {
    let ws = Ws::with_sources();
    let n = 600;
    let mut lines = String::new();
    for i in 0..n {
        let about = if i % 100 == 0 { "few" } else { "many" };
        lines.push_str(&format!(
            "{{\"ref\":\"c{i}\",\"source\":\"nyt\",\"about\":\"{about}\",\"stance\":\"supports\",\"text\":\"Claim number {i}\"}}\n"
        ));
    }
    // Revise them newest first, so an order by the revision's row would be reversed.
    for i in (0..n).rev() {
        let about = if i % 100 == 0 { "few" } else { "many" };
        lines.push_str(&format!(
            "{{\"revises\":\"c{i}\",\"source\":\"nyt\",\"about\":\"{about}\",\"stance\":\"supports\",\"text\":\"Claim number {i}, corrected\",\"note\":\"fix\"}}\n"
        ));
    }
    let file = ws.file("many.jsonl", &lines);
    ws.ok(&["import", file.to_str().expect("utf-8")]);
    let texts = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        as_array(ws.json(&all))
            .iter()
            .map(|c| c["text"].as_str().expect("text").to_string())
            .collect()
    };
    let expected: Vec<String> = (0..n)
        .map(|i| format!("Claim number {i}, corrected"))
        .collect();
    assert_eq!(texts(&[]), expected, "list of 600 edited claims");
    let few: Vec<String> = (0..n)
        .step_by(100)
        .map(|i| format!("Claim number {i}, corrected"))
        .collect();
    assert_eq!(
        texts(&["--about", "few"]),
        few,
        "list of a few edited claims"
    );
    // The report shows them in the same order.
    ws.ok(&["report", "-o", "r.html"]);
    let html = std::fs::read_to_string(ws.path().join("r.html")).expect("report");
    let positions: Vec<usize> = expected
        .iter()
        .map(|t| {
            html.find(&format!(">{t}</p>"))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "the report's claims are not in the order first recorded"
    );
}

/// On a terminal the report shows how far it has got (on stderr, cleared when done) and says
/// what it wrote; piped, it prints only that line.
#[test]
fn report_shows_progress_on_a_terminal_only() {
    let ws = Ws::with_sources();
    for i in 0..3 {
        ws.add(&[
            "--source",
            "nyt",
            "--about",
            "p",
            "--stance",
            "supports",
            "--text",
            &format!("Claim {i}"),
        ]);
    }
    let tty = crate::support::on_terminal_raw(&ws, &["report", "-o", "t.html"], 80);
    assert!(
        tty.contains("report: "),
        "no progress on a terminal: {tty:?}"
    );
    assert!(tty.contains("Wrote t.html (3 claims"), "{tty:?}");
    let piped = ws.ok(&["report", "-o", "p.html"]);
    assert_eq!(piped.lines().count(), 1, "{piped:?}");
    assert!(
        !piped.contains('\u{1b}'),
        "escape codes when piped: {piped:?}"
    );
}
