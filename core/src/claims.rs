//! `claims add`, `edit`, `retract`, `show`, `log`, `list` and `diff`: recording claims as
//! versions in a hash chain, and reading them back. What a claim may contain, and where a
//! JSONL line is validated, is [`input`]; word-level diffs are [`diff`].

pub mod diff;
pub mod input;

use crate::error::{Error, Result};
use crate::hash::{self, VersionInput};
use crate::model::{self, Action, ClaimFields, ClaimId, Hash, Version, is_id_prefix};
use crate::propositions::Proposition;
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
    /// What the claim gives that its proposition will not count (a value on a statement, a
    /// stance on a value proposition), worded for the user.
    pub warnings: Vec<String>,
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
        let before = match &fields.about {
            Some(about) => self.proposition(about).ok(),
            None => None,
        };
        let mut added = self
            .store
            .write(|w| record_new(w, fields.clone(), note, &now()))?;
        if added.version.is_some() {
            added.warnings = self.misfit(&fields, before.as_ref())?.into_iter().collect();
        }
        Ok(added)
    }

    /// The warning for a claim whose stance or value its proposition's kind does not count, or
    /// whose value turned an inferred statement into a value proposition (so the stances of the
    /// claims before it stop counting). `before` is the proposition as it was before the claim.
    fn misfit(&self, fields: &ClaimFields, before: Option<&Proposition>) -> Result<Option<String>> {
        let Some(about) = &fields.about else {
            return Ok(None);
        };
        let kind = self.proposition(about)?.kind;
        if let Some(b) = before.filter(|b| b.kind != kind && b.claims > 0) {
            return Ok(Some(format!(
                "this claim's value makes `{about}` a value proposition (its kind is inferred from its claims), so the stances of its {} earlier claim{} are no longer counted; `claims about add {about} --kind statement` keeps it a statement",
                b.claims,
                if b.claims == 1 { "" } else { "s" }
            )));
        }
        let ignored =
            crate::positions::ignored_part(kind, fields.stance.is_some(), fields.value.is_some());
        Ok(ignored.map(|part| {
            format!(
                "`{about}` is a {} proposition, so this claim's {part} is not counted by compare, agree or trust (`claims about add {about} --kind {} --change-kind` if it is one)",
                kind.as_str(),
                kind.other().as_str()
            )
        }))
    }

    /// Records a corrected version of a claim. On a claim colleagues edited independently
    /// (several heads), the new version merges them all, starting from the primary head, even
    /// when it changes nothing else: that is how a divergence is resolved.
    pub fn edit(&mut self, id: &str, patch: &ClaimPatch, note: &str) -> Result<Edited> {
        let id = self.resolve_id(id)?;
        let config = &self.config;
        self.store.write(|w| {
            let tips = w.tips(&id)?;
            let head = tips
                .first()
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            if head.is_retracted() && !patch.revive {
                return Err(Error::invalid(format!(
                    "claim {} is retracted: pass --revive to record a new version that brings it back",
                    id.short()
                )));
            }
            let fields = apply_patch(config, &head.fields, patch)?;
            if fields == head.fields && tips.len() == 1 && !head.is_retracted() {
                return Ok(Edited::Unchanged(head.clone()));
            }
            let v = append(
                w,
                &tips,
                Action::Record,
                fields,
                Some(note.to_string()),
                &now(),
            )?;
            Ok(Edited::Recorded(v))
        })
    }

    /// A claim's heads, the primary one first: more than one when colleagues edited it
    /// independently and the edits were exchanged.
    pub fn heads_of(&self, id: &str) -> Result<Vec<Version>> {
        let id = self.resolve_id(id)?;
        self.store.tips(&id)
    }

    /// Records that a claim was withdrawn; its history stays.
    pub fn retract(&mut self, id: &str, note: &str) -> Result<Version> {
        let id = self.resolve_id(id)?;
        self.store.write(|w| {
            let tips = w.tips(&id)?;
            let head = tips
                .first()
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            if tips.iter().all(Version::is_retracted) {
                return Err(Error::invalid(format!("claim {id} is already retracted")));
            }
            append(
                w,
                &tips,
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
        let n = self.store.versions(&id)?.len();
        let head = self
            .store
            .head(&id)?
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
        self.store.heads(&self.resolve_filter(filter)?)
    }

    /// The claims whose newest words match `query` and that pass the filter (and `stance`),
    /// best first, each with its bm25 score and a snippet: `claims search`.
    pub fn search(
        &self,
        query: &str,
        filter: &HeadFilter,
        stance: Option<model::Stance>,
    ) -> Result<Vec<SearchHit>> {
        let q = crate::search::Query::parse(query)?;
        let filter = self.resolve_filter(filter)?;
        let mut out = Vec::new();
        self.store
            .for_each_match(q.fts(), &filter, &mut |v, score| {
                if stance.is_none_or(|s| v.fields.stance == Some(s)) {
                    let snippet = q.snippet(&v.fields.text);
                    out.push(SearchHit {
                        version: v,
                        score,
                        snippet,
                    });
                }
                Ok(filter.limit.is_none_or(|l| out.len() < l))
            })?;
        Ok(out)
    }

    /// A filter as the user typed it made comparable with what is stored: sources by key
    /// (aliases resolved), dates canonical. `list`, `export` (and later `search`) share it.
    pub fn resolve_filter(&self, filter: &HeadFilter) -> Result<HeadFilter> {
        let mut filter = filter.clone();
        for s in [&mut filter.source, &mut filter.via].into_iter().flatten() {
            *s = self.config.require(s)?.key.clone();
        }
        for d in [&mut filter.since, &mut filter.until].into_iter().flatten() {
            *d = model::parse_date(d)?;
        }
        Ok(filter)
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
        return Ok(Added {
            id,
            version: None,
            warnings: Vec::new(),
        });
    }
    let v = make_version(
        id.clone(),
        1,
        (None, Vec::new()),
        Action::Record,
        (fields, content),
        note,
        at.to_string(),
    );
    w.insert_version(&v)?;
    Ok(Added {
        id,
        version: Some(v),
        warnings: Vec::new(),
    })
}

/// Appends a version after a claim's heads (`tips`, the primary first): its parent is the
/// primary head and it merges the others, so it becomes the one head.
pub(crate) fn append(
    w: &Writer<'_>,
    tips: &[Version],
    action: Action,
    fields: ClaimFields,
    note: Option<String>,
    at: &str,
) -> Result<Version> {
    let head = &tips[0];
    let content = hash::content_digest(&fields);
    let seq = tips.iter().map(|t| t.seq).max().unwrap_or(head.seq) + 1;
    let merged = tips[1..].iter().map(|t| t.hash).collect();
    let v = make_version(
        head.claim.clone(),
        seq,
        (Some(head.hash), merged),
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
    (parent, merged): (Option<Hash>, Vec<Hash>),
    action: Action,
    (fields, content): (ClaimFields, Hash),
    note: Option<String>,
    recorded_at: String,
) -> Version {
    let hash = hash::version_hash(&VersionInput {
        claim: &claim,
        seq,
        parent: parent.as_ref(),
        merged: &merged,
        action,
        content: &content,
        note: note.as_deref(),
        recorded_at: &recorded_at,
    });
    Version {
        claim,
        seq,
        parent,
        merged,
        action,
        fields,
        note,
        recorded_at,
        hash,
    }
}

/// One result of `claims search`.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// The claim's newest version.
    pub version: Version,
    /// Its bm25 score (lower is a better match).
    pub score: f64,
    /// Its text around the matched words.
    pub snippet: crate::search::Snippet,
}
