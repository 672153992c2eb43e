//! Cohen's kappa between sources (what `claims agree` reports; fed by
//! `crate::agree`): over the propositions both addressed, the shared count,
//! agreements, observed agreement and kappa.
//!
//! A source's *position* on a proposition is a small integer: for statements
//! the stance ([`Position::stance`]: 0 supports, 1 refutes, 2 neutral); for
//! value propositions the rank of its value key among the proposition's
//! values by number of sources (0 = most claimed; see [`value_positions`]).
//! Two sources agree on a proposition when their positions are equal.
//!
//! Kappa is `(po - pe) / (1 - pe)` with `po` the observed agreement and
//! `pe = sum_c pa(c) pb(c)` the agreement expected by chance from each
//! source's marginal distribution over [`KAPPA_CLASSES`] classes (position
//! capped at `KAPPA_CLASSES - 1`), counted over the shared propositions only.
//! When `pe = 1` (both sources always in the same single class) kappa is
//! undefined and reported as `None`.
//!
//! Cost: positions are grouped by proposition; every pair of sources on a
//! proposition emits one 9-byte update (packed pair key, both classes, agreement
//! bit); the updates are sorted by pair and reduced. Work and memory are
//! `sum_p m_p^2 / 2` updates for `m_p` sources on proposition `p`.

use std::collections::HashMap;

use super::voices::Stance;
use crate::normalize::{ValueKey, value_key};

/// Number of classes over which kappa marginals are counted; larger positions share the last.
pub const KAPPA_CLASSES: usize = 4;
// The sorted-update path packs both classes into two bits each.
const _: () = assert!(KAPPA_CLASSES <= 4);

/// One source's position on one proposition, the input of [`pairwise_agreement`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Dense proposition id chosen by the caller.
    pub proposition: u32,
    /// Dense source (or voice group) id chosen by the caller.
    pub source: u32,
    /// Position id; equal ids mean agreement.
    pub position: u32,
}

impl Position {
    /// Position of a stance on a statement proposition, so stances share global kappa classes.
    pub fn stance(proposition: u32, source: u32, stance: Stance) -> Position {
        let position = match stance {
            Stance::Supports => 0,
            Stance::Refutes => 1,
            Stance::Neutral => 2,
        };
        Position {
            proposition,
            source,
            position,
        }
    }
}

/// Agreement statistics of one pair of sources (`a < b`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairAgreement {
    /// The smaller source id.
    pub a: u32,
    /// The larger source id.
    pub b: u32,
    /// Propositions both sources took a position on.
    pub shared: u32,
    /// Shared propositions where both took the same position.
    pub agreements: u32,
    /// `agreements / shared`.
    pub observed: f64,
    /// Cohen's kappa; `None` when chance agreement is 1 (undefined).
    pub kappa: Option<f64>,
}

/// Turns value claims `(proposition, source, value)` into positions ranked per proposition,
/// so value propositions can feed [`pairwise_agreement`] with meaningful kappa classes.
pub fn value_positions(claims: &[(u32, u32, &str)]) -> Vec<Position> {
    let keys: Vec<ValueKey> = claims.iter().map(|c| value_key(c.2)).collect();
    let mut counts: HashMap<(u32, &ValueKey), u32> = HashMap::new();
    for (c, k) in claims.iter().zip(&keys) {
        *counts.entry((c.0, k)).or_default() += 1;
    }
    let mut per_prop: HashMap<u32, Vec<(u32, &ValueKey)>> = HashMap::new();
    for (&(p, k), &n) in &counts {
        per_prop.entry(p).or_default().push((n, k));
    }
    let mut rank: HashMap<(u32, &ValueKey), u32> = HashMap::new();
    for (p, mut list) in per_prop {
        list.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(y.1)));
        for (r, (_, k)) in list.into_iter().enumerate() {
            rank.insert((p, k), r as u32);
        }
    }
    claims
        .iter()
        .zip(&keys)
        .map(|(c, k)| Position {
            proposition: c.0,
            source: c.1,
            position: rank[&(c.0, k)],
        })
        .collect()
}

/// Per-pair accumulator: counts and per-class marginals of both sides.
#[derive(Default, Clone, Copy)]
struct Acc {
    shared: u32,
    agree: u32,
    ca: [u32; KAPPA_CLASSES],
    cb: [u32; KAPPA_CLASSES],
}

