//! Which plugin libraries this user allowed to run, kept outside every workspace.
//!
//! A workspace can be cloned, unzipped or mounted from anyone; what it says about plugins must
//! not be enough to run code. So the allowances live in the user's own configuration directory
//! (`$XDG_CONFIG_HOME/claims/allowed-plugins.toml`, else `~/.config/claims/…`), one entry per
//! workspace (its canonical path), plugin name and library hash. The file is TOML (described in
//! `docs/security.md`), rewritten whole through a fresh temporary file and a rename, under a lock
//! so two `claims` processes cannot lose each other's entries.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::PluginError;

/// The file, inside the claims configuration directory, that holds the allowances.
pub const ALLOWANCES_FILE: &str = "allowed-plugins.toml";

/// Longest plugin name accepted: names become file names and appear in every message.
const MAX_NAME_LEN: usize = 64;

/// Refuses a plugin name that could be read as a path or smuggle bytes into file names and
/// messages: only ASCII letters, digits, `-` and `_`, starting with a letter or digit.
pub fn validate_name(name: &str) -> Result<(), PluginError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(PluginError::BadName {
            name: name.escape_debug().to_string(),
        })
    }
}

/// One consent: this user let `plugin`, at the library whose blake3 is `blake3`, run in the
/// workspace at `workspace`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowance {
    /// The workspace's canonical path.
    pub workspace: String,
    /// The plugin's name.
    pub plugin: String,
    /// The library's blake3 hash, 64 lowercase hex digits.
    pub blake3: String,
    /// The library's canonical path when it was allowed (where an undeclared plugin is found).
    pub library: String,
    /// When it was allowed (RFC 3339, UTC).
    pub allowed_at: String,
    /// Whether the user also allowed it to run in-process, unsandboxed (`isolation = "none"`).
    #[serde(default)]
    pub in_process: bool,
}

/// The whole file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowFile {
    /// Every allowance, in the order they were made.
    #[serde(default)]
    allow: Vec<Allowance>,
}

/// The header written above the entries, so a person opening the file knows what it is.
const HEADER: &str = "# Plugin libraries you allowed to run, per workspace: written by `claims plugin allow`\n\
# and `claims plugin add`. An entry counts only for its workspace path, plugin name and blake3.\n\
# Delete an entry (or run `claims plugin deny NAME` in the workspace) to withdraw it.\n\n";

/// The allowances of this user, at a known file.
#[derive(Debug, Clone)]
pub struct Allowances {
    /// `…/claims/allowed-plugins.toml`.
    path: PathBuf,
}

impl Allowances {
    /// The store in the user's configuration directory: `$XDG_CONFIG_HOME/claims` when that is
    /// an absolute path, else `$HOME/.config/claims` (`%APPDATA%\claims` on Windows).
    pub fn for_user() -> Result<Allowances, PluginError> {
        let dir = config_dir().ok_or(PluginError::NoConfigDir)?;
        Ok(Allowances::at(dir.join("claims").join(ALLOWANCES_FILE)))
    }

    /// The store in a given file (for tests and tools).
    pub fn at(path: PathBuf) -> Allowances {
        Allowances { path }
    }

    /// Where the allowances are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every allowance for `workspace` (a canonical path).
    pub fn for_workspace(&self, workspace: &str) -> Result<Vec<Allowance>, PluginError> {
        Ok(self
            .read()?
            .allow
            .into_iter()
            .filter(|a| a.workspace == workspace)
            .collect())
    }

    /// Records `allowance`, replacing any earlier one for the same workspace and plugin: a
    /// rebuilt library is allowed in place of the old one, never beside it.
    pub fn allow(&self, allowance: Allowance) -> Result<(), PluginError> {
        self.update(|file| {
            file.allow
                .retain(|a| !(a.workspace == allowance.workspace && a.plugin == allowance.plugin));
            file.allow.push(allowance);
            true
        })
    }

    /// Withdraws every allowance of `plugin` in `workspace`; whether there was one.
    pub fn deny(&self, workspace: &str, plugin: &str) -> Result<bool, PluginError> {
        let mut removed = false;
        self.update(|file| {
            let before = file.allow.len();
            file.allow
                .retain(|a| !(a.workspace == workspace && a.plugin == plugin));
            removed = file.allow.len() != before;
            removed
        })?;
        Ok(removed)
    }

