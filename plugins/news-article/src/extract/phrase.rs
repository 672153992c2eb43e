//! Where a speaker phrase ends: the boundaries every rule uses when it reads a name forward.

use super::lexicon::{
    AR_ACC, AR_ADVERBIAL, AR_ANONYMITY_OBJ, AR_ANONYMITY_VERBS, AR_AUDIENCE, AR_CITING, AR_COMP,
    AR_DENY, AR_IDENTITY, AR_INFORMED, AR_INFORMED_PREP, AR_PART, AR_POSSESSED_SUFFIXES,
    AR_REPRESENTATIVE, AR_SAY, AR_SPEAKING_TO, AR_SPOKE_TO, AR_STOP, EN_ARTICLES, EN_BOUND,
    EN_FAMILIAR, EN_FAMILIAR_PREP, EN_INSIDERS, EN_MEMBER_OF, EN_OBJ_STOP, EN_WITH_KNOWLEDGE,
    HARD_PUNCT, PERSON_NOUNS, SPEAKER_NOUNS,
};
use super::{Reader, is_en_cue, is_punct};
use crate::text::Tok;

/// Whether a word is one of the verbs by which a source withholds its name ("طلب", "فضل").
pub(super) fn withholds_name_verb(t: &Tok) -> bool {
    t.is_verb(AR_ANONYMITY_VERBS)
}

/// "مسؤول طلب عدم الكشف عن هويته": at token `k` starts a clause by which the source withholds
/// its name, which is about the source and not part of its name.
pub(super) fn withholds_name_at(toks: &[Tok], k: usize) -> bool {
    withholds_name_verb(&toks[k]) && toks.get(k + 1).is_some_and(|y| y.is_any(AR_ANONYMITY_OBJ))
}

/// "مصدر رفض الكشف عن هويته": the verb at `i` withholds a name within five words, so it is a
/// remark about the source, not a refusal to comment.
pub(super) fn withholds_identity(toks: &[Tok], i: usize) -> bool {
    withholds_name_verb(&toks[i]) && toks[i + 1..].iter().take(5).any(|x| x.is_any(AR_IDENTITY))
}

/// "في نشرتها": a possessed noun without the article.
fn possessed(x: &Tok) -> bool {
    !x.f.starts_with("ال") && AR_POSSESSED_SUFFIXES.iter().any(|suf| x.f.ends_with(suf))
}

impl Reader<'_> {
    /// Scans forward from `i` for a phrase naming someone, stopping at the usual boundaries.
    pub(super) fn phrase_after(&self, toks: &[Tok], i: usize, max: usize, arabic: bool) -> usize {
        let mut j = i;
        while j < toks.len() && j - i < max {
            let t = &toks[j];
            // a quoted name inside the phrase: صحيفة "الصباح" المحلية, مع "الجزيرة نت"
            if !t.word
                && let Some(q) = self.quotes.iter().find(|q| q.open == t.s)
            {
                let inner = toks[j + 1..]
                    .iter()
                    .take_while(|x| x.s < q.inner_end)
                    .filter(|x| x.word)
                    .count();
                if (1..=3).contains(&inner) {
                    while j < toks.len() && toks[j].s < q.close_end {
                        j += 1;
                    }
                    continue;
                }
            }
            if t.q.is_some() || is_punct(t, HARD_PUNCT) {
                break;
            }
            let step = if arabic {
                self.ar_phrase_step(toks, i, j)
            } else {
                en_phrase_step(toks, i, j)
            };
            match step {
                Step::Stop => break,
                Step::Skip(k) => j += k,
                Step::Take => j += 1,
            }
        }
        j
    }

    /// The Arabic boundaries of a speaker phrase started at `i`, at token `j`.
    fn ar_phrase_step(&self, toks: &[Tok], i: usize, j: usize) -> Step {
        let t = &toks[j];
        if t.f == "من" && toks.get(j + 1).is_some_and(|x| x.is_verb(AR_COMP)) {
            return Step::Stop;
        }
        // a number or an accusative ("حاجاً") starts the object, not the speaker
        if j > i
            && (t.f.chars().all(|c| c.is_ascii_digit()) || self.doc[t.s..t.e].contains('\u{064B}'))
        {
            return Step::Stop;
        }
        // "وقال أحدهم لبي بي سي": the outlet spoken to ends the speaker (unless the
        // phrase says so itself: "خبراء تحدثوا لبي بي سي")
        let spoke =
            j > i && (toks[j - 1].is_verb(AR_SPOKE_TO) || toks[j - 1].is_any(AR_SPEAKING_TO));
        if j > i && !spoke && self.outlet_after_lam(toks, t) {
            return Step::Stop;
        }
        // "نائب عن المنطقة": a representative for, not "on behalf of" a relay
        if t.f == "عن" && j > i && toks[j - 1].is_any(AR_REPRESENTATIVE) {
            return Step::Skip(1);
        }
        // "مصادر مطلعة على المحادثات", "مصدر مقرب من الرئاسة": the phrase goes on
        if j > i
            && t.is_any(AR_INFORMED_PREP)
            && toks[j - 1].is_any(AR_INFORMED)
            && toks.get(j + 1).is_some_and(|x| x.word)
        {
            return Step::Skip(2);
        }
        // "في بيان", "في نشرتها الشهرية": an adverbial, not part of the name
        let adverbial_fi = t.f == "في"
            && (j == i
                || toks
                    .get(j + 1)
                    .is_none_or(|x| x.is_any(AR_ADVERBIAL) || !x.word || possessed(x)));
        // "مسؤول طلب عدم الكشف عن هويته": a clause about the source ends its name
        let aside = withholds_name_at(toks, j);
        if t.is_verb(AR_COMP)
            || aside
            || adverbial_fi
            || t.is_verb(AR_STOP)
                && !(t.f.ends_with("علي") && self.doc[t.s..t.e].ends_with('ي') && j > i)
            || AR_AUDIENCE.contains(&t.f.as_str()) && j > i
            || t.is_any(AR_ACC)
            || t.is_verb(AR_PART)
            || t.is_any(AR_CITING)
            || t.is_verb(AR_SAY)
            || t.is_verb(AR_DENY)
        {
            return Step::Stop;
        }
        Step::Take
    }
}

