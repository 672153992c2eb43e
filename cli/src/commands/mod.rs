//! One module per command; `run` opens the workspace and dispatches.

mod about;
mod agree;
mod bundle;
mod check;
mod claim;
mod compare;
mod diff;
mod export;
mod fsck;
mod head;
mod identity;
mod import;
mod ingest;
mod init;
mod plugin;
mod report;
mod search;
mod source;
mod trust;
mod verdict;

use anyhow::Context;
use claims_core::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{Cli, Command};

/// Finds and opens the workspace: `--workspace`/`CLAIMS_WORKSPACE` if given, else the nearest
/// directory upward holding workspace.toml.
pub fn open_workspace(flag: &Option<PathBuf>) -> anyhow::Result<Workspace> {
    Ok(Workspace::open(&find_root(flag)?)?)
}

/// [`open_workspace`] for commands that only read: nothing in the workspace is written, so
/// they work on a read-only copy.
pub fn open_read_only(flag: &Option<PathBuf>) -> anyhow::Result<Workspace> {
    Ok(Workspace::open_read_only(&find_root(flag)?)?)
}

/// The workspace root the flag names, or the nearest one upward.
pub(crate) fn find_root(flag: &Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let root = match flag {
        Some(p) => {
            let p = if p
                .file_name()
                .is_some_and(|n| n == claims_core::workspace::CONFIG_FILE)
            {
                p.parent().map(PathBuf::from).unwrap_or_default()
            } else {
                p.clone()
            };
            let p = if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p
            };
            if !p.join(claims_core::workspace::CONFIG_FILE).is_file() {
                return Err(claims_core::Error::NoWorkspace(p).into());
            }
            p
        }
        None => {
            let cwd = std::env::current_dir().context("cannot read the current directory")?;
            claims_core::workspace::discover(&cwd)?
        }
    };
    Ok(root)
}

/// The plugin host: workers are this very executable, run as `claims __plugin-worker`.
pub fn plugin_host() -> anyhow::Result<(claims_core::plugin::PluginHost, PathBuf)> {
    let exe = std::env::current_exe().context("cannot find the claims executable")?;
    let dir = exe.parent().map(PathBuf::from).unwrap_or_default();
    Ok((claims_core::plugin::PluginHost::new(exe), dir))
}

/// Opens a plugin by name (refused unless allowed here or shipped with claims), and says once
/// per run, on stderr, what of the worker sandbox this system lacks.
pub fn open_plugin(
    ws: &mut Workspace,
    name: &str,
) -> anyhow::Result<claims_core::plugin::LoadedPlugin> {
    static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let (host, dir) = plugin_host()?;
    let plugin = ws.open_plugin(&host, name, &dir)?;
    if !plugin.sandbox_gaps().is_empty() && !WARNED.swap(true, std::sync::atomic::Ordering::Relaxed)
    {
        crate::render::warning_line(&format!(
            "plugins run with a partial sandbox here: {} (`sandbox = \"required\"` in [plugins] refuses instead)",
            plugin.sandbox_gaps().join("; ")
        ));
    }
    Ok(plugin)
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ws = || open_workspace(&cli.workspace);
    let read = || open_read_only(&cli.workspace);
    match cli.command {
        Command::Init { dir, json } => init::run(dir.or(cli.workspace), json.json),
        Command::Source(cmd @ crate::args::SourceCommand::List { .. }) => source::run(read()?, cmd),
        Command::Source(cmd) => source::run(ws()?, cmd),
        Command::Add(a) => claim::add(ws()?, a),
        Command::Edit(a) => claim::edit(ws()?, a),
        Command::Retract { id, note, json } => claim::retract(ws()?, &id, &note, json.json),
        Command::Show { id, json } => claim::show(read()?, &id, json.json),
        Command::List(a) => claim::list(read()?, a),
        Command::Search(a) => search::run(read()?, a),
        Command::Log { id, json } => claim::log(read()?, &id, json.json),
        Command::Diff { id, from, to, json } => {
            diff::run(read()?, &id, from.as_deref(), to.as_deref(), json.json)
        }
        Command::Import(a) => import::run(ws()?, a),
        Command::Export(a) => export::run(read()?, a),
        Command::Fsck { full, head, json } => fsck::run(read()?, full, head.as_deref(), json.json),
        Command::Head {
            proof,
            record,
            json,
        } => head::run(read()?, proof, record, json.json),
        Command::Bundle(cmd @ crate::args::BundleCommand::Create { .. }) => {
            bundle::run(read()?, cmd)
        }
        Command::Bundle(cmd) => bundle::run(ws()?, cmd),
        Command::Identity(cmd) => identity::identity(cmd),
        Command::Config(cmd) => identity::config(cmd),
        Command::About(cmd) if cmd.only_reads() => about::run(read()?, cmd),
        Command::About(cmd) => about::run(ws()?, cmd),
        Command::Compare {
            key,
            weighted,
            method,
            json,
        } => compare::run(read()?, &key, weighted.then_some(method), json.json),
        Command::Agree {
            min_shared,
            matrix,
            limit,
            json,
        } => agree::run(read()?, min_shared, matrix, limit, json.json),
        Command::Trust {
            method,
            eval,
            limit,
            json,
        } => trust::run(read()?, method, eval, limit, json.json),
        Command::Verdict {
            key,
            rating,
            value,
            note,
            by,
            label,
            url,
            reviewed_on,
            json,
        } => {
            let attribution = claims_core::model::Attribution {
                by,
                label,
                url,
                reviewed_on,
            };
            let ruling = (rating, value.as_deref(), note.as_str(), attribution);
            verdict::run(ws()?, &key, ruling, json.json)
        }
        Command::Plugin(crate::args::PluginCommand::New { name, dir, json }) => {
            plugin::new(&name, dir, json.json)
        }
        Command::Plugin(cmd) => plugin::run(ws()?, cmd),
        Command::Ingest {
            files,
            parser,
            dry_run,
            create_sources,
            about,
            json,
        } => {
            let opts = claims_core::ingest::IngestOptions {
                dry_run,
                create_sources,
                about,
            };
            ingest::run(ws()?, &files, &parser, opts, json.json)
        }
        Command::Check { plugin, ids, json } => check::run(ws()?, &plugin, &ids, json.json),
        Command::Findings { plugin, ids, json } => {
            check::findings(read()?, &plugin, &ids, json.json)
        }
        Command::Man { dir } => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match dir {
                Some(dir) => clap_mangen::generate_to(cmd, &dir)
                    .with_context(|| format!("cannot write manual pages to {}", dir.display()))?,
                None => {
                    let mut page = Vec::new();
                    clap_mangen::Man::new(cmd).render(&mut page)?;
                    std::io::Write::write_all(&mut std::io::stdout().lock(), &page)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(a) => report::run(read()?, a),
        Command::Completions { shell } => {
            // Written into memory first, so a closed pipe (`claims completions bash | head`) is
            // an ordinary error, not a crash.
            let mut script = Vec::new();
            crate::complete::write_registration(shell, &mut script)?;
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
