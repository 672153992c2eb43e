//! Speaker resolution: turning a speaker phrase into a source key, an antecedent ("he", "the
//! ministry", "وأضاف"), the author of a document ("a report by X"), or the name as written.

use super::lexicon::{
    ANAPHOR_KINDS, AR_AUDIENCE, AR_BODIES, AR_CALLED, AR_ITS_SUFFIXES, AR_MADE_IT, AR_NAME_BREAK,
    AR_NOT_SPEAKER, AR_ON_BEHALF, AR_ON_ITS_BEHALF, AR_ONE_OF_THEM, AR_PRON_OTHER, AR_PRON_PERSON,
    DOC_NOUNS, EN_ARTICLES, EN_FROM_BY, EN_HEAD_PREP, EN_ISSUED, EN_ITS, EN_ORG_WORDS, EN_PRESS,
    EN_PRON_OTHER, EN_PRON_PERSON, FROM_BY, OUTLET_NOUNS, PERSON_NOUNS, SPOKESPEOPLE,
};
use super::{Kind, Reader, Speaker, arabic_tok, is_punct};
use crate::text::Tok;

/// Which source kinds "the company", "the ministry", "الوكالة" can refer back to.
fn anaphor_kinds(w: &Tok) -> Option<&'static [&'static str]> {
    ANAPHOR_KINDS
        .iter()
        .find(|(nouns, _)| w.v.iter().any(|v| nouns.contains(&v.as_str())))
        .map(|(_, kinds)| *kinds)
}

/// The kind of a speaker named by these folded words: outlet, person or other.
pub(super) fn kind_of(words: &[String]) -> Kind {
    let has = |list: &[&str]| {
        words
            .iter()
            .any(|w| list.contains(&w.as_str()) || list.contains(&crate::fold::strip_article(w)))
    };
    if has(OUTLET_NOUNS) {
        Kind::Outlet
    } else if has(PERSON_NOUNS) {
        Kind::Person
    } else {
        Kind::Other
    }
}

/// Words of a phrase other than the English articles.
fn content_words(toks: &[Tok], a: usize, b: usize) -> Vec<&Tok> {
    toks[a..b]
        .iter()
        .filter(|t| t.word && !EN_ARTICLES.contains(&t.f.as_str()))
        .collect()
}

/// "وقال رئيسها": a title with a possessive suffix, the head of the body just named.
fn officer_suffix(t: &Tok) -> bool {
    AR_ITS_SUFFIXES.iter().any(|suf| {
        t.f.strip_suffix(suf).is_some_and(|stem| {
            let stem = stem.strip_prefix('و').unwrap_or(stem);
            PERSON_NOUNS.contains(&stem) || PERSON_NOUNS.contains(&stem.replace('ت', "ه").as_str())
        })
    })
}

/// What the provenance rule decided for a document phrase.
enum Provenance {
    /// The phrase resolves to this (possibly nobody).
    Done(Option<Speaker>),
    /// Read the name from this token on.
    From(usize),
    /// Not a document phrase.
    NotDoc,
}

impl<'a> Reader<'a> {
    /// The body (not a person) this sentence's speaker or, failing that, the latest speaker
    /// named: whose officer "its general secretary" or "رئيسها" is.
    fn body_just_named(&self) -> Option<Speaker> {
        self.sent_speaker
            .clone()
            .filter(|s| s.kind != Kind::Person)
            .or_else(|| self.last_body())
    }

    /// The latest speaker that is not a person.
    fn last_body(&self) -> Option<Speaker> {
        self.history
            .iter()
            .rev()
            .find(|s| s.kind != Kind::Person)
            .cloned()
    }

    /// The latest speaker whose source is of one of these workspace kinds.
    fn last_of_kinds(&self, kinds: &[&str]) -> Option<Speaker> {
        self.history
            .iter()
            .rev()
            .find(|s| kinds.contains(&s.skind.as_str()))
            .cloned()
    }

