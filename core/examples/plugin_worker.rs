//! A stand-in for `claims __plugin-worker`, so the host's tests have a worker executable.
//!
//! Arguments are `[FAULT]`: when given, it becomes `CLAIMS_TEST_FAULT` for the faulty test plugin,
//! so tests running side by side can each provoke their own fault.

fn main() {
    if let Some(fault) = std::env::args().nth(1) {
        // SAFETY: no other thread exists yet.
        unsafe { std::env::set_var("CLAIMS_TEST_FAULT", fault) };
    }
    std::process::exit(claims_core::plugin::worker_main());
}
