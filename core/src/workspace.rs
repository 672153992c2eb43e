//! A workspace on disk: finding it ([`discover`]), creating it ([`init`]) and opening it
//! ([`Workspace::open`]). What a workspace does lives in one module per feature, each with its
//! own `impl Workspace`: `claims` (record and read claims), `propositions`, `compare`, `agree`,
//! `trust`, `import`, `ingest`, `checks`, `fsck`, `plugin::registry`.
//!
//! A workspace is a directory holding `workspace.toml` (committed: the sources and plugins) and
//! `.claims/` (not committed: the SQLite database and machine-local state).
//!
//! Every write takes the workspace lock ([`crate::lock`]). A write that declares sources commits
//! workspace.toml and the database together through a pending record (`Workspace::write_declaring`;
//! the design is in docs/storage.md). Files are replaced through fresh, exclusively created
//! temporary files, synced before the rename, never through a symbolic link leading out of the
//! workspace.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{self, Config, Source};
use crate::error::{Error, Result};
use crate::storage::{Reader, Store, Writer};

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
    let db = root.join(DATA_DIR).join(DB_FILE);
    refuse_lost_database(&db)?;
    Store::open(&db)?;
    Ok(InitOutcome {
        root,
        wrote_config,
        created_data_dir,
    })
}

/// Makes `.claims/` if missing. A `.claims` that is a symbolic link is followed only when it
/// leads to a directory inside the workspace: a cloned or unpacked workspace must not make
/// `claims` create or write its database elsewhere. Likewise the database file itself is never a
/// link.
fn ensure_data_dir(root: &Path) -> Result<bool> {
    let data = root.join(DATA_DIR);
    inside_workspace(root, &data)?;
    inside_workspace(root, &data.join(DB_FILE))?;
    if data.is_dir() {
        return Ok(false);
    }
    std::fs::create_dir_all(&data).map_err(Error::io_write(&data))?;
    let ignore = data.join(".gitignore");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&ignore)
        .map_err(Error::io_write(&ignore))?;
    f.write_all(b"# Machine-local state of claims: never commit it.\n*\n")
        .map_err(Error::io_write(&ignore))?;
    Ok(true)
}

/// Where a write to `path` really lands: `path` itself, or the target of the symbolic link
/// `path` is, when that target lies inside the workspace `root`. A link leading out of the
/// workspace (or nowhere) is refused.
pub fn inside_workspace(root: &Path, path: &Path) -> Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::read_link(path).map_err(Error::io(path))?;
            let refuse = || Error::UnsafeLink {
                path: path.to_path_buf(),
                target: target.clone(),
            };
            let real_root = std::fs::canonicalize(root).map_err(Error::io(root))?;
            let real = std::fs::canonicalize(path).map_err(|_| refuse())?;
            if real.starts_with(&real_root) && real != real_root {
                Ok(real)
            } else {
                Err(refuse())
            }
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Replaces a file's content all at once, so a crash never leaves half a file, and a planted
/// file or link never receives it.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    stage(path, text)?.commit()
}

/// New content written and synced to a fresh temporary file beside its destination, not yet
/// in place: the first half of [`write_atomically`], split so a database commit can sit in
/// between.
pub(crate) struct Staged {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

/// The prefix and suffix of the temporary files of `dest`, so stale ones can be recognised.
fn tmp_affixes(dest: &Path) -> (String, &'static str) {
    let name = dest
        .file_name()
        .map_or_else(|| "file".to_string(), |n| n.to_string_lossy().into_owned());
    (format!(".{name}."), ".tmp")
}

/// Writes `text` to a temporary file created exclusively (O_EXCL, random name, so no planted
/// file or link is ever opened) in `dest`'s directory, with `dest`'s permissions, and syncs it.
pub(crate) fn stage(dest: &Path, text: &str) -> Result<Staged> {
    stage_bytes(dest, text.as_bytes(), 0o644).map_err(|(path, e)| Error::io_write(path)(e))
}

/// [`stage`] for any bytes, giving a file that does not exist yet `mode_if_new`; a failure names
/// the path it happened on, so each caller can choose its own error type.
pub(crate) fn stage_bytes(
    dest: &Path,
    bytes: &[u8],
    mode_if_new: u32,
) -> std::result::Result<Staged, (PathBuf, std::io::Error)> {
    let dir = parent_dir(dest);
    let (prefix, suffix) = tmp_affixes(dest);
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(suffix);
    if let Ok(m) = std::fs::metadata(dest) {
        b.permissions(m.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            b.permissions(std::fs::Permissions::from_mode(mode_if_new));
        }
        #[cfg(not(unix))]
        let _ = mode_if_new;
    }
    let mut tmp = b.tempfile_in(dir).map_err(|e| (dir.to_path_buf(), e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| (dest.to_path_buf(), e))?;
    Ok(Staged {
        tmp,
        dest: dest.to_path_buf(),
    })
}

/// The directory a file lives in (`.` for a bare name).
fn parent_dir(file: &Path) -> &Path {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

impl Staged {
    /// Renames the file into place and syncs the directory, so the rename survives a crash.
    pub(crate) fn commit(self) -> Result<()> {
        self.commit_bytes()
            .map_err(|(path, e)| Error::io_write(path)(e))
    }

    /// [`Staged::commit`], naming the path a failure happened on.
    pub(crate) fn commit_bytes(self) -> std::result::Result<(), (PathBuf, std::io::Error)> {
        let dest = self.dest;
        self.tmp
            .persist(&dest)
            .map_err(|e| (dest.clone(), e.error))?;
        sync_dir(&dest)
    }
}

#[cfg(unix)]
fn sync_dir(file: &Path) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    let dir = parent_dir(file);
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| (dir.to_path_buf(), e))
}

#[cfg(not(unix))]
fn sync_dir(_file: &Path) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    Ok(())
}

