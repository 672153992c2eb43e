//! The worker process that runs a plugin away from the host, and the host's side of the talk.
//!
//! The host spawns its own executable with a hidden subcommand whose handler calls
//! [`worker_main`]. Each message is one JSON header line; a call's request and an answer's data
//! follow their header as raw bytes (the header gives their length), so megabytes of claims are
//! never escaped into a JSON string. The host writes requests on the worker's stdin, the worker
//! writes one reply per request on its stdout. The first request opens the library; every later
//! one is a call. When the host closes stdin the worker exits with status 0.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::error::{CrashCause, PluginError};
use super::limits::{Limits, SandboxMode};
use super::native::{Call, Failure, LibraryFile, NativePlugin, RawResult};
use super::sandbox;
use crate::limits::show_size;

/// A message from the host to the worker.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub(crate) enum Request {
    /// Open the library at `library` once, check that open file's hash, sandbox the worker
    /// and load that same file.
    Open {
        /// Absolute path of the library.
        library: PathBuf,
        /// The blake3 hash the host accepted, 64 hex.
        #[serde(default)]
        expected_hash: Option<String>,
        /// The limits to run under.
        #[serde(default)]
        limits: Limits,
    },
    /// Pass `request` (JSON text) to the plugin's `call` entry point. On the wire the header
    /// line carries `len` and the request's bytes follow it raw: no escaping of large payloads.
    Call {
        /// Which entry point.
        call: Call,
        /// Length in bytes of the request that follows the header line.
        #[serde(default)]
        len: usize,
        /// The request JSON (sent after the header line, not inside it).
        #[serde(skip)]
        request: String,
    },
}

/// A message from the worker to the host, one per request.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case")]
pub(crate) enum Reply {
    /// The library is loaded; its manifest as it gave it.
    Opened {
        /// Manifest JSON text.
        manifest: String,
        /// What of the sandbox this system could not apply (empty: all of it).
        #[serde(default)]
        gaps: Vec<String>,
    },
    /// The plugin's answer to a call, status and text as the plugin returned them.
    Answer {
        /// The plugin's result.
        #[serde(flatten)]
        result: RawResult,
    },
    /// Opening or calling failed before the plugin could answer.
    Failed {
        /// What failed.
        failure: Failure,
    },
}

/// Serves one plugin over stdin/stdout until stdin closes; what `claims __plugin-worker` runs.
///
/// Returns the process exit status: 0 when the host closed the channel, non-zero when the channel
/// itself failed. Plugin output on stdout is redirected to stderr so it cannot corrupt replies.
pub fn worker_main() -> i32 {
    die_with_the_host();
    let mut channel = match reply_channel() {
        Ok(channel) => channel,
        Err(e) => {
            eprintln!("claims plugin worker: cannot set up its output: {e}");
            return 3;
        }
    };
    let mut plugin: Option<(NativePlugin, u64)> = None;
    let mut input = std::io::stdin().lock();
    loop {
        let reply = match read_request(&mut input) {
            Ok(None) => return 0,
            Ok(Some(Ok(request))) => serve(&mut plugin, request),
            Ok(Some(Err(reason))) => Reply::Failed {
                failure: Failure::Protocol { reason },
            },
            Err(e) => {
                eprintln!("claims plugin worker: cannot read a request: {e}");
                return 3;
            }
        };
        if let Err(e) = write_reply(&mut channel, &reply) {
            // A broken pipe means the host stopped listening (it refused the reply or ended).
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("claims plugin worker: cannot write a reply: {e}");
            }
            return 3;
        }
    }
}

/// The longest header line either side reads; a manifest travels in one, and manifests are small.
pub(crate) const MAX_HEADER: usize = 1 << 20;

/// The largest request a worker accepts; the host never sends more than this.
pub(crate) const MAX_REQUEST: usize = 1 << 32;

