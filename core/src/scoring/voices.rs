//! The agreement score of one proposition from its independent voices (what
//! `claims compare` reports; fed by `crate::compare`), and the union-find that
//! decides which sources count as one voice.
//!
//! Statement score: `(S - R) / (S + R + N + k)` where `S`, `R`, `N` are the
//! summed weights of supporting, refuting and neutral voices and `k > 0` is a
//! prior (pseudo-count of "undecided" weight, default [`DEFAULT_PRIOR`] = 1).
//! * it lies strictly inside (-1, 1) because `|S - R| <= S + R < S + R + N + k`;
//! * it is 0 for no voices, and antisymmetric: swapping S and R negates it;
//! * `dScore/dS = (2R + N + k) / (S + R + N + k)^2 > 0`: one more independent
//!   supporter always raises it (and by symmetry a refuter lowers it);
//! * because of `k`, agreement grows with the number of agreeing voices
//!   (1 voice: 0.5, 3 voices: 0.75 at k = 1) instead of one voice already
//!   claiming certainty;
//! * a neutral voice only grows the denominator: it pulls the score towards 0
//!   but never changes its sign.

use std::collections::HashMap;

use crate::normalize::{ValueKey, value_key};
use claims_plugin::voices::VoiceSets;

/// Default prior weight `k` of the agreement formulas: one pseudo-voice of doubt.
pub const DEFAULT_PRIOR: f64 = 1.0;

/// Position of one voice towards a statement proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// The voice asserts the statement.
    Supports,
    /// The voice denies the statement.
    Refutes,
    /// The voice reports the statement without taking a side.
    Neutral,
}

impl Stance {
    /// The opposite stance, so callers can express "swap supports and refutes".
    pub fn flipped(self) -> Stance {
        match self {
            Stance::Supports => Stance::Refutes,
            Stance::Refutes => Stance::Supports,
            Stance::Neutral => Stance::Neutral,
        }
    }
}

/// One independent voice on a statement: its stance and weight (1.0 unweighted, else trust).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Voice {
    /// What the voice says about the statement.
    pub stance: Stance,
    /// Weight of the voice; negative or non-finite weights count as 0.
    pub weight: f64,
}

/// Clamps a caller weight to a usable non-negative finite number.
fn clean(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 { w } else { 0.0 }
}

/// Agreement score in (-1, 1) of a statement with the default prior, so callers need no tuning.
pub fn statement_score(voices: &[Voice]) -> f64 {
    statement_score_with_prior(voices, DEFAULT_PRIOR)
}

/// Agreement score `(S - R) / (S + R + N + k)` with an explicit prior `k` (clamped to > 0).
pub fn statement_score_with_prior(voices: &[Voice], k: f64) -> f64 {
    let k = if k.is_finite() && k > 0.0 {
        k
    } else {
        f64::MIN_POSITIVE
    };
    let (mut s, mut r, mut n) = (0.0, 0.0, 0.0);
    for v in voices {
        let w = clean(v.weight);
        match v.stance {
            Stance::Supports => s += w,
            Stance::Refutes => r += w,
            Stance::Neutral => n += w,
        }
    }
    (s - r) / (s + r + n + k)
}

/// One independent voice on a value proposition: the value it gives and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueVoice<'a> {
    /// The claimed value as stored (grouped by [`value_key`]).
    pub value: &'a str,
    /// Weight of the voice; negative or non-finite weights count as 0.
    pub weight: f64,
}

/// Support of one distinct value of a value proposition.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueShare {
    /// Comparison key shared by all spellings of this value.
    pub key: ValueKey,
    /// The first original spelling seen for this value, for display.
    pub representative: String,
    /// Number of voices giving this value.
    pub voices: usize,
    /// Summed weight of those voices.
    pub weight: f64,
    /// `weight / total weight`: the shares of all values sum to 1 (0 when no weight).
    pub share: f64,
    /// `weight / (total weight + k)`: the share shrunk by the prior, comparable to a statement score.
    pub score: f64,
}

