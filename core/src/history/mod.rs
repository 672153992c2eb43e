//! The workspace log: every write (claim version, retraction, proposition, verdict, source
//! declaration, stored document, check finding) appends one entry, and the entries are the
//! leaves of a Merkle tree ([`merkle`], RFC 6962 hashing with BLAKE3). Its head (size and root)
//! can be published; a consistency proof shows anyone holding an old head that the log only grew.
//!
//! The newest head is also kept outside the database, in `.claims/HEAD`, as git keeps refs
//! outside its object store: a database deleted or replaced is caught by the file that remembers
//! how much it held.

pub mod entry;
pub mod merkle;

use std::path::Path;

use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::model::Hash;
use crate::storage::Reader;
use crate::workspace::Workspace;

pub use entry::{EntryKind, EntryRef, chain_link};
pub use merkle::{Digest, Frontier};

/// The file beside the database holding the newest head.
pub const HEAD_FILE: &str = "HEAD";
const HEAD_HEADER: &str = "claims-head v1";

/// A tree head: how many entries, and the root over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TreeHead {
    /// Entries in the log.
    pub size: u64,
    /// The Merkle root.
    #[serde(serialize_with = "crate::model::serialize_hex32")]
    pub root: Digest,
}

impl std::fmt::Display for TreeHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.size, Hash(self.root).to_hex())
    }
}

impl std::str::FromStr for TreeHead {
    type Err = Error;

    /// `SIZE:ROOT` as `claims head` prints it (the root in full, 64 hex digits).
    fn from_str(s: &str) -> Result<TreeHead> {
        let bad = || {
            Error::invalid(format!(
                "`{s}` is not a head: expected SIZE:ROOT, as `claims head` prints it (ROOT in full, 64 hex digits)"
            ))
        };
        let (size, root) = s.trim().split_once(':').ok_or_else(bad)?;
        Ok(TreeHead {
            size: size.parse().map_err(|_| bad())?,
            root: Hash::from_hex(root).ok_or_else(bad)?.0,
        })
    }
}

/// The log's state as a write leaves it: head, frontier and the last chain link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogState {
    /// The right edge of the tree.
    pub frontier: Frontier,
    /// The last entry's chain link (32 zero bytes before the first).
    pub chain: Digest,
}

impl LogState {
    /// The head this state stands for.
    pub fn head(&self) -> TreeHead {
        TreeHead {
            size: self.frontier.size(),
            root: self.frontier.root(),
        }
    }

    /// Appends one entry's leaf; returns its chain link.
    pub fn push(&mut self, leaf: Digest) -> Digest {
        self.frontier.push(leaf);
        self.chain = chain_link(&self.chain, &leaf);
        self.chain
    }
}

/// The head recorded in `.claims/HEAD`: size, root and chain link, written after each write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadFile {
    /// The head.
    pub head: TreeHead,
    /// The last entry's chain link.
    pub chain: Digest,
}

impl HeadFile {
    /// The file's text.
    pub fn render(&self) -> String {
        format!(
            "{HEAD_HEADER}\nsize {}\nroot {}\nchain {}\n",
            self.head.size,
            Hash(self.head.root).to_hex(),
            Hash(self.chain).to_hex()
        )
    }

    /// Reads `.claims/HEAD`; None when there is none (a workspace older than the log).
    pub fn read(path: &Path) -> Result<Option<HeadFile>> {
        if !path.exists() {
            return Ok(None);
        }
        // A stranger's workspace may make it a link to an endless file: read a bounded prefix.
        let text = crate::limits::read_at_most(path, 4096)?.unwrap_or_default();
        let bad = || {
            Error::invalid(format!(
                "{}: not a head file (expected `{HEAD_HEADER}`, size, root and chain lines)",
                path.display()
            ))
        };
        if text.len() > 4096 {
            return Err(bad());
        }
        let text = std::str::from_utf8(&text).map_err(|_| bad())?;
        let mut lines = text.lines();
        if lines.next() != Some(HEAD_HEADER) {
            return Err(bad());
        }
        let mut field = |name: &str| {
            lines
                .next()
                .and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix(' '))
                .ok_or_else(bad)
        };
        let size = field("size")?.parse().map_err(|_| bad())?;
        let root = Hash::from_hex(field("root")?).ok_or_else(bad)?.0;
        let chain = Hash::from_hex(field("chain")?).ok_or_else(bad)?.0;
        Ok(Some(HeadFile {
            head: TreeHead { size, root },
            chain,
        }))
    }
}

