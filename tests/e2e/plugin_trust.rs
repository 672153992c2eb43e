//! Trust before code runs: a library named by a workspace loads only once this user allowed it
//! there (`claims plugin allow`), at the bytes allowed, from the very file that was hashed; plugin
//! names are never paths.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::plugin_support::{copy_lib, libs, listed, plugin_decl, run, stored_counts, texts};
use crate::support::{Ws, one_error_line};

/// Sources the claims below name.
const SOURCES: &str = "[sources.bbc]\nname = \"BBC\"\nkind = \"outlet\"\n";

/// A workspace with one claim and a copy of the faulty plugin inside it, declared by a relative
/// path, as a workspace someone else made would carry it; returns the copy.
fn carried_ws(extra: &str) -> (Ws, PathBuf) {
    let ws = Ws::empty();
    let lib = copy_lib(&ws, &libs().faulty, "libcarried.so");
    ws.write_toml(&format!(
        "{SOURCES}{}",
        plugin_decl("faulty", Path::new("libcarried.so"), extra)
    ));
    ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The council approved the budget",
    ]);
    (ws, lib)
}

const CHECK: &[&str] = &["check", "--plugin", "faulty", "--json"];

#[test]
fn a_workspace_library_runs_only_once_allowed_and_again_once_changed() {
    let (ws, lib) = carried_ws("");
    let before = ws.state();
    let counts = stored_counts(&ws);
    let line = one_error_line(&run(&ws, &[], CHECK));
    assert!(
        line.starts_with("error: plugin `faulty` is not allowed")
            && line.ends_with("run `claims plugin allow faulty`"),
        "the refusal says which command to run: {line}"
    );
    assert!(line.contains("libcarried.so"), "{line}");
    assert_eq!(ws.state(), before);
    assert_eq!(stored_counts(&ws), counts);
    assert_eq!(listed(&ws, "list", "faulty")["state"], "unpinned");
    assert_eq!(listed(&ws, "list", "faulty")["shipped"], false);

    let out = ws.ok(&["plugin", "allow", "faulty"]);
    assert!(out.contains("Allowed plugin faulty"), "{out}");
    let entry = listed(&ws, "list", "faulty");
    assert_eq!(entry["state"], "ok", "{entry}");
    let out = run(&ws, &[], CHECK);
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "", "nothing to say once allowed");
    assert!(stdout.contains("counted"), "{stdout}");

    // The allowance lives outside the workspace: in the user's config directory.
    let store = ws.config.path().join("claims").join("allowed-plugins.toml");
    let text = std::fs::read_to_string(&store).expect("the allowances file");
    assert!(text.contains("plugin = \"faulty\""), "{text}");
    assert!(
        !std::fs::read_to_string(ws.toml_path())
            .unwrap()
            .contains("blake3"),
        "nothing about trust is written into the workspace"
    );

    // Changed bytes: refused again, naming the allowed hash and the command.
    let mut bytes = std::fs::read(&lib).unwrap();
    bytes.extend_from_slice(b"\0tampered\0");
    std::fs::write(&lib, bytes).unwrap();
    let line = one_error_line(&run(&ws, &[], CHECK));
    assert!(
        line.contains("pinned hash")
            && line.contains(entry["pinned"].as_str().unwrap())
            && line.contains("claims plugin allow faulty"),
        "{line}"
    );
    ws.ok(&["plugin", "allow", "faulty"]);
    assert!(run(&ws, &[], CHECK).status.success());

    // deny withdraws it.
    ws.ok(&["plugin", "deny", "faulty"]);
    let line = one_error_line(&run(&ws, &[], CHECK));
    assert!(line.contains("is not allowed"), "{line}");
}

