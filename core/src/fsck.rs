//! `claims fsck`: recompute every hash and walk every chain, so a change made behind the
//! program's back (an edited row, a removed version) is found and named.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;
use std::sync::mpsc::TrySendError;

use crate::config::Config;
use crate::error::Result;
use crate::hash::{self, FieldsRef, VersionRef};
use crate::model::{Action, ClaimId, Hash, is_id_prefix};
use crate::storage::{RawBatch, RawVersion, Reader};
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

/// Rows travel from the reading thread to the checking threads in batches of this many.
const BATCH: usize = 2048;

/// What the chain walk needs of one row that the row check already hashed.
struct Meta {
    /// Index of the row in its batch, to keep problems in row order.
    row: u32,
    claim: u128,
    seq: u32,
    stored: [u8; 32],
    parent: Option<[u8; 32]>,
    head: bool,
}

/// A batch after the row checks: what the chain walk needs, and the problems found so far
/// (each with the index of its row).
#[derive(Default)]
struct Checked {
    metas: Vec<Meta>,
    problems: Vec<(u32, Problem)>,
}

fn problem(claim: &str, seq: Option<u32>, version: Option<&[u8; 32]>, message: String) -> Problem {
    Problem {
        claim: claim.to_string(),
        seq,
        version: version.map(|h| Hash(*h).to_hex()),
        message,
    }
}

