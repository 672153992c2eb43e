//! Hostile inputs for the readers of files that come from outside: a JSONL import line and a
//! `workspace.toml`. Each input is a valid seed in our own words with a few mutations (bytes
//! flipped, cut, or snippets that parsers trip on spliced in), or plain random text, so the
//! cases reach deep into the parsers instead of failing on the first byte.
//!
//! The strategies serve twice: a short run in `cargo test` (bench/tests/fuzz_inputs.rs) and the
//! 100,000-case floor of issue 13 (`input_fuzz`). A panic anywhere is a failure, which proptest
//! shrinks to a small case and prints.

use std::cell::{Cell, RefCell};
use std::io::BufReader;
use std::path::Path;

use claims_core::config::Config;
use claims_core::import::ImportOptions;
use claims_core::workspace::{self, Workspace};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};

/// Sources the fuzzed import lines may name, so many lines get past source resolution.
pub const SOURCES_TOML: &str = "[sources.nyt]\nname = \"The New York Times\"\nkind = \"outlet\"\n\
aliases = [\"نيويورك تايمز\"]\n\n[sources.us]\nname = \"US officials\"\nkind = \"anonymous\"\n\
depends_on = [\"nyt\"]\n";

/// Valid import lines, each exercising other fields.
pub const LINE_SEEDS: [&str; 5] = [
    r#"{"source": "nyt", "text": "Kim will travel to Russia"}"#,
    r#"{"source": "us", "via": ["نيويورك تايمز"], "text": "كيم يزور روسيا", "about": "kim-visit", "stance": "supports", "said_on": "2023-09-04", "lang": "ar", "ref": "a"}"#,
    r#"{"source": "nyt", "text": "٣٦ قتيلا", "about": "toll", "value": "٣٦", "quote": true, "url": "https://example.org/a", "reported_on": "٢٠٢٣-٠٩-٠٥"}"#,
    r#"{"source": "us", "text": "a correction", "revises": "a", "note": "fixed"}"#,
    r#"{"source": "nyt", "text": "x", "stance": "neutral", "about": "p.q_r-1"}"#,
];

/// Snippets that JSON readers trip on.
const LINE_SNIPPETS: [&str; 22] = [
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "1e999",
    "-0",
    "null",
    "true",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "18446744073709551616",
    "\u{feff}",
    "\"😀\"",
    "\"revises\": \"zz\"",
    "\"said_on\": \"2023-02-30\"",
    "\"lang\": \"x-\"",
    "\"via\": [[]]",
    "\u{1b}[2J",
];

/// Valid workspace.toml texts.
pub const TOML_SEEDS: [&str; 3] = [
    SOURCES_TOML,
    "# comment\n[workspace]\nname = \"desk\"\n\n[sources.a]\nname = \"A\"\nkind = \"agency\"\ncountry = \"QA\"\ntrust_prior = 0.7\n\n[plugins.checks]\npath = \"lib/x.so\"\ntimeout = 5.0\nisolation = \"process\"\n",
    "[limits]\nmax_line_bytes = 1000\nmax_text_bytes = 64\n\n[sources.b]\nname = \"ب\"\nkind = \"person\"\naliases = [\"B\", \"بي\"]\nstate_affiliated = true\n",
];

/// Snippets that TOML readers and `workspace.toml` validation trip on.
const TOML_SNIPPETS: [&str; 24] = [
    "[sources.",
    "]",
    "=",
    "\"",
    "'''",
    "inf",
    "nan",
    "-inf",
    "1e400",
    "9223372036854775808",
    "[[",
    "\ntimeout = inf\n",
    "\n[limits]\nmax_line_bytes = -1\n",
    "\ndepends_on = [\"zz\"]\n",
    "\ntrust_prior = nan\n",
    "{",
    "}",
    "\n",
    "#",
    "\u{0}",
    "عربي",
    "\nkind = \"bogus\"\n",
    "\n[plugins.\"../../x\"]\n",
    "\ntimeout = 1e300\n",
];

/// One mutation of a seed: where, and what happens there.
#[derive(Debug, Clone)]
enum Edit {
    /// Flip one bit of the byte at this position.
    Flip(usize, u8),
    /// Cut the text at this position.
    Cut(usize),
    /// Insert the snippet with this index at this position.
    Insert(usize, usize),
    /// Delete up to this many bytes from this position.
    Delete(usize, usize),
}

/// One edit anywhere, inserting one of `snippets` snippets when it inserts.
fn edit(snippets: usize) -> BoxedStrategy<Edit> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip(at, bit)),
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), 0..snippets).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 1usize..16).prop_map(|(at, n)| Edit::Delete(at, n)),
    ]
    .boxed()
}

