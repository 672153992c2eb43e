//! A workspace on disk: finding it, creating it, and the operations that record and read claims.
//!
//! A workspace is a directory holding `workspace.toml` (committed: the sources and plugins) and
//! `.claims/` (not committed: the SQLite database and machine-local state).

use serde::Deserialize;
use std::path::{Path, PathBuf};

use crate::config::{self, Config, Source};
use crate::error::{Error, Result};
use crate::hash::{self, VersionInput};
use crate::model::{self, Action, ClaimFields, ClaimId, Hash, Stance, Version, is_id_prefix};
use crate::storage::{HeadFilter, Reader, Store, Writer};

/// The file that marks a workspace's root.
pub const CONFIG_FILE: &str = "workspace.toml";
/// The directory of machine-local state.
pub const DATA_DIR: &str = ".claims";
/// The database inside [`DATA_DIR`].
pub const DB_FILE: &str = "claims.db";

/// Finds the workspace root by walking up from `start`, the way cargo and git do.
pub fn discover(start: &Path) -> Result<PathBuf> {
    let start = std::fs::canonicalize(start).map_err(Error::io(start))?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoWorkspace(start))
}

/// What `init` did, so the CLI can say so (and say nothing changed on a second run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOutcome {
    /// The workspace root.
    pub root: PathBuf,
    /// Whether `workspace.toml` was written.
    pub wrote_config: bool,
    /// Whether `.claims/` was created.
    pub created_data_dir: bool,
}

/// Creates a workspace in `dir`; running it again changes nothing.
pub fn init(dir: &Path) -> Result<InitOutcome> {
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let root = std::fs::canonicalize(dir).map_err(Error::io(dir))?;
    let cfg = root.join(CONFIG_FILE);
    let wrote_config = !cfg.exists();
    if wrote_config {
        write_atomically(&cfg, config::TEMPLATE)?;
    } else {
        Config::load(&cfg)?; // refuse to call a broken workspace initialised
    }
    let created_data_dir = ensure_data_dir(&root)?;
    Store::open(&root.join(DATA_DIR).join(DB_FILE))?;
    Ok(InitOutcome {
        root,
        wrote_config,
        created_data_dir,
    })
}

fn ensure_data_dir(root: &Path) -> Result<bool> {
    let data = root.join(DATA_DIR);
    if data.is_dir() {
        return Ok(false);
    }
    std::fs::create_dir_all(&data).map_err(Error::io(&data))?;
    let ignore = data.join(".gitignore");
    std::fs::write(
        &ignore,
        "# Machine-local state of claims: never commit it.\n*\n",
    )
    .map_err(Error::io(&ignore))?;
    Ok(true)
}

/// Replaces a file's content all at once, so a crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(Error::io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(Error::io(path))
}

/// Declares new sources in workspace.toml (keeping its comments) from inside a write
/// transaction: if writing the file fails, the transaction is not committed. Returns the new
/// text, or None when there was nothing to declare.
pub(crate) fn declare_sources(cfg_path: &Path, created: &[Source]) -> Result<Option<String>> {
    if created.is_empty() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(cfg_path).map_err(Error::io(cfg_path))?;
    let new_text = config::add_sources(cfg_path, &text, created)?;
    write_atomically(cfg_path, &new_text)?;
    Ok(Some(new_text))
}

/// The current time as stored in versions (RFC 3339, UTC, whole seconds).
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A claim as the user states it: sources by key or alias, dates as typed. Also one line of a
/// JSONL import.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimInput {
    /// Who made the claim (key or alias).
    pub source: String,
    /// The chain it reached us through, innermost first (keys or aliases).
    #[serde(default)]
    pub via: Vec<String>,
    /// The claim's words.
    pub text: String,
    /// Proposition key.
    #[serde(default)]
    pub about: Option<String>,
    /// supports, refutes or neutral.
    #[serde(default)]
    pub stance: Option<String>,
    /// The value claimed.
    #[serde(default)]
    pub value: Option<String>,
    /// Whether the text is a direct quote.
    #[serde(default)]
    pub quote: bool,
    /// When it was said (YYYY-MM-DD).
    #[serde(default)]
    pub said_on: Option<String>,
    /// When it was reported (YYYY-MM-DD).
    #[serde(default)]
    pub reported_on: Option<String>,
    /// Where it was read.
    #[serde(default)]
    pub url: Option<String>,
    /// Language tag of the text.
    #[serde(default)]
    pub lang: Option<String>,
    /// Why it was recorded.
    #[serde(default)]
    pub note: Option<String>,
    /// Import only: a label later lines of the same file can revise it by.
    #[serde(default, rename = "ref")]
    pub label: Option<String>,
    /// Import only: this line is a new version of the claim with this label or id (prefix).
    #[serde(default)]
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
}

