//! Fact-checkers' own rating labels ("Mostly False", "مضلّل", "Plutôt faux", "Engañoso", or a
//! whole explanatory sentence) mapped onto the project's one scale, [`Rating`], so verdicts from
//! many fact-checkers can be compared and counted. The table is [`TABLE`]; docs/ratings.md is
//! generated from it ([`markdown_table`]) and a test keeps the two identical.
//!
//! Matching is on folded words: the project's folding ([`crate::normalize::match_key`]: Arabic
//! diacritics incl. shadda and tanwin, tatweel, alef forms, ى/ي, ة/ه, Arabic-Indic digits, case),
//! Latin accents dropped, punctuation made a space, and the Arabic article and conjunction
//! (ال, و, ب, ف, ك) and a final alef (accusative tanwin) taken off Arabic words. A label is
//! searched for every phrase of the table; the verdict is the phrase that
//! 1. follows a cue ("rating:", "verdict", "تصنيف", "على أنه", "veredicto", ...), else
//! 2. is the most specific (most words: "mostly false" over "false"; "غير صحيح" over "صحيح").
//!
//! A phrase inside a longer matched phrase does not count, and "true" preceded by a negation
//! ("not", "غير", "ليس", "pas", "no") counts as false. When the best candidates disagree, or
//! nothing matches, the label is *unmapped*: the caller keeps it verbatim and counts it, and the
//! rating is [`Rating::Unrated`]. Nothing is guessed.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::Rating;

/// One row of the rating table: a phrase fact-checkers write, its language and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The phrase as fact-checkers write it (matched after folding).
    pub phrase: &'static str,
    /// ISO 639-1 language of the phrase.
    pub lang: &'static str,
    /// Where it lands on the project's scale.
    pub rating: Rating,
}

const fn e(phrase: &'static str, lang: &'static str, rating: Rating) -> Entry {
    Entry {
        phrase,
        lang,
        rating,
    }
}

pub use table::TABLE;

/// The table on its own, where the ratings go by their short names.
mod table {
    use super::{Entry, e};
    use crate::model::Rating::{
        AlteredMedia as Altered, False, Misleading, Mixed, MostlyFalse, MostlyTrue, Satire, True,
        Unproven,
    };

