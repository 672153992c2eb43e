//! End-to-end tests of the plugin host against real libraries in real worker processes.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use claims_core::plugin::{
    ABI_VERSION, CrashCause, LoadedPlugin, PluginError, PluginHost, PluginSpec, format_hash,
    hash_library, parse_hash,
};
use claims_plugin::{CheckRequest, ClaimView, ParseRequest, PluginKind};
use support::{faulty_plugin, one_line_naming, worker_exe};

/// A host whose workers make the faulty plugin misbehave as `fault` says.
fn host(fault: &str) -> PluginHost {
    PluginHost::new(worker_exe().to_path_buf()).with_worker_args([fault])
}

/// The faulty plugin, declared as `faulty-test`.
fn spec() -> PluginSpec {
    PluginSpec::new("faulty-test", faulty_plugin())
}

fn claim(id: &str, text: &str) -> ClaimView {
    ClaimView {
        id: id.into(),
        text: text.into(),
        origin: "someone".into(),
        ..ClaimView::default()
    }
}

fn check_request() -> CheckRequest {
    CheckRequest {
        claims: vec![claim("c1", "It rained."), claim("c2", "It did not.")],
        sources: Vec::new(),
    }
}

/// Opens the faulty plugin with `fault` and makes one check call.
fn check_with(fault: &str) -> Result<Vec<claims_plugin::Finding>, PluginError> {
    let plugin = host(fault).open(&spec())?;
    plugin.check(&check_request())
}

#[test]
fn a_well_behaved_plugin_answers_from_its_worker() {
    let plugin: LoadedPlugin = host("ok").open(&spec()).unwrap();
    assert_eq!(plugin.manifest().name, "faulty");
    assert_eq!(
        plugin.manifest().kinds,
        vec![PluginKind::Parser, PluginKind::Check]
    );
    let findings = plugin.check(&check_request()).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].claims, vec!["c1", "c2"]);

    let claims = plugin
        .parse(&ParseRequest {
            document: "Officials said it rained.".into(),
            ..ParseRequest::default()
        })
        .unwrap();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].text, "Officials said it rained.");

    // An error the plugin reports leaves the worker usable.
    let err = plugin.parse(&ParseRequest::default()).unwrap_err();
    assert!(matches!(err, PluginError::Reported { .. }), "{err:?}");
    assert!(one_line_naming(&err, "faulty-test").contains("the document is empty"));
    assert_eq!(plugin.check(&check_request()).unwrap().len(), 1);
}

#[test]
fn a_plugin_printing_to_stdout_does_not_corrupt_the_workers_replies() {
    assert_eq!(check_with("noisy").unwrap().len(), 1);
}

#[test]
fn a_panic_is_caught_at_the_boundary_and_reported() {
    let err = check_with("panic").unwrap_err();
    assert!(matches!(err, PluginError::Reported { .. }), "{err:?}");
    let text = one_line_naming(&err, "faulty-test");
    assert!(
        text.contains("panicked") && text.contains("deliberate panic"),
        "{text}"
    );
}

#[test]
fn an_abort_is_a_crash_named_by_its_signal() {
    let err = check_with("abort").unwrap_err();
    assert!(
        matches!(&err, PluginError::Crashed { cause: CrashCause::Signal(s), .. } if s == "SIGABRT"),
        "{err:?}"
    );
    assert!(one_line_naming(&err, "faulty-test").contains("SIGABRT"));
}

#[test]
fn a_segfault_is_a_crash_named_by_its_signal_and_the_next_call_restarts_the_worker() {
    let plugin = host("segfault").open(&spec()).unwrap();
    for _ in 0..2 {
        let err = plugin.check(&check_request()).unwrap_err();
        assert!(
            matches!(&err, PluginError::Crashed { cause: CrashCause::Signal(s), .. } if s == "SIGSEGV"),
            "{err:?}"
        );
        assert!(one_line_naming(&err, "faulty-test").contains("SIGSEGV"));
    }
}

#[test]
fn a_hang_times_out_and_the_worker_is_killed() {
    let mut spec = spec();
    spec.timeout = Duration::from_millis(1500);
    let plugin = host("hang").open(&spec).unwrap();
    let started = Instant::now();
    let err = plugin.check(&check_request()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(8));
    assert!(
        matches!(err, PluginError::TimedOut { after, .. } if after == spec.timeout),
        "{err:?}"
    );
    assert!(one_line_naming(&err, "faulty-test").contains("timed out after 1.5 s"));
}

#[test]
fn invalid_json_from_the_plugin_is_a_named_error() {
    let err = check_with("invalid-json").unwrap_err();
    assert!(matches!(err, PluginError::InvalidJson { .. }), "{err:?}");
    one_line_naming(&err, "faulty-test");
}

#[test]
fn a_wrong_abi_version_is_refused_before_anything_else_is_read() {
    // The faulty table's manifest pointer and length would crash a host that read them.
    let err = host("wrong-abi").open(&spec()).unwrap_err();
    assert!(
        matches!(err, PluginError::WrongAbi { found, expected, .. }
            if found == ABI_VERSION + 41 && expected == ABI_VERSION),
        "{err:?}"
    );
    let text = one_line_naming(&err, "faulty-test");
    assert!(
        text.contains(&format!("version {}", ABI_VERSION + 41)),
        "{text}"
    );
}

