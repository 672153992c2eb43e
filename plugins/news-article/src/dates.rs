//! Reading calendar dates written in Arabic or English news prose, so a claim can carry the day it
//! was made.

use crate::text::Tok;
use claims_plugin::calendar;

fn month(t: &Tok) -> Option<u32> {
    if !t.word {
        return None;
    }
    std::iter::once(&t.f)
        .chain(&t.v)
        .find_map(|w| calendar::month_number(w))
        .map(u32::from)
}

fn number(t: &Tok) -> Option<u32> {
    if t.word && t.f.chars().all(|c| c.is_ascii_digit()) && t.f.len() <= 4 {
        t.f.parse().ok()
    } else {
        None
    }
}

fn year_of(t: &Tok) -> Option<u32> {
    number(t).filter(|y| (1900..2100).contains(y) && t.f.len() == 4)
}

/// The year most often written in the document, for dates that leave it out.
pub fn document_year(toks: &[Tok]) -> Option<u32> {
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for t in toks {
        if let Some(y) = year_of(t) {
            match counts.iter_mut().find(|(c, _)| *c == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// Whether `y-m-d` is a real calendar day, by the SDK's one calendar.
fn valid(y: u32, m: u32, d: u32) -> bool {
    calendar::date(i64::from(y), m, d).is_some()
}

/// The first full date among `toks` ("4 سبتمبر/أيلول", "September 4, 2023", "4 September"),
/// completed with `year` when the sentence leaves the year out.
pub fn find_date(toks: &[&Tok], year: Option<u32>) -> Option<String> {
    let after_year = |from: usize| -> Option<u32> {
        toks.iter()
            .skip(from)
            .take(4)
            .find_map(|t| year_of(t))
            .or(year)
    };
    for i in 0..toks.len() {
        // day month
        if let (Some(d), Some(m)) = (number(toks[i]), toks.get(i + 1).and_then(|t| month(t))) {
            // "may" alone is too common a word in English; demand a capital.
            if toks[i + 1].f == "may" && !toks[i + 1].cap {
                continue;
            }
            if let Some(y) = after_year(i + 2)
                && valid(y, m, d)
            {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
        // month day
        if let Some(m) = month(toks[i]) {
            if (!toks[i].f.is_ascii() || toks[i].f == "may") && !toks[i].cap {
                // Arabic months come after the day.
                continue;
            }
            let mut j = i + 1;
            if toks.get(j).is_some_and(|t| t.f == ".") {
                j += 1;
            }
            if let Some(d) = toks.get(j).and_then(|t| number(t))
                && let Some(y) = after_year(j + 1)
                && d <= 31
                && valid(y, m, d)
            {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}
