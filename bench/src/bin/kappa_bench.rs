//! Times `kappa::pairwise_agreement` (the source pairs of `claims agree`) on synthetic
//! positions (default: 1,000,000 claims over 100,000 propositions by 1,000 sources, stances
//! drawn at random).
//!
//! ```text
//! kappa_bench [CLAIMS] [PROPOSITIONS] [SOURCES]
//! ```

use std::time::Instant;

use claims_core::scoring::kappa::{Position, pairwise_agreement};

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: CLAIMS PROPOSITIONS SOURCES"))
        .collect();
    let claims = args.first().copied().unwrap_or(1_000_000);
    let props = args.get(1).copied().unwrap_or(100_000).max(1);
    let sources = args.get(2).copied().unwrap_or(1_000).max(1);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let positions: Vec<Position> = (0..claims)
        .map(|i| Position {
            proposition: (i % props) as u32,
            source: (rnd() % sources) as u32,
            position: (rnd() % 3) as u32,
        })
        .collect();
    let t = Instant::now();
    let pairs = pairwise_agreement(&positions);
    let secs = t.elapsed().as_secs_f64();
    let with_kappa = pairs.iter().filter(|p| p.kappa.is_some()).count();
    println!(
        "{claims} claims, {props} propositions, {sources} sources: {} pairs ({with_kappa} with kappa) in {secs:.3} s",
        pairs.len()
    );
}
