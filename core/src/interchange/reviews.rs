//! Reviews from the fact-checking world: fact-checkers' ClaimReview JSON-LD
//! ([`super::claimreview`]) and Google Fact Check Tools API responses ([`super::factcheck`]), their
//! labels mapped by [`super::ratings`].
//!
//! Both review formats are read into [`Review`]s, which one importer
//! ([`Workspace::import_reviews`]) records: per review, a claim by the claimant about a
//! proposition keyed from the reviewed text, and a verdict on it by the fact-checker.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use serde_json::Value;

use crate::claims::{self, ClaimInput};
use crate::config::{Config, Source, SourceKind, is_valid_key};
use crate::error::{Error, Result};
use crate::limits::too_large;
use crate::model::{Attribution, Rating};
use crate::propositions::{self, Held, Ruling};
use crate::storage::{Reader, Writer};
use crate::workspace::{self, Workspace};

use super::{claimreview, factcheck, ratings};

/// The review formats `claims import --format` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    /// schema.org ClaimReview JSON-LD: one object, an array, `@graph` or a `DataFeed`.
    ClaimReview,
    /// A Fact Check Tools API `claims:search` response (with or without its envelope).
    FactCheckApi,
}

/// A person or organisation as a review names it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Party {
    /// Their name.
    pub name: String,
    /// A source key they were exported under (`identifier`), tried when the name is unknown.
    pub key: Option<String>,
    /// Their site, kept as an alias.
    pub site: Option<String>,
}

/// One fact-checker's review of one claim, as read from a file: what the importer records.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// The claim's words (the reviewed text, or the claim's own text when the file has it).
    pub claim_text: String,
    /// The reviewed text that keys the proposition.
    pub reviewed: String,
    /// A proposition key the file names (an export's `identifier`), else one is derived.
    pub proposition: Option<String>,
    /// Who made the claim.
    pub claimant: Option<Party>,
    /// When they made it (YYYY-MM-DD).
    pub said_on: Option<String>,
    /// Where the claim appeared first.
    pub claim_url: Option<String>,
    /// Who published that first appearance (the claim's via).
    pub via: Option<Party>,
    /// When that appearance was published.
    pub reported_on: Option<String>,
    /// Language of the claim.
    pub lang: Option<String>,
    /// The fact-checker.
    pub publisher: Option<Party>,
    /// Their label for the rating.
    pub label: Option<String>,
    /// A numeric rating and its scale (value, best, worst), for reviews with no label.
    pub numeric: Option<(f64, Option<f64>, Option<f64>)>,
    /// The review's page.
    pub review_url: Option<String>,
    /// When the review was published (YYYY-MM-DD).
    pub reviewed_on: Option<String>,
}

/// A record of the file that cannot be imported: which one, which field, why.
#[derive(Debug, Clone)]
pub struct BadRecord {
    /// 1-based position of the record in the file.
    pub record: usize,
    /// Path of the field inside the record (`claimReview[0].reviewDate`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl BadRecord {
    /// A fault of one field of one record.
    pub fn new(record: usize, field: impl Into<String>, message: impl Into<String>) -> BadRecord {
        BadRecord {
            record,
            field: field.into(),
            message: message.into(),
        }
    }

    /// The error naming this record of `file`.
    pub(crate) fn into_error(self, file: &str) -> Error {
        Error::ImportRecord {
            file: file.to_string(),
            record: self.record,
            field: self.field,
            message: self.message,
        }
    }
}

/// A label the rating table could not map, and how often the file used it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnmappedLabel {
    /// The label, verbatim.
    pub label: String,
    /// How many reviews used it.
    pub count: u64,
}

/// What a review import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReviewReport {
    /// Reviews read.
    pub reviews: u64,
    /// New claims recorded.
    pub added: u64,
    /// Claims already recorded.
    pub unchanged: u64,
    /// New verdicts recorded.
    pub verdicts: u64,
    /// Verdicts already recorded.
    pub verdicts_unchanged: u64,
    /// Keys of the sources declared (claimants kind `other`, fact-checkers `fact-checker`).
    pub created_sources: Vec<String>,
    /// Labels the rating table could not map (recorded as `unrated`, label kept), most used
    /// first.
    pub unmapped: Vec<UnmappedLabel>,
}

/// The source a claim is attributed to when the review names no claimant.
pub const UNKNOWN_CLAIMANT: &str = "unknown-claimant";

