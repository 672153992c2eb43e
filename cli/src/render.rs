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
/// Warnings: done, with a caveat.
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();

/// Every style this program prints: only their codes pass [`neutralise`] unchanged.
const STYLES: [Style; 6] = [DELETE, INSERT, ID, DIM, BAD, WARN];

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
    let text = neutralise(&error_text(err).replace('\n', " ")).into_owned();
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{} {text}", styled(BAD, "error:"));
}

/// Prints a one-line warning on stderr: something was done, but not all of it will count.
pub fn warning_line(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(
        stderr,
        "{} {}",
        styled(WARN, "warning:"),
        neutralise(&message.replace('\n', " "))
    );
}

/// An error and its causes joined by ": ", each cause said once: many errors already end with
/// their cause's words (`{path}: {source}`), which a plain `{:#}` would repeat.
fn error_text(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let said = cause.to_string();
        if text.contains(said.as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&said);
    }
    text
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

pub use crate::table::{Fit, Table};

/// A pretty JSON array written one item at a time as a walk hands them over, so a million
/// claims are never held at once; prints exactly what `serde_json`'s pretty printer would.
pub struct JsonArray<W: Write> {
    out: W,
    items: usize,
}

impl JsonArray<std::io::BufWriter<std::io::StdoutLock<'static>>> {
    /// An array on stdout.
    pub fn stdout() -> Self {
        JsonArray {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            items: 0,
        }
    }
}

impl<W: Write> JsonArray<W> {
    /// Writes one more item.
    pub fn push<T: serde::Serialize>(&mut self, item: &T) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(item).map_err(std::io::Error::other)?;
        self.out
            .write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.items += 1;
        Ok(())
    }

    /// Closes the array; gives the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out
            .write_all(if self.items == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A table fitted to the terminal (see [`crate::table`]).
pub fn table(columns: &[(&str, Fit)]) -> Table {
    Table::new(columns)
}

/// Progress on stderr while a long command works, on a terminal only (piped or redirected,
/// nothing is drawn): cleared when dropped, so it never mixes with the command's output.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A spinner saying what is being done, with the time it has taken, ticking on its own.
    pub fn spinner(what: &str) -> Progress {
        Progress::new(None, &format!("{{spinner}} {what} {{elapsed}}"))
    }

    /// A bar over `len` steps of `unit` (files, lines...).
    pub fn bar(len: u64, unit: &str) -> Progress {
        Progress::new(
            Some(len),
            &format!("{{bar:30}} {{pos}}/{{len}} {unit} {{elapsed}}"),
        )
    }

    /// Work done in named stages, each `done`/`total` (see [`Progress::stage`]).
    pub fn stages(what: &str) -> Progress {
        Progress::new(
            Some(0),
            &format!("{{spinner}} {what}: {{msg}} {{pos}}/{{len}}"),
        )
    }

    /// Moves a [`Progress::stages`] bar to `done` of `total` in stage `name`.
    pub fn stage(&self, name: &str, done: u64, total: u64) {
        if let Some(b) = &self.0 {
            b.set_message(name.to_string());
            b.set_length(total);
            b.set_position(done);
        }
    }

    /// A counter of `unit` with its rate, for work of unknown length.
    pub fn counter(unit: &str) -> Progress {
        Progress::new(None, &format!("{{spinner}} {{pos}} {unit} {{per_sec}}"))
    }

    fn new(len: Option<u64>, template: &str) -> Progress {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = match len {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        bar.set_style(indicatif::ProgressStyle::with_template(template).expect("a valid template"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// Moves the bar or counter to `n`.
    pub fn set(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.set_position(n);
        }
    }

    /// Runs `f` (which prints) with the bar hidden, so lines and bar never overlap.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    /// One more step done.
    pub fn step(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// Keeps the first `limit` items (all when `None`); returns how many were left out.
pub fn keep_first<T>(items: &mut Vec<T>, limit: Option<usize>) -> usize {
    let n = items.len();
    if let Some(l) = limit {
        items.truncate(l);
    }
    n - items.len()
}

/// Says how many rows `--limit` left out, when it left some.
pub fn more_line(left_out: usize, what: &str) -> std::io::Result<()> {
    if left_out > 0 {
        writeln!(stdout(), "… and {left_out} more {what} (--limit)")?;
    }
    Ok(())
}

/// Text on one line, at most `max` display columns, cut at a word boundary with `…`.
pub fn clip(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::table::clip_to(&one_line, max)
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

#[cfg(test)]
mod tests {
    use super::error_text;

    #[derive(Debug, thiserror::Error)]
    #[error("report.txt: {0}")]
    struct Wrapped(#[source] std::io::Error);

    #[test]
    fn a_cause_already_in_the_message_is_said_once() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let said = io.to_string();
        let err = anyhow::Error::new(Wrapped(io)).context("cannot add the claim");
        let text = error_text(&err);
        assert_eq!(text.matches(said.as_str()).count(), 1, "{text}");
        assert!(
            text.starts_with("cannot add the claim: report.txt: "),
            "{text}"
        );
    }

    #[test]
    fn a_streamed_json_array_is_the_pretty_printer_s_array() {
        for items in [
            vec![],
            vec![serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": "نص"}})],
            vec![
                serde_json::json!(1),
                serde_json::json!({"x": null}),
                serde_json::json!([]),
            ],
        ] {
            let mut out = super::JsonArray {
                out: Vec::new(),
                items: 0,
            };
            for i in &items {
                out.push(i).unwrap();
            }
            let got = String::from_utf8(out.finish().unwrap()).unwrap();
            let want = format!("{}\n", serde_json::to_string_pretty(&items).unwrap());
            assert_eq!(got, want);
        }
    }

    #[test]
    fn causes_with_new_words_are_all_kept() {
        let err = anyhow::anyhow!("disk full")
            .context("cannot write x")
            .context("import failed");
        assert_eq!(error_text(&err), "import failed: cannot write x: disk full");
    }
}
