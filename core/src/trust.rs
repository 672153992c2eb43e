//! `claims trust` and `claims trust --eval`: each source's reliability and each proposition's
//! most credible value by truth discovery (the methods in [`crate::scoring::truth`]), over each
//! source's latest standing positions (the rule in [`crate::positions`]).
//!
//! One path for every caller: [`TruthInput`] collects positions (from a workspace, or string
//! claims from a file for the benchmark), [`TruthData::run`] runs a method and
//! [`TruthData::report`] gives the one [`TrustReport`], the `claims trust --json` shape. The
//! benchmark (`bench/src/bin/truth_bench.rs`) therefore measures the code users run.

use std::collections::HashMap;
use std::time::Instant;

use crate::error::Result;
use crate::model::{Rating, Stance, Verdict};
use crate::normalize::{ValueKey, value_key};
use crate::positions::LatestPosition;
use crate::propositions::PropositionKind;
use crate::scoring::truth::{self, Dataset, DatasetBuilder, Method, Params, TruthResult};
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

/// Positions as truth discovery reads them, with the names behind its ids; value ids are given
/// in first-seen order, so ties go to the value first written, and a value is shown as first
/// written.
#[derive(Debug, Default)]
pub struct TruthInput {
    sources: Vec<String>,
    source_ids: HashMap<String, u32>,
    abouts: Vec<String>,
    about_ids: HashMap<String, u32>,
    kinds: Vec<PropositionKind>,
    /// Per proposition: its values' display strings, indexed by value id.
    values: Vec<Vec<String>>,
    /// Per proposition: its values' keys, indexed by value id.
    keys: Vec<Vec<ValueKey>>,
    value_ids: Vec<HashMap<ValueKey, u32>>,
    builder: DatasetBuilder,
}

impl TruthInput {
    /// An empty input, for callers that add claims as strings (the benchmark).
    pub fn new() -> TruthInput {
        TruthInput::default()
    }

    /// An input over names already given dense ids (a workspace's latest positions).
    fn with_names(
        sources: Vec<String>,
        abouts: Vec<String>,
        kinds: Vec<PropositionKind>,
        claims: usize,
    ) -> TruthInput {
        let mut input = TruthInput {
            builder: DatasetBuilder::with_capacity(claims),
            ..TruthInput::default()
        };
        input.builder.reserve_sources(sources.len() as u32);
        input.sources = sources;
        for (about, kind) in abouts.into_iter().zip(kinds) {
            input.push_proposition(about, kind);
        }
        input
    }

    fn push_proposition(&mut self, about: String, kind: PropositionKind) -> u32 {
        let (values, keys): (Vec<String>, Vec<ValueKey>) = match kind {
            PropositionKind::Statement => (
                vec!["true".into(), "false".into()],
                vec![value_key("true"), value_key("false")],
            ),
            PropositionKind::Value => (Vec::new(), Vec::new()),
        };
        self.abouts.push(about);
        self.kinds.push(kind);
        self.values.push(values);
        self.keys.push(keys);
        self.value_ids.push(HashMap::new());
        (self.abouts.len() - 1) as u32
    }

    /// Registers a source by name (even one without claims), returning its id.
    pub fn add_source(&mut self, source: &str) -> u32 {
        if let Some(&i) = self.source_ids.get(source) {
            return i;
        }
        self.sources.push(source.to_string());
        let id = (self.sources.len() - 1) as u32;
        self.source_ids.insert(source.to_string(), id);
        self.builder.reserve_sources(id + 1);
        id
    }

    /// Adds a claim that `source` gives `value` for the value proposition `about`.
    pub fn add_value_claim(&mut self, source: &str, about: &str, value: &str) {
        let s = self.add_source(source);
        let o = match self.about_ids.get(about) {
            Some(&o) => o,
            None => {
                let o = self.push_proposition(about.to_string(), PropositionKind::Value);
                self.about_ids.insert(about.to_string(), o);
                o
            }
        };
        self.add_position(s, o, None, Some(value));
    }

