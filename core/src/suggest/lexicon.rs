//! Words that carry the same meaning across Arabic and English (and the common French month
//! names), so `about suggest` can match an Arabic claim to a proposition worded in English.
//! Names already match across scripts through their consonant skeletons; everyday news words
//! ("visit", "زيارة"; "drills", "مناورات"; "July", "يوليو", "تموز") do not, and without them a
//! desk that writes its propositions in one language and reads sources in another gets
//! suggestions only from the names the two happen to share.
//!
//! Each concept lists its forms as written; they are folded with the same [`match_key`] and
//! clitic stripping as the text they are compared with. A word not in the table is looked up
//! again without a common inflection (English plural, past and -ing endings; Arabic feminine,
//! plural and adjectival endings), so one entry covers its usual forms.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::match_key;

/// Concepts and their forms in English, Arabic (Modern Standard, and the Levantine month
/// names) and, for months, French. Kept to the vocabulary of news about states, conflicts and
/// diplomacy, where it is the same words again and again.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "visit",
        &[
            "visit",
            "trip",
            "tour",
            "زيارة",
            "يزور",
            "زار",
            "سيزور",
            "تزور",
        ],
    ),
    (
        "travel",
        &[
            "travel",
            "travelled",
            "traveled",
            "journey",
            "سفر",
            "يسافر",
            "سافر",
            "سيسافر",
            "يتوجه",
            "توجه",
            "سيتوجه",
            "رحلة",
        ],
    ),
    (
        "meet",
        &[
            "meet",
            "met",
            "meeting",
            "summit",
            "لقاء",
            "يلتقي",
            "التقى",
            "سيلتقي",
            "ليلتقي",
            "اجتماع",
            "اجتمع",
            "قمة",
        ],
    ),
    (
        "talks",
        &[
            "talks",
            "negotiation",
            "negotiate",
            "discuss",
            "discussion",
            "مفاوضات",
            "محادثات",
            "مباحثات",
            "تفاوض",
            "ناقش",
            "يناقش",
            "مناقشة",
        ],
    ),
    (
        "weapons",
        &[
            "arms",
            "weapon",
            "munition",
            "ammunition",
            "shell",
            "artillery",
            "سلاح",
            "أسلحة",
            "ذخيرة",
            "ذخائر",
            "قذائف",
            "مدفعية",
        ],
    ),
    ("missile", &["missile", "rocket", "صاروخ", "صواريخ"]),
    ("nuclear", &["nuclear", "نووي"]),
    ("warn", &["warn", "warning", "تحذير", "حذر", "يحذر", "تحذر"]),
    (
        "aircraft",
        &[
            "plane",
            "aircraft",
            "airplane",
            "jet",
            "flight",
            "flew",
            "fly",
            "طائرة",
            "طيران",
            "طار",
            "طارت",
        ],
    ),
    ("airport", &["airport", "airfield", "مطار"]),
    ("train", &["train", "railway", "rail", "قطار"]),
    ("armoured", &["armoured", "armored", "مصفح", "مدرع"]),
    (
        "naval",
        &["naval", "navy", "maritime", "sea", "بحري", "بحر"],
    ),
    (
        "drills",
        &[
            "drill",
            "exercise",
            "manoeuvre",
            "maneuver",
            "wargame",
            "مناورة",
            "تدريب",
            "تمرين",
        ],
    ),
    ("joint", &["joint", "trilateral", "مشترك", "ثلاثي"]),
    (
        "military",
        &["military", "army", "troop", "عسكري", "جيش", "قوات"],
    ),
    ("defence", &["defence", "defense", "دفاع"]),
    (
        "cooperation",
        &[
            "cooperation",
            "cooperate",
            "partnership",
            "alliance",
            "ally",
            "tie",
            "relation",
            "relationship",
            "تعاون",
            "شراكة",
            "تحالف",
            "علاق",
        ],
    ),
    ("letter", &["letter", "message", "رسالة", "رسائل"]),
    ("satellite", &["satellite", "أقمار", "صناعي"]),
    (
        "image",
        &["image", "imagery", "photo", "picture", "صور", "صورة"],
    ),
    ("hour", &["hour", "ساعة"]),
    ("day", &["day", "يوم", "أيام"]),
    ("week", &["week", "أسبوع", "أسابيع"]),
    ("month", &["month", "شهر", "أشهر"]),
    (
        "propose",
        &[
            "propose",
            "proposal",
            "suggest",
            "offer",
            "اقترح",
            "اقتراح",
            "مقترح",
        ],
    ),
    (
        "supply",
        &[
            "sell",
            "sale",
            "sold",
            "supply",
            "supplie",
            "supplying",
            "provide",
            "deliver",
            "export",
            "بيع",
            "يبيع",
            "باع",
            "تزويد",
            "يزود",
            "إمداد",
            "توريد",
            "تصدير",
        ],
    ),
    (
        "buy",
        &[
            "buy",
            "bought",
            "purchase",
            "acquire",
            "شراء",
            "يشتري",
            "اشترى",
        ],
    ),
    (
        "war",
        &["war", "conflict", "fighting", "حرب", "نزاع", "قتال"],
    ),
    ("sanction", &["sanction", "عقوبات", "عقوبة"]),
    (
        "attack",
        &[
            "attack", "strike", "bombing", "shelling", "هجوم", "غارة", "قصف",
        ],
    ),
    (
        "killed",
        &[
            "killed", "dead", "death", "died", "قتل", "قتلى", "مقتل", "وفاة",
        ],
    ),
    ("border", &["border", "frontier", "حدود"]),
    ("president", &["president", "رئيس"]),
    ("leader", &["leader", "زعيم"]),
    ("minister", &["minister", "وزير"]),
    (
        "government",
        &["government", "administration", "حكومة", "إدارة"],
    ),
    (
        "official",
        &["official", "officials", "مسؤول", "مسؤولين", "مسؤولون"],
    ),
    (
        "intelligence",
        &["intelligence", "spy", "استخبارات", "مخابرات"],
    ),
    (
        "spokesman",
        &["spokesman", "spokesperson", "spokeswoman", "متحدث"],
    ),
    ("confirm", &["confirm", "أكد", "يؤكد", "تأكيد"]),
    ("deny", &["deny", "denied", "نفى", "ينفي", "نفي"]),
    ("comment", &["comment", "تعليق", "يعلق"]),
    (
        "agree",
        &["agree", "agreement", "deal", "اتفاق", "اتفق", "اتفاقية"],
    ),
    ("price", &["price", "cost", "ثمن", "سعر"]),
    ("north", &["north", "northern", "شمال", "شمالي"]),
    ("south", &["south", "southern", "جنوب", "جنوبي"]),
    ("russia", &["russia", "russian", "روسيا", "روسي"]),
    ("china", &["china", "chinese", "الصين", "صين", "صيني"]),
    ("korea", &["korea", "korean", "كوريا", "كوري"]),
    ("ukraine", &["ukraine", "ukrainian", "أوكرانيا", "أوكراني"]),
    (
        "america",
        &[
            "america",
            "american",
            "usa",
            "أمريكا",
            "أميركا",
            "أمريكي",
            "أميركي",
        ],
    ),
    ("iran", &["iran", "iranian", "إيران", "إيراني"]),
    ("israel", &["israel", "israeli", "إسرائيل", "إسرائيلي"]),
    ("syria", &["syria", "syrian", "سوريا", "سوري"]),
    ("japan", &["japan", "japanese", "اليابان", "ياباني"]),
    ("january", &["january", "janvier", "يناير"]),
    ("february", &["february", "février", "فبراير", "شباط"]),
    ("march", &["march", "mars", "مارس", "آذار"]),
    ("april", &["april", "avril", "أبريل", "إبريل", "نيسان"]),
    // English "may" is left out: it is far more often the verb than the month.
    ("may", &["mai", "مايو", "أيار"]),
    ("june", &["june", "juin", "يونيو", "حزيران"]),
    ("july", &["july", "juillet", "يوليو", "تموز"]),
    ("august", &["august", "août", "أغسطس", "آب"]),
    ("september", &["september", "septembre", "سبتمبر", "أيلول"]),
    ("october", &["october", "octobre", "أكتوبر"]),
    ("november", &["november", "novembre", "نوفمبر"]),
    ("december", &["december", "décembre", "ديسمبر"]),
];

