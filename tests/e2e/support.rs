//! Helpers shared by the end-to-end tests: a throw-away workspace, a `claims` command with a
//! controlled environment, JSON helpers, a "state of the workspace" snapshot for the
//! unchanged-on-error checks, direct SQL tampering (through `rusqlite`), a pseudo-terminal and
//! the redaction filter applied before insta snapshots.

#![allow(dead_code)]

use assert_cmd::Command;
use insta::internals::{Content, ContentPath};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The real binary cargo built for this test target.
pub const BIN: &str = env!("CARGO_BIN_EXE_claims");

/// A `claims` command with an environment the tests control: no inherited `CLAIMS_WORKSPACE`,
/// colour forcing removed and `NO_COLOR=1`, plugin allowances kept under the test target (never
/// the user's own config); the working directory is `dir`.
pub fn claims_in(dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-config"),
        )
        .env_remove("CLAIMS_WORKSPACE")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200");
    cmd
}

/// Sources of the September 2023 fixtures, with comments that edits must keep.
pub const FIXTURE_TOML: &str = r#"# Sources for the September 2023 reporting on Kim Jong Un's trip to Russia.
# KEEP-ME: this comment must survive `claims source add`.

[workspace]
name = "kim-putin-2023" # inline comment, also kept

# The US side.
[sources.white-house]
name = "The White House"
kind = "government"
country = "US"
aliases = ["البيت الأبيض"]

[sources.sullivan]
name = "Jake Sullivan"
kind = "official"
country = "US"
aliases = ["جيك سوليفان"]
depends_on = ["white-house"]

[sources.nyt]
name = "The New York Times"
kind = "outlet"
country = "US"
aliases = ["NYT", "نيويورك تايمز"]

[sources.us-officials]
name = "US officials"
kind = "anonymous"
aliases = ["مسؤولون أمريكيون"]

# The Russian side.
[sources.kremlin]
name = "The Kremlin"
kind = "government"
country = "RU"
state_affiliated = true
aliases = ["الكرملين"]

[sources.peskov]
name = "Dmitry Peskov"
kind = "official"
country = "RU"
aliases = ["بيسكوف", "دميتري بيسكوف"]
depends_on = ["kremlin"]

# The South Korean side.
[sources.yonhap]
name = "Yonhap"
kind = "agency"
country = "KR"
aliases = ["يونهاب", "وكالة يونهاب"]

[sources.nis]
name = "National Intelligence Service"
kind = "intelligence"
country = "KR"
aliases = ["NIS", "جهاز الاستخبارات الوطني"]
"#;

/// A workspace in a temporary directory, removed when dropped, with a user configuration
/// directory of its own (where plugin allowances live).
pub struct Ws {
    pub dir: TempDir,
    pub config: TempDir,
}

impl Ws {
    /// `claims init` in a fresh temporary directory (the template workspace.toml, no sources).
    pub fn empty() -> Ws {
        let dir = tempfile::Builder::new()
            .prefix("claims-e2e-")
            .tempdir()
            .expect("tempdir");
        claims_in(dir.path()).arg("init").assert().success();
        let config = tempfile::Builder::new()
            .prefix("claims-e2e-config-")
            .tempdir()
            .expect("tempdir");
        Ws { dir, config }
    }

    /// A workspace whose workspace.toml declares the fixture sources.
    pub fn with_sources() -> Ws {
        let ws = Ws::empty();
        ws.write_toml(FIXTURE_TOML);
        ws
    }

    /// The workspace root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The workspace.toml path.
    pub fn toml_path(&self) -> PathBuf {
        self.path().join("workspace.toml")
    }

    /// The database path.
    pub fn db_path(&self) -> PathBuf {
        self.path().join(".claims").join("claims.db")
    }

    /// workspace.toml as text.
    pub fn toml(&self) -> String {
        std::fs::read_to_string(self.toml_path()).expect("read workspace.toml")
    }

    /// workspace.toml as bytes.
    pub fn toml_bytes(&self) -> Vec<u8> {
        std::fs::read(self.toml_path()).expect("read workspace.toml")
    }

    /// Replaces workspace.toml.
    pub fn write_toml(&self, text: &str) {
        std::fs::write(self.toml_path(), text).expect("write workspace.toml");
    }

    /// A `claims` command run from the workspace root, with this workspace's user config.
    pub fn cmd(&self) -> Command {
        let mut cmd = claims_in(self.path());
        cmd.env("XDG_CONFIG_HOME", self.config.path());
        cmd
    }

