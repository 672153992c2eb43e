//! Read commands on a read-only workspace: every one works, prints what it prints on the
//! writable original, and changes nothing (no file written, created or touched). As root,
//! file permissions bind nobody, so the commands then run as an unprivileged user.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir` with its size, modification time and bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                stack.push(p.clone());
            }
            let bytes = if m.is_file() {
                std::fs::read(&p).unwrap()
            } else {
                Vec::new()
            };
            out.push((p, m.len(), m.modified().unwrap(), bytes));
        }
    }
    out.sort();
    out
}

/// Output with the seconds a computation took (trust prints them) removed.
fn untimed(out: &str) -> String {
    out.lines()
        .map(|l| match l.rsplit_once(", ") {
            Some((rest, t)) if t.ends_with(" s") && t[..t.len() - 2].parse::<f64>().is_ok() => {
                rest.to_string()
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn chmod_recursive(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    for (p, ..) in tree(dir) {
        if !std::fs::symlink_metadata(&p)
            .unwrap()
            .file_type()
            .is_symlink()
        {
            let dir_bits = if p.is_dir() { 0o111 } else { 0 };
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode | dir_bits)).unwrap();
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode | 0o111)).unwrap();
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `claims ARGS` on the workspace at `root`, as an unprivileged user when this is root.
fn claims_as_reader(root: &Path, args: &[&str]) -> std::process::Output {
    let bin = env!("CARGO_BIN_EXE_claims");
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("--workspace")
        .arg(root)
        .args(args)
        .env_remove("CLAIMS_WORKSPACE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env("XDG_CONFIG_HOME", "/nonexistent-claims-config")
        .current_dir("/");
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run claims as an unprivileged user ({e}); the read-only test needs setpriv (util-linux) when run as root")
    });
    if is_root() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("setpriv:"),
            "setpriv could not drop privileges: {stderr}"
        );
    }
    out
}

#[test]
fn every_read_command_works_on_a_read_only_copy_and_changes_nothing() {
    let ws = Ws::with_sources();
    let ids = add_fixture_claims(&ws);
    ws.ok(&[
        "edit",
        &ids[1],
        "--text",
        "كيم جونغ أون يصل إلى فلاديفوستوك بالقطار",
        "--note",
        "تصحيح",
    ]);
    ws.ok(&["retract", &ids[2], "--note", "withdrawn"]);
    ws.ok(&[
        "about",
        "add",
        "nk-arms-warning",
        "--text",
        "The US warns North Korea",
    ]);
    ws.ok(&[
        "verdict",
        "nk-arms-warning",
        "--rating",
        "true",
        "--note",
        "on the record",
    ]);
    let about = "nk-arms-warning";
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", &ids[1]],
        vec!["log", &ids[1], "--json"],
        vec!["diff", &ids[1]],
        vec!["compare", about],
        vec!["agree"],
        vec!["trust"],
        vec!["head", "--json"],
        vec!["fsck"],
        vec!["about", "list"],
        vec!["about", "show", about],
        vec!["about", "log", about],
        vec!["source", "list"],
    ];

    // A copy anyone may read and nobody may write.
    let holder = tempfile::tempdir().unwrap();
    let copy = holder.path().join("copy");
    let status = Command::new("cp")
        .arg("-a")
        .arg(ws.path())
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    chmod_recursive(&copy, 0o444);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(holder.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = tree(&copy);

    for args in &commands {
        let want = ws.ok(args);
        let out = claims_as_reader(&copy, args);
        assert!(
            out.status.success(),
            "`claims {}` failed on the read-only copy: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            untimed(&got),
            untimed(&want),
            "`claims {}` reads the same on the copy",
            args.join(" ")
        );
    }
    // A write is refused in one line, and nothing changes.
    let out = claims_as_reader(&copy, &["add", "--source", "nyt", "--text", "one more"]);
    let err = one_error_line(&out);
    assert!(
        err.contains("read-only") || err.contains("ermission denied"),
        "{err}"
    );
    assert_eq!(
        tree(&copy),
        before,
        "no file under the copy was written, created or touched"
    );
    chmod_recursive(&copy, 0o644);
}

#[test]
fn a_fresh_clone_reads_as_empty_without_creating_claims_state() {
    let holder = tempfile::tempdir().unwrap();
    std::fs::write(
        holder.path().join("workspace.toml"),
        "[sources.nyt]\nname = \"NYT\"\nkind = \"outlet\"\n",
    )
    .unwrap();
    let out = claims_in(holder.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
    let out = claims_in(holder.path()).args(["head"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("0:"),
        "the empty tree's head"
    );
    assert!(
        !holder.path().join(".claims").exists(),
        "reading created nothing"
    );
}
