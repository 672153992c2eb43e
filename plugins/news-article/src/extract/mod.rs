//! Finding who said what in a sentence: attribution cues, speakers, relay chains, quotes and stance.
//!
//! [`Reader::sentence`] is the walk over one sentence; each step lives in the file named after it:
//!
//! | file | what it holds |
//! |---|---|
//! | `lexicon.rs` | every word list, named once |
//! | `markers.rs` | "according to X", "citing X", "بحسب X", "نقلاً عن X", and claims from them alone |
//! | `cues.rs` | the verb reader: which rule reads the cue at a token, then its subject |
//! | `cues_ar.rs` | the Arabic cue rules (VSO/SV subjects, audiences, "لم يتسن التعليق", ...) |
//! | `cues_en.rs` | the English cue rules (inversion, appositions, passives, "declined to comment", ...) |
//! | `phrase.rs` | where a speaker phrase ends |
//! | `chains.rs` | relay chains: embedded reports, trailing relays, markers joined to verbs |
//! | `speaker.rs` | turning a phrase into a source, an antecedent or a name as written |
//! | `stance.rs` | asserts, denies or declines |
//! | `quotes.rs` | quotations as content, and quotes that continue the last speaker |
//! | `claim.rs` | building the claim: content span and `said_on` |

mod chains;
mod claim;
mod cues;
mod cues_ar;
mod cues_en;
mod lexicon;
mod markers;
mod phrase;
mod quotes;
mod speaker;
mod stance;

use claims_plugin::ParsedClaim;

use crate::fold::is_arabic;
use crate::sources::SourceIndex;
use crate::text::{Quote, Tok};

use cues::Verb;
use lexicon::{EN_DENY, EN_SAY};
use markers::Marker;

// ---------------------------------------------------------------- state across sentences

/// What kind of speaker a mention is, so anaphora finds the right antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person ("he", "أضاف" with no subject).
    Person,
    /// A news outlet ("the newspaper", "الوكالة").
    Outlet,
    /// Anything else (governments, groups of officials).
    Other,
}

/// A speaker as the parser settled it.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// Source key, or the name as written.
    pub name: String,
    /// Its kind, for anaphora.
    pub kind: Kind,
    /// Folded words of the phrase that named it, for "the minister" style anaphora.
    pub words: Vec<String>,
    /// The workspace kind of the source it resolved to, or empty.
    pub skind: String,
}

/// Everything the parser remembers while reading a document.
pub struct Reader<'a> {
    /// The document.
    pub doc: &'a str,
    /// Its quotations.
    pub quotes: &'a [Quote],
    /// The workspace's sources.
    pub index: &'a SourceIndex<'a>,
    /// The year most dates of the document share.
    pub year: Option<u32>,
    /// Speakers in the order they were mentioned.
    pub history: Vec<Speaker>,
    /// The last claim, for quotes that continue it.
    pub last: Option<ParsedClaim>,
    /// The last speaker of the current sentence, for a second subject-less verb.
    pub sent_speaker: Option<Speaker>,
    /// Whether the speaker just resolved came from the context (pronoun, no subject).
    pub anaphoric: bool,
    /// Whether it was a definite head noun taken up from an earlier speaker ("the source").
    pub noun_anaphor: bool,
    /// Sources named in earlier sentences, most recent last.
    pub mentioned: Vec<usize>,
}

// ---------------------------------------------------------------- the sentence walk

impl<'a> Reader<'a> {
    /// A reader at the start of a document, so tests and `parse` start from the same state.
    pub fn new(
        doc: &'a str,
        quotes: &'a [Quote],
        index: &'a SourceIndex<'a>,
        year: Option<u32>,
    ) -> Self {
        Reader {
            doc,
            quotes,
            index,
            year,
            history: Vec::new(),
            last: None,
            sent_speaker: None,
            anaphoric: false,
            noun_anaphor: false,
            mentioned: Vec::new(),
        }
    }

