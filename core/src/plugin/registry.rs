//! Which library a plugin name means in a workspace, and whether this user allowed it to run
//! there: declared in workspace.toml, allowed on this machine (outside the workspace, see
//! [`super::trust`]), or shipped beside the `claims` executable.

use std::path::{Path, PathBuf};

use claims_plugin::{Manifest, SourceInfo};

use super::trust::{Allowance, Allowances, validate_name};
use super::{
    Isolation, LoadedPlugin, PluginError, PluginHost, PluginSpec, discovery, format_hash,
    hash_library, parse_hash,
};
use crate::config::Source;
use crate::error::{Error, Result};
use crate::workspace::{Workspace, now};

/// Where a plugin stands on this machine, for `plugin list` and `plugin verify`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PluginStatus {
    /// The plugin's name.
    pub name: String,
    /// The library file it resolves to, if found.
    pub path: Option<PathBuf>,
    /// Whether workspace.toml declares it.
    pub declared: bool,
    /// The hash this user allowed for this workspace, if any.
    pub pinned: Option<String>,
    /// The hash of the library's bytes now, if readable.
    pub actual: Option<String>,
    /// ok, changed, unpinned or missing.
    pub state: PluginState,
    /// Whether the library sits beside the `claims` executable: part of the installation, it
    /// runs without an allowance.
    pub shipped: bool,
}

/// Whether a plugin's library still matches its pin, so callers match on cases (serialised and
/// shown as the same words as before: ok, changed, unpinned, missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginState {
    /// Pinned, and the bytes match the pin.
    Ok,
    /// Pinned, but the bytes differ from the pin.
    Changed,
    /// Found, but never pinned.
    Unpinned,
    /// The library file is not found.
    Missing,
}

impl PluginState {
    /// The word shown and serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            PluginState::Ok => "ok",
            PluginState::Changed => "changed",
            PluginState::Unpinned => "unpinned",
            PluginState::Missing => "missing",
        }
    }
}

impl std::fmt::Display for PluginState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `claims plugin allow` recorded.
#[derive(Debug, Clone)]
pub struct Allowed {
    /// The library allowed.
    pub path: PathBuf,
    /// Its blake3 hash, 64 hex.
    pub hash: String,
    /// Whether in-process running (workspace.toml's `isolation = "none"`) was allowed too.
    pub in_process: bool,
}

/// A workspace source as plugins see it.
pub fn source_info(s: &Source) -> SourceInfo {
    SourceInfo {
        key: s.key.clone(),
        name: s.name.clone(),
        kind: s.kind.as_str().to_string(),
        country: s.country.clone(),
        state_affiliated: s.state_affiliated,
        aliases: s.aliases.clone(),
        depends_on: s.depends_on.clone(),
    }
}

impl Workspace {
    /// This workspace as the allowances know it: its canonical path.
    fn trust_key(&self) -> Result<String> {
        let root = std::fs::canonicalize(self.root()).map_err(Error::io(self.root()))?;
        Ok(root.to_string_lossy().into_owned())
    }

