//! Text seen for comparisons only: the recorded text is never changed, only split into words and
//! folded by the SDK's one rule ([`claims_plugin::text`]), so that spelling noise (case,
//! punctuation, Arabic diacritics and tatweel, alef, ya and ta marbuta forms, Arabic-Indic digits)
//! does not count as a difference.

pub(crate) use claims_plugin::text::{fold_into, fold_word};

/// Whether `c` belongs inside a word: letters, digits, and the Arabic marks that sit on letters.
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        _ if c.is_ascii() => false,
        // The Arabic block, spelled out: the general Unicode lookup is slow on a million texts.
        '\u{0600}'..='\u{06FF}' => !matches!(
            c,
            '\u{0600}'..='\u{060F}' | '\u{061B}'..='\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
        ),
        _ => c.is_alphanumeric(),
    }
}

/// A whole text folded for comparison: words folded, punctuation dropped, whitespace collapsed
/// to single spaces.
pub(crate) fn for_comparison(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split(|c: char| !is_word_char(c)) {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        fold_into(w, &mut out);
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

/// A word of a text, as written and as folded.
pub(crate) struct Word<'a> {
    /// The word byte for byte as in the text.
    pub(crate) raw: &'a str,
    /// The word folded for comparison.
    pub(crate) folded: String,
}

/// The words of `text`, in order; punctuation and spaces separate them.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|raw| Word {
            raw,
            folded: fold_word(raw),
        })
        .filter(|w| !w.folded.is_empty())
        .collect()
}

/// Whitespace (newlines included) collapsed to single spaces, so a text fits on one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_spelling_noise() {
        // Diacritics, tatweel and hamza on alef do not count.
        assert_eq!(fold_word("الإثنين"), fold_word("الاثنين"));
        assert_eq!(fold_word("قَالَ"), "قال");
        assert_eq!(fold_word("جـــيش"), "جيش");
        assert_eq!(fold_word("٢٠٢٤"), "2024");
    }

    #[test]
    fn comparison_form_drops_punctuation_and_case() {
        assert_eq!(
            for_comparison("  \"We will NOT   withdraw,\" he said. "),
            "we will not withdraw he said"
        );
        assert_eq!(for_comparison("«لن ننسحب»، قال."), "لن ننسحب قال");
        assert_eq!(for_comparison("..."), "");
    }

    #[test]
    fn words_keep_raw_and_folded() {
        let w = words("On Tuesday, الثُّلاثاء!");
        let raw: Vec<_> = w.iter().map(|w| w.raw).collect();
        assert_eq!(raw, ["On", "Tuesday", "الثُّلاثاء"]);
        assert_eq!(w[2].folded, "الثلاثاء");
    }
}
