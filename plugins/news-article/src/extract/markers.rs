//! Attribution markers without a verb of their own: "according to X", "citing X", "which cited
//! X", "بحسب X", "وفقاً لـ X", "نقلاً عن X", and the claims a sentence gives from them alone.

use claims_plugin::{ParsedClaim, SpeechAct};

use super::lexicon::{
    AR_ACC, AR_ACC_WHAT_VERBS, AR_AUDIENCE, AR_CITING, AR_RELATIVE, AR_RELAY, AR_SPEAKING_TO,
    AR_SPOKE_TO, DOC_NOUNS, EN_CITED, EN_CITING, EN_INSIDERS, EN_RELATIVE, EN_SEEN,
    EN_SOURCE_CLAUSE, EN_WHICH_WHO, HARD_PUNCT, OUTLET_NOUNS, PERSON_NOUNS, SPEAKER_NOUNS,
};
use super::phrase::{withholds_name_at, withholds_name_verb};
use super::stance::denies_proposition;
use super::{Reader, Verb, arabic_tok, is_punct, is_quote_tok};
use crate::text::Tok;

/// How a marker places its target in the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    /// "according to X", "بحسب X": X is the speaker or an outer relay.
    According,
    /// "citing X", "نقلا عن X": X is deeper in the chain.
    Citing,
}

/// One marker and the phrase it introduces.
#[derive(Debug, Clone)]
pub(super) struct Marker {
    /// Where the target goes in the chain.
    pub kind: MarkKind,
    /// Token of the marker word, for joining it to the nearest verb.
    pub start: usize,
    /// The phrase naming the source.
    pub target: (usize, usize),
    /// Where a source name may still be found ("citing tracking data from X").
    pub wide: usize,
    /// An outlet the target spoke to ("خبراء تحدثوا لبي بي سي"): an outer relay.
    pub by: Option<(usize, usize)>,
}

/// The kind of marker at token `i` and where its target starts, if one is there.
fn marker_at(toks: &[Tok], i: usize) -> Option<(MarkKind, usize)> {
    let t = &toks[i];
    if t.f == "according" && toks.get(i + 1).is_some_and(|x| x.f == "to") {
        Some((MarkKind::According, i + 2))
    } else if EN_CITING.contains(&t.f.as_str()) {
        Some((MarkKind::Citing, i + 1))
    } else if EN_CITED.contains(&t.f.as_str())
        && i > 0
        && EN_WHICH_WHO.contains(&toks[i - 1].f.as_str())
    {
        // "citing B, which cited C": one link deeper
        Some((MarkKind::Citing, i + 1))
    } else if toks.get(i + 1).is_some_and(|x| x.is_any(&["عن"]))
        && (t.is_any(AR_CITING) || t.is_verb(AR_RELAY) && i > 0 && toks[i - 1].is_any(AR_RELATIVE))
    {
        // "نقلا عن X", "... التي نقلت عن X"
        Some((MarkKind::Citing, i + 2))
    } else if t.is_any(AR_ACC) && t.f != "حسبما" {
        Some((MarkKind::According, according_target(toks, i)))
    } else {
        None
    }
}

/// Where the source of "بحسب X" starts, past "لـ" and "ما نقلته" ("بحسب ما نقلته وكالة X عن Y",
/// "وفق ما أوردته رويترز").
fn according_target(toks: &[Tok], i: usize) -> usize {
    let mut ts = i + 1;
    if toks.get(ts).is_some_and(|x| x.f == "ل" || x.f == "لـ") {
        ts += 1;
    }
    if toks.get(ts).is_some_and(|x| x.f == "ما")
        && toks
            .get(ts + 1)
            .is_some_and(|x| x.is_verb(AR_ACC_WHAT_VERBS))
    {
        ts += 2;
        if toks.get(ts).is_some_and(|x| x.f == "به") {
            ts += 1;
        }
    }
    ts
}

/// "two executives who spoke to Reuters", "مسؤول طلب عدم الكشف عن هويته": a relative or
/// participial clause about the source is not part of its name.
fn source_clause_at(toks: &[Tok], k: usize) -> bool {
    let x = &toks[k];
    EN_SOURCE_CLAUSE.contains(&x.f.as_str()) || x.is_verb(AR_RELATIVE) || withholds_name_at(toks, k)
}

/// Inside a marker's target, where the speaker ends and the outlet spoken to starts: "خبراء
/// تحدثوا لبي بي سي", "an internal memo seen by Reuters".
fn relay_split(toks: &[Tok], ts: usize, te: usize, wide: usize) -> Option<usize> {
    (ts + 1..te.saturating_sub(1))
        .find(|&k| {
            (toks[k].is_verb(AR_SPOKE_TO) || toks[k].is_any(AR_SPEAKING_TO))
                && (AR_AUDIENCE.contains(&toks[k + 1].f.as_str()) || toks[k + 1].f.starts_with('ل'))
        })
        .or_else(|| {
            (ts + 1..wide.saturating_sub(2))
                .find(|&k| EN_SEEN.contains(&toks[k].f.as_str()) && toks[k + 1].f == "by")
        })
}