/// The proposition key of a reviewed text: `cr-` and 16 hex digits of the BLAKE3 of its
/// matching form, so spelling variants and re-imports land on the same proposition.
pub fn proposition_key(reviewed: &str) -> String {
    let h = blake3::hash(crate::normalize::match_key(reviewed).as_bytes()).to_hex();
    format!("cr-{}", &h[..16])
}

/// Reads the whole input, refusing one over `[limits] max_document_bytes` without reading past
/// it: the document is one JSON value (a feed is parsed from these bytes node by node).
fn read_bounded(config: &Config, reader: &mut dyn Read, file: &str) -> Result<Vec<u8>> {
    let max = config.limits.max_document_bytes;
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Error::io(file))?;
    if bytes.len() as u64 > max {
        return Err(too_large(file, max, "max_document_bytes"));
    }
    Ok(bytes)
}

/// Parses the document as JSON, with the position of a syntax error.
fn parse_json(bytes: &[u8], file: &str) -> Result<Value> {
    serde_json::from_slice(without_bom(bytes)).map_err(|e| not_json(&e, file))
}

/// The document without the byte order mark spreadsheet programs put first.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// A JSON syntax error as one line naming where in `file` it is.
pub(crate) fn not_json(e: &serde_json::Error, file: &str) -> Error {
    let m = e.to_string();
    let m = m.rfind(" at line ").map_or(m.as_str(), |i| &m[..i]);
    Error::invalid(format!("{file}:{}:{}: not JSON: {m}", e.line(), e.column()))
}

/// Sources declared during an import, and the configuration that knows them.
struct Sources {
    config: Config,
    created: Vec<Source>,
    /// The key each party (by name) came to, with its kind: a feed names the same few
    /// fact-checkers and claimants thousands of times, and resolving a name folds it afresh.
    known: HashMap<String, Vec<(Party, SourceKind, String)>>,
}

impl Sources {
    /// The key of a party: a known name, alias or key; else a new source of `kind` (under the
    /// key the file gave, when it is free and valid). The same party always comes to the same
    /// key (the sources only grow during an import), so each is worked out once.
    fn key(&mut self, p: &Party, kind: SourceKind) -> String {
        if let Some(k) = self.known.get(p.name.as_str()).and_then(|seen| {
            seen.iter()
                .find(|(q, k, _)| q == p && *k == kind)
                .map(|(_, _, key)| key.clone())
        }) {
            return k;
        }
        let key = self.resolve_or_declare(p, kind);
        self.known
            .entry(p.name.clone())
            .or_default()
            .push((p.clone(), kind, key.clone()));
        key
    }

    fn resolve_or_declare(&mut self, p: &Party, kind: SourceKind) -> String {
        if let Some(s) = self.config.resolve(&p.name) {
            return s.key.clone();
        }
        if let Some(site) = &p.site
            && let Some(s) = self.config.resolve(site)
        {
            return s.key.clone();
        }
        let before = self.created.len();
        let key = self.config.declare_unknown(&p.name, &mut self.created);
        if self.created.len() == before {
            // Another script's spelling of a source this import declared: now its alias.
            return key;
        }
        let mut src = self.created.pop().expect("declare_unknown pushed it");
        self.config.remove_source(&src.key);
        if let Some(k) = &p.key
            && is_valid_key(k)
            && !self.config.sources.contains_key(k)
        {
            src.key = k.clone();
        }
        src.kind = kind;
        if let Some(site) = &p.site
            && crate::config::name_key(site) != crate::config::name_key(&src.name)
            && self.config.resolve(site).is_none()
        {
            src.aliases.push(site.clone());
        }
        self.config.insert_source(src.clone());
        let key = src.key.clone();
        self.created.push(src);
        key
    }
}

/// A date as fact-checkers write it, as `YYYY-MM-DD`: RFC 3339, `2020-10-07 20:05`, with `Z`,
/// `UTC`/`GMT`, `+01:00` or `+0100`, or a bare date (the calendar date written is kept, not
/// moved to UTC); also "7 October 2020" and the other notations of [`crate::normalize`].
pub fn review_date(s: &str) -> std::result::Result<String, String> {
    let t = s.trim();
    let bad =
        || format!("bad date `{s}`: expected a date such as 2020-10-07 or 2020-10-07T20:05:00Z");
    if t.len() >= 10 && t.is_char_boundary(10) {
        let (date, rest) = t.split_at(10);
        if let Ok(d) = crate::model::parse_date(date) {
            return if time_part_ok(rest) {
                Ok(d)
            } else {
                Err(bad())
            };
        }
    }
    match crate::normalize::value_key(t) {
        crate::normalize::ValueKey::Date(d) => Ok(d.to_string()),
        _ => Err(bad()),
    }
}

