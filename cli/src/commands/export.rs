//! `claims export`

use claims_core::Workspace;
use claims_core::interchange::{self, csv, jsonl};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::args::{ExportArgs, ExportFormat};

/// Writes the claims the filters select, to a file (complete or not at all) or stdout.
pub fn run(ws: Workspace, a: ExportArgs) -> anyhow::Result<ExitCode> {
    if a.excel && a.format != ExportFormat::Csv {
        anyhow::bail!("--excel applies to --format csv only");
    }
    let filter = a.filter.to_filter();
    let write = |out: &mut dyn Write, dest: &Path| match a.format {
        ExportFormat::Jsonl => jsonl::write(&ws, &filter, out, dest),
        ExportFormat::Csv => csv::write(&ws, &filter, out, dest, a.excel),
    };
    match &a.output {
        Some(path) => {
            interchange::write_file(path, |out| write(out, path))?;
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out, Path::new("<stdout>"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
