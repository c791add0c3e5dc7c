//! `Drain`: the iterator of [`MyVec::drain`], which moves a range of elements out of a vector.
//!
//! Mirrors `library/alloc/src/vec/drain.rs`. The range check that `drain` shares with
//! `splice`, `extract_if` and `extend_from_within` (std's `core::slice::range`, unstable
//! there) is `slice_range` in `vec/mod.rs`.
//!
//! # What it teaches
//!
//! Draining `start..end` out of a vector of length `len` splits the buffer in three:
//!
//! ```text
//! [ head: 0..start ][ drained: start..end ][ tail: end..len ]
//! ```
//!
//! The moment `drain` is called, the vector's `len` drops to `start`: as far as the vector
//! knows, it now holds only the head. The `Drain` owns the drained range and the tail. It
//! moves drained elements out one at a time (from either end); when it is dropped, it drops
//! whatever was not taken, moves the tail down to close the gap, and raises `len` again.
//!
//! Lowering `len` first is what makes `mem::forget(drain)` harmless: a forgotten `Drain`
//! never runs its `Drop`, so the tail is never moved back and the vector is left holding just
//! the head. The drained and tail elements leak, but nothing is ever dropped twice or read
//! after being moved out ("leak amplification", the price std also pays).
//!
//! # Where it differs from std
//!
//! - std walks the drained range with a `slice::Iter` (two pointers). Here it is a range of
//!   indices plus the buffer's start pointer: the same work per step, but dropping the rest
//!   needs no pointer subtraction, and zero-sized `T` needs no special case anywhere.
//! - `keep_rest` is unstable in std (`drain_keep_rest`); it is a plain method here.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop};
use core::ops::{Range, RangeBounds};
use core::ptr::{self, NonNull};
use core::slice;

use super::{MyVec, slice_range};
use crate::alloc::{Allocator, Global};

/// A draining iterator for [`MyVec`]: yields the elements of a range by value, and closes the
/// gap when dropped.
///
/// This `struct` is created by [`MyVec::drain`]. See its documentation for more.
///
/// # Examples
/// ```
/// use boxvec::{my_vec, vec::Drain};
///
/// let mut v = my_vec![0, 1, 2];
/// let iter: Drain<'_, i32> = v.drain(..);
/// ```
pub struct Drain<'a, T, A: Allocator = Global> {
    /// The vector being drained. Its `len` is the start of the drained range until `Drop`
    /// restores it.
    pub(super) vec: NonNull<MyVec<T, A>>,
    /// The buffer's start, cached so that yielding does not re-read it through `vec`. Only
    /// read while elements are being yielded: `Splice` may reallocate the buffer once the
    /// range is exhausted, so `Drop` and `Splice` take a fresh pointer from `vec`.
    base: NonNull<T>,
    /// Indices of the drained elements not yet yielded. Slots in `vec.len..tail_start`
    /// outside this range have been moved out.
    pub(super) remaining: Range<usize>,
    /// Index of the first tail element (the end of the drained range).
    pub(super) tail_start: usize,
    /// Number of tail elements, which are moved back when the `Drain` is dropped.
    pub(super) tail_len: usize,
    /// The `Drain` borrows the vector mutably for `'a`. A shared reference keeps it
    /// covariant in `T` and `A`, like std's `Drain` (it only moves values out, never in).
    _borrow: PhantomData<&'a MyVec<T, A>>,
}

// SAFETY: a `Drain` stands for the `&mut MyVec<T, A>` it was made from (the `NonNull` only
// hides that from the compiler), and `&mut MyVec<T, A>` is `Send` when `T` and `A` are.
unsafe impl<T: Send, A: Allocator + Send> Send for Drain<'_, T, A> {}
// SAFETY: as above; a shared `&Drain` gives access to nothing but `&[T]` and `&A`.
unsafe impl<T: Sync, A: Allocator + Sync> Sync for Drain<'_, T, A> {}

