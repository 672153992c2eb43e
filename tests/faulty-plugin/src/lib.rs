//! A plugin that misbehaves on request, so the host's tests can provoke every failure.
//!
//! `CLAIMS_TEST_FAULT` chooses the behaviour: `panic`, `abort`, `segfault`, `hang`,
//! `invalid-json`, `wrong-abi`, `noisy` (prints to stdout, then answers) or `ok` (the default). It is read when the entry symbol is called
//! (for `wrong-abi`) and on every request (for the others). The plugin is both a parser and a check
//! and misbehaves the same way in both.

use std::time::Duration;

use claims_plugin::abi::{self, Buffer, PluginEntry};
use claims_plugin::{
    CheckRequest, Finding, Manifest, ParseRequest, ParsedClaim, Plugin, PluginKind, Severity, Span,
    SpeechAct,
};

/// The ways this plugin can misbehave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Ok,
    Panic,
    Abort,
    Segfault,
    Hang,
    InvalidJson,
    WrongAbi,
    Noisy,
}

/// The fault `CLAIMS_TEST_FAULT` asks for; unknown values behave as `ok`.
fn fault() -> Fault {
    match std::env::var("CLAIMS_TEST_FAULT").as_deref() {
        Ok("panic") => Fault::Panic,
        Ok("abort") => Fault::Abort,
        Ok("segfault") => Fault::Segfault,
        Ok("hang") => Fault::Hang,
        Ok("invalid-json") => Fault::InvalidJson,
        Ok("wrong-abi") => Fault::WrongAbi,
        Ok("noisy") => Fault::Noisy,
        _ => Fault::Ok,
    }
}

/// Misbehaves as asked; returns only for `ok` (and for `invalid-json`, handled at the ABI level).
fn misbehave() {
    match fault() {
        Fault::Panic => panic!("deliberate panic for the host's tests"),
        Fault::Abort => std::process::abort(),
        Fault::Segfault => {
            // SAFETY: none; crashing with SIGSEGV is the point of this fault.
            unsafe { std::ptr::null_mut::<u64>().write_volatile(0xdead) }
        }
        Fault::Hang => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
        Fault::Noisy => println!("debugging output a plugin should not print"),
        Fault::Ok | Fault::InvalidJson | Fault::WrongAbi => {}
    }
}

/// The misbehaving plugin.
#[derive(Default)]
struct Faulty;

impl Plugin for Faulty {
    fn manifest(&self) -> Manifest {
        Manifest {
            name: "faulty".into(),
            version: "0.1.0".into(),
            kinds: vec![PluginKind::Parser, PluginKind::Check],
            description: "Misbehaves as CLAIMS_TEST_FAULT says".into(),
        }
    }

    fn parse(&self, request: &ParseRequest) -> Result<Vec<ParsedClaim>, String> {
        misbehave();
        if request.document.is_empty() {
            return Err("the document is empty".into());
        }
        Ok(vec![ParsedClaim {
            origin: "faulty".into(),
            via: Vec::new(),
            stance: SpeechAct::Asserts,
            text: request.document.clone(),
            quote: false,
            span: Span {
                start: 0,
                end: request.document.len(),
            },
            said_on: None,
            lang: None,
        }])
    }

    fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, String> {
        misbehave();
        Ok(vec![Finding {
            rule: "counted".into(),
            severity: Severity::Info,
            claims: request.claims.iter().map(|c| c.id.clone()).collect(),
            message: format!("saw {} claims", request.claims.len()),
        }])
    }
}

/// A table that claims another ABI version and whose other fields would crash a host reading them.
static WRONG_ABI: PluginEntry = PluginEntry {
    abi_version: abi::ABI_VERSION + 41,
    manifest_ptr: 8 as *const u8,
    manifest_len: usize::MAX,
    parse: None,
    check: None,
    free: None,
};

/// Answers any request with bytes that are not JSON.
extern "C" fn garbage(_ptr: *const u8, _len: usize) -> Buffer {
    Buffer::ok(b"{\"claims\": [this is not json".to_vec())
}

/// The entry symbol: the SDK's table, bent according to the fault.
#[unsafe(no_mangle)]
pub extern "C" fn claims_plugin_entry() -> *const PluginEntry {
    static BENT: std::sync::OnceLock<PluginEntry> = std::sync::OnceLock::new();
    match fault() {
        Fault::WrongAbi => &WRONG_ABI,
        Fault::InvalidJson => {
            let table = abi::entry(|| Box::new(Faulty));
            if table.is_null() {
                return table;
            }
            // SAFETY: `abi::entry` returns null or a pointer to a static table.
            let mut bent = unsafe { *table };
            bent.parse = Some(garbage);
            bent.check = Some(garbage);
            BENT.get_or_init(|| bent)
        }
        _ => abi::entry(|| Box::new(Faulty)),
    }
}
