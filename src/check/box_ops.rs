//! [`BoxOp`]: `MyBox`'s constructors, conversions and mutations, run against
//! `std::boxed::Box`.

use core::mem::{self, MaybeUninit};
use std::boxed::Box;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::{
    Element, Index, Mismatch, PendingPanic, RunSummary, Side, Step, Tracked, Trigger, run_checked,
    run_side, values,
};
use crate::alloc::{Allocator, Checked, FailMode, Failing};
use crate::{MyBox, MyVec};

/// One operation on a pair of boxes: a single value (`MyBox<T>`, which may be absent) and a
/// slice (`MyBox<[T]>`).
///
/// # Examples
/// ```
/// use boxvec::check::{BoxOp, run_box_ops};
/// use boxvec::alloc::Global;
/// let ops = [BoxOp::New(1), BoxOp::Set(2), BoxOp::Clone, BoxOp::SliceFrom(vec![1, 2, 3])];
/// run_box_ops::<String, _>(&ops, Global).unwrap();
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum BoxOp {
    /// `new_in`; replaces the single box.
    New(u8),
    /// `try_new_in`; replaces the single box.
    TryNew(u8),
    /// `try_new_in` with the allocator refusing (boxvec side only): must be `Err` for a sized
    /// value and `Ok` for a zero-sized one (which never asks), and leak nothing.
    TryNewRefused(u8),
    /// `new_uninit_in`, `write`: replaces the single box.
    NewUninitWrite(u8),
    /// `*b = value` through `DerefMut`.
    Set(u8),
    /// `clone`; the clone replaces the single box.
    Clone,
    /// `into_inner` (std: `*b`); the value is compared and dropped.
    IntoInner,
    /// `into_raw_with_allocator` then `from_raw_in`.
    RawRoundTrip,
    /// `into_non_null_with_allocator` then `from_non_null_in`.
    NonNullRoundTrip,
    /// Drops the single box.
    DropSingle,
    /// `into_boxed_slice` of the single box; it replaces the slice box.
    SingleIntoSlice,
    /// A vector of these seeds, `into_boxed_slice`; replaces the slice box.
    SliceFrom(#[arbitrary(with = super::input::seeds)] Vec<u8>),
    /// `new_uninit_slice_in(len)`, each slot written, `assume_init`; replaces the slice box.
    SliceUninit(u8, u8),
    /// `slice[i] = value` (out of bounds panics identically).
    SliceSet(Index, u8),
    /// `clone` of the slice box.
    SliceClone,
    /// `into_vec`, `push`, `into_boxed_slice`.
    SliceIntoVecPush(u8),
    /// Arms a [`Tracked`] panic in the next operation, on both sides.
    ArmPanic(Trigger, u8),
}

type Checker<A> = Checked<Failing<A>>;

struct OursState<'a, T, A: Allocator> {
    single: Option<MyBox<T, &'a Checker<A>>>,
    slice: MyBox<[T], &'a Checker<A>>,
}

struct StdState<T> {
    single: Option<Box<T>>,
    slice: Box<[T]>,
}

/// Applies `ops` to boxes on `Checked<Failing<alloc>>` and to std's boxes, comparing the
/// values after every step.
///
/// # Errors
/// The first [`Mismatch`]: a different result or panic, different values, different live
/// [`Tracked`] counts, a violation of the `Allocator` contract, or a block not freed.
///
/// # Examples
/// ```
/// use boxvec::check::{BoxOp, run_box_ops};
/// use boxvec::alloc::Global;
/// run_box_ops::<(), _>(&[BoxOp::New(0), BoxOp::IntoInner], Global).unwrap();
/// ```
pub fn run_box_ops<T: Element, A: Allocator + Clone>(
    ops: &[BoxOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_checked(ops.len(), alloc, |checked, summary| {
        run_all::<T, A>(ops, checked, summary)
    })
}

fn run_all<T: Element, A: Allocator + Clone>(
    ops: &[BoxOp],
    checked: &Checker<A>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut ours = OursState::<T, A> {
        single: None,
        slice: MyVec::new_in(checked).into_boxed_slice(),
    };
    let mut theirs = StdState::<T> {
        single: None,
        slice: Vec::new().into_boxed_slice(),
    };
    let mut pending = PendingPanic::default();
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        pending.before_step(match *op {
            BoxOp::ArmPanic(trigger, nth) => Some((trigger, nth)),
            _ => None,
        });
        let panicked = apply(&step, &mut ours, &mut theirs, checked)?;
        Tracked::disarm();
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        step.same(
            "single value",
            ours.single.as_deref(),
            theirs.single.as_deref(),
        )?;
        step.same("slice", &*ours.slice, &*theirs.slice)?;
        step.same_live_counts()?;
    }
    Ok(())
}

