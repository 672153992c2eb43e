//! The English cue rules: which verbs attribute ("said", "denied", "declined to comment", "did
//! not respond to a request for comment", "called X "..."", "found that"), the subject before
//! the verb or after it (`"...," said X`), appositions, passives ("was quoted by", "was reported
//! by"), audiences and interviewers that relay, and content that comes before the attribution.

use claims_plugin::SpeechAct;

use super::cues::{Cue, Verb};
use super::lexicon::{
    DOC_NOUNS, EN_ADDED_OBJ, EN_ADJECTIVAL_BEFORE, EN_AND_BUT, EN_ARTICLES, EN_AUX, EN_BOUND,
    EN_CALLED, EN_CITED, EN_DENY, EN_FOUND, EN_INTERVIEW_PREP, EN_MADE_BY, EN_MODAL, EN_NOBODY,
    EN_NOT, EN_PARENTHETICAL, EN_PASSIVE, EN_PASSIVE_ADVERB, EN_PRON_SUBJECT, EN_REFUSE,
    EN_REFUSE_OBJ, EN_RELAYED_BY, EN_REQUESTS, EN_RESPOND, EN_RESPOND_NOT, EN_SAY, EN_SEEN,
    EN_SKIP_BEFORE, EN_THAT_WHAT, EN_THAT_WHO, EN_TRAILING, EN_VERBISH, EN_WAS, EN_WHICH_WHO,
};
use super::{Reader, is_en_cue, is_punct, is_quote_tok};
use crate::sources::Hit;
use crate::text::Tok;

/// The folded word before token `i`, or "".
fn prev_word(toks: &[Tok], i: usize) -> &str {
    i.checked_sub(1).map(|p| toks[p].f.as_str()).unwrap_or("")
}

/// "the announced plan", "the number of reported cases", "added to the list", "was
/// reported", "declared a state of emergency": the participle is not speech.
fn not_speech(toks: &[Tok], i: usize) -> bool {
    let f = toks[i].f.as_str();
    let prev = prev_word(toks, i);
    let adjectival = EN_ADJECTIVAL_BEFORE.contains(&prev);
    // "added to the list", "added 27 companies": not speech
    let added_to = f == "added"
        && toks.get(i + 1).is_some_and(|x| {
            x.f == "to"
                || x.f.chars().all(|c| c.is_ascii_digit())
                || EN_ADDED_OBJ.contains(&x.f.as_str())
        });
    let passive =
        EN_PASSIVE.contains(&prev) && toks.get(i + 1).is_none_or(|x| x.f != "by") && f != "reached";
    // "declared a state of emergency": an act, not a claim
    let declared_act = f == "declared" && toks.get(i + 1).is_none_or(|x| x.f != "that");
    adjectival || added_to || passive || declared_act
}

/// "said", "told": a claim; "to say" is none; "did not say how many" is none, and "would not
/// say whether" declines.
fn say(toks: &[Tok], i: usize) -> Option<Cue> {
    let f = toks[i].f.as_str();
    let prev = prev_word(toks, i);
    if (f == "say" || f == "says") && prev == "to" {
        return None;
    }
    let mut cue = Cue::word(i, SpeechAct::Asserts);
    if EN_NOT.contains(&prev) {
        let modal = i >= 2 && EN_MODAL.contains(&toks[i - 2].f.as_str())
            || prev == "n't" && i >= 2 && toks[i - 2].f.ends_with("would");
        if !(modal && (f == "say" || f == "confirm")) {
            return None;
        }
        cue.stance = SpeechAct::Declines;
    }
    Some(cue)
}

/// "declined to comment", "refused to name": a refusal only before a verb of speaking.
fn declined_to(toks: &[Tok], i: usize) -> Option<Cue> {
    let ok = toks.get(i + 1).is_some_and(|x| x.f == "to")
        && toks
            .get(i + 2)
            .is_some_and(|x| EN_REFUSE_OBJ.contains(&x.f.as_str()));
    ok.then_some(Cue {
        cue_end: i + 3,
        ..Cue::word(i, SpeechAct::Declines)
    })
}

