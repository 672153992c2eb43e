//! Where a claim's input is validated: [`ClaimInput`] is a claim as the user states it (the
//! flags of `claims add`, or one line of a JSONL import), [`ClaimInput::to_fields`] checks it
//! against the workspace's sources and canonicalises it, and [`ClaimPatch`] is what `claims edit`
//! changes.

use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::model::{self, ClaimFields, Stance};

/// A claim as the user states it: sources by key or alias, dates as typed. Also one line of a
/// JSONL import ([`crate::interchange::jsonl`] reads lines into it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimInput {
    /// Who made the claim (key or alias).
    pub source: String,
    /// The chain it reached us through, innermost first (keys or aliases).
    pub via: Vec<String>,
    /// The claim's words.
    pub text: String,
    /// Proposition key.
    pub about: Option<String>,
    /// supports, refutes or neutral.
    pub stance: Option<String>,
    /// The value claimed.
    pub value: Option<String>,
    /// Whether the text is a direct quote.
    pub quote: bool,
    /// When it was said (YYYY-MM-DD).
    pub said_on: Option<String>,
    /// When it was reported (YYYY-MM-DD).
    pub reported_on: Option<String>,
    /// Where it was read.
    pub url: Option<String>,
    /// Language tag of the text.
    pub lang: Option<String>,
    /// Why it was recorded.
    pub note: Option<String>,
    /// Import only: a label later lines of the same file can revise it by.
    pub label: Option<String>,
    /// Import only: this line is a new version of the claim with this label or id (prefix).
    pub revises: Option<String>,
}

/// Changes to apply to a claim's head; `None` keeps a field, an empty string clears it.
#[derive(Debug, Clone, Default)]
pub struct ClaimPatch {
    /// New origin.
    pub source: Option<String>,
    /// New chain (replaces the whole chain).
    pub via: Option<Vec<String>>,
    /// New text.
    pub text: Option<String>,
    /// New proposition ("" clears).
    pub about: Option<String>,
    /// New stance ("" clears).
    pub stance: Option<String>,
    /// New value ("" clears).
    pub value: Option<String>,
    /// Set or clear the quote flag.
    pub quote: Option<bool>,
    /// New date said ("" clears).
    pub said_on: Option<String>,
    /// New date reported ("" clears).
    pub reported_on: Option<String>,
    /// New URL ("" clears).
    pub url: Option<String>,
    /// New language tag ("" clears).
    pub lang: Option<String>,
    /// Bring a retracted claim back: without it, editing a retracted claim is refused, so a
    /// correction can't silently undo a retraction.
    pub revive: bool,
}

/// Whether text has nothing visible: only spaces and invisible format marks (RLM, ZWSP, BOM...).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
    })
}

pub(crate) fn opt_nonempty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

fn check_lang(tag: &str) -> Result<()> {
    let ok = tag
        .split('-')
        .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "bad language tag `{tag}`: expected a BCP 47 tag such as ar or en-GB"
        )))
    }
}

impl ClaimInput {
    /// Validates the input against the workspace's sources and canonicalises it.
    pub fn to_fields(&self, config: &Config) -> Result<ClaimFields> {
        use Error as E;
        if is_blank(&self.text) {
            return Err(E::in_field("text")(Error::invalid(
                "empty text: a claim needs words",
            )));
        }
        (config.limits)
            .check_text("the text", &self.text)
            .map_err(E::in_field("text"))?;
        if let Some(v) = &self.value {
            (config.limits)
                .check_text("the value", v)
                .map_err(E::in_field("value"))?;
        }
        let origin = (config
            .require(&self.source)
            .map_err(E::in_field("source"))?)
        .key
        .clone();
        let via = self
            .via
            .iter()
            .map(|v| config.require(v).map(|s| s.key.clone()))
            .collect::<Result<Vec<_>>>()
            .map_err(E::in_field("via"))?;
        let about = opt_nonempty(self.about.clone());
        if let Some(a) = &about
            && !config::is_valid_key(a)
        {
            return Err(E::in_field("about")(Error::invalid(config::bad_key(
                "proposition",
                a,
            ))));
        }
        let stance = opt_nonempty(self.stance.clone())
            .map(|s| s.parse::<Stance>())
            .transpose()
            .map_err(E::in_field("stance"))?;
        let date = |d: &Option<String>, field| {
            opt_nonempty(d.clone())
                .map(|d| model::parse_date(&d))
                .transpose()
                .map_err(E::in_field(field))
        };
        let said_on = date(&self.said_on, "said_on")?;
        let reported_on = date(&self.reported_on, "reported_on")?;
        let lang = opt_nonempty(self.lang.clone());
        if let Some(l) = &lang {
            check_lang(l).map_err(E::in_field("lang"))?;
        }
        Ok(ClaimFields {
            origin,
            via,
            text: self.text.clone(),
            about,
            stance,
            value: self.value.clone(),
            quote: self.quote,
            said_on,
            reported_on,
            url: opt_nonempty(self.url.clone()),
            lang,
            source_doc: None,
        })
    }
}

pub(crate) fn apply_patch(
    config: &Config,
    head: &ClaimFields,
    p: &ClaimPatch,
) -> Result<ClaimFields> {
    let pick = |new: &Option<String>, old: &Option<String>| match new {
        Some(s) => Some(s.clone()),
        None => old.clone(),
    };
    let input = ClaimInput {
        source: p.source.clone().unwrap_or_else(|| head.origin.clone()),
        via: p.via.clone().unwrap_or_else(|| head.via.clone()),
        text: p.text.clone().unwrap_or_else(|| head.text.clone()),
        about: pick(&p.about, &head.about),
        stance: pick(&p.stance, &head.stance.map(|s| s.to_string())),
        value: match &p.value {
            Some(v) if v.is_empty() => None,
            Some(v) => Some(v.clone()),
            None => head.value.clone(),
        },
        quote: p.quote.unwrap_or(head.quote),
        said_on: pick(&p.said_on, &head.said_on),
        reported_on: pick(&p.reported_on, &head.reported_on),
        url: pick(&p.url, &head.url),
        lang: pick(&p.lang, &head.lang),
        ..ClaimInput::default()
    };
    let mut fields = input.to_fields(config)?;
    fields.source_doc = head.source_doc;
    Ok(fields)
}
