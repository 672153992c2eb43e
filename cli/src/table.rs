//! Tables for the terminal: as wide as the terminal really is (asked of the terminal itself,
//! not `$COLUMNS`, which shells rarely export), measured in display columns (an Arabic diacritic
//! takes none, a CJK character two). Ids, keys, dates, numbers and hashes are never split;
//! prose is clipped at a word boundary with an ellipsis, so a word (an Arabic one too) is never
//! broken across lines. Piped, nothing is clipped: one row per line for grep and diff.

use std::fmt;
use unicode_width::UnicodeWidthStr;

/// Display columns of a cell, not counting this program's own style codes (`\x1b[...m`), so a
/// cell with highlighted words (search snippets) lines up and is clipped like a plain one.
trait Cols {
    fn cols(&self) -> usize;
}

impl Cols for str {
    fn cols(&self) -> usize {
        if !self.contains('\x1b') {
            return self.width();
        }
        let mut n = 0;
        for (i, part) in self.split('\x1b').enumerate() {
            let visible = if i == 0 {
                part
            } else {
                part.split_once('m').map_or(part, |(_, rest)| rest)
            };
            n += visible.width();
        }
        n
    }
}

impl Cols for String {
    fn cols(&self) -> usize {
        self.as_str().cols()
    }
}

/// How a column gives way when the table is wider than the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never shortened: ids, keys, dates, hashes, numbers, short words.
    Whole,
    /// Free text: clipped at a word boundary with `…` to the room left.
    Prose,
}

/// A prose column narrower than this is counted as not fitting (see [`Table::fits`]).
const MIN_PROSE: usize = 8;
/// The narrowest a prose column is ever squeezed to (a word's start and `…`); only a terminal
/// too narrow for the whole columns plus these overflows.
const FLOOR_PROSE: usize = 4;
/// Between two columns.
const GAP: &str = "  ";

/// A table of one-line cells.
pub struct Table {
    header: Vec<(String, Fit)>,
    rows: Vec<Vec<String>>,
    width: Option<usize>,
}

/// The width to fit: the terminal's when stdout is one (less one column: a full last column
/// makes some terminals wrap), else none.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    let out = std::io::stdout();
    if !out.is_terminal() {
        return None;
    }
    let asked = terminal_size::terminal_size_of(&out).map(|(w, _)| usize::from(w.0));
    let from_env = || std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    Some(
        asked
            .filter(|&w| w > 0)
            .or_else(from_env)
            .unwrap_or(80)
            .saturating_sub(1),
    )
}

impl Table {
    /// A table with these columns, fitted to the terminal (if any).
    pub fn new(columns: &[(&str, Fit)]) -> Table {
        Table::with_width(columns, terminal_width())
    }

    /// A table fitted to `width` display columns (`None`: never clipped).
    pub fn with_width(columns: &[(&str, Fit)], width: Option<usize>) -> Table {
        Table {
            header: columns.iter().map(|(h, f)| (h.to_string(), *f)).collect(),
            rows: Vec::new(),
            width,
        }
    }

    /// Adds a row; line breaks and runs of spaces in a cell become one space.
    pub fn add_row(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|c| {
                if c.contains(char::is_whitespace) {
                    c.split_whitespace().collect::<Vec<_>>().join(" ")
                } else {
                    c
                }
            })
            .collect();
        self.rows.push(cells);
    }

    /// Whether the table fits its width without clipping a prose column below its header, so
    /// a caller can choose another layout (`agree --matrix` falls back to pairs).
    pub fn fits(&self) -> bool {
        let Some(limit) = self.width else {
            return true;
        };
        let widths = self.natural_widths();
        let whole: usize = self
            .header
            .iter()
            .zip(&widths)
            .map(|((_, f), w)| {
                if *f == Fit::Whole {
                    *w
                } else {
                    MIN_PROSE.min(*w)
                }
            })
            .sum();
        whole + GAP.len() * widths.len().saturating_sub(1) <= limit
    }

    fn natural_widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|(h, _)| h.cols()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.cols());
            }
        }
        widths
    }

    /// Each column's width: natural when it all fits; else whole columns keep theirs and the
    /// prose columns share what is left, the narrow ones first (water-filling).
    fn widths(&self) -> Vec<usize> {
        let mut widths = self.natural_widths();
        let Some(limit) = self.width else {
            return widths;
        };
        let gaps = GAP.len() * widths.len().saturating_sub(1);
        if widths.iter().sum::<usize>() + gaps <= limit {
            return widths;
        }
        let whole: usize = self
            .header
            .iter()
            .zip(&widths)
            .filter(|((_, f), _)| *f == Fit::Whole)
            .map(|(_, w)| w)
            .sum();
        let mut room = limit.saturating_sub(whole + gaps);
        let mut prose: Vec<usize> = (0..widths.len())
            .filter(|&i| self.header[i].1 == Fit::Prose)
            .collect();
        prose.sort_by_key(|&i| widths[i]);
        let mut left = prose.len();
        for i in prose {
            let share = (room / left).max(FLOOR_PROSE);
            widths[i] = widths[i].min(share);
            room = room.saturating_sub(widths[i]);
            left -= 1;
        }
        widths
    }
}

