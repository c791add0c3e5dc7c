//! Fuzz target `alloc_failures`: a thin call into the public harness, `boxvec::check::fuzz_alloc_failures`, so the
//! same code replays the corpus in `cargo test` (tests/fuzz_corpus.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "asan_defaults.rs"]
mod asan_defaults;

fuzz_target!(|data: &[u8]| {
    boxvec::check::fuzz_alloc_failures(data);
});
