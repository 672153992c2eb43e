//! `claims export`

use claims_core::Workspace;
use claims_core::interchange::{self, csv, jsonl};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::args::{ExportArgs, ExportFormat};

/// Writes the claims the filters select (or, as ClaimReview, every verdict), to a file
/// (complete or not at all) or stdout.
pub fn run(ws: Workspace, a: ExportArgs) -> anyhow::Result<ExitCode> {
    if a.excel && a.format != ExportFormat::Csv {
        anyhow::bail!("--excel applies to --format csv only");
    }
    if a.feed && a.format != ExportFormat::Claimreview {
        anyhow::bail!("--feed applies to --format claimreview only");
    }
    let filter = a.filter.to_filter();
    if a.format == ExportFormat::Claimreview && filter != Default::default() {
        anyhow::bail!(
            "--format claimreview exports every verdict; the claim filters apply to jsonl and csv"
        );
    }
    let write = |out: &mut dyn Write, dest: &Path| match a.format {
        ExportFormat::Jsonl => jsonl::write(&ws, &filter, out, dest),
        ExportFormat::Csv => csv::write(&ws, &filter, out, dest, a.excel),
        ExportFormat::Claimreview => ws.export_claimreview(out, a.feed),
    };
    match &a.output {
        Some(path) => {
            interchange::write_file(path, |out| write(out, path))?;
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out, Path::new("<stdout>"))?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