/// Per distinct value its support, best first, with the default prior.
pub fn value_shares(voices: &[ValueVoice<'_>]) -> Vec<ValueShare> {
    value_shares_with_prior(voices, DEFAULT_PRIOR)
}

/// Per distinct value (grouped by [`value_key`]) its support, best first (ties by key order).
pub fn value_shares_with_prior(voices: &[ValueVoice<'_>], k: f64) -> Vec<ValueShare> {
    let k = if k.is_finite() && k > 0.0 { k } else { 0.0 };
    let mut index: HashMap<ValueKey, usize> = HashMap::new();
    let mut out: Vec<ValueShare> = Vec::new();
    let mut total = 0.0;
    for v in voices {
        let w = clean(v.weight);
        total += w;
        let key = value_key(v.value);
        let i = *index.entry(key.clone()).or_insert_with(|| {
            out.push(ValueShare {
                key,
                representative: v.value.to_string(),
                voices: 0,
                weight: 0.0,
                share: 0.0,
                score: 0.0,
            });
            out.len() - 1
        });
        out[i].voices += 1;
        out[i].weight += w;
    }
    for s in &mut out {
        s.share = if total > 0.0 { s.weight / total } else { 0.0 };
        s.score = if total + k > 0.0 {
            s.weight / (total + k)
        } else {
            0.0
        };
    }
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// Groups sources joined (transitively, either direction) by `depends_on` into voices, by the
/// SDK's one rule ([`claims_plugin::voices`]), keyed by source name for storage-backed callers.
#[derive(Debug, Clone, Default)]
pub struct VoiceGroups {
    index: HashMap<String, usize>,
    names: Vec<String>,
    group: Vec<usize>,
    groups: usize,
}

impl VoiceGroups {
    /// Builds the groups from source keys and `(source, depends_on)` edges; cycles are harmless
    /// and edge endpoints missing from `sources` are added.
    pub fn new<'a, S, E>(sources: S, depends_on: E) -> VoiceGroups
    where
        S: IntoIterator<Item = &'a str>,
        E: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut vg = VoiceGroups::default();
        for s in sources {
            vg.intern(s);
        }
        let mut sets = VoiceSets::new(vg.names.len());
        for (a, b) in depends_on {
            let (a, b) = (vg.intern(a), vg.intern(b));
            while sets.len() < vg.names.len() {
                sets.push();
            }
            sets.join(a, b);
        }
        // Dense group ids in order of first appearance.
        (vg.group, vg.groups) = sets.dense();
        vg
    }

    /// Interns a source key, returning its index.
    fn intern(&mut self, s: &str) -> usize {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// The voice group (dense id in `0..group_count()`) of a source, if known.
    pub fn group_of(&self, source: &str) -> Option<usize> {
        self.index.get(source).map(|&i| self.group[i])
    }

    /// Number of independent voices among the known sources.
    pub fn group_count(&self) -> usize {
        self.groups
    }

    /// The members of every group, indexed by group id, for display and audit.
    pub fn groups(&self) -> Vec<Vec<&str>> {
        let mut out = vec![Vec::new(); self.groups];
        for (i, n) in self.names.iter().enumerate() {
            out[self.group[i]].push(n.as_str());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(stance: Stance) -> Voice {
        Voice {
            stance,
            weight: 1.0,
        }
    }

    #[test]
    fn empty_set_scores_zero() {
        assert_eq!(statement_score(&[]), 0.0);
    }

    #[test]
    fn adding_a_supporter_raises_the_score() {
        let mut voices = vec![v(Stance::Supports), v(Stance::Refutes), v(Stance::Neutral)];
        let mut last = statement_score(&voices);
        for _ in 0..5 {
            voices.push(v(Stance::Supports));
            let now = statement_score(&voices);
            assert!(now > last, "{now} <= {last}");
            last = now;
        }
        // Also from a negative start.
        let a = statement_score(&[v(Stance::Refutes), v(Stance::Refutes)]);
        let b = statement_score(&[v(Stance::Refutes), v(Stance::Refutes), v(Stance::Supports)]);
        assert!(b > a);
    }

    #[test]
    fn swapping_stances_negates() {
        let voices = [
            Voice {
                stance: Stance::Supports,
                weight: 0.7,
            },
            Voice {
                stance: Stance::Supports,
                weight: 0.2,
            },
            Voice {
                stance: Stance::Refutes,
                weight: 0.4,
            },
            Voice {
                stance: Stance::Neutral,
                weight: 0.9,
            },
        ];
        let swapped: Vec<Voice> = voices
            .iter()
            .map(|x| Voice {
                stance: x.stance.flipped(),
                ..*x
            })
            .collect();
        let (a, b) = (statement_score(&voices), statement_score(&swapped));
        assert!(a != 0.0);
        assert!((a + b).abs() < 1e-12);
    }

    #[test]
    fn one_voice_is_weaker_than_three() {
        let one = statement_score(&[v(Stance::Supports)]);
        let three = statement_score(&[v(Stance::Supports); 3]);
        assert!(one.abs() < three.abs());
        assert!((one - 0.5).abs() < 1e-12 && (three - 0.75).abs() < 1e-12);
        let r_one = statement_score(&[v(Stance::Refutes)]);
        let r_three = statement_score(&[v(Stance::Refutes); 3]);
        assert!(r_one.abs() < r_three.abs());
    }

    #[test]
    fn neutral_voices_dilute_but_do_not_flip() {
        let base = vec![v(Stance::Supports), v(Stance::Supports), v(Stance::Refutes)];
        let s0 = statement_score(&base);
        let mut with = base.clone();
        for _ in 0..50 {
            with.push(v(Stance::Neutral));
        }
        let s1 = statement_score(&with);
        assert!(s0 > 0.0 && s1 > 0.0 && s1 < s0);
        assert_eq!(statement_score(&[v(Stance::Neutral); 4]), 0.0);
    }

    #[test]
    fn score_stays_in_bounds_and_ignores_bad_weights() {
        let many = vec![
            Voice {
                stance: Stance::Supports,
                weight: 1e9
            };
            10
        ];
        let s = statement_score(&many);
        assert!(s < 1.0 && s > 0.99);
        let bad = [
            Voice {
                stance: Stance::Supports,
                weight: f64::NAN,
            },
            Voice {
                stance: Stance::Refutes,
                weight: -3.0,
            },
        ];
        assert_eq!(statement_score(&bad), 0.0);
    }

    #[test]
    fn weighted_voices_count_by_trust() {
        let a = statement_score(&[
            Voice {
                stance: Stance::Supports,
                weight: 0.9,
            },
            Voice {
                stance: Stance::Refutes,
                weight: 0.1,
            },
        ]);
        assert!((a - 0.8 / 2.0).abs() < 1e-12);
    }

    #[test]
    fn value_shares_group_by_value_key() {
        let voices = [
            ValueVoice {
                value: "36",
                weight: 1.0,
            },
            ValueVoice {
                value: "٣٦",
                weight: 1.0,
            },
            ValueVoice {
                value: "36.0",
                weight: 1.0,
            },
            ValueVoice {
                value: "40",
                weight: 1.0,
            },
        ];
        let shares = value_shares(&voices);
        assert_eq!(shares.len(), 2);
        assert_eq!(shares[0].key, ValueKey::Number("36".into()));
        assert_eq!(shares[0].representative, "36");
        assert_eq!(shares[0].voices, 3);
        assert!((shares[0].share - 0.75).abs() < 1e-12);
        assert!((shares[0].score - 0.6).abs() < 1e-12);
        assert!((shares[1].share - 0.25).abs() < 1e-12);
        assert!(value_shares(&[]).is_empty());
    }

    #[test]
    fn voice_groups_are_transitive_and_cycle_safe() {
        let g = VoiceGroups::new(
            ["a", "b", "c", "d", "e"],
            [("a", "b"), ("b", "c"), ("c", "a"), ("d", "x")],
        );
        assert_eq!(g.group_of("a"), g.group_of("c"));
        assert_eq!(g.group_of("b"), g.group_of("c"));
        assert_eq!(g.group_of("d"), g.group_of("x"));
        assert_ne!(g.group_of("a"), g.group_of("d"));
        assert_ne!(g.group_of("e"), g.group_of("a"));
        assert_eq!(g.group_count(), 3);
        assert_eq!(g.group_of("zzz"), None);
        let groups = g.groups();
        assert_eq!(groups[g.group_of("a").unwrap()], vec!["a", "b", "c"]);
    }
}
