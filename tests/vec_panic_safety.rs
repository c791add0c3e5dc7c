//! Panic safety, walked systematically: for every operation that runs user code (an element's
//! `Drop` or `Clone`, a predicate, an iterator), make that code panic at every point k in turn,
//! and require boxvec to behave exactly as std does afterwards: the same panic, the same
//! contents, length and capacity, the same number of live elements (every element dropped
//! exactly once, or leaked exactly as std leaks it), and every block freed (`Checked`).
//!
//! Each run is a `boxvec::check` sequence on [`Tracked`] elements, which count themselves per
//! side and panic on demand.

use boxvec::alloc::Global;
use boxvec::check::{
    HintLie, Index, IterEnd, MyVecs, Pred, RangeSpec, Tracked, Trigger, VecOp, run_vec,
};

/// How far into an operation the panic is moved: past the 10 elements the vector holds, so
/// the last runs do not panic at all (the ordinary path).
const POINTS: u8 = if cfg!(miri) { 6 } else { 14 };

fn seeds(n: u8) -> Vec<u8> {
    (0..n).collect()
}

const ALL: RangeSpec = RangeSpec {
    form: 3,
    a: 0,
    b: 0,
};
const MIDDLE: RangeSpec = RangeSpec {
    form: 0,
    a: 2,
    b: 8,
};
/// Keeps the elements at 0, 3, 6, 9 (key + call is a multiple of 3), drops the others.
const KEEP_SOME: Pred = Pred {
    modulus: 3,
    remainder: 0,
    panic_at: 255,
};
/// For `dedup_by` over 0..10: (a + b + call) is even for every other pair, so every other
/// element is a "duplicate" and dropped.
const EVERY_OTHER_PAIR: Pred = Pred {
    modulus: 2,
    remainder: 0,
    panic_at: 255,
};
/// True for the last of the 10 elements (key 9, first call).
const LAST_IS_ODD: Pred = Pred {
    modulus: 2,
    remainder: 1,
    panic_at: 255,
};
const HONEST: HintLie = HintLie {
    lower_delta: 0,
    upper: 1,
    panic_after: 255,
};

/// Operations where an element's `Drop` or `Clone` runs.
fn ops_running_drop_or_clone() -> Vec<(&'static str, VecOp)> {
    vec![
        ("truncate", VecOp::Truncate(3)),
        ("clear", VecOp::Clear),
        ("resize (shrinking drops)", VecOp::Resize(2, 9)),
        ("resize (growing clones)", VecOp::Resize(20, 9)),
        ("extend_from_slice", VecOp::ExtendFromSlice(seeds(8))),
        ("extend_from_within", VecOp::ExtendFromWithin(MIDDLE)),
        ("clone", VecOp::Clone),
        ("clone_from", VecOp::CloneFrom(seeds(4))),
        ("clone_from (longer)", VecOp::CloneFrom(seeds(14))),
        ("retain", VecOp::Retain(KEEP_SOME)),
        ("retain_mut", VecOp::RetainMut(KEEP_SOME)),
        ("dedup_by_key (all equal)", VecOp::DedupByKey(1)),
        ("dedup_by", VecOp::DedupBy(EVERY_OTHER_PAIR)),
        ("split_off", VecOp::SplitOff(Index(4))),
        ("remove", VecOp::Remove(Index(3))),
        ("pop_if", VecOp::PopIf(LAST_IS_ODD)),
        (
            "drain, partly consumed, dropped",
            VecOp::Drain {
                range: MIDDLE,
                front: 1,
                back: 1,
                end: IterEnd::Drop,
            },
        ),
        (
            "drain, leaked",
            VecOp::Drain {
                range: MIDDLE,
                front: 1,
                back: 0,
                end: IterEnd::Forget,
            },
        ),
        (
            "drain, keep_rest",
            VecOp::Drain {
                range: ALL,
                front: 2,
                back: 1,
                end: IterEnd::KeepRest,
            },
        ),
        (
            "splice",
            VecOp::Splice {
                range: MIDDLE,
                with: seeds(9),
                lie: HONEST,
                front: 2,
            },
        ),
        (
            "extract_if",
            VecOp::ExtractIf {
                range: ALL,
                pred: KEEP_SOME,
                take: 3,
                end: IterEnd::Drop,
            },
        ),
        (
            "extract_if, leaked",
            VecOp::ExtractIf {
                range: ALL,
                pred: KEEP_SOME,
                take: 2,
                end: IterEnd::Forget,
            },
        ),
        (
            "into_iter, partly consumed, dropped",
            VecOp::IntoIter {
                front: 2,
                back: 1,
                end: IterEnd::Drop,
            },
        ),
    ]
}

