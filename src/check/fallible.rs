//! [`FallibleOp`]: the fallible operations, run under injected allocation failures.
//!
//! Every `try_*` operation must report a refused request as an error, never abort, and leave
//! its value exactly as it was. [`run_alloc_failures`] drives them on boxvec only — std's
//! allocator cannot be made to fail — with std following every operation that succeeded.

use core::mem::{self, MaybeUninit};
use std::string::ToString;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::element::{Element, OverAligned, Side};
use super::input::Amount;
use super::report::{Mismatch, short_type_name};
use super::runner::{RunSummary, Step, run_checked, run_minimized, values};
use super::test_alloc::TestAlloc;
use crate::alloc::{Allocator, FailMode};
use crate::error::TryReserveErrorKind;
use crate::{MyBox, MyVec, RawVec};

/// Which requests fail during a [`run_alloc_failures`] run (decoded from fuzz bytes).
///
/// # Examples
/// ```
/// use boxvec::alloc::FailMode;
/// use boxvec::check::FailPlan;
/// assert_eq!(FailPlan::Nth(40).mode(), FailMode::Nth(8)); // taken modulo 32
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum FailPlan {
    /// Refuse request `n % 32`.
    Nth(u8),
    /// Refuse every request from `n % 32` on.
    From(u8),
    /// Refuse every request larger than `n` bytes.
    LargerThan(u16),
    /// Refuse every request that would raise live bytes above `4 × n`.
    LiveBytesOver(u16),
}

impl FailPlan {
    /// The [`FailMode`] this plan stands for.
    pub fn mode(self) -> FailMode {
        match self {
            FailPlan::Nth(n) => FailMode::Nth(u64::from(n % 32)),
            FailPlan::From(n) => FailMode::From(u64::from(n % 32)),
            FailPlan::LargerThan(n) => FailMode::LargerThan(usize::from(n)),
            FailPlan::LiveBytesOver(n) => FailMode::LiveBytesOver(usize::from(n) * 4),
        }
    }
}