    /// Runs `claims ARGS`, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 stdout")
    }

    /// Runs `claims ARGS` (which must succeed) and parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    /// Runs `claims ARGS`, asserts it fails with exactly one `error: ...` line on stderr and
    /// nothing on stdout; returns that line (without the newline).
    pub fn err(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().failure();
        one_error_line(out.get_output())
    }

    /// `claims add ARGS --json` and the new claim's full id.
    pub fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        all.push("--json");
        let v = self.json(&all);
        assert_eq!(v["created"], Value::Bool(true), "expected a new claim: {v}");
        id_of(&v)
    }

    /// `claims show ID --json`.
    pub fn show(&self, id: &str) -> Value {
        self.json(&["show", id, "--json"])
    }

    /// `claims list --all --json`.
    pub fn list_all(&self) -> Vec<Value> {
        as_array(self.json(&["list", "--all", "--json"]))
    }

    /// Ids of `claims list ARGS --json`, in order.
    pub fn list_ids(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        as_array(self.json(&all)).iter().map(id_of).collect()
    }

    /// `claims log ID --json`, oldest first as printed.
    pub fn log(&self, id: &str) -> Vec<Value> {
        as_array(self.json(&["log", id, "--json"]))
    }

    /// Everything observable about the workspace: workspace.toml's bytes, every claim's head and
    /// history, the version count fsck sees and the raw row count of the database.
    pub fn state(&self) -> State {
        let heads = self.list_all();
        let logs = heads
            .iter()
            .map(|h| serde_json::to_string(&self.log(&id_of(h))).expect("json"))
            .collect();
        let fsck = self
            .cmd()
            .args(["fsck", "--json"])
            .output()
            .expect("fsck runs");
        let fsck: Value = serde_json::from_slice(&fsck.stdout).expect("fsck --json");
        let head = self
            .cmd()
            .args(["head", "--json"])
            .output()
            .expect("head runs");
        State {
            head: String::from_utf8_lossy(&head.stdout).into_owned(),
            toml: self.toml_bytes(),
            heads: serde_json::to_string(&heads).expect("json"),
            logs,
            fsck_versions: fsck["versions"].as_u64().expect("versions count"),
            rows: self.sql_query("SELECT COUNT(*) FROM versions"),
        }
    }

    /// Runs SQL statements on the database behind the program's back, as a tamperer would.
    pub fn sql(&self, statements: &str) {
        let db = rusqlite::Connection::open(self.db_path()).expect("open the database");
        db.execute_batch(statements)
            .unwrap_or_else(|e| panic!("SQL failed ({e}): {statements}"));
    }

    /// Runs one query and returns its rows, one line per row, columns joined by `|`.
    pub fn sql_query(&self, query: &str) -> String {
        use rusqlite::types::ValueRef;
        let db = rusqlite::Connection::open(self.db_path()).expect("open the database");
        let mut stmt = db
            .prepare(query)
            .unwrap_or_else(|e| panic!("bad query ({e}): {query}"));
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("query runs");
        let mut out = String::new();
        while let Some(row) = rows.next().expect("read a row") {
            let cells: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).expect("read a column") {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
                })
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
        out
    }

    /// Writes a file inside the workspace directory and returns its path.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p
    }
}

/// What [`Ws::state`] captures.
#[derive(Debug, PartialEq, Eq)]
pub struct State {
    pub toml: Vec<u8>,
    /// `claims head --json`: the log's size, root and last entry.
    pub head: String,
    pub heads: String,
    pub logs: Vec<String>,
    pub fsck_versions: u64,
    pub rows: String,
}

/// Asserts the failure printed exactly one line, `error: ...`, on stderr and nothing on stdout.
pub fn one_error_line(out: &std::process::Output) -> String {
    assert!(!out.status.success(), "expected failure");
    let stderr = String::from_utf8(out.stderr.clone()).expect("utf-8 stderr");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.is_empty(),
        "stdout should be empty on error, got: {stdout}"
    );
    assert!(
        stderr.ends_with('\n') && stderr.matches('\n').count() == 1,
        "expected exactly one line on stderr, got: {stderr:?}"
    );
    assert!(
        stderr.starts_with("error: "),
        "expected `error: ...`, got: {stderr:?}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "no ANSI escapes when piped: {stderr:?}"
    );
    stderr.trim_end().to_string()
}

/// The `id` of a JSON claim object.
pub fn id_of(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_string()
}

/// A JSON array's items.
pub fn as_array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        other => panic!("expected a JSON array, got {other}"),
    }
}

