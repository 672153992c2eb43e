//! One entry of the workspace log: what was written (kind, subject, the record's content hash),
//! when, by which analyst, and that analyst's signature when they have a key. Its canonical
//! encoding is a leaf of the log's Merkle tree (docs/hashing.md).

use crate::hash::Encoder;

/// Domain tag of a log entry's encoding.
pub const ENTRY_DOMAIN: &[u8] = b"claims/log-entry/v1\n";

/// What kind of write an entry records; the word is part of the hashed encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A claim version that records (first version or correction).
    ClaimVersion,
    /// A claim version that withdraws the claim.
    ClaimRetraction,
    /// A proposition's words or kind, declared or changed.
    Proposition,
    /// A fact-checker's verdict.
    Verdict,
    /// A source declared in workspace.toml by claims.
    Source,
    /// A document stored for a parser.
    Document,
    /// One finding of a check run.
    Finding,
}

impl EntryKind {
    /// Every kind, so parsing and listing share one table.
    pub const ALL: [EntryKind; 7] = [
        EntryKind::ClaimVersion,
        EntryKind::ClaimRetraction,
        EntryKind::Proposition,
        EntryKind::Verdict,
        EntryKind::Source,
        EntryKind::Document,
        EntryKind::Finding,
    ];

    /// The word stored and hashed.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::ClaimVersion => "claim-version",
            EntryKind::ClaimRetraction => "claim-retraction",
            EntryKind::Proposition => "proposition",
            EntryKind::Verdict => "verdict",
            EntryKind::Source => "source",
            EntryKind::Document => "document",
            EntryKind::Finding => "finding",
        }
    }

    /// The kind a stored word names.
    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A log entry borrowed from wherever it lives (a write in progress, a database row), so the one
/// encoding serves writing and checking.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    /// The stored kind word (a [`EntryKind`] word when sound).
    pub kind: &'a str,
    /// What the record is about: a claim id, proposition key, source key, document hash, run.
    pub subject: &'a [u8],
    /// The record's own content hash (version hash, verdict hash, ...).
    pub record: &'a [u8],
    /// When the record was written (RFC 3339).
    pub at: &'a [u8],
    /// The analyst's name.
    pub analyst: &'a [u8],
    /// The analyst's email, if known.
    pub email: Option<&'a [u8]>,
    /// The analyst's Ed25519 public key, when the entry is signed.
    pub key: Option<&'a [u8]>,
    /// The Ed25519 signature over [`EntryRef::signed_bytes`].
    pub signature: Option<&'a [u8]>,
}

impl EntryRef<'_> {
    fn encode_fields(&self, enc: &mut Encoder) {
        enc.bytes("kind", self.kind.as_bytes());
        enc.bytes("subject", self.subject);
        enc.bytes("record", self.record);
        enc.bytes("at", self.at);
        enc.bytes("analyst", self.analyst);
        enc.opt("email", self.email);
        enc.opt("key", self.key);
    }

    /// The bytes a signature covers: every field but the signature itself.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut enc = Encoder::new(ENTRY_DOMAIN);
        self.encode_fields(&mut enc);
        enc.finish()
    }

    /// The entry's canonical encoding: the signed bytes, then the signature (absent or present).
    pub fn encode(&self) -> Vec<u8> {
        let mut enc = Encoder::new(ENTRY_DOMAIN);
        self.encode_fields(&mut enc);
        enc.opt("signature", self.signature);
        enc.finish()
    }

    /// The entry's leaf hash in the log's Merkle tree.
    pub fn leaf(&self) -> [u8; 32] {
        super::merkle::leaf_hash(&self.encode())
    }
}

/// The chain link after `leaf`: each entry's link covers the previous one, so fsck can name the
/// first entry that was removed, moved or altered (the tree root alone only says that one was).
/// The first entry follows a link of 32 zero bytes. Not part of the leaf: a leaf depends on the
/// entry alone, wherever it sits.
pub fn chain_link(prev: &[u8; 32], leaf: &[u8; 32]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(prev);
    h.update(leaf);
    *h.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vector printed in docs/hashing.md.
    #[test]
    fn test_vector_from_docs() {
        let e = EntryRef {
            kind: "claim-version",
            subject: b"uzuultrqqnyntzuzzuwxzrsllknnswzr",
            record: &Hash32::from_hex(
                "73e58959aa75cab92a7d86c59fb2f0fb911d998be11a37bbeaee5611cc58a579",
            ),
            at: b"2023-09-05T12:00:00Z",
            analyst: "سلمى".as_bytes(),
            email: Some(b"salma@example.org"),
            key: None,
            signature: None,
        };
        let leaf = e.leaf();
        assert_eq!(
            crate::model::Hash(leaf).to_hex(),
            "6c8bd52e1b2342f85137238b2b26960dfb477c4270042fc2ea445ee2d5144e73"
        );
    }

    struct Hash32;
    impl Hash32 {
        fn from_hex(s: &str) -> [u8; 32] {
            crate::model::Hash::from_hex(s).expect("hex").0
        }
    }

    #[test]
    fn kinds_round_trip() {
        for k in EntryKind::ALL {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn signature_changes_the_leaf_but_not_the_signed_bytes() {
        let base = EntryRef {
            kind: "verdict",
            subject: b"k",
            record: &[7; 32],
            at: b"t",
            analyst: b"a",
            email: None,
            key: Some(&[1; 32]),
            signature: None,
        };
        let signed = EntryRef {
            signature: Some(&[2; 64]),
            ..base
        };
        assert_eq!(base.signed_bytes(), signed.signed_bytes());
        assert_ne!(base.leaf(), signed.leaf());
    }
}
