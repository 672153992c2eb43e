//! `claims fsck`: recompute every hash and walk every chain, so a change made behind the
//! program's back (an edited row, a removed version) is found and named.
//!
//! It goes as far as `git fsck` and then some: SQLite's own check of the file (`quick`: its
//! `quick_check` of every table the walks below do not read row by row, and its cell checks on
//! every page they do read; `integrity_check` of everything with `--full`), every claim version (hash, chain in
//! sequence order, sources), every verdict (hash, rating, chain), every stored document (its bytes
//! against its hash, and every span that points into it), every proposition and every check
//! finding (well-formed, and naming versions that exist). A fault never stops the walk: the report
//! lists everything found, and a part that cannot be read at all is one more problem in it.

mod log;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Config;
use crate::error::Result;
use crate::hash::{self, FieldsRef, VersionRef};
use crate::model::{Action, ClaimId, Hash, is_id_prefix};
use crate::storage::{self, AuditTable, RawVersion, Reader, Store, StoredCell as Cell};
use crate::workspace::Workspace;

/// What kind of record a problem is about, so a report can be read (and filtered) by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The database file itself, as SQLite sees it, or a table that could not be read.
    Database,
    /// A claim version or chain.
    Claim,
    /// A verdict or its chain.
    Verdict,
    /// A stored document.
    Document,
    /// A declared proposition.
    Proposition,
    /// A stored check finding.
    Finding,
    /// The workspace log: an entry, the tree's root, the recorded head.
    Log,
}

/// One inconsistency, located precisely.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    /// Which part of the workspace it is in.
    pub part: Part,
    /// The record involved: a claim id, `verdict on KEY`, `document HASH`, `proposition KEY`,
    /// `finding N`, or the database file.
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
    /// Verdicts checked.
    pub verdicts: u64,
    /// Stored documents checked.
    pub documents: u64,
    /// Declared propositions checked.
    pub propositions: u64,
    /// Stored findings checked.
    pub findings: u64,
    /// Log entries checked.
    pub entries: u64,
    /// The log's root as recomputed from its entries (hex).
    pub root: Option<String>,
    /// Which SQLite check ran over the file: `quick` (see the module doc) or `integrity_check`.
    pub storage_check: &'static str,
    /// Everything found wrong; empty when the workspace is sound.
    pub problems: Vec<Problem>,
}

/// A claim id's 32 letters k–z as 128 bits (one letter per nibble).
fn id_bits(id: &[u8; 32]) -> u128 {
    id.iter()
        .fold(0u128, |acc, b| (acc << 4) | u128::from(b - b'k'))
}

/// The versions are read and checked in rowid ranges of about this many rows.
const BATCH: usize = 2048;

/// A batch after the row checks: what the chain walk needs, and the problems found so far
/// (each with the index of its row).
#[derive(Default)]
struct Checked {
    /// Each good row's place in its chain, with the index of the row in its batch.
    links: Vec<(u32, Link)>,
    problems: Vec<(u32, Problem)>,
    /// What each readable row says of its log entry, for the cross-check with the log.
    logged: Vec<log::LoggedVersion>,
}

fn problem(claim: &str, seq: Option<u32>, version: Option<&[u8; 32]>, message: String) -> Problem {
    Problem {
        part: Part::Claim,
        claim: claim.to_string(),
        seq,
        version: version.map(|h| Hash(*h).to_hex()),
        message,
    }
}

/// Stored documents by hash, with their length in bytes: what a version's span must fit in.
type Documents = std::collections::HashMap<[u8; 32], u64>;

