//! The Arabic cue rules: which verbs attribute, who the subject is (VSO, SV, "كانت X قد"),
//! audiences and interviewers that relay, "نقل عن", and the refusals "لم يتسن الحصول على تعليق"
//! and "لم يرد X على طلب للتعليق".

use claims_plugin::SpeechAct;

use super::cues::{Cue, Read, Verb};
use super::lexicon::{
    AR_ACCUSE, AR_AUDIENCE, AR_COMMENT, AR_COMMENT_REQUEST, AR_COMMENT_VERBS, AR_COMP, AR_CONTRAST,
    AR_DENY, AR_DESCRIBE, AR_FUNCTION, AR_GOES_ON, AR_IMPERSONAL, AR_INFORM, AR_INTERVIEW,
    AR_INTERVIEW_ADJ, AR_NEGATION, AR_NOT_POSSIBLE, AR_OBTAINED, AR_OF, AR_ON_IT, AR_REFUSE_OBJ,
    AR_REJECT, AR_RELATIVE, AR_RELAY, AR_RELAYED_IT, AR_REMARKS, AR_REPLY_VERBS, AR_SAY,
    AR_SAY_PRESENT, AR_SHARE, AR_SPEAKING_TO, AR_SPOKE_TO, AR_STOP, AR_WAS, AR_WHAT, AR_WITH_TO,
    PERSON_NOUNS,
};
use super::phrase::withholds_name_verb;
use super::{Reader, is_punct, is_quote_tok};
use crate::text::Tok;

/// "ويُعتقد أن", "يقال إن", "ويُتوقع أن": impersonal, nobody's claim.
pub(super) fn impersonal(toks: &[Tok], i: usize) -> bool {
    toks[i].is_verb(AR_IMPERSONAL) && toks.get(i + 1).is_some_and(|x| x.is_verb(AR_COMP))
}

/// "نقل" is also the noun "transport": a relay only with its "عن" within eight words.
fn relay_without_source(toks: &[Tok], i: usize) -> bool {
    toks[i].is_verb(AR_RELAY) && !toks[i + 1..].iter().take(8).any(|x| x.f == "عن")
}

/// "ما وصفها كيم بـ...": what someone called it, inside another claim.
fn description_inside_claim(toks: &[Tok], i: usize) -> bool {
    toks[i].is_verb(AR_DESCRIBE) && i > 0 && toks[i - 1].is_verb(AR_WHAT)
}

/// "أبلغ X بـ": informing someone of a thing is not a report.
fn informed_of(toks: &[Tok], i: usize) -> bool {
    toks[i].is_any(AR_INFORM) && toks.get(i + 1).is_some_and(|x| x.f.starts_with('ب'))
}

/// "ويتوقع الصندوق أن": a present-tense speech verb counts only when it opens the clause.
fn present_inside_clause(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    let opens_clause = i == 0 || (t.f.starts_with('و') || t.f.starts_with('ف')) && i < 3;
    t.is_verb(AR_SAY_PRESENT) && !opens_clause
}

/// "وتابع ناصر: ...": goes on speaking, before a colon, a quote or "أن".
fn goes_on(toks: &[Tok], i: usize) -> bool {
    toks[i].is_verb(AR_GOES_ON)
        && toks[i + 1..]
            .iter()
            .take(3)
            .any(|x| is_punct(x, ":") || is_quote_tok(x) || x.is_verb(AR_COMP))
}

/// "رفض التعليق" declines; "رفض الاتهامات" denies (or, with no proposition, is an act).
fn rejection_stance(toks: &[Tok], i: usize) -> SpeechAct {
    let obj = toks[i + 1..]
        .iter()
        .take(10)
        .take_while(|x| x.word)
        .any(|x| x.is_any(AR_REFUSE_OBJ));
    if obj {
        SpeechAct::Declines
    } else {
        SpeechAct::Denies
    }
}

/// Whether an Arabic word carries the article ("ال", "لل", "وال"), so a noun phrase is definite.
fn definite(t: &Tok) -> bool {
    t.f.starts_with("ال") || t.f.starts_with("لل") || t.f.starts_with("وال")
}

