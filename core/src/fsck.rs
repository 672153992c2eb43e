//! `claims fsck`: recompute every hash and walk every chain, so a change made behind the
//! program's back (an edited row, a removed version) is found and named.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::config::Config;
use crate::error::Result;
use crate::hash::{self, FieldsRef, VersionRef};
use crate::model::{Action, ClaimId, Hash};
use crate::storage::{RawVersion, Reader};
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

/// Claim ids are already uniform hashes: their low 64 bits index the table directly.
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

/// A claim id's 32 letters k–z as 128 bits (one letter per nibble).
fn id_bits(id: &[u8; 32]) -> u128 {
    id.iter()
        .fold(0u128, |acc, b| (acc << 4) | u128::from(b - b'k'))
}

/// Rows travel from the reading thread to the hashing thread in batches of this many.
const BATCH: usize = 4096;

/// What the hashing thread needs of one row; its encoding lies in the batch's buffer.
struct Meta {
    claim: [u8; 32],
    seq: u32,
    stored: [u8; 32],
    parent: Option<[u8; 32]>,
    head: bool,
    retract: bool,
    encoding: Range<usize>,
    content: Range<usize>,
}

/// A batch of encoded rows, and the problems the reader already found (malformed rows,
/// unknown sources), in row order.
#[derive(Default)]
struct Batch {
    buf: Vec<u8>,
    metas: Vec<Meta>,
    problems: Vec<Problem>,
}

fn problem(claim: &str, seq: Option<u32>, version: Option<&[u8; 32]>, message: String) -> Problem {
    Problem {
        claim: claim.to_string(),
        seq,
        version: version.map(|h| Hash(*h).to_hex()),
        message,
    }
}

/// Reader side: validates a raw row and appends its canonical encoding to the batch.
fn encode_row(
    config: &Config,
    row: &RawVersion<'_>,
    batch: &mut Batch,
) -> std::result::Result<(), Problem> {
    let at = |msg: String| problem(row.claim, u32::try_from(row.seq).ok(), None, msg);
    let claim: [u8; 32] = match ClaimId::parse(row.claim) {
        Some(_) => row.claim.as_bytes().try_into().expect("32 letters"),
        None => return Err(at("stored claim id is malformed".into())),
    };
    let seq =
        u32::try_from(row.seq).map_err(|_| at("stored version number is malformed".into()))?;
    let stored: [u8; 32] = row
        .hash
        .try_into()
        .map_err(|_| at("stored hash is not 32 bytes".into()))?;
    let parent: Option<[u8; 32]> = match row.parent {
        Some(p) => Some(
            p.try_into()
                .map_err(|_| at("stored parent hash is not 32 bytes".into()))?,
        ),
        None => None,
    };
    let retract = match Action::parse(row.action) {
        Some(a) => a == Action::Retract,
        None => return Err(at(format!("stored action `{}` is malformed", row.action))),
    };
    if let Some(s) = row.stance {
        s.parse::<crate::model::Stance>()
            .map_err(|_| at(format!("stored stance `{s}` is malformed")))?;
    }
    let via_owned: Vec<String>;
    let via: Vec<&str> = if row.via == "[]" {
        Vec::new()
    } else {
        via_owned =
            serde_json::from_str(row.via).map_err(|_| at("stored via is malformed".into()))?;
        via_owned.iter().map(String::as_str).collect()
    };
    let doc = match (row.doc, row.span_start, row.span_end) {
        (None, None, None) => None,
        (Some(d), Some(s), Some(e)) => {
            let d: [u8; 32] = d
                .try_into()
                .map_err(|_| at("stored document hash is not 32 bytes".into()))?;
            Some((d, s as u64, e as u64))
        }
        _ => return Err(at("stored document reference is malformed".into())),
    };
    for key in std::iter::once(&row.origin).chain(&via) {
        if !config.sources.contains_key(*key) {
            batch.problems.push(problem(
                row.claim,
                Some(seq),
                Some(&stored),
                format!("refers to source `{key}`, which workspace.toml does not declare"),
            ));
        }
    }
    let start = batch.buf.len();
    let content = hash::encode_version_into(
        &mut batch.buf,
        &VersionRef {
            claim: row.claim,
            seq,
            parent: parent.as_ref(),
            action: row.action,
            fields: FieldsRef {
                origin: row.origin,
                via,
                text: row.text,
                about: row.about,
                stance: row.stance,
                value: row.value,
                quote: row.quote,
                said_on: row.said_on,
                reported_on: row.reported_on,
                url: row.url,
                lang: row.lang,
                doc,
            },
            note: row.note,
            recorded_at: row.recorded_at,
        },
    );
    batch.metas.push(Meta {
        claim,
        seq,
        stored,
        parent,
        head: row.head,
        retract,
        encoding: start..batch.buf.len(),
        content,
    });
    Ok(())
}

