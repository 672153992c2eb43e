//! `quote-drift`: one origin's quote worded differently by two outlets.

use std::time::Duration;

use claims_plugin::similar::{Algorithm, ChangeTag, TextDiff};
use claims_plugin::{CheckRequest, Finding, Severity};

use crate::fasthash::{FastMap, FastSet};
use crate::normalize::{for_comparison, one_line};
use crate::sources::{SourceIndex, name_list};

/// Rule name.
const RULE: &str = "quote-drift";
/// Folded texts at least this similar (character ratio) are taken for the same quote.
pub(crate) const MIN_RATIO: f32 = 0.6;
/// Up to this many distinct wordings in a group, every pair is compared.
const ALL_PAIRS_UP_TO: usize = 48;
/// Beyond that, each wording is compared with this many neighbours in sorted order (forwards
/// and backwards), which keeps the work linear in the group's size.
const NEIGHBOURS: usize = 8;
/// Time one character diff may take before `similar` approximates.
const DIFF_TIMEOUT: Duration = Duration::from_millis(20);

/// One wording of a quote within a group.
struct Wording<'a> {
    /// Folded text the comparison uses.
    folded: String,
    /// The text as the first claim with this wording recorded it.
    text: &'a str,
    /// Outermost relays (or the origin, unrelayed) that printed this wording.
    outlets: Vec<&'a str>,
    /// Claims with this wording.
    claims: Vec<usize>,
}

/// Groups quotes by origin and proposition, then compares the wordings within each group.
pub(crate) fn check(req: &CheckRequest, idx: &SourceIndex<'_>, out: &mut Vec<Finding>) {
    let mut groups: FastMap<(&str, Option<&str>), Vec<usize>> = FastMap::default();
    for (i, c) in req.claims.iter().enumerate() {
        if c.quote && !c.text.trim().is_empty() {
            groups
                .entry((c.origin.as_str(), c.about.as_deref()))
                .or_default()
                .push(i);
        }
    }
    for ((origin, about), members) in groups {
        if members.len() < 2 {
            continue;
        }
        let mut wordings: Vec<Wording<'_>> = Vec::new();
        let mut by_folded: FastMap<String, usize> = FastMap::default();
        for &i in &members {
            let c = &req.claims[i];
            let folded = for_comparison(&c.text);
            if folded.is_empty() {
                continue;
            }
            let outlet = c.via.last().map_or(c.origin.as_str(), String::as_str);
            let w = *by_folded.entry(folded.clone()).or_insert_with(|| {
                wordings.push(Wording {
                    folded,
                    text: &c.text,
                    outlets: Vec::new(),
                    claims: Vec::new(),
                });
                wordings.len() - 1
            });
            if !wordings[w].outlets.contains(&outlet) {
                wordings[w].outlets.push(outlet);
            }
            wordings[w].claims.push(i);
        }
        if wordings.len() < 2 {
            continue;
        }
        for (a, b) in candidate_pairs(&wordings) {
            let (wa, wb) = (&wordings[a], &wordings[b]);
            // Two outlets must be involved: one outlet's own variants are not drift between outlets.
            let Some((oa, ob)) = wa
                .outlets
                .iter()
                .find_map(|oa| wb.outlets.iter().find(|ob| *ob != oa).map(|ob| (*oa, *ob)))
            else {
                continue;
            };
            let r = ratio(&wa.folded, &wb.folded);
            if !(MIN_RATIO..1.0).contains(&r) {
                continue;
            }
            let mut ids: Vec<String> = wa
                .claims
                .iter()
                .chain(&wb.claims)
                .map(|&i| req.claims[i].id.clone())
                .collect();
            ids.sort_unstable();
            let on = about.map(|p| format!(" on `{p}`")).unwrap_or_default();
            let (na, nb) = (name_list(idx, &[oa], 1), name_list(idx, &[ob], 1));
            let (ta, tb) = (shown(wa.text), shown(wb.text));
            let message = format!(
                "quote by {}{on} is worded differently by {na} and {nb} (similarity {r:.2})\n  - {na}: \"{ta}\"\n  + {nb}: \"{tb}\"\n  ~ {}",
                name_list(idx, &[origin], 1),
                word_diff(&ta, &tb),
            );
            out.push(Finding {
                rule: RULE.into(),
                severity: Severity::Warning,
                claims: ids,
                message,
            });
        }
    }
}

