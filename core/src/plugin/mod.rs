//! The plugin host: finds, pins, loads and calls parser and check plugins.
//!
//! Plugins are native libraries speaking the C ABI of `claims_plugin::abi` (see
//! `docs/plugin-abi.md`). By default each one runs in a worker process — the `claims` executable
//! itself, started with [`WORKER_SUBCOMMAND`], whose handler calls [`worker_main`] — so that a
//! crash, a signal or a hang is an ordinary [`PluginError`] rather than the end of `claims`.
//! [`Isolation::InProcess`] loads the library into the host instead. Either way the ABI version
//! is checked before anything else is read, and a library is never unloaded.

mod discovery;
mod error;
pub mod limits;
mod native;
pub mod registry;
mod sandbox;
mod scaffold;
pub mod trust;
mod worker;

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use claims_plugin::{
    CheckRequest, CheckResponse, Finding, Manifest, ParseRequest, ParseResponse, ParsedClaim,
    PluginKind,
};
use serde::de::DeserializeOwned;

pub use claims_plugin::abi::ABI_VERSION;
pub use discovery::{PLUGIN_PATH_ENV, find_library, library_file_name, search_path};
pub use error::{CrashCause, PluginError, signal_name};
pub use limits::{DEFAULT_TIMEOUT, Limits, SandboxMode};
pub use scaffold::{ScaffoldError, scaffold};
pub use trust::validate_name;
pub use worker::{fuzz_decoders, worker_main};

use error::one_line;
use native::{Call, LibraryFile, NativePlugin, RawResult};
use worker::{Reply, Request, Worker};

/// The hidden subcommand of `claims` that runs [`worker_main`]; the host passes it to the worker.
pub const WORKER_SUBCOMMAND: &str = "__plugin-worker";

/// Serialises every in-process load and call: two handles on one library share its state, and the
/// ABI promises plugins one call at a time.
static IN_PROCESS: Mutex<()> = Mutex::new(());

/// Where a plugin's code runs: the one type for both `isolation` in `workspace.toml` (read with
/// serde) and the host's [`PluginSpec`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Isolation {
    /// In a worker process (`isolation = "process"`, the default): crashes and hangs are errors.
    #[default]
    Process,
    /// In the host process (`isolation = "none"`): faster, but a crash takes `claims` down and
    /// timeouts cannot be enforced.
    #[serde(rename = "none")]
    InProcess,
}

/// An `isolation` value that is neither `process` nor `none`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown plugin isolation `{0}` (expected `process` or `none`)")]
pub struct UnknownIsolation(pub String);

impl FromStr for Isolation {
    type Err = UnknownIsolation;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "process" => Ok(Isolation::Process),
            "none" => Ok(Isolation::InProcess),
            other => Err(UnknownIsolation(other.to_string())),
        }
    }
}

/// Everything the host needs to open one plugin, as the workspace declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginSpec {
    /// The name the user calls the plugin by; every error message names it.
    pub name: String,
    /// The library file.
    pub path: PathBuf,
    /// Where its code runs.
    pub isolation: Isolation,
    /// How long loading and each request may take (worker processes only).
    pub timeout: Duration,
    /// The pinned blake3 hash of the library's bytes; the library is refused when they differ.
    pub expected_hash: Option<[u8; 32]>,
    /// What the worker process may use, and whether a sandbox is required.
    pub limits: Limits,
}

impl PluginSpec {
    /// A spec with the defaults: worker process, [`DEFAULT_TIMEOUT`], no pinned hash.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>) -> PluginSpec {
        PluginSpec {
            name: name.into(),
            path: path.into(),
            isolation: Isolation::default(),
            timeout: DEFAULT_TIMEOUT,
            expected_hash: None,
            limits: Limits::default(),
        }
    }
}

/// Opens plugins; knows which executable to start as a worker process.
#[derive(Debug, Clone)]
pub struct PluginHost {
    /// The executable whose [`WORKER_SUBCOMMAND`] runs [`worker_main`] (normally `claims`).
    worker_exe: PathBuf,
    /// The arguments that make it a worker.
    worker_args: Vec<OsString>,
}

impl PluginHost {
    /// A host that starts workers as `worker_exe __plugin-worker` (pass `current_exe()`).
    pub fn new(worker_exe: PathBuf) -> PluginHost {
        PluginHost {
            worker_exe,
            worker_args: vec![OsString::from(WORKER_SUBCOMMAND)],
        }
    }

