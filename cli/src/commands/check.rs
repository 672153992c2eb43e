//! `claims check`

use claims_core::Workspace;
use claims_plugin::PluginKind;
use std::process::ExitCode;

use super::open_plugin;
use crate::render;

/// Runs check plugins and prints what they found.
pub fn run(
    mut ws: Workspace,
    names: &[String],
    ids: &[String],
    json: bool,
) -> anyhow::Result<ExitCode> {
    let names: Vec<String> = if names.is_empty() {
        ws.plugin_names()?
    } else {
        names.to_vec()
    };
    let mut plugins = Vec::new();
    for name in &names {
        let p = open_plugin(&mut ws, name)?;
        if p.manifest().kinds.contains(&PluginKind::Check) {
            plugins.push(p);
        } else if names.len() == 1 {
            anyhow::bail!(
                "plugin `{name}` is not a check (its manifest says {:?})",
                p.manifest().kinds
            );
        }
    }
    if plugins.is_empty() {
        anyhow::bail!(
            "no check plugin: declare one in workspace.toml ([plugins.NAME] path = ...) or `claims plugin add PATH`"
        );
    }
    let report = ws.run_checks(&plugins, ids)?;
    if json {
        render::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    for f in &report.findings {
        let mut lines = f.message.lines();
        let first = lines.next().unwrap_or("");
        let ids: Vec<&str> = f.claims.iter().map(|c| &c[..12.min(c.len())]).collect();
        outln!("{:<7} {} [{}] {first}", f.severity, f.rule, ids.join(" "));
        for l in lines {
            outln!("        {l}");
        }
    }
    outln!(
        "{} finding{} from {} over {} claims (stored with the versions they saw)",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        report.plugins.join(", "),
        report.checked
    );
    Ok(ExitCode::SUCCESS)
}
