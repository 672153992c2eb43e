//! The worker's sandbox, applied by the worker to itself after it opened the library and before
//! it loads it: resource limits, then (on Linux) Landlock and a seccomp filter.
//!
//! - rlimits: address space, CPU seconds, open files, and no core files;
//! - Landlock: the worker may read the plugin library and the system's library directories
//!   (what the dynamic loader may need) and `/proc/self`, and write no file at all; it may not
//!   signal processes outside its sandbox;
//! - seccomp: no sockets of any family (the worker speaks over its stdin/stdout pipes only), no
//!   `fork`/`vfork`/`clone` of processes (threads are allowed: `clone` with `CLONE_THREAD`;
//!   `clone3` answers ENOSYS so the C library falls back to `clone`), no `execve`, no `ptrace`,
//!   no `io_uring` (which could open sockets past the filter).
//!
//! What the system cannot do is reported as a gap, which the host shows once, or refuses when
//! the workspace says `sandbox = "required"`.

use std::fs::File;

use super::limits::Limits;

/// What could not be applied, in words for the user; empty when the sandbox is complete.
pub(crate) type Gaps = Vec<String>;

/// Applies every limit this system supports to the current process; the library is `library`.
pub(crate) fn apply(limits: &Limits, library: &File) -> Gaps {
    let mut gaps = Gaps::new();
    #[cfg(unix)]
    rlimits(limits, &mut gaps);
    #[cfg(target_os = "linux")]
    {
        landlock(library, &mut gaps);
        seccomp(&mut gaps);
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = library;
        gaps.push(
            "this system has no plugin sandbox (only Linux has one): plugins run with your rights, within resource limits"
                .into(),
        );
    }
    #[cfg(not(unix))]
    let _ = limits;
    gaps
}

/// Sets the resource limits; any that fails is a gap.
#[cfg(unix)]
fn rlimits(limits: &Limits, gaps: &mut Gaps) {
    let set = |resource, value: u64, what: &str, gaps: &mut Gaps| {
        let limit = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and changes only this process.
        if unsafe { libc::setrlimit(resource, &limit) } != 0 {
            let e = std::io::Error::last_os_error();
            gaps.push(format!("the {what} limit could not be set: {e}"));
        }
    };
    set(libc::RLIMIT_AS, limits.memory, "memory", gaps);
    set(libc::RLIMIT_CPU, limits.cpu_secs, "CPU time", gaps);
    set(libc::RLIMIT_NOFILE, limits.open_files, "open files", gaps);
    set(libc::RLIMIT_CORE, 0, "core file", gaps);
}

/// Read-only access to the library and to what the loader needs; no writes anywhere.
#[cfg(target_os = "linux")]
fn landlock(library: &File, gaps: &mut Gaps) {
    use landlock::{
        ABI, Access, AccessFs, PathBeneath, PathFd, Ruleset, RulesetAttr, RulesetCreatedAttr,
        RulesetStatus, Scope,
    };
    const TARGET: ABI = ABI::V6;
    let file_read = AccessFs::ReadFile | AccessFs::Execute;
    let dir_read = file_read | AccessFs::ReadDir;
    let system = [
        "/lib",
        "/lib64",
        "/usr/lib",
        "/usr/lib64",
        "/usr/local/lib",
        "/etc/ld.so.cache",
        "/proc/self",
    ];
    let result = (|| -> Result<RulesetStatus, landlock::RulesetError> {
        let mut ruleset = Ruleset::default()
            .handle_access(AccessFs::from_all(TARGET))?
            .scope(Scope::from_all(TARGET))?
            .create()?
            .add_rule(PathBeneath::new(library, file_read))?;
        for path in system {
            let Ok(fd) = PathFd::new(path) else { continue };
            let is_dir = std::fs::metadata(path).is_ok_and(|m| m.is_dir());
            let access = if is_dir { dir_read } else { file_read };
            ruleset = ruleset.add_rule(PathBeneath::new(fd, access))?;
        }
        Ok(ruleset.restrict_self()?.ruleset)
    })();
    match result {
        Ok(RulesetStatus::FullyEnforced) => {}
        Ok(RulesetStatus::PartiallyEnforced) => gaps.push(
            "this kernel's Landlock is older than claims asks for: file access is only partly restricted"
                .into(),
        ),
        Ok(RulesetStatus::NotEnforced) => gaps.push(
            "this kernel has no Landlock: plugins can read and write your files".into(),
        ),
        Err(e) => gaps.push(format!("Landlock could not be applied: {e}")),
    }
}

/// The syscalls a plugin is refused (EPERM), and `clone3` (ENOSYS, so threads fall back).
#[cfg(target_os = "linux")]
fn seccomp(gaps: &mut Gaps) {
    use seccompiler::{
        BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
        SeccompRule, TargetArch,
    };
    use std::collections::BTreeMap;

    let arch = match TargetArch::try_from(std::env::consts::ARCH) {
        Ok(arch) => arch,
        Err(_) => {
            gaps.push(format!(
                "no seccomp filter for {}: plugins can open sockets and start programs",
                std::env::consts::ARCH
            ));
            return;
        }
    };
    let build = || -> Result<(BpfProgram, BpfProgram), seccompiler::Error> {
        let mut denied: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
        for call in [
            libc::SYS_socket,
            libc::SYS_socketpair,
            libc::SYS_execve,
            libc::SYS_execveat,
            libc::SYS_ptrace,
            libc::SYS_io_uring_setup,
            #[cfg(target_arch = "x86_64")]
            libc::SYS_fork,
            #[cfg(target_arch = "x86_64")]
            libc::SYS_vfork,
        ] {
            denied.insert(call, Vec::new());
        }
        // clone without CLONE_THREAD makes a process; with it, a thread.
        let thread = libc::CLONE_THREAD as u64;
        denied.insert(
            libc::SYS_clone,
            vec![SeccompRule::new(vec![SeccompCondition::new(
                0,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(thread),
                0,
            )?])?],
        );
        let deny = SeccompFilter::new(
            denied,
            SeccompAction::Allow,
            SeccompAction::Errno(libc::EPERM as u32),
            arch,
        )?
        .try_into()?;
        let clone3 = SeccompFilter::new(
            BTreeMap::from([(libc::SYS_clone3, Vec::new())]),
            SeccompAction::Allow,
            SeccompAction::Errno(libc::ENOSYS as u32),
            arch,
        )?
        .try_into()?;
        Ok((deny, clone3))
    };
    let result = build().and_then(|(deny, clone3)| {
        seccompiler::apply_filter(&deny)?;
        seccompiler::apply_filter(&clone3)
    });
    if let Err(e) = result {
        gaps.push(format!(
            "the seccomp filter could not be installed ({e}): plugins can open sockets and start programs"
        ));
    }
}
