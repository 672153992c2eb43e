//! What the plugin tests (`ingest`, `checks`, `plugins_host`, `plugins_pinning`,
//! `plugins_faults`) share: real plugin libraries, built once per test run (the shipped Rust
//! plugins and the faulty test plugin with cargo, the C example with `cc`), running `claims` with
//! a controlled environment, and the articles, sources and report helpers several themes read.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{BIN, Ws, is_hash, one_error_line};

/// The libraries the tests load.
pub struct Libs {
    /// `libnews_article.so`
    pub news_article: PathBuf,
    /// `libbasic_checks.so`
    pub basic_checks: PathBuf,
    /// `libfaulty_plugin.so` (plugin name `faulty`)
    pub faulty: PathBuf,
    /// `libexample_c.so`, compiled from `plugins/example-c/*.c`
    pub example_c: PathBuf,
}

/// The repository root (the e2e tests are declared in `cli/Cargo.toml`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

/// The directory holding the `claims` binary under test (`<target>/debug`).
pub fn exe_dir() -> PathBuf {
    Path::new(BIN)
        .parent()
        .expect("the binary is in a directory")
        .to_path_buf()
}

/// The cargo running these tests.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO")))
}

/// A library's file name on this platform (`libNAME.so` on Linux).
pub fn lib_file(stem: &str) -> String {
    format!(
        "{}{stem}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

/// Builds (once) and returns the plugin libraries.
pub fn libs() -> &'static Libs {
    static LIBS: OnceLock<Libs> = OnceLock::new();
    LIBS.get_or_init(|| {
        let dir = exe_dir();
        let mut cmd = Command::new(cargo());
        cmd.current_dir(repo_root()).args([
            "build",
            "-p",
            "claims-news-article",
            "-p",
            "claims-basic-checks",
            "-p",
            "faulty-plugin",
        ]);
        if dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        if let Some(target) = dir.parent() {
            cmd.arg("--target-dir").arg(target);
        }
        let out = cmd.output().expect("cargo runs");
        assert!(
            out.status.success(),
            "cargo build of the plugins failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let built = |stem: &str| {
            let p = dir.join(lib_file(stem));
            assert!(p.is_file(), "{} was not built", p.display());
            p
        };
        Libs {
            news_article: built("news_article"),
            basic_checks: built("basic_checks"),
            faulty: built("faulty_plugin"),
            example_c: build_example_c(),
        }
    })
}

/// Compiles `plugins/example-c/*.c` into a shared library in the target's tmp dir.
fn build_example_c() -> PathBuf {
    let src = repo_root().join("plugins").join("example-c");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("plugins/example-c exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    sources.sort();
    assert!(!sources.is_empty(), "no C sources in {}", src.display());
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-plugins");
    std::fs::create_dir_all(&out_dir).expect("create the C plugin dir");
    let lib = out_dir.join(lib_file("example_c"));
    // Compile to a private name, then rename: another test run may be loading the old one.
    let tmp = out_dir.join(format!("{}.{}", lib_file("example_c"), std::process::id()));
    let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    let out = Command::new(cc)
        .args(["-shared", "-fPIC", "-o"])
        .arg(&tmp)
        .arg("-I")
        .arg(&src)
        .args(&sources)
        .output()
        .expect("cc runs");
    assert!(
        out.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::rename(&tmp, &lib).expect("move the C plugin into place");
    lib
}

/// Copies a library into the workspace directory (for tests that change or pin its bytes).
pub fn copy_lib(ws: &Ws, lib: &Path, name: &str) -> PathBuf {
    let to = ws.path().join(name);
    std::fs::copy(lib, &to).expect("copy the library");
    to
}

/// A TOML basic string for a path.
pub fn toml_path(p: &Path) -> String {
    serde_json::to_string(&p.display().to_string()).expect("json string")
}

/// `[plugins.NAME]` with `path` and extra lines.
pub fn plugin_decl(name: &str, path: &Path, extra: &str) -> String {
    format!("\n[plugins.{name}]\npath = {}\n{extra}", toml_path(path))
}

/// Runs `claims ARGS` in the workspace with extra environment; never inherits a fault or a
/// backtrace setting, and gives up after a minute.
pub fn run(ws: &Ws, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = ws.cmd();
    cmd.env_remove("CLAIMS_TEST_FAULT")
        .env_remove("RUST_BACKTRACE")
        .env_remove("CLAIMS_PLUGIN_PATH")
        .timeout(Duration::from_secs(60));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("claims runs")
}

/// Stdout and stderr as text.
pub fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `claims ARGS` with `env`, asserts success, parses stdout as JSON.
pub fn json_with(ws: &Ws, env: &[(&str, &str)], args: &[&str]) -> Value {
    let out = run(ws, env, args);
    let (stdout, stderr) = texts(&out);
    assert!(
        out.status.success(),
        "claims {args:?} failed: {stderr}\nstdout: {stdout}"
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// Counts of stored documents and findings, which `Ws::state` does not look at.
pub fn stored_counts(ws: &Ws) -> String {
    ws.sql_query(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM findings), \
         (SELECT COUNT(*) FROM versions)",
    )
}

/// The string items of a JSON array.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("not a string: {s}"))
                .to_string()
        })
        .collect()
}

/// A sorted copy.
pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// Fixtures shared by the plugin tests: two articles and their sources, the check sources, and
// the report helpers that more than one theme reads.
// ---------------------------------------------------------------------------------------------

/// An English article of our own: a statement through an alias, a relayed statement (Reuters
/// citing the health ministry), a denial and a refusal to comment.
pub const EN_ARTICLE: &str = "Ferry service halted after storm damages pier

The port authority said on Tuesday that all ferry crossings would stay suspended until the pier is repaired.

Reuters, citing the health ministry, reported that three dock workers were treated for minor injuries.

Tom Brack, the harbour master, denied that the warning had come too late.

The ferry operator declined to comment.
";

/// Sources for both articles; keys and names differ from the names the articles use, so each
/// one resolves only through an alias.
pub const NEWS_SOURCES: &str = r#"[workspace]
name = "plugins-news"

[sources.reuters]
name = "Thomson Reuters news agency"
kind = "agency"
aliases = ["Reuters"]

[sources.health-ministry]
name = "Ministry of Health"
kind = "government"
aliases = ["the health ministry"]

[sources.harbour-authority]
name = "Dunmore Harbour Board"
kind = "official"
aliases = ["the port authority"]

[sources.tom-brack]
name = "Thomas Brack"
kind = "person"
aliases = ["Tom Brack"]

[sources.wam]
name = "Emirates News Agency"
kind = "agency"
aliases = ["وكالة الأنباء الإماراتية", "وام"]

[sources.interior-ministry]
name = "Ministry of Interior"
kind = "government"
aliases = ["وزارة الداخلية"]

[sources.salem-nasser]
name = "Salem Nasser"
kind = "official"
aliases = ["سالم ناصر"]
"#;

/// Sources for the names the articles decline to comment through.
pub const DECLINERS: &str = r#"
[sources.dunmore-ferries]
name = "Dunmore Ferries"
kind = "company"
aliases = ["The ferry operator"]

[sources.rail-company]
name = "National Rail Company"
kind = "company"
aliases = ["شركة القطارات"]
"#;

/// A workspace declaring the news sources (plus `extra`) and the news-article plugin by path.
pub fn news_ws(extra: &str) -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{NEWS_SOURCES}{extra}{}",
        plugin_decl("news-article", &libs().news_article, "")
    ));
    ws
}

