//! Bundles: how analysts share history (docs/bundles.md). A bundle is one JSON Lines file: a
//! header naming the sender's head (and the older head it starts after, with that tree's
//! frontier), then one line per log entry in the sender's order, each with the whole record it
//! refers to. Whoever applies it recomputes every record's hash, every leaf and signature, and
//! the sender's root from the frontier and the leaves, before writing anything; then everything
//! not already held is stored in one transaction with the sender's entries as they were, so the
//! leaves (and a whole workspace's root) are the sender's.
//!
//! A bundle is input from outside: its size is bounded (`[limits] max_bundle_bytes`), it is
//! parsed without trusting a byte, nothing in it names code to run, and no path in it is ever
//! used as a path (a document's `path` is stored as text).

use std::io::{BufReader, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::config::{self, Config, Source};
use crate::error::{Error, Result};
use crate::history::{EntryKind, Frontier, TreeHead, merkle::Digest};
use crate::limits::{Limits, too_large};
use crate::model::{Action, ClaimFields, ClaimId, Hash, Verdict, Version, hex};
use crate::storage::{FindingRow, LogRow, PropositionVersion, Reader, Record};
use crate::workspace::Workspace;

/// The format word of the header line; another word is refused.
pub const FORMAT: &str = "claims-bundle/v1";

/// A head as the header writes it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadJson {
    size: u64,
    root: String,
}

impl HeadJson {
    fn of(h: &TreeHead) -> HeadJson {
        HeadJson {
            size: h.size,
            root: Hash(h.root).to_hex(),
        }
    }

    fn head(&self) -> Option<TreeHead> {
        Some(TreeHead {
            size: self.size,
            root: Hash::from_hex(&self.root)?.0,
        })
    }
}

/// The first line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    head: HeadJson,
    since: Option<HeadJson>,
    since_peaks: Vec<String>,
}

/// One entry line: the entry's fields and the record it refers to (`data`, shaped by `kind`).
#[derive(Serialize)]
struct LineOut<'a> {
    kind: &'a str,
    subject: &'a str,
    record: String,
    at: &'a str,
    analyst: &'a str,
    email: Option<&'a str>,
    key: Option<String>,
    signature: Option<String>,
    data: Data,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn<'a> {
    kind: String,
    subject: String,
    record: String,
    at: String,
    analyst: String,
    email: Option<String>,
    key: Option<String>,
    signature: Option<String>,
    #[serde(borrow)]
    data: &'a RawValue,
}