/// Whether a string is 64 lowercase hex digits.
pub fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether a string is a full claim id (32 letters k–z).
pub fn is_claim_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| (b'k'..=b'z').contains(&b))
}

/// The ordinary fixture claims, by the adds that make them; returns their ids in order:
/// Sullivan's warning, the NYT report, Peskov's non-comment, Yonhap's report of the NIS briefing.
pub fn add_fixture_claims(ws: &Ws) -> [String; 4] {
    let sullivan = ws.add(&[
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
        "--text",
        "North Korea will pay a price if it supplies Russia with weapons for the war in Ukraine",
    ]);
    let nyt = ws.add(&[
        "--source",
        "US officials",
        "--via",
        "nyt",
        "--about",
        "kim-visit",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-04",
        "--lang",
        "en",
        "--text",
        "Kim Jong Un intends to go to Russia this month to meet Vladimir Putin",
    ]);
    let peskov = ws.add(&[
        "--source",
        "بيسكوف",
        "--about",
        "kim-visit",
        "--stance",
        "neutral",
        "--said-on",
        "2023-09-05",
        "--quote",
        "--lang",
        "en",
        "--text",
        "We have nothing to say on this subject",
    ]);
    let yonhap = ws.add(&[
        "--source",
        "NIS",
        "--via",
        "يونهاب",
        "--about",
        "shoigu-drills",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-04",
        "--lang",
        "ar",
        "--text",
        "اقترح شويغو على بيونغ يانغ إجراء مناورات بحرية مشتركة مع الصين",
    ]);
    [sullivan, nyt, peskov, yonhap]
}

/// Replaces what changes from run to run (hashes, ids, timestamps, temp paths) with placeholders
/// of the same width, and trims trailing spaces, so snapshots are stable and tables stay aligned.
pub fn redact(text: &str) -> String {
    redact_words(text)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`redact`] without the trimming: JSON strings keep their spaces and line ends.
