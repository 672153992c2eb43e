//! Full-text search (`claims search`, issue 16): the matching form of a claim's text that the
//! index holds, the user's query turned into FTS5 syntax that cannot fail or inject, and a
//! snippet of the ORIGINAL text with the matched words marked.
//!
//! Both the index and the query fold text by the one rule of [`crate::normalize::match_key`]
//! (NFKC, then `claims_plugin::text`: Arabic diacritics and tatweel dropped, alef, ya, ta
//! marbuta forms unified, Arabic-Indic digits made ASCII, lower case), character by character,
//! so every folded character knows the bytes of the original it came from.

use claims_plugin::text;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::{Error, Result};

/// Appends what `c` folds to (nothing when folding drops it, as it does diacritics and
/// tatweel) to `buf`.
fn push_folded(c: char, buf: &mut String) {
    // ASCII and the Arabic block (but for four letters with compatibility forms) are their own
    // NFKC: skipping the lookup matters on a million imported texts.
    if c.is_ascii()
        || (('\u{0600}'..='\u{06FF}').contains(&c) && !('\u{0675}'..='\u{0678}').contains(&c))
    {
        text::push_folded(c, buf);
    } else {
        for n in std::iter::once(c).nfkc() {
            text::push_folded(n, buf);
        }
    }
}

/// Calls `out` for each character of `s` with its byte range in `s` and what it folds to.
fn fold_walk(s: &str, mut out: impl FnMut(usize, usize, &str)) {
    let mut buf = String::new();
    for (i, c) in s.char_indices() {
        buf.clear();
        push_folded(c, &mut buf);
        out(i, i + c.len_utf8(), &buf);
    }
}

/// The words the search index holds for a claim's text: its matching form cut into words
/// ([`is_word_char`] runs; punctuation, Arabic ، ؛ ؟ included, separates) each made a
/// [`token_key`], joined by single spaces. The index's tokenizer is FTS5's `ascii`, which only
/// splits on those spaces: the Unicode work is done here, once, instead of again by SQLite's
/// `unicode61` (which cost more than the rest of the index on a million imported claims).
pub fn index_text(s: &str) -> String {
    let mut words = Words {
        out: String::with_capacity(s.len()),
        start: 0,
        plain: true,
    };
    let mut buf = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            // Folding ASCII only lowers its case.
            if c.is_ascii_alphanumeric() {
                words.out.push(c.to_ascii_lowercase());
            } else {
                words.end();
            }
            continue;
        }
        buf.clear();
        push_folded(c, &mut buf);
        for f in buf.chars() {
            if is_word_char(f) {
                words.plain &= f.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&f);
                words.out.push(f);
            } else {
                words.end();
            }
        }
    }
    words.end();
    words.out.pop();
    words.out
}

/// [`index_text`]'s output as it grows: the words so far, each followed by a space.
struct Words {
    out: String,
    /// Where the word being read starts in `out`.
    start: usize,
    /// Whether that word has only ASCII and Arabic letters, which are their own key.
    plain: bool,
}

impl Words {
    /// Ends the word being read, if any: made a key, followed by a space.
    fn end(&mut self) {
        if self.out.len() > self.start {
            if !self.plain {
                let key = token_key(&self.out[self.start..]);
                self.out.truncate(self.start);
                self.out.push_str(&key);
            }
            self.out.push(' ');
            self.start = self.out.len();
        }
        self.plain = true;
    }
}

/// Whether a word keeps `c` inside it: letters, digits and combining marks. ASCII and the
/// Arabic letters are answered without the Unicode tables, which are slow per character.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
        || c.is_alphanumeric()
        || is_combining_mark(c)
}

/// A folded word as the index holds it: with any diacritics left after folding (Latin ones,
/// `café`) removed, so `cafe` finds it. ASCII and Arabic words, whose marks folding already
/// dropped, are kept as they are without decomposing them.
fn token_key(token: &str) -> String {
    if token
        .chars()
        .all(|c| c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c))
    {
        token.to_string()
    } else {
        token.nfd().filter(|c| !is_combining_mark(*c)).collect()
    }
}

/// One word of a query, folded, as the snippet looks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    key: String,
    prefix: bool,
}

/// A user's query made safe: FTS5 syntax in which every word is a quoted string (so `-`, `:`,
/// `(`, `NEAR`, `AND` and stray quotes are words or separators, never operators), and the
/// folded words the snippet marks.
#[derive(Debug, Clone)]
pub struct Query {
    fts: String,
    terms: Vec<Term>,
}

