//! [`RawVecOp`]: `RawVec` driven the way a vector drives it, run against `std::vec::Vec`.
//!
//! The boxvec side is a `RawVec<T>` plus a length, with elements written and dropped by hand:
//! exactly the capacity logic `Vec` puts on top of its buffer. std's `Vec` is the oracle for
//! the capacity after every step and for the contents.

use core::ptr;
use std::string::ToString;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::element::{Element, Side};
use super::input::Amount;
use super::report::{Mismatch, short_type_name};
use super::runner::{RunSummary, Step, refuse_next, run_checked, run_minimized, run_side};
use super::test_alloc::TestAlloc;
use crate::RawVec;
use crate::alloc::{Allocator, FailMode};
use crate::error::TryReserveErrorKind;

/// One operation on a buffer, in the vocabulary of `Vec`.
///
/// # Examples
/// ```
/// use boxvec::check::{RawVecOp, Amount, run_raw_vec_ops};
/// use boxvec::alloc::Global;
/// let ops = [RawVecOp::PushMany(9, 0), RawVecOp::ReserveExact(Amount::Small(3)), RawVecOp::ShrinkToFit];
/// let summary = run_raw_vec_ops::<u16, _>(&ops, Global).unwrap();
/// assert_eq!((summary.steps, summary.panics), (3, 0));
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
    /// Replace with `with_capacity_in(n)` (elements dropped); `n` is taken modulo 512 unless
    /// its top four bits are all set (1 in 16: a large buffer, up to 4095 elements, on purpose).
    WithCapacity(u16),
    /// `into_raw_parts_with_alloc` then `from_raw_parts_in`.
    RawPartsRoundTrip,
}

/// A `RawVec` and the number of its slots in use: the least a vector is.
struct Model<T, A: Allocator> {
    buf: RawVec<T, TestAlloc<A>>,
    len: usize,
}

impl<T, A: Allocator> Model<T, A> {
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

impl<T, A: Allocator> Drop for Model<T, A> {
    fn drop(&mut self) {
        let len = self.len;
        self.len = 0;
        // SAFETY: slots `0..len` are initialized and, with `len` cleared, owned by nobody else.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.buf.ptr(), len)) }
    }
}

/// Applies `ops` to a `RawVec<T>` on a [`TestAlloc`](super::TestAlloc) over `alloc` (with a
/// length kept beside it) and to a `std::vec::Vec<T>`, comparing capacity and contents after
/// every step. A failing sequence is minimized before it is reported.
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{RawVecOp, run_raw_vec_ops};
/// use boxvec::alloc::Global;
/// // 1025-byte elements: std's first growth is to a single element.
/// let ops = [RawVecOp::Push(1), RawVecOp::Push(2)];
/// let summary = run_raw_vec_ops::<[u8; 1025], _>(&ops, Global).unwrap();
/// assert_eq!(summary.steps, 2);
/// ```
pub fn run_raw_vec_ops<T: Element, A: Allocator + Clone>(
    ops: &[RawVecOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_raw_vec_ops_within::<T, A>(ops, alloc, None)
}

/// [`run_raw_vec_ops`] with the live bytes limited to `budget`.
pub(crate) fn run_raw_vec_ops_within<T: Element, A: Allocator + Clone>(
    ops: &[RawVecOp],
    alloc: A,
    budget: Option<usize>,
) -> Result<RunSummary, Mismatch> {
    let once = |ops: &[RawVecOp]| {
        run_checked(
            ops.len(),
            alloc.clone(),
            (FailMode::Never, budget),
            true,
            |a, s| run_all::<T, A>(ops, a, s),
        )
    };
    run_minimized(ops, once, |report, minimal| {
        let names = (
            short_type_name::<RawVec<T, TestAlloc<A>>>(),
            short_type_name::<T>(),
        );
        report.set_context(names, "RawVecOp", minimal, ops.len());
    })
}

fn run_all<T: Element, A: Allocator + Clone>(
    ops: &[RawVecOp],
    alloc: &TestAlloc<A>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut sides = Sides::<T, A> {
        ours: Model {
            buf: RawVec::new_in(alloc.clone()),
            len: 0,
        },
        theirs: Vec::new(),
        alloc,
    };
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        let panicked = sides.apply(&step)?;
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        step.same_contents(sides.ours.as_slice(), sides.theirs.as_slice())?;
        step.same(
            "capacity",
            sides.ours.buf.capacity(),
            sides.theirs.capacity(),
        )?;
        step.same_live_counts()?;
        if core::mem::size_of::<T>() == 0 {
            // A zero-sized element never needs memory: no request may reach the allocator
            // (a deallocation of a block it never gave out, `Checked` reports by itself).
            step.same(
                "allocator requests for zero-sized elements",
                alloc.failing().requests(),
                0,
            )?;
        }
    }
    Ok(())
}

/// Both sides and the run's allocator.
struct Sides<'a, T, A: Allocator> {
    ours: Model<T, A>,
    theirs: Vec<T>,
    alloc: &'a TestAlloc<A>,
}

