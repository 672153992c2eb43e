//! `claims about` and `claims verdict`: propositions (what claims are about), the one rule that
//! says whether a proposition is a statement or asks for a value ([`PropositionKind::infer`]),
//! and fact-checkers' verdicts, hash-chained per proposition.

use std::collections::HashMap;
use std::str::FromStr;

use crate::config::{Config, SourceKind, is_valid_key};
use crate::error::{Error, Result};
use crate::model::{Attribution, Rating, Verdict, Version};
use crate::storage::{HeadFilter, Reader};
use crate::workspace::{Workspace, now};

/// Whether a proposition is a yes/no statement or asks for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PropositionKind {
    /// Claims take stances: supports, refutes, neutral.
    Statement,
    /// Claims give values (a date, a number, a name).
    Value,
}

impl PropositionKind {
    /// The word used on the command line and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PropositionKind::Statement => "statement",
            PropositionKind::Value => "value",
        }
    }
}

impl PropositionKind {
    /// The kind a change away from this one comes from.
    pub fn other(self) -> PropositionKind {
        match self {
            PropositionKind::Statement => PropositionKind::Value,
            PropositionKind::Value => PropositionKind::Statement,
        }
    }

    /// The one rule for statement vs value, so `about`, compare, agree and trust never infer it
    /// differently: a declared kind wins; else a proposition is a value proposition when any of
    /// its standing claims gives a value. Returns the kind and whether it was declared.
    pub fn infer(declared: Option<PropositionKind>, any_value: bool) -> (PropositionKind, bool) {
        match declared {
            Some(k) => (k, true),
            None if any_value => (PropositionKind::Value, false),
            None => (PropositionKind::Statement, false),
        }
    }
}

impl FromStr for PropositionKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "statement" => Ok(PropositionKind::Statement),
            "value" => Ok(PropositionKind::Value),
            other => Err(Error::invalid(format!(
                "bad proposition kind `{other}`: expected statement or value"
            ))),
        }
    }
}

/// A proposition: what claims are about.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Proposition {
    /// Its key (claims' `--about`).
    pub key: String,
    /// Its words, when declared.
    pub text: Option<String>,
    /// Statement or value (declared, or inferred from its claims).
    pub kind: PropositionKind,
    /// Whether the kind was declared rather than inferred.
    pub kind_declared: bool,
    /// Standing (not retracted) claims about it.
    pub claims: u64,
}

impl Workspace {
    /// The kinds declared with `claims about add`, by proposition (stored kinds parse; an
    /// unreadable one counts as undeclared).
    pub(crate) fn declared_kinds(&self) -> Result<HashMap<String, PropositionKind>> {
        Ok(self
            .store()
            .declared_propositions()?
            .into_iter()
            .filter_map(|d| Some((d.key, d.kind?.parse().ok()?)))
            .collect())
    }

