//! The Merkle tree over the workspace log: RFC 6962 / RFC 9162 hashing with BLAKE3 as the hash
//! (docs/hashing.md). Leaves are `H(0x00 || entry)`, interior nodes `H(0x01 || left || right)`,
//! the empty tree `H()`; a tree of `n` leaves splits at the largest power of two below `n`.
//!
//! A workspace keeps only the *frontier* (the roots of the perfect subtrees its size decomposes
//! into, largest first), so appending a leaf and reading the root cost O(log n); proofs are
//! computed from the leaf hashes.

/// A 32-byte BLAKE3 digest.
pub type Digest = [u8; 32];

/// The hash of one leaf: domain-separated from interior nodes, so a leaf can never pose as one.
pub fn leaf_hash(entry: &[u8]) -> Digest {
    let mut h = blake3::Hasher::new();
    h.update(&[0]);
    h.update(entry);
    *h.finalize().as_bytes()
}

/// The hash of an interior node.
pub fn node_hash(left: &Digest, right: &Digest) -> Digest {
    let mut buf = [0u8; 65];
    buf[0] = 1;
    buf[1..33].copy_from_slice(left);
    buf[33..].copy_from_slice(right);
    *blake3::hash(&buf).as_bytes()
}

/// The root of the empty tree (`H()` with no input), as RFC 6962 defines it.
pub fn empty_root() -> Digest {
    *blake3::hash(&[]).as_bytes()
}

/// The root of a tree over `leaves` (leaf hashes), by the RFC's recursive definition.
pub fn root(leaves: &[Digest]) -> Digest {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The largest power of two strictly below `n` (n >= 2): where the RFC splits a tree.
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The right edge of a growing tree: what appending needs, and all the root needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// Roots of the perfect subtrees, largest (leftmost) first; one per set bit of `size`.
    peaks: Vec<Digest>,
}

impl Frontier {
    /// Rebuilds a frontier from its stored form; `None` when the peaks do not fit the size.
    pub fn from_parts(size: u64, peaks: Vec<Digest>) -> Option<Frontier> {
        (peaks.len() == size.count_ones() as usize).then_some(Frontier { size, peaks })
    }

    /// The stored form: the peaks concatenated.
    pub fn peaks_bytes(&self) -> Vec<u8> {
        self.peaks.concat()
    }

    /// Splits stored peak bytes into digests; `None` when the length is not a multiple of 32.
    pub fn parse_peaks(bytes: &[u8]) -> Option<Vec<Digest>> {
        if !bytes.len().is_multiple_of(32) {
            return None;
        }
        Some(
            bytes
                .chunks_exact(32)
                .map(|c| c.try_into().expect("32 bytes"))
                .collect(),
        )
    }

    /// How many leaves the tree has.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Adds a leaf hash at the right edge: O(log n) node hashes at most, one on average.
    pub fn push(&mut self, leaf: Digest) {
        let mut node = leaf;
        let mut size = self.size;
        while size & 1 == 1 {
            let left = self.peaks.pop().expect("a peak per set bit");
            node = node_hash(&left, &node);
            size >>= 1;
        }
        self.peaks.push(node);
        self.size += 1;
    }

    /// The tree's root: the peaks folded from the right, which is exactly the RFC's split.
    pub fn root(&self) -> Digest {
        let mut peaks = self.peaks.iter().rev();
        let Some(last) = peaks.next() else {
            return empty_root();
        };
        peaks.fold(*last, |acc, left| node_hash(left, &acc))
    }
}

/// The consistency proof that the tree of `leaves` extends its first `old` leaves (RFC 6962
/// §2.1.2, `PROOF(m, D[n])`): empty when `old` is 0 or all of them.
pub fn consistency_proof(old: usize, leaves: &[Digest]) -> Vec<Digest> {
    let mut out = Vec::new();
    if old > 0 && old < leaves.len() {
        subproof(old, leaves, true, &mut out);
    }
    out
}

fn subproof(m: usize, leaves: &[Digest], whole: bool, out: &mut Vec<Digest>) {
    let n = leaves.len();
    if m == n {
        if !whole {
            out.push(root(leaves));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, &leaves[..k], whole, out);
        out.push(root(&leaves[k..]));
    } else {
        subproof(m - k, &leaves[k..], false, out);
        out.push(root(&leaves[..k]));
    }
}

/// Checks a consistency proof (RFC 9162 §2.1.4.2): true when a tree of `new_size` leaves with
/// root `new_root` extends the tree of `old_size` leaves with root `old_root`.
pub fn verify_consistency(
    old_size: u64,
    old_root: &Digest,
    new_size: u64,
    new_root: &Digest,
    proof: &[Digest],
) -> bool {
    if old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 {
        return proof.is_empty();
    }
    let mut path: Vec<Digest> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let (mut fnode, mut snode) = (old_size - 1, new_size - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    fr == *old_root && sr == *new_root && snode == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Digest> {
        (0..n)
            .map(|i| leaf_hash(&(i as u64).to_le_bytes()))
            .collect()
    }

    #[test]
    fn frontier_root_equals_recursive_root_at_every_size() {
        let all = leaves(70);
        let mut f = Frontier::default();
        assert_eq!(f.root(), empty_root());
        for (i, l) in all.iter().enumerate() {
            f.push(*l);
            assert_eq!(f.root(), root(&all[..=i]), "size {}", i + 1);
            let again =
                Frontier::from_parts(f.size(), Frontier::parse_peaks(&f.peaks_bytes()).unwrap());
            assert_eq!(again.as_ref(), Some(&f));
        }
    }

    #[test]
    fn three_leaves_by_hand() {
        let l = leaves(3);
        assert_eq!(root(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
    }

    #[test]
    fn every_consistency_proof_verifies_and_tampering_fails() {
        let all = leaves(33);
        for n in 1..=all.len() {
            let new_root = root(&all[..n]);
            for m in 0..=n {
                let old_root = root(&all[..m]);
                let proof = consistency_proof(m, &all[..n]);
                assert!(
                    verify_consistency(m as u64, &old_root, n as u64, &new_root, &proof),
                    "{m} -> {n}"
                );
                if m > 0 && m < n {
                    let mut bad = proof.clone();
                    bad[0][0] ^= 1;
                    assert!(!verify_consistency(
                        m as u64, &old_root, n as u64, &new_root, &bad
                    ));
                    let mut other = all[..n].to_vec();
                    other[m - 1][0] ^= 1; // history rewritten inside the old tree
                    let forged = root(&other);
                    let p = consistency_proof(m, &other);
                    assert!(!verify_consistency(
                        m as u64, &old_root, n as u64, &forged, &p
                    ));
                }
            }
        }
    }
}
