//! The model-based property test for `MyString`: random sequences of its methods, applied side
//! by side with std's `String` and compared after every step (result or panic message, text,
//! length, capacity — which must grow exactly as `Vec<u8>`), with the string's buffer on the
//! harness's checking allocator (no leak, no misuse of the `Allocator` contract).
//!
//! The operations and the comparison are the public harness (`boxvec::check::StringOp`,
//! `run_string_ops`), the same code the `string_ops` fuzz target runs; proptest supplies the
//! random bytes and shrinks a failing input, `arbitrary` turns them into operations. Characters
//! come from a palette with every UTF-8 length and the code points at the edges of each, and
//! indices are byte offsets, so many land inside a character.

use std::collections::BTreeSet;

use boxvec::alloc::Global;
use boxvec::check::{Index, RangeSpec, StringOp, ops_from_bytes, run_string_ops};
use proptest::prelude::*;

mod common;

fn bytes_strategy() -> impl Strategy<Value = Vec<u8>> {
    let max = if cfg!(miri) { 120 } else { 1200 };
    prop::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(common::proptest_config(500))]

    #[test]
    fn string_ops_match_std(bytes in bytes_strategy()) {
        let ops: Vec<StringOp> = ops_from_bytes(&bytes);
        let summary = run_string_ops(&ops, Global)?;
        // Every operation ran and was compared, not just "no mismatch".
        prop_assert_eq!(summary.steps, ops.len());
    }
}

/// Every variant of `StringOp` comes out of random bytes: the model test covers every method,
/// not just the ones the derive happens to favour.
#[test]
fn random_bytes_reach_every_string_op() {
    const VARIANTS: usize = 26;
    let mut seen = BTreeSet::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..if cfg!(miri) { 40 } else { 400 } {
        let bytes: Vec<u8> = (0..256)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        for op in ops_from_bytes::<StringOp>(&bytes) {
            let name = format!("{op:?}");
            let name = name
                .split(['(', ' '])
                .next()
                .unwrap_or_default()
                .to_string();
            seen.insert(name);
        }
    }
    assert_eq!(seen.len(), VARIANTS, "variants reached: {seen:?}");
}

/// Indices inside a character panic, identically on both sides, and the run goes on.
#[test]
fn mid_character_indices_panic_like_std() {
    let ops = [
        StringOp::PushStr(vec![4, 9, 12, 14]), // "é中😀\u{10FFFF}"
        StringOp::Insert(Index(1), 0),         // inside 'é'
        StringOp::Remove(Index(4)),            // inside '中'
        StringOp::Truncate(Index(7)),          // inside '😀'
        StringOp::Drain(
            RangeSpec {
                form: 6,
                a: 1,
                b: 9,
            },
            1,
        ), // 1..9: starts inside 'é'
        StringOp::ReplaceRange(
            RangeSpec {
                form: 0,
                a: 0,
                b: 2,
            },
            vec![5],
        ), // 'é' becomes 'ß'
        StringOp::SplitOff(Index(2)),
    ];
    let summary = run_string_ops(&ops, Global).unwrap();
    assert_eq!(summary.steps, ops.len());
    assert_eq!(summary.panics, 4);
}
