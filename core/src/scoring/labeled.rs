//! String-keyed front end of [`truth`](super::truth): interns source keys, proposition
//! keys and values (grouped by [`value_key`]) so storage-backed code can feed claims as
//! strings and get back the `claims trust --json` report.

use std::collections::HashMap;

use serde::Serialize;

use super::truth::{Dataset, DatasetBuilder, TruthError, TruthResult};
use crate::normalize::{ValueKey, value_key};

/// One distinct value of a proposition: its comparison key and the spelling to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueLabel {
    /// Key all spellings of this value share.
    pub key: ValueKey,
    /// The most frequent original spelling (ties: the first seen).
    pub display: String,
}

/// Collects string claims for a [`LabeledDataset`].
#[derive(Debug, Default)]
pub struct LabeledDatasetBuilder {
    sources: Vec<String>,
    source_ids: HashMap<String, u32>,
    objects: Vec<String>,
    object_ids: HashMap<String, u32>,
    /// Per (object, key): temporary value index and spelling counts in first-seen order.
    values: HashMap<(u32, ValueKey), usize>,
    spellings: Vec<Vec<(String, u32)>>,
    claims: Vec<(u32, u32, usize)>,
}

impl LabeledDatasetBuilder {
    /// Empty builder.
    pub fn new() -> LabeledDatasetBuilder {
        LabeledDatasetBuilder::default()
    }

    /// Registers a source (even one without claims), returning its id.
    pub fn add_source(&mut self, source: &str) -> u32 {
        intern(&mut self.sources, &mut self.source_ids, source)
    }

    /// Adds a claim: `source` says proposition `about` has `value` (original spelling).
    pub fn add_claim(&mut self, source: &str, about: &str, value: &str) {
        let s = self.add_source(source);
        let o = intern(&mut self.objects, &mut self.object_ids, about);
        let next = self.spellings.len();
        let idx = *self.values.entry((o, value_key(value))).or_insert(next);
        if idx == next {
            self.spellings.push(Vec::new());
        }
        let sp = &mut self.spellings[idx];
        match sp.iter_mut().find(|(t, _)| t == value) {
            Some((_, n)) => *n += 1,
            None => sp.push((value.to_string(), 1)),
        }
        self.claims.push((s, o, idx));
    }

    /// Builds the dataset; value ids follow [`ValueKey`] order within each proposition,
    /// so truth-discovery ties go to the smallest key.
    pub fn build(self) -> Result<LabeledDataset, TruthError> {
        let mut per_object: Vec<Vec<(ValueKey, usize)>> = vec![Vec::new(); self.objects.len()];
        for ((o, key), idx) in self.values {
            per_object[o as usize].push((key, idx));
        }
        let mut local = vec![0u32; self.spellings.len()];
        let mut labels: Vec<Vec<ValueLabel>> = Vec::with_capacity(per_object.len());
        for mut vals in per_object {
            vals.sort_by(|a, b| a.0.cmp(&b.0));
            let mut row = Vec::with_capacity(vals.len());
            for (i, (key, idx)) in vals.into_iter().enumerate() {
                local[idx] = i as u32;
                let sp = &self.spellings[idx];
                let mut best = &sp[0];
                for cand in sp {
                    if cand.1 > best.1 {
                        best = cand;
                    }
                }
                row.push(ValueLabel {
                    key,
                    display: best.0.clone(),
                });
            }
            labels.push(row);
        }
        let mut b = DatasetBuilder::with_capacity(self.claims.len());
        b.reserve_sources(self.sources.len() as u32);
        for &(s, o, idx) in &self.claims {
            b.add_claim(s, o, local[idx]);
        }
        Ok(LabeledDataset {
            dataset: b.build()?,
            sources: self.sources,
            source_ids: self.source_ids,
            objects: self.objects,
            values: labels,
        })
    }
}

/// Interns `s`, returning its dense id.
fn intern(names: &mut Vec<String>, ids: &mut HashMap<String, u32>, s: &str) -> u32 {
    if let Some(&i) = ids.get(s) {
        return i;
    }
    names.push(s.to_string());
    ids.insert(s.to_string(), names.len() as u32 - 1);
    names.len() as u32 - 1
}

/// A [`Dataset`] with the strings behind its ids.
#[derive(Debug, Clone)]
pub struct LabeledDataset {
    /// The numeric dataset to pass to [`run`](super::truth::run).
    pub dataset: Dataset,
    sources: Vec<String>,
    source_ids: HashMap<String, u32>,
    objects: Vec<String>,
    values: Vec<Vec<ValueLabel>>,
}

