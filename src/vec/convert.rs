//! Conversions into and out of `MyVec`: from arrays, slices, strings and std's own `Vec`
//! (and the std collections that turn into one for free), and from a vector into an array,
//! a `Vec` or a `Cow`.
//!
//! Mirrors the `From`/`TryFrom` impls of `library/alloc/src/vec/mod.rs` and `vec/cow.rs`, and
//! the `From<…> for Vec<u8>`/`Vec<T>` impls of `string.rs`, `ffi/c_str.rs`,
//! `collections/vec_deque/mod.rs` and `collections/binary_heap/mod.rs`. The conversions that
//! produce or take a `Box` live with [`MyBox`](crate::MyBox).
//!
//! # Moving a buffer between `Vec` and `MyVec`
//!
//! `std::vec::Vec<T>` allocates from `alloc::alloc::Global`, which forwards to the
//! `#[global_allocator]` (`__rust_alloc` and friends). [`Global`] here is `allocator_api2`'s,
//! and on stable it forwards to the very same functions (`alloc::alloc::{alloc, realloc,
//! dealloc}`), with the same layout for the same element type and capacity (`[T; capacity]`),
//! and neither ever allocates for zero bytes. So a buffer allocated by one may be grown and
//! freed by the other: converting between `Vec<T>` and `MyVec<T>` hands the pointer over,
//! without copying or allocating, in O(1).

use alloc_crate::borrow::Cow;
use alloc_crate::collections::{BinaryHeap, VecDeque};
use alloc_crate::ffi::CString;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::ptr;

use super::{MyVec, from_array_in};
use crate::alloc::{Allocator, Global};

impl<T: Clone> From<&[T]> for MyVec<T> {
    /// Clones the elements into a vector of exactly their count.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v = MyVec::from(&[1, 2, 3][..]);
    /// assert_eq!(v, [1, 2, 3]);
    /// assert_eq!(v.capacity(), 3);
    /// ```
    fn from(slice: &[T]) -> Self {
        let mut v = MyVec::with_capacity(slice.len());
        v.extend_from_slice(slice);
        v
    }
}

impl<T: Clone> From<&mut [T]> for MyVec<T> {
    /// Clones the elements into a vector of exactly their count.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut data = [1, 2];
    /// assert_eq!(MyVec::from(&mut data[..]), [1, 2]);
    /// ```
    fn from(slice: &mut [T]) -> Self {
        MyVec::from(&*slice)
    }
}

impl<T: Clone, const N: usize> From<&[T; N]> for MyVec<T> {
    /// Clones the elements into a vector of exactly `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// assert_eq!(MyVec::from(&[1, 2]), [1, 2]);
    /// ```
    fn from(array: &[T; N]) -> Self {
        MyVec::from(array.as_slice())
    }
}

impl<T: Clone, const N: usize> From<&mut [T; N]> for MyVec<T> {
    /// Clones the elements into a vector of exactly `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// assert_eq!(MyVec::from(&mut [1, 2]), [1, 2]);
    /// ```
    fn from(array: &mut [T; N]) -> Self {
        MyVec::from(array.as_slice())
    }
}

impl<T, const N: usize> From<[T; N]> for MyVec<T> {
    /// Moves the elements into a vector of exactly `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v = MyVec::from([String::from("a"), String::from("b")]);
    /// assert_eq!(v, ["a", "b"]);
    /// assert_eq!(v.capacity(), 2);
    /// ```
    fn from(array: [T; N]) -> Self {
        from_array_in(array, Global)
    }
}

impl<'a, T: Clone> From<Cow<'a, [T]>> for MyVec<T> {
    /// Takes over an owned `Vec`'s buffer, or clones a borrowed slice.
    ///
    /// # Examples
    /// ```
    /// use std::borrow::Cow;
    /// use boxvec::MyVec;
    /// let borrowed: Cow<'_, [u8]> = Cow::Borrowed(&[1, 2]);
    /// let owned: Cow<'_, [u8]> = Cow::Owned(vec![3, 4]);
    /// assert_eq!(MyVec::from(borrowed), [1, 2]);
    /// assert_eq!(MyVec::from(owned), [3, 4]);
    /// ```
    fn from(cow: Cow<'a, [T]>) -> Self {
        match cow {
            Cow::Borrowed(slice) => MyVec::from(slice),
            Cow::Owned(vec) => MyVec::from(vec),
        }
    }
}

impl From<&str> for MyVec<u8> {
    /// Copies the string's UTF-8 bytes into a vector of exactly their count.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// assert_eq!(MyVec::from("hé"), [b'h', 0xC3, 0xA9]);
    /// ```
    fn from(s: &str) -> Self {
        MyVec::from(s.as_bytes())
    }
}

impl From<String> for MyVec<u8> {
    /// Takes over the string's buffer (its UTF-8 bytes, capacity included), without copying.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut s = String::with_capacity(10);
    /// s.push_str("abc");
    /// let v = MyVec::from(s);
    /// assert_eq!(v, b"abc");
    /// assert_eq!(v.capacity(), 10);
    /// ```
    fn from(s: String) -> Self {
        MyVec::from(s.into_bytes())
    }
}

impl<T> From<VecDeque<T>> for MyVec<T> {
    /// Takes over the deque's buffer: the elements are first rotated into one contiguous run
    /// at its start (in place, as std's `From<VecDeque<T>> for Vec<T>` does), then the
    /// buffer changes hands without copying.
    ///
    /// # Examples
    /// ```
    /// use std::collections::VecDeque;
    /// use boxvec::MyVec;
    /// let mut deque = VecDeque::from([2, 3]);
    /// deque.push_front(1);
    /// assert_eq!(MyVec::from(deque), [1, 2, 3]);
    /// ```
    fn from(deque: VecDeque<T>) -> Self {
        MyVec::from(Vec::from(deque))
    }
}