    /// Whether a ل-prefixed word starts a known outlet's name ("لبي بي سي"), so it is an audience.
    pub(super) fn outlet_after_lam(&self, toks: &[Tok], x: &Tok) -> bool {
        if !x.f.starts_with('ل') || x.f.starts_with("لل") || !x.word {
            return false;
        }
        let Some(k) = toks.iter().position(|t| t.s == x.s) else {
            return false;
        };
        let end = (k + 4).min(toks.len());
        self.index
            .find(&toks[k..end])
            .is_some_and(|h| h.at == 0 && self.index.is_outlet(h.source))
    }

    /// Whether a phrase names a news outlet, so an interviewer counts as a relay.
    pub(super) fn outletish(&self, toks: &[Tok], r: (usize, usize)) -> bool {
        match self.index.find(&toks[r.0..r.1]) {
            Some(h) => self.index.is_outlet(h.source),
            None => {
                let words: Vec<String> = toks[r.0..r.1]
                    .iter()
                    .filter(|t| t.word)
                    .map(|t| t.v.last().cloned().unwrap_or_default())
                    .collect();
                kind_of(&words) == Kind::Outlet
            }
        }
    }

    /// The speaker a subject-less verb refers to.
    pub(super) fn antecedent(&mut self, toks: &[Tok], cue: usize, arabic: bool) -> Option<Speaker> {
        let feminine = toks[cue].f.ends_with('ت');
        if let Some(s) = &self.sent_speaker {
            return Some(s.clone());
        }
        // "من جانبها، عبرت الولايات المتحدة ...، وقالت": the sentence's own named subject.
        if let Some(sp) = self.first_named_before(toks, cue, |_| true) {
            return sp;
        }
        // A masculine verb ("وأضاف") cannot refer back to a newspaper or agency, which Arabic
        // treats as feminine; otherwise the last speaker.
        if arabic
            && !feminine
            && let Some(p) = self.history.iter().rev().find(|s| s.kind != Kind::Outlet)
        {
            return Some(p.clone());
        }
        self.history.last().cloned()
    }

    /// The first known source named before token `end` (outside quotes), if `accept` takes it.
    fn first_named_before(
        &mut self,
        toks: &[Tok],
        end: usize,
        accept: impl Fn(&str) -> bool,
    ) -> Option<Option<Speaker>> {
        let before: Vec<Tok> = toks[..end]
            .iter()
            .filter(|t| t.q.is_none())
            .cloned()
            .collect();
        let h = self.index.find_first(&before)?;
        if !accept(self.index.get(h.source).kind.as_str()) {
            return None;
        }
        let k = (0..end).filter(|&k| toks[k].q.is_none()).nth(h.at);
        Some(self.resolve(toks, (k?, k? + h.len), false))
    }

    /// Turns a speaker phrase into a source key, an antecedent, or the name as written.
    pub(super) fn resolve(
        &mut self,
        toks: &[Tok],
        r: (usize, usize),
        quiet: bool,
    ) -> Option<Speaker> {
        self.resolve_wide(toks, r, r.1, quiet)
    }

