//! fsck's walk of the workspace log: every entry's leaf and chain link recomputed, every
//! signature checked, the root compared with the stored state and with `.claims/HEAD`, and every
//! record cross-checked against its entry, so a record removed, added or moved behind claims'
//! back is named.

use std::collections::HashMap;
use std::path::Path;

use super::{Audited, Part, Problem, hash32, record_problem, shown};
use crate::history::{
    CHAIN_START, EntryKind, EntryRef, Frontier, HEAD_FILE, HeadFile, chain_link, merkle,
};
use crate::model::Hash;
use crate::storage::{AuditTable, RawVersion, Reader, Store, StoredCell as Cell};
use crate::workspace::Workspace;

/// What a version row says of its log entry: checked against the log once both are read.
pub(crate) struct LoggedVersion {
    entry: Option<i64>,
    hash: [u8; 32],
    retract: bool,
    claim: [u8; 32],
    seq: u32,
}

impl LoggedVersion {
    /// The row's entry, when its hash and id are well-formed (a malformed row is the version
    /// check's to report).
    pub(super) fn of(row: &RawVersion<'_>) -> Option<LoggedVersion> {
        Some(LoggedVersion {
            entry: row.entry,
            hash: row.hash.try_into().ok()?,
            retract: row.action == "retract",
            claim: row.claim.as_bytes().try_into().ok()?,
            seq: u32::try_from(row.seq).ok()?,
        })
    }
}

/// What the log walk learns for the record cross-check and the head comparison.
#[derive(Default)]
pub(super) struct LogWalk {
    /// Problems found in the entries themselves.
    problems: Vec<Problem>,
    /// Each entry's kind and record hash, in walk order.
    records: Vec<(Option<EntryKind>, [u8; 32])>,
    /// Each entry's stored position, in walk order.
    seqs: Vec<u64>,
    /// Whether a record was found for each entry (by index).
    found: Vec<bool>,
    /// The Merkle tree of the leaves as recomputed from the entries' fields, grown entry by
    /// entry on the walk's own thread (its root costs nothing after the walk).
    tree: Frontier,
    /// The root of the first `chain_at.0` leaves (the size the head file recorded).
    root_at: Option<[u8; 32]>,
    /// The last chain link as recomputed.
    chain: [u8; 32],
    /// The entry count at which the head file's chain link is to be compared, and the link
    /// recomputed there.
    chain_at: (usize, Option<[u8; 32]>),
    /// The first entry whose stored link did not follow; later ones are judged from there.
    chain_broken: bool,
}

/// Walks the log on a connection of its own (fsck runs it beside the versions walk).
pub(super) fn walk_log(db: &Path) -> LogWalk {
    let head = HeadFile::read(&db.with_file_name(HEAD_FILE)).ok().flatten();
    let mut walk = LogWalk {
        chain: CHAIN_START,
        chain_at: (head.map_or(0, |h| h.head.size as usize), None),
        ..LogWalk::default()
    };
    if !db.exists() {
        // A fresh clone that never recorded anything: read commands see an empty store (and a
        // HEAD without its database is refused before fsck runs), so there is no log to read.
        return walk;
    }
    let read = Store::open_for_scan(db).and_then(|store| {
        // The stored size (checked later) only sizes the buffers, within reason: a hostile
        // file's claim of 2^60 entries must not become an allocation.
        let expected = store
            .log_state()
            .map_or(0, |s| s.frontier.size())
            .min(1 << 24) as usize;
        walk.seqs.reserve(expected);
        walk.records.reserve(expected);
        walk.found.reserve(expected);
        store.for_each_audit_row(AuditTable::Log, &mut |row| audit_entry(row, &mut walk))
    });
    if let Err(e) = read {
        walk.problems.push(super::database_problem(format!(
            "the log could not all be read: {e}"
        )));
    }
    walk
}

impl LogWalk {
    /// Adds the next leaf to the tree, keeping the root at the head file's size on the way.
    fn grow(&mut self, leaf: [u8; 32]) {
        self.tree.push(leaf);
        if self.tree.size() == self.chain_at.0 as u64 {
            self.root_at = Some(self.tree.root());
        }
    }

    /// The index of the entry stored at position `seq`.
    fn index_of(&self, seq: i64) -> Option<usize> {
        let seq = u64::try_from(seq).ok()?;
        let guess = usize::try_from(seq).ok()?.checked_sub(1)?;
        if self.seqs.get(guess) == Some(&seq) {
            return Some(guess);
        }
        self.seqs.binary_search(&seq).ok()
    }
}

fn log_problem(seq: u64, message: String) -> Problem {
    record_problem(Part::Log, format!("log entry #{seq}"), None, message)
}

impl Workspace {
    /// Takes the log walk's findings, then compares the log with its stored state,
    /// `.claims/HEAD` and every record.
    pub(super) fn audit_log(
        &self,
        mut walk: LogWalk,
        logged: Vec<LoggedVersion>,
        audited: &mut Audited,
    ) {
        audited.report.problems.append(&mut walk.problems);
        audited.report.entries = walk.tree.size();
        self.compare_heads(&walk, audited);
        check_versions_logged(&mut walk, logged, audited);
        self.cross_check(&mut walk, audited);
    }

