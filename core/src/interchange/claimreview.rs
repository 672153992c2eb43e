//! schema.org `ClaimReview` JSON-LD, in ([`read`]) and out ([`Workspace::export_claimreview`]).
//!
//! In, every shape real feeds come in: one object, an array, `@graph`, a `DataFeed`
//! (`dataFeedElement[].item[]`), `http` or `https` contexts, `author` as Organization or Person
//! (or a list, or a bare name), `appearance` as objects or bare URLs, `itemReviewed` as a Claim
//! or CreativeWork with its own author, dates as fact-checkers write them
//! ([`super::reviews::review_date`]), `reviewRating` with a label, or only a number on a scale that may be
//! inverted or missing. Objects of other types (an Organization in a `@graph`) are skipped.
//!
//! Out, one ClaimReview per verdict (see docs/ratings.md and the README for the shape).

use std::io::Write;

use serde::de::DeserializeSeed;
use serde_json::{Map, Value, json};

use super::ratings;
use super::reviews::json::{first, has_type, items, number, text, type_is};
use super::reviews::{BadRecord, Party, Review, review_date};
use crate::config::{Config, Publisher};
use crate::error::{Error, Result};
use crate::model::{Verdict, Version};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// The `propertyID` of the `identifier` an export gives each ClaimReview, naming the
/// proposition's key, so a re-import lands on the same proposition.
pub const PROPOSITION_ID: &str = "claims:proposition";

/// What an exported verdict's url is made of when it has none: `[publisher] url`, this, and
/// the verdict's short hash (so a re-import knows the verdict).
pub const OWN_URL_MARK: &str = "#claims-verdict-";

/// The `propertyID` naming a source key on an exported author (Organization or Person).
pub const SOURCE_ID: &str = "claims:source";

/// Every ClaimReview in a JSON-LD document, numbered from 1 in document order.
pub fn read(doc: &Value) -> std::result::Result<Vec<(usize, Review)>, BadRecord> {
    let mut nodes = Vec::new();
    collect(doc, &mut nodes, 0);
    if nodes.is_empty() {
        return Err(no_reviews());
    }
    nodes
        .into_iter()
        .enumerate()
        .map(|(i, n)| review(i + 1, n).map(|r| (i + 1, r)))
        .collect()
}

