//! A workspace on disk: finding it ([`discover`]), creating it ([`init`]) and opening it
//! ([`Workspace::open`]). What a workspace does lives in one module per feature, each with its
//! own `impl Workspace`: `claims` (record and read claims), `propositions`, `compare`, `agree`,
//! `trust`, `import`, `ingest`, `checks`, `fsck`, `plugin::registry`.
//!
//! A workspace is a directory holding `workspace.toml` (committed: the sources and plugins) and
//! `.claims/` (not committed: the SQLite database and machine-local state).

use std::path::{Path, PathBuf};

use crate::config::{self, Config, Source};
use crate::error::{Error, Result};
use crate::storage::Store;

/// The file that marks a workspace's root.
pub const CONFIG_FILE: &str = "workspace.toml";
/// The directory of machine-local state.
pub const DATA_DIR: &str = ".claims";
/// The database inside [`DATA_DIR`].
pub const DB_FILE: &str = "claims.db";

/// Finds the workspace root by walking up from `start`, the way cargo and git do.
pub fn discover(start: &Path) -> Result<PathBuf> {
    let start = std::fs::canonicalize(start).map_err(Error::io(start))?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoWorkspace(start))
}

/// What `init` did, so the CLI can say so (and say nothing changed on a second run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOutcome {
    /// The workspace root.
    pub root: PathBuf,
    /// Whether `workspace.toml` was written.
    pub wrote_config: bool,
    /// Whether `.claims/` was created.
    pub created_data_dir: bool,
}

/// Creates a workspace in `dir`; running it again changes nothing.
pub fn init(dir: &Path) -> Result<InitOutcome> {
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let root = std::fs::canonicalize(dir).map_err(Error::io(dir))?;
    let cfg = root.join(CONFIG_FILE);
    let wrote_config = !cfg.exists();
    if wrote_config {
        write_atomically(&cfg, config::TEMPLATE)?;
    } else {
        Config::load(&cfg)?; // refuse to call a broken workspace initialised
    }
    let created_data_dir = ensure_data_dir(&root)?;
    Store::open(&root.join(DATA_DIR).join(DB_FILE))?;
    Ok(InitOutcome {
        root,
        wrote_config,
        created_data_dir,
    })
}

fn ensure_data_dir(root: &Path) -> Result<bool> {
    let data = root.join(DATA_DIR);
    if data.is_dir() {
        return Ok(false);
    }
    std::fs::create_dir_all(&data).map_err(Error::io(&data))?;
    let ignore = data.join(".gitignore");
    std::fs::write(
        &ignore,
        "# Machine-local state of claims: never commit it.\n*\n",
    )
    .map_err(Error::io(&ignore))?;
    Ok(true)
}

/// Replaces a file's content all at once, so a crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(Error::io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(Error::io(path))
}

/// Declares new sources in workspace.toml (keeping its comments) from inside a write
/// transaction: if writing the file fails, the transaction is not committed. Returns the new
/// text, or None when there was nothing to declare.
pub(crate) fn declare_sources(cfg_path: &Path, created: &[Source]) -> Result<Option<String>> {
    if created.is_empty() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(cfg_path).map_err(Error::io(cfg_path))?;
    let new_text = config::add_sources(cfg_path, &text, created)?;
    write_atomically(cfg_path, &new_text)?;
    Ok(Some(new_text))
}

/// The current time as stored in versions (RFC 3339, UTC, whole seconds).
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// An open workspace.
pub struct Workspace {
    root: PathBuf,
    pub(crate) config: Config,
    pub(crate) store: Store,
}

impl Workspace {
    /// Opens the workspace at `root`, creating its `.claims/` state on first use (a fresh clone
    /// has only `workspace.toml`).
    pub fn open(root: &Path) -> Result<Workspace> {
        let config = Config::load(&root.join(CONFIG_FILE))?;
        ensure_data_dir(root)?;
        let store = Store::open(&root.join(DATA_DIR).join(DB_FILE))?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            store,
        })
    }

    /// The workspace's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The parsed workspace.toml.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database, for writes.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Declares new sources in workspace.toml, keeping its comments; all or none are added.
    pub fn add_sources(&mut self, sources: &[Source]) -> Result<()> {
        let path = self.root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
        let new_text = config::add_sources(&path, &text, sources)?;
        let new_config = Config::parse(&path, &new_text)?;
        write_atomically(&path, &new_text)?;
        self.config = new_config;
        Ok(())
    }

    /// Replaces the in-memory configuration (after a write that also changed workspace.toml).
    pub(crate) fn set_config(&mut self, config: Config) {
        self.config = config;
    }
}