    /// Replaces the worker's arguments, for executables that are workers in some other way.
    pub fn with_worker_args<I, S>(mut self, args: I) -> PluginHost
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.worker_args = args.into_iter().map(Into::into).collect();
        self
    }

    /// Checks the pinned hash, loads the library (in a worker unless told otherwise) and reads
    /// its manifest; the ABI version is checked before anything else is read.
    pub fn open(&self, spec: &PluginSpec) -> Result<LoadedPlugin, PluginError> {
        let path = std::path::absolute(&spec.path).unwrap_or_else(|_| spec.path.clone());
        // Opened and hashed once; what loads is this open file, not whatever is at the path now.
        let file = LibraryFile::open(&path).map_err(|f| f.into_error(&spec.name, &path))?;
        if let Some(expected) = spec.expected_hash
            && file.hash != expected
        {
            return Err(PluginError::HashMismatch {
                plugin: spec.name.clone(),
                expected: to_hex(&expected),
                actual: to_hex(&file.hash),
            });
        }
        let (manifest, backend, gaps) = match spec.isolation {
            Isolation::InProcess if spec.limits.sandbox == SandboxMode::Required => {
                return Err(PluginError::SandboxUnavailable {
                    plugin: spec.name.clone(),
                    missing: "the plugin is declared `isolation = \"none\"`, which runs it unsandboxed in claims itself".into(),
                });
            }
            Isolation::InProcess => {
                let _one_at_a_time = IN_PROCESS.lock().unwrap_or_else(PoisonError::into_inner);
                // SAFETY: the workspace chose to run this library's code in this process.
                let native = unsafe { file.load() }.map_err(|f| f.into_error(&spec.name, &path))?;
                let manifest = native.manifest().to_string();
                (manifest, Backend::InProcess(native), Vec::new())
            }
            Isolation::Process => {
                let mut remote = Remote {
                    exe: self.worker_exe.clone(),
                    args: self.worker_args.clone(),
                    path: path.clone(),
                    // The worker hashes its own open file against the bytes accepted here.
                    expected_hash: to_hex(&file.hash),
                    timeout: spec.timeout,
                    limits: spec.limits,
                    worker: None,
                };
                drop(file);
                let (manifest, gaps) = remote.start(&spec.name)?;
                (manifest, Backend::Process(remote), gaps)
            }
        };
        let manifest: Manifest =
            serde_json::from_str(&manifest).map_err(|e| PluginError::BadManifest {
                plugin: spec.name.clone(),
                reason: one_line(&e.to_string()),
            })?;
        Ok(LoadedPlugin {
            name: spec.name.clone(),
            path,
            manifest,
            sandbox_gaps: gaps,
            max_reply: spec.limits.max_reply,
            backend: Mutex::new(backend),
        })
    }
}

/// An opened plugin, ready for requests; calls are made one at a time.
#[derive(Debug)]
pub struct LoadedPlugin {
    /// The name the user calls it by.
    name: String,
    /// The library file, absolute.
    path: PathBuf,
    /// What the plugin says it is.
    manifest: Manifest,
    /// What of the worker's sandbox this system could not apply.
    sandbox_gaps: Vec<String>,
    /// The longest answer accepted from the plugin.
    max_reply: u64,
    /// Where its code runs; the mutex keeps calls one at a time, as the ABI promises plugins.
    backend: Mutex<Backend>,
}

impl LoadedPlugin {
    /// The name the user calls the plugin by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The library file the plugin was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the plugin says it is, read when it was opened.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// What of the sandbox this system could not give the plugin's worker (empty when it is
    /// complete, or when the plugin runs in-process), for the host to tell the user once.
    pub fn sandbox_gaps(&self) -> &[String] {
        &self.sandbox_gaps
    }

    /// Asks a parser plugin for the claims in a document.
    pub fn parse(&self, request: &ParseRequest) -> Result<Vec<ParsedClaim>, PluginError> {
        if !self.manifest.kinds.contains(&PluginKind::Parser) {
            return Err(PluginError::NotAParser {
                plugin: self.name.clone(),
            });
        }
        let response: ParseResponse = self.call(Call::Parse, request)?;
        Ok(response.claims)
    }

    /// Asks a check plugin for its findings about some claims.
    pub fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, PluginError> {
        if !self.manifest.kinds.contains(&PluginKind::Check) {
            return Err(PluginError::NotACheck {
                plugin: self.name.clone(),
            });
        }
        let response: CheckResponse = self.call(Call::Check, request)?;
        Ok(response.findings)
    }

    /// Sends one request through the backend and reads the answer.
    fn call<T: DeserializeOwned>(
        &self,
        call: Call,
        request: &impl serde::Serialize,
    ) -> Result<T, PluginError> {
        let request = serde_json::to_string(request).expect("requests always serialise");
        let mut backend = self.backend.lock().unwrap_or_else(PoisonError::into_inner);
        let result = match &mut *backend {
            Backend::InProcess(native) => {
                let _one_at_a_time = IN_PROCESS.lock().unwrap_or_else(PoisonError::into_inner);
                native
                    .call(call, request.as_bytes(), self.max_reply)
                    .map_err(|f| f.into_error(&self.name, &self.path))?
            }
            Backend::Process(remote) => remote.call(&self.name, call, request)?,
        };
        drop(backend);
        self.decode(result)
    }

