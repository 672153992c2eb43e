//! Pinning: a plugin library is pinned by its blake3 hash (by `plugin add`, or on first use of
//! a declared plugin) and refused once its bytes change, until `plugin trust` accepts them.

use std::path::Path;

use crate::plugin_support::*;
use crate::support::is_hash;

fn append_bytes(lib: &Path) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(lib)
        .expect("open the library");
    f.write_all(b"\0tampered\0").expect("append");
}

#[test]
fn a_pinned_library_whose_bytes_changed_is_refused_until_trusted() {
    let ws = checks_ws();
    // Not declared: the pin alone says where the library is.
    ws.write_toml(CHECK_SOURCES);
    add_single_voice(&ws);
    let lib = copy_lib(&ws, &libs().basic_checks, "libcopied_checks.so");
    let out = ws.ok(&["plugin", "add", lib.to_str().unwrap()]);
    assert!(out.contains("basic-checks"), "{out}");
    let pinned = listed(&ws, "list", "basic-checks");
    assert_eq!(pinned["state"], "ok", "{pinned}");
    let hash = pinned["pinned"].as_str().expect("pinned hash").to_string();
    assert!(is_hash(&hash), "{pinned}");
    assert_eq!(pinned["actual"], hash.as_str(), "{pinned}");
    assert_eq!(
        std::fs::canonicalize(pinned["path"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&lib).unwrap()
    );
    ws.ok(&["plugin", "verify"]);
    assert_eq!(check_json(&ws, "basic-checks", &[]).len(), 1);

    append_bytes(&lib);
    let changed = listed(&ws, "list", "basic-checks");
    assert_eq!(changed["state"], "changed", "{changed}");

    // verify: non-zero, naming it.
    let out = run(&ws, &[], &["plugin", "verify"]);
    let (_, stderr) = texts(&out);
    assert!(!out.status.success(), "verify must fail: {stderr}");
    assert!(
        stderr.contains("basic-checks") && stderr.contains("changed"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");

    // check: refused, workspace unchanged, nothing stored.
    let line = refused(&ws, &["check", "--plugin", "basic-checks"]);
    assert!(
        line.contains("basic-checks") && line.contains("pinned hash"),
        "{line}"
    );
    assert!(
        line.contains(&hash),
        "the message names the pinned hash: {line}"
    );

    // trust: accepted again, at the new bytes.
    ws.ok(&["plugin", "trust", "basic-checks"]);
    let trusted = listed(&ws, "list", "basic-checks");
    assert_eq!(trusted["state"], "ok", "{trusted}");
    assert_ne!(trusted["pinned"], hash.as_str(), "{trusted}");
    assert_eq!(trusted["pinned"], changed["actual"], "{trusted}");
    ws.ok(&["plugin", "verify"]);
    assert_eq!(check_json(&ws, "basic-checks", &[]).len(), 1);
}