impl Reader<'_> {
    /// Finds the markers of a sentence and marks their tokens used, so no verb reads them.
    pub(super) fn find_markers(&self, toks: &[Tok], used: &mut [bool]) -> Vec<Marker> {
        let n = toks.len();
        let mut markers = Vec::new();
        for i in 0..n {
            let t = &toks[i];
            if !t.word || t.q.is_some() {
                continue;
            }
            let Some((kind, ts)) = marker_at(toks, i) else {
                continue;
            };
            let arabic = arabic_tok(t);
            let te = self.phrase_after(toks, ts, 9, arabic);
            let mut wide = te;
            while wide < n
                && wide - ts < 12
                && !is_punct(&toks[wide], HARD_PUNCT)
                && toks[wide].q.is_none()
                && !source_clause_at(toks, wide)
            {
                wide += 1;
            }
            // the relative pronoun belongs to the parenthetical
            let relative = i > 0
                && (EN_WHICH_WHO.contains(&toks[i - 1].f.as_str())
                    || toks[i - 1].is_any(AR_RELATIVE));
            let from = if relative && kind == MarkKind::Citing {
                i - 1
            } else {
                i
            };
            if te <= ts {
                continue;
            }
            for u in used.iter_mut().take(te).skip(from) {
                *u = true;
            }
            let split = relay_split(toks, ts, te, wide);
            let split_by = |k: usize| if arabic_tok(&toks[k]) { k + 1 } else { k + 2 };
            let (target, by) = match split {
                Some(k) => ((ts, k.min(te)), Some((split_by(k), wide.max(te)))),
                None => ((ts, te), None),
            };
            markers.push(Marker {
                kind,
                start: i,
                target,
                wide: if by.is_some() { target.1 } else { wide },
                by,
            });
            // "... نقلته وكالة X عن Y": Y is cited by X
            if kind == MarkKind::According && toks.get(te).is_some_and(|x| x.f == "عن") {
                let ce = self.phrase_after(toks, te + 1, 9, true);
                if ce > te + 1 {
                    for u in used.iter_mut().take(ce).skip(te) {
                        *u = true;
                    }
                    markers.push(Marker {
                        kind: MarkKind::Citing,
                        start: te,
                        target: (te + 1, ce),
                        wide: ce,
                        by: None,
                    });
                }
            }
        }
        markers
    }

    /// "..., citing price competition": a reason, not a source. Arabic بحسب / نقلا عن introduce
    /// sources; an English marker must name someone.
    fn speakerish(&self, toks: &[Tok], m: &Marker) -> bool {
        let r = &toks[m.target.0..m.wide.max(m.target.1)];
        let narrow = &toks[m.target.0..m.target.1];
        arabic_tok(&toks[m.start])
            || self.index.find(r).is_some()
            || narrow.iter().any(|t| t.cap)
            || r.iter().any(|t| {
                t.is_any(SPEAKER_NOUNS)
                    || t.is_any(EN_INSIDERS)
                    || t.is_any(PERSON_NOUNS)
                    || t.is_any(OUTLET_NOUNS)
                    || t.is_any(DOC_NOUNS)
            })
    }

    /// A sentence whose only attribution is its markers ("According to X, ...", "..., بحسب X").
    pub(super) fn marker_claim(
        &mut self,
        toks: &[Tok],
        markers: &[Marker],
        free_markers: &[usize],
        s: usize,
        e: usize,
    ) -> Option<ParsedClaim> {
        let n = toks.len();
        let pick = |kind: MarkKind| -> Vec<usize> {
            free_markers
                .iter()
                .copied()
                .filter(|&m| markers[m].kind == kind)
                .filter(|&m| self.speakerish(toks, &markers[m]))
                .collect()
        };
        let acc = pick(MarkKind::According);
        let cit = pick(MarkKind::Citing);
        let first = *acc.first().or(cit.first())?;
        let mut chain = Vec::new();
        for &m in acc.iter().chain(cit.iter()) {
            if let Some(r) = markers[m].by {
                chain.push(self.resolve(toks, r, true));
            }
            let r = markers[m].target;
            chain.push(self.resolve_wide(toks, r, markers[m].wide, false));
        }
        let m = &markers[first];
        let lead = toks[..m.start].iter().filter(|t| t.word).count();
        let last_used = markers
            .iter()
            .map(|m| m.target.1.max(m.by.map_or(0, |b| b.1)))
            .max()
            .unwrap_or(m.target.1);
        // "According to two executives who spoke on condition of anonymity, ...": the
        // clause about the source is not the content
        let aside = toks.get(last_used).is_some_and(|x| {
            EN_RELATIVE.contains(&x.f.as_str()) || x.is_verb(AR_RELATIVE) || withholds_name_verb(x)
        });
        let last_used = match (last_used..n.min(last_used + 16)).find(|&k| is_punct(&toks[k], ",،"))
        {
            Some(k) if aside => k + 1,
            _ => last_used,
        };
        let (cs, ce) = if lead <= 1 {
            (last_used, n)
        } else {
            (0, m.start)
        };
        let mut pseudo = Verb::bare(m.start, SpeechAct::Asserts, arabic_tok(&toks[m.start]));
        pseudo.cue_end = m.target.1;
        pseudo.attr_end = m.target.1;
        pseudo.content_before = lead > 1;
        self.claim(toks, chain, (cs, ce), &pseudo, s, e)
    }
}

