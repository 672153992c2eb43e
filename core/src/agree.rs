//! `claims agree`: how often each pair of sources takes the same position, raw and
//! chance-corrected (Cohen's kappa, computed in [`crate::scoring::kappa`]), over each source's
//! latest standing positions (the rule in [`crate::positions`]).

use crate::error::Result;
use crate::positions::LatestPosition;
use crate::propositions::PropositionKind;
use crate::scoring::kappa::{self, Position};
use crate::workspace::Workspace;

/// Agreement between two sources.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourcePair {
    /// One source key.
    pub a: String,
    /// The other source key.
    pub b: String,
    /// Propositions both addressed.
    pub shared: u32,
    /// Of those, how many they took the same position on.
    pub agreements: u32,
    /// agreements / shared.
    pub observed: f64,
    /// Cohen's kappa (chance-corrected), when defined.
    pub kappa: Option<f64>,
}

/// The source x source agreement table of `agree --matrix`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KappaMatrix {
    /// Row and column labels, in name order.
    pub sources: Vec<String>,
    /// Cohen's kappa per pair (None: no shared proposition, or undefined).
    pub kappa: Vec<Vec<Option<f64>>>,
    /// Propositions each pair shares.
    pub shared: Vec<Vec<u32>>,
}

/// A pair of sources by index, with its agreement.
type IndexedPair = (u32, u32, kappa::PairAgreement);

impl Workspace {
    /// Source pairs sharing at least `min_shared` propositions, as indices into the returned
    /// names, sorted most shared first, then by names.
    fn indexed_kappa_pairs(&self, min_shared: u32) -> Result<(Vec<String>, Vec<IndexedPair>)> {
        let latest = self.latest_positions()?;
        let sources = latest.sources;
        let kinds = latest.kinds;
        let mut positions: Vec<Position> = Vec::new();
        let mut value_claims: Vec<(u32, u32, &str)> = Vec::new();
        for LatestPosition {
            source,
            about,
            stance,
            value,
        } in &latest.rows
        {
            match (kinds[*about as usize], stance, value) {
                (PropositionKind::Statement, Some(st), _) => {
                    positions.push(Position::stance(*about, *source, (*st).into()))
                }
                (PropositionKind::Value, _, Some(v)) => value_claims.push((*about, *source, v)),
                _ => {}
            }
        }
        positions.extend(kappa::value_positions(&value_claims));
        // Sort on integers (name ranks), then build the strings: comparing names of half a
        // million pairs dominated the run.
        let mut by_name: Vec<u32> = (0..sources.len() as u32).collect();
        by_name.sort_by(|x, y| sources[*x as usize].cmp(&sources[*y as usize]));
        let mut rank = vec![0u32; sources.len()];
        for (r, &i) in by_name.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let mut pairs: Vec<_> = kappa::pairwise_agreement(&positions)
            .into_iter()
            .filter(|p| p.shared >= min_shared.max(1))
            .map(|p| {
                let (x, y) = (rank[p.a as usize], rank[p.b as usize]);
                let (a, b) = if x <= y { (p.a, p.b) } else { (p.b, p.a) };
                (rank[a as usize], rank[b as usize], a, b, p)
            })
            .collect();
        pairs.sort_unstable_by(|x, y| {
            y.4.shared
                .cmp(&x.4.shared)
                .then(x.0.cmp(&y.0))
                .then(x.1.cmp(&y.1))
        });
        Ok((
            sources,
            pairs.into_iter().map(|(_, _, a, b, p)| (a, b, p)).collect(),
        ))
    }

    /// For each pair of sources that addressed at least `min_shared` of the same propositions,
    /// how often they agree, raw and chance-corrected (Cohen's kappa); most shared first.
    pub fn kappa_pairs(&self, min_shared: u32) -> Result<Vec<SourcePair>> {
        let (sources, pairs) = self.indexed_kappa_pairs(min_shared)?;
        Ok(pairs
            .into_iter()
            .map(|(a, b, p)| SourcePair {
                a: sources[a as usize].clone(),
                b: sources[b as usize].clone(),
                shared: p.shared,
                agreements: p.agreements,
                observed: p.observed,
                kappa: p.kappa,
            })
            .collect())
    }

    /// The source x source table of kappa and shared counts, over the sources that share at
    /// least `min_shared` propositions with another, in name order.
    pub fn kappa_matrix(&self, min_shared: u32) -> Result<KappaMatrix> {
        let (sources, pairs) = self.indexed_kappa_pairs(min_shared)?;
        let mut used: Vec<u32> = pairs.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        used.sort_unstable();
        used.dedup();
        used.sort_by(|x, y| sources[*x as usize].cmp(&sources[*y as usize]));
        let mut slot = vec![u32::MAX; sources.len()];
        for (i, &s) in used.iter().enumerate() {
            slot[s as usize] = i as u32;
        }
        let n = used.len();
        let mut kappa = vec![vec![None; n]; n];
        let mut shared = vec![vec![0u32; n]; n];
        for (a, b, p) in &pairs {
            let (i, j) = (slot[*a as usize] as usize, slot[*b as usize] as usize);
            kappa[i][j] = p.kappa;
            kappa[j][i] = p.kappa;
            shared[i][j] = p.shared;
            shared[j][i] = p.shared;
        }
        Ok(KappaMatrix {
            sources: used
                .into_iter()
                .map(|s| sources[s as usize].clone())
                .collect(),
            kappa,
            shared,
        })
    }
}
