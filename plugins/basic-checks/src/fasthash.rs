//! A small Fx-style hasher: the standard SipHash dominates a million-claim run, and plugins may
//! depend on nothing but the SDK. The data is the user's own workspace, so resistance to
//! crafted collisions is not needed here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of the Fx hash (as used by rustc).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx hasher state: rotate, xor, multiply per 8-byte word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    /// Hash so far.
    hash: u64,
}

impl FxHasher {
    /// Mixes one word into the hash.
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hash map with the Fx hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set with the Fx hasher.
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
