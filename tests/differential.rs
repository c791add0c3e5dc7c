//! The model-based property tests: random sequences of every mutating operation of `MyVec`,
//! `MyBox` and `RawVec`, applied side by side with std's `Vec` and `Box`, compared after every
//! step (contents, length, capacity, results, panic messages, live values, leaks).
//!
//! The operations and the comparison are the public harness in `boxvec::check`; proptest
//! supplies the random bytes (and shrinks a failing input to a small one), `arbitrary` turns
//! them into operations, exactly as the fuzz targets do.

use arbitrary::Arbitrary;
use boxvec::alloc::FailMode;
use boxvec::alloc::Global;
use boxvec::check::{
    BoxOp, ElementKind, FallibleOp, Mismatch, MyVecs, RawVecOp, RunSummary, VecOp,
};
use proptest::prelude::*;

mod common;

fn decode<Op: for<'a> Arbitrary<'a>>(bytes: &[u8]) -> Vec<Op> {
    boxvec::check::ops_from_bytes(bytes)
}

/// No mismatch, and every operation ran and was compared: a runner that stopped early (or did
/// nothing) would pass the mismatch check alone.
fn ran_every_op(run: Result<RunSummary, Mismatch>, ops: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(run?.steps, ops);
    Ok(())
}

fn kind_strategy() -> impl Strategy<Value = ElementKind> {
    prop::sample::select(ElementKind::ALL.to_vec())
}

fn bytes_strategy() -> impl Strategy<Value = Vec<u8>> {
    let max = if cfg!(miri) { 160 } else { 1200 };
    prop::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(common::proptest_config(1000))]

    #[test]
    fn vec_ops_match_std(kind in kind_strategy(), bytes in bytes_strategy()) {
        let ops: Vec<VecOp> = decode(&bytes);
        ran_every_op(kind.run_vec::<MyVecs, _>(&ops, Global), ops.len())?;
    }

    /// The one-line proptest entry point a user writes for their own type (`?` turns a
    /// `Mismatch` into a test failure, with the report as its message).
    #[test]
    fn vec_case_is_a_one_line_property_test(bytes in bytes_strategy()) {
        let summary = boxvec::check::vec_case::<MyVecs>(&bytes)?;
        prop_assert!(summary.steps > 0 || bytes.len() < 2, "{summary:?} from {bytes:?}");
    }

    #[test]
    fn box_ops_match_std(kind in kind_strategy(), bytes in bytes_strategy()) {
        let ops: Vec<BoxOp> = decode(&bytes);
        ran_every_op(kind.run_box_ops(&ops, Global), ops.len())?;
    }

    #[test]
    fn raw_vec_ops_match_std(kind in kind_strategy(), bytes in bytes_strategy()) {
        let ops: Vec<RawVecOp> = decode(&bytes);
        ran_every_op(kind.run_raw_vec_ops(&ops, Global), ops.len())?;
    }

    #[test]
    fn fallible_ops_survive_injected_failures(
        nth in 0u64..24,
        from in any::<bool>(),
        bytes in bytes_strategy(),
    ) {
        let ops: Vec<FallibleOp> = decode(&bytes);
        let mode = if from { FailMode::From(nth) } else { FailMode::Nth(nth) };
        for kind in ElementKind::ALL {
            ran_every_op(kind.run_alloc_failures(&ops, mode, Global), ops.len())?;
        }
    }
}

/// Every variant of `VecOp` is generated from random bytes: the model test covers every
/// mutating method, not just the ones the derive happens to favour.
#[test]
fn random_bytes_reach_every_vec_op() {
    let mut seen = std::collections::BTreeSet::new();
    let mut state = 0x1234_5678_9abc_def0_u64;
    for _ in 0..if cfg!(miri) { 60 } else { 400 } {
        let bytes: Vec<u8> = (0..256)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 56) as u8
            })
            .collect();
        for op in decode::<VecOp>(&bytes) {
            let name = format!("{op:?}");
            let variant = name.split(['(', ' ', '{']).next().unwrap().to_string();
            seen.insert(variant);
        }
    }
    // `VecOp` has 42 variants (update this when adding one).
    assert_eq!(seen.len(), 42, "variants seen: {seen:?}");
}