/// Whether text has nothing visible: only spaces and invisible format marks (RLM, ZWSP, BOM...).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
    })
}

fn opt_nonempty(v: Option<String>) -> Option<String> {
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
        if is_blank(&self.text) {
            return Err(Error::invalid("empty text: a claim needs words"));
        }
        let origin = config.require(&self.source)?.key.clone();
        let via = self
            .via
            .iter()
            .map(|v| config.require(v).map(|s| s.key.clone()))
            .collect::<Result<Vec<_>>>()?;
        let about = opt_nonempty(self.about.clone());
        if let Some(a) = &about
            && !config::is_valid_key(a)
        {
            return Err(Error::invalid(config::bad_key("proposition", a)));
        }
        let stance = opt_nonempty(self.stance.clone())
            .map(|s| s.parse::<Stance>())
            .transpose()?;
        let said_on = opt_nonempty(self.said_on.clone())
            .map(|d| model::parse_date(&d))
            .transpose()?;
        let reported_on = opt_nonempty(self.reported_on.clone())
            .map(|d| model::parse_date(&d))
            .transpose()?;
        let lang = opt_nonempty(self.lang.clone());
        if let Some(l) = &lang {
            check_lang(l)?;
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

/// What `add` did.
#[derive(Debug, Clone)]
pub struct Added {
    /// The claim's id.
    pub id: ClaimId,
    /// The version recorded, or None when the same claim was already recorded.
    pub version: Option<Version>,
}

/// What `edit` did.
#[derive(Debug, Clone)]
pub enum Edited {
    /// A new version was recorded.
    Recorded(Version),
    /// The content equals the head's; nothing was recorded.
    Unchanged(Version),
}

/// A field that differs between two versions, with a word-level diff for text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldChange {
    /// The field's name as in JSON.
    pub field: &'static str,
    /// Its value in the older version.
    pub old: Option<String>,
    /// Its value in the newer version.
    pub new: Option<String>,
    /// Word-level pieces (for the text): equal, delete or insert.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<DiffPiece>,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffPiece {
    /// equal, delete or insert.
    pub op: &'static str,
    /// The words (with their spacing), byte for byte.
    pub text: String,
}

/// Two versions and what changed between them.
#[derive(Debug, Clone)]
pub struct VersionDiff {
    /// The older version.
    pub from: Version,
    /// The newer version.
    pub to: Version,
    /// Fields that differ.
    pub changes: Vec<FieldChange>,
}

/// Word-level diff with `similar`; tokens split at whitespace, so Arabic words stay whole.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPiece> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<DiffPiece> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Delete => "delete",
            similar::ChangeTag::Insert => "insert",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(DiffPiece {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

/// The fields of a claim as strings, in display order, for diffs.
fn field_strings(v: &Version) -> Vec<(&'static str, Option<String>)> {
    let f = &v.fields;
    vec![
        ("action", Some(v.action.as_str().to_string())),
        ("source", Some(f.origin.clone())),
        ("via", Some(f.via.join(" ← ")).filter(|s| !s.is_empty())),
        ("text", Some(f.text.clone())),
        ("about", f.about.clone()),
        ("stance", f.stance.map(|s| s.to_string())),
        ("value", f.value.clone()),
        ("quote", Some(f.quote.to_string())),
        ("said_on", f.said_on.clone()),
        ("reported_on", f.reported_on.clone()),
        ("url", f.url.clone()),
        ("lang", f.lang.clone()),
    ]
}

/// An open workspace.
pub struct Workspace {
    root: PathBuf,
    config: Config,
    store: Store,
}

impl Workspace {
    /// Opens the workspace at `root`, creating its `.claims/` state on first use (a fresh clone
    /// has only `workspace.toml`).
    pub fn open(root: &Path) -> Result<Workspace> {
        let config = Config::load(&root.join(CONFIG_FILE))?;
        ensure_data_dir(root)?;
        let store = Store::open(&root.join(DATA_DIR).join(DB_FILE))?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            store,
        })
    }

    /// The workspace's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The parsed workspace.toml.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database, for writes.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Declares new sources in workspace.toml, keeping its comments; all or none are added.
    pub fn add_sources(&mut self, sources: &[Source]) -> Result<()> {
        let path = self.root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
        let new_text = config::add_sources(&path, &text, sources)?;
        let new_config = Config::parse(&path, &new_text)?;
        write_atomically(&path, &new_text)?;
        self.config = new_config;
        Ok(())
    }

    /// Replaces the in-memory configuration (after a write that also changed workspace.toml).
    pub(crate) fn set_config(&mut self, config: Config) {
        self.config = config;
    }

    /// Turns an id or unique prefix into the claim's full id.
    pub fn resolve_id(&self, prefix: &str) -> Result<ClaimId> {
        resolve_id(&self.store, prefix)
    }

    /// Records a new claim; the same content recorded before is reported, not duplicated.
    pub fn add(&mut self, input: &ClaimInput) -> Result<Added> {
        let fields = input.to_fields(&self.config)?;
        let note = opt_nonempty(input.note.clone());
        self.store.write(|w| record_new(w, fields, note, &now()))
    }

    /// Records a corrected version of a claim.
    pub fn edit(&mut self, id: &str, patch: &ClaimPatch, note: &str) -> Result<Edited> {
        let id = self.resolve_id(id)?;
        let config = &self.config;
        self.store.write(|w| {
            let head = w
                .head(&id)?
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            let fields = apply_patch(config, &head.fields, patch)?;
            if fields == head.fields {
                return Ok(Edited::Unchanged(head));
            }
            let v = append(
                w,
                &head,
                Action::Record,
                fields,
                Some(note.to_string()),
                &now(),
            )?;
            Ok(Edited::Recorded(v))
        })
    }

    /// Records that a claim was withdrawn; its history stays.
    pub fn retract(&mut self, id: &str, note: &str) -> Result<Version> {
        let id = self.resolve_id(id)?;
        self.store.write(|w| {
            let head = w
                .head(&id)?
                .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
            if head.is_retracted() {
                return Err(Error::invalid(format!("claim {id} is already retracted")));
            }
            append(
                w,
                &head,
                Action::Retract,
                head.fields.clone(),
                Some(note.to_string()),
                &now(),
            )
        })
    }

    /// The newest version of a claim and how many versions it has.
    pub fn show(&self, id: &str) -> Result<(Version, usize)> {
        let id = self.resolve_id(id)?;
        let versions = self.store.versions(&id)?;
        let n = versions.len();
        let head = versions
            .into_iter()
            .last()
            .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
        Ok((head, n))
    }

    /// Every version of a claim, oldest first.
    pub fn log(&self, id: &str) -> Result<Vec<Version>> {
        let id = self.resolve_id(id)?;
        self.store.versions(&id)
    }

    /// The newest version of each claim that passes the filter.
    pub fn list(&self, filter: &HeadFilter) -> Result<Vec<Version>> {
        let mut filter = filter.clone();
        if let Some(s) = &filter.source {
            filter.source = Some(self.config.require(s)?.key.clone());
        }
        if let Some(d) = &filter.since {
            filter.since = Some(model::parse_date(d)?);
        }
        self.store.heads(&filter)
    }

    /// What changed between two versions (default: the head and its parent; one selector: that
    /// version and the head).
    pub fn diff(&self, id: &str, a: Option<&str>, b: Option<&str>) -> Result<VersionDiff> {
        let id = self.resolve_id(id)?;
        let versions = self.store.versions(&id)?;
        let pick = |sel: &str| select_version(&id, &versions, sel);
        let head = versions
            .last()
            .ok_or_else(|| Error::UnknownClaim(id.to_string()))?;
        let (from, to) = match (a, b) {
            (Some(a), Some(b)) => (pick(a)?, pick(b)?),
            (Some(a), None) => (pick(a)?, head),
            (None, _) => match versions.len() {
                0 | 1 => (head, head),
                n => (&versions[n - 2], head),
            },
        };
        let old = field_strings(from);
        let changes = field_strings(to)
            .into_iter()
            .zip(old)
            .filter(|((_, new), (_, old))| new != old)
            .map(|((field, new), (_, old))| {
                let words = if field == "text" {
                    word_diff(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""))
                } else {
                    Vec::new()
                };
                FieldChange {
                    field,
                    old,
                    new,
                    words,
                }
            })
            .collect();
        Ok(VersionDiff {
            from: from.clone(),
            to: to.clone(),
            changes,
        })
    }
}

