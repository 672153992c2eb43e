//! The verb reader: whether the word at a token is an attribution cue, which language's rules
//! read it, and where the reported content opens. The rules themselves are in `cues_ar.rs` and
//! `cues_en.rs`; what both languages share (participles, evidence verbs, the complementizer) is
//! here.

use claims_plugin::SpeechAct;

use super::lexicon::{
    AR_COMP, AR_DENY, AR_DENYING_PART, AR_EVID, AR_NOT, AR_PART, AR_SAY, EN_EVID, EN_PART, EN_WHEN,
    HARD_PUNCT,
};
use super::phrase::withholds_identity;
use super::{Reader, arabic_tok, is_en_cue, is_punct, is_quote_tok};
use crate::text::Tok;

/// An attribution verb (or marker read as one) and everything read around it.
#[derive(Debug, Clone)]
pub(super) struct Verb {
    /// Token of the cue word, which chains and stance rules read again.
    pub cue: usize,
    /// One past the cue's last token ("declined to comment" is three tokens).
    pub cue_end: usize,
    /// What the verb does with its content, before the words themselves are read.
    pub stance: SpeechAct,
    /// Index range of the subject, if written.
    pub subj: Option<(usize, usize)>,
    /// Whether the subject follows the verb (Arabic VSO, English inversion).
    pub subj_after: bool,
    /// Subject-less verb whose speaker comes from the context; the kind wanted.
    pub anaphora: bool,
    /// Whom the speaker told ("told Reuters", "لوكالة الأناضول"): a relay when it is an outlet.
    pub audience: Option<(usize, usize)>,
    /// "quoted by X", "interviewed by X": an outer relay.
    pub outer_by: Option<(usize, usize)>,
    /// The sentence's opening name, for a participle with no speaker before it.
    pub lead_subj: Option<(usize, usize)>,
    /// Sources the verb cites ("quoted X", "نقل عن X"): deeper in the chain than the speaker.
    pub cited: Vec<(usize, usize)>,
    /// First token of the attribution (subject or cue).
    pub attr_start: usize,
    /// Last token + 1 of the attribution (subject, audience, complementizer).
    pub attr_end: usize,
    /// Whether the content comes before the attribution ("...," he said).
    pub content_before: bool,
    /// Markers of the sentence joined to this verb, whose targets join its chain.
    pub markers: Vec<usize>,
    /// Verbs that relay this one ("the agency said that X said"), outermost first.
    pub outer_verbs: Vec<usize>,
    /// Whether the verb gives no claim of its own (relayed, content, or an act).
    pub dead: bool,
    /// Whether the cue is Arabic, for the rules that differ by language.
    pub arabic: bool,
}

impl Verb {
    /// A verb at `i` with nothing read yet around it.
    pub(super) fn bare(i: usize, stance: SpeechAct, arabic: bool) -> Verb {
        Verb {
            cue: i,
            cue_end: i + 1,
            stance,
            subj: None,
            subj_after: false,
            anaphora: false,
            audience: None,
            outer_by: None,
            lead_subj: None,
            cited: vec![],
            attr_start: i,
            attr_end: i + 1,
            content_before: false,
            markers: vec![],
            outer_verbs: vec![],
            dead: false,
            arabic,
        }
    }
}

/// What a language's cue rule read at the verb itself, before its subject is looked for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    pub stance: SpeechAct,
    /// One past the last token of the cue ("declined to comment" is three).
    pub cue_end: usize,
    /// "نقل عن", "quoted", "cited": the verb relays someone it names after itself.
    pub relay: bool,
    /// "X was quoted by TASS": the agent of a passive relay verb.
    pub passive_relay: Option<(usize, usize)>,
}

impl Cue {
    /// A one-word cue with the given stance.
    pub(super) fn word(i: usize, stance: SpeechAct) -> Cue {
        Cue {
            stance,
            cue_end: i + 1,
            relay: false,
            passive_relay: None,
        }
    }
}

/// What an Arabic cue rule gives: a cue whose subject is still to read, or a whole verb (the
/// refusal patterns read their speaker themselves).
pub(super) enum Read {
    /// The cue; the attribution rules read its subject next.
    Cue(Cue),
    /// A refusal read whole, subject included.
    Whole(Verb),
}

/// "مشيراً إلى أن", "..., adding that": a participle continuing the sentence's speaker (English
/// only after a comma).
fn continues_speaker(t: &Tok, arabic: bool, prev_comma: bool) -> bool {
    if arabic {
        t.is_verb(AR_PART)
    } else {
        EN_PART.contains(&t.f.as_str()) && prev_comma
    }
}

/// "نافياً أن", "..., denying that": a participle of denial.
fn denying_participle(t: &Tok, arabic: bool, prev_comma: bool) -> bool {
    if arabic {
        t.is_verb(AR_DENYING_PART)
    } else {
        t.f == "denying" && prev_comma
    }
}

/// "بيانات X تظهر أن", "data from X show": a verb by which evidence speaks.
fn evidence_verb(t: &Tok, arabic: bool) -> bool {
    if arabic {
        t.is_verb(AR_EVID)
    } else {
        EN_EVID.contains(&t.f.as_str())
    }
}