    /// The rating table: every phrase the matcher knows, by language. Spelling variants that the
    /// folding unifies (مضلل/مضلّل, جزئياً/جزئيا/جزئيًا, Faux/faux, engañoso/enganoso) need one row.
    pub const TABLE: &[Entry] = &[
        // English
        e("true", "en", True),
        e("correct", "en", True),
        e("accurate", "en", True),
        e("mostly true", "en", MostlyTrue),
        e("mostly correct", "en", MostlyTrue),
        e("largely true", "en", MostlyTrue),
        e("mostly accurate", "en", MostlyTrue),
        e("half true", "en", Mixed),
        e("mixed", "en", Mixed),
        e("mixture", "en", Mixed),
        e("partly true", "en", Mixed),
        e("partially true", "en", Mixed),
        e("partly false", "en", Mixed),
        e("partially false", "en", Mixed),
        e("half truth", "en", Mixed),
        e("misleading", "en", Misleading),
        e("missing context", "en", Misleading),
        e("lacks context", "en", Misleading),
        e("lacking context", "en", Misleading),
        e("needs context", "en", Misleading),
        e("out of context", "en", Misleading),
        e("cherry picks", "en", Misleading),
        e("exaggerated", "en", Misleading),
        e("exaggeration", "en", Misleading),
        e("mostly false", "en", MostlyFalse),
        e("largely false", "en", MostlyFalse),
        e("inaccurate", "en", MostlyFalse),
        e("false", "en", False),
        e("not true", "en", False),
        e("untrue", "en", False),
        e("incorrect", "en", False),
        e("not correct", "en", False),
        e("wrong", "en", False),
        e("fake", "en", False),
        e("fabricated", "en", False),
        e("baseless", "en", False),
        e("pants on fire", "en", False),
        e("four pinocchios", "en", False),
        e("unproven", "en", Unproven),
        e("unverified", "en", Unproven),
        e("unsupported", "en", Unproven),
        e("unsubstantiated", "en", Unproven),
        e("no evidence", "en", Unproven),
        e("lacks evidence", "en", Unproven),
        e("cannot be verified", "en", Unproven),
        e("satire", "en", Satire),
        e("satirical", "en", Satire),
        e("parody", "en", Satire),
        e("altered", "en", Altered),
        e("altered image", "en", Altered),
        e("altered photo", "en", Altered),
        e("altered video", "en", Altered),
        e("doctored", "en", Altered),
        e("manipulated", "en", Altered),
        e("manipulated media", "en", Altered),
        e("deepfake", "en", Altered),
        e("photoshopped", "en", Altered),
        // Arabic
        e("صحيح", "ar", True),
        e("صحيحة", "ar", True),
        e("حقيقي", "ar", True),
        e("دقيق", "ar", True),
        e("صحيح في الغالب", "ar", MostlyTrue),
        e("صحيح غالباً", "ar", MostlyTrue),
        e("صحيح إلى حد كبير", "ar", MostlyTrue),
        e("صحيح جزئياً", "ar", Mixed),
        e("صحيحة جزئياً", "ar", Mixed),
        e("زائف جزئياً", "ar", Mixed),
        e("خاطئ جزئياً", "ar", Mixed),
        e("خطأ جزئياً", "ar", Mixed),
        e("نصف صحيح", "ar", Mixed),
        e("مختلط", "ar", Mixed),
        e("مضلّل", "ar", Misleading),
        e("مضلّلة", "ar", Misleading),
        e("عنوان مضلّل", "ar", Misleading),
        e("ناقص السياق", "ar", Misleading),
        e("يفتقر إلى السياق", "ar", Misleading),
        e("سياق مفقود", "ar", Misleading),
        e("خارج السياق", "ar", Misleading),
        e("مجتزأ", "ar", Misleading),
        e("مبالغ فيه", "ar", Misleading),
        e("زائف في الغالب", "ar", MostlyFalse),
        e("خاطئ في الغالب", "ar", MostlyFalse),
        e("غير دقيق", "ar", MostlyFalse),
        e("زائف", "ar", False),
        e("زائفة", "ar", False),
        e("خاطئ", "ar", False),
        e("خاطئة", "ar", False),
        e("خطأ", "ar", False),
        e("كاذب", "ar", False),
        e("كاذبة", "ar", False),
        e("غير صحيح", "ar", False),
        e("ليس صحيحاً", "ar", False),
        e("عارٍ عن الصحة", "ar", False),
        e("مختلق", "ar", False),
        e("مفبرك", "ar", False),
        e("ملفق", "ar", False),
        e("غير مثبت", "ar", Unproven),
        e("لم يثبت", "ar", Unproven),
        e("غير مؤكد", "ar", Unproven),
        e("لا دليل", "ar", Unproven),
        e("بلا دليل", "ar", Unproven),
        e("لا يمكن التحقق", "ar", Unproven),
        e("ساخر", "ar", Satire),
        e("ساخرة", "ar", Satire),
        e("سخرية", "ar", Satire),
        e("محتوى ساخر", "ar", Satire),
        e("صورة معدلة", "ar", Altered),
        e("فيديو معدل", "ar", Altered),
        e("صورة مفبركة", "ar", Altered),
        e("فيديو مفبرك", "ar", Altered),
        e("صورة مركبة", "ar", Altered),
        e("محتوى معدل", "ar", Altered),
        e("تم التلاعب", "ar", Altered),
        e("متلاعب به", "ar", Altered),
        // French
        e("vrai", "fr", True),
        e("exact", "fr", True),
        e("plutôt vrai", "fr", MostlyTrue),
        e("partiellement vrai", "fr", Mixed),
        e("partiellement faux", "fr", Mixed),
        e("à moitié vrai", "fr", Mixed),
        e("c'est plus compliqué", "fr", Mixed),
        e("trompeur", "fr", Misleading),
        e("trompeuse", "fr", Misleading),
        e("manque de contexte", "fr", Misleading),
        e("hors contexte", "fr", Misleading),
        e("sorti de son contexte", "fr", Misleading),
        e("exagéré", "fr", Misleading),
        e("plutôt faux", "fr", MostlyFalse),
        e("imprécis", "fr", MostlyFalse),
        e("faux", "fr", False),
        e("fausse", "fr", False),
        e("pas vrai", "fr", False),
        e("infondé", "fr", False),
        e("inexact", "fr", False),
        e("non prouvé", "fr", Unproven),
        e("invérifiable", "fr", Unproven),
        e("pas de preuve", "fr", Unproven),
        e("satirique", "fr", Satire),
        e("parodie", "fr", Satire),
        e("image modifiée", "fr", Altered),
        e("photo truquée", "fr", Altered),
        e("vidéo truquée", "fr", Altered),
        e("montage", "fr", Altered),
        e("manipulé", "fr", Altered),
        // Spanish
        e("verdadero", "es", True),
        e("cierto", "es", True),
        e("verdad", "es", True),
        e("mayormente verdadero", "es", MostlyTrue),
        e("mayormente cierto", "es", MostlyTrue),
        e("parcialmente verdadero", "es", Mixed),
        e("parcialmente cierto", "es", Mixed),
        e("parcialmente falso", "es", Mixed),
        e("verdad a medias", "es", Mixed),
        e("engañoso", "es", Misleading),
        e("engañosa", "es", Misleading),
        e("fuera de contexto", "es", Misleading),
        e("sacado de contexto", "es", Misleading),
        e("descontextualizado", "es", Misleading),
        e("falta contexto", "es", Misleading),
        e("exagerado", "es", Misleading),
        e("mayormente falso", "es", MostlyFalse),
        e("impreciso", "es", MostlyFalse),
        e("falso", "es", False),
        e("falsa", "es", False),
        e("no es cierto", "es", False),
        e("no es verdad", "es", False),
        e("sin evidencia", "es", Unproven),
        e("sin pruebas", "es", Unproven),
        e("no hay evidencia", "es", Unproven),
        e("inverificable", "es", Unproven),
        e("no verificable", "es", Unproven),
        e("sátira", "es", Satire),
        e("satírico", "es", Satire),
        e("imagen alterada", "es", Altered),
        e("video manipulado", "es", Altered),
        e("manipulado", "es", Altered),
        e("montaje", "es", Altered),
    ];
}