/// Copies a directory tree (a workspace as `git clone` or `unzip` would give it).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn an_unallowed_library_from_a_cloned_workspace_never_loads() {
    // A colleague's workspace, where the colleague allowed the library.
    let (theirs, _) = carried_ws("");
    theirs.ok(&["plugin", "allow", "faulty"]);
    theirs.file("doc.txt", "The harbour will reopen.");
    // My clone of it, database and all.
    let mine = Ws::empty();
    copy_tree(theirs.path(), mine.path());
    let marker = mine.config.path().join("loaded.marker");
    let env = [("CLAIMS_TEST_LOAD_MARKER", marker.to_str().unwrap())];
    let before = mine.state();

    // Neither with my config nor with theirs (same user, another path) does anything load.
    for config in [mine.config.path(), theirs.config.path()] {
        let xdg = ("XDG_CONFIG_HOME", config.to_str().unwrap());
        for args in [
            CHECK,
            &["check"],
            &["ingest", "doc.txt", "--parser", "faulty", "--dry-run"],
            &["ingest", "doc.txt", "--parser", "faulty"],
        ] {
            let out = run(&mine, &[env[0], xdg], args);
            let (_, stderr) = texts(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(
                stderr.contains("is not allowed") && !stderr.contains("constructor ran"),
                "{args:?}: {stderr}"
            );
        }
        for args in [&["plugin", "list"][..], &["plugin", "verify"]] {
            let out = run(&mine, &[env[0], xdg], args);
            assert!(!texts(&out).1.contains("constructor ran"), "{args:?}");
        }
    }
    assert!(!marker.exists(), "the library's constructor ran");
    assert_eq!(mine.state(), before);

    // The marker does work: once allowed (in-process, so its write is not sandboxed), it loads.
    let toml = mine.toml().replace(
        "path = \"libcarried.so\"\n",
        "path = \"libcarried.so\"\nisolation = \"none\"\n",
    );
    mine.write_toml(&toml);
    mine.ok(&["plugin", "allow", "faulty"]);
    let out = run(&mine, &env, CHECK);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(
        marker.exists(),
        "the positive control: an allowed library loads"
    );
}

#[test]
fn plugin_names_that_could_be_paths_are_refused() {
    let ws = Ws::empty();
    ws.write_toml(SOURCES);
    ws.file("doc.txt", "text");
    for name in [
        "x/../../../tools/evil",
        "../evil",
        "/usr/lib/evil",
        "..",
        "a\\b",
        "evil\nname",
    ] {
        for args in [
            vec!["check", "--plugin", name],
            vec!["ingest", "doc.txt", "--parser", name],
            vec!["plugin", "allow", name],
            vec!["plugin", "deny", name],
        ] {
            let line = one_error_line(&run(&ws, &[], &args));
            assert!(
                line.starts_with("error: bad plugin name"),
                "{args:?}: {line}"
            );
        }
    }
    ws.write_toml(&format!(
        "{SOURCES}\n[plugins.\"../../evil\"]\npath = \"x.so\"\n"
    ));
    let line = one_error_line(&run(&ws, &[], &["plugin", "list"]));
    assert!(
        line.contains("workspace.toml:5:") && line.contains("bad plugin name"),
        "{line}"
    );
}

#[test]
fn plugin_add_is_consent_but_in_process_running_needs_its_own() {
    let (ws, lib) = carried_ws("");
    // Naming the file is consent.
    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(out.contains("Allowed plugin faulty"), "{out}");
    assert!(run(&ws, &[], CHECK).status.success());

    // The workspace now asks to run it unsandboxed in claims itself: not what was allowed.
    let toml = ws.toml().replace(
        "path = \"libcarried.so\"\n",
        "path = \"libcarried.so\"\nisolation = \"none\"\n",
    );
    ws.write_toml(&toml);
    let line = one_error_line(&run(&ws, &[], CHECK));
    assert!(
        line.contains("in-process") && line.contains("claims plugin allow faulty"),
        "{line}"
    );
    let out = ws.ok(&["plugin", "allow", "faulty"]);
    assert!(out.contains("unsandboxed"), "{out}");
    assert!(run(&ws, &[], CHECK).status.success());
}