    /// The recomputed root against the stored log state and the head file.
    fn compare_heads(&self, walk: &LogWalk, audited: &mut Audited) {
        let problems = &mut audited.report.problems;
        let n = walk.tree.size();
        let root = walk.tree.root();
        audited.report.root = Some(Hash(root).to_hex());
        match self.store().log_state() {
            Ok(state) => {
                if state.frontier.size() != n || state.frontier.root() != root {
                    problems.push(log_problem(
                        n,
                        format!(
                            "the stored log state says {} entries with root {}, but the entries give {n} with root {}",
                            state.frontier.size(),
                            Hash(state.frontier.root()).short(),
                            Hash(root).short()
                        ),
                    ));
                }
            }
            Err(e) => problems.push(super::database_problem(format!("{e}"))),
        }
        let path = self.root().join(crate::workspace::DATA_DIR).join(HEAD_FILE);
        match HeadFile::read(&path) {
            Ok(None) => {}
            Err(e) => problems.push(super::database_problem(e.to_string())),
            Ok(Some(rec)) if rec.head.size > n => problems.push(super::database_problem(format!(
                "the log has {n} entries but {} recorded {}: entries {}..{} were removed{}",
                path.display(),
                rec.head.size,
                n + 1,
                rec.head.size,
                if n == 0 {
                    " (the database is empty: it was deleted or replaced)"
                } else {
                    ""
                }
            ))),
            Ok(Some(rec)) => {
                let size = rec.head.size as usize;
                let prefix = if size as u64 == n {
                    root
                } else if size == 0 {
                    merkle::root(&[])
                } else {
                    walk.root_at.unwrap_or_default()
                };
                let chain = if size == 0 {
                    CHAIN_START
                } else {
                    walk.chain_at.1.unwrap_or_default()
                };
                if prefix != rec.head.root || chain != rec.chain {
                    problems.push(super::database_problem(format!(
                        "the first {size} entries no longer hash to the head {} recorded ({}): history was rewritten",
                        path.display(),
                        rec.head
                    )));
                }
            }
        }
    }

    /// Every record must have its entry, and every entry its record.
    fn cross_check(&self, walk: &mut LogWalk, audited: &mut Audited) {
        let problems = &mut audited.report.problems;
        let by_record: HashMap<[u8; 32], (EntryKind, usize)> = walk
            .records
            .iter()
            .enumerate()
            .filter_map(|(i, (k, r))| match k {
                Some(EntryKind::ClaimVersion | EntryKind::ClaimRetraction) | None => None,
                Some(k) => Some((*r, (*k, i))),
            })
            .collect();
        let read = self.store().for_each_audit_row(AuditTable::Records, &mut |row| {
            let (Some(kind), Some(record)) = (row[0].text().and_then(EntryKind::parse), hash32(&row[3]))
            else {
                return; // a malformed record is its own audit's to report
            };
            let seq = row[2].integer().and_then(|s| u32::try_from(s).ok());
            match by_record.get(&record) {
                Some((k, at)) if *k == kind => walk.found[*at] = true,
                other => {
                    let (part, name) = record_name(kind, &shown(&row[1]));
                    let message = match other {
                        Some((k, at)) => format!(
                            "its log entry #{} records a {}, not a {}",
                            walk.seqs[*at],
                            k.as_str(),
                            kind.as_str()
                        ),
                        None => "has no log entry: it was written behind claims' back, or its entry was removed".into(),
                    };
                    problems.push(Problem {
                        version: Some(Hash(record).to_hex()),
                        ..record_problem(part, name, seq, message)
                    });
                }
            }
        });
        if let Err(e) = read {
            problems.push(super::database_problem(format!(
                "records could not all be read for the log cross-check: {e}"
            )));
            return;
        }
        for (i, found) in walk.found.iter().enumerate() {
            if !found {
                let seq = walk.seqs[i];
                let Some(kind) = walk.records[i].0 else {
                    continue;
                };
                let subject = self
                    .store()
                    .log_entry(seq)
                    .ok()
                    .flatten()
                    .map(|e| e.subject);
                let (_, name) = record_name(kind, subject.as_deref().unwrap_or("?"));
                problems.push(log_problem(
                    seq,
                    format!(
                        "records a {} of {name}, which is not stored: it was deleted",
                        kind.as_str()
                    ),
                ));
            }
        }
    }
}

/// How a record of `kind` about `subject` is named in a report.
fn record_name(kind: EntryKind, subject: &str) -> (Part, String) {
    match kind {
        EntryKind::ClaimVersion | EntryKind::ClaimRetraction => (Part::Claim, subject.to_string()),
        EntryKind::Proposition => (Part::Proposition, format!("proposition {subject}")),
        EntryKind::Verdict => (Part::Verdict, format!("verdict on {subject}")),
        EntryKind::Source => (Part::Log, format!("source {subject}")),
        EntryKind::Document => (
            Part::Document,
            format!("document {}", subject.get(..12).unwrap_or(subject)),
        ),
        EntryKind::Finding => (Part::Finding, format!("finding of run {subject}")),
    }
}

