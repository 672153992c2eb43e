//! Builds the real libraries and executables the plugin host tests load, once per test binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use claims_core::plugin::{PluginError, library_file_name};

/// The workspace root, where `cargo build -p …` is run.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ has a parent")
        .to_path_buf()
}

/// The workspace's target directory (`CARGO_TARGET_TMPDIR` is `<target>/tmp`).
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp dir is inside the target dir")
        .to_path_buf()
}

/// Runs `cargo build` with `args` in `dir` and returns the JSON artifact messages.
pub fn cargo_build(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO"))
        .arg("build")
        .arg("--message-format=json-render-diagnostics")
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::inherit())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo build {args:?} failed in {}",
        dir.display()
    );
    String::from_utf8(output.stdout)
        .expect("cargo writes UTF-8")
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .collect()
}

/// The dynamic library among the artifacts of package `crate_name` (underscored target name).
pub fn library_artifact(artifacts: &[serde_json::Value], target_name: &str) -> PathBuf {
    let suffix = std::env::consts::DLL_SUFFIX;
    artifacts
        .iter()
        .filter(|a| a["target"]["name"] == target_name)
        .flat_map(|a| a["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no library artifact for {target_name}"))
}

/// `libfaulty_plugin.so`, built once.
pub fn faulty_plugin() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let artifacts = cargo_build(&workspace_root(), &["-p", "faulty-plugin"]);
        library_artifact(&artifacts, "faulty_plugin")
    })
}

/// The `plugin_worker` example, standing in for `claims __plugin-worker`, built once.
pub fn worker_exe() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let artifacts = cargo_build(
            &workspace_root(),
            &["-p", "claims-core", "--example", "plugin_worker"],
        );
        artifacts
            .iter()
            .filter(|a| a["target"]["name"] == "plugin_worker")
            .find_map(|a| a["executable"].as_str().map(PathBuf::from))
            .expect("the example is an executable")
    })
}

/// The C example plugin, compiled with `cc -shared -fPIC`, once.
pub fn c_example() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let source = workspace_root().join("plugins/example-c");
        let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-c");
        std::fs::create_dir_all(&out_dir).expect("create the output dir");
        let out = out_dir.join(library_file_name("example-c"));
        let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
        let status = Command::new(cc)
            .args([
                "-shared", "-fPIC", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1",
            ])
            .arg("-I")
            .arg(&source)
            .arg("-o")
            .arg(&out)
            .arg(source.join("example_check.c"))
            .status()
            .expect("a C compiler (cc) runs");
        assert!(status.success(), "cc failed on the C example plugin");
        out
    })
}

/// Asserts the error prints as one line that names the plugin, and returns its text.
pub fn one_line_naming(error: &PluginError, plugin: &str) -> String {
    let text = error.to_string();
    assert!(!text.contains('\n'), "not one line: {text:?}");
    assert!(text.contains(plugin), "does not name `{plugin}`: {text}");
    text
}
