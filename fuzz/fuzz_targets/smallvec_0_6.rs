//! Fuzz target `smallvec_0_6`: smallvec 0.6.13, an old release with a published advisory
//! (RUSTSEC-2021-0003, a buffer overflow in `insert_many`), differential-tested against std's
//! `Vec` through the same adapter as `tests/real_crates`. The harness is meant to rediscover
//! the advisory by itself: ASan reports the out-of-bounds write. See docs/real_crates.md for
//! the command, the time it takes and the minimal input.
#![no_main]

use boxvec::alloc::Global;
use boxvec::check::{Input, VecOp};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[macro_use]
#[path = "../../tests/real_crates/support.rs"]
mod support;

#[path = "../../tests/real_crates/smallvec_0_6.rs"]
mod smallvec_0_6;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::<VecOp>::from_bytes(data);
    support::without_splice_panics(&mut input.ops);
    let result = input
        .element
        .run_vec::<smallvec_0_6::SmallVec06s, _>(&input.ops, Global);
    if let Err(mismatch) = result
        && mismatch.culprit.is_bug()
    {
        panic!("{mismatch}");
    }
});
