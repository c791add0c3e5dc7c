//! Conversions between [`MyString`] and `&str`, `char`, std's `String`, `Cow<str>`,
//! [`MyBox<str>`](MyBox) and byte vectors.
//!
//! Mirrors the `From`/`TryFrom`/`FromStr` impls of `library/alloc/src/string.rs`.
//!
//! Copies allocate exactly the length (as std's `to_owned`); conversions between owners of the
//! same buffer (`String` ↔ `MyString` in the global allocator, `MyBox<str>` ↔ `MyString`,
//! `MyString` → `MyVec<u8>`) move the buffer and never copy.

use alloc_crate::borrow::Cow;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::convert::Infallible;
use core::str::FromStr;

use super::{FromUtf8Error, MyString};
use crate::alloc::{Allocator, Global};
use crate::boxed::MyBox;
use crate::vec::MyVec;

impl From<&str> for MyString {
    /// Copies the slice (capacity exactly its length).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::from("né");
    /// assert_eq!((s.as_str(), s.capacity()), ("né", 3));
    /// ```
    #[inline]
    fn from(s: &str) -> Self {
        MyString::copy_in(s, Global)
    }
}

impl From<&mut str> for MyString {
    /// Copies the slice (capacity exactly its length).
    #[inline]
    fn from(s: &mut str) -> Self {
        MyString::copy_in(s, Global)
    }
}

impl From<char> for MyString {
    /// A one-character string (capacity exactly its 1 to 4 bytes).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::from('😀');
    /// assert_eq!((s.len(), s.capacity()), (4, 4));
    /// ```
    #[inline]
    fn from(ch: char) -> Self {
        MyString::copy_in(ch.encode_utf8(&mut [0; 4]), Global)
    }
}

impl From<&String> for MyString {
    /// Copies std's string (capacity exactly its length, as `String::clone`).
    #[inline]
    fn from(s: &String) -> Self {
        MyString::copy_in(s, Global)
    }
}

impl<A: Allocator + Clone> From<&MyString<A>> for MyString<A> {
    /// Clones the string.
    #[inline]
    fn from(s: &MyString<A>) -> Self {
        s.clone()
    }
}

impl From<String> for MyString {
    /// Takes over std's string's buffer, without copying: both use the global allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut std_string = String::with_capacity(10);
    /// std_string.push('ß');
    /// let ptr = std_string.as_ptr();
    /// let s = MyString::from(std_string);
    /// assert_eq!((s.as_ptr(), s.capacity()), (ptr, 10));
    /// ```
    #[inline]
    fn from(s: String) -> Self {
        // SAFETY: a `String`'s bytes are valid UTF-8.
        unsafe { MyString::from_utf8_unchecked(MyVec::from(s.into_bytes())) }
    }
}

impl From<MyString> for String {
    /// Hands the buffer to a std `String`, without copying: the zero-copy way back to std.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::from("é");
    /// let ptr = s.as_ptr();
    /// let std_string = String::from(s);
    /// assert_eq!((std_string.as_str(), std_string.as_ptr()), ("é", ptr));
    /// ```
    #[inline]
    fn from(s: MyString) -> Self {
        // SAFETY: a `MyString`'s bytes are valid UTF-8 (its invariant).
        unsafe { String::from_utf8_unchecked(Vec::from(s.into_bytes())) }
    }
}

impl<'a> From<Cow<'a, str>> for MyString {
    /// Takes an owned `Cow`'s buffer, copies a borrowed one.
    #[inline]
    fn from(s: Cow<'a, str>) -> Self {
        match s {
            Cow::Borrowed(s) => MyString::copy_in(s, Global),
            Cow::Owned(s) => MyString::from(s),
        }
    }
}

impl<'a> From<MyString> for Cow<'a, str> {
    /// An owned `Cow`, holding the same buffer as a std `String`.
    #[inline]
    fn from(s: MyString) -> Self {
        Cow::Owned(String::from(s))
    }
}

impl<A: Allocator> From<MyBox<str, A>> for MyString<A> {
    /// Takes over the box's block as the string's buffer (capacity = length), without copying.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, MyString};
    /// let s = MyString::from(MyBox::<str>::from("box"));
    /// assert_eq!((s.as_str(), s.capacity()), ("box", 3));
    /// ```
    #[inline]
    fn from(s: MyBox<str, A>) -> Self {
        let bytes = MyBox::<[u8], A>::from(s).into_vec();
        // SAFETY: the bytes of a `str` are valid UTF-8.
        unsafe { MyString::from_utf8_unchecked(bytes) }
    }
}

impl<A: Allocator> From<MyString<A>> for MyBox<str, A> {
    /// [`MyString::into_boxed_str`]: shrinks the buffer to the length.
    #[inline]
    fn from(s: MyString<A>) -> Self {
        s.into_boxed_str()
    }
}

impl<A: Allocator> From<MyString<A>> for MyVec<u8, A> {
    /// [`MyString::into_bytes`]: the same buffer.
    #[inline]
    fn from(s: MyString<A>) -> Self {
        s.into_bytes()
    }
}

impl<A: Allocator> TryFrom<MyVec<u8, A>> for MyString<A> {
    type Error = FromUtf8Error<A>;

    /// [`MyString::from_utf8`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// assert!(MyString::try_from(my_vec![b'o', b'k']).is_ok());
    /// assert!(MyString::try_from(my_vec![0x80]).is_err());
    /// ```
    #[inline]
    fn try_from(bytes: MyVec<u8, A>) -> Result<Self, Self::Error> {
        MyString::from_utf8(bytes)
    }
}

impl FromStr for MyString<Global> {
    type Err = Infallible;

    /// Copies the slice; never fails.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s: MyString = "ß".parse().unwrap();
    /// assert_eq!(s, "ß");
    /// ```
    #[inline]
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(MyString::copy_in(s, Global))
    }
}