/// A record as a line carries it.
#[derive(Serialize)]
#[serde(untagged)]
enum Data {
    Version(Box<VersionData>),
    Proposition(PropositionData),
    Verdict(VerdictData),
    Source(SourceData),
    Document(DocumentData),
    Finding(FindingRow),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionData {
    claim: String,
    seq: u32,
    parent: Option<String>,
    /// The other heads a merge version names (absent for all others).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged: Vec<String>,
    action: String,
    fields: ClaimFields,
    note: Option<String>,
    recorded_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PropositionData {
    key: String,
    seq: u32,
    parent: Option<String>,
    text: Option<String>,
    kind: Option<String>,
    note: Option<String>,
    recorded_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerdictData {
    about: String,
    seq: u32,
    parent: Option<String>,
    rating: String,
    value: Option<String>,
    note: Option<String>,
    /// Who ruled and where (schema 7); absent from verdicts that name nobody, so bundles of
    /// those read and write as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reviewed_on: Option<String>,
    recorded_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceData {
    key: String,
    declaration: String,
    recorded_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentData {
    path: Option<String>,
    /// The bytes in hex.
    bytes: String,
    added_at: String,
}

impl Data {
    fn of(record: Record) -> Data {
        match record {
            Record::Version(v) => Data::Version(Box::new(VersionData {
                claim: v.claim.as_str().to_string(),
                seq: v.seq,
                parent: v.parent.as_ref().map(Hash::to_hex),
                merged: v.merged.iter().map(Hash::to_hex).collect(),
                action: v.action.as_str().to_string(),
                fields: v.fields,
                note: v.note,
                recorded_at: v.recorded_at,
            })),
            Record::Proposition(p) => Data::Proposition(PropositionData {
                key: p.key,
                seq: p.seq,
                parent: p.parent.as_ref().map(Hash::to_hex),
                text: p.text,
                kind: p.kind,
                note: p.note,
                recorded_at: p.recorded_at,
            }),
            Record::Verdict(v) => Data::Verdict(VerdictData {
                about: v.about,
                seq: v.seq,
                parent: v.parent.as_ref().map(Hash::to_hex),
                rating: v.rating.as_str().to_string(),
                value: v.value,
                note: v.note,
                by: v.attribution.by,
                label: v.attribution.label,
                url: v.attribution.url,
                reviewed_on: v.attribution.reviewed_on,
                recorded_at: v.recorded_at,
            }),
            Record::Source {
                key,
                declaration,
                recorded_at,
            } => Data::Source(SourceData {
                key,
                declaration,
                recorded_at,
            }),
            Record::Document {
                path,
                bytes,
                added_at,
            } => Data::Document(DocumentData {
                path,
                bytes: hex::encode(&bytes),
                added_at,
            }),
            Record::Finding(f) => Data::Finding(f),
        }
    }
}

/// What `bundle create` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct BundleSummary {
    /// The head the bundle ends at.
    pub head: TreeHead,
    /// The head it starts after, if not the empty log.
    pub since: Option<TreeHead>,
    /// How many entries it holds.
    pub entries: u64,
}

/// A source the bundle declares differently from this workspace: the local one is kept.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceConflict {
    /// The source's key.
    pub key: String,
    /// The declaration kept (this workspace's), as JSON.
    pub local: String,
    /// The bundle's declaration, as JSON.
    pub bundle: String,
}

/// What `bundle apply` did.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyReport {
    /// Entries in the bundle.
    pub entries: u64,
    /// Entries whose records were new here and were stored.
    pub applied: u64,
    /// Entries whose records were already held.
    pub skipped: u64,
    /// Sources the bundle declares differently from workspace.toml (the local one kept).
    pub conflicts: Vec<SourceConflict>,
    /// Sources the bundle brought that workspace.toml now declares.
    pub declared: Vec<String>,
    /// The sender's head the bundle ends at.
    pub bundle_head: TreeHead,
    /// This workspace's head afterwards.
    pub head: TreeHead,
}

/// One entry line read and checked for shape: the sender's entry and its record.
struct Received {
    entry: LogRow,
    record: Record,
}

/// Why a line is bad, for a one-line error naming it.
fn bad_entry(index: u64, seq: u64, what: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "bundle entry {index} (the sender's log entry #{seq}): {}; nothing was applied",
        one_line(what)
    ))
}

fn bad_header(what: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "not a claims bundle: its header {}; nothing was applied",
        one_line(what)
    ))
}

/// A message that may quote the bundle's own bytes (a parser's complaint), kept to one line.
fn one_line(what: impl std::fmt::Display) -> String {
    what.to_string().replace(['\n', '\r'], " ")
}

/// The longest line a bundle may hold: an import line, or a document in hex with its fields.
fn line_limit(limits: &Limits) -> u64 {
    limits
        .max_line_bytes
        .max(limits.max_document_bytes.saturating_mul(2) + (1 << 20))
}

/// A bundle file read line by line within its limits, every byte hashed.
struct BundleReader {
    reader: BufReader<std::io::Take<std::fs::File>>,
    limits: Limits,
    line: Vec<u8>,
    read: u64,
    digest: blake3::Hasher,
}

impl BundleReader {
    fn open(path: &Path, limits: Limits) -> Result<BundleReader> {
        let file = std::fs::File::open(path).map_err(Error::io(path))?;
        let max = limits.max_bundle_bytes;
        let len = file.metadata().map_err(Error::io(path))?.len();
        let what = || format!("bundle {}", path.display());
        if len > max {
            return Err(too_large(&what(), max, "max_bundle_bytes"));
        }
        Ok(BundleReader {
            reader: BufReader::with_capacity(1 << 16, file.take(max + 1)),
            limits: Limits {
                max_line_bytes: line_limit(&limits),
                ..limits
            },
            line: Vec::new(),
            read: 0,
            digest: blake3::Hasher::new(),
        })
    }

    /// The next line without its break; None at the end.
    fn next_line(&mut self) -> Result<Option<&[u8]>> {
        let n = self.limits.read_line(&mut self.reader, &mut self.line)?;
        self.read += n as u64;
        if self.read > self.limits.max_bundle_bytes {
            return Err(too_large(
                "the bundle",
                self.limits.max_bundle_bytes,
                "max_bundle_bytes",
            ));
        }
        if n == 0 {
            return Ok(None);
        }
        self.digest.update(&self.line);
        let body = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
        Ok(Some(body.strip_suffix(b"\r").unwrap_or(body)))
    }
}

