//! `claims import`: many claims in one transaction, all or nothing (or, with `skip_bad`, every
//! good record and a list of the bad ones). A format's reader (`crate::interchange`) yields
//! records; this one importer applies them whatever the format. A stated claim is a
//! `ClaimInput` ([`crate::claims::ClaimInput`]), validated where `claims add` validates its flags
//! (`crate::claims::input`); this module adds what only files have (`ref`, `revises`, versions
//! carried with their hashes).

use std::collections::HashMap;
use std::io::BufRead;

use crate::claims::{self, ClaimInput};
use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::hash::{self, VersionInput};
use crate::interchange::{Fatal, Position, Record, RecordReader, VersionRecord, jsonl};
use crate::model::{Action, ClaimFields, ClaimId, Hash, Version};
use crate::storage::{Reader, Writer};
use crate::workspace::{self, Workspace};

/// How an import treats bad lines and unknown sources.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Record the good lines and report the bad ones, instead of recording nothing.
    pub skip_bad: bool,
    /// Declare unknown sources in workspace.toml (kind `other`) instead of refusing the line.
    pub create_sources: bool,
}

/// A record that was not recorded, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BadLine {
    /// 1-based line number where it starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based index, for records without a line of their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// What is wrong with it.
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    /// New claims recorded.
    pub added: u64,
    /// New versions of existing claims recorded.
    pub revised: u64,
    /// Records whose content was already recorded.
    pub unchanged: u64,
    /// Records skipped with `skip_bad`.
    pub bad: Vec<BadLine>,
    /// Keys of sources declared by `create_sources`.
    pub created_sources: Vec<String>,
}

struct Importer {
    config: Config,
    opts: ImportOptions,
    created: Vec<Source>,
    labels: HashMap<String, ClaimId>,
    report: ImportReport,
    now: String,
}

impl Importer {
    /// Resolves a source name, declaring it when asked to.
    fn source_key(&mut self, name: &str) -> Result<String> {
        if let Some(s) = self.config.resolve(name) {
            return Ok(s.key.clone());
        }
        if !self.opts.create_sources || name.trim().is_empty() {
            return Err(Error::UnknownSource(name.to_string()));
        }
        Ok(self.config.declare_unknown(name, &mut self.created))
    }

    /// The claim's sources as keys (declared when asked to), then its checked fields.
    fn fields(&mut self, input: &mut ClaimInput) -> Result<ClaimFields> {
        input.source = self
            .source_key(&input.source)
            .map_err(Error::in_field("source"))?;
        for v in &mut input.via {
            *v = self.source_key(v).map_err(Error::in_field("via"))?;
        }
        input.to_fields(&self.config)
    }

    /// Applies one record; sources it declared are withdrawn again if it fails.
    fn apply(&mut self, w: &Writer<'_>, record: Record) -> Result<()> {
        let staged = self.created.len();
        let result = match record {
            Record::Claim { input, retracted } => self.claim(w, input, retracted),
            Record::Version(v) => self.version(w, v),
        };
        if result.is_err() {
            for src in self.created.drain(staged..) {
                self.config.remove_source(&src.key);
            }
        }
        result
    }

    /// A claim as stated: recorded new, or (`revises`) as a new version of an earlier one.
    fn claim(&mut self, w: &Writer<'_>, mut input: ClaimInput, retracted: bool) -> Result<()> {
        let fields = self.fields(&mut input)?;
        let note = input.note.clone().filter(|n| !n.is_empty());
        let id = match &input.revises {
            None => self.record_new(w, fields, note.clone(), &self.now.clone())?,
            Some(target) => {
                let id = match self.labels.get(target) {
                    Some(id) => id.clone(),
                    None => claims::resolve_id(w, target).map_err(|_| {
                        Error::invalid(format!("`revises` names `{target}`, which is no earlier `ref` in this file and no claim id"))
                    })?,
                };
                self.revise(w, &id, fields, note.clone())?;
                id
            }
        };
        if retracted {
            self.retract(w, &id, note)?;
        }
        if let Some(label) = input.label {
            self.labels.insert(label, id);
        }
        Ok(())
    }

