//! The fuzz entry points: each turns a fuzzer's bytes into a run and panics with the report
//! when something broke, which libFuzzer turns into a crash with the input saved. Each
//! returns what it ran, so a replay can prove it did work.
//!
//! A fuzz target is one line around one of these (see `fuzz/fuzz_targets/`); for your own
//! vector type, [`fuzz_vec`] with your [`VecFamily`].

use arbitrary::{Arbitrary, Unstructured};

use super::box_ops::BoxOp;
use super::decode::Input;
use super::fallible::FailPlan;
use super::fallible::FallibleOp;
use super::raw_vec_ops::RawVecOp;
use super::report::Mismatch;
use super::runner::RunSummary;
use super::subject::{MyVecs, VecFamily};
use super::vec_ops::VecOp;
use crate::alloc::Global;

/// Decodes `data` (first byte: the element type; the rest: [`VecOp`]s) and runs it on the
/// vector type `F` names, against std, on the global allocator. The building block of
/// [`fuzz_vec`] and of property tests: with proptest, `vec_case::<F>(&bytes)?` inside a
/// `proptest!` test (a [`Mismatch`] is an `Error`, so `?` turns it into a test failure, and
/// proptest shrinks the bytes; the report then shows the minimized operation sequence).
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{MyVecs, vec_case};
/// let summary = vec_case::<MyVecs>(&[4, 0, 7, 0, 9, 3]).unwrap();
/// assert!(summary.steps > 0);
/// ```
pub fn vec_case<F: VecFamily>(data: &[u8]) -> Result<RunSummary, Mismatch> {
    let input = Input::<VecOp>::from_bytes(data);
    input.element.run_vec::<F, _>(&input.ops, Global)
}

/// The body of a cargo-fuzz target for the vector type `F` names:
/// `fuzz_target!(|data: &[u8]| { boxvec::check::fuzz_vec::<MyVecs>(data); });`.
///
/// # Panics
/// Panics with the [`Mismatch`] report (printed first) if the type and std differ. A refusal
/// by the allocator during an infallible operation is not a bug and does not panic.
///
/// # Examples
/// ```
/// use boxvec::check::{MyVecs, fuzz_vec};
/// let summary = fuzz_vec::<MyVecs>(b"some fuzzer bytes");
/// assert!(summary.steps + summary.skipped > 0);
/// ```
pub fn fuzz_vec<F: VecFamily>(data: &[u8]) -> RunSummary {
    fail_loudly(vec_case::<F>(data))
}

/// Reports a mismatch the way a fuzzer needs: printed, then a panic (libFuzzer turns it into
/// a crash and saves the input). A refusal is not a bug: the run just ends there.
pub(crate) fn fail_loudly(result: Result<RunSummary, Mismatch>) -> RunSummary {
    match result {
        Ok(summary) => summary,
        Err(mismatch) if !mismatch.culprit.is_bug() => RunSummary::default(),
        Err(mismatch) => {
            std::eprintln!("{mismatch}");
            panic!("{mismatch}");
        }
    }
}

/// The `vec_ops` fuzz target: [`fuzz_vec`] for boxvec's `MyVec`.
///
/// # Panics
/// Panics with the [`Mismatch`] report if `MyVec` and std differ.
///
/// # Examples
/// ```
/// let summary = boxvec::check::fuzz_vec_ops(b"some fuzzer bytes");
/// assert!(summary.steps > 0);
/// ```
pub fn fuzz_vec_ops(data: &[u8]) -> RunSummary {
    fuzz_vec::<MyVecs>(data)
}

/// The `box_ops` fuzz target: decodes `data` into an element type and [`BoxOp`]s.
///
/// # Panics
/// Panics with the [`Mismatch`] report if `MyBox` and std's `Box` differ.
///
/// # Examples
/// ```
/// let summary = boxvec::check::fuzz_box_ops(b"some fuzzer bytes");
/// assert!(summary.steps > 0);
/// ```
pub fn fuzz_box_ops(data: &[u8]) -> RunSummary {
    let input = Input::<BoxOp>::from_bytes(data);
    fail_loudly(input.element.run_box_ops(&input.ops, Global))
}

/// The `raw_vec_ops` fuzz target: decodes `data` into an element type and [`RawVecOp`]s.
///
/// # Panics
/// Panics with the [`Mismatch`] report if `RawVec`'s capacities and std's differ.
///
/// # Examples
/// ```
/// let summary = boxvec::check::fuzz_raw_vec_ops(b"some fuzzer bytes");
/// assert!(summary.steps > 0);
/// ```
pub fn fuzz_raw_vec_ops(data: &[u8]) -> RunSummary {
    let input = Input::<RawVecOp>::from_bytes(data);
    fail_loudly(input.element.run_raw_vec_ops(&input.ops, Global))
}

/// The `alloc_failures` fuzz target: decodes `data` into a failure plan (the first three
/// bytes) and [`FallibleOp`]s (see [`run_alloc_failures`](super::run_alloc_failures)).
///
/// # Panics
/// Panics with the [`Mismatch`] report if a fallible operation misbehaves under failure.
///
/// # Examples
/// ```
/// let summary = boxvec::check::fuzz_alloc_failures(b"some fuzzer bytes");
/// assert!(summary.steps > 0);
/// ```
pub fn fuzz_alloc_failures(data: &[u8]) -> RunSummary {
    let (plan, rest) = data.split_at(data.len().min(3));
    let plan = FailPlan::arbitrary(&mut Unstructured::new(plan)).unwrap_or(FailPlan::Nth(0));
    let input = Input::<FallibleOp>::from_bytes(rest);
    fail_loudly(
        input
            .element
            .run_alloc_failures(&input.ops, plan.mode(), Global),
    )
}

#[cfg(test)]
mod tests {
    use std::vec;

    use super::fail_loudly;
    use crate::alloc::Global;
    use crate::check::report::Culprit;
    use crate::check::runner::RunSummary;
    use crate::check::subject::MyVecs;
    use crate::check::vec_ops::{VecOp, run_vec_within};

    /// A refusal during an infallible operation is where a real program would abort: a fuzz
    /// run ends there without a crash. Anything else the run returned is passed through.
    #[test]
    fn a_refusal_ends_a_fuzz_run_quietly() {
        let pushes = vec![VecOp::Push(1); 100];
        let refused = run_vec_within::<MyVecs, u8, _>(&pushes, Global, Some(16));
        let stop = refused
            .clone()
            .expect_err("a 16-byte budget cannot hold 100 bytes");
        assert_eq!(stop.culprit, Culprit::Refusal);
        assert_eq!(fail_loudly(refused), RunSummary::default());

        let ran = run_vec_within::<MyVecs, u8, _>(&pushes[..3], Global, None);
        let summary = ran.clone().unwrap();
        assert_eq!(summary.steps, 3);
        assert_eq!(fail_loudly(ran), summary);
    }
}
