//! claims core

pub mod normalize;
pub mod scoring;
