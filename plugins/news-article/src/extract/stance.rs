//! Stance: whether a claim asserts, denies or declines. The cue rules give each verb its stance;
//! this module settles what the verb alone cannot: whether a rejection denies a proposition,
//! whether a hedge makes it nobody's, and whether the words themselves refuse to comment.

use claims_plugin::SpeechAct;

use super::lexicon::{
    AR_COMP, AR_ESTIMATE_VERBS, AR_ESTIMATES, AR_EXPECTED, AR_IMPERSONAL, AR_PART, AR_REJECT,
    EN_IMPERSONAL, EN_IS_WAS, EN_JUSTIFY, EN_PART, EN_PROPOSITIONS, EN_REJECT, PROPOSITIONS,
    REFUSAL_TEXT, SHORT_REFUSAL_TEXT,
};
use super::{Verb, is_quote_tok};
use crate::text::Tok;

/// A denial verb with no proposition for object ("rejected the results", "رفض العرض") is an act,
/// not a denial of a claim: in the main clause it asserts (when a reason follows: "rejected the
/// results, alleging fraud"), and inside another speaker's reported content (after "that"/"أن")
/// or after a hedge it is part of that content.
pub(super) fn settle_rejections(toks: &[Tok], verbs: &mut [Verb]) {
    let n = toks.len();
    for k in 0..verbs.len() {
        if verbs[k].stance != SpeechAct::Denies || denies_proposition(toks, &verbs[k]) {
            continue;
        }
        let framed = verbs[..k]
            .iter()
            .any(|w| !w.dead && !w.content_before && w.attr_end <= verbs[k].attr_start)
            || hedge_before(toks, verbs[k].attr_start);
        let justified = toks[verbs[k].cue_end.min(n)..]
            .iter()
            .take(12)
            .skip_while(|x| x.word)
            .take(2)
            .any(|x| {
                x.is_verb(AR_PART)
                    || EN_PART.contains(&x.f.as_str())
                    || EN_JUSTIFY.contains(&x.f.as_str())
            });
        if framed {
            verbs[k].dead = true;
        } else if justified {
            verbs[k].stance = SpeechAct::Asserts;
        }
    }
}

/// Whether a denial verb denies a proposition ("denied that", "نفى وجود", "dismissed reports")
/// rather than turning down a thing ("rejected the results", "رفضوا العرض").
pub(super) fn denies_proposition(toks: &[Tok], v: &Verb) -> bool {
    let cue = &toks[v.cue];
    // "denied", "نفى", "استبعد", "كذب": their object is a claim
    if !cue.is_verb(AR_REJECT) && !EN_REJECT.contains(&cue.f.as_str()) {
        return true;
    }
    let from = if v.subj_after { v.attr_end } else { v.cue_end };
    toks[from.min(toks.len())..]
        .iter()
        .take_while(|x| x.word || is_quote_tok(x))
        .take(5)
        .any(|x| {
            is_quote_tok(x)
                || x.is_verb(AR_COMP)
                || x.is_any(PROPOSITIONS)
                || EN_PROPOSITIONS.contains(&x.f.as_str())
        })
}

/// Whether the sentence opens with an impersonal hedge ("ويُعتقد أن", "يقال إن", "it is
/// believed that") before token `i`: what follows is nobody's claim.
pub(super) fn hedge_before(toks: &[Tok], i: usize) -> bool {
    let words: Vec<&Tok> = toks[..i.min(toks.len())]
        .iter()
        .filter(|t| t.word)
        .take(4)
        .collect();
    let ar = words.first().is_some_and(|w| w.is_verb(AR_IMPERSONAL))
        && words.get(1).is_some_and(|w| w.is_verb(AR_COMP))
        || words.len() >= 3
            && words[0].is_verb(&["من"])
            && words[1].is_any(AR_EXPECTED)
            && words[2].is_verb(AR_COMP)
        || words.first().is_some_and(|w| w.is_verb(AR_ESTIMATE_VERBS))
            && words.get(1).is_some_and(|w| w.is_any(AR_ESTIMATES));
    let en = words.len() >= 3
        && words[0].f == "it"
        && EN_IS_WAS.contains(&words[1].f.as_str())
        && EN_IMPERSONAL.contains(&words[2].f.as_str());
    ar || en
}

/// Refusals inside the words themselves turn any claim into a refusal to comment.
pub(super) fn stance_of_text(text: &str, stance: SpeechAct) -> SpeechAct {
    let f = crate::fold::fold(text);
    if REFUSAL_TEXT.iter().any(|r| f.contains(r)) {
        return SpeechAct::Declines;
    }
    let words = f.split_whitespace().count();
    if words <= 8 && SHORT_REFUSAL_TEXT.iter().any(|r| f.contains(r)) {
        return SpeechAct::Declines;
    }
    stance
}

#[cfg(test)]
mod tests {
    use claims_plugin::SpeechAct;

    use super::{hedge_before, stance_of_text};
    use crate::extract::testing::{one, parse, toks};

    #[test]
    fn denying_that_denies() {
        assert_eq!(
            one("Omar Saleh denied that the port was shut.").stance,
            SpeechAct::Denies
        );
    }

    #[test]
    fn rejecting_allegations_denies() {
        assert_eq!(
            one("Omar Saleh rejected the allegations against him.").stance,
            SpeechAct::Denies
        );
    }

    #[test]
    fn rejecting_a_thing_with_a_reason_asserts_the_reason() {
        assert_eq!(
            one("Omar Saleh rejected the results, alleging fraud.").stance,
            SpeechAct::Asserts
        );
    }

    #[test]
    fn a_rejection_inside_reported_content_is_content() {
        let c = one("Omar Saleh said that the union rejected the offer.");
        assert_eq!(c.stance, SpeechAct::Asserts);
    }

    #[test]
    fn a_hedge_makes_a_rejection_nobodys() {
        assert!(hedge_before(
            &toks("It is believed that the union rejected"),
            5
        ));
        assert!(hedge_before(&toks("ويعتقد أن النقابة رفضت"), 3));
        assert!(hedge_before(&toks("من المتوقع أن النقابة رفضت"), 4));
        assert!(!hedge_before(&toks("The union rejected"), 2));
        assert!(parse("It is believed that the union rejected the offer.").is_empty());
    }

    #[test]
    fn refusal_words_decline() {
        assert_eq!(
            stance_of_text("No comment.", SpeechAct::Asserts),
            SpeechAct::Declines
        );
        assert_eq!(
            stance_of_text("لا تعليق", SpeechAct::Asserts),
            SpeechAct::Declines
        );
        assert_eq!(
            stance_of_text("لا يمكنني الرد الآن", SpeechAct::Asserts),
            SpeechAct::Declines
        );
        assert_eq!(
            stance_of_text(
                "لا يمكنني أن أتخيل أن الجسر سيبقى مغلقا طوال الشتاء القادم كله",
                SpeechAct::Asserts
            ),
            SpeechAct::Asserts
        );
        assert_eq!(
            one("Omar Saleh said: \"No comment.\"").stance,
            SpeechAct::Declines
        );
    }
}