/// Checks everything one row can tell alone: its columns, its sources, its document span, its
/// hash and (for a first version) the claim id its content derives. `docs` is `None` when the
/// documents could not be read (that is reported once, not per row). `buf` is scratch space for
/// the encoding.
fn check_row(
    config: &Config,
    docs: Option<&Documents>,
    row: &RawVersion<'_>,
    buf: &mut Vec<u8>,
    problems: &mut Vec<Problem>,
) -> std::result::Result<Link, Problem> {
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
    if let (Some((d, _, end)), Some(docs)) = (doc, docs) {
        let short = Hash(d).short();
        match docs.get(&d) {
            None => bad(format!("refers to document {short}, which is not stored")),
            Some(&len) if end > len => bad(format!(
                "its span ends at byte {end} of document {short}, which has {len} bytes"
            )),
            Some(_) => {}
        }
    }
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
            merged: row.merged.unwrap_or_default(),
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
    let merged = match row.merged {
        None => Vec::new(),
        Some(b) if !b.is_empty() && b.len() % 32 == 0 => b
            .chunks_exact(32)
            .map(|c| c.try_into().expect("32 bytes"))
            .collect(),
        Some(_) => return Err(at("stored merged hashes are malformed".into())),
    };
    Ok(Link {
        claim: bits,
        seq,
        stored,
        parent,
        merged,
        head: row.head,
    })
}

/// Reads and checks every version row in one rowid range, on `store` (a connection of the
/// calling thread's own); whether reading stopped early is returned beside what was found.
fn check_range(
    config: &Config,
    docs: Option<&Documents>,
    store: &Store,
    (first, last): (i64, i64),
    buf: &mut Vec<u8>,
) -> (Checked, Result<()>) {
    // Sized for the range (a range is at most `rows` rowids wide, so a sparse hostile file
    // cannot make this large): growing them row by row was 3% of fsck's CPU.
    let width = usize::try_from(last.saturating_sub(first).saturating_add(1)).unwrap_or(0);
    let width = width.min(MAX_RANGE_ROWS);
    let mut out = Checked {
        links: Vec::with_capacity(width),
        problems: Vec::new(),
        logged: Vec::with_capacity(width),
    };
    let mut found = Vec::new();
    let mut row = 0u32;
    let read = store.for_each_version_in(first, last, &mut |read| {
        let result = read
            .map_err(|e| problem("?", None, None, e.to_string()))
            .and_then(|version| {
                out.logged.extend(log::LoggedVersion::of(&version));
                check_row(config, docs, &version, buf, &mut found)
            });
        out.problems.extend(found.drain(..).map(|p| (row, p)));
        match result {
            Ok(link) => out.links.push((row, link)),
            Err(p) => out.problems.push((row, p)),
        }
        row += 1;
    });
    (out, read)
}

/// The most rows a range's buffers are sized for up front (more still fit: they grow).
const MAX_RANGE_ROWS: usize = 1 << 16;

/// At most this many rowid ranges: a table whose rowids are sparse (a hostile file may hold
/// rowid 1 and rowid 2^62) gets wide ranges, never one per possible rowid.
const MAX_RANGES: u128 = 1 << 14;