    /// Reads the file; a missing file is an empty store, a malformed one an error (never
    /// silently emptied, or the next write would drop every allowance).
    fn read(&self) -> Result<AllowFile, PluginError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AllowFile::default()),
            Err(e) => return Err(self.io(e)),
        };
        toml::from_str(&text).map_err(|e| PluginError::BadAllowances {
            path: self.path.clone(),
            reason: super::error::one_line(e.message()),
        })
    }

    /// Read, change and write back under the lock; `change` says whether to write.
    fn update(&self, change: impl FnOnce(&mut AllowFile) -> bool) -> Result<(), PluginError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir).map_err(|e| self.io(e))?;
        let lock_path = self.path.with_extension("toml.lock");
        let _lock = crate::lock::wait_exclusive(&lock_path).map_err(|e| self.io(e))?;
        let mut file = self.read()?;
        if !change(&mut file) {
            return Ok(());
        }
        let body = toml::to_string(&file).map_err(|e| PluginError::BadAllowances {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        write_atomically(&self.path, format!("{HEADER}{body}").as_bytes()).map_err(|e| self.io(e))
    }

    /// An I/O error on the store, naming its file.
    fn io(&self, source: std::io::Error) -> PluginError {
        PluginError::AllowancesIo {
            path: self.path.clone(),
            source,
        }
    }
}

/// The user's configuration directory, by the XDG rule.
pub(crate) fn config_dir() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    if cfg!(windows) {
        return std::env::var_os("APPDATA").and_then(absolute);
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".config"))
        })
}

/// Creates the directory (and parents), readable by this user only where that can be said.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Replaces `path` with `bytes` so a reader sees the old file or the new one, never a part,
/// by the workspace's own safe replacement (a new file is private to this user).
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::workspace::stage_bytes(path, bytes, 0o600)
        .and_then(|staged| staged.commit_bytes())
        .map_err(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_be_paths_are_refused() {
        for good in ["news-article", "basic_checks", "x", "A1", "faulty"] {
            validate_name(good).unwrap();
        }
        let long = "a".repeat(MAX_NAME_LEN + 1);
        for bad in [
            "",
            "x/../../../tools/evil",
            "..",
            ".",
            "/abs",
            "a/b",
            "a\\b",
            "nul\0byte",
            "-dash",
            "sp ace",
            "ünï",
            long.as_str(),
        ] {
            let e = validate_name(bad).unwrap_err().to_string();
            assert!(e.contains("bad plugin name"), "{bad:?}: {e}");
            assert!(!e.contains('\0') && !e.contains('\n'), "{e:?}");
        }
    }

    fn entry(ws: &str, plugin: &str, hash: &str) -> Allowance {
        Allowance {
            workspace: ws.into(),
            plugin: plugin.into(),
            blake3: hash.into(),
            library: "/lib/x.so".into(),
            allowed_at: "2026-12-03T00:00:00Z".into(),
            in_process: false,
        }
    }

    #[test]
    fn allowances_are_per_workspace_and_replace_earlier_builds() {
        let dir = tempfile::tempdir().unwrap();
        let store = Allowances::at(dir.path().join("claims").join(ALLOWANCES_FILE));
        assert!(store.for_workspace("/ws").unwrap().is_empty());
        store.allow(entry("/ws", "p", "aa")).unwrap();
        store.allow(entry("/other", "p", "bb")).unwrap();
        store.allow(entry("/ws", "p", "cc")).unwrap();
        let here = store.for_workspace("/ws").unwrap();
        assert_eq!(here, vec![entry("/ws", "p", "cc")]);
        assert!(store.deny("/ws", "p").unwrap());
        assert!(!store.deny("/ws", "p").unwrap());
        assert!(store.for_workspace("/ws").unwrap().is_empty());
        assert_eq!(store.for_workspace("/other").unwrap().len(), 1);
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(text.starts_with("# Plugin libraries"), "{text}");
    }

    #[test]
    fn a_malformed_store_is_an_error_not_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(ALLOWANCES_FILE);
        std::fs::write(&path, "allow = 3\n").unwrap();
        let store = Allowances::at(path.clone());
        let e = store.for_workspace("/ws").unwrap_err().to_string();
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(store.allow(entry("/ws", "p", "aa")).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "allow = 3\n");
    }
}
