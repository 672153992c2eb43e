//! `circular-sourcing`: a claim whose relay chain comes back to where it started, or sources
//! whose `depends_on` loops back on itself.

use std::collections::{HashMap, VecDeque};

use claims_plugin::{CheckRequest, Finding, Severity};

use crate::fasthash::FastMap;
use crate::sources::SourceIndex;

/// Rule name.
const RULE: &str = "circular-sourcing";

/// Runs both halves of the rule: per relay chain, then per `depends_on` cycle.
pub(crate) fn check(req: &CheckRequest, idx: &SourceIndex<'_>, out: &mut Vec<Finding>) {
    chains(req, idx, out);
    cycles(req, idx, out);
}

/// Which nodes each node reaches through `depends_on`, computed once per node that needs it.
struct Reach {
    /// Reachability bitset (one bit per node) of each node asked about so far.
    cache: Vec<Option<Vec<u64>>>,
}

impl Reach {
    /// Whether `from` relays `to`, directly or through others.
    fn reaches(&mut self, idx: &SourceIndex<'_>, from: usize, to: usize) -> bool {
        let bits = self.cache[from].get_or_insert_with(|| {
            let mut bits = vec![0u64; idx.len().div_ceil(64)];
            let mut stack: Vec<usize> = idx.deps(from).to_vec();
            while let Some(n) = stack.pop() {
                if bits[n / 64] & (1 << (n % 64)) == 0 {
                    bits[n / 64] |= 1 << (n % 64);
                    stack.extend_from_slice(idx.deps(n));
                }
            }
            bits
        });
        bits[to / 64] & (1 << (to % 64)) != 0
    }
}

/// Shortest `depends_on` path from `from` to `to` (both included), for messages.
fn path(idx: &SourceIndex<'_>, from: usize, to: usize, within: Option<&[bool]>) -> Vec<usize> {
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        for &d in idx.deps(n) {
            if within.is_some_and(|w| !w[d]) || parent.contains_key(&d) {
                continue;
            }
            parent.insert(d, n);
            if d == to {
                let mut p = vec![to];
                let mut cur = to;
                while let Some(&prev) = parent.get(&cur) {
                    p.push(prev);
                    if prev == from {
                        break;
                    }
                    cur = prev;
                }
                p.reverse();
                return p;
            }
            queue.push_back(d);
        }
    }
    vec![from, to]
}

