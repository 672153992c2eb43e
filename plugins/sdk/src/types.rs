//! The data that crosses the plugin boundary, as JSON.
//!
//! These types are the contract between the `claims` host and every plugin, whatever language the
//! plugin is written in: `docs/plugin-abi.md` gives their JSON shape. Fields are only ever added,
//! with `#[serde(default)]`, so that an older plugin keeps reading what a newer host sends.

use serde::{Deserialize, Serialize};

/// What a plugin can do, so the host knows which entry points to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginKind {
    /// Turns a document into attributed claims.
    Parser,
    /// Turns claims into findings.
    Check,
}

/// Who the plugin is, read by the host before it sends any payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Name the user declares and calls the plugin by (`--parser NAME`, `--plugin NAME`).
    pub name: String,
    /// The plugin's own version, shown by `claims plugin list`.
    pub version: String,
    /// Which entry points the plugin implements.
    pub kinds: Vec<PluginKind>,
    /// One line for `claims plugin list`.
    #[serde(default)]
    pub description: String,
}

/// A source as the workspace declares it, so plugins can recognise and reason about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Stable key of the source in `workspace.toml`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// outlet, agency, government, official, intelligence, anonymous, person, company or other.
    pub kind: String,
    /// ISO country code, when known.
    #[serde(default)]
    pub country: Option<String>,
    /// Whether a state owns or directs the source.
    #[serde(default)]
    pub state_affiliated: bool,
    /// Other names for the source, in any language.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Keys of sources whose word this source relays.
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// What a parser is asked to read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseRequest {
    /// The whole document, as UTF-8 text.
    pub document: String,
    /// Where the document came from (file path), for messages only.
    #[serde(default)]
    pub path: Option<String>,
    /// The workspace's sources, so names can be recognised through their aliases.
    #[serde(default)]
    pub sources: Vec<SourceInfo>,
}

/// How the speaker relates to what the claim says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeechAct {
    /// The speaker says it is so.
    Asserts,
    /// The speaker says it is not so.
    Denies,
    /// The speaker refuses to comment.
    Declines,
}

/// A byte range into the document, UTF-8 offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the passage.
    pub start: usize,
    /// One past the last byte of the passage.
    pub end: usize,
}

/// One attributed claim a parser found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedClaim {
    /// Who made the claim: a source key when the parser resolved it, else the name as written.
    pub origin: String,
    /// Through whom it reached the document, innermost first (A citing B citing C: origin C, via [B, A]).
    #[serde(default)]
    pub via: Vec<String>,
    /// Whether the origin asserts, denies or declines to comment.
    pub stance: SpeechAct,
    /// What was claimed, in the document's own words.
    pub text: String,
    /// Whether `text` is a direct quote.
    #[serde(default)]
    pub quote: bool,
    /// The passage the claim came from.
    pub span: Span,
    /// The date the claim was made, `YYYY-MM-DD`, when the document gives it.
    #[serde(default)]
    pub said_on: Option<String>,
    /// BCP 47 language tag of `text`, when the parser knows it.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A claim as a check sees it: the head version of a recorded claim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    /// The claim's stable id.
    pub id: String,
    /// blake3 hash (64 hex) of the version the check looks at.
    pub version: String,
    /// Source key of who made the claim.
    pub origin: String,
    /// Source keys of the relay chain, innermost first.
    #[serde(default)]
    pub via: Vec<String>,
    /// The claim's text, byte for byte as recorded.
    pub text: String,
    /// Key of the proposition the claim bears on.
    #[serde(default)]
    pub about: Option<String>,
    /// supports, refutes or neutral.
    #[serde(default)]
    pub stance: Option<String>,
    /// The value claimed, for value propositions.
    #[serde(default)]
    pub value: Option<String>,
    /// Whether `text` is a direct quote.
    #[serde(default)]
    pub quote: bool,
    /// When the origin said it, `YYYY-MM-DD`.
    #[serde(default)]
    pub said_on: Option<String>,
    /// When it was reported, `YYYY-MM-DD`.
    #[serde(default)]
    pub reported_on: Option<String>,
    /// Where it was read.
    #[serde(default)]
    pub url: Option<String>,
    /// BCP 47 language tag of `text`.
    #[serde(default)]
    pub lang: Option<String>,
}

/// What a check is asked to look at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// The claims to check (retracted claims are left out by the host).
    pub claims: Vec<ClaimView>,
    /// Every source of the workspace.
    #[serde(default)]
    pub sources: Vec<SourceInfo>,
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth a second look.
    Warning,
    /// Very likely wrong.
    Error,
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Short machine name of the rule, e.g. `single-voice`.
    pub rule: String,
    /// How much it matters.
    pub severity: Severity,
    /// Ids of the claims the finding is about.
    pub claims: Vec<String>,
    /// One line for people; may be followed by detail lines (a diff).
    pub message: String,
}

/// What a parser answers: an object rather than a bare list, so fields can be added later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseResponse {
    /// The claims found, in document order.
    pub claims: Vec<ParsedClaim>,
}

/// What a check answers: an object rather than a bare list, so fields can be added later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// The findings, in any order.
    pub findings: Vec<Finding>,
}
