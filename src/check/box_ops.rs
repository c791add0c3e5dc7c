//! [`BoxOp`]: `MyBox`'s constructors, conversions and mutations, run against
//! `std::boxed::Box`.

use core::mem::{self, MaybeUninit};
use std::boxed::Box;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::element::{Element, Side, Tracked, Trigger};
use super::input::Index;
use super::report::{Mismatch, short_type_name};
use super::runner::{
    PendingPanic, RunSummary, Step, refuse_next, run_checked, run_minimized, run_side, values,
};
use super::test_alloc::{Refusal, Refuser, TestAlloc};
use crate::alloc::{Allocator, FailMode, Layout};
use crate::{MyBox, MyVec};

/// One operation on a pair of boxes: a single value (`MyBox<T>`, which may be absent) and a
/// slice (`MyBox<[T]>`).
///
/// # Examples
/// ```
/// use boxvec::check::{BoxOp, run_box_ops};
/// use boxvec::alloc::Global;
/// let ops = [BoxOp::New(1), BoxOp::Set(2), BoxOp::Clone, BoxOp::SliceFrom(vec![1, 2, 3])];
/// let summary = run_box_ops::<String, _>(&ops, Global).unwrap();
/// assert_eq!((summary.steps, summary.panics), (4, 0));
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
    SliceFrom(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `new_uninit_slice_in(len)`, each slot written, `assume_init`; replaces the slice box.
    SliceUninit(u8, u8),
    /// `slice[i] = value` (out of bounds panics identically).
    SliceSet(Index, u8),
    /// `clone` of the slice box.
    SliceClone,
    /// `into_vec`, `push`, `into_boxed_slice`.
    SliceIntoVecPush(u8),
    /// `clone_from` a fresh box of this seed into the single box (std: `Box::clone_from`).
    CloneFrom(u8),
    /// `take` then `write` a new value into the same memory (std, which has no `Box::take`:
    /// the value replaced in place); the block is reused: no allocator request.
    TakeWrite(u8),
    /// `map` to a new value of the same type: the block is reused, no allocator request (std:
    /// the value replaced in place).
    MapSameLayout(u8),
    /// `map` to `(T, u64)` and back: two other layouts, a new block each time (std: nothing).
    MapThroughWider,
    /// `clone_from` a fresh slice of these seeds into the slice box: in place when the
    /// lengths match, a new block otherwise (as std).
    SliceCloneFrom(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `TryFrom` the slice box into an array box of 3, else of 1, and back into a slice box.
    SliceIntoArray,
    /// Arms a [`Tracked`] panic in the next operation, on both sides.
    ArmPanic(Trigger, u8),
}

/// The boxvec side: an optional single box and a slice box, on the run's allocator.
struct OursState<T, A: Allocator> {
    single: Option<MyBox<T, TestAlloc<A>>>,
    slice: MyBox<[T], TestAlloc<A>>,
}

/// The std side.
struct StdState<T> {
    single: Option<Box<T>>,
    slice: Box<[T]>,
}

/// Applies `ops` to boxes on a [`TestAlloc`](super::TestAlloc) over `alloc` and to std's
/// boxes, comparing the values after every step. A failing sequence is minimized before it
/// is reported.
///
/// # Errors
/// The first [`Mismatch`]: a different result or panic, different values, different live
/// [`Tracked`] counts, a violation of the `Allocator` contract, or a block not freed.
///
/// # Examples
/// ```
/// use boxvec::check::{BoxOp, run_box_ops};
/// use boxvec::alloc::Global;
/// let summary = run_box_ops::<(), _>(&[BoxOp::New(0), BoxOp::IntoInner], Global).unwrap();
/// assert_eq!(summary.steps, 2);
/// ```
pub fn run_box_ops<T: Element, A: Allocator + Clone>(
    ops: &[BoxOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_box_ops_within::<T, A>(ops, alloc, None)
}

/// [`run_box_ops`] with the live bytes limited to `budget`.
pub(crate) fn run_box_ops_within<T: Element, A: Allocator + Clone>(
    ops: &[BoxOp],
    alloc: A,
    budget: Option<usize>,
) -> Result<RunSummary, Mismatch> {
    let once = |ops: &[BoxOp]| {
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
            short_type_name::<MyBox<T, TestAlloc<A>>>(),
            short_type_name::<T>(),
        );
        report.set_context(names, "BoxOp", minimal, ops.len());
        report.oracle = std::format!("Box<{}>", short_type_name::<T>());
    })
}

