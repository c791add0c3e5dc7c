//! Capacity parity with std at every element size where std's growth rules change: 1, 2, 4,
//! 8, 16, 1024 and 1025 bytes, and a zero-sized type.
//!
//! The model and the comparison are the harness's (`boxvec::check::run_raw_vec_ops`: a
//! `RawVec<T>` with a length kept beside it, the way `MyVec` drives it, against
//! `std::vec::Vec<T>`; capacity and contents compared after every step; the run on
//! `Checked`, so every block must be freed with the layout it was allocated with; a
//! zero-sized element must never reach the allocator).
//! This file supplies what the harness's fuzz inputs do not: the element sizes (the fuzz
//! targets pick among `u8`, `String`, `()`, an over-aligned type and `Tracked`), and a mix of
//! operations weighted towards the capacity requests, with small amounts so growth and
//! shrinking interleave.

use boxvec::RawVec;
use boxvec::alloc::Global;
use boxvec::check::{Amount, Element, RawVecOp, Side, run_raw_vec_ops};
use proptest::prelude::*;

mod common;

/// An amount for `reserve`: mostly small, sometimes up to a few hundred elements, and now and
/// then one that overflows (both sides panic with "capacity overflow").
fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        6 => (0u8..70).prop_map(Amount::Small),
        2 => (0u16..600).prop_map(Amount::Medium),
        1 => any::<u8>().prop_map(Amount::Overflowing),
    ]
}

/// An amount for `try_reserve`: as [`amount`], plus requests so large the allocator refuses.
fn fallible_amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        8 => amount(),
        1 => any::<u8>().prop_map(Amount::Enormous),
    ]
}

/// Mostly the requests `Vec` makes of its buffer (push, reserve, reserve_exact, shrink,
/// truncate), with the harness's other operations mixed in.
fn raw_vec_op() -> impl Strategy<Value = RawVecOp> {
    prop_oneof![
        4 => any::<u8>().prop_map(RawVecOp::Push),
        2 => (0u8..40, any::<u8>()).prop_map(|(count, seed)| RawVecOp::PushMany(count, seed)),
        1 => Just(RawVecOp::Pop),
        1 => any::<u16>().prop_map(RawVecOp::Truncate),
        3 => amount().prop_map(RawVecOp::Reserve),
        2 => amount().prop_map(RawVecOp::ReserveExact),
        1 => fallible_amount().prop_map(RawVecOp::TryReserve),
        1 => fallible_amount().prop_map(RawVecOp::TryReserveExact),
        1 => amount().prop_map(RawVecOp::TryReserveRefused),
        1 => Just(RawVecOp::ShrinkToFit),
        1 => (0u16..80).prop_map(RawVecOp::ShrinkTo),
        1 => Just(RawVecOp::TryShrinkRefused),
        1 => (0u16..100).prop_map(RawVecOp::WithCapacity),
        1 => Just(RawVecOp::RawPartsRoundTrip),
    ]
}

/// Up to 40 operations natively; under Miri, where each one is interpreted on both sides with
/// the harness's checks around it, fewer than 10, which keeps the file's Miri run below what
/// it was before it ran on the harness.
fn ops() -> impl Strategy<Value = Vec<RawVecOp>> {
    let max = if cfg!(miri) { 10 } else { 40 };
    prop::collection::vec(raw_vec_op(), 1..max)
}

/// Runs `ops` through the harness with `T` as the element; every operation must have been
/// applied and compared.
fn check_parity<T: Element>(ops: &[RawVecOp]) -> Result<(), TestCaseError> {
    let summary = run_raw_vec_ops::<T, _>(ops, Global)?;
    prop_assert_eq!(summary.steps, ops.len(), "steps run: {:?}", summary);
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn capacity_matches_std_1_byte(ops in ops()) {
        check_parity::<u8>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_2_bytes(ops in ops()) {
        check_parity::<u16>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_4_bytes(ops in ops()) {
        check_parity::<u32>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_8_bytes(ops in ops()) {
        check_parity::<u64>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_16_bytes(ops in ops()) {
        check_parity::<u128>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_1024_bytes(ops in ops()) {
        check_parity::<[u8; 1024]>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_1025_bytes(ops in ops()) {
        check_parity::<[u8; 1025]>(&ops)?;
    }

    #[test]
    fn capacity_matches_std_zst(ops in ops()) {
        check_parity::<()>(&ops)?;
    }
}

/// The boundaries where the minimum capacity changes. The harness checks parity with std
/// there; it cannot say what the numbers *are*, which this test pins (8 slots for 1-byte
/// elements, 4 up to 1024 bytes, 1 above), so a change in std's rule shows up here by name
/// instead of silently moving both sides.
#[test]
// The point is what `push` grows an empty vector to; `vec![value]` would allocate exactly one
// slot instead.
#[allow(clippy::vec_init_then_push)]
fn first_growth_at_each_size_boundary_is_std_rule() {
    fn first_growth<T: Element>() -> (usize, usize) {
        let once = [RawVecOp::Push(0)];
        let summary = run_raw_vec_ops::<T, _>(&once, Global).unwrap();
        assert_eq!(summary.steps, 1, "{}", T::NAME);
        let mut ours: RawVec<T> = RawVec::new();
        ours.grow_one();
        let mut pushed = Vec::new();
        pushed.push(T::from_seed(0, Side::Std));
        (ours.capacity(), pushed.capacity())
    }
    let cases = [
        first_growth::<u8>(),
        first_growth::<u16>(),
        first_growth::<[u8; 3]>(),
        first_growth::<[u8; 1023]>(),
        first_growth::<[u8; 1024]>(),
        first_growth::<[u8; 1025]>(),
        first_growth::<[u8; 4096]>(),
    ];
    assert_eq!(cases.map(|(ours, _)| ours), [8, 4, 4, 4, 4, 1, 1]);
    assert_eq!(cases.map(|(_, theirs)| theirs), [8, 4, 4, 4, 4, 1, 1]);
}
