//! `claims fsck`: recompute every hash and walk every chain, so a change made behind the
//! program's back (an edited row, a removed version) is found and named.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::Result;
use crate::hash::{self, VersionInput};
use crate::model::{Action, ClaimId, Hash, Version};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// One inconsistency, located precisely.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    /// The claim involved.
    pub claim: String,
    /// Its version number, when one version is at fault.
    pub seq: Option<u32>,
    /// The stored hash of that version.
    pub version: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// What fsck checked and found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FsckReport {
    /// Claims checked.
    pub claims: u64,
    /// Versions checked.
    pub versions: u64,
    /// Everything found wrong; empty when the workspace is sound.
    pub problems: Vec<Problem>,
}

/// Where each claim's chain stands while versions stream past in storage order.
struct Chain {
    next_seq: u32,
    prev: Hash,
    head_seq: Option<u32>,
    heads: u32,
}

/// Claim ids are already uniform hashes: their first 8 bytes index the table directly.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(b);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

/// A claim id as 128 bits (ids are 32 letters k–z, one per nibble).
fn id_bits(id: &ClaimId) -> u128 {
    id.as_str()
        .bytes()
        .fold(0u128, |acc, b| (acc << 4) | u128::from(b - b'k'))
}

/// Rows travel from the reading thread to the checking thread in batches of this many.
const BATCH: usize = 2048;

/// Checks versions as they stream past; keeps one small record per claim.
struct Checker<'a> {
    config: &'a crate::config::Config,
    chains: HashMap<u128, Chain, BuildHasherDefault<IdHasher>>,
    report: FsckReport,
}

impl Checker<'_> {
    fn problem(&mut self, v: Option<&Version>, claim: &str, message: String) {
        self.report.problems.push(Problem {
            claim: claim.to_string(),
            seq: v.map(|v| v.seq),
            version: v.map(|v| v.hash.to_hex()),
            message,
        });
    }

    fn check(&mut self, row: Result<Version>, head: bool) {
        let v = match row {
            Ok(v) => v,
            Err(e) => return self.problem(None, "?", e.to_string()),
        };
        self.report.versions += 1;
        let claim = v.claim.as_str();
        let computed = hash::version_hash(&VersionInput {
            claim: &v.claim,
            seq: v.seq,
            parent: v.parent.as_ref(),
            action: v.action,
            fields: &v.fields,
            note: v.note.as_deref(),
            recorded_at: &v.recorded_at,
        });
        if computed != v.hash {
            self.problem(
                Some(&v),
                claim,
                format!(
                    "content does not match its hash (recomputed {})",
                    computed.short()
                ),
            );
        }
        let key = id_bits(&v.claim);
        let (expected_seq, expected_parent) = match self.chains.get(&key) {
            Some(c) => (c.next_seq, Some(c.prev)),
            None => (1, None),
        };
        if v.seq != expected_seq {
            self.problem(
                Some(&v),
                claim,
                format!(
                    "version {} found where version {expected_seq} was expected",
                    v.seq
                ),
            );
        }
        if v.parent != expected_parent {
            self.problem(
                Some(&v),
                claim,
                "parent hash does not match the previous version".into(),
            );
        }
        if v.seq == 1 {
            if hash::claim_id(&v.fields) != v.claim {
                self.problem(
                    Some(&v),
                    claim,
                    "first version's content does not derive the claim id".into(),
                );
            }
            if v.action == Action::Retract {
                self.problem(Some(&v), claim, "the first version is a retraction".into());
            }
        }
        for key in std::iter::once(&v.fields.origin).chain(&v.fields.via) {
            if !self.config.sources.contains_key(key) {
                let msg =
                    format!("refers to source `{key}`, which workspace.toml does not declare");
                self.problem(Some(&v), claim, msg);
            }
        }
        let c = self.chains.entry(key).or_insert(Chain {
            next_seq: 1,
            prev: v.hash,
            head_seq: None,
            heads: 0,
        });
        c.next_seq = v.seq + 1;
        c.prev = v.hash;
        if head {
            c.head_seq = Some(v.seq);
            c.heads += 1;
        }
    }

    fn finish(mut self) -> FsckReport {
        self.report.claims = self.chains.len() as u64;
        let mut misplaced: Vec<u128> = self
            .chains
            .iter()
            .filter(|(_, c)| c.heads != 1 || c.head_seq != Some(c.next_seq - 1))
            .map(|(id, _)| *id)
            .collect();
        misplaced.sort_unstable();
        for bits in misplaced {
            let id = ClaimId::from_bytes(bits.to_be_bytes());
            self.problem(
                None,
                id.as_str(),
                "head marker is not on the newest version".into(),
            );
        }
        self.report
    }
}

impl Workspace {
    /// Recomputes every version hash and checks every chain and every source reference. One
    /// thread reads the database while another hashes, so both cores work.
    pub fn fsck(&self) -> Result<FsckReport> {
        let mut checker = Checker {
            config: self.config(),
            chains: HashMap::default(),
            report: FsckReport::default(),
        };
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(Result<Version>, bool)>>(8);
            let worker = scope.spawn(move || {
                for batch in rx {
                    for (row, head) in batch {
                        checker.check(row, head);
                    }
                }
                checker.finish()
            });
            let mut batch = Vec::with_capacity(BATCH);
            let read = self.store().for_each_version(&mut |row, head| {
                batch.push((row, head));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // A closed channel means the checker died; its panic surfaces at join.
                    let _ = tx.send(full);
                }
                Ok(())
            });
            let _ = tx.send(batch);
            drop(tx);
            let report = worker.join().expect("fsck checker thread panicked");
            read.map(|()| report)
        })
        .and_then(|mut report| {
            self.check_verdicts(&mut report)?;
            Ok(report)
        })
    }

    /// Verdicts are chained per proposition like claim versions; check them the same way.
    fn check_verdicts(&self, report: &mut FsckReport) -> Result<()> {
        let mut prev: Option<(String, u32, Hash)> = None;
        for v in self.store().verdicts(None)? {
            let computed = hash::verdict_hash(
                &v.about,
                v.seq,
                v.parent.as_ref(),
                v.rating,
                v.value.as_deref(),
                v.note.as_deref(),
                &v.recorded_at,
            );
            let mut bad = |message: String| {
                report.problems.push(Problem {
                    claim: format!("verdict on {}", v.about),
                    seq: Some(v.seq),
                    version: Some(v.hash.to_hex()),
                    message,
                })
            };
            if computed != v.hash {
                bad(format!(
                    "content does not match its hash (recomputed {})",
                    computed.short()
                ));
            }
            let (want_seq, want_parent) = match &prev {
                Some((about, seq, h)) if *about == v.about => (seq + 1, Some(*h)),
                _ => (1, None),
            };
            if v.seq != want_seq {
                bad(format!(
                    "version {} found where version {want_seq} was expected",
                    v.seq
                ));
            }
            if v.parent != want_parent {
                bad("parent hash does not match the previous verdict".into());
            }
            prev = Some((v.about.clone(), v.seq, v.hash));
        }
        Ok(())
    }
}