impl Reader<'_> {
    /// Reads the Arabic verb at `i`: its stance and whether it relays, or a whole refusal.
    pub(super) fn ar_cue(&self, toks: &[Tok], i: usize) -> Option<Read> {
        let t = &toks[i];
        let no_comment_ahead = toks[i + 1..]
            .iter()
            .take(10)
            .any(|x| x.is_any(AR_COMMENT_REQUEST));
        if no_comment_ahead && t.is_any(AR_NOT_POSSIBLE) {
            return self.no_comment_obtained(toks, i).map(Read::Whole);
        }
        let negated = i > 0 && AR_NEGATION.contains(&toks[i - 1].f.as_str());
        let comment_verb = t.is_verb(AR_COMMENT_VERBS);
        if negated && (comment_verb || no_comment_ahead && t.is_verb(AR_REPLY_VERBS)) {
            return Some(Read::Whole(self.did_not_comment(toks, i)));
        }
        if relay_without_source(toks, i)
            || description_inside_claim(toks, i)
            || informed_of(toks, i)
            || present_inside_clause(toks, i)
        {
            return None;
        }
        let mut cue = Cue::word(i, SpeechAct::Asserts);
        if goes_on(toks, i) {
            // "وتابع ناصر: ...": goes on speaking
        } else if t.is_verb(AR_SAY) || t.is_verb(AR_SAY_PRESENT) {
            cue.relay = t.is_verb(AR_RELAY);
        } else if t.is_verb(AR_DENY) {
            cue.stance = SpeechAct::Denies;
        } else if t.is_verb(AR_REJECT) {
            cue.stance = rejection_stance(toks, i);
        } else {
            return None;
        }
        Some(Read::Cue(cue))
    }

    /// "لم يتسن الحصول على تعليق من X": X declines.
    fn no_comment_obtained(&self, toks: &[Tok], i: usize) -> Option<Verb> {
        let k = (i + 1..toks.len()).find(|&k| toks[k].is_any(AR_COMMENT))?;
        if toks.get(k + 1).is_some_and(|x| x.f == "من") {
            let se = self.phrase_after(toks, k + 2, 8, true);
            if se > k + 2 {
                let mut v = Verb::bare(i, SpeechAct::Declines, true);
                v.subj = Some((k + 2, se));
                v.subj_after = true;
                v.attr_end = toks.len();
                return Some(v);
            }
        }
        None
    }

    /// "لم يعلق X", "لم يرد X على طلب للتعليق": X (or the last speaker) declines.
    fn did_not_comment(&self, toks: &[Tok], i: usize) -> Verb {
        let se = self.phrase_after(toks, i + 1, 8, true);
        let se = (i + 1..se).find(|&j| toks[j].f == "علي").unwrap_or(se);
        let mut v = Verb::bare(i, SpeechAct::Declines, true);
        if se > i + 1 {
            v.subj = Some((i + 1, se));
            v.subj_after = true;
        } else {
            v.anaphora = true;
        }
        v.attr_end = toks.len();
        v
    }

    /// Reads the subject, audience and relay of an Arabic cue; `None` when the phrase before
    /// it is not a speaker after all.
    pub(super) fn ar_attribution(
        &self,
        toks: &[Tok],
        i: usize,
        cue: &Cue,
        prev_comma: bool,
        used: &[bool],
        v: &mut Verb,
    ) -> Option<()> {
        let t = &toks[i];
        let n = toks.len();
        subject_before_qad(toks, i, v);
        let bare = AR_SAY.contains(&t.f.as_str())
            || AR_DENY.contains(&t.f.as_str())
            || AR_REJECT.contains(&t.f.as_str());
        if v.subj.is_none() && bare {
            subject_before(toks, i, used, v);
        }
        // "..., واتهمت النقابة بـ": a coordinated accusation keeps the sentence's speaker
        let accuse = t.is_verb(AR_ACCUSE);
        let coordinated = accuse && prev_comma && t.f.starts_with('و');
        // VSO: subject after the verb.
        let mut ss = if coordinated { n } else { cue.cue_end };
        if cue.stance == SpeechAct::Declines {
            ss = i + 1;
        }
        self.quoted_subject(toks, ss, v);
        // "وقال لموقع X إن": no subject, the audience follows the verb at once
        if toks
            .get(ss)
            .is_some_and(|x| AR_AUDIENCE.contains(&x.f.as_str()))
        {
            ss = n;
        }
        if v.subj.is_none() && ss < n {
            self.subject_after(toks, ss, accuse, v);
        }
        spoke_to_outlet(toks, v);
        obtained_by_outlet(toks, v);
        if share_of_respondents(toks, v) {
            return None;
        }
        if v.subj.is_none() {
            v.anaphora = true;
        }
        let j = self.audience(toks, i, v);
        if cue.relay {
            self.relayed_from(toks, j, v);
        }
        Some(())
    }

    /// VSO: the subject after the verb at `ss`, trimmed before its object.
    fn subject_after(&self, toks: &[Tok], ss: usize, accuse: bool, v: &mut Verb) {
        // an accuser's object follows at once: keep the subject short
        let se = self.phrase_after(toks, ss, if accuse { 3 } else { 9 }, true);
        let se = if v.stance == SpeechAct::Declines {
            // "رفض X التعليق": stop before the object
            (ss..se)
                .find(|&j| toks[j].is_any(AR_REFUSE_OBJ))
                .unwrap_or(se)
        } else {
            se
        };
        // "نفت وزارة الخارجية الصينية علمها ...": a known name ends the subject.
        let se = match self.index.find(&toks[ss..se]) {
            Some(h)
                if ss + h.at + h.len + 1 < se
                    && !toks[ss + h.at + h.len].is_verb(AR_OF)
                    && !toks.get(se).is_some_and(|x| is_punct(x, "،,")) =>
            {
                ss + h.at + h.len
            }
            _ => se,
        };
        let se = self.definite_subject_end(toks, ss, se);
        if se > ss {
            v.subj = Some((ss, se));
            v.subj_after = true;
            v.attr_end = se;
            self.apposition(toks, ss, se, v);
        }
    }

    /// "أعلنت السلطات الصحية وفاة ...": after a definite noun phrase, a bare noun starts the
    /// object; titles are exempt, since a name follows them ("وزير الدفاع الروسي سيرغي شويغو").
    fn definite_subject_end(&self, toks: &[Tok], ss: usize, se: usize) -> usize {
        let titled = toks.get(ss).is_some_and(|t| t.is_any(PERSON_NOUNS));
        if !titled && self.index.find(&toks[ss..se]).is_none() {
            (ss + 1..se)
                .find(|&k| {
                    toks[k].word
                        && !definite(&toks[k])
                        && toks[ss..k].iter().any(definite)
                        && !toks[k].is_verb(AR_OF)
                        && !toks[k - 1].is_verb(AR_OF)
                })
                .unwrap_or(se)
        } else {
            se
        }
    }

    /// "مستشار الأمن القومي، جيك سوليفان،": a short apposition joins the subject.
    fn apposition(&self, toks: &[Tok], ss: usize, se: usize, v: &mut Verb) {
        if toks.get(se).is_some_and(|x| is_punct(x, "،,")) {
            let ae = self.phrase_after(toks, se + 1, 4, true);
            if ae > se + 1 && toks.get(ae).is_some_and(|x| is_punct(x, "،,")) {
                let named = self.index.find(&toks[se + 1..ae]).is_some()
                    || self.index.find(&toks[ss..se]).is_none();
                if named {
                    v.subj = Some((ss, ae));
                    v.attr_end = ae;
                }
            }
        }
    }

    /// A quoted name: وقالت "يونهاب" إن.
    fn quoted_subject(&self, toks: &[Tok], ss: usize, v: &mut Verb) {
        let n = toks.len();
        if let Some(q) = self
            .quotes
            .iter()
            .find(|q| v.subj.is_none() && toks.get(ss).is_some_and(|x| x.s == q.open))
        {
            let inner: Vec<usize> = (ss..n).take_while(|&j| toks[j].s < q.close_end).collect();
            let words = inner.iter().filter(|&&j| toks[j].word).count();
            let after = inner.last().map_or(ss, |&l| l + 1);
            if words > 0
                && words <= 3
                && toks
                    .get(after)
                    .is_none_or(|x| x.is_verb(AR_COMP) || is_punct(x, "،,"))
            {
                v.subj = Some((ss + 1, after - 1));
                v.subj_after = true;
                v.attr_end = after;
            }
        }
    }

    /// Whether a word opens an audience: "للصحفيين", "لوكالة الأناضول", لـ"الجزيرة نت".
    fn opens_audience(&self, toks: &[Tok], x: &Tok) -> bool {
        AR_AUDIENCE.contains(&x.f.as_str())
            || x.f == "ل"
            || x.f == "لـ"
            || self.outlet_after_lam(toks, x)
    }

    /// The audience after the subject, and the interviewer before or after the verb; returns
    /// where the attribution now ends.
    fn audience(&self, toks: &[Tok], i: usize, v: &mut Verb) -> usize {
        let mut j = v.attr_end;
        if toks.get(j).is_some_and(|x| is_punct(x, "،,"))
            && toks
                .get(j + 1)
                .is_some_and(|x| self.opens_audience(toks, x))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|x| is_punct(x, "،,"))
            && toks.get(j + 1).is_some_and(|x| x.f == "في")
        {
            j += 1;
        }
        j = self.remarks_relayed_by(toks, j, v);
        j = self.interview_after_verb(toks, j, v);
        j = self.spoke_to(toks, j, v);
        self.interview_before_verb(toks, i, v);
        j
    }

    /// "في تصريحات نقلتها وكالة الصحافة الفرنسية": the agency relays.
    fn remarks_relayed_by(&self, toks: &[Tok], j: usize, v: &mut Verb) -> usize {
        if toks.get(j).is_some_and(|x| x.f == "في")
            && toks.get(j + 1).is_some_and(|x| x.is_any(AR_REMARKS))
            && toks.get(j + 2).is_some_and(|x| x.is_verb(AR_RELAYED_IT))
        {
            let ae = self.phrase_after(toks, j + 3, 6, true);
            if ae > j + 3 && self.outletish(toks, (j + 3, ae)) {
                v.audience = Some((j + 3, ae));
                v.attr_end = ae;
                return ae;
            }
        }
        j
    }

    /// "في مقابلة مع X", "في حديث لـ X", "في اتصال هاتفي مع X": the outlet interviewing.
    fn interview_after_verb(&self, toks: &[Tok], mut j: usize, v: &mut Verb) -> usize {
        let with = |x: &Tok| x.f == "مع" || self.opens_audience(toks, x);
        if toks.get(j).is_some_and(|x| x.f == "في")
            && toks.get(j + 1).is_some_and(|x| x.is_any(AR_INTERVIEW))
            && (toks.get(j + 2).is_some_and(with)
                || toks.get(j + 2).is_some_and(|x| x.is_any(AR_INTERVIEW_ADJ))
                    && toks.get(j + 3).is_some_and(with))
        {
            // "في اتصال هاتفي مع X": skip the adjective
            if toks[j + 2].is_any(AR_INTERVIEW_ADJ) {
                j += 1;
            }
            let a0 = if AR_WITH_TO.contains(&toks[j + 2].f.as_str()) {
                j + 3
            } else {
                j + 2
            };
            let ae = self.phrase_after(toks, a0, 6, true);
            if ae > a0 && self.outletish(toks, (a0, ae)) {
                v.audience = Some((a0, ae));
                j = ae;
                v.attr_end = j;
            }
        }
        j
    }

    /// "للصحفيين", "لوكالة الأناضول", لـ"الجزيرة نت": who the speaker spoke to.
    fn spoke_to(&self, toks: &[Tok], j: usize, v: &mut Verb) -> usize {
        let n = toks.len();
        if !toks.get(j).is_some_and(|x| self.opens_audience(toks, x)) {
            return j;
        }
        let quoted = self
            .quotes
            .iter()
            .find(|q| toks.get(j + 1).is_some_and(|x| x.s == q.open));
        let (a0, ae) = if let (true, Some(q)) = (toks[j].f.chars().count() == 1, quoted) {
            let close = (j + 1..n).find(|&k| toks[k].s >= q.inner_end).unwrap_or(n);
            ((j + 2).min(close), close)
        } else if toks[j].f.chars().count() == 1 {
            (j + 1, self.phrase_after(toks, j + 1, 6, true))
        } else {
            // `لموقع "الريف اليوم"`: the quoted name belongs to the audience
            (j, self.phrase_after(toks, j, 6, true))
        };
        v.audience = Some((a0, ae));
        let j = if ae < n && is_quote_tok(&toks[ae]) {
            ae + 1
        } else {
            ae
        };
        v.attr_end = j;
        j
    }

    /// "وفي تصريح خاص لـ"عربي بوست"، قال X": the outlet named before the verb.
    fn interview_before_verb(&self, toks: &[Tok], i: usize, v: &mut Verb) {
        if v.audience.is_some() {
            return;
        }
        let Some(k) = (0..i).find(|&k| {
            toks[k].is_verb(&["في"]) && toks.get(k + 1).is_some_and(|x| x.is_any(AR_INTERVIEW))
        }) else {
            return;
        };
        let mut p = k + 2;
        if toks.get(p).is_some_and(|x| x.is_any(AR_INTERVIEW_ADJ)) {
            p += 1;
        }
        let start = match toks.get(p) {
            Some(x) if AR_WITH_TO.contains(&x.f.as_str()) => p + 1,
            Some(x) if self.opens_audience(toks, x) => p,
            _ => usize::MAX,
        };
        if start < i {
            let ae = self.phrase_after(toks, start, 6, true).min(i);
            if ae > start && self.outletish(toks, (start, ae)) {
                v.audience = Some((start, ae));
            }
        }
    }

    /// "نقل عن X": X is cited by the speaker.
    fn relayed_from(&self, toks: &[Tok], j: usize, v: &mut Verb) {
        let n = toks.len();
        if let Some(k) = (j..n.min(j + 3)).find(|&k| toks[k].is_any(&["عن"])) {
            let ce = self.phrase_after(toks, k + 1, 8, true);
            if ce > k + 1 {
                v.cited.push((k + 1, ce));
                v.attr_end = ce;
            }
        }
    }
}

