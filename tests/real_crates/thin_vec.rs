//! thin-vec 0.2 (`ThinVec<T>`: one pointer wide, length and capacity in a header on the heap)
//! as a [`VecUnderTest`] subject.
//!
//! | std | thin-vec | note |
//! |---|---|---|
//! | `push` `pop` `insert` `remove` `swap_remove` `truncate` `clear` | same | |
//! | `reserve` `reserve_exact` `shrink_to_fit` | same | its own growth policy: capacity is only checked `>= len` |
//! | `resize` `extend_from_slice` `extend` `split_off` | same | |
//! | `retain` `retain_mut` `dedup` `dedup_by` `dedup_by_key` | same | |
//! | `drain(range)` | same | its `Drain` has `as_slice`, no `keep_rest` (then `Unsupported`) |
//! | `splice` `extract_if` `into_iter` `clone` `clone_from` | same | |
//! | `collect` | same | only from iterators whose hint looks exact (see below) |
//! | `into_boxed_slice` then back | `Box::<[T]>::from`, `ThinVec::from` | |
//!
//! Not mapped, and why: `try_reserve*`, `shrink_to`, `resize_with`, `pop_if`, `try_remove`,
//! `push_within_capacity`, `extend_from_within`, `spare_capacity_mut` do not exist (its
//! `set_len` does, but without `spare_capacity_mut` the only pointer to the spare slots comes
//! from a slice of `len` elements, and writing past it would be undefined behaviour).
//!
//! Limited by the harness, not by thin-vec (see docs/real_crates.md): `append` exists, but the
//! harness compares the emptied `other`'s capacity with std's; `collect` compares capacity
//! unless the iterator's hint looks exact, so other hints answer `Unsupported`.
//!
//! Compared: contents, results, `capacity >= len`, drops exactly as std; panics on both
//! sides (thin-vec's messages are its own).

use core::mem;

use boxvec::alloc::Allocator;
use boxvec::check::{
    Bounds, CapacityCheck, Collected, Compare, Element, IterEnd, IterPlan, PanicCheck, Supported,
    Taken, TestAlloc, Unsupported, VecFamily, VecUnderTest,
};
use thin_vec::ThinVec;

use crate::support::{
    DeferredPanic, Truncate, finish_truncate, hint_looks_exact, is_tracked, no_tracked, refuse,
    rest_text,
};

impl<T> Truncate for ThinVec<T> {
    fn len_now(&self) -> usize {
        self.len()
    }
    fn truncate_to(&mut self, len: usize) {
        self.truncate(len);
    }
}

/// `ThinVec<T>`, wrapped so this crate may implement boxvec's trait for it.
pub struct Thin<T>(pub ThinVec<T>);

/// The [`VecFamily`] of [`Thin`].
pub struct ThinVecs;

impl VecFamily for ThinVecs {
    type Vec<T: Element, A: Allocator + Clone> = Thin<T>;
}

impl<T> Thin<T> {
    /// A documented difference: a `ThinVec` of zero-sized elements keeps its length in the
    /// pointer, offset by one, so its capacity is `usize::MAX - 1` where std's is
    /// `usize::MAX`. A reservation to exactly `usize::MAX` elements panics in thin-vec and
    /// not in std: `Unsupported`, decided from the numbers before touching the vector.
    fn zst_capacity_allows(&self, additional: usize) -> Supported<()> {
        let total = self.0.len().checked_add(additional);
        if size_of::<T>() == 0 && total == Some(usize::MAX) {
            Err(Unsupported)
        } else {
            Ok(())
        }
    }
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

    forward!(
        as_slice,
        capacity,
        push,
        pop,
        remove,
        swap_remove,
        shrink_to_fit,
        extend
    );

