//! Recognising the workspace's sources inside a speaker phrase, so claims carry stable source keys
//! instead of the many ways a name is written.

use claims_plugin::SourceInfo;

use crate::fold::alias_words;
use crate::text::Tok;

/// One way of writing a source's name, as folded words.
struct Alias {
    words: Vec<String>,
    source: usize,
    weight: usize,
    /// An acronym ("WHO", "NATO"): not matched by the same word in lower case ("who").
    acronym: bool,
}

/// The workspace's sources indexed by their folded names, keys and aliases.
pub struct SourceIndex<'a> {
    sources: &'a [SourceInfo],
    aliases: Vec<Alias>,
}

/// A source found inside a phrase.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Index of the source.
    pub source: usize,
    /// Token index (within the searched slice) where the alias starts.
    pub at: usize,
    /// Token count of the alias.
    pub len: usize,
}

impl<'a> SourceIndex<'a> {
    /// Indexes every name, key and alias of the sources.
    pub fn new(sources: &'a [SourceInfo]) -> Self {
        let mut aliases = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let key_words = s.key.replace(['-', '_'], " ");
            let names = [s.name.as_str(), s.key.as_str(), key_words.as_str()];
            for (k, n) in names
                .into_iter()
                .chain(s.aliases.iter().map(String::as_str))
                .enumerate()
            {
                let words = alias_words(n);
                // A short key such as "us" is a key, not a name to look for in prose.
                let keyish = k > 0 && k < 3 && words.len() == 1 && words[0].chars().count() < 3;
                if words.is_empty() || keyish {
                    continue;
                }
                let weight = words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len();
                // a name made up from the key ("transport-union") is weaker than a real alias
                let weight = if k == 1 || k == 2 { 1 } else { weight };
                let acronym = words.len() == 1
                    && n.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2
                    && n.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                aliases.push(Alias {
                    words,
                    source: i,
                    weight,
                    acronym,
                });
            }
        }
        // the key "who" of a source written "WHO" is the acronym too, not the pronoun
        let acronyms: Vec<(usize, String)> = aliases
            .iter()
            .filter(|a| a.acronym)
            .map(|a| (a.source, a.words[0].clone()))
            .collect();
        for a in aliases.iter_mut() {
            if a.words.len() == 1 && acronyms.contains(&(a.source, a.words[0].clone())) {
                a.acronym = true;
            }
        }
        SourceIndex { sources, aliases }
    }

    /// The source at an index.
    pub fn get(&self, i: usize) -> &SourceInfo {
        &self.sources[i]
    }

    /// Whether a source is a person, so pronouns can find it.
    pub fn is_person(&self, i: usize) -> bool {
        matches!(self.sources[i].kind.as_str(), "person" | "official")
    }

    /// Whether a source publishes news, so "the newspaper" or "الوكالة" can find it.
    pub fn is_outlet(&self, i: usize) -> bool {
        matches!(self.sources[i].kind.as_str(), "outlet" | "agency")
    }

    /// Every source named anywhere in `toks`, so later "the bank" can find "Norland Bank".
    pub fn all_named(&self, toks: &[Tok]) -> Vec<usize> {
        let words: Vec<&Tok> = toks.iter().filter(|t| t.word && t.q.is_none()).collect();
        let mut out = Vec::new();
        for a in &self.aliases {
            let n = a.words.len();
            if n > words.len() || out.contains(&a.source) {
                continue;
            }
            let found = (0..=words.len() - n).any(|at| {
                a.words
                    .iter()
                    .zip(&words[at..at + n])
                    .all(|(w, t)| t.v.iter().any(|v| v == w) && (!a.acronym || t.cap))
            });
            if found {
                out.push(a.source);
            }
        }
        out
    }

    /// Whether one of a source's names contains a word ("bank" in "Norland Bank").
    pub fn has_word(&self, source: usize, word: &str) -> bool {
        self.aliases
            .iter()
            .any(|a| a.source == source && a.words.iter().any(|w| w == word))
    }

    /// The best source named inside `toks`: people before institutions, heads before
    /// modifiers ("North Korea's", "في أخبار كوريا"), then the longest alias.
    pub fn find(&self, toks: &[Tok]) -> Option<Hit> {
        self.search(toks, false)
    }

    /// The first source named inside `toks`, for the subject a sentence opens with.
    pub fn find_first(&self, toks: &[Tok]) -> Option<Hit> {
        self.search(toks, true)
    }

    fn search(&self, all: &[Tok], leftmost: bool) -> Option<Hit> {
        // Quotation marks inside a name (قناة "الوطن") are looked through.
        let idx: Vec<usize> = (0..all.len())
            .filter(|&k| all[k].word || !all[k].f.chars().all(crate::text::is_quote_mark))
            .collect();
        let toks: Vec<&Tok> = idx.iter().map(|&k| &all[k]).collect();
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        for a in &self.aliases {
            let n = a.words.len();
            if n > toks.len() {
                continue;
            }
            for at in 0..=toks.len() - n {
                let ok =
                    a.words.iter().zip(&toks[at..at + n]).all(|(w, t)| {
                        t.word && t.v.iter().any(|v| v == w) && (!a.acronym || t.cap)
                    });
                // "Two former Chatterly engineers", "مسؤولون سابقون في الوزارة": not the body itself
                let former = all.iter().any(|t| {
                    matches!(t.f.as_str(), "former" | "ex")
                        || t.is_any(&["سابق", "سابقون", "سابقين", "سابقه"])
                });
                if ok && former && !self.is_person(a.source) {
                    continue;
                }
                // "مصدر مقرب من رئاسة الجمهورية", "a source close to the presidency": not the body
                let close = toks[..at].iter().any(|t| {
                    matches!(t.f.as_str(), "close" | "familiar" | "linked" | "near")
                        || t.is_any(&[
                            "مقرب",
                            "مقربه",
                            "مقربون",
                            "مقربين",
                            "قريب",
                            "قريبه",
                            "قريبون",
                            "قريبين",
                        ])
                });
                if ok && close && !self.is_person(a.source) {
                    continue;
                }
                if ok {
                    // "North Korea's KCNA", "المتحدث باسم الكرملين": a modifier, not the speaker.
                    let possessive = toks[at + n - 1].f.ends_with("'s");
                    let on_behalf = at > 0 && toks[at - 1].is_any(&["باسم", "for", "of"]);
                    let in_complement = toks[..at].iter().any(|t| {
                        t.is_any(&["في", "عن", "من", "علي", "الي", "ضد", "حول", "بين"])
                            || matches!(
                                t.f.as_str(),
                                "in" | "about"
                                    | "on"
                                    | "at"
                                    | "from"
                                    | "with"
                                    | "to"
                                    | "against"
                                    | "over"
                                    | "between"
                            )
                    });
                    let penalty = if possessive || on_behalf { 500 } else { 0 }
                        + if in_complement { 300 } else { 0 };
                    // A person beats an institution; of two people, the later one is the name
                    // after the title ("Interior Minister Clara Voss").
                    let score = a.weight
                        + if self.is_person(a.source) {
                            1000 + 40 * at
                        } else {
                            0
                        };
                    let score = score.saturating_sub(penalty);
                    let score = if leftmost {
                        100_000 - at * 1000 + score.min(999)
                    } else {
                        score
                    };
                    hits.push((
                        score,
                        Hit {
                            source: a.source,
                            at: idx[at],
                            len: idx[at + n - 1] + 1 - idx[at],
                        },
                    ));
                }
            }
        }
        // "سامر حداد" beats the "حداد" inside it, whoever "حداد" alone would be.
        // and of two overlapping names ("صحيفة الصباح" / "الصباح الجديد") the one reaching further
        let contained = |h: &Hit| {
            hits.iter().any(|(_, o)| {
                let inside = o.len > h.len && o.at <= h.at && h.at + h.len <= o.at + o.len;
                let overlapped = o.at > h.at && o.at < h.at + h.len && o.at + o.len > h.at + h.len;
                inside || overlapped
            })
        };
        let mut best: Option<(usize, Hit)> = None;
        for &(score, h) in &hits {
            if !contained(&h) && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, h));
            }
        }
        best.map(|(_, h)| h)
    }
}
