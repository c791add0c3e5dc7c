//! `Splice`: the iterator of [`MyVec::splice`], which replaces a range of a vector with the
//! items of another iterator.
//!
//! Mirrors `library/alloc/src/vec/splice.rs`.
//!
//! # What it teaches
//!
//! A `Splice` is a [`Drain`] of the range plus the replacement iterator. While it is alive it
//! behaves exactly like the `Drain`: it yields the removed elements. The replacing happens in
//! its `Drop`, in four steps:
//!
//! 1. Drop the removed elements the caller did not take. The range is now a gap of
//!    uninitialized slots between the vector's `len` and the tail.
//! 2. Fill the gap from the replacement iterator, raising `len` after each write.
//! 3. If the replacement has more items, the tail must move up to widen the gap. Moving the
//!    tail costs a copy of the whole tail, so guess the count once with the iterator's
//!    `size_hint` lower bound, move the tail by that much, and fill again.
//! 4. If items are still left, the guess was too low: collect them into a temporary vector,
//!    which gives their exact count, move the tail once more, and fill from the temporary.
//!
//! When the replacement is an exact-size iterator, the tail moves once. When its `size_hint`
//! lies, the result is still right: a too-high guess leaves a gap that the `Drain`'s `Drop`
//! closes when it moves the tail back; a too-low guess ends in step 4. If the iterator
//! panics, the same `Drop` of the `Drain` closes the gap, so the vector keeps its head, the
//! items written so far, and its tail.
//!
//! # Where it differs from std
//!
//! - When the range reaches the end of the vector (no tail), std calls `Vec::extend`; here a
//!   small loop does the same thing with the same growth steps (`extend`'s strategy for
//!   iterators without an exact length: when full, reserve the lower bound plus one).
//! - The temporary of step 4 is a `MyVec` in `Global`, as std's is a `Vec` in `Global`.

use core::ops::RangeBounds;
use core::ptr;

use super::{Drain, MyVec};
use crate::alloc::{Allocator, Global};

/// A splicing iterator for [`MyVec`]: yields the removed elements, and inserts the
/// replacement when dropped.
///
/// This `struct` is created by [`MyVec::splice`]. See its documentation for more.
///
/// # Examples
/// ```
/// use boxvec::{my_vec, vec::Splice};
///
/// let mut v = my_vec![0, 1, 2];
/// let new = [7, 8];
/// let iter: Splice<'_, _> = v.splice(1.., new);
/// ```
#[derive(Debug)]
pub struct Splice<'a, I: Iterator + 'a, A: Allocator = Global> {
    /// The range being removed.
    drain: Drain<'a, I::Item, A>,
    /// What goes in its place.
    replace_with: I,
}

impl<T, A: Allocator> MyVec<T, A> {
    /// Replaces the elements in `range` with the items of `replace_with`, and returns the
    /// removed elements as an iterator. The two need not have the same length.
    ///
    /// The replacement is done when the returned iterator is dropped, whether or not it was
    /// consumed: dropping it at once replaces the range and drops the removed elements. If
    /// the `Splice` is leaked, the vector keeps only the elements before the range (as with
    /// [`drain`](Self::drain)).
    ///
    /// This is optimal when the range reaches the end of the vector, or when `replace_with`
    /// knows its length exactly (its `size_hint` lower bound is its length): the elements
    /// after the range are moved only once. Otherwise they may be moved twice, and the extra
    /// items are first collected into a temporary vector.
    ///
    /// # Panics
    /// Panics if the start of the range is greater than its end, or if the end is greater
    /// than the length of the vector, with the same messages as slice indexing.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut v = my_vec![1, 2, 3, 4];
    /// let new = [7, 8, 9];
    /// let removed: Vec<i32> = v.splice(1..3, new).collect();
    /// assert_eq!(v.as_slice(), [1, 7, 8, 9, 4]);
    /// assert_eq!(removed, [2, 3]);
    ///
    /// // Insert without removing anything: splice an empty range.
    /// v.splice(1..1, [5, 6]);
    /// assert_eq!(v.as_slice(), [1, 5, 6, 7, 8, 9, 4]);
    /// ```
    #[inline]
    #[track_caller]
    pub fn splice<R, I>(&mut self, range: R, replace_with: I) -> Splice<'_, I::IntoIter, A>
    where
        R: RangeBounds<usize>,
        I: IntoIterator<Item = T>,
    {
        Splice {
            drain: self.drain(range),
            replace_with: replace_with.into_iter(),
        }
    }
}

impl<I: Iterator, A: Allocator> Iterator for Splice<'_, I, A> {
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        self.drain.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.drain.size_hint()
    }
}

impl<I: Iterator, A: Allocator> DoubleEndedIterator for Splice<'_, I, A> {
    #[inline]
    fn next_back(&mut self) -> Option<I::Item> {
        self.drain.next_back()
    }
}

impl<I: Iterator, A: Allocator> ExactSizeIterator for Splice<'_, I, A> {}

