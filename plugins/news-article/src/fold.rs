//! Light normalisation for matching: the same name or cue spelled with or without diacritics,
//! alef variants, clitics or case must compare equal. Only used for comparison, never for output.

/// Folds text for matching, so spelling variants compare equal (diacritics, alef forms, case).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let m = match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => continue,
            '\u{200B}'..='\u{200F}' | '\u{FEFF}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            '٠'..='٩' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if m.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(m.to_lowercase());
    }
    out
}

/// Whether a char is an Arabic letter, so language and clitic rules apply only to Arabic words.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Removes the Arabic article from a folded word, so "الكرملين" and "كرملين" match.
pub fn strip_article(w: &str) -> &str {
    if w.chars().count() > 3
        && let Some(r) = w.strip_prefix("ال")
    {
        return r;
    }
    w
}

/// Forms a folded word may stand for once clitics are removed (و ف ب ل ك, ال, لل), article-free,
/// so a text word matches an alias word whatever is glued to its front.
pub fn variants(w: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![w.to_string()];
    if let Some(r) = w.strip_suffix("'s") {
        out.push(r.to_string());
    }
    if !w.chars().next().is_some_and(is_arabic) {
        return out;
    }
    let long = |s: &str| s.chars().count() >= 3;
    let mut bases = vec![w.to_string()];
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p)
            && long(r)
        {
            bases.push(r.to_string());
        }
    }
    for b in bases.clone() {
        if let Some(r) = b.strip_prefix("لل")
            && long(r)
        {
            bases.push(r.to_string());
        }
        for p in ["ب", "ل", "ك"] {
            // "لبي بي سي": short names glued to a preposition
            if let Some(r) = b.strip_prefix(p)
                && r.chars().count() >= 2
            {
                bases.push(r.to_string());
            }
        }
    }
    for b in bases {
        let a = strip_article(&b).to_string();
        if !out.contains(&b) {
            out.push(b);
        }
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// Splits folded text into words for alias matching, dropping punctuation and English "the".
pub fn alias_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty() && *w != "the")
        .map(|w| {
            let w = w.strip_suffix("'s").unwrap_or(w);
            strip_article(w).to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(fold("أكّدَ  إنترفاكس"), "اكد انترفاكس");
        assert_eq!(fold("وكالة مستشفى"), "وكاله مستشفي");
        assert_eq!(fold("The  NYT"), "the nyt");
    }

    #[test]
    fn clitics_are_stripped() {
        let v = variants(&fold("لوكالة"));
        assert!(v.contains(&"وكاله".to_string()));
        let v = variants(&fold("والكرملين"));
        assert!(v.contains(&"كرملين".to_string()));
        assert_eq!(alias_words("The Kremlin's"), vec!["kremlin"]);
    }
}