    /// Like `resolve`, but looks for a known source up to `wide` ("citing data from X").
    pub(super) fn resolve_wide(
        &mut self,
        toks: &[Tok],
        r: (usize, usize),
        wide: usize,
        quiet: bool,
    ) -> Option<Speaker> {
        let (mut a, b) = r;
        if a >= b {
            return None;
        }
        let words: Vec<String> = toks[a..b]
            .iter()
            .filter(|t| t.word)
            .map(|t| t.v.last().cloned().unwrap_or_default())
            .collect();
        // "بحسب تصريحات للصحفيين": statements to reporters name no speaker.
        if toks[a].is_any(DOC_NOUNS)
            && toks.get(a + 1).is_some_and(|x| {
                AR_AUDIENCE.contains(&x.f.as_str()) || x.is_any(AR_NOT_SPEAKER) || x.f == "to"
            })
        {
            return None;
        }
        if let Some(sp) = self.known_source(toks, (a, b), wide, &words) {
            return Some(sp);
        }
        if let Some(sp) = self.officer_of_body(toks, a, b) {
            return Some(sp);
        }
        if let Some(sp) = self.one_of_them_or_on_behalf(toks, a, b) {
            return sp;
        }
        if let Some(sp) = self.single_word_anaphor(toks, a, b) {
            return sp;
        }
        if let Some(sp) = self.body_document_or_spokesman(toks, a, b) {
            return Some(sp);
        }
        match self.provenance(toks, a, b, wide, quiet, &words) {
            Provenance::Done(sp) => return sp,
            Provenance::From(k) => a = k,
            Provenance::NotDoc => {}
        }
        self.as_written(toks, a, b, words, quiet)
    }

    /// A source of the workspace named in the phrase (or up to `wide`).
    fn known_source(
        &mut self,
        toks: &[Tok],
        (a, b): (usize, usize),
        wide: usize,
        words: &[String],
    ) -> Option<Speaker> {
        let h = self
            .index
            .find(&toks[a..b])
            .or_else(|| self.index.find(&toks[a..wide.max(b)]))?;
        let src = self.index.get(h.source);
        let kind = if self.index.is_person(h.source) {
            Kind::Person
        } else if self.index.is_outlet(h.source) {
            Kind::Outlet
        } else {
            kind_of(words)
        };
        let sp = Speaker {
            name: src.key.clone(),
            kind,
            words: words.to_vec(),
            skind: src.kind.clone(),
        };
        self.history.push(sp.clone());
        Some(sp)
    }

    /// "Its general secretary said", "وقال رئيسها": the officer of the body just named.
    fn officer_of_body(&self, toks: &[Tok], a: usize, b: usize) -> Option<Speaker> {
        let its_officer = EN_ITS.contains(&toks[a].f.as_str())
            && toks[a + 1..b].iter().any(|t| t.is_any(PERSON_NOUNS));
        let ar_officer = b == a + 1 && officer_suffix(&toks[a]);
        if its_officer || ar_officer {
            self.body_just_named()
        } else {
            None
        }
    }

    /// "وقال أحدهم": one of the people just named; "متحدث باسمه": a spokesman for whoever the
    /// sentence is about.
    fn one_of_them_or_on_behalf(
        &self,
        toks: &[Tok],
        a: usize,
        b: usize,
    ) -> Option<Option<Speaker>> {
        if b == a + 1 && toks[a].is_verb(AR_ONE_OF_THEM) {
            return Some(
                self.sent_speaker
                    .clone()
                    .or_else(|| self.history.last().cloned()),
            );
        }
        if toks[a..b].iter().any(|t| t.is_verb(AR_ON_ITS_BEHALF)) {
            return Some(self.sent_speaker.clone().or_else(|| self.last_body()));
        }
        None
    }

    /// Pronouns ("he", "هي", "they") and definite head nouns ("the newspaper", "الوزير", "the
    /// bank", "the company") that look back; `None` when the phrase is not one.
    fn single_word_anaphor(&mut self, toks: &[Tok], a: usize, b: usize) -> Option<Option<Speaker>> {
        let content = content_words(toks, a, b);
        let [w] = content.as_slice() else {
            return None;
        };
        let w = *w;
        if EN_PRON_PERSON.contains(&w.f.as_str()) || w.is_any(AR_PRON_PERSON) {
            self.anaphoric = true;
            return Some(
                self.history
                    .iter()
                    .rev()
                    .find(|s| s.kind == Kind::Person)
                    .or(self.history.last())
                    .cloned(),
            );
        }
        if EN_PRON_OTHER.contains(&w.f.as_str()) || w.is_any(AR_PRON_OTHER) {
            self.anaphoric = true;
            return Some(self.history.last().cloned());
        }
        let definite = toks[a].f == "the" || w.f.starts_with("ال");
        if !definite {
            return None;
        }
        self.definite_anaphor(toks, a, w)
    }

