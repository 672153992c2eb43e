//! End-to-end tests of the real `claims` binary.
//!
//! Each test makes its own workspace in a temporary directory and runs the binary cargo built
//! (`CARGO_BIN_EXE_claims`) with a controlled environment; see `support.rs`.

mod claims;
mod errors;
mod fsck;
mod history;
mod import;
mod output;
mod snapshots;
mod sources;
mod support;
mod workspace;
