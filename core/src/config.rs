//! `workspace.toml`: the sources and plugins a workspace declares, read with positions so every
//! mistake is reported with its file and line, and edited with `toml_edit` so the user's comments
//! and layout survive.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

use crate::error::{Error, Result};
use crate::limits::{HARD_MAX_BUNDLE_BYTES, HARD_MAX_BYTES, Limits};
use crate::plugin::Isolation;
use crate::plugin::limits::{
    LimitSettings, MAX_CPU_SECS, MAX_REPLY_RANGE, MAX_TIMEOUT_SECS, MEMORY_RANGE, SandboxMode,
    SizeValue, check_seconds, parse_size,
};

/// What sort of voice a source is; independence and checks reason about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum SourceKind {
    /// A newspaper, broadcaster or news site.
    Outlet,
    /// A news agency (wire service).
    Agency,
    /// A government or one of its bodies.
    Government,
    /// A named office holder or spokesperson speaking for an institution.
    Official,
    /// An intelligence service.
    Intelligence,
    /// Unnamed sources ("US officials").
    Anonymous,
    /// A private person.
    Person,
    /// A company.
    Company,
    /// A fact-checking organisation: the sources verdicts name as who ruled.
    #[serde(rename = "fact-checker")]
    FactChecker,
    /// Anything else.
    Other,
}

impl SourceKind {
    /// Every kind, in the order `--help` lists them.
    pub const ALL: [SourceKind; 10] = [
        SourceKind::Outlet,
        SourceKind::Agency,
        SourceKind::Government,
        SourceKind::Official,
        SourceKind::Intelligence,
        SourceKind::Anonymous,
        SourceKind::Person,
        SourceKind::Company,
        SourceKind::FactChecker,
        SourceKind::Other,
    ];

    /// The word written in workspace.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Outlet => "outlet",
            SourceKind::Agency => "agency",
            SourceKind::Government => "government",
            SourceKind::Official => "official",
            SourceKind::Intelligence => "intelligence",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Person => "person",
            SourceKind::Company => "company",
            SourceKind::FactChecker => "fact-checker",
            SourceKind::Other => "other",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SourceKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<_> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
                Error::invalid(format!(
                    "bad source kind `{s}`: expected one of {}",
                    all.join(", ")
                ))
            })
    }
}

/// A declared source of claims (read back from JSON when a bundle brings its declaration).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable key that claims store.
    pub key: String,
    /// Display name.
    pub name: String,
    /// What sort of voice it is.
    pub kind: SourceKind,
    /// ISO 3166 country code.
    pub country: Option<String>,
    /// Whether a state owns or directs it.
    pub state_affiliated: bool,
    /// Other names it goes by, in any language.
    pub aliases: Vec<String>,
    /// Keys of sources whose word it relays (one voice with them).
    pub depends_on: Vec<String>,
    /// Prior reliability in [0, 1] for trust estimation.
    pub trust_prior: Option<f64>,
}

/// A plugin declared in workspace.toml.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PluginDecl {
    /// The name it is called by.
    pub name: String,
    /// The library file, relative to the workspace root unless absolute.
    pub path: Option<PathBuf>,
    /// Process isolation (default) or in-process.
    pub isolation: Isolation,
    /// Its own timeout and worker limits (unset ones come from `[plugins]`).
    pub limits: LimitSettings,
}