/// Hands `f` every ClaimReview of a JSON-LD document while it is parsed, numbered from 1 in
/// document order, and returns how many there were: a feed of any size is never held whole,
/// only one node at a time (a `DataFeed` or `@graph` whose `@type` comes before its items, as
/// feeds and `claims export` write them, streams item by item). Finds what [`read`] finds.
/// Stops at the first error: a JSON syntax error (named `file:LINE:COLUMN`), a bad record, or
/// whatever `f` returns.
pub fn stream(
    bytes: &[u8],
    file: &str,
    f: &mut dyn FnMut(usize, Review) -> Result<()>,
) -> Result<usize> {
    let mut walk = Walk {
        f,
        file,
        found: 0,
        failed: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = Node {
        walk: &mut walk,
        depth: 0,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Some(e) = walk.failed {
        return Err(e);
    }
    parsed.map_err(|e| super::reviews::not_json(&e, file))?;
    if walk.found == 0 {
        return Err(no_reviews().into_error(file));
    }
    Ok(walk.found)
}

/// The error of a document with no ClaimReview in it.
fn no_reviews() -> BadRecord {
    BadRecord::new(
        1,
        "@type",
        "no ClaimReview object found (expected one, an array, @graph or a DataFeed)",
    )
}

/// Where a streamed parse is: what it hands reviews to, how many it found, and the error that
/// stopped it (serde's own error type cannot carry ours).
struct Walk<'a> {
    f: &'a mut dyn FnMut(usize, Review) -> Result<()>,
    file: &'a str,
    found: usize,
    failed: Option<Error>,
}

impl Walk<'_> {
    /// Reads a ClaimReview node and hands it on; false when that failed (kept in `failed`).
    fn emit(&mut self, node: &Value) -> bool {
        self.found += 1;
        let record = self.found;
        let done = review(record, node)
            .map_err(|b| b.into_error(self.file))
            .and_then(|r| (self.f)(record, r));
        match done {
            Ok(()) => true,
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }

    /// Emits the ClaimReviews found in a value read whole, as [`collect`] finds them.
    fn emit_within(&mut self, v: &Value, depth: usize) -> bool {
        let mut nodes = Vec::new();
        collect(v, &mut nodes, depth);
        nodes.into_iter().all(|n| self.emit(n))
    }
}

/// One value of a streamed document at `depth` (as [`collect`] counts it).
struct Node<'w, 'a> {
    walk: &'w mut Walk<'a>,
    depth: usize,
}

/// The keys under which feeds put their items, in the order [`collect`] visits them.
const CONTAINERS: [&str; 4] = ["@graph", "dataFeedElement", "item", "itemListElement"];

/// Stops a streamed parse after `walk` recorded why.
fn stop<E: serde::de::Error>() -> E {
    E::custom("stopped")
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        if self.depth > 8 {
            return d.deserialize_ignored_any(serde::de::IgnoredAny).map(|_| ());
        }
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Node<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON-LD document")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        let depth = self.depth + 1;
        while seq
            .next_element_seed(Node {
                walk: &mut *self.walk,
                depth,
            })?
            .is_some()
        {}
        Ok(())
    }

    /// An object is kept whole (a ClaimReview, or anything small) except the items of a
    /// container whose `@type` is already known not to be ClaimReview: those stream.
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        let mut kept = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if CONTAINERS.contains(&key.as_str())
                && kept
                    .get("@type")
                    .is_some_and(|t| !type_is(Some(t), "ClaimReview"))
            {
                map.next_value_seed(Node {
                    walk: &mut *self.walk,
                    depth: self.depth + 1,
                })?;
                if self.walk.failed.is_some() {
                    return Err(stop());
                }
            } else {
                kept.insert(key, map.next_value()?);
            }
        }
        if self.walk.emit_within(&Value::Object(kept), self.depth) {
            Ok(())
        } else {
            Err(stop())
        }
    }
}

