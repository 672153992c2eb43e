//! JSON in and out. One claim shape ([`ClaimShape`], docs/json.md) is what `show`, `list`,
//! `log` and `export` print and what `import` reads back; a line without an `id` is a claim as
//! a person states it (the fields of `claims add`). Input is JSON Lines, or (when the first
//! non-blank byte opens an array, or the first line is a lone `{`) a JSON array or pretty
//! objects as `list --json` and `show --json` print them, read one object at a time.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::Path;

use super::{Fatal, Found, Position, Record, RecordReader, VersionRecord};
use crate::claims::ClaimInput;
use crate::error::{Error, Result};
use crate::limits::{Limits, too_large};
use crate::model::{Action, ClaimId, DocRef, Hash, Stance, Version};
use crate::storage::HeadFilter;
use crate::workspace::Workspace;

/// A claim version in the documented JSON shape, borrowed: one definition for every command
/// that prints claims and for the export, so what is printed is what import reads back.
#[derive(Debug, Serialize)]
pub struct ClaimShape<'a> {
    /// The claim's id.
    pub id: &'a ClaimId,
    /// This version's hash.
    pub version: Hash,
    /// The previous version's hash.
    pub parent: Option<Hash>,
    /// Position in the chain.
    pub seq: u32,
    /// Whether this version withdraws the claim.
    pub retracted: bool,
    /// `record` or `retract` (log and export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<&'static str>,
    /// Origin source key.
    pub source: &'a str,
    /// Relay chain, innermost first.
    pub via: &'a [String],
    /// The words.
    pub text: &'a str,
    /// Proposition key.
    pub about: Option<&'a str>,
    /// Stance.
    pub stance: Option<Stance>,
    /// Value.
    pub value: Option<&'a str>,
    /// Direct quote.
    pub quote: bool,
    /// ISO date said.
    pub said_on: Option<&'a str>,
    /// ISO date reported.
    pub reported_on: Option<&'a str>,
    /// URL.
    pub url: Option<&'a str>,
    /// Language tag.
    pub lang: Option<&'a str>,
    /// Why this version was recorded.
    pub note: Option<&'a str>,
    /// When (RFC 3339 UTC).
    pub recorded_at: &'a str,
    /// The stored document it was parsed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocShape>,
    /// The heads this version merged.
    #[serde(skip_serializing_if = "<[Hash]>::is_empty")]
    pub merged: &'a [Hash],
}

/// A document reference as JSON shows it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocShape {
    /// The document's hash.
    pub hash: String,
    /// The passage's byte span.
    pub span: Span,
    /// `show` adds the passage's words; ignored on import.
    #[serde(default, skip_serializing)]
    pub passage: Option<IgnoredAny>,
}

/// A byte span in a document.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

