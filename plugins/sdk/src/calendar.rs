//! Dates as news prose and claims write them, so the host and every plugin read dates with one
//! vocabulary and one calendar: month names in English and Arabic (folded by
//! [`crate::text::fold`]: lower case, alef forms written `ا`, no diacritics), and valid calendar
//! days through `jiff` (proleptic Gregorian), never hand-written month lengths.

use jiff::civil::Date;

/// Single-word month names and their numbers: English names and abbreviations; Arabic names of
/// the Levant and Iraq (Syriac), of Egypt and the Gulf (transliterated) and of the Maghreb.
/// `كانون` and `تشرين` name two months each: see [`two_word_month`].
pub const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // Levantine / Iraqi (Syriac) names.
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    // Egyptian / Gulf (transliterated) names and common spellings.
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Maghrebi spellings.
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("اوت", 8),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
];

/// The month a folded single word names, if any.
pub fn month_number(folded: &str) -> Option<u8> {
    MONTHS.iter().find(|(n, _)| *n == folded).map(|&(_, m)| m)
}

/// The month a Levantine two-word name gives: `كانون` or `تشرين` then `الاول` / `اول`
/// (the first) or `الثاني` / `ثاني` (the second), folded.
pub fn two_word_month(first: &str, second: &str) -> Option<u8> {
    match (first, second) {
        ("كانون", "الثاني" | "ثاني") => Some(1),
        ("كانون", "الاول" | "اول") => Some(12),
        ("تشرين", "الاول" | "اول") => Some(10),
        ("تشرين", "الثاني" | "ثاني") => Some(11),
        _ => None,
    }
}

/// The calendar day `y-m-d`, or `None` when there is no such day (30 February, month 13), so
/// every reader of dates rejects the same impossible ones.
pub fn date(y: i64, m: u32, d: u32) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// Why a string is not a `YYYY-MM-DD` calendar day, so a user is told what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YmdError {
    /// Not four digits, a dash, two digits, a dash, two digits.
    Shape,
    /// The month is not 01 to 12.
    Month(u32),
    /// The month has no such day; it has `days` days.
    Day {
        /// The day asked for.
        day: u32,
        /// How many days that month has in that year.
        days: i8,
    },
}

/// A strict `YYYY-MM-DD` date (ASCII digits, two-digit month and day), the one form claims store.
pub fn parse_ymd(s: &str) -> Option<Date> {
    parse_ymd_checked(s).ok()
}

/// [`parse_ymd`] that says why a string is refused.
pub fn parse_ymd_checked(s: &str) -> Result<Date, YmdError> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(YmdError::Shape);
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, YmdError> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit()
                .then(|| acc * 10 + u32::from(c - b'0'))
                .ok_or(YmdError::Shape)
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let first = date(i64::from(y), m, 1).ok_or(YmdError::Month(m))?;
    date(i64::from(y), m, d).ok_or(YmdError::Day {
        day: d,
        days: first.days_in_month(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_day_says_how_long_its_month_is() {
        assert_eq!(
            parse_ymd_checked("2023-02-30"),
            Err(YmdError::Day { day: 30, days: 28 })
        );
        assert_eq!(
            parse_ymd_checked("2024-02-30"),
            Err(YmdError::Day { day: 30, days: 29 })
        );
        assert_eq!(parse_ymd_checked("2023-13-01"), Err(YmdError::Month(13)));
        assert_eq!(parse_ymd_checked("2023-1-01"), Err(YmdError::Shape));
        assert!(parse_ymd_checked("2023-09-05").is_ok());
    }

    #[test]
    fn every_month_has_names_in_both_languages_and_none_is_listed_twice() {
        for m in 1..=12u8 {
            let names: Vec<&str> = MONTHS
                .iter()
                .filter(|(_, n)| *n == m)
                .map(|(s, _)| *s)
                .collect();
            assert!(names.iter().any(|n| n.is_ascii()), "month {m}: {names:?}");
            assert!(
                names.iter().any(|n| !n.is_ascii()) || matches!(m, 1 | 10 | 11 | 12),
                "month {m}"
            );
        }
        let mut all: Vec<&str> = MONTHS.iter().map(|(s, _)| *s).collect();
        all.sort_unstable();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n);
        assert_eq!(month_number("ايلول"), Some(9));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("ايلو"), None);
        assert_eq!(two_word_month("تشرين", "الثاني"), Some(11));
        assert_eq!(two_word_month("كانون", "اول"), Some(12));
        assert_eq!(two_word_month("تشرين", "ثالث"), None);
    }

    #[test]
    fn only_real_days_parse() {
        assert_eq!(parse_ymd("2024-02-29"), date(2024, 2, 29));
        assert!(parse_ymd("2024-02-29").is_some());
        assert_eq!(parse_ymd("2023-02-29"), None);
        assert_eq!(parse_ymd("2024-3-07"), None);
        assert_eq!(parse_ymd("2024-13-01"), None);
        assert_eq!(parse_ymd("2024-+1-01"), None);
        assert_eq!(parse_ymd("٢٠٢٤-٠١-٠١"), None);
        assert_eq!(date(1900, 2, 29), None);
        assert_eq!(
            date(2000, 2, 29).map(|d| d.weekday().to_monday_zero_offset()),
            Some(1)
        );
        assert_eq!(date(i64::MAX, 1, 1), None);
    }
}