/// The header, checked: the heads, and the frontier at `since` folding to its root.
fn read_header(line: Option<&[u8]>) -> Result<(TreeHead, Option<TreeHead>, Frontier)> {
    let line = line.ok_or_else(|| bad_header("is missing (the file is empty)"))?;
    let h: Header =
        serde_json::from_slice(line).map_err(|e| bad_header(format!("is not valid ({e})")))?;
    if h.format != FORMAT {
        return Err(bad_header(format!(
            "names format `{}`, and this claims reads `{FORMAT}`",
            h.format.escape_debug()
        )));
    }
    let head = h
        .head
        .head()
        .ok_or_else(|| bad_header("has a head root that is not 64 hex digits"))?;
    let since = h
        .since
        .as_ref()
        .map(|s| {
            s.head()
                .ok_or_else(|| bad_header("has a since root that is not 64 hex digits"))
        })
        .transpose()?;
    let since_size = since.map_or(0, |s| s.size);
    if since_size > head.size {
        return Err(bad_header(format!(
            "starts after entry {since_size} but ends at {}",
            head.size
        )));
    }
    let peaks: Vec<Digest> = h
        .since_peaks
        .iter()
        .map(|p| Hash::from_hex(p).map(|h| h.0))
        .collect::<Option<_>>()
        .ok_or_else(|| bad_header("has a since peak that is not 64 hex digits"))?;
    let frontier = Frontier::from_parts(since_size, peaks).ok_or_else(|| {
        bad_header(format!(
            "gives {} since peaks, and a tree of {since_size} entries has {}",
            h.since_peaks.len(),
            since_size.count_ones()
        ))
    })?;
    if let Some(s) = since
        && frontier.root() != s.root
    {
        return Err(bad_header(
            "gives since peaks that do not fold to its since root",
        ));
    }
    Ok((head, since, frontier))
}

