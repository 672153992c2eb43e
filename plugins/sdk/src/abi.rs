//! The C ABI beneath the [`Plugin`](crate::Plugin) trait.
//!
//! A plugin library exports one symbol, [`ENTRY_SYMBOL`], a function taking nothing and returning a
//! pointer to a static [`PluginEntry`]. The host reads the table's first field, the ABI version,
//! and refuses the plugin unless it equals [`ABI_VERSION`] before it reads anything else. Requests
//! and results cross as length-delimited UTF-8 JSON; a result [`Buffer`] is allocated by the
//! plugin and handed back to the plugin's own `free`. `docs/plugin-abi.md` is the full contract,
//! written so that a plugin can be implemented in C.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use crate::Plugin;
use crate::types::{CheckRequest, CheckResponse, ParseRequest, ParseResponse};

/// Version of the table layout and calling convention; a host only loads plugins that match it.
pub const ABI_VERSION: u32 = 1;

/// Name of the one symbol a plugin library exports, so the host knows what to look up.
pub const ENTRY_SYMBOL: &str = "claims_plugin_entry";

/// [`Buffer::status`] of a result whose bytes are the JSON answer.
pub const STATUS_OK: u32 = 0;

/// [`Buffer::status`] of a result whose bytes are a UTF-8 error message for people.
pub const STATUS_ERROR: u32 = 1;

/// A result owned by the plugin: bytes plus an ok/error status, returned to the plugin's `free`.
#[repr(C)]
#[derive(Debug)]
pub struct Buffer {
    /// [`STATUS_OK`] or [`STATUS_ERROR`]; any other value is read as an error.
    pub status: u32,
    /// First byte; may be null when `len` is 0.
    pub ptr: *mut u8,
    /// Number of bytes.
    pub len: usize,
}

/// A request or result entry point: reads `len` bytes of JSON at `ptr`, returns a result buffer.
pub type CallFn = unsafe extern "C" fn(ptr: *const u8, len: usize) -> Buffer;

/// Releases a buffer that the same plugin returned.
pub type FreeFn = unsafe extern "C" fn(buffer: Buffer);

/// The signature of the exported [`ENTRY_SYMBOL`] function.
pub type EntryFn = unsafe extern "C" fn() -> *const PluginEntry;

/// The table a plugin exports; `abi_version` comes first so it can be checked before the rest.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PluginEntry {
    /// Must equal [`ABI_VERSION`]; the host reads nothing else when it does not.
    pub abi_version: u32,
    /// The manifest, UTF-8 JSON, owned by the plugin and valid for as long as it is loaded.
    pub manifest_ptr: *const u8,
    /// Length of the manifest in bytes.
    pub manifest_len: usize,
    /// Parser entry point, or null when the plugin is not a parser.
    pub parse: Option<CallFn>,
    /// Check entry point, or null when the plugin is not a check.
    pub check: Option<CallFn>,
    /// Frees the buffers `parse` and `check` return; never null when either of them is set.
    pub free: Option<FreeFn>,
}

// SAFETY: the table only points at static, immutable data and at functions, so sharing it between
// threads is sound; the one-call-at-a-time rule is the host's to keep.
unsafe impl Sync for PluginEntry {}
// SAFETY: as above.
unsafe impl Send for PluginEntry {}

impl Buffer {
    /// Hands bytes over to the host with a status; they come back to [`free_buffer`].
    pub fn new(status: u32, bytes: Vec<u8>) -> Buffer {
        let boxed: Box<[u8]> = bytes.into_boxed_slice();
        let len = boxed.len();
        let ptr = Box::into_raw(boxed).cast::<u8>();
        Buffer { status, ptr, len }
    }

    /// A successful result holding JSON.
    pub fn ok(json: Vec<u8>) -> Buffer {
        Buffer::new(STATUS_OK, json)
    }

