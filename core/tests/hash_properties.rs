//! Property tests of the hash encoding (`claims_core::hash`, docs/hashing.md): the encoding
//! decodes back to the fields it encoded (so it is self-delimiting and no two claims share
//! one), any single field change changes the content digest and the version hash, and ids and
//! hashes round-trip through their spelling.

use claims_core::hash::{
    CONTENT_DOMAIN, Encoder, VersionInput, content_digest, encode_fields, version_hash,
};
use claims_core::model::{Action, ClaimFields, ClaimId, DocRef, Hash, Stance};
use proptest::prelude::*;

fn stance() -> impl Strategy<Value = Stance> {
    prop_oneof![
        Just(Stance::Supports),
        Just(Stance::Refutes),
        Just(Stance::Neutral)
    ]
}

/// Short strings in Latin, Arabic and invisible marks, where encodings could run together.
fn text() -> impl Strategy<Value = String> {
    "[a-z0-9 \u{0621}-\u{064A}\u{200F}]{0,12}"
}

fn fields() -> impl Strategy<Value = ClaimFields> {
    let doc = (any::<[u8; 32]>(), any::<u64>(), any::<u64>())
        .prop_map(|(doc, start, end)| DocRef { doc, start, end });
    (
        (
            text(),
            prop::collection::vec(text(), 0..3),
            text(),
            prop::option::of(text()),
            prop::option::of(stance()),
            prop::option::of(text()),
        ),
        (
            any::<bool>(),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(doc),
        ),
    )
        .prop_map(assemble)
}

/// The fields in encoding order, as the generator and the decoder produce them.
type Parts = (
    (
        String,
        Vec<String>,
        String,
        Option<String>,
        Option<Stance>,
        Option<String>,
    ),
    (
        bool,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<DocRef>,
    ),
);

fn assemble(
    (
        (origin, via, text, about, stance, value),
        (quote, said_on, reported_on, url, lang, source_doc),
    ): Parts,
) -> ClaimFields {
    ClaimFields {
        origin,
        via,
        text,
        about,
        stance,
        value,
        quote,
        said_on,
        reported_on,
        url,
        lang,
        source_doc,
    }
}

/// `f` with field number `i` (of 12) taken from `g`.
fn with_field(f: &ClaimFields, g: &ClaimFields, i: usize) -> ClaimFields {
    let mut h = f.clone();
    match i {
        0 => h.origin = g.origin.clone(),
        1 => h.via = g.via.clone(),
        2 => h.text = g.text.clone(),
        3 => h.about = g.about.clone(),
        4 => h.stance = g.stance,
        5 => h.value = g.value.clone(),
        6 => h.quote = g.quote,
        7 => h.said_on = g.said_on.clone(),
        8 => h.reported_on = g.reported_on.clone(),
        9 => h.url = g.url.clone(),
        10 => h.lang = g.lang.clone(),
        _ => h.source_doc = g.source_doc,
    }
    h
}

/// Reads the canonical encoding back, as docs/hashing.md describes it.
struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Decoder<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.bytes[self.at - 1]
    }

    fn leb(&mut self) -> usize {
        let (mut n, mut shift) = (0usize, 0);
        loop {
            let b = self.byte();
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        self.at += n;
        &self.bytes[self.at - n..self.at]
    }

    /// A field's name, then whether it is present.
    fn named(&mut self, name: &str) -> bool {
        let n = usize::from(self.byte());
        assert_eq!(self.take(n), name.as_bytes(), "field order");
        match self.byte() {
            0 => false,
            1 => true,
            other => panic!("presence byte {other}"),
        }
    }

    fn opt(&mut self, name: &str) -> Option<Vec<u8>> {
        self.named(name).then(|| {
            let n = self.leb();
            self.take(n).to_vec()
        })
    }

    fn string(&mut self, name: &str) -> Option<String> {
        self.opt(name).map(|b| String::from_utf8(b).expect("UTF-8"))
    }

    fn list(&mut self, name: &str) -> Vec<String> {
        assert!(self.named(name));
        (0..self.leb())
            .map(|_| {
                let n = self.leb();
                String::from_utf8(self.take(n).to_vec()).expect("UTF-8")
            })
            .collect()
    }
}