/// A fallible operation: it must report allocation failure as an error, never abort, and
/// leave its value unchanged when it fails.
///
/// # Examples
/// ```
/// use boxvec::check::{FallibleOp, Amount, run_alloc_failures};
/// use boxvec::alloc::{FailMode, Global};
/// let ops = [FallibleOp::VecTryReserve(Amount::Small(4)), FallibleOp::BoxTryNew(1)];
/// let summary = run_alloc_failures::<u32, _>(&ops, FailMode::Nth(0), Global).unwrap();
/// assert_eq!(summary.injected_failures, 1);
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum FallibleOp {
    /// `MyVec::try_with_capacity_in`; replaces the vector on success.
    VecTryWithCapacity(Amount),
    /// `MyVec::try_reserve`.
    VecTryReserve(Amount),
    /// `MyVec::try_reserve_exact`.
    VecTryReserveExact(Amount),
    /// `MyVec::push_within_capacity` (never allocates).
    VecPushWithinCapacity(u8),
    /// `try_reserve` for the seeds, then `extend` with them (allocates nothing more).
    VecTryExtend(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `MyVec::pop`.
    VecPop,
    /// `MyBox::try_new_in`.
    BoxTryNew(u8),
    /// `MyBox::try_new_uninit_slice_in`.
    BoxTryNewUninitSlice(u8),
    /// `MyBox::try_new_zeroed_in`.
    BoxTryNewZeroed,
    /// `RawVec::try_with_capacity_in`.
    RawVecTryWithCapacity(Amount),
}

/// Runs fallible operations with requests failing as `mode` says, on boxvec only, with std
/// (where nothing fails) following every operation that succeeded.
///
/// Checks: every failure is an error (the process never aborts); an `AllocError` leaves the
/// vector exactly as it was; each refused request gives exactly one error; contents and
/// capacity follow std; nothing leaks. A failing sequence is minimized before it is reported.
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{FallibleOp, Amount, run_alloc_failures};
/// use boxvec::alloc::{FailMode, Global};
/// let ops = vec![FallibleOp::VecTryWithCapacity(Amount::Small(8)); 3];
/// let summary = run_alloc_failures::<String, _>(&ops, FailMode::From(1), Global).unwrap();
/// assert_eq!((summary.steps, summary.injected_failures), (3, 2));
/// ```
pub fn run_alloc_failures<T: Element, A: Allocator + Clone>(
    ops: &[FallibleOp],
    mode: FailMode,
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    let once = |ops: &[FallibleOp]| run_once::<T, A>(ops, mode, alloc.clone());
    run_minimized(ops, once, |report, minimal| {
        let subject = std::format!("MyVec/MyBox/RawVec under FailMode::{mode:?}");
        let names = (subject, short_type_name::<T>());
        report.set_context(names, "FallibleOp", minimal, ops.len());
        report.oracle = std::format!("Vec<{}> (following every success)", short_type_name::<T>());
    })
}

fn run_once<T: Element, A: Allocator + Clone>(
    ops: &[FallibleOp],
    mode: FailMode,
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    let mut alloc_errors = 0u64;
    let summary = run_checked(ops.len(), alloc, (mode, None), true, |alloc, summary| {
        let mut sides = Sides::<T, A> {
            ours: MyVec::new_in(alloc.clone()),
            theirs: Vec::new(),
            alloc,
        };
        for (index, op) in ops.iter().enumerate() {
            let step = Step { index, op };
            alloc_errors += step.outside_step(|| alloc.fallible(|| sides.apply(&step)))??;
            summary.steps += 1;
            step.same_contents(sides.ours.as_slice(), sides.theirs.as_slice())?;
            step.same("capacity", sides.ours.capacity(), sides.theirs.capacity())?;
            step.same_live_counts()?;
        }
        Ok(())
    })?;
    let end = Step {
        index: ops.len(),
        op: &super::runner::EndOfRun,
    };
    end.same(
        "allocation errors vs refused requests",
        alloc_errors,
        summary.injected_failures,
    )?;
    Ok(summary)
}

/// boxvec's vector under failure injection, and std's following it.
struct Sides<'a, T, A: Allocator> {
    ours: MyVec<T, TestAlloc<A>>,
    theirs: Vec<T>,
    alloc: &'a TestAlloc<A>,
}

/// The result of one fallible operation: how many *injected* refusals it reported as an
/// `AllocError` (0 or 1).
type Refused = Result<u64, Mismatch>;

