//! `claims check`: check plugins turn claims into findings. Findings are stored with the exact
//! claim versions they looked at, so a later correction never makes an old finding ambiguous.

use std::collections::{HashMap, HashSet};

use claims_plugin::{CheckRequest, ClaimView, Severity};

use crate::error::{Error, Result};
use crate::model::{ClaimId, Version};
use crate::plugin::LoadedPlugin;
use crate::plugin::registry::source_info;
use crate::storage::{HeadFilter, Reader, RecordedFinding, StoredFinding};
use crate::workspace::{Workspace, now};

/// What a check run found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    /// The plugins that ran.
    pub plugins: Vec<String>,
    /// How many claims they looked at.
    pub checked: usize,
    /// Everything they found.
    pub findings: Vec<StoredFinding>,
    /// How many of them were new: a finding already stored (same plugin, rule, severity,
    /// message and claim versions) is not stored again, so re-running a check on unchanged
    /// claims stores nothing.
    pub stored: usize,
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

/// A stored finding as `claims findings` and `show` present it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FindingView {
    /// What was found and when.
    #[serde(flatten)]
    pub recorded: RecordedFinding,
    /// Whether every claim it names is still at the version the check saw; false once one was
    /// corrected or retracted (the finding may no longer hold).
    pub current: bool,
}

impl Workspace {
    /// Stored findings (see [`crate::storage::Reader::findings`]) of the given plugins, about
    /// the given claims (ids or prefixes), each marked current or not.
    pub fn findings(&self, plugins: &[String], ids: &[String]) -> Result<Vec<FindingView>> {
        let ids = ids
            .iter()
            .map(|id| self.resolve_id(id))
            .collect::<Result<Vec<_>>>()?;
        let found = self.store().findings(plugins, &ids)?;
        let mut heads: HashMap<String, Option<String>> = HashMap::new();
        let mut out = Vec::with_capacity(found.len());
        for recorded in found {
            let mut current = true;
            for (claim, version) in recorded
                .finding
                .claims
                .iter()
                .zip(&recorded.finding.versions)
            {
                if !heads.contains_key(claim) {
                    let tips = match ClaimId::parse(claim) {
                        Some(id) => self.store().tips(&id)?,
                        None => Vec::new(),
                    };
                    let head = match tips.first() {
                        Some(v) if !v.is_retracted() => Some(v.hash.to_hex()),
                        _ => None,
                    };
                    heads.insert(claim.clone(), head);
                }
                current &= heads[claim].as_deref() == Some(version.as_str());
            }
            out.push(FindingView { recorded, current });
        }
        Ok(out)
    }

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
        let names: Vec<String> = plugins.iter().map(|p| p.name().to_string()).collect();
        let stored = self.store_mut().write(|w| {
            let mut known: HashSet<StoredFinding> = w
                .findings(&names, &[])?
                .into_iter()
                .map(|r| r.finding)
                .collect();
            let mut stored = 0;
            for f in &findings {
                if known.insert(f.clone()) {
                    w.insert_finding(&run, f, &at)?;
                    stored += 1;
                }
            }
            Ok(stored)
        })?;
        Ok(CheckReport {
            plugins: names,
            checked,
            findings,
            stored,
        })
    }
}
