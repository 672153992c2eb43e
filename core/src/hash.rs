//! The canonical byte encoding of versions and the blake3 hashes over it (docs/hashing.md).
//!
//! The encoding is self-delimiting (every value carries its length) and names every field, so no
//! two different versions encode to the same bytes and the chain is tamper-evident.

use crate::model::{Action, ClaimFields, ClaimId, Hash};

/// Domain tag that starts every version encoding, so a version hash never equals another hash.
pub const VERSION_DOMAIN: &[u8] = b"claims/version/v1\n";
/// Domain tag for the content that derives a claim's id.
pub const CLAIM_ID_DOMAIN: &[u8] = b"claims/claim-id/v1\n";

/// Builds the canonical encoding field by field.
#[derive(Default)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    /// Starts an encoding with a domain tag.
    pub fn new(domain: &[u8]) -> Encoder {
        let mut buf = Vec::with_capacity(512);
        buf.extend_from_slice(domain);
        Encoder { buf }
    }

    fn name(&mut self, name: &str) {
        self.buf.push(name.len() as u8);
        self.buf.extend_from_slice(name.as_bytes());
    }

    /// A present value: name, 1, length (u64 LE), bytes.
    pub fn bytes(&mut self, name: &str, value: &[u8]) {
        self.name(name);
        self.buf.push(1);
        self.buf
            .extend_from_slice(&(value.len() as u64).to_le_bytes());
        self.buf.extend_from_slice(value);
    }

    /// An optional value: absent is the name followed by 0.
    pub fn opt(&mut self, name: &str, value: Option<&[u8]>) {
        match value {
            Some(v) => self.bytes(name, v),
            None => {
                self.name(name);
                self.buf.push(0);
            }
        }
    }

    /// A list: its count as a value of 8 bytes, then each item as length (u64 LE) and bytes.
    pub fn list(&mut self, name: &str, items: &[&str]) {
        self.name(name);
        self.buf.push(1);
        self.buf
            .extend_from_slice(&(items.len() as u64).to_le_bytes());
        for item in items {
            self.buf
                .extend_from_slice(&(item.len() as u64).to_le_bytes());
            self.buf.extend_from_slice(item.as_bytes());
        }
    }

    /// The bytes so far.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// The content fields of a claim, borrowed: the one shape the encoding is written against, so
/// owned versions and raw database rows (fsck) hash through the same code.
#[derive(Debug, Clone, Default)]
pub struct FieldsRef<'a> {
    /// Source key of the origin.
    pub origin: &'a str,
    /// Relay chain, innermost first.
    pub via: Vec<&'a str>,
    /// The text.
    pub text: &'a [u8],
    /// Proposition key.
    pub about: Option<&'a str>,
    /// Stance word.
    pub stance: Option<&'a str>,
    /// Value.
    pub value: Option<&'a [u8]>,
    /// Direct quote.
    pub quote: bool,
    /// ISO date said.
    pub said_on: Option<&'a str>,
    /// ISO date reported.
    pub reported_on: Option<&'a str>,
    /// URL.
    pub url: Option<&'a [u8]>,
    /// Language tag.
    pub lang: Option<&'a str>,
    /// Document hash and byte span.
    pub doc: Option<([u8; 32], u64, u64)>,
}

impl ClaimFields {
    /// Borrows the fields in the form the encoding takes.
    pub fn as_ref(&self) -> FieldsRef<'_> {
        FieldsRef {
            origin: &self.origin,
            via: self.via.iter().map(String::as_str).collect(),
            text: self.text.as_bytes(),
            about: self.about.as_deref(),
            stance: self.stance.map(|s| s.as_str()),
            value: self.value.as_deref().map(str::as_bytes),
            quote: self.quote,
            said_on: self.said_on.as_deref(),
            reported_on: self.reported_on.as_deref(),
            url: self.url.as_deref().map(str::as_bytes),
            lang: self.lang.as_deref(),
            doc: self.source_doc.map(|d| (d.doc, d.start, d.end)),
        }
    }
}