fn run_all<T: Element, A: Allocator + Clone>(
    ops: &[BoxOp],
    alloc: &TestAlloc<A>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut sides = Sides::<T, A> {
        ours: OursState {
            single: None,
            slice: MyVec::new_in(alloc.clone()).into_boxed_slice(),
        },
        theirs: StdState {
            single: None,
            slice: Vec::new().into_boxed_slice(),
        },
        alloc,
    };
    let mut pending = PendingPanic::default();
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        pending.before_step(match *op {
            BoxOp::ArmPanic(trigger, nth) => Some((trigger, nth)),
            _ => None,
        });
        let panicked = sides.apply(&step)?;
        Tracked::disarm();
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        let (ours, theirs) = (&sides.ours, &sides.theirs);
        step.same(
            "single value",
            ours.single.as_deref(),
            theirs.single.as_deref(),
        )?;
        step.same_contents(&ours.slice, &theirs.slice)?;
        step.same_live_counts()?;
        step.same(
            "blocks held by the boxes",
            alloc.checked().live_blocks(),
            blocks_needed(ours),
        )?;
    }
    Ok(())
}

/// The blocks our boxes must hold: one per box of a sized, non-empty value. An empty slice or
/// a zero-sized value never reaches the allocator; a box never holds a second block.
fn blocks_needed<T, A: Allocator>(ours: &OursState<T, A>) -> usize {
    if mem::size_of::<T>() == 0 {
        return 0;
    }
    usize::from(ours.single.is_some()) + usize::from(!ours.slice.is_empty())
}

/// Both sides and the run's allocator.
struct Sides<'a, T, A: Allocator> {
    ours: OursState<T, A>,
    theirs: StdState<T>,
    alloc: &'a TestAlloc<A>,
}

/// Whether a step panicked (identically on both sides), or the mismatch.
type StepResult = Result<bool, Mismatch>;

