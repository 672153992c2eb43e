//! `claims ingest`: a parser plugin turns a document into attributed claims. The document is
//! stored once (by blake3 of its bytes) and every claim keeps the byte span it came from, so the
//! passage can be shown and re-ingesting the same document adds nothing.

use std::path::Path;

use claims_plugin::{ParseRequest, ParsedClaim, Span, SpeechAct};

use crate::claims;
use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::model::{ClaimFields, DocRef, Hash, Stance};
use crate::plugin::LoadedPlugin;
use crate::plugin::registry::source_info;
use crate::storage::Reader;
use crate::workspace::{Workspace, now};

/// How `ingest` treats names it cannot resolve, whether it writes, and what its claims are about.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Parse and report, record nothing.
    pub dry_run: bool,
    /// Declare unresolved names as sources (kind `other`) instead of refusing.
    pub create_sources: bool,
    /// The proposition every claim of the document bears on (`ingest --about KEY`), so they
    /// reach compare, agree and trust without an edit each.
    pub about: Option<String>,
}

/// One claim the parser found, resolved against the workspace.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IngestedClaim {
    /// The origin's source key when resolved, else the name as the parser found it.
    pub origin: String,
    /// The relays, innermost first, likewise.
    pub via: Vec<String>,
    /// The stance recorded, in the one vocabulary of claims: the parser's speech act mapped
    /// (asserts -> supports, denies -> refutes, declines -> neutral).
    pub stance: Stance,
    /// The claim's text, byte for byte from the document.
    pub text: String,
    /// Byte span into the document, end exclusive.
    pub span: Span,
    /// Whether the text is a direct quote.
    pub quote: bool,
    /// When it was said, if the parser found a date.
    pub said_on: Option<String>,
    /// Language of the text.
    pub lang: Option<String>,
    /// Whether every name in origin and via resolved to a declared source.
    pub resolved: bool,
    /// The claim's id once recorded (not in a dry run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whether this run recorded it (false: already recorded, or a dry run).
    pub new: bool,
}

/// What an ingest did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IngestReport {
    /// The file as named on the command line.
    pub file: String,
    /// Whether this was a dry run (nothing recorded).
    pub dry_run: bool,
    /// blake3 of the document.
    pub document: Hash,
    /// The parser's name.
    pub parser: String,
    /// Whether the document was stored by this run.
    pub new_document: bool,
    /// Claims found.
    pub claims: Vec<IngestedClaim>,
    /// Names no source key or alias matched.
    pub unresolved: Vec<String>,
    /// Keys of sources declared by `create_sources`.
    pub created_sources: Vec<String>,
    /// Claims recorded by this run.
    pub added: u64,
    /// Claims that were already recorded.
    pub unchanged: u64,
}

/// Checks a parser's output against the document before anything is trusted.
fn validate(plugin: &str, document: &str, claims: &[ParsedClaim]) -> Result<()> {
    for (i, c) in claims.iter().enumerate() {
        let bad = |what: String| {
            Error::invalid(format!(
                "plugin `{plugin}` returned an invalid claim #{}: {what}",
                i + 1
            ))
        };
        let Span { start, end } = c.span;
        if start >= end || end > document.len() {
            return Err(bad(format!(
                "span {start}..{end} is outside the document ({} bytes)",
                document.len()
            )));
        }
        if !document.is_char_boundary(start) || !document.is_char_boundary(end) {
            return Err(bad(format!("span {start}..{end} cuts a UTF-8 character")));
        }
        if claims::is_blank(&c.text) {
            return Err(bad("empty text".into()));
        }
        if claims::is_blank(&c.origin) {
            return Err(bad("no origin".into()));
        }
        if let Some(d) = &c.said_on {
            crate::model::parse_date(d).map_err(|e| bad(e.to_string()))?;
        }
    }
    Ok(())
}

/// The stance a recorded claim takes towards its own text.
fn stance_of(act: SpeechAct) -> Stance {
    match act {
        SpeechAct::Asserts => Stance::Supports,
        SpeechAct::Denies => Stance::Refutes,
        SpeechAct::Declines => Stance::Neutral,
    }
}