/// SV: "وكانت الوكالة قد أفادت": the subject between "كان" and "قد".
fn subject_before_qad(toks: &[Tok], i: usize, v: &mut Verb) {
    if i >= 2
        && toks[i - 1].f == "قد"
        && let Some(k) = (i.saturating_sub(10)..i - 1)
            .rev()
            .find(|&k| toks[k].is_any(AR_WAS))
        && k + 1 < i - 1
    {
        v.subj = Some((k + 1, i - 1));
        v.attr_start = k + 1;
    }
}

/// SV: "أن كيم قال", "غير أن الحزب نفى", "مسؤولاً في الوزارة، فضل عدم الكشف عن هويته، استبعد":
/// a subject before the verb after a complementizer or a contrast, past an aside.
fn subject_before(toks: &[Tok], i: usize, used: &[bool], v: &mut Verb) {
    let mut end = i;
    if i > 0
        && is_punct(&toks[i - 1], "،,")
        && let Some(c1) = (i.saturating_sub(12)..i - 1)
            .rev()
            .find(|&k| is_punct(&toks[k], "،,"))
    {
        let aside = toks.get(c1 + 1).is_some_and(|t| {
            withholds_name_verb(t)
                || t.is_verb(AR_RELATIVE)
                || t.is_verb(super::lexicon::AR_ASIDE_PRONOUN)
        });
        if aside {
            end = c1;
        }
    }
    let mut b = end;
    while b > 0 && end - b < 5 {
        let x = &toks[b - 1];
        if !x.word
            || x.q.is_some()
            || used[b - 1]
            || x.is_verb(AR_COMP)
            || x.is_verb(AR_STOP)
            || x.is_any(AR_FUNCTION)
            || x.is_verb(AR_SAY)
        {
            break;
        }
        b -= 1;
    }
    let found = b < end;
    let after_comp = b > 0 && (toks[b - 1].is_verb(AR_COMP) || toks[b - 1].is_verb(AR_CONTRAST));
    if found && (b == 0 || after_comp) {
        v.subj = Some((b, end));
        v.attr_start = b;
    }
}