    /// Finds every attribution in one sentence and turns it into claims.
    pub fn sentence(&mut self, s: usize, e: usize, toks: &[Tok]) -> Vec<ParsedClaim> {
        let n = toks.len();
        self.sent_speaker = None;
        if self.is_headline(s, e, toks) {
            return Vec::new();
        }
        let mut used = vec![false; n];
        // 1. markers: "according to X", "citing X", "بحسب X", "نقلاً عن X"
        let markers = self.find_markers(toks, &mut used);
        // 2. verbs
        let mut verbs: Vec<Verb> = Vec::new();
        for i in 0..n {
            let t = &toks[i];
            if !t.word || t.q.is_some() || used[i] {
                continue;
            }
            if let Some(v) = self.verb_at(toks, i, &used) {
                verbs.push(v);
            }
        }
        stance::settle_rejections(toks, &mut verbs);
        // 3. chains between verbs
        chains::embed_reports(toks, &mut verbs);
        chains::trailing_relays(&mut verbs);
        // 4. attach markers to the nearest verb
        let mut free_markers = chains::attach_markers(&mut verbs, &markers);
        markers::drop_verbs_in_according_frame(toks, &mut verbs, &markers, &mut free_markers);
        // 5. claims from verbs
        let mut out = self.claims_from_verbs(toks, &verbs, &markers, s, e);
        // 6. claims from markers alone
        if verbs.iter().all(|v| v.dead)
            && let Some(c) = self.marker_claim(toks, &markers, &free_markers, s, e)
        {
            out.push(c);
        }
        // 7. a quote continuing the previous speaker's words
        if out.is_empty()
            && markers.is_empty()
            && let Some(c) = self.quote_continuation(toks, s)
        {
            out.push(c);
        }
        if let Some(c) = out.last() {
            self.last = Some(c.clone());
        }
        self.remember_mentions(toks, out.is_empty());
        out
    }

    /// A headline (a short line of its own with no final stop) reports no one's words.
    fn is_headline(&self, s: usize, e: usize, toks: &[Tok]) -> bool {
        let line_alone = self.doc[..s].ends_with('\n') || s == 0;
        let line_ends = self.doc[e..].starts_with(['\n', '\r']) || e == self.doc.len();
        let stop = self.doc[..e].ends_with(['.', '!', '?', '؟', '"', '”', '»', ')', ':']);
        line_alone && line_ends && !stop && toks.iter().filter(|t| t.word).count() <= 14
    }

    /// One claim per live verb, its content running to the next live attribution.
    fn claims_from_verbs(
        &mut self,
        toks: &[Tok],
        verbs: &[Verb],
        markers: &[Marker],
        s: usize,
        e: usize,
    ) -> Vec<ParsedClaim> {
        let n = toks.len();
        let mut out = Vec::new();
        for k in 0..verbs.len() {
            if verbs[k].dead {
                continue;
            }
            let mut chain: Vec<Option<Speaker>> = Vec::new();
            let outer: Vec<usize> = verbs[k].outer_verbs.clone();
            for &o in &outer {
                let ov = verbs[o].clone();
                chain.extend(self.verb_chain(toks, &ov, markers));
            }
            let v = verbs[k].clone();
            chain.extend(self.verb_chain(toks, &v, markers));
            let anaphoric = self.anaphoric && outer.is_empty();
            // content
            let (cs, ce) = if v.content_before {
                let prev_end = verbs[..k]
                    .iter()
                    .rev()
                    .find(|w| !w.dead)
                    .map(|w| w.cue_end.max(w.attr_end))
                    .unwrap_or(0);
                (prev_end.min(v.attr_start), v.attr_start)
            } else {
                let next = verbs[k + 1..]
                    .iter()
                    .find(|w| !w.dead)
                    .map(|w| if w.content_before { n } else { w.attr_start })
                    .unwrap_or(n);
                (v.attr_end.min(next), next)
            };
            if let Some(mut c) = self.claim(toks, chain, (cs, ce), &v, s, e) {
                // "he added": still speaking to the same outlet
                if let Some(last) = self.last.as_ref().filter(|_| anaphoric && c.via.is_empty())
                    && last.origin == c.origin
                {
                    c.via.clone_from(&last.via);
                }
                self.last = Some(c.clone());
                out.push(c);
            }
        }
        out
    }

    /// Keeps the sources named in the sentence for "the bank" later, and, when the sentence
    /// gave no claim, a person named at its head for "he" later.
    fn remember_mentions(&mut self, toks: &[Tok], no_claim: bool) {
        for src in self.index.all_named(toks) {
            self.mentioned.retain(|&m| m != src);
            self.mentioned.push(src);
        }
        if no_claim {
            // "The challenger, Mikkel Dahl, welcomed the ruling.": a person to say "he" of next
            let head: Vec<Tok> = toks
                .iter()
                .filter(|t| t.q.is_none())
                .take(8)
                .cloned()
                .collect();
            if let Some(h) = self.index.find_first(&head)
                && self.index.is_person(h.source)
            {
                let src = self.index.get(h.source);
                self.history.push(Speaker {
                    name: src.key.clone(),
                    kind: Kind::Person,
                    words: Vec::new(),
                    skind: src.kind.clone(),
                });
            }
        }
    }