    /// Records a claim's first version unless its content is recorded; returns its id.
    fn record_new(
        &mut self,
        w: &Writer<'_>,
        fields: ClaimFields,
        note: Option<String>,
        at: &str,
    ) -> Result<ClaimId> {
        let added = claims::record_new(w, fields, note, at)?;
        if added.version.is_some() {
            self.report.added += 1;
        } else {
            self.report.unchanged += 1;
        }
        Ok(added.id)
    }

    /// Records `fields` as a new version after a claim's heads, unless some version of the
    /// claim already says exactly that.
    fn revise(
        &mut self,
        w: &Writer<'_>,
        id: &ClaimId,
        fields: ClaimFields,
        note: Option<String>,
    ) -> Result<()> {
        let versions = w.versions(id)?;
        if versions
            .iter()
            .any(|v| v.fields == fields && v.action == Action::Record)
        {
            self.report.unchanged += 1;
            return Ok(());
        }
        let tips = w.tips(id)?;
        if tips.is_empty() {
            return Err(Error::UnknownClaim(id.to_string()));
        }
        claims::append(w, &tips, Action::Record, fields, note, &self.now)?;
        self.report.revised += 1;
        Ok(())
    }

    /// Retracts a claim now unless it stands retracted; whether it did.
    fn retract(&mut self, w: &Writer<'_>, id: &ClaimId, note: Option<String>) -> Result<bool> {
        let tips = w.tips(id)?;
        if tips.is_empty() || tips.iter().all(Version::is_retracted) {
            return Ok(false);
        }
        let fields = tips[0].fields.clone();
        claims::append(w, &tips, Action::Retract, fields, note, &self.now)?;
        self.report.revised += 1;
        Ok(true)
    }

    /// A version as `claims` printed it: its id and hashes are checked against its content;
    /// held already, nothing happens; extending what is held (a first version of an unknown
    /// claim, or the next version after the claim's heads), it is stored verbatim, so ids and
    /// hashes match the workspace it came from; otherwise its content is recorded the way a
    /// stated claim is (a new version after the heads, or, its history missing, a claim of its
    /// own), and a retraction retracts.
    fn version(&mut self, w: &Writer<'_>, mut r: VersionRecord) -> Result<()> {
        let mut fields = self.fields(&mut r.input)?;
        fields.source_doc = r.doc;
        let content = hash::content_digest(&fields);
        if r.seq == 0 {
            return Err(Error::invalid("field `seq`: versions count from 1"));
        }
        if (r.seq == 1) != r.parent.is_none() {
            return Err(Error::invalid(
                "field `parent`: the first version (seq 1) has none, every later one has one",
            ));
        }
        if r.seq == 1 {
            let derived = hash::claim_id_from_digest(&content);
            if derived != r.id {
                return Err(Error::invalid(format!(
                    "field `id` does not match the content: it derives {derived}"
                )));
            }
        }
        if r.recorded_at.parse::<jiff::Timestamp>().is_err() {
            return Err(Error::invalid(format!(
                "field `recorded_at`: `{}` is not an RFC 3339 time",
                r.recorded_at
            )));
        }
        let note = r.input.note.clone();
        let hash = hash::version_hash(&VersionInput {
            claim: &r.id,
            seq: r.seq,
            parent: r.parent.as_ref(),
            merged: &r.merged,
            action: r.action,
            content: &content,
            note: note.as_deref(),
            recorded_at: &r.recorded_at,
        });
        if hash != r.version {
            return Err(Error::invalid(format!(
                "field `version` does not match the line's content: it hashes to {hash}"
            )));
        }
        if let Some(d) = &fields.source_doc
            && !w.has_document(&d.doc)?
        {
            return Err(Error::invalid(format!(
                "the claim was parsed from document {}, which is not stored here (a bundle carries documents: `claims bundle create`)",
                Hash(d.doc).short()
            )));
        }
        if w.has_version_hash(r.id.as_str(), &hash.0)? {
            self.report.unchanged += 1;
            return Ok(());
        }
        let tips = w.tips(&r.id)?;
        let extends = match &r.parent {
            None => tips.is_empty(),
            Some(p) => {
                let mut wanted: Vec<Hash> = r.merged.iter().copied().chain([*p]).collect();
                let mut held: Vec<Hash> = tips.iter().map(|t| t.hash).collect();
                wanted.sort();
                held.sort();
                wanted == held
            }
        };
        if extends {
            let version = Version {
                claim: r.id,
                seq: r.seq,
                parent: r.parent,
                merged: r.merged,
                action: r.action,
                fields,
                note,
                recorded_at: r.recorded_at,
                hash,
            };
            w.insert_version(&version)?;
            if version.seq == 1 {
                self.report.added += 1;
            } else {
                self.report.revised += 1;
            }
            return Ok(());
        }
        let (id, counted) = if tips.is_empty() {
            // Its history is not here (a head from `list --json`): a claim of its own.
            (
                self.record_new(w, fields, note.clone(), &r.recorded_at)?,
                true,
            )
        } else if r.seq == 1 {
            // The claim's first content is held, with another note or time.
            self.report.unchanged += 1;
            return Ok(());
        } else if r.action == Action::Record {
            return self.revise(w, &r.id, fields, note);
        } else {
            (r.id, false)
        };
        if r.action == Action::Retract && !self.retract(w, &id, note)? && !counted {
            self.report.unchanged += 1;
        }
        Ok(())
    }
}