/// Reads one entry line into the sender's entry and its record, checking its shape (fields,
/// hex, kinds, limits) but not yet its hashes.
fn parse_line(line: &[u8], index: u64, seq: u64, limits: &Limits) -> Result<Received> {
    let bad = |what: String| bad_entry(index, seq, what);
    let l: LineIn<'_> =
        serde_json::from_slice(line).map_err(|e| bad(format!("is not a valid entry ({e})")))?;
    let kind = EntryKind::parse(&l.kind)
        .ok_or_else(|| bad(format!("its kind `{}` is unknown", l.kind.escape_debug())))?;
    let record = Hash::from_hex(&l.record)
        .ok_or_else(|| bad("its record hash is not 64 hex digits".into()))?;
    let key = l
        .key
        .as_deref()
        .map(|k| Hash::from_hex(k).map(|h| h.0.to_vec()))
        .map(|k| k.ok_or_else(|| bad("its key is not 64 hex digits".into())))
        .transpose()?;
    let signature = l
        .signature
        .as_deref()
        .map(|s| hex::decode(s).filter(|b| b.len() == 64))
        .map(|s| s.ok_or_else(|| bad("its signature is not 128 hex digits".into())))
        .transpose()?;
    if key.is_some() != signature.is_some() {
        return Err(bad(
            "it has a key without a signature or a signature without a key".into(),
        ));
    }
    let parent = |p: &Option<String>| -> Result<Option<Hash>> {
        p.as_deref()
            .map(|p| {
                Hash::from_hex(p).ok_or_else(|| bad("a parent hash is not 64 hex digits".into()))
            })
            .transpose()
    };
    let shape = |e: serde_json::Error| bad(format!("its {} record is malformed ({e})", l.kind));
    let data = l.data.get();
    let record_data = match kind {
        EntryKind::ClaimVersion | EntryKind::ClaimRetraction => {
            let d: VersionData = serde_json::from_str(data).map_err(shape)?;
            let claim = ClaimId::parse(&d.claim)
                .ok_or_else(|| bad("its claim id is not 32 letters k-z".into()))?;
            let action = Action::parse(&d.action).ok_or_else(|| {
                bad(format!(
                    "its action `{}` is unknown",
                    d.action.escape_debug()
                ))
            })?;
            for (what, text) in [
                ("text", Some(&d.fields.text)),
                ("value", d.fields.value.as_ref()),
            ] {
                if let Some(t) = text {
                    limits.check_text(what, t).map_err(|e| bad(e.to_string()))?;
                }
            }
            let merged = d
                .merged
                .iter()
                .map(|m| parent(&Some(m.clone())).map(|h| h.expect("some in, some out")))
                .collect::<Result<Vec<Hash>>>()?;
            Record::Version(Box::new(Version {
                claim,
                seq: d.seq,
                parent: parent(&d.parent)?,
                merged,
                action,
                fields: d.fields,
                note: d.note,
                recorded_at: d.recorded_at,
                hash: record,
            }))
        }
        EntryKind::Proposition => {
            let d: PropositionData = serde_json::from_str(data).map_err(shape)?;
            Record::Proposition(PropositionVersion {
                parent: parent(&d.parent)?,
                key: d.key,
                seq: d.seq,
                hash: Some(record),
                text: d.text,
                kind: d.kind,
                note: d.note,
                recorded_at: d.recorded_at,
            })
        }
        EntryKind::Verdict => {
            let d: VerdictData = serde_json::from_str(data).map_err(shape)?;
            Record::Verdict(Verdict {
                parent: parent(&d.parent)?,
                rating: d.rating.parse().map_err(|_| {
                    bad(format!(
                        "its rating `{}` is unknown",
                        d.rating.escape_debug()
                    ))
                })?,
                about: d.about,
                seq: d.seq,
                value: d.value,
                note: d.note,
                attribution: crate::model::Attribution {
                    by: d.by,
                    label: d.label,
                    url: d.url,
                    reviewed_on: d.reviewed_on,
                },
                recorded_at: d.recorded_at,
                hash: record,
            })
        }
        EntryKind::Source => {
            let d: SourceData = serde_json::from_str(data).map_err(shape)?;
            Record::Source {
                key: d.key,
                declaration: d.declaration,
                recorded_at: d.recorded_at,
            }
        }
        EntryKind::Document => {
            let d: DocumentData = serde_json::from_str(data).map_err(shape)?;
            let bytes = hex::decode(&d.bytes)
                .ok_or_else(|| bad("its document bytes are not hex".into()))?;
            if bytes.len() as u64 > limits.max_document_bytes {
                return Err(bad(too_large(
                    "its document",
                    limits.max_document_bytes,
                    "max_document_bytes",
                )
                .to_string()));
            }
            Record::Document {
                path: d.path,
                bytes,
                added_at: d.added_at,
            }
        }
        EntryKind::Finding => Record::Finding(serde_json::from_str(data).map_err(shape)?),
    };
    Ok(Received {
        entry: LogRow {
            seq,
            kind: l.kind,
            subject: l.subject,
            record: record.0.to_vec(),
            at: l.at,
            analyst: l.analyst,
            email: l.email,
            key,
            signature,
        },
        record: record_data,
    })
}

/// The record's hash as computed from its fields, with what its entry must say of it:
/// (hash, subject, time), and whether a first version's claim id is the one its content derives.
fn computed(record: &Record) -> (Hash, String, &str, bool) {
    let mut id_derived = true;
    let (hash, subject, at) = match record {
        Record::Version(v) => {
            let content = crate::hash::content_digest(&v.fields);
            id_derived = v.seq != 1 || crate::hash::claim_id_from_digest(&content) == v.claim;
            let hash = crate::hash::version_hash(&crate::hash::VersionInput {
                claim: &v.claim,
                seq: v.seq,
                parent: v.parent.as_ref(),
                merged: &v.merged,
                action: v.action,
                content: &content,
                note: v.note.as_deref(),
                recorded_at: &v.recorded_at,
            });
            (hash, v.claim.as_str().to_string(), &v.recorded_at)
        }
        Record::Proposition(p) => (p.computed_hash(), p.key.clone(), &p.recorded_at),
        Record::Verdict(v) => (v.computed_hash(), v.about.clone(), &v.recorded_at),
        Record::Source {
            key,
            declaration,
            recorded_at,
        } => (
            crate::hash::source_hash(key, declaration, recorded_at),
            key.clone(),
            recorded_at,
        ),
        Record::Document {
            bytes, added_at, ..
        } => {
            let h = Hash(*blake3::hash(bytes).as_bytes());
            (h, h.to_hex(), added_at)
        }
        Record::Finding(f) => (
            crate::hash::finding_hash(&f.as_ref()),
            f.run.clone(),
            &f.recorded_at,
        ),
    };
    (hash, subject, at, id_derived)
}

