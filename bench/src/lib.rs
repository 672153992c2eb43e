//! Shared helpers of the benchmarks: synthetic data in our own words, the release binary, and
//! measuring a child process's time and peak memory.

pub mod fuzz;

/// A small seedable xorshift generator (13/7/17), so benchmark data and fuzz cases are the same
/// on every run and a failure replays by its seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits (the seed must not be 0).
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.bits() % n.max(1)
    }

    /// An index into something of length `n`.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True with probability `p` (in millionths).
    pub fn chance(&mut self, p: f64) -> bool {
        (self.bits() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The release `claims` binary next to this benchmark (build it with `cargo build --release`).
pub fn claims_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().expect("target dir");
    let bin = dir.join("claims");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first",
        bin.display()
    );
    bin
}

/// `claims --workspace WS`, the start of every benchmarked command line.
pub fn claims_at(ws: &Path) -> Command {
    let mut cmd = Command::new(claims_bin());
    cmd.arg("--workspace").arg(ws);
    cmd
}

/// workspace.toml's declaration of the shipped basic-checks plugin built beside the release
/// binary, with a timeout long enough for a benchmark-sized check.
pub fn basic_checks_toml() -> String {
    let lib_dir = claims_bin().parent().expect("target dir").to_path_buf();
    format!(
        "[plugins.basic-checks]\npath = \"{}\"\ntimeout = 600\n",
        lib_dir.join("libbasic_checks.so").display()
    )
}

/// What one run of a child process cost.
pub struct Run {
    /// Wall time.
    pub elapsed: Duration,
    /// Peak resident set of the child, in MB.
    pub peak_rss_mb: f64,
    /// Its standard output.
    pub stdout: String,
    /// Its CPU time (user and system): steadier than wall time on a machine shared with other
    /// work, for comparing variants of a single-threaded command.
    pub cpu: Duration,
}

/// Runs a command to completion, failing loudly if it fails, and measures its wall time and
/// its own peak resident set (from `wait4`, so earlier children do not count).
pub fn measure(cmd: &mut Command) -> Run {
    measure_with(cmd, true)
}

/// [`measure`] with the child's standard output sent to /dev/null, as `cmd > /dev/null` would:
/// for commands that print hundreds of megabytes the benchmark has no use for.
pub fn measure_discarding_stdout(cmd: &mut Command) -> Run {
    measure_with(cmd, false)
}

#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std cannot see
fn measure_with(cmd: &mut Command, keep_stdout: bool) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    let start = Instant::now();
    let mut child = cmd
        .stdout(if keep_stdout {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let out = child.stdout.take();
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        match out {
            Some(mut out) => out.read_to_end(&mut s).map(|_| s),
            None => Ok(s),
        }
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).map(|_| s)
    });
    let (status, rss_kb, cpu) = wait_with_rusage(child.id() as libc::pid_t);
    let elapsed = start.elapsed();
    let stdout = out_t.join().unwrap().unwrap();
    let stderr = err_t.join().unwrap().unwrap();
    assert!(
        status == 0,
        "{cmd:?} failed ({status}): {}",
        String::from_utf8_lossy(&stderr)
    );
    Run {
        elapsed,
        peak_rss_mb: rss_kb as f64 / 1024.0,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        cpu,
    }
}

/// Reaps a child and returns its exit status, peak RSS in KiB and CPU time.
fn wait_with_rusage(pid: libc::pid_t) -> (i32, i64, Duration) {
    // SAFETY: wait4 writes only into the two locals; the pid is our own unreaped child.
    unsafe {
        let mut status = 0;
        let mut ru: libc::rusage = std::mem::zeroed();
        let r = libc::wait4(pid, &mut status, 0, &mut ru);
        assert_eq!(r, pid, "wait4 failed");
        let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
        (status, ru.ru_maxrss, tv(ru.ru_utime) + tv(ru.ru_stime))
    }
}

/// Arabic words (our own vocabulary) to build claim texts from.
pub const WORDS: &[&str] = &[
    "الزعيم",
    "الكوري",
    "الشمالي",
    "يعتزم",
    "زيارة",
    "روسيا",
    "للقاء",
    "الرئيس",
    "في",
    "فلاديفوستوك",
    "بقطار",
    "مصفح",
    "وفق",
    "مصادر",
    "أمريكية",
    "الأسلحة",
    "الذخيرة",
    "المحادثات",
    "تتقدم",
    "بسرعة",
    "مناورات",
    "بحرية",
    "مشتركة",
    "مع",
    "الصين",
    "الطائرة",
    "هبطت",
    "مطار",
    "بيونغ",
    "يانغ",
];

/// A deterministic claim text of about `bytes` bytes of Arabic, unique per `i`.
pub fn arabic_text(i: u64, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 32);
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while s.len() < bytes.saturating_sub(12) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
    }
    // The claim number in Arabic-Indic digits keeps every text distinct.
    s.push(' ');
    for c in i.to_string().chars() {
        s.push(char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap());
    }
    s
}

/// Creates a fresh workspace in `dir` declaring `n_sources` sources `s0..`.
pub fn make_workspace(dir: &Path, n_sources: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut toml = String::new();
    for s in 0..n_sources {
        toml.push_str(&format!(
            "[sources.s{s}]\nname = \"Source {s}\"\nkind = \"outlet\"\n\n"
        ));
    }
    std::fs::write(dir.join("workspace.toml"), toml).unwrap();
}

/// Formats a duration in seconds with three decimals.
pub fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}