/// Agreement statistics for every pair of sources sharing at least one proposition,
/// sorted by `(a, b)`; a source's repeated positions on one proposition count once (first wins).
pub fn pairwise_agreement(positions: &[Position]) -> Vec<PairAgreement> {
    let mut sorted: Vec<Position> = positions.to_vec();
    sorted.sort_by_key(|p| (p.proposition, p.source));
    sorted.dedup_by_key(|p| (p.proposition, p.source));
    let n_sources = sorted
        .iter()
        .map(|p| p.source as usize + 1)
        .max()
        .unwrap_or(0);
    if n_sources <= DENSE_MAX_SOURCES {
        return dense(&sorted, n_sources);
    }
    // One update per (pair, shared proposition): the packed pair key and a byte holding
    // both kappa classes and the agreement bit. Sorting the updates by key groups each
    // pair's updates (and orders the output) without a hash map.
    let mut updates: Vec<(u64, u8)> = Vec::new();
    let mut start = 0;
    while start < sorted.len() {
        let prop = sorted[start].proposition;
        let mut end = start + 1;
        while end < sorted.len() && sorted[end].proposition == prop {
            end += 1;
        }
        let group = &sorted[start..end];
        updates.reserve(group.len() * (group.len() - 1) / 2);
        for (i, x) in group.iter().enumerate() {
            let cx = (x.position as usize).min(KAPPA_CLASSES - 1) as u8;
            for y in &group[i + 1..] {
                // Sorted by source within the proposition, so x.source < y.source.
                let cy = (y.position as usize).min(KAPPA_CLASSES - 1) as u8;
                let agree = u8::from(x.position == y.position);
                updates.push((
                    (u64::from(x.source) << 32) | u64::from(y.source),
                    cx | (cy << 2) | (agree << 4),
                ));
            }
        }
        start = end;
    }
    drop(sorted);
    updates.sort_unstable_by_key(|u| u.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < updates.len() {
        let key = updates[i].0;
        let mut acc = Acc::default();
        while i < updates.len() && updates[i].0 == key {
            let b = updates[i].1;
            acc.shared += 1;
            acc.agree += u32::from(b >> 4);
            acc.ca[usize::from(b & 3)] += 1;
            acc.cb[usize::from((b >> 2) & 3)] += 1;
            i += 1;
        }
        out.push(finish((key >> 32) as u32, key as u32, &acc));
    }
    out
}

/// Up to this many source ids, accumulators live in a dense triangular matrix
/// (at most ~20 MB) instead of sorted update lists.
const DENSE_MAX_SOURCES: usize = 1024;

/// [`pairwise_agreement`] for few sources: direct accumulation into a triangular matrix.
fn dense(sorted: &[Position], n: usize) -> Vec<PairAgreement> {
    // Row a (a < b) starts at a * n - a * (a + 1) / 2, column offset b - a - 1.
    let row = |a: usize| a * n - a * (a + 1) / 2;
    let mut accs = vec![Acc::default(); n * n.saturating_sub(1) / 2];
    for group in sorted.chunk_by(|x, y| x.proposition == y.proposition) {
        for (i, x) in group.iter().enumerate() {
            let a = x.source as usize;
            let cx = (x.position as usize).min(KAPPA_CLASSES - 1);
            let base = row(a);
            for y in &group[i + 1..] {
                let acc = &mut accs[base + y.source as usize - a - 1];
                acc.shared += 1;
                acc.agree += u32::from(x.position == y.position);
                acc.ca[cx] += 1;
                acc.cb[(y.position as usize).min(KAPPA_CLASSES - 1)] += 1;
            }
        }
    }
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let acc = &accs[row(a) + b - a - 1];
            if acc.shared > 0 {
                out.push(finish(a as u32, b as u32, acc));
            }
        }
    }
    out
}

/// Agreement statistics of two sources given their positions (proposition, position).
pub fn pair_agreement(a: &[(u32, u32)], b: &[(u32, u32)]) -> PairAgreement {
    let mut positions: Vec<Position> = Vec::with_capacity(a.len() + b.len());
    positions.extend(a.iter().map(|&(p, x)| Position {
        proposition: p,
        source: 0,
        position: x,
    }));
    positions.extend(b.iter().map(|&(p, x)| Position {
        proposition: p,
        source: 1,
        position: x,
    }));
    pairwise_agreement(&positions)
        .pop()
        .unwrap_or(PairAgreement {
            a: 0,
            b: 1,
            shared: 0,
            agreements: 0,
            observed: 0.0,
            kappa: None,
        })
}