impl Query {
    /// Reads a query: words (all must match), `"a phrase"` (the words in that order), and
    /// `word*` (any word starting so). An unclosed quote runs to the end. A query with no
    /// letters or digits is an error.
    pub fn parse(q: &str) -> Result<Query> {
        let mut pieces: Vec<(String, bool)> = Vec::new();
        let (mut cur, mut phrase) = (String::new(), false);
        for c in q.chars() {
            if c == '"' {
                pieces.push((std::mem::take(&mut cur), phrase));
                phrase = !phrase;
            } else if c.is_whitespace() && !phrase {
                pieces.push((std::mem::take(&mut cur), false));
            } else {
                cur.push(c);
            }
        }
        pieces.push((cur, phrase));
        let mut fts = Vec::new();
        let mut terms = Vec::new();
        for (raw, phrase) in pieces {
            let prefix = !phrase && raw.ends_with('*');
            let folded = index_text(raw.trim_end_matches('*'));
            let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
            let Some(last) = tokens.len().checked_sub(1) else {
                continue;
            };
            fts.push(format!(
                "\"{}\"{}",
                tokens.join(" "),
                if prefix { "*" } else { "" }
            ));
            for (i, t) in tokens.iter().enumerate() {
                let term = Term {
                    key: t.to_string(),
                    prefix: prefix && i == last,
                };
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        if fts.is_empty() {
            return Err(Error::invalid(format!(
                "search: the query {q:?} has no words to look for (letters or digits)"
            )));
        }
        Ok(Query {
            fts: fts.join(" "),
            terms,
        })
    }

    /// The query in FTS5 syntax.
    pub fn fts(&self) -> &str {
        &self.fts
    }

    /// Whether a folded token is one the query looks for.
    fn marks(&self, token: &str) -> bool {
        let key = token_key(token);
        self.terms.iter().any(|t| {
            if t.prefix {
                key.starts_with(&t.key)
            } else {
                key == t.key
            }
        })
    }

    /// The part of `original` around its first matched word, clipped at word boundaries, with
    /// the byte ranges (in the snippet) of every matched word: matches are found on the folded
    /// text and mapped back to the original's bytes (a diacritic belongs to its letter).
    pub fn snippet(&self, original: &str) -> Snippet {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        // The current token: its folded form and its original byte range.
        let mut token = String::new();
        let mut span = (0, 0);
        let mut close = |token: &mut String, span: (usize, usize)| {
            if !token.is_empty() && self.marks(token) {
                hits.push(span);
            }
            token.clear();
        };
        fold_walk(original, |start, end, folded| {
            if folded.is_empty() {
                // Dropped (a diacritic, tatweel): part of the word it sits in.
                if !token.is_empty() {
                    span.1 = end;
                }
                return;
            }
            for c in folded.chars() {
                if is_word_char(c) {
                    if token.is_empty() {
                        span.0 = start;
                    }
                    token.push(c);
                    span.1 = end;
                } else {
                    close(&mut token, span);
                }
            }
        });
        close(&mut token, span);
        clip(original, &hits)
    }
}

/// Part of a claim's text shown with a search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The original text around the first match (line breaks made spaces), `…` where clipped.
    pub text: String,
    /// Byte ranges in `text` of the matched words, in order.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text with each matched word replaced by `mark(word)`: how a caller shows matches
    /// (colour on a terminal, brackets when piped) without handling byte ranges.
    pub fn marked(&self, mark: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for &(a, b) in &self.highlights {
            out.push_str(&self.text[at..a]);
            out.push_str(&mark(&self.text[a..b]));
            at = b;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Characters of context kept before the first match.
const BEFORE: usize = 24;
/// Characters a snippet holds at most (before the ellipses).
const LENGTH: usize = 200;

/// Cuts a `text` longer than [`LENGTH`] characters to at most that many, starting up to
/// [`BEFORE`] characters before the first hit, at whitespace, and shifts the hits to match.
fn clip(text: &str, hits: &[(usize, usize)]) -> Snippet {
    let first = hits.first().map_or(0, |h| h.0);
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| boundaries.partition_point(|&b| b < byte);
    let first_char = char_at(first);
    // Start: the first whitespace at or after BEFORE characters back, so no word is cut.
    // A text that fits is shown whole.
    let mut start = if first_char <= BEFORE || boundaries.len() <= LENGTH {
        0
    } else {
        boundaries[first_char - BEFORE]
    };
    if start > 0 {
        start = text[start..first]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(first, |(i, c)| start + i + c.len_utf8());
    }
    let start_char = char_at(start);
    let mut end = text.len();
    if boundaries.len() - start_char > LENGTH {
        let limit = boundaries[start_char + LENGTH];
        end = text[start..limit]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(limit, |(i, _)| start + i);
        if end <= first {
            end = limit.max(hits.first().map_or(limit, |h| h.1));
        }
    }
    let lead = if start > 0 { "…" } else { "" };
    let mut out = String::with_capacity(end - start + 8);
    out.push_str(lead);
    out.extend(text[start..end].chars().map(|c| {
        if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        }
    }));
    let out = out.trim_end().to_string();
    let kept = out.len();
    let mut out = out;
    if end < text.len() {
        out.push('…');
    }
    let highlights = hits
        .iter()
        .filter(|h| h.0 >= start && h.1 <= end)
        .map(|h| (h.0 - start + lead.len(), h.1 - start + lead.len()))
        .filter(|h| h.1 <= kept)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(q: &str, text: &str) -> String {
        Query::parse(q)
            .unwrap()
            .snippet(text)
            .marked(|w| format!("[{w}]"))
    }

    #[test]
    fn folds_arabic_like_match_key() {
        // The index holds match_key's words: folded the one way, cut at what is not a letter
        // or digit, Latin accents dropped (dž is dz).
        let words = |t: &str| {
            crate::normalize::match_key(t)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(token_key)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let t = "قَالَ الجيشُ، إنّ ٣٦ قذيفة سقطت على المدينة؟ (نعم)";
        assert_eq!(index_text(t), words(t));
        assert_eq!(index_text(t), "قال الجيش ان 36 قذيفه سقطت علي المدينه نعم");
        // Presentation forms and the letters with compatibility decompositions too.
        let t = "ﻻ ٵ ﺑﻴﺖ Ｆｕｌｌ Ǆ ـــالجيـــش";
        assert_eq!(index_text(t), words(t));
    }

    #[test]
    fn index_text_is_the_folded_words_of_the_snippet_walk() {
        // The fast path of index_text against the character walk the snippet marks by.
        let reference = |t: &str| {
            let mut folded = String::new();
            fold_walk(t, |_, _, f| folded.push_str(f));
            folded
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(token_key)
                .collect::<Vec<_>>()
                .join(" ")
        };
        for t in [
            "",
            "  ,, ",
            "e\u{301}te\u{301} CAFÉ naïve Ǆemal ﬁne",
            "ـــالجيـــش قَالَ، ٣٦؛ ۴۵ ﻻ ٵ ﺑﻴﺖ Ｆｕｌｌ",
            "emoji 🚀x, tab\tnew\nline — «quote» 'apos’s",
            "Ελληνικά ΣΊΣΥΦΟΣ Русский ЁЛКА 中文 ",
            "\u{200f}rtl\u{200e} zero\u{200b}width",
        ] {
            assert_eq!(index_text(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn index_words_are_split_on_punctuation_and_lose_latin_accents() {
        assert_eq!(
            index_text("Café-owners' «report»: 36%; ok؛ لا؟"),
            "cafe owners report 36 ok لا"
        );
    }

    #[test]
    fn queries_are_quoted_and_never_operators() {
        let q = Query::parse("NEAR( a-b: \"x y\" pre* -").unwrap();
        assert_eq!(q.fts(), "\"near\" \"a b\" \"x y\" \"pre\"*");
        assert!(Query::parse("\" * - : (").is_err());
    }

    #[test]
    fn snippets_mark_original_words() {
        assert_eq!(marked("الجيش", "قال الجَيْشُ كذا"), "قال [الجَيْشُ] كذا");
        assert_eq!(
            marked("mosco*", "Near MOSCOW, they said"),
            "Near [MOSCOW], they said"
        );
        assert_eq!(marked("36", "سقطت ٣٦ قذيفة"), "سقطت [٣٦] قذيفة");
    }

    #[test]
    fn long_texts_are_clipped_at_words_around_the_match() {
        let text = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let s = marked("needle", &text);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[needle]"));
        assert!(!s.contains("wor…") && !s.contains("…ord"));
    }
}
