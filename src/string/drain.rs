//! `Drain`: the iterator of [`MyString::drain`], which removes a byte range and yields its
//! characters.
//!
//! Mirrors the `Drain` of `library/alloc/src/string.rs`.
//!
//! # What it teaches
//!
//! A vector's `Drain` must be careful because its elements have destructors. A string's bytes
//! do not, so the string `Drain` is simpler: it iterates over the range with a plain
//! [`Chars`], and only when it is dropped does it remove the range from the string (with the
//! vector's `drain`, which moves the tail down). Until then the string is untouched, so a
//! forgotten `Drain` (`mem::forget`) leaves the string exactly as it was — still valid UTF-8.
//!
//! The `Drain` holds two views of the string at once: the `Chars` (shared, into the bytes) and
//! a raw pointer to the string itself, used only in `drop`, after the last use of the `Chars`.
//! The `PhantomData<&'a mut MyString<A>>` keeps the string exclusively borrowed meanwhile.
//!
//! # Where it differs from std
//!
//! Generic over the allocator. std's `Drain` is `Send` and `Sync` unconditionally (its string
//! has no allocator parameter); here they require `A: Send` / `A: Sync`, as `&mut MyString<A>`.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::ops::{Range, RangeBounds};
use core::str::Chars;

use super::MyString;
use crate::alloc::Allocator;
use crate::vec::slice_range;

/// A draining iterator for [`MyString`]: yields the characters of a byte range, and removes
/// the range from the string when dropped.
///
/// This `struct` is created by [`MyString::drain`]. See its documentation for more.
///
/// # Examples
/// ```
/// use boxvec::{MyString, string::Drain};
/// let mut s = MyString::from("aé€");
/// let drain: Drain<'_> = s.drain(1..);
/// assert_eq!(drain.as_str(), "é€");
/// ```
pub struct Drain<'a, A: Allocator = crate::alloc::Global> {
    /// The string, used only in `drop`. A raw pointer, because the `Chars` borrows the
    /// same string for the same lifetime.
    string: *mut MyString<A>,
    /// The drained byte range, both ends on char boundaries.
    range: Range<usize>,
    /// The characters of the range not yet yielded.
    iter: Chars<'a>,
    /// The drain borrows the string exclusively for `'a`.
    _borrow: PhantomData<&'a mut MyString<A>>,
}

// SAFETY: a `Drain` is an exclusive borrow of the string plus a `Chars` into it, so it may move
// to another thread whenever `&mut MyString<A>` may, which is when `A: Send`.
unsafe impl<A: Allocator + Send> Send for Drain<'_, A> {}
// SAFETY: through `&Drain` only the `Chars` (shared `str` data) is reachable, and the
// allocator only as `&A`, which is shareable when `A: Sync`.
unsafe impl<A: Allocator + Sync> Sync for Drain<'_, A> {}

impl<A: Allocator> MyString<A> {
    /// Removes the byte range `range` from the string and returns its characters as an
    /// iterator. The removal happens when the iterator is dropped, whether or not it was
    /// consumed; if it is leaked instead (`mem::forget`), the string keeps its contents.
    ///
    /// # Panics
    /// Panics if the range is out of bounds or decreasing (slice indexing's messages), or if
    /// either end is not on a char boundary.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("α is alpha, β is beta");
    /// let beta = s.find('β').unwrap();
    /// let alpha: String = s.drain(..beta).collect();
    /// assert_eq!(alpha, "α is alpha, ");
    /// assert_eq!(s, "β is beta");
    /// ```
    #[track_caller]
    pub fn drain<R: RangeBounds<usize>>(&mut self, range: R) -> Drain<'_, A> {
        let Range { start, end } = slice_range(range, self.len());
        assert!(self.is_char_boundary(start));
        assert!(self.is_char_boundary(end));
        let string: *mut MyString<A> = self;
        // SAFETY: `start..end` is in bounds and both ends are char boundaries (checked above).
        // The `Chars` reads the buffer, which stays untouched until `Drain::drop`.
        let iter = unsafe { self.as_str().get_unchecked(start..end) }.chars();
        Drain {
            string,
            range: start..end,
            iter,
            _borrow: PhantomData,
        }
    }
}

impl<A: Allocator> Drain<'_, A> {
    /// The characters not yet yielded, as a string slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("abc");
    /// let mut drain = s.drain(..);
    /// assert_eq!(drain.next(), Some('a'));
    /// assert_eq!(drain.as_str(), "bc");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.iter.as_str()
    }
}

impl<A: Allocator> Drop for Drain<'_, A> {
    fn drop(&mut self) {
        // SAFETY: the string is exclusively borrowed for the drain's lifetime (`_borrow`), so
        // the pointer is valid and nothing else uses the string; the `Chars` is not used
        // after this point.
        let string = unsafe { &mut *self.string };
        // SAFETY: removing a range whose ends are char boundaries (checked by `drain`, and
        // the string has not changed since) leaves valid UTF-8.
        let bytes = unsafe { string.as_mut_vec() };
        bytes.drain(self.range.clone());
    }
}

impl<A: Allocator> fmt::Debug for Drain<'_, A> {
    /// `Drain("…")` with the remaining characters, as std's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Drain").field(&self.as_str()).finish()
    }
}

impl<A: Allocator> AsRef<str> for Drain<'_, A> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<A: Allocator> AsRef<[u8]> for Drain<'_, A> {
    fn as_ref(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

impl<A: Allocator> Iterator for Drain<'_, A> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        self.iter.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }

    #[inline]
    fn last(mut self) -> Option<char> {
        self.next_back()
    }
}

impl<A: Allocator> DoubleEndedIterator for Drain<'_, A> {
    #[inline]
    fn next_back(&mut self) -> Option<char> {
        self.iter.next_back()
    }
}

impl<A: Allocator> FusedIterator for Drain<'_, A> {}
