//! The record types: what a claim says, its versions, and the stable ids that name them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// How a claim bears on the proposition it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Stance {
    /// The claim says the proposition holds.
    Supports,
    /// The claim says the proposition does not hold.
    Refutes,
    /// The claim bears on the proposition without taking a side (e.g. declined to comment).
    Neutral,
}

impl Stance {
    /// The word used on the command line, in JSON and in the hash encoding.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stance {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "supports" => Ok(Stance::Supports),
            "refutes" => Ok(Stance::Refutes),
            "neutral" => Ok(Stance::Neutral),
            other => Err(Error::invalid(format!(
                "bad stance `{other}`: expected supports, refutes or neutral"
            ))),
        }
    }
}

/// Whether a version states the claim or withdraws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The claim as recorded or corrected.
    Record,
    /// The claim withdrawn; its fields repeat what was withdrawn.
    Retract,
}

impl Action {
    /// The word stored and hashed.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Record => "record",
            Action::Retract => "retract",
        }
    }

    /// Reads the stored word back.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "record" => Some(Action::Record),
            "retract" => Some(Action::Retract),
            _ => None,
        }
    }
}

/// Where in a stored document a claim was read (filled by parsers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocRef {
    /// blake3 of the document's bytes.
    #[serde(with = "hex32")]
    pub doc: [u8; 32],
    /// First byte of the passage.
    pub start: u64,
    /// One past the last byte of the passage.
    pub end: u64,
}

/// What a claim says and who said it: the content that versions carry and hashes cover.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClaimFields {
    /// Source key of who made the claim.
    pub origin: String,
    /// Source keys of the chain it reached us through, innermost first.
    pub via: Vec<String>,
    /// The claim's words, stored byte for byte.
    pub text: String,
    /// Key of the proposition it bears on.
    pub about: Option<String>,
    /// How it bears on a statement proposition.
    pub stance: Option<Stance>,
    /// The value it gives for a value proposition.
    pub value: Option<String>,
    /// Whether the text is a direct quote.
    pub quote: bool,
    /// When the origin said it (ISO date).
    pub said_on: Option<String>,
    /// When the outlet reported it (ISO date).
    pub reported_on: Option<String>,
    /// Where it was read.
    pub url: Option<String>,
    /// BCP 47 language tag of the text.
    pub lang: Option<String>,
    /// The stored document and passage it was parsed from.
    pub source_doc: Option<DocRef>,
}

/// A 32-byte blake3 hash, shown as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash(pub [u8; 32]);

impl Hash {
    /// 64 hex digits, the form users see and JSON carries.
    pub fn to_hex(&self) -> String {
        hex32::encode(&self.0)
    }

    /// Reads 64 hex digits back.
    pub fn from_hex(s: &str) -> Option<Hash> {
        hex32::decode(s).map(Hash)
    }

    /// The first 12 hex digits, enough to tell versions apart on screen.
    pub fn short(&self) -> String {
        self.to_hex()[..12].to_string()
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

/// A claim's stable id: 128 bits written as 32 letters k–z, so it never looks like a hex hash.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ClaimId(String);

/// How many letters of an id lists show; prefixes this long are unique in practice.
pub const SHORT_ID_LEN: usize = 12;

impl ClaimId {
    /// Spells 16 bytes with the letters k..z (one letter per nibble).
    pub fn from_bytes(bytes: [u8; 16]) -> ClaimId {
        let mut s = String::with_capacity(32);
        for b in bytes {
            s.push((b'k' + (b >> 4)) as char);
            s.push((b'k' + (b & 0x0f)) as char);
        }
        ClaimId(s)
    }

    /// Accepts a stored id, refusing anything that is not 32 letters k–z.
    pub fn parse(s: &str) -> Option<ClaimId> {
        (s.len() == 32 && is_id_prefix(s)).then(|| ClaimId(s.to_string()))
    }

    /// The full id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The leading letters shown in tables.
    pub fn short(&self) -> &str {
        &self.0[..SHORT_ID_LEN]
    }
}

/// Whether a string can be (the start of) a claim id.
pub fn is_id_prefix(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| (b'k'..=b'z').contains(&b))
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClaimId({})", self.0)
    }
}

