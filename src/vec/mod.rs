//! `MyVec`: a contiguous growable array, std's `Vec` rebuilt over [`RawVec`].
//!
//! Mirrors `library/alloc/src/vec/mod.rs`; the iterator types live in their own files as in
//! std (`into_iter.rs`, `drain.rs`, `splice.rs`, `extract_if.rs`).
//!
//! # What it teaches
//!
//! A vector is a [`RawVec`] (pointer, capacity, allocator) plus a length `len`. The one
//! invariant everything rests on: **slots `0..len` hold initialized values, slots
//! `len..capacity` do not.** Every method is a careful dance around it: write a value *then*
//! raise `len`; lower `len` *before* handing a value out or dropping it, so that if user code
//! panics mid-way (a `Drop`, a `Clone`, a predicate) the vector never claims a slot whose value
//! is gone. `RawVec` decides how much memory to hold; `MyVec` never talks to the allocator.
//!
//! # Where it differs from std
//!
//! - No specialization on stable: std picks faster paths for `Copy` types, `TrustedLen`
//!   iterators and in-place `collect`; here `extend` reserves from `size_hint` once and writes
//!   with a length guard, which gives the same capacities and near-identical code.
//! - No `#[may_dangle]` on `Drop` (nightly only): a `MyVec<&T>` must not outlive the `T`
//!   even where std's drop-check would allow it.
//! - `Allocator` is `allocator_api2`'s, so the `*_in` constructors are available on stable.

use core::ops::{Deref, DerefMut};
use core::ptr::{self, NonNull};
use core::slice;

use crate::alloc::{Allocator, Global};
use crate::error::TryReserveError;
use crate::raw_vec::RawVec;

mod drain;
mod extract_if;
mod into_iter;
mod partial_eq;
mod set_len_on_drop;
mod splice;

pub use drain::Drain;
pub use extract_if::ExtractIf;
pub use into_iter::IntoIter;
pub use splice::Splice;

use set_len_on_drop::SetLenOnDrop;

/// A contiguous growable array type, written `MyVec<T>`, with the same API as std's `Vec<T>`.
///
/// # Examples
/// ```
/// use boxvec::MyVec;
///
/// let mut v = MyVec::new();
/// v.push(1);
/// v.push(2);
/// assert_eq!(v.len(), 2);
/// assert_eq!(v[0], 1);
/// assert_eq!(v.pop(), Some(2));
/// assert_eq!(v.capacity(), 4); // std's minimum non-zero capacity for 4-byte elements
/// ```
pub struct MyVec<T, A: Allocator = Global> {
    /// The buffer. Its capacity is always at least `len`.
    buf: RawVec<T, A>,
    /// How many slots at the front of `buf` hold initialized values.
    len: usize,
}

impl<T> MyVec<T> {
    /// Constructs a new, empty `MyVec<T>`. It does not allocate until elements are pushed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<i32> = MyVec::new();
    /// assert!(v.is_empty());
    /// assert_eq!(v.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        MyVec {
            buf: RawVec::new(),
            len: 0,
        }
    }

    /// Constructs a new, empty `MyVec<T>` with room for exactly `capacity` elements.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(10);
    /// assert_eq!(v.capacity(), 10);
    /// for i in 0..10 {
    ///     v.push(i); // no reallocation
    /// }
    /// assert_eq!(v.capacity(), 10);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_in(capacity, Global)
    }
}

