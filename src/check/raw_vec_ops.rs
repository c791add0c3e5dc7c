//! [`RawVecOp`]: `RawVec` driven the way a vector drives it, run against `std::vec::Vec`.
//!
//! The boxvec side is a `RawVec<T>` plus a length, with elements written and dropped by hand:
//! exactly the capacity logic `Vec` puts on top of its buffer. std's `Vec` is the oracle for
//! the capacity after every step and for the contents.

use core::ptr;
use std::string::ToString;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::{Amount, Element, Mismatch, RunSummary, Side, Step, run_checked, run_side};
use crate::RawVec;
use crate::alloc::{Allocator, Checked, FailMode, Failing};
use crate::error::TryReserveErrorKind;

/// One operation on a buffer, in the vocabulary of `Vec`.
///
/// # Examples
/// ```
/// use boxvec::check::{RawVecOp, Amount, run_raw_vec_ops};
/// use boxvec::alloc::Global;
/// let ops = [RawVecOp::PushMany(9, 0), RawVecOp::ReserveExact(Amount::Small(3)), RawVecOp::ShrinkToFit];
/// run_raw_vec_ops::<u16, _>(&ops, Global).unwrap();
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum RawVecOp {
    /// Push one value (`grow_one` when full).
    Push(u8),
    /// Push `count` values with consecutive seeds.
    PushMany(u8, u8),
    /// Pop one value.
    Pop,
    /// Truncate to a length (modulo `len + 2`).
    Truncate(u16),
    /// `reserve(len, n)`.
    Reserve(Amount),
    /// `reserve_exact(len, n)`.
    ReserveExact(Amount),
    /// `try_reserve(len, n)`.
    TryReserve(Amount),
    /// `try_reserve_exact(len, n)`.
    TryReserveExact(Amount),
    /// `try_reserve(len, n)` with the allocator refusing the next request (boxvec side only).
    TryReserveRefused(Amount),
    /// `shrink_to_fit(len)` when there is room to give back (as `Vec::shrink_to_fit`).
    ShrinkToFit,
    /// As `Vec::shrink_to(min)`.
    ShrinkTo(u16),
    /// `try_shrink_to_fit(len)` with the allocator refusing (boxvec side only): the buffer
    /// must be unchanged.
    TryShrinkRefused,
    /// Replace with `with_capacity_in(n)` (elements dropped).
    WithCapacity(u16),
    /// `into_raw_parts_with_alloc` then `from_raw_parts_in`.
    RawPartsRoundTrip,
}

type Checker<A> = Checked<Failing<A>>;

/// A `RawVec` and the number of its slots in use: the least a vector is.
struct Model<'a, T, A: Allocator> {
    buf: RawVec<T, &'a Checker<A>>,
    len: usize,
}

impl<T, A: Allocator> Model<'_, T, A> {
    fn push(&mut self, value: T) {
        if self.len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `len < capacity` after the growth above, so the slot is inside the
        // allocation and uninitialized; it is initialized before `len` covers it.
        unsafe { self.buf.ptr().add(self.len).write(value) };
        self.len += 1;
    }

    fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: slot `len` was initialized and is no longer counted, so it is read once.
        Some(unsafe { self.buf.ptr().add(self.len).read() })
    }

    fn truncate(&mut self, new_len: usize) {
        while self.len > new_len {
            drop(self.pop());
        }
    }

    fn as_slice(&self) -> &[T] {
        // SAFETY: slots `0..len` are initialized (the model's invariant).
        unsafe { core::slice::from_raw_parts(self.buf.ptr(), self.len) }
    }
}

impl<T, A: Allocator> Drop for Model<'_, T, A> {
    fn drop(&mut self) {
        let len = self.len;
        self.len = 0;
        // SAFETY: slots `0..len` are initialized and, with `len` cleared, owned by nobody else.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.buf.ptr(), len)) }
    }
}

/// Applies `ops` to a `RawVec<T>` on `Checked<Failing<alloc>>` (with a length kept beside it)
/// and to a `std::vec::Vec<T>`, comparing capacity and contents after every step.
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{RawVecOp, run_raw_vec_ops};
/// use boxvec::alloc::Global;
/// // 1025-byte elements: std's first growth is to a single element.
/// run_raw_vec_ops::<[u8; 1025], _>(&[RawVecOp::Push(1), RawVecOp::Push(2)], Global).unwrap();
/// ```
pub fn run_raw_vec_ops<T: Element, A: Allocator + Clone>(
    ops: &[RawVecOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_checked(ops.len(), alloc, |checked, summary| {
        run_all::<T, A>(ops, checked, summary)
    })
}

fn run_all<T: Element, A: Allocator + Clone>(
    ops: &[RawVecOp],
    checked: &Checker<A>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut ours = Model::<T, A> {
        buf: RawVec::new_in(checked),
        len: 0,
    };
    let mut theirs: Vec<T> = Vec::new();
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        let panicked = apply(&step, &mut ours, &mut theirs, checked)?;
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        step.same("contents", ours.as_slice(), theirs.as_slice())?;
        step.same("capacity", ours.buf.capacity(), theirs.capacity())?;
        step.same_live_counts()?;
    }
    Ok(())
}