/// Reads one header line of at most [`MAX_HEADER`] bytes: `Ok(None)` at a clean end of input,
/// `Err` for a line too long or not UTF-8.
fn read_header(input: &mut impl BufRead) -> std::io::Result<Option<Result<String, String>>> {
    let mut line = Vec::new();
    input
        .take(MAX_HEADER as u64 + 1)
        .read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Ok(None);
    }
    if line.len() > MAX_HEADER {
        return Ok(Some(Err(format!(
            "a header line longer than {MAX_HEADER} bytes"
        ))));
    }
    Ok(Some(String::from_utf8(line).map_err(|_| {
        "a header line that is not UTF-8".to_string()
    })))
}

/// Reads `len` payload bytes, growing the buffer as bytes arrive (never trusting `len` for an
/// allocation up front); `None` when the input ends first.
fn read_payload(input: &mut impl Read, len: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(len.min(64 * 1024) as usize);
    input.take(len).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 == len).then_some(bytes))
}

/// Reads one request: a header line, then for a call its payload. `Ok(None)` at end of input;
/// `Ok(Some(Err))` for a request that is not the protocol; never panics on any bytes.
pub(crate) fn read_request(
    input: &mut impl BufRead,
) -> std::io::Result<Option<Result<Request, String>>> {
    let line = match read_header(input)? {
        None => return Ok(None),
        Some(Err(reason)) => return Ok(Some(Err(reason))),
        Some(Ok(line)) => line,
    };
    let mut request: Request = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => return Ok(Some(Err(format!("not a worker request: {e}")))),
    };
    if let Request::Call {
        len, request: body, ..
    } = &mut request
    {
        if *len > MAX_REQUEST {
            return Ok(Some(Err(format!(
                "a request of {len} bytes, more than {MAX_REQUEST}"
            ))));
        }
        let Some(bytes) = read_payload(input, *len as u64)? else {
            return Ok(Some(Err("the request was cut short".to_string())));
        };
        match String::from_utf8(bytes) {
            Ok(text) => *body = text,
            Err(_) => return Ok(Some(Err("the request is not UTF-8".to_string()))),
        }
    }
    Ok(Some(Ok(request)))
}

/// Writes a reply: its header line, then (for answers) the plugin's bytes raw.
fn write_reply(out: &mut impl Write, reply: &Reply) -> std::io::Result<()> {
    let mut header = serde_json::to_vec(reply).expect("replies always serialise");
    header.push(b'\n');
    out.write_all(&header)?;
    if let Reply::Answer { result } = reply {
        out.write_all(result.data.as_bytes())?;
    }
    out.flush()
}

/// Answers one request; `plugin` is the open library and the longest answer it may give.
fn serve(plugin: &mut Option<(NativePlugin, u64)>, request: Request) -> Reply {
    let outcome = match request {
        Request::Open { .. } if plugin.is_some() => Err(Failure::Protocol {
            reason: "a library is already open".into(),
        }),
        Request::Open {
            library,
            expected_hash,
            limits,
        } => open(&library, expected_hash.as_deref(), &limits).map(|(native, gaps)| {
            let manifest = native.manifest().to_string();
            *plugin = Some((native, limits.max_reply));
            Reply::Opened { manifest, gaps }
        }),
        Request::Call { call, request, .. } => match plugin {
            None => Err(Failure::Protocol {
                reason: "no library is open".into(),
            }),
            Some((native, max_reply)) => native
                .call(call, request.as_bytes(), *max_reply)
                .map(|result| Reply::Answer { result }),
        },
    };
    outcome.unwrap_or_else(|failure| Reply::Failed { failure })
}

/// Opens the library once, checks the hash of that open file, sandboxes this process and loads
/// the very file it hashed; returns the plugin and what the sandbox lacks.
fn open(
    library: &Path,
    expected_hash: Option<&str>,
    limits: &Limits,
) -> Result<(NativePlugin, Vec<String>), Failure> {
    let file = LibraryFile::open(library)?;
    if let Some(expected) = expected_hash {
        let actual = super::to_hex(&file.hash);
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(Failure::HashMismatch {
                expected: expected.to_string(),
                actual,
            });
        }
    }
    let gaps = sandbox::apply(limits, &file.file);
    if limits.sandbox == SandboxMode::Required && !gaps.is_empty() {
        return Err(Failure::SandboxUnavailable {
            missing: gaps.join("; "),
        });
    }
    // SAFETY: running the library's initialisers is what this process exists for.
    let native = unsafe { file.load() }?;
    Ok((native, gaps))
}