impl<T, A: Allocator> MyVec<T, A> {
    /// Removes the elements in `range` from the vector and returns them as an iterator.
    ///
    /// When the iterator is dropped, the elements it did not yield are dropped and the
    /// elements after the range move down to close the gap, even if the iterator was only
    /// partly consumed. The capacity is unchanged.
    ///
    /// If the iterator is leaked (for example with [`mem::forget`]), the
    /// vector may lose more elements than the range: it keeps only those before the range,
    /// and the rest leak (they are never dropped twice).
    ///
    /// # Panics
    /// Panics if the start of the range is greater than its end, or if the end is greater
    /// than the length of the vector, with the same messages as slice indexing.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut v = my_vec![1, 2, 3];
    /// let taken: Vec<i32> = v.drain(1..).collect();
    /// assert_eq!(v.as_slice(), [1]);
    /// assert_eq!(taken, [2, 3]);
    ///
    /// // A full range clears the vector, like `clear` but handing the values out.
    /// v.drain(..);
    /// assert!(v.is_empty());
    /// ```
    #[track_caller]
    pub fn drain<R>(&mut self, range: R) -> Drain<'_, T, A>
    where
        R: RangeBounds<usize>,
    {
        let len = self.len;
        let Range { start, end } = slice_range(range, len);
        // The vector keeps only the head from now on; see the module docs.
        self.len = start;
        Drain {
            base: self.buf.non_null(),
            remaining: start..end,
            tail_start: end,
            tail_len: len - end,
            vec: NonNull::from(self),
            _borrow: PhantomData,
        }
    }
}

impl<T, A: Allocator> Drain<'_, T, A> {
    /// Returns the elements not yet yielded, as a slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut v = my_vec!['a', 'b', 'c'];
    /// let mut drain = v.drain(..);
    /// assert_eq!(drain.as_slice(), ['a', 'b', 'c']);
    /// drain.next();
    /// assert_eq!(drain.as_slice(), ['b', 'c']);
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: the slots `remaining` lie inside the vector's initialized elements as they
        // were when `drain` was called, nothing has moved them out yet, and the buffer is not
        // reallocated while elements remain.
        unsafe {
            slice::from_raw_parts(
                self.base.as_ptr().add(self.remaining.start),
                self.remaining.len(),
            )
        }
    }

    /// Returns a reference to the allocator of the vector being drained.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// use boxvec::alloc::Global;
    ///
    /// let mut v = my_vec![1, 2];
    /// let drain = v.drain(..);
    /// let _: &Global = drain.allocator();
    /// ```
    #[must_use]
    #[inline]
    pub fn allocator(&self) -> &A {
        // SAFETY: `vec` comes from the `&mut MyVec` that this `Drain` borrows for its whole
        // life, so it points to a live vector; only a shared reference is made here.
        unsafe { self.vec.as_ref() }.allocator()
    }

    /// Keeps the elements not yet yielded in the vector, instead of dropping them.
    ///
    /// The vector ends up with its head, then the un-yielded elements, then its tail.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut v = my_vec!['a', 'b', 'c', 'd'];
    /// let mut drain = v.drain(1..);
    /// assert_eq!(drain.next(), Some('b'));
    /// drain.keep_rest();
    /// assert_eq!(v.as_slice(), ['a', 'c', 'd']);
    /// ```
    pub fn keep_rest(self) {
        // The buffer, from the `Drain`'s point of view:
        //
        //   [head][taken from the front][kept][taken from the back][tail]
        //         ^ vec.len              ^ remaining               ^ tail_start
        //
        // Move `kept` down to `vec.len`, then the tail right after it, then set `len`.
        // Nothing here can panic, and `Drop` must not run afterwards.
        let mut this = ManuallyDrop::new(self);
        let kept = this.remaining.clone();
        let tail_start = this.tail_start;
        let tail_len = this.tail_len;
        // SAFETY: `vec` points to the vector this `Drain` borrows mutably, and no other
        // reference to it is live.
        let vec = unsafe { this.vec.as_mut() };
        let start = vec.len;
        let buffer = vec.buf.ptr();
        // SAFETY: `kept` and the tail are initialized slots below the capacity; their
        // destinations start at `vec.len <= kept.start` and `start + kept.len() <= tail_start`,
        // so each move goes down (or stays) inside the buffer. `ptr::copy` allows overlap.
        // The moved-from slots are left behind as uninitialized, past the new `len`.
        unsafe {
            ptr::copy(buffer.add(kept.start), buffer.add(start), kept.len());
            ptr::copy(
                buffer.add(tail_start),
                buffer.add(start + kept.len()),
                tail_len,
            );
        }
        vec.len = start + kept.len() + tail_len;
    }
}