/// Whether what follows a date is a time of day and zone as feeds write them.
fn time_part_ok(rest: &str) -> bool {
    if rest.trim().is_empty() || ["Z", "UTC", "GMT"].contains(&rest.trim()) {
        return true;
    }
    let Some(rest) = rest.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let rest = rest.trim_start();
    let time_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(time_len);
    let hm: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&hm.len()) || hm.iter().any(|p| p.is_empty()) {
        return false;
    }
    let zone = zone.trim();
    if zone.is_empty() || ["Z", "z", "UTC", "GMT"].contains(&zone) {
        return true;
    }
    let Some(offset) = zone.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits: String = offset.chars().filter(|c| *c != ':').collect();
    matches!(digits.len(), 2 | 4) && digits.bytes().all(|b| b.is_ascii_digit())
}

impl Workspace {
    /// Imports a ClaimReview or Fact Check Tools file in one transaction: every review becomes
    /// a claim (by its claimant) about a proposition keyed from the reviewed text, and a
    /// verdict on it by the fact-checker. All or nothing: the first bad record is named (by its
    /// position and field) and nothing is recorded. Unknown claimants and fact-checkers are
    /// declared as `--create-sources` does; importing a file again adds nothing.
    pub fn import_reviews(
        &mut self,
        reader: &mut dyn Read,
        file: &str,
        format: ReviewFormat,
    ) -> Result<ReviewReport> {
        let bytes = read_bounded(self.config(), reader, file)?;
        let bytes = without_bom(&bytes);
        // A Fact Check Tools response is read whole first; a ClaimReview feed (the large
        // ones) streams inside the transaction, one node in memory at a time.
        let api = match format {
            ReviewFormat::FactCheckApi => {
                Some(factcheck::read(&parse_json(bytes, file)?).map_err(|b| b.into_error(file))?)
            }
            ReviewFormat::ClaimReview => None,
        };
        let now = workspace::now();
        self.write_declaring(|w, config| {
            let mut sources = Sources {
                config: config.clone(),
                created: Vec::new(),
                known: HashMap::new(),
            };
            let mut report = ReviewReport::default();
            let mut unmapped = ratings::Unmapped::default();
            let mut labels = HashMap::new();
            let mut props = Props {
                existing: w.proposition_keys_held()?,
                last: None,
            };
            let mut one = |record: usize, review: Review| {
                let mut state = State {
                    sources: &mut sources,
                    props: &mut props,
                    report: &mut report,
                    unmapped: &mut unmapped,
                    labels: &mut labels,
                };
                record_review(w, &mut state, &review, &now).map_err(|e| {
                    if e.is_storage() {
                        e
                    } else {
                        BadRecord::new(record, "", e.to_string()).into_error(file)
                    }
                })
            };
            match api {
                Some(reviews) => {
                    for (record, review) in reviews {
                        one(record, review)?;
                    }
                }
                None => {
                    claimreview::stream(bytes, file, &mut one)?;
                }
            }
            report.created_sources = sources.created.iter().map(|s| s.key.clone()).collect();
            report.unmapped = unmapped
                .sorted()
                .into_iter()
                .map(|(label, count)| UnmappedLabel { label, count })
                .collect();
            Ok((report, sources.created))
        })
    }
}

/// What the propositions an import writes hold, for the review at hand. Only the last
/// proposition is kept (a feed's reviews of one claim come together): one seen earlier is read
/// back from the transaction, so memory does not grow with the feed.
struct Props {
    /// Propositions that may have records: held before the import, or written by it.
    existing: HashSet<String>,
    last: Option<(String, Held)>,
}

impl Props {
    fn get(&mut self, w: &Writer<'_>, key: &str) -> Result<&mut Held> {
        if self.last.as_ref().is_none_or(|(k, _)| k != key) {
            // A proposition never held has nothing to read; it has once this review is written.
            let held = if self.existing.contains(key) {
                Held::load(w, key)?
            } else {
                self.existing.insert(key.to_string());
                Held::default()
            };
            self.last = Some((key.to_string(), held));
        }
        Ok(&mut self.last.as_mut().expect("set above").1)
    }
}

