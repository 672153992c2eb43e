//! The workspace's write lock (`.claims/lock`): an exclusive advisory lock (flock) that every
//! writer of `workspace.toml` or the database holds across its whole read-modify-write, so
//! concurrent writers serialise and no update is ever lost. Readers take no lock.
//!
//! A writer that finds the lock held waits, says so once after about a second (through
//! [`on_wait`]; the CLI prints the line on stderr), and
//! gives up after [`timeout`] (default 60 s, `CLAIMS_LOCK_TIMEOUT` seconds) with
//! [`Error::Locked`]. The lock is released when its file is closed, so a killed writer never
//! leaves it held.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The name of the lock file inside `.claims/`.
pub const LOCK_FILE: &str = "lock";

/// How long a writer waits for the lock when `CLAIMS_LOCK_TIMEOUT` does not say.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// After this long waiting, the writer tells the user why it is not progressing.
const NOTICE_AFTER: Duration = Duration::from_secs(1);

/// What to do when a writer starts waiting for the lock; unset, nothing is said.
static WAIT_NOTICE: OnceLock<fn(&Path)> = OnceLock::new();

/// Sets, once per process, how a writer that has waited about a second says so (the CLI prints
/// a line on stderr), so the library itself never writes to a terminal.
pub fn on_wait(notice: fn(&Path)) {
    let _ = WAIT_NOTICE.set(notice);
}

/// How long writers wait for the lock (and SQLite for its own locks): `CLAIMS_LOCK_TIMEOUT`
/// seconds if set to a finite, non-negative number below one day, else [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Duration {
    std::env::var("CLAIMS_LOCK_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && (0.0..86_400.0).contains(s))
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// A held write lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// Takes the exclusive lock on `path` (created if missing, never through a symlink), waiting
/// at most [`timeout`].
pub fn acquire(path: &Path) -> Result<WriteLock> {
    let file = open_lock_file(path)?;
    let limit = timeout();
    let start = Instant::now();
    let mut told = false;
    let mut pause = Duration::from_millis(1);
    loop {
        if try_lock(&file).map_err(Error::io(path))? {
            return Ok(WriteLock { _file: file });
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(Error::Locked {
                path: display_path(path),
                waited_secs: waited.as_secs(),
            });
        }
        if !told && waited >= NOTICE_AFTER {
            if let Some(notice) = WAIT_NOTICE.get() {
                notice(&display_path(path));
            }
            told = true;
        }
        std::thread::sleep(pause.min(limit.saturating_sub(waited)));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// `.claims/lock` rather than a long absolute path, when the path ends that way.
fn display_path(path: &Path) -> PathBuf {
    let mut parts = path.iter().rev().take(2).collect::<Vec<_>>();
    parts.reverse();
    parts.iter().collect()
}

/// Takes the exclusive lock on `path` with no time bound, for a file only this user's own
/// `claims` processes write (the plugin allowances), where every holder is quick.
pub(crate) fn wait_exclusive(path: &Path) -> std::io::Result<File> {
    let file = open_file(path)?;
    lock_blocking(&file)?;
    Ok(file)
}

/// Opens (creating) a lock file, never through a symbolic link.
fn open_lock_file(path: &Path) -> Result<File> {
    open_file(path).map_err(Error::io(path))
}

#[cfg(unix)]
fn open_file(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::CREATE | OFlags::RDWR | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::from_raw_mode(0o644),
    )?;
    Ok(File::from(fd))
}

#[cfg(unix)]
fn lock_blocking(file: &File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    loop {
        match flock(file, FlockOperation::LockExclusive) {
            Err(e) if e == rustix::io::Errno::INTR => continue,
            other => return other.map_err(Into::into),
        }
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK || e == rustix::io::Errno::INTR => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn open_file(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
}

#[cfg(not(unix))]
fn lock_blocking(file: &File) -> std::io::Result<()> {
    file.lock()
}

#[cfg(not(unix))]
fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}