/// Words that, just before a phrase (up to three words back), say it is the verdict.
const CUES: &[&str] = &[
    "rating",
    "rated",
    "verdict",
    "ruling",
    "conclusion",
    "veredicto",
    "calificacion",
    "calificado",
    "calificamos",
    "clasificado",
    "note",
    "تصنيف",
    "التصنيف",
    "تقييم",
    "التقييم",
    "الحكم",
    "النتيجة",
    "انه",
    "أنه",
    "بأنه",
    "انها",
    "أنها",
];

/// Words that turn a following "true" into "false".
const NEGATIONS: &[&str] = &[
    "not", "isn", "never", "no", "non", "pas", "غير", "ليس", "ليست", "لا", "nicht",
];

/// A label's place on the scale, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    /// The table maps it.
    Rated(Rating),
    /// No phrase of the table is in it, or its best candidates disagree.
    Unmapped,
}

/// The matching words of a text (see the module doc).
pub fn words(s: &str) -> Vec<String> {
    let folded = crate::normalize::match_key(s);
    let plain: String = folded
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    plain.split_whitespace().map(stem).collect()
}

/// An Arabic word without its article or conjunction and without a final alef, when at least
/// three letters remain: "والمضلل" and "مضللاً" match "مضلل".
fn stem(w: &str) -> String {
    if !w.chars().next().is_some_and(claims_plugin::text::is_arabic) {
        return w.to_string();
    }
    let long = |s: &str| s.chars().count() >= 3;
    let mut s = w;
    for p in ["وال", "بال", "فال", "كال", "ال", "و"] {
        if let Some(rest) = s.strip_prefix(p)
            && long(rest)
        {
            s = rest;
            break;
        }
    }
    if let Some(rest) = s.strip_suffix('ا')
        && long(rest)
    {
        s = rest;
    }
    s.to_string()
}

/// The table as folded word sequences, built once.
fn compiled() -> &'static [(Vec<String>, Rating)] {
    static C: OnceLock<Vec<(Vec<String>, Rating)>> = OnceLock::new();
    C.get_or_init(|| TABLE.iter().map(|e| (words(e.phrase), e.rating)).collect())
}

/// Folded cue and negation words, built once.
fn word_sets() -> &'static (Vec<String>, Vec<String>) {
    static S: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    S.get_or_init(|| {
        let fold = |l: &[&str]| l.iter().flat_map(|w| words(w)).collect::<Vec<_>>();
        (fold(CUES), fold(NEGATIONS))
    })
}

