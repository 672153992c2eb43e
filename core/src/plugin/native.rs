//! Loading a plugin library into the current process and calling it through the C ABI.
//!
//! Shared by the in-process host and by the worker process. Libraries are never unloaded: after
//! `dlclose` any pointer or thread the plugin left behind would dangle, so the handle is leaked.

use std::fs::File;
use std::path::{Path, PathBuf};

use claims_plugin::abi::{ABI_VERSION, CallFn, ENTRY_SYMBOL, EntryFn, PluginEntry, STATUS_OK};
use serde::{Deserialize, Serialize};

use super::error::{PluginError, one_line};

/// What failed inside a (possibly remote) load or call, before the plugin's name is attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "failure", rename_all = "kebab-case")]
pub(crate) enum Failure {
    /// No file at the path.
    NotFound,
    /// The file could not be read.
    Unreadable { reason: String },
    /// The file's blake3 hash is not the pinned one.
    HashMismatch { expected: String, actual: String },
    /// The loader, the symbol or the entry function failed.
    LoadFailed { reason: String },
    /// The entry table's version is not ours.
    WrongAbi { found: u32, expected: u32 },
    /// The manifest is missing or not UTF-8 JSON of the right shape.
    BadManifest { reason: String },
    /// The plugin answered with bytes that are not UTF-8.
    InvalidOutput { reason: String },
    /// The plugin has no entry point for the call.
    NotSupported { call: Call },
    /// The worker was sent something it does not understand.
    Protocol { reason: String },
    /// The workspace requires a sandbox and this system lacks part of it.
    SandboxUnavailable { missing: String },
    /// The plugin's answer is longer than the workspace's `max_reply`.
    ReplyTooLarge { len: u64, max: u64 },
}

/// Which entry point a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Call {
    /// `parse`.
    Parse,
    /// `check`.
    Check,
}

impl Failure {
    /// The error a user sees, naming the plugin.
    pub(crate) fn into_error(self, plugin: &str, path: &Path) -> PluginError {
        let plugin = plugin.to_string();
        match self {
            Failure::NotFound => PluginError::NotFound {
                plugin,
                looked_for: path.display().to_string(),
            },
            Failure::Unreadable { reason } => PluginError::Unreadable {
                plugin,
                path: path.to_path_buf(),
                source: std::io::Error::other(reason),
            },
            Failure::HashMismatch { expected, actual } => PluginError::HashMismatch {
                plugin,
                expected,
                actual,
            },
            Failure::LoadFailed { reason } => PluginError::LoadFailed {
                plugin,
                reason: one_line(&reason),
            },
            Failure::WrongAbi { found, expected } => PluginError::WrongAbi {
                plugin,
                found,
                expected,
            },
            Failure::BadManifest { reason } => PluginError::BadManifest {
                plugin,
                reason: one_line(&reason),
            },
            Failure::InvalidOutput { reason } => PluginError::InvalidJson {
                plugin,
                reason: one_line(&reason),
            },
            Failure::NotSupported { call: Call::Parse } => PluginError::NotAParser { plugin },
            Failure::NotSupported { call: Call::Check } => PluginError::NotACheck { plugin },
            Failure::Protocol { reason } => PluginError::Garbled {
                plugin,
                reason: one_line(&reason),
            },
            Failure::ReplyTooLarge { len, max } => PluginError::ReplyTooLarge { plugin, len, max },
            Failure::SandboxUnavailable { missing } => PluginError::SandboxUnavailable {
                plugin,
                missing: one_line(&missing),
            },
        }
    }
}

/// A library file opened once: the hash is of this open file, and [`LibraryFile::load`] loads
/// this same file (through `/proc/self/fd` on Linux), so a file swapped in at the path after
/// the hash was taken is never the one that runs.
#[derive(Debug)]
pub(crate) struct LibraryFile {
    /// The open library.
    pub(crate) file: File,
    /// The blake3 hash of its bytes.
    pub(crate) hash: [u8; 32],
    /// The path it was opened at (what non-Linux systems load).
    #[cfg_attr(target_os = "linux", allow(dead_code))]
    path: PathBuf,
}

impl LibraryFile {
    /// Opens the library and hashes the open file.
    pub(crate) fn open(path: &Path) -> Result<LibraryFile, Failure> {
        let unreadable = |e: std::io::Error| Failure::Unreadable {
            reason: e.to_string(),
        };
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Failure::NotFound),
            Err(e) => return Err(unreadable(e)),
        };
        if !file.metadata().map_err(unreadable)?.is_file() {
            return Err(Failure::NotFound);
        }
        let hash = super::hash_reader(&file).map_err(unreadable)?;
        Ok(LibraryFile {
            file,
            hash,
            path: path.to_path_buf(),
        })
    }

    /// Loads the file that was hashed, and keeps it open for good: the loader knows the library
    /// by its `/proc/self/fd/N` name, which must never come to mean another file.
    ///
    /// # Safety
    /// As [`NativePlugin::load`]: the library's initialisers run.
    pub(crate) unsafe fn load(self) -> Result<NativePlugin, Failure> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::IntoRawFd;
            let fd = self.file.into_raw_fd();
            let by_fd = PathBuf::from(format!("/proc/self/fd/{fd}"));
            // SAFETY: the caller accepts running the library's initialisers.
            unsafe { NativePlugin::load(&by_fd) }
        }
        #[cfg(not(target_os = "linux"))]
        {
            // Elsewhere the loader takes a path only: a swap between the hash and this load
            // remains possible (docs/security.md says so).
            // SAFETY: the caller accepts running the library's initialisers.
            unsafe { NativePlugin::load(&self.path) }
        }
    }
}

