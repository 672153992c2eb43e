//! `date-sanity`: dates that cannot be right: malformed, said after being reported, or a weekday
//! in the text that the claim's date does not fall on.
//!
//! The weekday heuristic keeps false positives low, at the cost of missing some real errors. A
//! weekday named in the text (English Monday..Sunday; Arabic الإثنين..الأحد with or without
//! hamza, diacritics or tatweel, and with the proclitics و ف ب ل) is checked against the
//! claim's reference date (`said_on`, else `reported_on`) only when:
//! - the text names no other date: no month name, no numeric date such as 5/3 or 05.03.2024,
//!   no "yesterday"/"tomorrow"/أمس/غدا; an explicit date that parses to the reference date
//!   itself is allowed, since then the weekday clearly refers to it;
//! - the weekday is not part of a name or feast (Good Friday, the Sunday Times, Mail on Sunday…);
//! - no word that moves it off the reference date stands near it: up to five words before
//!   (last, next, every, until, since, by, before, after, from, will, would, may…; كل، منذ، حتى،
//!   قبل، بعد، بحلول، سوف، من، إلى، خلال, or an Arabic future verb in سـ) or two after
//!   (last, next, week, ago; الماضي، المقبل، القادم، المنصرم…);
//! - Arabic الاثنين without hamza also means "the two", so it counts as Monday only after يوم.
//!
//! If several weekdays are named and any of them falls on the reference date, or on
//! `reported_on` (the text may date the report rather than the statement), nothing is flagged.
//!
//! A mismatch is a warning when the weekday follows a verb of speech and the reference is
//! `said_on` (the text dates the statement itself), and info otherwise (it may date the event).

use claims_plugin::calendar::{self, parse_ymd};
use claims_plugin::jiff::civil::Date;
use claims_plugin::text::ascii_digits;
use claims_plugin::{CheckRequest, ClaimView, Finding, Severity};

use crate::normalize::{Word, fold_into, fold_word, is_word_char, words};

/// Rule name.
const RULE: &str = "date-sanity";

/// English weekday names, Monday first, as `weekday` numbers them.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Weekday of a date, 0 = Monday, as [`WEEKDAYS`] numbers them.
pub(crate) fn weekday(d: Date) -> usize {
    d.weekday().to_monday_zero_offset() as usize
}

/// Checks each claim's dates on its own: linear in the number of claims.
pub(crate) fn check(req: &CheckRequest, out: &mut Vec<Finding>) {
    for c in &req.claims {
        check_claim(c, out);
    }
}

/// The findings for one claim.
fn check_claim(c: &ClaimView, out: &mut Vec<Finding>) {
    let mut finding = |severity, message| {
        out.push(Finding {
            rule: RULE.into(),
            severity,
            claims: vec![c.id.clone()],
            message,
        })
    };
    let mut parsed = |field: &str, value: Option<&str>| -> Option<Date> {
        let value = value?;
        let days = parse_ymd(value.trim());
        if days.is_none() {
            finding(
                Severity::Warning,
                format!("{field} `{value}` is not a valid YYYY-MM-DD date"),
            );
        }
        days
    };
    let said = parsed("said_on", c.said_on.as_deref());
    let reported = parsed("reported_on", c.reported_on.as_deref());
    if let (Some(s), Some(r)) = (said, reported)
        && s > r
    {
        finding(
            Severity::Error,
            format!(
                "said on {}, after it was reported on {}",
                c.said_on.as_deref().unwrap_or_default().trim(),
                c.reported_on.as_deref().unwrap_or_default().trim()
            ),
        );
    }
    let (reference, field, value) = match (said, reported) {
        (Some(s), _) => (s, "said_on", c.said_on.as_deref()),
        (None, Some(r)) => (r, "reported_on", c.reported_on.as_deref()),
        (None, None) => return,
    };
    let also = if field == "said_on" { reported } else { None };
    if let Some(Mention { raw, wd, speech }) = weekday_mismatch(&c.text, reference, also) {
        let named = if fold_word(raw) == WEEKDAYS[wd].to_lowercase() {
            format!("\"{raw}\"")
        } else {
            format!("\"{raw}\" ({})", WEEKDAYS[wd])
        };
        let missing = if field == "reported_on" {
            " (no said_on)"
        } else {
            ""
        };
        // Only a weekday that dates the statement itself ("said on Tuesday") contradicts
        // said_on; any other may be the day of the event, or of a statement before the report.
        let (severity, maybe) = if speech && field == "said_on" {
            (Severity::Warning, "")
        } else if field == "said_on" {
            (
                Severity::Info,
                "; the weekday may date the event rather than the statement",
            )
        } else {
            (
                Severity::Info,
                "; the weekday may date the statement or the event rather than the report",
            )
        };
        finding(
            severity,
            format!(
                "text names {named} but {field} {}{missing} is a {}{maybe}",
                value.unwrap_or_default().trim(),
                WEEKDAYS[weekday(reference)]
            ),
        );
    }
}