/// One log row: its position, fields, leaf, signature and chain link.
fn audit_entry(row: &[Cell], walk: &mut LogWalk) {
    let previous = walk.seqs.last().copied().unwrap_or(0);
    let problems = &mut walk.problems;
    let seq = row[0].integer().map_or(0, |s| s as u64);
    if seq != previous + 1 {
        let missing = if seq > previous + 2 {
            format!("entries #{}..#{} are", previous + 1, seq - 1)
        } else {
            format!("entry #{} is", previous + 1)
        };
        problems.push(log_problem(
            previous + 1,
            format!("{missing} missing: the log goes from entry #{previous} to #{seq} (removed or renumbered)"),
        ));
    }
    let expected = seq;
    walk.seqs.push(seq);

    fn text<'a>(c: &Cell<'a>) -> Option<&'a [u8]> {
        c.text().map(str::as_bytes)
    }
    fn opt<'a>(c: &Cell<'a>) -> Option<Option<&'a [u8]>> {
        match c {
            Cell::Null => Some(None),
            Cell::Text(t) => Some(Some(*t)),
            Cell::Blob(b) => Some(Some(*b)),
            _ => None,
        }
    }
    let fields = (
        row[1].text(),
        text(&row[2]),
        row[3].blob(),
        text(&row[4]),
        text(&row[5]),
        opt(&row[6]),
        opt(&row[7]),
        opt(&row[8]),
    );
    let (
        Some(kind),
        Some(subject),
        Some(record),
        Some(at),
        Some(analyst),
        Some(email),
        Some(key),
        Some(sig),
    ) = fields
    else {
        problems.push(log_problem(
            expected,
            "is malformed (a column is missing or of the wrong type)".into(),
        ));
        walk.grow([0; 32]);
        walk.found.push(true);
        walk.records.push((None, [0; 32]));
        return;
    };
    let entry = EntryRef {
        kind,
        subject,
        record,
        at,
        analyst,
        email,
        key,
        signature: sig,
    };
    let leaf = entry.leaf();
    if hash32(&row[9]) != Some(leaf) {
        problems.push(log_problem(
            expected,
            "its fields do not match its leaf hash: the entry was altered".into(),
        ));
    }
    match (key, sig) {
        (None, None) => {}
        (Some(k), Some(s)) => {
            if !crate::identity::verify(k, &entry.signed_bytes(), s) {
                problems.push(log_problem(
                    expected,
                    "its signature does not verify: forged, or the entry was altered".into(),
                ));
            }
        }
        _ => problems.push(log_problem(
            expected,
            "has a key without a signature or a signature without a key".into(),
        )),
    }
    let kind = EntryKind::parse(kind);
    if kind.is_none() {
        problems.push(log_problem(
            expected,
            format!("its kind `{}` is not one claims writes", shown(&row[1])),
        ));
    }
    let chain = chain_link(&walk.chain, &leaf);
    let stored_chain = hash32(&row[10]);
    if stored_chain != Some(chain) && !walk.chain_broken {
        walk.chain_broken = true;
        problems.push(log_problem(
            expected,
            "its chain link does not follow from the entry before it: an entry was removed, moved or altered here".into(),
        ));
    }
    match (kind, <[u8; 32]>::try_from(record)) {
        (Some(kind), Ok(record)) => {
            walk.records.push((Some(kind), record));
            walk.found.push(false);
        }
        _ => {
            if kind.is_some() {
                problems.push(log_problem(
                    expected,
                    "its record hash is not 32 bytes".into(),
                ));
            }
            walk.found.push(true);
            walk.records.push((None, [0; 32]));
        }
    }
    walk.grow(leaf);
    walk.chain = chain;
    if walk.tree.size() == walk.chain_at.0 as u64 {
        walk.chain_at.1 = Some(chain);
    }
}

/// Each version must name the entry that records it (by position), and no entry may be
/// claimed twice.
fn check_versions_logged(walk: &mut LogWalk, logged: Vec<LoggedVersion>, audited: &mut Audited) {
    let problems = &mut audited.report.problems;
    for v in logged {
        let kind = if v.retract {
            EntryKind::ClaimRetraction
        } else {
            EntryKind::ClaimVersion
        };
        let at = v.entry.and_then(|e| walk.index_of(e));
        let fault = match at {
            Some(i) if walk.records[i] == (Some(kind), v.hash) && !walk.found[i] => {
                walk.found[i] = true;
                None
            }
            Some(i) if walk.records[i] == (Some(kind), v.hash) => Some(format!(
                "its log entry #{} already records another stored row: this one was copied in",
                walk.seqs[i]
            )),
            _ => Some(
                "has no log entry: it was written behind claims' back, or its entry was removed"
                    .to_string(),
            ),
        };
        if let Some(message) = fault {
            let claim = String::from_utf8_lossy(&v.claim).into_owned();
            problems.push(Problem {
                version: Some(Hash(v.hash).to_hex()),
                ..record_problem(Part::Claim, claim, Some(v.seq), message)
            });
        }
    }
}