/// Whether a step panicked (identically on both sides), or the mismatch.
type StepResult = Result<bool, Mismatch>;

impl<T: Element, A: Allocator + Clone> Sides<'_, T, A> {
    fn apply(&mut self, step: &Step<'_, RawVecOp>) -> StepResult {
        match step.op {
            RawVecOp::Push(seed) => self.push(step, *seed),
            RawVecOp::PushMany(count, seed) => self.push_many(step, *count, *seed),
            RawVecOp::Pop => self.pop(step),
            RawVecOp::Truncate(n) => self.truncate(step, *n),
            RawVecOp::Reserve(amount) | RawVecOp::ReserveExact(amount) => {
                self.reserve(step, amount.for_infallible())
            }
            RawVecOp::TryReserve(amount) | RawVecOp::TryReserveExact(amount) => {
                self.try_reserve(step, amount.resolve())
            }
            RawVecOp::TryReserveRefused(amount) => self.try_reserve_refused(step, amount.resolve()),
            RawVecOp::ShrinkToFit => self.shrink_to(step, 0),
            RawVecOp::ShrinkTo(min) => self.shrink_to(step, usize::from(*min)),
            RawVecOp::TryShrinkRefused => self.try_shrink_refused(step),
            RawVecOp::WithCapacity(n) => self.with_capacity(step, *n),
            RawVecOp::RawPartsRoundTrip => self.raw_parts_round_trip(step),
        }
    }

    // Each operation on the elements has its own function, and `apply` names every variant: a
    // `match` shared by both sides, with a catch-all arm, once let a mistake run another
    // operation on both sides at once, which the comparison with std cannot notice.

    /// Writes one element by hand, growing with `grow_one` when full.
    fn push(&mut self, step: &Step<'_, RawVecOp>, seed: u8) -> StepResult {
        let (ours, theirs) = (&mut self.ours, &mut self.theirs);
        step.run_both(
            || ours.push(T::from_seed(seed, Side::Ours)),
            || theirs.push(T::from_seed(seed, Side::Std)),
        )
    }

    /// `count` pushes, of consecutive seeds from `seed`.
    fn push_many(&mut self, step: &Step<'_, RawVecOp>, count: u8, seed: u8) -> StepResult {
        let (ours, theirs) = (&mut self.ours, &mut self.theirs);
        let seeds = (0..count).map(move |i| seed.wrapping_add(i));
        step.run_both(
            || {
                seeds
                    .clone()
                    .for_each(|s| ours.push(T::from_seed(s, Side::Ours)))
            },
            || {
                seeds
                    .clone()
                    .for_each(|s| theirs.push(T::from_seed(s, Side::Std)))
            },
        )
    }

    /// Reads the last element out by hand.
    fn pop(&mut self, step: &Step<'_, RawVecOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours, &mut self.theirs);
        step.run_both(|| ours.pop(), || theirs.pop())
    }

    /// Drops the elements from a length on: `n` modulo `len + 2`, so now and then the length
    /// is past the end (nothing to drop).
    fn truncate(&mut self, step: &Step<'_, RawVecOp>, n: u16) -> StepResult {
        let (ours, theirs) = (&mut self.ours, &mut self.theirs);
        let n = usize::from(n) % (ours.len + 2);
        step.run_both(|| ours.truncate(n), || theirs.truncate(n))
    }

    fn reserve(&mut self, step: &Step<'_, RawVecOp>, n: usize) -> StepResult {
        let (ours, theirs, len) = (&mut self.ours.buf, &mut self.theirs, self.ours.len);
        let (o, s) = if matches!(step.op, RawVecOp::ReserveExact(_)) {
            (
                run_side(|| ours.reserve_exact(len, n)),
                run_side(|| theirs.reserve_exact(n)),
            )
        } else {
            (
                run_side(|| ours.reserve(len, n)),
                run_side(|| theirs.reserve(n)),
            )
        };
        step.same_outcome(o, s)
    }

    fn try_reserve(&mut self, step: &Step<'_, RawVecOp>, n: usize) -> StepResult {
        let exact = matches!(step.op, RawVecOp::TryReserveExact(_));
        let (ours, theirs, len, alloc) = (
            &mut self.ours.buf,
            &mut self.theirs,
            self.ours.len,
            self.alloc,
        );
        let before = (ours.ptr(), ours.capacity());
        let refusals = alloc.refusals();
        let o = run_side(|| {
            let result = alloc.fallible(|| {
                if exact {
                    ours.try_reserve_exact(len, n)
                } else {
                    ours.try_reserve(len, n)
                }
            });
            result.map_err(|e| e.to_string())
        });
        if alloc.refusals() > refusals {
            // The allocator under test refused by itself: the buffer must be unchanged; std
            // (on the global allocator) is not comparable here.
            step.same(
                "buffer after a refused request",
                (ours.ptr(), ours.capacity()),
                before,
            )?;
            return Ok(false);
        }
        let s = run_side(|| {
            let result = if exact {
                theirs.try_reserve_exact(n)
            } else {
                theirs.try_reserve(n)
            };
            result.map_err(|e| e.to_string())
        });
        step.same_outcome(o, s)
    }

    /// `try_reserve` with the next request refused (boxvec side only): an `AllocError`, and
    /// the buffer unchanged; if no request was needed, the same result as std.
    fn try_reserve_refused(&mut self, step: &Step<'_, RawVecOp>, n: usize) -> StepResult {
        let (buf, len) = (&mut self.ours.buf, self.ours.len);
        let before = (buf.ptr(), buf.capacity());
        match step.outside_step(|| refuse_next(self.alloc, || buf.try_reserve(len, n)))? {
            (Err(err), true) => {
                if !matches!(err.kind(), TryReserveErrorKind::AllocError { .. }) {
                    return Err(step.mismatch("error kind", err.kind(), "AllocError"));
                }
                step.same(
                    "buffer after a refused request",
                    (buf.ptr(), buf.capacity()),
                    before,
                )?;
            }
            (result, _) => step.same(
                "result",
                result.map_err(|e| e.to_string()),
                self.theirs.try_reserve(n).map_err(|e| e.to_string()),
            )?,
        }
        Ok(false)
    }

    /// As `Vec::shrink_to(min)` (`shrink_to_fit` for 0): `shrink_to_fit(max(len, min))` when
    /// that gives room back, and nothing otherwise (`RawVec` itself would still ask).
    fn shrink_to(&mut self, step: &Step<'_, RawVecOp>, min: usize) -> StepResult {
        let (buf, theirs, len) = (&mut self.ours.buf, &mut self.theirs, self.ours.len);
        let ours_side = || {
            if buf.capacity() > len.max(min) {
                buf.shrink_to_fit(len.max(min));
            }
        };
        step.run_both(ours_side, || theirs.shrink_to(min))
    }

    /// `try_shrink_to_fit` with the allocator refusing (boxvec side only): the buffer must be
    /// unchanged.
    fn try_shrink_refused(&mut self, step: &Step<'_, RawVecOp>) -> StepResult {
        let (buf, len) = (&mut self.ours.buf, self.ours.len);
        // Shrinking to nothing deallocates, which is not a request and cannot fail.
        if buf.capacity() > len && len > 0 && core::mem::size_of::<T>() != 0 {
            let before = (buf.ptr(), buf.capacity());
            let (result, refused) =
                step.outside_step(|| refuse_next(self.alloc, || buf.try_shrink_to_fit(len)))?;
            step.same("shrink refused", (result.is_err(), refused), (true, true))?;
            step.same(
                "buffer after a refused shrink",
                (buf.ptr(), buf.capacity()),
                before,
            )?;
        }
        Ok(false)
    }

    /// Replaces the buffer with `with_capacity_in(n)`, dropping the elements: `n` modulo 512,
    /// unless its top four bits are all set (then up to 4095).
    fn with_capacity(&mut self, step: &Step<'_, RawVecOp>, n: u16) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours, &mut self.theirs, self.alloc);
        // Mostly small: a large buffer of 64-byte elements costs a fuzzer a millisecond per
        // input under AddressSanitizer, for no new behaviour.
        let n = if n >> 12 == 0xF {
            usize::from(n & 0x0FFF)
        } else {
            usize::from(n) % 512
        };
        let ours_side = || {
            *ours = Model {
                buf: RawVec::with_capacity_in(n, alloc.clone()),
                len: 0,
            }
        };
        step.run_both(ours_side, || *theirs = Vec::with_capacity(n))
    }

    /// `into_raw_parts_with_alloc`, then `from_raw_parts_in` (nothing to do on std's side).
    fn raw_parts_round_trip(&mut self, step: &Step<'_, RawVecOp>) -> StepResult {
        let (ours, alloc) = (&mut self.ours, self.alloc);
        let ours_side = || {
            let buf = core::mem::replace(&mut ours.buf, RawVec::new_in(alloc.clone()));
            let (ptr, cap, alloc) = buf.into_raw_parts_with_alloc();
            // SAFETY: the parts come straight from `into_raw_parts_with_alloc`.
            ours.buf = unsafe { RawVec::from_raw_parts_in(ptr, cap, alloc) };
        };
        step.run_both(ours_side, || ())
    }
}