/// A weekday named in a text.
#[derive(Debug, Clone, Copy)]
struct Mention<'a> {
    /// The word as written.
    raw: &'a str,
    /// Its weekday, 0 = Monday.
    wd: usize,
    /// Whether a verb of speech stands just before it ("said on Tuesday"), so that it dates
    /// the statement.
    speech: bool,
}

/// Verbs of speech, folded (Arabic without a leading و or ف), that make a weekday right after
/// them the day of the statement.
const SPEECH: [&str; 48] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "declared",
    "added",
    "confirmed",
    "denied",
    "claimed",
    "insisted",
    "warned",
    "acknowledged",
    "admitted",
    "spoke",
    "wrote",
    "tweeted",
    "posted",
    "briefed",
    "statement",
    "interview",
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "صرح",
    "صرحت",
    "اكد",
    "اكدت",
    "نفي",
    "نفت",
    "اضاف",
    "اضافت",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "كتب",
    "كتبت",
    "حذر",
    "حذرت",
    "بيان",
    "تصريح",
    "مقابله",
    "اوضح",
];

/// Whether a verb of speech stands up to three words before word `k`.
fn after_speech(ws: &[Word<'_>], k: usize) -> bool {
    ws[k.saturating_sub(3)..k].iter().any(|w| {
        let f = w.folded.as_str();
        let bare = match f.strip_prefix('و').or_else(|| f.strip_prefix('ف')) {
            Some(rest) if rest.chars().count() >= 3 => rest,
            _ => f,
        };
        SPEECH.contains(&f) || SPEECH.contains(&bare)
    })
}

/// Arabic weekday stems, folded, without the article, Monday first.
const AR_STEMS: [&str; 7] = ["اثنين", "ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت", "احد"];
/// Common spellings of the stems beyond the folding, with their weekday.
const AR_VARIANTS: [(&str, usize); 2] = [("ثلثاء", 1), ("اربعا", 2)];

/// Weekday of an Arabic stem (folded, article removed).
fn ar_stem(stem: &str) -> Option<usize> {
    AR_STEMS.iter().position(|s| *s == stem).or_else(|| {
        AR_VARIANTS
            .iter()
            .find(|(v, _)| *v == stem)
            .map(|(_, wd)| *wd)
    })
}
/// Article and proclitics an Arabic weekday may carry, longest first.
const AR_PREFIXES: [&str; 8] = ["وبال", "فبال", "ولل", "وال", "فال", "بال", "لل", "ال"];
/// Words before an English weekday that make it part of a name or feast.
const EN_NAME_BEFORE: [&str; 13] = [
    "good", "black", "cyber", "super", "ash", "maundy", "palm", "easter", "bloody", "holy",
    "shrove", "whit", "giving",
];
/// Words after an English weekday that make it part of a name (newspapers, mostly).
const EN_NAME_AFTER: [&str; 10] = [
    "times",
    "telegraph",
    "mirror",
    "express",
    "post",
    "herald",
    "mail",
    "tribune",
    "observer",
    "sport",
];
/// Words anywhere in the text that point to another day.
const RELATIVE_DAYS: [&str; 8] = [
    "yesterday",
    "tomorrow",
    "امس",
    "وامس",
    "بالامس",
    "البارحه",
    "غدا",
    "وغدا",
];
/// Words up to five before a weekday that move it off the reference date.
const MARKERS_BEFORE: [&str; 38] = [
    "last",
    "next",
    "previous",
    "coming",
    "following",
    "every",
    "each",
    "past",
    "until",
    "till",
    "since",
    "by",
    "before",
    "after",
    "from",
    "will",
    "would",
    "shall",
    "ll",
    "between",
    "may",
    "might",
    "could",
    "should",
    "must",
    "expected",
    "scheduled",
    "due",
    "كل",
    "منذ",
    "حتي",
    "قبل",
    "بعد",
    "بحلول",
    "سوف",
    "من",
    "الي",
    "خلال",
];
/// Words up to two after a weekday that move it off the reference date.
const MARKERS_AFTER: [&str; 16] = [
    "last",
    "next",
    "week",
    "ago",
    "before",
    "after",
    "الماضي",
    "الماضيه",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "المنصرم",
    "الفائت",
    "السابق",
    "الاسبوع",
];

/// The weekday the text names (the first after a verb of speech, else the first), when it is
/// checkable (see the module doc) and no named weekday falls on `reference` or `also`.
fn weekday_mismatch(text: &str, reference: Date, also: Option<Date>) -> Option<Mention<'_>> {
    // Cheap tests first, without allocating: most texts name no weekday at all.
    if text.is_ascii()
        && !text
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"day"))
    {
        return None;
    }
    let mut buf = String::new();
    let named = text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty() && w.len() <= 40)
        .any(|w| {
            buf.clear();
            fold_into(w, &mut buf);
            looks_like_weekday(&buf)
        });
    if !named {
        return None;
    }
    let ws = words(text);
    let mut mentions = Vec::new();
    for k in 0..ws.len() {
        if let Some(wd) = weekday_at(&ws, k)
            && !near_marker(&ws, k)
        {
            mentions.push(Mention {
                raw: ws[k].raw,
                wd,
                speech: after_speech(&ws, k),
            });
        }
    }
    if mentions.is_empty()
        || ws
            .iter()
            .any(|w| RELATIVE_DAYS.contains(&w.folded.as_str()))
    {
        return None;
    }
    if explicit_dates(text, &ws, i64::from(reference.year()))
        .iter()
        .any(|d| *d != Some(reference))
    {
        return None;
    }
    let fits = |wd: usize| wd == weekday(reference) || also.is_some_and(|a| wd == weekday(a));
    if mentions.iter().any(|m| fits(m.wd)) {
        return None;
    }
    mentions
        .iter()
        .find(|m| m.speech)
        .or(mentions.first())
        .copied()
}