/// "X called the decision "a vote of confidence"": naming a thing in quotes is a claim
/// ("called for" is not).
fn called_in_quotes(toks: &[Tok], i: usize) -> bool {
    EN_CALLED.contains(&toks[i].f.as_str())
        && toks.get(i + 1).is_none_or(|x| x.f != "for")
        && toks[i + 1..].iter().take(8).any(is_quote_tok)
}

/// "the report found that ...".
fn found_that(toks: &[Tok], i: usize) -> bool {
    EN_FOUND.contains(&toks[i].f.as_str()) && toks.get(i + 1).is_some_and(|x| x.f == "that")
}

/// "..., but would not comment further".
fn would_not_comment(toks: &[Tok], i: usize) -> bool {
    toks[i].f == "comment" && EN_NOT.contains(&prev_word(toks, i))
}

/// "could not be reached for comment".
fn reached_for_comment(toks: &[Tok], i: usize) -> bool {
    toks[i].f == "reached"
        && toks.get(i + 1).is_some_and(|x| x.f == "for")
        && toks.get(i + 2).is_some_and(|x| x.f == "comment")
}

/// "did not respond to a request for comment", "did not immediately reply to questions": a
/// refusal when what went unanswered was asked within seven words.
fn no_response(toks: &[Tok], i: usize) -> Option<Cue> {
    if !(EN_RESPOND.contains(&toks[i].f.as_str()) && EN_RESPOND_NOT.contains(&prev_word(toks, i))) {
        return None;
    }
    let asked = |x: &Tok| EN_REQUESTS.contains(&x.f.as_str());
    if !toks[i + 1..].iter().take(7).any(asked) {
        return None;
    }
    Some(Cue {
        cue_end: (i + 1..toks.len())
            .find(|&j| asked(&toks[j]))
            .map_or(i + 1, |j| j + 1),
        ..Cue::word(i, SpeechAct::Declines)
    })
}

/// "Nurses at St. Aldric's walked off the job, saying ...": a participle's speaker is the
/// sentence's subject, up to the first verb-looking word ("walked", "has", "were").
pub(super) fn lead_subject(toks: &[Tok], i: usize, v: &mut Verb) {
    let verbish = |t: &Tok| !t.cap && (t.f.ends_with("ed") || EN_VERBISH.contains(&t.f.as_str()));
    let mut e = 0;
    while e < i
        && e < 10
        && toks[e].q.is_none()
        && (toks[e].word || matches!(toks[e].f.as_str(), "'" | "’" | "."))
        && !verbish(&toks[e])
    {
        e += 1;
    }
    if e > 0 && toks[0].cap && toks[e].word && verbish(&toks[e]) {
        v.lead_subj = Some((0, e));
    }
}

