//! The harness's panic hook: silent for the panics it expects (inside a step, or inside
//! `catch_quietly`), and forwarding every other panic to the hook installed before it.
//!
//! Its own test binary, because a panic hook is global to the process and the harness
//! installs its hook once: this file installs a recording hook *first*, so it can see what
//! the harness's hook lets through.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use boxvec::check::catch_quietly;

/// The messages the recording hook saw.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[test]
fn expected_panics_are_silent_and_every_other_panic_reaches_the_previous_hook() {
    panic::set_hook(Box::new(|info| {
        let message = boxvec::check::panic_message(info.payload());
        SEEN.lock().unwrap().push(message);
    }));

    // Expected: caught, and not shown (the harness installs its hook on this first use).
    assert_eq!(
        catch_quietly(|| panic!("expected")),
        Err("expected".to_string())
    );
    // Not expected (a failed assertion, say): the previous hook must see it.
    let unexpected = panic::catch_unwind(AssertUnwindSafe(|| panic!("unexpected")));
    assert!(unexpected.is_err());
    // Expected again, nested in nothing: still silent.
    assert!(catch_quietly(|| panic!("expected again")).is_err());

    let _ = panic::take_hook();
    assert_eq!(*SEEN.lock().unwrap(), ["unexpected"]);
}
