//! `claims about suggest` and `claims about link`: claims that `ingest` (or a quick `add`)
//! recorded without a proposition never reach compare, agree or trust. Suggest ranks the
//! existing propositions for each such claim by how much it shares with each one's words: the
//! proposition's own texts (every version, in whatever language it was given) and the texts of
//! the claims already linked to it.
//!
//! The ranking is TF-IDF cosine similarity over matching tokens: text folded as everywhere else
//! in claims ([`crate::normalize::match_key`]: Arabic diacritics, alef/ya/ta marbuta forms,
//! Arabic-Indic digits, case), the Arabic article and one-letter clitics taken off long words
//! ("والكرملين" and "الكرملين" match "كرملين"), each word's consonant skeleton added beside it
//! so a name matches across scripts ("Vladivostok", "فلاديفوستوك";
//! [`crate::normalize::name_skeleton`]), each everyday news word's meaning added beside it so an
//! Arabic claim meets a proposition worded in English ("مناورات بحرية", "naval drills";
//! `suggest/lexicon.rs`), and tokens that carry facts (numbers and dates, names
//! written with a capital) weighted double, since two claims sharing "12", "سبتمبر" or
//! "Vladivostok" are far likelier to bear on one proposition than two sharing "said".

mod lexicon;

use std::collections::{HashMap, HashSet};

use crate::claims::ClaimPatch;
use crate::error::{Error, Result};
use crate::model::{ClaimId, Version};
use crate::normalize::{match_key, name_skeleton};
use crate::storage::{HeadFilter, Reader};
use crate::workspace::Workspace;

/// One proposition a claim might bear on, with how well it matches.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// The proposition's key.
    pub key: String,
    /// Cosine similarity in [0, 1]: 0 shares nothing, 1 is the same words.
    pub score: f64,
}

/// The ranked propositions for one claim.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClaimSuggestions {
    /// The claim's id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Best first; only propositions sharing something with the claim.
    pub suggestions: Vec<Suggestion>,
}

/// How often the right proposition ranks first, on claims whose proposition is known.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct SuggestEval {
    /// Claims with a proposition that has other claims or words to match against.
    pub claims: usize,
    /// Of those, how many had their own proposition ranked first.
    pub first: usize,
    /// `first / claims`.
    pub share: f64,
}

/// A claim's or proposition's words as weighted matching tokens.
fn tokens(text: &str) -> HashMap<String, f64> {
    let mut out: HashMap<String, f64> = HashMap::new();
    let mut previous: Option<String> = None;
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        let folded = match_key(raw);
        let token = strip_clitics(&folded);
        let digits = token.chars().all(|c| c.is_ascii_digit());
        if token.chars().count() < 2 && !digits {
            previous = None;
            continue;
        }
        let weight = if capital || digits { 2.0 } else { 1.0 };
        *out.entry(token.to_string()).or_default() += weight;
        // The word's meaning, shared with its translations (lexicon.rs): "مناورات" and
        // "drills" meet in one token; a month name counts like a number.
        if let Some((concept, date)) = lexicon::concept(token) {
            *out.entry(format!("={concept}")).or_default() += if date { 2.0 } else { 1.0 };
        }
        // The word's consonant skeleton, shared by its spellings in Arabic and Latin letters
        // ("Vladivostok" and "فلاديفوستوك"), so names match across the two languages; and that
        // of two words run together, for names one language writes as two ("بيونغ يانغ").
        if digits {
            previous = None;
            continue;
        }
        let skeleton = name_skeleton(token);
        if skeleton.len() >= 3 {
            *out.entry(format!("~{skeleton}")).or_default() += weight;
        }
        if let Some(p) = &previous {
            let joined = name_skeleton(&format!("{p}{token}"));
            if joined.len() >= 4 {
                *out.entry(format!("~{joined}")).or_default() += 0.5;
            }
        }
        previous = Some(token.to_string());
    }
    out
}