impl Reader<'_> {
    /// Reads the English verb at `i`: its stance, its extent, and whether it relays.
    pub(super) fn en_cue(&self, toks: &[Tok], i: usize) -> Option<Cue> {
        let f = toks[i].f.as_str();
        if not_speech(toks, i) {
            return None;
        }
        let mut cue = if EN_SAY.contains(&f) {
            say(toks, i)?
        } else if EN_DENY.contains(&f) {
            Cue::word(i, SpeechAct::Denies)
        } else if EN_REFUSE.contains(&f) {
            declined_to(toks, i)?
        } else if called_in_quotes(toks, i) || found_that(toks, i) {
            Cue::word(i, SpeechAct::Asserts)
        } else if would_not_comment(toks, i) {
            Cue::word(i, SpeechAct::Declines)
        } else if reached_for_comment(toks, i) {
            Cue {
                cue_end: i + 3,
                ..Cue::word(i, SpeechAct::Declines)
            }
        } else {
            no_response(toks, i)?
        };
        cue.relay = EN_CITED.contains(&f);
        self.quoted_by(toks, i, &mut cue);
        Some(cue)
    }

    /// "X was quoted by TASS as saying": TASS relays X.
    fn quoted_by(&self, toks: &[Tok], i: usize, cue: &mut Cue) {
        let passive_by =
            EN_WAS.contains(&prev_word(toks, i)) && toks.get(i + 1).is_some_and(|x| x.f == "by");
        if !(cue.relay && passive_by) {
            return;
        }
        cue.relay = false;
        let be = self.phrase_after(toks, i + 2, 6, false);
        if be > i + 2 {
            cue.passive_relay = Some((i + 2, be));
            cue.cue_end = if toks.get(be).is_some_and(|x| x.f == "as")
                && toks.get(be + 1).is_some_and(|x| x.f == "saying")
            {
                be + 2
            } else {
                be
            };
        }
    }

    /// Reads the subject, audience and relays of an English cue; `None` when it turns out
    /// not to attribute (an aside, nobody, no subject at all).
    pub(super) fn en_attribution(
        &self,
        toks: &[Tok],
        i: usize,
        cue: &Cue,
        used: &[bool],
        v: &mut Verb,
    ) -> Option<()> {
        let t = &toks[i];
        let end = self.subject_before(toks, i, used, v)?;
        relayed_in_subject(toks, v);
        // after the verb: object of told/quoted, inversion subject
        let mut k = cue.cue_end;
        if t.f == "told" || t.f == "tells" || t.f == "informed" {
            let ae = self.phrase_after(toks, k, 6, false);
            if ae > k {
                v.audience = Some((k, ae));
                k = ae;
            }
        }
        if cue.relay && v.subj.is_some() {
            k = self.cited_after(toks, k, v);
        }
        let coordinated = end > 0 && EN_AND_BUT.contains(&toks[end - 1].f.as_str());
        if v.subj.is_none() && coordinated {
            // "confirmed it had been informed, but declined to comment": same speaker
            v.anaphora = true;
        } else if v.subj.is_none() {
            k = self.inverted_subject(toks, k, v);
        }
        if v.subj.is_none() && !v.anaphora {
            return None;
        }
        if aside_in_claim(toks, v) {
            return None;
        }
        head_before_who(toks, used, v);
        if cue.passive_relay.is_some() {
            v.outer_by = cue.passive_relay;
        }
        if cue.passive_relay.is_none() {
            self.passive_agent(toks, i, v);
        }
        // "No group has claimed responsibility": nobody spoke
        if v.subj
            .is_some_and(|(sa, _)| EN_NOBODY.contains(&toks[sa].f.as_str()))
        {
            return None;
        }
        self.interview_with_outlet(toks, v);
        self.seen_by_before(toks, v);
        v.attr_end = v.attr_end.max(k);
        self.content_before(toks, k, used, v);
        Some(())
    }

    /// English subject before the verb, skipping auxiliaries and adverbs and ", citing X,"
    /// parentheticals; returns where the skipped words began, or `None` for an aside ("The
    /// Wall Street Journal, which first reported the agreement, said").
    fn subject_before(&self, toks: &[Tok], i: usize, used: &[bool], v: &mut Verb) -> Option<usize> {
        let mut j = i;
        while j > 0 && EN_SKIP_BEFORE.contains(&toks[j - 1].f.as_str()) && toks[j - 1].q.is_none() {
            j -= 1;
        }
        let end = j;
        if end > 0 && EN_WHICH_WHO.contains(&toks[end - 1].f.as_str()) {
            return None;
        }
        let mut b = j;
        let mut se = end;
        let mut collected = false;
        while b > 0 {
            let x = &toks[b - 1];
            if is_punct(x, ",") || used[b - 1] {
                // skip ", citing X," parentheticals, one after another
                let last = if used[b - 1] {
                    Some(b - 1)
                } else {
                    b.checked_sub(2)
                };
                if let Some(mut m) = last.filter(|&l| used[l]) {
                    while m > 0 && used[m - 1] {
                        m -= 1;
                    }
                    if m > 0 && is_punct(&toks[m - 1], ",") {
                        if !collected {
                            se = m - 1;
                        }
                        b = m - 1;
                        continue;
                    }
                }
                break;
            }
            if x.q.is_some() || !x.word && x.f != "'" && x.f != "’" {
                break;
            }
            if EN_THAT_WHO.contains(&x.f.as_str()) && collected {
                // "The construction firm that carried out the repairs did not ..."
                let head = &toks[..b - 1];
                let short = head.len() <= 4
                    && head.iter().all(|t| t.word && t.q.is_none())
                    && head
                        .first()
                        .is_some_and(|t| EN_ARTICLES.contains(&t.f.as_str()));
                if short {
                    b = 0;
                }
                break;
            }
            if EN_BOUND.contains(&x.f.as_str()) || is_en_cue(x) || used[b - 1] {
                break;
            }
            let joins_names = b >= 2 && toks[b - 2].cap && toks.get(b).is_some_and(|y| y.cap);
            if EN_AND_BUT.contains(&x.f.as_str()) && !joins_names {
                break;
            }
            if se - b >= 12 {
                break;
            }
            b -= 1;
            collected = true;
        }
        if se > b {
            v.subj = Some((b, se));
            v.attr_start = b;
        } else if b > 0 && b == end && is_punct(&toks[b - 1], ",") {
            self.apposition_subject(toks, b - 1, v);
        }
        Some(end)
    }

    /// "Grainco, the region's largest exporter, declined", "X, speaking on condition of
    /// anonymity, said", "The report, which was reviewed by Y, found": the subject between
    /// two commas before the verb (`c2` is the second comma), or its apposition.
    fn apposition_subject(&self, toks: &[Tok], c2: usize, v: &mut Verb) {
        let Some(c1) = (0..c2).rev().take(25).find(|&k| is_punct(&toks[k], ",")) else {
            return;
        };
        let mut s1 = c1;
        while s1 > 0 && toks[s1 - 1].word && toks[s1 - 1].q.is_none() && c1 - s1 < 10 {
            if EN_BOUND.contains(&toks[s1 - 1].f.as_str()) || is_en_cue(&toks[s1 - 1]) {
                break;
            }
            s1 -= 1;
        }
        let clean = s1 == 0 || is_punct(&toks[s1 - 1], ",;:") || is_quote_tok(&toks[s1 - 1]);
        let s2 = (c1 + 1, c2);
        let seg = &toks[s2.0..s2.1];
        let paren = seg
            .first()
            .is_some_and(|t| EN_PARENTHETICAL.contains(&t.f.as_str()));
        let appos = seg.len() <= 8 && seg.iter().all(|t| t.word && t.q.is_none());
        if !(s1 < c1 && clean && (paren || appos)) {
            return;
        }
        let p1 = self.index.find(&toks[s1..c1]);
        let p2 = self.index.find(seg);
        let person = |h: Option<Hit>| h.is_some_and(|h| self.index.is_person(h.source));
        // "Its spokeswoman, Ilse Maren,": the name, when the apposition is one.
        // A name is written in capitals; a description is not ("Orbitra's main
        // investor, Atlantic Ventures,").
        let caps = |r: &[Tok]| r.iter().filter(|t| t.word).all(|t| t.cap);
        let pick2 = !paren
            && !caps(&toks[s1..c1])
            && (caps(seg) || p2.is_some() && (p1.is_none() || person(p2) && !person(p1)));
        v.subj = Some(if pick2 { s2 } else { (s1, c1) });
        v.attr_start = s1;
        if let Some(k) = (s2.0..s2.1.saturating_sub(1))
            .find(|&k| EN_RELAYED_BY.contains(&toks[k].f.as_str()) && toks[k + 1].f == "by")
        {
            v.outer_by = Some((k + 2, s2.1));
        }
        // "The poll, conducted by the Halden Institute for the Daily Courier,
        // found": the pollster speaks, the outlet that commissioned it relays.
        let doc_subject = toks[s1..c1].iter().any(|t| t.is_any(DOC_NOUNS));
        if doc_subject
            && let Some(k) = (s2.0..s2.1.saturating_sub(1))
                .find(|&k| EN_MADE_BY.contains(&toks[k].f.as_str()) && toks[k + 1].f == "by")
        {
            let fr = (k + 2..s2.1).find(|&j| toks[j].f == "for").unwrap_or(s2.1);
            if fr > k + 2 {
                v.subj = Some((k + 2, fr));
                if fr + 1 < s2.1 && self.outletish(toks, (fr + 1, s2.1)) {
                    v.outer_by = Some((fr + 1, s2.1));
                }
            }
        }
    }

    /// "X quoted Y as saying", "X cited Y": Y is cited by X.
    fn cited_after(&self, toks: &[Tok], mut k: usize, v: &mut Verb) -> usize {
        let ce = self.phrase_after(toks, k, 8, false);
        if ce > k {
            v.cited.push((k, ce));
            k = ce;
            if toks.get(k).is_some_and(|x| x.f == "as")
                && toks.get(k + 1).is_some_and(|x| x.f == "saying")
            {
                k += 2;
            }
        }
        k
    }

    /// Inversion: `"...," said Peskov.` / `..., said the ministry`, and `said the institute's
    /// director, Ruth Engel.` (the name in apposition).
    fn inverted_subject(&self, toks: &[Tok], mut k: usize, v: &mut Verb) -> usize {
        let mut k2 = k;
        while toks
            .get(k2)
            .is_some_and(|x| EN_SKIP_BEFORE.contains(&x.f.as_str()))
        {
            k2 += 1;
        }
        let se = self.phrase_after(toks, k2, 8, false);
        if se > k2 {
            v.subj = Some((k2, se));
            v.subj_after = true;
            k = se;
            if toks.get(se).is_some_and(|x| is_punct(x, ",")) {
                let ae = self.phrase_after(toks, se + 1, 4, false);
                let caps = toks[se + 1..ae].iter().all(|t| t.word && t.cap);
                let desc = toks[k2..se].iter().filter(|t| t.word).any(|t| !t.cap);
                let ends = toks.get(ae).is_none_or(|x| is_punct(x, ",.;"));
                if ae > se + 1 && caps && desc && ends {
                    v.subj = Some((se + 1, ae));
                    k = ae;
                }
            }
        }
        k
    }

    /// "It was reported by The Information that ...": the agent is the speaker; "The plan was
    /// first reported by Bloomberg": and the subject is the content.
    fn passive_agent(&self, toks: &[Tok], i: usize, v: &mut Verb) {
        let aux = |k: usize| EN_AUX.contains(&toks[k].f.as_str());
        let passive = i > 0
            && (aux(i - 1)
                || i > 1 && aux(i - 2) && EN_PASSIVE_ADVERB.contains(&toks[i - 1].f.as_str()));
        if !(passive && toks.get(i + 1).is_some_and(|x| x.f == "by")) {
            return;
        }
        let be = self.phrase_after(toks, i + 2, 6, false);
        if be > i + 2 {
            v.subj = Some((i + 2, be));
            v.subj_after = true;
            v.attr_start = v.attr_start.min(i);
            if toks.get(be).is_some_and(|x| x.f == "that") {
                v.attr_end = be + 1;
            } else {
                v.attr_end = be;
                v.content_before = true;
                v.attr_start = (0..i).rev().find(|&k| aux(k)).unwrap_or(i);
            }
            v.cue_end = v.attr_end;
        }
    }

    /// "In an interview with Channel 4 News, X said": the outlet relays X.
    fn interview_with_outlet(&self, toks: &[Tok], v: &mut Verb) {
        if v.outer_by.is_some() {
            return;
        }
        let Some(k) = (0..toks.len()).find(|&k| {
            toks[k].q.is_none()
                && toks[k].f == "interview"
                && toks
                    .get(k + 1)
                    .is_some_and(|x| EN_INTERVIEW_PREP.contains(&x.f.as_str()))
        }) else {
            return;
        };
        let stop = if k < v.attr_start {
            v.attr_start
        } else {
            toks.len()
        };
        let e2 = (k + 2..stop)
            .find(|&j| is_punct(&toks[j], ",.;") || toks[j].q.is_some())
            .unwrap_or(stop);
        if e2 > k + 2 && self.outletish(toks, (k + 2, e2)) {
            v.outer_by = Some((k + 2, e2));
        }
    }

    /// "In a letter to staff seen by the Valley Chronicle, X said": the outlet relays X.
    fn seen_by_before(&self, toks: &[Tok], v: &mut Verb) {
        if v.outer_by.is_some() || v.subj_after {
            return;
        }
        let Some(k) = (0..v.attr_start).find(|&k| {
            EN_SEEN.contains(&toks[k].f.as_str()) && toks.get(k + 1).is_some_and(|x| x.f == "by")
        }) else {
            return;
        };
        let e2 = (k + 2..v.attr_start)
            .find(|&j| is_punct(&toks[j], ","))
            .unwrap_or(v.attr_start);
        if e2 > k + 2 && self.outletish(toks, (k + 2, e2)) {
            v.outer_by = Some((k + 2, e2));
        }
    }

    /// ", X said." / ", X said on Tuesday, warning ..." / `"We will stay," X said at a rally`:
    /// the content precedes the attribution.
    fn content_before(&self, toks: &[Tok], k: usize, used: &[bool], v: &mut Verb) {
        let mut r = k;
        while r < toks.len()
            && (used[r]
                || toks[r].word
                    && (EN_SKIP_BEFORE.contains(&toks[r].f.as_str())
                        || EN_TRAILING.contains(&toks[r].f.as_str())))
        {
            r += 1;
        }
        let after_empty = r >= toks.len()
            || is_punct(&toks[r], ",")
            || toks[r..]
                .iter()
                .enumerate()
                .all(|(o, y)| !y.word || used[r + o]);
        let lead_words = toks[..v.attr_start].iter().filter(|x| x.word).count();
        let lead_ok = v.attr_start > 0
            && (is_punct(&toks[v.attr_start - 1], ",") || is_quote_tok(&toks[v.attr_start - 1]));
        let quote_first = self.quotes.iter().any(|q| {
            q.open == toks[0].s && v.attr_start > 0 && toks[v.attr_start - 1].e == q.close_end
        });
        if lead_words > 0 && lead_ok && (after_empty || v.subj_after || quote_first) {
            v.content_before = true;
        }
    }
}

