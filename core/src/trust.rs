//! `claims trust` and `claims trust --eval`: each source's reliability and each proposition's
//! most credible value by truth discovery (the methods in [`crate::scoring::truth`]), over each
//! source's latest standing positions (the rule in [`crate::positions`]).

use std::collections::HashMap;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::model::{Rating, Stance, Verdict};
use crate::normalize::{ValueKey, value_key};
use crate::positions::LatestPosition;
use crate::propositions::PropositionKind;
use crate::scoring::truth::{self, DatasetBuilder, Method, Params};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// The method `trust` and `compare --weighted` use unless told otherwise.
pub const DEFAULT_METHOD: Method = Method::Investment;

/// A value and how much the method believes it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ValueConfidence {
    /// The value: `true`/`false` for statements, else the value as first written.
    pub value: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

/// A proposition's values, best first.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PropositionTrust {
    /// The proposition's key.
    pub about: String,
    /// Its values, best first.
    pub values: Vec<ValueConfidence>,
}

/// A source's estimated reliability.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceTrust {
    /// The source key.
    pub source: String,
    /// Reliability in [0, 1].
    pub trust: f64,
    /// Claims it made that the method scored.
    pub claims: u32,
}

/// What `trust` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrustReport {
    /// The method's name.
    pub method: &'static str,
    /// Seconds the algorithm itself took (not loading).
    pub seconds: f64,
    /// Iterations run.
    pub iterations: u32,
    /// Whether it converged before its iteration cap.
    pub converged: bool,
    /// Sources, most trusted first.
    pub sources: Vec<SourceTrust>,
    /// Propositions in key order, values best first.
    pub propositions: Vec<PropositionTrust>,
}

/// One method's accuracy against recorded verdicts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MethodScore {
    /// The method's name.
    pub method: &'static str,
    /// Propositions with a usable verdict that the method ranked.
    pub judged: u32,
    /// Of those, how many it got right.
    pub correct: u32,
    /// correct / judged (None when nothing could be judged).
    pub accuracy: Option<f64>,
}

/// The truth-discovery input built from storage, with the names to map results back.
struct TruthInput {
    sources: Vec<String>,
    abouts: Vec<String>,
    /// Per object: its values' display strings, indexed by the value id given to the builder.
    values: Vec<Vec<String>>,
    /// Per object: value keys, for matching verdict values.
    keys: Vec<Vec<ValueKey>>,
    /// Per object: its kind.
    kinds: Vec<PropositionKind>,
    builder: DatasetBuilder,
}

impl Workspace {
    fn truth_input(&self) -> Result<TruthInput> {
        let latest = self.latest_positions()?;
        let rows = latest.rows;
        let mut input = TruthInput {
            sources: latest.sources,
            abouts: latest.abouts,
            values: Vec::new(),
            keys: Vec::new(),
            kinds: latest.kinds,
            builder: DatasetBuilder::new(),
        };
        let mut value_ids: Vec<HashMap<ValueKey, u32>> = Vec::new();
        for &kind in &input.kinds {
            value_ids.push(HashMap::new());
            match kind {
                PropositionKind::Statement => {
                    input.values.push(vec!["true".into(), "false".into()]);
                    input.keys.push(vec![value_key("true"), value_key("false")]);
                }
                PropositionKind::Value => {
                    input.values.push(Vec::new());
                    input.keys.push(Vec::new());
                }
            }
        }
        input.builder = DatasetBuilder::with_capacity(rows.len());
        input.builder.reserve_sources(input.sources.len() as u32);
        for LatestPosition {
            source: s,
            about: o,
            stance,
            value,
        } in rows
        {
            let oi = o as usize;
            let v = match input.kinds[oi] {
                PropositionKind::Statement => match stance {
                    Some(Stance::Supports) => 0,
                    Some(Stance::Refutes) => 1,
                    _ => continue, // neutral claims assert nothing either way
                },
                PropositionKind::Value => {
                    let Some(value) = value else { continue };
                    let key = value_key(&value);
                    let ids = &mut value_ids[oi];
                    match ids.get(&key) {
                        Some(id) => *id,
                        None => {
                            let id = input.values[oi].len() as u32;
                            ids.insert(key.clone(), id);
                            input.values[oi].push(value);
                            input.keys[oi].push(key);
                            id
                        }
                    }
                }
            };
            input.builder.add_claim(s, o, v);
        }
        Ok(input)
    }

