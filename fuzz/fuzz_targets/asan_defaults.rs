//! AddressSanitizer's defaults for boxvec's own fuzz targets, built into the binary so that a
//! plain `cargo fuzz run <target>` works without remembering them (`ASAN_OPTIONS` in the
//! environment still overrides each one):
//!
//! - `allocator_may_return_null=1`: the harness asks for enormous blocks on purpose, and the
//!   allocator must refuse them as a real one does; without it ASan aborts the process on the
//!   first such request.
//! - `detect_stack_use_after_return=0`: that check rescans a fake stack after every unwind, and
//!   the harness panics on purpose many times per input (out-of-bounds indices, armed `Drop`
//!   and `Clone` panics): it costs about a third of ASan's time. boxvec's types keep their
//!   elements on the heap only, so it finds nothing here. Keep it on (the default) for a
//!   vector with inline storage, as the `smallvec_0_6` target does.

use std::ffi::c_char;

/// Called by the AddressSanitizer runtime at start-up for its default options.
#[unsafe(no_mangle)]
pub extern "C" fn __asan_default_options() -> *const c_char {
    c"allocator_may_return_null=1:detect_stack_use_after_return=0".as_ptr()
}