/// A folded Arabic word without its article and one-letter prefixes (و ف ب ل ك then ال), when
/// enough of the word is left to stand on its own.
fn strip_clitics(word: &str) -> &str {
    let mut w = word;
    for prefix in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(prefix)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    if let Some(rest) = w.strip_prefix('و')
        && rest.chars().count() >= 4
    {
        w = rest;
    }
    w
}

/// The propositions as documents: each one's weighted tokens, which documents hold each
/// token (so a claim is scored against the propositions it shares a token with, never against
/// all of them), and each document's norm. Built once per command: ranking a hundred thousand
/// claims, or leaving each linked claim out in turn for `--eval`, costs what the claims' own
/// tokens reach, not the whole corpus per claim.
struct Index {
    keys: Vec<String>,
    bags: Vec<HashMap<String, f64>>,
    /// Token -> (document, weight in it).
    postings: HashMap<String, Vec<(usize, f64)>>,
    /// Each document's squared TF-IDF norm.
    norms: Vec<f64>,
}

/// Inverse document frequency of a token held by `df` of `n` documents.
fn idf(n: usize, df: usize) -> f64 {
    (1.0 + n as f64 / df as f64).ln()
}

impl Index {
    /// Builds the index from each proposition's texts and its claims' texts.
    fn build(words: &HashMap<String, Vec<String>>, claims: &[Version]) -> Index {
        let own = words
            .iter()
            .flat_map(|(key, texts)| texts.iter().map(move |t| (key.as_str(), t.as_str())));
        let linked = claims.iter().filter_map(|v| {
            let about = v.fields.about.as_deref()?;
            Some((about, v.fields.text.as_str()))
        });
        Index::from_texts(own.chain(linked))
    }