fn redact_words(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let word = |c: char| c.is_ascii_alphanumeric();
    while i < chars.len() {
        let boundary = i == 0 || !word(chars[i - 1]);
        if boundary && is_timestamp(&chars[i..]) {
            out.push_str("YYYY-MM-DDTHH:MM:SSZ");
            i += 20;
            continue;
        }
        if boundary && word(chars[i]) {
            let mut j = i;
            while j < chars.len() && word(chars[j]) {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            let hex = run
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            let letters = run.bytes().all(|b| (b'k'..=b'z').contains(&b));
            let n = run.len();
            let replaced = match n {
                64 if hex => Some(placeholder("HASH", 64)),
                32 if letters => Some(placeholder("ID", 32)),
                12 if hex => Some(placeholder("HASH", 12)),
                12 if letters => Some(placeholder("ID", 12)),
                _ => None,
            };
            out.push_str(replaced.as_deref().unwrap_or(&run));
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Redacts every string in a JSON document the way [`redact`] redacts text; an insta dynamic
/// redaction on the root (`"."`), used by [`assert_json_shape`]. Numbers, booleans, nulls and
/// keys stay, so the snapshot shows the command's whole shape.
pub fn redact_json(value: Content, _: ContentPath<'_>) -> Content {
    fn walk(value: Content) -> Content {
        match value {
            Content::String(s) => Content::String(redact_words(&s)),
            Content::Seq(items) => Content::Seq(items.into_iter().map(walk).collect()),
            Content::Map(entries) => Content::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| match k.as_str() {
                        // How long a run took (trust): a time, like recorded_at.
                        Some("seconds") => (k, Content::String("<SECONDS>".into())),
                        _ => (k, walk(v)),
                    })
                    .collect(),
            ),
            Content::Some(inner) => Content::Some(Box::new(walk(*inner))),
            other => other,
        }
    }
    walk(value)
}

/// Asserts a command's JSON output against its insta JSON snapshot (`NAME`), with ids, hashes
/// and times redacted by [`redact_json`]: the snapshot is the documented shape, reviewed as a diff
/// whenever a field is added, renamed or changes type.
macro_rules! assert_json_shape {
    ($name:expr, $value:expr $(,)?) => {
        insta::assert_json_snapshot!($name, $value, {
            "." => insta::dynamic_redaction($crate::support::redact_json)
        })
    };
}
pub(crate) use assert_json_shape;

fn placeholder(name: &str, width: usize) -> String {
    let mut s = format!("<{name}");
    while s.len() < width - 1 {
        s.push('.');
    }
    s.push('>');
    s
}

fn is_timestamp(c: &[char]) -> bool {
    const SHAPE: &str = "dddd-dd-ddTdd:dd:ddZ";
    c.len() >= 20
        && SHAPE.chars().zip(c).all(|(s, &c)| match s {
            'd' => c.is_ascii_digit(),
            other => other == c,
        })
}

#[test]
fn redact_replaces_volatile_parts_only() {
    let id = "qvolxqxoronxmwukyyvxzxypppupuzxs";
    let hash = "0b8505deaa9b9255259ac7e1f01a0d655f662eea421b9526cacc677b6174d249";
    let text = format!(
        "claim {id} v1 {} at 2026-11-29T04:57:57Z ({}) said 2023-09-04 nyt \n",
        hash,
        &id[..12]
    );
    assert_eq!(
        redact(&text),
        format!(
            "claim {} v1 {} at YYYY-MM-DDTHH:MM:SSZ ({}) said 2023-09-04 nyt",
            placeholder("ID", 32),
            placeholder("HASH", 64),
            placeholder("ID", 12)
        )
    );
    assert_eq!(redact(&hash[..12]), "<HASH......>");
}

#[test]
fn json_redaction_replaces_ids_hashes_and_times_only() {
    let v = serde_json::json!({
        "id": "qvolxqxoronxmwukyyvxzxypppupuzxs",
        "parent": null,
        "version": "0b8505deaa9b9255259ac7e1f01a0d655f662eea421b9526cacc677b6174d249",
        "recorded_at": "2026-11-29T04:57:57Z",
        "seconds": 0.0123,
        "claims": ["qvolxqxoronxmwukyyvxzxypppupuzxs"],
        "message": "claim qvolxqxoronx was said on 2023-09-04  ",
        "seq": 2,
        "score": 0.4
    });
    insta::assert_json_snapshot!(v, { "." => insta::dynamic_redaction(redact_json) }, @r#"
    {
      "claims": [
        "<ID............................>"
      ],
      "id": "<ID............................>",
      "message": "claim <ID........> was said on 2023-09-04  ",
      "parent": null,
      "recorded_at": "YYYY-MM-DDTHH:MM:SSZ",
      "score": 0.4,
      "seconds": "<SECONDS>",
      "seq": 2,
      "version": "<HASH..........................................................>"
    }
    "#);
}

/// workspace.toml text declaring plain sources: `(key, depends_on, trust_prior)`, kind `outlet`.
pub fn sources_toml(specs: &[(&str, &[&str], Option<f64>)]) -> String {
    let mut s = String::from("[workspace]\nname = \"scoring\"\n");
    for (key, deps, prior) in specs {
        s.push_str(&format!(
            "\n[sources.{key}]\nname = \"Source {key}\"\nkind = \"outlet\"\n"
        ));
        if !deps.is_empty() {
            let list: Vec<String> = deps.iter().map(|d| format!("\"{d}\"")).collect();
            s.push_str(&format!("depends_on = [{}]\n", list.join(", ")));
        }
        if let Some(p) = prior {
            s.push_str(&format!("trust_prior = {p}\n"));
        }
    }
    s
}

impl Ws {
    /// A workspace declaring the given independent sources (kind `outlet`, no priors).
    pub fn with_keys(keys: &[&str]) -> Ws {
        let specs: Vec<(&str, &[&str], Option<f64>)> =
            keys.iter().map(|k| (*k, &[][..], None)).collect();
        Ws::with_specs(&specs)
    }

    /// A workspace declaring sources as [`sources_toml`] does.
    pub fn with_specs(specs: &[(&str, &[&str], Option<f64>)]) -> Ws {
        let ws = Ws::empty();
        ws.write_toml(&sources_toml(specs));
        ws
    }

    /// Records `source`'s `stance` on proposition `about` (extra flags appended, e.g. `--via`);
    /// the text is made from the arguments so distinct calls make distinct claims. Returns the id.
    pub fn say(&self, source: &str, about: &str, stance: &str, extra: &[&str]) -> String {
        let text = format!("{source} {stance} {about} {}", extra.join(" "));
        let mut args = vec![
            "--source", source, "--about", about, "--stance", stance, "--text", &text,
        ];
        args.extend_from_slice(extra);
        self.add(&args)
    }

    /// Records `source` giving `value` for proposition `about` (extra flags appended).
    pub fn give(&self, source: &str, about: &str, value: &str, extra: &[&str]) -> String {
        let text = format!("{source} gives {value} for {about} {}", extra.join(" "));
        let mut args = vec![
            "--source", source, "--about", about, "--value", value, "--text", &text,
        ];
        args.extend_from_slice(extra);
        self.add(&args)
    }

    /// `claims compare KEY --json` (extra flags appended).
    pub fn compare(&self, key: &str, extra: &[&str]) -> Value {
        let mut args = vec!["compare", key, "--json"];
        args.extend_from_slice(extra);
        self.json(&args)
    }

    /// The agreement score of `claims compare KEY --json`.
    pub fn score(&self, key: &str) -> f64 {
        let c = self.compare(key, &[]);
        c["score"]
            .as_f64()
            .unwrap_or_else(|| panic!("no score in {c}"))
    }
}

/// Asserts two floats are equal to 1e-9.
#[track_caller]
pub fn assert_close(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9,
        "expected {want}, got {got} (difference {})",
        got - want
    );
}

/// A JSON number as f64.
#[track_caller]
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Display width of a line: Arabic combining marks and bidi controls take no column. (The test
/// values avoid lam-alef, which some width tables count as one ligature column.)
pub fn width(line: &str) -> usize {
    line.chars()
        .filter(|&c| {
            let u = c as u32;
            !((0x064B..=0x065F).contains(&u)
                || u == 0x0670
                || (0x0610..=0x061A).contains(&u)
                || (0x200B..=0x200F).contains(&u)
                || (0x2066..=0x2069).contains(&u))
        })
        .count()
}

/// Runs `claims ARGS` on an 80-column pseudo-terminal (see [`on_terminal`]).
pub fn on_80_column_terminal(ws: &Ws, args: &[&str]) -> String {
    on_terminal(ws, args, 80)
}

/// What a terminal `columns` wide shows after `claims ARGS` ran on it (see [`on_terminal_raw`]):
/// a progress line erased (`\r`, ESC [2K) and overwritten is gone.
pub fn on_terminal(ws: &Ws, args: &[&str], columns: u16) -> String {
    on_terminal_raw(ws, args, columns)
        .lines()
        .map(|l| {
            let l = l.rsplit('\r').next().unwrap_or(l);
            l.rsplit("\x1b[2K").next().unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `claims ARGS` with a pseudo-terminal `columns` wide as its stdin, stdout and stderr (the
/// size set on the terminal itself; `COLUMNS` is not set, as bash does not export it), and
/// returns every byte it wrote, with the terminal's CRLFs turned back into LFs.
pub fn on_terminal_raw(ws: &Ws, args: &[&str], columns: u16) -> String {
    use rustix::fs::{Mode, OFlags};
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::io::Read;
    use std::process::Stdio;

    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
        .expect("open a pseudo-terminal");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let size = rustix::termios::Winsize {
        ws_row: 50,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, size).expect("set the terminal's size");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let terminal = || {
        rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("open the terminal side")
    };
    let mut child = {
        // The command (and with it this process's copies of the terminal side) is dropped once
        // spawned, so reading the master ends when claims exits.
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(args)
            .current_dir(ws.path())
            .env_remove("CLAIMS_WORKSPACE")
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .stdin(Stdio::from(terminal()))
            .stdout(Stdio::from(terminal()))
            .stderr(Stdio::from(terminal()));
        cmd.spawn().expect("claims runs")
    };
    let mut master = std::fs::File::from(master);
    let mut out = Vec::new();
    let mut chunk = [0u8; 65536];
    loop {
        match master.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            // Linux reports EIO once the last holder of the terminal side has closed it.
            Err(e) if e.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error()) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => panic!("reading the pseudo-terminal: {e}"),
        }
    }
    let status = child.wait().expect("wait for claims");
    assert!(status.success(), "claims {args:?}: {status}");
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

/// Four propositions where `u` is the odd one out three times (compare and trust tests work
/// their answers out by hand on it).
///
/// | prop | a | b | u |
/// |------|---|---|---|
/// | p1   | S | S | R |
/// | p2   | S | S | R |
/// | p3   | S | S | R |
/// | p4   | S | R | S |
pub fn weighted_ws() -> Ws {
    let ws = Ws::with_keys(&["a", "b", "u"]);
    for p in ["p1", "p2", "p3"] {
        ws.say("a", p, "supports", &[]);
        ws.say("b", p, "supports", &[]);
        ws.say("u", p, "refutes", &[]);
    }
    ws.say("a", "p4", "supports", &[]);
    ws.say("b", "p4", "refutes", &[]);
    ws.say("u", "p4", "supports", &[]);
    ws
}
