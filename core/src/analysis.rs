//! Propositions, verdicts and the comparisons built on them: independent voices and their
//! agreement score (`compare`), agreement between sources (`agree`), and source trust by truth
//! discovery (`trust`). The formulas live in `scoring`; this module feeds them from storage.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Instant;

use crate::config::is_valid_key;
use crate::error::{Error, Result};
use crate::hash;
use crate::model::{Rating, Stance, Verdict, Version};
use crate::normalize::{ValueKey, value_key};
use crate::scoring::agreement::{self, ValueVoice, Voice, VoiceGroups};
use crate::scoring::pairwise::{self, Position};
use crate::scoring::truth::{self, DatasetBuilder, Method, Params};
use crate::storage::{HeadFilter, PositionRow, Reader};
use crate::workspace::{Workspace, now};

/// The method `trust` and `compare --weighted` use unless told otherwise.
pub const DEFAULT_METHOD: Method = Method::Investment;

/// Whether a proposition is a yes/no statement or asks for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropositionKind {
    /// Claims take stances: supports, refutes, neutral.
    Statement,
    /// Claims give values (a date, a number, a name).
    Value,
}

impl PropositionKind {
    /// The word used on the command line and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PropositionKind::Statement => "statement",
            PropositionKind::Value => "value",
        }
    }
}

impl FromStr for PropositionKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "statement" => Ok(PropositionKind::Statement),
            "value" => Ok(PropositionKind::Value),
            other => Err(Error::invalid(format!(
                "bad proposition kind `{other}`: expected statement or value"
            ))),
        }
    }
}

/// A proposition: what claims are about.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Proposition {
    /// Its key (claims' `--about`).
    pub key: String,
    /// Its words, when declared.
    pub text: Option<String>,
    /// Statement or value (declared, or inferred from its claims).
    pub kind: PropositionKind,
    /// Whether the kind was declared rather than inferred.
    pub kind_declared: bool,
    /// Standing (not retracted) claims about it.
    pub claims: u64,
}

fn kind_of(declared: Option<&str>, has_value: bool) -> (PropositionKind, bool) {
    match declared.and_then(|k| k.parse().ok()) {
        Some(k) => (k, true),
        None if has_value => (PropositionKind::Value, false),
        None => (PropositionKind::Statement, false),
    }
}

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
}

/// Agreement between two sources.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourcePair {
    /// One source key.
    pub a: String,
    /// The other source key.
    pub b: String,
    /// Propositions both addressed.
    pub shared: u32,
    /// Of those, how many they took the same position on.
    pub agreements: u32,
    /// agreements / shared.
    pub observed: f64,
    /// Cohen's kappa (chance-corrected), when defined.
    pub kappa: Option<f64>,
}

/// The source x source agreement table of `agree --matrix`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AgreementMatrix {
    /// Row and column labels, in name order.
    pub sources: Vec<String>,
    /// Cohen's kappa per pair (None: no shared proposition, or undefined).
    pub kappa: Vec<Vec<Option<f64>>>,
    /// Propositions each pair shares.
    pub shared: Vec<Vec<u32>>,
}

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

/// A pair of sources by index, with its agreement.
type IndexedPair = (u32, u32, pairwise::PairAgreement);

/// A source's position on a proposition, as trust and agree count it.
struct LatestPosition {
    source: u32,
    about: u32,
    stance: Option<Stance>,
    value: Option<String>,
}

/// Latest positions with the names their indices stand for.
struct LatestPositions {
    sources: Vec<String>,
    abouts: Vec<String>,
    rows: Vec<LatestPosition>,
}

