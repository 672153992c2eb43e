//! `claims`: record what news sources claim, keep every version, and compare sources.
//!
//! This binary is a thin layer over `claims-core`: it parses arguments, opens the workspace and
//! prints results. Each subcommand lives in its own module under `commands/`.

mod args;
mod commands;
mod render;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The plugin worker must own stdout from the first byte, before any argument handling.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == claims_core::plugin::WORKER_SUBCOMMAND)
    {
        std::process::exit(claims_core::plugin::worker_main());
    }
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            render::error_line(&err);
            ExitCode::FAILURE
        }
    }
}
