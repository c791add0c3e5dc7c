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

impl<T: Element, A: Allocator + Clone> Sides<'_, T, A> {
    fn apply(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        match step.op {
            BoxOp::New(_) | BoxOp::TryNew(_) | BoxOp::NewUninitWrite(_) => self.create(step),
            BoxOp::TryNewRefused(seed) => self.try_new_refused(step, *seed),
            BoxOp::Set(_) | BoxOp::Clone | BoxOp::IntoInner | BoxOp::DropSingle => {
                self.single(step)
            }
            BoxOp::RawRoundTrip | BoxOp::NonNullRoundTrip => self.raw_round_trip(step),
            BoxOp::SingleIntoSlice | BoxOp::SliceFrom(_) | BoxOp::SliceUninit(..) => {
                self.create_slice(step)
            }
            BoxOp::SliceSet(..) | BoxOp::SliceClone | BoxOp::SliceIntoVecPush(_) => {
                self.slice(step)
            }
            BoxOp::CloneFrom(_) | BoxOp::SliceCloneFrom(_) => self.clone_from(step),
            BoxOp::TakeWrite(_) | BoxOp::MapSameLayout(_) | BoxOp::MapThroughWider => {
                self.reuse(step)
            }
            BoxOp::SliceIntoArray => self.slice_into_array(step),
            BoxOp::ArmPanic(..) => Ok(false),
        }
    }

    /// `new_in`, `try_new_in`, `new_uninit_in` + `write`: each replaces the single box.
    fn create(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours, &mut self.theirs, self.alloc.clone());
        let o = run_side(|| match *step.op {
            BoxOp::TryNew(seed) => {
                let value = T::from_seed(seed, Side::Ours);
                let b = alloc.fallible(|| MyBox::try_new_in(value, alloc.clone()));
                // A refusal by the allocator under test (this operation does not inject any)
                // stops the run, as a refusal in `new_in` would.
                let refusal = Refusal {
                    layout: Layout::new::<T>(),
                    by: Refuser::AllocatorUnderTest,
                };
                ours.single = Some(b.unwrap_or_else(|_| std::panic::panic_any(refusal)));
            }
            BoxOp::NewUninitWrite(seed) => {
                let uninit: MyBox<MaybeUninit<T>, _> = MyBox::new_uninit_in(alloc);
                ours.single = Some(MyBox::write(uninit, T::from_seed(seed, Side::Ours)));
            }
            _ => {
                let seed = seed_of(step.op);
                ours.single = Some(MyBox::new_in(T::from_seed(seed, Side::Ours), alloc));
            }
        });
        let s = run_side(|| match *step.op {
            BoxOp::NewUninitWrite(seed) => {
                let uninit: Box<MaybeUninit<T>> = Box::new_uninit();
                theirs.single = Some(Box::write(uninit, T::from_seed(seed, Side::Std)));
            }
            _ => theirs.single = Some(Box::new(T::from_seed(seed_of(step.op), Side::Std))),
        });
        step.same_outcome(o, s)
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

    /// Operations on the single box: assign through it, clone it, take the value out, drop it.
    fn single(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs) = (&mut self.ours.single, &mut self.theirs.single);
        let (o, s) = match *step.op {
            BoxOp::Set(seed) => (
                run_side(|| ours.as_mut().map(|b| **b = T::from_seed(seed, Side::Ours))),
                run_side(|| theirs.as_mut().map(|b| **b = T::from_seed(seed, Side::Std))),
            ),
            BoxOp::Clone => (
                run_side(|| *ours = ours.clone()),
                run_side(|| *theirs = theirs.clone()),
            ),
            BoxOp::IntoInner => (
                run_side(|| ours.take().map(MyBox::into_inner)),
                run_side(|| theirs.take().map(|b| *b)),
            ),
            _ => (
                run_side(|| drop(ours.take())),
                run_side(|| drop(theirs.take())),
            ),
        };
        step.same_outcome(o, s)
    }

    /// `into_raw_with_allocator` + `from_raw_in`, or the `NonNull` pair (std's
    /// `into_raw` + `from_raw` for both: its `NonNull` functions are unstable).
    fn raw_round_trip(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let non_null = matches!(step.op, BoxOp::NonNullRoundTrip);
        let ours = &mut self.ours.single;
        let o = run_side(|| {
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
        });
        let theirs = &mut self.theirs.single;
        let s = run_side(|| {
            let Some(b) = theirs.take() else { return };
            let ptr = Box::into_raw(b);
            // SAFETY: the pointer comes straight from `Box::into_raw`.
            *theirs = Some(unsafe { Box::from_raw(ptr) });
        });
        step.same_outcome(o, s)
    }

    /// Operations that replace the slice box: from the single box, from a vector, from
    /// uninitialized slots.
    fn create_slice(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours, &mut self.theirs, self.alloc.clone());
        let o = run_side(|| match step.op {
            BoxOp::SingleIntoSlice => {
                if let Some(b) = ours.single.take() {
                    ours.slice = MyBox::into_boxed_slice(b);
                }
            }
            BoxOp::SliceFrom(seeds) => {
                let mut v = MyVec::new_in(alloc);
                v.extend(values::<T>(seeds, Side::Ours));
                ours.slice = v.into_boxed_slice();
            }
            _ => {
                let (len, seed) = uninit_args(step.op);
                let mut slots: MyBox<[MaybeUninit<T>], _> = MyBox::new_uninit_slice_in(len, alloc);
                write_seeds(&mut slots, seed, Side::Ours);
                // SAFETY: `write_seeds` wrote every slot.
                ours.slice = unsafe { slots.assume_init() };
            }
        });
        let s = run_side(|| match step.op {
            BoxOp::SingleIntoSlice => {
                if let Some(b) = theirs.single.take() {
                    // std's `Box::into_boxed_slice` is unstable: a one-element array box
                    // coerces to a slice box.
                    let one: Box<[T; 1]> = Box::new([*b]);
                    theirs.slice = one;
                }
            }
            BoxOp::SliceFrom(seeds) => theirs.slice = values::<T>(seeds, Side::Std).into(),
            _ => {
                let (len, seed) = uninit_args(step.op);
                let mut slots: Box<[MaybeUninit<T>]> = Box::new_uninit_slice(len);
                write_seeds(&mut slots, seed, Side::Std);
                // SAFETY: `write_seeds` wrote every slot.
                theirs.slice = unsafe { slots.assume_init() };
            }
        });
        step.same_outcome(o, s)
    }

    /// Operations on the slice box: assign an element, clone it, go through a vector and back.
    fn slice(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let at = match step.op {
            BoxOp::SliceSet(index, _) => index.resolve(ours.len()),
            _ => 0,
        };
        let o = run_side(|| match *step.op {
            BoxOp::SliceSet(_, seed) => ours[at] = T::from_seed(seed, Side::Ours),
            BoxOp::SliceClone => *ours = ours.clone(),
            _ => {
                let empty = MyVec::new_in(alloc.clone()).into_boxed_slice();
                let mut v = mem::replace(ours, empty).into_vec();
                v.push(T::from_seed(seed_of(step.op), Side::Ours));
                *ours = v.into_boxed_slice();
            }
        });
        let s = run_side(|| match *step.op {
            BoxOp::SliceSet(_, seed) => theirs[at] = T::from_seed(seed, Side::Std),
            BoxOp::SliceClone => *theirs = theirs.clone(),
            _ => {
                let mut v = mem::take(theirs).into_vec();
                v.push(T::from_seed(seed_of(step.op), Side::Std));
                *theirs = v.into_boxed_slice();
            }
        });
        step.same_outcome(o, s)
    }

    /// `clone_from` a fresh box into the single box (if there is one) or the slice box. As in
    /// std, the value is cloned in place — no request may reach the allocator — unless the
    /// slices' lengths differ.
    fn clone_from(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours, &mut self.theirs, self.alloc);
        let requests = || alloc.failing().requests();
        // The requests `clone_from` made, when it had to work in place.
        let mut in_place = None;
        let o = run_side(|| match step.op {
            BoxOp::SliceCloneFrom(seeds) => {
                let mut v = MyVec::new_in(alloc.clone());
                v.extend(values::<T>(seeds, Side::Ours));
                let source = v.into_boxed_slice();
                let (before, same_len) = (requests(), source.len() == ours.slice.len());
                ours.slice.clone_from(&source);
                in_place = same_len.then(|| requests() - before);
            }
            _ => {
                if let Some(b) = ours.single.as_mut() {
                    let value = T::from_seed(seed_of(step.op), Side::Ours);
                    let source = MyBox::new_in(value, alloc.clone());
                    let before = requests();
                    b.clone_from(&source);
                    in_place = Some(requests() - before);
                }
            }
        });
        let s = run_side(|| match step.op {
            BoxOp::SliceCloneFrom(seeds) => {
                let source: Box<[T]> = values::<T>(seeds, Side::Std).into();
                theirs.slice.clone_from(&source);
            }
            _ => {
                if let Some(b) = theirs.single.as_mut() {
                    b.clone_from(&Box::new(T::from_seed(seed_of(step.op), Side::Std)));
                }
            }
        });
        let panicked = step.same_outcome(o, s)?;
        if let Some(made) = in_place {
            step.same("allocator requests of an in-place clone_from", made, 0)?;
        }
        Ok(panicked)
    }

    /// `take` + `write`, or `map`, on the single box. std has neither (both are unstable), so
    /// its side replaces the value in place; ours drops the old value after the new one is in,
    /// std's order, so a panicking `drop` leaves both sides alike. Where the layout stays the
    /// same, the block must be reused: no request may reach the allocator (an address check
    /// would not do: a freed block is often handed straight back).
    fn reuse(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, seed) = (
            &mut self.ours.single,
            &mut self.theirs.single,
            seed_of(step.op),
        );
        let requests = self.alloc.failing().requests();
        let o = run_side(|| {
            let Some(b) = ours.take() else { return };
            let (b, old) = match step.op {
                BoxOp::TakeWrite(_) => {
                    let (old, memory) = MyBox::take(b);
                    (
                        MyBox::write(memory, T::from_seed(seed, Side::Ours)),
                        Some(old),
                    )
                }
                BoxOp::MapSameLayout(_) => {
                    let mut old = None;
                    let b = MyBox::map(b, |value| {
                        old = Some(value);
                        T::from_seed(seed, Side::Ours)
                    });
                    (b, old)
                }
                _ => {
                    let wider = MyBox::map(b, |value| (value, u64::MAX));
                    (MyBox::map(wider, |(value, _)| value), None)
                }
            };
            *ours = Some(b);
            drop(old);
        });
        let requests = self.alloc.failing().requests() - requests;
        let s = run_side(|| {
            let Some(b) = theirs.as_mut() else { return };
            if !matches!(step.op, BoxOp::MapThroughWider) {
                drop(mem::replace(&mut **b, T::from_seed(seed, Side::Std)));
            }
        });
        let panicked = step.same_outcome(o, s)?;
        if !matches!(step.op, BoxOp::MapThroughWider) {
            step.same("allocator requests while reusing the block", requests, 0)?;
        }
        Ok(panicked)
    }

    /// `TryFrom` the slice box into `[T; 3]`, else `[T; 1]`, and back: the length that fit.
    fn slice_into_array(&mut self, step: &Step<'_, BoxOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours.slice, &mut self.theirs.slice, self.alloc);
        let o = run_side(|| {
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
        });
        let s = run_side(|| {
            let (slice, fit): (Box<[T]>, _) = match Box::<[T; 3]>::try_from(mem::take(theirs)) {
                Ok(array) => (array, Some(3)),
                Err(slice) => match Box::<[T; 1]>::try_from(slice) {
                    Ok(array) => (array, Some(1)),
                    Err(slice) => (slice, None),
                },
            };
            *theirs = slice;
            fit
        });
        step.same_outcome(o, s)
    }
}

/// The seed of an operation that carries one value.
fn seed_of(op: &BoxOp) -> u8 {
    match *op {
        BoxOp::New(seed)
        | BoxOp::TryNew(seed)
        | BoxOp::TryNewRefused(seed)
        | BoxOp::NewUninitWrite(seed)
        | BoxOp::Set(seed)
        | BoxOp::SliceIntoVecPush(seed)
        | BoxOp::CloneFrom(seed)
        | BoxOp::TakeWrite(seed)
        | BoxOp::MapSameLayout(seed) => seed,
        _ => 0,
    }
}

/// The length (below 64) and first seed of a `SliceUninit`.
fn uninit_args(op: &BoxOp) -> (usize, u8) {
    match *op {
        BoxOp::SliceUninit(len, seed) => (usize::from(len % 64), seed),
        _ => (0, 0),
    }
}

/// Writes consecutive seeds into every slot.
fn write_seeds<T: Element>(slots: &mut [MaybeUninit<T>], seed: u8, side: Side) {
    for (i, slot) in slots.iter_mut().enumerate() {
        slot.write(T::from_seed(seed.wrapping_add(i as u8), side));
    }
}
