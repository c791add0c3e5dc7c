//! The errors of decoding bytes into a [`MyString`]: [`FromUtf8Error`] and [`FromUtf16Error`].
//!
//! Mirrors the error types of `library/alloc/src/string.rs`.
//!
//! A failed [`MyString::from_utf8`] must not lose the caller's buffer, so the error *owns* the
//! bytes and gives them back ([`FromUtf8Error::into_bytes`]), together with where the first
//! invalid sequence starts ([`FromUtf8Error::utf8_error`]).
//!
//! Differences from std: generic over the allocator of the bytes it holds; `into_utf8_lossy`
//! (unstable in std) needs `A: Clone`, because the lossy text is written to a new buffer in
//! the same allocator. `core::error::Error` is stable since Rust 1.81, so the `Error` impls do
//! not need the `std` feature.

use core::fmt;
use core::str::Utf8Error;

use super::MyString;
use crate::alloc::Allocator;
use crate::vec::MyVec;

/// The error of [`MyString::from_utf8`]: the bytes were not UTF-8. It holds the bytes.
///
/// # Examples
/// ```
/// use boxvec::{MyString, my_vec};
/// let err = MyString::from_utf8(my_vec![b'o', b'k', 0xFF]).unwrap_err();
/// assert_eq!(err.as_bytes(), b"ok\xFF");
/// assert_eq!(err.to_string(), "invalid utf-8 sequence of 1 bytes from index 2");
/// ```
pub struct FromUtf8Error<A: Allocator = crate::alloc::Global> {
    bytes: MyVec<u8, A>,
    error: Utf8Error,
}

impl<A: Allocator> FromUtf8Error<A> {
    /// Wraps the rejected bytes and the reason.
    pub(super) fn new(bytes: MyVec<u8, A>, error: Utf8Error) -> Self {
        FromUtf8Error { bytes, error }
    }

    /// The bytes that were not UTF-8.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// let err = MyString::from_utf8(my_vec![0xC3]).unwrap_err();
    /// assert_eq!(err.as_bytes(), [0xC3]);
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Gives the bytes back, in their original buffer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, MyVec};
    /// let mut bytes = MyVec::with_capacity(10);
    /// bytes.extend_from_slice(b"\xE2\x82");
    /// let back = MyString::from_utf8(bytes).unwrap_err().into_bytes();
    /// assert_eq!(back.capacity(), 10);
    /// ```
    #[must_use = "`self` will be dropped if the result is not used"]
    pub fn into_bytes(self) -> MyVec<u8, A> {
        self.bytes
    }

    /// Where the first invalid sequence starts, and how long it is.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// let err = MyString::from_utf8(my_vec![b'a', 0xF0, 0x9F, b'b']).unwrap_err();
    /// assert_eq!(err.utf8_error().valid_up_to(), 1);
    /// assert_eq!(err.utf8_error().error_len(), Some(2));
    /// ```
    #[must_use]
    pub fn utf8_error(&self) -> Utf8Error {
        self.error
    }

    /// Decodes the bytes lossily (each invalid sequence becomes `U+FFFD`) into a new string
    /// in a clone of the bytes' allocator (unstable in std).
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// let err = MyString::from_utf8(my_vec![b'a', 0xFF, b'b']).unwrap_err();
    /// assert_eq!(err.into_utf8_lossy(), "a�b");
    /// ```
    #[must_use]
    pub fn into_utf8_lossy(self) -> MyString<A>
    where
        A: Clone,
    {
        MyString::from_utf8_lossy_in(&self.bytes, self.bytes.allocator().clone())
    }
}

impl<A: Allocator> fmt::Display for FromUtf8Error<A> {
    /// The [`Utf8Error`]'s message, as std's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<A: Allocator> fmt::Debug for FromUtf8Error<A> {
    /// `FromUtf8Error { bytes: [..], error: Utf8Error { .. } }`, as std's derived `Debug`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromUtf8Error")
            .field("bytes", &self.bytes)
            .field("error", &self.error)
            .finish()
    }
}

impl<A: Allocator + Clone> Clone for FromUtf8Error<A> {
    fn clone(&self) -> Self {
        FromUtf8Error {
            bytes: self.bytes.clone(),
            error: self.error,
        }
    }
}

impl<A: Allocator> PartialEq for FromUtf8Error<A> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes && self.error == other.error
    }
}

impl<A: Allocator> Eq for FromUtf8Error<A> {}

impl<A: Allocator> core::error::Error for FromUtf8Error<A> {}

/// The error of [`MyString::from_utf16`]: the input held an unpaired surrogate.
///
/// # Examples
/// ```
/// use boxvec::MyString;
/// let err = MyString::from_utf16(&[0xDC00]).unwrap_err();
/// assert_eq!(err.to_string(), "invalid utf-16: lone surrogate found");
/// ```
#[derive(Debug)]
pub struct FromUtf16Error(());

impl FromUtf16Error {
    /// The only reason `from_utf16` fails.
    pub(super) fn lone_surrogate() -> Self {
        FromUtf16Error(())
    }
}

impl fmt::Display for FromUtf16Error {
    /// std's message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid utf-16: lone surrogate found")
    }
}

impl core::error::Error for FromUtf16Error {}