/// Ends this worker when the host ends, even mid-call: it runs in a process group of its own,
/// so a Ctrl-C at the terminal does not reach it.
fn die_with_the_host() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getppid cannot fail; prctl with these arguments changes only this process's
        // death signal. A parent that changed in between died before the signal was armed.
        let host = unsafe { libc::getppid() };
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
        if unsafe { libc::getppid() } != host {
            std::process::exit(3);
        }
    }
}

/// Where replies go: the original stdout, after pointing fd 1 at stderr for the plugin's sake.
#[cfg(unix)]
fn reply_channel() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;

    // Descriptors inherited by accident from whoever started `claims` are not the plugin's.
    #[cfg(target_os = "linux")]
    // SAFETY: closes descriptors 3 and up, none of which this process has opened yet.
    unsafe {
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
    }
    std::io::stdout().flush()?;
    let original = std::io::stdout().as_fd().try_clone_to_owned()?;
    // SAFETY: fds 1 and 2 are open; afterwards fd 1 is another name for stderr.
    if unsafe { libc::dup2(2, 1) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(std::fs::File::from(original))
}

/// Where replies go: stdout itself, where fds cannot be rearranged portably.
#[cfg(not(unix))]
fn reply_channel() -> std::io::Result<std::io::Stdout> {
    Ok(std::io::stdout())
}

/// What the reader thread makes of the worker's output.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A well-formed reply (with its payload read).
    Reply(Reply),
    /// Output that is not the protocol: the worker is not to be trusted any more.
    Garbled(String),
    /// The pipe broke (the worker died); how it ended is read from its exit status.
    Broken,
}

/// Reads one reply: a header line, then for an answer its payload, refused before anything is
/// allocated when it announces more than `max_reply` bytes. `None` at a clean end of output;
/// never panics on any bytes.
pub(crate) fn read_reply(input: &mut impl BufRead, max_reply: u64) -> Option<Incoming> {
    let line = match read_header(input) {
        Ok(None) => return None,
        Ok(Some(Ok(line))) => line,
        Ok(Some(Err(reason))) => return Some(Incoming::Garbled(reason)),
        Err(_) => return Some(Incoming::Broken),
    };
    let mut reply: Reply = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => return Some(Incoming::Garbled(format!("{e}; read {:?}", preview(&line)))),
    };
    if let Reply::Answer { result } = &mut reply {
        let len = result.len as u64;
        if len > max_reply {
            return Some(Incoming::Garbled(format!(
                "it announced an answer of {len} bytes, more than the limit of {} (max_reply)",
                show_size(max_reply)
            )));
        }
        match read_payload(input, len) {
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => result.data = text,
                Err(_) => return Some(Incoming::Garbled("the answer is not UTF-8".into())),
            },
            Ok(None) | Err(_) => return Some(Incoming::Broken),
        }
    }
    Some(Incoming::Reply(reply))
}

/// The host's handle on a running worker process.
#[derive(Debug)]
pub(crate) struct Worker {
    /// The worker process.
    child: Child,
    /// Its stdin, where requests go.
    stdin: ChildStdin,
    /// Replies read from its stdout by a reader thread.
    replies: Receiver<Incoming>,
}