/// Applies edits to bytes, positions taken modulo the length at each step.
fn apply_edits(bytes: &mut Vec<u8>, edits: &[Edit], snippets: &[&str]) {
    for e in edits {
        let at = |p: usize, len: usize| if len == 0 { 0 } else { p % (len + 1) };
        match *e {
            Edit::Flip(p, bit) if !bytes.is_empty() => {
                let i = p % bytes.len();
                bytes[i] ^= 1 << bit;
            }
            Edit::Flip(..) => {}
            Edit::Cut(p) => bytes.truncate(at(p, bytes.len())),
            Edit::Insert(p, s) => {
                let i = at(p, bytes.len());
                bytes.splice(i..i, snippets[s].bytes());
            }
            Edit::Delete(p, n) => {
                let i = at(p, bytes.len());
                bytes.drain(i..(i + n).min(bytes.len()));
            }
        }
    }
}

/// A seed with up to four edits, or random text.
fn mutated(
    seeds: &'static [&'static str],
    snippets: &'static [&'static str],
) -> BoxedStrategy<String> {
    let seeded = (
        prop::sample::select(seeds),
        prop::collection::vec(edit(snippets.len()), 0..4),
    )
        .prop_map(move |(seed, edits)| {
            let mut bytes = seed.as_bytes().to_vec();
            apply_edits(&mut bytes, &edits, snippets);
            String::from_utf8_lossy(&bytes).into_owned()
        });
    prop_oneof![9 => seeded, 1 => ".{0,200}"].boxed()
}

/// Hostile import lines.
pub fn jsonl_lines() -> BoxedStrategy<String> {
    mutated(&LINE_SEEDS, &LINE_SNIPPETS)
}

/// Hostile workspace.toml texts.
pub fn toml_texts() -> BoxedStrategy<String> {
    mutated(&TOML_SEEDS, &TOML_SNIPPETS)
}

/// Parses and validates one workspace.toml text; a refusal is fine, a panic is not.
pub fn load_toml(text: &str) -> bool {
    Config::parse(Path::new("workspace.toml"), text).is_ok()
}

/// Imports a batch of lines into a real workspace with `--skip-bad` and checks the report adds
/// up: every non-blank line is either recorded (new, revised or unchanged) or named as bad.
pub fn import_lines(
    ws: &mut Workspace,
    lines: &[String],
) -> Result<claims_core::import::ImportReport, TestCaseError> {
    let text: String = lines.iter().map(|l| l.replace('\n', " ") + "\n").collect();
    let opts = ImportOptions {
        skip_bad: true,
        create_sources: false,
    };
    let mut reader = BufReader::new(text.as_bytes());
    // Input whose first line opens a JSON array (`[`) or a pretty-printed object (a lone `{`)
    // is read as that, not as JSON Lines (what `list --json | claims import -` relies on): if it
    // is not one, the import is refused whole, in one message naming where, and records nothing.
    let first = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace()))
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let whole_document = first.starts_with('[') || first == "{";
    let report = match ws.import(&mut reader, "fuzz.jsonl", opts, &mut |_| {}) {
        Ok(report) => report,
        Err(e) if whole_document => {
            let message = e.to_string();
            prop_assert!(message.starts_with("fuzz.jsonl:"), "{}", message);
            prop_assert_eq!(ws.list(&Default::default()).unwrap().len(), 0);
            return Ok(claims_core::import::ImportReport::default());
        }
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "import failed as a whole: {e}"
            )));
        }
    };
    // Blank lines are those of ASCII whitespace only, as the reader skips them: a line of
    // other whitespace (a vertical tab, U+000B, which `str::trim` would drop) is a bad line.
    let lines_given = text
        .lines()
        .filter(|l| !l.bytes().all(|b| b.is_ascii_whitespace()))
        .count() as u64;
    let accounted = report.added + report.revised + report.unchanged + report.bad.len() as u64;
    prop_assert_eq!(accounted, lines_given, "every line recorded or named");
    Ok(report)
}

/// A fresh workspace declaring [`SOURCES_TOML`], in `dir`.
pub fn fuzz_workspace(dir: &Path) -> Workspace {
    workspace::init(dir).expect("init");
    std::fs::write(dir.join("workspace.toml"), SOURCES_TOML).expect("write workspace.toml");
    Workspace::open(dir).expect("open")
}