    /// Estimates each source's reliability and each proposition's values by truth discovery.
    pub fn trust(&self, method: Method) -> Result<TrustReport> {
        let input = self.truth_input()?;
        let TruthInput {
            sources,
            abouts,
            values,
            builder,
            ..
        } = input;
        let ds = builder.build().map_err(|e| Error::invalid(e.to_string()))?;
        let priors = self.priors(&sources, method);
        let params = Params {
            prior_trust: priors.as_deref(),
            ..Params::default()
        };
        let start = Instant::now();
        let result = truth::run(method, &ds, &params).map_err(|e| Error::invalid(e.to_string()))?;
        let seconds = start.elapsed().as_secs_f64();
        let mut src: Vec<SourceTrust> = sources
            .into_iter()
            .enumerate()
            .map(|(i, source)| SourceTrust {
                source,
                trust: result.trust[i],
                claims: ds.claims_of(i as u32),
            })
            .filter(|s| s.claims > 0) // only neutral claims: nothing to judge the source on
            .collect();
        src.sort_by(|a, b| {
            b.trust
                .total_cmp(&a.trust)
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut props: Vec<PropositionTrust> = abouts
            .into_iter()
            .enumerate()
            .filter(|(o, _)| !ds.values_of(*o as u32).is_empty())
            .map(|(o, about)| PropositionTrust {
                values: result
                    .ranked(&ds, o as u32)
                    .map(|(v, confidence)| ValueConfidence {
                        value: values[o][v as usize].clone(),
                        confidence,
                    })
                    .collect(),
                about,
            })
            .collect();
        props.sort_by(|a, b| a.about.cmp(&b.about));
        Ok(TrustReport {
            method: method.name(),
            seconds,
            iterations: result.iterations,
            converged: result.converged,
            sources: src,
            propositions: props,
        })
    }

    /// The `trust_prior` of each source, in dataset order, when any source has one; sources
    /// without one start where the method starts everyone.
    fn priors(&self, sources: &[String], method: Method) -> Option<Vec<f64>> {
        let config = self.config();
        let declared: Vec<Option<f64>> = sources
            .iter()
            .map(|s| config.sources.get(s).and_then(|s| s.trust_prior))
            .collect();
        if declared.iter().all(Option::is_none) {
            return None;
        }
        let default = if method == Method::TruthFinder {
            Params::default().truthfinder_initial_trust
        } else {
            1.0
        };
        Some(declared.into_iter().map(|p| p.unwrap_or(default)).collect())
    }

    /// Each method's accuracy against the latest verdicts (true/false statements; values ruled
    /// true).
    pub fn evaluate(&self) -> Result<Vec<MethodScore>> {
        let input = self.truth_input()?;
        let latest: HashMap<String, Verdict> = self
            .store()
            .verdicts(None)?
            .into_iter()
            .map(|v| (v.about.clone(), v))
            .collect();
        let ds = input
            .builder
            .build()
            .map_err(|e| Error::invalid(e.to_string()))?;
        // Per object, the expected value id (only objects a verdict settles).
        let mut expected: Vec<(u32, Option<u32>)> = Vec::new();
        for (o, about) in input.abouts.iter().enumerate() {
            let Some(v) = latest.get(about) else { continue };
            let want = match (input.kinds[o], v.rating, &v.value) {
                (PropositionKind::Statement, Rating::True, _) => Some(0),
                (PropositionKind::Statement, Rating::False, _) => Some(1),
                (PropositionKind::Value, Rating::True, Some(val)) => {
                    let k = value_key(val);
                    // A true value no source claimed: every method is wrong on it.
                    Some(
                        input.keys[o]
                            .iter()
                            .position(|x| *x == k)
                            .map_or(u32::MAX, |i| i as u32),
                    )
                }
                _ => None,
            };
            if let Some(w) = want {
                expected.push((o as u32, Some(w)));
            }
        }
        let mut out = Vec::new();
        for method in Method::ALL {
            let priors = self.priors(&input.sources, method);
            let params = Params {
                prior_trust: priors.as_deref(),
                ..Params::default()
            };
            let r = truth::run(method, &ds, &params).map_err(|e| Error::invalid(e.to_string()))?;
            let (mut judged, mut correct) = (0, 0);
            for &(o, want) in &expected {
                let Some(want) = want else { continue };
                if ds.values_of(o).is_empty() {
                    continue;
                }
                judged += 1;
                if r.best(&ds, o).is_some_and(|(v, _)| v == want) {
                    correct += 1;
                }
            }
            out.push(MethodScore {
                method: method.name(),
                judged,
                correct,
                accuracy: (judged > 0).then(|| f64::from(correct) / f64::from(judged)),
            });
        }
        Ok(out)
    }
}
