//! `claims init`

use std::path::PathBuf;
use std::process::ExitCode;

/// Creates a workspace, saying what (if anything) it created.
pub fn run(dir: Option<PathBuf>, json: bool) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let out = claims_core::workspace::init(&dir)?;
    if json {
        crate::render::json(&serde_json::json!({
            "root": out.root.display().to_string(),
            "wrote_config": out.wrote_config,
            "created_data_dir": out.created_data_dir,
        }))?;
    } else if !out.wrote_config && !out.created_data_dir {
        outln!(
            "Workspace {} already exists; nothing changed",
            out.root.display()
        );
    } else {
        outln!("Initialised workspace in {}", out.root.display());
        if out.wrote_config {
            outln!(
                "  wrote workspace.toml (declare your sources there, or with `claims source add`)"
            );
        }
        if out.created_data_dir {
            outln!("  created .claims/ (the database; git-ignored)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