/// Checks everything one row can tell alone: its columns, its sources, its hash and (for a
/// first version) the claim id its content derives. `buf` is scratch space for the encoding.
fn check_row(
    config: &Config,
    row: &RawVersion<'_>,
    buf: &mut Vec<u8>,
    problems: &mut Vec<Problem>,
) -> std::result::Result<Meta, Problem> {
    let at = |msg: String| problem(row.claim, u32::try_from(row.seq).ok(), None, msg);
    let claim: [u8; 32] = match row.claim.as_bytes().try_into() {
        Ok(letters) if is_id_prefix(row.claim) => letters,
        _ => return Err(at("stored claim id is malformed".into())),
    };
    let bits = id_bits(&claim);
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
    let mut bad = |msg: String| problems.push(problem(row.claim, Some(seq), Some(&stored), msg));
    for key in std::iter::once(&row.origin).chain(&via) {
        if !config.sources.contains_key(*key) {
            bad(format!(
                "refers to source `{key}`, which workspace.toml does not declare"
            ));
        }
    }
    let content = hash::content_digest_into(
        buf,
        &FieldsRef {
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
    );
    hash::encode_version_into(
        buf,
        &VersionRef {
            claim: row.claim,
            seq,
            parent: parent.as_ref(),
            action: row.action,
            content: &content.0,
            note: row.note,
            recorded_at: row.recorded_at,
        },
    );
    if let Some(fault) = hash_fault(&stored, blake3::hash(buf).as_bytes()) {
        bad(fault);
    }
    if seq == 1 {
        // A first version's content must derive its claim's id, and it must not retract.
        let derived = u128::from_be_bytes(content.0[..16].try_into().expect("16 bytes"));
        if derived != bits {
            bad("first version's content does not derive the claim id".into());
        }
        if retract {
            bad("the first version is a retraction".into());
        }
    }
    Ok(Meta {
        row: 0,
        claim: bits,
        seq,
        stored,
        parent,
        head: row.head,
    })
}

/// Runs the row checks over a whole batch.
fn check_batch(config: &Config, batch: &RawBatch, buf: &mut Vec<u8>) -> Checked {
    let mut out = Checked::default();
    let mut found = Vec::new();
    for i in 0..batch.len() {
        let result = batch
            .row(i)
            .map_err(|e| problem("?", None, None, e.to_string()))
            .and_then(|row| check_row(config, &row, buf, &mut found));
        let row = i as u32;
        out.problems.extend(found.drain(..).map(|p| (row, p)));
        match result {
            Ok(meta) => out.metas.push(Meta { row, ..meta }),
            Err(p) => out.problems.push((row, p)),
        }
    }
    out
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

/// The chain walk: keeps one small record per claim.
#[derive(Default)]
struct Checker {
    chains: HashMap<u128, Chain, BuildHasherDefault<IdHasher>>,
    /// Claims whose first row is also their head: complete in one row, so they need no chain
    /// entry (most claims are never corrected). Duplicates are found by sorting at the end.
    singles: Vec<u128>,
    report: FsckReport,
}

impl Checker {
    /// Walks the chains through one checked batch; batches must arrive in storage order.
    fn apply(&mut self, checked: Checked) {
        let mut problems = checked.problems.into_iter().peekable();
        for m in &checked.metas {
            while let Some((_, p)) = problems.next_if(|(row, _)| *row <= m.row) {
                self.report.problems.push(p);
            }
            self.walk(m);
        }
        self.report.problems.extend(problems.map(|(_, p)| p));
    }

    fn walk(&mut self, m: &Meta) {
        self.report.versions += 1;
        let chain = self.chains.get(&m.claim);
        if m.seq == 1 && m.head && m.parent.is_none() && chain.is_none() {
            self.singles.push(m.claim);
            return;
        }
        let (expected_seq, expected_parent) = match chain {
            Some(c) => (c.next_seq, Some(c.prev)),
            None => (1, None),
        };
        let faults: Vec<String> =
            link_faults(m.seq, m.parent, expected_seq, expected_parent, "version").collect();
        if !faults.is_empty() {
            let id = ClaimId::from_bytes(m.claim.to_be_bytes());
            for fault in faults {
                self.report.problems.push(problem(
                    id.as_str(),
                    Some(m.seq),
                    Some(&m.stored),
                    fault,
                ));
            }
        }
        let c = self.chains.entry(m.claim).or_insert(Chain {
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

/// Puts checked batches, finished in any order, back in storage order for the chain walk.
#[derive(Default)]
struct InOrder {
    next: usize,
    waiting: BTreeMap<usize, Checked>,
    checker: Checker,
}

impl InOrder {
    fn put(&mut self, index: usize, checked: Checked) {
        self.waiting.insert(index, checked);
        while let Some(c) = self.waiting.remove(&self.next) {
            self.checker.apply(c);
            self.next += 1;
        }
    }
}

impl Workspace {
    /// Recomputes every version hash and checks every chain and every source reference. One
    /// thread reads rows in batches; every core (the reader too, when the queue is full)
    /// checks batches; the chain walk takes checked batches back in storage order.
    pub fn fsck(&self) -> Result<FsckReport> {
        self.fsck_in_batches(BATCH)
    }

    /// [`Workspace::fsck`] with batches of `rows` rows (tests use tiny ones to cross batches).
    fn fsck_in_batches(&self, rows: usize) -> Result<FsckReport> {
        let config = self.config();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let walk = Mutex::new(InOrder::default());
        // Checked batches come back here, so the reader refills them instead of allocating.
        let emptied = Mutex::new(Vec::new());
        let check = |index: usize, batch: RawBatch, buf: &mut Vec<u8>| {
            let checked = check_batch(config, &batch, buf);
            emptied
                .lock()
                .expect("fsck batch pool poisoned")
                .push(batch);
            walk.lock()
                .expect("fsck chain walk poisoned")
                .put(index, checked);
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, RawBatch)>(2 * threads);
        let rx = Mutex::new(rx);
        let read = std::thread::scope(|scope| {
            let drain = || {
                let mut buf = Vec::with_capacity(1024);
                loop {
                    let next = rx.lock().expect("fsck queue poisoned").recv();
                    match next {
                        Ok((index, batch)) => check(index, batch, &mut buf),
                        Err(_) => break,
                    }
                }
            };
            for _ in 1..threads {
                scope.spawn(drain);
            }
            let mut buf = Vec::with_capacity(1024);
            let mut index = 0;
            let read = self.store().for_each_version_batch(rows, &mut |batch| {
                match tx.try_send((index, batch)) {
                    Ok(()) => {}
                    Err(TrySendError::Full((i, batch))) => check(i, batch, &mut buf),
                    // Only a checking thread's panic closes the queue; it surfaces at join.
                    Err(TrySendError::Disconnected((i, batch))) => check(i, batch, &mut buf),
                }
                index += 1;
                let reused = emptied.lock().expect("fsck batch pool poisoned").pop();
                Ok(reused.unwrap_or_default())
            });
            drop(tx);
            drain();
            read
        });
        read?;
        let mut report = walk
            .into_inner()
            .expect("fsck chain walk poisoned")
            .checker
            .finish();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{ClaimInput, ClaimPatch};
    use crate::workspace::init;

    /// A workspace with chains that cross batch boundaries: claims corrected several times,
    /// their versions interleaved with other claims' in storage order.
    fn workspace() -> (tempfile::TempDir, Workspace, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        std::fs::write(
            dir.path().join("workspace.toml"),
            "[sources.nyt]\nname = \"NYT\"\nkind = \"outlet\"\n\n[sources.us]\nname = \"US officials\"\nkind = \"official\"\n",
        )
        .unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let mut ids = Vec::new();
        for i in 0..40 {
            let input = ClaimInput {
                source: "us".into(),
                via: vec!["nyt".into()],
                text: format!("كيم يزور روسيا {i}"),
                ..ClaimInput::default()
            };
            ids.push(ws.add(&input).unwrap().id.to_string());
        }
        for round in 0..3 {
            for id in ids.iter().step_by(3) {
                let patch = ClaimPatch {
                    text: Some(format!("{id} correction {round}")),
                    ..ClaimPatch::default()
                };
                ws.edit(id, &patch, "corrected").unwrap();
            }
        }
        (dir, ws, ids)
    }

    fn messages(r: &FsckReport) -> Vec<String> {
        r.problems
            .iter()
            .map(|p| format!("{} {:?} {}", p.claim, p.seq, p.message))
            .collect()
    }

    #[test]
    fn batches_of_any_size_give_the_same_report() {
        let (_dir, ws, ids) = workspace();
        let whole = ws.fsck_in_batches(BATCH).unwrap();
        assert_eq!((whole.claims, whole.versions), (40, 40 + 3 * 14));
        assert!(whole.problems.is_empty(), "{:?}", messages(&whole));
        for rows in [1, 2, 3, 7] {
            let r = ws.fsck_in_batches(rows).unwrap();
            assert_eq!((r.claims, r.versions), (whole.claims, whole.versions));
            assert!(
                r.problems.is_empty(),
                "batches of {rows}: {:?}",
                messages(&r)
            );
        }

        // Break a late version's text and an early claim's chain; every batch size must name
        // the same faults in the same order.
        let conn = ws.store().connection();
        conn.execute(
            "UPDATE versions SET text = 'forged' WHERE claim = ?1 AND seq = 3",
            [&ids[3]],
        )
        .unwrap();
        conn.execute(
            "DELETE FROM versions WHERE claim = ?1 AND seq = 2",
            [&ids[0]],
        )
        .unwrap();
        let whole = messages(&ws.fsck_in_batches(BATCH).unwrap());
        let forged = format!("{} Some(3) content does not match its hash", ids[3]);
        assert!(whole.iter().any(|m| m.starts_with(&forged)), "{whole:?}");
        assert!(
            whole.contains(&format!(
                "{} Some(3) version 3 found where version 2 was expected",
                ids[0]
            )),
            "{whole:?}"
        );
        for rows in [1, 2, 3, 7] {
            assert_eq!(
                messages(&ws.fsck_in_batches(rows).unwrap()),
                whole,
                "batches of {rows}"
            );
        }
    }
}