fn select_version<'v>(id: &ClaimId, versions: &'v [Version], sel: &str) -> Result<&'v Version> {
    let sel_trim = sel.trim_start_matches('v');
    if let Ok(n) = sel_trim.parse::<u32>()
        && let Some(v) = versions.iter().find(|v| v.seq == n)
    {
        return Ok(v);
    }
    if sel.len() >= 4 && sel.bytes().all(|b| b.is_ascii_hexdigit()) {
        let sel_l = sel.to_ascii_lowercase();
        let matches: Vec<_> = versions
            .iter()
            .filter(|v| v.hash.to_hex().starts_with(&sel_l))
            .collect();
        if matches.len() == 1 {
            return Ok(matches[0]);
        }
    }
    Err(Error::UnknownVersion {
        claim: id.to_string(),
        selector: sel.to_string(),
    })
}

/// Turns an id or unique prefix into a full id, through any reader.
pub fn resolve_id(r: &dyn Reader, prefix: &str) -> Result<ClaimId> {
    let p = prefix.trim();
    if !is_id_prefix(p) {
        return Err(Error::UnknownClaim(prefix.to_string()));
    }
    let found = r.ids_with_prefix(p, 6)?;
    match found.len() {
        0 => Err(Error::UnknownClaim(prefix.to_string())),
        1 => Ok(found.into_iter().next().expect("one")),
        _ => Err(Error::AmbiguousClaim {
            prefix: prefix.to_string(),
            candidates: found
                .iter()
                .take(3)
                .map(|c| c.short().to_string())
                .collect(),
        }),
    }
}

