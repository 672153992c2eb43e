//! Scoring engine (API overview written once the modules land).

pub mod agreement;
pub mod pairwise;
pub mod truth;
