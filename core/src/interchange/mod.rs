//! Claims in and out of the formats other tools speak. Each format is a small module here: a
//! reader that turns its input into [`Record`]s, which the one importer
//! ([`Workspace::import_records`], `crate::import`) applies, so all-or-nothing, `--skip-bad`,
//! `--create-sources` and the report hold for every format alike; and a writer fed by
//! [`Workspace::for_each_export`], the one walk over the claims a filter selects.
//!
//! | module | reads | writes |
//! |---|---|---|
//! | [`jsonl`] | JSON Lines (add-shape lines and claim-shape lines), a JSON array, one object | every version of each claim, one JSON object a line |
//! | [`csv`] | a sheet with a header (and `--map COLUMN=field`) | one row per claim, its newest version |
//! | [`claimreview`] | ClaimReview JSON-LD in every shape feeds take | one ClaimReview per verdict, or a `DataFeed` |
//! | [`factcheck`] | Fact Check Tools `claims:search` responses | - |
//!
//! Reviews (the last two) are a claim plus a verdict each: [`reviews`] records them, with
//! fact-checkers' labels mapped onto the project's ratings by [`ratings`] (docs/ratings.md).

pub mod claimreview;
pub mod csv;
pub mod factcheck;
pub mod jsonl;
pub mod ratings;
pub mod reviews;

pub use reviews::{ReviewFormat, ReviewReport, UNKNOWN_CLAIMANT, proposition_key};

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::claims::ClaimInput;
use crate::error::{Error, Result};
use crate::model::{Action, ClaimId, DocRef, Hash, Version};
use crate::storage::{HeadFilter, Reader};
use crate::workspace::Workspace;

/// One thing a reader found, for the importer to apply; a format whose records mean something
/// else (a review, a verdict) adds a variant here and an arm in `crate::import`.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A claim as a person states it: the fields of `claims add` (with `ref`/`revises`), or a
    /// sheet's row. `retracted` asks for it to stand withdrawn once recorded.
    Claim {
        /// The claim.
        input: ClaimInput,
        /// Whether it is to be retracted after it is recorded.
        retracted: bool,
    },
    /// A version as `claims` printed it, with its identity: applied verbatim when it extends
    /// what is held, after its id and hashes are checked against its content.
    Version(VersionRecord),
}

/// A claim version carried with its id and hashes (the claim shape of docs/json.md), whose
/// content is still as typed: the importer resolves its sources and checks the hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecord {
    /// What it says (source, via, text, ... and its note).
    pub input: ClaimInput,
    /// The claim it claims to belong to.
    pub id: ClaimId,
    /// Its hash, as the line gives it.
    pub version: Hash,
    /// The previous version's hash.
    pub parent: Option<Hash>,
    /// Its position in the chain.
    pub seq: u32,
    /// Record or retraction.
    pub action: Action,
    /// When it was first recorded (RFC 3339, kept so the hash comes out the same).
    pub recorded_at: String,
    /// Heads it merged.
    pub merged: Vec<Hash>,
    /// The stored document it was parsed from.
    pub doc: Option<DocRef>,
}

/// Where in its input a record was found, for messages (`file:LINE` or `file: item N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The 1-based line where the record starts.
    Line(usize),
    /// The 1-based index of a record that has no line of its own (an item of a feed).
    Item(usize),
}

/// A record as read: where, and the record or why it could not be read (such a record is
/// skipped with `--skip-bad`, unlike a [`Fatal`] error).
#[derive(Debug)]
pub struct Found {
    /// Where it starts.
    pub at: Position,
    /// The record, or why it is bad.
    pub record: Result<Record>,
    /// How the input names the claim fields (`said_on` -> the sheet's column), so a refused
    /// field is named as the user knows it; `None` when the input uses the fields' own names.
    pub columns: Option<std::rc::Rc<Columns>>,
}

/// A sheet's names for claim fields, for error messages.
pub type Columns = std::collections::HashMap<&'static str, String>;

/// An error after which the input cannot be read on (a line over the limit, an I/O failure, a
/// broken header): fatal even with `--skip-bad`, named at its position.
pub type Fatal = (Position, Error);

/// A format's reader: yields records one at a time, so memory stays bounded by one record.
pub trait RecordReader {
    /// The next record, `Ok(None)` at the end of the input.
    fn next_record(&mut self) -> std::result::Result<Option<Found>, Fatal>;
}

impl Workspace {
    /// Hands `f` each claim `filter` selects (resolved as `list` resolves it), one at a time
    /// straight from the database so memory stays flat: with `history`, every version oldest
    /// first (a claim edited independently elsewhere included), else its newest version alone.
    /// Claims come in `list`'s order (as first recorded). Every export format writes through
    /// this walk.
    pub fn for_each_export(
        &self,
        filter: &HeadFilter,
        history: bool,
        f: &mut dyn FnMut(&[Version]) -> Result<()>,
    ) -> Result<()> {
        let filter = self.resolve_filter(filter)?;
        let mut left = filter.limit.unwrap_or(usize::MAX);
        let store = &self.store;
        store.for_each_head(&filter, &mut |head| {
            // A first version with no other row is the whole history: no second query.
            if history && (head.seq > 1 || !head.merged.is_empty()) {
                f(&store.versions(&head.claim)?)?;
            } else {
                f(std::slice::from_ref(&head))?;
            }
            left -= 1;
            Ok(left > 0)
        })
    }
}

/// Writes a file through a temporary file beside it, renamed into place only when `write`
/// succeeded and the bytes are on disk: a failed or interrupted export (or bundle) leaves no
/// half-written file, and an existing file stays as it was. The path is the user's choice and
/// may lie outside the workspace.
pub fn write_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".claims.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(Error::io_write(dir))?;
    let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
    let value = write(&mut out)?;
    out.flush().map_err(Error::io_write(path))?;
    drop(out);
    tmp.as_file().sync_all().map_err(Error::io_write(path))?;
    tmp.persist(path)
        .map_err(|e| Error::io_write(path)(e.error))?;
    Ok(value)
}