impl<T: Element, A: Allocator + Clone> Sides<'_, T, A> {
    /// Applies one fallible operation. A refusal by the real allocator (an enormous request)
    /// is not injected: std's allocator refuses it too, so it is compared with std like any
    /// result.
    fn apply(&mut self, step: &Step<'_, FallibleOp>) -> Refused {
        let before = self.counters();
        let refused = || self.refused_since(before);
        match step.op {
            FallibleOp::VecTryWithCapacity(amount) => self.try_with_capacity(step, *amount),
            FallibleOp::VecTryReserve(amount) | FallibleOp::VecTryReserveExact(amount) => {
                self.try_reserve(step, amount.resolve())
            }
            FallibleOp::VecPushWithinCapacity(seed) => self.push_within_capacity(step, *seed),
            FallibleOp::VecTryExtend(seeds) => self.try_extend(step, seeds),
            FallibleOp::VecPop => {
                step.same("pop", self.ours.pop(), self.theirs.pop())?;
                Ok(0)
            }
            FallibleOp::BoxTryNew(seed) => {
                let result = MyBox::try_new_in(T::from_seed(*seed, Side::Ours), self.alloc.clone());
                box_result(
                    step,
                    result.map(|b| b.key()),
                    refused(),
                    mem::size_of::<T>(),
                )
            }
            FallibleOp::BoxTryNewUninitSlice(len) => {
                let len = usize::from(*len);
                let result =
                    MyBox::<[MaybeUninit<T>], _>::try_new_uninit_slice_in(len, self.alloc.clone());
                let bytes = mem::size_of::<T>() * len;
                box_result(step, result.map(|b| b.len()), refused(), bytes)
            }
            FallibleOp::BoxTryNewZeroed => {
                let result =
                    MyBox::<MaybeUninit<OverAligned>, _>::try_new_zeroed_in(self.alloc.clone());
                box_result(
                    step,
                    result.map(|_| ()),
                    refused(),
                    mem::size_of::<OverAligned>(),
                )
            }
            FallibleOp::RawVecTryWithCapacity(amount) => {
                self.raw_vec_try_with_capacity(step, amount.resolve())
            }
        }
    }

    /// The (injected failures, all refusals) counters, to tell afterwards what refused.
    fn counters(&self) -> (u64, u64) {
        (self.alloc.failing().failures(), self.alloc.refusals())
    }

    /// Who refused a request since `before`, if anyone.
    fn refused_since(&self, before: (u64, u64)) -> Option<RefusedBy> {
        let (failures, refusals) = self.counters();
        if failures > before.0 {
            Some(RefusedBy::Injection)
        } else if refusals > before.1 {
            Some(RefusedBy::Allocator)
        } else {
            None
        }
    }

    fn try_with_capacity(&mut self, step: &Step<'_, FallibleOp>, amount: Amount) -> Refused {
        let n = amount.resolve();
        let before = self.counters();
        match MyVec::try_with_capacity_in(n, self.alloc.clone()) {
            Ok(v) => {
                self.ours = v;
                self.theirs = Vec::with_capacity(n);
                Ok(0)
            }
            Err(err) => self.refusal_or_std_error(step, before, n, &err),
        }
    }

    /// `try_reserve` (or `try_reserve_exact`): an injected refusal must be an `AllocError`
    /// that left the vector unchanged (std is not asked: nothing failed there); any other
    /// result must equal std's for the same call.
    fn try_reserve(&mut self, step: &Step<'_, FallibleOp>, n: usize) -> Refused {
        let exact = matches!(step.op, FallibleOp::VecTryReserveExact(_));
        let snapshot_before = snapshot(&self.ours);
        let before = self.counters();
        let result = if exact {
            self.ours.try_reserve_exact(n)
        } else {
            self.ours.try_reserve(n)
        };
        if let Some(by) = self.refused_since(before) {
            let kind = result.as_ref().map_err(|e| e.kind());
            let is_alloc_error = matches!(kind, Err(TryReserveErrorKind::AllocError { .. }));
            step.same("a refusal is an AllocError", is_alloc_error, true)?;
            step.same(
                "vector after a refused request",
                snapshot(&self.ours),
                snapshot_before,
            )?;
            return Ok(u64::from(by == RefusedBy::Injection));
        }
        let theirs = if exact {
            self.theirs.try_reserve_exact(n)
        } else {
            self.theirs.try_reserve(n)
        };
        step.same(
            "result",
            result.map_err(|e| e.to_string()),
            theirs.map_err(|e| e.to_string()),
        )?;
        Ok(0)
    }

    fn push_within_capacity(&mut self, step: &Step<'_, FallibleOp>, seed: u8) -> Refused {
        let room = self.ours.len() < self.ours.capacity();
        let pushed = self
            .ours
            .push_within_capacity(T::from_seed(seed, Side::Ours))
            .is_ok();
        step.same("push_within_capacity succeeded", pushed, room)?;
        if pushed {
            self.theirs.push(T::from_seed(seed, Side::Std));
        }
        Ok(0)
    }

    /// `try_reserve` for the seeds, then (if it succeeded) an `extend` that must not need to
    /// allocate.
    fn try_extend(&mut self, step: &Step<'_, FallibleOp>, seeds: &[u8]) -> Refused {
        let refused = self.try_reserve(step, seeds.len())?;
        if self.ours.capacity() - self.ours.len() >= seeds.len() {
            let requests = self.alloc.failing().requests();
            self.ours.extend(values::<T>(seeds, Side::Ours));
            self.theirs.extend(values::<T>(seeds, Side::Std));
            let made = self.alloc.failing().requests() - requests;
            step.same("requests made by extend after try_reserve", made, 0)?;
        }
        Ok(refused)
    }

    fn raw_vec_try_with_capacity(&mut self, step: &Step<'_, FallibleOp>, n: usize) -> Refused {
        let before = self.counters();
        match RawVec::<T, _>::try_with_capacity_in(n, self.alloc.clone()) {
            Ok(buf) => {
                let std_capacity = Vec::<T>::with_capacity(n).capacity();
                step.same("capacity", buf.capacity(), std_capacity)?;
                Ok(0)
            }
            Err(err) => self.refusal_or_std_error(step, before, n, &err),
        }
    }

    /// After a failed `try_with_capacity_in`: a refusal (injected, or by the allocator under
    /// test) is expected; any other error must be std's error for the same request (std's
    /// `try_with_capacity` is unstable: `try_reserve_exact` on an empty vector makes the same
    /// request).
    fn refusal_or_std_error(
        &self,
        step: &Step<'_, FallibleOp>,
        before: (u64, u64),
        n: usize,
        err: &crate::TryReserveError,
    ) -> Refused {
        match self.refused_since(before) {
            Some(RefusedBy::Injection) => Ok(1),
            Some(RefusedBy::Allocator) => Ok(0),
            None => {
                let std_err = Vec::<T>::new()
                    .try_reserve_exact(n)
                    .map_err(|e| e.to_string());
                step.same("error", Err(err.to_string()), std_err)
                    .map(|()| 0)
            }
        }
    }
}