    /// Gives a proposition words and (optionally) a kind; it need not have claims yet. Each
    /// change is a new version; a kind change that standing claims of the other kind would
    /// contradict is refused unless `change_kind` says the user means it.
    pub fn declare_proposition(
        &mut self,
        key: &str,
        text: Option<&str>,
        kind: Option<PropositionKind>,
        note: Option<&str>,
        change_kind: bool,
    ) -> Result<Proposition> {
        if !is_valid_key(key) {
            return Err(Error::invalid(crate::config::bad_key("proposition", key)));
        }
        if text.is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::invalid("empty text: a proposition needs words"));
        }
        let at = now();
        self.store_mut().write(|w| {
            let change = PropositionChange {
                text,
                kind,
                note,
                change_kind,
            };
            let mut latest = w.proposition_versions(key)?.pop();
            set_proposition(w, &mut latest, key, &change, &at)
        })?;
        self.proposition(key)
    }

    /// Every version of a proposition's words and kind, oldest first.
    pub fn proposition_log(&self, key: &str) -> Result<Vec<crate::storage::PropositionVersion>> {
        let versions = self.store().proposition_versions(key)?;
        if versions.is_empty() {
            return Err(Error::invalid(format!(
                "proposition `{key}` was never declared (see `claims about list`)"
            )));
        }
        Ok(versions)
    }

    /// Every proposition: declared ones and those named by standing claims.
    pub fn propositions(&self) -> Result<Vec<Proposition>> {
        let mut declared: HashMap<String, (Option<String>, Option<PropositionKind>)> = self
            .store()
            .declared_propositions()?
            .into_iter()
            .map(|d| (d.key, (d.text, d.kind.and_then(|k| k.parse().ok()))))
            .collect();
        let mut usage: Vec<(String, u64, bool)> = self.store().proposition_usage()?;
        let named: std::collections::HashSet<&str> =
            usage.iter().map(|(k, _, _)| k.as_str()).collect();
        let unused: Vec<String> = declared
            .keys()
            .filter(|k| !named.contains(k.as_str()))
            .cloned()
            .collect();
        usage.extend(unused.into_iter().map(|k| (k, 0, false)));
        let mut out: Vec<Proposition> = usage
            .into_iter()
            .map(|(key, claims, any_value)| {
                let (text, kind) = declared.remove(&key).unwrap_or_default();
                let (kind, kind_declared) = PropositionKind::infer(kind, any_value);
                Proposition {
                    key,
                    text,
                    kind,
                    kind_declared,
                    claims,
                }
            })
            .collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    /// One proposition; unknown when neither declared nor named by a claim.
    pub fn proposition(&self, key: &str) -> Result<Proposition> {
        Ok(self.proposition_with_claims(key)?.0)
    }

    /// A proposition and its standing claims, read once for callers that need both.
    pub(crate) fn proposition_with_claims(&self, key: &str) -> Result<(Proposition, Vec<Version>)> {
        let declared = self.store().proposition(key)?;
        let claims = self.list(&HeadFilter {
            about: Some(key.to_string()),
            ..HeadFilter::default()
        })?;
        if declared.is_none() && claims.is_empty() {
            return Err(Error::invalid(format!(
                "unknown proposition `{key}`: no claim is about it (see `claims about list`)"
            )));
        }
        let any_value = claims.iter().any(|c| c.fields.value.is_some());
        let (text, kind) = declared.unwrap_or((None, None));
        let (kind, kind_declared) =
            PropositionKind::infer(kind.and_then(|k| k.parse().ok()), any_value);
        let proposition = Proposition {
            key: key.to_string(),
            text,
            kind,
            kind_declared,
            claims: claims.len() as u64,
        };
        Ok((proposition, claims))
    }

    /// Records a fact-checker's ruling, chained to the previous ruling on the same proposition;
    /// `attribution` names who ruled and where (its `by` is resolved to a source key here).
    pub fn record_verdict(
        &mut self,
        about: &str,
        rating: Rating,
        value: Option<&str>,
        note: &str,
        attribution: Attribution,
    ) -> Result<Verdict> {
        let prop = self.proposition(about)?;
        if prop.kind == PropositionKind::Value && rating == Rating::True && value.is_none() {
            return Err(Error::invalid(format!(
                "`{about}` is a value proposition: say which value is true with --value"
            )));
        }
        let attribution = check_attribution(self.config(), attribution, true)?;
        let at = now();
        self.store_mut().write(|w| {
            let ruling = Ruling {
                about,
                rating,
                value,
                note: Some(note),
                attribution: &attribution,
            };
            let mut held = Held::load(w, about)?;
            Ok(append_verdict(w, &mut held, &ruling, &at, false)?.expect("always recorded"))
        })
    }

    /// Every ruling on a proposition, oldest first.
    pub fn verdicts(&self, about: &str) -> Result<Vec<Verdict>> {
        self.store().verdicts(Some(about))
    }
}

/// A ruling to record: what [`append_verdict`] chains onto a proposition's verdicts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ruling<'a> {
    /// The proposition ruled on.
    pub about: &'a str,
    /// The ruling.
    pub rating: Rating,
    /// For value propositions: the value ruled on.
    pub value: Option<&'a str>,
    /// Why.
    pub note: Option<&'a str>,
    /// Who ruled and where, already checked.
    pub attribution: &'a Attribution,
}

/// What a write knows of one proposition's records: its newest version and its verdicts, so
/// an import touching a proposition many times reads them once (or never, when it is new).
#[derive(Debug, Clone, Default)]
pub(crate) struct Held {
    /// The newest version of its words and kind.
    pub latest: Option<crate::storage::PropositionVersion>,
    /// Its verdicts, oldest first.
    pub chain: Vec<Verdict>,
}

impl Held {
    /// Reads what the workspace holds of a proposition.
    pub fn load(w: &crate::storage::Writer<'_>, key: &str) -> Result<Held> {
        Ok(Held {
            latest: w.proposition_versions(key)?.pop(),
            chain: w.verdicts(Some(key))?,
        })
    }
}

/// Appends a ruling to its proposition's chain (declaring the proposition so it stays known);
/// with `skip_same`, a ruling equal to one already in the chain (rating, value, who, label,
/// url, date: the same review) is not recorded again and None is returned, so re-importing a
/// file adds nothing even when several fact-checkers ruled on one proposition. `held` is what
/// the workspace holds of the proposition, kept up to date.
pub(crate) fn append_verdict(
    w: &crate::storage::Writer<'_>,
    held: &mut Held,
    r: &Ruling<'_>,
    at: &str,
    skip_same: bool,
) -> Result<Option<Verdict>> {
    if skip_same
        && held.chain.iter().any(|p| {
            p.rating == r.rating && p.value.as_deref() == r.value && &p.attribution == r.attribution
        })
    {
        return Ok(None);
    }
    // A ruled proposition stays known even if all its claims are later retracted.
    set_proposition(
        w,
        &mut held.latest,
        r.about,
        &PropositionChange::default(),
        at,
    )?;
    let prev = held.chain.last();
    let mut v = Verdict {
        about: r.about.to_string(),
        seq: prev.map_or(1, |p| p.seq + 1),
        parent: prev.map(|p| p.hash),
        rating: r.rating,
        value: r.value.map(str::to_string),
        note: r.note.map(str::to_string),
        attribution: r.attribution.clone(),
        recorded_at: at.to_string(),
        hash: crate::model::Hash([0; 32]),
    };
    v.hash = v.computed_hash();
    w.insert_verdict(&v)?;
    held.chain.push(v.clone());
    Ok(Some(v))
}

