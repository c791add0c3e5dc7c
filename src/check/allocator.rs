//! Testing an allocator: [`check_allocator`] runs the whole harness on it, and
//! [`run_alloc_failures`] drives the fallible operations under injected failures.

use core::mem::{self, MaybeUninit};
use std::string::ToString;
use std::vec::Vec;

use arbitrary::{Arbitrary, Unstructured};

use super::{
    Amount, BoxOp, Element, ElementKind, Mismatch, OverAligned, RawVecOp, RunSummary, Side, Step,
    Tracked, VecOp, check_no_leaks, ops_from_bytes, values,
};
use crate::alloc::{Allocator, Checked, FailMode, Failing};
use crate::error::TryReserveErrorKind;
use crate::{MyBox, MyVec, RawVec};

/// What [`check_allocator`] ran.
///
/// # Examples
/// ```
/// use boxvec::check::check_allocator;
/// use boxvec::alloc::Global;
/// let report = check_allocator(Global, 2).unwrap();
/// assert!(report.sequences > 0);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct AllocatorReport {
    /// Operation sequences run.
    pub sequences: usize,
    /// Operations applied in all.
    pub steps: usize,
    /// Operations that panicked identically on both sides (the panic paths were exercised).
    pub panics: usize,
    /// Requests refused on purpose by the failure injection.
    pub injected_failures: u64,
}

impl AllocatorReport {
    fn add(&mut self, run: RunSummary) {
        self.sequences += 1;
        self.steps += run.steps;
        self.panics += run.panics;
        self.injected_failures += run.injected_failures;
    }
}

/// Tests an allocator: runs `rounds` pseudo-random sequences of every kind ([`VecOp`],
/// [`BoxOp`], [`RawVecOp`], and [`FallibleOp`] under each failure plan) for every element
/// type, with `MyVec`, `MyBox` and `RawVec` on `Checked<Failing<alloc>>`, against std.
///
/// `Checked` sits between boxvec and your allocator and verifies the `Allocator` contract
/// from both sides, so this finds bugs in your allocator (a block that is misaligned or
/// smaller than asked, `allocate_zeroed` memory that is not zero, a `grow` that loses
/// contents — which shows up as different contents than std) as well as in boxvec. The
/// sequences are the same on every call, so a failure is reproducible.
///
/// # Errors
/// The first [`Mismatch`]; its `what` and texts say what broke, e.g. a `Checked:` message for
/// a contract violation.
///
/// # Examples
/// ```
/// use boxvec::check::check_allocator;
/// use boxvec::alloc::{FromGlobal, System};
/// let report = check_allocator(FromGlobal::new(System), 3).expect("System keeps the contract");
/// println!("{} sequences, {} steps", report.sequences, report.steps);
/// ```
pub fn check_allocator<A: Allocator + Clone>(
    alloc: A,
    rounds: usize,
) -> Result<AllocatorReport, Mismatch> {
    let mut report = AllocatorReport::default();
    let mut bytes = PseudoRandomBytes::new(0x5EED_B0C5_7EC5_0001);
    for _ in 0..rounds {
        for kind in ElementKind::ALL {
            let ops: Vec<VecOp> = ops_from_bytes(&bytes.take(512));
            report.add(kind.run_vec_ops(&ops, alloc.clone())?);

            let ops: Vec<BoxOp> = ops_from_bytes(&bytes.take(256));
            report.add(kind.run_box_ops(&ops, alloc.clone())?);

            let ops: Vec<RawVecOp> = ops_from_bytes(&bytes.take(256));
            report.add(kind.run_raw_vec_ops(&ops, alloc.clone())?);

            let data = bytes.take(256);
            let plan =
                FailPlan::arbitrary(&mut Unstructured::new(&data[..3])).unwrap_or(FailPlan::Nth(0));
            let ops: Vec<FallibleOp> = ops_from_bytes(&data[3..]);
            report.add(kind.run_alloc_failures(&ops, plan.mode(), alloc.clone())?);
        }
    }
    Ok(report)
}

/// A deterministic stream of bytes (xorshift64*), so [`check_allocator`] needs no
/// randomness source and gives the same sequences every time.
struct PseudoRandomBytes(u64);

