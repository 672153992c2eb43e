//! Which library a plugin name means in a workspace, and whether its bytes are the ones the user
//! trusted: declared in workspace.toml, pinned on this machine, or found on the search path.

use std::path::{Path, PathBuf};
use std::time::Duration;

use claims_plugin::{Manifest, SourceInfo};

use super::{
    LoadedPlugin, PluginError, PluginHost, PluginSpec, discovery, format_hash, hash_library,
};
use crate::config::Source;
use crate::error::{Error, Result};
use crate::storage::{Pin, Reader};
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
    /// The pinned hash, if pinned.
    pub pinned: Option<String>,
    /// The hash of the library's bytes now, if readable.
    pub actual: Option<String>,
    /// ok, changed, unpinned or missing.
    pub state: PluginState,
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

/// A plugin opened for use, and the pin its first use should record.
pub struct Opened {
    /// The running plugin.
    pub plugin: LoadedPlugin,
    /// Set when the library had no pin: record it with [`Workspace::record_first_use`] once the
    /// command succeeded (trust on first use), so a failing command leaves no trace.
    pub first_use: Option<FirstUse>,
}

/// A pin to record after a plugin's first successful use.
#[derive(Debug, Clone)]
pub struct FirstUse {
    name: String,
    path: PathBuf,
    hash: [u8; 32],
}

impl FirstUse {
    /// The plugin's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The library's hash, as 64 hex digits.
    pub fn hash(&self) -> String {
        format_hash(&self.hash)
    }
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
    /// The library a plugin name resolves to: workspace.toml's `path`, else the pinned path,
    /// else the search path (`CLAIMS_PLUGIN_PATH`, `.claims/plugins/`, beside `exe_dir`).
    pub fn plugin_path(&self, name: &str, exe_dir: &Path) -> Result<PathBuf> {
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
        if let Some(pin) = self.store().pin(name)? {
            return Ok(PathBuf::from(pin.path));
        }
        let dirs = discovery::search_path(self.root(), exe_dir);
        Ok(discovery::find_library(name, &dirs)?)
    }

    /// The spec the host opens a plugin with: path, isolation and timeout from workspace.toml,
    /// and the pinned hash.
    fn plugin_spec(&self, name: &str, exe_dir: &Path) -> Result<(PluginSpec, Option<Pin>)> {
        let path = self.plugin_path(name, exe_dir)?;
        if !path.is_file() {
            return Err(PluginError::NotFound {
                plugin: name.to_string(),
                looked_for: path.display().to_string(),
            }
            .into());
        }
        let mut spec = PluginSpec::new(name, path);
        if let Some(decl) = self.config().plugins.get(name) {
            spec.isolation = decl.isolation;
            if let Some(t) = decl.timeout_secs {
                spec.timeout = Duration::from_secs_f64(t);
            }
        }
        let pin = self.store().pin(name)?;
        spec.expected_hash = pin.as_ref().map(|p| p.hash);
        Ok((spec, pin))
    }

    /// Opens a plugin by name, refusing a library whose bytes changed since it was pinned. A
    /// plugin never pinned is loaded at the bytes hashed now, and the caller gets the pin to
    /// record after success (trust on first use).
    pub fn open_plugin(&mut self, host: &PluginHost, name: &str, exe_dir: &Path) -> Result<Opened> {
        let (spec, pin) = self.plugin_spec(name, exe_dir)?;
        let hash = match pin {
            Some(_) => None,
            None => Some(hash_library(&spec.path)?),
        };
        let mut spec = spec;
        if hash.is_some() {
            spec.expected_hash = hash;
        }
        let plugin = host.open(&spec)?;
        if plugin.manifest().name != name {
            return Err(Error::invalid(format!(
                "plugin `{name}`: the library at {} calls itself `{}`",
                spec.path.display(),
                plugin.manifest().name
            )));
        }
        let first_use = hash.map(|hash| FirstUse {
            name: name.to_string(),
            path: spec.path.clone(),
            hash,
        });
        Ok(Opened { plugin, first_use })
    }

    /// Records the pin of a plugin's first successful use.
    pub fn record_first_use(&mut self, first: &FirstUse) -> Result<()> {
        self.pin_plugin(&first.name, &first.path, first.hash)
    }

    fn pin_plugin(&mut self, name: &str, path: &Path, hash: [u8; 32]) -> Result<()> {
        let path = std::fs::canonicalize(path).map_err(Error::io(path))?;
        let pin = Pin {
            name: name.to_string(),
            path: path.display().to_string(),
            hash,
            pinned_at: now(),
        };
        self.store_mut().write(|w| w.set_pin(&pin))
    }

    /// `claims plugin add PATH`: loads the library (isolated) to read its manifest, then pins
    /// its bytes under the name it declares.
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
        self.pin_plugin(&manifest.name, path, hash)?;
        Ok((manifest, format_hash(&hash)))
    }

    /// `claims plugin trust NAME`: accepts the library's current bytes.
    pub fn trust_plugin(&mut self, name: &str, exe_dir: &Path) -> Result<String> {
        let path = self.plugin_path(name, exe_dir)?;
        let hash = hash_library(&path)?;
        self.pin_plugin(name, &path, hash)?;
        Ok(format_hash(&hash))
    }

    /// Every plugin the workspace knows (declared or pinned), with its pin checked against the
    /// library's bytes now.
    pub fn plugin_statuses(&self, exe_dir: &Path) -> Result<Vec<PluginStatus>> {
        let mut names: Vec<String> = self.config().plugins.keys().cloned().collect();
        names.extend(self.store().pins()?.into_iter().map(|p| p.name));
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for name in names {
            let pin = self.store().pin(&name)?;
            let path = self
                .plugin_path(&name, exe_dir)
                .ok()
                .filter(|p| p.is_file());
            let actual = path
                .as_deref()
                .and_then(|p| hash_library(p).ok())
                .map(|h| format_hash(&h));
            let pinned = pin.map(|p| format_hash(&p.hash));
            let state = match (&pinned, &actual) {
                (_, None) => PluginState::Missing,
                (None, Some(_)) => PluginState::Unpinned,
                (Some(p), Some(a)) if p == a => PluginState::Ok,
                (Some(_), Some(_)) => PluginState::Changed,
            };
            out.push(PluginStatus {
                declared: self.config().plugins.contains_key(&name),
                name,
                path,
                pinned,
                actual,
                state,
            });
        }
        Ok(out)
    }

    /// Every plugin declared or pinned, by name (for `check` without `--plugin`).
    pub fn plugin_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = self.config().plugins.keys().cloned().collect();
        names.extend(self.store().pins()?.into_iter().map(|p| p.name));
        names.sort();
        names.dedup();
        Ok(names)
    }
}
