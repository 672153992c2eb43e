//! Presentation: JSON, tables, colours and the one-line error format. No decisions about claims
//! are made here, only about how they look.

use anstyle::{AnsiColor, Style};
use claims_core::model::Version;
use std::io::Write;

/// Whether stdout gets colour: a terminal without NO_COLOR (anstream's rules).
pub fn stdout_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Style for removed words.
pub const DELETE: Style = AnsiColor::Red.on_default().strikethrough();
/// Style for added words.
pub const INSERT: Style = AnsiColor::Green.on_default().underline();
/// Style for ids and hashes.
pub const ID: Style = AnsiColor::Magenta.on_default().bold();
/// Style for labels and dimmed detail.
pub const DIM: Style = Style::new().dimmed();
/// Style for problems.
pub const BAD: Style = AnsiColor::Red.on_default().bold();

/// Every style this program prints: only their codes pass [`neutralise`] unchanged.
const STYLES: [Style; 5] = [DELETE, INSERT, ID, DIM, BAD];

/// The escape codes [`STYLES`] print, rendered once rather than for every line.
static STYLE_CODES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    STYLES
        .iter()
        .flat_map(|s| [s.render().to_string(), s.render_reset().to_string()])
        .collect()
});

/// Control characters and escape sequences in `text` made visible and harmless, so a claim,
/// a source name or a plugin's message cannot clear the screen, retitle the terminal or fake
/// output: C0 controls (but newline and tab) become their Control Pictures (`\x1b` -> `␛`, so
/// `\x1b[2J` shows as `␛[2J`), DEL becomes `␡`, C1 controls become `<U+0085>`. The escape
/// codes of this program's own [`STYLES`] are kept. Storage and `--json` keep the bytes.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let harmless = |c: char| c == '\n' || c == '\t' || !(c.is_control());
    if text.chars().all(harmless) {
        return std::borrow::Cow::Borrowed(text);
    }
    let ours = &*STYLE_CODES;
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && let Some(code) = ours.iter().find(|code| rest.starts_with(code.as_str()))
        {
            out.push_str(code);
            rest = &rest[code.len()..];
            continue;
        }
        match c {
            c if harmless(c) => out.push(c),
            '\x7f' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// A writer that passes whole lines through [`neutralise`] on their way to `inner`.
pub struct Neutralised<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> Neutralised<W> {
    /// Writes the buffered line, neutralised.
    fn emit(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            let text = String::from_utf8_lossy(&self.line);
            self.inner.write_all(neutralise(&text).as_bytes())?;
            self.line.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for Neutralised<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Whole lines only: an escape sequence or a character may be split across writes.
        self.line.extend_from_slice(buf);
        if buf.contains(&b'\n') {
            self.emit()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.emit()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Neutralised<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output for people: colour where it fits (anstream) and nothing from the data that a
/// terminal would obey (see [`neutralise`]).
pub fn stdout() -> Neutralised<anstream::AutoStream<std::io::StdoutLock<'static>>> {
    Neutralised {
        inner: anstream::stdout().lock(),
        line: Vec::new(),
    }
}

/// Text wrapped in a style's codes (stripped again by anstream where colour is off).
pub fn styled(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Prints `error: ...` on one line to stderr: every cause joined by ": ", neutralised (a
/// plugin's or a file's words may carry escape sequences).
pub fn error_line(err: &anyhow::Error) {
    let mut text = format!("{err:#}");
    text = neutralise(&text.replace('\n', " ")).into_owned();
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{} {text}", styled(BAD, "error:"));
}

/// Whether an error is stdout closing under us (`claims list | head -1`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints a value as pretty JSON on stdout.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    // Buffered: stdout is line-buffered, and large reports have millions of lines.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Prints a sequence as a pretty JSON array, one item at a time, so a million claims are
/// never all held as JSON values at once.
pub fn json_seq<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> anyhow::Result<()> {
    use serde::Serializer as _;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut ser = serde_json::Serializer::pretty(&mut out);
    ser.collect_seq(items)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A table with the house style: no borders, a header row, wrapping to the terminal.
pub fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::NOTHING);
    // On a terminal, wrap to its width; piped, keep one row per line for grep and diff.
    if let Some((w, _)) = terminal_width() {
        t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        t.set_width(w.saturating_sub(1)); // a full last column makes some terminals wrap
    }
    t.set_header(header.iter().map(comfy_table::Cell::new));
    t
}

fn terminal_width() -> Option<(u16, u16)> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .map(|w| (w, 0))
        .or(Some((80, 0)))
}

/// Cuts text to at most `max` characters, marking the cut, for one-line table cells.
pub fn clip(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut s: String = one_line.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// "origin ← via1 ← via2": who said it, then through whom it reached us.
pub fn chain(v: &Version) -> String {
    let mut s = v.fields.origin.clone();
    for k in &v.fields.via {
        s.push_str(" ← ");
        s.push_str(k);
    }
    s
}

/// The JSON shape of a claim version shared by show, list and log (docs/json.md): the
/// library's [`ClaimShape`](claims_core::interchange::jsonl::ClaimShape), which export writes
/// and import reads back.
pub fn claim_json(v: &Version, versions: Option<usize>) -> serde_json::Value {
    let shape = claims_core::interchange::jsonl::ClaimShape::of(v, false);
    let mut obj = serde_json::to_value(shape).expect("a claim serialises");
    if let Some(n) = versions {
        obj["versions"] = n.into();
    }
    obj
}