impl PseudoRandomBytes {
    fn new(seed: u64) -> Self {
        PseudoRandomBytes(seed)
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 >> 12;
                self.0 ^= self.0 << 25;
                self.0 ^= self.0 >> 27;
                (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect()
    }
}

/// Which requests fail during a [`run_alloc_failures`] run (decoded from fuzz bytes).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub(crate) enum FailPlan {
    Nth(u8),
    From(u8),
    LargerThan(u16),
    LiveBytesOver(u16),
}

impl FailPlan {
    pub(crate) fn mode(self) -> FailMode {
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
    VecTryExtend(#[arbitrary(with = super::input::seeds)] Vec<u8>),
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
/// capacity follow std; nothing leaks.
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{FallibleOp, Amount, run_alloc_failures};
/// use boxvec::alloc::{FailMode, Global};
/// let ops = [FallibleOp::VecTryWithCapacity(Amount::Small(8)); 3];
/// run_alloc_failures::<String, _>(&ops, FailMode::From(1), Global).unwrap();
/// ```
pub fn run_alloc_failures<T: Element, A: Allocator + Clone>(
    ops: &[FallibleOp],
    mode: FailMode,
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    Tracked::reset();
    let checked = Checked::new(Failing::with_mode(alloc, mode));
    let mut summary = RunSummary::default();
    let mut alloc_errors = 0u64;
    {
        let mut ours: MyVec<T, _> = MyVec::new_in(&checked);
        let mut theirs: Vec<T> = Vec::new();
        for (index, op) in ops.iter().enumerate() {
            let step = Step { index, op };
            alloc_errors += apply_fallible(&step, &mut ours, &mut theirs, &checked)?;
            summary.steps += 1;
            step.same("contents", ours.as_slice(), theirs.as_slice())?;
            step.same("capacity", ours.capacity(), theirs.capacity())?;
            step.same_live_counts()?;
        }
    }
    let end = Step {
        index: ops.len(),
        op: &"end of run",
    };
    end.same_live_counts()?;
    summary.injected_failures = checked.inner().failures();
    end.same(
        "allocation errors vs refused requests",
        alloc_errors,
        summary.injected_failures,
    )?;
    check_no_leaks(&checked, &end)?;
    Ok(summary)
}

/// Applies one fallible operation; returns how many *injected* refusals it reported as an
/// `AllocError` (0 or 1). A refusal by the real allocator (an enormous request) is not
/// injected: std's allocator refuses it too, so it is compared with std like any result.
fn apply_fallible<T: Element, A: Allocator>(
    step: &Step<'_, FallibleOp>,
    ours: &mut MyVec<T, &Checked<Failing<A>>>,
    theirs: &mut Vec<T>,
    checked: &Checked<Failing<A>>,
) -> Result<u64, Mismatch> {
    let alloc = *ours.allocator();
    let failures_before = checked.inner().failures();
    let injected = || checked.inner().failures() > failures_before;
    match step.op {
        FallibleOp::VecTryWithCapacity(amount) => {
            let n = amount.resolve();
            match MyVec::try_with_capacity_in(n, alloc) {
                Ok(v) => {
                    *ours = v;
                    *theirs = Vec::with_capacity(n);
                    Ok(0)
                }
                Err(_) if injected() => Ok(1),
                Err(err) => {
                    // std's `try_with_capacity` is unstable: ask `try_reserve_exact` on an
                    // empty vector, which makes the same request.
                    let std_err = Vec::<T>::new()
                        .try_reserve_exact(n)
                        .map_err(|e| e.to_string());
                    step.same("error", Err(err.to_string()), std_err)?;
                    Ok(0)
                }
            }
        }
        FallibleOp::VecTryReserve(amount) => {
            let n = amount.resolve();
            let before = snapshot(ours);
            let result = ours.try_reserve(n);
            follow_std(step, result, injected(), before, ours, || {
                theirs.try_reserve(n)
            })
        }
        FallibleOp::VecTryReserveExact(amount) => {
            let n = amount.resolve();
            let before = snapshot(ours);
            let result = ours.try_reserve_exact(n);
            follow_std(step, result, injected(), before, ours, || {
                theirs.try_reserve_exact(n)
            })
        }
        FallibleOp::VecPushWithinCapacity(seed) => {
            let room = ours.len() < ours.capacity();
            let pushed = ours
                .push_within_capacity(T::from_seed(*seed, Side::Ours))
                .is_ok();
            step.same("push_within_capacity succeeded", pushed, room)?;
            if pushed {
                theirs.push(T::from_seed(*seed, Side::Std));
            }
            Ok(0)
        }
        FallibleOp::VecTryExtend(seeds) => {
            let before = snapshot(ours);
            let result = ours.try_reserve(seeds.len());
            let refused = follow_std(step, result.clone(), injected(), before, ours, || {
                theirs.try_reserve(seeds.len())
            })?;
            if result.is_ok() {
                ours.extend(values::<T>(seeds, Side::Ours));
                theirs.extend(values::<T>(seeds, Side::Std));
            }
            Ok(refused)
        }
        FallibleOp::VecPop => {
            step.same("pop", ours.pop(), theirs.pop())?;
            Ok(0)
        }
        FallibleOp::BoxTryNew(seed) => {
            let result = MyBox::try_new_in(T::from_seed(*seed, Side::Ours), alloc);
            box_result(
                step,
                result.map(|b| b.key()),
                injected(),
                mem::size_of::<T>(),
            )
        }
        FallibleOp::BoxTryNewUninitSlice(len) => {
            let len = usize::from(*len);
            let result = MyBox::<[MaybeUninit<T>], _>::try_new_uninit_slice_in(len, alloc);
            let bytes = mem::size_of::<T>() * len;
            box_result(step, result.map(|b| b.len()), injected(), bytes)
        }
        FallibleOp::BoxTryNewZeroed => {
            let result = MyBox::<MaybeUninit<OverAligned>, _>::try_new_zeroed_in(alloc);
            box_result(
                step,
                result.map(|_| ()),
                injected(),
                mem::size_of::<OverAligned>(),
            )
        }
        FallibleOp::RawVecTryWithCapacity(amount) => {
            let n = amount.resolve();
            match RawVec::<T, _>::try_with_capacity_in(n, alloc) {
                Ok(buf) => {
                    step.same(
                        "capacity",
                        buf.capacity(),
                        Vec::<T>::with_capacity(n).capacity(),
                    )?;
                    Ok(0)
                }
                Err(_) if injected() => Ok(1),
                Err(err) => {
                    let std_err = Vec::<T>::new()
                        .try_reserve_exact(n)
                        .map_err(|e| e.to_string());
                    step.same("error", Err(err.to_string()), std_err)?;
                    Ok(0)
                }
            }
        }
    }
}

/// Where a vector's buffer is and what it holds, to prove a failed request changed nothing.
fn snapshot<T, A: Allocator>(v: &MyVec<T, A>) -> (*const T, usize, usize) {
    (v.as_ptr(), v.capacity(), v.len())
}

/// After a `try_reserve`-like call: an injected refusal must be an `AllocError` that left the
/// vector unchanged (std is not asked: nothing failed there); any other result must equal
/// std's for the same call.
fn follow_std<T, A: Allocator>(
    step: &Step<'_, FallibleOp>,
    result: Result<(), crate::TryReserveError>,
    injected: bool,
    before: (*const T, usize, usize),
    ours: &MyVec<T, A>,
    theirs: impl FnOnce() -> Result<(), std::collections::TryReserveError>,
) -> Result<u64, Mismatch> {
    if injected {
        let is_alloc_error = matches!(
            result.as_ref().map_err(|e| e.kind()),
            Err(TryReserveErrorKind::AllocError { .. })
        );
        step.same("an injected refusal is an AllocError", is_alloc_error, true)?;
        step.same("vector after a refused request", snapshot(ours), before)?;
        return Ok(1);
    }
    step.same(
        "result",
        result.map_err(|e| e.to_string()),
        theirs().map_err(|e| e.to_string()),
    )?;
    Ok(0)
}

/// A `try_new*` result: an error must come from an injected refusal of a real (non-empty)
/// request; returns 1 for such an error.
fn box_result<V, E: core::fmt::Debug>(
    step: &Step<'_, FallibleOp>,
    result: Result<V, E>,
    injected: bool,
    bytes: usize,
) -> Result<u64, Mismatch> {
    match result {
        Ok(_) => Ok(0),
        Err(err) if bytes == 0 => Err(step.mismatch("zero-size box", err, "never allocates")),
        Err(err) if !injected => Err(step.mismatch("refusal", err, "only injected refusals")),
        Err(_) => Ok(1),
    }
}