/// One recorded state of a claim, linked to its parent by hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The claim this version belongs to.
    pub claim: ClaimId,
    /// 1 for the first version, then 2, 3, ...
    pub seq: u32,
    /// Hash of the previous version; none for the first.
    pub parent: Option<Hash>,
    /// The other versions this one merges (divergent heads it resolves); empty for nearly all.
    pub merged: Vec<Hash>,
    /// Whether this version records or retracts the claim.
    pub action: Action,
    /// What the claim says at this version.
    pub fields: ClaimFields,
    /// Why this version was recorded.
    pub note: Option<String>,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
    /// blake3 over all of the above; see docs/hashing.md.
    pub hash: Hash,
}

impl Version {
    /// Whether the claim stands withdrawn at this version.
    pub fn is_retracted(&self) -> bool {
        self.action == Action::Retract
    }
}

/// A fact-checker's ruling on a proposition: the project's one scale, onto which every
/// fact-checker's own labels are mapped (core/src/interchange/ratings.rs, docs/ratings.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Rating {
    /// The proposition (or the given value) is true.
    True,
    /// True in substance, with minor inaccuracies.
    MostlyTrue,
    /// Partly true and partly false.
    Mixed,
    /// Literally true but misleading (missing context, out of context).
    Misleading,
    /// False in substance, with an element of truth.
    MostlyFalse,
    /// It is false.
    False,
    /// Not enough evidence either way.
    Unproven,
    /// Satire or parody, not a statement of fact.
    Satire,
    /// An image, video or recording that was edited, staged or generated.
    AlteredMedia,
    /// A fact-checker's label the rating table cannot map; the label itself is kept beside it.
    Unrated,
}

impl Rating {
    /// Every rating, from true to false and then the ones off that scale.
    pub const ALL: [Rating; 10] = [
        Rating::True,
        Rating::MostlyTrue,
        Rating::Mixed,
        Rating::Misleading,
        Rating::MostlyFalse,
        Rating::False,
        Rating::Unproven,
        Rating::Satire,
        Rating::AlteredMedia,
        Rating::Unrated,
    ];

    /// The word used on the command line, stored and hashed.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::True => "true",
            Rating::MostlyTrue => "mostly-true",
            Rating::Mixed => "mixed",
            Rating::Misleading => "misleading",
            Rating::MostlyFalse => "mostly-false",
            Rating::False => "false",
            Rating::Unproven => "unproven",
            Rating::Satire => "satire",
            Rating::AlteredMedia => "altered-media",
            Rating::Unrated => "unrated",
        }
    }

    /// How a statement ruled this way counts in `trust --eval`: `Some(true)` settles it as
    /// true, `Some(false)` as false, `None` settles nothing (docs/ratings.md, docs/scoring.md).
    pub fn settles(self) -> Option<bool> {
        match self {
            Rating::True | Rating::MostlyTrue => Some(true),
            Rating::False | Rating::MostlyFalse => Some(false),
            _ => None,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rating {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Rating::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<&str> = Rating::ALL.iter().map(|r| r.as_str()).collect();
                Error::invalid(format!(
                    "bad rating `{other}`: expected one of {}",
                    all.join(", "),
                    other = s
                ))
            })
    }
}

/// One version of a verdict, hash-chained per proposition like claim versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The proposition ruled on.
    pub about: String,
    /// 1 for the first ruling, then 2, 3, ...
    pub seq: u32,
    /// Hash of the previous ruling.
    pub parent: Option<Hash>,
    /// The ruling.
    pub rating: Rating,
    /// For value propositions: the value ruled on.
    pub value: Option<String>,
    /// Why.
    pub note: Option<String>,
    /// Who ruled, what they called it, where and when (all absent on verdicts of schema < 7).
    #[serde(flatten)]
    pub attribution: Attribution,
    /// When it was recorded.
    pub recorded_at: String,
    /// blake3 over all of the above; see docs/hashing.md.
    pub hash: Hash,
}