impl LabeledDataset {
    /// Source key of a source id.
    pub fn source_name(&self, source: u32) -> &str {
        &self.sources[source as usize]
    }
    /// Source id of a source key.
    pub fn source_id(&self, source: &str) -> Option<u32> {
        self.source_ids.get(source).copied()
    }
    /// Proposition key of an object id.
    pub fn object_name(&self, object: u32) -> &str {
        &self.objects[object as usize]
    }
    /// Label of value id `value` of `object`.
    pub fn value_label(&self, object: u32, value: u32) -> &ValueLabel {
        &self.values[object as usize][value as usize]
    }
    /// Prior trust vector in source-id order from per-key priors, `default` elsewhere,
    /// ready for [`Params::prior_trust`](super::truth::Params::prior_trust).
    pub fn prior_vector(&self, priors: &HashMap<String, f64>, default: f64) -> Vec<f64> {
        self.sources
            .iter()
            .map(|s| priors.get(s).copied().unwrap_or(default))
            .collect()
    }
    /// The `claims trust --json` report of a result (values best first).
    pub fn report(&self, r: &TruthResult, seconds: f64) -> TrustReport {
        TrustReport {
            method: r.method.name().to_string(),
            seconds,
            iterations: r.iterations,
            sources: self
                .sources
                .iter()
                .enumerate()
                .map(|(s, name)| SourceTrust {
                    source: name.clone(),
                    trust: r.trust[s],
                })
                .collect(),
            propositions: self
                .objects
                .iter()
                .enumerate()
                .map(|(o, about)| PropositionValues {
                    about: about.clone(),
                    values: r
                        .ranked(&self.dataset, o as u32)
                        .map(|(v, confidence)| ValueConfidence {
                            value: self.values[o][v as usize].display.clone(),
                            confidence,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Serialisable result of a truth-discovery run, the `claims trust --json` contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrustReport {
    /// Method name as given to `--method`.
    pub method: String,
    /// Algorithm-only wall time.
    pub seconds: f64,
    /// Iterations run.
    pub iterations: u32,
    /// Trust per source.
    pub sources: Vec<SourceTrust>,
    /// Ranked values per proposition.
    pub propositions: Vec<PropositionValues>,
}

/// Trust of one source in a [`TrustReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceTrust {
    /// Source key.
    pub source: String,
    /// Trust in [0, 1].
    pub trust: f64,
}

/// Values of one proposition in a [`TrustReport`], best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropositionValues {
    /// Proposition key.
    pub about: String,
    /// Values with their confidence, best first.
    pub values: Vec<ValueConfidence>,
}

/// One value and its confidence in a [`TrustReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueConfidence {
    /// Most frequent original spelling of the value.
    pub value: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::truth::{Method, Params, run};

    #[test]
    fn groups_spellings_and_reports_best_first() {
        let mut b = LabeledDatasetBuilder::new();
        b.add_source("idle");
        b.add_claim("a", "deaths", "36");
        b.add_claim("b", "deaths", "٣٦");
        b.add_claim("c", "deaths", "36");
        b.add_claim("d", "deaths", "40");
        b.add_claim("a", "date", "31 July 2023");
        b.add_claim("b", "date", "2023-07-31");
        let ld = b.build().unwrap();
        assert_eq!(ld.dataset.source_count(), 5);
        assert_eq!(ld.dataset.value_count(), 3);
        let r = run(Method::Majority, &ld.dataset, &Params::default()).unwrap();
        let rep = ld.report(&r, 0.5);
        assert_eq!(rep.method, "majority");
        let deaths = rep
            .propositions
            .iter()
            .find(|p| p.about == "deaths")
            .unwrap();
        assert_eq!(deaths.values[0].value, "36");
        assert!((deaths.values[0].confidence - 0.75).abs() < 1e-12);
        assert_eq!(deaths.values[1].value, "40");
        let date = rep.propositions.iter().find(|p| p.about == "date").unwrap();
        assert_eq!(date.values.len(), 1);
        assert_eq!(date.values[0].value, "31 July 2023");
        let json = serde_json::to_value(&rep).unwrap();
        assert_eq!(json["sources"][0]["source"], "idle");
        let mut priors = HashMap::new();
        priors.insert("b".to_string(), 0.9);
        let p = ld.prior_vector(&priors, 0.5);
        assert_eq!(p[ld.source_id("b").unwrap() as usize], 0.9);
        assert_eq!(p[ld.source_id("a").unwrap() as usize], 0.5);
    }
}