/// "مصدر أمني تحدث لوكالة الأناضول": the outlet spoken to relays the source.
fn spoke_to_outlet(toks: &[Tok], v: &mut Verb) {
    if let Some((sa, sb)) = v.subj
        && let Some(k) = (sa + 1..sb.saturating_sub(1)).find(|&k| {
            (toks[k].is_verb(AR_SPOKE_TO) || toks[k].is_any(AR_SPEAKING_TO))
                && (AR_AUDIENCE.contains(&toks[k + 1].f.as_str()) || toks[k + 1].f == "ل")
        })
    {
        v.subj = Some((sa, k));
        v.outer_by = Some((k + 1, sb));
    }
}

/// "وثائق حصلت عليها صحيفة X": documents the outlet obtained; the outlet relays them.
fn obtained_by_outlet(toks: &[Tok], v: &mut Verb) {
    if let Some((sa, sb)) = v.subj
        && let Some(k) = (sa + 1..sb.saturating_sub(2))
            .find(|&k| toks[k].is_verb(AR_OBTAINED) && toks[k + 1].is_any(AR_ON_IT))
    {
        v.subj = Some((sa, k));
        v.outer_by = Some((k + 2, sb));
    }
}

/// "62 في المئة من المعلمين يرون": a share of respondents is content, not a speaker.
fn share_of_respondents(toks: &[Tok], v: &Verb) -> bool {
    v.subj.is_some_and(|(sa, _)| {
        toks[sa].f.chars().all(|c| c.is_ascii_digit()) || toks[sa].is_any(AR_SHARE)
    })
}