#[test]
fn a_pinned_hash_is_checked_before_the_library_is_loaded() {
    let actual = hash_library(faulty_plugin()).unwrap();
    assert_eq!(parse_hash(&format_hash(&actual)), Some(actual));

    let mut pinned = spec();
    pinned.expected_hash = Some([7; 32]);
    // A worker that cannot even start shows that the refusal comes before any loading.
    let nowhere = PluginHost::new(PathBuf::from("/nonexistent/claims-worker"));
    let err = nowhere.open(&pinned).unwrap_err();
    assert!(matches!(err, PluginError::HashMismatch { .. }), "{err:?}");
    let text = one_line_naming(&err, "faulty-test");
    assert!(text.contains(&format_hash(&[7; 32])) && text.contains(&format_hash(&actual)));

    pinned.expected_hash = Some(actual);
    let plugin = host("ok").open(&pinned).unwrap();
    assert_eq!(plugin.check(&check_request()).unwrap().len(), 1);
}

#[test]
fn a_missing_library_is_not_found() {
    let err = host("ok")
        .open(&PluginSpec::new("ghost", "/nonexistent/libghost.so"))
        .unwrap_err();
    assert!(matches!(err, PluginError::NotFound { .. }), "{err:?}");
    one_line_naming(&err, "ghost");
}

#[test]
fn a_worker_that_cannot_start_is_a_load_failure() {
    let err = PluginHost::new(PathBuf::from("/nonexistent/claims-worker"))
        .open(&spec())
        .unwrap_err();
    assert!(matches!(err, PluginError::LoadFailed { .. }), "{err:?}");
    one_line_naming(&err, "faulty-test");
}

#[cfg(unix)]
#[test]
fn garbage_on_the_workers_stdout_is_a_named_error() {
    let garbage = PluginHost::new(PathBuf::from("sh"))
        .with_worker_args(["-c", "echo 'Usage: claims [OPTIONS] <COMMAND>'; sleep 5"]);
    let err = garbage.open(&spec()).unwrap_err();
    assert!(matches!(err, PluginError::Garbled { .. }), "{err:?}");
    let text = one_line_naming(&err, "faulty-test");
    assert!(text.contains("Usage: claims"), "{text}");
}

#[cfg(unix)]
#[test]
fn a_worker_exiting_with_a_status_is_a_named_crash() {
    let exits = PluginHost::new(PathBuf::from("sh")).with_worker_args(["-c", "exit 3"]);
    let err = exits.open(&spec()).unwrap_err();
    assert!(
        matches!(
            err,
            PluginError::Crashed {
                cause: CrashCause::Exit(3),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(one_line_naming(&err, "faulty-test").contains("status 3"));
}

/// The C example plugin, declared as `example-c`.
fn c_spec() -> PluginSpec {
    PluginSpec::new("example-c", support::c_example())
}

#[test]
fn the_c_example_plugin_loads_and_finds_problems() {
    let plugin = host("ok").open(&c_spec()).unwrap();
    assert_eq!(plugin.manifest().name, "example-c");
    assert_eq!(plugin.manifest().kinds, vec![PluginKind::Check]);

    let long = "word ".repeat(200);
    let request = CheckRequest {
        claims: vec![
            claim("fine", "The minister said “we will win” and left."),
            claim("blank", "  \n "),
            claim("long", &long),
            claim("odd-quote", "He said \"we will win and left."),
            claim("curly", "She called it “a disgrace."),
            claim("escaped \"id\"", "Ça va « bien » — fine."),
        ],
        sources: Vec::new(),
    };
    let findings = plugin.check(&request).unwrap();
    let mut seen: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.rule.clone(), f.claims.join(",")))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![
            ("blank-text".to_string(), "blank".to_string()),
            ("long-text".to_string(), "long".to_string()),
            ("unbalanced-quotes".to_string(), "curly".to_string()),
            ("unbalanced-quotes".to_string(), "odd-quote".to_string()),
        ]
    );
    assert!(findings.iter().all(|f| !f.message.is_empty()));

    let err = plugin.parse(&ParseRequest::default()).unwrap_err();
    assert!(matches!(err, PluginError::NotAParser { .. }), "{err:?}");
    one_line_naming(&err, "example-c");
}

#[test]
fn a_scaffolded_plugin_builds_and_loads_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("blank-finder");
    let written = claims_core::plugin::scaffold("blank-finder", &crate_dir).unwrap();
    assert!(written.iter().any(|p| p.ends_with("src/lib.rs")));
    // The workspace's lock file pins the same versions, so the build needs no network.
    std::fs::copy(
        support::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();
    let target = support::target_dir();
    let artifacts = support::cargo_build(
        &crate_dir,
        &["--offline", "--target-dir", target.to_str().unwrap()],
    );
    let library = support::library_artifact(&artifacts, "blank_finder");
    assert!(library.ends_with(claims_core::plugin::library_file_name("blank-finder")));

    let plugin = host("ok")
        .open(&PluginSpec::new("blank-finder", &library))
        .unwrap();
    assert_eq!(plugin.manifest().name, "blank-finder");
    let findings = plugin
        .check(&CheckRequest {
            claims: vec![claim("empty", " "), claim("full", "It rained.")],
            sources: Vec::new(),
        })
        .unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].claims, vec!["empty"]);
}
