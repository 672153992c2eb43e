//! Relay chains: a report embedded in another ("the agency said that Kim said"), a trailing
//! relay ("X said ..., Interfax reported"), markers joined to the nearest verb, and the chain of
//! speakers one attribution gives, outermost first.

use claims_plugin::SpeechAct;

use super::lexicon::{AR_NOT_SPEAKER, CONTINUE_VERBS, DOC_NOUNS, EVENTS, PLAIN_REPORT};
use super::markers::{MarkKind, Marker};
use super::{Kind, Reader, Speaker, Verb};
use crate::text::Tok;

/// "the agency said that Kim said ...": Kim's claim relayed by the agency. Only a plain report
/// ("said", "قال") inside the content is another speaker's relayed claim ("told Reuters that
/// members had warned of strikes" stays the teller's).
pub(super) fn embed_reports(toks: &[Tok], verbs: &mut [Verb]) {
    let vcount = verbs.len();
    for k in 0..vcount {
        if verbs[k].content_before {
            continue;
        }
        let end = verbs[k].attr_end;
        if let Some(j) = (k + 1..vcount).find(|&j| {
            let w = &verbs[j];
            !w.dead && !w.subj_after && w.subj.is_some() && w.attr_start == end && !w.content_before
        }) {
            if verbs[j].stance != SpeechAct::Declines && !toks[verbs[j].cue].is_verb(PLAIN_REPORT) {
                verbs[j].dead = true;
            } else {
                verbs[j].outer_verbs.push(k);
                verbs[k].dead = true;
            }
        }
    }
}

/// "X said ..., Interfax reported": the trailing verb relays the earlier one.
pub(super) fn trailing_relays(verbs: &mut [Verb]) {
    for k in 0..verbs.len() {
        if verbs[k].content_before
            && !verbs[k].subj_after
            && let Some(j) = (0..k)
                .rev()
                .find(|&j| !verbs[j].dead && !verbs[j].content_before)
        {
            verbs[j].outer_verbs.push(k);
            verbs[k].dead = true;
        }
    }
}

/// Joins each marker to the nearest live verb; returns the markers no verb took.
pub(super) fn attach_markers(verbs: &mut [Verb], markers: &[Marker]) -> Vec<usize> {
    let mut free = Vec::new();
    for (mi, m) in markers.iter().enumerate() {
        let best = verbs
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.dead)
            .min_by_key(|(_, v)| (v.cue as isize - m.start as isize).unsigned_abs());
        match best {
            Some((vi, _)) => verbs[vi].markers.push(mi),
            None => free.push(mi),
        }
    }
    free
}

/// Whether an audience is an occasion ("a news conference", "reporters"), not an outlet.
fn event_like(toks: &[Tok], r: (usize, usize)) -> bool {
    toks[r.0..r.1]
        .iter()
        .any(|t| t.is_any(AR_NOT_SPEAKER) || t.is_any(EVENTS))
}

impl Reader<'_> {
    /// The speakers of one attribution, outermost first.
    pub(super) fn verb_chain(
        &mut self,
        toks: &[Tok],
        v: &Verb,
        markers: &[Marker],
    ) -> Vec<Option<Speaker>> {
        // The speaker first, so "He told a news conference" looks back past nothing new.
        self.anaphoric = false;
        self.noun_anaphor = false;
        let primary = match v.subj {
            Some(r) => self.resolve(toks, r, false),
            None => match v.lead_subj {
                Some(r) if self.sent_speaker.is_none() => self.resolve(toks, r, false),
                _ => {
                    self.anaphoric = true;
                    self.antecedent(toks, v.cue, v.arabic)
                }
            },
        };
        // "وأضاف المصدر", "the source added": a continuation keeps the earlier relay
        let anaphoric = self.anaphoric
            || self.noun_anaphor
                && (toks[v.cue].is_verb(CONTINUE_VERBS)
                    // "the memo said", after "a memo seen by Reuters": the same relay
                    || v.subj.is_some_and(|(a, b)| toks[a..b].iter().any(|t| t.is_any(DOC_NOUNS))));
        let mut chain = Vec::new();
        for &m in &v.markers {
            if markers[m].kind == MarkKind::According {
                if let Some(r) = markers[m].by {
                    chain.push(self.resolve(toks, r, true));
                }
                chain.push(self.resolve_wide(toks, markers[m].target, markers[m].wide, true));
            }
        }
        if let Some(r) = v.outer_by {
            chain.push(self.resolve(toks, r, true));
        }
        // "told Reuters", "told Sea Rescue International": an outlet or a known body relays;
        // "told reporters", "told lawmakers" do not
        if let Some(a) = v.audience
            && !event_like(toks, a)
            && let Some(sp) = self.resolve(toks, a, true)
            && (sp.kind == Kind::Outlet || !sp.skind.is_empty() && sp.kind != Kind::Person)
        {
            chain.push(Some(sp));
        }
        if let Some(p) = &primary {
            self.sent_speaker = Some(p.clone());
            self.history.push(p.clone());
        }
        chain.push(primary);
        for &c in &v.cited {
            chain.push(self.resolve(toks, c, false));
        }
        for &m in &v.markers {
            if markers[m].kind == MarkKind::Citing {
                chain.push(self.resolve_wide(toks, markers[m].target, markers[m].wide, false));
            }
        }
        self.anaphoric = anaphoric;
        chain
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{chain, parse, who};

    #[test]
    fn a_plain_report_inside_another_is_relayed() {
        assert_eq!(
            who("Reuters reported that Omar Saleh said the port was shut."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn another_verb_inside_the_content_stays_the_tellers() {
        assert_eq!(
            who("Omar Saleh told Reuters that members had warned of strikes."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn a_trailing_report_relays_the_earlier_verb() {
        assert_eq!(
            who("Omar Saleh said the port was shut, Reuters reported."),
            chain("omar-saleh", &["reuters"])
        );
    }

    #[test]
    fn a_news_conference_is_no_relay() {
        assert_eq!(
            who("Omar Saleh told a news conference that the port was shut."),
            chain("omar-saleh", &[])
        );
    }

    #[test]
    fn he_added_keeps_the_outlet_spoken_to() {
        let c = parse("Omar Saleh told Reuters the port was shut. He added that it would reopen.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].origin, "omar-saleh");
        assert_eq!(c[1].via, vec!["reuters".to_string()]);
    }

    #[test]
    fn a_marker_joins_the_nearest_verb() {
        assert_eq!(
            who("وقالت صحيفة الرقيب، نقلاً عن مصادر أمنية، إن الميناء أغلق."),
            chain("مصادر أمنية", &["courier"])
        );
    }
}