/// A record whose stored hash is not the hash of its content.
fn hash_fault(stored: &[u8; 32], computed: &[u8; 32]) -> Option<String> {
    (stored != computed).then(|| {
        format!(
            "content does not match its hash (recomputed {})",
            Hash(*computed).short()
        )
    })
}

/// What is wrong with a record's place in its chain (claim versions and verdicts alike): its
/// number and its link to the `previous` record.
fn link_faults(
    seq: u32,
    parent: Option<[u8; 32]>,
    want_seq: u32,
    want_parent: Option<[u8; 32]>,
    previous: &str,
) -> impl Iterator<Item = String> {
    let seq_fault = (seq != want_seq)
        .then(|| format!("version {seq} found where version {want_seq} was expected"));
    let link_fault = (parent != want_parent)
        .then(|| format!("parent hash does not match the previous {previous}"));
    seq_fault.into_iter().chain(link_fault)
}

/// Where each claim's chain stands while versions stream past in storage order.
struct Chain {
    next_seq: u32,
    prev: [u8; 32],
    head_seq: Option<u32>,
    heads: u32,
}

/// Hashing side: recomputes hashes and walks chains; keeps one small record per claim.
#[derive(Default)]
struct Checker {
    chains: HashMap<u128, Chain, BuildHasherDefault<IdHasher>>,
    /// Claims whose first row is also their head: complete in one row, so they need no chain
    /// entry (most claims are never corrected). Duplicates are found by sorting at the end.
    singles: Vec<u128>,
    report: FsckReport,
}

impl Checker {
    fn batch(&mut self, batch: Batch) {
        self.report.problems.extend(batch.problems);
        for m in &batch.metas {
            self.check(m, &batch.buf);
        }
    }

    fn check(&mut self, m: &Meta, buf: &[u8]) {
        self.report.versions += 1;
        let claim = std::str::from_utf8(&m.claim).expect("ascii letters");
        let mut bad = |msg: String| {
            self.report
                .problems
                .push(problem(claim, Some(m.seq), Some(&m.stored), msg))
        };
        let computed = blake3::hash(&buf[m.encoding.clone()]);
        if let Some(fault) = hash_fault(&m.stored, computed.as_bytes()) {
            bad(fault);
        }
        let key = id_bits(&m.claim);
        let chain = self.chains.get(&key);
        if m.seq == 1 && m.head && m.parent.is_none() && chain.is_none() {
            self.check_first(m, buf);
            self.singles.push(key);
            return;
        }
        let (expected_seq, expected_parent) = match chain {
            Some(c) => (c.next_seq, Some(c.prev)),
            None => (1, None),
        };
        link_faults(m.seq, m.parent, expected_seq, expected_parent, "version").for_each(&mut bad);
        if m.seq == 1 {
            self.check_first(m, buf);
        }
        let c = self.chains.entry(key).or_insert(Chain {
            next_seq: 1,
            prev: m.stored,
            head_seq: None,
            heads: 0,
        });
        c.next_seq = m.seq + 1;
        c.prev = m.stored;
        if m.head {
            c.head_seq = Some(m.seq);
            c.heads += 1;
        }
    }