impl Reader<'_> {
    /// Recognises an attribution verb at token `i` and reads its subject.
    pub(super) fn verb_at(&self, toks: &[Tok], i: usize, used: &[bool]) -> Option<Verb> {
        let t = &toks[i];
        let arabic = arabic_tok(t);
        // "طلب عدم ذكر اسمه": asked not to be named, not a report
        if i > 0 && toks[i - 1].is_verb(AR_NOT) {
            return None;
        }
        // "مصدر رفض الكشف عن هويته", "طلب عدم نشر اسمه": a remark about the source, not a refusal
        if withholds_identity(toks, i) {
            return None;
        }
        if super::cues_ar::impersonal(toks, i) {
            return None;
        }
        let prev_comma = i > 0 && is_punct(&toks[i - 1], ",،");
        let denying = denying_participle(t, arabic, prev_comma);
        let participle = denying || continues_speaker(t, arabic, prev_comma);
        let evidence = evidence_verb(t, arabic);
        let cue = if participle || evidence {
            let stance = if denying {
                SpeechAct::Denies
            } else {
                SpeechAct::Asserts
            };
            Cue::word(i, stance)
        } else if arabic {
            match self.ar_cue(toks, i)? {
                Read::Whole(v) => return Some(v),
                Read::Cue(c) => c,
            }
        } else {
            self.en_cue(toks, i)?
        };
        let mut v = Verb::bare(i, cue.stance, arabic);
        v.cue_end = cue.cue_end;
        v.attr_end = cue.cue_end;
        if participle {
            v.anaphora = true;
            if !arabic {
                super::cues_en::lead_subject(toks, i, &mut v);
            }
        } else if evidence {
            self.evidence_subject(toks, i, prev_comma, used, &mut v)?;
        } else if arabic {
            self.ar_attribution(toks, i, &cue, prev_comma, used, &mut v)?;
        } else {
            self.en_attribution(toks, i, &cue, used, &mut v)?;
        }
        if !v.content_before {
            open_content(toks, used, &mut v);
        }
        Some(v)
    }

    /// "بيانات وزارة الصحة تظهر أن": the subject before an evidence verb, across one comma,
    /// back to a complementizer; only a known source counts.
    fn evidence_subject(
        &self,
        toks: &[Tok],
        i: usize,
        prev_comma: bool,
        used: &[bool],
        v: &mut Verb,
    ) -> Option<()> {
        let se = if prev_comma { i - 1 } else { i };
        let mut b = se;
        while b > 0 && se - b < 8 {
            let x = &toks[b - 1];
            if !x.word || x.q.is_some() || used[b - 1] || x.is_verb(AR_COMP) || x.f == "that" {
                break;
            }
            b -= 1;
        }
        if b < se && self.index.find(&toks[b..se]).is_some() {
            v.subj = Some((b, se));
            v.attr_start = b;
            Some(())
        } else {
            None
        }
    }
}

/// Skips to the complementizer or colon that opens the content ("said on Tuesday that",
/// "قال إن", "said:"), so the content starts after it.
fn open_content(toks: &[Tok], used: &[bool], v: &mut Verb) {
    let n = toks.len();
    let mut k = v.attr_end;
    let lim = (k + 25).min(n);
    let mut found = None;
    while k < lim {
        let x = &toks[k];
        if x.q.is_some() || is_quote_tok(x) && k > v.attr_end {
            break;
        }
        // "disputed that account": a determiner, not a clause
        let clause_words = toks[k + 1..]
            .iter()
            .take_while(|y| !is_punct(y, HARD_PUNCT))
            .filter(|y| y.word)
            .count();
        let near = k == v.attr_end
            || toks[v.attr_end]
                .f
                .chars()
                .next()
                .is_some_and(|c| !c.is_alphanumeric())
            || EN_WHEN.contains(&toks[v.attr_end].f.as_str());
        let that = !v.arabic && x.f == "that" && clause_words > 2 && near;
        if v.arabic && x.is_verb(AR_COMP) || that || is_punct(x, ":") {
            found = Some(k + 1);
            break;
        }
        if x.word && !used[k] && (is_en_cue(x) || x.is_verb(AR_SAY) || x.is_verb(AR_DENY)) {
            break;
        }
        k += 1;
    }
    if let Some(f) = found {
        v.attr_end = f;
    }
}

#[cfg(test)]
mod tests {
    use claims_plugin::SpeechAct;

    use crate::extract::testing::{one, origins, parse};

    #[test]
    fn an_arabic_participle_continues_the_speaker() {
        assert_eq!(
            origins("وقال عمر صالح إن الجسر آمن، مشيراً إلى أن الإصلاحات انتهت."),
            vec!["omar-saleh", "omar-saleh"]
        );
    }

    #[test]
    fn an_english_participle_after_a_comma_continues_the_speaker() {
        assert_eq!(
            origins("Lina Haddad said the bridge was safe, adding that repairs were done."),
            vec!["lina-haddad", "lina-haddad"]
        );
    }

    #[test]
    fn a_denying_participle_denies() {
        let c = parse("Lina Haddad said the bridge was safe, denying that it had cracked.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].stance, SpeechAct::Denies);
    }

    #[test]
    fn evidence_speaks_only_for_a_known_source() {
        assert_eq!(
            origins("بيانات وزارة الصحة تظهر أن الإصابات تراجعت."),
            vec!["health-ministry"]
        );
        assert!(parse("بيانات جديدة تظهر أن الإصابات تراجعت.").is_empty());
    }

    #[test]
    fn content_opens_after_that() {
        let c = one("Omar Saleh said on Tuesday that the port would reopen.");
        assert_eq!(c.text, "the port would reopen");
    }

    #[test]
    fn content_opens_after_an() {
        let c = one("وقال عمر صالح يوم الثلاثاء إن الميناء سيفتح.");
        assert_eq!(c.text, "الميناء سيفتح");
    }

    #[test]
    fn asked_not_to_be_named_is_no_report() {
        let c = one("وقال مسؤول طلب عدم ذكر اسمه إن الميناء أغلق.");
        assert_eq!(c.origin, "مسؤول");
    }

    #[test]
    fn withholding_a_name_is_no_refusal() {
        let c = one("وقال مسؤول رفض الكشف عن هويته إن الميناء أغلق.");
        assert_eq!(c.stance, SpeechAct::Asserts);
    }
}
