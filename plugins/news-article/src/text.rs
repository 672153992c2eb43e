//! Cutting a document into quotes, sentences and words while keeping exact byte offsets, so every
//! span the parser reports points into the original document.

use crate::fold::{fold, is_arabic, variants};

/// A quotation: byte offsets of the opening and the closing mark.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the opening mark (start of the quoted words).
    pub inner_start: usize,
    /// Byte offset of the closing mark (end of the quoted words).
    pub inner_end: usize,
    /// Byte offset just after the closing mark.
    pub close_end: usize,
}

/// A word or punctuation mark of the document.
#[derive(Debug, Clone)]
pub struct Tok {
    /// First byte.
    pub s: usize,
    /// One past the last byte.
    pub e: usize,
    /// Folded form for matching.
    pub f: String,
    /// Folded forms with clitics removed.
    pub v: Vec<String>,
    /// Whether this is a word (else a punctuation mark).
    pub word: bool,
    /// Index of the quote this token lies inside (marks excluded), if any.
    pub q: Option<usize>,
    /// Whether the word starts with an uppercase letter (English names).
    pub cap: bool,
}

impl Tok {
    /// Whether the folded word, with or without clitics, is one of `set`.
    pub fn is_any(&self, set: &[&str]) -> bool {
        self.word && self.v.iter().any(|v| set.contains(&v.as_str()))
    }

    /// Whether the word is one of the verbs in `set`, alone or after و/ف (verbs take no article).
    pub fn is_verb(&self, set: &[&str]) -> bool {
        if !self.word {
            return false;
        }
        let f = self.f.as_str();
        let bare = f
            .strip_prefix('و')
            .or_else(|| f.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 2);
        set.contains(&f) || bare.is_some_and(|b| set.contains(&b))
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»' | '‟')
}

/// Whether a char closes or opens a quotation of any style.
pub fn is_quote_mark(c: char) -> bool {
    is_open_quote(c) || is_close_quote(c) || c == '"'
}

/// Finds quotations paragraph by paragraph (a quote never spans a line break here).
pub fn find_quotes(doc: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in doc.char_indices() {
        if c == '\n' {
            open = None;
            continue;
        }
        match open {
            None => {
                if is_open_quote(c) || c == '"' {
                    open = Some((i, c));
                }
            }
            Some((o, oc)) => {
                let closes = if oc == '"' {
                    c == '"'
                } else {
                    is_close_quote(c)
                };
                if closes {
                    out.push(Quote {
                        open: o,
                        inner_start: o + oc.len_utf8(),
                        inner_end: i,
                        close_end: i + c.len_utf8(),
                    });
                    open = None;
                }
            }
        }
    }
    out
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "st", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc",
    "corp", "jr", "sr", "prof", "adm", "maj", "capt", "cmdr", "pres", "u.s", "u.k", "u.n", "e.g",
    "i.e", "etc", "al", "co", "ltd", "ft", "mt",
];

/// Splits the document into sentences as byte ranges (trimmed), never inside a quotation.
pub fn sentences(doc: &str, quotes: &[Quote]) -> Vec<(usize, usize)> {
    let in_quote = |p: usize| quotes.iter().any(|q| q.open < p && p < q.inner_end);
    let mut cuts: Vec<usize> = Vec::new();
    let chars: Vec<(usize, char)> = doc.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let after = i + c.len_utf8();
        match c {
            '\n' => cuts.push(i),
            '.' | '!' | '?' | '؟' | '؛' | ';' | '…' => {
                if in_quote(i) {
                    // A quote ending the sentence: `... "We will act."` cuts after the mark.
                    if let Some(q) = quotes.iter().find(|q| q.inner_end == after) {
                        let n2 = doc[q.close_end..].chars().next();
                        if n2.is_none_or(char::is_whitespace) {
                            cuts.push(q.close_end);
                        }
                    }
                    continue;
                }
                if c == '.' {
                    match next {
                        None => {}
                        Some(n) if n.is_whitespace() || is_quote_mark(n) || n == ')' => {}
                        _ => continue,
                    }
                    let word: String = doc[..i]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric() || *c == '.')
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let lw = word.to_lowercase();
                    let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                    if single || ABBREV.contains(&lw.as_str()) {
                        // "Gen. Smith", "U.S. officials": not a sentence end unless a capital follows a month.
                        continue;
                    }
                    if next.is_some_and(|n| n.is_whitespace()) {
                        let rest = doc[after..].trim_start();
                        if rest.starts_with(|c: char| c.is_lowercase()) {
                            continue;
                        }
                    }
                }
                cuts.push(after);
            }
            _ => {}
        }
    }
    cuts.push(doc.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        let (s, e) = trim(doc, start, cut);
        if s < e {
            out.push((s, e));
        }
        start = cut;
    }
    out
}