impl<T, A: Allocator> AsRef<[T]> for Drain<'_, T, A> {
    fn as_ref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for Drain<'_, T, A> {
    /// Shows the elements not yet yielded, as `Drain([..])` (as std does).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Drain").field(&self.as_slice()).finish()
    }
}

impl<T, A: Allocator> Iterator for Drain<'_, T, A> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        let index = self.remaining.next()?;
        // SAFETY: `index` was in `remaining`, so the slot holds an initialized element that
        // nothing else will read or drop: it just left `remaining`.
        Some(unsafe { self.base.add(index).read() })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.remaining.size_hint()
    }
}

impl<T, A: Allocator> DoubleEndedIterator for Drain<'_, T, A> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        let index = self.remaining.next_back()?;
        // SAFETY: as in `next`.
        Some(unsafe { self.base.add(index).read() })
    }
}

impl<T, A: Allocator> ExactSizeIterator for Drain<'_, T, A> {
    #[inline]
    fn len(&self) -> usize {
        self.remaining.len()
    }
}

impl<T, A: Allocator> FusedIterator for Drain<'_, T, A> {}

impl<T, A: Allocator> Drop for Drain<'_, T, A> {
    /// Drops the elements not yet yielded, then moves the tail down to close the gap and
    /// restores the vector's length. The tail is moved even if one of those drops panics.
    fn drop(&mut self) {
        /// Moves the tail down to `vec.len` and adds it to the length, when dropped: after the
        /// un-yielded elements are dropped, or during unwinding if one of their drops panics.
        struct MoveTailBack<'r, 'a, T, A: Allocator>(&'r mut Drain<'a, T, A>);

        impl<T, A: Allocator> Drop for MoveTailBack<'_, '_, T, A> {
            fn drop(&mut self) {
                let drain = &mut *self.0;
                if drain.tail_len == 0 {
                    return;
                }
                // SAFETY: `vec` points to the vector the `Drain` borrows mutably; no other
                // reference to it is live.
                let vec = unsafe { drain.vec.as_mut() };
                let start = vec.len;
                if drain.tail_start != start {
                    let buffer = vec.buf.ptr();
                    // SAFETY: the tail `tail_start..tail_start + tail_len` is initialized
                    // and below the capacity; `start < tail_start`, so the destination is
                    // inside the buffer too. The slots between were moved out or dropped.
                    unsafe {
                        ptr::copy(
                            buffer.add(drain.tail_start),
                            buffer.add(start),
                            drain.tail_len,
                        );
                    }
                }
                vec.len = start + drain.tail_len;
            }
        }

        // Take the un-yielded range out of `self` first, so each of its elements is dropped
        // by this code alone, whatever happens.
        let unyielded = mem::replace(&mut self.remaining, 0..0);
        let guard = MoveTailBack(self);
        if unyielded.is_empty() {
            return;
        }
        // SAFETY: as above, `vec` points to the borrowed vector.
        let buffer = unsafe { guard.0.vec.as_ref() }.buf.ptr();
        // SAFETY: the slots `unyielded` hold initialized elements that nothing else will
        // read or drop (they left `remaining` above). If one drop panics, `drop_in_place`
        // still drops the others, and the guard still moves the tail.
        unsafe {
            let to_drop =
                ptr::slice_from_raw_parts_mut(buffer.add(unyielded.start), unyielded.len());
            ptr::drop_in_place(to_drop);
        }
    }
}
