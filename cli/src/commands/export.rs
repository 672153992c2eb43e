//! `claims export`

use anyhow::Context;
use claims_core::Workspace;
use std::io::Write;
use std::process::ExitCode;

use crate::args::{ExportArgs, ExportFormat};

/// Writes the workspace out, to a file or standard output.
pub fn run(ws: Workspace, a: ExportArgs) -> anyhow::Result<ExitCode> {
    let write = |out: &mut dyn Write| -> anyhow::Result<u64> {
        match a.format {
            ExportFormat::Claimreview => Ok(ws.export_claimreview(out, a.feed)?),
        }
    };
    match &a.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush().context("cannot write to standard output")?;
        }
        Some(path) => {
            let f = std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = std::io::BufWriter::new(f);
            write(&mut out)?;
            out.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