/// Month concepts: dates count double, like numbers.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every folded form, and each form without its ending, to its concept: "مناورة" and
/// "مناورات" then meet in "مناور".
fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = HashMap::new();
        for (concept, forms) in CONCEPTS {
            for form in *forms {
                let folded = match_key(form);
                let word = super::strip_clitics(&folded);
                if let Some(stem) = stems(word).next() {
                    out.insert(stem.to_string(), *concept);
                }
                out.insert(word.to_string(), *concept);
            }
        }
        out
    })
}

/// The word without each ending it has, longest ending first, where enough is left to stand.
fn stems(word: &str) -> impl Iterator<Item = &str> {
    ENDINGS.iter().filter_map(move |end| {
        word.strip_suffix(end)
            .filter(|stem| stem.chars().count() >= 3)
    })
}

/// Endings taken off a word not found as it is, longest first: English plural, past and
/// progressive; Arabic plural, adjectival (nisba) and feminine endings, and the alef of the
/// indefinite accusative ("ثمناً").
const ENDINGS: &[&str] = &[
    "ing", "ies", "es", "ed", "s", "d", "يات", "يه", "ات", "ين", "ون", "ه", "ي", "ا",
];

/// The concept a folded, clitic-stripped word stands for, and whether it is a date word
/// (weighed like a number).
pub(super) fn concept(word: &str) -> Option<(&'static str, bool)> {
    let table = table();
    let found = table
        .get(word)
        .or_else(|| stems(word).find_map(|stem| table.get(stem)))
        .copied()?;
    Some((found, MONTHS.contains(&found)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_english_forms_meet_in_one_concept() {
        let c = |w: &str| concept(super::super::strip_clitics(&match_key(w))).map(|c| c.0);
        for (a, b) in [
            ("drills", "مناورات"),
            ("naval", "البحرية"),
            ("Russian", "الروسية"),
            ("negotiations", "مفاوضات"),
            ("July", "يوليو"),
            ("July", "تموز"),
            ("airport", "مطار"),
            ("hours", "ساعة"),
            ("visited", "زيارة"),
        ] {
            assert!(c(a).is_some(), "{a}");
            assert_eq!(c(a), c(b), "{a} / {b}");
        }
        assert_eq!(concept("said"), None);
        assert_eq!(concept(&match_key("September")), Some(("september", true)));
    }
}