    /// "the source", "المصدر", "the bank", "the airport", "the newspaper", "the company": a
    /// definite head noun taken up from an earlier speaker or a source named before.
    fn definite_anaphor(&mut self, toks: &[Tok], a: usize, w: &Tok) -> Option<Option<Speaker>> {
        let key = w.v.last().cloned().unwrap_or_default();
        let key = key
            .strip_suffix('s')
            .filter(|_| key.is_ascii() && key.len() > 4)
            .unwrap_or(&key)
            .to_string();
        // the head noun of an earlier speaker: last word in English, first in Arabic
        let arabic_key = key.starts_with(crate::fold::is_arabic);
        if let Some(sp) = self.history.iter().rev().find(|s| {
            // "a spokesperson for the regional government": the noun before the preposition
            let first = s
                .words
                .iter()
                .position(|w| EN_HEAD_PREP.contains(&w.as_str()))
                .and_then(|p| p.checked_sub(1))
                .map(|p| &s.words[p]);
            let is_key = |x: &String| *x == key || x.strip_prefix("ل") == Some(key.as_str());
            if arabic_key {
                s.words.first().is_some_and(is_key)
            } else {
                s.words.last().is_some_and(is_key) || first.is_some_and(is_key)
            }
        }) {
            // "وأضاف المصدر": the same speaker, maybe through the same relay
            self.noun_anaphor = true;
            return Some(Some(sp.clone()));
        }
        // "the bank" after "Norland Bank" was named, even without a claim
        if let Some(&src) = self
            .mentioned
            .iter()
            .rev()
            .find(|&&src| self.index.has_word(src, &key))
        {
            let source = self.index.get(src);
            let sp = Speaker {
                name: source.key.clone(),
                kind: if self.index.is_person(src) {
                    Kind::Person
                } else if self.index.is_outlet(src) {
                    Kind::Outlet
                } else {
                    Kind::Other
                },
                words: vec![key.clone()],
                skind: source.kind.clone(),
            };
            self.history.push(sp.clone());
            return Some(Some(sp));
        }
        // "the airport" after "the airport operator" (a known source)
        if let Some(sp) = self
            .history
            .iter()
            .rev()
            .find(|s| !s.skind.is_empty() && s.words.contains(&key))
        {
            return Some(Some(sp.clone()));
        }
        if OUTLET_NOUNS.iter().any(|n| w.v.iter().any(|v| v == n))
            && let Some(sp) = self.history.iter().rev().find(|s| s.kind == Kind::Outlet)
        {
            return Some(Some(sp.clone()));
        }
        // "the company", "الوزارة": the last source of that kind, else one named
        // earlier in this very sentence.
        let kinds = anaphor_kinds(w)?;
        if let Some(sp) = self.last_of_kinds(kinds) {
            return Some(Some(sp));
        }
        self.first_named_before(toks, a, |k| kinds.contains(&k))
    }