/// Shrinks a byte range to exclude surrounding whitespace.
pub fn trim(doc: &str, s: usize, e: usize) -> (usize, usize) {
    let slice = &doc[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let t = slice.trim();
    (s + lead, s + lead + t.len())
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Cuts `doc[s..e]` into words and punctuation marks.
pub fn tokens(doc: &str, s: usize, e: usize, quotes: &[Quote]) -> Vec<Tok> {
    let text = &doc[s..e];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start = i;
        let mut j = k;
        if word_char(c) {
            while j < chars.len() {
                let cj = chars[j].1;
                if word_char(cj) {
                    j += 1;
                    continue;
                }
                let prev_ok = j > k && word_char(chars[j - 1].1);
                let next = chars.get(j + 1).map(|x| x.1);
                let joins = matches!(cj, '\'' | '’' | '-' | '.' | ',' | '/')
                    && prev_ok
                    && next.is_some_and(|n| {
                        if cj == ',' || cj == '/' {
                            n.is_ascii_digit() && chars[j - 1].1.is_ascii_digit()
                        } else {
                            word_char(n) && !is_arabic(n) || (cj == '-' && word_char(n))
                        }
                    });
                if joins {
                    j += 1;
                } else {
                    break;
                }
            }
            // "U.S." and "Dr." keep their final dot.
            if j < chars.len() && chars[j].1 == '.' {
                let w = &text[start..chars[j].0];
                let initials = w.len() >= 3
                    && w.contains('.')
                    && w.chars().all(|c| c.is_uppercase() || c == '.');
                let title = matches!(
                    w,
                    "Dr" | "Mr"
                        | "Mrs"
                        | "Ms"
                        | "Prof"
                        | "Gen"
                        | "Sen"
                        | "Rep"
                        | "Gov"
                        | "Col"
                        | "Lt"
                        | "Sgt"
                        | "Capt"
                        | "Adm"
                        | "Maj"
                        | "St"
                );
                if initials || title {
                    j += 1;
                }
            }
        } else {
            j = k + 1;
        }
        let end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        let raw = &text[start..end];
        let f = fold(raw);
        let abs_s = s + start;
        let abs_e = s + end;
        let q = quotes
            .iter()
            .position(|q| q.inner_start <= abs_s && abs_e <= q.inner_end);
        let word = word_char(c);
        out.push(Tok {
            s: abs_s,
            e: abs_e,
            v: if word { variants(&f) } else { vec![f.clone()] },
            f,
            word,
            q,
            cap: c.is_uppercase(),
        });
        k = j.max(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_quotes_whole() {
        let d = "He said: \"We will act. Soon.\" Then he left.\nU.S. officials said so.";
        let q = find_quotes(d);
        let s: Vec<&str> = sentences(d, &q).iter().map(|&(a, b)| &d[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "He said: \"We will act. Soon.\"",
                "Then he left.",
                "U.S. officials said so."
            ]
        );
    }

    #[test]
    fn arabic_offsets_round_trip() {
        let d = "وقال بيسكوف: «لا تعليق». وذكرت الوكالة أن الخبر صحيح؟ نعم";
        let q = find_quotes(d);
        for &(a, b) in &sentences(d, &q) {
            for t in tokens(d, a, b, &q) {
                assert!(d.is_char_boundary(t.s) && d.is_char_boundary(t.e));
            }
        }
        assert_eq!(sentences(d, &q).len(), 3);
    }
}
