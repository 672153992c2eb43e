//! Which sources count as one voice: the rule shared by the host (`compare`, `agree`, `trust`)
//! and the checks, so that "independent" means the same thing everywhere.
//!
//! Sources joined by `depends_on`, transitively and in either direction, are one voice: a wire
//! service and the outlets that relay it, or a ministry and its spokesman, say a thing once.
//! Cycles are harmless. Nodes are dense numbers that the caller gives its sources; each voice is
//! named by its [representative](VoiceSets::representative), the smallest node number in it, so
//! the result does not depend on the order the edges were joined in.

/// Union-find over source nodes `0..len()`, joined along `depends_on` edges.
#[derive(Debug, Clone, Default)]
pub struct VoiceSets {
    /// Parent of each node; a node that is its own parent is a representative.
    parent: Vec<usize>,
}

impl VoiceSets {
    /// `len` sources, each its own voice until joined.
    pub fn new(len: usize) -> VoiceSets {
        VoiceSets {
            parent: (0..len).collect(),
        }
    }

    /// Adds one more source, its own voice, and returns its node number.
    pub fn push(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    /// How many sources there are (not voices).
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether there are no sources at all.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Makes `a` and `b` one voice (a `depends_on` edge, either direction).
    pub fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.representative(a), self.representative(b));
        // The smaller root wins, so the representative is the smallest member whatever the order.
        match ra.cmp(&rb) {
            std::cmp::Ordering::Less => self.parent[rb] = ra,
            std::cmp::Ordering::Greater => self.parent[ra] = rb,
            std::cmp::Ordering::Equal => {}
        }
    }

    /// The smallest node of `n`'s voice (path halving: iterative, so deep relay chains cannot
    /// overflow the stack).
    pub fn representative(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    /// Every node's representative, for callers that look voices up many times afterwards.
    pub fn representatives(mut self) -> Vec<usize> {
        (0..self.parent.len())
            .map(|n| self.representative(n))
            .collect()
    }

    /// Every node's voice as a dense number in `0..count`, numbered in order of each voice's
    /// first (smallest) node, with the count.
    pub fn dense(self) -> (Vec<usize>, usize) {
        let reps = self.representatives();
        let mut id = vec![usize::MAX; reps.len()];
        let mut count = 0;
        let dense = (0..reps.len())
            .map(|n| {
                let r = reps[n];
                if id[r] == usize::MAX {
                    id[r] = count;
                    count += 1;
                }
                id[r]
            })
            .collect();
        (dense, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relays_join_transitively_in_either_direction() {
        let mut v = VoiceSets::new(5);
        v.join(3, 1); // 3 relays 1
        v.join(1, 4); // 1 relays 4
        v.join(0, 0); // a self edge changes nothing
        assert_eq!(v.representative(4), 1);
        assert_eq!(v.clone().representatives(), vec![0, 1, 2, 1, 1]);
        assert_eq!(v.dense(), (vec![0, 1, 2, 1, 1], 3));
    }

    #[test]
    fn edge_order_and_cycles_do_not_change_the_voices() {
        let edges = [(4, 2), (2, 4), (5, 0), (2, 5), (6, 6)];
        let mut forward = VoiceSets::new(7);
        for &(a, b) in &edges {
            forward.join(a, b);
        }
        let mut backward = VoiceSets::new(7);
        for &(a, b) in edges.iter().rev() {
            backward.join(b, a);
        }
        let f = forward.representatives();
        assert_eq!(f, backward.representatives());
        assert_eq!(f, vec![0, 1, 0, 3, 0, 0, 6]);
    }

    #[test]
    fn pushed_nodes_start_alone() {
        let mut v = VoiceSets::default();
        assert!(v.is_empty());
        let a = v.push();
        let b = v.push();
        assert_eq!(v.len(), 2);
        assert_ne!(v.representative(a), v.representative(b));
        v.join(b, a);
        assert_eq!(v.representative(b), a);
    }
}
