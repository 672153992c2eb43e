//! Property tests of the agreement score (`claims_core::scoring::voices`): each property its
//! module doc states, checked on generated voices rather than on picked examples.

use claims_core::scoring::voices::{
    Stance, ValueVoice, Voice, statement_score, statement_score_with_prior, value_shares,
};
use proptest::prelude::*;

fn stance() -> impl Strategy<Value = Stance> {
    prop_oneof![
        Just(Stance::Supports),
        Just(Stance::Refutes),
        Just(Stance::Neutral)
    ]
}

/// A voice of weight 1 (unweighted compare) or a trust in [0, 1] (compare --weighted); now and
/// then a weight the score must treat as 0 (negative, NaN, infinite).
fn voice() -> impl Strategy<Value = Voice> {
    let weight = prop_oneof![
        4 => Just(1.0),
        4 => 0.0..=1.0f64,
        1 => prop_oneof![Just(-1.0), Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
    ];
    (stance(), weight).prop_map(|(stance, weight)| Voice { stance, weight })
}

fn voices() -> impl Strategy<Value = Vec<Voice>> {
    prop::collection::vec(voice(), 0..40)
}

fn flipped(voices: &[Voice]) -> Vec<Voice> {
    voices
        .iter()
        .map(|v| Voice {
            stance: v.stance.flipped(),
            weight: v.weight,
        })
        .collect()
}

fn with(voices: &[Voice], stance: Stance, weight: f64) -> Vec<Voice> {
    let mut out = voices.to_vec();
    out.push(Voice { stance, weight });
    out
}

#[test]
fn no_voices_score_zero() {
    assert_eq!(statement_score(&[]), 0.0);
}

proptest! {
    #[test]
    fn the_score_lies_strictly_inside_minus_one_one(vs in voices(), k in 0.01..10.0f64) {
        for s in [statement_score(&vs), statement_score_with_prior(&vs, k)] {
            prop_assert!(s.is_finite(), "{s}");
            prop_assert!(s > -1.0 && s < 1.0, "{s}");
        }
    }

    #[test]
    fn swapping_supports_and_refutes_negates_the_score(vs in voices()) {
        let (a, b) = (statement_score(&vs), statement_score(&flipped(&vs)));
        prop_assert!((a + b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn the_order_of_voices_does_not_matter(vs in voices()) {
        let mut rev = vs.clone();
        rev.reverse();
        prop_assert!((statement_score(&vs) - statement_score(&rev)).abs() < 1e-12);
    }

    #[test]
    fn one_more_supporter_raises_the_score_and_a_refuter_lowers_it(
        vs in voices(),
        w in 0.01..=1.0f64,
    ) {
        let s = statement_score(&vs);
        prop_assert!(statement_score(&with(&vs, Stance::Supports, w)) > s);
        prop_assert!(statement_score(&with(&vs, Stance::Refutes, w)) < s);
    }

    #[test]
    fn more_agreeing_voices_agree_more(n in 1usize..50) {
        let one = |n: usize| vec![Voice { stance: Stance::Supports, weight: 1.0 }; n];
        prop_assert!(statement_score(&one(n + 1)) > statement_score(&one(n)));
        prop_assert!(statement_score(&one(n)) < 1.0);
    }

    #[test]
    fn a_neutral_voice_dilutes_but_never_flips_the_sign(vs in voices(), w in 0.01..=1.0f64) {
        let s = statement_score(&vs);
        let t = statement_score(&with(&vs, Stance::Neutral, w));
        prop_assert_eq!(s.signum() == t.signum() || s == 0.0, true, "{} -> {}", s, t);
        prop_assert!(t.abs() <= s.abs(), "{s} -> {t}");
    }

    #[test]
    fn value_shares_sum_to_one_best_first_and_shrink_by_the_prior(
        vv in prop::collection::vec(("[abc]", 0.0..=1.0f64), 1..30),
    ) {
        let voices: Vec<ValueVoice<'_>> = vv
            .iter()
            .map(|(value, weight)| ValueVoice { value, weight: *weight })
            .collect();
        let shares = value_shares(&voices);
        let total: f64 = vv.iter().map(|(_, w)| w).sum();
        if total > 0.0 {
            let sum: f64 = shares.iter().map(|s| s.share).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "{sum}");
        }
        prop_assert_eq!(shares.iter().map(|s| s.voices).sum::<usize>(), vv.len());
        for pair in shares.windows(2) {
            prop_assert!(pair[0].weight >= pair[1].weight);
        }
        for s in &shares {
            prop_assert!(s.score >= 0.0 && s.score < 1.0 && s.score <= s.share);
        }
    }
}