/// Appends the content fields (everything a claim says), in their fixed order.
pub fn encode_fields(enc: &mut Encoder, f: &FieldsRef<'_>) {
    enc.bytes("origin", f.origin.as_bytes());
    enc.list("via", &f.via);
    enc.bytes("text", f.text);
    enc.opt("about", f.about.map(str::as_bytes));
    enc.opt("stance", f.stance.map(str::as_bytes));
    enc.opt("value", f.value);
    enc.bytes("quote", &[f.quote as u8]);
    enc.opt("said_on", f.said_on.map(str::as_bytes));
    enc.opt("reported_on", f.reported_on.map(str::as_bytes));
    enc.opt("url", f.url);
    enc.opt("lang", f.lang.map(str::as_bytes));
    match &f.doc {
        Some((doc, start, end)) => {
            enc.bytes("doc", doc);
            let mut span = [0u8; 16];
            span[..8].copy_from_slice(&start.to_le_bytes());
            span[8..].copy_from_slice(&end.to_le_bytes());
            enc.bytes("span", &span);
        }
        None => {
            enc.opt("doc", None);
            enc.opt("span", None);
        }
    }
}

/// The id a claim gets from its first content: equal content gives the equal id in every
/// workspace, different content a different id, so imports are idempotent and ids never clash.
pub fn claim_id(fields: &ClaimFields) -> ClaimId {
    let mut enc = Encoder::new(CLAIM_ID_DOMAIN);
    encode_fields(&mut enc, &fields.as_ref());
    claim_id_from_digest(&blake3::hash(&enc.finish()))
}

/// The id spelled from a claim-id digest (its first 16 bytes).
pub fn claim_id_from_digest(digest: &blake3::Hash) -> ClaimId {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest.as_bytes()[..16]);
    ClaimId::from_bytes(bytes)
}

/// Everything a version hash covers, borrowed so hashing never copies a stored row.
pub struct VersionInput<'a> {
    /// The claim's id.
    pub claim: &'a ClaimId,
    /// Position in the chain, from 1.
    pub seq: u32,
    /// Hash of the previous version.
    pub parent: Option<&'a Hash>,
    /// Record or retract.
    pub action: Action,
    /// The content.
    pub fields: &'a ClaimFields,
    /// Why it was recorded.
    pub note: Option<&'a str>,
    /// When it was recorded.
    pub recorded_at: &'a str,
}

/// A version as raw parts (a database row or a [`VersionInput`]).
pub struct VersionRef<'a> {
    /// The claim id's 32 letters.
    pub claim: &'a str,
    /// Position in the chain.
    pub seq: u32,
    /// Parent hash.
    pub parent: Option<&'a [u8; 32]>,
    /// `record` or `retract`.
    pub action: &'a str,
    /// The content.
    pub fields: FieldsRef<'a>,
    /// Note.
    pub note: Option<&'a [u8]>,
    /// Time recorded.
    pub recorded_at: &'a str,
}

/// Appends the canonical encoding of a version to `buf`; returns where its content fields lie,
/// so the claim id (for first versions) can be hashed from the same bytes.
pub fn encode_version_into(buf: &mut Vec<u8>, v: &VersionRef<'_>) -> std::ops::Range<usize> {
    let mut enc = Encoder {
        buf: std::mem::take(buf),
    };
    enc.buf.extend_from_slice(VERSION_DOMAIN);
    enc.bytes("claim", v.claim.as_bytes());
    enc.bytes("seq", &u64::from(v.seq).to_le_bytes());
    enc.opt("parent", v.parent.map(|h| &h[..]));
    enc.bytes("action", v.action.as_bytes());
    let start = enc.buf.len();
    encode_fields(&mut enc, &v.fields);
    let end = enc.buf.len();
    enc.opt("note", v.note);
    enc.bytes("recorded_at", v.recorded_at.as_bytes());
    *buf = enc.buf;
    start..end
}

/// The canonical encoding of a version (docs/hashing.md).
pub fn encode_version(v: &VersionInput<'_>) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512);
    encode_version_into(
        &mut buf,
        &VersionRef {
            claim: v.claim.as_str(),
            seq: v.seq,
            parent: v.parent.map(|h| &h.0),
            action: v.action.as_str(),
            fields: v.fields.as_ref(),
            note: v.note.map(str::as_bytes),
            recorded_at: v.recorded_at,
        },
    );
    buf
}

