//! arrayvec 0.7 (`ArrayVec<T, 64>`: a fixed capacity of 64, inline, never allocates) as a
//! [`VecUnderTest`] subject.
//!
//! A full `ArrayVec` does what std's `Vec` never does (its `push` panics, its `extend`
//! panics part-way), so there is nothing to compare it with there. The adapter therefore
//! answers `Unsupported` — decided from the length *before* it touches the vector — for an
//! operation that could need more than the 64 slots:
//!
//! - `push`, `insert`: when the vector is full;
//! - `extend`: when fewer than 32 slots are free (the harness never passes an iterator of more
//!   than 32 items: its seed lists are 0 to 32 long; an iterator longer than that would make
//!   `extend` panic here and not in std, and the run would report it — so the bound is checked,
//!   not trusted).
//!
//! | std | arrayvec | note |
//! |---|---|---|
//! | `push` `insert` `pop` `remove` `swap_remove` `truncate` `clear` `extend` | same | see above |
//! | `try_remove` | `pop_at` | `None` when out of bounds, as `try_remove` |
//! | `retain` `retain_mut` | `retain` | it hands out `&mut T` |
//! | `drain(range)` | same | see below |
//! | `into_iter` (its `IntoIter` has `as_slice`) `clone` `clone_from` | same | |
//! | `collect` | `FromIterator` | only from iterators whose hint looks exact (see below) |
//!
//! Its `Drain` has no `as_slice` (nor `Debug`) to show what it still holds, nor `keep_rest`:
//! the adapter answers `Unsupported` for a `keep_rest`, and for a drain that would still hold
//! items when it ends (known from the range and the plan before the drain starts); a drain
//! that is used up shows `[]`, exactly what `as_slice` would.
//!
//! Not mapped, and why: `try_extend_from_slice` needs `T: Copy`; `spare_capacity_mut` exists,
//! but how many slots it offers depends on the capacity, which differs from std's by design,
//! and the harness's fill writes `min(n, spare)` values (see the report in docs/real_crates.md);
//! `collect` of other iterators: the harness compares the collected capacity (64 here) with
//! std's unless the hint looks exact; the reserve family, `shrink_*`, `resize*`, `dedup*`, `split_off`, `append`,
//! `splice`, `extract_if`, `extend_from_slice`, `extend_from_within` do not exist.
//!
//! Compared: contents, results, `capacity >= len` (always 64), drops exactly as std; panics
//! on both sides (arrayvec's messages are its own).

use core::mem;

use arrayvec::ArrayVec;
use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck, Supported,
    Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};

use crate::support::{hint_looks_exact, left_in_drain, refuse, rest_text};

/// The fixed capacity.
pub const CAPACITY: usize = 64;

/// The most items the harness passes in one iterator (its seed lists are 0 to 32 long).
const MAX_ITEMS: usize = 32;

/// `ArrayVec<T, 64>`, wrapped so this crate may implement boxvec's trait for it.
pub struct Array<T>(pub ArrayVec<T, CAPACITY>);

/// The [`VecFamily`] of [`Array`].
pub struct ArrayVecs;

impl VecFamily for ArrayVecs {
    type Vec<T: Element, A: Allocator + Clone> = Array<T>;
}

impl<T> Array<T> {
    /// Whether `more` elements fit.
    fn room_for(&self, more: usize) -> bool {
        self.0.remaining_capacity() >= more
    }
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Array<T> {
    /// A fixed capacity; panic messages of its own.
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        panics: PanicCheck::BothPanic,
        ..Compare::STRICT
    };

    /// arrayvec never allocates: the run's allocator is not used.
    fn new_in(_alloc: TestAlloc<A>) -> Self {
        Array(ArrayVec::new())
    }

    forward!(as_slice, capacity, pop, remove, swap_remove);

    fn push(&mut self, value: T) -> Supported<()> {
        if !self.room_for(1) {
            return refuse(value);
        }
        self.0.push(value);
        Ok(())
    }

    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        if !self.room_for(1) {
            return refuse(value);
        }
        self.0.insert(index, value);
        Ok(())
    }

    fn try_remove(&mut self, index: usize) -> Supported<Option<T>> {
        Ok(self.0.pop_at(index))
    }

    fn truncate(&mut self, len: usize) -> Supported<()> {
        self.0.truncate(len);
        Ok(())
    }

    fn clear(&mut self) -> Supported<()> {
        self.0.clear();
        Ok(())
    }

    fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
        if !self.room_for(MAX_ITEMS) {
            return refuse(items);
        }
        self.0.extend(items);
        Ok(())
    }

    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        self.0.retain(|x| keep(x));
        Ok(())
    }

    fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
        self.0.retain(keep);
        Ok(())
    }

    /// Only drains that end used up (see the module docs), decided before the drain starts.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let left = left_in_drain(range, self.0.len(), plan);
        if plan.end == IterEnd::KeepRest || left.is_some_and(|n| n > 0) {
            return Err(Unsupported);
        }
        let mut drain = self.0.drain(range);
        let taken = plan.take(&mut drain);
        plan.end(drain);
        Ok((taken, rest_text::<T>(&[])))
    }

    fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let mut iter = mem::take(&mut self.0).into_iter();
        let taken = plan.take(&mut iter);
        let rest = rest_text(iter.as_slice());
        match plan.end {
            // The rest came out of this vector: it fits back.
            IterEnd::KeepRest => self.0.extend(iter),
            IterEnd::Drop | IterEnd::Forget => drop(iter),
        }
        Ok((taken, rest))
    }

    /// At most 32 items (the harness's bound, see `MAX_ITEMS`): they fit.
    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        if !hint_looks_exact(&items) {
            return refuse(items);
        }
        let collected: ArrayVec<T, CAPACITY> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn clone_vec(&self) -> Supported<Self> {
        Ok(Array(self.0.clone()))
    }

    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        self.0.clone_from(&source.0);
        Ok(())
    }
}
