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

/// The workspace the shell is completing in: `CLAIMS_WORKSPACE`, else the one upward (the
/// shell passes no parsed flags).
fn workspace_root() -> Option<std::path::PathBuf> {
    let flag = std::env::var_os("CLAIMS_WORKSPACE")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    crate::commands::find_root(&flag).ok()
}

/// The propositions of the workspace around the current directory (declared, or named by its
/// claims), each with its words as help; nothing outside a workspace. Read-only: completing
/// never creates or migrates anything.
pub fn proposition_keys() -> Vec<CompletionCandidate> {
    let Some(root) = workspace_root() else {
        return Vec::new();
    };
    let Ok(props) = claims_core::Workspace::open_read_only(&root).and_then(|ws| ws.propositions())
    else {
        return Vec::new();
    };
    props
        .into_iter()
        .map(|p| CompletionCandidate::new(p.key).help(p.text.map(Into::into)))
        .collect()
}

/// The keys and aliases of the sources declared in the workspace around the current directory
/// (`CLAIMS_WORKSPACE` first), each with the source's name as help; nothing outside a workspace.
pub fn source_keys() -> Vec<CompletionCandidate> {
    let Some(root) = workspace_root() else {
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
