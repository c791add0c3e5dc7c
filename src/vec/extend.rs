//! `Extend` and `FromIterator` for `MyVec`, and the one loop they share.
//!
//! Mirrors `library/alloc/src/vec/spec_extend.rs`, `spec_from_iter.rs`,
//! `spec_from_iter_nested.rs` and the `Extend`/`FromIterator` impls of `vec/mod.rs`.
//!
//! # How much to reserve
//!
//! An iterator's [`size_hint`](Iterator::size_hint) is a promise nobody checks: safe code may
//! return any bounds. So the hint may only ever decide *how much memory to ask for*, never how
//! many slots to write without looking: every write below checks the capacity.
//!
//! std uses specialization to pick a strategy by iterator type. On stable we read the hint
//! instead, and get std's capacities for every iterator that tells the truth:
//!
//! - **Exact hint** (`lower == upper`), the case of ranges, slice iterators, `map`, `zip`,
//!   `chain`, `vec.into_iter()`…: std's `TrustedLen` path reserves that count at once. We do
//!   the same. (For an exact but not `TrustedLen` iterator std fills the spare capacity and
//!   then reserves what the hint says is left; with an honest hint that ends at the same
//!   capacity, because the amortized growth rule only looks at the final length.)
//! - **Any other hint** (`filter`, `chars`, `from_fn`…): like std's general path, nothing is
//!   reserved up front; the spare capacity is filled, and each time the vector is full the
//!   next item is taken and `lower + 1` more slots are reserved, `lower` being the hint of
//!   what remains.
//!
//! `collect` starts from an empty vector: with an exact hint it allocates exactly that; with
//! any other it takes the first item and allocates `max(MIN_NON_ZERO_CAP, lower + 1)`, as
//! std does.
//!
//! Where std would still differ: collecting an exact-size iterator that is not `TrustedLen`
//! (a `HashSet`'s) of fewer than `MIN_NON_ZERO_CAP` items allocates exactly that many here
//! and `MIN_NON_ZERO_CAP` in std; and std's in-place collect
//! (`v.into_iter().map(f).collect()` reusing `v`'s buffer) has no stable equivalent, so here
//! the result gets a new, exactly sized buffer. `extend` with `&T` items copies them one by
//! one where std's `Copy` specialization does a `memcpy`; the optimizer usually makes the
//! same code of the loop.

use core::cmp;
use core::ops::ControlFlow;

use super::{MyVec, SetLenOnDrop};
use crate::alloc::Allocator;
use crate::raw_vec::RawVec;

impl<T, A: Allocator> MyVec<T, A> {
    /// Appends every item of `iter`, reserving by its hint as described in the module docs.
    #[inline]
    fn extend_from_iter<I: Iterator<Item = T>>(&mut self, iter: I) {
        let (lower, upper) = iter.size_hint();
        if upper == Some(lower) {
            self.reserve(lower);
        }
        self.extend_desugared(iter);
    }

    /// The loop behind every `extend`: fill the spare capacity, and when full take one more
    /// item and reserve `lower + 1` (the hint of what is left, plus that item).
    ///
    /// Correct whatever the hint says: writes stop at the capacity, and if `next` panics the
    /// `SetLenOnDrop` guard leaves the vector owning exactly the items written.
    fn extend_desugared<I: Iterator<Item = T>>(&mut self, mut iter: I) {
        loop {
            let capacity = self.buf.capacity();
            if self.len < capacity {
                let base = self.as_mut_ptr();
                let mut written = SetLenOnDrop::new(&mut self.len);
                // `try_for_each` lets adapters like `Chain` run their own fast inner loops;
                // it stops as soon as the last spare slot is filled, so we never pull an item
                // we have no room for.
                let filled = iter.try_for_each(|item| {
                    // SAFETY: the loop stops when `written` reaches `capacity`, so the slot
                    // is in the allocation, past the initialized prefix.
                    unsafe { base.add(written.current_len()).write(item) };
                    written.increment_len(1);
                    if written.current_len() == capacity {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                });
                if filled.is_continue() {
                    return; // the iterator ran out first
                }
            }
            // Full. Take one more item (if any) before growing, so an exhausted iterator
            // never makes the vector grow.
            let Some(item) = iter.next() else { return };
            let (lower, _) = iter.size_hint();
            self.reserve(lower.saturating_add(1));
            let len = self.len;
            // SAFETY: `reserve` made room for at least one more slot after `len`.
            unsafe { self.as_mut_ptr().add(len).write(item) };
            self.len = len + 1;
        }
    }
}

impl<T, A: Allocator> Extend<T> for MyVec<T, A> {
    /// Appends every item of the iterator, in order.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes. If the iterator panics, the
    /// items appended so far stay in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.extend(2..5);
    /// assert_eq!(v, [1, 2, 3, 4]);
    /// assert_eq!(v.capacity(), 4); // exact hint: reserved 3 more at once
    /// ```
    #[inline]
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.extend_from_iter(iter.into_iter());
    }
}

impl<'a, T: Copy + 'a, A: Allocator> Extend<&'a T> for MyVec<T, A> {
    /// Appends a copy of every item of the iterator, in order.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.extend(&[2, 3]);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    #[inline]
    fn extend<I: IntoIterator<Item = &'a T>>(&mut self, iter: I) {
        self.extend_from_iter(iter.into_iter().copied());
    }
}

impl<T> FromIterator<T> for MyVec<T> {
    /// Collects the iterator into a new vector.
    ///
    /// With an exact `size_hint` the capacity is exactly that count; otherwise the first item
    /// decides the first allocation (`max(MIN_NON_ZERO_CAP, lower + 1)`) and the vector grows
    /// as needed — std's capacities, see the module docs for the two exceptions.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<u32> = (1..=3).collect();
    /// assert_eq!(v, [1, 2, 3]);
    /// assert_eq!(v.capacity(), 3);
    ///
    /// let odd: MyVec<u32> = (1..=3).filter(|x| x % 2 == 1).collect();
    /// assert_eq!(odd, [1, 3]);
    /// assert_eq!(odd.capacity(), 4);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        let (lower, upper) = iter.size_hint();
        if upper == Some(lower) {
            let mut v = MyVec::with_capacity(lower);
            v.extend_desugared(iter);
            return v;
        }
        let Some(first) = iter.next() else {
            return MyVec::new();
        };
        let (lower, _) = iter.size_hint();
        let capacity = cmp::max(RawVec::<T>::MIN_NON_ZERO_CAP, lower.saturating_add(1));
        let mut v = MyVec::with_capacity(capacity);
        v.push(first); // capacity >= 1: does not grow
        v.extend_desugared(iter);
        v
    }
}