    /// A first version must derive its claim's id and must not be a retraction.
    fn check_first(&mut self, m: &Meta, buf: &[u8]) {
        let mut h = blake3::Hasher::new();
        h.update(hash::CLAIM_ID_DOMAIN);
        h.update(&buf[m.content.clone()]);
        let digest = h.finalize();
        let derived = digest.as_bytes()[..16]
            .iter()
            .flat_map(|b| [b'k' + (b >> 4), b'k' + (b & 0x0f)])
            .eq(m.claim.iter().copied());
        let claim = std::str::from_utf8(&m.claim).expect("ascii letters");
        if !derived {
            let p = problem(
                claim,
                Some(m.seq),
                Some(&m.stored),
                "first version's content does not derive the claim id".into(),
            );
            self.report.problems.push(p);
        }
        if m.retract {
            let p = problem(
                claim,
                Some(m.seq),
                Some(&m.stored),
                "the first version is a retraction".into(),
            );
            self.report.problems.push(p);
        }
    }

    fn finish(mut self) -> FsckReport {
        self.singles.sort_unstable();
        let mut misplaced: Vec<u128> = self
            .chains
            .iter()
            .filter(|(_, c)| c.heads != 1 || c.head_seq != Some(c.next_seq - 1))
            .map(|(id, _)| *id)
            .collect();
        // A single-row claim seen again (twice as a first version, or with later rows) has more
        // than one head or a head that is not its newest row.
        let mut distinct = self.singles.len() as u64;
        for w in self.singles.windows(2) {
            if w[0] == w[1] {
                distinct -= 1;
                misplaced.push(w[0]);
            }
        }
        for id in &self.singles {
            if self.chains.contains_key(id) {
                distinct -= 1;
                misplaced.push(*id);
            }
        }
        misplaced.sort_unstable();
        misplaced.dedup();
        self.report.claims = self.chains.len() as u64 + distinct;
        misplaced.sort_unstable();
        for bits in misplaced {
            let id = ClaimId::from_bytes(bits.to_be_bytes());
            self.report.problems.push(problem(
                id.as_str(),
                None,
                None,
                "head marker is not on the newest version".into(),
            ));
        }
        self.report
    }
}

impl Workspace {
    /// Recomputes every version hash and checks every chain and every source reference. One
    /// thread reads and encodes rows while another hashes them, so both cores work.
    pub fn fsck(&self) -> Result<FsckReport> {
        let config = self.config();
        let report = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(16);
            let worker = scope.spawn(move || {
                let mut checker = Checker::default();
                for batch in rx {
                    checker.batch(batch);
                }
                checker.finish()
            });
            let mut batch = Batch::default();
            let read = self.store().for_each_raw_version(&mut |row| {
                match row {
                    Ok(row) => {
                        if let Err(p) = encode_row(config, &row, &mut batch) {
                            batch.problems.push(p);
                        }
                    }
                    Err(e) => batch.problems.push(problem("?", None, None, e.to_string())),
                }
                if batch.metas.len() == BATCH {
                    // A closed channel means the checker died; its panic surfaces at join.
                    let _ = tx.send(std::mem::take(&mut batch));
                }
                Ok(())
            });
            let _ = tx.send(batch);
            drop(tx);
            let report = worker.join().expect("fsck checker thread panicked");
            read.map(|()| report)
        })?;
        let mut report = report;
        self.check_verdicts(&mut report)?;
        Ok(report)
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
            if let Some(fault) = hash_fault(&v.hash.0, &computed.0) {
                bad(fault);
            }
            let (want_seq, want_parent) = match &prev {
                Some((about, seq, h)) if *about == v.about => (seq + 1, Some(h.0)),
                _ => (1, None),
            };
            link_faults(
                v.seq,
                v.parent.map(|p| p.0),
                want_seq,
                want_parent,
                "verdict",
            )
            .for_each(&mut bad);
            prev = Some((v.about.clone(), v.seq, v.hash));
        }
        Ok(())
    }
}