impl<'a> ClaimShape<'a> {
    /// The shape of a version; `action` adds the `action` field (log and export).
    pub fn of(v: &'a Version, action: bool) -> ClaimShape<'a> {
        let f = &v.fields;
        ClaimShape {
            id: &v.claim,
            version: v.hash,
            parent: v.parent,
            seq: v.seq,
            retracted: v.is_retracted(),
            action: action.then(|| v.action.as_str()),
            source: &f.origin,
            via: &f.via,
            text: &f.text,
            about: f.about.as_deref(),
            stance: f.stance,
            value: f.value.as_deref(),
            quote: f.quote,
            said_on: f.said_on.as_deref(),
            reported_on: f.reported_on.as_deref(),
            url: f.url.as_deref(),
            lang: f.lang.as_deref(),
            note: v.note.as_deref(),
            recorded_at: &v.recorded_at,
            document: f.source_doc.map(|d| DocShape {
                hash: Hash(d.doc).to_hex(),
                span: Span {
                    start: d.start,
                    end: d.end,
                },
                passage: None,
            }),
            merged: &v.merged,
        }
    }
}

/// Writes every version of each claim `filter` selects, oldest first, one claim-shape object
/// (with `action`) a line, streaming; returns how many claims. `dest` names the output in
/// errors.
pub fn write(ws: &Workspace, filter: &HeadFilter, out: &mut dyn Write, dest: &Path) -> Result<u64> {
    let mut claims = 0u64;
    ws.for_each_export(filter, true, &mut |versions| {
        for v in versions {
            serde_json::to_writer(&mut *out, &ClaimShape::of(v, true))
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(Error::io_write(dest))?;
        }
        claims += 1;
        Ok(())
    })?;
    out.flush().map_err(Error::io_write(dest))?;
    Ok(claims)
}

/// One JSON object of an import: the fields of `claims add` (with `ref`/`revises`), or the
/// claim shape. Unknown fields are an error, so a typo is never silently dropped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    source: String,
    #[serde(default)]
    via: Vec<String>,
    text: String,
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    stance: Option<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    quote: bool,
    #[serde(default)]
    said_on: Option<String>,
    #[serde(default)]
    reported_on: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default, rename = "ref")]
    label: Option<String>,
    #[serde(default)]
    revises: Option<String>,
    // The claim shape.
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    seq: Option<u32>,
    #[serde(default)]
    retracted: Option<bool>,
    #[serde(default)]
    action: Option<Action>,
    #[serde(default)]
    recorded_at: Option<String>,
    #[serde(default)]
    merged: Option<Vec<String>>,
    #[serde(default)]
    document: Option<DocShape>,
    // What show and log print beside a version; not part of it.
    #[serde(default)]
    versions: Option<IgnoredAny>,
    #[serde(default)]
    divergent: Option<IgnoredAny>,
    #[serde(default)]
    by: Option<IgnoredAny>,
    #[serde(default)]
    head: Option<IgnoredAny>,
    #[serde(default)]
    findings: Option<IgnoredAny>,
}

/// Turns serde_json's message into ours (its line/column refer to the one-object document).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &s[..i], e.column()),
        None => s,
    }
}

fn hash_field(name: &str, hex: &str) -> Result<Hash> {
    Hash::from_hex(hex)
        .ok_or_else(|| Error::invalid(format!("field `{name}`: expected 64 hex digits")))
}

/// Parses one JSON object into the record it states.
pub fn parse_record(text: &str) -> Result<Record> {
    let line: Line = serde_json::from_str(text).map_err(|e| Error::invalid(json_message(&e)))?;
    line.into_record()
}

impl Line {
    fn is_claim_shape(&self) -> bool {
        self.id.is_some()
            || self.version.is_some()
            || self.parent.is_some()
            || self.seq.is_some()
            || self.retracted.is_some()
            || self.action.is_some()
            || self.recorded_at.is_some()
            || self.merged.is_some()
            || self.document.is_some()
            || self.versions.is_some()
            || self.divergent.is_some()
            || self.by.is_some()
            || self.head.is_some()
            || self.findings.is_some()
    }

    fn into_record(self) -> Result<Record> {
        let shaped = self.is_claim_shape();
        let input = ClaimInput {
            source: self.source,
            via: self.via,
            text: self.text,
            about: self.about,
            stance: self.stance,
            value: self.value,
            quote: self.quote,
            said_on: self.said_on,
            reported_on: self.reported_on,
            url: self.url,
            lang: self.lang,
            note: self.note,
            label: self.label,
            revises: self.revises,
        };
        if !shaped {
            return Ok(Record::Claim {
                input,
                retracted: false,
            });
        }
        if input.label.is_some() || input.revises.is_some() {
            return Err(Error::invalid(
                "`ref` and `revises` are for lines without `id`: a line with `id` is a claim as `claims` prints it",
            ));
        }
        let missing = |name: &str| {
            Error::invalid(format!(
                "missing field `{name}` (a claim as `claims` prints it carries id, version, seq and recorded_at)"
            ))
        };
        let id = self.id.ok_or_else(|| missing("id"))?;
        let id = ClaimId::parse(&id)
            .ok_or_else(|| Error::invalid("field `id`: expected 32 letters k to z"))?;
        let version = hash_field("version", &self.version.ok_or_else(|| missing("version"))?)?;
        let recorded_at = self.recorded_at.ok_or_else(|| missing("recorded_at"))?;
        let seq = self.seq.ok_or_else(|| missing("seq"))?;
        let parent = self.parent.map(|p| hash_field("parent", &p)).transpose()?;
        let merged = (self.merged.unwrap_or_default().iter())
            .map(|m| hash_field("merged", m))
            .collect::<Result<Vec<_>>>()?;
        let action = match (self.action, self.retracted) {
            (Some(a), Some(r)) if r != (a == Action::Retract) => {
                return Err(Error::invalid(
                    "field `retracted` contradicts field `action`",
                ));
            }
            (Some(a), _) => a,
            (None, Some(true)) => Action::Retract,
            (None, _) => Action::Record,
        };
        let doc = match self.document {
            None => None,
            Some(d) => Some(DocRef {
                doc: hash_field("document.hash", &d.hash)?.0,
                start: d.span.start,
                end: d.span.end,
            }),
        };
        Ok(Record::Version(VersionRecord {
            input,
            id,
            version,
            parent,
            seq,
            action,
            recorded_at,
            merged,
            doc,
        }))
    }
}