#[cfg(test)]
mod tests {
    use claims_plugin::SpeechAct;

    use super::{
        description_inside_claim, goes_on, impersonal, informed_of, present_inside_clause,
        relay_without_source,
    };
    use crate::extract::testing::{chain, one, origins, parse, toks, who};

    #[test]
    fn an_impersonal_verb_is_nobodys_claim() {
        assert!(impersonal(&toks("ويعتقد أن الميناء سيغلق"), 0));
        assert!(parse("ويعتقد أن الميناء سيغلق.").is_empty());
    }

    #[test]
    fn naql_without_an_is_transport() {
        assert!(relay_without_source(&toks("نقل الركاب إلى المطار"), 0));
        assert!(!relay_without_source(&toks("نقل عن الوزير"), 0));
    }

    #[test]
    fn what_someone_described_sits_inside_a_claim() {
        assert!(description_inside_claim(
            &toks("ما وصفه الوزير بالكارثة"),
            1
        ));
        assert!(!description_inside_claim(&toks("ووصف الوزير القرار"), 0));
    }

    #[test]
    fn informing_of_a_thing_is_no_report() {
        assert!(informed_of(&toks("أبلغ بالقرار"), 0));
        assert!(!informed_of(&toks("أبلغ الوزير الصحفيين أن"), 0));
    }

