//! A plugin that misbehaves on request, so the host's tests can provoke every failure.
//!
//! `CLAIMS_TEST_FAULT` chooses the behaviour: `panic`, `abort`, `segfault`, `hang`,
//! `invalid-json`, `wrong-abi`, `noisy` (prints to stdout, then answers) or `ok` (the default). It is read when the entry symbol is called
//! (for `wrong-abi`) and on every request (for the others). The plugin is both a parser and a check
//! and misbehaves the same way in both.
//!
//! The faults a sandbox must stop report what the system answered, so a test can tell a refusal
//! from an escape: `write-file` (creates each file in `CLAIMS_TEST_TARGET`, a path list),
//! `socket` (connects to the address in `CLAIMS_TEST_TARGET`), `fork` (a child that sleeps a
//! minute), `exec` (runs `/bin/true`), `memory` (fills 8 GiB) and `huge-reply` (writes a reply
//! header announcing 100 GB on every pipe it holds, as a plugin forging replies would).
//!
//! When `CLAIMS_TEST_LOAD_MARKER` names a file, loading the library (its constructor, before any
//! symbol is looked up) appends a line to it and says so on stderr: proof that it was loaded.

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
    WriteFile,
    Socket,
    Fork,
    Exec,
    Memory,
    HugeReply,
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
        Ok("write-file") => Fault::WriteFile,
        Ok("socket") => Fault::Socket,
        Ok("fork") => Fault::Fork,
        Ok("exec") => Fault::Exec,
        Ok("memory") => Fault::Memory,
        Ok("huge-reply") => Fault::HugeReply,
        _ => Fault::Ok,
    }
}

/// `CLAIMS_TEST_TARGET`, the file or address a fault aims at.
fn target() -> String {
    std::env::var("CLAIMS_TEST_TARGET").unwrap_or_default()
}

/// Misbehaves as asked; returns `Err` with what the system answered when it refused, `Ok` for
/// `ok` (and for `invalid-json`, handled at the ABI level) and when an escape succeeded.
fn misbehave() -> Result<(), String> {
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
        Fault::WriteFile => {
            let mut refused = Vec::new();
            for path in std::env::split_paths(&target()) {
                let written = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, b"escaped\n"));
                if let Err(e) = written {
                    refused.push(format!("write {}: {e}", path.display()));
                }
            }
            if !refused.is_empty() {
                return Err(refused.join("; "));
            }
        }
        Fault::Socket => {
            std::net::TcpStream::connect(target()).map_err(|e| format!("connect: {e}"))?;
        }
        Fault::Fork => {
            // SAFETY: the child only sleeps and exits; nothing of the parent's state is used.
            match unsafe { libc::fork() } {
                -1 => return Err(format!("fork: {}", std::io::Error::last_os_error())),
                0 => unsafe {
                    libc::sleep(60);
                    libc::_exit(0)
                },
                _ => {}
            }
        }
        Fault::Exec => {
            std::process::Command::new("/bin/true")
                .status()
                .map_err(|e| format!("exec: {e}"))?;
        }
        Fault::Memory => {
            let filled = vec![1u8; 8 << 30];
            std::hint::black_box(&filled);
        }
        Fault::HugeReply => forge_reply_headers(),
        Fault::Ok | Fault::InvalidJson | Fault::WrongAbi => {}
    }
    Ok(())
}

/// Writes a reply header announcing 100 GB to every pipe this process holds past stdin.
fn forge_reply_headers() {
    let header = b"{\"reply\":\"answer\",\"status\":0,\"len\":100000000000}\n";
    for fd in 1..64 {
        // SAFETY: fstat only fills the struct; write only reads the header.
        unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFIFO {
                libc::write(fd, header.as_ptr().cast(), header.len());
            }
        }
    }
}

/// Runs when the library is loaded, before the host looks up any symbol.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ON_LOAD: extern "C" fn() = on_load;

/// Leaves a trace of the load where `CLAIMS_TEST_LOAD_MARKER` says, and on stderr.
#[cfg(target_os = "linux")]
extern "C" fn on_load() {
    if let Some(marker) = std::env::var_os("CLAIMS_TEST_LOAD_MARKER") {
        eprintln!("faulty plugin: loaded (constructor ran)");
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(marker)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"loaded\n"));
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
        misbehave()?;
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
        misbehave()?;
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