    /// Builds the index from (proposition key, text) pairs.
    fn from_texts<'a>(texts: impl Iterator<Item = (&'a str, &'a str)>) -> Index {
        let mut bags: HashMap<String, HashMap<String, f64>> = HashMap::new();
        for (key, text) in texts {
            let bag = bags.entry(key.to_string()).or_default();
            for (t, w) in tokens(text) {
                *bag.entry(t).or_default() += w;
            }
        }
        let mut docs: Vec<(String, HashMap<String, f64>)> = bags.into_iter().collect();
        docs.sort_by(|a, b| a.0.cmp(&b.0));
        let (keys, bags): (Vec<String>, Vec<HashMap<String, f64>>) = docs.into_iter().unzip();
        let mut postings: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
        for (d, bag) in bags.iter().enumerate() {
            for (t, w) in bag {
                postings.entry(t.clone()).or_default().push((d, *w));
            }
        }
        let n = bags.len();
        let norms = bags
            .iter()
            .map(|bag| {
                bag.iter()
                    .map(|(t, w)| (w * idf(n, postings[t].len())).powi(2))
                    .sum()
            })
            .collect();
        Index {
            keys,
            bags,
            postings,
            norms,
        }
    }

    /// Propositions sharing words with `text`, best first (ties by key). With `leave_out`
    /// (a document and the tokens of one claim linked to it), scores are exactly those of an
    /// index built without that claim: its document loses the claim's tokens, and a token that
    /// then leaves the document changes its inverse document frequency everywhere.
    fn rank(
        &self,
        text: &str,
        leave_out: Option<(usize, &HashMap<String, f64>)>,
    ) -> Vec<Suggestion> {
        let n = self.bags.len();
        // The left-out document's tokens, and the tokens it no longer holds at all.
        let rest: Option<(usize, HashMap<String, f64>)> = leave_out.map(|(d, claim)| {
            let mut bag = self.bags[d].clone();
            for (t, w) in claim {
                if let Some(x) = bag.get_mut(t) {
                    *x -= w;
                    if *x <= 1e-9 {
                        bag.remove(t);
                    }
                }
            }
            (d, bag)
        });
        let gone = |t: &str| -> bool {
            rest.as_ref()
                .is_some_and(|(d, bag)| self.bags[*d].contains_key(t) && !bag.contains_key(t))
        };
        let df = |t: &str| -> usize {
            let held = self.postings.get(t).map_or(0, Vec::len);
            held - usize::from(gone(t))
        };
        let q: HashMap<String, f64> = tokens(text)
            .into_iter()
            .filter_map(|(t, w)| {
                let d = df(&t);
                (d > 0).then(|| {
                    let x = w * idf(n, d);
                    (t, x)
                })
            })
            .collect();
        let qn = q.values().map(|x| x * x).sum::<f64>().sqrt();
        if qn == 0.0 {
            return Vec::new();
        }
        let left = rest.as_ref().map(|(d, _)| *d);
        let mut dots: HashMap<usize, f64> = HashMap::new();
        for (t, x) in &q {
            let i = idf(n, df(t));
            for &(d, w) in &self.postings[t] {
                if Some(d) != left {
                    *dots.entry(d).or_default() += x * w * i;
                }
            }
        }
        // Norms change where a token left the corpus's counts: only in documents holding it.
        let mut norms: HashMap<usize, f64> = HashMap::new();
        if let Some((d, bag)) = &rest {
            for t in self.bags[*d].keys().filter(|t| !bag.contains_key(*t)) {
                let (before, after) = (
                    idf(n, self.postings[t].len()),
                    idf(n, self.postings[t].len() - 1),
                );
                for &(e, w) in &self.postings[t] {
                    if e != *d {
                        *norms.entry(e).or_insert(self.norms[e]) +=
                            w * w * (after * after - before * before);
                    }
                }
            }
            let mut dot = 0.0;
            let mut norm = 0.0;
            for (t, w) in bag {
                let x = w * idf(n, df(t));
                norm += x * x;
                dot += q.get(t).map_or(0.0, |y| x * y);
            }
            dots.insert(*d, dot);
            norms.insert(*d, norm);
        }
        let mut out: Vec<Suggestion> = dots
            .into_iter()
            .filter_map(|(d, dot)| {
                let dn = norms.get(&d).copied().unwrap_or(self.norms[d]).sqrt();
                (dot > 0.0 && dn > 0.0).then(|| Suggestion {
                    key: self.keys[d].clone(),
                    score: (dot / (qn * dn) * 1000.0).round() / 1000.0,
                })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
        out
    }
}

impl Workspace {
    /// Every proposition's own words (the texts of all its versions), by key.
    fn proposition_words(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for p in self.propositions()? {
            let texts: Vec<String> = self
                .store()
                .proposition_versions(&p.key)?
                .into_iter()
                .filter_map(|v| v.text)
                .collect();
            out.insert(p.key, texts);
        }
        Ok(out)
    }

    /// For each claim given (ids or prefixes; default: every standing claim without a
    /// proposition), the existing propositions ranked by how well they match, at most `limit`.
    pub fn suggest(&self, ids: &[String], limit: usize) -> Result<Vec<ClaimSuggestions>> {
        let heads = self.store().heads(&HeadFilter::default())?;
        let words = self.proposition_words()?;
        let index = Index::build(&words, &heads);
        let chosen: Vec<&Version> = if ids.is_empty() {
            heads.iter().filter(|v| v.fields.about.is_none()).collect()
        } else {
            let wanted: HashSet<ClaimId> = ids
                .iter()
                .map(|id| self.resolve_id(id))
                .collect::<Result<_>>()?;
            heads.iter().filter(|v| wanted.contains(&v.claim)).collect()
        };
        Ok(chosen
            .into_iter()
            .map(|v| {
                let mut suggestions = index.rank(&v.fields.text, None);
                suggestions.truncate(limit);
                ClaimSuggestions {
                    id: v.claim.to_string(),
                    text: v.fields.text.clone(),
                    suggestions,
                }
            })
            .collect())
    }

    /// How often suggest would rank a claim's own proposition first, each claim linked to a
    /// proposition taken in turn as if it were not (its text left out of the index).
    pub fn suggest_eval(&self) -> Result<SuggestEval> {
        let heads = self.store().heads(&HeadFilter::default())?;
        let words = self.proposition_words()?;
        let index = Index::build(&words, &heads);
        let (mut claims, mut first) = (0, 0);
        for v in heads.iter().filter(|v| v.fields.about.is_some()) {
            let about = v.fields.about.as_deref().unwrap_or_default();
            let Ok(d) = index.keys.binary_search_by(|k| k.as_str().cmp(about)) else {
                continue;
            };
            let own = tokens(&v.fields.text);
            // Nothing left to match it against once its own words are taken out.
            let left: f64 = index.bags[d]
                .iter()
                .map(|(t, w)| w - own.get(t).copied().unwrap_or(0.0))
                .filter(|x| *x > 1e-9)
                .sum();
            if left <= 0.0 {
                continue;
            }
            claims += 1;
            let ranked = index.rank(&v.fields.text, Some((d, &own)));
            if ranked.first().is_some_and(|s| s.key == about) {
                first += 1;
            }
        }
        let share = if claims == 0 {
            0.0
        } else {
            first as f64 / claims as f64
        };
        Ok(SuggestEval {
            claims,
            first,
            share,
        })
    }

    /// Links claims to a proposition: for each, a new version with `about` set (a logged edit,
    /// like `claims edit ID --about KEY`); returns the claims that changed.
    pub fn link(&mut self, key: &str, ids: &[String]) -> Result<Vec<Version>> {
        if !crate::config::is_valid_key(key) {
            return Err(Error::invalid(crate::config::bad_key("proposition", key)));
        }
        let mut changed = Vec::new();
        for id in ids {
            let patch = ClaimPatch {
                about: Some(key.to_string()),
                ..ClaimPatch::default()
            };
            if let crate::claims::Edited::Recorded(v) =
                self.edit(id, &patch, &format!("linked to proposition {key}"))?
            {
                changed.push(v);
            }
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_words_match_with_and_without_article_diacritics_and_clitics() {
        let a = tokens("وصل الكرملين إلى فلاديفوستوك");
        let b = tokens("كرملين فلاديفوستوك");
        assert!(a.contains_key("كرملين"), "{a:?}");
        let words = |t: &HashMap<String, f64>| -> Vec<String> {
            let mut w: Vec<String> = t.keys().filter(|k| !k.starts_with('~')).cloned().collect();
            w.sort();
            w
        };
        assert!(words(&b).iter().all(|k| a.contains_key(k)), "{a:?} {b:?}");
        // Names match across scripts through their skeletons.
        let en = tokens("Vladivostok");
        assert!(
            en.keys().any(|k| k.starts_with('~') && b.contains_key(k)),
            "{en:?} {b:?}"
        );
        let c = tokens("مُضَلِّل");
        assert!(c.contains_key("مضلل"), "{c:?}");
    }

    #[test]
    fn leaving_a_claim_out_scores_as_an_index_built_without_it() {
        let texts = [
            ("visit", "Kim will travel to Russia in September"),
            ("visit", "كيم سيزور روسيا في سبتمبر للقاء بوتين"),
            ("visit", "Kim plans a visit to Vladivostok"),
            ("train", "Kim travels by armoured train"),
            ("train", "قطار مصفح يحمل كيم إلى فلاديفوستوك"),
            ("drills", "Shoigu proposed joint naval drills"),
            ("drills", "مناورات بحرية ثلاثية"),
            ("letters", "Kim and Putin exchanged letters"),
        ];
        let whole = Index::from_texts(texts.iter().copied());
        for (i, (key, text)) in texts.iter().enumerate() {
            if texts.iter().filter(|(k, _)| k == key).count() == 1 {
                continue; // its proposition would be left with no words: --eval skips it
            }
            let without = Index::from_texts(
                texts
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, p)| *p),
            );
            let d = whole.keys.iter().position(|k| k == key).unwrap();
            let own = tokens(text);
            assert_eq!(
                whole.rank(text, Some((d, &own))),
                without.rank(text, None),
                "leaving out {text}"
            );
        }
    }

    #[test]
    fn numbers_and_names_weigh_double() {
        let t = tokens("Kim arrived on 12 September said officials");
        assert_eq!(t["12"], 2.0);
        assert_eq!(t["kim"], 2.0);
        assert_eq!(t["said"], 1.0);
    }
}