impl Worker {
    /// Starts `exe args…` with piped stdin/stdout and a thread reading its replies.
    pub(crate) fn spawn(
        exe: &Path,
        args: &[OsString],
        plugin: &str,
        max_reply: u64,
    ) -> Result<Worker, PluginError> {
        let mut command = Command::new(exe);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        // A group of its own, so whatever it starts is killed with it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().map_err(|e| PluginError::LoadFailed {
            plugin: plugin.to_string(),
            reason: format!("cannot start the worker {}: {e}", exe.display()),
        })?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("plugin {plugin} replies"))
            .spawn(move || {
                let mut reader = BufReader::new(stdout);
                while let Some(incoming) = read_reply(&mut reader, max_reply) {
                    let stop = !matches!(incoming, Incoming::Reply(_));
                    if sender.send(incoming).is_err() || stop {
                        break;
                    }
                }
            })
            .map_err(|e| PluginError::LoadFailed {
                plugin: plugin.to_string(),
                reason: format!("cannot start a thread to read the worker: {e}"),
            })?;
        Ok(Worker {
            child,
            stdin,
            replies,
        })
    }

    /// Sends one request and waits up to `timeout` for its reply.
    ///
    /// Any error but a `Failed` reply leaves the worker unusable; the caller drops it.
    pub(crate) fn exchange(
        &mut self,
        request: &Request,
        timeout: Duration,
        plugin: &str,
    ) -> Result<Reply, PluginError> {
        let mut header = serde_json::to_vec(request).expect("requests always serialise");
        header.push(b'\n');
        let body: &[u8] = match request {
            Request::Call { request, .. } => request.as_bytes(),
            Request::Open { .. } => &[],
        };
        if self
            .stdin
            .write_all(&header)
            .and_then(|()| self.stdin.write_all(body))
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Err(self.death(plugin));
        }
        let deadline = Instant::now() + timeout;
        // Wait in short slices and look at the worker between them: a worker that died while
        // something it started still holds its output open has not answered and never will.
        let mut exited = false;
        loop {
            let slice = deadline
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(100));
            match self.replies.recv_timeout(slice) {
                Ok(Incoming::Reply(reply)) => return Ok(reply),
                Ok(Incoming::Garbled(reason)) => {
                    self.kill();
                    return Err(PluginError::Garbled {
                        plugin: plugin.to_string(),
                        reason,
                    });
                }
                Ok(Incoming::Broken) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.death(plugin));
                }
                Err(RecvTimeoutError::Timeout) if exited => return Err(self.death(plugin)),
                Err(RecvTimeoutError::Timeout) if Instant::now() >= deadline => {
                    self.kill();
                    return Err(PluginError::TimedOut {
                        plugin: plugin.to_string(),
                        after: timeout,
                    });
                }
                // One more slice to read a reply written just before the end.
                Err(RecvTimeoutError::Timeout) => exited = self.has_exited(),
            }
        }
    }

    /// Whether the worker process has ended (without reaping it, so its group stays known).
    fn has_exited(&self) -> bool {
        #[cfg(target_os = "linux")]
        {
            // SAFETY: waitid with WNOWAIT only looks at the state of our own child.
            let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
            let rc = unsafe {
                libc::waitid(
                    libc::P_PID,
                    self.child.id(),
                    &mut info,
                    libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
                )
            };
            // SAFETY: waitid filled `info`; si_pid is 0 while the child runs.
            rc == 0 && unsafe { info.si_pid() } != 0
        }
        // Elsewhere a death is seen when the pipe breaks.
        #[cfg(not(target_os = "linux"))]
        false
    }

    /// The error for a worker whose channel broke: how it ended, given a moment to end.
    fn death(&mut self, plugin: &str) -> PluginError {
        let deadline = Instant::now() + Duration::from_secs(2);
        while !self.has_exited() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let cause = if self.has_exited() {
            self.kill_group();
            match self.child.wait() {
                Ok(status) => crash_cause(status),
                Err(_) => CrashCause::ClosedOutput,
            }
        } else {
            self.kill();
            CrashCause::ClosedOutput
        };
        PluginError::Crashed {
            plugin: plugin.to_string(),
            cause,
        }
    }

    /// Kills every process of the worker's group (the worker and anything it started).
    fn kill_group(&self) {
        #[cfg(unix)]
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: the worker is not reaped yet, so its group id is still ours to signal.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
        }
    }

    /// Kills the worker's group and reaps the worker; harmless when it already ended.
    fn kill(&mut self) {
        self.kill_group();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

/// How an exit status reads in a crash report.
fn crash_cause(status: ExitStatus) -> CrashCause {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return CrashCause::Signal(super::error::signal_name(signal));
        }
    }
    CrashCause::Exit(status.code().unwrap_or(-1))
}

