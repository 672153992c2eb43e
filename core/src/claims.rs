//! `claims add`, `edit`, `retract`, `show`, `log`, `list` and `diff`: recording claims as
//! versions in a hash chain, and reading them back. What a claim may contain, and where a
//! JSONL line is validated, is [`input`]; word-level diffs are [`diff`].

pub mod diff;
pub mod input;

use crate::error::{Error, Result};
use crate::hash::{self, VersionInput};
use crate::model::{self, Action, ClaimFields, ClaimId, Hash, Version, is_id_prefix};
use crate::storage::{HeadFilter, Reader, Writer};
use crate::workspace::{Workspace, now};

pub use diff::{DiffOp, DiffPiece, FieldChange, VersionDiff, word_diff};
pub use input::{ClaimInput, ClaimPatch, is_blank};

use input::{apply_patch, opt_nonempty};

/// What `add` did.
#[derive(Debug, Clone)]
pub struct Added {
    /// The claim's id.
    pub id: ClaimId,
    /// The version recorded, or None when the same claim was already recorded.
    pub version: Option<Version>,
}

/// What `edit` did.
#[derive(Debug, Clone)]
pub enum Edited {
    /// A new version was recorded.
    Recorded(Version),
    /// The content equals the head's; nothing was recorded.
    Unchanged(Version),
}

impl Workspace {
    /// Turns an id or unique prefix into the claim's full id.
    pub fn resolve_id(&self, prefix: &str) -> Result<ClaimId> {
        resolve_id(&self.store, prefix)
    }

    /// Records a new claim; the same content recorded before is reported, not duplicated.
    pub fn add(&mut self, input: &ClaimInput) -> Result<Added> {
        let fields = input.to_fields(&self.config)?;
        let note = opt_nonempty(input.note.clone());
        self.store.write(|w| record_new(w, fields, note, &now()))
    }

    /// Records a corrected version of a claim.
    pub fn edit(&mut self, id: &str, patch: &ClaimPatch, note: &str) -> Result<Edited> {
        let id = self.resolve_id(id)?;
        let config = &self.config;
        self.store.write(|w| {
            let head = w
                .head(&id)?
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            let fields = apply_patch(config, &head.fields, patch)?;
            if fields == head.fields {
                return Ok(Edited::Unchanged(head));
            }
            let v = append(
                w,
                &head,
                Action::Record,
                fields,
                Some(note.to_string()),
                &now(),
            )?;
            Ok(Edited::Recorded(v))
        })
    }

    /// Records that a claim was withdrawn; its history stays.
    pub fn retract(&mut self, id: &str, note: &str) -> Result<Version> {
        let id = self.resolve_id(id)?;
        self.store.write(|w| {
            let head = w
                .head(&id)?
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            if head.is_retracted() {
                return Err(Error::invalid(format!("claim {id} is already retracted")));
            }
            append(
                w,
                &head,
                Action::Retract,
                head.fields.clone(),
                Some(note.to_string()),
                &now(),
            )
        })
    }

    /// The newest version of a claim and how many versions it has.
    pub fn show(&self, id: &str) -> Result<(Version, usize)> {
        let id = self.resolve_id(id)?;
        let versions = self.store.versions(&id)?;
        let n = versions.len();
        let head = versions
            .into_iter()
            .last()
            .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
        Ok((head, n))
    }

    /// Every version of a claim, oldest first.
    pub fn log(&self, id: &str) -> Result<Vec<Version>> {
        let id = self.resolve_id(id)?;
        self.store.versions(&id)
    }

    /// The newest version of each claim that passes the filter.
    pub fn list(&self, filter: &HeadFilter) -> Result<Vec<Version>> {
        let mut filter = filter.clone();
        if let Some(s) = &filter.source {
            filter.source = Some(self.config.require(s)?.key.clone());
        }
        if let Some(d) = &filter.since {
            filter.since = Some(model::parse_date(d)?);
        }
        self.store.heads(&filter)
    }
}

/// Turns an id or unique prefix into a full id, through any reader.
pub fn resolve_id(r: &dyn Reader, prefix: &str) -> Result<ClaimId> {
    let p = prefix.trim();
    if !is_id_prefix(p) {
        return Err(Error::UnknownClaim(prefix.to_string()));
    }
    let found = r.ids_with_prefix(p, 6)?;
    match found.len() {
        0 => Err(Error::UnknownClaim(prefix.to_string())),
        1 => Ok(found.into_iter().next().expect("one")),
        _ => Err(Error::AmbiguousClaim {
            prefix: prefix.to_string(),
            candidates: found
                .iter()
                .take(3)
                .map(|c| c.short().to_string())
                .collect(),
        }),
    }
}

/// Records the first version of a claim, unless a claim with the same content exists.
pub(crate) fn record_new(
    w: &Writer<'_>,
    fields: ClaimFields,
    note: Option<String>,
    at: &str,
) -> Result<Added> {
    let content = hash::content_digest(&fields);
    let id = hash::claim_id_from_digest(&content);
    if w.claim_exists(&id)? {
        return Ok(Added { id, version: None });
    }
    let v = make_version(
        id.clone(),
        1,
        None,
        Action::Record,
        (fields, content),
        note,
        at.to_string(),
    );
    w.insert_version(&v)?;
    Ok(Added {
        id,
        version: Some(v),
    })
}

/// Appends a version after `head`.
pub(crate) fn append(
    w: &Writer<'_>,
    head: &Version,
    action: Action,
    fields: ClaimFields,
    note: Option<String>,
    at: &str,
) -> Result<Version> {
    let content = hash::content_digest(&fields);
    let v = make_version(
        head.claim.clone(),
        head.seq + 1,
        Some(head.hash),
        action,
        (fields, content),
        note,
        at.to_string(),
    );
    w.insert_version(&v)?;
    Ok(v)
}

/// A version of `fields`, whose digest `content` the caller already computed.
fn make_version(
    claim: ClaimId,
    seq: u32,
    parent: Option<Hash>,
    action: Action,
    (fields, content): (ClaimFields, Hash),
    note: Option<String>,
    recorded_at: String,
) -> Version {
    let hash = hash::version_hash(&VersionInput {
        claim: &claim,
        seq,
        parent: parent.as_ref(),
        action,
        content: &content,
        note: note.as_deref(),
        recorded_at: &recorded_at,
    });
    Version {
        claim,
        seq,
        parent,
        action,
        fields,
        note,
        recorded_at,
        hash,
    }
}
