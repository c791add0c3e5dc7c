//! [`VecOp`]: every mutating method of `MyVec`, run against `std::vec::Vec`.

use core::mem;
use std::format;
use std::string::ToString;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::raw_vec_ops::refuse_next;
use super::{
    Amount, Element, HintLie, Index, Lying, Mismatch, Outcome, PendingPanic, Pred, RangeSpec,
    RunSummary, Side, Step, Tracked, Trigger, run_checked, run_side, values,
};
use crate::MyVec;
use crate::alloc::{Allocator, Checked, Failing};
use crate::error::TryReserveErrorKind;

/// How a partly consumed iterator is ended.
///
/// # Examples
/// ```
/// use boxvec::check::IterEnd;
/// let _ = IterEnd::KeepRest;
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum IterEnd {
    /// Dropped: the rest is removed and dropped (or, for `IntoIter`, dropped with the buffer).
    Drop,
    /// `mem::forget`: leaks what the iterator still owns, exactly as std leaks it. (For
    /// element types that own heap memory it is a `Drop` instead, so leak checkers stay quiet.)
    Forget,
    /// `Drain::keep_rest` (for `IntoIter`: collect the rest back into the vector; for
    /// `ExtractIf`: the same as `Drop`, which keeps the unvisited elements).
    KeepRest,
}

