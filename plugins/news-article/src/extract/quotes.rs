//! Quotations: when a quotation is the reported content (`quote: true`, the quoted words as the
//! text), and a quote-only sentence that continues the last speaker's words.

use claims_plugin::{ParsedClaim, Span, SpeechAct};

use super::stance::stance_of_text;
use super::{Reader, is_punct, lang};
use crate::text::{Quote, Tok, trim};

impl Reader<'_> {
    /// The byte range of the quoted words when a quotation is the content `(cs, ce)`: one that
    /// opens it, one that fills it but for a word, or (content before the verb) the last one.
    pub(super) fn quoted_content(
        &self,
        toks: &[Tok],
        (cs, ce): (usize, usize),
        content_before: bool,
    ) -> Option<(usize, usize)> {
        let ca = toks[cs].s;
        let cb = toks[ce - 1].e;
        let lead = toks[cs..ce].iter().find(|t| !is_punct(t, ":,،-—–"));
        let starts_quote = lead.and_then(|t| self.quotes.iter().find(|q| q.open == t.s));
        let inside: Vec<&Quote> = self
            .quotes
            .iter()
            .filter(|q| q.open >= ca && q.close_end <= cb)
            .collect();
        let outside_words = |q: &Quote| {
            toks[cs..ce]
                .iter()
                .filter(|t| t.word && (t.s < q.inner_start || t.e > q.inner_end))
                .count()
        };
        let big = inside.iter().find(|q| outside_words(q) <= 1);
        let before = if content_before { inside.last() } else { None };
        let q = starts_quote.or(big.copied()).or(before.copied())?;
        let (a, b) = trim(self.doc, q.inner_start, q.inner_end);
        // `"We will act," he said`: the comma belongs to the sentence, not the words.
        let t = self.doc[a..b].trim_end_matches([',', '،']).trim_end();
        Some((a, a + t.len()))
    }

    /// A sentence that is only a quotation, in the same paragraph as the last claim, continues
    /// that claim's speaker.
    pub(super) fn quote_continuation(&self, toks: &[Tok], s: usize) -> Option<ParsedClaim> {
        let last = self.last.as_ref()?;
        let first = toks.first()?;
        let same_par = !self.doc[last.span.end.min(s)..s].contains('\n');
        let q = self.quotes.iter().find(|q| q.open == first.s)?;
        if !same_par {
            return None;
        }
        let (a, b) = trim(self.doc, q.inner_start, q.inner_end);
        if a >= b {
            return None;
        }
        let mut c = last.clone();
        c.text = self.doc[a..b].to_string();
        c.span = Span { start: a, end: b };
        c.quote = true;
        c.stance = stance_of_text(&c.text, SpeechAct::Asserts);
        c.lang = Some(lang(&c.text).to_string());
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{one, parse};

    #[test]
    fn a_quotation_after_a_colon_is_the_content() {
        let c = one("Omar Saleh said: \"The port is shut.\"");
        assert!(c.quote);
        assert_eq!(c.text, "The port is shut.");
    }

    #[test]
    fn a_trailing_comma_stays_outside_the_words() {
        let c = one("\"We will act,\" Omar Saleh said.");
        assert_eq!(c.text, "We will act");
    }

    #[test]
    fn a_quote_alone_continues_the_last_speaker() {
        let c = parse("Omar Saleh said the port was shut. \"We will reopen soon.\"");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].origin, "omar-saleh");
        assert!(c[1].quote);
        assert_eq!(c[1].text, "We will reopen soon.");
    }

    #[test]
    fn a_new_paragraph_does_not_continue() {
        let c = parse("Omar Saleh said the port was shut.\n\"We will reopen soon.\"");
        assert_eq!(c.len(), 1);
    }
}