/// Records the first version of a claim, unless a claim with the same content exists.
pub(crate) fn record_new(
    w: &Writer<'_>,
    fields: ClaimFields,
    note: Option<String>,
    at: &str,
) -> Result<Added> {
    let content = hash::content_digest(&fields);
    let id = hash::claim_id_from_digest(&content);
    if w.claim_exists(&id)? {
        return Ok(Added { id, version: None });
    }
    let v = make_version(
        id.clone(),
        1,
        None,
        Action::Record,
        (fields, content),
        note,
        at.to_string(),
    );
    w.insert_version(&v)?;
    Ok(Added {
        id,
        version: Some(v),
    })
}

/// Appends a version after `head`.
pub(crate) fn append(
    w: &Writer<'_>,
    head: &Version,
    action: Action,
    fields: ClaimFields,
    note: Option<String>,
    at: &str,
) -> Result<Version> {
    let content = hash::content_digest(&fields);
    let v = make_version(
        head.claim.clone(),
        head.seq + 1,
        Some(head.hash),
        action,
        (fields, content),
        note,
        at.to_string(),
    );
    w.insert_version(&v)?;
    Ok(v)
}

/// A version of `fields`, whose digest `content` the caller already computed.
fn make_version(
    claim: ClaimId,
    seq: u32,
    parent: Option<Hash>,
    action: Action,
    (fields, content): (ClaimFields, Hash),
    note: Option<String>,
    recorded_at: String,
) -> Version {
    let hash = hash::version_hash(&VersionInput {
        claim: &claim,
        seq,
        parent: parent.as_ref(),
        action,
        content: &content,
        note: note.as_deref(),
        recorded_at: &recorded_at,
    });
    Version {
        claim,
        seq,
        parent,
        action,
        fields,
        note,
        recorded_at,
        hash,
    }
}

fn apply_patch(config: &Config, head: &ClaimFields, p: &ClaimPatch) -> Result<ClaimFields> {
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
