//! Scoring parsed claims against hand-written gold claims, so the fixtures test, the `eval`
//! example and any outside benchmark share one definition of a match.
//!
//! A gold file is a JSON array of objects `{"origin", "via"?, "stance"?, "text", "nth"?}`: `text`
//! is a passage of the document (its `nth` occurrence, 0 by default) whose byte range is the gold
//! span. A prediction matches a gold claim when the origin is the same and the spans overlap; the
//! stricter levels also demand the same `via` chain and the same stance. Matching is one to one.

use claims_plugin::serde_json::{self, Value};
use claims_plugin::{ParsedClaim, SourceInfo, Span, SpeechAct};

/// One expected claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    /// Source key or name as written.
    pub origin: String,
    /// Relay chain, innermost first.
    pub via: Vec<String>,
    /// Expected stance.
    pub stance: SpeechAct,
    /// Byte range in the document.
    pub span: Span,
}

/// How much of a claim must agree for it to count as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Same origin, overlapping span.
    Origin,
    /// Also the same relay chain.
    Via,
    /// Also the same relay chain and stance.
    Full,
}

/// True positives, false positives and false negatives, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions matched to a gold claim.
    pub tp: usize,
    /// Predictions matching no gold claim.
    pub fp: usize,
    /// Gold claims no prediction matched.
    pub fn_: usize,
}

impl Counts {
    /// Adds another document's counts (micro averaging).
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// Share of predictions that are right.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Share of gold claims found.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Reads a sources file: a JSON array of `SourceInfo` objects.
pub fn load_sources(json: &str) -> Result<Vec<SourceInfo>, String> {
    serde_json::from_str(json).map_err(|e| format!("sources: {e}"))
}

/// Reads a gold file against its document, turning each `text` into a byte span.
pub fn load_gold(doc: &str, json: &str) -> Result<Vec<Gold>, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("gold: {e}"))?;
    let items = v.as_array().ok_or("gold: expected an array")?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let origin = it["origin"]
            .as_str()
            .ok_or(format!("gold #{i}: no origin"))?;
        let text = it["text"].as_str().ok_or(format!("gold #{i}: no text"))?;
        let nth = it["nth"].as_u64().unwrap_or(0) as usize;
        let start = doc
            .match_indices(text)
            .nth(nth)
            .map(|(p, _)| p)
            .ok_or(format!("gold #{i}: text not in document: {text}"))?;
        let via = it["via"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let stance = match it["stance"].as_str().unwrap_or("asserts") {
            "denies" => SpeechAct::Denies,
            "declines" => SpeechAct::Declines,
            _ => SpeechAct::Asserts,
        };
        out.push(Gold {
            origin: origin.to_string(),
            via,
            stance,
            span: Span {
                start,
                end: start + text.len(),
            },
        });
    }
    Ok(out)
}

fn agrees(p: &ParsedClaim, g: &Gold, level: Level) -> bool {
    let overlap = p.span.start < g.span.end && g.span.start < p.span.end;
    overlap
        && p.origin == g.origin
        && (level == Level::Origin || p.via == g.via)
        && (level != Level::Full || p.stance == g.stance)
}

/// Matches predictions to gold one to one, in document order, and counts the outcome.
pub fn score(pred: &[ParsedClaim], gold: &[Gold], level: Level) -> Counts {
    let mut taken = vec![false; pred.len()];
    let mut c = Counts::default();
    for g in gold {
        match (0..pred.len()).find(|&i| !taken[i] && agrees(&pred[i], g, level)) {
            Some(i) => {
                taken[i] = true;
                c.tp += 1;
            }
            None => c.fn_ += 1,
        }
    }
    c.fp = taken.iter().filter(|t| !**t).count();
    c
}

/// Figures for one evaluated document.
#[derive(Debug, Clone)]
pub struct DocReport {
    /// File name of the document.
    pub name: String,
    /// "ar" or "en".
    pub lang: String,
    /// Counts at the `Origin`, `Via` and `Full` levels.
    pub counts: [Counts; 3],
}

/// Sums the documents of one language (or all, with `None`) at one level.
pub fn total(docs: &[DocReport], lang: Option<&str>, level: Level) -> Counts {
    let li = match level {
        Level::Origin => 0,
        Level::Via => 1,
        Level::Full => 2,
    };
    let mut c = Counts::default();
    for d in docs.iter().filter(|d| lang.is_none_or(|l| d.lang == l)) {
        c.add(d.counts[li]);
    }
    c
}

/// Parses every `*.txt` of a directory with its `sources.json` and scores it against the
/// `NAME.gold.json` next to it; `verbose` prints each claim and each miss.
pub fn evaluate_dir(dir: &std::path::Path, verbose: bool) -> Result<Vec<DocReport>, String> {
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let sources = load_sources(&read(&dir.join("sources.json"))?)?;
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let doc = read(&p)?;
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let gold = load_gold(&doc, &read(&dir.join(format!("{stem}.gold.json")))?)?;
        let req = claims_plugin::ParseRequest {
            document: doc.clone(),
            path: Some(p.display().to_string()),
            sources: sources.clone(),
        };
        let pred = crate::parse(&req);
        let lang = crate::extract::lang(&doc).to_string();
        if verbose {
            println!("== {stem} ({lang})");
            for c in &pred {
                let ok = gold.iter().any(|g| agrees(c, g, Level::Full));
                println!(
                    "  {} {} via {:?} {:?} q={} {:?} | {}",
                    if ok { "ok " } else { "XX " },
                    c.origin,
                    c.via,
                    c.stance,
                    c.quote,
                    c.said_on,
                    c.text.chars().take(70).collect::<String>()
                );
            }
            for g in &gold {
                if !pred.iter().any(|c| agrees(c, g, Level::Full)) {
                    println!(
                        "  MISS {} via {:?} {:?} | {}",
                        g.origin,
                        g.via,
                        g.stance,
                        doc[g.span.start..g.span.end]
                            .chars()
                            .take(70)
                            .collect::<String>()
                    );
                }
            }
        }
        let counts = [Level::Origin, Level::Via, Level::Full].map(|l| score(&pred, &gold, l));
        out.push(DocReport {
            name: stem,
            lang,
            counts,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_matching() {
        let doc = "A said x. B said y.";
        let gold = load_gold(
            doc,
            r#"[{"origin":"a","text":"x"},{"origin":"b","text":"y"}]"#,
        )
        .unwrap();
        let claim = |o: &str, s: usize| ParsedClaim {
            origin: o.into(),
            via: vec![],
            stance: SpeechAct::Asserts,
            text: String::new(),
            quote: false,
            span: Span {
                start: s,
                end: s + 1,
            },
            said_on: None,
            lang: None,
        };
        let pred = vec![claim("a", 7), claim("a", 7), claim("c", 17)];
        let c = score(&pred, &gold, Level::Origin);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 2, 1));
    }
}