/// Swaps two directory entries atomically (`renameat2(RENAME_EXCHANGE)`); whether it did.
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes()).unwrap();
    let b = std::ffi::CString::new(b.as_os_str().as_bytes()).unwrap();
    // SAFETY: two valid NUL-terminated paths; the call changes only directory entries.
    unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        ) == 0
    }
}

/// Runs `tries` checks of the allowed basic-checks library while a thread keeps exchanging it
/// with the faulty library (whose constructor leaves a marker); returns how many checks
/// succeeded, were refused, and loaded the swapped-in library.
fn race(isolation: &str, tries: usize) -> (usize, usize, usize) {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{SOURCES}{}",
        plugin_decl("basic-checks", Path::new("lib/current.so"), isolation)
    ));
    ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The council approved the budget",
    ]);
    std::fs::create_dir_all(ws.path().join("lib")).unwrap();
    let current = ws.path().join("lib").join("current.so");
    let other = ws.path().join("lib").join("other.so");
    std::fs::copy(&libs().basic_checks, &current).unwrap();
    std::fs::copy(&libs().faulty, &other).unwrap();
    ws.ok(&["plugin", "allow", "basic-checks"]);
    let marker = ws.config.path().join("swapped.marker");

    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicU64::new(0));
    let swapper = {
        let (stop, swaps) = (stop.clone(), swaps.clone());
        let (current, other) = (current.clone(), other.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if exchange(&current, &other) {
                    swaps.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };
    let (mut ok, mut refused, mut swapped) = (0, 0, 0);
    for _ in 0..tries {
        let out = run(
            &ws,
            &[("CLAIMS_TEST_LOAD_MARKER", marker.to_str().unwrap())],
            &["check", "--plugin", "basic-checks", "--json"],
        );
        let (_, stderr) = texts(&out);
        if stderr.contains("constructor ran") || marker.exists() {
            swapped += 1;
            let _ = std::fs::remove_file(&marker);
        } else if out.status.success() {
            ok += 1;
        } else {
            assert!(
                stderr.contains("pinned hash") || stderr.contains("calls itself"),
                "an unexpected failure: {stderr}"
            );
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            refused += 1;
        }
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
    eprintln!(
        "race ({isolation:?}): {tries} tries, {} swaps: {ok} ran the allowed library, {refused} refused, {swapped} loaded the swapped one",
        swaps.load(Ordering::Relaxed)
    );
    assert!(
        swaps.load(Ordering::Relaxed) > 0,
        "the swapper never swapped"
    );
    (ok, refused, swapped)
}

#[test]
fn a_library_swapped_in_between_check_and_load_never_runs() {
    let (ok, refused, swapped) = race("", 300);
    assert_eq!(swapped, 0, "the swapped-in library ran");
    assert_eq!(ok + refused, 300);
}

#[test]
fn a_library_swapped_in_between_check_and_load_never_runs_in_process_either() {
    let (ok, refused, swapped) = race("isolation = \"none\"\n", 150);
    assert_eq!(swapped, 0, "the swapped-in library ran");
    assert_eq!(ok + refused, 150);
}

#[test]
fn without_a_config_directory_only_shipped_plugins_run() {
    let ws = Ws::empty();
    ws.write_toml(&format!(
        "{SOURCES}{}",
        plugin_decl("faulty", &libs().faulty, "")
    ));
    ws.add(&[
        "--source",
        "bbc",
        "--text",
        "The council approved the budget",
    ]);
    let homeless = |args: &[&str]| {
        let mut cmd = ws.cmd();
        cmd.env_remove("XDG_CONFIG_HOME")
            .env_remove("HOME")
            .env_remove("CLAIMS_TEST_FAULT");
        cmd.args(args).output().unwrap()
    };
    let out = homeless(&["check"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let line = one_error_line(&homeless(&["plugin", "allow", "faulty"]));
    assert!(line.contains("set XDG_CONFIG_HOME"), "{line}");
}
