//! smallvec 1.x (`SmallVec<[T; 4]>`: four elements inline, then on the heap) as a
//! [`VecUnderTest`] subject.
//!
//! What it has, and how each std operation maps (every other operation answers `Unsupported`):
//!
//! | std | smallvec | note |
//! |---|---|---|
//! | `push` `pop` `insert` `remove` `swap_remove` `truncate` `clear` | same | |
//! | `reserve` `reserve_exact` `try_reserve` `try_reserve_exact` `shrink_to_fit` | same | its own growth policy and inline capacity: capacity is only checked `>= len` |
//! | `resize` `resize_with` `extend` `append` | same | |
//! | `retain` `retain_mut` `dedup` `dedup_by` `dedup_by_key` | same | smallvec's `retain` hands out `&mut T` |
//! | `drain(range)` | same | its `Drain` has no `as_slice` and no `keep_rest` (then `Unsupported`) |
//! | `splice(range, items)` on an *empty* range | `insert_many(start, items)` | the same operation; a non-empty range is `Unsupported` |
//! | `extract_if(.., filter)` over the whole vector | `drain_filter(filter)` (feature `drain_filter`) | another range is `Unsupported` |
//! | `into_iter` `clone` `clone_from` `collect` | same | |
//! | `into_boxed_slice` then back | `into_boxed_slice`, `Vec::from`, `SmallVec::from_vec` | |
//!
//! Not mapped, and why: `extend_from_slice`/`insert_from_slice` need `T: Copy` (the harness's
//! elements are only `Clone`); `spare_capacity_mut` does not exist; `split_off`, `shrink_to`,
//! `pop_if`, `try_remove`, `push_within_capacity`, `extend_from_within` do not exist.
//!
//! Compared: contents, results, `capacity >= len`, drops exactly as std; panics must happen on
//! both sides (smallvec's messages are its own).

use core::mem;
use std::fmt::Write as _;

use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck,
    ReserveError, Supported, Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};
use smallvec::{CollectionAllocErr, SmallVec};

use crate::bounds::{empty_range_start, is_whole};

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

    fn as_slice(&self) -> &[T] {
        self.0.as_slice()
    }

    fn capacity(&self) -> usize {
        self.0.capacity()
    }

    fn push(&mut self, value: T) -> Supported<()> {
        self.0.push(value);
        Ok(())
    }

    fn pop(&mut self) -> Supported<Option<T>> {
        Ok(self.0.pop())
    }

    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        self.0.insert(index, value);
        Ok(())
    }

    fn remove(&mut self, index: usize) -> Supported<T> {
        Ok(self.0.remove(index))
    }

    fn swap_remove(&mut self, index: usize) -> Supported<T> {
        Ok(self.0.swap_remove(index))
    }

    fn truncate(&mut self, len: usize) -> Supported<()> {
        self.0.truncate(len);
        Ok(())
    }

    fn clear(&mut self) -> Supported<()> {
        self.0.clear();
        Ok(())
    }

    fn reserve(&mut self, additional: usize) -> Supported<()> {
        self.0.reserve(additional);
        Ok(())
    }

    fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
        self.0.reserve_exact(additional);
        Ok(())
    }

    fn try_reserve(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        Ok(self.0.try_reserve(additional).map_err(reserve_error))
    }

    fn try_reserve_exact(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        Ok(self.0.try_reserve_exact(additional).map_err(reserve_error))
    }

    fn shrink_to_fit(&mut self) -> Supported<()> {
        self.0.shrink_to_fit();
        Ok(())
    }

    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        self.0.resize(new_len, value);
        Ok(())
    }

    fn resize_with(&mut self, new_len: usize, f: &mut dyn FnMut() -> T) -> Supported<()> {
        self.0.resize_with(new_len, f);
        Ok(())
    }

    fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
        self.0.extend(items);
        Ok(())
    }

    fn append(&mut self, other: &mut Self) -> Supported<()> {
        self.0.append(&mut other.0);
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

    fn dedup(&mut self) -> Supported<()> {
        self.0.dedup();
        Ok(())
    }

    fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
        self.0.dedup_by_key(key);
        Ok(())
    }

    fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
        self.0.dedup_by(same);
        Ok(())
    }

    /// `keep_rest` does not exist on smallvec's `Drain`: `Unsupported`, decided before the
    /// drain starts. Its `Drain` has no `as_slice` either, so no rest text.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        if plan.end == IterEnd::KeepRest {
            return Err(Unsupported);
        }
        let mut drain = self.0.drain(range);
        let taken = plan.take(&mut drain);
        plan.end(drain);
        Ok((taken, String::new()))
    }

    /// `insert_many(start, items)` is `splice(start..start, items)`; other ranges have no
    /// smallvec equivalent (decided before touching the vector).
    fn splice<I: Iterator<Item = T>>(
        &mut self,
        range: Bounds,
        replace_with: I,
        _take: usize,
    ) -> Supported<Vec<T>> {
        let at = empty_range_start(range, self.0.len()).ok_or(Unsupported)?;
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
        plan.end(extract);
        Ok(taken)
    }

    fn into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let mut iter = mem::take(&mut self.0).into_iter();
        let taken = plan.take(&mut iter);
        let mut rest = String::new();
        let _ = write!(rest, "{:?}", iter.as_slice());
        match plan.end {
            IterEnd::KeepRest => self.0.extend(iter),
            // Forgetting an `IntoIter` would leak its buffer: the harness means a drop here.
            IterEnd::Drop | IterEnd::Forget => drop(iter),
        }
        Ok((taken, rest))
    }

    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        let collected: SmallVec<[T; 4]> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn clone_vec(&self) -> Supported<Self> {
        Ok(Small(self.0.clone()))
    }

    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        self.0.clone_from(&source.0);
        Ok(())
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let boxed = mem::take(&mut self.0).into_boxed_slice();
        self.0 = SmallVec::from_vec(boxed.into_vec());
        Ok(())
    }
}