/// `YYYY-MM-DD...` as the number YYYYMMDD, so dates compare without allocating (0 if not a date).
fn date_key(s: &str) -> u32 {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return 0;
    }
    [0, 1, 2, 3, 5, 6, 8, 9]
        .iter()
        .try_fold(0u32, |acc, &i| {
            let d = b[i].wrapping_sub(b'0');
            (d < 10).then_some(acc * 10 + u32::from(d))
        })
        .unwrap_or(0)
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
    fn kinds(&self) -> Result<HashMap<String, Option<String>>> {
        Ok(self
            .store()
            .declared_propositions()?
            .into_iter()
            .map(|d| (d.key, d.kind))
            .collect())
    }

    /// Gives a proposition words and (optionally) a kind; it need not have claims yet.
    pub fn declare_proposition(
        &mut self,
        key: &str,
        text: Option<&str>,
        kind: Option<PropositionKind>,
    ) -> Result<Proposition> {
        if !is_valid_key(key) {
            return Err(Error::invalid(crate::config::bad_key("proposition", key)));
        }
        if text.is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::invalid("empty text: a proposition needs words"));
        }
        let at = now();
        self.store_mut()
            .write(|w| w.upsert_proposition(key, text, kind.map(PropositionKind::as_str), &at))?;
        self.proposition(key)
    }

    /// Every proposition: declared ones and those named by standing claims.
    pub fn propositions(&self) -> Result<Vec<Proposition>> {
        let mut out: HashMap<String, Proposition> = HashMap::new();
        for d in self.store().declared_propositions()? {
            let (key, text) = (d.key, d.text);
            let (kind, kind_declared) = kind_of(d.kind.as_deref(), false);
            out.insert(
                key.clone(),
                Proposition {
                    key,
                    text,
                    kind,
                    kind_declared,
                    claims: 0,
                },
            );
        }
        for (key, n, has_value) in self.store().proposition_usage()? {
            let p = out.entry(key.clone()).or_insert(Proposition {
                key,
                text: None,
                kind: PropositionKind::Statement,
                kind_declared: false,
                claims: 0,
            });
            p.claims = n;
            if !p.kind_declared && has_value {
                p.kind = PropositionKind::Value;
            }
        }
        let mut v: Vec<Proposition> = out.into_values().collect();
        v.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(v)
    }

    /// One proposition; unknown when neither declared nor named by a claim.
    pub fn proposition(&self, key: &str) -> Result<Proposition> {
        Ok(self.proposition_with_claims(key)?.0)
    }

    /// A proposition and its standing claims, read once for callers that need both.
    fn proposition_with_claims(&self, key: &str) -> Result<(Proposition, Vec<Version>)> {
        let declared = self.store().proposition(key)?;
        let claims = self.list(&HeadFilter {
            about: Some(key.to_string()),
            ..HeadFilter::default()
        })?;
        if declared.is_none() && claims.is_empty() {
            return Err(Error::invalid(format!(
                "unknown proposition `{key}`: no claim is about it (see `claims about list`)"
            )));
        }
        let has_value = claims.iter().any(|c| c.fields.value.is_some());
        let (text, kind) = declared.unwrap_or((None, None));
        let (kind, kind_declared) = kind_of(kind.as_deref(), has_value);
        let proposition = Proposition {
            key: key.to_string(),
            text,
            kind,
            kind_declared,
            claims: claims.len() as u64,
        };
        Ok((proposition, claims))
    }

    /// Records a fact-checker's ruling, chained to the previous ruling on the same proposition.
    pub fn record_verdict(
        &mut self,
        about: &str,
        rating: Rating,
        value: Option<&str>,
        note: &str,
    ) -> Result<Verdict> {
        let prop = self.proposition(about)?;
        if prop.kind == PropositionKind::Value && rating == Rating::True && value.is_none() {
            return Err(Error::invalid(format!(
                "`{about}` is a value proposition: say which value is true with --value"
            )));
        }
        let at = now();
        let value = value.map(str::to_string);
        self.store_mut().write(|w| {
            // A ruled proposition stays known even if all its claims are later retracted.
            w.upsert_proposition(about, None, None, &at)?;
            let prev = w.verdicts(Some(about))?.pop();
            let seq = prev.as_ref().map_or(1, |p| p.seq + 1);
            let parent = prev.map(|p| p.hash);
            let hash = hash::verdict_hash(
                about,
                seq,
                parent.as_ref(),
                rating,
                value.as_deref(),
                Some(note),
                &at,
            );
            let v = Verdict {
                about: about.to_string(),
                seq,
                parent,
                rating,
                value,
                note: Some(note.to_string()),
                recorded_at: at.clone(),
                hash,
            };
            w.insert_verdict(&v)?;
            Ok(v)
        })
    }

    /// Every ruling on a proposition, oldest first.
    pub fn verdicts(&self, about: &str) -> Result<Vec<Verdict>> {
        self.store().verdicts(Some(about))
    }

    /// Independent voices on a proposition, their positions and the agreement score; with a
    /// method, voices are weighted by their sources' trust.
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
        let relevant = |v: &Version| match proposition.kind {
            PropositionKind::Statement => v.fields.stance.is_some(),
            PropositionKind::Value => v.fields.value.is_some(),
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
        // Latest by the date it was said (else reported, else recorded), ties broken by when the
        // version was recorded: the same order trust and agree read positions in.
        let when = |v: &Version| {
            let date = v
                .fields
                .said_on
                .as_deref()
                .or(v.fields.reported_on.as_deref())
                .unwrap_or(&v.recorded_at);
            (date.to_string(), v.recorded_at.clone())
        };
        let mut voices = Vec::new();
        for g in order {
            let claims = &members[&g];
            let latest = claims.iter().max_by_key(|v| when(v)).expect("non-empty");
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
                            stance: to_scoring(s),
                            weight: v.weight,
                        })
                    })
                    .collect();
                (Some(agreement::statement_score(&vs)), Vec::new())
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
                let shares = agreement::value_shares(&vs)
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
        let verdict = self.verdicts(about)?.pop();
        Ok(Comparison {
            proposition,
            voices,
            score,
            values,
            verdict,
            weighted_by: weighted.map(Method::name),
        })
    }

    /// Source pairs sharing at least `min_shared` propositions, as indices into the returned
    /// names, sorted most shared first, then by names.
    fn agreement_pairs(&self, min_shared: u32) -> Result<(Vec<String>, Vec<IndexedPair>)> {
        let kinds = self.kinds()?;
        let latest = self.latest_positions()?;
        let sources = latest.sources;
        let mut stances: HashMap<(u32, u32), Stance> = HashMap::new();
        let mut values: HashMap<(u32, u32), String> = HashMap::new();
        for r in latest.rows {
            if let Some(v) = r.value {
                values.insert((r.about, r.source), v);
            } else if let Some(st) = r.stance {
                stances.insert((r.about, r.source), st);
            }
        }
        let props: HashMap<&String, u32> = latest.abouts.iter().zip(0u32..).collect();
        // A proposition with any value is a value proposition unless declared a statement.
        let mut value_props = vec![false; latest.abouts.len()];
        for &(p, _) in values.keys() {
            value_props[p as usize] = true;
        }
        for (about, p) in &props {
            if let Some(Some(k)) = kinds.get(*about) {
                value_props[*p as usize] = k == "value";
            }
        }
        let mut positions: Vec<Position> = stances
            .iter()
            .filter(|((p, _), _)| !value_props[*p as usize])
            .map(|(&(p, s), &st)| Position::stance(p, s, to_scoring(st)))
            .collect();
        let value_claims: Vec<(u32, u32, &str)> = values
            .iter()
            .filter(|((p, _), _)| value_props[*p as usize])
            .map(|(&(p, s), v)| (p, s, v.as_str()))
            .collect();
        positions.extend(pairwise::value_positions(&value_claims));
        // Sort on integers (name ranks), then build the strings: comparing names of half a
        // million pairs dominated the run.
        let mut by_name: Vec<u32> = (0..sources.len() as u32).collect();
        by_name.sort_by(|x, y| sources[*x as usize].cmp(&sources[*y as usize]));
        let mut rank = vec![0u32; sources.len()];
        for (r, &i) in by_name.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let mut pairs: Vec<_> = pairwise::pairwise_agreement(&positions)
            .into_iter()
            .filter(|p| p.shared >= min_shared.max(1))
            .map(|p| {
                let (x, y) = (rank[p.a as usize], rank[p.b as usize]);
                let (a, b) = if x <= y { (p.a, p.b) } else { (p.b, p.a) };
                (rank[a as usize], rank[b as usize], a, b, p)
            })
            .collect();
        pairs.sort_unstable_by(|x, y| {
            y.4.shared
                .cmp(&x.4.shared)
                .then(x.0.cmp(&y.0))
                .then(x.1.cmp(&y.1))
        });
        Ok((
            sources,
            pairs.into_iter().map(|(_, _, a, b, p)| (a, b, p)).collect(),
        ))
    }

    /// For each pair of sources that addressed at least `min_shared` of the same propositions,
    /// how often they agree, raw and chance-corrected (Cohen's kappa); most shared first.
    pub fn agreement(&self, min_shared: u32) -> Result<Vec<SourcePair>> {
        let (sources, pairs) = self.agreement_pairs(min_shared)?;
        Ok(pairs
            .into_iter()
            .map(|(a, b, p)| SourcePair {
                a: sources[a as usize].clone(),
                b: sources[b as usize].clone(),
                shared: p.shared,
                agreements: p.agreements,
                observed: p.observed,
                kappa: p.kappa,
            })
            .collect())
    }

    /// The source x source table of kappa and shared counts, over the sources that share at
    /// least `min_shared` propositions with another, in name order.
    pub fn agreement_matrix(&self, min_shared: u32) -> Result<AgreementMatrix> {
        let (sources, pairs) = self.agreement_pairs(min_shared)?;
        let mut used: Vec<u32> = pairs.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        used.sort_unstable();
        used.dedup();
        used.sort_by(|x, y| sources[*x as usize].cmp(&sources[*y as usize]));
        let mut slot = vec![u32::MAX; sources.len()];
        for (i, &s) in used.iter().enumerate() {
            slot[s as usize] = i as u32;
        }
        let n = used.len();
        let mut kappa = vec![vec![None; n]; n];
        let mut shared = vec![vec![0u32; n]; n];
        for (a, b, p) in &pairs {
            let (i, j) = (slot[*a as usize] as usize, slot[*b as usize] as usize);
            kappa[i][j] = p.kappa;
            kappa[j][i] = p.kappa;
            shared[i][j] = p.shared;
            shared[j][i] = p.shared;
        }
        Ok(AgreementMatrix {
            sources: used
                .into_iter()
                .map(|s| sources[s as usize].clone())
                .collect(),
            kappa,
            shared,
        })
    }

    /// Each source's latest standing position on each proposition (latest by the date it was
    /// said, else reported, else recorded; ties by recording order): what trust and agree count,
    /// as compare counts a voice's latest claim.
    fn latest_positions(&self) -> Result<LatestPositions> {
        let mut out = LatestPositions {
            sources: Vec::new(),
            abouts: Vec::new(),
            rows: Vec::new(),
        };
        let mut source_ids: HashMap<String, u32> = HashMap::new();
        let mut about_ids: HashMap<String, u32> = HashMap::new();
        let mut index: HashMap<(u32, u32), (usize, (u32, i64))> = HashMap::new();
        self.store()
            .for_each_position(&mut |row: PositionRow<'_>| {
                let s = *source_ids.entry(row.origin.to_string()).or_insert_with(|| {
                    out.sources.push(row.origin.to_string());
                    (out.sources.len() - 1) as u32
                });
                let a = *about_ids.entry(row.about.to_string()).or_insert_with(|| {
                    out.abouts.push(row.about.to_string());
                    (out.abouts.len() - 1) as u32
                });
                let key = (date_key(row.when), row.rowid);
                let pos = LatestPosition {
                    source: s,
                    about: a,
                    stance: row.stance.and_then(|s| s.parse().ok()),
                    value: row.value.map(str::to_string),
                };
                match index.entry((s, a)) {
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        let (i, k) = e.get_mut();
                        if key >= *k {
                            *k = key;
                            out.rows[*i] = pos;
                        }
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert((out.rows.len(), key));
                        out.rows.push(pos);
                    }
                }
            })?;
        Ok(out)
    }

    fn truth_input(&self) -> Result<TruthInput> {
        let kinds = self.kinds()?;
        let mut input = TruthInput {
            sources: Vec::new(),
            abouts: Vec::new(),
            values: Vec::new(),
            keys: Vec::new(),
            kinds: Vec::new(),
            builder: DatasetBuilder::new(),
        };
        let mut value_ids: Vec<HashMap<ValueKey, u32>> = Vec::new();
        let latest = self.latest_positions()?;
        input.sources = latest.sources;
        input.abouts = latest.abouts;
        let rows = latest.rows;
        let mut has_value = vec![false; input.abouts.len()];
        for r in &rows {
            if r.value.is_some() {
                has_value[r.about as usize] = true;
            }
        }
        for (o, about) in input.abouts.iter().enumerate() {
            let (kind, _) = kind_of(kinds.get(about).and_then(|k| k.as_deref()), has_value[o]);
            input.kinds.push(kind);
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

fn to_scoring(s: Stance) -> agreement::Stance {
    match s {
        Stance::Supports => agreement::Stance::Supports,
        Stance::Refutes => agreement::Stance::Refutes,
        Stance::Neutral => agreement::Stance::Neutral,
    }
}