/// Turns an accumulator into the reported statistics.
fn finish(a: u32, b: u32, acc: &Acc) -> PairAgreement {
    let n = f64::from(acc.shared);
    let observed = f64::from(acc.agree) / n;
    let pe: f64 = acc
        .ca
        .iter()
        .zip(&acc.cb)
        .map(|(&x, &y)| f64::from(x) * f64::from(y))
        .sum::<f64>()
        / (n * n);
    let kappa = if 1.0 - pe <= 1e-12 {
        None
    } else {
        Some((observed - pe) / (1.0 - pe))
    };
    PairAgreement {
        a,
        b,
        shared: acc.shared,
        agreements: acc.agree,
        observed,
        kappa,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(proposition: u32, source: u32, position: u32) -> Position {
        Position {
            proposition,
            source,
            position,
        }
    }

    #[test]
    fn counts_and_kappa_match_hand_computation() {
        // Two raters over 10 items with classes 0/1:
        // both 0: 4, both 1: 3, a0 b1: 2, a1 b0: 1.
        let mut v = Vec::new();
        let cells = [(0, 0, 4), (1, 1, 3), (0, 1, 2), (1, 0, 1)];
        let mut p = 0;
        for &(x, y, n) in &cells {
            for _ in 0..n {
                v.push(pos(p, 7, x));
                v.push(pos(p, 3, y));
                p += 1;
            }
        }
        let r = pairwise_agreement(&v);
        assert_eq!(r.len(), 1);
        let r = r[0];
        assert_eq!((r.a, r.b, r.shared, r.agreements), (3, 7, 10, 7));
        assert!((r.observed - 0.7).abs() < 1e-12);
        // a (source 7): 6 zeros, 4 ones; b (source 3): 5 zeros, 5 ones.
        let pe = 0.6 * 0.5 + 0.4 * 0.5;
        let kappa = (0.7 - pe) / (1.0 - pe);
        assert!((r.kappa.unwrap() - kappa).abs() < 1e-12);
    }

    #[test]
    fn only_shared_propositions_count() {
        let v = [
            pos(0, 0, 0),
            pos(0, 1, 0),
            pos(1, 0, 1),
            pos(2, 1, 1),
            pos(3, 2, 0),
        ];
        let r = pairwise_agreement(&v);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].shared, r[0].agreements), (1, 1));
    }

    #[test]
    fn degenerate_expected_agreement_has_no_kappa() {
        let v = [pos(0, 0, 0), pos(0, 1, 0), pos(1, 0, 0), pos(1, 1, 0)];
        let r = pairwise_agreement(&v)[0];
        assert_eq!(r.observed, 1.0);
        assert_eq!(r.kappa, None);
    }

    #[test]
    fn perfect_disagreement_is_negative() {
        let v = [pos(0, 0, 0), pos(0, 1, 1), pos(1, 0, 1), pos(1, 1, 0)];
        let r = pairwise_agreement(&v)[0];
        assert_eq!(r.observed, 0.0);
        assert!((r.kappa.unwrap() + 1.0).abs() < 1e-12);
    }

    #[test]
    fn three_sources_give_three_pairs_and_duplicates_count_once() {
        let v = [
            Position::stance(0, 0, Stance::Supports),
            Position::stance(0, 0, Stance::Refutes),
            Position::stance(0, 1, Stance::Supports),
            Position::stance(0, 2, Stance::Refutes),
        ];
        let r = pairwise_agreement(&v);
        assert_eq!(
            r.iter()
                .map(|p| (p.a, p.b, p.agreements))
                .collect::<Vec<_>>(),
            [(0, 1, 1), (0, 2, 0), (1, 2, 0)]
        );
    }

    #[test]
    fn sparse_and_dense_paths_agree() {
        let mut x: u64 = 7;
        let small: Vec<Position> = (0..5000u32)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pos(i % 300, (x >> 33) as u32 % 40, (x >> 50) as u32 % 5)
            })
            .collect();
        let shifted: Vec<Position> = small
            .iter()
            .map(|p| Position {
                source: p.source + 5000,
                ..*p
            })
            .collect();
        let a = pairwise_agreement(&small);
        let b = pairwise_agreement(&shifted);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((x.a + 5000, x.b + 5000), (y.a, y.b));
            assert_eq!(
                (x.shared, x.agreements, x.kappa),
                (y.shared, y.agreements, y.kappa)
            );
        }
    }

    #[test]
    fn value_positions_rank_by_support() {
        let claims = [
            (0, 0, "36"),
            (0, 1, "٣٦"),
            (0, 2, "40"),
            (1, 0, "x"),
            (1, 2, "X"),
        ];
        let p = value_positions(&claims);
        assert_eq!(
            p.iter().map(|x| x.position).collect::<Vec<_>>(),
            [0, 0, 1, 0, 0]
        );
        let r = pairwise_agreement(&p);
        let ab = r.iter().find(|x| (x.a, x.b) == (0, 1)).unwrap();
        assert_eq!((ab.shared, ab.agreements), (1, 1));
        let ac = r.iter().find(|x| (x.a, x.b) == (0, 2)).unwrap();
        assert_eq!((ac.shared, ac.agreements), (2, 1));
        let one = pair_agreement(&[(0, 0), (1, 0)], &[(0, 1), (1, 0)]);
        assert_eq!((one.shared, one.agreements), (2, 1));
    }
}
