//! Shell completion: the shell asks the `claims` binary itself (`COMPLETE=bash claims ...`), so
//! completions know what a static script cannot: the source keys and aliases of the workspace
//! the user is standing in. `claims completions SHELL` prints the few lines that register it.

use clap_complete::CompletionCandidate;
use clap_complete::env::{EnvCompleter, Shells};
use std::io::Write;

/// The variable the shell sets when it asks for completions.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when the shell made one; returns otherwise.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(<crate::args::Cli as clap::CommandFactory>::command)
        .var(VAR)
        .complete();
}

/// Writes the registration script for `shell`: it hands completion back to this binary.
pub fn write_registration(shell: clap_complete::Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer: &dyn EnvCompleter = shells
        .completer(&name)
        .ok_or_else(|| std::io::Error::other(format!("no completion support for {name}")))?;
    completer.write_registration(VAR, "claims", "claims", "claims", out)
}

/// The keys and aliases of the sources declared in the workspace around the current directory
/// (`CLAIMS_WORKSPACE` first), each with the source's name as help; nothing outside a workspace.
pub fn source_keys() -> Vec<CompletionCandidate> {
    // The shell passes no parsed flags: the environment's workspace, else the one upward.
    let flag = std::env::var_os("CLAIMS_WORKSPACE")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    let Ok(root) = crate::commands::find_root(&flag) else {
        return Vec::new();
    };
    let path = root.join(claims_core::workspace::CONFIG_FILE);
    let Ok(config) = claims_core::config::Config::load(&path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in config.sources.values() {
        out.push(CompletionCandidate::new(&s.key).help(Some(s.name.clone().into())));
        for alias in &s.aliases {
            out.push(
                CompletionCandidate::new(alias)
                    .help(Some(format!("{} ({})", s.name, s.key).into())),
            );
        }
    }
    out
}