/// A result as the plugin returned it: its status and its bytes as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RawResult {
    /// `STATUS_OK` or an error status.
    pub status: u32,
    /// Length of `data`; between worker and host the data follows the header line raw.
    #[serde(default)]
    pub len: usize,
    /// The JSON answer or the error message.
    #[serde(skip)]
    pub data: String,
}

impl RawResult {
    /// Whether the plugin says it succeeded.
    pub(crate) fn is_ok(&self) -> bool {
        self.status == STATUS_OK
    }
}

/// A plugin library loaded into this process, whose entry table has the right ABI version.
#[derive(Debug)]
pub(crate) struct NativePlugin {
    /// A copy of the entry table; the library is never unloaded, so its pointers stay valid.
    entry: PluginEntry,
    /// The manifest as the plugin gave it.
    manifest: String,
}

impl NativePlugin {
    /// Loads the library, checks the ABI version before anything else, and reads the manifest.
    ///
    /// The library is leaked on purpose: it is never `dlclose`d.
    ///
    /// # Safety
    /// Loading a library runs its initialisers; the caller trusts the file enough for that.
    pub(crate) unsafe fn load(path: &Path) -> Result<NativePlugin, Failure> {
        // SAFETY: the caller accepts running the library's initialisers.
        let library =
            unsafe { libloading::Library::new(path) }.map_err(|e| Failure::LoadFailed {
                reason: e.to_string(),
            })?;
        // SAFETY: the symbol's type is the one the ABI documents.
        let entry_fn: EntryFn = match unsafe { library.get::<EntryFn>(ENTRY_SYMBOL) } {
            Ok(symbol) => *symbol,
            Err(e) => {
                std::mem::forget(library);
                return Err(Failure::LoadFailed {
                    reason: format!("no `{ENTRY_SYMBOL}` symbol: {e}"),
                });
            }
        };
        // Never dlclose: the function pointers taken below must stay valid for good.
        std::mem::forget(library);

        // SAFETY: `entry_fn` is the plugin's entry symbol, which takes nothing.
        let table = unsafe { entry_fn() };
        if table.is_null() {
            return Err(Failure::LoadFailed {
                reason: format!("`{ENTRY_SYMBOL}` returned null"),
            });
        }
        // Read the version alone first: with another version the rest may have another layout.
        // SAFETY: every ABI version starts the table with a u32 version.
        let found = unsafe { table.cast::<u32>().read() };
        if found != ABI_VERSION {
            return Err(Failure::WrongAbi {
                found,
                expected: ABI_VERSION,
            });
        }
        // SAFETY: the version matches, so the table has this layout.
        let entry = unsafe { table.read() };
        if (entry.parse.is_some() || entry.check.is_some()) && entry.free.is_none() {
            return Err(Failure::LoadFailed {
                reason: "the entry table has no `free` function".into(),
            });
        }
        if entry.manifest_ptr.is_null() || entry.manifest_len == 0 {
            return Err(Failure::BadManifest {
                reason: "the entry table has no manifest".into(),
            });
        }
        // SAFETY: the ABI says the manifest is `manifest_len` bytes at `manifest_ptr`, for good.
        let bytes = unsafe { std::slice::from_raw_parts(entry.manifest_ptr, entry.manifest_len) };
        let manifest = std::str::from_utf8(bytes)
            .map_err(|e| Failure::BadManifest {
                reason: format!("not UTF-8: {e}"),
            })?
            .to_string();
        Ok(NativePlugin { entry, manifest })
    }

    /// The manifest JSON as the plugin gave it.
    pub(crate) fn manifest(&self) -> &str {
        &self.manifest
    }

    /// Sends one request and returns the plugin's answer, after freeing the plugin's buffer.
    /// An answer longer than `max_reply` bytes is refused before it is copied.
    pub(crate) fn call(
        &self,
        call: Call,
        request: &[u8],
        max_reply: u64,
    ) -> Result<RawResult, Failure> {
        let function: Option<CallFn> = match call {
            Call::Parse => self.entry.parse,
            Call::Check => self.entry.check,
        };
        let (Some(function), Some(free)) = (function, self.entry.free) else {
            return Err(Failure::NotSupported { call });
        };
        // SAFETY: the ABI: `len` bytes at `ptr`, valid for the length of the call.
        let buffer = unsafe { function(request.as_ptr(), request.len()) };
        let status = buffer.status;
        let len = buffer.len as u64;
        if len > max_reply {
            // SAFETY: the buffer came from this plugin and is freed exactly once, by the plugin.
            unsafe { free(buffer) };
            return Err(Failure::ReplyTooLarge {
                len,
                max: max_reply,
            });
        }
        let bytes = if buffer.ptr.is_null() || buffer.len == 0 {
            Vec::new()
        } else {
            // SAFETY: the ABI: the result is `len` bytes at `ptr` until it is freed.
            unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) }.to_vec()
        };
        // SAFETY: the buffer came from this plugin and is freed exactly once, by the plugin.
        unsafe { free(buffer) };
        let data = String::from_utf8(bytes).map_err(|e| Failure::InvalidOutput {
            reason: format!("the result is not UTF-8: {e}"),
        })?;
        Ok(RawResult {
            status,
            len: data.len(),
            data,
        })
    }
}

// SAFETY: the table points at static data and functions; `LoadedPlugin` makes one call at a time.
unsafe impl Send for NativePlugin {}