/// Checks one entry against its record: the record's hash, the entry's kind, subject and time,
/// the claim id a first version derives, and the signature. Returns the entry's leaf.
fn check(r: &Received, index: u64, require_signed: bool) -> Result<Digest> {
    let bad = |what: &str| bad_entry(index, r.entry.seq, what);
    let (hash, subject, at, id_derived) = computed(&r.record);
    if hash.0[..] != r.entry.record[..] {
        return Err(bad(
            "its record does not hash to the entry's record hash: the record or the entry was altered",
        ));
    }
    if r.record.kind().as_str() != r.entry.kind {
        return Err(bad("its kind does not match its record"));
    }
    if subject != r.entry.subject {
        return Err(bad("its subject does not name its record"));
    }
    if at != r.entry.at {
        return Err(bad("its time is not its record's"));
    }
    if !id_derived {
        return Err(bad(
            "its claim id is not the one its first version's content derives",
        ));
    }
    let entry = r.entry.entry();
    match (entry.key, entry.signature) {
        (Some(k), Some(s)) if !crate::identity::verify(k, &entry.signed_bytes(), s) => {
            return Err(bad(
                "its signature does not verify: forged, or the entry was altered",
            ));
        }
        (Some(_), Some(_)) => {}
        _ if require_signed => {
            return Err(bad(
                "it is unsigned, and this workspace requires signed entries (require_signatures = true)",
            ));
        }
        _ => {}
    }
    Ok(entry.leaf())
}

/// What the checking pass learned: the heads, the file's digest, the sources declared.
struct Checked {
    head: TreeHead,
    entries: u64,
    digest: [u8; 32],
    /// The sources the bundle declares, last declaration per key.
    sources: Vec<(String, String)>,
}

/// Reads and checks a whole bundle without writing anything.
fn check_bundle(path: &Path, limits: Limits, require_signed: bool) -> Result<Checked> {
    let mut reader = BundleReader::open(path, limits)?;
    let (head, since, mut frontier) = read_header(reader.next_line()?)?;
    let start = since.map_or(0, |s| s.size);
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut index = 0u64;
    while let Some(line) = reader.next_line()? {
        index += 1;
        let seq = start + index;
        if seq > head.size {
            return Err(bad_entry(
                index,
                seq,
                format!("the header says the bundle ends at entry {}", head.size),
            ));
        }
        let r = parse_line(line, index, seq, &limits)?;
        frontier.push(check(&r, index, require_signed)?);
        if let Record::Source {
            key, declaration, ..
        } = r.record
        {
            sources.retain(|(k, _)| *k != key);
            sources.push((key, declaration));
        }
    }
    if frontier.size() != head.size {
        return Err(Error::invalid(format!(
            "the bundle holds {index} entries, and its header promises {} (entries {}..{}): it was cut short; nothing was applied",
            head.size - start,
            frontier.size() + 1,
            head.size
        )));
    }
    if frontier.root() != head.root {
        return Err(Error::invalid(format!(
            "the bundle's entries hash to root {}, not to the head {head} its header names: an entry was altered, removed or reordered; nothing was applied",
            Hash(frontier.root()).to_hex()
        )));
    }
    Ok(Checked {
        head,
        entries: index,
        digest: *reader.digest.finalize().as_bytes(),
        sources,
    })
}

/// The bundle's sources parsed, each its canonical declaration, named in an error otherwise.
fn parse_sources(sources: &[(String, String)]) -> Result<Vec<Source>> {
    sources
        .iter()
        .map(|(key, declaration)| {
            let bad = |what: &str| {
                Error::invalid(format!(
                    "the bundle's declaration of source `{}` {what}; nothing was applied",
                    key.escape_debug()
                ))
            };
            let s: Source =
                serde_json::from_str(declaration).map_err(|_| bad("is not a source"))?;
            if s.key != *key || !config::is_valid_key(key) {
                return Err(bad("names another key or an invalid one"));
            }
            if serde_json::to_string(&s).ok().as_deref() != Some(declaration.as_str()) {
                return Err(bad("is not in canonical form"));
            }
            Ok(s)
        })
        .collect()
}