/// What recording reviews carries from one to the next.
struct State<'a> {
    sources: &'a mut Sources,
    props: &'a mut Props,
    report: &'a mut ReviewReport,
    unmapped: &'a mut ratings::Unmapped,
    /// Each label's place on the scale, matched once per distinct label.
    labels: &'a mut HashMap<String, ratings::Mapped>,
}

/// Records one review: its claim (unless held), its proposition's words (unless it has some)
/// and its verdict (unless the proposition's chain holds the same ruling).
fn record_review(w: &Writer<'_>, st: &mut State<'_>, r: &Review, at: &str) -> Result<()> {
    let State {
        sources,
        props,
        report,
        unmapped,
        labels,
    } = st;
    report.reviews += 1;
    let about = match &r.proposition {
        Some(k) if is_valid_key(k) => k.clone(),
        _ => proposition_key(&r.reviewed),
    };
    let origin = match &r.claimant {
        Some(p) => sources.key(p, SourceKind::Other),
        None => sources.key(
            &Party {
                name: "Unknown claimant".into(),
                key: Some(UNKNOWN_CLAIMANT.into()),
                site: None,
            },
            SourceKind::Anonymous,
        ),
    };
    let via = r
        .via
        .as_ref()
        .map(|p| sources.key(p, SourceKind::Other))
        .into_iter()
        .collect();
    let input = ClaimInput {
        source: origin,
        via,
        reported_on: r.reported_on.clone(),
        text: r.claim_text.clone(),
        about: Some(about.clone()),
        stance: Some("supports".into()),
        said_on: r.said_on.clone(),
        url: r.claim_url.clone(),
        lang: r.lang.clone(),
        ..ClaimInput::default()
    };
    let fields = input.to_fields(&sources.config)?;
    if claims::record_new(w, fields, None, at)?.version.is_some() {
        report.added += 1;
    } else {
        report.unchanged += 1;
    }
    let held = props.get(w, &about)?;
    propositions::give_words(w, held, &about, &r.reviewed, at)?;
    // A review this workspace exported from a verdict of its own (its url made from
    // `[publisher] url` and the verdict's hash) is that verdict.
    if let Some((_, short)) = r
        .review_url
        .as_deref()
        .and_then(|u| u.rsplit_once(claimreview::OWN_URL_MARK))
        && held.chain.iter().any(|v| v.hash.short() == short)
    {
        report.verdicts_unchanged += 1;
        return Ok(());
    }
    let by = r
        .publisher
        .as_ref()
        .map(|p| sources.key(p, SourceKind::FactChecker));
    let (rating, label) = match (&r.label, r.numeric) {
        (Some(l), _) => match cached_label(labels, l) {
            ratings::Mapped::Rated(x) => (x, Some(l.clone())),
            ratings::Mapped::Unmapped => {
                unmapped.add(l);
                (Rating::Unrated, Some(l.clone()))
            }
        },
        // A number on its scale is no label: none is stored (an unreadable one is counted).
        (None, Some((v, best, worst))) => match ratings::from_numeric(v, best, worst) {
            Some(x) => (x, None),
            None => {
                let shown = format!(
                    "ratingValue {v} (bestRating {}, worstRating {})",
                    best.unwrap_or(5.0),
                    worst.unwrap_or(1.0)
                );
                unmapped.add(&shown);
                (Rating::Unrated, None)
            }
        },
        (None, None) => (Rating::Unrated, None),
    };
    let attribution = propositions::check_attribution(
        &sources.config,
        Attribution {
            by,
            label,
            url: r.review_url.clone(),
            reviewed_on: r.reviewed_on.clone(),
        },
        false,
    )?;
    let ruling = Ruling {
        about: &about,
        rating,
        value: None,
        note: None,
        attribution: &attribution,
    };
    if propositions::append_verdict(w, held, &ruling, at, true)?.is_some() {
        report.verdicts += 1;
    } else {
        report.verdicts_unchanged += 1;
    }
    Ok(())
}

/// A label's place on the scale, from the cache when the label was seen before.
fn cached_label(labels: &mut HashMap<String, ratings::Mapped>, label: &str) -> ratings::Mapped {
    if let Some(m) = labels.get(label) {
        return *m;
    }
    let m = ratings::map_label(label);
    labels.insert(label.to_string(), m);
    m
}

/// Small readers of JSON-LD values shared by the two formats.
pub(crate) mod json {
    use serde_json::Value;

    /// The first item of an array, or the value itself.
    pub fn first(v: &Value) -> Option<&Value> {
        match v {
            Value::Array(a) => a.first(),
            Value::Null => None,
            v => Some(v),
        }
    }