/// One operation on a vector. Element values are given as one-byte seeds (see [`Element`]).
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, Index, Pred, run_vec_ops};
/// use boxvec::alloc::Global;
/// let ops = [
///     VecOp::Extend(vec![1, 2, 3, 4]),
///     VecOp::Insert(Index(1), 9),
///     VecOp::Retain(Pred { modulus: 2, remainder: 0, panic_at: 255 }),
/// ];
/// run_vec_ops::<String, _>(&ops, Global).unwrap();
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum VecOp {
    /// `push`.
    Push(u8),
    /// `push_mut`, then writes through the returned reference.
    PushMut(u8, u8),
    /// `push_within_capacity`.
    PushWithinCapacity(u8),
    /// `pop`.
    Pop,
    /// `pop_if`.
    PopIf(Pred),
    /// `insert`.
    Insert(Index, u8),
    /// `insert_mut`, then writes through the returned reference.
    InsertMut(Index, u8, u8),
    /// `remove`.
    Remove(Index),
    /// `try_remove`.
    TryRemove(Index),
    /// `swap_remove`.
    SwapRemove(Index),
    /// `truncate`.
    Truncate(u16),
    /// `clear`.
    Clear,
    /// `reserve`.
    Reserve(Amount),
    /// `reserve_exact`.
    ReserveExact(Amount),
    /// `try_reserve`.
    TryReserve(Amount),
    /// `try_reserve_exact`.
    TryReserveExact(Amount),
    /// `try_reserve` with the allocator refusing the next request (boxvec side only: std's
    /// allocator cannot be made to fail). The vector must come back unchanged.
    TryReserveRefused(Amount),
    /// `shrink_to_fit`.
    ShrinkToFit,
    /// `shrink_to`.
    ShrinkTo(u16),
    /// `resize` (length taken modulo 512).
    Resize(u16, u8),
    /// `resize_with` (length taken modulo 512).
    ResizeWith(u16, u8),
    /// `extend_from_slice`.
    ExtendFromSlice(#[arbitrary(with = super::input::seeds)] Vec<u8>),
    /// `extend_from_within`.
    ExtendFromWithin(RangeSpec),
    /// `extend` from a vector's `into_iter` (an exact-size iterator).
    Extend(#[arbitrary(with = super::input::seeds)] Vec<u8>),
    /// `extend` from an iterator that lies in `size_hint` and may panic.
    ExtendLying(#[arbitrary(with = super::input::seeds)] Vec<u8>, HintLie),
    /// `append`.
    Append(#[arbitrary(with = super::input::seeds)] Vec<u8>),
    /// `split_off`; the split-off part is compared, then dropped.
    SplitOff(Index),
    /// `retain`.
    Retain(Pred),
    /// `retain_mut`.
    RetainMut(Pred),
    /// `dedup`.
    Dedup,
    /// `dedup_by_key` with key `key % modulus`.
    DedupByKey(u8),
    /// `dedup_by`.
    DedupBy(Pred),
    /// `drain`: take `front` items from the front and `back` from the back, then end it.
    Drain {
        /// The range drained.
        range: RangeSpec,
        /// Items taken with `next`.
        front: u8,
        /// Items taken with `next_back`.
        back: u8,
        /// How the drain ends.
        end: IterEnd,
    },
    /// `splice`: take `front` removed items, then drop the `Splice`.
    Splice {
        /// The range replaced.
        range: RangeSpec,
        /// The replacement seeds.
        #[arbitrary(with = super::input::seeds)]
        with: Vec<u8>,
        /// How the replacement iterator lies.
        lie: HintLie,
        /// Removed items taken before the drop.
        front: u8,
    },
    /// `extract_if`: take `take` items, then end it.
    ExtractIf {
        /// The range visited.
        range: RangeSpec,
        /// The filter.
        pred: Pred,
        /// Items taken.
        take: u8,
        /// How it ends.
        end: IterEnd,
    },
    /// `into_iter`: take items from both ends, then end it (`KeepRest` collects the rest
    /// back into a new vector in the same allocator; `Forget` acts as `Drop`, because
    /// forgetting an `IntoIter` leaks its buffer).
    IntoIter {
        /// Items taken with `next`.
        front: u8,
        /// Items taken with `next_back`.
        back: u8,
        /// How it ends.
        end: IterEnd,
    },
    /// `collect` into a new vector (global allocator) from a lying iterator; compared, then
    /// dropped.
    Collect(#[arbitrary(with = super::input::seeds)] Vec<u8>, HintLie),
    /// `clone`; the clone replaces the vector.
    Clone,
    /// `clone_from` a vector of these seeds.
    CloneFrom(#[arbitrary(with = super::input::seeds)] Vec<u8>),
    /// Writes up to `n` values into `spare_capacity_mut`, then `set_len`.
    SpareCapacity(u8, u8),
    /// `into_boxed_slice` then `MyBox::into_vec` (std: `Box::into_vec`).
    BoxedSliceRoundTrip,
    /// Arms a [`Tracked`] panic in the next operation, on both sides (no effect for other
    /// element types).
    ArmPanic(Trigger, u8),
}

/// Applies `ops` to a `MyVec<T>` on `Checked<Failing<alloc>>` and to a `std::vec::Vec<T>`,
/// comparing after every step.
///
/// # Errors
/// The first [`Mismatch`]: a different result or panic, different contents, length or
/// capacity, different live [`Tracked`] counts, a violation of the `Allocator` contract, or a
/// block not freed at the end.
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, Amount, run_vec_ops};
/// use boxvec::alloc::Global;
/// let ops = [VecOp::Reserve(Amount::Small(10)), VecOp::Push(3), VecOp::ShrinkToFit];
/// let summary = run_vec_ops::<u64, _>(&ops, Global);
/// # let _ = summary;
/// ```
pub fn run_vec_ops<T: Element, A: Allocator + Clone>(
    ops: &[VecOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_checked(ops.len(), alloc, |checked, summary| {
        run_all::<T, A>(ops, checked, summary)
    })
}

type Ours<'a, T, A> = MyVec<T, &'a Checked<Failing<A>>>;

fn run_all<T: Element, A: Allocator + Clone>(
    ops: &[VecOp],
    checked: &Checked<Failing<A>>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut ours: Ours<'_, T, A> = MyVec::new_in(checked);
    let mut theirs: Vec<T> = Vec::new();
    let mut pending = PendingPanic::default();
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        pending.before_step(match *op {
            VecOp::ArmPanic(trigger, nth) => Some((trigger, nth)),
            _ => None,
        });
        let panicked = apply(&step, &mut ours, &mut theirs, checked)?;
        Tracked::disarm();
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        compare(&step, &ours, &theirs)?;
        step.same_live_counts()?;
        // Steps like `extend_from_within` can double the length every time; a long run would
        // then outgrow any machine (libFuzzer found this as an out-of-memory). Cut both sides
        // back the same way, outside any step (no panic is armed here).
        if ours.len() > MAX_LEN {
            ours.truncate(MAX_LEN / 8);
            theirs.truncate(MAX_LEN / 8);
        }
    }
    Ok(())
}

/// The length past which a run cuts both vectors back (see `run_all`).
const MAX_LEN: usize = 4096;

/// Compares contents, length and capacity.
fn compare<T: Element, A: Allocator, Op: core::fmt::Debug>(
    step: &Step<'_, Op>,
    ours: &MyVec<T, A>,
    theirs: &Vec<T>,
) -> Result<(), Mismatch> {
    step.same("contents", ours.as_slice(), theirs.as_slice())?;
    step.same("len", ours.len(), theirs.len())?;
    step.same("capacity", ours.capacity(), theirs.capacity())
}

/// Runs `$body` with `$v` bound to our vector, then to std's, each in `run_side`, and requires
/// the same outcome. `$side` names the side (to build element values).
///
/// A rule for every step closure in this file: drop locals that own elements explicitly
/// *before* building the value to return. A local dropped after the return value exists would,
/// if its drop panicked, leak that return value (rust-lang/rust#47949), a leak of the harness
/// that the leak checkers would blame on the code under test.
macro_rules! on_both {
    ($step:expr, $ours:expr, $theirs:expr, |$v:ident, $side:ident| $body:expr) => {{
        let ours = {
            let $v = &mut *$ours;
            let $side = Side::Ours;
            run_side(move || $body)
        };
        let theirs = {
            let $v = &mut *$theirs;
            let $side = Side::Std;
            run_side(move || $body)
        };
        $step.same_outcome(ours, theirs)?
    }};
}

/// Applies one operation to both sides; returns whether it panicked (identically).
fn apply<T: Element, A: Allocator + Clone>(
    step: &Step<'_, VecOp>,
    ours: &mut Ours<'_, T, A>,
    theirs: &mut Vec<T>,
    checked: &Checked<Failing<A>>,
) -> Result<bool, Mismatch> {
    let len = ours.len();
    let panicked = match step.op {
        VecOp::Push(seed) => on_both!(step, ours, theirs, |v, side| v
            .push(T::from_seed(*seed, side))),
        VecOp::PushMut(seed, new) => {
            let o = run_side(|| {
                let slot = ours.push_mut(T::from_seed(*seed, Side::Ours));
                *slot = T::from_seed(*new, Side::Ours);
            });
            // std's `push_mut` is unstable: push, then write through `last_mut`.
            let s = run_side(|| {
                theirs.push(T::from_seed(*seed, Side::Std));
                *theirs.last_mut().unwrap() = T::from_seed(*new, Side::Std);
            });
            step.same_outcome(o, s)?
        }
        VecOp::PushWithinCapacity(seed) => {
            let o = run_side(|| {
                ours.push_within_capacity(T::from_seed(*seed, Side::Ours))
                    .map(|slot| slot.key())
                    .map_err(|value| value.key())
            });
            // std's `push_within_capacity` is unstable: the same by hand.
            let s = run_side(|| {
                let value = T::from_seed(*seed, Side::Std);
                if theirs.len() < theirs.capacity() {
                    theirs.push(value);
                    Ok(theirs.last().map_or(0, T::key))
                } else {
                    Err(value.key())
                }
            });
            step.same_outcome(o, s)?
        }
        VecOp::Pop => on_both!(step, ours, theirs, |v, _side| v.pop()),
        VecOp::PopIf(pred) => on_both!(step, ours, theirs, |v, _side| {
            let mut p = pred.start();
            v.pop_if(|x| p.test(x.key()))
        }),
        VecOp::Insert(index, seed) => {
            let at = index.resolve(len + 1);
            on_both!(step, ours, theirs, |v, side| v
                .insert(at, T::from_seed(*seed, side)))
        }
        VecOp::InsertMut(index, seed, new) => {
            let at = index.resolve(len + 1);
            let o = run_side(|| {
                let slot = ours.insert_mut(at, T::from_seed(*seed, Side::Ours));
                *slot = T::from_seed(*new, Side::Ours);
            });
            // std's `insert_mut` is unstable: insert, then write through the index.
            let s = run_side(|| {
                theirs.insert(at, T::from_seed(*seed, Side::Std));
                theirs[at] = T::from_seed(*new, Side::Std);
            });
            step.same_outcome(o, s)?
        }
        VecOp::Remove(index) => {
            let at = index.resolve(len);
            on_both!(step, ours, theirs, |v, _side| v.remove(at))
        }
        VecOp::TryRemove(index) => {
            let at = index.resolve(len);
            let o = run_side(|| ours.try_remove(at));
            // std's `try_remove` is unstable: `remove` when in bounds.
            let s = run_side(|| (at < theirs.len()).then(|| theirs.remove(at)));
            step.same_outcome(o, s)?
        }
        VecOp::SwapRemove(index) => {
            let at = index.resolve(len);
            on_both!(step, ours, theirs, |v, _side| v.swap_remove(at))
        }
        VecOp::Truncate(n) => {
            let n = usize::from(*n) % (len + 2);
            on_both!(step, ours, theirs, |v, _side| v.truncate(n))
        }
        VecOp::Clear => on_both!(step, ours, theirs, |v, _side| v.clear()),
        VecOp::Reserve(amount) => {
            let n = amount.for_infallible();
            on_both!(step, ours, theirs, |v, _side| v.reserve(n))
        }
        VecOp::ReserveExact(amount) => {
            let n = amount.for_infallible();
            on_both!(step, ours, theirs, |v, _side| v.reserve_exact(n))
        }
        VecOp::TryReserve(amount) => {
            let n = amount.resolve();
            let o = run_side(|| ours.try_reserve(n).map_err(|e| e.to_string()));
            let s = run_side(|| theirs.try_reserve(n).map_err(|e| e.to_string()));
            step.same_outcome(o, s)?
        }
        VecOp::TryReserveExact(amount) => {
            let n = amount.resolve();
            let o = run_side(|| ours.try_reserve_exact(n).map_err(|e| e.to_string()));
            let s = run_side(|| theirs.try_reserve_exact(n).map_err(|e| e.to_string()));
            step.same_outcome(o, s)?
        }
        VecOp::TryReserveRefused(amount) => {
            return try_reserve_refused(step, ours, theirs, checked, amount.resolve());
        }
        VecOp::ShrinkToFit => on_both!(step, ours, theirs, |v, _side| v.shrink_to_fit()),
        VecOp::ShrinkTo(n) => {
            let n = usize::from(*n);
            on_both!(step, ours, theirs, |v, _side| v.shrink_to(n))
        }
        VecOp::Resize(n, seed) => {
            let n = usize::from(*n) % 512;
            on_both!(step, ours, theirs, |v, side| v
                .resize(n, T::from_seed(*seed, side)))
        }
        VecOp::ResizeWith(n, seed) => {
            let n = usize::from(*n) % 512;
            on_both!(step, ours, theirs, |v, side| {
                let mut next = *seed;
                v.resize_with(n, || {
                    next = next.wrapping_add(1);
                    T::from_seed(next, side)
                })
            })
        }
        VecOp::ExtendFromSlice(seeds) => on_both!(step, ours, theirs, |v, side| v
            .extend_from_slice(&values::<T>(seeds, side))),
        VecOp::ExtendFromWithin(range) => {
            let bounds = range.resolve(len);
            on_both!(step, ours, theirs, |v, _side| v.extend_from_within(bounds))
        }
        VecOp::Extend(seeds) => on_both!(step, ours, theirs, |v, side| v
            .extend(values::<T>(seeds, side))),
        VecOp::ExtendLying(seeds, lie) => {
            let o = run_side(|| ours.extend(Lying::new(values::<T>(seeds, Side::Ours), *lie)));
            let s = run_side(|| theirs.extend(Lying::new(values::<T>(seeds, Side::Std), *lie)));
            let panicked = step.same_outcome(o, s)?;
            if lie.looks_exact(seeds.len()) {
                // An exact-looking hint is trusted for capacity here (no `TrustedLen` on
                // stable) and not by std: only the contents are comparable.
                step.same("contents", ours.as_slice(), theirs.as_slice())?;
                sync_capacity(ours, theirs);
            }
            panicked
        }
        VecOp::Append(seeds) => {
            let o = run_side(|| {
                let mut other = MyVec::new_in(*ours.allocator());
                other.extend(values::<T>(seeds, Side::Ours));
                ours.append(&mut other);
                let seen = (other.len(), other.capacity());
                drop(other);
                seen
            });
            let s = run_side(|| {
                let mut other = Vec::new();
                other.extend(values::<T>(seeds, Side::Std));
                theirs.append(&mut other);
                let seen = (other.len(), other.capacity());
                drop(other);
                seen
            });
            step.same_outcome(o, s)?
        }
        VecOp::SplitOff(index) => {
            let at = index.resolve(len + 1);
            let o = run_side(|| {
                let tail = ours.split_off(at);
                let seen = (format!("{:?}", tail.as_slice()), tail.capacity());
                drop(tail);
                seen
            });
            let s = run_side(|| {
                let tail = theirs.split_off(at);
                let seen = (format!("{:?}", tail.as_slice()), tail.capacity());
                drop(tail);
                seen
            });
            step.same_outcome(o, s)?
        }
        VecOp::Retain(pred) => on_both!(step, ours, theirs, |v, _side| {
            let mut p = pred.start();
            v.retain(|x| p.test(x.key()))
        }),
        VecOp::RetainMut(pred) => on_both!(step, ours, theirs, |v, side| {
            let mut p = pred.start();
            v.retain_mut(|x| {
                let keep = p.test(x.key());
                if keep {
                    *x = T::from_seed(x.key().wrapping_add(1), side);
                }
                keep
            })
        }),
        VecOp::Dedup => on_both!(step, ours, theirs, |v, _side| v.dedup()),
        VecOp::DedupByKey(modulus) => {
            let m = (*modulus).max(1);
            on_both!(step, ours, theirs, |v, _side| v
                .dedup_by_key(|x| x.key() % m))
        }
        VecOp::DedupBy(pred) => on_both!(step, ours, theirs, |v, _side| {
            let mut p = pred.start();
            v.dedup_by(|a, b| p.test(a.key().wrapping_add(b.key())))
        }),
        VecOp::Drain {
            range,
            front,
            back,
            end,
        } => {
            let bounds = range.resolve(len);
            let end = effective_end::<T>(*end);
            let o = run_side(|| {
                let mut drain = ours.drain(bounds);
                let taken = take_both_ends(&mut drain, *front, *back);
                let rest = format!("{:?}", drain.as_slice());
                match end {
                    IterEnd::Drop => drop(drain),
                    IterEnd::Forget => mem::forget(drain),
                    IterEnd::KeepRest => drain.keep_rest(),
                }
                (taken, rest)
            });
            let s = run_side(|| {
                let start = match bounds.0 {
                    core::ops::Bound::Included(s) => s,
                    core::ops::Bound::Excluded(s) => s + 1,
                    core::ops::Bound::Unbounded => 0,
                };
                let mut drain = theirs.drain(bounds);
                let taken = take_both_ends(&mut drain, *front, *back);
                let rest = format!("{:?}", drain.as_slice());
                match end {
                    IterEnd::Drop => drop(drain),
                    IterEnd::Forget => mem::forget(drain),
                    IterEnd::KeepRest => {
                        // std's `keep_rest` is unstable: take the rest out and splice it back
                        // where it was (no growth: it fits in the room the drain freed).
                        // The yielded items are gone, so the kept ones go back at the start.
                        let kept: Vec<T> = drain.collect();
                        theirs.splice(start..start, kept);
                    }
                }
                (taken, rest)
            });
            step.same_outcome(o, s)?
        }
        VecOp::Splice {
            range,
            with,
            lie,
            front,
        } => {
            let bounds = range.resolve(len);
            let o = run_side(|| {
                let mut splice =
                    ours.splice(bounds, Lying::new(values::<T>(with, Side::Ours), *lie));
                let removed: Vec<T> = splice.by_ref().take(usize::from(*front)).collect();
                drop(splice);
                removed
            });
            let s = run_side(|| {
                let mut splice =
                    theirs.splice(bounds, Lying::new(values::<T>(with, Side::Std), *lie));
                let removed: Vec<T> = splice.by_ref().take(usize::from(*front)).collect();
                drop(splice);
                removed
            });
            step.same_outcome(o, s)?
        }
        VecOp::ExtractIf {
            range,
            pred,
            take,
            end,
        } => {
            let bounds = range.resolve(len);
            let end = effective_end::<T>(*end);
            on_both!(step, ours, theirs, |v, _side| {
                let mut p = pred.start();
                let mut extract = v.extract_if(bounds, |x| p.test(x.key()));
                let taken: Vec<T> = extract.by_ref().take(usize::from(*take)).collect();
                match end {
                    IterEnd::Forget => mem::forget(extract),
                    IterEnd::Drop | IterEnd::KeepRest => drop(extract),
                }
                taken
            })
        }
        VecOp::IntoIter { front, back, end } => {
            let alloc = *ours.allocator();
            let o = run_side(|| {
                let mut iter = mem::replace(ours, MyVec::new_in(alloc)).into_iter();
                let taken = take_both_ends(&mut iter, *front, *back);
                let rest = format!("{:?}", iter.as_slice());
                match end {
                    IterEnd::KeepRest => ours.extend(iter),
                    IterEnd::Drop | IterEnd::Forget => drop(iter),
                }
                (taken, rest)
            });
            let s = run_side(|| {
                let mut iter = mem::take(theirs).into_iter();
                let taken = take_both_ends(&mut iter, *front, *back);
                let rest = format!("{:?}", iter.as_slice());
                match end {
                    IterEnd::KeepRest => theirs.extend(iter),
                    IterEnd::Drop | IterEnd::Forget => drop(iter),
                }
                (taken, rest)
            });
            step.same_outcome(o, s)?
        }
        VecOp::Collect(seeds, lie) => {
            let o = run_side(|| {
                let v: MyVec<T> = Lying::new(values::<T>(seeds, Side::Ours), *lie).collect();
                let seen = (format!("{:?}", v.as_slice()), v.capacity());
                drop(v);
                seen
            });
            let s = run_side(|| {
                let v: Vec<T> = Lying::new(values::<T>(seeds, Side::Std), *lie).collect();
                let seen = (format!("{:?}", v.as_slice()), v.capacity());
                drop(v);
                seen
            });
            if lie.looks_exact(seeds.len()) {
                // Capacity is not comparable for an exact-looking lie (see `ExtendLying`).
                let strip = |outcome: Outcome| match outcome {
                    Outcome::Returned(text) => Outcome::Returned(
                        text.rsplit_once(',').map_or(text.clone(), |p| p.0.into()),
                    ),
                    panicked => panicked,
                };
                step.same_outcome(strip(o), strip(s))?
            } else {
                step.same_outcome(o, s)?
            }
        }
        VecOp::Clone => {
            let o = run_side(|| {
                let copy = ours.clone();
                *ours = copy;
            });
            let s = run_side(|| {
                let copy = theirs.clone();
                *theirs = copy;
            });
            step.same_outcome(o, s)?
        }
        VecOp::CloneFrom(seeds) => {
            let source_ours = {
                let mut v = MyVec::new_in(*ours.allocator());
                v.extend(values::<T>(seeds, Side::Ours));
                v
            };
            let source_std = values::<T>(seeds, Side::Std);
            // The sources are dropped inside the step: their drops may be the armed ones.
            let o = run_side(move || {
                ours.clone_from(&source_ours);
                drop(source_ours);
            });
            let s = run_side(move || {
                theirs.clone_from(&source_std);
                drop(source_std);
            });
            step.same_outcome(o, s)?
        }
        VecOp::SpareCapacity(n, seed) => on_both!(step, ours, theirs, |v, side| {
            let spare = v.spare_capacity_mut();
            let count = usize::from(*n).min(spare.len());
            for (i, slot) in spare.iter_mut().take(count).enumerate() {
                slot.write(T::from_seed(seed.wrapping_add(i as u8), side));
            }
            let new_len = v.len() + count;
            // SAFETY: the `count` slots after the old length were initialized just above,
            // and `count <= spare.len()` keeps the new length within the capacity.
            unsafe { v.set_len(new_len) };
        }),
        VecOp::BoxedSliceRoundTrip => {
            let alloc = *ours.allocator();
            let o = run_side(|| {
                let v = mem::replace(ours, MyVec::new_in(alloc));
                *ours = v.into_boxed_slice().into_vec();
            });
            let s = run_side(|| {
                let v = mem::take(theirs);
                *theirs = v.into_boxed_slice().into_vec();
            });
            step.same_outcome(o, s)?
        }
        VecOp::ArmPanic(..) => false,
    };
    Ok(panicked)
}

/// `TryReserveRefused`: the next allocator request is refused; the vector must come back
/// unchanged with an `AllocError` (or, if no request was needed, `Ok` as on std).
fn try_reserve_refused<T: Element, A: Allocator + Clone>(
    step: &Step<'_, VecOp>,
    ours: &mut Ours<'_, T, A>,
    theirs: &mut Vec<T>,
    checked: &Checked<Failing<A>>,
    additional: usize,
) -> Result<bool, Mismatch> {
    let before = (ours.as_ptr(), ours.capacity());
    let (result, refused) = refuse_next(checked, || ours.try_reserve(additional));
    match result {
        Err(err) if refused => {
            if !matches!(err.kind(), TryReserveErrorKind::AllocError { .. }) {
                return Err(step.mismatch("error kind", err.kind(), "AllocError"));
            }
            step.same(
                "buffer after a refused request",
                (ours.as_ptr(), ours.capacity()),
                before,
            )?;
        }
        result => {
            // No request reached the allocator (enough room, or an overflow caught before):
            // the same as std.
            let theirs_result = theirs.try_reserve(additional);
            step.same(
                "result",
                result.map_err(|e| e.to_string()),
                theirs_result.map_err(|e| e.to_string()),
            )?;
        }
    }
    Ok(false)
}

/// After a step whose capacity is legitimately not comparable, gives std's vector the same
/// capacity as ours, so later steps compare growth from the same starting point.
fn sync_capacity<T, A: Allocator>(ours: &MyVec<T, A>, theirs: &mut Vec<T>) {
    if theirs.capacity() < ours.capacity() {
        theirs.reserve_exact(ours.capacity() - theirs.len());
    } else if theirs.capacity() > ours.capacity() {
        theirs.shrink_to(ours.capacity());
    }
}

/// `Forget` leaks what the iterator owns; for element types that own heap memory that would
/// be a real leak, which Miri and valgrind report, so those drop instead.
fn effective_end<T: Element>(end: IterEnd) -> IterEnd {
    if end == IterEnd::Forget && T::OWNS_HEAP {
        IterEnd::Drop
    } else {
        end
    }
}

/// Takes up to `front` items with `next`, then up to `back` with `next_back`.
fn take_both_ends<T, I: DoubleEndedIterator<Item = T>>(
    iter: &mut I,
    front: u8,
    back: u8,
) -> (Vec<T>, Vec<T>) {
    let from_front: Vec<T> = iter.by_ref().take(usize::from(front)).collect();
    let from_back: Vec<T> = iter.by_ref().rev().take(usize::from(back)).collect();
    (from_front, from_back)
}