    /// The text of a token range.
    fn text(&self, toks: &[Tok], r: (usize, usize)) -> &'a str {
        &self.doc[toks[r.0].s..toks[r.1 - 1].e]
    }
}

// ---------------------------------------------------------------- small shared tests on tokens

/// Whether a token is punctuation made only of the characters in `set`.
fn is_punct(t: &Tok, set: &str) -> bool {
    !t.word && t.f.chars().all(|c| set.contains(c))
}

/// Whether a token is a quotation mark.
fn is_quote_tok(t: &Tok) -> bool {
    !t.word && t.f.chars().all(crate::text::is_quote_mark)
}

/// Whether a token is an English attribution cue, which ends a speaker phrase.
fn is_en_cue(t: &Tok) -> bool {
    t.word
        && (EN_SAY.contains(&t.f.as_str())
            || EN_DENY.contains(&t.f.as_str())
            || t.f == "according"
            || t.f == "citing")
}

/// Whether a token is written in Arabic script.
fn arabic_tok(t: &Tok) -> bool {
    t.f.starts_with(is_arabic)
}

/// "ar" or "en", by the script most letters of the text use.
pub fn lang(text: &str) -> &'static str {
    let (mut ar, mut la) = (0, 0);
    for c in text.chars() {
        if is_arabic(c) {
            ar += 1;
        } else if c.is_alphabetic() {
            la += 1;
        }
    }
    if ar >= la { "ar" } else { "en" }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Short invented sentences run through the parser, for the rule tests of every module.

    use claims_plugin::{ParseRequest, ParsedClaim, SourceInfo};

    /// A source of the test workspace.
    pub fn source(key: &str, kind: &str, name: &str, aliases: &[&str]) -> SourceInfo {
        SourceInfo {
            key: key.to_string(),
            name: name.to_string(),
            kind: kind.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..SourceInfo::default()
        }
    }

    /// The sources the rule tests share: a ministry, two outlets, a bank, two people.
    pub fn sources() -> Vec<SourceInfo> {
        vec![
            source(
                "health-ministry",
                "government",
                "Health Ministry",
                &["وزارة الصحة"],
            ),
            source("reuters", "outlet", "Reuters", &["رويترز"]),
            source(
                "courier",
                "outlet",
                "The Daily Courier",
                &["صحيفة الرقيب", "الرقيب"],
            ),
            source("lina-haddad", "person", "Lina Haddad", &["لينا حداد"]),
            source("omar-saleh", "person", "Omar Saleh", &["عمر صالح"]),
            source("norland-bank", "company", "Norland Bank", &["بنك نورلاند"]),
        ]
    }

    /// The tokens of a whole text, for rules that read tokens.
    pub fn toks(doc: &str) -> Vec<crate::text::Tok> {
        let quotes = crate::text::find_quotes(doc);
        crate::text::tokens(doc, 0, doc.len(), &quotes)
    }

    /// The one claim of a document, failing the test when there is not exactly one.
    pub fn one(doc: &str) -> ParsedClaim {
        let mut c = parse(doc);
        assert_eq!(c.len(), 1, "expected one claim in {doc:?}, got {c:#?}");
        c.remove(0)
    }

    /// (origin, via) of each claim, for short assertions.
    pub fn who(doc: &str) -> Vec<(String, Vec<String>)> {
        parse(doc).into_iter().map(|c| (c.origin, c.via)).collect()
    }

    /// (origin, via) as string slices, for writing the expected value.
    pub fn chain(origin: &str, via: &[&str]) -> Vec<(String, Vec<String>)> {
        vec![(
            origin.to_string(),
            via.iter().map(|v| v.to_string()).collect(),
        )]
    }

    /// Parses a document against [`sources`].
    pub fn parse(doc: &str) -> Vec<ParsedClaim> {
        crate::parse(&ParseRequest {
            document: doc.to_string(),
            path: None,
            sources: sources(),
        })
    }

    /// Origins only.
    pub fn origins(doc: &str) -> Vec<String> {
        parse(doc).into_iter().map(|c| c.origin).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{origins, parse};

    #[test]
    fn a_headline_reports_no_one() {
        assert!(
            parse("Minister says prices will fall\nThe ministry said prices would fall.").len()
                == 1
        );
    }

    #[test]
    fn a_sentence_with_two_verbs_gives_two_claims() {
        let o =
            origins("Lina Haddad said the dam was safe. Omar Saleh denied that the dam was safe.");
        assert_eq!(o, vec!["lina-haddad", "omar-saleh"]);
    }

    #[test]
    fn language_is_the_majority_script() {
        assert_eq!(super::lang("قال الوزير إن Reuters"), "ar");
        assert_eq!(super::lang("The minister said قال"), "en");
    }
}