// Each operation has its own function, and `apply` names every variant: a `match` shared by
// both sides, with a catch-all arm, once let a mistake run another operation on *both* sides
// at once, which the comparison with std cannot notice (see docs/mutants.md).
impl<T: Element, A: Allocator + Clone> Sides<'_, T, A> {
    fn apply(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        match step.op {
            BoxOp::New(seed) => self.create_new(step, *seed),
            BoxOp::TryNew(seed) => self.create_try_new(step, *seed),
            BoxOp::TryNewRefused(seed) => self.try_new_refused(step, *seed),
            BoxOp::NewUninitWrite(seed) => self.create_uninit_write(step, *seed),
            BoxOp::Set(seed) => self.set(step, *seed),
            BoxOp::Clone => self.clone_single(step),
            BoxOp::IntoInner => self.take_inner(step),
            BoxOp::RawRoundTrip => self.raw_round_trip(step, false),
            BoxOp::NonNullRoundTrip => self.raw_round_trip(step, true),
            BoxOp::DropSingle => self.drop_single(step),
            BoxOp::SingleIntoSlice => self.single_into_slice(step),
            BoxOp::SliceFrom(seeds) => self.slice_from(step, seeds),
            BoxOp::SliceUninit(len, seed) => self.slice_uninit(step, usize::from(len % 64), *seed),
            BoxOp::SliceSet(index, seed) => self.slice_set(step, *index, *seed),
            BoxOp::SliceClone => self.slice_clone(step),
            BoxOp::SliceIntoVecPush(seed) => self.slice_into_vec_push(step, *seed),
            BoxOp::CloneFrom(seed) => self.clone_from_single(step, *seed),
            BoxOp::SliceCloneFrom(seeds) => self.clone_from_slice(step, seeds),
            BoxOp::TakeWrite(seed) => self.reuse(step, Reuse::TakeWrite(*seed)),
            BoxOp::MapSameLayout(seed) => self.reuse(step, Reuse::MapSameLayout(*seed)),
            BoxOp::MapThroughWider => self.reuse(step, Reuse::MapThroughWider),
            BoxOp::SliceIntoArray => self.slice_into_array(step),
            BoxOp::ArmPanic(..) => Ok(false),
        }
    }

    /// `new_in`: replaces the single box.
    fn create_new(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.single, &mut self.theirs.single, self.alloc);
        step.run_both(
            || *ours = Some(MyBox::new_in(T::from_seed(seed, Side::Ours), alloc.clone())),
            || *theirs = Some(Box::new(T::from_seed(seed, Side::Std))),
        )
    }

    /// `try_new_in`: replaces the single box. This operation injects no failure, so a refusal
    /// comes from the allocator under test and stops the run, as a refusal in `new_in` would.
    fn create_try_new(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.single, &mut self.theirs.single, self.alloc);
        let ours_side = || {
            let value = T::from_seed(seed, Side::Ours);
            let b = alloc.fallible(|| MyBox::try_new_in(value, alloc.clone()));
            let refusal = Refusal {
                layout: Layout::new::<T>(),
                by: Refuser::AllocatorUnderTest,
            };
            *ours = Some(b.unwrap_or_else(|_| std::panic::panic_any(refusal)));
        };
        step.run_both(ours_side, || {
            *theirs = Some(Box::new(T::from_seed(seed, Side::Std)));
        })
    }

    /// `new_uninit_in`, then `write`: replaces the single box.
    fn create_uninit_write(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.single, &mut self.theirs.single, self.alloc);
        let ours_side = || {
            let uninit: MyBox<MaybeUninit<T>, _> = MyBox::new_uninit_in(alloc.clone());
            *ours = Some(MyBox::write(uninit, T::from_seed(seed, Side::Ours)));
        };
        step.run_both(ours_side, || {
            let uninit: Box<MaybeUninit<T>> = Box::new_uninit();
            *theirs = Some(Box::write(uninit, T::from_seed(seed, Side::Std)));
        })
    }

    /// `try_new_in` with the allocator refusing (boxvec side only): `Err` for a sized value,
    /// `Ok` for a zero-sized one (which never asks); nothing may leak.
    fn try_new_refused(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        // Only boxvec runs this step, so a panic armed for it would have no twin on the std
        // side: disarm.
        Tracked::disarm();
        let alloc = self.alloc;
        let outcome = run_side(|| {
            let value = T::from_seed(seed, Side::Ours);
            let (result, _) = refuse_next(alloc, || MyBox::try_new_in(value, alloc.clone()));
            // A refused `try_new_in` drops the value it was given; a ZST box is dropped here.
            result.is_ok()
        });
        let zero_sized = mem::size_of::<T>() == 0;
        step.same("try_new_in result", outcome, run_side(|| zero_sized))?;
        Ok(false)
    }

    /// `*b = value` through `DerefMut`, if there is a single box.
    fn set(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        step.run_both(
            || ours.as_mut().map(|b| **b = T::from_seed(seed, Side::Ours)),
            || theirs.as_mut().map(|b| **b = T::from_seed(seed, Side::Std)),
        )
    }

    /// `clone`: the clone replaces the single box.
    fn clone_single(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        step.run_both(|| *ours = ours.clone(), || *theirs = theirs.clone())
    }

    /// `into_inner` (std: `*b`): the value is compared, then dropped.
    fn take_inner(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        step.run_both(
            || ours.take().map(MyBox::into_inner),
            || theirs.take().map(|b| *b),
        )
    }

    /// Drops the single box.
    fn drop_single(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        step.run_both(|| drop(ours.take()), || drop(theirs.take()))
    }

    /// `into_raw_with_allocator` + `from_raw_in`, or the `NonNull` pair (std's
    /// `into_raw` + `from_raw` for both: its `NonNull` functions are unstable).
    fn raw_round_trip(&mut self, step: &Step<'_, BoxOp>, non_null: bool) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        let ours_side = || {
            let Some(b) = ours.take() else { return };
            *ours = Some(if non_null {
                let (ptr, a) = MyBox::into_non_null_with_allocator(b);
                // SAFETY: the pointer and allocator come straight from
                // `into_non_null_with_allocator`.
                unsafe { MyBox::from_non_null_in(ptr, a) }
            } else {
                let (ptr, a) = MyBox::into_raw_with_allocator(b);
                // SAFETY: the pointer and allocator come straight from `into_raw_with_allocator`.
                unsafe { MyBox::from_raw_in(ptr, a) }
            });
        };
        step.run_both(ours_side, || {
            let Some(b) = theirs.take() else { return };
            let ptr = Box::into_raw(b);
            // SAFETY: the pointer comes straight from `Box::into_raw`.
            *theirs = Some(unsafe { Box::from_raw(ptr) });
        })
    }

    /// `into_boxed_slice` of the single box, if there is one: it replaces the slice box.
    fn single_into_slice(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours, &mut self.theirs);
        let ours_side = || {
            if let Some(b) = ours.single.take() {
                ours.slice = MyBox::into_boxed_slice(b);
            }
        };
        step.run_both(ours_side, || {
            if let Some(b) = theirs.single.take() {
                // std's `Box::into_boxed_slice` is unstable: a one-element array box coerces
                // to a slice box.
                let one: Box<[T; 1]> = Box::new([*b]);
                theirs.slice = one;
            }
        })
    }

    /// A vector of these seeds, `into_boxed_slice`: replaces the slice box.
    fn slice_from(&mut self, step: &Step<'_, BoxOp>, seeds: &[u8]) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let ours_side = || {
            let mut v = MyVec::new_in(alloc.clone());
            v.extend(values::<T>(seeds, Side::Ours));
            *ours = v.into_boxed_slice();
        };
        step.run_both(ours_side, || {
            *theirs = values::<T>(seeds, Side::Std).into();
        })
    }

    /// `new_uninit_slice_in(len)`, every slot written with consecutive seeds, `assume_init`:
    /// replaces the slice box.
    fn slice_uninit(&mut self, step: &Step<'_, BoxOp>, len: usize, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let ours_side = || {
            let mut slots: MyBox<[MaybeUninit<T>], _> =
                MyBox::new_uninit_slice_in(len, alloc.clone());
            write_seeds(&mut slots, seed, Side::Ours);
            // SAFETY: `write_seeds` wrote every slot.
            *ours = unsafe { slots.assume_init() };
        };
        step.run_both(ours_side, || {
            let mut slots: Box<[MaybeUninit<T>]> = Box::new_uninit_slice(len);
            write_seeds(&mut slots, seed, Side::Std);
            // SAFETY: `write_seeds` wrote every slot.
            *theirs = unsafe { slots.assume_init() };
        })
    }

    /// `slice[i] = value` (out of bounds panics identically).
    fn slice_set(&mut self, step: &Step<'_, BoxOp>, index: Index, seed: u8) -> StepResult {
        let (ours, theirs) = (&mut self.ours.slice, &mut self.theirs.slice);
        let at = index.resolve(ours.len());
        step.run_both(
            || ours[at] = T::from_seed(seed, Side::Ours),
            || theirs[at] = T::from_seed(seed, Side::Std),
        )
    }

    /// `clone` of the slice box.
    fn slice_clone(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours.slice, &mut self.theirs.slice);
        step.run_both(|| *ours = ours.clone(), || *theirs = theirs.clone())
    }

    /// `into_vec`, `push`, `into_boxed_slice` on the slice box.
    fn slice_into_vec_push(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let ours_side = || {
            let empty = MyVec::new_in(alloc.clone()).into_boxed_slice();
            let mut v = mem::replace(ours, empty).into_vec();
            v.push(T::from_seed(seed, Side::Ours));
            *ours = v.into_boxed_slice();
        };
        step.run_both(ours_side, || {
            let mut v = mem::take(theirs).into_vec();
            v.push(T::from_seed(seed, Side::Std));
            *theirs = v.into_boxed_slice();
        })
    }

    /// `clone_from` a fresh box of `seed` into the single box, if there is one. As in std the
    /// value is cloned in place: no request may reach the allocator.
    fn clone_from_single(&mut self, step: &Step<'_, BoxOp>, seed: u8) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.single, &mut self.theirs.single, self.alloc);
        // The requests `clone_from` made (it always works in place here).
        let mut made = None;
        let ours_side = || {
            let Some(b) = ours.as_mut() else { return };
            let source = MyBox::new_in(T::from_seed(seed, Side::Ours), alloc.clone());
            made = Some(with_requests(alloc, || b.clone_from(&source)).1);
        };
        let panicked = step.run_both(ours_side, || {
            let Some(b) = theirs.as_mut() else { return };
            b.clone_from(&Box::new(T::from_seed(seed, Side::Std)));
        })?;
        if let Some(requests) = made {
            step.same("allocator requests of an in-place clone_from", requests, 0)?;
        }
        Ok(panicked)
    }

    /// `clone_from` a fresh slice of `seeds` into the slice box: in place (no allocator
    /// request) when the lengths match, a new block otherwise, as in std.
    fn clone_from_slice(&mut self, step: &Step<'_, BoxOp>, seeds: &[u8]) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        // The requests `clone_from` made, when it had to work in place.
        let mut made = None;
        let ours_side = || {
            let mut v = MyVec::new_in(alloc.clone());
            v.extend(values::<T>(seeds, Side::Ours));
            let source = v.into_boxed_slice();
            let same_len = source.len() == ours.len();
            let (_, requests) = with_requests(alloc, || ours.clone_from(&source));
            made = same_len.then_some(requests);
        };
        let panicked = step.run_both(ours_side, || {
            let source: Box<[T]> = values::<T>(seeds, Side::Std).into();
            theirs.clone_from(&source);
        })?;
        if let Some(requests) = made {
            step.same("allocator requests of an in-place clone_from", requests, 0)?;
        }
        Ok(panicked)
    }

    /// `take` + `write`, or `map`, on the single box. std has neither (both are unstable), so
    /// its side replaces the value in place; ours drops the old value after the new one is in,
    /// std's order, so a panicking `drop` leaves both sides alike. Where the layout stays the
    /// same, the block must be reused: no request may reach the allocator (an address check
    /// would not do: a freed block is often handed straight back).
    fn reuse(&mut self, step: &Step<'_, BoxOp>, how: Reuse) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.single, &mut self.theirs.single, self.alloc);
        // Counted around the whole side, so requests made before a panic count as well.
        let (ours_outcome, made) = with_requests(alloc, || {
            run_side(|| {
                let Some(b) = ours.take() else { return };
                let (b, old) = reuse_ours(b, how);
                *ours = Some(b);
                drop(old);
            })
        });
        let std_outcome = run_side(|| {
            let Some(b) = theirs.as_mut() else { return };
            if let Reuse::TakeWrite(seed) | Reuse::MapSameLayout(seed) = how {
                drop(mem::replace(&mut **b, T::from_seed(seed, Side::Std)));
            }
        });
        let panicked = step.same_outcome(ours_outcome, std_outcome)?;
        if how != Reuse::MapThroughWider {
            step.same("allocator requests while reusing the block", made, 0)?;
        }
        Ok(panicked)
    }

    /// `TryFrom` the slice box into `[T; 3]`, else `[T; 1]`, and back: the length that fit.
    fn slice_into_array(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let ours_side = || {
            let slice = mem::replace(ours, MyVec::new_in(alloc.clone()).into_boxed_slice());
            let (slice, fit) = match MyBox::<[T; 3], _>::try_from(slice) {
                Ok(array) => (MyBox::array_into_slice(array), Some(3)),
                Err(slice) => match MyBox::<[T; 1], _>::try_from(slice) {
                    Ok(array) => (MyBox::array_into_slice(array), Some(1)),
                    Err(slice) => (slice, None),
                },
            };
            *ours = slice;
            fit
        };
        step.run_both(ours_side, || {
            let (slice, fit): (Box<[T]>, _) = match Box::<[T; 3]>::try_from(mem::take(theirs)) {
                Ok(array) => (array, Some(3)),
                Err(slice) => match Box::<[T; 1]>::try_from(slice) {
                    Ok(array) => (array, Some(1)),
                    Err(slice) => (slice, None),
                },
            };
            *theirs = slice;
            fit
        })
    }
}