fn walk(name: &str, trigger: Trigger, op: &VecOp) -> usize {
    let mut panicked_runs = 0;
    for k in 0..POINTS {
        let ops = [
            VecOp::Extend(seeds(10)),
            VecOp::ArmPanic(trigger, k),
            op.clone(),
        ];
        match run_vec::<MyVecs, Tracked, _>(&ops, Global) {
            Ok(summary) => panicked_runs += summary.panics,
            Err(mismatch) => panic!("{name}, {trigger:?} panic at call {k}:\n{mismatch}"),
        }
    }
    panicked_runs
}

#[test]
fn a_panicking_drop_at_every_point_of_every_operation() {
    for (name, op) in ops_running_drop_or_clone() {
        let panics = walk(name, Trigger::Drop, &op);
        // Not vacuous: these operations drop elements, so some point must have panicked.
        if !ONLY_CLONING.contains(&name) {
            assert!(
                panics > 0,
                "{name}: no drop panicked; the walk does not reach its drops"
            );
        }
    }
}

/// The operations of [`ops_running_drop_or_clone`] that clone elements.
const CLONING: [&str; 6] = [
    "resize (growing clones)",
    "extend_from_slice",
    "extend_from_within",
    "clone",
    "clone_from",
    "clone_from (longer)",
];

/// The operations of [`ops_running_drop_or_clone`] that clone but drop nothing.
const ONLY_CLONING: [&str; 2] = ["resize (growing clones)", "extend_from_within"];

#[test]
fn a_panicking_clone_at_every_point_of_every_operation() {
    for (name, op) in ops_running_drop_or_clone() {
        let panics = walk(name, Trigger::Clone, &op);
        if CLONING.contains(&name) {
            assert!(
                panics > 0,
                "{name}: no clone panicked; the walk does not reach its clones"
            );
        }
    }
}

#[test]
fn a_panicking_predicate_at_every_call() {
    let mut panics = 0;
    for k in 0..POINTS.min(12) {
        let pred = Pred {
            modulus: 3,
            remainder: 1,
            panic_at: k,
        };
        let ops = [
            ("retain", VecOp::Retain(pred)),
            ("retain_mut", VecOp::RetainMut(pred)),
            ("dedup_by", VecOp::DedupBy(pred)),
            ("pop_if", VecOp::PopIf(pred)),
            (
                "extract_if",
                VecOp::ExtractIf {
                    range: ALL,
                    pred,
                    take: 20,
                    end: IterEnd::Drop,
                },
            ),
            (
                "extract_if in a range, partly taken",
                VecOp::ExtractIf {
                    range: MIDDLE,
                    pred,
                    take: 1,
                    end: IterEnd::Drop,
                },
            ),
        ];
        for (name, op) in ops {
            match run_vec::<MyVecs, Tracked, _>(&[VecOp::Extend(seeds(10)), op], Global) {
                Ok(summary) => panics += summary.panics,
                Err(mismatch) => panic!("{name}, predicate panic at call {k}:\n{mismatch}"),
            }
        }
    }
    assert!(panics > 20, "only {panics} runs panicked");
}

#[test]
fn a_panicking_iterator_at_every_item_with_every_kind_of_hint() {
    let mut panics = 0;
    let hints = [(0, 1), (0, 0), (-3, 0), (4, 0), (0, 6), (0, 7), (-100, 2)];
    for k in 0..POINTS.min(10) {
        for (lower_delta, upper) in hints {
            let lie = HintLie {
                lower_delta,
                upper,
                panic_after: k,
            };
            let ops = [
                ("extend", VecOp::ExtendLying(seeds(8), lie)),
                (
                    "splice in the middle",
                    VecOp::Splice {
                        range: MIDDLE,
                        with: seeds(8),
                        lie,
                        front: 1,
                    },
                ),
                (
                    "splice at the end",
                    VecOp::Splice {
                        range: RangeSpec {
                            form: 1,
                            a: 7,
                            b: 0,
                        },
                        with: seeds(8),
                        lie,
                        front: 0,
                    },
                ),
                ("collect", VecOp::Collect(seeds(8), lie)),
            ];
            for (name, op) in ops {
                match run_vec::<MyVecs, Tracked, _>(&[VecOp::Extend(seeds(10)), op], Global) {
                    Ok(summary) => panics += summary.panics,
                    Err(mismatch) => panic!("{name}, hint {lie:?}:\n{mismatch}"),
                }
            }
        }
    }
    assert!(panics > 50, "only {panics} runs panicked");
}
