//! Scoring engine (placeholder while modules land).