/// The parsed, validated `workspace.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it was read from.
    pub path: PathBuf,
    /// Sources by key, in key order.
    pub sources: BTreeMap<String, Source>,
    /// Plugins by name.
    pub plugins: BTreeMap<String, PluginDecl>,
    /// Sizes past which input is refused (`[limits]`).
    pub limits: Limits,
    /// Timeout and worker limits set in `[plugins]` for every plugin.
    pub plugin_limits: LimitSettings,
    /// `require_signatures = true`: every log entry must be signed by its analyst's key.
    pub require_signatures: bool,
    /// `[publisher]`: the fact-checking organisation ClaimReview exports name as author.
    pub publisher: Option<Publisher>,
    /// Matching form of every key, name and alias -> source key.
    names: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    workspace: Option<RawWorkspace>,
    #[serde(default)]
    require_signatures: bool,
    #[serde(default)]
    sources: BTreeMap<Spanned<String>, Spanned<RawSource>>,
    #[serde(default)]
    plugins: BTreeMap<Spanned<String>, Spanned<RawPluginEntry>>,
    #[serde(default)]
    limits: Option<RawLimits>,
    #[serde(default)]
    publisher: Option<Spanned<RawPublisher>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    name: Spanned<String>,
    url: Spanned<String>,
    lang: Option<Spanned<String>>,
}