/// The reader for JSON input: JSON Lines, or a JSON array / pretty objects (see the module
/// documentation), chosen by looking at the start of the input. A UTF-8 byte order mark is
/// skipped.
pub fn reader<'a>(
    input: &'a mut dyn BufRead,
    limits: Limits,
) -> std::result::Result<Box<dyn RecordReader + 'a>, Fatal> {
    let buf = input.fill_buf().map_err(|e| cannot_read(1, &e))?;
    let bom = buf.starts_with(b"\xEF\xBB\xBF");
    let rest = &buf[if bom { 3 } else { 0 }..];
    let documents = match rest.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(i) if rest[i] == b'[' => true,
        // A lone `{` on its line starts a pretty-printed object (`show --json`).
        Some(i) if rest[i] == b'{' => rest[i + 1..]
            .iter()
            .position(|&b| b == b'\n')
            .is_some_and(|end| rest[i + 1..i + 1 + end].trim_ascii().is_empty()),
        _ => false,
    };
    if bom {
        input.consume(3);
    }
    Ok(if documents {
        Box::new(Documents {
            input,
            limits,
            line: 1,
            in_array: false,
            need_comma: false,
            buf: Vec::new(),
        })
    } else {
        Box::new(Lines {
            input,
            limits,
            line: 0,
            buf: Vec::new(),
        })
    })
}

fn cannot_read(line: usize, e: &std::io::Error) -> Fatal {
    (
        Position::Line(line),
        Error::invalid(format!("cannot read: {e}")),
    )
}

/// Parses text that should be UTF-8 JSON into a record.
fn record_of(bytes: &[u8]) -> Result<Record> {
    match std::str::from_utf8(bytes) {
        Err(e) => Err(Error::invalid(format!(
            "not UTF-8 (byte {})",
            e.valid_up_to() + 1
        ))),
        Ok(text) => parse_record(text),
    }
}

/// JSON Lines: one object a line, blank lines skipped.
struct Lines<'a> {
    input: &'a mut dyn BufRead,
    limits: Limits,
    line: usize,
    buf: Vec<u8>,
}

impl RecordReader for Lines<'_> {
    fn next_record(&mut self) -> std::result::Result<Option<Found>, Fatal> {
        loop {
            self.line += 1;
            // A line over the limit is fatal even with skip_bad: its end may never come.
            let n = (self.limits)
                .read_line(self.input, &mut self.buf)
                .map_err(|e| (Position::Line(self.line), e))?;
            if n == 0 {
                return Ok(None);
            }
            let body = self.buf.trim_ascii_end();
            if body.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(Found {
                at: Position::Line(self.line),
                record: record_of(body),
                columns: None,
            }));
        }
    }
}

