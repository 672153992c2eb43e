//! The `claims` library: a local-first workspace of attributed, versioned, hash-chained claims.
//!
//! The command-line tool is a thin layer over this crate: every rule lives here, nothing here
//! knows about terminals.
//!
//! # Layout
//!
//! One module per feature, so a command is followed by name: `claims X` starts in
//! `cli/src/commands/X.rs`, which calls `core/src/X.rs`, which calls `core/src/scoring/...`.
//! Each feature module has its own `impl Workspace` block.
//!
//! | module | what |
//! |---|---|
//! | [`workspace`] | finding ([`workspace::discover`]), creating ([`workspace::init`]) and opening a workspace |
//! | [`claims`] | `add`, `edit`, `retract`, `show`, `log`, `list`; [`claims::input`]: where a claim (or a JSONL line) is validated; [`claims::diff`]: `diff` |
//! | [`import`] | `import`: the one importer every format's records go through, all or nothing |
//! | [`interchange`] | formats in and out: JSON Lines, CSV, ClaimReview and Fact Check Tools; the rating table ([`interchange::ratings`]) |
//! | [`ingest`] | `ingest`: documents through parser plugins |
//! | [`propositions`] | `about` and `verdict`; the one statement-vs-value rule ([`propositions::PropositionKind::infer`]) |
//! | [`suggest`] | `about suggest` and `about link`: which proposition an unlinked claim bears on |
//! | [`positions`] | the one "latest standing position" rule that compare, agree and trust read |
//! | [`compare`] | `compare`: independent voices and their agreement score |
//! | [`agree`] | `agree`: Cohen's kappa between sources |
//! | [`trust`] | `trust` and `trust --eval`: truth discovery, one path shared with the benchmark |
//! | [`scoring`] | pure computation: [`scoring::voices`] (agreement score), [`scoring::kappa`], [`scoring::truth`] |
//! | [`checks`] | `check`: check plugins and their stored findings |
//! | [`report`] | `report`: everything the HTML report shows, gathered through the functions above |
//! | [`fsck`] | `fsck`: every hash and chain recomputed, and the log walked ([`fsck`]'s `log` part) |
//! | [`history`] | the workspace log: entries, the Merkle tree, `head`, proofs, the record root |
//! | [`identity`] | who writes: analyst name and email, the Ed25519 key that signs entries |
//! | [`bundle`] | `bundle create` and `bundle apply`: history shared between analysts |
//! | [`plugin`] | the plugin host: discovery, pins, isolation, workers |
//! | [`model`], [`hash`], [`normalize`], [`config`], [`storage`], [`error`] | the types, the canonical hash encoding, matching forms, `workspace.toml`, all SQL, the error type |

pub mod agree;
pub mod bundle;
pub mod checks;
pub mod claims;
pub mod compare;
pub mod config;
pub mod error;
pub mod fsck;
pub mod hash;
pub mod history;
pub mod identity;
pub mod import;
pub mod ingest;
pub mod interchange;
pub mod limits;
pub mod lock;
pub mod model;
pub mod normalize;
pub mod plugin;
pub mod positions;
pub mod propositions;
pub mod report;
pub mod scoring;
pub mod search;
pub mod storage;
pub mod suggest;
pub mod trust;
pub mod workspace;

pub use error::{Error, Result};
pub use workspace::Workspace;
