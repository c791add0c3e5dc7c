//! `IntoIter`: the owning iterator of a [`MyVec`], made by `for x in vec` or
//! `vec.into_iter()`.
//!
//! Mirrors `library/alloc/src/vec/into_iter.rs`.
//!
//! # What it teaches
//!
//! `into_iter` takes the vector apart: the buffer (pointer, capacity, allocator) moves into
//! the iterator, and the elements are read out of it one by one. Two pointers mark the
//! elements still owned: `ptr` (the next from the front) and `end` (one past the last). Taking
//! from the front moves `ptr` up, taking from the back moves `end` down; the slots outside
//! `ptr..end` have been moved out and are never touched again. When the iterator is dropped it
//! drops what is left and frees the buffer. The freeing sits in a guard, so it happens even if
//! one of those drops panics.
//!
//! Zero-sized elements need a trick: every one of them lives at the same address, so a
//! pointer cannot walk over them. For them `ptr` stays put (it must stay aligned, because
//! elements are read from it) and `end` is `ptr` moved forward by *one byte per element*;
//! taking an element moves `end` back one byte. Only `end`'s address is ever used, never
//! dereferenced, so it may be unaligned or wrap around; it is moved with `wrapping_byte_add`
//! and `wrapping_byte_sub`, which keep the pointer's provenance (no integer-to-pointer casts,
//! so the code is clean under Miri's strict provenance checks).
//!
//! # Where it differs from std
//!
//! - std's `advance_by` / `advance_back_by` (unstable to implement) are here `nth` /
//!   `nth_back`, which drop the skipped elements in one `drop_in_place`, as std's do.
//! - No `TrustedLen`, `TrustedRandomAccess` or in-place-collect specializations (unstable).
//! - No `#[may_dangle]` on `Drop` (nightly only), so the drop checker is stricter than std's.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, size_of};
use core::panic::UnwindSafe;
use core::ptr::{self, NonNull};
use core::slice;

use super::MyVec;
use crate::alloc::{Allocator, Global};
use crate::raw_vec::RawVec;

/// An iterator that moves the elements out of a [`MyVec`].
///
/// This `struct` is created by the `into_iter` method on `MyVec` (provided by the
/// [`IntoIterator`] trait).
///
/// # Examples
/// ```
/// use boxvec::{my_vec, vec::IntoIter};
///
/// let v = my_vec![0, 1, 2];
/// let iter: IntoIter<i32> = v.into_iter();
/// assert_eq!(iter.len(), 3);
/// ```
pub struct IntoIter<T, A: Allocator = Global> {
    /// Start of the buffer, to free it.
    buf: NonNull<T>,
    /// Capacity of the buffer, to free it with the right layout.
    cap: usize,
    /// The buffer's allocator. `Drop` moves it out (into a `RawVec`, which frees the buffer),
    /// so it must not be dropped a second time as a field.
    alloc: ManuallyDrop<A>,
    /// The next element from the front. For zero-sized `T` it never moves.
    ptr: NonNull<T>,
    /// One past the last element still owned. For zero-sized `T`: `ptr` plus one byte per
    /// element still owned, an address that is compared but never dereferenced (it may be
    /// unaligned, or even null after wrapping).
    end: *const T,
    /// The iterator owns `T`s (for the drop checker and auto traits).
    _owns: PhantomData<T>,
}

// SAFETY: an `IntoIter` owns its elements, its buffer and its allocator, like a `MyVec`:
// sending it sends `T`s and an `A`.
unsafe impl<T: Send, A: Allocator + Send> Send for IntoIter<T, A> {}
// SAFETY: a shared `&IntoIter` gives access to nothing but `&[T]` and `&A`.
unsafe impl<T: Sync, A: Allocator + Sync> Sync for IntoIter<T, A> {}
// The `NonNull` fields would make `IntoIter` unwind-safe only for `RefUnwindSafe` elements;
// like std, match what an owned `MyVec<T, A>` allows instead.
impl<T: UnwindSafe, A: Allocator + UnwindSafe> UnwindSafe for IntoIter<T, A> {}

impl<T, A: Allocator> IntoIterator for MyVec<T, A> {
    type Item = T;
    type IntoIter = IntoIter<T, A>;