    /// This user's allowances in this workspace; none when the user has no configuration
    /// directory (then only shipped plugins run, and `allow` says what to set).
    fn allowances(&self) -> Result<Vec<Allowance>> {
        match Allowances::for_user() {
            Ok(store) => Ok(store.for_workspace(&self.trust_key()?)?),
            Err(PluginError::NoConfigDir) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// This user's allowance for `name` in this workspace, if any.
    fn allowance(&self, name: &str) -> Result<Option<Allowance>> {
        Ok(self.allowances()?.into_iter().find(|a| a.plugin == name))
    }

    /// The library a plugin name resolves to: workspace.toml's `path`, else the library this
    /// user allowed under that name (`claims plugin add`), else the search path
    /// (`CLAIMS_PLUGIN_PATH`, `.claims/plugins/`, beside `exe_dir`). Names that could be read as
    /// paths are refused first.
    pub fn plugin_path(&self, name: &str, exe_dir: &Path) -> Result<PathBuf> {
        validate_name(name)?;
        if let Some(decl) = self.config().plugins.get(name)
            && let Some(p) = &decl.path
        {
            let p = if p.is_absolute() {
                p.clone()
            } else {
                self.root().join(p)
            };
            return Ok(p);
        }
        if let Some(a) = self.allowance(name)? {
            return Ok(PathBuf::from(a.library));
        }
        let dirs = discovery::search_path(self.root(), exe_dir);
        Ok(discovery::find_library(name, &dirs)?)
    }

    /// The spec the host opens a plugin with: path, isolation, timeout and limits from
    /// workspace.toml, and the hash this user allowed. A library neither allowed nor shipped
    /// is refused here, before anything of it runs.
    fn plugin_spec(&self, name: &str, exe_dir: &Path) -> Result<PluginSpec> {
        let path = self.plugin_path(name, exe_dir)?;
        if !path.is_file() {
            return Err(PluginError::NotFound {
                plugin: name.to_string(),
                looked_for: path.display().to_string(),
            }
            .into());
        }
        let mut spec = PluginSpec::new(name, path);
        let decl = self.config().plugins.get(name);
        if decl.is_some_and(|d| d.isolation == Isolation::InProcess) {
            spec.isolation = Isolation::InProcess;
        }
        let own = decl.map(|d| d.limits).unwrap_or_default();
        (spec.timeout, spec.limits) = own.resolve(&self.config().plugin_limits);
        if shipped(&spec.path, exe_dir) {
            return Ok(spec);
        }
        let Some(allowed) = self.allowance(name)? else {
            let hash = hash_library(&spec.path)?;
            return Err(PluginError::NotAllowed {
                plugin: name.to_string(),
                path: spec.path.clone(),
                hash: format_hash(&hash),
            }
            .into());
        };
        let Some(hash) = parse_hash(&allowed.blake3) else {
            return Err(PluginError::HashMismatch {
                plugin: name.to_string(),
                expected: allowed.blake3,
                actual: format_hash(&hash_library(&spec.path)?),
            }
            .into());
        };
        if spec.isolation == Isolation::InProcess && !allowed.in_process {
            return Err(PluginError::InProcessNotAllowed {
                plugin: name.to_string(),
            }
            .into());
        }
        spec.expected_hash = Some(hash);
        Ok(spec)
    }

    /// Opens a plugin by name: only a library this user allowed for this workspace (at the
    /// bytes allowed) or one shipped beside `claims`; the file that was checked is the one
    /// that loads.
    pub fn open_plugin(
        &mut self,
        host: &PluginHost,
        name: &str,
        exe_dir: &Path,
    ) -> Result<LoadedPlugin> {
        let spec = self.plugin_spec(name, exe_dir)?;
        let plugin = host.open(&spec)?;
        if plugin.manifest().name != name {
            return Err(Error::invalid(format!(
                "plugin `{name}`: the library at {} calls itself `{}`",
                spec.path.display(),
                plugin.manifest().name
            )));
        }
        Ok(plugin)
    }

    /// Records this user's consent to run `path` (hashed `hash`) as plugin `name` here.
    fn record_allowance(&self, name: &str, path: &Path, hash: [u8; 32]) -> Result<Allowed> {
        let path = std::fs::canonicalize(path).map_err(Error::io(path))?;
        let in_process = self
            .config()
            .plugins
            .get(name)
            .is_some_and(|d| d.isolation == Isolation::InProcess);
        Allowances::for_user()?.allow(Allowance {
            workspace: self.trust_key()?,
            plugin: name.to_string(),
            blake3: format_hash(&hash),
            library: path.display().to_string(),
            allowed_at: now(),
            in_process,
        })?;
        Ok(Allowed {
            path,
            hash: format_hash(&hash),
            in_process,
        })
    }

    /// `claims plugin add PATH`: the user named the file, which is consent to run it; loads it
    /// (sandboxed) to read its manifest, then allows its bytes under the name it declares.
    pub fn add_plugin(&mut self, host: &PluginHost, path: &Path) -> Result<(Manifest, String)> {
        let hash = hash_library(path)?;
        let label = path.file_stem().map_or_else(
            || "plugin".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let mut spec = PluginSpec::new(label, path);
        spec.expected_hash = Some(hash);
        let plugin = host.open(&spec)?;
        let manifest = plugin.manifest().clone();
        validate_name(&manifest.name)?;
        self.record_allowance(&manifest.name, path, hash)?;
        Ok((manifest, format_hash(&hash)))
    }

    /// `claims plugin allow NAME` (and its old name `trust`): allows the library the name
    /// resolves to, at its current bytes, for this workspace. Nothing of it runs.
    pub fn allow_plugin(&mut self, name: &str, exe_dir: &Path) -> Result<Allowed> {
        let path = self.plugin_path(name, exe_dir)?;
        let hash = hash_library(&path)?;
        self.record_allowance(name, &path, hash)
    }

    /// `claims plugin deny NAME`: withdraws this user's allowance; whether there was one.
    pub fn deny_plugin(&mut self, name: &str) -> Result<bool> {
        validate_name(name)?;
        Ok(Allowances::for_user()?.deny(&self.trust_key()?, name)?)
    }

    /// Every plugin the workspace knows (declared, or allowed here), with its allowance checked
    /// against the library's bytes now.
    pub fn plugin_statuses(&self, exe_dir: &Path) -> Result<Vec<PluginStatus>> {
        let mut out = Vec::new();
        for name in self.plugin_names()? {
            let path = self
                .plugin_path(&name, exe_dir)
                .ok()
                .filter(|p| p.is_file());
            let actual = path
                .as_deref()
                .and_then(|p| hash_library(p).ok())
                .map(|h| format_hash(&h));
            let pinned = self.allowance(&name)?.map(|a| a.blake3);
            let state = match (&pinned, &actual) {
                (_, None) => PluginState::Missing,
                (None, Some(_)) => PluginState::Unpinned,
                (Some(p), Some(a)) if p == a => PluginState::Ok,
                (Some(_), Some(_)) => PluginState::Changed,
            };
            out.push(PluginStatus {
                declared: self.config().plugins.contains_key(&name),
                shipped: path.as_deref().is_some_and(|p| shipped(p, exe_dir)),
                name,
                path,
                pinned,
                actual,
                state,
            });
        }
        Ok(out)
    }

    /// Every plugin declared, or allowed in this workspace, by name (for `check` without
    /// `--plugin`).
    pub fn plugin_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = self.config().plugins.keys().cloned().collect();
        names.extend(self.allowances()?.into_iter().map(|a| a.plugin));
        names.sort();
        names.dedup();
        Ok(names)
    }
}

/// Whether a library sits directly beside the `claims` executable: installed with it, so its
/// owner consented by installing (whoever can write there can replace `claims` itself).
fn shipped(path: &Path, exe_dir: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(exe_dir)) {
        (Ok(path), Ok(dir)) => path.parent() == Some(dir.as_path()),
        _ => false,
    }
}
