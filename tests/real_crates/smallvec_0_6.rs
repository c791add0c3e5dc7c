//! smallvec **0.6.13** (`SmallVec<[T; 4]>`), an old release with a published advisory:
//! RUSTSEC-2021-0003, a buffer overflow in `insert_many` when the iterator yields more items
//! than its `size_hint` lower bound (affects 0.6.3 to 0.6.13 and 1.0.0 to 1.6.0). The harness
//! is meant to find that bug by itself, from random input (see docs/real_crates.md).
//!
//! This file is also compiled into the `smallvec_0_6` fuzz target (`#[path]`), so it uses only
//! `crate::bounds` besides boxvec and smallvec.
//!
//! | std | smallvec 0.6 | note |
//! |---|---|---|
//! | `push` `pop` `insert` `remove` `swap_remove` `truncate` `clear` | same | |
//! | `reserve` `reserve_exact` `shrink_to_fit` `resize` `extend` | same | capacity only checked `>= len` |
//! | `retain` `retain_mut` `dedup` `dedup_by` `dedup_by_key` | same | its `retain` hands out `&mut T` |
//! | `drain(..)` over the whole vector | `drain()` | other ranges, `keep_rest`, and drains that would end holding items (no `as_slice` to show them) are `Unsupported` |
//! | `splice(range, items)` on an *empty* range | `insert_many(start, items)` | other ranges are `Unsupported` |
//! | `into_iter` `clone` | same | its `IntoIter` has no `as_slice` either |
//! | `collect` | same | only from iterators whose hint looks exact (the harness compares capacity otherwise) |
//! | `into_boxed_slice` then back | `into_vec`, `Box`, `SmallVec::from_vec` | |
//!
//! Not mapped: `extend_from_slice` (needs `T: Copy`); everything else does not exist in 0.6.

use core::mem;
use core::ops::Bound;

use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck, Supported,
    Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};
use smallvec_0_6::SmallVec;

use crate::support::{
    DeferredPanic, Truncate, empty_range_start, finish_truncate, hint_looks_exact, is_tracked,
    is_whole, left_in_drain, no_tracked, refuse, rest_text,
};

impl<T> Truncate for SmallVec<[T; 4]> {
    fn len_now(&self) -> usize {
        self.len()
    }
    fn truncate_to(&mut self, len: usize) {
        self.truncate(len);
    }
}

/// smallvec 0.6's `SmallVec<[T; 4]>`, wrapped so this crate may implement boxvec's trait.
pub struct Small06<T>(pub SmallVec<[T; 4]>);

/// The [`VecFamily`] of [`Small06`].
pub struct SmallVec06s;

impl VecFamily for SmallVec06s {
    type Vec<T: Element, A: Allocator + Clone> = Small06<T>;
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Small06<T> {
    /// Its own growth policy and four inline slots; panic messages of its own.
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        panics: PanicCheck::BothPanic,
        ..Compare::STRICT
    };

    fn new_in(_alloc: TestAlloc<A>) -> Self {
        Small06(SmallVec::new())
    }

    forward!(
        as_slice,
        capacity,
        push,
        pop,
        insert,
        remove,
        swap_remove,
        shrink_to_fit,
        extend
    );

    /// The same differences as smallvec 1.x (see smallvec_1.rs): `truncate` stops at a
    /// panicking `Drop` ([`finish_truncate`]), and so do `clear` and a shrinking `resize`.
    fn truncate(&mut self, len: usize) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.truncate(len), || len);
        Ok(())
    }

    fn clear(&mut self) -> Supported<()> {
        finish_truncate(&mut self.0, SmallVec::clear, || 0);
        Ok(())
    }

    /// 0.6 saturates `len + additional` instead of panicking with "capacity overflow" (and
    /// for zero-sized elements then has nothing to do): an old, documented-by-code difference.
    /// Overflowing requests are `Unsupported`, decided from the numbers.
    fn reserve(&mut self, additional: usize) -> Supported<()> {
        self.0.len().checked_add(additional).ok_or(Unsupported)?;
        self.0.reserve(additional);
        Ok(())
    }

    /// As `reserve`.
    fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
        self.0.len().checked_add(additional).ok_or(Unsupported)?;
        self.0.reserve_exact(additional);
        Ok(())
    }

    /// 0.6's `resize` clones `value` for every new slot and then drops it; std's clones it
    /// one time less and moves it into the last slot. The counts agree, but one `Drop` more
    /// runs, so a `Drop` armed by the harness fires in 0.6 and not in std (found by the
    /// `smallvec_0_6` fuzz target): `Unsupported` for `Tracked` elements.
    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        if is_tracked::<T>() {
            return refuse(value);
        }
        finish_truncate(&mut self.0, |v| v.resize(new_len, value), || new_len);
        Ok(())
    }

    /// 0.6's `retain` and `dedup` family are swap-based (as thin-vec's, see thin_vec.rs):
    /// a panicking predicate is deferred ([`DeferredPanic`]), and `Tracked` elements, whose
    /// `Drop` may panic during the final `truncate`, are `Unsupported`.
    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        VecUnderTest::<T, A>::retain_mut(self, &mut |x| keep(x))
    }

    /// 0.6's `retain` hands out `&mut T`: it is `retain_mut`.
    fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.retain(|x| deferred.call(true, || keep(x)));
        deferred.resume();
        Ok(())
    }

    /// As `retain`.
    fn dedup(&mut self) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup();
        Ok(())
    }

    /// As `retain`.
    fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup_by_key(key);
        Ok(())
    }

    /// As `retain`.
    fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.dedup_by(|a, b| deferred.call(false, || same(a, b)));
        deferred.resume();
        Ok(())
    }

    /// 0.6's `drain()` empties the whole vector: other ranges, and `keep_rest`, are
    /// `Unsupported`.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let len = self.0.len();
        let used_up = left_in_drain(range, len, plan) == Some(0);
        if plan.end == IterEnd::KeepRest || !is_whole(range, len) || !used_up {
            return Err(Unsupported);
        }
        let mut drain = self.0.drain();
        let taken = plan.take(&mut drain);
        plan.end(drain);
        Ok((taken, rest_text::<T>(&[])))
    }

    /// `insert_many(start, items)` is `splice(start..start, items)`.
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
        Ok(Vec::new())
    }

    /// Its `IntoIter` cannot show what it still holds: only iterators that end used up.
    fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let len = self.0.len();
        if left_in_drain((Bound::Unbounded, Bound::Unbounded), len, plan) != Some(0) {
            return Err(Unsupported);
        }
        let mut iter = mem::replace(&mut self.0, SmallVec::new()).into_iter();
        let taken = plan.take(&mut iter);
        match plan.end {
            IterEnd::KeepRest => self.0.extend(iter),
            IterEnd::Drop | IterEnd::Forget => drop(iter),
        }
        Ok((taken, rest_text::<T>(&[])))
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
        Ok(Small06(self.0.clone()))
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let vector = mem::replace(&mut self.0, SmallVec::new()).into_vec();
        self.0 = SmallVec::from_vec(vector.into_boxed_slice().into_vec());
        Ok(())
    }
}
