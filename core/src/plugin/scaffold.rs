//! `claims plugin new NAME`: writes a plugin crate that builds and loads as it is, anywhere.
//!
//! The crate carries its own copy of the plugin SDK (`claims-plugin/` inside it), the very
//! sources this `claims` was built with, so it speaks the host's ABI and builds on a machine that
//! has only `cargo` and the `claims` binary: no path of the machine that built `claims` is
//! written, and nothing but the SDK's own crates.io dependencies is fetched.

use std::path::{Path, PathBuf};

/// Why a plugin crate could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The name cannot be both a crate name and a plugin name.
    #[error(
        "invalid plugin name `{0}`: use lowercase letters, digits and dashes, starting with a letter"
    )]
    InvalidName(String),
    /// The target directory already has files in it, which are not overwritten.
    #[error("cannot create plugin in {}: the directory is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The SDK manifest built into claims could not be read (a build defect, named plainly).
    #[error("the plugin SDK manifest built into claims is unreadable: {0}")]
    SdkManifest(String),
    /// Writing a file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory being written.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// The plugin SDK's sources, as this binary was built with them: (path in the SDK crate, text).
const SDK_SOURCES: &[(&str, &str)] = &[
    (
        "src/lib.rs",
        include_str!("../../../plugins/sdk/src/lib.rs"),
    ),
    (
        "src/abi.rs",
        include_str!("../../../plugins/sdk/src/abi.rs"),
    ),
    (
        "src/calendar.rs",
        include_str!("../../../plugins/sdk/src/calendar.rs"),
    ),
    (
        "src/text.rs",
        include_str!("../../../plugins/sdk/src/text.rs"),
    ),
    (
        "src/types.rs",
        include_str!("../../../plugins/sdk/src/types.rs"),
    ),
    (
        "src/voices.rs",
        include_str!("../../../plugins/sdk/src/voices.rs"),
    ),
];

/// The SDK's own manifest, whose `[dependencies]` the carried copy keeps verbatim.
const SDK_MANIFEST: &str = include_str!("../../../plugins/sdk/Cargo.toml");

/// The folder, inside a new plugin crate, that holds its copy of the SDK.
const SDK_DIR: &str = "claims-plugin";

