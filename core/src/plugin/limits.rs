//! The resource limits of a plugin worker and the values `workspace.toml` may set them to.
//!
//! Every limit has a default that a real plugin never meets and a bound that keeps a workspace
//! from asking for something absurd (`timeout = inf` is refused here, not a panic later).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::limits::show_size;

/// How long a plugin may take to load or to answer one request before its worker is killed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest `timeout` accepted: one day.
pub const MAX_TIMEOUT_SECS: f64 = 86_400.0;
/// Address space of a worker: 2 GiB.
pub const DEFAULT_MEMORY: u64 = 2 << 30;
/// Bounds of `memory`: 64 MiB (below that the worker itself cannot start) to 1 TiB.
pub const MEMORY_RANGE: (u64, u64) = (64 << 20, 1 << 40);
/// CPU seconds a worker may use over its life (all requests of one command together).
pub const DEFAULT_CPU_SECS: u64 = 3_600;
/// The most `cpu_time` accepted: one week.
pub const MAX_CPU_SECS: f64 = 604_800.0;
/// Open files a worker may hold: its pipes, the library and what the loader needs.
pub const OPEN_FILES: u64 = 64;
/// The largest answer the host reads from a plugin: 256 MiB.
pub const DEFAULT_MAX_REPLY: u64 = 256 << 20;
/// Bounds of `max_reply`: 1 MiB to 4 GiB.
pub const MAX_REPLY_RANGE: (u64, u64) = (1 << 20, 4 << 30);

/// What to do where the kernel cannot sandbox a worker (no Landlock, no seccomp, not Linux).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SandboxMode {
    /// Say so once on stderr and run with what the system has (the default).
    #[default]
    BestEffort,
    /// Refuse to start the plugin (`sandbox = "required"`).
    Required,
}

/// The limits a workspace sets, in `[plugins]` for every plugin or in `[plugins.NAME]` for one;
/// unset values fall back to the other level, then to the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LimitSettings {
    /// `timeout`: seconds per load or request.
    pub timeout_secs: Option<f64>,
    /// `memory`: bytes of address space.
    pub memory: Option<u64>,
    /// `cpu_time`: CPU seconds over the worker's life.
    pub cpu_secs: Option<f64>,
    /// `max_reply`: bytes of one answer.
    pub max_reply: Option<u64>,
    /// `sandbox`: best-effort or required.
    pub sandbox: Option<SandboxMode>,
}

/// The limits one worker runs under, all values resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Bytes of address space (`RLIMIT_AS`).
    pub memory: u64,
    /// CPU seconds (`RLIMIT_CPU`).
    pub cpu_secs: u64,
    /// Open files (`RLIMIT_NOFILE`).
    pub open_files: u64,
    /// Bytes of one answer, checked before anything is allocated for it.
    pub max_reply: u64,
    /// Whether a missing sandbox is a refusal.
    pub sandbox: SandboxMode,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            memory: DEFAULT_MEMORY,
            cpu_secs: DEFAULT_CPU_SECS,
            open_files: OPEN_FILES,
            max_reply: DEFAULT_MAX_REPLY,
            sandbox: SandboxMode::BestEffort,
        }
    }
}

impl LimitSettings {
    /// The plugin's own settings, then the workspace-wide ones, then the defaults; returns the
    /// timeout and the limits.
    pub fn resolve(&self, global: &LimitSettings) -> (Duration, Limits) {
        let d = Limits::default();
        let timeout = self
            .timeout_secs
            .or(global.timeout_secs)
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64);
        let limits = Limits {
            memory: self.memory.or(global.memory).unwrap_or(d.memory),
            cpu_secs: self
                .cpu_secs
                .or(global.cpu_secs)
                .map_or(d.cpu_secs, |s| s.ceil() as u64),
            open_files: d.open_files,
            max_reply: self.max_reply.or(global.max_reply).unwrap_or(d.max_reply),
            sandbox: self.sandbox.or(global.sandbox).unwrap_or(d.sandbox),
        };
        (timeout, limits)
    }
}

