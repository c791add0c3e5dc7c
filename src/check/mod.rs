//! The differential harness: the same operations on a subject and on std, compared after
//! every step. Behind the `check` feature.
//!
//! This module is boxvec's own (std has no counterpart). It serves three users:
//!
//! - **testers of their own vector type**: implement [`VecUnderTest`] for the operations the
//!   type has, name it with a [`VecFamily`], and run [`run_vec`] (one sequence),
//!   [`vec_case`] (inside a proptest test) or [`fuzz_vec`] (the body of a cargo-fuzz target).
//!   boxvec's own `MyVec` goes through exactly this path ([`MyVecs`]); std's `Vec` is the
//!   oracle (and a subject too, [`StdVecs`], as a check of the harness itself);
//! - **testers of their own allocator**: [`check_allocator`] runs a battery of sequences
//!   through `MyVec`, `MyBox` and `RawVec` on any `A: Allocator + Clone` and reports what broke;
//! - **boxvec's own tests and fuzz targets**: [`run_box_ops`], [`run_raw_vec_ops`],
//!   [`run_alloc_failures`] and the `fuzz_*` entry points.
//!
//! # How a run works
//!
//! Operations ([`VecOp`], [`BoxOp`], [`RawVecOp`], [`FallibleOp`]) derive
//! [`arbitrary::Arbitrary`], so a fuzzer or a property test turns random bytes into a sequence
//! ([`ops_from_bytes`], [`Input`]). Indices, ranges and amounts are encoded (see [`Index`],
//! [`RangeSpec`], [`Amount`]) so that most inputs are valid and a few hit the panic paths on
//! purpose. Each operation is applied to the subject and to std, each inside `catch_unwind`;
//! then, as the subject's [`Compare`] asks:
//!
//! - both sides must return the same result, or panic (with the same message);
//! - afterwards contents, `len` and `capacity` must agree;
//! - the number of live [`Tracked`] values must agree (every element dropped exactly once,
//!   or leaked exactly as std leaks it);
//! - the subject runs on a [`TestAlloc`] — `Checked<Failing<A>>` over the caller's
//!   allocator: any misuse of the `Allocator` contract, by either side, is caught, and at the
//!   end every block must have been freed. A refusal by the allocator during an infallible
//!   operation stops the run with a report instead of aborting the process.
//!
//! A vector type's first run on a thread starts with a probe: each kind of operation is
//! tried once on an empty vector, on a clone of the run's allocator, to learn which the type
//! has (an operation that answers [`Unsupported`] is skipped, and counted, for the whole run).
//! An allocator that counts its requests sees the probe's in that first run, and no later run
//! of the type on the thread repeats them.
//!
//! The first difference stops the run and comes back as a [`Mismatch`]: who broke what
//! ([`Culprit`]), at which step, what each side did, the operation sequence minimized, and a
//! `#[test]` that replays it.
//!
//! Panics the harness provokes on purpose are not printed: while a step runs, a panic hook
//! (installed once, forwarding every other panic to the hook that was there before) stays
//! quiet. That is also what lets the harness run under libFuzzer, whose hook aborts on every
//! panic, even a caught one. [`catch_quietly`] lends the same quiet catch to tests that compare
//! panics by hand.
//!
//! # Files
//!
//! | file | what it holds |
//! |---|---|
//! | `subject.rs` | [`VecUnderTest`], [`VecFamily`], [`Compare`], [`MyVecs`], [`StdVecs`] |
//! | `vec_impls.rs` | `VecUnderTest` for `MyVec` and for std's `Vec` |
//! | `vec_ops.rs` | [`VecOp`] and [`run_vec`], one small method per operation |
//! | `box_ops.rs`, `raw_vec_ops.rs`, `fallible.rs` | the other operation families |
//! | `runner.rs` | the kit every family shares: one side of a step, the quiet panic hook, the comparisons, the run skeleton, the leak check, one refused request |
//! | `test_alloc.rs` | [`TestAlloc`]: the allocator runs use, and the refusal rule |
//! | `report.rs` | [`Mismatch`], [`Culprit`], minimization, the replay test |
//! | `element.rs` | the element types: [`Element`], [`Tracked`], [`OverAligned`] |
//! | `input.rs` | the encodings of operation arguments: [`Index`], [`RangeSpec`], [`Amount`], [`Pred`], [`HintLie`], [`Lying`], [`IterEnd`] |
//! | `decode.rs` | bytes to runs: [`ElementKind`], [`Input`], [`ops_from_bytes`] |
//! | `fuzz.rs` | the fuzz entry points |
//! | `allocator.rs` | [`check_allocator`] |

mod allocator;
mod box_ops;
mod decode;
mod element;
mod fallible;
mod fuzz;
mod input;
mod raw_vec_ops;
mod report;
mod runner;
mod string_ops;
mod subject;
mod test_alloc;
mod vec_impls;
mod vec_ops;

pub use allocator::{AllocatorReport, Battery, StepsByKind, check_allocator};
pub use box_ops::{BoxOp, run_box_ops};
pub use decode::{ElementKind, Input, ops_from_bytes};
pub use element::{Element, OverAligned, Side, TRACKED_PANIC, Tracked, Trigger};
pub use fallible::{FailPlan, FallibleOp, run_alloc_failures};
pub use fuzz::{
    fuzz_alloc_failures, fuzz_box_ops, fuzz_raw_vec_ops, fuzz_vec, fuzz_vec_ops, vec_case,
};
pub use input::{
    Amount, HintLie, ITERATOR_PANIC, Index, IterEnd, Lying, PREDICATE_PANIC, Pred, PredState,
    RangeSpec,
};
pub use raw_vec_ops::{RawVecOp, run_raw_vec_ops};
pub use report::{Culprit, Mismatch, MismatchDetails, short_type_name};
pub use runner::{RunSummary, catch_quietly, panic_message};
pub use string_ops::{StringOp, fuzz_string_ops, run_string_ops};
pub use subject::{
    Bounds, CapacityCheck, Collected, Compare, DropCheck, IterPlan, MyVecs, PanicCheck,
    ReserveError, StdVecs, Supported, Taken, Unsupported, VecFamily, VecUnderTest,
};
pub use test_alloc::{Refusal, Refuser, TestAlloc};
pub use vec_ops::{VecOp, run_vec};
