//! Shared helpers of the benchmarks: synthetic data in our own words, the release binary, and
//! measuring a child process's time and peak memory.

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

/// What one run of a child process cost.
pub struct Run {
    /// Wall time.
    pub elapsed: Duration,
    /// Peak resident set of the child, in MB.
    pub peak_rss_mb: f64,
    /// Its standard output.
    pub stdout: String,
}

/// Runs a command to completion, failing loudly if it fails, and measures it.
pub fn measure(cmd: &mut Command) -> Run {
    let before = children_maxrss_kb();
    let start = Instant::now();
    let out = cmd.output().expect("spawn");
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = children_maxrss_kb();
    // ru_maxrss of children is the max over all waited-for children: only meaningful when this
    // child is the largest so far, which the benchmarks arrange by running the big one first.
    let peak = if after > before { after } else { after.max(0) };
    Run {
        elapsed,
        peak_rss_mb: peak as f64 / 1024.0,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

fn children_maxrss_kb() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru);
        ru.ru_maxrss
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