    /// An error result holding a message for people.
    pub fn error(message: impl Into<String>) -> Buffer {
        Buffer::new(STATUS_ERROR, message.into().into_bytes())
    }
}

/// The `free` of Rust plugins: releases a [`Buffer`] made by [`Buffer::new`] in this library.
///
/// # Safety
/// `buffer` must come from [`Buffer::new`] in the same library and must not be freed twice.
pub unsafe extern "C" fn free_buffer(buffer: Buffer) {
    if buffer.ptr.is_null() {
        return;
    }
    let slice = std::ptr::slice_from_raw_parts_mut(buffer.ptr, buffer.len);
    // SAFETY: the caller hands back a pointer and length made by `Box::into_raw` in `Buffer::new`.
    drop(unsafe { Box::from_raw(slice) });
}

/// The plugin a library serves; each library links its own copy of the SDK, so one per library.
static PLUGIN: OnceLock<Box<dyn Plugin>> = OnceLock::new();

/// The table a library exports, built on the first call of its entry symbol.
static ENTRY: OnceLock<PluginEntry> = OnceLock::new();

/// Builds (once) and returns the entry table for the plugin `make` creates; null when that panics.
///
/// [`export_plugin!`](crate::export_plugin) calls this from the exported symbol; a library that
/// needs to wrap the table (a test plugin, say) may call it from its own `claims_plugin_entry`.
pub fn entry(make: fn() -> Box<dyn Plugin>) -> *const PluginEntry {
    quiet_panics();
    let built = catch_unwind(AssertUnwindSafe(|| {
        ENTRY.get_or_init(|| {
            let plugin = PLUGIN.get_or_init(make);
            let manifest = serde_json::to_vec(&plugin.manifest())
                .expect("a manifest always serialises to JSON");
            let manifest: &'static [u8] = Box::leak(manifest.into_boxed_slice());
            PluginEntry {
                abi_version: ABI_VERSION,
                manifest_ptr: manifest.as_ptr(),
                manifest_len: manifest.len(),
                parse: Some(parse_shim),
                check: Some(check_shim),
                free: Some(free_buffer),
            }
        }) as *const PluginEntry
    }));
    built.unwrap_or(std::ptr::null())
}

/// The `parse` entry point of Rust plugins.
extern "C" fn parse_shim(ptr: *const u8, len: usize) -> Buffer {
    serve(ptr, len, |plugin, bytes| {
        let request: ParseRequest = serde_json::from_slice(bytes)
            .map_err(|e| format!("cannot read the parse request: {e}"))?;
        let claims = plugin.parse(&request)?;
        serde_json::to_vec(&ParseResponse { claims })
            .map_err(|e| format!("cannot write the parse response: {e}"))
    })
}

/// The `check` entry point of Rust plugins.
extern "C" fn check_shim(ptr: *const u8, len: usize) -> Buffer {
    serve(ptr, len, |plugin, bytes| {
        let request: CheckRequest = serde_json::from_slice(bytes)
            .map_err(|e| format!("cannot read the check request: {e}"))?;
        let findings = plugin.check(&request)?;
        serde_json::to_vec(&CheckResponse { findings })
            .map_err(|e| format!("cannot write the check response: {e}"))
    })
}

/// Runs one request against the plugin, turning errors and panics into error buffers.
fn serve(
    ptr: *const u8,
    len: usize,
    handle: impl FnOnce(&dyn Plugin, &[u8]) -> Result<Vec<u8>, String>,
) -> Buffer {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let plugin = PLUGIN
            .get()
            .ok_or_else(|| "called before claims_plugin_entry".to_string())?;
        let bytes: &[u8] = if ptr.is_null() || len == 0 {
            &[]
        } else {
            // SAFETY: the host passes `len` readable bytes at `ptr` for the length of the call.
            unsafe { std::slice::from_raw_parts(ptr, len) }
        };
        handle(plugin.as_ref(), bytes)
    }));
    match outcome {
        Ok(Ok(json)) => Buffer::ok(json),
        Ok(Err(message)) => Buffer::error(message),
        Err(payload) => {
            let at = PANIC_AT
                .with(|p| p.borrow_mut().take())
                .map(|l| format!(" (at {l})"))
                .unwrap_or_default();
            Buffer::error(format!("panicked: {}{at}", panic_message(payload.as_ref())))
        }
    }
}