    /// Turns the vector into an iterator that moves each element out, front to back.
    ///
    /// No elements are moved or copied and nothing is allocated: the iterator takes over the
    /// vector's buffer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let v = my_vec![String::from("a"), String::from("b")];
    /// let mut joined = String::new();
    /// for s in v {
    ///     // `s` is a `String`, owned: the vector is consumed.
    ///     joined += &s;
    /// }
    /// assert_eq!(joined, "ab");
    /// ```
    #[inline]
    fn into_iter(self) -> IntoIter<T, A> {
        let vec = ManuallyDrop::new(self);
        let len = vec.len;
        // SAFETY: `vec` is never dropped or used again, so reading its buffer out moves it:
        // the iterator becomes its only owner.
        let buf = unsafe { ptr::read(&vec.buf) };
        let (start, cap, alloc) = buf.into_raw_parts_with_alloc();
        // SAFETY: a `RawVec`'s pointer is never null (dangling but aligned when unallocated).
        let start = unsafe { NonNull::new_unchecked(start) };
        let end = if IntoIter::<T, A>::IS_ZST {
            start.as_ptr().wrapping_byte_add(len).cast_const()
        } else {
            // SAFETY: `len <= cap`, so `start + len` is inside the allocation or one past it.
            unsafe { start.as_ptr().add(len).cast_const() }
        };
        IntoIter {
            buf: start,
            cap,
            alloc: ManuallyDrop::new(alloc),
            ptr: start,
            end,
            _owns: PhantomData,
        }
    }
}

impl<T, A: Allocator> IntoIter<T, A> {
    /// Whether `T` is zero-sized, which changes how `end` counts (see the module docs).
    const IS_ZST: bool = size_of::<T>() == 0;

    /// The number of elements still owned.
    #[inline]
    fn remaining(&self) -> usize {
        if Self::IS_ZST {
            // `end` is `ptr` plus one byte per element; the difference may wrap around.
            self.end.addr().wrapping_sub(self.ptr.as_ptr().addr())
        } else {
            // SAFETY: `ptr` and `end` point into (or one past) the same allocation, with
            // `ptr <= end`, and the distance is a whole number of `T`s.
            unsafe { self.end.offset_from_unsigned(self.ptr.as_ptr()) }
        }
    }

    /// The elements still owned, as a raw slice (no reference to them is made).
    #[inline]
    fn remaining_raw_slice(&self) -> *mut [T] {
        ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.remaining())
    }

    /// Gives up ownership of the first `count <= remaining()` elements and returns them as a
    /// raw slice, for the caller to drop or read.
    #[inline]
    fn take_front(&mut self, count: usize) -> *mut [T] {
        debug_assert!(count <= self.remaining());
        let taken = ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), count);
        if Self::IS_ZST {
            // `ptr` must stay aligned; count down with `end` instead.
            self.end = self.end.wrapping_byte_sub(count);
        } else {
            // SAFETY: `count <= remaining()`, so the new `ptr` is at most `end`.
            self.ptr = unsafe { self.ptr.add(count) };
        }
        taken
    }

    /// Gives up ownership of the last `count <= remaining()` elements and returns them as a
    /// raw slice, for the caller to drop or read.
    #[inline]
    fn take_back(&mut self, count: usize) -> *mut [T] {
        debug_assert!(count <= self.remaining());
        if Self::IS_ZST {
            self.end = self.end.wrapping_byte_sub(count);
            // Zero-sized values all live at the (aligned) `ptr`.
            ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), count)
        } else {
            // SAFETY: `count <= remaining()`, so the new `end` is at least `ptr`.
            self.end = unsafe { self.end.sub(count) };
            ptr::slice_from_raw_parts_mut(self.end.cast_mut(), count)
        }
    }

    /// Returns the elements not yet yielded, as a slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut iter = my_vec!['a', 'b', 'c'].into_iter();
    /// assert_eq!(iter.as_slice(), ['a', 'b', 'c']);
    /// iter.next();
    /// assert_eq!(iter.as_slice(), ['b', 'c']);
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: the `remaining()` slots from `ptr` hold initialized elements owned by the
        // iterator; `ptr` is aligned and non-null even when nothing is allocated.
        unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.remaining()) }
    }

    /// Returns the elements not yet yielded, as a mutable slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut iter = my_vec!['a', 'b', 'c'].into_iter();
    /// iter.as_mut_slice()[2] = 'z';
    /// assert_eq!(iter.next(), Some('a'));
    /// assert_eq!(iter.next(), Some('b'));
    /// assert_eq!(iter.next(), Some('z'));
    /// ```
    #[must_use]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: as in `as_slice`; `&mut self` makes the slice the only access.
        unsafe { &mut *self.remaining_raw_slice() }
    }

    /// Returns a reference to the allocator of the buffer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// use boxvec::alloc::Global;
    ///
    /// let iter = my_vec![1, 2].into_iter();
    /// let _: &Global = iter.allocator();
    /// ```
    #[must_use]
    #[inline]
    pub fn allocator(&self) -> &A {
        &self.alloc
    }
}