/// Runs both targets for `cases` cases each (import lines in batches of 50); returns how many
/// workspace.toml texts were accepted and how many lines were imported, or the first failure.
pub fn run(cases: u32, dir: &Path) -> Result<(u64, u64), String> {
    let config = RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    // The runner takes `Fn` closures (it may re-run a case while shrinking): count in cells.
    let accepted = Cell::new(0u64);
    TestRunner::new(config.clone())
        .run(&toml_texts(), |text| {
            accepted.set(accepted.get() + u64::from(load_toml(&text)));
            Ok(())
        })
        .map_err(|e| format!("workspace.toml: {e}"))?;
    let ws = RefCell::new(fuzz_workspace(dir));
    let batches = RunnerConfig {
        cases: cases.div_ceil(50),
        ..config
    };
    let lines = Cell::new(0u64);
    TestRunner::new(batches)
        .run(&prop::collection::vec(jsonl_lines(), 50), |batch| {
            lines.set(lines.get() + batch.len() as u64);
            import_lines(&mut ws.borrow_mut(), &batch).map(drop)
        })
        .map_err(|e| format!("JSONL import: {e}"))?;
    Ok((accepted.get(), lines.get()))
}

/// A valid bundle in our own words: claims (Arabic among them), a correction and a source
/// declared by claims, written by a workspace made in `dir`.
pub fn bundle_seed(dir: &Path) -> Vec<u8> {
    let mut ws = fuzz_workspace(dir);
    let mut lines: Vec<String> = LINE_SEEDS.iter().map(|l| l.to_string()).collect();
    lines.push(r#"{"source": "Reuters", "text": "رويترز: وصل القطار"}"#.into());
    let text: String = lines.iter().map(|l| l.clone() + "\n").collect();
    let opts = ImportOptions {
        skip_bad: false,
        create_sources: true,
    };
    ws.import(&mut text.as_bytes(), "seed.jsonl", opts, &mut |_| {})
        .expect("seed import");
    let file = dir.join("seed.bundle");
    ws.create_bundle(None, &file).expect("seed bundle");
    std::fs::read(&file).expect("read the seed bundle")
}

/// Hostile bundles: the seed with up to four byte edits (bits flipped, cut, spliced, deleted).
pub fn bundle_bytes(seed: Vec<u8>) -> BoxedStrategy<Vec<u8>> {
    prop::collection::vec(edit(LINE_SNIPPETS.len()), 1..4)
        .prop_map(move |edits| {
            let mut bytes = seed.clone();
            apply_edits(&mut bytes, &edits, &LINE_SNIPPETS);
            bytes
        })
        .boxed()
}

/// What a receiving workspace shows of itself: its head, its counts and workspace.toml.
fn observed(ws: &Workspace) -> (claims_core::history::TreeHead, (u64, u64), Vec<u8>) {
    use claims_core::storage::Reader;
    let head = ws.head().expect("head").head;
    let counts = ws.store().counts().expect("counts");
    let toml = std::fs::read(ws.root().join("workspace.toml")).expect("read workspace.toml");
    (head, counts, toml)
}

/// Applies hostile bundle bytes to the empty workspace in `dir` (made on first use, and again
/// after a clean apply). A refusal must leave it exactly as it was; an apply must bring it to
/// exactly the head the bundle names. Returns whether it applied.
pub fn apply_bundle(
    receiver: &mut Option<Workspace>,
    dir: &Path,
    bytes: &[u8],
) -> Result<bool, TestCaseError> {
    let ws = receiver.get_or_insert_with(|| {
        let _ = std::fs::remove_dir_all(dir);
        fuzz_workspace(dir)
    });
    let before = observed(ws);
    let file = dir.join("case.bundle");
    std::fs::write(&file, bytes).expect("write the case");
    match ws.apply_bundle(&file) {
        Err(e) => {
            let message = e.to_string();
            prop_assert!(!message.contains('\n'), "a multi-line error: {}", message);
            prop_assert_eq!(&observed(ws), &before, "refused, yet the workspace changed");
            Ok(false)
        }
        Ok(report) => {
            prop_assert_eq!(
                observed(ws).0,
                report.bundle_head,
                "applied to another head"
            );
            *receiver = None;
            Ok(true)
        }
    }
}

/// Runs the bundle target for `cases` cases; returns how many bundles applied cleanly.
pub fn run_bundles(cases: u32, dir: &Path) -> Result<u64, String> {
    let seed = bundle_seed(&dir.join("seed"));
    let receiver = RefCell::new(None);
    let applied = Cell::new(0u64);
    let into = dir.join("receiver");
    let config = RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    TestRunner::new(config)
        .run(&bundle_bytes(seed), |bytes| {
            let ok = apply_bundle(&mut receiver.borrow_mut(), &into, &bytes)?;
            applied.set(applied.get() + u64::from(ok));
            Ok(())
        })
        .map_err(|e| format!("bundle apply: {e}"))?;
    Ok(applied.get())
}
