//! `claims compare`: the independent voices on one proposition, the position each takes (by the
//! rule in [`crate::positions`]) and their agreement score (computed in
//! [`crate::scoring::voices`]).

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{Stance, Verdict, Version};
use crate::positions::{Taken, ignored_part, takes_position};
use crate::propositions::{Proposition, PropositionKind};
use crate::scoring::truth::Method;
use crate::scoring::voices::{self, ValueVoice, Voice, VoiceGroups};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// One claim as it counts in a comparison.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VoiceClaim {
    /// The claim's id.
    pub id: String,
    /// Who made it.
    pub origin: String,
    /// Through whom it reached us, innermost first.
    pub via: Vec<String>,
    /// Its stance (statements).
    pub stance: Option<Stance>,
    /// Its value (value propositions).
    pub value: Option<String>,
    /// When it was said.
    pub said_on: Option<String>,
    /// When it was reported.
    pub reported_on: Option<String>,
}

/// One independent voice: origins that count as one (the same origin, or sources joined by
/// `depends_on`), with the position that counts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VoiceReport {
    /// The origins in this voice that made claims, sorted.
    pub sources: Vec<String>,
    /// Its stance, for statements: that of its latest claim.
    pub stance: Option<Stance>,
    /// Its value, for value propositions: that of its latest claim.
    pub value: Option<String>,
    /// Its weight (1, or its trust with `--weighted`).
    pub weight: f64,
    /// Every standing claim of this voice about the proposition.
    pub claims: Vec<VoiceClaim>,
}

/// Support for one distinct value of a value proposition.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ValueSupport {
    /// The value as first written.
    pub value: String,
    /// Independent voices giving it.
    pub voices: usize,
    /// Their summed weight.
    pub weight: f64,
    /// Share of all weight.
    pub share: f64,
    /// Share shrunk by the prior (docs/scoring.md).
    pub score: f64,
}

/// What `compare` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Comparison {
    /// The proposition.
    pub proposition: Proposition,
    /// Independent voices.
    pub voices: Vec<VoiceReport>,
    /// Statement agreement score in [-1, 1] (statements only).
    pub score: Option<f64>,
    /// Supported values, best first (value propositions only).
    pub values: Vec<ValueSupport>,
    /// The latest verdict, if any.
    pub verdict: Option<Verdict>,
    /// The trust method that weighted the voices, if any.
    pub weighted_by: Option<&'static str>,
    /// Claims that give what this kind of proposition does not count (a value on a statement, a
    /// stance on a value proposition): listed as inconsistencies rather than silently dropped.
    pub inconsistent: Vec<Inconsistency>,
}

/// A claim whose stance or value its proposition's kind ignores.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Inconsistency {
    /// The claim's id.
    pub id: String,
    /// Its origin.
    pub origin: String,
    /// `value` or `stance`: the part that is not counted.
    pub ignored: &'static str,
}

impl Workspace {
    /// Independent voices on a proposition and their agreement score, weighted by a trust
    /// method's source weights when one is given: `claims compare`.
    pub fn compare(&self, about: &str, weighted: Option<Method>) -> Result<Comparison> {
        let (proposition, heads) = self.proposition_with_claims(about)?;
        let config = self.config();
        let groups = VoiceGroups::new(
            config.sources.keys().map(String::as_str),
            config.sources.values().flat_map(|s| {
                s.depends_on
                    .iter()
                    .map(move |d| (s.key.as_str(), d.as_str()))
            }),
        );
        let trust: Option<HashMap<String, f64>> = match weighted {
            Some(m) => Some(
                self.trust(m)?
                    .sources
                    .into_iter()
                    .map(|s| (s.source, s.trust))
                    .collect(),
            ),
            None => None,
        };
        let relevant = |v: &Version| {
            takes_position(
                proposition.kind,
                v.fields.stance.is_some(),
                v.fields.value.is_some(),
            )
        };
        // Voices in order of first appearance; a source outside every group is its own voice.
        let mut order: Vec<String> = Vec::new();
        let mut members: HashMap<String, Vec<&Version>> = HashMap::new();
        for v in heads.iter().filter(|v| relevant(v)) {
            let group = groups.group_of(&v.fields.origin).map_or_else(
                || format!("origin:{}", v.fields.origin),
                |g| format!("group:{g}"),
            );
            if !members.contains_key(&group) {
                order.push(group.clone());
            }
            members.entry(group).or_default().push(v);
        }
        // A voice's position is that of its latest claim, by the one rule in `positions`.
        let rowids = self.store().head_rowids(about)?;
        let taken = |v: &Version| {
            let f = &v.fields;
            let when = f.said_on.as_deref().or(f.reported_on.as_deref());
            let rowid = rowids.get(v.claim.as_str()).copied().unwrap_or_default();
            Taken::new(when.unwrap_or(&v.recorded_at), &v.recorded_at, rowid)
        };
        let mut voices = Vec::new();
        for g in order {
            let claims = &members[&g];
            let latest = claims.iter().max_by_key(|v| taken(v)).expect("non-empty");
            let mut sources: Vec<String> = claims.iter().map(|v| v.fields.origin.clone()).collect();
            sources.sort();
            sources.dedup();
            let weight = match &trust {
                Some(t) => sources
                    .iter()
                    .map(|s| t.get(s).copied().unwrap_or(0.0))
                    .fold(0.0, f64::max),
                None => 1.0,
            };
            voices.push(VoiceReport {
                sources,
                stance: latest
                    .fields
                    .stance
                    .filter(|_| proposition.kind == PropositionKind::Statement),
                value: latest
                    .fields
                    .value
                    .clone()
                    .filter(|_| proposition.kind == PropositionKind::Value),
                weight,
                claims: claims
                    .iter()
                    .map(|v| VoiceClaim {
                        id: v.claim.to_string(),
                        origin: v.fields.origin.clone(),
                        via: v.fields.via.clone(),
                        stance: v.fields.stance,
                        value: v.fields.value.clone(),
                        said_on: v.fields.said_on.clone(),
                        reported_on: v.fields.reported_on.clone(),
                    })
                    .collect(),
            });
        }
        let (score, values) = match proposition.kind {
            PropositionKind::Statement => {
                let vs: Vec<Voice> = voices
                    .iter()
                    .filter_map(|v| {
                        v.stance.map(|s| Voice {
                            stance: s.into(),
                            weight: v.weight,
                        })
                    })
                    .collect();
                (Some(voices::statement_score(&vs)), Vec::new())
            }
            PropositionKind::Value => {
                let vs: Vec<ValueVoice<'_>> = voices
                    .iter()
                    .filter_map(|v| {
                        v.value.as_deref().map(|value| ValueVoice {
                            value,
                            weight: v.weight,
                        })
                    })
                    .collect();
                let shares = voices::value_shares(&vs)
                    .into_iter()
                    .map(|s| ValueSupport {
                        value: s.representative,
                        voices: s.voices,
                        weight: s.weight,
                        share: s.share,
                        score: s.score,
                    })
                    .collect();
                (None, shares)
            }
        };
        let inconsistent = heads
            .iter()
            .filter_map(|v| {
                let f = &v.fields;
                let ignored =
                    ignored_part(proposition.kind, f.stance.is_some(), f.value.is_some())?;
                Some(Inconsistency {
                    id: v.claim.to_string(),
                    origin: f.origin.clone(),
                    ignored,
                })
            })
            .collect();
        let verdict = self.verdicts(about)?.pop();
        Ok(Comparison {
            inconsistent,
            proposition,
            voices,
            score,
            values,
            verdict,
            weighted_by: weighted.map(Method::name),
        })
    }
}
