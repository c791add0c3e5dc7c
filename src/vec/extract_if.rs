//! `ExtractIf`: the iterator of [`MyVec::extract_if`], which removes and yields the elements
//! of a range that match a predicate.
//!
//! Mirrors `library/alloc/src/vec/extract_if.rs`.
//!
//! # What it teaches
//!
//! One pass over the range does the whole job, like `retain` but handing the removed elements
//! out. The buffer, during the pass:
//!
//! ```text
//! [ kept, packed down ][ hole: `del` moved-out slots ][ not yet visited ... old_len ]
//!                                                      ^ idx
//! ```
//!
//! Each visited element is either moved out and returned (the hole grows by one) or, if the
//! hole is not empty, copied down to its front (the hole slides up). When the iterator is
//! dropped, the unvisited elements are copied down over the hole in one go and the length is
//! set to `old_len - del`.
//!
//! The vector's `len` is 0 for the whole pass. The buffer is a patchwork of live and
//! moved-out slots, and nothing may see it: if the `ExtractIf` is leaked, the vector is simply
//! empty (its elements leak, none is dropped twice). If the predicate panics, the `Drop` still
//! runs during unwinding and leaves the vector whole, with the element being tested kept.
//!
//! # Where it differs from std
//!
//! Nothing in behaviour. The `Debug` output is current std's (`ExtractIf { retained: [..],
//! remainder: [..], skipped_tail: [..], .. }`); std 1.95 printed only the next element.

use core::fmt;
use core::ops::{Range, RangeBounds};
use core::ptr;

use super::{MyVec, slice_range};
use crate::alloc::{Allocator, Global};

/// An iterator that removes and yields the elements of a range of a [`MyVec`] for which a
/// predicate returns `true`.
///
/// This `struct` is created by [`MyVec::extract_if`]. See its documentation for more.
///
/// # Examples
/// ```
/// use boxvec::{my_vec, vec::ExtractIf};
///
/// let mut v = my_vec![0, 1, 2];
/// let iter: ExtractIf<'_, _, _> = v.extract_if(.., |x| *x % 2 == 0);
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed; \
              use `retain_mut` or `extract_if().for_each(drop)` to remove and discard elements"]
pub struct ExtractIf<'a, T, F, A: Allocator = Global> {
    /// The vector; its `len` is 0 until `Drop` restores it.
    vec: &'a mut MyVec<T, A>,
    /// The index of the next element to test.
    idx: usize,
    /// The end of the range: elements from here on are kept without being tested.
    end: usize,
    /// How many elements have been removed so far: the size of the hole before `idx`.
    del: usize,
    /// The vector's length before the pass.
    old_len: usize,
    /// The predicate: `true` removes the element.
    pred: F,
}

impl<T, A: Allocator> MyVec<T, A> {
    /// Returns an iterator that removes the elements in `range` for which `filter` returns
    /// `true`, and yields them. The elements for which it returns `false`, and those outside
    /// the range, stay in the vector in their original order.
    ///
    /// `filter` gets a mutable reference, so it may also change the elements it keeps. Each
    /// element in the range is tested exactly once, in order, as the iterator advances; if
    /// the iterator is dropped before the end, the untested elements are kept. The capacity
    /// is unchanged.
    ///
    /// If the iterator is leaked (for example with [`mem::forget`](core::mem::forget)), the
    /// vector is left empty and its elements leak.
    ///
    /// # Panics
    /// Panics if the start of the range is greater than its end, or if the end is greater
    /// than the length of the vector, with the same messages as slice indexing.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut numbers = my_vec![1, 2, 3, 4, 5, 6, 8, 9, 11, 13, 14, 15];
    /// let evens: Vec<i32> = numbers.extract_if(.., |x| *x % 2 == 0).collect();
    /// assert_eq!(evens, [2, 4, 6, 8, 14]);
    /// assert_eq!(numbers.as_slice(), [1, 3, 5, 9, 11, 13, 15]);
    ///
    /// // Only within a range, here the first three elements.
    /// let small: Vec<i32> = numbers.extract_if(..3, |x| *x > 1).collect();
    /// assert_eq!(small, [3, 5]);
    /// assert_eq!(numbers.as_slice(), [1, 9, 11, 13, 15]);
    /// ```
    #[track_caller]
    pub fn extract_if<F, R>(&mut self, range: R, filter: F) -> ExtractIf<'_, T, F, A>
    where
        F: FnMut(&mut T) -> bool,
        R: RangeBounds<usize>,
    {
        let old_len = self.len;
        let Range { start, end } = slice_range(range, old_len);
        // Hide every element from the vector until `Drop`; see the module docs.
        self.len = 0;
        ExtractIf {
            vec: self,
            idx: start,
            end,
            del: 0,
            old_len,
            pred: filter,
        }
    }
}

