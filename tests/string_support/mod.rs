//! Helpers shared by the `MyString` tests: running code that is expected to panic, quietly.
#![allow(dead_code)]

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`outcome`], where a panic is an expected result.
    static EXPECTING_PANIC: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that stays silent for the panics [`outcome`] expects and
/// reports every other panic (a failed assertion) as the default hook does.
pub fn quiet_expected_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXPECTING_PANIC.with(Cell::get) {
                default_hook(info);
            }
        }));
    });
}

/// Runs `f`, returning its value or its panic message.
pub fn outcome<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    quiet_expected_panics();
    let was_expecting = EXPECTING_PANIC.with(|e| e.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    EXPECTING_PANIC.with(|e| e.set(was_expecting));
    result.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}
