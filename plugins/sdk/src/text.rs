//! Folding text for *matching only*: the one rule that the host and every plugin use, so that two
//! spellings of the same word compare equal everywhere in `claims`. Stored text is never folded.
//!
//! [`fold_char`] is the rule, one character at a time:
//! 1. dropped: Arabic diacritics and Quranic marks (U+0610..U+061A, U+064B..U+065F, superscript
//!    alef U+0670, U+06D6..U+06ED), tatweel U+0640, and the invisible format characters
//!    U+200B..U+200F and U+FEFF (zero-width spaces and joiners, direction marks, BOM);
//! 2. alef forms أ إ آ ٱ become ا; alef maksura ى and Persian yeh ی become ي; teh marbuta ة
//!    becomes ه; keheh ک becomes ك;
//! 3. Arabic-Indic (U+0660..U+0669) and Extended/Persian (U+06F0..U+06F9) digits become ASCII;
//! 4. typographic apostrophes ‘ ’ and the backtick become `'`; full-width ASCII (U+FF01..U+FF5E)
//!    becomes ASCII.
//!
//! [`push_folded`] adds lower case (Arabic has none); [`fold`] applies both to a whole text and
//! collapses whitespace. The host runs Unicode NFKC before [`fold`], which plugins may skip: the
//! rule is written so that NFKC first changes nothing it decides.

/// Tatweel (kashida) only stretches a word on the page.
pub const TATWEEL: char = '\u{0640}';

/// Whether `c` is an Arabic diacritic or Quranic mark, which one writer spells and another omits.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Whether `c` is an Arabic-script character, so language and clitic rules apply to Arabic words
/// only.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The ASCII digit an Arabic-Indic or Extended Arabic-Indic digit stands for, so "٣٦", "۳۶" and
/// "36" read as one number.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32('0' as u32 + (c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => char::from_u32('0' as u32 + (c as u32 - 0x06F0)),
        _ => None,
    }
}

/// `s` with Arabic-Indic digits written as ASCII and nothing else changed, for parsers of numbers
/// and dates that must not fold letters.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// The matching form of one character, or `None` when matching ignores it (see the module doc).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(if c == '`' { '\'' } else { c });
    }
    if is_arabic_mark(c) {
        return None;
    }
    Some(match c {
        TATWEEL | '\u{200B}'..='\u{200F}' | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => return ascii_digit(c),
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    })
}

/// Appends the folded, lower-cased form of `c` to `out`, so a caller that splits text its own way
/// folds each character by the same rule.
pub fn push_folded(c: char, out: &mut String) {
    let Some(m) = fold_char(c) else { return };
    if m.is_ascii() {
        out.push(m.to_ascii_lowercase());
    } else if ('\u{0600}'..='\u{06FF}').contains(&m) {
        // Arabic letters have no case; skipping the Unicode lookup matters on a million texts.
        out.push(m);
    } else {
        out.extend(m.to_lowercase());
    }
}

/// Appends the folded form of `word` to `out`, so a loop over many words can reuse one buffer.
pub fn fold_into(word: &str, out: &mut String) {
    for c in word.chars() {
        push_folded(c, out);
    }
}

/// One word folded for matching; whitespace inside it is kept as it is.
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// A whole text folded for matching, with every run of whitespace made one space and the ends
/// trimmed, so spacing never makes two texts differ.
pub fn fold(s: &str) -> String {
    fold_chars(s.chars())
}

/// [`fold`] over characters that a caller has already transformed (the host feeds NFKC output).
pub fn fold_chars(chars: impl IntoIterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let before = out.len();
        if pending_space {
            out.push(' ');
        }
        let folded_at = out.len();
        push_folded(c, &mut out);
        if out.len() == folded_at {
            // Dropped: any space stays pending for the next kept character.
            out.truncate(before);
        } else {
            pending_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_spelling_variants_fold_together() {
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("العـــربية"), fold("العربيه"));
        assert_eq!(fold("أحمد إسلام آب ٱلله"), "احمد اسلام اب الله");
        assert_eq!(fold("مستشفى مدينة"), "مستشفي مدينه");
        assert_eq!(fold("الرحمٰن"), "الرحمن");
        assert_eq!(fold("کتاب"), "كتاب");
        assert_eq!(fold("می\u{200C}خواهم"), "ميخواهم");
    }

    #[test]
    fn digits_case_quotes_and_spaces_fold() {
        assert_eq!(fold("٣٦ قتيلا ۳۶"), "36 قتيلا 36");
        assert_eq!(fold("  The   Kremlin’s\tＮＹＴ "), "the kremlin's nyt");
        assert_eq!(ascii_digits("٢٠٢٣-٠٩-٠٥ أيلول"), "2023-09-05 أيلول");
        assert_eq!(fold_word("Straße"), "straße");
        assert_eq!(fold_word("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn a_dropped_character_leaves_no_stray_space() {
        assert_eq!(fold("a \u{0640} b"), "a b");
        assert_eq!(fold("\u{064E} a"), "a");
        assert_eq!(fold("a \u{064E}"), "a");
    }

    #[test]
    fn folding_is_idempotent_on_samples() {
        for s in [
            "أَكَّدَ الكرملين",
            "Kim Jong Un’s TRAIN",
            "٥ أيلول ٢٠٢٣",
            "ی ک ة ى",
        ] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text drawn mostly from the characters the rule is about, with any other character mixed in.
    fn text() -> impl Strategy<Value = String> {
        let interesting = prop::sample::select(vec![
            'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ی', 'ي', 'ة', 'ه', 'ک', 'ك', '\u{064E}', '\u{0651}',
            '\u{0670}', '\u{0610}', '\u{06E5}', '\u{0640}', '\u{200C}', '\u{200F}', '\u{FEFF}',
            '٣', '۶', '7', 'A', 'z', 'İ', 'Σ', '’', '`', 'Ｎ', ' ', '\t', '\n', '\u{00A0}',
            '\u{2028}',
        ]);
        prop::collection::vec(prop_oneof![3 => interesting, 1 => any::<char>()], 0..40)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn folding_is_idempotent(s in text()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(fold_word(&once), once);
        }

        #[test]
        fn folded_text_has_no_variant_left(s in text()) {
            let f = fold(&s);
            prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
            for c in f.chars() {
                prop_assert!(fold_char(c) == Some(c), "{:?} survived folding", c);
                prop_assert!(!c.is_ascii_uppercase());
                prop_assert!(c == ' ' || !c.is_whitespace());
            }
        }

        #[test]
        fn folding_borrows_and_never_changes_its_input(s in text()) {
            let kept = s.clone();
            let _ = (fold(&s), fold_word(&s), ascii_digits(&s));
            prop_assert_eq!(s, kept);
        }

        #[test]
        fn digits_fold_to_the_same_number(n in 0u64..1_000_000_000) {
            let ascii = n.to_string();
            let arabic: String = ascii.chars().map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()).collect();
            let persian: String = ascii.chars().map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap()).collect();
            prop_assert_eq!(fold(&arabic), ascii.clone());
            prop_assert_eq!(ascii_digits(&persian), ascii);
        }
    }
}
