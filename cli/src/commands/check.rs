//! `claims check`

use claims_core::Workspace;
use claims_core::storage::StoredFinding;
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
    let progress = render::Progress::spinner("checking claims");
    let report = ws.run_checks(&plugins, ids)?;
    drop(progress);
    if json {
        render::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    for f in &report.findings {
        print_finding(f, "")?;
    }
    outln!(
        "{} finding{} from {} over {} claims; {} new, stored with the versions they saw",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        report.plugins.join(", "),
        report.checked,
        report.stored
    );
    Ok(ExitCode::SUCCESS)
}

/// One finding: severity, rule, the claims (short ids), its first line, then its detail lines.
pub fn print_finding(f: &StoredFinding, mark: &str) -> std::io::Result<()> {
    let mut lines = f.message.lines();
    let first = lines.next().unwrap_or("");
    let ids: Vec<&str> = f.claims.iter().map(|c| &c[..12.min(c.len())]).collect();
    outln!(
        "{:<7} {} [{}] {first}{mark}",
        f.severity,
        f.rule,
        ids.join(" ")
    );
    for l in lines {
        outln!("        {l}");
    }
    Ok(())
}

/// `claims findings`: what checks stored, read back.
pub fn findings(
    ws: Workspace,
    plugins: &[String],
    ids: &[String],
    json: bool,
) -> anyhow::Result<ExitCode> {
    let found = ws.findings(plugins, ids)?;
    if json {
        render::json(&found)?;
        return Ok(ExitCode::SUCCESS);
    }
    for f in &found {
        let mark = if f.current { "" } else { " (older version)" };
        print_finding(&f.recorded.finding, mark)?;
    }
    let older = found.iter().filter(|f| !f.current).count();
    outln!(
        "{} finding{}{}",
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        if older > 0 {
            format!(", {older} about claims corrected or retracted since")
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}
