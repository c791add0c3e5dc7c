//! The standard traits of `MyVec` that are not conversions, comparisons for equality or
//! iteration by value: `Clone`, `Debug`, `Hash`, `Index`, `Eq`/`PartialOrd`/`Ord`,
//! `AsRef`/`AsMut`, `Borrow`/`BorrowMut`, `Default`, `IntoIterator` for references, and
//! `std::io::Write` for byte vectors.
//!
//! Mirrors the trait impls at the end of `library/alloc/src/vec/mod.rs`, the `Borrow` impls
//! of `library/alloc/src/slice.rs` and `Write for Vec<u8, A>` in
//! `library/std/src/io/impls.rs`.
//!
//! Almost all of them say "a vector behaves as its slice": they forward to `[T]`, so that a
//! `MyVec` hashes, compares, prints and indexes exactly like the slice of its elements, which
//! is what `Borrow<[T]>` requires. The one with real work is `Clone`.

use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Index, IndexMut};
use core::slice::{self, SliceIndex};

use super::MyVec;
use crate::alloc::Allocator;

impl<T: Clone, A: Allocator + Clone> Clone for MyVec<T, A> {
    /// Clones every element into a new buffer of exactly `len` elements, in a clone of the
    /// allocator.
    ///
    /// # Panics
    /// If an element's `clone` panics, the clones made so far are dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(10);
    /// v.extend([1, 2, 3]);
    /// let w = v.clone();
    /// assert_eq!(w, [1, 2, 3]);
    /// assert_eq!(w.capacity(), 3);
    /// ```
    fn clone(&self) -> Self {
        let mut copy = MyVec::with_capacity_in(self.len, self.allocator().clone());
        copy.extend_from_slice(self);
        copy
    }

    /// Makes `self` a clone of `source`, reusing `self`'s buffer and allocator: the common
    /// prefix is assigned with [`Clone::clone_from`] element by element, any excess dropped,
    /// the rest appended.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let source = my_vec![String::from("a"), String::from("b")];
    /// let mut target: MyVec<String> = MyVec::with_capacity(8);
    /// target.push(String::from("old"));
    /// target.clone_from(&source);
    /// assert_eq!(target, ["a", "b"]);
    /// assert_eq!(target.capacity(), 8); // the buffer was reused
    /// ```
    fn clone_from(&mut self, source: &Self) {
        self.truncate(source.len);
        let (prefix, rest) = source.split_at(self.len);
        self.clone_from_slice(prefix);
        self.extend_from_slice(rest);
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for MyVec<T, A> {
    /// Formats the elements as a list, like the slice (and like std's `Vec`).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// assert_eq!(format!("{:?}", my_vec![1, 2]), "[1, 2]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl<T: Hash, A: Allocator> Hash for MyVec<T, A> {
    /// Hashes the elements exactly as the slice `[T]` does (length, then each element), as
    /// [`Borrow<[T]>`](Borrow) requires: a `MyVec` can be looked up by slice in a hash map.
    ///
    /// # Examples
    /// ```
    /// use std::hash::BuildHasher;
    /// use boxvec::my_vec;
    /// let state = std::hash::RandomState::new();
    /// let v = my_vec![1u8, 2, 3];
    /// assert_eq!(state.hash_one(&v), state.hash_one(&[1u8, 2, 3][..]));
    /// ```
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        Hash::hash(self.as_slice(), state);
    }
}

impl<T, I: SliceIndex<[T]>, A: Allocator> Index<I> for MyVec<T, A> {
    type Output = I::Output;