/// "According to people familiar with the talks, one member argued for a cut": once the
/// "according to X," frame opens the sentence, a verb in its content that is not a plain report
/// ("said", "قال") with its own complement is part of the content.
pub(super) fn drop_verbs_in_according_frame(
    toks: &[Tok],
    verbs: &mut [Verb],
    markers: &[Marker],
    free_markers: &mut Vec<usize>,
) {
    let n = toks.len();
    for v in verbs.iter_mut().filter(|v| !v.dead) {
        let framing = v.markers.iter().any(|&m| {
            let mk = &markers[m];
            mk.kind == MarkKind::According
                && mk.by.is_none()
                && mk.target.1 <= v.attr_start
                && toks[..mk.start].iter().filter(|t| t.word).count() <= 1
                && toks[mk.target.1..v.attr_start]
                    .iter()
                    .any(|t| is_punct(t, ",،"))
        });
        let own_act = match v.stance {
            SpeechAct::Asserts => false,
            SpeechAct::Denies => denies_proposition(toks, v),
            _ => true,
        };
        if !framing || own_act || v.content_before {
            continue;
        }
        let plain = toks[v.cue].is_verb(super::lexicon::PLAIN_REPORT);
        let complement = toks[v.cue_end.min(n)..].iter().take(4).any(|t| {
            t.f == "that"
                || t.is_verb(super::lexicon::AR_COMP)
                || is_quote_tok(t)
                || is_punct(t, ":")
        });
        if !plain && !complement {
            v.dead = true;
            free_markers.extend(std::mem::take(&mut v.markers));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{chain, origins, parse, who};

    #[test]
    fn according_to_names_the_speaker() {
        assert_eq!(
            who("According to the Health Ministry, 40 people were hurt in the fire."),
            chain("health-ministry", &[])
        );
    }

    #[test]
    fn citing_puts_the_cited_source_innermost() {
        assert_eq!(
            who("Reuters, citing Lina Haddad, said the bridge would close."),
            chain("lina-haddad", &["reuters"])
        );
    }

    #[test]
    fn which_cited_goes_one_link_deeper() {
        assert_eq!(
            who(
                "The Daily Courier, citing Reuters, which cited Omar Saleh, said the port was shut."
            ),
            chain("omar-saleh", &["reuters", "courier"])
        );
    }

    #[test]
    fn citing_a_reason_is_not_a_source() {
        assert!(parse("Fares rose by a third, citing higher fuel costs.").is_empty());
    }

    #[test]
    fn bihasb_names_the_speaker() {
        assert_eq!(
            who("وارتفعت الإصابات إلى أربعين، بحسب وزارة الصحة."),
            chain("health-ministry", &[])
        );
    }

    #[test]
    fn naqlan_an_cites_under_the_relay() {
        assert_eq!(
            who("وذكرت صحيفة الرقيب، نقلاً عن مصادر مطلعة، أن الميناء أغلق."),
            chain("مصادر مطلعة", &["courier"])
        );
    }

    #[test]
    fn bihasb_ma_naqalathu_x_an_y_is_y_via_x() {
        assert_eq!(
            who("وبحسب ما نقلته رويترز عن لينا حداد، فإن الجسر سيغلق."),
            chain("lina-haddad", &["reuters"])
        );
    }

    #[test]
    fn experts_who_spoke_to_an_outlet_are_relayed_by_it() {
        assert_eq!(
            who("وبحسب خبراء تحدثوا لرويترز، فإن السد آمن."),
            chain("خبراء", &["reuters"])
        );
    }

    #[test]
    fn a_verb_inside_the_according_frame_is_content() {
        assert_eq!(
            origins("According to people familiar with the talks, one member argued for a cut."),
            vec!["people familiar with the talks"]
        );
    }
}