/// How [`Sides::reuse`] puts a new value in the single box's block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reuse {
    /// `take`, then `write` this seed's value.
    TakeWrite(u8),
    /// `map` to this seed's value, of the same type.
    MapSameLayout(u8),
    /// `map` to `(T, u64)` and back: a new block each way.
    MapThroughWider,
}

/// Our side of [`Sides::reuse`]: the box with its new value, and the old value (dropped by the
/// caller once the new one is in, as std drops it).
fn reuse_ours<T: Element, A: Allocator>(
    b: MyBox<T, TestAlloc<A>>,
    how: Reuse,
) -> (MyBox<T, TestAlloc<A>>, Option<T>) {
    match how {
        Reuse::TakeWrite(seed) => {
            let (old, memory) = MyBox::take(b);
            (
                MyBox::write(memory, T::from_seed(seed, Side::Ours)),
                Some(old),
            )
        }
        Reuse::MapSameLayout(seed) => {
            let mut old = None;
            let b = MyBox::map(b, |value| {
                old = Some(value);
                T::from_seed(seed, Side::Ours)
            });
            (b, old)
        }
        Reuse::MapThroughWider => {
            let wider = MyBox::map(b, |value| (value, u64::MAX));
            (MyBox::map(wider, |(value, _)| value), None)
        }
    }
}

/// What `f` returned, and the requests it made to the run's allocator.
fn with_requests<A: Allocator, R>(alloc: &TestAlloc<A>, f: impl FnOnce() -> R) -> (R, u64) {
    let before = alloc.failing().requests();
    let result = f();
    (result, alloc.failing().requests() - before)
}

/// Writes consecutive seeds into every slot.
fn write_seeds<T: Element>(slots: &mut [MaybeUninit<T>], seed: u8, side: Side) {
    for (i, slot) in slots.iter_mut().enumerate() {
        slot.write(T::from_seed(seed.wrapping_add(i as u8), side));
    }
}
