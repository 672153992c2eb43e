//! SDK for writing `claims` plugins.
//!
//! A plugin is a native library that the `claims` host loads at run time. This crate is the only
//! dependency a Rust plugin needs.

pub mod types;

pub use types::*;
