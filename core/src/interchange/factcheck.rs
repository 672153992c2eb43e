//! Google Fact Check Tools API `claims:search` responses, as researchers save them: the
//! `{claims: [...], nextPageToken}` envelope, a bare array of claims, or one claim. A claim's
//! `text` is the claim's words, `claimant` who made it, `claimDate` when; each of its
//! `claimReview[]` is a review by `publisher` (`name`, `site`) with `url`, `reviewDate`,
//! `textualRating` and `languageCode`. Records are the claims, numbered from 1.

use serde_json::Value;

use super::reviews::json::{items, text};
use super::reviews::{BadRecord, Party, Review, review_date};
use crate::error::Result;

/// Whether a language tag is a BCP 47 tag's shape (letters and digits in parts of 1 to 8).
pub(crate) fn lang_ok(tag: &str) -> bool {
    tag.split('-')
        .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Every review of every claim of the response, each with its claim's number.
pub fn read(doc: &Value) -> Result<Vec<(usize, Review)>, BadRecord> {
    let claims: Vec<&Value> = match doc {
        Value::Object(o) if o.contains_key("claims") => items(o.get("claims")),
        Value::Object(o) if o.contains_key("text") || o.contains_key("claimReview") => vec![doc],
        // An empty response (`{}`, or only a page token) has no claims.
        Value::Object(o) if o.is_empty() || o.keys().all(|k| k == "nextPageToken") => Vec::new(),
        Value::Array(a) => a.iter().collect(),
        _ => {
            return Err(BadRecord::new(
                1,
                "",
                "not a Fact Check Tools response: expected {\"claims\": [...]} or an array of claims",
            ));
        }
    };
    let mut out = Vec::new();
    for (i, c) in claims.into_iter().enumerate() {
        let record = i + 1;
        if !c.is_object() {
            return Err(BadRecord::new(record, "", "expected a claim object"));
        }
        let claim_text = text(c.get("text"))
            .ok_or_else(|| BadRecord::new(record, "text", "missing: the claim's words"))?;
        let claimant = text(c.get("claimant")).map(|name| Party {
            name: name.trim().to_string(),
            ..Party::default()
        });
        let said_on = match text(c.get("claimDate")) {
            Some(d) => Some(review_date(&d).map_err(|m| BadRecord::new(record, "claimDate", m))?),
            None => None,
        };
        let reviews = items(c.get("claimReview"));
        if reviews.is_empty() {
            return Err(BadRecord::new(
                record,
                "claimReview",
                "missing: a claim needs at least one review",
            ));
        }
        for (j, r) in reviews.into_iter().enumerate() {
            let at = |f: &str| format!("claimReview[{j}].{f}");
            if !r.is_object() {
                return Err(BadRecord::new(
                    record,
                    format!("claimReview[{j}]"),
                    "expected a review object",
                ));
            }
            let publisher = r.get("publisher").and_then(|p| {
                let name = text(p.get("name"));
                let site = text(p.get("site"));
                name.clone().or_else(|| site.clone()).map(|n| Party {
                    name: n.trim().to_string(),
                    key: None,
                    site: site.filter(|s| Some(s) != name.as_ref()),
                })
            });
            let reviewed_on = match text(r.get("reviewDate")) {
                Some(d) => {
                    Some(review_date(&d).map_err(|m| BadRecord::new(record, at("reviewDate"), m))?)
                }
                None => None,
            };
            let lang = text(r.get("languageCode"));
            if let Some(l) = &lang
                && !lang_ok(l)
            {
                return Err(BadRecord::new(
                    record,
                    at("languageCode"),
                    format!("bad language tag `{l}`: expected a BCP 47 tag such as ar or en-GB"),
                ));
            }
            let label = text(r.get("textualRating"));
            if label.is_none() {
                return Err(BadRecord::new(
                    record,
                    at("textualRating"),
                    "missing: the review's rating",
                ));
            }
            out.push((
                record,
                Review {
                    claim_text: claim_text.clone(),
                    reviewed: claim_text.clone(),
                    proposition: None,
                    claimant: claimant.clone(),
                    said_on: said_on.clone(),
                    claim_url: None,
                    via: None,
                    reported_on: None,
                    lang,
                    publisher,
                    label,
                    numeric: None,
                    review_url: text(r.get("url")),
                    reviewed_on,
                },
            ));
        }
    }
    Ok(out)
}
