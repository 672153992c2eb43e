//! `claims check`: check plugins turn claims into findings. Findings are stored with the exact
//! claim versions they looked at, so a later correction never makes an old finding ambiguous.

use std::collections::HashMap;

use claims_plugin::{CheckRequest, ClaimView, Severity};

use crate::error::{Error, Result};
use crate::model::Version;
use crate::plugin::LoadedPlugin;
use crate::plugin::registry::source_info;
use crate::storage::{HeadFilter, StoredFinding};
use crate::workspace::{Workspace, now};

/// What a check run found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    /// The plugins that ran.
    pub plugins: Vec<String>,
    /// How many claims they looked at.
    pub checked: usize,
    /// Everything they found, as stored.
    pub findings: Vec<StoredFinding>,
}

/// The head version of a claim as a check sees it (consumes it: a million claims are not
/// held twice).
pub fn claim_view(v: Version) -> ClaimView {
    let f = v.fields;
    ClaimView {
        id: v.claim.to_string(),
        version: v.hash.to_hex(),
        origin: f.origin,
        via: f.via,
        text: f.text,
        about: f.about,
        stance: f.stance.map(|s| s.to_string()),
        value: f.value,
        quote: f.quote,
        said_on: f.said_on,
        reported_on: f.reported_on,
        url: f.url,
        lang: f.lang,
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

impl Workspace {
    /// Runs check plugins over the given claims (ids or prefixes; all standing claims when
    /// empty) and stores their findings in one transaction.
    pub fn run_checks(&mut self, plugins: &[LoadedPlugin], ids: &[String]) -> Result<CheckReport> {
        let heads: Vec<Version> = if ids.is_empty() {
            self.list(&HeadFilter::default())?
        } else {
            let mut v = Vec::new();
            for id in ids {
                let (head, _) = self.show(id)?;
                if head.is_retracted() {
                    return Err(Error::invalid(format!(
                        "claim {} is retracted: nothing to check",
                        head.claim
                    )));
                }
                v.push(head);
            }
            v
        };
        let checked = heads.len();
        let request = CheckRequest {
            claims: heads.into_iter().map(claim_view).collect(),
            sources: self.config().sources.values().map(source_info).collect(),
        };
        let version_of: HashMap<&str, &str> = request
            .claims
            .iter()
            .map(|c| (c.id.as_str(), c.version.as_str()))
            .collect();
        let mut findings = Vec::new();
        for p in plugins {
            for f in p.check(&request)? {
                let mut versions = Vec::with_capacity(f.claims.len());
                for id in &f.claims {
                    let v = version_of.get(id.as_str()).ok_or_else(|| {
                        Error::invalid(format!("plugin `{}` returned a finding about claim `{id}`, which it was not given", p.name()))
                    })?;
                    versions.push(v.to_string());
                }
                findings.push(StoredFinding {
                    plugin: p.name().to_string(),
                    rule: f.rule,
                    severity: severity_word(f.severity).to_string(),
                    claims: f.claims,
                    versions,
                    message: f.message,
                });
            }
        }
        let at = now();
        let run = format!("{at}/{}", std::process::id());
        self.store_mut().write(|w| {
            findings
                .iter()
                .try_for_each(|f| w.insert_finding(&run, f, &at))
        })?;
        Ok(CheckReport {
            plugins: plugins.iter().map(|p| p.name().to_string()).collect(),
            checked,
            findings,
        })
    }
}
