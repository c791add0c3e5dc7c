//! Helpers shared by the integration tests.
#![allow(dead_code)]

use boxvec::alloc::{Counting, CountingSnapshot};
use boxvec::check::{Mismatch, RunSummary};
use proptest::test_runner::Config;

/// A proptest configuration with `native_cases` cases natively and a handful under Miri.
///
/// Under Miri the count is set here in code, not through `PROPTEST_CASES`: cargo-miri reads
/// environment variables when it builds the tests, so changing one between runs would silently
/// do nothing. Natively, `PROPTEST_CASES` still overrides the count (CI lowers it under
/// valgrind). Failure persistence is off under Miri, whose isolation forbids file access.
pub fn proptest_config(native_cases: u32) -> Config {
    let base = Config::default();
    if cfg!(miri) {
        Config {
            cases: 3,
            failure_persistence: None,
            ..base
        }
    } else if std::env::var_os("PROPTEST_CASES").is_some() {
        base
    } else {
        Config {
            cases: native_cases,
            ..base
        }
    }
}

/// Runs `f` and returns the message of its panic, or `None` if it did not panic; the panic
/// is not printed.
///
/// The tests' one way to look at a panic: [`boxvec::check::catch_quietly`] (the harness's
/// quiet panic hook, and [`boxvec::check::panic_message`]'s text of the payload), with the
/// value thrown away.
pub fn panic_message(f: impl FnOnce()) -> Option<String> {
    boxvec::check::catch_quietly(f).err()
}

/// Runs a sequence of `steps` operations on a fresh counting allocator; the run must pass,
/// run every step and free every block. Its summary, and what the allocator saw.
pub fn on_counting(
    steps: usize,
    run: impl FnOnce(&Counting) -> Result<RunSummary, Mismatch>,
) -> (RunSummary, CountingSnapshot) {
    let counting = Counting::default();
    let summary = run(&counting).unwrap_or_else(|mismatch| panic!("{mismatch}"));
    let seen = counting.snapshot();
    assert_eq!((summary.steps, seen.live_blocks), (steps, 0));
    (summary, seen)
}