    /// Adds source `s`'s position on proposition `o`: for a statement its stance (neutral
    /// asserts nothing either way and is left out), for a value proposition its value.
    fn add_position(&mut self, s: u32, o: u32, stance: Option<Stance>, value: Option<&str>) {
        let oi = o as usize;
        let v = match self.kinds[oi] {
            PropositionKind::Statement => match stance {
                Some(Stance::Supports) => 0,
                Some(Stance::Refutes) => 1,
                _ => return,
            },
            PropositionKind::Value => {
                let Some(value) = value else { return };
                let key = value_key(value);
                match self.value_ids[oi].get(&key) {
                    Some(id) => *id,
                    None => {
                        let id = self.values[oi].len() as u32;
                        self.value_ids[oi].insert(key.clone(), id);
                        self.values[oi].push(value.to_string());
                        self.keys[oi].push(key);
                        id
                    }
                }
            }
        };
        self.builder.add_claim(s, o, v);
    }

    /// The dataset, ready to run methods on.
    pub fn build(self) -> Result<TruthData> {
        Ok(TruthData {
            dataset: self.builder.build()?,
            sources: self.sources,
            abouts: self.abouts,
            kinds: self.kinds,
            values: self.values,
            keys: self.keys,
        })
    }
}

/// A truth-discovery dataset with the names behind its ids: what `trust`, `trust --eval` and the
/// benchmark run methods on.
#[derive(Debug)]
pub struct TruthData {
    dataset: Dataset,
    sources: Vec<String>,
    abouts: Vec<String>,
    kinds: Vec<PropositionKind>,
    values: Vec<Vec<String>>,
    keys: Vec<Vec<ValueKey>>,
}

impl TruthData {
    /// The numeric dataset (for counts, rankings and implications).
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Source names, by source id.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Proposition keys, by proposition id.
    pub fn propositions(&self) -> &[String] {
        &self.abouts
    }

    /// The id of a proposition, by key (a linear search: for a few look-ups).
    pub fn proposition_id(&self, about: &str) -> Option<u32> {
        self.abouts
            .iter()
            .position(|a| a == about)
            .map(|o| o as u32)
    }

    /// Value `value` of proposition `object`, as first written.
    pub fn value(&self, object: u32, value: u32) -> &str {
        &self.values[object as usize][value as usize]
    }

    /// The id of the value of proposition `object` that matches `value` (by value key).
    pub fn value_id(&self, object: u32, value: &str) -> Option<u32> {
        let k = value_key(value);
        self.keys[object as usize]
            .iter()
            .position(|x| *x == k)
            .map(|i| i as u32)
    }

    /// Runs a method, timing the algorithm alone (not loading).
    pub fn run(&self, method: Method, params: &Params<'_>) -> Result<(TruthResult, f64)> {
        let start = Instant::now();
        let result = truth::run(method, &self.dataset, params)?;
        Ok((result, start.elapsed().as_secs_f64()))
    }

    /// The `claims trust` report of a run: sources that made a scored claim, most trusted
    /// first; propositions with values, in key order, values best first.
    pub fn report(&self, result: &TruthResult, seconds: f64) -> TrustReport {
        let ds = &self.dataset;
        let mut src: Vec<SourceTrust> = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, source)| SourceTrust {
                source: source.clone(),
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
        let mut props: Vec<PropositionTrust> = self
            .abouts
            .iter()
            .enumerate()
            .filter(|(o, _)| !ds.values_of(*o as u32).is_empty())
            .map(|(o, about)| PropositionTrust {
                values: result
                    .ranked(ds, o as u32)
                    .map(|(v, confidence)| ValueConfidence {
                        value: self.values[o][v as usize].clone(),
                        confidence,
                    })
                    .collect(),
                about: about.clone(),
            })
            .collect();
        props.sort_by(|a, b| a.about.cmp(&b.about));
        TrustReport {
            method: result.method.name(),
            seconds,
            iterations: result.iterations,
            converged: result.converged,
            sources: src,
            propositions: props,
        }
    }
}