impl Workspace {
    /// Imports JSON: JSON Lines (one claim per line, the fields of `claims add`, or the claim
    /// shape that `export` and `list --json` print), a JSON array or single objects. See
    /// [`Workspace::import_records`].
    pub fn import(
        &mut self,
        reader: &mut dyn BufRead,
        file: &str,
        opts: ImportOptions,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport> {
        let limits = self.config.limits;
        let mut records = jsonl::reader(reader, limits).map_err(|f| located(file, f))?;
        self.import_records(&mut *records, file, opts, progress)
    }

    /// Imports what a format's reader yields: either every record is recorded or, on the first
    /// bad one, nothing is (unless `skip_bad`). `progress` is told the number of records read
    /// every so often. The one import loop every format goes through.
    pub fn import_records(
        &mut self,
        records: &mut dyn RecordReader,
        file: &str,
        opts: ImportOptions,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport> {
        self.write_declaring(|w, config| {
            let mut imp = Importer {
                config: config.clone(),
                opts,
                created: Vec::new(),
                labels: HashMap::new(),
                report: ImportReport::default(),
                now: workspace::now(),
            };
            let mut count = 0u64;
            while let Some(found) = records.next_record().map_err(|f| located(file, f))? {
                count += 1;
                if count.is_multiple_of(10_000) {
                    progress(count);
                }
                let Err(e) = found.record.and_then(|r| imp.apply(w, r)) else {
                    continue;
                };
                if e.is_storage() {
                    // The disk or the database failed, not the record: say so, unblamed.
                    return Err(e);
                }
                let message = match (&e, &found.columns) {
                    (Error::Field { field, inner }, Some(columns)) => match columns.get(field) {
                        Some(column) => format!("column `{column}`: {inner}"),
                        None => inner.to_string(),
                    },
                    _ => e.to_string(),
                };
                if !imp.opts.skip_bad {
                    return Err(located(file, (found.at, Error::invalid(message))));
                }
                let (line, item) = match found.at {
                    Position::Line(l) => (Some(l), None),
                    Position::Item(i) => (None, Some(i)),
                };
                imp.report.bad.push(BadLine {
                    line,
                    item,
                    message,
                });
            }
            progress(count);
            imp.report.created_sources = imp.created.iter().map(|s| s.key.clone()).collect();
            Ok((imp.report, imp.created))
        })
    }
}

/// A reader's error named at its place in `file` (`FILE:LINE: ...` or `FILE: item N: ...`), as
/// every import error is.
pub fn located(file: &str, (at, e): Fatal) -> Error {
    let (file, message) = (file.to_string(), e.to_string());
    match at {
        Position::Line(line) => Error::ImportLine {
            file,
            line,
            message,
        },
        Position::Item(item) => Error::ImportItem {
            file,
            item,
            message,
        },
    }
}