/// `text` cut to at most `max` display columns at a word boundary, with `…` marking the cut. A
/// first word too long for the room is cut by characters, unless it is written in Arabic
/// script, whose words are never broken (the cell then shows only `…`).
pub fn clip_to(text: &str, max: usize) -> String {
    if text.cols() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let mut out = String::new();
    for word in text.split(' ') {
        let add = if out.is_empty() {
            word.cols()
        } else {
            word.cols() + 1
        };
        if out.cols() + add > room {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        let first = text.split(' ').next().unwrap_or("");
        let arabic = first
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if !arabic {
            for c in first.chars() {
                if out.cols() + c.to_string().cols() > room {
                    break;
                }
                out.push(c);
            }
        }
    }
    out.push('…');
    out
}

impl Table {
    /// Each row as a block of `HEADER  value` lines, blocks apart by a blank line: what a table
    /// becomes when its whole columns alone are wider than the terminal (psql's expanded
    /// display), so nothing that must stay whole is split.
    fn fmt_stacked(&self, f: &mut fmt::Formatter<'_>, limit: usize) -> fmt::Result {
        let label = self.header.iter().map(|(h, _)| h.cols()).max().unwrap_or(0);
        let room = limit.saturating_sub(label + GAP.len()).max(FLOOR_PROSE);
        for (n, row) in self.rows.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            for (i, (h, fit)) in self.header.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let cell = if *fit == Fit::Prose && cell.cols() > room {
                    clip_to(cell, room)
                } else {
                    cell.to_string()
                };
                if i > 0 {
                    writeln!(f)?;
                }
                let pad = " ".repeat(label - h.cols());
                write!(f, "{}", format!("{h}{pad}{GAP}{cell}").trim_end())?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(limit) = self.width.filter(|_| !self.fits()) {
            return self.fmt_stacked(f, limit);
        }
        let widths = self.widths();
        let header: Vec<String> = self.header.iter().map(|(h, _)| h.clone()).collect();
        for (n, row) in std::iter::once(&header).chain(&self.rows).enumerate() {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let cell = if self.header[i].1 == Fit::Prose && cell.cols() > *w {
                    clip_to(cell, *w)
                } else {
                    cell.to_string()
                };
                if i > 0 {
                    line.push_str(GAP);
                }
                line.push_str(&cell);
                if i + 1 < widths.len() {
                    line.push_str(&" ".repeat(w.saturating_sub(cell.cols())));
                }
            }
            if n > 0 {
                writeln!(f)?;
            }
            f.write_str(line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_clipped_at_a_word_and_keys_are_never_split() {
        let mut t = Table::with_width(&[("KEY", Fit::Whole), ("TEXT", Fit::Prose)], Some(36));
        t.add_row(vec![
            "dprk-arms-warning".into(),
            "North Korea will pay a price for arms".into(),
        ]);
        let out = t.to_string();
        let row = out.lines().nth(1).unwrap();
        assert!(
            row.starts_with("dprk-arms-warning  North Korea will…"),
            "{out}"
        );
        assert!(out.lines().all(|l| l.width() <= 36), "{out}");
    }

    #[test]
    fn arabic_words_are_never_broken() {
        let text = "اقترح شويغو على بيونغ يانغ إجراء مناورات بحرية";
        let clipped = clip_to(text, 20);
        assert!(clipped.ends_with('…'));
        let kept = clipped.trim_end_matches('…');
        assert!(text.starts_with(kept), "{clipped}");
        assert!(
            text[kept.len()..].starts_with(' '),
            "cut between words: {clipped}"
        );
        assert_eq!(clip_to("فلاديفوستوك", 5), "…");
        assert_eq!(clip_to("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn diacritics_take_no_columns() {
        let mut t = Table::with_width(&[("A", Fit::Whole), ("B", Fit::Whole)], None);
        t.add_row(vec!["مُضَلِّل".into(), "x".into()]);
        t.add_row(vec!["abcd".into(), "y".into()]);
        let out = t.to_string();
        let cols: Vec<usize> = out
            .lines()
            .skip(1)
            .map(|l| l.find(['x', 'y']).map(|i| l[..i].width()).unwrap())
            .collect();
        assert_eq!(cols[0], cols[1], "{out}");
    }

    #[test]
    fn a_table_whose_keys_cannot_fit_is_stacked_not_split() {
        let key = "korean-central-news-agency-of-the";
        let mut t = Table::with_width(
            &[
                ("SOURCE A", Fit::Whole),
                ("SOURCE B", Fit::Whole),
                ("KAPPA", Fit::Whole),
            ],
            Some(60),
        );
        t.add_row(vec![key.into(), format!("{key}-2"), "+0.50".into()]);
        t.add_row(vec!["a".into(), "b".into(), "n/a".into()]);
        assert!(!t.fits());
        let out = t.to_string();
        assert!(out.lines().all(|l| l.width() <= 60), "{out}");
        assert!(out.contains(&format!("SOURCE A  {key}")), "{out}");
        assert!(out.contains(&format!("SOURCE B  {key}-2")), "{out}");
        assert!(out.contains("KAPPA     n/a"), "{out}");
    }

    #[test]
    fn piped_tables_are_never_clipped() {
        let mut t = Table::with_width(&[("TEXT", Fit::Prose)], None);
        let long = "word ".repeat(100);
        t.add_row(vec![long.clone()]);
        assert!(t.to_string().contains(long.trim()));
        assert!(t.fits());
    }
}