fn decode_fields(bytes: &[u8]) -> ClaimFields {
    assert!(bytes.starts_with(CONTENT_DOMAIN));
    let mut d = Decoder {
        bytes,
        at: CONTENT_DOMAIN.len(),
    };
    let origin = d.string("origin").expect("origin");
    let via = d.list("via");
    let text = d.string("text").expect("text");
    let about = d.string("about");
    let stance = d.string("stance").map(|s| s.parse().expect("stance"));
    let value = d.string("value");
    let quote = d.opt("quote").expect("quote") == [1];
    let said_on = d.string("said_on");
    let reported_on = d.string("reported_on");
    let url = d.string("url");
    let lang = d.string("lang");
    let doc = d.opt("doc");
    let span = d.opt("span");
    assert_eq!(d.at, bytes.len(), "trailing bytes");
    let source_doc = doc.zip(span).map(|(doc, span)| DocRef {
        doc: doc.try_into().expect("32 bytes"),
        start: u64::from_le_bytes(span[..8].try_into().expect("8 bytes")),
        end: u64::from_le_bytes(span[8..].try_into().expect("8 bytes")),
    });
    assemble((
        (origin, via, text, about, stance, value),
        (quote, said_on, reported_on, url, lang, source_doc),
    ))
}

fn encode(f: &ClaimFields) -> Vec<u8> {
    let mut enc = Encoder::new(CONTENT_DOMAIN);
    encode_fields(&mut enc, &f.as_ref());
    enc.finish()
}

/// Everything a version hash covers, owned.
#[derive(Debug, Clone, PartialEq)]
struct VersionParts {
    claim: [u8; 16],
    seq: u32,
    parent: Option<[u8; 32]>,
    retract: bool,
    content: [u8; 32],
    note: Option<String>,
    recorded_at: String,
}

fn version_parts() -> impl Strategy<Value = VersionParts> {
    (
        any::<[u8; 16]>(),
        any::<u32>(),
        prop::option::of(any::<[u8; 32]>()),
        any::<bool>(),
        any::<[u8; 32]>(),
        prop::option::of(text()),
        text(),
    )
        .prop_map(
            |(claim, seq, parent, retract, content, note, recorded_at)| VersionParts {
                claim,
                seq,
                parent,
                retract,
                content,
                note,
                recorded_at,
            },
        )
}

fn hash_of(v: &VersionParts) -> Hash {
    let claim = ClaimId::from_bytes(v.claim);
    let parent = v.parent.map(Hash);
    version_hash(&VersionInput {
        claim: &claim,
        seq: v.seq,
        parent: parent.as_ref(),
        merged: &[],
        action: if v.retract {
            Action::Retract
        } else {
            Action::Record
        },
        content: &Hash(v.content),
        note: v.note.as_deref(),
        recorded_at: &v.recorded_at,
    })
}

proptest! {
    #[test]
    fn the_content_encoding_decodes_to_the_fields_it_encoded(f in fields()) {
        prop_assert_eq!(decode_fields(&encode(&f)), f);
    }

    #[test]
    fn any_single_field_change_changes_the_content_digest(
        f in fields(),
        g in fields(),
        i in 0usize..12,
    ) {
        let h = with_field(&f, &g, i);
        prop_assume!(h != f);
        prop_assert_ne!(content_digest(&h), content_digest(&f));
    }

    #[test]
    fn any_single_part_change_changes_the_version_hash(
        v in version_parts(),
        w in version_parts(),
        i in 0usize..7,
    ) {
        let mut x = v.clone();
        match i {
            0 => x.claim = w.claim,
            1 => x.seq = w.seq,
            2 => x.parent = w.parent,
            3 => x.retract = w.retract,
            4 => x.content = w.content,
            5 => x.note = w.note.clone(),
            _ => x.recorded_at = w.recorded_at.clone(),
        }
        prop_assume!(x != v);
        prop_assert_ne!(hash_of(&x), hash_of(&v));
    }

    #[test]
    fn ids_and_hashes_round_trip_through_their_spelling(
        id in any::<[u8; 16]>(),
        h in any::<[u8; 32]>(),
    ) {
        let claim = ClaimId::from_bytes(id);
        prop_assert_eq!(ClaimId::parse(claim.as_str()), Some(claim.clone()));
        prop_assert_eq!(Hash::from_hex(&Hash(h).to_hex()), Some(Hash(h)));
    }
}
