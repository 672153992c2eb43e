//! `claims diff`: what changed between two versions of a claim, field by field, with a
//! word-level diff of the text.

use crate::error::{Error, Result};
use crate::model::{ClaimId, Version};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// A field that differs between two versions, with a word-level diff for text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldChange {
    /// The field's name as in JSON.
    pub field: &'static str,
    /// Its value in the older version.
    pub old: Option<String>,
    /// Its value in the newer version.
    pub new: Option<String>,
    /// Word-level pieces (for the text): equal, delete or insert.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<DiffPiece>,
}

/// What a run of a word diff does, so renderers match on cases rather than on strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// Words in both versions.
    Equal,
    /// Words only in the older version.
    Delete,
    /// Words only in the newer version.
    Insert,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffPiece {
    /// equal, delete or insert.
    pub op: DiffOp,
    /// The words (with their spacing), byte for byte.
    pub text: String,
}

/// Two versions and what changed between them.
#[derive(Debug, Clone)]
pub struct VersionDiff {
    /// The older version.
    pub from: Version,
    /// The newer version.
    pub to: Version,
    /// Fields that differ.
    pub changes: Vec<FieldChange>,
}

/// Word-level diff with `similar`; tokens split at whitespace, so Arabic words stay whole.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPiece> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<DiffPiece> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => DiffOp::Equal,
            similar::ChangeTag::Delete => DiffOp::Delete,
            similar::ChangeTag::Insert => DiffOp::Insert,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(DiffPiece {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

/// The fields of a claim as strings, in display order, for diffs.
fn field_strings(v: &Version) -> Vec<(&'static str, Option<String>)> {
    let f = &v.fields;
    vec![
        ("action", Some(v.action.as_str().to_string())),
        ("source", Some(f.origin.clone())),
        ("via", Some(f.via.join(" ← ")).filter(|s| !s.is_empty())),
        ("text", Some(f.text.clone())),
        ("about", f.about.clone()),
        ("stance", f.stance.map(|s| s.to_string())),
        ("value", f.value.clone()),
        ("quote", Some(f.quote.to_string())),
        ("said_on", f.said_on.clone()),
        ("reported_on", f.reported_on.clone()),
        ("url", f.url.clone()),
        ("lang", f.lang.clone()),
    ]
}

impl Workspace {
    /// What changed between two versions (default: the head and its parent; one selector: that
    /// version and the head).
    pub fn diff(&self, id: &str, a: Option<&str>, b: Option<&str>) -> Result<VersionDiff> {
        let id = self.resolve_id(id)?;
        let versions = self.store.versions(&id)?;
        let pick = |sel: &str| select_version(&id, &versions, sel);
        let head = versions
            .last()
            .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
        let (from, to) = match (a, b) {
            (Some(a), Some(b)) => (pick(a)?, pick(b)?),
            (Some(a), None) => (pick(a)?, head),
            (None, _) => match versions.len() {
                0 | 1 => (head, head),
                n => (&versions[n - 2], head),
            },
        };
        Ok(VersionDiff {
            from: from.clone(),
            to: to.clone(),
            changes: changes(from, to),
        })
    }
}

/// The fields that differ between two versions, with a word diff of the text: the one rule
/// `diff` and the report (which already holds every version) share.
pub fn changes(from: &Version, to: &Version) -> Vec<FieldChange> {
    let old = field_strings(from);
    field_strings(to)
        .into_iter()
        .zip(old)
        .filter(|((_, new), (_, old))| new != old)
        .map(|((field, new), (_, old))| {
            let words = if field == "text" {
                word_diff(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""))
            } else {
                Vec::new()
            };
            FieldChange {
                field,
                old,
                new,
                words,
            }
        })
        .collect()
}

fn select_version<'v>(id: &ClaimId, versions: &'v [Version], sel: &str) -> Result<&'v Version> {
    let sel_trim = sel.trim_start_matches('v');
    if let Ok(n) = sel_trim.parse::<u32>()
        && let Some(v) = versions.iter().find(|v| v.seq == n)
    {
        return Ok(v);
    }
    if sel.len() >= 4 && sel.bytes().all(|b| b.is_ascii_hexdigit()) {
        let sel_l = sel.to_ascii_lowercase();
        let matches: Vec<_> = versions
            .iter()
            .filter(|v| v.hash.to_hex().starts_with(&sel_l))
            .collect();
        if matches.len() == 1 {
            return Ok(matches[0]);
        }
    }
    Err(Error::UnknownVersion {
        claim: id.to_string(),
        selector: sel.to_string(),
    })
}
