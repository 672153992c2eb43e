//! The worker sandbox end to end: the faulty plugin tries to write outside, open a socket, fork,
//! start a program, fill 8 GiB and forge a 100 GB reply; each is a one-line error naming the
//! plugin, nothing is written, no process is left, and `claims` itself never panics or aborts.
//! Limits and their validation in `workspace.toml` are checked here too.

use crate::plugin_support::{assert_no_process_left, libs, plugin_decl, run, stored_counts, texts};
use crate::support::{Ws, one_error_line};

/// A workspace with two claims, a document, and the faulty plugin (shipped beside `claims`, so
/// no allowance is needed) declared with `extra`.
fn sandbox_ws(extra: &str) -> Ws {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "[sources.bbc]\nname = \"BBC\"\nkind = \"outlet\"\n{}",
        plugin_decl("faulty", &libs().faulty, &format!("timeout = 20\n{extra}"))
    ));
    ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The council approved the budget",
    ]);
    ws.add(&["--source", "bbc", "--text", "The harbour will reopen"]);
    ws.file("doc.txt", "The port authority said the pier is closed.");
    ws
}

/// The commands a fault is provoked with: the plugin is both a check and a parser.
const COMMANDS: [&[&str]; 2] = [
    &["check", "--plugin", "faulty", "--json"],
    &["ingest", "doc.txt", "--parser", "faulty", "--json"],
];