    /// Indexes like the slice: by position (`v[1]`) or by any range (`v[1..3]`), with the
    /// slice's panics.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![10, 20, 30];
    /// assert_eq!(v[1], 20);
    /// assert_eq!(v[1..], [20, 30]);
    /// ```
    #[inline]
    fn index(&self, index: I) -> &Self::Output {
        Index::index(self.as_slice(), index)
    }
}

impl<T, I: SliceIndex<[T]>, A: Allocator> IndexMut<I> for MyVec<T, A> {
    /// Indexes mutably like the slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![10, 20, 30];
    /// v[0] = 1;
    /// v[1..].fill(0);
    /// assert_eq!(v, [1, 0, 0]);
    /// ```
    #[inline]
    fn index_mut(&mut self, index: I) -> &mut Self::Output {
        IndexMut::index_mut(self.as_mut_slice(), index)
    }
}

impl<T: Eq, A: Allocator> Eq for MyVec<T, A> {}

impl<T, A1, A2> PartialOrd<MyVec<T, A2>> for MyVec<T, A1>
where
    T: PartialOrd,
    A1: Allocator,
    A2: Allocator,
{
    /// Compares lexicographically, like the slices, whatever the allocators.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// assert!(my_vec![1, 2] < my_vec![1, 3]);
    /// assert!(my_vec![1, 2] < my_vec![1, 2, 0]);
    /// ```
    #[inline]
    fn partial_cmp(&self, other: &MyVec<T, A2>) -> Option<Ordering> {
        PartialOrd::partial_cmp(self.as_slice(), other.as_slice())
    }
}

impl<T: Ord, A: Allocator> Ord for MyVec<T, A> {
    /// Compares lexicographically, like the slices.
    ///
    /// # Examples
    /// ```
    /// use std::cmp::Ordering;
    /// use boxvec::my_vec;
    /// assert_eq!(my_vec![2].cmp(&my_vec![1, 9]), Ordering::Greater);
    /// ```
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        Ord::cmp(self.as_slice(), other.as_slice())
    }
}

impl<T, A: Allocator> AsRef<MyVec<T, A>> for MyVec<T, A> {
    fn as_ref(&self) -> &MyVec<T, A> {
        self
    }
}

impl<T, A: Allocator> AsMut<MyVec<T, A>> for MyVec<T, A> {
    fn as_mut(&mut self) -> &mut MyVec<T, A> {
        self
    }
}

impl<T, A: Allocator> AsRef<[T]> for MyVec<T, A> {
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// fn total(xs: impl AsRef<[u32]>) -> u32 {
    ///     xs.as_ref().iter().sum()
    /// }
    /// assert_eq!(total(my_vec![1, 2, 3]), 6);
    /// ```
    fn as_ref(&self) -> &[T] {
        self
    }
}

impl<T, A: Allocator> AsMut<[T]> for MyVec<T, A> {
    fn as_mut(&mut self) -> &mut [T] {
        self
    }
}

impl<T, A: Allocator> Borrow<[T]> for MyVec<T, A> {
    /// # Examples
    /// ```
    /// use std::collections::HashSet;
    /// use boxvec::{MyVec, my_vec};
    /// let mut set: HashSet<MyVec<u8>> = HashSet::new();
    /// set.insert(my_vec![1, 2]);
    /// assert!(set.contains(&[1u8, 2][..])); // looked up by slice
    /// ```
    fn borrow(&self) -> &[T] {
        self
    }
}

impl<T, A: Allocator> BorrowMut<[T]> for MyVec<T, A> {
    fn borrow_mut(&mut self) -> &mut [T] {
        self
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

impl<'a, T, A: Allocator> IntoIterator for &'a MyVec<T, A> {
    type Item = &'a T;
    type IntoIter = slice::Iter<'a, T>;

    /// Iterates over references to the elements.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 3];
    /// let mut sum = 0;
    /// for x in &v {
    ///     sum += x;
    /// }
    /// assert_eq!(sum, 6);
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T, A: Allocator> IntoIterator for &'a mut MyVec<T, A> {
    type Item = &'a mut T;
    type IntoIter = slice::IterMut<'a, T>;

    /// Iterates over mutable references to the elements.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// for x in &mut v {
    ///     *x *= 2;
    /// }
    /// assert_eq!(v, [2, 4, 6]);
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

/// A byte vector is an in-memory sink: writing appends, and never fails.
///
/// # Examples
/// ```
/// use std::io::Write;
/// use boxvec::MyVec;
/// let mut out: MyVec<u8> = MyVec::new();
/// write!(out, "{}-{}", 1, 2).unwrap();
/// out.write_all(b"!").unwrap();
/// assert_eq!(out, b"1-2!");
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl<A: Allocator> std::io::Write for MyVec<u8, A> {
    /// Appends all of `buf` and returns its length.
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Reserves the total length once, then appends every buffer.
    #[inline]
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let total = bufs.iter().map(|buf| buf.len()).sum();
        self.reserve(total);
        for buf in bufs {
            self.extend_from_slice(buf);
        }
        Ok(total)
    }

    /// Appends all of `buf`.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.extend_from_slice(buf);
        Ok(())
    }

    /// Does nothing: there is no buffer between the vector and its contents.
    #[inline]
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
