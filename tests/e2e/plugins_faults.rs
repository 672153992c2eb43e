//! Isolation: a plugin that aborts, segfaults, hangs, panics, prints or returns garbage costs
//! its worker process, never the workspace; `isolation = "none"` loads it into `claims`.

use std::time::{Duration, Instant};

use crate::plugin_support::*;
use crate::support::{Ws, one_error_line};

/// A workspace with a few claims, a document to ingest, and the faulty plugin declared (timeout
/// 1 s) and already pinned, so a failing run's stderr holds only its error.
fn faulty_ws(extra: &str) -> Ws {
    let ws = checks_ws();
    let mut toml = ws.toml();
    toml.push_str(&plugin_decl(
        "faulty",
        &libs().faulty,
        &format!("timeout = 1\n{extra}"),
    ));
    ws.write_toml(&toml);
    ws.add(&[
        "--source",
        "bbc",
        "--about",
        "p-budget",
        "--stance",
        "supports",
        "--text",
        "The council approved the new budget",
    ]);
    ws.add(&[
        "--source",
        "afp",
        "--text",
        "The harbour will reopen next month",
    ]);
    ws.file("doc.txt", EN_ARTICLE);
    let out = ws.ok(&["plugin", "add", libs().faulty.to_str().unwrap()]);
    assert!(out.contains("faulty"), "{out}");
    ws
}

/// The commands a fault is provoked with: the plugin is both a check and a parser.
const FAULT_COMMANDS: [&[&str]; 2] = [
    &["check", "--plugin", "faulty", "--json"],
    &["ingest", "doc.txt", "--parser", "faulty", "--json"],
];

/// Runs each command with the fault; returns (elapsed, output) after checking the exit status,
/// the last stderr line (naming the plugin and containing `cause`) and that nothing changed.
fn provoke(ws: &Ws, fault: &str, cause: &str) -> Vec<(Duration, std::process::Output)> {
    let before = ws.state();
    let counts = stored_counts(ws);
    let mut outs = Vec::new();
    for args in FAULT_COMMANDS {
        let marker = format!("{}-{fault}-{}", std::process::id(), args[0]);
        let started = Instant::now();
        let out = run(
            ws,
            &[("CLAIMS_TEST_FAULT", fault), ("CLAIMS_E2E_MARK", &marker)],
            args,
        );
        let elapsed = started.elapsed();
        assert_no_process_left(&marker);
        let (stdout, stderr) = texts(&out);
        assert!(
            !out.status.success(),
            "{fault}: claims {args:?} should fail; stderr: {stderr}"
        );
        assert!(
            out.status.code().is_some(),
            "{fault}: claims itself must not die by a signal: {:?}",
            out.status
        );
        assert!(stdout.is_empty(), "{fault}: nothing on stdout: {stdout}");
        let last = stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with("error: plugin `faulty`") && last.contains(cause),
            "{fault}: claims {args:?}: the error names the plugin and {cause:?}: {stderr:?}"
        );
        assert_eq!(
            ws.state(),
            before,
            "{fault}: claims {args:?} changed the workspace"
        );
        assert_eq!(
            stored_counts(ws),
            counts,
            "{fault}: claims {args:?} stored something"
        );
        outs.push((elapsed, out));
    }
    // The plugin itself still works once it behaves.
    let report = json_with(ws, &[("CLAIMS_TEST_FAULT", "ok")], FAULT_COMMANDS[0]);
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    outs
}

/// [`provoke`], also requiring exactly one line on stderr.
fn provoke_one_line(fault: &str, cause: &str) -> Vec<(Duration, std::process::Output)> {
    let ws = faulty_ws("");
    let outs = provoke(&ws, fault, cause);
    for (_, out) in &outs {
        one_error_line(out);
    }
    outs
}

#[test]
fn a_plugin_that_aborts_is_a_one_line_error_naming_sigabrt() {
    provoke_one_line("abort", "crashed: killed by SIGABRT");
}

#[test]
fn a_plugin_that_segfaults_is_a_one_line_error_naming_sigsegv() {
    provoke_one_line("segfault", "crashed: killed by SIGSEGV");
}

#[test]
fn a_plugin_that_hangs_times_out_after_the_declared_timeout() {
    for (elapsed, _) in provoke_one_line("hang", "timed out after 1 s") {
        assert!(
            elapsed < Duration::from_secs(8),
            "the 1 s timeout was not enforced: {elapsed:?}"
        );
    }
}

#[test]
fn a_plugin_returning_invalid_json_is_a_one_line_error() {
    provoke_one_line("invalid-json", "returned invalid JSON");
}

#[test]
fn a_plugin_with_the_wrong_abi_version_is_refused_on_one_line() {
    provoke_one_line(
        "wrong-abi",
        "ABI version 42, but this claims expects version 1",
    );
}

#[test]
fn a_plugin_that_panics_is_reported_and_changes_nothing() {
    let ws = faulty_ws("");
    provoke(
        &ws,
        "panic",
        "reported an error: panicked: deliberate panic",
    );
}

#[test]
fn a_plugin_that_panics_is_a_one_line_error() {
    provoke_one_line("panic", "panicked: deliberate panic");
}

#[test]
fn a_plugin_printing_to_stdout_does_not_corrupt_the_output() {
    let ws = faulty_ws("");
    let report = json_with(&ws, &[("CLAIMS_TEST_FAULT", "noisy")], FAULT_COMMANDS[0]);
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    let out = run(&ws, &[("CLAIMS_TEST_FAULT", "noisy")], FAULT_COMMANDS[0]);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("debugging output a plugin should not print"),
        "the plugin's stdout goes to stderr: {stderr:?}"
    );
}

#[test]
fn isolation_none_loads_the_plugin_into_claims_itself() {
    let ws = faulty_ws("isolation = \"none\"\n");
    let report = json_with(&ws, &[("CLAIMS_TEST_FAULT", "ok")], FAULT_COMMANDS[0]);
    assert_eq!(strings(&report["plugins"]), ["faulty"]);
    assert_eq!(report["checked"], 2, "{report}");
    assert_eq!(report["findings"][0]["rule"], "counted", "{report}");
    assert_eq!(report["findings"][0]["claims"].as_array().unwrap().len(), 2);
    let dry = json_with(
        &ws,
        &[("CLAIMS_TEST_FAULT", "ok")],
        &[
            "ingest",
            "doc.txt",
            "--parser",
            "faulty",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(dry[0]["claims"][0]["text"], EN_ARTICLE, "{dry}");

    // In-process too, a wrong ABI and garbage are one-line errors that change nothing.
    let before = ws.state();
    let counts = stored_counts(&ws);
    for (fault, cause) in [
        (
            "wrong-abi",
            "ABI version 42, but this claims expects version 1",
        ),
        ("invalid-json", "returned invalid JSON"),
    ] {
        for args in FAULT_COMMANDS {
            let line = one_error_line(&run(&ws, &[("CLAIMS_TEST_FAULT", fault)], args));
            assert!(
                line.starts_with("error: plugin `faulty`") && line.contains(cause),
                "{fault}: {line}"
            );
            assert_eq!(ws.state(), before);
            assert_eq!(stored_counts(&ws), counts);
        }
    }

    // Proof that it ran in-process: its segfault is claims' own.
    let out = run(&ws, &[("CLAIMS_TEST_FAULT", "segfault")], FAULT_COMMANDS[0]);
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            out.status.signal(),
            Some(11),
            "in-process, a segfault ends claims: {:?}",
            out.status
        );
    }
    #[cfg(not(unix))]
    assert!(!out.status.success());
    assert_eq!(ws.state(), before);
}
