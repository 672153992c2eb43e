//! Issue 13's fuzzing floor for the worker protocol decoder: N (default 100,000) inputs, random
//! bytes and near-miss messages (valid headers announcing any length, cut or garbled), fed to
//! both decoders; any panic ends the run with a non-zero status.
//!
//! Run: `cargo run --release -p claims-bench --bin protocol_fuzz [N]`

use claims_bench::Rng;
use claims_core::plugin::fuzz_decoders;
use std::time::Instant;

/// One input: random bytes, or a protocol header with a random length and a random tail,
/// sometimes with a byte flipped.
fn input(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = if rng.below(2) == 0 {
        (0..rng.below(512)).map(|_| rng.bits() as u8).collect()
    } else {
        let kinds = ["answer", "opened", "failed", "call", "open", "bogus"];
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let len = match rng.below(3) {
            0 => rng.below(64),
            1 => rng.bits(),
            _ => u64::MAX - rng.below(4),
        };
        let mut b = format!(
            "{{\"reply\":\"{kind}\",\"op\":\"{kind}\",\"call\":\"check\",\"status\":{},\"len\":{len}}}\n",
            rng.below(3)
        )
        .into_bytes();
        b.extend((0..rng.below(96)).map(|_| rng.bits() as u8));
        b
    };
    if !bytes.is_empty() && rng.below(4) == 0 {
        let at = rng.below(bytes.len() as u64) as usize;
        bytes[at] ^= 1 << rng.below(8);
    }
    bytes
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let mut decoded = 0;
    for _ in 0..n {
        let bytes = input(&mut rng);
        let max = if rng.below(2) == 0 {
            256 << 20
        } else {
            rng.below(1 << 20)
        };
        decoded += fuzz_decoders(&bytes, max);
    }
    println!(
        "protocol_fuzz: {n} inputs, {decoded} messages decoded, 0 panics, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