    /// Turns the plugin's raw answer into the response type, or the error it reported.
    fn decode<T: DeserializeOwned>(&self, result: RawResult) -> Result<T, PluginError> {
        if !result.is_ok() {
            let message = one_line(&result.data);
            return Err(PluginError::Reported {
                plugin: self.name.clone(),
                message: if message.is_empty() {
                    "(no message)".to_string()
                } else {
                    message
                },
            });
        }
        serde_json::from_str(&result.data).map_err(|e| PluginError::InvalidJson {
            plugin: self.name.clone(),
            reason: one_line(&e.to_string()),
        })
    }
}

/// Where a loaded plugin's code runs.
#[derive(Debug)]
enum Backend {
    /// In this process.
    InProcess(NativePlugin),
    /// In a worker process, restarted after it dies.
    Process(Remote),
}

/// A plugin in a worker process, and what it takes to start the worker again.
#[derive(Debug)]
struct Remote {
    /// The worker executable.
    exe: PathBuf,
    /// Its arguments.
    args: Vec<OsString>,
    /// The library, absolute.
    path: PathBuf,
    /// The hash the host accepted, hex, for the worker to check its own open file against.
    expected_hash: String,
    /// Per-request time limit.
    timeout: Duration,
    /// The worker's limits.
    limits: Limits,
    /// The running worker; `None` after a crash, a timeout or garbage, until the next call.
    worker: Option<Worker>,
}

impl Remote {
    /// Starts a worker, has it open the library and returns the manifest JSON and what of the
    /// sandbox the system lacks.
    fn start(&mut self, plugin: &str) -> Result<(String, Vec<String>), PluginError> {
        self.worker = None;
        let mut worker = Worker::spawn(&self.exe, &self.args, plugin, self.limits.max_reply)?;
        let request = Request::Open {
            library: self.path.clone(),
            expected_hash: Some(self.expected_hash.clone()),
            limits: self.limits,
        };
        match worker.exchange(&request, self.timeout, plugin)? {
            Reply::Opened { manifest, gaps } => {
                self.worker = Some(worker);
                Ok((manifest, gaps))
            }
            Reply::Failed { failure } => Err(failure.into_error(plugin, &self.path)),
            Reply::Answer { .. } => Err(PluginError::Garbled {
                plugin: plugin.to_string(),
                reason: "answered an open request with a call result".into(),
            }),
        }
    }

    /// Sends one call, restarting the worker first when an earlier call killed it.
    fn call(
        &mut self,
        plugin: &str,
        call: Call,
        request: String,
    ) -> Result<RawResult, PluginError> {
        if self.worker.is_none() {
            self.start(plugin)?;
        }
        let worker = self.worker.as_mut().expect("started above");
        match worker.exchange(
            &Request::Call {
                call,
                len: request.len(),
                request,
            },
            self.timeout,
            plugin,
        ) {
            Ok(Reply::Answer { result }) => Ok(result),
            Ok(Reply::Failed { failure }) => Err(failure.into_error(plugin, &self.path)),
            Ok(Reply::Opened { .. }) => {
                self.worker = None;
                Err(PluginError::Garbled {
                    plugin: plugin.to_string(),
                    reason: "answered a call with an open result".into(),
                })
            }
            Err(e) => {
                self.worker = None;
                Err(e)
            }
        }
    }
}

/// The blake3 hash of a library file's bytes, to allow (pin) it.
pub fn hash_library(path: &Path) -> Result<[u8; 32], PluginError> {
    std::fs::File::open(path)
        .and_then(|f| hash_reader(&f))
        .map_err(|source| PluginError::Unreadable {
            plugin: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            path: path.to_path_buf(),
            source,
        })
}

/// The blake3 hash of everything a reader yields.
fn hash_reader(mut reader: impl Read) -> std::io::Result<[u8; 32]> {
    let mut hasher = blake3::Hasher::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        hasher.update(&chunk[..n]);
    }
    Ok(*hasher.finalize().as_bytes())
}

/// Lowercase hex of a hash, as pinned in `workspace.toml`.
fn to_hex(hash: &[u8; 32]) -> String {
    blake3::Hash::from_bytes(*hash).to_hex().to_string()
}

/// Reads a pinned hash written as 64 hex digits; `None` when it is not one.
pub fn parse_hash(hex: &str) -> Option<[u8; 32]> {
    blake3::Hash::from_hex(hex.trim())
        .ok()
        .map(|h| *h.as_bytes())
}

/// Writes a hash the way [`parse_hash`] reads it, for pinning a library in `workspace.toml`.
pub fn format_hash(hash: &[u8; 32]) -> String {
    to_hex(hash)
}