/// Removes temporary files a killed writer left beside `dest`; called with the lock held, so
/// none belongs to a live writer. Removing never follows links.
fn remove_stale_temps(dest: &Path) {
    let (prefix, suffix) = tmp_affixes(dest);
    let Some(dir) = dest.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(suffix)
            && name.len() > prefix.len() + suffix.len()
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A test hook (debug builds only): `CLAIMS_TEST_FAIL_AT=STEP` ends the process at that step of
/// a write as a kill would (no rollback, no clean-up); `STEP:error` makes the step fail instead.
/// Steps in order: `locked`, `db-written`, `toml-staged`, `committed`, `renamed`, `cleared`.
fn fail_point(step: &str) -> Result<()> {
    if cfg!(debug_assertions)
        && let Ok(want) = std::env::var("CLAIMS_TEST_FAIL_AT")
    {
        {
            let (name, mode) = want.split_once(':').unwrap_or((&want, "exit"));
            if name == step {
                if mode == "error" {
                    return Err(Error::Io {
                        path: PathBuf::from(step),
                        source: std::io::Error::other("injected failure"),
                    });
                }
                std::process::exit(86);
            }
        }
    }
    Ok(())
}

/// The current time as stored in versions (RFC 3339, UTC, whole seconds).
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Refuses to create a database where `.claims/HEAD` says one with entries existed: silently
/// starting over would hide that the workspace's record was deleted.
fn refuse_lost_database(db: &Path) -> Result<()> {
    if db.exists() {
        return Ok(());
    }
    let head = db.with_file_name(crate::history::HEAD_FILE);
    match crate::history::HeadFile::read(&head)? {
        Some(rec) if rec.head.size > 0 => Err(Error::DatabaseMissing {
            db: db.to_path_buf(),
            head,
            recorded: rec.head.size,
        }),
        _ => Ok(()),
    }
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
    /// A write that committed its database half but was cut off before workspace.toml was in
    /// place is completed here.
    pub fn open(root: &Path) -> Result<Workspace> {
        let config = Config::load(&root.join(CONFIG_FILE))?;
        ensure_data_dir(root)?;
        let db = root.join(DATA_DIR).join(DB_FILE);
        refuse_lost_database(&db)?;
        let mut store = Store::open(&db)?;
        store.set_require_signed(config.require_signatures);
        let mut ws = Workspace {
            root: root.to_path_buf(),
            config,
            store,
        };
        if ws.store.pending_config()?.is_some() {
            ws.locked(Workspace::recover)?;
        }
        Ok(ws)
    }

    /// Opens the workspace for reading only: nothing under it is created or written (no
    /// `.claims/`, no lock, no migration, no recovery), so every read command works on a
    /// read-only copy. A fresh clone without `.claims/` reads as empty; a workspace.toml a
    /// committed write has not yet put in place is read from the database instead.
    pub fn open_read_only(root: &Path) -> Result<Workspace> {
        let mut config = Config::load(&root.join(CONFIG_FILE))?;
        let data = root.join(DATA_DIR);
        let db = data.join(DB_FILE);
        inside_workspace(root, &data)?;
        inside_workspace(root, &db)?;
        refuse_lost_database(&db)?;
        let store = if db.exists() {
            match Store::open_read_only(&db) {
                // Unfinished business (an upgrade) where the workspace may be written: finish
                // it as any command did before, rather than refuse to read.
                Err(Error::SchemaTooOld { .. }) if crate::storage::may_write(&db) => {
                    return Workspace::open(root);
                }
                other => other?,
            }
        } else {
            Store::empty_in_memory(&db)?
        };
        if let Some((_, promised)) = store.pending_config()? {
            if crate::storage::may_write(&db) {
                drop(store);
                return Workspace::open(root); // puts the promised workspace.toml in place
            }
            config = Config::parse(&root.join(CONFIG_FILE), &promised)?;
        }
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            store,
        })
    }

    /// Runs `f` holding the workspace lock, with workspace.toml re-read under it (another
    /// writer may have declared sources since this workspace was opened).
    pub(crate) fn locked<T>(&mut self, f: impl FnOnce(&mut Workspace) -> Result<T>) -> Result<T> {
        self.store.hold_lock()?;
        let out = fail_point("locked")
            .and_then(|()| Config::load(&self.root.join(CONFIG_FILE)))
            .and_then(|c| {
                self.config = c;
                f(self)
            });
        self.store.release_lock();
        out
    }

    /// Puts in place the workspace.toml a committed write promised (lock held). If the file
    /// is still the one that write started from, the promised text is written as is; if someone
    /// edited it since, the sources it lacks are appended to the edited text.
    fn recover(&mut self) -> Result<()> {
        let Some((base, promised)) = self.store.pending_config()? else {
            return Ok(());
        };
        let path = self.root.join(CONFIG_FILE);
        let dest = inside_workspace(&self.root, &path)?;
        let current = config::read_config_text(&path)?;
        let new_text = if current == promised {
            None
        } else if *blake3::hash(current.as_bytes()).as_bytes() == base {
            Some(promised)
        } else {
            let want = Config::parse(&path, &promised)?;
            let missing: Vec<Source> = want
                .sources
                .values()
                .filter(|s| !self.config.sources.contains_key(&s.key))
                .cloned()
                .collect();
            (!missing.is_empty())
                .then(|| config::add_sources(&path, &current, &missing))
                .transpose()?
        };
        remove_stale_temps(&dest);
        if let Some(text) = new_text {
            let cfg = Config::parse(&path, &text)?;
            write_atomically(&dest, &text)?;
            self.config = cfg;
        }
        self.store.clear_pending_config()
    }

    /// Runs one database transaction that may also declare sources, committing both files
    /// together: `f` gets the configuration as re-read under the lock and returns its result
    /// and the sources to declare. Either everything is recorded or nothing is; a kill after
    /// the database commit is completed by the next [`Workspace::open`].
    pub(crate) fn write_declaring<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>, &Config) -> Result<(T, Vec<Source>)>,
    ) -> Result<T> {
        self.declare_with(f, true)
    }

    /// [`Workspace::write_declaring`] for sources whose declarations `f` stored and logged
    /// itself, as received (a bundle): they are put in workspace.toml, not logged again.
    pub(crate) fn write_declaring_received<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>, &Config) -> Result<(T, Vec<Source>)>,
    ) -> Result<T> {
        self.declare_with(f, false)
    }

    fn declare_with<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>, &Config) -> Result<(T, Vec<Source>)>,
        log_sources: bool,
    ) -> Result<T> {
        self.locked(|ws| {
            let path = ws.root.join(CONFIG_FILE);
            let dest = inside_workspace(&ws.root, &path)?;
            let config = &ws.config;
            let (out, staged) = ws.store.write(|w| {
                let (out, created) = f(w, config)?;
                fail_point("db-written")?;
                if created.is_empty() {
                    return Ok((out, None));
                }
                let at = now();
                for source in created.iter().filter(|_| log_sources) {
                    let declaration = serde_json::to_string(source).expect("sources serialise");
                    w.insert_source_declaration(&source.key, &declaration, &at)?;
                }
                let base = config::read_config_text(&path)?;
                let text = config::add_sources(&path, &base, &created)?;
                let new_config = Config::parse(&path, &text)?;
                remove_stale_temps(&dest);
                let staged = stage(&dest, &text)?;
                fail_point("toml-staged")?;
                w.set_pending_config(blake3::hash(base.as_bytes()).as_bytes(), &text)?;
                Ok((out, Some((staged, new_config))))
            })?;
            let Some((staged, new_config)) = staged else {
                return Ok(out);
            };
            ws.config = new_config;
            // Committed: from here a failure only delays putting workspace.toml in place,
            // which the pending record makes the next open finish.
            if fail_point("committed").is_ok()
                && staged.commit().is_ok()
                && fail_point("renamed").is_ok()
                && ws.store.clear_pending_config().is_ok()
            {
                fail_point("cleared")?;
            }
            Ok(out)
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
        self.write_declaring(|_, _| Ok(((), sources.to_vec())))
    }
}