/// Splits the rowids `lo..=hi` into ranges of `rows` rowids each (wider when there would be
/// more than [`MAX_RANGES`]), in storage order.
fn rowid_ranges(lo: i64, hi: i64, rows: usize) -> Vec<(i64, i64)> {
    let span = (hi as i128 - lo as i128 + 1) as u128;
    let pieces = span.div_ceil(rows.max(1) as u128).clamp(1, MAX_RANGES);
    let width = span.div_ceil(pieces).max(1);
    let mut out = Vec::new();
    let mut first = lo as i128;
    while first <= hi as i128 {
        let last = (first + width as i128 - 1).min(hi as i128);
        out.push((first as i64, last as i64));
        first = last + 1;
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

/// What the chain walk needs of one version row that the row check hashed.
struct Link {
    claim: u128,
    seq: u32,
    stored: [u8; 32],
    parent: Option<[u8; 32]>,
    /// The other heads a merge version names (empty for nearly all).
    merged: Vec<[u8; 32]>,
    /// 1 the primary head, 2 another head, 0 none.
    head: i64,
}

/// The chain walk. Rows arrive in storage order, which need not be sequence order (a database
/// rebuilt or vacuumed elsewhere may store them in any order), so chains are walked only after
/// every row is in, sorted by claim and sequence number.
#[derive(Default)]
struct Checker {
    /// Rows that are a complete chain alone (first version, head, no parent): most claims are
    /// never corrected. A claim found here twice, or here and among `links`, is walked as a chain.
    singles: Vec<(u128, [u8; 32])>,
    /// Every other row.
    links: Vec<Link>,
    report: FsckReport,
    /// Every readable version's log entry, for the cross-check with the log.
    logged: Vec<log::LoggedVersion>,
}

impl Checker {
    /// Takes one checked batch; batches must arrive in storage order, so problems keep it.
    fn apply(&mut self, mut checked: Checked) {
        self.logged.append(&mut checked.logged);
        let mut problems = checked.problems.into_iter().peekable();
        for (at, link) in checked.links {
            while let Some((_, p)) = problems.next_if(|(row, _)| *row <= at) {
                self.report.problems.push(p);
            }
            self.report.versions += 1;
            if link.seq == 1 && link.head == 1 && link.parent.is_none() {
                self.singles.push((link.claim, link.stored));
            } else {
                self.links.push(link);
            }
        }
        self.report.problems.extend(problems.map(|(_, p)| p));
    }

    /// Walks every chain in sequence order and names each broken link and misplaced head.
    fn finish(mut self) -> FsckReport {
        self.singles.sort_unstable_by_key(|s| s.0);
        let mut chained: Vec<u128> = self.links.iter().map(|l| l.claim).collect();
        chained.sort_unstable();
        chained.dedup();
        let mut complete = 0u64;
        for group in self.singles.chunk_by(|a, b| a.0 == b.0) {
            let claim = group[0].0;
            if group.len() == 1 && chained.binary_search(&claim).is_err() {
                complete += 1;
                continue;
            }
            self.links.extend(group.iter().map(|&(claim, stored)| Link {
                claim,
                seq: 1,
                stored,
                parent: None,
                merged: Vec::new(),
                head: 1,
            }));
        }
        self.links.sort_unstable_by_key(|l| (l.claim, l.seq));
        let mut chains = 0u64;
        for chain in self.links.chunk_by(|a, b| a.claim == b.claim) {
            chains += 1;
            let id = ClaimId::from_bytes(chain[0].claim.to_be_bytes());
            let linear = chain.iter().all(|l| l.merged.is_empty())
                && chain.windows(2).all(|w| w[0].seq != w[1].seq);
            if !linear {
                self.report.problems.extend(divergent_faults(&id, chain));
                continue;
            }
            let (mut want_seq, mut want_parent) = (1, None);
            let mut heads = chain.iter().filter(|l| l.head != 0);
            for l in chain {
                for fault in link_faults(l.seq, l.parent, want_seq, want_parent, "version") {
                    let p = problem(id.as_str(), Some(l.seq), Some(&l.stored), fault);
                    self.report.problems.push(p);
                }
                want_seq = l.seq + 1;
                want_parent = Some(l.stored);
            }
            let newest = chain.last().map(|l| l.seq);
            let head_ok = matches!((heads.next(), heads.next()),
                (Some(h), None) if Some(h.seq) == newest && h.head == 1);
            if !head_ok {
                self.report.problems.push(problem(
                    id.as_str(),
                    None,
                    None,
                    "head marker is not on the newest version".into(),
                ));
            }
        }
        self.report.claims = complete + chains;
        self.report
    }
}

/// What is wrong with a claim whose versions diverged (several with one number) or were
/// merged: each version's parent and merged heads must be versions of the claim, numbered one
/// past the highest of them; the versions nothing else names are its heads, exactly one of
/// them the primary.
fn divergent_faults(id: &ClaimId, chain: &[Link]) -> Vec<Problem> {
    let seq_of: std::collections::HashMap<[u8; 32], u32> =
        chain.iter().map(|l| (l.stored, l.seq)).collect();
    let named: std::collections::HashSet<[u8; 32]> = chain
        .iter()
        .flat_map(|l| l.parent.iter().chain(&l.merged).copied())
        .collect();
    let mut out = Vec::new();
    let mut fault = |l: &Link, message: String| {
        out.push(problem(id.as_str(), Some(l.seq), Some(&l.stored), message));
    };
    for l in chain {
        let named_seqs: Option<Vec<u32>> = l
            .parent
            .iter()
            .chain(&l.merged)
            .map(|h| seq_of.get(h).copied())
            .collect();
        match (l.parent, named_seqs) {
            (None, _) if !l.merged.is_empty() => fault(l, "merges versions but has no parent".into()),
            (None, _) if l.seq != 1 => fault(l, format!("version {} has no parent", l.seq)),
            (Some(_), None) => fault(
                l,
                "parent hash does not match the previous version (it names no version of this claim)"
                    .into(),
            ),
            (Some(_), Some(seqs)) => {
                let want = seqs.iter().max().copied().unwrap_or(0) + 1;
                if l.seq != want {
                    fault(l, format!("version {} found where version {want} was expected", l.seq));
                }
            }
            _ => {}
        }
        let is_head = !named.contains(&l.stored);
        if is_head != (l.head != 0) {
            fault(l, "head marker does not match the claim's heads".into());
        }
    }
    if chain.iter().filter(|l| l.head == 1).count() != 1 {
        out.push(problem(
            id.as_str(),
            None,
            None,
            "head marker is not on exactly one primary head".into(),
        ));
    }
    out
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

/// What the row audits carry from row to row: the report, and the previous verdict, since
/// verdicts are chained per proposition and arrive in (about, seq) order.
pub(crate) struct Audited {
    report: FsckReport,
    prev_verdict: Option<(String, u32, [u8; 32])>,
    /// The previous proposition version walked, for the same.
    prev_proposition: Option<(String, u32, [u8; 32])>,
}

/// Checks one row of an audited table, adding what it finds to the report.
type Audit = fn(&Workspace, &[Cell], &mut Audited);

/// A problem with the database file or a table as a whole, rather than one record.
fn database_problem(message: String) -> Problem {
    Problem {
        part: Part::Database,
        claim: "database".into(),
        seq: None,
        version: None,
        message,
    }
}

/// A problem with one record outside the claim chains.
fn record_problem(part: Part, record: String, seq: Option<u32>, message: String) -> Problem {
    Problem {
        part,
        claim: record,
        seq,
        version: None,
        message,
    }
}

/// What is wrong with a record's stored hash cell against the hash of its content, if anything.
fn record_hash_fault(cell: &Cell, computed: &Hash) -> Option<String> {
    match hash32(cell) {
        None => Some("has no stored hash".into()),
        Some(stored) => hash_fault(&stored, &computed.0),
    }
}

/// A stored hash cell as 32 bytes, when it is one.
fn hash32(cell: &Cell) -> Option<[u8; 32]> {
    cell.blob().and_then(|b| b.try_into().ok())
}

/// Text of a cell for messages: the text itself, or what kind of bad cell it is.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Null => "NULL".into(),
        Cell::Integer(i) => i.to_string(),
        Cell::Real(f) => f.to_string(),
        Cell::Text(_) => cell.text().map_or("(invalid UTF-8)".into(), str::to_string),
        Cell::Blob(b) => format!("({} byte blob)", b.len()),
    }
}

impl Workspace {
    /// Checks everything stored (see the module doc) and returns every fault found. `full` runs
    /// SQLite's slower `integrity_check` (indexes against tables) over the whole file. An
    /// error is returned only when the database cannot be read at all.
    pub fn fsck(&self, full: bool) -> Result<FsckReport> {
        self.fsck_in_batches(BATCH, full)
    }

    /// [`Workspace::fsck`] with batches of `rows` rows (tests use tiny ones to cross batches).
    fn fsck_in_batches(&self, rows: usize, full: bool) -> Result<FsckReport> {
        let mut problems = Vec::new();
        let docs = match self.store().document_lengths() {
            Ok(d) => Some(d),
            Err(e) => {
                let message = format!("documents could not be listed: {e}");
                problems.push(database_problem(message));
                None
            }
        };
        // SQLite's check reads every page on its own connection, beside the version walk.
        let db = self.store().path().to_path_buf();
        // SQLite's check and the log walk each read on a connection of their own.
        let (sqlite, (mut report, read, logged), log_walk) = std::thread::scope(|scope| {
            // A fresh clone has no file yet (read commands see an empty store): nothing to check.
            let sqlite = scope.spawn(|| {
                if db.exists() {
                    storage::storage_check(&db, full)
                } else {
                    Ok(Vec::new())
                }
            });
            let log = scope.spawn(|| log::walk_log(&db));
            let walked = self.check_versions(rows, docs.as_ref());
            (sqlite.join(), walked, log.join())
        });
        match sqlite {
            Ok(Ok(found)) => problems.extend(
                found
                    .into_iter()
                    .map(|m| database_problem(format!("SQLite reports: {m}"))),
            ),
            Ok(Err(e)) => problems.push(database_problem(format!("SQLite's check failed: {e}"))),
            Err(_) => problems.push(database_problem("SQLite's check stopped abruptly".into())),
        }
        if let Err(e) = read {
            problems.push(database_problem(format!(
                "versions could not all be read: {e}"
            )));
        }
        report.storage_check = if full { "integrity_check" } else { "quick" };
        problems.append(&mut report.problems);
        report.problems = problems;
        let audits: [(AuditTable, Audit); 4] = [
            (AuditTable::Verdicts, Workspace::audit_verdict),
            (AuditTable::Documents, Workspace::audit_document),
            (AuditTable::Propositions, Workspace::audit_proposition),
            (AuditTable::Findings, Workspace::audit_finding),
        ];
        let mut audited = Audited {
            report,
            prev_verdict: None,
            prev_proposition: None,
        };
        for (table, audit) in audits {
            let read = self
                .store()
                .for_each_audit_row(table, &mut |row| audit(self, row, &mut audited));
            if let Err(e) = read {
                audited.report.problems.push(database_problem(format!(
                    "{} could not all be read: {e}",
                    format!("{table:?}").to_lowercase()
                )));
            }
        }
        match log_walk {
            Ok(walk) => self.audit_log(walk, logged, &mut audited),
            Err(_) => audited
                .report
                .problems
                .push(database_problem("the log walk stopped abruptly".into())),
        }
        Ok(audited.report)
    }

    /// Recomputes every version hash and walks every chain. The table is split into rowid
    /// ranges; every core takes the next range, reads it on a connection of its own and checks
    /// its rows where SQLite hands them over (nothing is copied between threads); the chain walk
    /// takes the checked ranges back in storage order. Returns what it found in the rows it
    /// could read, and the first range that stopped early.
    fn check_versions(
        &self,
        rows: usize,
        docs: Option<&Documents>,
    ) -> (FsckReport, Result<()>, Vec<log::LoggedVersion>) {
        let config = self.config();
        let db = self.store().path();
        let mut walk = InOrder::default();
        let ranges = match self.store().version_rowids() {
            // A fresh clone has no file yet: nothing is stored, so nothing to walk.
            Ok(Some((lo, hi))) if db.exists() => {
                // Sized once: growing vectors of a million rows copies them again and again.
                // The rowids only bound the row count; so does the file (no version row takes
                // under 128 bytes), which keeps a hostile file's sparse rowids from sizing them.
                let span = (hi as i128 - lo as i128 + 1) as u64;
                let file = std::fs::metadata(db).map_or(0, |m| m.len());
                let n = span.min(file / 128) as usize;
                walk.checker.singles.reserve(n);
                walk.checker.logged.reserve(n);
                rowid_ranges(lo, hi, rows)
            }
            Ok(_) => Vec::new(),
            Err(e) => return (FsckReport::default(), Err(e), Vec::new()),
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(ranges.len())
            .max(1);
        let walk = Mutex::new(walk);
        let next = AtomicUsize::new(0);
        let failed = Mutex::new(None);
        let work = || {
            let mut store = None;
            let mut buf = Vec::with_capacity(1024);
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(&range) = ranges.get(index) else {
                    break;
                };
                if store.is_none() {
                    match Store::open_for_scan(db) {
                        Ok(s) => store = Some(s),
                        Err(e) => {
                            failed
                                .lock()
                                .expect("fsck failure poisoned")
                                .get_or_insert(e);
                            // The ranges left are then unread; the walk reports what it has.
                            walk.lock()
                                .expect("fsck chain walk poisoned")
                                .put(index, Checked::default());
                            continue;
                        }
                    }
                }
                let store = store.as_ref().expect("opened above");
                let (checked, read) = check_range(config, docs, store, range, &mut buf);
                if let Err(e) = read {
                    let mut first = failed.lock().expect("fsck failure poisoned");
                    first.get_or_insert(e);
                }
                walk.lock()
                    .expect("fsck chain walk poisoned")
                    .put(index, checked);
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
        let read = match failed.into_inner().expect("fsck failure poisoned") {
            Some(e) => Err(e),
            None => Ok(()),
        };
        let mut checker = walk.into_inner().expect("fsck chain walk poisoned").checker;
        let logged = std::mem::take(&mut checker.logged);
        (checker.finish(), read, logged)
    }

    /// One verdict row: its link in its chain, well-formed, a known rating, its hash recomputed.
    fn audit_verdict(&self, row: &[Cell], audited: &mut Audited) {
        let report = &mut audited.report;
        report.verdicts += 1;
        let about = shown(&row[0]);
        let seq = row[1].integer().and_then(|s| u32::try_from(s).ok());
        // Its place in its proposition's chain, judged against the previous row.
        if let (Some(key), Some(seq), Some(stored)) = (row[0].text(), seq, hash32(&row[2])) {
            let (want_seq, want_parent) = match &audited.prev_verdict {
                Some((a, s, h)) if a == key => (*s + 1, Some(*h)),
                _ => (1, None),
            };
            for fault in link_faults(seq, hash32(&row[3]), want_seq, want_parent, "verdict") {
                report.problems.push(Problem {
                    version: Some(Hash(stored).to_hex()),
                    ..record_problem(
                        Part::Verdict,
                        format!("verdict on {about}"),
                        Some(seq),
                        fault,
                    )
                });
            }
            audited.prev_verdict = Some((key.to_string(), seq, stored));
        }
        let mut bad = |message: String| {
            report.problems.push(Problem {
                version: hash32(&row[2]).map(|h| Hash(h).to_hex()),
                ..record_problem(Part::Verdict, format!("verdict on {about}"), seq, message)
            })
        };
        let fields = (
            row[0].text(),
            seq,
            hash32(&row[2]),
            &row[3],
            row[4].text(),
            &row[5],
            &row[6],
            row[7].text(),
        );
        let (Some(key), Some(seq), Some(stored), parent, Some(rating), value, note, Some(at)) =
            fields
        else {
            return bad(
                "stored verdict is malformed (a column is missing or of the wrong type)".into(),
            );
        };
        let parent = match parent {
            Cell::Null => None,
            c => match hash32(c) {
                Some(h) => Some(Hash(h)),
                None => return bad("stored parent hash is not 32 bytes".into()),
            },
        };
        let opt_text = |c: &Cell| -> std::result::Result<Option<String>, ()> {
            match c {
                Cell::Null => Ok(None),
                c => c.text().map(|t| Some(t.to_string())).ok_or(()),
            }
        };
        let (Ok(value), Ok(note)) = (opt_text(value), opt_text(note)) else {
            return bad("stored value or note is not text".into());
        };
        // Schema 7: who ruled, their label, the review's url and date.
        let attribution: std::result::Result<Vec<Option<String>>, ()> =
            row[8..12].iter().map(opt_text).collect();
        let Ok(attribution) = attribution else {
            return bad("stored fact-checker, label, url or review date is not text".into());
        };
        if rating.parse::<crate::model::Rating>().is_err() {
            bad(format!("stored rating `{rating}` is not a known rating"));
        }
        let computed = hash::verdict_hash(&hash::VerdictRef {
            about: key,
            seq,
            parent: parent.as_ref(),
            rating,
            value: value.as_deref(),
            note: note.as_deref(),
            by: attribution[0].as_deref(),
            label: attribution[1].as_deref(),
            url: attribution[2].as_deref(),
            reviewed_on: attribution[3].as_deref(),
            recorded_at: at,
        });
        if let Some(fault) = hash_fault(&stored, &computed.0) {
            bad(fault);
        }
    }

    /// One stored document: its bytes must hash to its key.
    fn audit_document(&self, row: &[Cell], audited: &mut Audited) {
        let report = &mut audited.report;
        report.documents += 1;
        let name = hash32(&row[0]).map_or_else(
            || "document (malformed hash)".to_string(),
            |h| format!("document {}", Hash(h).short()),
        );
        let (Some(stored), Some(bytes)) = (hash32(&row[0]), row[1].blob()) else {
            let message = "stored document is malformed (hash or bytes of the wrong type)";
            report
                .problems
                .push(record_problem(Part::Document, name, None, message.into()));
            return;
        };
        if let Some(fault) = hash_fault(&stored, blake3::hash(bytes).as_bytes()) {
            report
                .problems
                .push(record_problem(Part::Document, name, None, fault));
        }
    }

    /// One proposition version: a valid key, a known kind, its link in its chain and its hash
    /// recomputed.
    fn audit_proposition(&self, row: &[Cell], audited: &mut Audited) {
        let report = &mut audited.report;
        report.propositions += 1;
        let key = shown(&row[0]);
        let seq = row[1].integer().and_then(|s| u32::try_from(s).ok());
        let mut problems = Vec::new();
        let mut bad = |message: String| {
            problems.push(Problem {
                version: hash32(&row[2]).map(|h| Hash(h).to_hex()),
                ..record_problem(
                    Part::Proposition,
                    format!("proposition {key}"),
                    seq,
                    message,
                )
            })
        };
        if !row[0].text().is_some_and(crate::config::is_valid_key) {
            bad("stored key is malformed".into());
        }
        if let (Some(k), Some(seq), Some(stored)) = (row[0].text(), seq, hash32(&row[2])) {
            let (want_seq, want_parent) = match &audited.prev_proposition {
                Some((a, s, h)) if a == k => (*s + 1, Some(*h)),
                _ => (1, None),
            };
            for fault in link_faults(seq, hash32(&row[3]), want_seq, want_parent, "version") {
                bad(fault);
            }
            audited.prev_proposition = Some((k.to_string(), seq, stored));
        }
        match &row[5] {
            Cell::Null => {}
            c => {
                if c.text()
                    .and_then(|k| k.parse::<crate::propositions::PropositionKind>().ok())
                    .is_none()
                {
                    bad(format!(
                        "stored kind `{}` is not statement or value",
                        shown(c)
                    ));
                }
            }
        }
        fn opt_text<'a>(c: &Cell<'a>) -> Option<Option<&'a str>> {
            match c {
                Cell::Null => Some(None),
                c => c.text().map(Some),
            }
        }
        let parent = match &row[3] {
            Cell::Null => Some(None),
            c => hash32(c).map(Some),
        };
        match (
            row[0].text(),
            seq,
            parent,
            opt_text(&row[4]),
            opt_text(&row[5]),
            opt_text(&row[6]),
            row[7].text(),
        ) {
            (Some(k), Some(seq), Some(parent), Some(text), Some(kind), Some(note), Some(at)) => {
                let computed = hash::proposition_version_hash(&hash::PropositionVersionRef {
                    key: k,
                    seq,
                    parent: parent.as_ref(),
                    text,
                    kind,
                    note,
                    recorded_at: at,
                });
                if let Some(fault) = record_hash_fault(&row[2], &computed) {
                    bad(fault);
                }
            }
            _ => {
                bad("stored version is malformed (a column is missing or of the wrong type)".into())
            }
        }
        report.problems.append(&mut problems);
    }

    /// One stored finding: well-formed, and every version it cites exists with that hash.
    fn audit_finding(&self, row: &[Cell], audited: &mut Audited) {
        let report = &mut audited.report;
        report.findings += 1;
        let name = format!("finding {}", shown(&row[0]));
        let mut problems = Vec::new();
        let mut bad = |message: String| {
            problems.push(record_problem(Part::Finding, name.clone(), None, message))
        };
        let texts: Option<Vec<&str>> = (1..=8).map(|i| row[i].text()).collect();
        match texts.as_deref() {
            Some(
                &[
                    plugin,
                    rule,
                    severity,
                    message,
                    claims,
                    versions,
                    run,
                    recorded_at,
                ],
            ) => {
                let computed = hash::finding_hash(&hash::FindingRef {
                    run,
                    plugin,
                    rule,
                    severity,
                    message,
                    claims,
                    versions,
                    recorded_at,
                });
                if let Some(fault) = record_hash_fault(&row[9], &computed) {
                    bad(fault);
                }
            }
            _ => bad("stored finding is malformed (a column is missing or not text)".into()),
        }
        if !row[3]
            .text()
            .is_some_and(|s| matches!(s, "info" | "warning" | "error"))
        {
            bad(format!(
                "stored severity `{}` is not info, warning or error",
                shown(&row[3])
            ));
        }
        let list = |c: &Cell| {
            c.text()
                .and_then(|t| serde_json::from_str::<Vec<String>>(t).ok())
        };
        match (list(&row[5]), list(&row[6])) {
            (Some(claims), Some(versions)) if claims.len() == versions.len() => {
                for (claim, version) in claims.iter().zip(&versions) {
                    let cited = Hash::from_hex(version).map(|h| h.0);
                    let exists = match cited {
                        Some(h) => self.store().has_version_hash(claim, &h),
                        None => Ok(false),
                    };
                    match exists {
                        Ok(true) => {}
                        Ok(false) => bad(format!(
                            "cites version {} of claim {claim}, which is not stored",
                            version.get(..12).unwrap_or(version)
                        )),
                        Err(e) => bad(format!("its cited versions could not be read: {e}")),
                    }
                }
            }
            _ => bad("stored claims and versions are not two lists of the same length".into()),
        }
        report.problems.append(&mut problems);
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
    fn rowid_ranges_cover_every_rowid_once_and_stay_few_when_sparse() {
        assert_eq!(rowid_ranges(1, 10, 4), vec![(1, 4), (5, 8), (9, 10)]);
        assert_eq!(rowid_ranges(5, 5, 2048), vec![(5, 5)]);
        // A hostile file's rowids: rows far apart give at most MAX_RANGES ranges, not 2^62 / 2048.
        let sparse = rowid_ranges(1, 1 << 62, 2048);
        assert_eq!(sparse.len() as u128, MAX_RANGES);
        assert_eq!((sparse[0].0, sparse.last().unwrap().1), (1, 1 << 62));
        assert!(sparse.windows(2).all(|w| w[0].1 + 1 == w[1].0));
        let extreme = rowid_ranges(i64::MIN, i64::MAX, 1);
        assert_eq!(extreme.len() as u128, MAX_RANGES);
        assert_eq!(
            (extreme[0].0, extreme.last().unwrap().1),
            (i64::MIN, i64::MAX)
        );
    }

    #[test]
    fn batches_of_any_size_give_the_same_report() {
        let (_dir, ws, ids) = workspace();
        let whole = ws.fsck_in_batches(BATCH, false).unwrap();
        assert_eq!((whole.claims, whole.versions), (40, 40 + 3 * 14));
        assert!(whole.problems.is_empty(), "{:?}", messages(&whole));
        for rows in [1, 2, 3, 7] {
            let r = ws.fsck_in_batches(rows, false).unwrap();
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
        let whole = messages(&ws.fsck_in_batches(BATCH, false).unwrap());
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
                messages(&ws.fsck_in_batches(rows, false).unwrap()),
                whole,
                "batches of {rows}"
            );
        }
    }
}
