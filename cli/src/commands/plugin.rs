//! `claims plugin add | list | verify | allow | deny | new`

use claims_core::Workspace;
use claims_core::plugin::registry::PluginState;
use std::path::PathBuf;
use std::process::ExitCode;

use super::plugin_host;
use crate::args::PluginCommand;
use crate::render::{self, Fit};

/// `claims plugin new`: like `cargo new`, it needs no workspace.
pub fn new(name: &str, dir: Option<PathBuf>, json: bool) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| PathBuf::from(name));
    let files = claims_core::plugin::scaffold(name, &dir)?;
    if json {
        render::json(&serde_json::json!({
            "name": name,
            "dir": dir.display().to_string(),
            "files": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Created plugin crate {name} in {} ({} files, with its own copy of the plugin SDK).",
        dir.display(),
        files.len()
    );
    outln!(
        "Build it with `cargo build --release --manifest-path {}/Cargo.toml`, then `claims plugin add` the library.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Dispatches the plugin subcommands.
pub fn run(mut ws: Workspace, cmd: PluginCommand) -> anyhow::Result<ExitCode> {
    let (host, exe_dir) = plugin_host()?;
    match cmd {
        PluginCommand::Add { path, json } => {
            let (m, hash) = ws.add_plugin(&host, &path)?;
            let kinds: Vec<String> = m
                .kinds
                .iter()
                .map(|k| format!("{k:?}").to_lowercase())
                .collect();
            if json.json {
                render::json(&serde_json::json!({
                    "name": m.name,
                    "version": m.version,
                    "kinds": kinds,
                    "path": path.display().to_string(),
                    "hash": hash,
                }))?;
                return Ok(ExitCode::SUCCESS);
            }
            outln!(
                "Allowed plugin {} {} ({}) from {} in this workspace: {}",
                m.name,
                m.version,
                kinds.join(", "),
                path.display(),
                &hash[..12]
            );
        }
        PluginCommand::List { json } => {
            let list = ws.plugin_statuses(&exe_dir)?;
            if json.json {
                render::json(&list)?;
            } else if list.is_empty() {
                outln!(
                    "No plugins yet: declare one in workspace.toml ([plugins.NAME] path = ...) or `claims plugin add PATH`."
                );
            } else {
                let mut t = render::table(&[
                    ("NAME", Fit::Whole),
                    ("STATE", Fit::Whole),
                    ("PINNED", Fit::Whole),
                    ("PATH", Fit::Prose),
                ]);
                for p in &list {
                    t.add_row(vec![
                        p.name.clone(),
                        p.state.to_string(),
                        p.pinned
                            .as_deref()
                            .map_or(String::new(), |h| h[..12].to_string()),
                        p.path
                            .as_ref()
                            .map_or("(not found)".into(), |p| p.display().to_string()),
                    ]);
                }
                outln!("{t}");
            }
        }
        PluginCommand::Verify { json } => {
            let list = ws.plugin_statuses(&exe_dir)?;
            let bad: Vec<_> = list
                .iter()
                .filter(|p| matches!(p.state, PluginState::Changed | PluginState::Missing))
                .collect();
            if json.json {
                render::json(&list)?;
            } else {
                for p in &list {
                    outln!("{:<24} {}", p.name, p.state);
                }
            }
            if !bad.is_empty() {
                let names: Vec<String> = bad
                    .iter()
                    .map(|p| format!("{} ({})", p.name, p.state))
                    .collect();
                anyhow::bail!(
                    "{} plugin(s) do not match their pin: {}; `claims plugin allow NAME` accepts a rebuilt library",
                    bad.len(),
                    names.join(", ")
                );
            }
        }
        PluginCommand::Allow { name, json } => {
            let allowed = ws.allow_plugin(&name, &exe_dir)?;
            if json.json {
                render::json(&serde_json::json!({
                    "name": name,
                    "path": allowed.path.display().to_string(),
                    "hash": allowed.hash,
                    "in_process": allowed.in_process,
                }))?;
                return Ok(ExitCode::SUCCESS);
            }
            outln!(
                "Allowed plugin {name} in this workspace: {} ({})",
                allowed.path.display(),
                &allowed.hash[..12]
            );
            if allowed.in_process {
                outln!(
                    "workspace.toml runs it in-process (isolation = \"none\"): it will run unsandboxed, with your rights."
                );
            }
        }
        PluginCommand::Deny { name, json } => {
            let denied = ws.deny_plugin(&name)?;
            if json.json {
                render::json(&serde_json::json!({ "name": name, "was_allowed": denied }))?;
            } else if denied {
                outln!("Plugin {name} is no longer allowed in this workspace.");
            } else {
                outln!("Plugin {name} was not allowed in this workspace.");
            }
        }
        PluginCommand::New { name, dir, json } => return new(&name, dir, json.json),
    }
    Ok(ExitCode::SUCCESS)
}