/// Writes a check-plugin crate named `name` into `dir` (created if needed, must be empty), with
/// its own copy of the SDK; returns the files written.
pub fn scaffold(name: &str, dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-');
    if !valid {
        return Err(ScaffoldError::InvalidName(name.to_string()));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let sdk = dir.join(SDK_DIR);
    let mut files = vec![
        (dir.join("Cargo.toml"), cargo_toml(name)),
        (dir.join("src").join("lib.rs"), lib_rs(name)),
        (dir.join(".gitignore"), "/target\n".to_string()),
        (sdk.join("Cargo.toml"), sdk_manifest()?),
    ];
    files.extend(
        SDK_SOURCES
            .iter()
            .map(|(path, text)| (sdk.join(path), (*text).to_string())),
    );
    let mut written = Vec::with_capacity(files.len());
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// The carried SDK's manifest: a plain package (the original inherits from the claims
/// workspace, which the new crate is not in) with the original's dependencies.
fn sdk_manifest() -> Result<String, ScaffoldError> {
    let bad = |e: String| ScaffoldError::SdkManifest(e);
    let original: toml::Table = SDK_MANIFEST
        .parse()
        .map_err(|e: toml::de::Error| bad(e.to_string()))?;
    let package = original
        .get("package")
        .and_then(toml::Value::as_table)
        .ok_or_else(|| bad("no [package]".into()))?;
    let mut manifest = toml::Table::new();
    let mut pkg = toml::Table::new();
    pkg.insert(
        "name".into(),
        package
            .get("name")
            .cloned()
            .ok_or_else(|| bad("no name".into()))?,
    );
    pkg.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    pkg.insert("edition".into(), "2024".into());
    pkg.insert("license".into(), env!("CARGO_PKG_LICENSE").into());
    if let Some(d) = package.get("description") {
        pkg.insert("description".into(), d.clone());
    }
    pkg.insert("publish".into(), false.into());
    manifest.insert("package".into(), pkg.into());
    let deps = original
        .get("dependencies")
        .cloned()
        .ok_or_else(|| bad("no [dependencies]".into()))?;
    manifest.insert("dependencies".into(), deps);
    let text = toml::to_string(&manifest).map_err(|e| bad(e.to_string()))?;
    Ok(format!(
        "# The claims plugin SDK, copied here by `claims plugin new` from claims {}: the ABI that\n# claims speaks. Replace it with a newer copy when you upgrade claims.\n{text}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// The crate manifest: a cdylib depending on its copy of the SDK only, its own workspace.
fn cargo_toml(name: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
# A plugin is a native library the claims host loads at run time.
crate-type = ["cdylib"]

[dependencies]
claims-plugin = {{ path = "{SDK_DIR}" }}

# A workspace of its own, so it builds wherever it is created.
[workspace]
"#
    )
}

/// The plugin: a check that flags claims with no text, to be replaced by something useful.
fn lib_rs(name: &str) -> String {
    format!(
        r#"//! The `{name}` plugin for claims.
//!
//! Build it with `cargo build --release` and put `target/release/{file}` in
//! `.claims/plugins/` of a workspace (or in a directory listed in `CLAIMS_PLUGIN_PATH`).

use claims_plugin::{{CheckRequest, Finding, Manifest, Plugin, PluginKind, Severity}};

/// The plugin; it holds no state, so `Default` builds it.
#[derive(Default)]
struct ThisPlugin;

impl Plugin for ThisPlugin {{
    fn manifest(&self) -> Manifest {{
        Manifest {{
            name: "{name}".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kinds: vec![PluginKind::Check],
            description: "Flags claims whose text is blank".into(),
        }}
    }}

    fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, String> {{
        Ok(request
            .claims
            .iter()
            .filter(|claim| claim.text.trim().is_empty())
            .map(|claim| Finding {{
                rule: "blank-text".into(),
                severity: Severity::Warning,
                claims: vec![claim.id.clone()],
                message: format!("claim {{}} has no text", claim.id),
            }})
            .collect())
    }}
}}

claims_plugin::export_plugin!(ThisPlugin);
"#,
        file = super::library_file_name(name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_suit_both_cargo_and_the_plugin_path() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["", "News", "1st", "a b", "trailing-", "under_score"] {
            assert!(
                matches!(
                    scaffold(bad, &dir.path().join("x")),
                    Err(ScaffoldError::InvalidName(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_directory_with_files_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        let err = scaffold("fine", dir.path()).unwrap_err();
        assert!(matches!(err, ScaffoldError::NotEmpty(_)), "{err:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn the_manifest_depends_on_its_own_copy_of_the_sdk_and_builds_a_cdylib() {
        let dir = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("my-check");
        let written = scaffold("my-check", &crate_dir).unwrap();
        let manifest: toml::Table = std::fs::read_to_string(crate_dir.join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(manifest["package"]["name"].as_str(), Some("my-check"));
        assert_eq!(manifest["lib"]["crate-type"][0].as_str(), Some("cdylib"));
        let deps = manifest["dependencies"].as_table().unwrap();
        assert_eq!(deps.len(), 1);
        assert_eq!(
            deps["claims-plugin"]["path"].as_str(),
            Some("claims-plugin")
        );
        // The copy is a plain package with the SDK's own dependencies and no workspace links.
        let sdk: toml::Table = std::fs::read_to_string(crate_dir.join("claims-plugin/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let original: toml::Table = SDK_MANIFEST.parse().unwrap();
        assert_eq!(sdk["package"]["name"].as_str(), Some("claims-plugin"));
        assert_eq!(sdk["dependencies"], original["dependencies"]);
        // No path of this machine in anything written.
        let here = env!("CARGO_MANIFEST_DIR");
        for path in &written {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(!text.contains(here), "{} names {here}", path.display());
        }
    }

    #[test]
    fn every_sdk_source_file_is_carried() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugins/sdk/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&src)
            .unwrap()
            .map(|e| format!("src/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut carried: Vec<String> = SDK_SOURCES.iter().map(|(p, _)| p.to_string()).collect();
        carried.sort();
        assert_eq!(carried, on_disk, "add new SDK files to SDK_SOURCES");
    }
}
