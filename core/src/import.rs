//! `claims import`: many claims from JSON Lines in one transaction, all or nothing (or, with
//! `skip_bad`, every good line and a list of the bad ones). Each line is a
//! `ClaimInput` ([`crate::claims::ClaimInput`]), validated where `claims add` validates its flags
//! (`crate::claims::input`); this module adds what only files have (`ref`, `revises`).

use std::collections::HashMap;
use std::io::BufRead;

use crate::claims::{self, ClaimInput};
use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::model::{Action, ClaimId};
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

/// A line that was not recorded, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BadLine {
    /// 1-based line number.
    pub line: usize,
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
    /// Lines whose content was already recorded.
    pub unchanged: u64,
    /// Lines skipped with `skip_bad`.
    pub bad: Vec<BadLine>,
    /// Keys of sources declared by `create_sources`.
    pub created_sources: Vec<String>,
}

/// Turns serde_json's message into ours (its line/column refer to the one-line document).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &s[..i], e.column()),
        None => s,
    }
}

struct Importer<'a> {
    config: Config,
    opts: ImportOptions,
    created: Vec<Source>,
    labels: HashMap<String, ClaimId>,
    report: ImportReport,
    now: String,
    file: &'a str,
}

impl Importer<'_> {
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

    /// Imports one line; sources it declared are withdrawn again if the line fails.
    fn line(&mut self, w: &Writer<'_>, text: &str) -> Result<()> {
        let staged = self.created.len();
        let result = self.line_inner(w, text);
        if result.is_err() {
            for src in self.created.drain(staged..) {
                self.config.remove_source(&src.key);
            }
        }
        result
    }

    fn line_inner(&mut self, w: &Writer<'_>, text: &str) -> Result<()> {
        let mut input: ClaimInput =
            serde_json::from_str(text).map_err(|e| Error::invalid(json_message(&e)))?;
        input.source = self.source_key(&input.source)?;
        for v in &mut input.via {
            *v = self.source_key(v)?;
        }
        let fields = input.to_fields(&self.config)?;
        let note = input.note.clone().filter(|n| !n.is_empty());
        let id = match &input.revises {
            None => {
                let added = claims::record_new(w, fields, note, &self.now)?;
                if added.version.is_some() {
                    self.report.added += 1;
                } else {
                    self.report.unchanged += 1;
                }
                added.id
            }
            Some(target) => {
                let id = match self.labels.get(target) {
                    Some(id) => id.clone(),
                    None => claims::resolve_id(w, target).map_err(|_| {
                        Error::invalid(format!("`revises` names `{target}`, which is no earlier `ref` in this file and no claim id"))
                    })?,
                };
                let versions = w.versions(&id)?;
                if versions
                    .iter()
                    .any(|v| v.fields == fields && v.action == Action::Record)
                {
                    self.report.unchanged += 1;
                } else {
                    let tips = w.tips(&id)?;
                    if tips.is_empty() {
                        return Err(Error::UnknownClaim(id.to_string()));
                    }
                    claims::append(w, &tips, Action::Record, fields, note, &self.now)?;
                    self.report.revised += 1;
                }
                id
            }
        };
        if let Some(label) = input.label {
            self.labels.insert(label, id);
        }
        Ok(())
    }
}

impl Workspace {
    /// Imports JSON Lines (one claim per line, the fields of `claims add`). Either every line is
    /// recorded or, on the first bad line, nothing is (unless `skip_bad`). `progress` is told the
    /// number of lines read every so often.
    pub fn import(
        &mut self,
        reader: &mut dyn BufRead,
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
                file,
            };
            let mut buf = Vec::new();
            let mut line_no = 0usize;
            loop {
                line_no += 1;
                // A line over the limit is fatal even with skip_bad: its end may never come.
                let n = imp.config.limits.read_line(reader, &mut buf).map_err(|e| {
                    Error::ImportLine {
                        file: imp.file.to_string(),
                        line: line_no,
                        message: e.to_string(),
                    }
                })?;
                if n == 0 {
                    line_no -= 1;
                    break;
                }
                if line_no.is_multiple_of(10_000) {
                    progress(line_no as u64);
                }
                let bytes = if line_no == 1 {
                    buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
                } else {
                    &buf[..]
                };
                let result = match std::str::from_utf8(bytes) {
                    Err(e) => Err(Error::invalid(format!(
                        "not UTF-8 (byte {})",
                        e.valid_up_to() + 1
                    ))),
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => imp.line(w, text.trim_end_matches(['\n', '\r'])),
                };
                if let Err(e) = result {
                    if e.is_storage() {
                        // The disk or the database failed, not the line: say so, unblamed.
                        return Err(e);
                    }
                    let message = e.to_string();
                    if imp.opts.skip_bad {
                        imp.report.bad.push(BadLine {
                            line: line_no,
                            message,
                        });
                    } else {
                        return Err(Error::ImportLine {
                            file: imp.file.to_string(),
                            line: line_no,
                            message,
                        });
                    }
                }
            }
            progress(line_no as u64);
            imp.report.created_sources = imp.created.iter().map(|s| s.key.clone()).collect();
            Ok((imp.report, imp.created))
        })
    }
}
