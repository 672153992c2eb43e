//! End-to-end tests of the real `claims` binary.
//!
//! Each test makes its own workspace in a temporary directory and runs the binary cargo built
//! (`CARGO_BIN_EXE_claims`) with a controlled environment; see `support.rs`.

mod agree;
mod claims;
mod compare;
mod concurrency;
mod errors;
mod fsck;
mod fsck_storage;
mod history;
mod import;
mod output;
mod plugin_support;
mod plugins;
mod propositions;
mod safe_writes;
mod snapshots;
mod sources;
mod support;
mod trust;
mod workspace;
