//! Sizes past which input is refused, so that a file from a stranger (a JSONL dump with no line
//! breaks, `/dev/zero`, a 200 MB "claim") is a clear error instead of a machine out of memory.
//!
//! The defaults are far above anything a newsroom writes (the longest news article is well under
//! a megabyte) and can be changed per workspace in `workspace.toml`:
//!
//! ```toml
//! [limits]
//! max_line_bytes = 16777216      # one line of a JSONL import (16 MiB)
//! max_text_bytes = 1048576       # one claim's text, quote or value (1 MiB)
//! max_document_bytes = 67108864  # one document given to `ingest` (64 MiB)
//! max_bundle_bytes = "16 GiB"     # one bundle given to `bundle apply`
//! ```
//!
//! Values are sizes as the plugin limits write them (bytes, or "16M", "64 MiB"; powers of 1024),
//! from 1 byte up to [`HARD_MAX_BYTES`], so a workspace cannot switch the protection off. Input is measured as it is read: nothing past a limit is read.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// The most any limit may be raised to (1 GiB), whatever `workspace.toml` says.
pub const HARD_MAX_BYTES: u64 = 1 << 30;

/// The most `max_bundle_bytes` may be raised to (1 TiB): a bundle holds a whole workspace's
/// history, so its bound is larger than the others', but never absent.
pub const HARD_MAX_BUNDLE_BYTES: u64 = 1 << 40;

/// The workspace's input limits, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Limits {
    /// Longest line of an import file, without its line break.
    pub max_line_bytes: u64,
    /// Longest claim text, quote or value.
    pub max_text_bytes: u64,
    /// Largest document `ingest` reads.
    pub max_document_bytes: u64,
    /// Largest bundle `bundle apply` reads.
    pub max_bundle_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_line_bytes: 16 << 20,
            max_text_bytes: 1 << 20,
            max_document_bytes: 64 << 20,
            max_bundle_bytes: 16 << 30,
        }
    }
}

/// A byte count as people read it ("16 MiB", "1000 bytes"), in the largest binary unit that
/// divides it.
pub fn show_size(bytes: u64) -> String {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes & ((1 << shift) - 1) == 0 {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// A whole file, or `None` when it holds more than `max` bytes: reading stops one byte past the
/// limit, so a huge file, `/dev/zero` or a fifo cannot exhaust memory. Callers name the limit.
pub fn read_at_most(path: &Path, max: u64) -> Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Error::io(path))?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// The error for input over a limit: what, the limit, and the setting that raises it.
pub(crate) fn too_large(what: &str, limit: u64, setting: &str) -> Error {
    Error::invalid(format!(
        "{what} is larger than the limit of {} (raise [limits] {setting} in workspace.toml)",
        show_size(limit)
    ))
}

impl Limits {
    /// Refuses a claim's text, quote or value over [`Limits::max_text_bytes`].
    pub fn check_text(&self, what: &str, text: &str) -> Result<()> {
        if text.len() as u64 > self.max_text_bytes {
            return Err(too_large(what, self.max_text_bytes, "max_text_bytes"));
        }
        Ok(())
    }

    /// A claim's text from a file, or standard input for `-` (`--text-file`): refused over
    /// [`Limits::max_text_bytes`] without reading past it, and when not UTF-8 (naming the byte).
    /// One final line break is dropped, as the shell's `$(cat FILE)` does, so a text saved by an
    /// editor equals the same text given with `--text`; every other byte is kept.
    pub fn read_text_file(&self, path: &Path) -> Result<String> {
        let max = self.max_text_bytes;
        let stdin = path.as_os_str() == "-";
        let shown = if stdin {
            "standard input".to_string()
        } else {
            path.display().to_string()
        };
        let bytes = if stdin {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(Error::io(path))?;
            (bytes.len() as u64 <= max).then_some(bytes)
        } else {
            read_at_most(path, max)?
        };
        let bytes = bytes
            .ok_or_else(|| too_large(&format!("the text in {shown}"), max, "max_text_bytes"))?;
        let mut text = String::from_utf8(bytes).map_err(|e| {
            Error::invalid(format!(
                "{shown}: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Ok(text)
    }

    /// Reads a whole document, refusing one over [`Limits::max_document_bytes`] without reading
    /// past the limit (so `/dev/zero` or a fifo cannot exhaust memory).
    pub fn read_document(&self, path: &Path) -> Result<Vec<u8>> {
        let max = self.max_document_bytes;
        read_at_most(path, max)?.ok_or_else(|| {
            let what = format!("document {}", path.display());
            too_large(&what, max, "max_document_bytes")
        })
    }

    /// Reads one line (its line break included) into `buf`, which it clears first; returns how
    /// many bytes were read, 0 at the end of input. A line longer than
    /// [`Limits::max_line_bytes`] is an error, found without reading past the limit.
    pub fn read_line(&self, reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> Result<usize> {
        buf.clear();
        let max = self.max_line_bytes;
        // The limit, plus room for "\r\n" so a line of exactly the limit still fits.
        let n = reader
            .take(max + 2)
            .read_until(b'\n', buf)
            .map_err(|e| Error::invalid(format!("cannot read: {e}")))?;
        let body = buf
            .strip_suffix(b"\n")
            .map(|b| b.strip_suffix(b"\r").unwrap_or(b))
            .unwrap_or(buf);
        if body.len() as u64 > max {
            return Err(too_large("the line", max, "max_line_bytes"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_up_to_the_limit_pass_and_longer_ones_stop_reading() {
        let limits = Limits {
            max_line_bytes: 4,
            ..Limits::default()
        };
        let mut input: &[u8] = b"abcd\r\nab\nabcde\nnever read\n";
        let mut buf = Vec::new();
        assert_eq!(limits.read_line(&mut input, &mut buf).unwrap(), 6);
        assert_eq!(buf, b"abcd\r\n");
        assert_eq!(limits.read_line(&mut input, &mut buf).unwrap(), 3);
        let err = limits.read_line(&mut input, &mut buf).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the line is larger than the limit of 4 bytes (raise [limits] max_line_bytes in workspace.toml)"
        );
        assert!(buf.len() <= 6, "read past the limit: {buf:?}");
    }

    #[test]
    fn an_endless_line_is_refused_after_the_limit() {
        let limits = Limits {
            max_line_bytes: 1 << 10,
            ..Limits::default()
        };
        let mut zeros = std::io::BufReader::new(std::io::repeat(0));
        let mut buf = Vec::new();
        assert!(limits.read_line(&mut zeros, &mut buf).is_err());
        assert!(buf.len() <= (1 << 10) + 2);
    }

    #[test]
    fn texts_and_settings_are_bounded() {
        let limits = Limits::default();
        assert!(limits.check_text("text", &"x".repeat(1 << 20)).is_ok());
        let err = limits.check_text("text", &"x".repeat((1 << 20) + 1));
        assert!(err.unwrap_err().to_string().contains("1 MiB"));
        assert_eq!(show_size(64 << 20), "64 MiB");
        assert_eq!(show_size(2 << 30), "2 GiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }
}