/// The start of a line, for messages.
fn preview(text: &str) -> String {
    let text = text.trim_end();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Feeds arbitrary bytes to both decoders of the worker protocol, as the host reads a worker
/// and a worker reads the host; returns how many messages were decoded. Public so the fuzzing
/// benchmark (`bench/src/bin/protocol_fuzz.rs`) can drive it; it must never panic.
#[doc(hidden)]
pub fn fuzz_decoders(bytes: &[u8], max_reply: u64) -> usize {
    let mut decoded = 0;
    let mut input = bytes;
    while let Some(incoming) = read_reply(&mut input, max_reply) {
        decoded += 1;
        if !matches!(incoming, Incoming::Reply(_)) {
            break;
        }
    }
    let mut input = bytes;
    while let Ok(Some(request)) = read_request(&mut input) {
        decoded += 1;
        if request.is_err() {
            break;
        }
    }
    decoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Messages that are almost right: a header naming a length, then some of the bytes.
    fn near_miss() -> impl Strategy<Value = Vec<u8>> {
        (
            prop_oneof![
                Just("answer"),
                Just("opened"),
                Just("failed"),
                Just("call"),
                Just("open")
            ],
            any::<u64>(),
            proptest::collection::vec(any::<u8>(), 0..64),
        )
            .prop_map(|(kind, len, tail)| {
                let mut bytes = format!(
                    "{{\"reply\":\"{kind}\",\"op\":\"{kind}\",\"call\":\"check\",\"status\":0,\"len\":{len},\"manifest\":\"m\"}}\n"
                )
                .into_bytes();
                bytes.extend(tail);
                bytes
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn arbitrary_bytes_never_panic_either_decoder(
            bytes in proptest::collection::vec(any::<u8>(), 0..1024),
            max in 0u64..(1 << 40),
        ) {
            fuzz_decoders(&bytes, max);
        }

        #[test]
        fn announced_lengths_never_panic_or_allocate(bytes in near_miss()) {
            fuzz_decoders(&bytes, 256 << 20);
        }
    }

    #[test]
    fn a_100_gb_announcement_is_refused_before_reading() {
        let bytes = b"{\"reply\":\"answer\",\"status\":0,\"len\":100000000000}\nxyz";
        match read_reply(&mut &bytes[..], 256 << 20) {
            Some(Incoming::Garbled(reason)) => {
                assert!(reason.contains("100000000000 bytes"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_header_line_without_end_is_cut_at_the_limit() {
        let bytes = vec![b'{'; MAX_HEADER + 10];
        match read_reply(&mut &bytes[..], 1 << 20) {
            Some(Incoming::Garbled(reason)) => assert!(reason.contains("longer"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_well_formed_answer_and_call_round_trip() {
        let mut out = Vec::new();
        let reply = Reply::Answer {
            result: RawResult {
                status: 0,
                len: 5,
                data: "hello".into(),
            },
        };
        write_reply(&mut out, &reply).unwrap();
        match read_reply(&mut &out[..], 1 << 20) {
            Some(Incoming::Reply(Reply::Answer { result })) => assert_eq!(result.data, "hello"),
            other => panic!("{other:?}"),
        }
        let bytes = b"{\"op\":\"call\",\"call\":\"parse\",\"len\":2}\n{}";
        match read_request(&mut &bytes[..]) {
            Ok(Some(Ok(Request::Call { request, .. }))) => assert_eq!(request, "{}"),
            other => panic!("{other:?}"),
        }
    }
}