impl<T, A: Allocator> MyVec<T, A> {
    /// Constructs a new, empty `MyVec<T, A>` in `alloc`. It does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u8, Global> = MyVec::new_in(Global);
    /// assert_eq!(v.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new_in(alloc: A) -> Self {
        MyVec {
            buf: RawVec::new_in(alloc),
            len: 0,
        }
    }

    /// Constructs a new, empty `MyVec<T, A>` in `alloc` with room for exactly `capacity`
    /// elements.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u64, Global> = MyVec::with_capacity_in(3, Global);
    /// assert_eq!(v.capacity(), 3);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_in(capacity: usize, alloc: A) -> Self {
        MyVec {
            buf: RawVec::with_capacity_in(capacity, alloc),
            len: 0,
        }
    }

    /// Returns the number of elements the vector can hold without reallocating:
    /// `usize::MAX` for a zero-sized `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<i32> = MyVec::with_capacity(10);
    /// assert_eq!(v.capacity(), 10);
    /// ```
    #[inline]
    #[must_use]
    pub const fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Reserves capacity for at least `additional` more elements, growing by the amortized
    /// strategy (at least doubling) if needed. Does nothing if the capacity already suffices.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.reserve(10);
    /// assert!(v.capacity() >= 11);
    /// ```
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.buf.reserve(self.len, additional);
    }

    /// Reserves capacity for exactly `additional` more elements (no amortization). Does
    /// nothing if the capacity already suffices.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.reserve_exact(10);
    /// assert_eq!(v.capacity(), 11);
    /// ```
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        self.buf.reserve_exact(self.len, additional);
    }

    /// Tries to reserve capacity for at least `additional` more elements, like
    /// [`reserve`](Self::reserve).
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) if the capacity
    /// would exceed `isize::MAX` bytes or overflow `usize`;
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses. On
    /// error the vector is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::new();
    /// v.try_reserve(5).unwrap();
    /// assert!(v.capacity() >= 5);
    /// assert!(v.try_reserve(usize::MAX).is_err());
    /// ```
    #[inline]
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.buf.try_reserve(self.len, additional)
    }

    /// Tries to reserve capacity for exactly `additional` more elements, like
    /// [`reserve_exact`](Self::reserve_exact).
    ///
    /// # Errors
    /// As [`try_reserve`](Self::try_reserve). On error the vector is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::new();
    /// v.try_reserve_exact(5).unwrap();
    /// assert_eq!(v.capacity(), 5);
    /// ```
    #[inline]
    pub fn try_reserve_exact(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.buf.try_reserve_exact(self.len, additional)
    }

    /// Returns the number of elements in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 3];
    /// assert_eq!(v.len(), 3);
    /// ```
    #[inline]
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Returns `true` if the vector contains no elements.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::new();
    /// assert!(v.is_empty());
    /// v.push(1);
    /// assert!(!v.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Returns a reference to the underlying allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u8> = MyVec::new();
    /// let _: &Global = v.allocator();
    /// ```
    #[inline]
    #[must_use]
    pub const fn allocator(&self) -> &A {
        self.buf.allocator()
    }

    /// Returns a raw pointer to the vector's buffer, or a dangling pointer (valid for
    /// zero-sized reads) if it has not allocated.
    ///
    /// The pointer is taken from the buffer directly, not through `Deref`, so no intermediate
    /// reference to the elements is created: pointers taken earlier from `as_mut_ptr` stay
    /// valid under Miri's aliasing models.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 4];
    /// let p = v.as_ptr();
    /// // SAFETY: index 2 is in bounds of the 3 initialized elements.
    /// assert_eq!(unsafe { *p.add(2) }, 4);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_ptr(&self) -> *const T {
        self.buf.ptr()
    }

    /// Returns a raw mutable pointer to the vector's buffer, or a dangling pointer (valid for
    /// zero-sized reads) if it has not allocated. Like [`as_ptr`](Self::as_ptr), it creates
    /// no intermediate reference.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<i32> = MyVec::with_capacity(4);
    /// let p = v.as_mut_ptr();
    /// for i in 0..4 {
    ///     // SAFETY: `i < capacity`; the slots are uninitialized, `write` does not drop them.
    ///     unsafe { p.add(i).write(i as i32) };
    /// }
    /// // SAFETY: the 4 slots were initialized just above.
    /// unsafe { v.set_len(4) };
    /// assert_eq!(v, [0, 1, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_ptr(&mut self) -> *mut T {
        self.buf.ptr()
    }

    /// Returns a `NonNull` pointer to the vector's buffer (dangling if it has not allocated).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![7u8];
    /// assert_eq!(v.as_non_null().as_ptr(), v.as_mut_ptr());
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_non_null(&mut self) -> NonNull<T> {
        self.buf.non_null()
    }

    /// Extracts a slice containing the entire vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 3];
    /// assert_eq!(v.as_slice(), &[1, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_slice(&self) -> &[T] {
        // SAFETY: slots `0..len` are initialized (the invariant of `MyVec`), the pointer is
        // non-null and aligned even when dangling, and `len * size_of::<T>() <= isize::MAX`
        // because the buffer holds them.
        unsafe { slice::from_raw_parts(self.as_ptr(), self.len) }
    }

    /// Extracts a mutable slice of the entire vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// v.as_mut_slice()[0] = 10;
    /// assert_eq!(v, [10, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: as in `as_slice`; `&mut self` guarantees the slice is the only access.
        unsafe { slice::from_raw_parts_mut(self.as_mut_ptr(), self.len) }
    }

    /// Forces the length of the vector to `new_len`, without dropping or initializing
    /// anything.
    ///
    /// # Safety
    /// - `new_len` must be less than or equal to [`capacity`](Self::capacity).
    /// - The elements at `old_len..new_len` must be initialized.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1u8, 2, 3];
    /// // SAFETY: 2 <= capacity, and lowering the length initializes nothing new. The dropped
    /// // element is a `u8`, so forgetting it leaks nothing.
    /// unsafe { v.set_len(2) };
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub const unsafe fn set_len(&mut self, new_len: usize) {
        debug_assert!(new_len <= self.capacity());
        self.len = new_len;
    }

    /// Appends an element to the back of the vector.
    ///
    /// When `len == capacity` the buffer grows first: the capacity at least doubles (see
    /// [`RawVec::grow_one`]), so a sequence of pushes costs amortized O(1). The growth is an
    /// out-of-line call, so the inlined push is a comparison, a store and an increment.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2];
    /// v.push(3);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    #[inline]
    pub fn push(&mut self, value: T) {
        let _ = self.push_mut(value);
    }

    /// Appends an element to the back of the vector and returns a mutable reference to it.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2];
    /// let last = v.push_mut(3);
    /// *last += 10;
    /// assert_eq!(v, [1, 2, 13]);
    /// ```
    #[inline]
    #[must_use = "if you don't need a reference to the value, use `MyVec::push` instead"]
    pub fn push_mut(&mut self, value: T) -> &mut T {
        let len = self.len;
        if len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `len < capacity` now, so the slot is inside the allocation and is not
        // initialized (it is at or past `len`); writing it then raising `len` keeps the
        // invariant, and nothing can panic in between.
        unsafe {
            let slot = self.as_mut_ptr().add(len);
            slot.write(value);
            self.len = len + 1;
            &mut *slot
        }
    }

    /// Removes the last element and returns it, or `None` if the vector is empty.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// assert_eq!(v.pop(), Some(3));
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        // Lower `len` first: the slot is then outside the initialized prefix, and we move its
        // value out exactly once.
        self.len -= 1;
        // SAFETY: the old `len - 1` was initialized and is below capacity; after lowering
        // `len` nothing else will read or drop it.
        Some(unsafe { ptr::read(self.as_ptr().add(self.len)) })
    }

    /// Shortens the vector to `len` elements, dropping the rest. Does nothing if `len` is
    /// not less than the current length. The capacity is unchanged.
    ///
    /// The length is lowered *before* the tail is dropped, so if an element's `Drop` panics
    /// the vector is still valid (the remaining tail elements are dropped during unwinding,
    /// as std's slice drop does).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3, 4, 5];
    /// v.truncate(2);
    /// assert_eq!(v, [1, 2]);
    /// assert_eq!(v.capacity(), 5);
    /// ```
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let tail_len = self.len - len;
        // Lower `len` first, so the tail is no longer the vector's if a drop panics.
        self.len = len;
        // SAFETY: `len..len + tail_len` was the initialized tail; it is now outside the
        // vector, so dropping it in place drops each element exactly once.
        unsafe {
            let tail = ptr::slice_from_raw_parts_mut(self.as_mut_ptr().add(len), tail_len);
            ptr::drop_in_place(tail);
        }
    }

    /// Clears the vector, dropping all values. The capacity is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// v.clear();
    /// assert!(v.is_empty());
    /// assert_eq!(v.capacity(), 3);
    /// ```
    #[inline]
    pub fn clear(&mut self) {
        self.truncate(0);
    }
}

