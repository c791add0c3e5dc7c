//! The trait impls of [`MyString`] other than comparisons, conversions and `Extend`:
//! `Deref`, `Display`, `Debug`, `Clone`, `Default`, `Hash`, `Eq`, `Ord`, `Index`, `Add`,
//! `Borrow`, `AsRef`, `fmt::Write`.
//!
//! Mirrors the same impls of `library/alloc/src/string.rs`. Almost all of them forward to
//! `str`: a `MyString` *is* its `str` for reading, which is what `Deref<Target = str>` says and
//! why every `str` method (`chars`, `find`, `split`, `is_char_boundary`, …) works on it.
//! `Hash` forwards too, so a `MyString` hashes like the `str` it holds and a `HashMap<MyString, _>`
//! can be looked up with a `&str` (through `Borrow<str>`).

use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Add, AddAssign, Deref, DerefMut, Index, IndexMut};
use core::slice::SliceIndex;

use super::MyString;
use crate::alloc::{Allocator, Global};

impl<A: Allocator> Deref for MyString<A> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl<A: Allocator> DerefMut for MyString<A> {
    #[inline]
    fn deref_mut(&mut self) -> &mut str {
        self.as_mut_str()
    }
}

impl<A: Allocator> fmt::Display for MyString<A> {
    /// The text itself, honouring width, fill and precision like `str`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(format!("[{:>4}]", MyString::from("é")), "[   é]");
    /// ```
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl<A: Allocator> fmt::Debug for MyString<A> {
    /// Quoted and escaped like `str`'s `Debug` (and std's `String`).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(format!("{:?}", MyString::from("a\"\n\u{0}é")), r#""a\"\n\0é""#);
    /// ```
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<A: Allocator + Clone> Clone for MyString<A> {
    /// Copies the bytes into a new buffer of exactly the length, in a clone of the allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(10);
    /// s.push_str("ab");
    /// assert_eq!(s.clone().capacity(), 2);
    /// ```
    #[inline]
    fn clone(&self) -> Self {
        MyString {
            vec: self.vec.clone(),
        }
    }

    /// Makes `self` a copy of `source`, reusing `self`'s buffer when it is large enough.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(10);
    /// s.clone_from(&MyString::from("xyz"));
    /// assert_eq!((s.as_str(), s.capacity()), ("xyz", 10));
    /// ```
    #[inline]
    fn clone_from(&mut self, source: &Self) {
        self.vec.clone_from(&source.vec);
    }
}

impl Default for MyString<Global> {
    /// An empty string; it does not allocate.
    #[inline]
    fn default() -> Self {
        MyString::new()
    }
}

impl<A: Allocator> Hash for MyString<A> {
    /// Hashes like the `str` it holds.
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<A: Allocator> Eq for MyString<A> {}

impl<A: Allocator> Ord for MyString<A> {
    /// Byte-wise lexicographic order, as `str`.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl<A: Allocator, I: SliceIndex<str>> Index<I> for MyString<A> {
    type Output = I::Output;

    /// Indexes the `str` by byte range, with `str`'s panics.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::from("aéb");
    /// assert_eq!(&s[1..3], "é");
    /// ```
    #[inline]
    #[track_caller]
    fn index(&self, index: I) -> &I::Output {
        &self.as_str()[index]
    }
}

impl<A: Allocator, I: SliceIndex<str>> IndexMut<I> for MyString<A> {
    #[inline]
    #[track_caller]
    fn index_mut(&mut self, index: I) -> &mut I::Output {
        &mut self.as_mut_str()[index]
    }
}

impl<A: Allocator> Add<&str> for MyString<A> {
    type Output = MyString<A>;

    /// Appends `other` and returns the string (reusing its buffer).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::from("a") + "ß", "aß");
    /// ```
    #[inline]
    fn add(mut self, other: &str) -> MyString<A> {
        self.push_str(other);
        self
    }
}

impl<A: Allocator> AddAssign<&str> for MyString<A> {
    /// Appends `other`.
    #[inline]
    fn add_assign(&mut self, other: &str) {
        self.push_str(other);
    }
}

impl<A: Allocator> Borrow<str> for MyString<A> {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl<A: Allocator> BorrowMut<str> for MyString<A> {
    #[inline]
    fn borrow_mut(&mut self) -> &mut str {
        self.as_mut_str()
    }
}

impl<A: Allocator> AsRef<str> for MyString<A> {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<A: Allocator> AsMut<str> for MyString<A> {
    #[inline]
    fn as_mut(&mut self) -> &mut str {
        self.as_mut_str()
    }
}

impl<A: Allocator> AsRef<[u8]> for MyString<A> {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<A: Allocator> fmt::Write for MyString<A> {
    /// Appends the text; never fails.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use std::fmt::Write;
    /// let mut s = MyString::new();
    /// write!(s, "{}€", 5).unwrap();
    /// assert_eq!(s, "5€");
    /// ```
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }

    #[inline]
    fn write_char(&mut self, c: char) -> fmt::Result {
        self.push(c);
        Ok(())
    }
}
