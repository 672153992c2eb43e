//! Building a claim from its chain of speakers, its content and its verb: the span and text,
//! the stance the words give, and the date it was said (`said_on`).

use claims_plugin::{ParsedClaim, Span};

use super::lexicon::DASHES;
use super::stance::stance_of_text;
use super::{Reader, Speaker, Verb, is_punct, lang};
use crate::dates::find_date;
use crate::text::Tok;

/// Whether the sentence opens with an all-capitals Latin word: a dateline ("SEOUL, Sept. 6 -").
fn caps_opening(doc: &str, toks: &[Tok]) -> bool {
    toks.first().is_some_and(|t| {
        t.word
            && t.f.is_ascii()
            && t.f.chars().count() >= 2
            && !doc[t.s..t.e].chars().any(char::is_lowercase)
    })
}

impl Reader<'_> {
    /// Builds the claim from its chain, content and stance.
    pub(super) fn claim(
        &mut self,
        toks: &[Tok],
        chain: Vec<Option<Speaker>>,
        content: (usize, usize),
        v: &Verb,
        s: usize,
        e: usize,
    ) -> Option<ParsedClaim> {
        let mut names: Vec<String> = Vec::new();
        for sp in chain.into_iter().flatten() {
            if names.last() != Some(&sp.name) {
                names.push(sp.name);
            }
        }
        let origin = names.pop()?;
        names.reverse();
        let (cs, ce) = content;
        let (mut a, mut b, mut quote) = (s, e, false);
        if cs < ce {
            match self.quoted_content(toks, content, v.content_before) {
                Some(r) => {
                    (a, b) = r;
                    quote = true;
                }
                None => (a, b) = (toks[cs].s, toks[ce - 1].e),
            }
        }
        if !quote {
            // trim attribution punctuation at the ends
            let t = &self.doc[a..b];
            let lead = t.len()
                - t.trim_start_matches(|c: char| c.is_whitespace() || ",،:؛;-—–".contains(c))
                    .len();
            let t2 = &t[lead..];
            let body = t2.trim_end_matches(|c: char| c.is_whitespace() || ",،:؛;.-—–".contains(c));
            if body.chars().any(char::is_alphanumeric) {
                a += lead;
                b = a + body.len();
            } else {
                // "X did not respond to a request for comment.": the sentence is the claim.
                (a, b) = (s, e);
            }
        }
        if a >= b {
            return None;
        }
        let text = self.doc[a..b].to_string();
        let stance = stance_of_text(&text, v.stance);
        let said_on = self.said_on(toks, content);
        Some(ParsedClaim {
            origin,
            via: names,
            stance,
            lang: Some(lang(&text).to_string()),
            text,
            quote,
            span: Span { start: a, end: b },
            said_on,
        })
    }

    /// The date in the attribution part of the sentence (not the reported content), or one
    /// standing alone between commas inside it ("، الثلاثاء 5 سبتمبر 2023،"); never the
    /// dateline ("LONDON, March 14, 2024 -"), which is the story's date.
    fn said_on(&self, toks: &[Tok], (cs, ce): (usize, usize)) -> Option<String> {
        let isolated = self.isolated_dates(toks, (cs, ce));
        let dateline_end = if caps_opening(self.doc, toks) {
            (0..toks.len().min(14))
                .find(|&k| DASHES.contains(&toks[k].f.as_str()))
                .map_or(0, |k| k + 1)
        } else {
            0
        };
        let region: Vec<&Tok> = toks
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                *i >= dateline_end && (*i < cs || *i >= ce || isolated[*i]) && t.q.is_none()
            })
            .map(|(_, t)| t)
            .collect();
        find_date(&region, self.year)
    }

    /// Marks the tokens of a date standing alone between commas inside the content: it is the
    /// main verb's date.
    fn isolated_dates(&self, toks: &[Tok], (cs, ce): (usize, usize)) -> Vec<bool> {
        let mut isolated = vec![false; toks.len()];
        let mut k = cs;
        while k < ce {
            if is_punct(&toks[k], ",،") || k == cs {
                let st = if k == cs && !is_punct(&toks[k], ",،") {
                    k
                } else {
                    k + 1
                };
                let en = (st..ce).find(|&j| is_punct(&toks[j], ",،")).unwrap_or(ce);
                let seg = &toks[st..en];
                let datey = !seg.is_empty()
                    && en < ce
                    && seg.iter().any(|t| t.f.chars().all(|c| c.is_ascii_digit()))
                    && seg.iter().all(|t| {
                        !t.word
                            || t.f.chars().all(|c| c.is_ascii_digit())
                            || t.f.chars().count() <= 10
                    });
                // "SEOUL, Sept. 6, 2023 -": a dateline gives the story's date, not the claim's
                let dateline = caps_opening(self.doc, toks) && st < 8;
                if datey && !dateline && seg.iter().filter(|t| t.word).count() <= 5 {
                    for x in isolated.iter_mut().take(en).skip(st) {
                        *x = true;
                    }
                }
                k = en;
            } else {
                k += 1;
            }
        }
        isolated
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::one;

    #[test]
    fn the_date_of_the_attribution_is_said_on() {
        let c = one("Omar Saleh said on Monday, September 4, 2023, that the port was shut.");
        assert_eq!(c.said_on.as_deref(), Some("2023-09-04"));
    }

    #[test]
    fn a_date_inside_the_content_is_not_said_on() {
        let c = one("Omar Saleh said the port closed on September 4, 2023.");
        assert_eq!(c.said_on, None);
    }

    #[test]
    fn a_date_between_commas_in_the_content_is_the_verbs() {
        let c = one("قال عمر صالح إن الجسر، الثلاثاء 5 سبتمبر 2023، آمن.");
        assert_eq!(c.said_on.as_deref(), Some("2023-09-05"));
    }

    #[test]
    fn a_dateline_is_the_storys_date() {
        let c = one("LONDON, March 14, 2024 - Omar Saleh said the port was shut.");
        assert_eq!(c.said_on, None);
    }

    #[test]
    fn a_claim_with_no_words_of_its_own_is_the_sentence() {
        let doc = "Norland Bank did not respond to questions.";
        assert_eq!(one(doc).text, doc);
    }

    #[test]
    fn attribution_punctuation_is_trimmed_from_the_text() {
        let c = one("وقال عمر صالح: الجسر آمن.");
        assert_eq!(c.text, "الجسر آمن");
    }
}
