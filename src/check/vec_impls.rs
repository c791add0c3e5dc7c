//! [`VecUnderTest`] for boxvec's `MyVec` and for std's `Vec` (the oracle).
//!
//! Most methods are the same call on both types, so they are written once, in
//! `same_on_both!`. What differs: `MyVec` has the methods std keeps unstable (`push_mut`,
//! `insert_mut`, `try_remove`, `push_within_capacity`, `Drain::keep_rest`), which std's side
//! spells out with stable calls that do the same; and `MyVec` lives in the run's
//! [`TestAlloc`], std's `Vec` in the global allocator.

use core::mem::{self, MaybeUninit};
use std::format;
use std::string::String;
use std::vec::Vec;

use super::element::Element;
use super::input::IterEnd;
use super::subject::{Bounds, Collected, IterPlan, ReserveError, Supported, Taken, VecUnderTest};
use super::test_alloc::TestAlloc;
use crate::MyVec;
use crate::alloc::Allocator;

/// The methods written identically for `MyVec` and std's `Vec`.
macro_rules! same_on_both {
    (empty_like: $empty_like:expr) => {
        fn as_slice(&self) -> &[T] {
            self
        }
        fn capacity(&self) -> usize {
            self.capacity()
        }
        fn push(&mut self, value: T) -> Supported<()> {
            self.push(value);
            Ok(())
        }
        fn pop(&mut self) -> Supported<Option<T>> {
            Ok(self.pop())
        }
        fn pop_if(&mut self, predicate: &mut dyn FnMut(&mut T) -> bool) -> Supported<Option<T>> {
            Ok(self.pop_if(predicate))
        }
        fn insert(&mut self, index: usize, value: T) -> Supported<()> {
            self.insert(index, value);
            Ok(())
        }
        fn remove(&mut self, index: usize) -> Supported<T> {
            Ok(self.remove(index))
        }
        fn swap_remove(&mut self, index: usize) -> Supported<T> {
            Ok(self.swap_remove(index))
        }
        fn truncate(&mut self, len: usize) -> Supported<()> {
            self.truncate(len);
            Ok(())
        }
        fn clear(&mut self) -> Supported<()> {
            self.clear();
            Ok(())
        }
        fn reserve(&mut self, additional: usize) -> Supported<()> {
            self.reserve(additional);
            Ok(())
        }
        fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
            self.reserve_exact(additional);
            Ok(())
        }
        fn try_reserve(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
            Ok(self.try_reserve(additional).map_err(ReserveError::from))
        }
        fn try_reserve_exact(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
            Ok(self
                .try_reserve_exact(additional)
                .map_err(ReserveError::from))
        }
        fn shrink_to_fit(&mut self) -> Supported<()> {
            self.shrink_to_fit();
            Ok(())
        }
        fn shrink_to(&mut self, min_capacity: usize) -> Supported<()> {
            self.shrink_to(min_capacity);
            Ok(())
        }
        fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
            self.resize(new_len, value);
            Ok(())
        }
        fn resize_with(&mut self, new_len: usize, f: &mut dyn FnMut() -> T) -> Supported<()> {
            self.resize_with(new_len, f);
            Ok(())
        }
        fn extend_from_slice(&mut self, items: &[T]) -> Supported<()> {
            self.extend_from_slice(items);
            Ok(())
        }
        fn extend_from_within(&mut self, range: Bounds) -> Supported<()> {
            self.extend_from_within(range);
            Ok(())
        }
        fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
            Extend::extend(self, items);
            Ok(())
        }
        fn append(&mut self, other: &mut Self) -> Supported<()> {
            self.append(other);
            Ok(())
        }
        fn split_off(&mut self, at: usize) -> Supported<Self> {
            Ok(self.split_off(at))
        }
        fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
            self.retain(keep);
            Ok(())
        }
        fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
            self.retain_mut(keep);
            Ok(())
        }
        fn dedup(&mut self) -> Supported<()> {
            self.dedup();
            Ok(())
        }
        fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
            self.dedup_by_key(key);
            Ok(())
        }
        fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
            self.dedup_by(same);
            Ok(())
        }
        fn splice<I: Iterator<Item = T>>(
            &mut self,
            range: Bounds,
            replace_with: I,
            take: usize,
        ) -> Supported<Vec<T>> {
            let mut splice = self.splice(range, replace_with);
            let removed = splice.by_ref().take(take).collect();
            drop(splice);
            Ok(removed)
        }
        fn extract_if(
            &mut self,
            range: Bounds,
            filter: &mut dyn FnMut(&mut T) -> bool,
            plan: &IterPlan,
        ) -> Supported<Vec<T>> {
            let mut extract = self.extract_if(range, filter);
            let taken = extract.by_ref().take(usize::from(plan.front)).collect();
            plan.end(extract);
            Ok(taken)
        }
        fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
            let empty_like: fn(&Self) -> Self = $empty_like;
            let empty = empty_like(self);
            let mut iter = mem::replace(self, empty).into_iter();
            let taken = plan.take(&mut iter);
            let rest = format!("{:?}", iter.as_slice());
            match plan.end {
                IterEnd::KeepRest => Extend::extend(self, iter),
                IterEnd::Drop | IterEnd::Forget => drop(iter),
            }
            Ok((taken, rest))
        }
        fn clone_vec(&self) -> Supported<Self> {
            Ok(self.clone())
        }
        fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
            self.clone_from(source);
            Ok(())
        }
        unsafe fn fill_spare_capacity(
            &mut self,
            fill: &mut dyn FnMut(&mut [MaybeUninit<T>]) -> usize,
        ) -> Supported<()> {
            let written = fill(self.spare_capacity_mut());
            let new_len = self.len() + written;
            // SAFETY: the caller guarantees `fill` initialized the first `written` slots after
            // the old length, and `written` is at most the spare capacity, so the new length
            // covers only initialized slots within the capacity.
            unsafe { self.set_len(new_len) };
            Ok(())
        }
    };
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for MyVec<T, TestAlloc<A>> {
    fn new_in(alloc: TestAlloc<A>) -> Self {
        MyVec::new_in(alloc)
    }

    same_on_both!(empty_like: |v| MyVec::new_in(v.allocator().clone()));

    fn push_mut(&mut self, value: T, new: T) -> Supported<()> {
        *self.push_mut(value) = new;
        Ok(())
    }

    fn push_within_capacity(&mut self, value: T) -> Supported<Result<(), T>> {
        Ok(self.push_within_capacity(value).map(|_| ()))
    }

    fn insert_mut(&mut self, index: usize, value: T, new: T) -> Supported<()> {
        *self.insert_mut(index, value) = new;
        Ok(())
    }

    fn try_remove(&mut self, index: usize) -> Supported<Option<T>> {
        Ok(self.try_remove(index))
    }

    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let mut drain = self.drain(range);
        let taken = plan.take(&mut drain);
        let rest = format!("{:?}", drain.as_slice());
        match plan.end {
            IterEnd::KeepRest => drain.keep_rest(),
            IterEnd::Drop | IterEnd::Forget => plan.end(drain),
        }
        Ok((taken, rest))
    }

    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        // `FromIterator` is implemented for the global allocator, as std's.
        let collected: MyVec<T> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let empty = MyVec::new_in(self.allocator().clone());
        let vector = mem::replace(self, empty);
        *self = vector.into_boxed_slice().into_vec();
        Ok(())
    }
}

