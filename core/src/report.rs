//! `claims report`: everything the report shows, gathered through the functions the other
//! commands use (`compare`, `agree --matrix`, `trust`, `diff`, `head`), so the page and the
//! terminal can never disagree. Turning it into HTML is the `claims-report` crate's job; nothing
//! here knows about HTML.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::agree::KappaMatrix;
use crate::claims::{FieldChange, diff};
use crate::compare::Comparison;
use crate::error::Result;
use crate::history::HeadReport;
use crate::model::Version;
use crate::scoring::truth::Method;
use crate::storage::{HeadFilter, Reader, StoredFinding};
use crate::trust::{DEFAULT_METHOD, TrustReport};
use crate::workspace::{Workspace, now};

/// How far gathering has got, so a caller on a terminal can show progress (core never draws it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being gathered: `propositions`, `agreement`, `trust`, `claims` or `findings`.
    pub stage: &'static str,
    /// Items of this stage done.
    pub done: u64,
    /// Items of this stage in all.
    pub total: u64,
}

/// A source as the report names it: key and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLabel {
    /// The key claims store.
    pub key: String,
    /// Its display name from workspace.toml.
    pub name: String,
}

/// One claim with every version and what changed from each version to the next.
#[derive(Debug, Clone)]
pub struct ClaimHistory {
    /// Every version, oldest first (the last is the head).
    pub versions: Vec<Version>,
    /// `changes[i]`: what changed from `versions[i]` to `versions[i + 1]` (by `claims diff`'s
    /// rule).
    pub changes: Vec<Vec<FieldChange>>,
}

impl ClaimHistory {
    /// The newest version.
    pub fn head(&self) -> &Version {
        self.versions.last().expect("a claim has a version")
    }
}

/// One edge of the relay graph: `from`'s word reached us through `to` in `claims` standing
/// claims (consecutive links of their chains, origin first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    /// The source relayed.
    pub from: String,
    /// The source relaying it.
    pub to: String,
    /// Standing claims whose chain has this link.
    pub claims: u32,
}

/// A stored check finding with the run that stored it.
#[derive(Debug, Clone)]
pub struct ReportFinding {
    /// Whether the claims it names are still at the versions the check saw.
    pub current: bool,
    /// When it was first stored.
    pub recorded_at: String,
    /// What was found, and about which claim versions.
    pub finding: StoredFinding,
}

/// Everything `claims report` shows.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// When the report was gathered (RFC 3339, UTC).
    pub generated_at: String,
    /// The workspace root.
    pub root: PathBuf,
    /// The log head (`claims head`).
    pub head: HeadReport,
    /// The propositions asked for with `--about` (empty: all).
    pub selected: Vec<String>,
    /// Every declared source, in key order.
    pub sources: Vec<SourceLabel>,
    /// `claims compare` of each proposition shown, in key order.
    pub propositions: Vec<Comparison>,
    /// `claims agree --matrix` over the whole workspace.
    pub agreement: KappaMatrix,
    /// The trust method used.
    pub trust_method: Method,
    /// `claims trust` with that method over the whole workspace.
    pub trust: TrustReport,
    /// Every claim shown (standing and retracted), in the order first recorded.
    pub claims: Vec<ClaimHistory>,
    /// Who relays whom, most claims first.
    pub relays: Vec<Relay>,
    /// Stored check findings (about the claims shown), oldest first.
    pub findings: Vec<ReportFinding>,
}

impl Workspace {
    /// Gathers the report: every proposition (or those in `about`) compared, the agreement
    /// matrix, trust, every claim with its versions and diffs, the relay graph, the stored
    /// findings and the head. `progress` is told how far each stage has got.
    pub fn report_data(
        &self,
        about: &[String],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ReportData> {
        let generated_at = now();
        let head = self.head()?;
        let keys: Vec<String> = if about.is_empty() {
            self.propositions()?.into_iter().map(|p| p.key).collect()
        } else {
            let mut keys = about.to_vec();
            keys.sort();
            keys.dedup();
            keys
        };
        let total = keys.len() as u64;
        let mut propositions = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            propositions.push(self.compare(key, None)?);
            progress(Progress {
                stage: "propositions",
                done: i as u64 + 1,
                total,
            });
        }
        progress(Progress {
            stage: "agreement",
            done: 0,
            total: 1,
        });
        let agreement = self.kappa_matrix(1)?;
        progress(Progress {
            stage: "trust",
            done: 0,
            total: 1,
        });
        let trust = self.trust(DEFAULT_METHOD)?;

        let wanted: Option<HashSet<&str>> =
            (!about.is_empty()).then(|| keys.iter().map(String::as_str).collect());
        let heads: Vec<Version> = self
            .list(&HeadFilter {
                include_retracted: true,
                ..HeadFilter::default()
            })?
            .into_iter()
            .filter(|v| match &wanted {
                None => true,
                Some(w) => v.fields.about.as_deref().is_some_and(|a| w.contains(a)),
            })
            .collect();
        let total = heads.len() as u64;
        let mut claims = Vec::with_capacity(heads.len());
        let mut relays: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (i, h) in heads.iter().enumerate() {
            if !h.is_retracted() {
                let chain: Vec<&str> = std::iter::once(h.fields.origin.as_str())
                    .chain(h.fields.via.iter().map(String::as_str))
                    .collect();
                for link in chain.windows(2).filter(|l| l[0] != l[1]) {
                    *relays
                        .entry((link[0].to_string(), link[1].to_string()))
                        .or_default() += 1;
                }
            }
            let versions = if h.seq == 1 {
                vec![h.clone()]
            } else {
                self.store().versions(&h.claim)?
            };
            let changes = versions
                .windows(2)
                .map(|w| diff::changes(&w[0], &w[1]))
                .collect();
            claims.push(ClaimHistory { versions, changes });
            if i % 256 == 255 || i + 1 == heads.len() {
                progress(Progress {
                    stage: "claims",
                    done: i as u64 + 1,
                    total,
                });
            }
        }
        let mut relays: Vec<Relay> = relays
            .into_iter()
            .map(|((from, to), claims)| Relay { from, to, claims })
            .collect();
        relays.sort_by_key(|r| std::cmp::Reverse(r.claims));

        progress(Progress {
            stage: "findings",
            done: 0,
            total: 1,
        });
        let shown: Option<HashSet<&str>> = wanted
            .is_some()
            .then(|| claims.iter().map(|c| c.head().claim.as_str()).collect());
        let mut findings = Vec::new();
        for f in self.findings(&[], &[])? {
            let finding = f.recorded.finding;
            if let Some(s) = &shown
                && !finding.claims.iter().any(|c| s.contains(c.as_str()))
            {
                continue;
            }
            findings.push(ReportFinding {
                recorded_at: f.recorded.recorded_at,
                current: f.current,
                finding,
            });
        }
        Ok(ReportData {
            generated_at,
            root: self.root().to_path_buf(),
            head,
            selected: if about.is_empty() { Vec::new() } else { keys },
            sources: self
                .config()
                .sources
                .values()
                .map(|s| SourceLabel {
                    key: s.key.clone(),
                    name: s.name.clone(),
                })
                .collect(),
            propositions,
            agreement,
            trust_method: DEFAULT_METHOD,
            trust,
            claims,
            relays,
            findings,
        })
    }
}
