//! Fuzz target `vec_ops`: a thin call into the public harness, `boxvec::check::fuzz_vec_ops`, so the
//! same code replays the corpus in `cargo test` (tests/fuzz_corpus.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "asan_defaults.rs"]
mod asan_defaults;

fuzz_target!(|data: &[u8]| {
    boxvec::check::fuzz_vec_ops(data);
});
