//! `claims`: record what news sources claim, keep every version, and compare sources.
//!
//! This binary is a thin layer over `claims-core`: it parses arguments, opens the workspace and
//! prints results. Each subcommand lives in its own module under `commands/`.

/// `println!` that returns an error instead of panicking (a closed pipe is not a crash), and
/// strips colour when stdout is not a terminal.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!($crate::render::stdout(), $($arg)*)?;
    }};
}

mod args;
mod commands;
mod complete;
mod render;
mod table;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The plugin worker must own stdout from the first byte, before any argument handling. It is
    // no clap subcommand at all, so help and completions cannot offer it.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == claims_core::plugin::WORKER_SUBCOMMAND)
    {
        std::process::exit(claims_core::plugin::worker_main());
    }
    complete::answer_if_asked();
    if std::env::var_os("CLAIMS_WORKSPACE").is_some_and(|v| v.is_empty()) {
        // SAFETY: no other thread exists yet. An empty variable means "not set", not "".
        unsafe { std::env::remove_var("CLAIMS_WORKSPACE") };
    }
    // Past `ulimit -f`, a write should fail with EFBIG and be reported as a full disk (nothing
    // recorded), not kill the process with SIGXFSZ halfway through a command.
    #[cfg(unix)]
    // SAFETY: setting a signal to "ignore" installs no handler code; no other thread exists yet.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    claims_core::lock::on_wait(|lock| {
        eprintln!(
            "waiting for another claims process to finish writing ({})…",
            lock.display()
        )
    });
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => match args::library_error(&err) {
            Some(message) => {
                render::error_line(&anyhow::anyhow!(message));
                return ExitCode::FAILURE;
            }
            None => err.exit(),
        },
    };
    match commands::run(cli) {
        Ok(code) => code,
        // A reader that stopped reading (`claims list | head`) is not an error.
        Err(err) if render::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            render::error_line(&err);
            ExitCode::FAILURE
        }
    }
}
