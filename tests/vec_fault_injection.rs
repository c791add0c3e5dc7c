//! Fault injection, walked systematically: for each fallible operation, refuse the 0th, 1st,
//! 2nd, … allocator request in turn (until a run makes no request that gets refused), and
//! require: the error is `AllocError`; the vector is exactly as before (same buffer, capacity,
//! length, contents); nothing leaks; `Checked` saw every deallocation with its exact layout;
//! and every refused request came back as exactly one error.
//!
//! Infallible operations (`push`, `reserve`, `MyBox::new`…) cannot be walked the same way:
//! like std's, they answer a refusal by calling `handle_alloc_error`, which aborts the
//! process. `tests/raw_vec.rs` checks that abort in a child process.

use boxvec::alloc::{FailMode, Global};
use boxvec::check::{Amount, ElementKind, FallibleOp};

fn walk(name: &str, ops: &[FallibleOp]) -> u64 {
    let mut refused = 0;
    for kind in ElementKind::ALL {
        for n in 0.. {
            let summary = kind
                .run_alloc_failures(ops, FailMode::Nth(n), Global)
                .unwrap_or_else(|m| panic!("{name} ({kind:?}), request {n} refused:\n{m}"));
            refused += summary.injected_failures;
            if summary.injected_failures == 0 {
                break; // request `n` was never made: every point has been tried
            }
        }
        // And with every request refused from the start.
        kind.run_alloc_failures(ops, FailMode::From(0), Global)
            .unwrap_or_else(|m| panic!("{name} ({kind:?}), all requests refused:\n{m}"));
    }
    refused
}

#[test]
fn every_allocation_point_of_every_fallible_vec_operation() {
    let grow_in_steps: Vec<FallibleOp> = (0..6)
        .map(|i| FallibleOp::VecTryReserve(Amount::Small(4 << i)))
        .collect();
    let cases: [(&str, Vec<FallibleOp>); 6] = [
        ("try_reserve, growing in steps", grow_in_steps),
        (
            "try_reserve_exact",
            vec![
                FallibleOp::VecTryReserveExact(Amount::Small(3)),
                FallibleOp::VecTryReserveExact(Amount::Medium(1000)),
            ],
        ),
        (
            "try_with_capacity_in",
            vec![
                FallibleOp::VecTryWithCapacity(Amount::Small(10)),
                FallibleOp::VecTryWithCapacity(Amount::Medium(300)),
            ],
        ),
        (
            "try_reserve then extend",
            vec![
                FallibleOp::VecTryExtend(vec![1, 2, 3]),
                FallibleOp::VecTryExtend((0..40).collect()),
                FallibleOp::VecPop,
                FallibleOp::VecTryExtend((0..100).collect()),
            ],
        ),
        (
            "push_within_capacity between reservations",
            vec![
                FallibleOp::VecTryReserve(Amount::Small(2)),
                FallibleOp::VecPushWithinCapacity(1),
                FallibleOp::VecPushWithinCapacity(2),
                FallibleOp::VecPushWithinCapacity(3),
                FallibleOp::VecTryReserve(Amount::Small(9)),
            ],
        ),
        (
            "RawVec::try_with_capacity_in",
            vec![
                FallibleOp::RawVecTryWithCapacity(Amount::Small(7)),
                FallibleOp::RawVecTryWithCapacity(Amount::Medium(2000)),
            ],
        ),
    ];
    let mut refused = 0;
    for (name, ops) in &cases {
        refused += walk(name, ops);
    }
    assert!(
        refused > 30,
        "only {refused} requests were refused: the walk is vacuous"
    );
}

#[test]
fn every_allocation_point_of_every_fallible_box_constructor() {
    let ops = [
        FallibleOp::BoxTryNew(1),
        FallibleOp::BoxTryNewUninitSlice(5),
        FallibleOp::BoxTryNewUninitSlice(0),
        FallibleOp::BoxTryNewZeroed,
        FallibleOp::BoxTryNew(2),
    ];
    let refused = walk("MyBox try constructors", &ops);
    assert!(refused > 10, "only {refused} requests were refused");
}
