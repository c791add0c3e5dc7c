//! smallvec 1.x (`SmallVec<[T; 4]>`: four elements inline, then on the heap) as a
//! [`VecUnderTest`] subject.
//!
//! What it has, and how each std operation maps (every other operation answers `Unsupported`):
//!
//! | std | smallvec | note |
//! |---|---|---|
//! | `push` `pop` `insert` `remove` `swap_remove` `truncate` `clear` | same | |
//! | `reserve` `reserve_exact` `try_reserve` `try_reserve_exact` `shrink_to_fit` | same | its own growth policy and inline capacity: capacity is only checked `>= len` |
//! | `resize` `resize_with` `extend` | same | |
//! | `retain` `retain_mut` `dedup` `dedup_by` `dedup_by_key` | same | smallvec's `retain` hands out `&mut T` |
//! | `drain(range)` | same | no `as_slice`: what is left is read from its `Debug` text (`Drain([..])`); no `keep_rest` (then `Unsupported`) |
//! | `splice(range, items)` on an *empty* range | `insert_many(start, items)` | the same operation; a non-empty range is `Unsupported` |
//! | `extract_if(.., filter)` over the whole vector, then dropped | `drain_filter(filter)`, then `keep_rest` (features `drain_filter`, `drain_keep_rest`) | another range is `Unsupported` |
//! | `into_iter` `clone` `clone_from` | same | |
//! | `collect` | same | only from iterators whose hint looks exact (see below) |
//! | `into_boxed_slice` then back | `into_boxed_slice`, `Vec::from`, `SmallVec::from_vec` | |
//!
//! Not mapped, and why: `extend_from_slice`/`insert_from_slice` need `T: Copy` (the harness's
//! elements are only `Clone`); `spare_capacity_mut` does not exist; `split_off`, `shrink_to`,
//! `pop_if`, `try_remove`, `push_within_capacity`, `extend_from_within` do not exist.
//!
//! Limited by the harness, not by smallvec (see "What the trait is missing" in
//! docs/real_crates.md): `append` exists, but the harness compares the emptied `other`'s
//! capacity with std's even when capacities are only checked `>= len`, so it is left out;
//! `collect` likewise compares the new vector's capacity unless the iterator's hint looks
//! exact, so the adapter answers `Unsupported` (from the hint, before collecting) otherwise.
//!
//! Compared: contents, results, `capacity >= len`, drops exactly as std; panics must happen on
//! both sides (smallvec's messages are its own).

use core::alloc::Layout;
use core::mem;
use core::ops::Bound;

use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck,
    ReserveError, Supported, Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};
use smallvec::{CollectionAllocErr, SmallVec};

use crate::support::{
    DeferredPanic, Truncate, empty_range_start, finish_truncate, hint_looks_exact, is_tracked,
    is_whole, left_in_drain, no_tracked, refuse, rest_text,
};

/// `SmallVec<[T; 4]>`, wrapped so this crate may implement boxvec's trait for it.
pub struct Small<T>(pub SmallVec<[T; 4]>);

/// The [`VecFamily`] of [`Small`].
pub struct SmallVecs;

impl VecFamily for SmallVecs {
    type Vec<T: Element, A: Allocator + Clone> = Small<T>;
}

fn reserve_error(err: CollectionAllocErr) -> ReserveError {
    match err {
        CollectionAllocErr::CapacityOverflow => ReserveError::CapacityOverflow,
        CollectionAllocErr::AllocErr { .. } => ReserveError::AllocError,
    }
}

/// Whether `len + additional` elements fit in a layout (`isize::MAX` bytes) while the same
/// count rounded up to a power of two does not: the requests where smallvec's
/// `try_reserve` answers `CapacityOverflow` and std's reaches the allocator.
fn rounding_changes_the_error<T>(len: usize, additional: usize) -> bool {
    let Some(needed) = len.checked_add(additional) else {
        return false; // both overflow
    };
    let fits = |count: usize| Layout::array::<T>(count).is_ok();
    let rounded = needed.checked_next_power_of_two();
    fits(needed) && !rounded.is_some_and(fits)
}

impl<T> Truncate for SmallVec<[T; 4]> {
    fn len_now(&self) -> usize {
        self.len()
    }
    fn truncate_to(&mut self, len: usize) {
        self.truncate(len);
    }
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Small<T> {
    /// Its own growth policy and four inline slots; panic messages of its own.
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        panics: PanicCheck::BothPanic,
        ..Compare::STRICT
    };

    /// smallvec has no allocator parameter: the run's allocator is not used.
    fn new_in(_alloc: TestAlloc<A>) -> Self {
        Small(SmallVec::new())
    }

    forward!(
        as_slice,
        capacity,
        push,
        pop,
        insert,
        remove,
        swap_remove,
        reserve,
        reserve_exact,
        shrink_to_fit,
        extend
    );