pub const CHECK_SOURCES: &str = r#"[workspace]
name = "plugins-checks"

[sources.bbc]
name = "BBC"
kind = "outlet"

[sources.afp]
name = "AFP"
kind = "agency"

[sources.reuters]
name = "Reuters"
kind = "agency"

[sources.tipster-a]
name = "A person familiar with the matter"
kind = "anonymous"

[sources.tipster-b]
name = "Officials who asked not to be named"
kind = "anonymous"

[sources.tass]
name = "TASS"
kind = "agency"
state_affiliated = true

[sources.kremlin]
name = "The Kremlin"
kind = "government"

[sources.mayor]
name = "Mayor Ilse Varga"
kind = "person"
"#;

/// A workspace with the check sources and basic-checks declared by path.
pub fn checks_ws() -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{CHECK_SOURCES}{}",
        plugin_decl("basic-checks", &libs().basic_checks, "")
    ));
    ws
}

/// The findings of `check --plugin NAME [IDS] --json`, after checking the report's frame.
pub fn check_json(ws: &Ws, plugin: &str, ids: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "--plugin", plugin, "--json"];
    args.extend_from_slice(ids);
    let report = json_with(ws, &[], &args);
    assert_eq!(strings(&report["plugins"]), [plugin], "{report}");
    let findings = report["findings"].as_array().expect("findings").clone();
    for f in &findings {
        assert_eq!(f["plugin"], plugin, "{f}");
    }
    findings
}

