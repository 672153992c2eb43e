//! End-to-end tests of the real `claims` binary.