/// std's `Vec`: the oracle. Methods that are unstable in std are spelled out with stable
/// calls that do the same thing.
impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Vec<T> {
    fn new_in(_alloc: TestAlloc<A>) -> Self {
        Default::default() // empty, on the global allocator: std's cannot take ours on stable
    }

    same_on_both!(empty_like: |_| Vec::new());

    fn push_mut(&mut self, value: T, new: T) -> Supported<()> {
        self.push(value);
        if let Some(slot) = self.last_mut() {
            *slot = new;
        }
        Ok(())
    }

    fn push_within_capacity(&mut self, value: T) -> Supported<Result<(), T>> {
        if self.len() < self.capacity() {
            self.push(value);
            Ok(Ok(()))
        } else {
            Ok(Err(value))
        }
    }

    fn insert_mut(&mut self, index: usize, value: T, new: T) -> Supported<()> {
        self.insert(index, value);
        self[index] = new;
        Ok(())
    }

    fn try_remove(&mut self, index: usize) -> Supported<Option<T>> {
        Ok((index < self.len()).then(|| self.remove(index)))
    }

    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let start = match range.0 {
            core::ops::Bound::Included(s) => s,
            core::ops::Bound::Excluded(s) => s + 1,
            core::ops::Bound::Unbounded => 0,
        };
        let mut drain = self.drain(range);
        let taken = plan.take(&mut drain);
        let rest = format!("{:?}", drain.as_slice());
        if plan.end == IterEnd::KeepRest {
            // `keep_rest` is unstable: take the rest out and put it back where the drained
            // range began (it fits in the room the drain freed, so nothing grows).
            let kept: Vec<T> = drain.collect();
            self.splice(start..start, kept);
        } else {
            plan.end(drain);
        }
        Ok((taken, rest))
    }

    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        let collected: Vec<T> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let vector = mem::take(self);
        *self = vector.into_boxed_slice().into_vec();
        Ok(())
    }
}