/// Splits the bundle's sources into those to declare here and those declared differently.
fn sort_sources(config: &Config, sources: &[Source]) -> (Vec<Source>, Vec<SourceConflict>) {
    let mut missing = Vec::new();
    let mut conflicts = Vec::new();
    for s in sources {
        match config.sources.get(&s.key) {
            None => missing.push(s.clone()),
            Some(local) if local != s => conflicts.push(SourceConflict {
                key: s.key.clone(),
                local: serde_json::to_string(local).expect("sources serialise"),
                bundle: serde_json::to_string(s).expect("sources serialise"),
            }),
            Some(_) => {}
        }
    }
    (missing, conflicts)
}

impl Workspace {
    /// Writes a bundle of the log's entries after `since` (all of them when None) to `out`,
    /// replacing it all at once; `since` must be a head this log extends.
    pub fn create_bundle(&self, since: Option<&TreeHead>, out: &Path) -> Result<BundleSummary> {
        let store = self.store();
        let state = store.log_state()?;
        let head = state.head();
        let mut frontier = Frontier::default();
        if let Some(s) = since {
            if s.size > head.size {
                return Err(Error::invalid(format!(
                    "this workspace's log has {} entries, so it cannot extend head {s}",
                    head.size
                )));
            }
            let leaves = store.log_leaves()?;
            for l in &leaves[..s.size as usize] {
                frontier.push(*l);
            }
            if frontier.root() != s.root {
                return Err(Error::invalid(format!(
                    "this workspace's log does not extend head {s}: its first {} entries hash to {}",
                    s.size,
                    Hash(frontier.root()).to_hex()
                )));
            }
        }
        let peaks = Frontier::parse_peaks(&frontier.peaks_bytes()).expect("whole peaks");
        let header = Header {
            format: FORMAT.into(),
            head: HeadJson::of(&head),
            since: since.map(HeadJson::of),
            since_peaks: peaks.iter().map(|p| Hash(*p).to_hex()).collect(),
        };
        let entries = crate::interchange::write_file(out, |w| {
            let io = Error::io_write(out);
            serde_json::to_writer(&mut *w, &header).map_err(|e| io(e.into()))?;
            w.write_all(b"\n").map_err(Error::io_write(out))?;
            let start = since.map_or(0, |s| s.size);
            let mut entries = 0u64;
            store.for_each_log_entry(start, head.size, &mut |row| {
                let missing = || {
                    Error::invalid(format!(
                        "log entry #{} records a {} of {} that is not stored (run `claims fsck`)",
                        row.seq, row.kind, row.subject
                    ))
                };
                let kind = EntryKind::parse(&row.kind).ok_or_else(missing)?;
                let record = <[u8; 32]>::try_from(row.record.as_slice()).map_err(|_| missing())?;
                let rec = store
                    .record(kind, &row.subject, &record)?
                    .ok_or_else(missing)?;
                frontier.push(row.entry().leaf());
                let line = LineOut {
                    kind: &row.kind,
                    subject: &row.subject,
                    record: hex::encode(&row.record),
                    at: &row.at,
                    analyst: &row.analyst,
                    email: row.email.as_deref(),
                    key: row.key.as_deref().map(hex::encode),
                    signature: row.signature.as_deref().map(hex::encode),
                    data: Data::of(rec),
                };
                serde_json::to_writer(&mut *w, &line)
                    .map_err(|e| Error::io_write(out)(e.into()))?;
                w.write_all(b"\n").map_err(Error::io_write(out))?;
                entries += 1;
                Ok(())
            })?;
            if frontier.size() != head.size || frontier.root() != head.root {
                return Err(Error::invalid(
                    "the log's entries do not hash to its stored head (run `claims fsck`); no bundle was written",
                ));
            }
            Ok(entries)
        })?;
        Ok(BundleSummary {
            head,
            since: since.copied(),
            entries,
        })
    }