impl<T: Clone, A: Allocator> MyVec<T, A> {
    /// Appends `n` copies of `value`: `n - 1` clones, then `value` itself moved in last.
    ///
    /// The length is kept by a [`SetLenOnDrop`] guard, so if a `clone` panics the vector owns
    /// exactly the clones written so far (and `value` is dropped by the unwinding).
    pub(crate) fn extend_with(&mut self, n: usize, value: T) {
        self.reserve(n);
        let base = self.as_mut_ptr();
        let mut len = SetLenOnDrop::new(&mut self.len);
        if n > 0 {
            for _ in 1..n {
                // SAFETY: `reserve(n)` made room for `n` more elements past the old length,
                // and fewer than `n` have been written, so the slot is in the allocation and
                // uninitialized.
                unsafe { base.add(len.current_len()).write(value.clone()) };
                len.increment_len(1);
            }
            // SAFETY: as above: this is the `n`-th of the `n` reserved slots.
            unsafe { base.add(len.current_len()).write(value) };
            len.increment_len(1);
        }
    }
}

/// Builds the vector of `my_vec![elem; n]`: `n` copies of `elem` in `alloc`, capacity `n`.
///
/// Public only for the macro; not part of the API.
#[doc(hidden)]
pub fn from_elem_in<T: Clone, A: Allocator>(elem: T, n: usize, alloc: A) -> MyVec<T, A> {
    let mut v = MyVec::with_capacity_in(n, alloc);
    v.extend_with(n, elem);
    v
}