impl<T, F, A: Allocator> ExtractIf<'_, T, F, A> {
    /// Returns a reference to the allocator of the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// use boxvec::alloc::Global;
    ///
    /// let mut v = my_vec![1, 2];
    /// let iter = v.extract_if(.., |_| true);
    /// let _: &Global = iter.allocator();
    /// ```
    #[inline]
    #[must_use]
    pub fn allocator(&self) -> &A {
        self.vec.allocator()
    }
}

impl<T, F, A> Iterator for ExtractIf<'_, T, F, A>
where
    F: FnMut(&mut T) -> bool,
    A: Allocator,
{
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let buffer = self.vec.buf.ptr();
        while self.idx < self.end {
            let i = self.idx;
            // SAFETY: `i < end <= old_len`, and the slot at `idx` has not been visited, so it
            // holds an initialized element that nothing else refers to (`len` is 0).
            let current = unsafe { &mut *buffer.add(i) };
            let remove = (self.pred)(current);
            // Advance only after the predicate returned: if it panics, `Drop` starts from
            // this element and keeps it.
            self.idx += 1;
            if remove {
                self.del += 1;
                // SAFETY: the element is initialized, and from now on it is part of the hole,
                // which nothing reads or drops: this is its one move out.
                return Some(unsafe { ptr::read(current) });
            }
            if self.del > 0 {
                // SAFETY: the hole's first slot `i - del` is inside the buffer and holds
                // nothing; `del > 0` so it is not slot `i`. After the copy, slot `i` joins
                // the hole and is never read again.
                unsafe { ptr::copy_nonoverlapping(buffer.add(i), buffer.add(i - self.del), 1) };
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.end - self.idx))
    }
}

impl<T, F, A: Allocator> Drop for ExtractIf<'_, T, F, A> {
    /// Copies the unvisited elements down over the hole and restores the vector's length.
    fn drop(&mut self) {
        if self.del > 0 {
            let buffer = self.vec.buf.ptr();
            // SAFETY: `idx..old_len` are initialized, unvisited elements; their destination
            // `idx - del..old_len - del` is inside the buffer. `ptr::copy` allows overlap.
            unsafe {
                ptr::copy(
                    buffer.add(self.idx),
                    buffer.add(self.idx - self.del),
                    self.old_len - self.idx,
                );
            }
        }
        // Slots `0..old_len - del` now hold the kept elements, packed.
        self.vec.len = self.old_len - self.del;
    }
}

impl<T: fmt::Debug, F, A: Allocator> fmt::Debug for ExtractIf<'_, T, F, A> {
    /// Shows the three parts of the vector as the pass sees them, as std does: the elements
    /// kept so far (`retained`, closed up at the front), the untested part of the range
    /// (`remainder`), and the part after the range (`skipped_tail`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let start = self.vec.buf.ptr();
        // SAFETY: the first `idx - del` slots hold the elements kept so far (the pass closes
        // the hole behind itself), and `&self` keeps them from being moved meanwhile.
        let retained = unsafe { core::slice::from_raw_parts(start, self.idx - self.del) };
        // SAFETY: `idx <= end <= old_len`, and the slots `idx..old_len` have not been touched
        // by the pass, so they hold initialized elements.
        let (remainder, skipped_tail) = unsafe {
            let untouched =
                core::slice::from_raw_parts(start.add(self.idx), self.old_len - self.idx);
            untouched.split_at(self.end - self.idx)
        };
        f.debug_struct("ExtractIf")
            .field("retained", &retained)
            .field("remainder", &remainder)
            .field("skipped_tail", &skipped_tail)
            .finish_non_exhaustive()
    }
}