fn apply<'a, T: Element, A: Allocator + Clone>(
    step: &Step<'_, BoxOp>,
    ours: &mut OursState<'a, T, A>,
    theirs: &mut StdState<T>,
    checked: &'a Checker<A>,
) -> Result<bool, Mismatch> {
    let alloc = checked;
    let panicked = match step.op {
        BoxOp::New(seed) => {
            let o = run_side(|| {
                ours.single = Some(MyBox::new_in(T::from_seed(*seed, Side::Ours), alloc))
            });
            let s = run_side(|| theirs.single = Some(Box::new(T::from_seed(*seed, Side::Std))));
            step.same_outcome(o, s)?
        }
        BoxOp::TryNew(seed) => {
            let o = run_side(|| {
                let b = MyBox::try_new_in(T::from_seed(*seed, Side::Ours), alloc);
                ours.single = Some(b.expect("the allocator agreed"));
            });
            let s = run_side(|| theirs.single = Some(Box::new(T::from_seed(*seed, Side::Std))));
            step.same_outcome(o, s)?
        }
        BoxOp::TryNewRefused(seed) => {
            // Only boxvec runs this step, so a panic armed for it would have no twin on the
            // std side: disarm.
            Tracked::disarm();
            let failing = checked.inner();
            failing.set_mode(FailMode::From(0));
            let result = MyBox::try_new_in(T::from_seed(*seed, Side::Ours), alloc);
            failing.set_mode(FailMode::Never);
            let zero_sized = mem::size_of::<T>() == 0;
            step.same("try_new_in result", result.is_ok(), zero_sized)?;
            // A refused `try_new_in` drops the value it was given; a ZST box is dropped here.
            drop(result);
            false
        }
        BoxOp::NewUninitWrite(seed) => {
            let o = run_side(|| {
                let uninit: MyBox<MaybeUninit<T>, _> = MyBox::new_uninit_in(alloc);
                ours.single = Some(MyBox::write(uninit, T::from_seed(*seed, Side::Ours)));
            });
            let s = run_side(|| {
                let uninit: Box<MaybeUninit<T>> = Box::new_uninit();
                theirs.single = Some(Box::write(uninit, T::from_seed(*seed, Side::Std)));
            });
            step.same_outcome(o, s)?
        }
        BoxOp::Set(seed) => {
            let o = run_side(|| {
                if let Some(b) = ours.single.as_mut() {
                    **b = T::from_seed(*seed, Side::Ours);
                }
            });
            let s = run_side(|| {
                if let Some(b) = theirs.single.as_mut() {
                    **b = T::from_seed(*seed, Side::Std);
                }
            });
            step.same_outcome(o, s)?
        }
        BoxOp::Clone => {
            let o = run_side(|| ours.single = ours.single.clone());
            let s = run_side(|| theirs.single = theirs.single.clone());
            step.same_outcome(o, s)?
        }
        BoxOp::IntoInner => {
            let o = run_side(|| ours.single.take().map(MyBox::into_inner));
            let s = run_side(|| theirs.single.take().map(|b| *b));
            step.same_outcome(o, s)?
        }
        BoxOp::RawRoundTrip => {
            if let Some(b) = ours.single.take() {
                let (ptr, a) = MyBox::into_raw_with_allocator(b);
                // SAFETY: the pointer and allocator come straight from `into_raw_with_allocator`.
                ours.single = Some(unsafe { MyBox::from_raw_in(ptr, a) });
            }
            if let Some(b) = theirs.single.take() {
                let ptr = Box::into_raw(b);
                // SAFETY: the pointer comes straight from `Box::into_raw`.
                theirs.single = Some(unsafe { Box::from_raw(ptr) });
            }
            false
        }
        BoxOp::NonNullRoundTrip => {
            if let Some(b) = ours.single.take() {
                let (ptr, a) = MyBox::into_non_null_with_allocator(b);
                // SAFETY: the pointer and allocator come straight from
                // `into_non_null_with_allocator`.
                ours.single = Some(unsafe { MyBox::from_non_null_in(ptr, a) });
            }
            false
        }
        BoxOp::DropSingle => {
            let o = run_side(|| drop(ours.single.take()));
            let s = run_side(|| drop(theirs.single.take()));
            step.same_outcome(o, s)?
        }
        BoxOp::SingleIntoSlice => {
            let o = run_side(|| {
                if let Some(b) = ours.single.take() {
                    ours.slice = MyBox::into_boxed_slice(b);
                }
            });
            let s = run_side(|| {
                if let Some(b) = theirs.single.take() {
                    // std's `Box::into_boxed_slice` is unstable: a one-element array box
                    // coerces to a slice box.
                    let one: Box<[T; 1]> = Box::new([*b]);
                    theirs.slice = one;
                }
            });
            step.same_outcome(o, s)?
        }
        BoxOp::SliceFrom(seeds) => {
            let o = run_side(|| {
                let mut v = MyVec::new_in(alloc);
                v.extend(values::<T>(seeds, Side::Ours));
                ours.slice = v.into_boxed_slice();
            });
            let s = run_side(|| theirs.slice = values::<T>(seeds, Side::Std).into_boxed_slice());
            step.same_outcome(o, s)?
        }
        BoxOp::SliceUninit(len, seed) => {
            let len = usize::from(*len % 64);
            let o = run_side(|| {
                let mut slots: MyBox<[MaybeUninit<T>], _> = MyBox::new_uninit_slice_in(len, alloc);
                for (i, slot) in slots.iter_mut().enumerate() {
                    slot.write(T::from_seed(seed.wrapping_add(i as u8), Side::Ours));
                }
                // SAFETY: every slot was written in the loop above.
                ours.slice = unsafe { slots.assume_init() };
            });
            let s = run_side(|| {
                let mut slots: Box<[MaybeUninit<T>]> = Box::new_uninit_slice(len);
                for (i, slot) in slots.iter_mut().enumerate() {
                    slot.write(T::from_seed(seed.wrapping_add(i as u8), Side::Std));
                }
                // SAFETY: every slot was written in the loop above.
                theirs.slice = unsafe { slots.assume_init() };
            });
            step.same_outcome(o, s)?
        }
        BoxOp::SliceSet(index, seed) => {
            let at = index.resolve(ours.slice.len());
            let o = run_side(|| ours.slice[at] = T::from_seed(*seed, Side::Ours));
            let s = run_side(|| theirs.slice[at] = T::from_seed(*seed, Side::Std));
            step.same_outcome(o, s)?
        }
        BoxOp::SliceClone => {
            let o = run_side(|| ours.slice = ours.slice.clone());
            let s = run_side(|| theirs.slice = theirs.slice.clone());
            step.same_outcome(o, s)?
        }
        BoxOp::SliceIntoVecPush(seed) => {
            let o = run_side(|| {
                let empty = MyVec::new_in(alloc).into_boxed_slice();
                let mut v = mem::replace(&mut ours.slice, empty).into_vec();
                v.push(T::from_seed(*seed, Side::Ours));
                ours.slice = v.into_boxed_slice();
            });
            let s = run_side(|| {
                let mut v = mem::take(&mut theirs.slice).into_vec();
                v.push(T::from_seed(*seed, Side::Std));
                theirs.slice = v.into_boxed_slice();
            });
            step.same_outcome(o, s)?
        }
        BoxOp::ArmPanic(..) => false,
    };
    Ok(panicked)
}