/// A number of seconds that must be finite, positive and at most `max`.
pub fn check_seconds(what: &str, value: f64, max: f64) -> Result<f64, String> {
    if value.is_finite() && value > 0.0 && value <= max {
        Ok(value)
    } else {
        Err(format!(
            "{what} must be a positive number of seconds, at most {max}"
        ))
    }
}

/// A size written as bytes (`1048576`) or with a binary unit (`"512M"`, `"2 GiB"`, `"2GB"`:
/// K, M, G and T all mean powers of 1024), within `range`.
pub fn parse_size(what: &str, value: &SizeValue, range: (u64, u64)) -> Result<u64, String> {
    let bad = || {
        format!(
            "{what} must be a size such as \"2G\" or \"512 MiB\" (powers of 1024), between {} and {}",
            show_size(range.0),
            show_size(range.1)
        )
    };
    let bytes = match value {
        SizeValue::Bytes(n) => u64::try_from(*n).map_err(|_| bad())?,
        SizeValue::Text(text) => {
            let text = text.trim();
            let split = text
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len());
            let (digits, unit) = text.split_at(split);
            let n: u64 = digits.parse().map_err(|_| bad())?;
            let shift = match unit.trim().to_ascii_lowercase().as_str() {
                "" | "b" => 0,
                "k" | "kb" | "kib" => 10,
                "m" | "mb" | "mib" => 20,
                "g" | "gb" | "gib" => 30,
                "t" | "tb" | "tib" => 40,
                _ => return Err(bad()),
            };
            n.checked_mul(1u64 << shift).ok_or_else(bad)?
        }
    };
    if (range.0..=range.1).contains(&bytes) {
        Ok(bytes)
    } else {
        Err(bad())
    }
}

/// A size as written in `workspace.toml`: an integer or a string with a unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SizeValue {
    /// Bytes.
    Bytes(i64),
    /// A number and a unit.
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_binary_units_and_bounds() {
        let r = (1 << 20, 4 << 30);
        let t = |s: &str| parse_size("memory", &SizeValue::Text(s.into()), r);
        assert_eq!(t("2G").unwrap(), 2 << 30);
        assert_eq!(t("2 GiB").unwrap(), 2 << 30);
        assert_eq!(t("512mb").unwrap(), 512 << 20);
        assert!(t("0").is_err());
        assert!(t("5G").is_err());
        assert!(t("lots").is_err());
        assert!(t("99999999999999999999T").is_err());
        assert!(parse_size("memory", &SizeValue::Bytes(-1), r).is_err());
        assert_eq!(
            parse_size("memory", &SizeValue::Bytes(1 << 20), r).unwrap(),
            1 << 20
        );
    }

    #[test]
    fn seconds_must_be_finite_and_bounded() {
        for bad in [
            f64::INFINITY,
            f64::NAN,
            0.0,
            -1.0,
            18_446_744_073_709_551_616.0,
        ] {
            assert!(
                check_seconds("timeout", bad, MAX_TIMEOUT_SECS).is_err(),
                "{bad}"
            );
        }
        assert_eq!(check_seconds("timeout", 1.5, MAX_TIMEOUT_SECS), Ok(1.5));
    }

    #[test]
    fn a_plugin_setting_wins_over_the_workspace_one() {
        let global = LimitSettings {
            memory: Some(1 << 30),
            timeout_secs: Some(3.0),
            ..LimitSettings::default()
        };
        let own = LimitSettings {
            memory: Some(4 << 30),
            ..LimitSettings::default()
        };
        let (timeout, limits) = own.resolve(&global);
        assert_eq!(timeout, Duration::from_secs(3));
        assert_eq!(limits.memory, 4 << 30);
        assert_eq!(limits.max_reply, DEFAULT_MAX_REPLY);
        let (timeout, limits) = LimitSettings::default().resolve(&LimitSettings::default());
        assert_eq!((timeout, limits), (DEFAULT_TIMEOUT, Limits::default()));
    }
}
