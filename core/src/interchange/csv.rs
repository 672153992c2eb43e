//! CSV (RFC 4180, UTF-8) in and out: one row per claim, its newest version, under a header.
//!
//! Records end with CRLF, as RFC 4180 says. Columns, in the order `export` writes them: `id`, `seq`, `retracted`, `source`, `via` (the
//! relay chain's source keys, innermost first, joined by `; `), `text`, `about`, `stance`,
//! `value`, `quote`, `said_on`, `reported_on`, `url`, `lang`, `note`, `recorded_at`, `version`.
//! Import reads the claim's fields ([`FIELDS`]) from the columns of those names, or from the
//! columns `--map COLUMN=field` names; `id`, `seq`, `recorded_at` and `version` only inform (a
//! row is recorded as a claim is added, so its id is that of its content), and other columns are
//! ignored.

use std::cell::Cell;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::rc::Rc;

use super::{Columns, Fatal, Found, Position, Record, RecordReader};
use crate::claims::ClaimInput;
use crate::error::{Error, Result};
use crate::limits::{Limits, too_large};
use crate::model::Version;
use crate::storage::HeadFilter;
use crate::workspace::Workspace;

/// The header `export --format csv` writes.
pub const HEADER: [&str; 17] = [
    "id",
    "seq",
    "retracted",
    "source",
    "via",
    "text",
    "about",
    "stance",
    "value",
    "quote",
    "said_on",
    "reported_on",
    "url",
    "lang",
    "note",
    "recorded_at",
    "version",
];

/// The fields a column can be read into (the names `--map` takes).
pub const FIELDS: [&str; 13] = [
    "source",
    "via",
    "text",
    "about",
    "stance",
    "value",
    "quote",
    "said_on",
    "reported_on",
    "url",
    "lang",
    "note",
    "retracted",
];

/// How the via chain is joined in one cell.
pub const VIA_SEPARATOR: &str = "; ";

/// A UTF-8 byte order mark, which spreadsheet programs need to read UTF-8 (`--excel`).
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn row(v: &Version) -> [String; 17] {
    let f = &v.fields;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    [
        v.claim.to_string(),
        v.seq.to_string(),
        v.is_retracted().to_string(),
        f.origin.clone(),
        f.via.join(VIA_SEPARATOR),
        f.text.clone(),
        opt(&f.about),
        f.stance.map(|s| s.to_string()).unwrap_or_default(),
        opt(&f.value),
        f.quote.to_string(),
        opt(&f.said_on),
        opt(&f.reported_on),
        opt(&f.url),
        opt(&f.lang),
        opt(&v.note),
        v.recorded_at.clone(),
        v.hash.to_hex(),
    ]
}

/// Writes the newest version of each claim `filter` selects as one CSV row under [`HEADER`],
/// streaming; `excel` starts the output with a UTF-8 byte order mark. Returns how many claims.
pub fn write(
    ws: &Workspace,
    filter: &HeadFilter,
    out: &mut dyn Write,
    dest: &Path,
    excel: bool,
) -> Result<u64> {
    let fail = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io_write(dest)(io),
        other => Error::invalid(format!("cannot write CSV: {other:?}")),
    };
    if excel {
        out.write_all(BOM).map_err(Error::io_write(dest))?;
    }
    // RFC 4180 ends records with CRLF (a line break inside a quoted text is kept as it is).
    let mut w = (csv::WriterBuilder::new())
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER).map_err(fail)?;
    let mut claims = 0u64;
    ws.for_each_export(filter, false, &mut |versions| {
        for v in versions {
            w.write_record(row(v)).map_err(fail)?;
        }
        claims += 1;
        Ok(())
    })?;
    w.flush().map_err(Error::io_write(dest))?;
    Ok(claims)
}

/// Reads `--map COLUMN=FIELD` options: (the sheet's column, our field) pairs, refusing a field
/// we do not have.
pub fn parse_map(map: &[String]) -> Result<Vec<(String, &'static str)>> {
    map.iter()
        .map(|m| {
            let (column, field) = m
                .rsplit_once('=')
                .ok_or_else(|| Error::invalid(format!("--map `{m}`: expected COLUMN=FIELD")))?;
            let field = FIELDS.iter().find(|f| **f == field.trim()).ok_or_else(|| {
                Error::invalid(format!(
                    "--map `{m}`: unknown field `{}` (fields: {})",
                    field.trim(),
                    FIELDS.join(", ")
                ))
            })?;
            Ok((column.trim().to_string(), *field))
        })
        .collect()
}