impl<T> From<BinaryHeap<T>> for MyVec<T> {
    /// Takes over the heap's buffer, elements in the heap's internal order, without copying.
    ///
    /// # Examples
    /// ```
    /// use std::collections::BinaryHeap;
    /// use boxvec::MyVec;
    /// let heap = BinaryHeap::from([1, 5, 3]);
    /// let mut v = MyVec::from(heap);
    /// v.sort();
    /// assert_eq!(v, [1, 3, 5]);
    /// ```
    fn from(heap: BinaryHeap<T>) -> Self {
        MyVec::from(heap.into_vec())
    }
}

impl From<CString> for MyVec<u8> {
    /// Takes over the C string's buffer: its bytes without the trailing nul.
    ///
    /// # Examples
    /// ```
    /// use std::ffi::CString;
    /// use boxvec::MyVec;
    /// let c = CString::new("hi").unwrap();
    /// assert_eq!(MyVec::from(c), b"hi");
    /// ```
    fn from(c_string: CString) -> Self {
        MyVec::from(c_string.into_bytes())
    }
}

impl<T> From<Vec<T>> for MyVec<T> {
    /// Takes over the `Vec`'s buffer (elements and capacity), without copying: both use the
    /// global allocator (see the module docs).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut std_vec = Vec::with_capacity(10);
    /// std_vec.extend([1, 2, 3]);
    /// let ptr = std_vec.as_ptr();
    /// let v = MyVec::from(std_vec);
    /// assert_eq!(v, [1, 2, 3]);
    /// assert_eq!(v.capacity(), 10);
    /// assert_eq!(v.as_ptr(), ptr);
    /// ```
    fn from(vec: Vec<T>) -> Self {
        let (ptr, len, capacity) = vec.into_raw_parts();
        // SAFETY: the parts come from a `Vec<T>`, which holds `len` initialized elements in a
        // block of `capacity` `T`s from the global allocator (or no block, for capacity 0 or
        // a zero-sized `T`); `Global` allocates and frees with the same functions and
        // layouts, so the vector may own the block from now on.
        unsafe { MyVec::from_raw_parts(ptr, len, capacity) }
    }
}

impl<T> From<MyVec<T>> for Vec<T> {
    /// Hands the buffer over to a std `Vec` (elements and capacity), without copying.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(8);
    /// v.push('x');
    /// let std_vec = Vec::from(v);
    /// assert_eq!(std_vec, ['x']);
    /// assert_eq!(std_vec.capacity(), 8);
    /// ```
    fn from(vec: MyVec<T>) -> Self {
        let (ptr, len, capacity) = vec.into_raw_parts();
        // SAFETY: the parts come from a `MyVec<T, Global>`: `len` initialized elements in a
        // block of `capacity` `T`s from the global allocator (or no block, for capacity 0 or
        // a zero-sized `T`, whose capacity std ignores), as `Vec::from_raw_parts` requires.
        unsafe { Vec::from_raw_parts(ptr, len, capacity) }
    }
}

impl<'a, T: Clone> From<MyVec<T>> for Cow<'a, [T]> {
    /// An owned `Cow`, holding the vector's buffer as a std `Vec` (no copy).
    ///
    /// # Examples
    /// ```
    /// use std::borrow::Cow;
    /// use boxvec::my_vec;
    /// let cow = Cow::from(my_vec![1, 2]);
    /// assert!(matches!(cow, Cow::Owned(_)));
    /// assert_eq!(cow, &[1, 2][..]);
    /// ```
    fn from(vec: MyVec<T>) -> Self {
        Cow::Owned(Vec::from(vec))
    }
}

impl<'a, T: Clone> From<&'a MyVec<T>> for Cow<'a, [T]> {
    /// A borrowed `Cow` of the vector's elements.
    ///
    /// # Examples
    /// ```
    /// use std::borrow::Cow;
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2];
    /// let cow = Cow::from(&v);
    /// assert!(matches!(cow, Cow::Borrowed(_)));
    /// ```
    fn from(vec: &'a MyVec<T>) -> Self {
        Cow::Borrowed(vec.as_slice())
    }
}

impl<T, A: Allocator, const N: usize> TryFrom<MyVec<T, A>> for [T; N] {
    type Error = MyVec<T, A>;

    /// Moves the elements into an array if there are exactly `N` of them (the buffer is then
    /// freed); otherwise gives the vector back unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let array: [i32; 3] = my_vec![1, 2, 3].try_into().unwrap();
    /// assert_eq!(array, [1, 2, 3]);
    ///
    /// let wrong: Result<[i32; 2], _> = my_vec![1, 2, 3].try_into();
    /// assert_eq!(wrong.unwrap_err(), [1, 2, 3]);
    /// ```
    fn try_from(mut vec: MyVec<T, A>) -> Result<[T; N], MyVec<T, A>> {
        if vec.len() != N {
            return Err(vec);
        }
        // Forget the elements first: the array read below becomes their only owner, and the
        // vector, dropped at the end, only frees its buffer.
        // SAFETY: 0 <= capacity, and lowering the length initializes nothing.
        unsafe { vec.set_len(0) };
        // SAFETY: the first `N` slots were initialized (`len == N` before), and `[T; N]` has
        // the alignment of `T` and is laid out as `N` consecutive `T`s.
        Ok(unsafe { ptr::read(vec.as_ptr().cast::<[T; N]>()) })
    }
}
