//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

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

/// The text of a panic payload (`&str` or `String`; empty for anything else).
pub fn payload_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Runs `f` and returns its panic message, or `None` if it did not panic.
pub fn panic_message(f: impl FnOnce()) -> Option<String> {
    let payload = catch_unwind(AssertUnwindSafe(f)).err()?;
    Some(payload_message(&*payload))
}
