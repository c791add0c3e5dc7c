//! Conversions between `MyVec` and `MyBox`: a vector's buffer becomes a boxed slice and back.
//!
//! Mirrors `Vec::into_boxed_slice` and the `From`/`TryFrom` impls in
//! `library/alloc/src/vec/mod.rs`, `<[T]>::into_vec` in `library/alloc/src/slice.rs`, and
//! `FromIterator`/`IntoIterator` for `Box<[T]>` in `library/alloc/src/boxed.rs`.
//!
//! # What it teaches
//!
//! A boxed slice is a vector that cannot grow: a pointer and a length, no capacity. Its
//! memory is freed with the layout of *exactly* `len` elements (`Layout::for_value`), so the
//! buffer must hold exactly that many slots before it becomes a box: `into_boxed_slice` shrinks
//! first (one `Allocator::shrink` call when `capacity > len`). The other way needs no work at
//! all: a boxed slice of `n` elements is a vector with `len == capacity == n`. Neither
//! direction copies or drops an element.
//!
//! These live here, not in `boxed.rs`, because of the layers: `vec/` may know `MyBox`, but the
//! box knows nothing of vectors.
//!
//! Not possible on stable: std's `IntoIterator for Box<[T]>` (by value). `MyBox<I>` forwards
//! `Iterator` for any `I: Iterator + ?Sized`, so it has `IntoIterator` through the blanket
//! impl for iterators, and the compiler cannot rule out that `[T]` becomes an iterator some
//! day; std avoids the clash with `#[fundamental]`, which is unstable. Use
//! `b.into_vec().into_iter()` — it is the same thing, without a copy.

use core::mem::ManuallyDrop;
use core::ptr::{self, NonNull};

use alloc_crate::borrow::Cow;

use super::MyVec;
use crate::MyBox;
use crate::alloc::{Allocator, Global};

impl<T, A: Allocator> MyVec<T, A> {
    /// Converts the vector into a boxed slice, shrinking the buffer to exactly `len` first
    /// (one call to [`Allocator::shrink`] if there is spare capacity; freeing the buffer if the
    /// vector is empty).
    ///
    /// # Panics
    /// Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the allocator
    /// refuses to shrink.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, MyVec};
    /// let mut v = MyVec::with_capacity(10);
    /// v.extend([1, 2, 3]);
    /// let b: MyBox<[i32]> = v.into_boxed_slice();
    /// assert_eq!(&*b, &[1, 2, 3]);
    /// // Back to a vector: no copy, and the capacity is exactly the length.
    /// let v = b.into_vec();
    /// assert_eq!(v.capacity(), 3);
    /// ```
    pub fn into_boxed_slice(self) -> MyBox<[T], A> {
        let this = ManuallyDrop::new(self);
        let len = this.len;
        // SAFETY: `this` is never used or dropped again, so the buffer is moved out of it
        // exactly once; the `len` elements in it go with it into the box.
        let buf = unsafe { ptr::read(&this.buf) };
        let (slots, alloc) = buf.into_raw_slice_with_alloc(len);
        let slice = NonNull::slice_from_raw_parts(slots.cast::<T>(), len);
        // SAFETY: `into_raw_slice_with_alloc` handed over a block allocated by `alloc` with
        // the layout of exactly `len` `T`s (dangling when that is zero bytes), and its `len`
        // slots are the vector's initialized elements, now owned by nobody else.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }

    /// Converts a vector of exactly `N` elements into a boxed array, shrinking the buffer to
    /// `N` first as [`into_boxed_slice`](Self::into_boxed_slice) does.
    ///
    /// # Errors
    /// Gives the vector back, unchanged, if its length is not `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, MyVec, my_vec};
    /// let b: MyBox<[i32; 3]> = my_vec![1, 2, 3].into_array().unwrap();
    /// assert_eq!(*b, [1, 2, 3]);
    /// let back: Result<MyBox<[i32; 4]>, MyVec<i32>> = my_vec![1, 2, 3].into_array();
    /// assert_eq!(back.unwrap_err(), [1, 2, 3]);
    /// ```
    pub fn into_array<const N: usize>(self) -> Result<MyBox<[T; N], A>, Self> {
        if self.len() != N {
            return Err(self);
        }
        let (slice, alloc) = MyBox::into_non_null_with_allocator(self.into_boxed_slice());
        // SAFETY: the boxed slice holds exactly `N` elements, so its block has the layout of
        // `[T; N]`, and the array pointer is the same address with the length now in the type.
        Ok(unsafe { MyBox::from_non_null_in(slice.cast::<[T; N]>(), alloc) })
    }
}

impl<T, A: Allocator> MyBox<[T], A> {
    /// Converts the boxed slice into a vector, without copying or reallocating: its length
    /// and capacity are both the slice's length.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<[u8]> = MyBox::from(&[1u8, 2, 3][..]);
    /// let mut v = b.into_vec();
    /// assert_eq!(v.capacity(), 3);
    /// v.push(4);
    /// assert_eq!(v, [1, 2, 3, 4]);
    /// ```
    pub fn into_vec(self) -> MyVec<T, A> {
        let len = self.len();
        let (slice, alloc) = MyBox::into_non_null_with_allocator(self);
        // SAFETY: the box owned a block allocated by `alloc` with the layout of exactly `len`
        // `T`s (or nothing, when that is zero bytes), all initialized: exactly a vector with
        // `len == capacity`.
        unsafe { MyVec::from_parts_in(slice.cast::<T>(), len, len, alloc) }
    }
}

impl<T, A: Allocator> From<MyVec<T, A>> for MyBox<[T], A> {
    /// As [`MyVec::into_boxed_slice`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, my_vec};
    /// let b = MyBox::<[char]>::from(my_vec!['a', 'b']);
    /// assert_eq!(b.len(), 2);
    /// ```
    fn from(v: MyVec<T, A>) -> Self {
        v.into_boxed_slice()
    }
}

impl<T, A: Allocator> From<MyBox<[T], A>> for MyVec<T, A> {
    /// As [`MyBox::into_vec`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, MyVec};
    /// let v = MyVec::from(MyBox::<[i32]>::from(&[5, 6][..]));
    /// assert_eq!(v, [5, 6]);
    /// ```
    fn from(b: MyBox<[T], A>) -> Self {
        b.into_vec()
    }
}

impl<T, A: Allocator, const N: usize> TryFrom<MyVec<T, A>> for MyBox<[T; N], A> {
    type Error = MyVec<T, A>;

