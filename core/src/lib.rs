//! The `claims` library: a local-first workspace of attributed, versioned, hash-chained claims.
//!
//! The command-line tool is a thin layer over this crate: every rule lives here, nothing here
//! knows about terminals.

pub mod agree;
pub mod checks;
pub mod claims;
pub mod compare;
pub mod config;
pub mod error;
pub mod fsck;
pub mod hash;
pub mod import;
pub mod ingest;
pub mod lock;
pub mod model;
pub mod normalize;
pub mod plugin;
pub mod positions;
pub mod propositions;
pub mod scoring;
pub mod storage;
pub mod trust;
pub mod workspace;

pub use error::{Error, Result};
pub use workspace::Workspace;