/// Who and when of a log entry, as `head` and `log` show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntryInfo {
    /// Position in the log, from 1.
    pub seq: u64,
    /// What was written.
    pub kind: String,
    /// What it is about.
    pub subject: String,
    /// When.
    pub at: String,
    /// The analyst's name.
    pub analyst: String,
    /// The analyst's email.
    pub email: Option<String>,
    /// The public key that signed it (`ed25519:HEX`), if signed.
    pub key: Option<String>,
}

/// What `claims head` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HeadReport {
    /// Size and root.
    #[serde(flatten)]
    pub head: TreeHead,
    /// The newest entry, when there is one.
    pub last: Option<EntryInfo>,
}

/// A consistency proof from an older head to today's.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConsistencyProof {
    /// The older head.
    pub old: TreeHead,
    /// Today's head.
    pub new: TreeHead,
    /// The proof's hashes, in RFC 6962 order.
    #[serde(serialize_with = "serialize_hex_list")]
    pub proof: Vec<Digest>,
}

fn serialize_hex_list<S: serde::Serializer>(
    v: &[Digest],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|d| Hash(*d).to_hex()))
}

/// The author a write is stamped with: the process's identity, resolved once.
pub fn default_author() -> Result<Identity> {
    Identity::current().map_err(|e| Error::invalid(e.to_string()))
}

impl Workspace {
    /// Today's head and who wrote the newest entry.
    pub fn head(&self) -> Result<HeadReport> {
        let state = self.store().log_state()?;
        let last = self.store().log_entry(state.frontier.size())?;
        Ok(HeadReport {
            head: state.head(),
            last,
        })
    }

    /// The root of the workspace's *record*: the same entries as the log, in the canonical
    /// order (by time, then leaf hash) instead of the order they arrived in. Two colleagues who
    /// exchanged bundles both ways hold the same entries in different orders, so their log
    /// roots differ (each log only grew, and must keep proving it), but their record roots are
    /// equal. O(n log n): computed on request.
    pub fn record_head(&self) -> Result<TreeHead> {
        let mut keyed = self.store().log_times_and_leaves()?;
        keyed.sort_unstable();
        let leaves: Vec<Digest> = keyed.into_iter().map(|(_, l)| l).collect();
        Ok(TreeHead {
            size: leaves.len() as u64,
            root: merkle::root(&leaves),
        })
    }

    /// The log entry that recorded a claim version: who wrote it, and when.
    pub fn written_by(&self, version: &crate::model::Version) -> Result<Option<EntryInfo>> {
        self.store().version_entry(&version.claim, &version.hash)
    }

    /// The proof that today's log extends its first `old_size` entries.
    pub fn consistency_proof(&self, old_size: u64) -> Result<ConsistencyProof> {
        let leaves = self.store().log_leaves()?;
        let n = leaves.len() as u64;
        if old_size > n {
            return Err(Error::invalid(format!(
                "the log has {n} entries; it cannot extend a head of {old_size}"
            )));
        }
        Ok(proof_over(&leaves, old_size))
    }

    /// Checks that today's log extends `old` (a head published earlier) by a consistency
    /// proof; the error names how it does not.
    pub fn check_extends(&self, old: &TreeHead) -> Result<ConsistencyProof> {
        let leaves = self.store().log_leaves()?;
        let n = leaves.len() as u64;
        if old.size > n {
            return Err(Error::invalid(format!(
                "the log has {n} entries, fewer than the {} of head {old}: entries were removed",
                old.size
            )));
        }
        // The proof is of today's first `old.size` entries; it verifies against the published
        // root only when those entries are the ones that head covered. A root names no entry,
        // so the error can only say which of today's entries the head should have covered.
        let mut p = proof_over(&leaves, old.size);
        let ours = p.old.root;
        p.old = *old;
        if verify_proof(&p) {
            return Ok(p);
        }
        Err(Error::invalid(format!(
            "the log does not extend head {old}: its first {} entries hash to {} instead, so at least one of entries 1..{} was altered, removed, reordered or rewritten",
            old.size,
            Hash(ours).to_hex(),
            old.size
        )))
    }
}

/// The consistency proof from the tree of the first `old_size` of `leaves` to the whole tree.
fn proof_over(leaves: &[Digest], old_size: u64) -> ConsistencyProof {
    ConsistencyProof {
        old: TreeHead {
            size: old_size,
            root: merkle::root(&leaves[..old_size as usize]),
        },
        new: TreeHead {
            size: leaves.len() as u64,
            root: merkle::root(leaves),
        },
        proof: merkle::consistency_proof(old_size as usize, leaves),
    }
}

/// Verifies a consistency proof given by `claims head --proof`, without a workspace.
pub fn verify_proof(p: &ConsistencyProof) -> bool {
    merkle::verify_consistency(p.old.size, &p.old.root, p.new.size, &p.new.root, &p.proof)
}

/// The chain link before the first entry.
pub const CHAIN_START: Digest = [0; 32];