fn apply<'a, T: Element, A: Allocator + Clone>(
    step: &Step<'_, RawVecOp>,
    ours: &mut Model<'a, T, A>,
    theirs: &mut Vec<T>,
    checked: &'a Checker<A>,
) -> Result<bool, Mismatch> {
    let len = ours.len;
    let panicked = match step.op {
        RawVecOp::Push(seed) => {
            let o = run_side(|| ours.push(T::from_seed(*seed, Side::Ours)));
            let s = run_side(|| theirs.push(T::from_seed(*seed, Side::Std)));
            step.same_outcome(o, s)?
        }
        RawVecOp::PushMany(count, seed) => {
            let seeds = (0..*count).map(|i| seed.wrapping_add(i));
            let o = run_side(|| {
                seeds
                    .clone()
                    .for_each(|s| ours.push(T::from_seed(s, Side::Ours)))
            });
            let s = run_side(|| seeds.for_each(|s| theirs.push(T::from_seed(s, Side::Std))));
            step.same_outcome(o, s)?
        }
        RawVecOp::Pop => {
            let o = run_side(|| ours.pop());
            let s = run_side(|| theirs.pop());
            step.same_outcome(o, s)?
        }
        RawVecOp::Truncate(n) => {
            let n = usize::from(*n) % (len + 2);
            ours.truncate(n);
            theirs.truncate(n);
            false
        }
        RawVecOp::Reserve(amount) => {
            let n = amount.for_infallible();
            let o = run_side(|| ours.buf.reserve(len, n));
            let s = run_side(|| theirs.reserve(n));
            step.same_outcome(o, s)?
        }
        RawVecOp::ReserveExact(amount) => {
            let n = amount.for_infallible();
            let o = run_side(|| ours.buf.reserve_exact(len, n));
            let s = run_side(|| theirs.reserve_exact(n));
            step.same_outcome(o, s)?
        }
        RawVecOp::TryReserve(amount) => {
            let n = amount.resolve();
            let o = run_side(|| ours.buf.try_reserve(len, n).map_err(|e| e.to_string()));
            let s = run_side(|| theirs.try_reserve(n).map_err(|e| e.to_string()));
            step.same_outcome(o, s)?
        }
        RawVecOp::TryReserveExact(amount) => {
            let n = amount.resolve();
            let o = run_side(|| {
                ours.buf
                    .try_reserve_exact(len, n)
                    .map_err(|e| e.to_string())
            });
            let s = run_side(|| theirs.try_reserve_exact(n).map_err(|e| e.to_string()));
            step.same_outcome(o, s)?
        }
        RawVecOp::TryReserveRefused(amount) => {
            let n = amount.resolve();
            let before = (ours.buf.ptr(), ours.buf.capacity());
            let refused = refuse_next(checked, || ours.buf.try_reserve(len, n));
            match refused {
                (Err(err), true) => {
                    if !matches!(err.kind(), TryReserveErrorKind::AllocError { .. }) {
                        return Err(step.mismatch("error kind", err.kind(), "AllocError"));
                    }
                    step.same(
                        "buffer after a refused request",
                        (ours.buf.ptr(), ours.buf.capacity()),
                        before,
                    )?;
                }
                (result, _) => step.same(
                    "result",
                    result.map_err(|e| e.to_string()),
                    theirs.try_reserve(n).map_err(|e| e.to_string()),
                )?,
            }
            false
        }
        RawVecOp::ShrinkToFit => {
            if ours.buf.capacity() > len {
                let o = run_side(|| ours.buf.shrink_to_fit(len));
                let s = run_side(|| theirs.shrink_to_fit());
                step.same_outcome(o, s)?
            } else {
                theirs.shrink_to_fit();
                false
            }
        }
        RawVecOp::ShrinkTo(min) => {
            let min = usize::from(*min);
            if ours.buf.capacity() > min {
                ours.buf.shrink_to_fit(len.max(min));
            }
            theirs.shrink_to(min);
            false
        }
        RawVecOp::TryShrinkRefused => {
            // Shrinking to nothing deallocates, which is not a request and cannot fail.
            if ours.buf.capacity() > len && len > 0 && core::mem::size_of::<T>() != 0 {
                let before = (ours.buf.ptr(), ours.buf.capacity());
                let (result, refused) = refuse_next(checked, || ours.buf.try_shrink_to_fit(len));
                step.same("shrink refused", (result.is_err(), refused), (true, true))?;
                step.same(
                    "buffer after a refused shrink",
                    (ours.buf.ptr(), ours.buf.capacity()),
                    before,
                )?;
            }
            false
        }
        RawVecOp::WithCapacity(n) => {
            let n = usize::from(*n);
            let o = run_side(|| {
                *ours = Model {
                    buf: RawVec::with_capacity_in(n, checked),
                    len: 0,
                }
            });
            let s = run_side(|| *theirs = Vec::with_capacity(n));
            step.same_outcome(o, s)?
        }
        RawVecOp::RawPartsRoundTrip => {
            let buf = core::mem::replace(&mut ours.buf, RawVec::new_in(checked));
            let (ptr, cap, alloc) = buf.into_raw_parts_with_alloc();
            // SAFETY: the parts come straight from `into_raw_parts_with_alloc`.
            ours.buf = unsafe { RawVec::from_raw_parts_in(ptr, cap, alloc) };
            false
        }
    };
    Ok(panicked)
}

/// Runs `f` with the allocator refusing its next request; returns `f`'s result and whether a
/// request was actually refused.
pub(super) fn refuse_next<A: Allocator, R>(
    checked: &Checker<A>,
    f: impl FnOnce() -> R,
) -> (R, bool) {
    let failing = checked.inner();
    let failures_before = failing.failures();
    failing.set_mode(FailMode::Nth(failing.requests()));
    let result = f();
    failing.set_mode(FailMode::Never);
    (result, failing.failures() > failures_before)
}