/// Who made a verdict and where it was published, so rulings imported from several
/// fact-checkers stay told apart; hashed only when any field is present (docs/hashing.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attribution {
    /// Source key of the fact-checker (kind `fact-checker`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The fact-checker's own words for the rating, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Where the review is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the fact-checker published it (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<String>,
}

impl Attribution {
    /// Whether no field is set: such a verdict hashes exactly as before schema 7.
    pub fn is_empty(&self) -> bool {
        self.by.is_none()
            && self.label.is_none()
            && self.url.is_none()
            && self.reviewed_on.is_none()
    }
}

/// Parses and canonicalises a calendar date, accepting Arabic-Indic digits, so dates compare and
/// hash the same however they were typed.
pub fn parse_date(s: &str) -> Result<String> {
    use claims_plugin::calendar::{YmdError, parse_ymd_checked};
    let why = match parse_ymd_checked(&claims_plugin::text::ascii_digits(s.trim())) {
        Ok(d) => return Ok(d.to_string()),
        Err(YmdError::Shape) => "expected YYYY-MM-DD".to_string(),
        Err(YmdError::Month(m)) => format!("there is no month {m}"),
        Err(YmdError::Day { day, days }) => {
            format!("that month has {days} days, not {day}")
        }
    };
    Err(Error::invalid(format!("bad date `{s}`: {why}")))
}

/// Serialises raw 32-byte hashes as 64 hex digits (for serde `serialize_with`).
pub fn serialize_hex32<S: serde::Serializer>(
    bytes: &[u8; 32],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    hex32::serialize(bytes, s)
}

/// Hex for bytes of any length: one codec for hashes, keys, signatures and bundled documents.
pub(crate) mod hex {
    /// Lowercase hex digits, two per byte.
    pub fn encode(bytes: &[u8]) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            s.push(DIGITS[(b >> 4) as usize] as char);
            s.push(DIGITS[(b & 0xf) as usize] as char);
        }
        s
    }

    /// Reads hex digits (either case) back; None for an odd length or any other character.
    pub fn decode(s: &str) -> Option<Vec<u8>> {
        if !s.len().is_multiple_of(2) {
            return None;
        }
        s.as_bytes()
            .chunks_exact(2)
            .map(|p| {
                let hi = (p[0] as char).to_digit(16)?;
                let lo = (p[1] as char).to_digit(16)?;
                Some((hi * 16 + lo) as u8)
            })
            .collect()
    }
}

/// Hex for 32-byte values, shared by hashes and document references.
pub(crate) mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer};

    /// 64 lowercase hex digits.
    pub fn encode(bytes: &[u8; 32]) -> String {
        super::hex::encode(bytes)
    }

    /// Reads 64 hex digits (either case).
    pub fn decode(s: &str) -> Option<[u8; 32]> {
        if s.len() != 64 {
            return None;
        }
        super::hex::decode(s)?.try_into().ok()
    }

    pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let s = String::deserialize(d)?;
        decode(&s).ok_or_else(|| serde::de::Error::custom("expected 64 hex digits"))
    }
}

/// Stored stances feed the scoring engine, which has its own (storage-free) stance type.
impl From<Stance> for crate::scoring::voices::Stance {
    fn from(s: Stance) -> Self {
        match s {
            Stance::Supports => Self::Supports,
            Stance::Refutes => Self::Refutes,
            Stance::Neutral => Self::Neutral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_letters_k_to_z_and_round_trip() {
        let id = ClaimId::from_bytes([
            0x00, 0x0f, 0xf0, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        ]);
        assert_eq!(&id.as_str()[..8], "kkkzzkzz");
        assert_eq!(ClaimId::parse(id.as_str()), Some(id.clone()));
        assert!(ClaimId::parse("abc").is_none());
    }

    #[test]
    fn dates_accept_arabic_indic_digits_and_reject_impossible_days() {
        assert_eq!(parse_date("٢٠٢٣-٠٩-٠٥").unwrap(), "2023-09-05");
        assert_eq!(parse_date("2023-09-05").unwrap(), "2023-09-05");
        assert!(parse_date("2023-02-30").is_err());
        assert!(parse_date("5/9/2023").is_err());
    }
}