impl Workspace {
    /// The latest positions as truth-discovery input.
    fn truth_data(&self) -> Result<TruthData> {
        let latest = self.latest_positions()?;
        let mut input = TruthInput::with_names(
            latest.sources,
            latest.abouts,
            latest.kinds,
            latest.rows.len(),
        );
        for LatestPosition {
            source,
            about,
            stance,
            value,
        } in latest.rows
        {
            input.add_position(source, about, stance, value.as_deref());
        }
        input.build()
    }

    /// Estimates each source's reliability and each proposition's values by truth discovery.
    pub fn trust(&self, method: Method) -> Result<TrustReport> {
        let data = self.truth_data()?;
        let priors = self.priors(data.sources(), method);
        let params = Params {
            prior_trust: priors.as_deref(),
            ..Params::default()
        };
        let (result, seconds) = data.run(method, &params)?;
        Ok(data.report(&result, seconds))
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
        let data = self.truth_data()?;
        let latest: HashMap<String, Verdict> = self
            .store()
            .verdicts(None)?
            .into_iter()
            .map(|v| (v.about.clone(), v))
            .collect();
        let ds = data.dataset();
        // Per object, the expected value id (only objects a verdict settles).
        let mut expected: Vec<(u32, u32)> = Vec::new();
        for (o, about) in data.abouts.iter().enumerate() {
            let Some(v) = latest.get(about) else { continue };
            // Which ratings settle a statement: Rating::settles (docs/ratings.md).
            let want = match (data.kinds[o], v.rating, &v.value) {
                (PropositionKind::Statement, r, _) => r.settles().map(|t| if t { 0 } else { 1 }),
                // A true value no source claimed: every method is wrong on it.
                (PropositionKind::Value, Rating::True, Some(val)) => {
                    Some(data.value_id(o as u32, val).unwrap_or(u32::MAX))
                }
                _ => None,
            };
            if let Some(w) = want {
                expected.push((o as u32, w));
            }
        }
        let mut out = Vec::new();
        for method in Method::ALL {
            let priors = self.priors(data.sources(), method);
            let params = Params {
                prior_trust: priors.as_deref(),
                ..Params::default()
            };
            let (r, _) = data.run(method, &params)?;
            let (mut judged, mut correct) = (0, 0);
            for &(o, want) in &expected {
                if ds.values_of(o).is_empty() {
                    continue;
                }
                judged += 1;
                if r.best(ds, o).is_some_and(|(v, _)| v == want) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_value_count_together_and_show_as_first_written() {
        let mut input = TruthInput::new();
        input.add_source("idle");
        input.add_value_claim("a", "deaths", "36");
        input.add_value_claim("b", "deaths", "٣٦");
        input.add_value_claim("c", "deaths", "36");
        input.add_value_claim("d", "deaths", "40");
        input.add_value_claim("a", "date", "31 July 2023");
        let data = input.build().unwrap();
        assert_eq!(data.dataset().source_count(), 5);
        assert_eq!(data.dataset().value_count(), 3);
        let deaths = data.proposition_id("deaths").unwrap();
        assert_eq!(data.value_id(deaths, "٣٦"), Some(0));
        let (r, seconds) = data.run(Method::Majority, &Params::default()).unwrap();
        let report = data.report(&r, seconds);
        assert_eq!(report.method, "majority");
        // Sources with no scored claim are left out; propositions come in key order.
        assert!(report.sources.iter().all(|s| s.source != "idle"));
        assert_eq!(report.propositions[0].about, "date");
        let deaths = &report.propositions[1];
        assert_eq!(deaths.values[0].value, "36");
        assert!((deaths.values[0].confidence - 0.75).abs() < 1e-12);
        assert_eq!(deaths.values[1].value, "40");
    }
}
