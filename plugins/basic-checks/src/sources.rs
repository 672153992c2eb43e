//! The workspace's sources as a graph: who relays whom, and which sources form one voice.

use crate::fasthash::FastMap;

use claims_plugin::SourceInfo;
use claims_plugin::voices::VoiceSets;

/// Source kinds that are organs of a state by definition, whatever `state_affiliated` says.
const STATE_KINDS: [&str; 3] = ["government", "official", "intelligence"];

/// Every source key the request mentions (declared, or only named in a `depends_on`), as nodes.
pub(crate) struct SourceIndex<'a> {
    /// Node number of each key.
    by_key: FastMap<&'a str, usize>,
    /// Key of each node.
    keys: Vec<&'a str>,
    /// The declared source behind each node, if any.
    info: Vec<Option<&'a SourceInfo>>,
    /// `depends_on` edges, resolved to nodes, in declaration order.
    deps: Vec<Vec<usize>>,
    /// Representative of each node's voice (the SDK's one rule): one representative, one voice.
    voice: Vec<usize>,
}

/// A claim's independent voice: a component of the `depends_on` graph, or a key nobody declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Voice<'a> {
    /// A node of the graph, by its voice's representative.
    Known(usize),
    /// An origin that no source declares: a voice of its own.
    Unknown(&'a str),
}

impl<'a> SourceIndex<'a> {
    /// Builds the graph and joins sources along `depends_on`, cycles included.
    pub(crate) fn new(sources: &'a [SourceInfo]) -> Self {
        let mut idx = SourceIndex {
            by_key: FastMap::with_capacity_and_hasher(sources.len(), Default::default()),
            keys: Vec::with_capacity(sources.len()),
            info: Vec::with_capacity(sources.len()),
            deps: Vec::new(),
            voice: Vec::new(),
        };
        for s in sources {
            let n = idx.node(&s.key);
            // A key declared twice keeps its first declaration.
            if idx.info[n].is_none() {
                idx.info[n] = Some(s);
            }
        }
        let mut edges = Vec::new();
        for s in sources {
            let from = idx.by_key[s.key.as_str()];
            for d in &s.depends_on {
                let to = idx.node(d);
                edges.push((from, to));
            }
        }
        idx.deps = vec![Vec::new(); idx.keys.len()];
        let mut voices = VoiceSets::new(idx.keys.len());
        for (from, to) in edges {
            if !idx.deps[from].contains(&to) {
                idx.deps[from].push(to);
            }
            voices.join(from, to);
        }
        // Flattened, so that `voice` is a plain lookup from here on.
        idx.voice = voices.representatives();
        idx
    }

    /// Node of `key`, added if new.
    fn node(&mut self, key: &'a str) -> usize {
        if let Some(&n) = self.by_key.get(key) {
            return n;
        }
        let n = self.keys.len();
        self.by_key.insert(key, n);
        self.keys.push(key);
        self.info.push(None);
        n
    }

    /// Number of nodes in the graph.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Node of `key`, if the request mentions it anywhere in its sources.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Key of node `n`.
    pub(crate) fn key(&self, n: usize) -> &'a str {
        self.keys[n]
    }

    /// Nodes `n` relays (`depends_on`).
    pub(crate) fn deps(&self, n: usize) -> &[usize] {
        &self.deps[n]
    }

    /// The voice a claim from `origin` speaks with.
    pub(crate) fn voice(&self, origin: &'a str) -> Voice<'a> {
        match self.get(origin) {
            Some(n) => Voice::Known(self.voice[n]),
            None => Voice::Unknown(origin),
        }
    }

    /// The declared source for `key`, if any.
    pub(crate) fn info(&self, key: &str) -> Option<&'a SourceInfo> {
        self.get(key).and_then(|n| self.info[n])
    }

    /// Name to show people: the display name when declared, else the key as written.
    pub(crate) fn name(&self, key: &'a str) -> &'a str {
        match self.info(key) {
            Some(s) if !s.name.trim().is_empty() => s.name.as_str(),
            _ => key,
        }
    }

    /// Whether `key` is a declared source of kind `anonymous`.
    pub(crate) fn is_anonymous(&self, key: &str) -> bool {
        self.info(key)
            .is_some_and(|s| s.kind.eq_ignore_ascii_case("anonymous"))
    }

    /// Whether `key` speaks for a state: flagged `state_affiliated`, or of kind government,
    /// official or intelligence.
    pub(crate) fn is_state(&self, key: &str) -> bool {
        self.info(key).is_some_and(|s| {
            s.state_affiliated || STATE_KINDS.iter().any(|k| s.kind.eq_ignore_ascii_case(k))
        })
    }
}

/// Names for people, sorted, at most `max` of them then "and N more".
pub(crate) fn name_list(idx: &SourceIndex<'_>, keys: &[&str], max: usize) -> String {
    let mut names: Vec<&str> = keys
        .iter()
        .map(|k| match idx.get(k) {
            Some(n) => idx.name(idx.key(n)),
            None => k,
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut out = names
        .iter()
        .take(max)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        out.push_str(&format!(" and {} more", names.len() - max));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A declared source for tests.
    pub(crate) fn src(key: &str, kind: &str, deps: &[&str]) -> SourceInfo {
        SourceInfo {
            key: key.into(),
            name: key.to_uppercase(),
            kind: kind.into(),
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn depends_on_joins_voices_transitively_and_survives_cycles() {
        let sources = vec![
            src("a", "outlet", &["b"]),
            src("b", "agency", &["c"]),
            src("c", "outlet", &["a"]),
            src("d", "outlet", &[]),
        ];
        let idx = SourceIndex::new(&sources);
        assert_eq!(idx.voice("a"), idx.voice("c"));
        assert_eq!(idx.voice("b"), idx.voice("c"));
        assert_ne!(idx.voice("a"), idx.voice("d"));
        assert_eq!(idx.voice("zzz"), Voice::Unknown("zzz"));
    }

    #[test]
    fn undeclared_dependency_still_joins_its_relayers() {
        let sources = vec![src("a", "outlet", &["wire"]), src("b", "outlet", &["wire"])];
        let idx = SourceIndex::new(&sources);
        assert_eq!(idx.voice("a"), idx.voice("b"));
        assert_eq!(idx.name("wire"), "wire");
        assert_eq!(idx.name("a"), "A");
    }

    #[test]
    fn state_and_anonymous_kinds() {
        let mut rt = src("rt", "outlet", &[]);
        rt.state_affiliated = true;
        let sources = vec![
            rt,
            src("mod", "government", &[]),
            src("spox", "Official", &[]),
            src("anon", "anonymous", &[]),
            src("bbc", "outlet", &[]),
        ];
        let idx = SourceIndex::new(&sources);
        assert!(idx.is_state("rt") && idx.is_state("mod") && idx.is_state("spox"));
        assert!(!idx.is_state("bbc") && !idx.is_state("unknown"));
        assert!(idx.is_anonymous("anon") && !idx.is_anonymous("bbc"));
    }

    #[test]
    fn name_list_caps_and_counts() {
        let sources = vec![src("a", "outlet", &[]), src("b", "outlet", &[])];
        let idx = SourceIndex::new(&sources);
        assert_eq!(name_list(&idx, &["b", "a", "x"], 2), "A, B and 1 more");
    }
}
