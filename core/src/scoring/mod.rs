//! Scoring engine, one module per thing it computes: [`voices`] (how much
//! independent voices agree on one proposition: the agreement score of
//! `claims compare`), [`kappa`] (how much two sources agree with each other:
//! Cohen's kappa for `claims agree`) and [`truth`] (which sources and values to
//! trust: truth discovery for `claims trust`). Pure computation: no storage, no
//! I/O. The formulas, citations and measured figures are in `docs/scoring.md`.
//!
//! # API
//!
//! Agreement on one proposition ([`voices`]); the caller has merged claims
//! into voices (same origin once, `depends_on` groups once, retracted dropped):
//! ```text
//! enum Stance { Supports, Refutes, Neutral }
//! struct Voice { stance: Stance, weight: f64 }            // weight 1.0 or the source's trust
//! fn statement_score(&[Voice]) -> f64                      // (S - R) / (S + R + N + 1), in (-1, 1)
//! fn statement_score_with_prior(&[Voice], k: f64) -> f64
//! struct ValueVoice<'a> { value: &'a str, weight: f64 }
//! fn value_shares(&[ValueVoice]) -> Vec<ValueShare>        // per value_key: voices, weight, share, score; best first
//! VoiceGroups::new(sources: impl IntoIterator<Item=&str>,
//!                  depends_on: impl IntoIterator<Item=(&str, &str)>) -> VoiceGroups
//! VoiceGroups::group_of(&self, &str) -> Option<usize>; group_count(); groups()
//! ```
//!
//! Agreement between sources ([`kappa`]):
//! ```text
//! struct Position { proposition: u32, source: u32, position: u32 }
//! Position::stance(proposition, source, Stance) -> Position
//! fn value_positions(&[(u32 proposition, u32 source, &str value)]) -> Vec<Position>
//! fn pairwise_agreement(&[Position]) -> Vec<PairAgreement>  // every pair sharing a proposition
//! fn pair_agreement(a: &[(u32, u32)], b: &[(u32, u32)]) -> PairAgreement
//! struct PairAgreement { a, b, shared, agreements, observed: f64, kappa: Option<f64> }
//! ```
//!
//! Truth discovery ([`truth`]):
//! ```text
//! let mut b = DatasetBuilder::with_capacity(n);
//! b.reserve_sources(n_sources);
//! b.add_claim(source: u32, object: u32, value: u32);        // value id unique within the object;
//!                                                           // smaller id wins ties
//! let ds: Dataset = b.build()?;
//! let method: Method = "investment".parse()?;              // majority, sums, average-log, investment,
//!                                                           // pooled-investment, truthfinder, crh
//! let params = Params { prior_trust: Some(&priors), ..Params::default() };
//! let r: TruthResult = run(method, &ds, &params)?;
//! r.trust[source]; r.iterations; r.converged;
//! r.ranked(&ds, object) -> impl Iterator<Item = (u32 value id, f64 confidence)>  // best first
//! r.best(&ds, object) -> Option<(u32, f64)>
//! Implications::build(&ds, |object, from_value, to_value| -> f64)  // optional, TruthFinder
//! ```
//! From strings (source keys, proposition keys, values grouped by
//! [`crate::normalize::value_key`]) to the `claims trust --json` report, the one
//! path `claims trust` and the benchmark share, see [`crate::trust`]:
//! ```text
//! let mut input = TruthInput::new();
//! input.add_value_claim(source: &str, about: &str, value: &str);
//! let data: TruthData = input.build()?;
//! let (result, seconds) = data.run(method, &params)?;
//! let report: TrustReport = data.report(&result, seconds);  // serde::Serialize
//! ```

pub mod kappa;
pub mod truth;
pub mod voices;