/// The input, with reading refused past a moving mark: a row longer than `max_line_bytes`
/// stops the import instead of filling memory.
struct Bounded<'a> {
    inner: &'a mut dyn BufRead,
    read: u64,
    mark: Rc<Cell<u64>>,
    tripped: Rc<Cell<bool>>,
}

impl Read for Bounded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read > self.mark.get() {
            self.tripped.set(true);
            return Err(std::io::Error::other("row over the limit"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// A CSV sheet's rows as claims.
struct Rows<'a> {
    rows: csv::Reader<Bounded<'a>>,
    /// (column index, field) for each field read.
    fields: Vec<(usize, &'static str)>,
    columns: Rc<Columns>,
    record: csv::ByteRecord,
    limits: Limits,
    mark: Rc<Cell<u64>>,
    tripped: Rc<Cell<bool>>,
}

/// The reader for a CSV sheet whose header names our fields, or whose columns `map` (from
/// [`parse_map`]) names; a UTF-8 byte order mark is skipped. A missing `source` or `text`
/// column, or a mapped column the header lacks, is an error at line 1.
pub fn reader<'a>(
    input: &'a mut dyn BufRead,
    limits: Limits,
    map: &[(String, &'static str)],
) -> std::result::Result<Box<dyn RecordReader + 'a>, Fatal> {
    let header_error = |m: String| (Position::Line(1), Error::invalid(m));
    let starts_with_bom = input
        .fill_buf()
        .map_err(|e| header_error(format!("cannot read: {e}")))?
        .starts_with(BOM);
    if starts_with_bom {
        input.consume(BOM.len());
    }
    let mark = Rc::new(Cell::new(limits.max_line_bytes + (64 << 10)));
    let tripped = Rc::new(Cell::new(false));
    let bounded = Bounded {
        inner: input,
        read: 0,
        mark: mark.clone(),
        tripped: tripped.clone(),
    };
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bounded);
    let header: Vec<String> = rows
        .byte_headers()
        .map_err(|e| header_error(format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let index = |name: &str| header.iter().position(|h| h == name);
    let mut fields = Vec::new();
    let mut columns = Columns::new();
    for (column, field) in map {
        let i = index(column).ok_or_else(|| {
            header_error(format!(
                "--map `{column}={field}`: no column `{column}` in the header ({})",
                header.join(", ")
            ))
        })?;
        fields.push((i, *field));
        columns.insert(*field, column.clone());
    }
    for field in FIELDS {
        if columns.contains_key(field) {
            continue;
        }
        if let Some(i) = index(field) {
            fields.push((i, field));
            columns.insert(field, field.to_string());
        } else if field == "source" || field == "text" {
            return Err(header_error(format!(
                "missing column `{field}` (name the sheet's column with --map COLUMN={field})"
            )));
        }
    }
    Ok(Box::new(Rows {
        rows,
        fields,
        columns: Rc::new(columns),
        record: csv::ByteRecord::new(),
        limits,
        mark,
        tripped,
    }))
}

/// A yes/no cell: true, yes, 1; false, no, 0 or empty (any case).
fn flag(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" | "" => Some(false),
        _ => None,
    }
}

impl Rows<'_> {
    /// The claim a row states; a bad cell is named by its column.
    fn claim(&self) -> Result<Record> {
        let mut input = ClaimInput::default();
        let mut retracted = false;
        for &(i, field) in &self.fields {
            let bad = |m: String| Error::invalid(format!("column `{}`: {m}", self.columns[field]));
            let cell = self.record.get(i).unwrap_or_default();
            let cell = std::str::from_utf8(cell)
                .map_err(|e| bad(format!("not UTF-8 (byte {})", e.valid_up_to() + 1)))?;
            let opt = || Some(cell.trim().to_string()).filter(|c| !c.is_empty());
            let yes =
                || flag(cell).ok_or_else(|| bad(format!("expected true or false, found `{cell}`")));
            match field {
                "source" => input.source = cell.trim().to_string(),
                "via" => {
                    input.via = (cell.split(VIA_SEPARATOR.trim()))
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(String::from)
                        .collect()
                }
                "text" => input.text = cell.to_string(),
                "about" => input.about = opt(),
                "stance" => input.stance = opt(),
                "value" => input.value = Some(cell.to_string()).filter(|c| !c.is_empty()),
                "quote" => input.quote = yes()?,
                "said_on" => input.said_on = opt(),
                "reported_on" => input.reported_on = opt(),
                "url" => input.url = opt(),
                "lang" => input.lang = opt(),
                "note" => input.note = opt(),
                "retracted" => retracted = yes()?,
                other => unreachable!("field {other} is not in FIELDS"),
            }
        }
        Ok(Record::Claim { input, retracted })
    }
}

impl RecordReader for Rows<'_> {
    fn next_record(&mut self) -> std::result::Result<Option<Found>, Fatal> {
        let start = self.rows.position().clone();
        self.mark
            .set(start.byte() + self.limits.max_line_bytes + (64 << 10));
        let at = Position::Line(start.line() as usize);
        match self.rows.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let line = (self.record.position()).map_or(start.line(), |p| p.line());
                Ok(Some(Found {
                    at: Position::Line(line as usize),
                    record: self.claim(),
                    columns: Some(self.columns.clone()),
                }))
            }
            Err(_) if self.tripped.get() => {
                let max = self.limits.max_line_bytes;
                Err((at, too_large("the row", max, "max_line_bytes")))
            }
            Err(e) => Err((at, Error::invalid(format!("cannot read: {e}")))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &str, map: &[&str], max: u64) -> std::result::Result<Vec<String>, String> {
        let limits = Limits {
            max_line_bytes: max,
            ..Limits::default()
        };
        let map: Vec<String> = map.iter().map(|m| m.to_string()).collect();
        let map = parse_map(&map).map_err(|e| e.to_string())?;
        let mut bytes = input.as_bytes();
        let mut reader = reader(&mut bytes, limits, &map).map_err(|(_, e)| e.to_string())?;
        let mut out = Vec::new();
        while let Some(found) = reader.next_record().map_err(|(_, e)| e.to_string())? {
            let Position::Line(line) = found.at else {
                panic!("rows have lines")
            };
            out.push(match found.record {
                Ok(Record::Claim { input, retracted }) => format!(
                    "{line}: {}|{}|{}|{:?}|{retracted}",
                    input.source,
                    input.text,
                    input.via.join(">"),
                    input.said_on
                ),
                Ok(other) => panic!("CSV rows are claims: {other:?}"),
                Err(e) => format!("{line}: {e}"),
            });
        }
        Ok(out)
    }

    #[test]
    fn rows_keep_their_text_and_name_their_line_and_column() {
        let sheet = "\u{FEFF}text,source,via,retracted,extra\n\"two\r\nlines, \"\"quoted\"\"\",nyt,a; b ;,yes,x\nplain,nyt,,maybe,\n";
        assert_eq!(
            rows(sheet, &[], 1 << 20).unwrap(),
            vec![
                "2: nyt|two\r\nlines, \"quoted\"|a>b|None|true".to_string(),
                "4: column `retracted`: expected true or false, found `maybe`".to_string(),
            ]
        );
    }

    #[test]
    fn map_names_columns_and_bad_maps_and_headers_are_refused() {
        let sheet = "Claim,Outlet,Said\nwords,nyt,2023-09-04\n";
        let got = rows(
            sheet,
            &["Claim=text", "Outlet=source", "Said = said_on"],
            1 << 20,
        );
        assert_eq!(
            got.unwrap(),
            vec!["2: nyt|words||Some(\"2023-09-04\")|false"]
        );
        let err = rows(sheet, &["Claim=txt"], 1 << 20).unwrap_err();
        assert!(
            err.starts_with("--map `Claim=txt`: unknown field `txt`"),
            "{err}"
        );
        let err = rows(sheet, &["Claim"], 1 << 20).unwrap_err();
        assert!(err.contains("expected COLUMN=FIELD"), "{err}");
        let err = rows(sheet, &["Claim=text"], 1 << 20).unwrap_err();
        assert!(err.starts_with("missing column `source`"), "{err}");
    }

    #[test]
    fn a_row_over_the_line_limit_stops_the_import() {
        let long = format!("text,source\n{},nyt\n", "x".repeat(200_000));
        let err = rows(&long, &[], 1000).unwrap_err();
        assert!(err.contains("the row is larger than the limit"), "{err}");
    }
}