    /// "a company statement said", "a union spokesman", "A spokesperson said", "the statement
    /// said", "وأوضح البيان": the body that issued it or speaks through them.
    fn body_document_or_spokesman(&self, toks: &[Tok], a: usize, b: usize) -> Option<Speaker> {
        let content = content_words(toks, a, b);
        // "a company statement said": the company's
        if (2..=3).contains(&content.len())
            && EN_ARTICLES.contains(&toks[a].f.as_str())
            && content.last().is_some_and(|w| w.is_any(DOC_NOUNS))
            && let Some(kinds) = content.iter().find_map(|w| anaphor_kinds(w))
            && let Some(sp) = self.last_of_kinds(kinds)
        {
            return Some(sp);
        }
        // "a union spokesman", "a company spokesman": the spokesman of the last such body
        if let [m, w] = content.as_slice()
            && w.is_any(SPOKESPEOPLE)
            && let Some(kinds) = anaphor_kinds(m)
            && let Some(sp) = self
                .history
                .iter()
                .rev()
                .find(|s| kinds.contains(&s.skind.as_str()) && s.kind != Kind::Person)
        {
            return Some(sp.clone());
        }
        if let [w] = content.as_slice() {
            // "The club denied that. A spokesperson said": the body's spokesperson
            if w.is_any(SPOKESPEOPLE)
                && let Some(sp) = self.last_body()
            {
                return Some(sp);
            }
            // "وأوضح البيان", "the statement said", "a statement said": whoever issued it last
            let definite = toks[a].f == "the" || toks[a].f == "a" || w.f.starts_with("ال");
            if definite
                && w.is_any(DOC_NOUNS)
                && let Some(sp) = self.last_body()
            {
                return Some(sp);
            }
        }
        None
    }

    /// "تقرير لوكالة X", "a report by X", "figures published by the commission", "استطلاع
    /// أجراه مركز X": the provenance of a document is the speaker.
    fn provenance(
        &mut self,
        toks: &[Tok],
        a: usize,
        b: usize,
        wide: usize,
        quiet: bool,
        words: &[String],
    ) -> Provenance {
        let first = &toks[a];
        let content_len = content_words(toks, a, b).len();
        // "according to figures from the airport": the provenance past the short phrase
        if first.is_any(DOC_NOUNS)
            && b == a + 1
            && wide > b + 1
            && EN_FROM_BY.contains(&toks[b].f.as_str())
        {
            return Provenance::Done(self.resolve_wide(toks, (b + 1, wide), wide, quiet));
        }
        let lone_doc = content_len == 1 && first.is_any(DOC_NOUNS) && b == a + 1;
        let doc_phrase = !lone_doc && first.is_any(DOC_NOUNS)
            || EN_ARTICLES.contains(&first.f.as_str())
                && toks
                    .get(a + 1)
                    .is_some_and(|t| a + 1 < b && t.is_any(DOC_NOUNS));
        if !doc_phrase {
            return Provenance::NotDoc;
        }
        let d = if first.is_any(DOC_NOUNS) { a } else { a + 1 };
        // "وثائق": documents with no provenance speak for themselves
        let Some(next) = toks.get(d + 1).filter(|_| d + 1 < b) else {
            return Provenance::Done(None);
        };
        if AR_AUDIENCE.contains(&next.f.as_str()) || next.is_any(AR_NOT_SPEAKER) {
            return Provenance::Done(None);
        }
        let issued = EN_ISSUED.contains(&next.f.as_str());
        let far = wide.max(b);
        if issued && toks.get(d + 2).is_some_and(|t| t.f == "by") && d + 3 < far {
            // "figures published by the commission"
            return Provenance::Done(self.resolve_wide(toks, (d + 3, far), far, quiet));
        }
        // "استطلاع أجراه مركز الدراسات": the body that carried it out
        if next.is_verb(AR_MADE_IT) && d + 2 < far {
            return Provenance::Done(self.resolve_wide(toks, (d + 2, far), far, quiet));
        }
        let from_by = FROM_BY.contains(&next.f.as_str());
        if from_by && d + 2 < far {
            // "figures from the airport": whoever "the airport" is
            return Provenance::Done(self.resolve_wide(toks, (d + 2, b.max(d + 3)), far, quiet));
        }
        if from_by {
            if d + 2 >= b {
                return Provenance::Done(None);
            }
            return Provenance::From(d + 2);
        }
        if next.f.starts_with('ل') && next.f.chars().count() > 3 {
            // "تقرير لوكالة X": the name after the preposition
            let skip = if next.f.starts_with("لل") {
                'ل'.len_utf8() * 2
            } else {
                'ل'.len_utf8()
            };
            let s = next.s + skip;
            let name = self.doc[s..toks[b - 1].e].trim().to_string();
            let words2: Vec<String> = words.iter().skip(1).cloned().collect();
            let sp = Speaker {
                kind: kind_of(&words2),
                name,
                words: words2,
                skind: String::new(),
            };
            self.history.push(sp.clone());
            return Provenance::Done(Some(sp));
        }
        Provenance::Done(None)
    }