    /// As [`MyVec::into_array`].
    ///
    /// # Errors
    /// Gives the vector back, unchanged, if its length is not `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, my_vec};
    /// let b: MyBox<[i32; 3]> = my_vec![1, 2, 3].try_into().unwrap();
    /// assert_eq!(*b, [1, 2, 3]);
    /// let back = MyBox::<[i32; 4]>::try_from(my_vec![1, 2]).unwrap_err();
    /// assert_eq!(back, [1, 2]);
    /// ```
    fn try_from(v: MyVec<T, A>) -> Result<Self, Self::Error> {
        v.into_array()
    }
}

impl<T> FromIterator<T> for MyBox<[T]> {
    /// Collects into a `MyVec` (std's growth), then shrinks it into a boxed slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<[u32]> = (1..=4).collect();
    /// assert_eq!(&*b, &[1, 2, 3, 4]);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        iter.into_iter().collect::<MyVec<T>>().into_boxed_slice()
    }
}

impl<T: Clone> From<Cow<'_, [T]>> for MyBox<[T]> {
    /// Copies a borrowed slice, or takes over an owned vector's buffer (shrunk to fit).
    ///
    /// # Examples
    /// ```
    /// use std::borrow::Cow;
    /// use boxvec::MyBox;
    /// let b = MyBox::<[u8]>::from(Cow::Borrowed(&[1u8, 2][..]));
    /// assert_eq!(&*b, &[1, 2]);
    /// ```
    fn from(cow: Cow<'_, [T]>) -> Self {
        match cow {
            Cow::Borrowed(slice) => MyBox::from(slice),
            Cow::Owned(vec) => MyVec::<T, Global>::from(vec).into_boxed_slice(),
        }
    }
}

impl From<Cow<'_, str>> for MyBox<str> {
    /// Copies the string's bytes into a new box (an owned string too: simple, and one copy).
    ///
    /// # Examples
    /// ```
    /// use std::borrow::Cow;
    /// use boxvec::MyBox;
    /// let b = MyBox::<str>::from(Cow::Owned(String::from("hi")));
    /// assert_eq!(&*b, "hi");
    /// ```
    fn from(cow: Cow<'_, str>) -> Self {
        MyBox::from(&*cow)
    }
}