impl<I: Iterator, A: Allocator> Drop for Splice<'_, I, A> {
    /// Drops the removed elements not yet yielded, then writes the replacement into the gap
    /// (see the module docs for the steps). If anything panics, the `Drain`'s own `Drop`
    /// still moves the tail back.
    fn drop(&mut self) {
        // Step 1: drop the rest of the range. The `Drain` now has nothing left to yield, which
        // `fill` requires.
        self.drain.by_ref().for_each(drop);

        if self.drain.tail_len == 0 {
            // No tail to move: append to the vector.
            // SAFETY: `vec` points to the vector the `Drain` borrows mutably, and no other
            // reference to it is live.
            let vec = unsafe { self.drain.vec.as_mut() };
            extend_one_by_one(vec, &mut self.replace_with);
            return;
        }

        // Step 2: fill the gap.
        // SAFETY: the `Drain` has yielded all its elements (step 1).
        if !unsafe { self.drain.fill(&mut self.replace_with) } {
            return;
        }

        // Step 3: make room for the lower bound of what is left, and fill again. (With a
        // lower bound of 0 both calls do nothing: the gap is full.)
        let (lower_bound, _) = self.replace_with.size_hint();
        self.drain.move_tail(lower_bound);
        // SAFETY: as above.
        if !unsafe { self.drain.fill(&mut self.replace_with) } {
            return;
        }

        // Step 4: the lower bound was too low (or zero). Collect the rest to learn its
        // length; this does not allocate if nothing is left.
        let mut rest = MyVec::new();
        extend_one_by_one(&mut rest, &mut self.replace_with);
        let mut rest = rest.into_iter();
        self.drain.move_tail(rest.len());
        // SAFETY: as above.
        let filled = unsafe { self.drain.fill(&mut rest) };
        debug_assert!(filled && rest.len() == 0);
        // The `Drain`'s `Drop` now moves the tail back over any gap left and sets `len`.
    }
}

/// The parts of `Splice::drop` that work on the `Drain` directly.
impl<T, A: Allocator> Drain<'_, T, A> {
    /// Writes items from `replace_with` into the gap `vec.len..tail_start`, raising `len`
    /// after each. Returns `true` if the gap is full, `false` if the iterator ran out first.
    ///
    /// # Safety
    /// - The `Drain` must have yielded all its elements, so that every slot of the gap has
    ///   been moved out or dropped (and none will be again).
    unsafe fn fill<I: Iterator<Item = T>>(&mut self, replace_with: &mut I) -> bool {
        // SAFETY: `vec` points to the vector the `Drain` borrows mutably; the replacement
        // iterator cannot reach it, so this is the only reference.
        let vec = unsafe { self.vec.as_mut() };
        while vec.len < self.tail_start {
            let Some(item) = replace_with.next() else {
                return false;
            };
            // SAFETY: `vec.len < tail_start <= capacity`, and the slot is in the gap, which
            // the caller promises holds nothing.
            unsafe { vec.buf.ptr().add(vec.len).write(item) };
            vec.len += 1;
        }
        true
    }

    /// Moves the tail up by `additional` slots, growing the buffer first if needed, so that
    /// the gap before it gets `additional` slots longer. Moving by 0 does nothing.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes (the `Drain` is unchanged then).
    fn move_tail(&mut self, additional: usize) {
        if additional == 0 {
            return; // not even a copy of the tail onto itself
        }
        // SAFETY: as in `fill`.
        let vec = unsafe { self.vec.as_mut() };
        // The buffer is in use up to the end of the tail, whatever `len` says.
        let used = self.tail_start + self.tail_len;
        vec.buf.reserve(used, additional);
        let new_tail_start = self.tail_start + additional;
        let buffer = vec.buf.ptr();
        // SAFETY: the tail is initialized and `reserve` made room for `additional` more slots
        // after it, so the destination is inside the buffer. `ptr::copy` allows overlap. The
        // slots it leaves behind join the gap.
        unsafe {
            ptr::copy(
                buffer.add(self.tail_start),
                buffer.add(new_tail_start),
                self.tail_len,
            )
        };
        self.tail_start = new_tail_start;
    }
}

/// Appends every item of `iter` to `vec`, growing like std's `Vec::extend` does for an
/// iterator of unknown exact length: when the buffer is full, reserve room for the iterator's
/// lower bound plus the item in hand.
fn extend_one_by_one<T, A: Allocator, I: Iterator<Item = T>>(vec: &mut MyVec<T, A>, iter: &mut I) {
    while let Some(item) = iter.next() {
        if vec.len == vec.capacity() {
            let (lower_bound, _) = iter.size_hint();
            vec.reserve(lower_bound.saturating_add(1));
        }
        // SAFETY: `len < capacity` now, so the slot is in the buffer and uninitialized;
        // writing it then raising `len` keeps the invariant.
        unsafe { vec.buf.ptr().add(vec.len).write(item) };
        vec.len += 1;
    }
}