/// The organisation a workspace publishes its verdicts as (`[publisher]` in workspace.toml):
/// the author of exported ClaimReviews. Read only; claims never writes this section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Its site (http or https).
    pub url: String,
    /// The language rating names are exported in when a verdict has no label of its own
    /// (ar, en, fr or es; BCP 47).
    pub lang: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_line_bytes: Option<Spanned<SizeValue>>,
    max_text_bytes: Option<Spanned<SizeValue>>,
    max_document_bytes: Option<Spanned<SizeValue>>,
    max_bundle_bytes: Option<Spanned<SizeValue>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawWorkspace {
    name: Option<String>,
    description: Option<String>,
    #[serde(default)]
    require_signatures: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Spanned<String>,
    kind: SourceKind,
    country: Option<Spanned<String>>,
    #[serde(default)]
    state_affiliated: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    depends_on: Vec<Spanned<String>>,
    trust_prior: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlugin {
    path: Option<String>,
    isolation: Option<Isolation>,
    timeout: Option<Spanned<f64>>,
    memory: Option<Spanned<SizeValue>>,
    cpu_time: Option<Spanned<f64>>,
    max_reply: Option<Spanned<SizeValue>>,
    sandbox: Option<SandboxMode>,
}

/// An entry of `[plugins]`: a `[plugins.NAME]` table, or a workspace-wide setting such as
/// `memory = "2G"`. Read by hand (not `untagged`) so the positions inside tables survive.
enum RawPluginEntry {
    /// `[plugins.NAME]`.
    Plugin(Box<RawPlugin>),
    /// `KEY = VALUE` directly in `[plugins]`.
    Setting(toml::Value),
}

impl<'de> Deserialize<'de> for RawPluginEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = RawPluginEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a [plugins.NAME] table or a plugin setting")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<RawPluginEntry, A::Error> {
                RawPlugin::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|p| RawPluginEntry::Plugin(Box::new(p)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<RawPluginEntry, E> {
                Ok(RawPluginEntry::Setting(toml::Value::String(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<RawPluginEntry, E> {
                Ok(RawPluginEntry::Setting(toml::Value::Integer(v)))
            }
            fn visit_u64<E: serde::de::Error>(
                self,
                v: u64,
            ) -> std::result::Result<RawPluginEntry, E> {
                i64::try_from(v)
                    .map(|v| RawPluginEntry::Setting(toml::Value::Integer(v)))
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<RawPluginEntry, E> {
                Ok(RawPluginEntry::Setting(toml::Value::Float(v)))
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<RawPluginEntry, E> {
                Ok(RawPluginEntry::Setting(toml::Value::Boolean(v)))
            }
        }
        d.deserialize_any(Entry)
    }
}

/// Reads a workspace-wide `[plugins]` setting into `limits`; the error is the message.
fn plugin_setting(
    limits: &mut LimitSettings,
    key: &str,
    value: &toml::Value,
) -> std::result::Result<(), String> {
    use toml::Value;
    let seconds = |v: &Value| match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    };
    let size = |v: &Value| match v {
        Value::Integer(i) => Some(SizeValue::Bytes(*i)),
        Value::String(s) => Some(SizeValue::Text(s.clone())),
        _ => None,
    };
    let what = format!("[plugins] {key}");
    match key {
        "timeout" => {
            let v = seconds(value).unwrap_or(f64::NAN);
            limits.timeout_secs = Some(check_seconds(&what, v, MAX_TIMEOUT_SECS)?);
        }
        "cpu_time" => {
            let v = seconds(value).unwrap_or(f64::NAN);
            limits.cpu_secs = Some(check_seconds(&what, v, MAX_CPU_SECS)?);
        }
        "memory" => {
            let v = size(value).unwrap_or(SizeValue::Bytes(-1));
            limits.memory = Some(parse_size(&what, &v, MEMORY_RANGE)?);
        }
        "max_reply" => {
            let v = size(value).unwrap_or(SizeValue::Bytes(-1));
            limits.max_reply = Some(parse_size(&what, &v, MAX_REPLY_RANGE)?);
        }
        "sandbox" => {
            limits.sandbox = Some(match value.as_str() {
                Some("required") => SandboxMode::Required,
                Some("best-effort") => SandboxMode::BestEffort,
                _ => return Err(format!("{what} must be \"required\" or \"best-effort\"")),
            });
        }
        other => {
            return Err(format!(
                "unknown plugin setting `{other}` (expected a [plugins.NAME] table, or timeout, memory, cpu_time, max_reply or sandbox)"
            ));
        }
    }
    Ok(())
}

/// The form names are compared in: Unicode-normalised, case-folded, Arabic letter variants and
/// diacritics unified, so "نيويورك تايمز" matches however it was typed.
pub fn name_key(s: &str) -> String {
    crate::normalize::match_key(s)
}

/// Whether a string may serve as a source or proposition key (a TOML bare key).
pub fn is_valid_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Why a key was refused: keys are ASCII so they work as TOML bare keys and on any keyboard;
/// names in any language belong in `name` and `aliases`.
pub fn bad_key(what: &str, key: &str) -> String {
    format!(
        "bad {what} key `{key}`: use ASCII letters, digits, `-`, `_` or `.` (names in any language go in name and aliases)"
    )
}

/// The largest workspace.toml read (16 MiB: room for hundreds of thousands of sources), so a
/// stranger's file cannot exhaust memory.
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// Reads workspace.toml as text, refusing one over [`MAX_CONFIG_BYTES`] or not in UTF-8.
pub fn read_config_text(path: &Path) -> Result<String> {
    let bytes = crate::limits::read_at_most(path, MAX_CONFIG_BYTES)?.ok_or_else(|| {
        Error::invalid(format!(
            "{} is larger than {}; is it really a workspace.toml?",
            path.display(),
            crate::limits::show_size(MAX_CONFIG_BYTES)
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_col(valid, valid.len());
        Error::Config {
            path: path.to_path_buf(),
            line,
            column,
            message: "not UTF-8".into(),
        }
    })
}

/// 1-based line and column of a byte offset, for error messages.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Reads and validates a workspace.toml file.
    pub fn load(path: &Path) -> Result<Config> {
        Config::parse(path, &read_config_text(path)?)
    }

    /// Parses and validates workspace.toml text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            Error::Config {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, e.message().trim().replace('\n', "; "))
        })?;
        let require_signatures =
            raw.require_signatures || raw.workspace.as_ref().is_some_and(|w| w.require_signatures);
        let mut cfg = Config {
            require_signatures,
            path: path.to_path_buf(),
            sources: BTreeMap::new(),
            plugins: BTreeMap::new(),
            limits: Limits::default(),
            plugin_limits: LimitSettings::default(),
            publisher: None,
            names: HashMap::new(),
        };
        if let Some(p) = &raw.publisher {
            let p = p.get_ref();
            if p.name.get_ref().trim().is_empty() {
                return Err(at(p.name.span().start, "[publisher] name is empty".into()));
            }
            let url = p.url.get_ref();
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.contains(char::is_whitespace)
            {
                return Err(at(
                    p.url.span().start,
                    format!("[publisher] url `{url}` is not an http or https URL"),
                ));
            }
            if let Some(l) = &p.lang {
                let tag = l.get_ref();
                if !crate::interchange::factcheck::lang_ok(tag) {
                    return Err(at(
                        l.span().start,
                        format!("[publisher] lang `{tag}` is not a language tag such as ar or en"),
                    ));
                }
            }
            cfg.publisher = Some(Publisher {
                name: p.name.get_ref().trim().to_string(),
                url: url.clone(),
                lang: p.lang.as_ref().map(|l| l.get_ref().clone()),
            });
        }
        if let Some(l) = &raw.limits {
            let settings = [
                (
                    "max_line_bytes",
                    &l.max_line_bytes,
                    &mut cfg.limits.max_line_bytes,
                ),
                (
                    "max_text_bytes",
                    &l.max_text_bytes,
                    &mut cfg.limits.max_text_bytes,
                ),
                (
                    "max_document_bytes",
                    &l.max_document_bytes,
                    &mut cfg.limits.max_document_bytes,
                ),
            ];
            for (name, given, slot) in settings {
                if let Some(v) = given {
                    let what = format!("[limits] {name}");
                    *slot = parse_size(&what, v.get_ref(), (1, HARD_MAX_BYTES))
                        .map_err(|m| at(v.span().start, m))?;
                }
            }
            if let Some(v) = &l.max_bundle_bytes {
                cfg.limits.max_bundle_bytes = parse_size(
                    "[limits] max_bundle_bytes",
                    v.get_ref(),
                    (1, HARD_MAX_BUNDLE_BYTES),
                )
                .map_err(|m| at(v.span().start, m))?;
            }
        }
        // Keys and names first, so aliases can be checked against all of them.
        for (key, src) in &raw.sources {
            if !is_valid_key(key.get_ref()) {
                return Err(at(key.span().start, bad_key("source", key.get_ref())));
            }
            let src_ref = src.get_ref();
            if src_ref.name.get_ref().trim().is_empty() {
                return Err(at(
                    src_ref.name.span().start,
                    format!("source `{}` has an empty name", key.get_ref()),
                ));
            }
        }
        // In file order, so a duplicate is reported where it is repeated, not where it began.
        let mut in_file_order: Vec<_> = raw.sources.iter().collect();
        in_file_order.sort_by_key(|(key, _)| key.span().start);
        for (key, src) in in_file_order {
            let key_str = key.get_ref().clone();
            let s = src.get_ref();
            let mut own = Vec::new();
            own.push((key_str.clone(), key.span().start));
            own.push((s.name.get_ref().clone(), s.name.span().start));
            for a in &s.aliases {
                if a.get_ref().trim().is_empty() {
                    return Err(at(
                        a.span().start,
                        format!("source `{key_str}` has an empty alias"),
                    ));
                }
                own.push((a.get_ref().clone(), a.span().start));
            }
            let mut seen_here = std::collections::HashSet::new();
            for (name, offset) in own {
                let k = name_key(&name);
                if !seen_here.insert(k.clone()) {
                    continue; // a name repeated within one source is harmless
                }
                if let Some(other) = cfg.names.get(&k) {
                    return Err(at(
                        offset,
                        format!(
                            "duplicate alias `{name}`: source `{key_str}` and source `{other}` both use it"
                        ),
                    ));
                }
                cfg.names.insert(k, key_str.clone());
            }
            if let Some(c) = &s.country {
                let v = c.get_ref();
                if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err(at(
                        c.span().start,
                        format!(
                            "bad country `{v}` for source `{key_str}`: expected a two-letter ISO 3166 code"
                        ),
                    ));
                }
            }
            if let Some(p) = &s.trust_prior {
                let v = *p.get_ref();
                if !(0.0..=1.0).contains(&v) {
                    return Err(at(
                        p.span().start,
                        format!("trust_prior {v} of source `{key_str}` is outside [0, 1]"),
                    ));
                }
            }
            for d in &s.depends_on {
                let dk = d.get_ref();
                if dk == &key_str {
                    return Err(at(
                        d.span().start,
                        format!("source `{key_str}` depends on itself"),
                    ));
                }
                if !raw.sources.keys().any(|k| k.get_ref() == dk) {
                    return Err(at(
                        d.span().start,
                        format!("source `{key_str}` depends on unknown source `{dk}`"),
                    ));
                }
            }
            cfg.sources.insert(
                key_str.clone(),
                Source {
                    key: key_str,
                    name: s.name.get_ref().clone(),
                    kind: s.kind,
                    country: s.country.as_ref().map(|c| c.get_ref().to_ascii_uppercase()),
                    state_affiliated: s.state_affiliated,
                    aliases: s.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                    depends_on: s.depends_on.iter().map(|d| d.get_ref().clone()).collect(),
                    trust_prior: s.trust_prior.as_ref().map(|p| *p.get_ref()),
                },
            );
        }
        for (name, entry) in &raw.plugins {
            let p_ref = match entry.get_ref() {
                RawPluginEntry::Setting(value) => {
                    plugin_setting(&mut cfg.plugin_limits, name.get_ref(), value)
                        .map_err(|m| at(entry.span().start, m))?;
                    continue;
                }
                RawPluginEntry::Plugin(p) => p,
            };
            crate::plugin::validate_name(name.get_ref())
                .map_err(|e| at(name.span().start, e.to_string()))?;
            let what = |field: &str| format!("plugin `{}`: {field}", name.get_ref());
            let mut limits = LimitSettings {
                sandbox: p_ref.sandbox,
                ..LimitSettings::default()
            };
            if let Some(t) = &p_ref.timeout {
                limits.timeout_secs = Some(
                    check_seconds(&what("timeout"), *t.get_ref(), MAX_TIMEOUT_SECS)
                        .map_err(|m| at(t.span().start, m))?,
                );
            }
            if let Some(t) = &p_ref.cpu_time {
                limits.cpu_secs = Some(
                    check_seconds(&what("cpu_time"), *t.get_ref(), MAX_CPU_SECS)
                        .map_err(|m| at(t.span().start, m))?,
                );
            }
            if let Some(m) = &p_ref.memory {
                limits.memory = Some(
                    parse_size(&what("memory"), m.get_ref(), MEMORY_RANGE)
                        .map_err(|e| at(m.span().start, e))?,
                );
            }
            if let Some(m) = &p_ref.max_reply {
                limits.max_reply = Some(
                    parse_size(&what("max_reply"), m.get_ref(), MAX_REPLY_RANGE)
                        .map_err(|e| at(m.span().start, e))?,
                );
            }
            cfg.plugins.insert(
                name.get_ref().clone(),
                PluginDecl {
                    name: name.get_ref().clone(),
                    path: p_ref.path.as_ref().map(PathBuf::from),
                    isolation: p_ref.isolation.unwrap_or_default(),
                    limits,
                },
            );
        }
        Ok(cfg)
    }

    /// Finds a source by key, name or alias (matched after normalisation).
    pub fn resolve(&self, name: &str) -> Option<&Source> {
        if let Some(s) = self.sources.get(name) {
            return Some(s);
        }
        self.names
            .get(&name_key(name))
            .and_then(|k| self.sources.get(k))
    }

    /// Adds a source in memory (an import declaring sources before it writes the file).
    pub fn insert_source(&mut self, source: Source) {
        self.names
            .entry(name_key(&source.key))
            .or_insert_with(|| source.key.clone());
        self.names
            .entry(name_key(&source.name))
            .or_insert_with(|| source.key.clone());
        self.sources.insert(source.key.clone(), source);
    }

    /// Resolves a name the workspace does not know by declaring it, in memory (kind `other`):
    /// as an alias of a source declared earlier in the same run (`created`) when it is that
    /// source's name in another script ("Yonhap" and "يونهاب" in one article are one source, not
    /// two), else as a new source with a readable key unique in the workspace, pushed onto
    /// `created`. Returns the key.
    pub fn declare_unknown(&mut self, name: &str, created: &mut Vec<Source>) -> String {
        let name = name.trim();
        let same = created.iter_mut().find(|s| {
            std::iter::once(&s.name)
                .chain(&s.aliases)
                .any(|n| crate::normalize::same_name_across_scripts(n, name))
        });
        if let Some(src) = same {
            src.aliases.push(name.to_string());
            let key = src.key.clone();
            self.names
                .entry(name_key(name))
                .or_insert_with(|| key.clone());
            if let Some(s) = self.sources.get_mut(&key) {
                s.aliases.push(name.to_string());
            }
            return key;
        }
        let stem = key_from_name(name);
        let mut key = stem.clone();
        let mut n = 2;
        while self.sources.contains_key(&key) {
            key = format!("{stem}-{n}");
            n += 1;
        }
        let src = Source {
            key: key.clone(),
            name: name.to_string(),
            kind: SourceKind::Other,
            country: None,
            state_affiliated: false,
            aliases: Vec::new(),
            depends_on: Vec::new(),
            trust_prior: None,
        };
        self.insert_source(src.clone());
        created.push(src);
        key
    }

    /// Withdraws a source added in memory by [`Config::insert_source`].
    pub fn remove_source(&mut self, key: &str) {
        if self.sources.remove(key).is_some() {
            self.names.retain(|_, k| k != key);
        }
    }

    /// Like [`Config::resolve`], but an unknown name is an error that says so.
    pub fn require(&self, name: &str) -> Result<&Source> {
        self.resolve(name)
            .ok_or_else(|| Error::UnknownSource(name.to_string()))
    }
}

/// The text of a new `workspace.toml`, commented so a user can learn the format from it.
pub const TEMPLATE: &str = r#"# A claims workspace: the sources you track and the plugins you use.
# Claims themselves live in .claims/ (a SQLite database, not committed).

# Each source has a stable key (used by claims), a display name and a kind:
# outlet, agency, government, official, intelligence, anonymous, person, company, fact-checker
# or other.
# Aliases (any language) let you name the source however it is written; `depends_on` lists
# sources whose word this one relays, so they count as one voice.
#
# [sources.nyt]
# name = "The New York Times"
# kind = "outlet"
# country = "US"
# aliases = ["NYT", "New York Times", "نيويورك تايمز"]
#
# [sources.kcna]
# name = "Korean Central News Agency"
# kind = "agency"
# country = "KP"
# state_affiliated = true
# depends_on = ["dprk-government"]

# The fact-checking organisation `claims export --format claimreview` names as the author of
# your own verdicts; `lang` (ar, en, fr or es) is the language of rating names written for
# verdicts that carry no label of their own (docs/ratings.md).
#
# [publisher]
# name = "Example Fact Check"
# url = "https://factcheck.example.org"
# lang = "ar"

# Plugins: native libraries that parse documents into claims or check claims.
#
# A library named here runs only after you allow it on your machine (`claims plugin allow NAME`);
# libraries beside the claims executable are part of its installation. See docs/security.md.
#
# [plugins]
# memory = "2G"           # address space of each plugin's worker process
# max_reply = "256M"      # largest answer read from a plugin
# sandbox = "required"    # refuse to run plugins where the system cannot sandbox them
#
# [plugins.news-article]
# path = "target/release/libnews_article.so"
# isolation = "process"   # or "none" to load it in-process, unsandboxed
# timeout = 10            # seconds
"#;

/// Appends sources to workspace.toml text, keeping every comment and the layout, and checks the
/// result is still a valid workspace before anyone writes it.
pub fn add_sources(path: &Path, text: &str, new: &[Source]) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        Error::Config {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let existing = Config::parse(path, text)?;
    // A file of comments only (the `init` template) keeps them as trailing text; move them in
    // front of what we add, or the new tables would land above the user's header.
    let leading = if doc.iter().next().is_none() {
        let t = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing("");
        Some(t)
    } else {
        None
    };
    if !doc.contains_key("sources") {
        let mut t = toml_edit::Table::new();
        t.set_implicit(true);
        doc.insert("sources", toml_edit::Item::Table(t));
    }
    let sources = doc["sources"]
        .as_table_mut()
        .ok_or_else(|| Error::invalid(format!("{}: `sources` is not a table", path.display())))?;
    for s in new {
        if !is_valid_key(&s.key) {
            return Err(Error::invalid(bad_key("source", &s.key)));
        }
        if existing.sources.contains_key(&s.key) || sources.contains_key(&s.key) {
            return Err(Error::invalid(format!(
                "source `{}` already exists in {}",
                s.key,
                path.display()
            )));
        }
        let mut t = toml_edit::Table::new();
        t.insert("name", toml_edit::value(&s.name));
        t.insert("kind", toml_edit::value(s.kind.as_str()));
        if let Some(c) = &s.country {
            t.insert("country", toml_edit::value(c));
        }
        if s.state_affiliated {
            t.insert("state_affiliated", toml_edit::value(true));
        }
        if !s.aliases.is_empty() {
            t.insert(
                "aliases",
                toml_edit::value(s.aliases.iter().collect::<toml_edit::Array>()),
            );
        }
        if !s.depends_on.is_empty() {
            t.insert(
                "depends_on",
                toml_edit::value(s.depends_on.iter().collect::<toml_edit::Array>()),
            );
        }
        if let Some(p) = s.trust_prior {
            t.insert("trust_prior", toml_edit::value(p));
        }
        sources.insert(&s.key, toml_edit::Item::Table(t));
    }
    let mut out = doc.to_string();
    if let Some(lead) = leading {
        let lead = lead.trim_end();
        out = if lead.is_empty() {
            out
        } else {
            format!("{lead}\n\n{out}")
        };
    }
    if text.contains("\r\n") {
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Config::parse(path, &out)?;
    Ok(out)
}

/// Makes a valid, readable source key from a free-form name (for `--create-sources`): names in
/// other scripts are romanised first ("الكرملين" -> `al-krmlyn`), so a key can be typed and read.
pub fn key_from_name(name: &str) -> String {
    let roman = crate::normalize::romanise(name.trim());
    let mut key = String::new();
    let mut dash = false;
    for c in roman.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            key.push(c.to_ascii_lowercase());
            dash = false;
        } else if c == '\'' {
            // An apostrophe (a hamza or ayn, romanised) joins letters rather than splitting words.
        } else if !dash && !key.is_empty() {
            key.push('-');
            dash = true;
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    // Long names make keys no one types: keep whole words up to 32 letters.
    if key.len() > 32 {
        let cut = key[..=32].rfind('-').filter(|&i| i >= 8).unwrap_or(32);
        key.truncate(cut);
        while key.ends_with('-') {
            key.pop();
        }
    }
    if key.is_empty() {
        // Nothing romanisable (symbols only): a short stable hash keeps distinct names apart.
        let h = blake3::hash(name.trim().as_bytes()).to_hex();
        key = format!("src-{}", &h[..10]);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("workspace.toml"), text)
    }

    #[test]
    fn publisher_is_read_and_checked() {
        let c =
            parse("[publisher]\nname = \"مرصد\"\nurl = \"https://fc.example\"\nlang = \"ar\"\n")
                .unwrap();
        assert_eq!(
            c.publisher,
            Some(Publisher {
                name: "مرصد".into(),
                url: "https://fc.example".into(),
                lang: Some("ar".into()),
            })
        );
        assert!(parse("").unwrap().publisher.is_none());
        let e = parse("[publisher]\nname = \"X\"\nurl = \"fc.example\"\n").unwrap_err();
        assert!(
            e.to_string().contains(
                "workspace.toml:3:7: [publisher] url `fc.example` is not an http or https URL"
            ),
            "{e}"
        );
        let e = parse("[publisher]\nname = \"X\"\n").unwrap_err();
        assert!(e.to_string().contains("url"), "{e}");
        let e =
            parse("[publisher]\nname = \"X\"\nurl = \"https://a\"\nlang = \"a b\"\n").unwrap_err();
        assert!(e.to_string().contains("[publisher] lang `a b`"), "{e}");
    }

    #[test]
    fn resolves_keys_names_and_arabic_aliases() {
        let c = parse(
            "[sources.nyt]\nname = \"The New York Times\"\nkind = \"outlet\"\naliases = [\"نيويورك تايمز\", \"NYT\"]\n",
        )
        .unwrap();
        assert_eq!(c.resolve("nyt").unwrap().key, "nyt");
        assert_eq!(c.resolve("the new york times").unwrap().key, "nyt");
        assert_eq!(c.resolve("نيويورك  تايمز").unwrap().key, "nyt");
        assert!(c.resolve("bbc").is_none());
    }

    #[test]
    fn errors_name_the_line() {
        let e =
            parse("[sources.a]\nname = \"A\"\nkind = \"outlet\"\ncolour = \"red\"\n").unwrap_err();
        assert!(e.to_string().starts_with("workspace.toml:4:"), "{e}");
        let e = parse("[sources.a]\nname = \"A\"\nkind = \"blog\"\n").unwrap_err();
        assert!(e.to_string().starts_with("workspace.toml:3:"), "{e}");
        let e = parse("[sources.a]\nname = \"A\"\nkind = \"outlet\"\naliases = [\"X\"]\n[sources.b]\nname = \"B\"\nkind = \"outlet\"\naliases = [\"x\"]\n").unwrap_err();
        assert!(
            e.to_string().starts_with("workspace.toml:8:")
                && e.to_string().contains("duplicate alias"),
            "{e}"
        );
        let e = parse("[sources.a]\nname = \"A\"\nkind = \"outlet\"\nstate_affiliated = \"yes\"\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("workspace.toml:4:"), "{e}");
    }

    #[test]
    fn adding_a_source_keeps_comments() {
        let text = "# my sources\n[sources.a] # the first\nname = \"A\"\nkind = \"outlet\"\n";
        let src = Source {
            key: "b".into(),
            name: "B".into(),
            kind: SourceKind::Agency,
            country: Some("KR".into()),
            state_affiliated: false,
            aliases: vec!["يونهاب".into()],
            depends_on: vec!["a".into()],
            trust_prior: None,
        };
        let out = add_sources(Path::new("w.toml"), text, &[src]).unwrap();
        assert!(out.starts_with(text), "{out}");
        let c = parse(&out).unwrap();
        assert_eq!(
            c.resolve("يونهاب").unwrap().depends_on,
            vec!["a".to_string()]
        );
    }

    #[test]
    fn keys_from_names_are_valid_and_distinct() {
        assert_eq!(key_from_name("eCampus.com"), "ecampus.com");
        assert_eq!(key_from_name("A1 Books!"), "a1-books");
        let k1 = key_from_name("وكالة يونهاب");
        let k2 = key_from_name("وكالة إنترفاكس");
        assert!(is_valid_key(&k1) && k1 != k2);
        // Readable: romanised, never a bare hash.
        assert_eq!(k1, "wklh-ywnhb");
        assert_eq!(key_from_name("الكرملين"), "al-krmlyn");
        assert_eq!(key_from_name("مسؤولون أمريكيون"), "msuwlwn-mrykywn");
        assert!(key_from_name("★★★").starts_with("src-"));
    }
}