/// Names of nodes along a path, joined by arrows.
fn arrows(idx: &SourceIndex<'_>, p: &[usize]) -> String {
    p.iter()
        .map(|&n| idx.name(idx.key(n)))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A relay chain as claims hold it: origin, then relays innermost first.
type Chain<'a> = (&'a str, &'a [String]);

/// What is wrong with a relay chain.
enum Problem<'a> {
    /// The source appears twice.
    Twice(&'a str),
    /// The first node relays the second, which comes after it in the chain.
    LoopsBack(usize, usize),
}

/// The first problem of a chain (origin first, then relays innermost first), if any.
fn problem<'a>(idx: &SourceIndex<'_>, reach: &mut Reach, chain: &[&'a str]) -> Option<Problem<'a>> {
    if let Some(twice) = chain
        .iter()
        .enumerate()
        .find(|(i, k)| chain[..*i].contains(k))
        .map(|(_, k)| *k)
    {
        return Some(Problem::Twice(twice));
    }
    // An inner source that relays an outer one gets back the word it passed on.
    for (i, inner) in chain.iter().enumerate() {
        let Some(inner) = idx.get(inner) else {
            continue;
        };
        if idx.deps(inner).is_empty() {
            continue;
        }
        for outer in chain[i + 1..].iter().filter_map(|k| idx.get(k)) {
            if reach.reaches(idx, inner, outer) {
                return Some(Problem::LoopsBack(inner, outer));
            }
        }
    }
    None
}

/// One finding per distinct relay chain that repeats a source or loops back through `depends_on`.
fn chains(req: &CheckRequest, idx: &SourceIndex<'_>, out: &mut Vec<Finding>) {
    let mut reach = Reach {
        cache: vec![None; idx.len()],
    };
    // Each claim's chain is examined on its own (chains are short); only the circular ones are
    // grouped, so that a chain shared by many claims gives one finding.
    let mut flagged: FastMap<Chain<'_>, (String, Vec<usize>)> = FastMap::default();
    let mut chain: Vec<&str> = Vec::new();
    for (i, c) in req.claims.iter().enumerate() {
        if c.via.is_empty() {
            continue;
        }
        let key = (c.origin.as_str(), c.via.as_slice());
        if let Some((_, members)) = flagged.get_mut(&key) {
            members.push(i);
            continue;
        }
        chain.clear();
        chain.push(&c.origin);
        chain.extend(c.via.iter().map(String::as_str));
        let Some(p) = problem(idx, &mut reach, &chain) else {
            continue;
        };
        let shown = chain
            .iter()
            .map(|k| idx.name(k))
            .collect::<Vec<_>>()
            .join(" via ");
        let message = match p {
            Problem::Twice(k) => format!("claim chain cites {} twice: {shown}", idx.name(k)),
            Problem::LoopsBack(inner, outer) => format!(
                "claim chain loops back: {shown}, but {} depends on {} ({}), so {} relays its own word",
                idx.name(idx.key(inner)),
                idx.name(idx.key(outer)),
                arrows(idx, &path(idx, inner, outer, None)),
                idx.name(idx.key(outer)),
            ),
        };
        flagged.insert(key, (message, vec![i]));
    }
    for (message, members) in flagged.into_values() {
        let mut ids: Vec<String> = members.iter().map(|&i| req.claims[i].id.clone()).collect();
        ids.sort_unstable();
        out.push(Finding {
            rule: RULE.into(),
            severity: Severity::Error,
            claims: ids,
            message,
        });
    }
}

/// Strongly connected components of the `depends_on` graph that hold a cycle (two or more
/// sources, or one that depends on itself), found with an iterative Tarjan.
fn components(idx: &SourceIndex<'_>) -> Vec<Vec<usize>> {
    let n = idx.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut counter = 0;
    let mut found = Vec::new();
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = counter;
        low[start] = counter;
        counter += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&(v, edge)) = calls.last() {
            if let Some(&w) = idx.deps(v).get(edge) {
                calls.last_mut().expect("non-empty").1 += 1;
                if index[w] == usize::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                calls.pop();
                if let Some(&(u, _)) = calls.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if comp.len() > 1 || idx.deps(v).contains(&v) {
                        found.push(comp);
                    }
                }
            }
        }
    }
    found
}