    /// An unknown speaker, written as in the text (the personal name after a title, without
    /// "لـ" of an audience).
    fn as_written(
        &mut self,
        toks: &[Tok],
        a: usize,
        b: usize,
        words: Vec<String>,
        quiet: bool,
    ) -> Option<Speaker> {
        if toks[a..b]
            .iter()
            .all(|t| t.is_any(AR_NOT_SPEAKER) || EN_PRESS.contains(&t.f.as_str()))
        {
            return None;
        }
        let mut name = self.text(toks, (a, b)).trim();
        // "لوكالة الأنباء الرسمية" as an audience: the name starts after the preposition.
        if AR_AUDIENCE.contains(&toks[a].f.as_str()) {
            let skip = if toks[a].f.starts_with("لل") { 2 } else { 1 };
            name = &name[skip * 'ل'.len_utf8()..];
        }
        let name = name
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '،')
            .trim();
        if name.is_empty() {
            return None;
        }
        // "مدير أحد المستشفيات، الطبيب عماد سليمان": the titled name after the comma
        let after_comma = (a..b)
            .rev()
            .find(|&k| is_punct(&toks[k], "،,"))
            .map(|k| k + 1);
        let name = after_comma
            .filter(|&c| c < b)
            .and_then(|c| self.bare_name(toks, (c, b)))
            .or_else(|| self.bare_name(toks, (a, b)))
            .unwrap_or(name);
        let phrase: Vec<&Tok> = toks[a..b].iter().filter(|t| t.word).collect();
        let personal_name = (2..=3).contains(&phrase.len())
            && phrase
                .iter()
                .all(|t| t.cap && t.f.is_ascii() && !EN_ORG_WORDS.contains(&t.f.as_str()));
        let sp = Speaker {
            name: name.to_string(),
            kind: if personal_name {
                Kind::Person
            } else {
                kind_of(&words)
            },
            words,
            skind: String::new(),
        };
        if !quiet || sp.kind == Kind::Outlet {
            self.history.push(sp.clone());
        }
        Some(sp)
    }

    /// The personal name at the end of a titled phrase ("المحلل السياسي هشام العلي",
    /// "Kremlin spokesman Dmitry Peskov"), since a name is how people write a speaker down.
    fn bare_name(&self, toks: &[Tok], r: (usize, usize)) -> Option<&'a str> {
        let words: Vec<usize> = (r.0..r.1).filter(|&k| toks[k].word).collect();
        // "أحد سكان الحي، ويدعى خالد", "طالبة تدعى هبة": the name given
        if let Some(p) = words.iter().position(|&k| toks[k].is_verb(AR_CALLED))
            && p + 1 < words.len()
        {
            return Some(&self.doc[toks[words[p + 1]].s..toks[*words.last()?].e]);
        }
        let title = |t: &Tok| {
            t.v.iter().any(|v| {
                PERSON_NOUNS.contains(&v.as_str())
                    || PERSON_NOUNS.contains(&v.to_lowercase().as_str())
            })
        };
        let first = *words.first()?;
        let rest: Vec<usize> = if arabic_tok(&toks[first]) {
            if !title(&toks[first]) {
                return None;
            }
            let mut k = 1;
            while k < words.len() {
                let t = &toks[words[k]];
                if t.f.starts_with("ال") || t.is_verb(AR_ON_BEHALF) {
                    k += 1;
                } else {
                    break;
                }
            }
            words[k..].to_vec()
        } else {
            let last_title = words.iter().rposition(|&k| title(&toks[k]))?;
            words[last_title + 1..].to_vec()
        };
        let names = rest.len() >= 2
            && rest.iter().all(|&k| {
                let t = &toks[k];
                t.q.is_none()
                    && !t.is_verb(AR_NAME_BREAK)
                    && (t.cap || t.f.starts_with(crate::fold::is_arabic))
            })
            && !toks[rest[0]].f.starts_with("ال")
            && !toks[rest[0]].is_any(AR_BODIES);
        if !names {
            return None;
        }
        Some(&self.doc[toks[rest[0]].s..toks[*rest.last()?].e])
    }
}