/// Whether a folded word is a weekday name, before its context is looked at.
fn looks_like_weekday(w: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(w))
        || AR_PREFIXES
            .iter()
            .filter_map(|p| w.strip_prefix(p))
            .any(|stem| ar_stem(stem).is_some())
}

/// The weekday word `k` names, if it names one here.
fn weekday_at(ws: &[Word<'_>], k: usize) -> Option<usize> {
    let w = ws[k].folded.as_str();
    let before = |n: usize| k.checked_sub(n).map(|i| ws[i].folded.as_str());
    if let Some(wd) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(w)) {
        let named = before(1).is_some_and(|b| EN_NAME_BEFORE.contains(&b))
            || ws
                .get(k + 1)
                .is_some_and(|a| EN_NAME_AFTER.contains(&a.folded.as_str()))
            || (before(1) == Some("on") && before(2) == Some("mail"));
        return (!named).then_some(wd);
    }
    let stem = AR_PREFIXES.iter().find_map(|p| w.strip_prefix(p))?;
    let wd = ar_stem(stem)?;
    if wd == 0 && !ws[k].raw.contains('إ') && !before(1).is_some_and(|b| b.ends_with("يوم")) {
        // الاثنين without hamza is also "the two".
        return None;
    }
    Some(wd)
}

/// Whether a word near `k` moves the weekday off the reference date.
fn near_marker(ws: &[Word<'_>], k: usize) -> bool {
    let before = &ws[k.saturating_sub(5)..k];
    let after = &ws[k + 1..(k + 3).min(ws.len())];
    before.iter().any(|w| {
        let f = w.folded.as_str();
        MARKERS_BEFORE.contains(&f)
            // Arabic future verbs: سيعقد، ستبدأ، سنعلن…
            || (f.chars().count() > 4 && ["سي", "ست", "سن"].iter().any(|p| f.starts_with(p)))
    }) || after
        .iter()
        .any(|w| MARKERS_AFTER.contains(&w.folded.as_str()))
}

/// Month of a folded word, and whether the word is ambiguous enough (May, مارس "practised",
/// آب "father") to count only next to a day number. Two-word Levantine months return the
/// month given the following word.
fn month_of(w: &Word<'_>, next: Option<&Word<'_>>) -> Option<(u32, bool)> {
    let f = w.folded.as_str();
    if let Some(m) = calendar::month_number(f) {
        // English month names count only capitalised ("march" is a verb).
        if f.is_ascii() && !w.raw.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        // Words that are also verbs, names or common nouns (May, Jan, مارس "practised", آب
        // "father") count only next to a day number.
        let ambiguous =
            (f.is_ascii() && f.len() == 3) || matches!(f, "march" | "مارس" | "اب" | "ماي");
        return Some((u32::from(m), ambiguous));
    }
    calendar::two_word_month(f, next?.folded.as_str()).map(|m| (u32::from(m), false))
}

/// A day of the month written as a word ("5", "05", "5th", "٥").
fn day_number(w: Option<&Word<'_>>) -> Option<u32> {
    let f = w?.folded.as_str();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| f.strip_suffix(s))
        .unwrap_or(f);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Every explicit date in the text: `Some(date)` when it parses to a full date (the year
/// defaults to `year`), `None` when it only says "another date" (a month alone, 5/3, 05.03.24).
fn explicit_dates(text: &str, ws: &[Word<'_>], year: i64) -> Vec<Option<Date>> {
    let mut found = Vec::new();
    // Numeric dates, on the text with Arabic-Indic digits made ASCII.
    let ascii = ascii_digits(text);
    for run in ascii
        .split(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.')))
        .filter(|r| r.bytes().any(|b| b.is_ascii_digit()))
    {
        let run = run.trim_matches(|c: char| !c.is_ascii_digit());
        let parts: Vec<&str> = run.split(['-', '/', '.']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
            found.push(parse_ymd(run));
        } else if parts.len() == 2 && run.contains('/') {
            found.push(None);
        }
    }
    // Month names, with a day next to them when there is one.
    let mut k = 0;
    while k < ws.len() {
        let Some((month, ambiguous)) = month_of(&ws[k], ws.get(k + 1)) else {
            k += 1;
            continue;
        };
        let two_words = matches!(ws[k].folded.as_str(), "كانون" | "تشرين");
        let end = if two_words { k + 2 } else { k + 1 };
        // "5 March", "5th of March", "٥ من آذار", "March 5".
        let before = |n: usize| k.checked_sub(n).and_then(|i| ws.get(i));
        let of = before(1).is_some_and(|w| matches!(w.folded.as_str(), "of" | "من"));
        let day = day_number(before(if of { 2 } else { 1 })).or_else(|| day_number(ws.get(end)));
        if day.is_none() && ambiguous {
            k = end;
            continue;
        }
        let y = ws[end..(end + 3).min(ws.len())]
            .iter()
            .find(|w| w.folded.len() == 4 && w.folded.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.folded.parse().ok())
            .unwrap_or(year);
        found.push(day.and_then(|d| calendar::date(y, month, d)));
        k = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, said: Option<&str>, reported: Option<&str>) -> ClaimView {
        ClaimView {
            id: "c1".into(),
            origin: "src".into(),
            text: text.into(),
            said_on: said.map(Into::into),
            reported_on: reported.map(Into::into),
            ..Default::default()
        }
    }

    fn run(text: &str, said: Option<&str>, reported: Option<&str>) -> Vec<Finding> {
        let mut out = Vec::new();
        check_claim(&claim(text, said, reported), &mut out);
        out
    }

    fn messages(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn weekdays_come_from_the_calendar() {
        let wd = |s: &str| WEEKDAYS[weekday(parse_ymd(s).unwrap())];
        assert_eq!(wd("1970-01-01"), "Thursday");
        assert_eq!(wd("2024-03-07"), "Thursday");
        assert_eq!(wd("2000-02-29"), "Tuesday");
        assert_eq!(wd("1899-12-31"), "Sunday");
    }

    #[test]
    fn every_word_list_is_written_folded() {
        let lists: [&[&str]; 8] = [
            &SPEECH,
            &AR_STEMS,
            &AR_PREFIXES,
            &EN_NAME_BEFORE,
            &EN_NAME_AFTER,
            &RELATIVE_DAYS,
            &MARKERS_BEFORE,
            &MARKERS_AFTER,
        ];
        for w in lists
            .iter()
            .flat_map(|l| l.iter())
            .chain(AR_VARIANTS.iter().map(|(w, _)| w))
        {
            assert_eq!(
                &fold_word(w),
                w,
                "a list word that folded text can never equal"
            );
        }
    }

    #[test]
    fn said_after_reported_and_malformed_dates() {
        let f = run("x", Some("2024-03-09"), Some("2024-03-08"));
        assert_eq!(
            messages(&f),
            ["said on 2024-03-09, after it was reported on 2024-03-08"]
        );
        assert_eq!(f[0].severity, Severity::Error);
        assert!(run("x", Some("2024-03-08"), Some("2024-03-08")).is_empty());
        let f = run("x", Some("9 March"), Some("2024-02-30"));
        assert_eq!(
            messages(&f),
            [
                "said_on `9 March` is not a valid YYYY-MM-DD date",
                "reported_on `2024-02-30` is not a valid YYYY-MM-DD date"
            ]
        );
    }

    #[test]
    fn english_weekday_that_does_not_fall_on_said_on() {
        // 2024-03-07 was a Thursday.
        let f = run(
            "The minister said on Tuesday that talks had failed.",
            Some("2024-03-07"),
            None,
        );
        assert_eq!(
            messages(&f),
            ["text names \"Tuesday\" but said_on 2024-03-07 is a Thursday"]
        );
        assert_eq!(f[0].severity, Severity::Warning);
        // Without a verb of speech the weekday may be the event's: only worth knowing.
        let f = run("Shelling resumed on Tuesday.", Some("2024-03-07"), None);
        assert_eq!(
            messages(&f),
            [
                "text names \"Tuesday\" but said_on 2024-03-07 is a Thursday; the weekday may date the event rather than the statement"
            ]
        );
        assert_eq!(f[0].severity, Severity::Info);
        // The weekday after the verb of speech is the one reported.
        let f = run(
            "Troops left on Monday, the army said on Tuesday.",
            Some("2024-03-07"),
            None,
        );
        assert!(f[0].message.starts_with("text names \"Tuesday\""), "{f:?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            run(
                "The minister said on Thursday that talks had failed.",
                Some("2024-03-07"),
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn falls_back_to_reported_on() {
        let f = run(
            "Shelling resumed on Sunday night.",
            None,
            Some("2024-03-07"),
        );
        assert_eq!(
            messages(&f),
            [
                "text names \"Sunday\" but reported_on 2024-03-07 (no said_on) is a Thursday; the weekday may date the statement or the event rather than the report"
            ]
        );
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn arabic_weekdays_with_hamza_diacritics_and_proclitics() {
        let said = Some("2024-03-07"); // الخميس
        let f = run("قال الوزير يوم الثُّلاثاء إن المحادثات فشلت", said, None);
        assert_eq!(
            messages(&f),
            ["text names \"الثُّلاثاء\" (Tuesday) but said_on 2024-03-07 is a Thursday"]
        );
        assert_eq!(f[0].severity, Severity::Warning);
        // وأضاف: a verb of speech with its conjunction.
        let f = run("وأضاف الثلاثاء أن الجيش انسحب", said, None);
        assert_eq!(f[0].severity, Severity::Warning);
        let f = run("انسحب الجيش يوم الثلاثاء", said, None);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(run("وقال في الإثنين إن", said, None).len(), 1);
        assert_eq!(run("أعلن الجيش يوم الاثنين", said, None).len(), 1);
        assert_eq!(run("وبالأحـد أعلن الجيش", said, None).len(), 1);
        assert_eq!(run("صلاة الجمعه في المسجد", said, None).len(), 1);
        assert!(run("قال الوزير يوم الخميس إن المحادثات فشلت", said, None).is_empty());
        assert!(run("وقال الوزير والخميس", said, None).is_empty());
        // الاثنين without hamza or يوم is "the two".
        assert!(run("اتفق الاثنان بل الاثنين على ذلك", said, None).is_empty());
    }

    #[test]
    fn other_explicit_dates_silence_the_weekday() {
        let said = Some("2024-03-07");
        for text in [
            "On Tuesday, March 5, the minister said talks had failed.",
            "On Tuesday 5 March the army withdrew.",
            "يوم الثلاثاء 5 مارس انسحب الجيش",
            "يوم الثلاثاء ٥ آذار انسحب الجيش",
            "يوم الثلاثاء 5 من مارس انسحب الجيش",
            "On Tuesday the 5th of March the army withdrew.",
            "Talks failed on Tuesday (5/3).",
            "Talks failed on Tuesday, 2024-03-05.",
            "Talks failed yesterday, not on Tuesday.",
            "انسحب الجيش أمس الثلاثاء",
            "Last Tuesday the army withdrew.",
            "The army withdrew on Tuesday last week.",
            "The vote will take place on Tuesday.",
            "سيعقد الاجتماع يوم الثلاثاء",
            "انسحب الجيش يوم الثلاثاء الماضي",
            "Since Tuesday, shelling has continued.",
            "He told the Sunday Times that talks failed.",
            "Good Friday talks failed.",
        ] {
            assert!(run(text, said, None).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_explicit_date_equal_to_said_on_keeps_the_check() {
        let said = Some("2024-03-07");
        assert_eq!(
            run("On Tuesday, 7 March 2024, the minister said", said, None).len(),
            1
        );
        assert_eq!(
            run("On Tuesday, 2024-03-07, the minister said", said, None).len(),
            1
        );
        assert!(run("On Thursday, 7 March 2024, the minister said", said, None).is_empty());
    }

    #[test]
    fn any_matching_weekday_or_the_report_day_clears_the_claim() {
        let said = Some("2024-03-07");
        // Thursday is said_on; Saturday is then another event.
        assert!(
            run(
                "He said on Thursday that talks resume Saturday.",
                said,
                None
            )
            .is_empty()
        );
        // The report is dated Friday 2024-03-08, which the text may refer to.
        assert!(
            run(
                "The ministry confirmed on Friday.",
                said,
                Some("2024-03-08")
            )
            .is_empty()
        );
        // A lowercase month-like word is not a date; a capitalised May needs a day.
        assert_eq!(run("Troops began to march on Monday", said, None).len(), 1);
        assert_eq!(
            run("On Monday the May agreement collapsed", said, None).len(),
            1
        );
    }
}
