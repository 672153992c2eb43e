//! claims core