/// Finds ClaimReview nodes wherever feeds put them (bounded depth: a hostile file cannot
/// recurse without end).
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, out, depth + 1)),
        Value::Object(o) => {
            if has_type(v, "ClaimReview") {
                out.push(v);
                return;
            }
            for key in ["@graph", "dataFeedElement", "item", "itemListElement"] {
                if let Some(x) = o.get(key) {
                    collect(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A person or organisation: an object with a name (or a bare name); `at` names the field.
fn party(
    v: Option<&Value>,
    at: &str,
    record: usize,
) -> std::result::Result<Option<Party>, BadRecord> {
    let Some(v) = v.and_then(first) else {
        return Ok(None);
    };
    if let Some(s) = v.as_str() {
        return Ok((!s.trim().is_empty()).then(|| Party {
            name: s.trim().to_string(),
            ..Party::default()
        }));
    }
    if !v.is_object() {
        return Err(BadRecord::new(
            record,
            at,
            "expected an Organization or Person",
        ));
    }
    let site = text(v.get("url"));
    let key = items(v.get("identifier"))
        .into_iter()
        .find(|i| i.get("propertyID").and_then(Value::as_str) == Some(SOURCE_ID))
        .and_then(|i| text(i.get("value")));
    let name = text(v.get("name"))
        .or_else(|| text(v.get("alternateName")))
        .or_else(|| site.as_deref().map(host))
        .filter(|n| !n.trim().is_empty());
    Ok(name.map(|name| Party {
        name: name.trim().to_string(),
        key,
        site,
    }))
}

/// The host of a URL ("https://www.example.org/x" -> "www.example.org"), to name an author
/// known only by their site.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

/// A URL from a string or an object with `url` (or `@id`).
fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(_) => text(v.get("url")).or_else(|| text(v.get("@id"))),
        _ => None,
    }
}

fn date_field(
    v: Option<&Value>,
    at: &str,
    record: usize,
) -> std::result::Result<Option<String>, BadRecord> {
    match v.and_then(first) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => review_date(s)
            .map(Some)
            .map_err(|m| BadRecord::new(record, at, m)),
        Some(_) => Err(BadRecord::new(record, at, "expected a date as text")),
    }
}

/// A language tag from a string or a Language object.
fn lang(v: Option<&Value>, record: usize) -> std::result::Result<Option<String>, BadRecord> {
    let tag = match v.and_then(first) {
        None => None,
        Some(Value::Object(_)) => {
            let o = v.and_then(first).expect("matched");
            text(o.get("alternateName")).or_else(|| text(o.get("name")))
        }
        Some(x) => text(Some(x)),
    };
    match tag {
        Some(t) if !super::factcheck::lang_ok(&t) => Err(BadRecord::new(
            record,
            "inLanguage",
            format!("bad language tag `{t}`: expected a BCP 47 tag such as ar or en-GB"),
        )),
        t => Ok(t),
    }
}

/// One ClaimReview node as a review.
fn review(record: usize, n: &Value) -> std::result::Result<Review, BadRecord> {
    let reviewed = text(n.get("claimReviewed")).ok_or_else(|| {
        BadRecord::new(
            record,
            "claimReviewed",
            "missing: the reviewed claim's words",
        )
    })?;
    let item = n.get("itemReviewed").and_then(first);
    if let Some(i) = item
        && !i.is_object()
    {
        return Err(BadRecord::new(
            record,
            "itemReviewed",
            "expected a Claim or CreativeWork",
        ));
    }
    let claim_text = item
        .and_then(|i| text(i.get("text")))
        .unwrap_or_else(|| reviewed.clone());
    let claimant = match item {
        Some(i) => party(i.get("author"), "itemReviewed.author", record)?,
        None => None,
    };
    let said_on = match item {
        Some(i) => date_field(i.get("datePublished"), "itemReviewed.datePublished", record)?,
        None => None,
    };
    // The first appearance with a url: where the claim was read, who published it (its via)
    // and when.
    let appearance = item.and_then(|i| {
        i.get("firstAppearance")
            .and_then(first)
            .filter(|a| url_of(a).is_some())
            .or_else(|| {
                items(i.get("appearance"))
                    .into_iter()
                    .find(|a| url_of(a).is_some())
            })
    });
    let claim_url = appearance.and_then(url_of);
    let (via, reported_on) = match appearance {
        Some(a) if a.is_object() => (
            party(a.get("author"), "itemReviewed.appearance.author", record)?,
            date_field(
                a.get("datePublished"),
                "itemReviewed.appearance.datePublished",
                record,
            )?,
        ),
        _ => (None, None),
    };
    let rating = n.get("reviewRating").and_then(first);
    let (label, numeric) = match rating {
        None => (None, None),
        Some(r) if !r.is_object() => {
            return Err(BadRecord::new(
                record,
                "reviewRating",
                "expected a Rating object",
            ));
        }
        Some(r) => {
            let label = text(r.get("alternateName")).or_else(|| text(r.get("name")));
            let value = number(r.get("ratingValue"));
            if r.get("ratingValue").is_some_and(|v| !v.is_null())
                && value.is_none()
                && label.is_none()
            {
                return Err(BadRecord::new(
                    record,
                    "reviewRating.ratingValue",
                    "not a number",
                ));
            }
            let scale = (number(r.get("bestRating")), number(r.get("worstRating")));
            (label, value.map(|v| (v, scale.0, scale.1)))
        }
    };
    if label.is_none() && numeric.is_none() {
        return Err(BadRecord::new(
            record,
            "reviewRating",
            "missing: no alternateName and no ratingValue",
        ));
    }
    let proposition = items(n.get("identifier"))
        .into_iter()
        .find(|i| i.get("propertyID").and_then(Value::as_str) == Some(PROPOSITION_ID))
        .and_then(|i| text(i.get("value")));
    Ok(Review {
        claim_text,
        reviewed,
        proposition,
        claimant,
        said_on,
        claim_url,
        via,
        reported_on,
        lang: lang(n.get("inLanguage"), record)?,
        publisher: party(n.get("author"), "author", record)?,
        label,
        numeric,
        review_url: n.get("url").and_then(first).and_then(url_of),
        reviewed_on: date_field(n.get("datePublished"), "datePublished", record)?,
    })
}

/// An author object: the source's name, with its key as an identifier so a re-import finds it.
fn author_of(config: &Config, key: &str) -> Value {
    let (name, person) = config
        .sources
        .get(key)
        .map_or((key.to_string(), false), |s| {
            (s.name.clone(), s.kind == crate::config::SourceKind::Person)
        });
    json!({
        "@type": if person { "Person" } else { "Organization" },
        "name": name,
        "identifier": {"@type": "PropertyValue", "propertyID": SOURCE_ID, "value": key},
    })
}

impl Workspace {
    /// Writes every verdict as a ClaimReview JSON-LD object (a JSON array of them, or with
    /// `feed` a schema.org `DataFeed`), in proposition then chain order. A verdict names its
    /// fact-checker (`by`) as author, else the workspace's `[publisher]`; one with neither, or
    /// a verdict with no url and no `[publisher]` to build one from, is an error naming what
    /// to set. Returns how many were written.
    pub fn export_claimreview(&self, out: &mut dyn Write, feed: bool) -> Result<u64> {
        let config = self.config();
        let publisher = config.publisher.as_ref();
        let lang = publisher.and_then(|p| p.lang.as_deref()).unwrap_or("en");
        let verdicts = self.store().verdicts(None)?;
        // What would stop the export is found before a byte is written.
        if let Some(e) = verdicts.iter().find_map(|v| unexportable(v, publisher)) {
            return Err(e);
        }
        let io = |e: std::io::Error| Error::io("<output>")(e);
        let (open, close) = if feed {
            (
                "{\"@context\":\"https://schema.org\",\"@type\":\"DataFeed\",\"dataFeedElement\":[",
                "]}\n",
            )
        } else {
            ("[", "]\n")
        };
        out.write_all(open.as_bytes()).map_err(io)?;
        let mut about = String::new();
        let mut claims: Vec<Version> = Vec::new();
        let mut words: Option<String> = None;
        for (i, v) in verdicts.iter().enumerate() {
            if v.about != about {
                about = v.about.clone();
                claims = self.proposition_claims(&about)?;
                words = self.store().proposition(&about)?.and_then(|(t, _)| t);
            }
            let obj = review_object(config, publisher, lang, v, &claims, words.as_deref())?;
            let mut node = obj;
            if !feed {
                node.insert("@context".into(), json!("https://schema.org"));
            }
            if i > 0 {
                out.write_all(b",").map_err(io)?;
            }
            out.write_all(b"\n").map_err(io)?;
            serde_json::to_writer(&mut *out, &Value::Object(node))
                .map_err(|e| Error::invalid(format!("cannot write ClaimReview: {e}")))?;
        }
        out.write_all(b"\n").map_err(io)?;
        out.write_all(close.as_bytes()).map_err(io)?;
        Ok(verdicts.len() as u64)
    }

    /// A proposition's standing claims, earliest said (else recorded) first.
    fn proposition_claims(&self, about: &str) -> Result<Vec<Version>> {
        let mut claims = self.list(&crate::storage::HeadFilter {
            about: Some(about.to_string()),
            ..crate::storage::HeadFilter::default()
        })?;
        claims.sort_by(|a, b| {
            let key = |v: &Version| {
                (
                    v.fields
                        .said_on
                        .clone()
                        .unwrap_or_else(|| day(&v.recorded_at)),
                    v.recorded_at.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(claims)
    }
}

/// Why a verdict cannot be exported as a ClaimReview (no author, or no url and no
/// `[publisher]` to make one from), in one line naming what to set.
fn unexportable(v: &Verdict, publisher: Option<&Publisher>) -> Option<Error> {
    let what = format!("verdict {} on {}", v.seq, v.about);
    let a = &v.attribution;
    if publisher.is_some() {
        return None;
    }
    if a.by.is_none() {
        return Some(Error::invalid(format!(
            "{what} names no fact-checker: set [publisher] name and url in workspace.toml (the organisation the export is published by)"
        )));
    }
    a.url.is_none().then(|| Error::invalid(format!(
        "{what} has no url: record it with `claims verdict --url`, or set [publisher] name and url in workspace.toml so one can be made"
    )))
}

/// The date of an RFC 3339 time.
fn day(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_string()
}

/// One verdict as a ClaimReview node (without `@context`).
fn review_object(
    config: &Config,
    publisher: Option<&Publisher>,
    lang: &str,
    v: &Verdict,
    claims: &[Version],
    words: Option<&str>,
) -> Result<Map<String, Value>> {
    let a = &v.attribution;
    let author = match (&a.by, publisher) {
        (Some(by), _) => author_of(config, by),
        (None, Some(p)) => json!({"@type": "Organization", "name": p.name, "url": p.url}),
        (None, None) => return Err(unexportable(v, None).expect("no author")),
    };
    let url = match (&a.url, publisher) {
        (Some(u), _) => u.clone(),
        (None, Some(p)) => format!("{}{OWN_URL_MARK}{}", p.url, v.hash.short()),
        (None, None) => return Err(unexportable(v, None).expect("no url")),
    };
    let first = claims.first();
    let reviewed = words
        .map(str::to_string)
        .or_else(|| first.map(|c| c.fields.text.clone()))
        .unwrap_or_else(|| v.about.clone());
    let label = a
        .label
        .clone()
        .unwrap_or_else(|| ratings::label_in(v.rating, lang).to_string());
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    if let Some(n) = ratings::numeric(v.rating) {
        rating.insert("ratingValue".into(), json!(n));
        rating.insert("bestRating".into(), json!(5));
        rating.insert("worstRating".into(), json!(1));
    }
    rating.insert("alternateName".into(), json!(label));
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(c) = first {
        item.insert("author".into(), author_of(config, &c.fields.origin));
        if let Some(d) = &c.fields.said_on {
            item.insert("datePublished".into(), json!(d));
        }
        item.insert("text".into(), json!(c.fields.text));
        let appearances: Vec<Value> = claims
            .iter()
            .filter_map(|c| {
                let url = c.fields.url.as_ref()?;
                let mut ap = Map::new();
                ap.insert("@type".into(), json!("CreativeWork"));
                ap.insert("url".into(), json!(url));
                if let Some(via) = c.fields.via.first() {
                    ap.insert("author".into(), author_of(config, via));
                }
                if let Some(d) = &c.fields.reported_on {
                    ap.insert("datePublished".into(), json!(d));
                }
                Some(Value::Object(ap))
            })
            .collect();
        if let Some(f) = appearances.first() {
            item.insert("firstAppearance".into(), f.clone());
            item.insert("appearance".into(), Value::Array(appearances));
        }
    }
    let in_language = first
        .and_then(|c| c.fields.lang.clone())
        .or_else(|| publisher.and_then(|p| p.lang.clone()));
    let mut node = Map::new();
    node.insert("@type".into(), json!("ClaimReview"));
    node.insert("url".into(), json!(url));
    node.insert("claimReviewed".into(), json!(reviewed));
    node.insert("author".into(), author);
    node.insert(
        "datePublished".into(),
        json!(a.reviewed_on.clone().unwrap_or_else(|| day(&v.recorded_at))),
    );
    if let Some(l) = in_language {
        node.insert("inLanguage".into(), json!(l));
    }
    node.insert("reviewRating".into(), Value::Object(rating));
    node.insert("itemReviewed".into(), Value::Object(item));
    node.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "propertyID": PROPOSITION_ID, "value": v.about}),
    );
    Ok(node)
}