impl Workspace {
    /// Parses a document with a parser plugin and records its claims (all or nothing).
    pub fn ingest(
        &mut self,
        parser: &LoadedPlugin,
        path: &Path,
        opts: IngestOptions,
    ) -> Result<IngestReport> {
        if let Some(key) = &opts.about
            && !crate::config::is_valid_key(key)
        {
            return Err(Error::invalid(crate::config::bad_key("proposition", key)));
        }
        let bytes = self.config().limits.read_document(path)?;
        let document = String::from_utf8(bytes).map_err(|e| {
            Error::invalid(format!(
                "{}: not UTF-8 (byte {})",
                path.display(),
                e.utf8_error().valid_up_to() + 1
            ))
        })?;
        let doc_hash = *blake3::hash(document.as_bytes()).as_bytes();
        let request = ParseRequest {
            document: document.clone(),
            path: Some(path.display().to_string()),
            sources: self.config().sources.values().map(source_info).collect(),
        };
        let parsed = parser.parse(&request)?;
        let name = parser.name().to_string();
        validate(&name, &document, &parsed)?;

        // Resolve every name; collect the ones no source matches.
        let mut config: Config = self.config().clone();
        let mut unresolved: Vec<String> = Vec::new();
        let mut created: Vec<Source> = Vec::new();
        let mut claims: Vec<IngestedClaim> = Vec::new();
        for c in &parsed {
            let mut resolved = true;
            let mut resolve = |n: &str, config: &mut Config| -> String {
                if let Some(s) = config.resolve(n) {
                    return s.key.clone();
                }
                resolved = false;
                if !unresolved.iter().any(|u| u == n.trim()) {
                    unresolved.push(n.trim().to_string());
                }
                if opts.create_sources {
                    config.declare_unknown(n, &mut created)
                } else {
                    n.trim().to_string()
                }
            };
            let origin = resolve(&c.origin, &mut config);
            let via = c.via.iter().map(|v| resolve(v, &mut config)).collect();
            claims.push(IngestedClaim {
                origin,
                via,
                stance: stance_of(c.stance),
                text: c.text.clone(),
                span: c.span,
                quote: c.quote,
                said_on: c
                    .said_on
                    .as_deref()
                    .map(crate::model::parse_date)
                    .transpose()?,
                lang: c.lang.clone(),
                resolved: resolved || opts.create_sources,
                id: None,
                new: false,
            });
        }
        let mut report = IngestReport {
            file: path.display().to_string(),
            dry_run: opts.dry_run,
            document: Hash(doc_hash),
            parser: name,
            new_document: !self.store().has_document(&doc_hash)?,
            claims,
            unresolved,
            created_sources: created.iter().map(|s| s.key.clone()).collect(),
            added: 0,
            unchanged: 0,
        };
        if opts.dry_run {
            return Ok(report);
        }
        if !report.unresolved.is_empty() && !opts.create_sources {
            return Err(Error::invalid(format!(
                "{}: {} source name(s) match no key or alias: {} (declare them, add aliases, or pass --create-sources)",
                path.display(),
                report.unresolved.len(),
                report.unresolved.join(", ")
            )));
        }
        let at = now();
        let path_str = path.display().to_string();
        self.write_declaring(|w, fresh| {
            w.insert_document(&doc_hash, Some(&path_str), document.as_bytes(), &at)?;
            for c in &mut report.claims {
                let fields = ClaimFields {
                    origin: c.origin.clone(),
                    via: c.via.clone(),
                    text: c.text.clone(),
                    stance: Some(c.stance),
                    about: opts.about.clone(),
                    quote: c.quote,
                    said_on: c.said_on.clone(),
                    lang: c.lang.clone(),
                    source_doc: Some(DocRef {
                        doc: doc_hash,
                        start: c.span.start as u64,
                        end: c.span.end as u64,
                    }),
                    ..ClaimFields::default()
                };
                let added = claims::record_new(
                    w,
                    fields,
                    Some(format!("ingested with {}", report.parser)),
                    &at,
                )?;
                c.new = added.version.is_some();
                c.id = Some(added.id.to_string());
                if c.new {
                    report.added += 1;
                } else {
                    report.unchanged += 1;
                }
            }
            // Another writer may have declared some of them since this document was parsed.
            created.retain(|s| !fresh.sources.contains_key(&s.key));
            Ok(((), created))
        })?;
        Ok(report)
    }

    /// The passage of a stored document a parsed claim came from.
    pub fn passage(&self, doc: &DocRef) -> Result<Option<String>> {
        Ok(self
            .store()
            .document_slice(&doc.doc, doc.start, doc.end)?
            .map(|b| String::from_utf8_lossy(&b).into_owned()))
    }
}