/// The hash that identifies a version and chains it to its parent.
pub fn version_hash(v: &VersionInput<'_>) -> Hash {
    Hash(*blake3::hash(&encode_version(v)).as_bytes())
}

/// Domain tag of verdict encodings.
pub const VERDICT_DOMAIN: &[u8] = b"claims/verdict/v1\n";

/// The hash of a verdict version: proposition, position in its chain, parent, rating, value,
/// note and time, encoded like claim versions.
pub fn verdict_hash(
    about: &str,
    seq: u32,
    parent: Option<&Hash>,
    rating: crate::model::Rating,
    value: Option<&str>,
    note: Option<&str>,
    recorded_at: &str,
) -> Hash {
    let mut enc = Encoder::new(VERDICT_DOMAIN);
    enc.bytes("about", about.as_bytes());
    enc.bytes("seq", &u64::from(seq).to_le_bytes());
    enc.opt("parent", parent.map(|h| &h.0[..]));
    enc.bytes("rating", rating.as_str().as_bytes());
    enc.opt("value", value.map(str::as_bytes));
    enc.opt("note", note.map(str::as_bytes));
    enc.bytes("recorded_at", recorded_at.as_bytes());
    Hash(*blake3::hash(&enc.finish()).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;

    /// The test vector printed in docs/hashing.md; if this changes, every stored hash breaks.
    #[test]
    fn test_vector_from_docs() {
        let fields = ClaimFields {
            origin: "us-officials".into(),
            via: vec!["nyt".into()],
            text: "كيم يعتزم زيارة روسيا".into(),
            about: Some("kim-visit".into()),
            stance: Some(Stance::Supports),
            said_on: Some("2023-09-04".into()),
            ..ClaimFields::default()
        };
        let id = claim_id(&fields);
        assert_eq!(id.as_str(), "pxwnqsowlromosrvukyqqqozqpummrzt");
        let input = VersionInput {
            claim: &id,
            seq: 1,
            parent: None,
            action: Action::Record,
            fields: &fields,
            note: None,
            recorded_at: "2023-09-05T12:00:00Z",
        };
        let bytes = encode_version(&input);
        assert_eq!(bytes.len(), 401);
        assert_eq!(
            version_hash(&input).to_hex(),
            "3d82db25f8c379e2ef93f3b1c5da6126e2ed09924d7b12cff27b51ef6abce1a6"
        );
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = ClaimFields {
            origin: "a".into(),
            text: "t".into(),
            ..Default::default()
        };
        let id = claim_id(&base);
        let h = |f: &ClaimFields, note: Option<&str>| {
            version_hash(&VersionInput {
                claim: &id,
                seq: 1,
                parent: None,
                action: Action::Record,
                fields: f,
                note,
                recorded_at: "t",
            })
        };
        let h0 = h(&base, None);
        let variants = [
            ClaimFields {
                via: vec!["b".into()],
                ..base.clone()
            },
            ClaimFields {
                text: "u".into(),
                ..base.clone()
            },
            ClaimFields {
                about: Some("x".into()),
                ..base.clone()
            },
            ClaimFields {
                stance: Some(Stance::Neutral),
                ..base.clone()
            },
            ClaimFields {
                value: Some("".into()),
                ..base.clone()
            },
            ClaimFields {
                quote: true,
                ..base.clone()
            },
            ClaimFields {
                lang: Some("ar".into()),
                ..base.clone()
            },
        ];
        for v in &variants {
            assert_ne!(h(v, None), h0, "{v:?}");
        }
        assert_ne!(h(&base, Some("")), h0, "an empty note differs from no note");
        // Moving bytes between adjacent fields must change the encoding.
        let a = ClaimFields {
            origin: "ab".into(),
            text: "c".into(),
            ..Default::default()
        };
        let b = ClaimFields {
            origin: "a".into(),
            text: "bc".into(),
            ..Default::default()
        };
        assert_ne!(claim_id(&a), claim_id(&b));
    }
}