    #[test]
    fn a_present_verb_counts_only_opening_the_clause() {
        assert!(present_inside_clause(
            &toks("إن كيم يتوقع استمرار المناقشات"),
            2
        ));
        assert!(!present_inside_clause(&toks("ويتوقع الصندوق أن"), 0));
    }

    #[test]
    fn tabaa_goes_on_speaking_before_a_colon() {
        assert!(goes_on(&toks("وتابع صالح: الجسر آمن"), 0));
        assert!(!goes_on(&toks("وتابع صالح الرحلة"), 0));
    }

    #[test]
    fn vso_reads_the_subject_after_the_verb() {
        let c = one("وقالت وزارة الصحة إن اللقاح آمن.");
        assert_eq!(c.origin, "health-ministry");
        assert_eq!(c.text, "اللقاح آمن");
    }

    #[test]
    fn kana_qad_reads_the_subject_before_the_verb() {
        assert_eq!(
            origins("وكانت الوكالة المحلية قد أفادت أن الطريق مغلق."),
            vec!["الوكالة المحلية"]
        );
    }

    #[test]
    fn sv_after_an_reads_the_subject_before_the_verb() {
        assert_eq!(
            who("وذكرت صحيفة الرقيب أن عمر صالح قال إن الجسر آمن."),
            chain("omar-saleh", &["courier"])
        );
    }

