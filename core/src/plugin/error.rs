//! What can go wrong with a plugin, one named case each, so callers can tell them apart.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Everything that can go wrong finding, loading or calling a plugin; each message is one line.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// The library is not where it was looked for.
    #[error("plugin `{plugin}` not found (looked for {looked_for})")]
    NotFound {
        /// The plugin's declared name.
        plugin: String,
        /// Where it was looked for, in words.
        looked_for: String,
    },
    /// The library file exists but cannot be read (to hash it).
    #[error("plugin `{plugin}`: cannot read {}: {source}", path.display())]
    Unreadable {
        /// The plugin's declared name (or the file name when there is none).
        plugin: String,
        /// The library file.
        path: PathBuf,
        /// Why it cannot be read.
        source: std::io::Error,
    },
    /// The dynamic loader, the entry symbol or the worker process failed.
    #[error("plugin `{plugin}` failed to load: {reason}")]
    LoadFailed {
        /// The plugin's declared name.
        plugin: String,
        /// What failed.
        reason: String,
    },
    /// The library's entry table has another ABI version than this host's.
    #[error(
        "plugin `{plugin}` uses plugin ABI version {found}, but this claims expects version {expected}"
    )]
    WrongAbi {
        /// The plugin's declared name.
        plugin: String,
        /// The version in the library's entry table.
        found: u32,
        /// The version this host speaks.
        expected: u32,
    },
    /// The manifest is missing, not UTF-8 or not the JSON the contract describes.
    #[error("plugin `{plugin}` has a bad manifest: {reason}")]
    BadManifest {
        /// The plugin's declared name.
        plugin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The plugin ran and answered with an error status.
    #[error("plugin `{plugin}` reported an error: {message}")]
    Reported {
        /// The plugin's declared name.
        plugin: String,
        /// The plugin's message, on one line.
        message: String,
    },
    /// The plugin answered ok, but not with the JSON the contract describes.
    #[error("plugin `{plugin}` returned invalid JSON: {reason}")]
    InvalidJson {
        /// The plugin's declared name.
        plugin: String,
        /// What the JSON parser said.
        reason: String,
    },
    /// The worker process running the plugin died.
    #[error("plugin `{plugin}` crashed: {cause}")]
    Crashed {
        /// The plugin's declared name.
        plugin: String,
        /// How the process ended.
        cause: CrashCause,
    },
    /// The plugin did not answer in time and its worker process was killed.
    #[error("plugin `{plugin}` timed out after {} s", after.as_secs_f64())]
    TimedOut {
        /// The plugin's declared name.
        plugin: String,
        /// How long the host waited.
        after: Duration,
    },
    /// The library's bytes are not the ones allowed (pinned) for this workspace.
    #[error(
        "plugin `{plugin}` does not match its pinned hash: pinned {expected}, actual {actual}; if you trust the new bytes, run `claims plugin allow {plugin}`"
    )]
    HashMismatch {
        /// The plugin's declared name.
        plugin: String,
        /// The pinned blake3 hash, 64 hex.
        expected: String,
        /// The blake3 hash of the file, 64 hex.
        actual: String,
    },
    /// The worker process wrote something that is not a reply of the worker protocol.
    #[error("plugin `{plugin}`: its worker process sent garbage: {reason}")]
    Garbled {
        /// The plugin's declared name.
        plugin: String,
        /// What was wrong, with the start of what was read.
        reason: String,
    },
    /// A plugin name that could be read as a path, or holds bytes no file name should.
    #[error(
        "bad plugin name \"{name}\": use ASCII letters, digits, `-` and `_`, starting with a letter or digit (at most 64)"
    )]
    BadName {
        /// The name as given, with control characters escaped.
        name: String,
    },
    /// The workspace names a library this user never allowed: nothing of it has run.
    #[error(
        "plugin `{plugin}` is not allowed to run in this workspace (it would load {}, blake3 {}); if you trust it, run `claims plugin allow {plugin}`",
        path.display(), &hash[..12.min(hash.len())]
    )]
    NotAllowed {
        /// The plugin's name.
        plugin: String,
        /// The library it resolves to.
        path: PathBuf,
        /// The library's blake3 hash, 64 hex.
        hash: String,
    },
    /// The workspace asks to run an allowed plugin in-process, which the user did not allow.
    #[error(
        "plugin `{plugin}`: workspace.toml asks to run it in-process (isolation = \"none\"), unsandboxed, which you have not allowed; run `claims plugin allow {plugin}` to allow that"
    )]
    InProcessNotAllowed {
        /// The plugin's name.
        plugin: String,
    },
    /// Neither `XDG_CONFIG_HOME` nor `HOME` says where this user's allowances live.
    #[error(
        "cannot tell where to keep plugin allowances: set XDG_CONFIG_HOME (or HOME) to an absolute path"
    )]
    NoConfigDir,
    /// The allowances file cannot be read or written.
    #[error("plugin allowances {}: {source}", path.display())]
    AllowancesIo {
        /// The allowances file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// The allowances file is not what `claims` writes.
    #[error("plugin allowances {} are malformed: {reason} (fix or delete the file)", path.display())]
    BadAllowances {
        /// The allowances file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// The plugin answered with more bytes than the workspace lets a plugin answer with.
    #[error(
        "plugin `{plugin}` answered with {len} bytes, more than the limit of {} (max_reply in workspace.toml)",
        crate::limits::show_size(*max)
    )]
    ReplyTooLarge {
        /// The plugin's name.
        plugin: String,
        /// The answer's length.
        len: u64,
        /// The limit.
        max: u64,
    },
    /// The workspace requires a sandbox this system cannot give.
    #[error("plugin `{plugin}` not started: the workspace requires a sandbox, but {missing}")]
    SandboxUnavailable {
        /// The plugin's name.
        plugin: String,
        /// What this system lacks.
        missing: String,
    },
    /// A document was to be parsed by a plugin whose manifest does not say `parser`.
    #[error("plugin `{plugin}` is not a parser")]
    NotAParser {
        /// The plugin's declared name.
        plugin: String,
    },
    /// Claims were to be checked by a plugin whose manifest does not say `check`.
    #[error("plugin `{plugin}` is not a check")]
    NotACheck {
        /// The plugin's declared name.
        plugin: String,
    },
}

/// How a worker process ended when it should have answered, for [`PluginError::Crashed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrashCause {
    /// Killed by a signal, named like `SIGSEGV` when known.
    Signal(String),
    /// Exited by itself with this status.
    Exit(i32),
    /// Closed its output but has not (yet) exited.
    ClosedOutput,
}

impl fmt::Display for CrashCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CrashCause::Signal(name) => write!(f, "killed by {name}"),
            CrashCause::Exit(code) => write!(f, "worker exited with status {code}"),
            CrashCause::ClosedOutput => write!(f, "worker closed its output without answering"),
        }
    }
}

/// The conventional name of a signal number, e.g. `SIGSEGV`, or `signal N`.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
        10 => "SIGBUS",
        #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
        12 => "SIGSYS",
        #[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
        7 => "SIGBUS",
        #[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
        31 => "SIGSYS",
        _ => return format!("signal {signal}"),
    };
    name.to_string()
}

/// Folds a message onto one line, so every [`PluginError`] prints as one line.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str(" | ");
        }
        out.push_str(line);
    }
    out
}
