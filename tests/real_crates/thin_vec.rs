//! thin-vec 0.2 (`ThinVec<T>`: one pointer wide, length and capacity in a header on the heap)
//! as a [`VecUnderTest`] subject.
//!
//! | std | thin-vec | note |
//! |---|---|---|
//! | `push` `pop` `insert` `remove` `swap_remove` `truncate` `clear` | same | |
//! | `reserve` `reserve_exact` `shrink_to_fit` | same | its own growth policy: capacity is only checked `>= len` |
//! | `resize` `extend_from_slice` `extend` `append` `split_off` | same | |
//! | `retain` `retain_mut` `dedup` `dedup_by` `dedup_by_key` | same | |
//! | `drain(range)` | same | its `Drain` has `as_slice`, no `keep_rest` (then `Unsupported`) |
//! | `splice` `extract_if` `into_iter` `clone` `clone_from` `collect` | same | |
//! | `into_boxed_slice` then back | `Box::<[T]>::from`, `ThinVec::from` | |
//!
//! Not mapped, and why: `try_reserve*`, `shrink_to`, `resize_with`, `pop_if`, `try_remove`,
//! `push_within_capacity`, `extend_from_within`, `spare_capacity_mut` do not exist (its
//! `set_len` does, but without `spare_capacity_mut` the only pointer to the spare slots comes
//! from a slice of `len` elements, and writing past it would be undefined behaviour).
//!
//! Compared: contents, results, `capacity >= len`, drops exactly as std; panics on both
//! sides (thin-vec's messages are its own).

use core::mem;
use std::fmt::Write as _;

use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck,
    Supported, Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};
use thin_vec::ThinVec;

/// `ThinVec<T>`, wrapped so this crate may implement boxvec's trait for it.
pub struct Thin<T>(pub ThinVec<T>);

/// The [`VecFamily`] of [`Thin`].
pub struct ThinVecs;

impl VecFamily for ThinVecs {
    type Vec<T: Element, A: Allocator + Clone> = Thin<T>;
}

/// Debug text of a slice, for the harness's "what was left in the iterator".
fn rest_text<T: core::fmt::Debug>(rest: &[T]) -> String {
    let mut text = String::new();
    let _ = write!(text, "{rest:?}");
    text
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Thin<T> {
    /// Its own growth policy; panic messages of its own.
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        panics: PanicCheck::BothPanic,
        ..Compare::STRICT
    };

    /// thin-vec has no allocator parameter: the run's allocator is not used.
    fn new_in(_alloc: TestAlloc<A>) -> Self {
        Thin(ThinVec::new())
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

    fn shrink_to_fit(&mut self) -> Supported<()> {
        self.0.shrink_to_fit();
        Ok(())
    }

    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        self.0.resize(new_len, value);
        Ok(())
    }

    fn extend_from_slice(&mut self, items: &[T]) -> Supported<()> {
        self.0.extend_from_slice(items);
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

    fn split_off(&mut self, at: usize) -> Supported<Self> {
        Ok(Thin(self.0.split_off(at)))
    }

    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        self.0.retain(keep);
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

    /// `keep_rest` does not exist on thin-vec's `Drain`: `Unsupported`, decided before the
    /// drain starts.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        if plan.end == IterEnd::KeepRest {
            return Err(Unsupported);
        }
        let mut drain = self.0.drain(range);
        let taken = plan.take(&mut drain);
        let rest = rest_text(drain.as_slice());
        plan.end(drain);
        Ok((taken, rest))
    }

    fn splice<I: Iterator<Item = T>>(
        &mut self,
        range: Bounds,
        replace_with: I,
        take: usize,
    ) -> Supported<Vec<T>> {
        let mut splice = self.0.splice(range, replace_with);
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
        let mut extract = self.0.extract_if(range, filter);
        let taken = extract.by_ref().take(usize::from(plan.front)).collect();
        plan.end(extract);
        Ok(taken)
    }

    fn into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
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
        let collected: ThinVec<T> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    fn clone_vec(&self) -> Supported<Self> {
        Ok(Thin(self.0.clone()))
    }

    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        self.0.clone_from(&source.0);
        Ok(())
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let boxed = Box::<[T]>::from(mem::take(&mut self.0));
        self.0 = ThinVec::from(boxed);
        Ok(())
    }
}