/// One finding per `depends_on` cycle, naming the claims whose chain passes through it.
fn cycles(req: &CheckRequest, idx: &SourceIndex<'_>, out: &mut Vec<Finding>) {
    let comps = components(idx);
    if comps.is_empty() {
        return;
    }
    let mut comp_of = vec![usize::MAX; idx.len()];
    for (ci, comp) in comps.iter().enumerate() {
        for &n in comp {
            comp_of[n] = ci;
        }
    }
    let mut touched: Vec<Vec<usize>> = vec![Vec::new(); comps.len()];
    for (i, c) in req.claims.iter().enumerate() {
        let mut seen: Vec<usize> = Vec::new();
        for k in std::iter::once(&c.origin).chain(&c.via) {
            if let Some(n) = idx.get(k)
                && comp_of[n] != usize::MAX
                && !seen.contains(&comp_of[n])
            {
                seen.push(comp_of[n]);
                touched[comp_of[n]].push(i);
            }
        }
    }
    for (ci, comp) in comps.iter().enumerate() {
        let start = *comp
            .iter()
            .min_by_key(|&&n| idx.key(n))
            .expect("components are non-empty");
        let message = if comp.len() == 1 {
            format!(
                "source {} lists itself in depends_on, so it relays its own word",
                idx.name(idx.key(start))
            )
        } else {
            let mut within = vec![false; idx.len()];
            for &n in comp {
                within[n] = true;
            }
            let cycle = path(idx, start, start, Some(&within));
            let mut m = format!(
                "sources relay each other in a depends_on cycle: {}",
                arrows(idx, &cycle)
            );
            if comp.len() + 1 > cycle.len() {
                m.push_str(&format!(" ({} sources in the loop)", comp.len()));
            }
            m
        };
        let mut ids: Vec<String> = touched[ci]
            .iter()
            .map(|&i| req.claims[i].id.clone())
            .collect();
        ids.sort_unstable();
        out.push(Finding {
            rule: RULE.into(),
            severity: Severity::Error,
            claims: ids,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::tests::src;
    use crate::support::tests::claim;
    use claims_plugin::{ClaimView, SourceInfo};

    fn run(claims: Vec<ClaimView>, sources: Vec<SourceInfo>) -> Vec<Finding> {
        let req = CheckRequest { claims, sources };
        let idx = SourceIndex::new(&req.sources);
        let mut out = Vec::new();
        check(&req, &idx, &mut out);
        out.sort_by(|a, b| a.message.cmp(&b.message));
        out
    }

    #[test]
    fn a_source_appearing_twice_in_a_chain() {
        let sources = vec![src("a", "outlet", &[]), src("b", "outlet", &[])];
        let f = run(
            vec![
                claim("c1", "a", &["b", "a"], "p", "supports"),
                claim("c2", "a", &["b", "a"], "p", "supports"),
                claim("c3", "a", &["b"], "p", "supports"),
            ],
            sources,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].claims, ["c1", "c2"]);
        assert_eq!(f[0].message, "claim chain cites A twice: A via B via A");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn normal_relaying_is_not_circular() {
        // BBC relays Reuters: Reuters via BBC is how it should be.
        let sources = vec![
            src("reuters", "agency", &[]),
            src("bbc", "outlet", &["reuters"]),
        ];
        let f = run(
            vec![claim("c1", "reuters", &["bbc"], "p", "supports")],
            sources,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn an_origin_that_relays_its_own_relay_loops_back() {
        // The ministry's word comes from the agency, and the agency relays the ministry.
        let sources = vec![
            src("ministry", "government", &["state-tv"]),
            src("state-tv", "outlet", &["agency"]),
            src("agency", "agency", &[]),
        ];
        let f = run(
            vec![claim("c1", "ministry", &["agency"], "p", "supports")],
            sources,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "claim chain loops back: MINISTRY via AGENCY, but MINISTRY depends on AGENCY (MINISTRY → STATE-TV → AGENCY), so AGENCY relays its own word"
        );
    }

    #[test]
    fn long_dependency_chains_do_not_overflow_the_stack() {
        let n = 20_000;
        let keys: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let sources: Vec<SourceInfo> = (0..n)
            .map(|i| src(&keys[i], "outlet", &[keys[(i + 1) % n].as_str()]))
            .collect();
        let f = run(vec![claim("c1", "s0", &["s5"], "p", "supports")], sources);
        // The ring itself, and the chain s0 via s5 (s0 relays s5 through s1..s4).
        assert_eq!(f.len(), 2);
        assert!(
            f.iter()
                .any(|f| f.message.starts_with("claim chain loops back: S0 via S5"))
        );
    }

    #[test]
    fn a_larger_loop_names_one_cycle_and_its_size() {
        let sources = vec![
            src("a", "outlet", &["b"]),
            src("b", "outlet", &["a", "c"]),
            src("c", "outlet", &["b"]),
        ];
        let f = run(vec![], sources);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "sources relay each other in a depends_on cycle: A → B → A (3 sources in the loop)"
        );
    }

    #[test]
    fn depends_on_cycles_are_reported_once_with_the_claims_they_touch() {
        let sources = vec![
            src("أ", "outlet", &["ب"]),
            src("ب", "outlet", &["ج"]),
            src("ج", "outlet", &["أ"]),
            src("self", "outlet", &["self"]),
            src("free", "outlet", &[]),
        ];
        let f = run(
            vec![
                claim("c1", "ب", &[], "p", "supports"),
                claim("c2", "free", &["ج"], "p", "supports"),
                claim("c3", "free", &[], "p", "supports"),
            ],
            sources,
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(
            f[0].message,
            "source SELF lists itself in depends_on, so it relays its own word"
        );
        assert!(f[0].claims.is_empty());
        assert_eq!(
            f[1].message,
            "sources relay each other in a depends_on cycle: أ → ب → ج → أ"
        );
        assert_eq!(f[1].claims, ["c1", "c2"]);
    }
}