    /// Applies a bundle: checks all of it first (every record's hash, leaf and signature, and
    /// that its entries lead from its `since` frontier to exactly its head), then stores every
    /// record not already held, with the sender's entries as they were, in one transaction.
    /// Sources it brings are declared in workspace.toml when missing; one declared differently
    /// here is kept and reported.
    pub fn apply_bundle(&mut self, path: &Path) -> Result<ApplyReport> {
        let limits = self.config().limits;
        let require_signed = self.config().require_signatures;
        let checked = check_bundle(path, limits, require_signed)?;
        let sources = parse_sources(&checked.sources)?;
        // The sources to declare must make a valid workspace.toml, found before writing.
        let toml = self.root().join(crate::workspace::CONFIG_FILE);
        let (missing, _) = sort_sources(self.config(), &sources);
        if !missing.is_empty() {
            let text = config::read_config_text(&toml)?;
            let with = config::add_sources(&toml, &text, &missing)?;
            Config::parse(&toml, &with).map_err(|e| {
                Error::invalid(format!(
                    "the bundle's sources cannot be declared here: {e}; nothing was applied"
                ))
            })?;
        }
        let (applied, conflicts, declared) = self.write_declaring_received(|w, config| {
            let mut reader = BundleReader::open(path, limits)?;
            let (_, since, _) = read_header(reader.next_line()?)?;
            let start = since.map_or(0, |s| s.size);
            let mut applied = 0u64;
            let mut index = 0u64;
            while let Some(line) = reader.next_line()? {
                index += 1;
                let r = parse_line(line, index, start + index, &limits)?;
                applied += u64::from(w.insert_received(&r.record, &r.entry.entry())?);
            }
            if *reader.digest.finalize().as_bytes() != checked.digest {
                return Err(Error::invalid(format!(
                    "{} changed while it was being applied; nothing was applied",
                    path.display()
                )));
            }
            let (missing, conflicts) = sort_sources(config, &sources);
            let declared = missing.iter().map(|s| s.key.clone()).collect();
            Ok(((applied, conflicts, declared), missing))
        })?;
        Ok(ApplyReport {
            entries: checked.entries,
            applied,
            skipped: checked.entries - applied,
            conflicts,
            declared,
            bundle_head: checked.head,
            head: self.store().log_state()?.head(),
        })
    }
}

/// Checks a bundle's bytes without a workspace, as `apply` does before writing: what the fuzz
/// target drives. Returns the number of entries.
pub fn check_file(path: &Path, limits: Limits) -> Result<u64> {
    check_bundle(path, limits, false).map(|c| c.entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A received first version of `claim` saying `text`, its hash and entry consistent.
    fn received(claim: ClaimId, text: &str) -> Received {
        let fields = ClaimFields {
            origin: "nyt".into(),
            text: text.into(),
            ..ClaimFields::default()
        };
        let content = crate::hash::content_digest(&fields);
        let at = "2023-09-05T12:00:00Z";
        let hash = crate::hash::version_hash(&crate::hash::VersionInput {
            claim: &claim,
            seq: 1,
            parent: None,
            merged: &[],
            action: Action::Record,
            content: &content,
            note: None,
            recorded_at: at,
        });
        Received {
            entry: LogRow {
                seq: 1,
                kind: "claim-version".into(),
                subject: claim.as_str().into(),
                record: hash.0.to_vec(),
                at: at.into(),
                analyst: "سلمى".into(),
                email: None,
                key: None,
                signature: None,
            },
            record: Record::Version(Box::new(Version {
                claim,
                seq: 1,
                parent: None,
                merged: Vec::new(),
                action: Action::Record,
                fields,
                note: None,
                recorded_at: at.into(),
                hash,
            })),
        }
    }

    #[test]
    fn a_first_version_must_carry_the_id_its_content_derives() {
        let fields = ClaimFields {
            origin: "nyt".into(),
            text: "كيم يزور روسيا".into(),
            ..ClaimFields::default()
        };
        let id = crate::hash::claim_id(&fields);
        assert!(check(&received(id.clone(), "كيم يزور روسيا"), 1, false).is_ok());
        let err = check(&received(id, "another text"), 1, false).unwrap_err();
        assert!(err.to_string().contains("claim id"), "{err}");
        // Unsigned entries are refused where signatures are required.
        let fields_id = crate::hash::claim_id(&fields);
        let err = check(&received(fields_id, "كيم يزور روسيا"), 1, true).unwrap_err();
        assert!(err.to_string().contains("unsigned"), "{err}");
    }

    #[test]
    fn hex_round_trips_and_refuses_odd_or_foreign_digits() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(
            hex::decode(&hex::encode(&bytes)).as_deref(),
            Some(&bytes[..])
        );
        assert_eq!(hex::decode("abc"), None);
        assert_eq!(hex::decode("zz"), None);
        assert_eq!(hex::decode("é1"), None);
    }

    #[test]
    fn messages_quoting_the_bundle_stay_on_one_line() {
        let e = bad_entry(3, 7, "unknown field `a\nb\rc`");
        assert!(!e.to_string().contains(['\n', '\r']), "{e}");
    }
}