/// Maps a fact-checker's label (a word, a phrase or a long explanation) onto the scale.
pub fn map_label(label: &str) -> Mapped {
    let text = words(label);
    let (cues, negations) = word_sets();
    // Every occurrence of every phrase: (start, len, rating).
    let mut found: Vec<(usize, usize, Rating)> = Vec::new();
    for (phrase, rating) in compiled() {
        let n = phrase.len();
        if n == 0 || n > text.len() {
            continue;
        }
        for start in 0..=text.len() - n {
            if text[start..start + n] == phrase[..] {
                found.push((start, n, *rating));
            }
        }
    }
    // A phrase inside a longer matched phrase is part of it ("false" in "mostly false").
    let inside = |a: &(usize, usize, Rating), b: &(usize, usize, Rating)| {
        b.1 > a.1 && b.0 <= a.0 && a.0 + a.1 <= b.0 + b.1
    };
    let kept: Vec<(usize, usize, Rating, bool)> = found
        .iter()
        .filter(|a| !found.iter().any(|b| inside(a, b)))
        .map(|&(start, n, rating)| {
            let before = &text[start.saturating_sub(3)..start];
            let negated = text[start.saturating_sub(2)..start]
                .iter()
                .any(|w| negations.contains(w));
            let rating = match (rating, negated) {
                (Rating::True | Rating::MostlyTrue, true) => Rating::False,
                (r, _) => r,
            };
            let cued = before.iter().any(|w| cues.contains(w));
            (start, n, rating, cued)
        })
        .collect();
    let Some(best) = kept.iter().map(|&(_, n, _, cued)| (cued, n)).max() else {
        return Mapped::Unmapped;
    };
    let mut ratings = kept
        .iter()
        .filter(|&&(_, n, _, cued)| (cued, n) == best)
        .map(|k| k.2);
    let first = ratings.next().expect("best came from kept");
    if ratings.all(|r| r == first) {
        Mapped::Rated(first)
    } else {
        Mapped::Unmapped
    }
}

/// Labels that could not be mapped, with how often each was seen (for the import report).
#[derive(Debug, Clone, Default)]
pub struct Unmapped(pub HashMap<String, u64>);

impl Unmapped {
    /// Counts one more sighting of a label.
    pub fn add(&mut self, label: &str) {
        *self.0.entry(label.to_string()).or_default() += 1;
    }

