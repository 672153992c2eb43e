//! The one error type of the library, so every caller can report a failure in one line.

use std::path::PathBuf;

/// Everything that can go wrong in a workspace operation; each message is one line that says
/// what was wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `workspace.toml` between the start directory and the file-system root.
    #[error(
        "no workspace found in {} or any parent directory (run `claims init` or pass --workspace)",
        .0.display()
    )]
    NoWorkspace(PathBuf),
    /// `workspace.toml` (or another configuration file) is malformed or inconsistent.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        /// The file at fault.
        path: PathBuf,
        /// 1-based line of the offending item.
        line: usize,
        /// 1-based column (in characters) of the offending item.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A source name that is neither a key nor an alias in `workspace.toml`.
    #[error(
        "unknown source `{0}` (not a key or alias in workspace.toml; see `claims source list`)"
    )]
    UnknownSource(String),
    /// A claim id (or prefix) that names no claim.
    #[error("no claim with id `{0}`")]
    UnknownClaim(String),
    /// A claim id prefix shared by several claims.
    #[error("ambiguous claim id prefix `{prefix}`: it matches {}", candidates.join(", "))]
    AmbiguousClaim {
        /// What the user typed.
        prefix: String,
        /// Some of the ids it matches.
        candidates: Vec<String>,
    },
    /// A version selector that names no version of the claim.
    #[error("claim {claim} has no version `{selector}`")]
    UnknownVersion {
        /// The claim.
        claim: String,
        /// What the user typed.
        selector: String,
    },
    /// A value the user gave is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// A line of an import file is malformed; nothing was recorded.
    #[error("{file}:{line}: {message}")]
    ImportLine {
        /// The file (`<stdin>` for standard input).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A record of an import file that is not a line (an item of a JSON array or feed) is
    /// malformed; nothing was recorded.
    #[error("{file}: item {item}: {message}")]
    ImportItem {
        /// The file (`<stdin>` for standard input).
        file: String,
        /// 1-based position of the record in the file.
        item: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A claim field's value was refused: the message is the inner error's, and `field` lets a
    /// reader whose columns have other names (a CSV sheet) say which column was at fault.
    #[error("{inner}")]
    Field {
        /// The claim field (`source`, `said_on`, ...).
        field: &'static str,
        /// Why it was refused.
        inner: Box<Error>,
    },
    /// A record of a ClaimReview or Fact Check Tools file is malformed; nothing was recorded.
    #[error("{file}: record {record}{}: {message}", if field.is_empty() { String::new() } else { format!(" ({field})") })]
    ImportRecord {
        /// The file (`<stdin>` for standard input).
        file: String,
        /// 1-based position of the record (a ClaimReview object; a claim of the API response).
        record: usize,
        /// Path of the field inside the record, when one field is at fault.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The database was written by a newer `claims`.
    #[error("database {} has schema version {found}, newer than this claims ({supported}); upgrade claims", path.display())]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// The log holds fewer entries than `.claims/HEAD` says it held: entries (or the whole
    /// database) were removed behind claims' back.
    #[error("the workspace log has {logged} entries but {} recorded {recorded}: entries were removed or the database was replaced; run `claims fsck` (nothing was written)", path.display())]
    LogBehindHead {
        /// The head file.
        path: PathBuf,
        /// Entries in the database's log.
        logged: u64,
        /// Entries the head file recorded.
        recorded: u64,
    },
    /// `.claims/claims.db` is gone though `.claims/HEAD` says the workspace recorded entries.
    #[error("{} is missing but {} records {recorded} log entries: the database was deleted or moved; restore it (or apply a bundle) instead of starting over", db.display(), head.display())]
    DatabaseMissing {
        /// The database file.
        db: PathBuf,
        /// The head file.
        head: PathBuf,
        /// Entries the head file recorded.
        recorded: u64,
    },
    /// workspace.toml sets `require_signatures = true` and this analyst has no key.
    #[error(
        "this workspace requires signed entries (require_signatures = true in workspace.toml) and you have no key: run `claims identity new` (nothing was written)"
    )]
    SignatureRequired,
    /// A read-only workspace whose database an older `claims` wrote: reading it would need
    /// an upgrade, which is a write.
    #[error("database {} has schema version {found} and this claims reads {supported}; it is read-only here, so it cannot be upgraded: open it once where it is writable", path.display())]
    SchemaTooOld {
        /// The database file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The version this build reads.
        supported: i64,
    },
    /// Another `claims` process kept the workspace's write lock for longer than we wait.
    #[error(
        "another claims process has been writing to this workspace for {waited_secs} s ({} is held); let it finish and retry, or set CLAIMS_LOCK_TIMEOUT=SECONDS to wait longer",
        path.display()
    )]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// How long we waited, in whole seconds.
        waited_secs: u64,
    },
    /// The disk, or the file-size limit (`ulimit -f`), ran out while writing: no input is at fault.
    #[error("no space left to write {} ({detail}); nothing was recorded: free some space (or raise the file-size limit) and retry", path.display())]
    DiskFull {
        /// The file being written.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// A file of the workspace is a symbolic link to somewhere `claims` must not write.
    #[error("refusing to write through {}: it is a symbolic link to {}, outside the workspace; replace the link with a regular file or directory", path.display(), target.display())]
    UnsafeLink {
        /// The link.
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// A plugin could not be found, loaded or run, or answered nonsense.
    #[error(transparent)]
    Plugin(#[from] crate::plugin::PluginError),
    /// A truth-discovery dataset or run was refused (too large, bad parameters).
    #[error(transparent)]
    Truth(#[from] crate::scoring::truth::TruthError),
    /// The database refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// Short form for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Attaches the path to an I/O error, since std's errors do not say which file failed.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// Whether the failure lies in storage (disk, lock, database) rather than in the input, so
    /// an import never blames a line for it.
    pub fn is_storage(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(_) | Error::Io { .. } | Error::Locked { .. } | Error::DiskFull { .. }
        )
    }

    /// Turns "no space" and "file too large" I/O errors into [`Error::DiskFull`], so the user
    /// reads the cause instead of an errno.
    pub fn io_write(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| {
            use std::io::ErrorKind;
            if matches!(
                source.kind(),
                ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded
            ) {
                Error::DiskFull {
                    path,
                    detail: source.to_string(),
                }
            } else {
                Error::Io { path, source }
            }
        }
    }

    /// Tags an error with the claim field it is about (see [`Error::Field`]).
    pub fn in_field(field: &'static str) -> impl FnOnce(Error) -> Error {
        move |e| match e {
            Error::Field { .. } => e,
            inner => Error::Field {
                field,
                inner: Box::new(inner),
            },
        }
    }

    /// Builds a validation error from anything printable.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid(message.into())
    }
}