/// Who refused a request.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RefusedBy {
    /// The run's failure injection.
    Injection,
    /// The allocator under test, by itself (or the battery's budget).
    Allocator,
}

/// Where a vector's buffer is and what it holds, to prove a failed request changed nothing.
fn snapshot<T, A: Allocator>(v: &MyVec<T, A>) -> (usize, usize, usize) {
    (v.as_ptr().addr(), v.capacity(), v.len())
}

/// A `try_new*` result: an error must come from a refusal of a real (non-empty) request;
/// returns 1 for an injected one.
fn box_result<V, E: core::fmt::Debug>(
    step: &Step<'_, FallibleOp>,
    result: Result<V, E>,
    refused: Option<RefusedBy>,
    bytes: usize,
) -> Refused {
    match (result, refused) {
        (Ok(_), _) => Ok(0),
        (Err(err), _) if bytes == 0 => Err(step.mismatch("zero-size box", err, "never allocates")),
        (Err(err), None) => Err(step.mismatch("error", err, "an error only after a refusal")),
        (Err(_), Some(by)) => Ok(u64::from(by == RefusedBy::Injection)),
    }
}

#[cfg(test)]
mod tests {
    use super::{FallibleOp, RefusedBy, box_result, snapshot};
    use crate::MyVec;
    use crate::alloc::Global;
    use crate::check::runner::Step;

    /// The fingerprint that proves a refused request left the vector alone: where its buffer
    /// is, its capacity and its length, each of which a buggy `try_reserve` could change.
    #[test]
    fn a_snapshot_is_the_buffer_address_capacity_and_length() {
        let mut v: MyVec<u16, Global> = MyVec::with_capacity_in(5, Global);
        v.push(1);
        v.push(2);
        assert_eq!(snapshot(&v), (v.as_ptr().addr(), 5, 2));
        v.reserve_exact(10);
        assert_eq!(snapshot(&v), (v.as_ptr().addr(), 12, 2));
    }

    /// A box that needs no bytes never asks the allocator, so it can never fail, whatever
    /// was refused around it.
    #[test]
    fn an_error_from_a_box_of_no_bytes_is_a_mismatch_even_after_a_refusal() {
        let op = FallibleOp::BoxTryNewZeroed;
        let step = Step { index: 4, op: &op };
        let refused = Some(RefusedBy::Injection);
        let mismatch = box_result(&step, Err::<(), _>("AllocError"), refused, 0).unwrap_err();
        assert!(mismatch.what.contains("zero-size box"), "{mismatch}");
        assert_eq!(
            box_result(&step, Err::<(), _>("AllocError"), refused, 8).unwrap(),
            1
        );
        assert_eq!(box_result(&step, Ok::<_, ()>(()), None, 8).unwrap(), 0);
    }
}
