//! `claims plugin new NAME`: writes a plugin crate that builds and loads as it is.

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
    /// Writing a file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory being written.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// Writes a check-plugin crate named `name` into `dir` (created if needed, must be empty),
/// depending only on the SDK at `sdk_path`; returns the files written.
pub fn scaffold(name: &str, dir: &Path, sdk_path: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
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
    let sdk = std::path::absolute(sdk_path).unwrap_or_else(|_| sdk_path.to_path_buf());
    let sdk = toml::Value::String(sdk.to_string_lossy().into_owned()).to_string();
    let files = [
        (dir.join("Cargo.toml"), cargo_toml(name, &sdk)),
        (dir.join("src").join("lib.rs"), lib_rs(name)),
        (dir.join(".gitignore"), "/target\n".to_string()),
    ];
    std::fs::create_dir_all(dir.join("src")).map_err(io(&dir.join("src")))?;
    let mut written = Vec::with_capacity(files.len());
    for (path, text) in files {
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// The crate manifest: a cdylib depending on the SDK only, its own workspace.
fn cargo_toml(name: &str, sdk_toml_string: &str) -> String {
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
claims-plugin = {{ path = {sdk_toml_string} }}

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
                    scaffold(bad, &dir.path().join("x"), dir.path()),
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
        let err = scaffold("fine", dir.path(), dir.path()).unwrap_err();
        assert!(matches!(err, ScaffoldError::NotEmpty(_)), "{err:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn the_manifest_depends_on_the_sdk_only_and_builds_a_cdylib() {
        let dir = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("my-check");
        scaffold("my-check", &crate_dir, Path::new("/sdk \"path\"")).unwrap();
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
            Some("/sdk \"path\"")
        );
    }
}