impl<T, A: Allocator> Iterator for IntoIter<T, A> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        if self.ptr.as_ptr().cast_const() == self.end {
            return None;
        }
        let taken = self.take_front(1);
        // SAFETY: the slot held an element owned by the iterator, which just gave it up, so
        // this read is its one and only move out.
        Some(unsafe { taken.cast::<T>().read() })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let exact = self.remaining();
        (exact, Some(exact))
    }

    #[inline]
    fn count(self) -> usize {
        self.remaining()
    }

    /// Skips `n` elements, dropping them in place, then returns the next one.
    #[inline]
    fn nth(&mut self, n: usize) -> Option<T> {
        let skipped = self.take_front(n.min(self.remaining()));
        // SAFETY: the iterator gave these elements up just above, so they are dropped here
        // once. If one drop panics, `drop_in_place` drops the rest and the iterator is still
        // consistent.
        unsafe { ptr::drop_in_place(skipped) };
        self.next()
    }

    #[inline]
    fn last(mut self) -> Option<T> {
        self.next_back()
    }
}

impl<T, A: Allocator> DoubleEndedIterator for IntoIter<T, A> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        if self.ptr.as_ptr().cast_const() == self.end {
            return None;
        }
        let taken = self.take_back(1);
        // SAFETY: as in `next`.
        Some(unsafe { taken.cast::<T>().read() })
    }

    /// Skips `n` elements from the back, dropping them in place, then returns the next one.
    #[inline]
    fn nth_back(&mut self, n: usize) -> Option<T> {
        let skipped = self.take_back(n.min(self.remaining()));
        // SAFETY: as in `nth`.
        unsafe { ptr::drop_in_place(skipped) };
        self.next_back()
    }
}

impl<T, A: Allocator> ExactSizeIterator for IntoIter<T, A> {
    #[inline]
    fn len(&self) -> usize {
        self.remaining()
    }
}

impl<T, A: Allocator> FusedIterator for IntoIter<T, A> {}

impl<T, A: Allocator> AsRef<[T]> for IntoIter<T, A> {
    fn as_ref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for IntoIter<T, A> {
    /// Shows the elements not yet yielded, as `IntoIter([..])` (as std does).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IntoIter").field(&self.as_slice()).finish()
    }
}

impl<T: Clone, A: Allocator + Clone> Clone for IntoIter<T, A> {
    /// Clones the elements not yet yielded into a new buffer of exactly their number, in a
    /// clone of the allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    ///
    /// let mut iter = my_vec![1, 2, 3].into_iter();
    /// iter.next();
    /// let copy = iter.clone();
    /// assert_eq!(copy.as_slice(), [2, 3]);
    /// assert_eq!(iter.as_slice(), [2, 3]);
    /// ```
    fn clone(&self) -> Self {
        let remaining = self.as_slice();
        let mut vec = MyVec::with_capacity_in(remaining.len(), (*self.alloc).clone());
        // The capacity is exact, so these pushes never grow the buffer. If a `clone` panics,
        // `vec` drops the clones made so far and frees its buffer.
        for element in remaining {
            vec.push(element.clone());
        }
        vec.into_iter()
    }
}

impl<T, A: Allocator + Default> Default for IntoIter<T, A> {
    /// Creates an empty iterator, without allocating.
    ///
    /// # Examples
    /// ```
    /// use boxvec::vec::IntoIter;
    ///
    /// let iter: IntoIter<u8> = Default::default();
    /// assert_eq!(iter.len(), 0);
    /// assert_eq!(iter.as_slice(), []);
    /// ```
    fn default() -> Self {
        MyVec::new_in(A::default()).into_iter()
    }
}

impl<T, A: Allocator> Drop for IntoIter<T, A> {
    /// Drops the elements not yet yielded, then frees the buffer. The buffer is freed even if
    /// one of those drops panics.
    fn drop(&mut self) {
        /// Frees the iterator's buffer when dropped: after the remaining elements are
        /// dropped, or during unwinding if one of their drops panics.
        struct FreeBuffer<'r, T, A: Allocator>(&'r mut IntoIter<T, A>);

        impl<T, A: Allocator> Drop for FreeBuffer<'_, T, A> {
            fn drop(&mut self) {
                let iter = &mut *self.0;
                // SAFETY: this runs once, at the end of the iterator's `Drop`, and nothing
                // reads `alloc` afterwards, so moving it out leaves no second owner.
                let alloc = unsafe { ManuallyDrop::take(&mut iter.alloc) };
                // SAFETY: `buf`, `cap` and `alloc` are the parts of the vector's `RawVec`,
                // taken apart in `into_iter`; rebuilding it makes it the buffer's only owner,
                // and dropping it frees the buffer (if one was allocated).
                drop(unsafe { RawVec::from_raw_parts_in(iter.buf.as_ptr(), iter.cap, alloc) });
            }
        }

        let guard = FreeBuffer(self);
        // SAFETY: the remaining elements are initialized and owned by the iterator, which is
        // being dropped, so each is dropped exactly once. If one drop panics, `drop_in_place`
        // still drops the others, and the guard still frees the buffer.
        unsafe { ptr::drop_in_place(guard.0.remaining_raw_slice()) };
    }
}