/// Checks who ruled and where: `by` must name a declared source of kind `fact-checker` (it is
/// stored as its key), the review date is a date, and no field is empty.
/// `strict_kind` (`claims verdict --by`) refuses a source of another kind; an import accepts a
/// publisher the workspace already declares under another kind (a news agency that also
/// fact-checks).
pub(crate) fn check_attribution(
    config: &Config,
    a: Attribution,
    strict_kind: bool,
) -> Result<Attribution> {
    let nonempty = |what: &str, v: Option<String>| -> Result<Option<String>> {
        match v {
            Some(s) if s.trim().is_empty() => Err(Error::invalid(format!("empty {what}"))),
            Some(s) => {
                config.limits.check_text(what, &s)?;
                Ok(Some(s))
            }
            None => Ok(None),
        }
    };
    let by = match a.by {
        None => None,
        Some(name) => {
            let src = config.require(&name)?;
            if strict_kind && src.kind != SourceKind::FactChecker {
                return Err(Error::invalid(format!(
                    "source `{}` is of kind {}, not fact-checker: only a fact-checker rules (set kind = \"fact-checker\" in workspace.toml)",
                    src.key, src.kind
                )));
            }
            Some(src.key.clone())
        }
    };
    Ok(Attribution {
        by,
        label: nonempty("label", a.label)?,
        url: nonempty("url", a.url)?,
        reviewed_on: a
            .reviewed_on
            .map(|d| crate::model::parse_date(&d))
            .transpose()?,
    })
}

/// Gives a proposition an imported review's text as its words when the workspace has never
/// declared or ruled on it: an import never rewords a proposition the workspace holds, and a
/// later spelling of the same text never adds a version.
pub(crate) fn give_words(
    w: &crate::storage::Writer<'_>,
    held: &mut Held,
    key: &str,
    text: &str,
    at: &str,
) -> Result<()> {
    if held.latest.is_some() {
        return Ok(());
    }
    let change = PropositionChange {
        text: Some(text),
        ..PropositionChange::default()
    };
    set_proposition(w, &mut held.latest, key, &change, at).map(|_| ())
}

/// What a declaration asks to change.
#[derive(Debug, Clone, Copy, Default)]
struct PropositionChange<'a> {
    text: Option<&'a str>,
    kind: Option<PropositionKind>,
    note: Option<&'a str>,
    change_kind: bool,
}

/// Records a new version of a proposition when the change alters it (or it has none yet);
/// returns whether one was recorded. `latest` is its newest version, updated here.
fn set_proposition(
    w: &crate::storage::Writer<'_>,
    latest: &mut Option<crate::storage::PropositionVersion>,
    key: &str,
    change: &PropositionChange<'_>,
    at: &str,
) -> Result<bool> {
    let old_kind = latest.as_ref().and_then(|l| l.kind.clone());
    let text = change
        .text
        .map(str::to_string)
        .or_else(|| latest.as_ref().and_then(|l| l.text.clone()));
    let kind = change
        .kind
        .map(|k| k.as_str().to_string())
        .or_else(|| old_kind.clone());
    if let Some(l) = &latest
        && l.text == text
        && l.kind == kind
    {
        return Ok(false);
    }
    let mut note = change.note.map(str::to_string);
    if let Some(new) = change.kind
        && old_kind.as_deref() != Some(new.as_str())
    {
        let (with_value, without) = w.claims_by_value(key)?;
        let other = match new {
            PropositionKind::Value => without,
            PropositionKind::Statement => with_value,
        };
        if other > 0 && !change.change_kind {
            return Err(Error::invalid(format!(
                "proposition `{key}` is a {} with {other} standing claim(s) of that kind; changing it to a {} would stop them counting (pass --change-kind to do it anyway; the change is kept in `claims about log {key}`)",
                old_kind.as_deref().unwrap_or(new.other().as_str()),
                new.as_str()
            )));
        }
        if other > 0 {
            let forced = format!(
                "kind changed from {} to {} with --change-kind ({other} claim(s) of the old kind)",
                old_kind.as_deref().unwrap_or(new.other().as_str()),
                new.as_str()
            );
            note = Some(match note {
                Some(n) => format!("{n} ({forced})"),
                None => forced,
            });
        }
    }
    let mut version = crate::storage::PropositionVersion {
        key: key.to_string(),
        seq: latest.as_ref().map_or(1, |l| l.seq + 1),
        hash: None,
        parent: latest.as_ref().and_then(|l| l.hash),
        text,
        kind,
        note,
        recorded_at: at.to_string(),
    };
    version.hash = Some(w.insert_proposition_version(&version)?);
    *latest = Some(version);
    Ok(true)
}