    #[test]
    fn a_quoted_name_is_the_subject() {
        assert_eq!(origins("وقالت \"يونهاب\" إن الميناء أغلق."), vec!["يونهاب"]);
    }

    #[test]
    fn a_definite_phrase_ends_before_a_bare_noun() {
        assert_eq!(
            origins("وأعلنت السلطات الصحية وفاة ثلاثة أشخاص."),
            vec!["السلطات الصحية"]
        );
    }

    #[test]
    fn an_apposition_names_the_subject() {
        assert_eq!(
            origins("وقال مستشار الأمن القومي، عمر صالح، إن الجسر آمن."),
            vec!["omar-saleh"]
        );
    }

    #[test]
    fn no_comment_could_be_obtained_from_x() {
        let c = one("ولم يتسن الحصول على تعليق من وزارة الصحة.");
        assert_eq!(
            (c.origin.as_str(), c.stance),
            ("health-ministry", SpeechAct::Declines)
        );
    }

    #[test]
    fn x_did_not_reply_to_a_request_for_comment() {
        let c = one("ولم ترد وزارة الصحة على طلب للتعليق.");
        assert_eq!(
            (c.origin.as_str(), c.stance),
            ("health-ministry", SpeechAct::Declines)
        );
    }

    #[test]
    fn refusing_to_comment_declines_and_rejecting_claims_denies() {
        assert_eq!(one("ورفض عمر صالح التعليق.").stance, SpeechAct::Declines);
        assert_eq!(
            one("ورفض عمر صالح الاتهامات الموجهة إليه.").stance,
            SpeechAct::Denies
        );
    }

    #[test]
    fn a_denial_verb_denies() {
        assert_eq!(
            one("ونفت وزارة الصحة وجود إصابات جديدة.").stance,
            SpeechAct::Denies
        );
    }

    #[test]
    fn a_source_that_spoke_to_an_outlet_is_relayed_by_it() {
        assert_eq!(
            who("لكن مصدرا تحدث لوكالة رويترز قال إن الميناء أغلق."),
            chain("مصدرا", &["reuters"])
        );
    }

    #[test]
    fn documents_an_outlet_obtained_are_relayed_by_it() {
        assert_eq!(
            who("وقالت وثائق حصلت عليها صحيفة الرقيب إن الوزارة أخفت الأرقام."),
            chain("وثائق", &["courier"])
        );
    }

    #[test]
    fn a_share_of_respondents_is_no_speaker() {
        assert!(parse("62 في المئة من المعلمين يرون أن الرواتب منخفضة.").is_empty());
    }

    #[test]
    fn an_outlet_spoken_to_relays_and_reporters_do_not() {
        assert_eq!(
            who("وقال عمر صالح لرويترز إن الجسر آمن."),
            chain("omar-saleh", &["reuters"])
        );
        assert_eq!(
            who("وقال عمر صالح للصحفيين إن الجسر آمن."),
            chain("omar-saleh", &[])
        );
    }

    #[test]
    fn an_interview_after_the_verb_relays() {
        assert_eq!(
            who("وقال عمر صالح في مقابلة مع صحيفة الرقيب إن الجسر آمن."),
            chain("omar-saleh", &["courier"])
        );
    }

    #[test]
    fn an_interview_before_the_verb_relays() {
        assert_eq!(
            who("وفي مقابلة مع رويترز، قال عمر صالح إن الجسر آمن."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn remarks_an_outlet_carried_are_relayed_by_it() {
        assert_eq!(
            who("وقال عمر صالح في تصريحات نقلتها رويترز إن الجسر آمن."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn naql_an_cites_the_source_after_an() {
        assert_eq!(
            who("ونقلت رويترز عن عمر صالح قوله إن الجسر آمن."),
            chain("omar-saleh", &["reuters"])
        );
    }
}