    /// Label and count, most frequent first, then by label.
    pub fn sorted(&self) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self.0.iter().map(|(k, n)| (k.clone(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }
}

/// The numeric scale ClaimReview exports use (docs/ratings.md): worst 1, best 5; ratings off
/// the true/false scale have no number.
pub fn numeric(r: Rating) -> Option<u8> {
    match r {
        Rating::True => Some(5),
        Rating::MostlyTrue => Some(4),
        Rating::Mixed => Some(3),
        Rating::Misleading | Rating::MostlyFalse => Some(2),
        Rating::False | Rating::AlteredMedia => Some(1),
        Rating::Unproven | Rating::Satire | Rating::Unrated => None,
    }
}

/// Reads a numeric rating on a scale (schema.org defaults: worst 1, best 5; an inverted scale,
/// worst above best, is read the right way round), for reviews with no textual label.
pub fn from_numeric(value: f64, best: Option<f64>, worst: Option<f64>) -> Option<Rating> {
    let (best, worst) = (best.unwrap_or(5.0), worst.unwrap_or(1.0));
    if !(value.is_finite() && best.is_finite() && worst.is_finite()) || best == worst {
        return None;
    }
    let p = (value - worst) / (best - worst);
    if !(-1e-9..=1.0 + 1e-9).contains(&p) {
        return None;
    }
    // The five points of the 1..5 scale, nearest first.
    Some(match (p * 4.0).round() as i64 {
        4 => Rating::True,
        3 => Rating::MostlyTrue,
        2 => Rating::Mixed,
        1 => Rating::MostlyFalse,
        _ => Rating::False,
    })
}

/// The English name exports write for a rating with no original label, in the workspace's
/// language when it is one of the table's (docs/ratings.md, `[publisher] lang`).
pub fn label_in(r: Rating, lang: &str) -> &'static str {
    let lang = lang.split('-').next().unwrap_or("en");
    let names: [&str; 10] = match lang {
        "ar" => [
            "صحيح",
            "صحيح في الغالب",
            "صحيح جزئياً",
            "مضلّل",
            "زائف في الغالب",
            "زائف",
            "غير مثبت",
            "ساخر",
            "صورة معدلة",
            "غير مصنّف",
        ],
        "fr" => [
            "Vrai",
            "Plutôt vrai",
            "Partiellement vrai",
            "Trompeur",
            "Plutôt faux",
            "Faux",
            "Non prouvé",
            "Satirique",
            "Image modifiée",
            "Non classé",
        ],
        "es" => [
            "Verdadero",
            "Mayormente verdadero",
            "Verdad a medias",
            "Engañoso",
            "Mayormente falso",
            "Falso",
            "Sin evidencia",
            "Sátira",
            "Imagen alterada",
            "Sin calificar",
        ],
        _ => [
            "True",
            "Mostly true",
            "Mixed",
            "Misleading",
            "Mostly false",
            "False",
            "Unproven",
            "Satire",
            "Altered media",
            "Unrated",
        ],
    };
    let i = Rating::ALL.iter().position(|x| *x == r).expect("in ALL");
    names[i]
}

/// docs/ratings.md's generated part: the scale (with its number and how `trust --eval` counts
/// it) and the table, so the page is the code's table and cannot drift from it.
pub fn markdown_table() -> String {
    use std::fmt::Write;
    let mut out = String::new();
    out.push_str(
        "| rating | ClaimReview ratingValue (1–5) | `trust --eval` | English label out |\n",
    );
    out.push_str("|---|---|---|---|\n");
    for r in Rating::ALL {
        let n = numeric(r).map_or("—".to_string(), |n| n.to_string());
        let eval = match r.settles() {
            Some(true) => "settles the statement as true",
            Some(false) => "settles the statement as false",
            None => "settles nothing",
        };
        let _ = writeln!(out, "| `{r}` | {n} | {eval} | {} |", label_in(r, "en"));
    }
    out.push('\n');
    for (lang, title) in [
        ("en", "English"),
        ("ar", "Arabic"),
        ("fr", "French"),
        ("es", "Spanish"),
    ] {
        let _ = writeln!(out, "### {title}\n\n| phrase | rating |\n|---|---|");
        for e in TABLE.iter().filter(|e| e.lang == lang) {
            let _ = writeln!(out, "| {} | `{}` |", e.phrase, e.rating);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating::{
        AlteredMedia as Altered, False, Misleading, Mixed, MostlyFalse, MostlyTrue, Satire, True,
    };

    fn m(s: &str) -> Mapped {
        map_label(s)
    }

    #[test]
    fn every_phrase_of_the_table_maps_to_its_own_rating() {
        for e in TABLE {
            assert_eq!(m(e.phrase), Mapped::Rated(e.rating), "{}", e.phrase);
        }
    }

    #[test]
    fn spelling_variants_fold_together() {
        assert_eq!(m("مضلل"), Mapped::Rated(Misleading));
        assert_eq!(m("مضلّل"), Mapped::Rated(Misleading));
        assert_eq!(m("مُضَلِّلٌ"), Mapped::Rated(Misleading));
        assert_eq!(m("مضلـــل"), Mapped::Rated(Misleading));
        for v in ["صحيح جزئياً", "صحيح جزئيا", "صحيح جزئيًا", "صحيحٌ جزئيًّا"]
        {
            assert_eq!(m(v), Mapped::Rated(Mixed), "{v}");
        }
        assert_eq!(m("خطأ"), Mapped::Rated(False));
        assert_eq!(m("خطا"), Mapped::Rated(False));
        assert_eq!(m("زائفة"), Mapped::Rated(False));
        assert_eq!(m("زائفه"), Mapped::Rated(False));
        assert_eq!(m("MOSTLY FALSE"), Mapped::Rated(MostlyFalse));
        assert_eq!(m("Mostly-False"), Mapped::Rated(MostlyFalse));
        assert_eq!(m("Plutot faux"), Mapped::Rated(MostlyFalse));
        assert_eq!(m("Plutôt Faux"), Mapped::Rated(MostlyFalse));
        assert_eq!(m("ENGANOSO"), Mapped::Rated(Misleading));
        assert_eq!(m("Engañoso"), Mapped::Rated(Misleading));
        assert_eq!(m("Sátira"), Mapped::Rated(Satire));
    }

    #[test]
    fn the_most_specific_phrase_wins() {
        assert_eq!(m("Mostly true"), Mapped::Rated(MostlyTrue));
        assert_eq!(m("Partly false"), Mapped::Rated(Mixed));
        assert_eq!(m("زائف جزئياً"), Mapped::Rated(Mixed));
        assert_eq!(m("Altered photo"), Mapped::Rated(Altered));
        assert_eq!(m("صورة مفبركة"), Mapped::Rated(Altered));
        assert_eq!(m("مفبرك"), Mapped::Rated(False));
    }

    #[test]
    fn negation_makes_true_false() {
        assert_eq!(m("Not true"), Mapped::Rated(False));
        assert_eq!(m("غير صحيح"), Mapped::Rated(False));
        assert_eq!(m("ليس صحيحاً"), Mapped::Rated(False));
        assert_eq!(m("هذا الادعاء ليس صحيحا"), Mapped::Rated(False));
        assert_eq!(m("Ce n'est pas vrai"), Mapped::Rated(False));
        assert_eq!(m("No es cierto"), Mapped::Rated(False));
        assert_eq!(m("This is not correct."), Mapped::Rated(False));
        assert_eq!(m("The claim isn't true"), Mapped::Rated(False));
    }

    #[test]
    fn the_verdict_is_found_in_long_explanations() {
        assert_eq!(
            m(
                "راجع فريق التحقق المصادر الأصلية للصورة وتبيّن أنها التقطت في عام آخر، لذلك قرر الفريق تصنيف الادعاء على أنه مضلل"
            ),
            Mapped::Rated(Misleading)
        );
        assert_eq!(
            m("Rating: Mostly False. The claim omits that the figure is true only for one year."),
            Mapped::Rated(MostlyFalse)
        );
        assert_eq!(
            m(
                "The figure quoted is true for 2019, but the post presents it as current. Our rating: misleading."
            ),
            Mapped::Rated(Misleading)
        );
        assert_eq!(
            m("Veredicto: engañoso. La foto es real pero de otro país."),
            Mapped::Rated(Misleading)
        );
    }

    #[test]
    fn unknown_or_contradictory_labels_are_not_guessed() {
        assert_eq!(m("Four stars"), Mapped::Unmapped);
        assert_eq!(m("بين بين"), Mapped::Unmapped);
        assert_eq!(m(""), Mapped::Unmapped);
        // Two different verdicts, equally specific, neither cued: unmapped.
        assert_eq!(m("true and false"), Mapped::Unmapped);
    }

    #[test]
    fn numeric_scales_read_either_way_round() {
        assert_eq!(from_numeric(5.0, None, None), Some(True));
        assert_eq!(from_numeric(1.0, None, None), Some(False));
        assert_eq!(from_numeric(2.0, Some(5.0), Some(1.0)), Some(MostlyFalse));
        // Inverted: 1 is best.
        assert_eq!(from_numeric(1.0, Some(1.0), Some(5.0)), Some(True));
        assert_eq!(from_numeric(4.0, Some(1.0), Some(5.0)), Some(MostlyFalse));
        assert_eq!(from_numeric(7.0, Some(5.0), Some(1.0)), None);
        assert_eq!(from_numeric(3.0, Some(3.0), Some(3.0)), None);
        assert_eq!(from_numeric(f64::NAN, None, None), None);
    }

    #[test]
    fn docs_ratings_md_is_the_code_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/ratings.md");
        let doc = std::fs::read_to_string(path).expect("docs/ratings.md");
        let (start, end) = ("<!-- table:start -->\n", "<!-- table:end -->");
        let a = doc.find(start).expect("start marker") + start.len();
        let b = doc.find(end).expect("end marker");
        let want = markdown_table();
        if std::env::var_os("CLAIMS_BLESS").is_some() {
            std::fs::write(path, format!("{}{want}{}", &doc[..a], &doc[b..])).expect("write");
            return;
        }
        assert!(
            doc[a..b] == want,
            "docs/ratings.md is out of date; replace the part between the markers with:\n{want}"
        );
    }
}
