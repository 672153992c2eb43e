//! SDK for writing `claims` plugins.
//!
//! A plugin is a native library that the `claims` host loads at run time. This crate is the only
//! dependency a Rust plugin needs.

pub mod types;

pub use types::*;

/// Re-exported so plugins can read and write JSON without depending on anything but this SDK.
pub use serde_json;
/// Re-exported so plugins can diff texts (e.g. quote drift) without depending on anything but this SDK.
pub use similar;
