//! The worker process that runs a plugin away from the host, and the host's side of the talk.
//!
//! The host spawns its own executable with a hidden subcommand whose handler calls
//! [`worker_main`]. They speak one JSON message per line: the host writes requests on the worker's
//! stdin, the worker writes one reply per request on its stdout. The first request opens the
//! library; every later one is a call. When the host closes stdin the worker exits with status 0.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
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
    /// Pass `request` (JSON text) to the plugin's `call` entry point.
    Call {
        /// Which entry point.
        call: Call,
        /// The request JSON.
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
    for line in std::io::stdin().lock().lines() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("claims plugin worker: cannot read a request: {e}");
                return 3;
            }
        };
        let reply = serve(&mut plugin, &line);
        let mut bytes = serde_json::to_vec(&reply).expect("replies always serialise");
        bytes.push(b'\n');
        if let Err(e) = channel.write_all(&bytes).and_then(|()| channel.flush()) {
            eprintln!("claims plugin worker: cannot write a reply: {e}");
            return 3;
        }
    }
    0
}

/// Answers one request line.
fn serve(plugin: &mut Option<NativePlugin>, line: &str) -> Reply {
    let request = match serde_json::from_str::<Request>(line) {
        Ok(request) => request,
        Err(e) => {
            return Reply::Failed {
                failure: Failure::Protocol {
                    reason: format!("not a worker request: {e}"),
                },
            };
        }
    };
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
        Request::Call { call, request } => match plugin {
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

/// The host's handle on a running worker process.
#[derive(Debug)]
pub(crate) struct Worker {
    /// The worker process.
    child: Child,
    /// Its stdin, where requests go.
    stdin: ChildStdin,
    /// Lines read from its stdout by a reader thread.
    replies: Receiver<std::io::Result<String>>,
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
                    match reader.read_line(&mut line) {
                        Ok(0) => break,
                        Ok(_) => {
                            if sender.send(Ok(line)).is_err() {
                                break;
                            }
                        }
                        Err(e) => {
                            let _ = sender.send(Err(e));
                            break;
                        }
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
        let mut line = serde_json::to_vec(request).expect("requests always serialise");
        line.push(b'\n');
        if self
            .stdin
            .write_all(&line)
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Err(self.death(plugin));
        }
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(text)) => serde_json::from_str::<Reply>(&text).map_err(|e| {
                self.kill();
                PluginError::Garbled {
                    plugin: plugin.to_string(),
                    reason: format!("{e}; read {:?}", preview(&text)),
                }
            }),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                self.kill();
                Err(PluginError::Garbled {
                    plugin: plugin.to_string(),
                    reason: format!("the reply is not UTF-8: {e}"),
                })
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.death(plugin)),
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