/// Builds the vector of `my_vec![a, b, c]`: the array's elements moved into a buffer of
/// exactly their count, in `alloc`.
///
/// Public only for the macro; not part of the API.
#[doc(hidden)]
pub fn from_array_in<T, A: Allocator, const N: usize>(array: [T; N], alloc: A) -> MyVec<T, A> {
    let mut v = MyVec::with_capacity_in(N, alloc);
    let array = core::mem::ManuallyDrop::new(array);
    // SAFETY: the buffer has room for `N` elements and does not overlap the array on the
    // stack; the array is in a `ManuallyDrop`, so after the bitwise move its elements are
    // owned by the vector alone.
    unsafe {
        ptr::copy_nonoverlapping(array.as_ptr(), v.as_mut_ptr(), N);
        v.set_len(N);
    }
    v
}

impl<T, A: Allocator> Drop for MyVec<T, A> {
    /// Drops the elements, then (through `RawVec`'s own `Drop`) frees the buffer. If an
    /// element's `Drop` panics, the other elements are still dropped and the buffer still
    /// freed, as in std.
    fn drop(&mut self) {
        // SAFETY: slots `0..len` are initialized and are never used again.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.as_mut_ptr(), self.len)) }
    }
}

impl<T, A: Allocator> Deref for MyVec<T, A> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T, A: Allocator> DerefMut for MyVec<T, A> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<T> Default for MyVec<T> {
    /// Creates an empty `MyVec<T>`, without allocating.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<u8> = MyVec::default();
    /// assert!(v.is_empty());
    /// ```
    fn default() -> Self {
        MyVec::new()
    }
}