    /// Every item of an array, or the value itself as one item.
    pub fn items(v: Option<&Value>) -> Vec<&Value> {
        match v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.iter().collect(),
            Some(v) => vec![v],
        }
    }

    /// A non-blank string (numbers written as text), trimmed of nothing.
    pub fn text(v: Option<&Value>) -> Option<String> {
        match first(v?)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A number, also when written as a string.
    pub fn number(v: Option<&Value>) -> Option<f64> {
        match first(v?)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Whether a node's `@type` (a string or a list, bare or as a schema.org IRI) is `name`.
    pub fn has_type(v: &Value, name: &str) -> bool {
        type_is(v.get("@type"), name)
    }

    /// Whether a `@type` value names `name` (see [`has_type`]).
    pub fn type_is(t: Option<&Value>, name: &str) -> bool {
        items(t).iter().any(|t| {
            t.as_str()
                .is_some_and(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t) == name)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_feeds_write_them() {
        for s in [
            "2020-10-07",
            "2020-10-07T20:05:00Z",
            "2020-10-07T20:05:00+01:00",
            "2020-10-07T20:05:00.123+0100",
            "2020-10-07 20:05",
            "2020-10-07 20:05:00 UTC",
            "2020-10-07 UTC",
            "2020-10-07T20:05:00-05",
            "7 October 2020",
            "٢٠٢٠-١٠-٠٧",
        ] {
            assert_eq!(review_date(s).as_deref(), Ok("2020-10-07"), "{s}");
        }
        for s in [
            "yesterday",
            "2020-13-07",
            "2020-10-07 soon",
            "2020-10-07T25",
            "",
        ] {
            assert!(review_date(s).is_err(), "{s}");
        }
    }

    #[test]
    fn proposition_keys_fold_spelling() {
        assert_eq!(proposition_key("مضلّل جداً"), proposition_key("مضلل جدا"));
        assert!(proposition_key("x").starts_with("cr-"));
        assert!(is_valid_key(&proposition_key("x")));
    }

    /// Any JSON at all, nested: what a stranger's file can hold.
    fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            prop_oneof![
                Just("ClaimReview".to_string()),
                Just("2020-10-07 20:05 UTC".to_string()),
                Just("مضلّل".to_string()),
                "\\PC{0,12}",
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 64, 8, |inner| {
            let keys = prop_oneof![
                Just("@type".to_string()),
                Just("@graph".to_string()),
                Just("dataFeedElement".to_string()),
                Just("item".to_string()),
                Just("claimReviewed".to_string()),
                Just("reviewRating".to_string()),
                Just("alternateName".to_string()),
                Just("ratingValue".to_string()),
                Just("bestRating".to_string()),
                Just("author".to_string()),
                Just("itemReviewed".to_string()),
                Just("appearance".to_string()),
                Just("firstAppearance".to_string()),
                Just("datePublished".to_string()),
                Just("inLanguage".to_string()),
                Just("claims".to_string()),
                Just("text".to_string()),
                Just("claimReview".to_string()),
                Just("reviewDate".to_string()),
                Just("publisher".to_string()),
                Just("url".to_string()),
            ];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map(keys, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1_000))]

        /// No document, however strange, makes a reader or the rating matcher panic.
        #[test]
        fn readers_never_panic(doc in any_json(), label in "\\PC{0,40}") {
            let _ = claimreview::read(&doc);
            let _ = factcheck::read(&doc);
            let _ = ratings::map_label(&label);
            let _ = review_date(&label);
        }

        /// Streaming a document finds the reviews reading it whole finds (in the same order
        /// but where an object has several item lists), and fails where that fails.
        #[test]
        fn streaming_finds_what_reading_whole_finds(doc in any_json()) {
            let bytes = serde_json::to_vec(&doc).unwrap();
            let mut streamed = Vec::new();
            let got = claimreview::stream(&bytes, "f", &mut |_, r| {
                streamed.push(format!("{r:?}"));
                Ok(())
            });
            match claimreview::read(&doc) {
                Ok(whole) => {
                    proptest::prop_assert_eq!(got.ok(), Some(whole.len()));
                    let mut whole: Vec<String> = whole.iter().map(|(_, r)| format!("{r:?}")).collect();
                    whole.sort();
                    streamed.sort();
                    proptest::prop_assert_eq!(whole, streamed);
                }
                Err(_) => proptest::prop_assert!(got.is_err()),
            }
        }
    }
}