std::thread_local! {
    /// Where the last panic on this thread happened, for the error the host reports.
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Panics are reported to the host as one error result; std's default hook would also print
/// them (and a backtrace) on the user's terminal. This library's copy of std gets a hook that
/// only remembers where the panic happened.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|p| *p.borrow_mut() = at);
        }))
    });
}

/// The text of a panic, when it has one.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Finding, Manifest, PluginKind, Severity};

    /// A check that panics on a request with no claims.
    struct Counting;

    impl Plugin for Counting {
        fn manifest(&self) -> Manifest {
            Manifest {
                name: "counting".into(),
                version: "1.0.0".into(),
                kinds: vec![PluginKind::Check],
                description: String::new(),
            }
        }

        fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, String> {
            assert!(!request.claims.is_empty(), "no claims at all");
            Ok(vec![Finding {
                rule: "count".into(),
                severity: Severity::Info,
                claims: Vec::new(),
                message: request.claims.len().to_string(),
            }])
        }
    }

    /// Calls an entry point the way a host does, returning status and text.
    fn call(function: Option<CallFn>, free: Option<FreeFn>, request: &str) -> (u32, String) {
        let buffer = unsafe { function.unwrap()(request.as_ptr(), request.len()) };
        let status = buffer.status;
        let text = unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) };
        let text = String::from_utf8(text.to_vec()).unwrap();
        unsafe { free.unwrap()(buffer) };
        (status, text)
    }

    #[test]
    fn the_table_has_the_documented_layout() {
        assert_eq!(std::mem::offset_of!(PluginEntry, abi_version), 0);
        #[cfg(target_pointer_width = "64")]
        {
            assert_eq!(size_of::<PluginEntry>(), 48);
            assert_eq!(std::mem::offset_of!(PluginEntry, manifest_ptr), 8);
            assert_eq!(std::mem::offset_of!(PluginEntry, free), 40);
            assert_eq!(size_of::<Buffer>(), 24);
        }
    }

    #[test]
    fn the_entry_table_serves_the_plugin_and_catches_its_panics() {
        let table = entry(|| Box::new(Counting));
        assert!(!table.is_null());
        let table = unsafe { *table };
        assert_eq!(table.abi_version, ABI_VERSION);
        let manifest =
            unsafe { std::slice::from_raw_parts(table.manifest_ptr, table.manifest_len) };
        let manifest: Manifest = serde_json::from_slice(manifest).unwrap();
        assert_eq!(manifest.name, "counting");

        let (status, text) = call(
            table.check,
            table.free,
            r#"{"claims":[{"id":"a","version":"v","origin":"o","text":"t"}]}"#,
        );
        assert_eq!(status, STATUS_OK, "{text}");
        let response: CheckResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(response.findings[0].message, "1");

        let (status, text) = call(table.check, table.free, r#"{"claims":[]}"#);
        assert_eq!(status, STATUS_ERROR);
        // The message, and where the plugin panicked (the SDK's hook records it quietly).
        assert!(
            text.starts_with("panicked: no claims at all (at "),
            "{text}"
        );
        assert!(text.contains("abi.rs:"), "{text}");

        let (status, text) = call(table.check, table.free, "not json");
        assert_eq!(status, STATUS_ERROR);
        assert!(text.starts_with("cannot read the check request"), "{text}");

        let (status, text) = call(table.parse, table.free, r#"{"document":"x"}"#);
        assert_eq!(status, STATUS_ERROR);
        assert!(text.starts_with("not supported"), "{text}");
    }
}
