//! claims core

pub mod plugin;