    /// A bug in thin-vec 0.2.21 (docs/real_crates.md): `insert` on a zero-sized element type
    /// writes the new length through the header pointer, which for ZSTs is not a pointer but
    /// the length itself (a debug assertion catches it; a release build writes to address
    /// `len + 1` and crashes). `Unsupported` for ZSTs, decided from the type; the test
    /// `thin_vec_zst_insert_is_broken` watches the bug.
    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        if size_of::<T>() == 0 {
            return refuse(value);
        }
        self.0.insert(index, value);
        Ok(())
    }

    /// Finished after a panicking `Drop` ([`finish_truncate`]), as everything below that
    /// ends with a `truncate`.
    fn truncate(&mut self, len: usize) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.truncate(len), || len);
        Ok(())
    }

    fn clear(&mut self) -> Supported<()> {
        finish_truncate(&mut self.0, ThinVec::clear, || 0);
        Ok(())
    }

    fn reserve(&mut self, additional: usize) -> Supported<()> {
        self.zst_capacity_allows(additional)?;
        self.0.reserve(additional);
        Ok(())
    }

    fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
        self.zst_capacity_allows(additional)?;
        self.0.reserve_exact(additional);
        Ok(())
    }

    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        finish_truncate(&mut self.0, |v| v.resize(new_len, value), || new_len);
        Ok(())
    }

    fn extend_from_slice(&mut self, items: &[T]) -> Supported<()> {
        self.0.extend_from_slice(items);
        Ok(())
    }

    /// The harness compares the split-off part's capacity (see the module docs). thin-vec
    /// reports `usize::MAX - 1` for zero-sized elements (its length lives in the pointer, offset
    /// by one), std `usize::MAX`: a documented difference, so ZSTs are `Unsupported` here.
    ///
    /// Also a finding (docs/real_crates.md, found by valgrind): dropping a `ThinVec` whose
    /// element's `Drop` panics leaks its heap buffer (`drop_in_place` of the elements unwinds
    /// past the `dealloc`). The harness drops the split-off part inside the step, so for
    /// [`Tracked`] elements `split_off` is `Unsupported` (as `collect`; `clone` already is).
    fn split_off(&mut self, at: usize) -> Supported<Self> {
        if size_of::<T>() == 0 || is_tracked::<T>() {
            return Err(Unsupported);
        }
        Ok(Thin(self.0.split_off(at)))
    }

    /// A documented difference (docs/real_crates.md): when the predicate panics, thin-vec's
    /// `retain` (an older, swap-based algorithm) leaves *every* element in the vector, in a
    /// new order; std's has removed the rejected ones it already visited. Both are sound. The
    /// panic is therefore stopped at the predicate and raised again after `retain` returns
    /// ([`DeferredPanic`]): the elements from the panicking one on are kept, as in std.
    /// Besides the deferred predicate panic (above): thin-vec's `retain` swaps the rejected
    /// elements to the end and drops them all at the end, std's drops each as it goes. When a
    /// `Drop` panics, std keeps the elements it had not visited yet, thin-vec has visited them
    /// all: the states differ by design (both sound). For [`Tracked`] elements, the only ones
    /// whose `Drop` panics, `retain` and the `dedup` family are `Unsupported`.
    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.retain(|x| deferred.call(true, || keep(x)));
        deferred.resume();
        Ok(())
    }

    /// As `retain`.
    fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.retain_mut(|x| deferred.call(true, || keep(x)));
        deferred.resume();
        Ok(())
    }

    /// As `retain` (the drops at the end).
    fn dedup(&mut self) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup();
        Ok(())
    }

    /// As `retain` (the drops at the end).
    fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
        no_tracked::<T>()?;
        self.0.dedup_by_key(key);
        Ok(())
    }

    /// As `retain`: thin-vec's `dedup_by` (swap-based) leaves every element in place when the
    /// predicate panics, std's has removed the duplicates it saw; the panic is deferred
    /// ([`DeferredPanic`]) and the elements after it count as distinct, as in std.
    fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
        no_tracked::<T>()?;
        let mut deferred = DeferredPanic::default();
        self.0.dedup_by(|a, b| deferred.call(false, || same(a, b)));
        deferred.resume();
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

    fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
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

    /// Only exact-looking hints (see the module docs); not for [`Tracked`] elements, whose
    /// panicking `Drop` would make thin-vec leak the collected buffer (see `split_off`).
    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        if !hint_looks_exact(&items) || is_tracked::<T>() {
            return refuse(items);
        }
        let collected: ThinVec<T> = items.collect();
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }

    /// A finding (docs/real_crates.md): thin-vec 0.2.21's `clone` writes the clones into the
    /// new buffer and sets the length only at the end, so when an element's `clone` panics,
    /// the clones made so far are leaked (std drops them). For [`Tracked`] elements, the only
    /// ones whose `clone` panics, `clone` is `Unsupported`.
    fn clone_vec(&self) -> Supported<Self> {
        if is_tracked::<T>() {
            return Err(Unsupported);
        }
        Ok(Thin(self.0.clone()))
    }

    /// thin-vec's `clone_from` is `clone`'s (the default): the same leak, the same answer.
    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        if is_tracked::<T>() {
            return Err(Unsupported);
        }
        self.0.clone_from(&source.0);
        Ok(())
    }

    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        let boxed = Box::<[T]>::from(mem::take(&mut self.0));
        self.0 = ThinVec::from(boxed);
        Ok(())
    }
}