    fn truncate(&mut self, len: usize) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.truncate(len), || len);
        Ok(())
    }

    fn clear(&mut self) -> Supported<()> {
        finish_truncate(&mut self.0, SmallVec::clear, || 0);
        Ok(())
    }

    /// A documented difference (docs/real_crates.md): smallvec's `try_reserve` rounds the
    /// new capacity up to a power of two, so a request whose byte size std can hand to the
    /// allocator (which refuses: `AllocError`) overflows after rounding (`CapacityOverflow`).
    /// Such requests are `Unsupported`, decided from the numbers before touching the vector.
    fn try_reserve(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        if rounding_changes_the_error::<T>(self.0.len(), additional) {
            return Err(Unsupported);
        }
        Ok(self.0.try_reserve(additional).map_err(reserve_error))
    }

    fn try_reserve_exact(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        Ok(self.0.try_reserve_exact(additional).map_err(reserve_error))
    }

    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.resize(new_len, value), || new_len);
        Ok(())
    }

    fn resize_with(&mut self, new_len: usize, f: &mut dyn FnMut() -> T) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.resize_with(new_len, f), || new_len);
        Ok(())
    }

    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        self.0.retain(|x| keep(x));
        Ok(())
    }

    fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
        self.0.retain_mut(keep);
        Ok(())
    }

    /// smallvec's `dedup` family swaps the duplicates to the end and drops them all at the
    /// end; std's drops each as it finds it. When a `Drop` panics, std keeps the elements it
    /// had not visited yet, smallvec has visited them all: the states differ by design (both
    /// sound). For [`Tracked`] elements, the only ones whose `Drop` panics, the `dedup` family
    /// is `Unsupported`.
    fn dedup(&mut self) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup();
        Ok(())
    }

    /// As `dedup`.
    fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup_by_key(key);
        Ok(())
    }

    /// A documented difference (docs/real_crates.md): smallvec's `dedup_by` (the old
    /// swap-based algorithm) leaves every element in the vector, in a new order, when the
    /// predicate panics; std's has removed the duplicates it saw. Both are sound. The panic
    /// is deferred ([`DeferredPanic`]); the elements after it count as distinct, as in std.
    fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.dedup_by(|a, b| deferred.call(false, || same(a, b)));
        deferred.resume();
        Ok(())
    }

    /// `keep_rest` does not exist on smallvec's `Drain`: `Unsupported`, decided before the
    /// drain starts. Its `Drain` has no `as_slice`, but its `Debug` shows the same slice.
    ///
    /// A finding (docs/real_crates.md): when an element's `Drop` panics while smallvec's
    /// `Drain` drops the items left in it, the other items and the whole tail after the range
    /// are leaked (std drops the items and puts the tail back). For [`Tracked`] elements, the
    /// only ones whose `Drop` panics, a drain that would end holding items is `Unsupported`.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let left = left_in_drain(range, self.0.len(), plan);
        if plan.end == IterEnd::KeepRest || (is_tracked::<T>() && left.is_some_and(|n| n > 0)) {
            return Err(Unsupported);
        }
        let mut drain = self.0.drain(range);
        let taken = plan.take(&mut drain);
        let debug = format!("{drain:?}");
        let rest = debug
            .strip_prefix("Drain(")
            .and_then(|s| s.strip_suffix(')'));
        let rest = rest.unwrap_or(&debug).to_string();
        plan.end(drain);
        Ok((taken, rest))
    }

    /// `insert_many(start, items)` is `splice(start..start, items)`; other ranges have no
    /// smallvec equivalent (decided before touching the vector).
    fn splice<I: Iterator<Item = T>>(
        &mut self,
        range: Bounds,
        replace_with: I,
        _take: usize,
    ) -> Supported<Vec<T>> {
        let Some(at) = empty_range_start(range, self.0.len()) else {
            return refuse(replace_with);
        };
        self.0.insert_many(at, replace_with);
        Ok(Vec::new()) // an empty range removes nothing
    }

    /// `drain_filter` visits the whole vector: `extract_if` over any other range is
    /// `Unsupported`.
    fn extract_if(
        &mut self,
        range: Bounds,
        filter: &mut dyn FnMut(&mut T) -> bool,
        plan: &IterPlan,
    ) -> Supported<Vec<T>> {
        if !is_whole(range, self.0.len()) {
            return Err(Unsupported);
        }
        let mut extract = self.0.drain_filter(filter);
        let taken = extract.by_ref().take(usize::from(plan.front)).collect();
        match plan.end {
            // A documented difference (docs/real_crates.md): dropping smallvec's
            // `DrainFilter` runs the filter over the rest and removes what it matches (the old
            // std `drain_filter`); dropping std's `ExtractIf` keeps the unvisited elements.
            // `keep_rest` (feature `drain_keep_rest`) is smallvec's way to do the latter.
            IterEnd::Drop | IterEnd::KeepRest => extract.keep_rest(),
            IterEnd::Forget => plan.end(extract),
        }
        Ok(taken)
    }

    /// A finding (docs/real_crates.md): smallvec's `IntoIter` drops the items left in it one
    /// by one and stops at the first `Drop` that panics, leaking the others (std drops them
    /// all). For [`Tracked`] elements, an iterator that would end holding items, other than
    /// by `keep_rest`, is `Unsupported`.
    fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let whole = (Bound::Unbounded, Bound::Unbounded);
        let left = left_in_drain(whole, self.0.len(), plan);
        if is_tracked::<T>() && plan.end != IterEnd::KeepRest && left != Some(0) {
            return Err(Unsupported);
        }
        let mut iter = mem::take(&mut self.0).into_iter();
        let taken = plan.take(&mut iter);
        let rest = rest_text(iter.as_slice());
        match plan.end {
            IterEnd::KeepRest => self.0.extend(iter),
            // Forgetting an `IntoIter` would leak its buffer: the harness means a drop here.
            IterEnd::Drop | IterEnd::Forget => drop(iter),
        }
        Ok((taken, rest))
    }

    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        if !hint_looks_exact(&items) {
            return refuse(items);
        }
        let collected: SmallVec<[T; 4]> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn clone_vec(&self) -> Supported<Self> {
        Ok(Small(self.0.clone()))
    }

    /// It starts with a `truncate` to the source's length ([`finish_truncate`]).
    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        let len = source.0.len();
        finish_truncate(&mut self.0, |v| v.clone_from(&source.0), || len);
        Ok(())
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let boxed = mem::take(&mut self.0).into_boxed_slice();
        self.0 = SmallVec::from_vec(boxed.into_vec());
        Ok(())
    }
}