/// "Two drivers interviewed by The Metro Ledger said": the outlet relays them.
fn relayed_in_subject(toks: &[Tok], v: &mut Verb) {
    if let Some((sa, sb)) = v.subj
        && let Some(k) = (sa + 1..sb.saturating_sub(2))
            .find(|&k| EN_RELAYED_BY.contains(&toks[k].f.as_str()) && toks[k + 1].f == "by")
    {
        v.subj = Some((sa, k));
        v.outer_by = Some((k + 2, sb));
    }
}

/// "pens that it said had been sold": an aside inside someone else's claim.
fn aside_in_claim(toks: &[Tok], v: &Verb) -> bool {
    v.subj.is_some_and(|(sa, sb)| {
        sb == sa + 1
            && sa > 0
            && EN_PRON_SUBJECT.contains(&toks[sa].f.as_str())
            && EN_THAT_WHAT.contains(&toks[sa - 1].f.as_str())
    })
}

/// "Two officials who spoke on condition of anonymity said": the head before "who".
fn head_before_who(toks: &[Tok], used: &[bool], v: &mut Verb) {
    if let Some((sa, _)) = v.subj
        && sa > 1
        && EN_WHICH_WHO.contains(&toks[sa - 1].f.as_str())
        && toks[sa - 2].word
    {
        let mut b = sa - 1;
        while b > 0
            && sa - 1 - b < 6
            && toks[b - 1].word
            && toks[b - 1].q.is_none()
            && !used[b - 1]
            && !EN_BOUND.contains(&toks[b - 1].f.as_str())
        {
            b -= 1;
        }
        if b < sa - 1 {
            v.subj = Some((b, sa - 1));
            v.attr_start = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use claims_plugin::SpeechAct;

    use super::{called_in_quotes, found_that, not_speech, reached_for_comment};
    use crate::extract::testing::{chain, one, origins, parse, toks, who};

    #[test]
    fn a_participle_used_as_an_adjective_is_no_speech() {
        assert!(not_speech(&toks("the announced plan"), 1));
        assert!(not_speech(&toks("the ministry added 27 companies"), 2));
        assert!(not_speech(
            &toks("the governor declared a state of emergency"),
            2
        ));
        assert!(not_speech(&toks("it was reported widely"), 2));
        assert!(!not_speech(&toks("the governor said"), 2));
        assert!(parse("The ministry added 27 companies to the list.").is_empty());
    }

    #[test]
    fn not_saying_is_no_claim_but_would_not_say_declines() {
        assert!(parse("Lina Haddad did not say how many people were hurt.").is_empty());
        assert_eq!(
            one("Lina Haddad would not say whether the bridge was safe.").stance,
            SpeechAct::Declines
        );
    }

    #[test]
    fn declining_to_comment_declines() {
        let c = one("Norland Bank declined to comment.");
        assert_eq!(
            (c.origin.as_str(), c.stance),
            ("norland-bank", SpeechAct::Declines)
        );
        assert!(parse("Norland Bank declined the offer.").is_empty());
    }

    #[test]
    fn calling_something_in_quotes_is_a_claim() {
        assert!(called_in_quotes(
            &toks("Saleh called the decision \"a disgrace\""),
            1
        ));
        assert!(!called_in_quotes(&toks("Saleh called for \"calm\""), 1));
        assert_eq!(
            origins("Omar Saleh called the decision \"a disgrace\"."),
            vec!["omar-saleh"]
        );
    }

    #[test]
    fn found_that_is_a_finding() {
        assert!(found_that(&toks("the report found that prices rose"), 2));
        assert!(!found_that(&toks("the police found the car"), 2));
        assert_eq!(
            origins("A Health Ministry report found that infections fell."),
            vec!["health-ministry"]
        );
    }

    #[test]
    fn could_not_be_reached_for_comment_declines() {
        assert!(reached_for_comment(&toks("reached for comment"), 0));
        assert_eq!(
            one("Omar Saleh could not be reached for comment.").stance,
            SpeechAct::Declines
        );
    }

    #[test]
    fn no_response_to_a_request_declines() {
        let c = one("Norland Bank did not respond to a request for comment.");
        assert_eq!(
            (c.origin.as_str(), c.stance),
            ("norland-bank", SpeechAct::Declines)
        );
        assert!(parse("Norland Bank did not respond to the flood.").is_empty());
    }

    #[test]
    fn a_participle_without_a_speaker_takes_the_sentence_subject() {
        let o = origins("Nurses at the hospital walked off the job, saying they were unpaid.");
        assert_eq!(o, vec!["Nurses at the hospital"]);
    }

    #[test]
    fn quoted_by_relays() {
        assert_eq!(
            who("Omar Saleh was quoted by Reuters as saying the port was shut."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn quoting_someone_cites_them() {
        assert_eq!(
            who("Reuters quoted Omar Saleh as saying the port was shut."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn inversion_reads_the_subject_after_the_verb() {
        let c = one("\"The port is shut,\" said Omar Saleh.");
        assert_eq!(c.origin, "omar-saleh");
        assert_eq!(c.text, "The port is shut");
        assert!(c.quote);
    }

    #[test]
    fn a_capitalised_apposition_names_the_subject() {
        assert_eq!(
            origins("The bank's chief executive, Marta Lind, said profits rose."),
            vec!["Marta Lind"]
        );
    }

    #[test]
    fn a_passive_report_by_x_is_x_s() {
        assert_eq!(
            origins("It was reported by Reuters that the port was shut."),
            vec!["reuters"]
        );
    }

    #[test]
    fn nobody_claimed_is_no_claim() {
        assert!(parse("No group has claimed responsibility for the attack.").is_empty());
    }

    #[test]
    fn an_interview_with_an_outlet_relays() {
        assert_eq!(
            who("In an interview with Reuters, Omar Saleh said the port was shut."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn a_letter_seen_by_an_outlet_is_relayed_by_it() {
        assert_eq!(
            who("In a letter seen by The Daily Courier, Omar Saleh said the port was shut."),
            chain("omar-saleh", &["courier"])
        );
    }

    #[test]
    fn people_interviewed_by_an_outlet_are_relayed_by_it() {
        assert_eq!(
            who("Two drivers interviewed by Reuters said the road was closed."),
            chain("Two drivers", &["reuters"])
        );
    }

    #[test]
    fn it_said_inside_a_claim_is_an_aside() {
        assert_eq!(
            origins("Lina Haddad said the pens that it said had been sold were fake."),
            vec!["lina-haddad"]
        );
    }

    #[test]
    fn the_head_before_who_is_the_speaker() {
        assert_eq!(
            origins("Two officials who spoke on condition of anonymity said the port was shut."),
            vec!["Two officials"]
        );
    }

    #[test]
    fn telling_an_outlet_relays_and_telling_reporters_does_not() {
        assert_eq!(
            who("Omar Saleh told Reuters the port was shut."),
            chain("omar-saleh", &["reuters"])
        );
        assert_eq!(
            who("Omar Saleh told reporters the port was shut."),
            chain("omar-saleh", &[])
        );
    }

    #[test]
    fn content_before_the_attribution() {
        let c = one("The port will reopen next week, Omar Saleh said.");
        assert_eq!(c.text, "The port will reopen next week");
    }
}