/// A JSON array of objects, or objects one after another (pretty-printed or not), read one
/// object at a time: an object is cut out by its braces (strings and escapes respected) and
/// bounded by `max_line_bytes`, so a huge array never sits in memory whole.
struct Documents<'a> {
    input: &'a mut dyn BufRead,
    limits: Limits,
    line: usize,
    in_array: bool,
    need_comma: bool,
    buf: Vec<u8>,
}

impl Documents<'_> {
    /// Skips whitespace, counting lines; the next byte, not consumed.
    fn skip_blank(&mut self) -> std::result::Result<Option<u8>, Fatal> {
        loop {
            let buf = (self.input.fill_buf()).map_err(|e| cannot_read(self.line, &e))?;
            let Some(&first) = buf.first() else {
                return Ok(None);
            };
            let n = buf
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(buf.len());
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count();
            self.input.consume(n);
            if n == 0 {
                return Ok(Some(first));
            }
        }
    }

    /// Cuts out the object that starts here into `buf`.
    fn object(&mut self, start: usize) -> std::result::Result<(), Fatal> {
        self.buf.clear();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let max = self.limits.max_line_bytes;
        let at = Position::Line(start);
        loop {
            let buf = (self.input.fill_buf()).map_err(|e| cannot_read(self.line, &e))?;
            if buf.is_empty() {
                return Err((
                    at,
                    Error::invalid("the input ends inside this object".to_string()),
                ));
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if in_string {
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let n = end.unwrap_or(buf.len());
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count();
            self.buf.extend_from_slice(&buf[..n]);
            self.input.consume(n);
            if self.buf.len() as u64 > max {
                let what = format!("the object starting on line {start}");
                return Err((at, too_large(&what, max, "max_line_bytes")));
            }
            if end.is_some() {
                return Ok(());
            }
        }
    }
}

impl RecordReader for Documents<'_> {
    fn next_record(&mut self) -> std::result::Result<Option<Found>, Fatal> {
        loop {
            let next = self.skip_blank()?;
            let at = Position::Line(self.line);
            let unexpected = |what: &str| Err((at, Error::invalid(what.to_string())));
            match next {
                None if self.in_array => return unexpected("the JSON array is not closed"),
                None => return Ok(None),
                Some(b'[') if !self.in_array => {
                    (self.in_array, self.need_comma) = (true, false);
                }
                Some(b']') if self.in_array => self.in_array = false,
                Some(b',') if self.in_array && self.need_comma => self.need_comma = false,
                Some(b'{') if !self.need_comma || !self.in_array => {
                    let start = self.line;
                    self.object(start)?;
                    self.need_comma = true;
                    return Ok(Some(Found {
                        at,
                        record: record_of(&self.buf),
                        columns: None,
                    }));
                }
                Some(b) => {
                    let what = if self.in_array && self.need_comma {
                        "`,` or `]`"
                    } else {
                        "a JSON object"
                    };
                    return unexpected(&format!("expected {what}, found `{}`", b as char));
                }
            }
            // The structural byte matched above is consumed here.
            self.input.consume(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `input` as (line, Ok(text) or Err(message)); a fatal error ends it.
    fn read_all(input: &str, max: u64) -> Vec<(usize, std::result::Result<String, String>)> {
        let limits = Limits {
            max_line_bytes: max,
            ..Limits::default()
        };
        let mut bytes = input.as_bytes();
        let mut reader = match reader(&mut bytes, limits) {
            Ok(r) => r,
            Err((_, e)) => return vec![(0, Err(e.to_string()))],
        };
        let mut out = Vec::new();
        loop {
            match reader.next_record() {
                Ok(None) => return out,
                Ok(Some(found)) => {
                    let Position::Line(line) = found.at else {
                        panic!("JSON records are named by line")
                    };
                    let record = match found.record {
                        Ok(Record::Claim { input, .. }) => Ok(input.text),
                        Ok(Record::Version(v)) => Ok(format!("v{} {}", v.seq, v.input.text)),
                        Err(e) => Err(e.to_string()),
                    };
                    out.push((line, record));
                }
                Err((Position::Line(line), e)) => {
                    out.push((line, Err(format!("fatal: {e}"))));
                    return out;
                }
                Err((Position::Item(_), _)) => panic!("no items in JSON input"),
            }
        }
    }

    #[test]
    fn an_array_is_read_object_by_object_with_the_line_each_starts_on() {
        let input = "\u{FEFF}[\n  {\"source\": \"a\", \"text\": \"x } ] { \\\" [\"},\n\n  {\n    \"source\": \"b\",\n    \"text\": \"y\", \"via\": [\"c\"]\n  }\n]\n";
        assert_eq!(
            read_all(input, 1 << 20),
            vec![
                (2, Ok("x } ] { \" [".to_string())),
                (4, Ok("y".to_string()))
            ]
        );
    }

    #[test]
    fn a_lone_brace_starts_pretty_objects_and_other_input_is_json_lines() {
        let pretty = "{\n  \"source\": \"a\",\n  \"text\": \"one\"\n}\n{\"source\": \"a\", \"text\": \"two\"}\n";
        assert_eq!(
            read_all(pretty, 1 << 20),
            vec![(1, Ok("one".into())), (5, Ok("two".into()))]
        );
        let lines =
            "\n{\"source\": \"a\", \"text\": \"one\"}\n\n{\"source\": \"a\", \"text\": \"two\"}\n";
        assert_eq!(
            read_all(lines, 1 << 20),
            vec![(2, Ok("one".into())), (4, Ok("two".into()))]
        );
    }

    #[test]
    fn broken_arrays_and_huge_objects_are_fatal_and_bad_objects_are_not() {
        let got = read_all("[{\"source\": \"a\", \"text\": \"x\"} {}]", 1 << 20);
        assert_eq!(got[0].0, 1);
        assert_eq!(
            got[1],
            (1, Err("fatal: expected `,` or `]`, found `{`".into()))
        );
        let got = read_all("[{\"source\": \"a\",\n \"text\": \"x\"", 1 << 20);
        assert_eq!(
            got,
            vec![(1, Err("fatal: the input ends inside this object".into()))]
        );
        let got = read_all(&format!("[{{\"text\": \"{}\"}}]", "x".repeat(100)), 64);
        assert!(
            got[0]
                .1
                .as_ref()
                .unwrap_err()
                .contains("larger than the limit"),
            "{got:?}"
        );
        let got = read_all("[{\"source\": \"a\"}, 7]", 1 << 20);
        assert_eq!(got[0].1, Err("missing field `text` (column 15)".into()));
        assert_eq!(
            got[1].1,
            Err("fatal: expected a JSON object, found `7`".into())
        );
        let got = read_all("[1]", 1 << 20);
        assert_eq!(
            got[0].1,
            Err("fatal: expected a JSON object, found `1`".into())
        );
    }

    #[test]
    fn a_claim_shape_needs_its_identity_and_consistent_flags() {
        let base = r#""source":"a","text":"t""#;
        let err = |extra: &str| {
            parse_record(&format!("{{{base},{extra}}}"))
                .unwrap_err()
                .to_string()
        };
        assert!(err(r#""seq":1"#).starts_with("missing field `id`"));
        assert!(err(r#""id":"abc","version":"00","seq":1,"recorded_at":"x""#).contains("`id`"));
        let id = "k".repeat(32);
        let v = "0".repeat(64);
        let full = format!(r#""id":"{id}","version":"{v}","seq":2,"recorded_at":"x""#);
        assert!(err(&format!(r#"{full},"parent":"zz""#)).contains("`parent`"));
        assert!(err(&format!(r#"{full},"ref":"r""#)).contains("`ref` and `revises`"));
        assert!(
            err(&format!(r#"{full},"action":"record","retracted":true"#)).contains("contradicts")
        );
        let Record::Version(r) = parse_record(&format!(
            r#"{{{base},{full},"retracted":true,"by":{{"seq":3}},"versions":2}}"#
        ))
        .unwrap() else {
            panic!("a claim shape")
        };
        assert_eq!((r.seq, r.action), (2, Action::Retract));
    }
}