#[cfg(test)]
mod tests {
    use super::kind_of;
    use crate::extract::Kind;
    use crate::extract::testing::origins;

    #[test]
    fn kind_comes_from_the_head_nouns() {
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(kind_of(&w(&["the", "newspaper"])), Kind::Outlet);
        assert_eq!(kind_of(&w(&["الوزير"])), Kind::Person);
        assert_eq!(kind_of(&w(&["officials"])), Kind::Other);
    }

    #[test]
    fn he_and_she_refer_back_to_a_person() {
        assert_eq!(
            origins("Lina Haddad said the bridge was safe. She added that repairs were done."),
            vec!["lina-haddad", "lina-haddad"]
        );
    }

    #[test]
    fn a_subjectless_arabic_verb_refers_back() {
        assert_eq!(
            origins("وقال عمر صالح إن الجسر آمن. وأضاف أن الإصلاحات انتهت."),
            vec!["omar-saleh", "omar-saleh"]
        );
    }

    #[test]
    fn a_masculine_verb_skips_the_newspaper() {
        assert_eq!(
            origins(
                "وقال عمر صالح إن الجسر آمن. وذكرت صحيفة الرقيب أن الطريق مغلق. وأضاف أن الإصلاحات انتهت."
            ),
            vec!["omar-saleh", "courier", "omar-saleh"]
        );
    }

    #[test]
    fn the_bank_is_the_bank_named_before() {
        assert_eq!(
            origins("Norland Bank opened a branch in the city. The bank said profits rose."),
            vec!["norland-bank"]
        );
    }

    #[test]
    fn its_spokesman_speaks_for_the_body() {
        assert_eq!(
            origins(
                "The Health Ministry said the clinic was safe. Its spokesman said it would reopen."
            ),
            vec!["health-ministry", "health-ministry"]
        );
    }

    #[test]
    fn a_spokesperson_speaks_for_the_last_body() {
        assert_eq!(
            origins(
                "Norland Bank denied that it had lost data. A spokesperson said the report was false."
            ),
            vec!["norland-bank", "norland-bank"]
        );
    }

    #[test]
    fn a_report_by_an_unknown_body_is_that_bodys() {
        assert_eq!(
            origins("وذكر تقرير لوكالة الأنباء المحلية أن الطريق مغلق."),
            vec!["وكالة الأنباء المحلية"]
        );
    }

    #[test]
    fn figures_published_by_a_body_are_its() {
        assert_eq!(
            origins("Figures published by the Health Ministry show that infections fell."),
            vec!["health-ministry"]
        );
    }

    #[test]
    fn a_title_gives_way_to_the_name() {
        assert_eq!(
            origins("وقال المحلل السياسي هشام العلي إن الانتخابات ستؤجل."),
            vec!["هشام العلي"]
        );
        assert_eq!(
            origins("Kremlin spokesman Dmitry Peskov said the talks were over."),
            vec!["Dmitry Peskov"]
        );
    }

    #[test]
    fn an_unknown_personal_name_is_a_person_for_she() {
        assert_eq!(
            origins("Marta Lind said the mine was safe. She said the shaft was new."),
            vec!["Marta Lind", "Marta Lind"]
        );
    }
}