/// Quotation marks a recorded quote may carry around it.
const QUOTE_MARKS: [char; 11] = ['"', '\'', '“', '”', '«', '»', '„', '‘', '’', '‹', '›'];

/// A quote as a message shows it: on one line, without the quotation marks around it.
fn shown(text: &str) -> String {
    one_line(text).trim_matches(QUOTE_MARKS).trim().to_string()
}

/// Pairs of wordings worth comparing: all of them in a small group; in a large one, neighbours
/// in sorted order of the text and of the reversed text, so that wordings sharing a beginning
/// or an ending meet.
fn candidate_pairs(wordings: &[Wording<'_>]) -> Vec<(usize, usize)> {
    let n = wordings.len();
    let mut pairs = Vec::new();
    if n <= ALL_PAIRS_UP_TO {
        for a in 0..n {
            for b in a + 1..n {
                pairs.push((a, b));
            }
        }
        return pairs;
    }
    let mut seen = FastSet::default();
    let mut forward: Vec<usize> = (0..n).collect();
    forward.sort_by(|&a, &b| wordings[a].folded.cmp(&wordings[b].folded));
    let reversed_text: Vec<String> = wordings
        .iter()
        .map(|w| w.folded.chars().rev().collect())
        .collect();
    let mut backward: Vec<usize> = (0..n).collect();
    backward.sort_by(|&a, &b| reversed_text[a].cmp(&reversed_text[b]));
    for order in [forward, backward] {
        for (pos, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(pos + 1).take(NEIGHBOURS) {
                let pair = (a.min(b), a.max(b));
                if seen.insert(pair) {
                    pairs.push(pair);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Character-level similarity of two folded texts, 0 to 1; skipped (0) when their lengths
/// alone rule out reaching [`MIN_RATIO`].
pub(crate) fn ratio(a: &str, b: &str) -> f32 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la + lb == 0 {
        return 1.0;
    }
    if (2 * la.min(lb)) as f32 / ((la + lb) as f32) < MIN_RATIO {
        return 0.0;
    }
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_chars(a, b)
        .ratio()
}

/// A one-line word diff: `[-removed-]` and `{+added+}` around what changed.
pub(crate) fn word_diff(a: &str, b: &str) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_words(a, b);
    let mut out = String::new();
    let mut run = String::new();
    let mut run_tag = ChangeTag::Equal;
    let flush = |out: &mut String, run: &mut String, tag: ChangeTag| {
        match tag {
            ChangeTag::Equal => out.push_str(run),
            ChangeTag::Delete => out.push_str(&format!("[-{}-]", run.trim_end())),
            ChangeTag::Insert => out.push_str(&format!("{{+{}+}}", run.trim_end())),
        }
        if tag != ChangeTag::Equal && run.ends_with(' ') {
            out.push(' ');
        }
        run.clear();
    };
    for change in diff.iter_all_changes() {
        let value = change.value();
        // A lone space between two changed words belongs to the change, not to what stayed.
        let tag = if value.trim().is_empty() && run_tag != ChangeTag::Equal {
            run_tag
        } else {
            change.tag()
        };
        if tag != run_tag && !run.is_empty() {
            flush(&mut out, &mut run, run_tag);
        }
        run_tag = tag;
        run.push_str(value);
    }
    if !run.is_empty() {
        flush(&mut out, &mut run, run_tag);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::tests::src;
    use claims_plugin::{ClaimView, SourceInfo};

    fn quote(id: &str, origin: &str, via: &[&str], text: &str) -> ClaimView {
        ClaimView {
            id: id.into(),
            origin: origin.into(),
            via: via.iter().map(|v| v.to_string()).collect(),
            text: text.into(),
            about: Some("p1".into()),
            stance: Some("supports".into()),
            quote: true,
            ..Default::default()
        }
    }

    fn sources() -> Vec<SourceInfo> {
        vec![
            src("minister", "official", &[]),
            src("bbc", "outlet", &[]),
            src("afp", "agency", &[]),
            src("aljazeera", "outlet", &[]),
        ]
    }

    fn run(claims: Vec<ClaimView>) -> Vec<Finding> {
        let req = CheckRequest {
            claims,
            sources: sources(),
        };
        let idx = SourceIndex::new(&req.sources);
        let mut out = Vec::new();
        check(&req, &idx, &mut out);
        out
    }

    #[test]
    fn english_drift_between_two_outlets_with_word_diff() {
        let f = run(vec![
            quote(
                "c1",
                "minister",
                &["bbc"],
                "We will not withdraw our troops.",
            ),
            quote(
                "c2",
                "minister",
                &["afp"],
                "We shall not withdraw our troops",
            ),
            quote(
                "c3",
                "minister",
                &["aljazeera"],
                "Something else entirely, about taxes and the budget.",
            ),
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].claims, ["c1", "c2"]);
        let lines: Vec<&str> = f[0].message.lines().collect();
        assert!(
            lines[0].starts_with(
                "quote by MINISTER on `p1` is worded differently by BBC and AFP (similarity 0."
            ),
            "{}",
            lines[0]
        );
        assert_eq!(lines[1], "  - BBC: \"We will not withdraw our troops.\"");
        assert_eq!(lines[2], "  + AFP: \"We shall not withdraw our troops\"");
        assert_eq!(
            lines[3],
            "  ~ We [-will-]{+shall+} not withdraw our [-troops.-]{+troops+}"
        );
    }

    #[test]
    fn identical_after_folding_is_not_drift() {
        // Punctuation, case, diacritics and tatweel only.
        let f = run(vec![
            quote("c1", "minister", &["bbc"], "«لن نَنسحب من الجنوب»"),
            quote("c2", "minister", &["aljazeera"], "لن ننســحب من الجنوب."),
            quote("c3", "minister", &["afp"], "WE WILL NOT WITHDRAW"),
            quote("c4", "minister", &[], "we will not withdraw!"),
        ]);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn arabic_drift_is_found() {
        let f = run(vec![
            quote(
                "c1",
                "minister",
                &["bbc"],
                "لن ننسحب من الجنوب قبل نهاية العام",
            ),
            quote(
                "c2",
                "minister",
                &["aljazeera"],
                "لن ننسحب من الجنوب قبل نهاية الشهر",
            ),
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("[-العام-]{+الشهر+}"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn same_outlet_other_origin_or_not_a_quote_is_not_drift() {
        let mut paraphrase = quote("c4", "minister", &["afp"], "We will not withdraw our troop");
        paraphrase.quote = false;
        let f = run(vec![
            // One outlet's two wordings.
            quote(
                "c1",
                "minister",
                &["bbc"],
                "We will not withdraw our troops",
            ),
            quote(
                "c2",
                "minister",
                &["bbc"],
                "We shall not withdraw our troops",
            ),
            // Another origin.
            quote("c3", "bbc", &[], "We would not withdraw our troops"),
            paraphrase,
        ]);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn large_groups_still_find_neighbours() {
        let mut claims: Vec<ClaimView> = (0..200)
            .map(|i| {
                quote(
                    &format!("x{i}"),
                    "minister",
                    &["bbc"],
                    &format!("statement number {i} {}", "z".repeat(i % 7)),
                )
            })
            .collect();
        claims.push(quote(
            "d1",
            "minister",
            &["bbc"],
            "The ceasefire holds across the northern front",
        ));
        claims.push(quote(
            "d2",
            "minister",
            &["afp"],
            "The ceasefire holds across the whole northern front",
        ));
        let f = run(claims);
        let drift: Vec<_> = f
            .iter()
            .filter(|f| f.claims.contains(&"d1".to_string()))
            .collect();
        assert_eq!(drift.len(), 1, "{f:#?}");
        assert_eq!(drift[0].claims, ["d1", "d2"]);
    }

    #[test]
    fn pair_work_is_linear_in_large_groups() {
        let wordings: Vec<Wording<'_>> = (0..1000)
            .map(|i| Wording {
                folded: format!("wording {i}"),
                text: "",
                outlets: vec![],
                claims: vec![],
            })
            .collect();
        assert_eq!(candidate_pairs(&wordings[..10]).len(), 45);
        assert!(candidate_pairs(&wordings).len() <= 2 * NEIGHBOURS * 1000);
    }

    #[test]
    fn ratio_bounds() {
        assert_eq!(ratio("abc", "abc"), 1.0);
        assert_eq!(ratio("a", "abcdefgh"), 0.0);
        assert!(ratio("we will not withdraw", "we shall not withdraw") > 0.8);
    }
}
