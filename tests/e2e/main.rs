//! End-to-end tests of the real `claims` binary.
//!
//! Each test makes its own workspace in a temporary directory and runs the binary cargo built
//! (`CARGO_BIN_EXE_claims`) with a controlled environment; see `support.rs`.

mod agree;
mod bundles;
mod checks;
mod claims;
mod compare;
mod concurrency;
mod errors;
mod exchange;
mod factcheck;
mod fsck;
mod fsck_storage;
mod history;
mod hostile_input;
mod import;
mod ingest;
mod integrity;
mod interchange;
mod json_docs;
mod output;
mod plugin_sandbox;
mod plugin_support;
mod plugin_trust;
mod plugins_faults;
mod plugins_host;
mod plugins_pinning;
mod propositions;
mod read_only;
mod readme_tour;
mod report;
mod safe_writes;
mod search;
mod snapshots;
mod sources;
mod suggest;
mod support;
mod terminal;
mod trust;
mod workspace;