/// Asserts each finding's `versions` are the head hashes `show --json` gives for its claims.
pub fn assert_versions_are_heads(ws: &Ws, findings: &[Value]) {
    for f in findings {
        let claims = strings(&f["claims"]);
        let versions = strings(&f["versions"]);
        assert_eq!(claims.len(), versions.len(), "{f}");
        for (id, v) in claims.iter().zip(&versions) {
            assert!(is_hash(v), "{f}");
            assert_eq!(
                ws.show(id)["version"],
                v.as_str(),
                "finding {f} names the head"
            );
        }
    }
}

/// Asserts that no process started with `CLAIMS_E2E_MARK=marker` (the worker inherits it)
/// outlives `claims` by more than a few seconds.
pub fn assert_no_process_left(marker: &str) {
    #[cfg(target_os = "linux")]
    {
        let needle = format!("CLAIMS_E2E_MARK={marker}");
        let alive = || -> Vec<String> {
            let Ok(dir) = std::fs::read_dir("/proc") else {
                return Vec::new();
            };
            dir.flatten()
                .filter(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
                .filter(|e| {
                    std::fs::read(e.path().join("environ"))
                        .is_ok_and(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                })
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut left = alive();
        while !left.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
            left = alive();
        }
        assert!(
            left.is_empty(),
            "worker processes outlived claims: {left:?}"
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = marker;
}

/// The `plugin list --json` entry for `name`.
pub fn listed(ws: &Ws, cmd: &str, name: &str) -> Value {
    let out = run(ws, &[], &["plugin", cmd, "--json"]);
    let (stdout, _) = texts(&out);
    let list: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {list}"))
        .clone()
}

/// Runs `claims ARGS`, which must be refused on one `error: ...` line without changing the
/// workspace or storing anything; returns that line for the caller's check of what it names.
pub fn refused(ws: &Ws, args: &[&str]) -> String {
    let before = ws.state();
    let counts = stored_counts(ws);
    let line = one_error_line(&run(ws, &[], args));
    assert_eq!(
        ws.state(),
        before,
        "claims {args:?} was refused yet changed the workspace"
    );
    assert_eq!(
        stored_counts(ws),
        counts,
        "claims {args:?} was refused yet stored something"
    );
    line
}

/// Records the one claim of proposition `p-single` (the BBC's, about the budget), which
/// basic-checks reports as `single-voice`; returns its id.
pub fn add_single_voice(ws: &Ws) -> String {
    ws.add(&[
        "--source",
        "bbc",
        "--about",
        "p-single",
        "--stance",
        "supports",
        "--text",
        "The council approved the new budget",
    ])
}
