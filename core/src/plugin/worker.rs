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
use super::native::{Call, Failure, NativePlugin, RawResult};

/// A message from the host to the worker.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub(crate) enum Request {
    /// Load the library at `library` (after checking its hash when one is pinned).
    Open {
        /// Absolute path of the library.
        library: PathBuf,
        /// Pinned blake3 hash, 64 hex.
        #[serde(default)]
        expected_hash: Option<String>,
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
    let mut channel = match reply_channel() {
        Ok(channel) => channel,
        Err(e) => {
            eprintln!("claims plugin worker: cannot set up its output: {e}");
            return 3;
        }
    };
    let mut plugin: Option<NativePlugin> = None;
    let mut input = std::io::stdin().lock();
    loop {
        let mut line = String::new();
        let request = match input.read_line(&mut line) {
            Ok(0) => return 0,
            Ok(_) => read_request(&line, &mut input),
            Err(e) => {
                eprintln!("claims plugin worker: cannot read a request: {e}");
                return 3;
            }
        };
        let reply = match request {
            Ok(request) => serve(&mut plugin, request),
            Err(reason) => Reply::Failed {
                failure: Failure::Protocol { reason },
            },
        };
        if let Err(e) = write_reply(&mut channel, &reply) {
            eprintln!("claims plugin worker: cannot write a reply: {e}");
            return 3;
        }
    }
}

/// Parses a request header line and reads the payload that follows it.
fn read_request(line: &str, input: &mut impl Read) -> Result<Request, String> {
    let mut request: Request =
        serde_json::from_str(line).map_err(|e| format!("not a worker request: {e}"))?;
    if let Request::Call {
        len, request: body, ..
    } = &mut request
    {
        let mut bytes = vec![0u8; *len];
        input
            .read_exact(&mut bytes)
            .map_err(|e| format!("the request was cut short: {e}"))?;
        *body = String::from_utf8(bytes).map_err(|_| "the request is not UTF-8".to_string())?;
    }
    Ok(request)
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

/// Answers one request.
fn serve(plugin: &mut Option<NativePlugin>, request: Request) -> Reply {
    let outcome = match request {
        Request::Open { .. } if plugin.is_some() => Err(Failure::Protocol {
            reason: "a library is already open".into(),
        }),
        Request::Open {
            library,
            expected_hash,
        } => open(&library, expected_hash.as_deref()).map(|native| {
            let manifest = native.manifest().to_string();
            *plugin = Some(native);
            Reply::Opened { manifest }
        }),
        Request::Call { call, request, .. } => match plugin {
            None => Err(Failure::Protocol {
                reason: "no library is open".into(),
            }),
            Some(native) => native
                .call(call, request.as_bytes())
                .map(|result| Reply::Answer { result }),
        },
    };
    outcome.unwrap_or_else(|failure| Reply::Failed { failure })
}

/// Checks the pinned hash of the file, then loads it.
fn open(library: &Path, expected_hash: Option<&str>) -> Result<NativePlugin, Failure> {
    if !library.is_file() {
        return Err(Failure::NotFound);
    }
    if let Some(expected) = expected_hash {
        let actual = super::hash_file(library).map_err(|e| Failure::Unreadable {
            reason: e.to_string(),
        })?;
        let actual = super::to_hex(&actual);
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(Failure::HashMismatch {
                expected: expected.to_string(),
                actual,
            });
        }
    }
    // SAFETY: running the library's initialisers is what this process exists for.
    unsafe { NativePlugin::load(library) }
}

/// Where replies go: the original stdout, after pointing fd 1 at stderr for the plugin's sake.
#[cfg(unix)]
fn reply_channel() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;

    unsafe extern "C" {
        fn dup2(oldfd: std::ffi::c_int, newfd: std::ffi::c_int) -> std::ffi::c_int;
    }

    std::io::stdout().flush()?;
    let original = std::io::stdout().as_fd().try_clone_to_owned()?;
    // SAFETY: fds 1 and 2 are open; afterwards fd 1 is another name for stderr.
    if unsafe { dup2(2, 1) } < 0 {
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

/// Parses a reply header line and reads the answer bytes that follow it.
fn read_reply(line: &str, input: &mut impl Read) -> Incoming {
    let mut reply: Reply = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => return Incoming::Garbled(format!("{e}; read {:?}", preview(line))),
    };
    if let Reply::Answer { result } = &mut reply {
        let mut bytes = vec![0u8; result.len];
        if input.read_exact(&mut bytes).is_err() {
            return Incoming::Broken;
        }
        match String::from_utf8(bytes) {
            Ok(text) => result.data = text,
            Err(_) => return Incoming::Garbled("the answer is not UTF-8".into()),
        }
    }
    Incoming::Reply(reply)
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
    ) -> Result<Worker, PluginError> {
        let mut child = Command::new(exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| PluginError::LoadFailed {
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
                loop {
                    let mut line = String::new();
                    let incoming = match reader.read_line(&mut line) {
                        Ok(0) => break,
                        Ok(_) => read_reply(&line, &mut reader),
                        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                            Incoming::Garbled(format!("the reply is not UTF-8: {e}"))
                        }
                        Err(_) => Incoming::Broken,
                    };
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
        match self.replies.recv_timeout(timeout) {
            Ok(Incoming::Reply(reply)) => Ok(reply),
            Ok(Incoming::Garbled(reason)) => {
                self.kill();
                Err(PluginError::Garbled {
                    plugin: plugin.to_string(),
                    reason,
                })
            }
            Ok(Incoming::Broken) | Err(RecvTimeoutError::Disconnected) => Err(self.death(plugin)),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Err(PluginError::TimedOut {
                    plugin: plugin.to_string(),
                    after: timeout,
                })
            }
        }
    }

    /// The error for a worker whose channel broke: how it ended, given a moment to end.
    fn death(&mut self, plugin: &str) -> PluginError {
        let deadline = Instant::now() + Duration::from_secs(2);
        let cause = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break crash_cause(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Ok(None) | Err(_) => {
                    self.kill();
                    break CrashCause::ClosedOutput;
                }
            }
        };
        PluginError::Crashed {
            plugin: plugin.to_string(),
            cause,
        }
    }

    /// Kills and reaps the process; harmless when it already ended.
    fn kill(&mut self) {
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