/// Runs both commands with `fault` (and `target`), and checks: exit status 1 (no signal, no
/// panic), nothing on stdout, exactly one `error:` line, the last, naming the plugin and
/// containing `cause`; no worker left; the workspace unchanged. Returns the error lines.
fn refused(ws: &Ws, fault: &str, target: &str, cause: &str) -> Vec<String> {
    let before = ws.state();
    let counts = stored_counts(ws);
    let mut lines = Vec::new();
    for args in COMMANDS {
        let mark = format!("sandbox-{}-{fault}-{}", std::process::id(), args[0]);
        let out = run(
            ws,
            &[
                ("CLAIMS_TEST_FAULT", fault),
                ("CLAIMS_TEST_TARGET", target),
                ("CLAIMS_E2E_MARK", &mark),
            ],
            args,
        );
        assert_no_process_left(&mark);
        let (stdout, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(1), "{fault}: {args:?}: {stderr}");
        assert!(stdout.is_empty(), "{fault}: {stdout}");
        assert!(!stderr.contains("panicked"), "{fault}: {stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
        let last = stderr.lines().last().unwrap_or("");
        assert_eq!(
            errors,
            [last],
            "{fault}: one error line, the last: {stderr:?}"
        );
        assert!(
            last.starts_with("error: plugin `faulty`") && last.contains(cause),
            "{fault}: {args:?}: {last}"
        );
        assert_eq!(
            ws.state(),
            before,
            "{fault}: {args:?} changed the workspace"
        );
        assert_eq!(
            stored_counts(ws),
            counts,
            "{fault}: {args:?} stored something"
        );
        lines.push(last.to_string());
    }
    lines
}

#[test]
fn a_plugin_cannot_write_a_file_anywhere() {
    let ws = sandbox_ws("");
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    let targets = std::env::join_paths([
        victim.clone(),
        ws.toml_path(),
        ws.path().join(".claims").join("planted"),
        std::env::temp_dir().join(format!("claims-sandbox-{}", std::process::id())),
    ])
    .unwrap();
    refused(
        &ws,
        "write-file",
        targets.to_str().unwrap(),
        "Permission denied",
    );
    assert!(!victim.exists(), "a file was written outside the workspace");
    assert!(!ws.path().join(".claims").join("planted").exists());
}

#[test]
fn a_plugin_cannot_open_a_network_socket() {
    let ws = sandbox_ws("");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    refused(&ws, "socket", &addr, "connect: Operation not permitted");
    assert!(
        listener.accept().is_err(),
        "the plugin reached the listener"
    );
}

#[test]
fn a_plugin_cannot_fork_or_start_a_program() {
    let ws = sandbox_ws("");
    // The fork's own result is the signal: a child would also be caught by the marker check.
    refused(&ws, "fork", "", "fork: Operation not permitted");
    refused(&ws, "exec", "", "exec: Operation not permitted");
}

#[test]
fn a_plugin_filling_8_gib_is_stopped_at_its_memory_limit() {
    let ws = sandbox_ws("");
    let started = std::time::Instant::now();
    refused(&ws, "memory", "", "crashed");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the 2 GiB limit should stop it at once: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_forged_100_gb_reply_header_is_refused_before_allocating() {
    let ws = sandbox_ws("");
    for line in refused(&ws, "huge-reply", "", "100000000000 bytes") {
        assert!(
            line.contains("256 MiB") && line.contains("max_reply"),
            "{line}"
        );
    }
}

#[test]
fn the_reply_limit_is_configurable() {
    // The faulty parser answers with the document: 2 MiB of it is over a 1 MiB limit.
    let ws = sandbox_ws("max_reply = \"1M\"\n");
    ws.file("big.txt", &"word ".repeat(400_000));
    let line = one_error_line(&run(
        &ws,
        &[],
        &["ingest", "big.txt", "--parser", "faulty", "--dry-run"],
    ));
    assert!(
        line.starts_with("error: plugin `faulty` answered with") && line.contains("1 MiB"),
        "{line}"
    );
    // Workspace-wide, in [plugins].
    let ws = sandbox_ws("");
    let toml = ws.toml().replace(
        "[plugins.faulty]",
        "[plugins]\nmax_reply = 1048576\n\n[plugins.faulty]",
    );
    ws.write_toml(&toml);
    ws.file("big.txt", &"word ".repeat(400_000));
    let line = one_error_line(&run(
        &ws,
        &[],
        &["ingest", "big.txt", "--parser", "faulty", "--dry-run"],
    ));
    assert!(line.contains("1 MiB"), "{line}");
}

#[test]
fn a_sandboxed_plugin_still_works_and_required_sandboxes_are_honoured() {
    let ws = sandbox_ws("sandbox = \"required\"\n");
    let out = run(&ws, &[], COMMANDS[0]);
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr, "",
        "this kernel has Landlock and seccomp: nothing to warn about"
    );
    assert!(stdout.contains("counted"), "{stdout}");

    // In-process running has no sandbox: a workspace requiring one refuses it.
    let ws = sandbox_ws("sandbox = \"required\"\nisolation = \"none\"\n");
    let line = one_error_line(&run(&ws, &[], COMMANDS[0]));
    assert!(
        line.contains("requires a sandbox") && line.contains("isolation = \"none\""),
        "{line}"
    );
}

#[test]
fn limits_in_workspace_toml_are_validated_not_panicked_on() {
    let ws = sandbox_ws("");
    let base = ws.toml();
    for (line, setting, expect) in [
        (7, "timeout = inf", "timeout must be a positive number"),
        (7, "timeout = nan", "timeout must be a positive number"),
        (7, "timeout = 18446744073709551616.0", "at most 86400"),
        (7, "timeout = -1", "timeout must be a positive number"),
        (7, "cpu_time = 1e300", "cpu_time must be"),
        (7, "memory = \"lots\"", "memory must be a size"),
        (7, "memory = \"1K\"", "memory must be a size"),
        (7, "max_reply = \"99T\"", "max_reply must be a size"),
        (7, "sandbox = \"maybe\"", "best-effort"),
    ] {
        let toml = base.replace("timeout = 20\n", &format!("{setting}\n"));
        ws.write_toml(&toml);
        let out = run(&ws, &[], COMMANDS[0]);
        let err = one_error_line(&out);
        assert_eq!(out.status.code(), Some(1), "{setting}");
        assert!(
            err.contains(&format!("workspace.toml:{line}:")) && err.contains(expect),
            "{setting}: {err}"
        );
    }
    for (setting, expect) in [
        ("timeout = inf", "[plugins] timeout must be"),
        ("memory = \"0\"", "[plugins] memory must be"),
        ("colour = \"red\"", "unknown plugin setting `colour`"),
    ] {
        let toml = base.replace(
            "[plugins.faulty]",
            &format!("[plugins]\n{setting}\n\n[plugins.faulty]"),
        );
        ws.write_toml(&toml);
        let err = one_error_line(&run(&ws, &[], COMMANDS[0]));
        assert!(err.contains(expect), "{setting}: {err}");
    }
}