/// What a phrase boundary rule says about one token.
enum Step {
    /// The phrase ends before this token.
    Stop,
    /// The phrase goes on over this many tokens.
    Skip(usize),
    /// This token is part of the phrase.
    Take,
}

/// The English boundaries of a speaker phrase started at `i`, at token `j`.
fn en_phrase_step(toks: &[Tok], i: usize, j: usize) -> Step {
    let t = &toks[j];
    if j > i
        && EN_FAMILIAR_PREP.contains(&t.f.as_str())
        && EN_FAMILIAR.contains(&toks[j - 1].f.as_str())
    {
        // "people familiar with the talks", "sources close to the minister"
        let article = toks
            .get(j + 1)
            .is_some_and(|x| EN_ARTICLES.contains(&x.f.as_str()));
        return Step::Skip(if article { 2 } else { 1 });
    }
    if j > i
        && t.f == "with"
        && toks
            .get(j + 1)
            .is_some_and(|x| EN_WITH_KNOWLEDGE.contains(&x.f.as_str()))
    {
        // "a person with knowledge of the matter"
        return Step::Skip(1);
    }
    if j > i
        && EN_MEMBER_OF.contains(&t.f.as_str())
        && (toks[j - 1].is_any(SPEAKER_NOUNS)
            || toks[j - 1].is_any(PERSON_NOUNS)
            || toks[j - 1].is_any(EN_INSIDERS))
        && toks.get(j + 1).is_some_and(|x| x.f == "the" || x.cap)
    {
        // "officials at the interior ministry", "a source from the ruling party"
        let article = toks[j + 1].f == "the";
        return Step::Skip(if article { 2 } else { 1 });
    }
    if j > i && (EN_OBJ_STOP.contains(&t.f.as_str()) || EN_BOUND.contains(&t.f.as_str()))
        || is_en_cue(t)
    {
        return Step::Stop;
    }
    Step::Take
}

#[cfg(test)]
mod tests {
    use super::{withholds_identity, withholds_name_at};
    use crate::extract::testing::{origins, toks};

    #[test]
    fn familiar_with_stays_in_the_phrase() {
        assert_eq!(
            origins("People familiar with the talks said the deal was close."),
            vec!["People familiar with the talks"]
        );
    }

    #[test]
    fn officials_at_a_known_body_are_that_body() {
        assert_eq!(
            origins("Officials at the Health Ministry said the clinic would reopen."),
            vec!["health-ministry"]
        );
    }

    #[test]
    fn mutalia_ala_stays_in_the_phrase() {
        assert_eq!(
            origins("وقالت مصادر مطلعة على المحادثات إن الاتفاق قريب."),
            vec!["مصادر مطلعة على المحادثات"]
        );
    }

    #[test]
    fn fi_bayan_is_an_adverbial_not_part_of_the_name() {
        assert_eq!(
            origins("وقال المتحدث باسم الشركة في بيان إن المصنع آمن."),
            vec!["المتحدث باسم الشركة"]
        );
    }

    #[test]
    fn asking_not_to_be_named_is_found_once_for_all_rules() {
        let t = toks("مسؤول طلب عدم الكشف عن هويته");
        assert!(withholds_name_at(&t, 1));
        assert!(!withholds_name_at(&t, 0));
        assert!(withholds_identity(&t, 1));
        let t = toks("مسؤول رفض التعليق");
        assert!(!withholds_name_at(&t, 1));
        assert!(!withholds_identity(&t, 1));
    }
}
