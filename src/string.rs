//! `MyString`: a growable UTF-8 string, std's `String` rebuilt over [`MyVec<u8, A>`](MyVec).
//!
//! Mirrors `library/alloc/src/string.rs`. As for the vector, the pieces live in their own files:
//!
//! | file | what | std counterpart |
//! |---|---|---|
//! | `string.rs` | the type, its constructors and inherent methods, `format` | `string.rs` (the `impl String` block), `fmt.rs` (`format`) |
//! | `string/drain.rs` | [`Drain`] | `string.rs` (`Drain`) |
//! | `string/error.rs` | [`FromUtf8Error`], [`FromUtf16Error`] | `string.rs` (the error types) |
//! | `string/extend.rs` | `Extend`, `FromIterator` | `string.rs` (the same impls) |
//! | `string/convert.rs` | `From`, `TryFrom`, `FromStr` | `string.rs` (the same impls) |
//! | `string/traits.rs` | `Deref`, `Display`, `Debug`, `Clone`, `Hash`, `Ord`, `Index`, `Add`, `fmt::Write`, … | `string.rs` (the same impls) |
//! | `string/partial_eq.rs` | `PartialEq` / `PartialOrd` against `str`, `&str`, `String`, `Cow<str>` | `string.rs` (`impl_eq!`) |
//!
//! # What it teaches
//!
//! A string is a byte vector plus one promise: **the bytes `0..len` are always valid UTF-8.**
//! Everything else follows from that promise.
//!
//! - *Growth is the vector's.* `MyString` never talks to the allocator or decides a capacity:
//!   every growth goes through `MyVec<u8, A>`, so the capacity after any sequence of calls is
//!   the one `Vec<u8>` (and std's `String`) would have: 8 bytes at the first growth, then
//!   doubling, or exactly what was asked with the `_exact` methods.
//! - *Indices are byte offsets, and must fall on a char boundary.* A `char` takes 1 to 4
//!   bytes (`é` 2, `€` 3, `😀` 4); an offset inside one would let the string be cut into
//!   invalid UTF-8, so every method that takes an index checks
//!   [`is_char_boundary`](str::is_char_boundary) first and panics, exactly where and with the
//!   message std's does.
//! - *Character access is a walk.* The `n`th char is not at byte `n`: finding it means decoding
//!   from the start, which is why there is no `s[n]` for chars, only byte ranges.
//! - *User code in the middle.* [`retain`](MyString::retain) calls a predicate that may
//!   panic; a guard sets the length to the valid prefix written so far, so the string stays
//!   valid UTF-8 whatever happens (as in std, the unvisited rest is dropped).
//! - *Unsafe is only ever "these bytes are UTF-8".* The buffer handling is the vector's; the
//!   few `unsafe` blocks here either write bytes that are known to be UTF-8 into spare
//!   capacity or tell `str` that the bytes are valid.
//!
//! # Where it differs from std
//!
//! - `from_utf8_lossy` returns a `MyString` (a copy when the input is valid) instead of a
//!   `Cow<str>`: `Cow<str>`'s owned form is std's `String`. Its contents and capacity are
//!   those of std's `String::from_utf8_lossy(v).into_owned()`.
//! - `my_format!` cannot see the literal pieces of a format string on stable (std reads
//!   `Arguments::estimated_capacity`, which is internal), so it starts from an empty string
//!   and grows as the vector does. The text is the same; the capacity may differ from
//!   `format!`'s (it is exact when the format string has no arguments, as in std).
//! - No specialization: `extend` with an *array or slice* of `&str` pushes them one by one,
//!   where std reserves their total length first (`push_str_slice`). The contents are the
//!   same, the capacity can differ (pass `.iter().copied()` to std to compare).
//! - `Extend`/`FromIterator` of `MyString`, `MyBox<str>`, and comparisons with std's
//!   `String` are added; `into_boxed_str` gives a [`MyBox<str, A>`](crate::MyBox).
//! - The methods still unstable in std that take a `Pattern` (`remove_matches`,
//!   `replace_first`) are not provided: `Pattern` itself is unstable.

use core::fmt;
use core::ops::{Range, RangeBounds};
use core::ptr;
use core::str;

use crate::alloc::{Allocator, Global};
use crate::boxed::MyBox;
use crate::error::TryReserveError;
use crate::vec::{MyVec, slice_range};

mod convert;
mod drain;
mod error;
mod extend;
mod partial_eq;
mod traits;

pub use drain::Drain;
pub use error::{FromUtf8Error, FromUtf16Error};

/// A growable UTF-8 string, written `MyString`, with the same API as std's `String`.
///
/// It is a [`MyVec<u8, A>`](MyVec) whose bytes are always valid UTF-8. The same calls give
/// the same contents, the same capacities and the same panic messages as `std::string::String`;
/// the differences are listed in the [module docs](crate::string).
///
/// # Examples
/// ```
/// use boxvec::MyString;
///
/// let mut s = MyString::from("grüß");
/// s.push('€');
/// assert_eq!(s, "grüß€");
/// assert_eq!(s.len(), 9); // bytes: g r ü(2) ß(2) €(3)
/// assert_eq!(s.chars().count(), 5);
/// ```
pub struct MyString<A: Allocator = Global> {
    /// The bytes. Invariant: `vec[..]` is valid UTF-8.
    vec: MyVec<u8, A>,
}

impl MyString {
    /// Creates a new empty string. It does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::new();
    /// assert_eq!(s.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        MyString { vec: MyVec::new() }
    }

    /// Creates a new empty string with room for at least `capacity` bytes.
    ///
    /// # Panics
    /// Panics if `capacity` exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::with_capacity(10);
    /// assert_eq!((s.len(), s.capacity()), (0, 10));
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        MyString {
            vec: MyVec::with_capacity(capacity),
        }
    }

    /// Like [`with_capacity`](Self::with_capacity), but returns an error instead of panicking
    /// or aborting when the memory cannot be had.
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) above `isize::MAX`
    /// bytes, [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::try_with_capacity(5).unwrap().capacity(), 5);
    /// assert!(MyString::try_with_capacity(usize::MAX).is_err());
    /// ```
    #[inline]
    pub fn try_with_capacity(capacity: usize) -> Result<Self, TryReserveError> {
        Ok(MyString {
            vec: MyVec::try_with_capacity(capacity)?,
        })
    }

    /// Decodes UTF-8 bytes, replacing each invalid sequence with `U+FFFD` (`�`).
    ///
    /// Differs from std, which returns a `Cow<str>` borrowing `v` when it is valid: this
    /// always returns an owned copy (see the module docs). Contents and capacity equal std's
    /// `String::from_utf8_lossy(v).into_owned()`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s = MyString::from_utf8_lossy(b"caf\xC3\xA9 \xFF!");
    /// assert_eq!(s, "café �!");
    /// ```
    #[must_use]
    pub fn from_utf8_lossy(v: &[u8]) -> Self {
        Self::from_utf8_lossy_in(v, Global)
    }

    /// Decodes UTF-16, failing at the first unpaired surrogate.
    ///
    /// As in std, the string starts with room for one byte per UTF-16 unit and grows when
    /// characters take more (`中` is one unit but three bytes).
    ///
    /// # Errors
    /// [`FromUtf16Error`] if `v` contains a lone surrogate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let units: Vec<u16> = "€😀".encode_utf16().collect();
    /// assert_eq!(MyString::from_utf16(&units).unwrap(), "€😀");
    /// assert!(MyString::from_utf16(&[0xD800]).is_err());
    /// ```
    pub fn from_utf16(v: &[u16]) -> Result<Self, FromUtf16Error> {
        let mut decoded = MyString::with_capacity(v.len());
        for unit in char::decode_utf16(v.iter().copied()) {
            match unit {
                Ok(ch) => decoded.push(ch),
                Err(_) => return Err(FromUtf16Error::lone_surrogate()),
            }
        }
        Ok(decoded)
    }

    /// Decodes UTF-16, replacing each unpaired surrogate with `U+FFFD` (`�`).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::from_utf16_lossy(&[0x61, 0xD800, 0x62]), "a�b");
    /// ```
    #[must_use]
    pub fn from_utf16_lossy(v: &[u16]) -> Self {
        char::decode_utf16(v.iter().copied())
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }

    /// Rebuilds a string from a pointer, a length and a capacity, for example those of a
    /// `String` or a `MyString` taken apart.
    ///
    /// # Safety
    /// - Every requirement of [`MyVec::from_raw_parts`] for `u8` holds: `buf` was allocated by
    ///   the global allocator with exactly `capacity` bytes (or `capacity == 0`), and
    ///   `length <= capacity`.
    /// - The first `length` bytes are valid UTF-8.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = std::mem::ManuallyDrop::new(String::from("hé"));
    /// // SAFETY: the parts come from a live `String`, which is never used again.
    /// let mine = unsafe { MyString::from_raw_parts(s.as_mut_ptr(), s.len(), s.capacity()) };
    /// assert_eq!(mine, "hé");
    /// ```
    #[inline]
    pub unsafe fn from_raw_parts(buf: *mut u8, length: usize, capacity: usize) -> Self {
        // SAFETY: the caller guarantees the vector's requirements and that the bytes are
        // UTF-8, which is this type's invariant.
        unsafe { MyString::from_utf8_unchecked(MyVec::from_raw_parts(buf, length, capacity)) }
    }
}

impl<A: Allocator> MyString<A> {
    /// Creates a new empty string in `alloc`. It does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use boxvec::alloc::Global;
    /// let s = MyString::new_in(Global);
    /// assert!(s.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub const fn new_in(alloc: A) -> Self {
        MyString {
            vec: MyVec::new_in(alloc),
        }
    }

    /// Creates a new empty string in `alloc` with room for at least `capacity` bytes.
    ///
    /// # Panics
    /// Panics if `capacity` exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use boxvec::alloc::Global;
    /// assert_eq!(MyString::with_capacity_in(3, Global).capacity(), 3);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_in(capacity: usize, alloc: A) -> Self {
        MyString {
            vec: MyVec::with_capacity_in(capacity, alloc),
        }
    }

    /// Like [`with_capacity_in`](Self::with_capacity_in), but returns an error instead of
    /// panicking or aborting when the memory cannot be had.
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) above `isize::MAX`
    /// bytes, [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use boxvec::alloc::{FailMode, Failing, Global};
    /// let refusing = Failing::with_mode(Global, FailMode::From(0));
    /// assert!(MyString::try_with_capacity_in(4, &refusing).is_err());
    /// ```
    #[inline]
    pub fn try_with_capacity_in(capacity: usize, alloc: A) -> Result<Self, TryReserveError> {
        Ok(MyString {
            vec: MyVec::try_with_capacity_in(capacity, alloc)?,
        })
    }

    /// Turns a byte vector into a string if the bytes are valid UTF-8, keeping its buffer.
    ///
    /// # Errors
    /// [`FromUtf8Error`] if they are not; it gives the bytes back and says where the first
    /// invalid sequence starts.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// let s = MyString::from_utf8(my_vec![0xE2, 0x82, 0xAC]).unwrap();
    /// assert_eq!(s, "€");
    ///
    /// let err = MyString::from_utf8(my_vec![b'a', 0xE2, 0x82]).unwrap_err();
    /// assert_eq!(err.utf8_error().valid_up_to(), 1);
    /// assert_eq!(err.into_bytes(), [b'a', 0xE2, 0x82]);
    /// ```
    pub fn from_utf8(vec: MyVec<u8, A>) -> Result<Self, FromUtf8Error<A>> {
        match str::from_utf8(&vec) {
            Ok(_) => Ok(MyString { vec }),
            Err(error) => Err(FromUtf8Error::new(vec, error)),
        }
    }

    /// Like [`from_utf8_lossy`](MyString::from_utf8_lossy), in `alloc`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use boxvec::alloc::Global;
    /// assert_eq!(MyString::from_utf8_lossy_in(b"\xF0\x9F\x98", Global), "�");
    /// ```
    #[must_use]
    pub fn from_utf8_lossy_in(v: &[u8], alloc: A) -> Self {
        let mut chunks = v.utf8_chunks();
        let first = match chunks.next() {
            Some(chunk) if !chunk.invalid().is_empty() => chunk,
            // Entirely valid (one chunk) or empty: std borrows; the owned copy is exact.
            Some(chunk) => return MyString::copy_in(chunk.valid(), alloc),
            None => return MyString::new_in(alloc),
        };
        let mut decoded = MyString::with_capacity_in(v.len(), alloc);
        decoded.push_str(first.valid());
        decoded.push_str(REPLACEMENT);
        for chunk in chunks {
            decoded.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                decoded.push_str(REPLACEMENT);
            }
        }
        decoded
    }

    /// Copies `s` into a new string in `alloc` with capacity exactly its length, as std's
    /// `to_owned` does: the one copy behind `From<&str>`, `From<char>`, `FromStr`, the lossy
    /// decoders' valid case and `my_format!` without arguments.
    fn copy_in(s: &str, alloc: A) -> Self {
        let mut copy = MyString::with_capacity_in(s.len(), alloc);
        copy.push_str(s);
        copy
    }

    /// Turns a byte vector into a string without checking that it is UTF-8.
    ///
    /// # Safety
    /// - `bytes` must be valid UTF-8: every other method relies on it (slicing, `chars`,
    ///   `pop` would read out of bounds or produce invalid `char`s otherwise).
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyString, my_vec};
    /// // SAFETY: "hi" is ASCII, hence UTF-8.
    /// let s = unsafe { MyString::from_utf8_unchecked(my_vec![b'h', b'i']) };
    /// assert_eq!(s, "hi");
    /// ```
    #[inline]
    #[must_use]
    pub const unsafe fn from_utf8_unchecked(bytes: MyVec<u8, A>) -> Self {
        MyString { vec: bytes }
    }

    /// Turns the string into its byte vector, keeping the buffer (no copy).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(16);
    /// s.push_str("ß");
    /// let bytes = s.into_bytes();
    /// assert_eq!(bytes, [0xC3, 0x9F]);
    /// assert_eq!(bytes.capacity(), 16);
    /// ```
    #[inline]
    #[must_use]
    pub fn into_bytes(self) -> MyVec<u8, A> {
        self.vec
    }

    /// The whole string as a `&str`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::from("中").as_str(), "中");
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_str(&self) -> &str {
        // SAFETY: the bytes are valid UTF-8 (the type's invariant).
        unsafe { str::from_utf8_unchecked(self.vec.as_slice()) }
    }

    /// The whole string as a `&mut str`. Safe code can only change it in ways that keep it
    /// UTF-8 (`make_ascii_uppercase`, …).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("straße");
    /// s.as_mut_str().make_ascii_uppercase();
    /// assert_eq!(s, "STRAßE"); // only ASCII letters change
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_str(&mut self) -> &mut str {
        // SAFETY: the bytes are valid UTF-8 (the type's invariant), and `&mut str` only
        // allows changes that keep them so.
        unsafe { str::from_utf8_unchecked_mut(self.vec.as_mut_slice()) }
    }

    /// The string's bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::from("é").as_bytes(), [0xC3, 0xA9]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8] {
        self.vec.as_slice()
    }

    /// The byte vector underneath, mutably.
    ///
    /// # Safety
    /// - The bytes must be valid UTF-8 again by the time the `&mut MyVec` is gone: the string
    ///   relies on it everywhere.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("abc");
    /// // SAFETY: reversing ASCII bytes keeps them ASCII.
    /// unsafe { s.as_mut_vec().reverse() };
    /// assert_eq!(s, "cba");
    /// ```
    #[inline]
    pub const unsafe fn as_mut_vec(&mut self) -> &mut MyVec<u8, A> {
        &mut self.vec
    }

    /// The length in bytes (not chars: `"é".len() == 2`).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert_eq!(MyString::from("😀").len(), 4);
    /// ```
    #[inline]
    #[must_use]
    pub const fn len(&self) -> usize {
        self.vec.len()
    }

    /// Whether the string has length zero.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// assert!(MyString::new().is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.vec.is_empty()
    }

    /// The capacity in bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::new();
    /// s.push('a');
    /// assert_eq!(s.capacity(), 8); // as `Vec<u8>`: the first growth gives 8 bytes
    /// ```
    #[inline]
    #[must_use]
    pub const fn capacity(&self) -> usize {
        self.vec.capacity()
    }

    /// The allocator the string's buffer lives in.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// use boxvec::alloc::{Counting, Global};
    /// let counting = Counting::new(Global);
    /// let s = MyString::with_capacity_in(4, &counting);
    /// assert_eq!(s.allocator().snapshot().allocations, 1);
    /// ```
    #[inline]
    #[must_use]
    pub const fn allocator(&self) -> &A {
        self.vec.allocator()
    }

    /// Reserves room for at least `additional` more bytes, growing as `Vec<u8>` does.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("ab");
    /// s.reserve(3);
    /// assert_eq!(s.capacity(), 8);
    /// ```
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.vec.reserve(additional);
    }

    /// Reserves room for exactly `additional` more bytes (if there is not enough).
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("ab");
    /// s.reserve_exact(3);
    /// assert_eq!(s.capacity(), 5);
    /// ```
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        self.vec.reserve_exact(additional);
    }

    /// Like [`reserve`](Self::reserve), but returns an error instead of panicking or aborting.
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) above `isize::MAX`
    /// bytes, [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses;
    /// the string is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("x");
    /// assert!(s.try_reserve(usize::MAX).is_err());
    /// assert_eq!(s, "x");
    /// ```
    #[inline]
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.vec.try_reserve(additional)
    }

    /// Like [`reserve_exact`](Self::reserve_exact), but returns an error instead of
    /// panicking or aborting.
    ///
    /// # Errors
    /// As [`try_reserve`](Self::try_reserve).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::new();
    /// s.try_reserve_exact(3).unwrap();
    /// assert_eq!(s.capacity(), 3);
    /// ```
    #[inline]
    pub fn try_reserve_exact(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.vec.try_reserve_exact(additional)
    }

    /// Shrinks the capacity to the length.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(20);
    /// s.push_str("abc");
    /// s.shrink_to_fit();
    /// assert_eq!(s.capacity(), 3);
    /// ```
    #[inline]
    pub fn shrink_to_fit(&mut self) {
        self.vec.shrink_to_fit();
    }

    /// Shrinks the capacity to `max(len, min_capacity)`, if it is larger.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(20);
    /// s.push_str("abc");
    /// s.shrink_to(10);
    /// assert_eq!(s.capacity(), 10);
    /// ```
    #[inline]
    pub fn shrink_to(&mut self, min_capacity: usize) {
        self.vec.shrink_to(min_capacity);
    }

    /// Like [`shrink_to_fit`](Self::shrink_to_fit), but returns an error if the allocator
    /// refuses (not in std).
    ///
    /// # Errors
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses to
    /// shrink; the string is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(9);
    /// s.push('é');
    /// s.try_shrink_to_fit().unwrap();
    /// assert_eq!(s.capacity(), 2);
    /// ```
    #[inline]
    pub fn try_shrink_to_fit(&mut self) -> Result<(), TryReserveError> {
        self.vec.try_shrink_to_fit()
    }

    /// Like [`shrink_to`](Self::shrink_to), but returns an error if the allocator refuses
    /// (not in std).
    ///
    /// # Errors
    /// As [`try_shrink_to_fit`](Self::try_shrink_to_fit).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::with_capacity(9);
    /// s.try_shrink_to(4).unwrap();
    /// assert_eq!(s.capacity(), 4);
    /// ```
    #[inline]
    pub fn try_shrink_to(&mut self, min_capacity: usize) -> Result<(), TryReserveError> {
        self.vec.try_shrink_to(min_capacity)
    }

    /// Appends a string slice.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("foo");
    /// s.push_str("bär");
    /// assert_eq!(s, "foobär");
    /// ```
    #[inline]
    pub fn push_str(&mut self, string: &str) {
        let (len, amount) = (self.len(), string.len());
        self.vec.reserve(amount);
        // SAFETY: `reserve` made room for `len + amount` bytes; `string` is borrowed
        // immutably while `self` is borrowed mutably, so it is not in our buffer. The bytes
        // appended are a whole `str`, so `0..len + amount` stays valid UTF-8.
        unsafe {
            let end = self.vec.as_mut_ptr().add(len);
            ptr::copy_nonoverlapping(string.as_ptr(), end, amount);
            self.vec.set_len(len + amount);
        }
    }

    /// Appends one character (1 to 4 bytes).
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::new();
    /// s.push('a');
    /// s.push('😀');
    /// assert_eq!(s, "a😀");
    /// assert_eq!(s.len(), 5);
    /// ```
    #[inline]
    pub fn push(&mut self, ch: char) {
        let ch_len = ch.len_utf8();
        if ch_len == 1 {
            // One byte: the vector's own push is the fast path (and grows the same way).
            self.vec.push(ch as u8);
            return;
        }
        let len = self.len();
        self.vec.reserve(ch_len);
        // SAFETY: `reserve` made room for `len + ch_len` bytes, and `write_utf8` writes the
        // whole `ch_len`-byte encoding of `ch` there, so `0..len + ch_len` stays valid UTF-8.
        unsafe {
            write_utf8(ch, ch_len, self.vec.as_mut_ptr().add(len));
            self.vec.set_len(len + ch_len);
        }
    }

    /// Copies the bytes of range `src` to the end of the string.
    ///
    /// # Panics
    /// Panics if the range is out of bounds or decreasing (with slice indexing's messages), if
    /// either end is not on a char boundary, or if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("aé-");
    /// s.extend_from_within(1..3);
    /// assert_eq!(s, "aé-é");
    /// ```
    #[track_caller]
    pub fn extend_from_within<R: RangeBounds<usize>>(&mut self, src: R) {
        let Range { start, end } = slice_range(src, self.len());
        assert!(self.is_char_boundary(start));
        assert!(self.is_char_boundary(end));
        self.vec.extend_from_within(start..end);
    }

    /// Shortens the string to `new_len` bytes; does nothing if it is not longer. The capacity
    /// is unchanged.
    ///
    /// # Panics
    /// Panics if `new_len` is not on a char boundary.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("ßa");
    /// s.truncate(2);
    /// assert_eq!(s, "ß");
    /// ```
    #[inline]
    #[track_caller]
    pub fn truncate(&mut self, new_len: usize) {
        if new_len <= self.len() {
            assert!(self.is_char_boundary(new_len));
            self.vec.truncate(new_len);
        }
    }

    /// Removes the last character and returns it, or `None` if the string is empty.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("a€");
    /// assert_eq!(s.pop(), Some('€'));
    /// assert_eq!(s.pop(), Some('a'));
    /// assert_eq!(s.pop(), None);
    /// ```
    #[inline]
    pub fn pop(&mut self) -> Option<char> {
        let last = self.chars().next_back()?;
        // Dropping the last char's bytes leaves a prefix that ends on a char boundary.
        self.vec.truncate(self.len() - last.len_utf8());
        Some(last)
    }

    /// Removes the character that starts at byte `idx` and returns it, moving the rest down.
    ///
    /// # Panics
    /// Panics if `idx >= len` (at `len`: "cannot remove a char from the end of a string") or
    /// if `idx` is not on a char boundary.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("a中b");
    /// assert_eq!(s.remove(1), '中');
    /// assert_eq!(s, "ab");
    /// ```
    #[track_caller]
    pub fn remove(&mut self, idx: usize) -> char {
        // Slicing checks `idx <= len` and the boundary, with str's own messages.
        let Some(ch) = self[idx..].chars().next() else {
            remove_at_end_fail()
        };
        let next = idx + ch.len_utf8();
        let len = self.len();
        self.vec.copy_within(next..len, idx);
        // The bytes kept are `..idx` and the old `next..`, both whole chars.
        self.vec.truncate(len - (next - idx));
        ch
    }

    /// Keeps only the characters for which `keep` returns `true`, visiting each once, in order.
    ///
    /// If `keep` panics, the string is left holding the characters kept so far: as in std,
    /// the character being examined and the ones after it are dropped, and the string is
    /// valid UTF-8.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("a-é-€-😀");
    /// s.retain(|c| c != '-');
    /// assert_eq!(s, "aé€😀");
    /// ```
    pub fn retain<F: FnMut(char) -> bool>(&mut self, mut keep: F) {
        let len = self.len();
        let mut compaction = RetainGuard {
            vec: &mut self.vec,
            read: 0,
            deleted: 0,
        };
        while compaction.read < len {
            let unvisited = &compaction.vec[compaction.read..len];
            // SAFETY: `read` is a char boundary (it advances by whole chars) and bytes
            // `read..len` have not been written yet, so they are the original valid UTF-8.
            let unvisited = unsafe { str::from_utf8_unchecked(unvisited) };
            let Some(ch) = unvisited.chars().next() else {
                break;
            };
            let ch_len = ch.len_utf8();
            if !keep(ch) {
                compaction.deleted += ch_len;
            } else if compaction.deleted > 0 {
                let write = compaction.read - compaction.deleted;
                ch.encode_utf8(&mut compaction.vec[write..write + ch_len]);
            }
            compaction.read += ch_len;
        }
    }

    /// Inserts a character at byte `idx`, moving the rest up.
    ///
    /// # Panics
    /// Panics if `idx > len` or not on a char boundary, or if the new capacity exceeds
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("ab");
    /// s.insert(1, 'ß');
    /// assert_eq!(s, "aßb");
    /// ```
    #[track_caller]
    pub fn insert(&mut self, idx: usize, ch: char) {
        assert!(self.is_char_boundary(idx));
        let mut encoded = [0; 4];
        self.insert_bytes(idx, ch.encode_utf8(&mut encoded).as_bytes());
    }

    /// Inserts a string slice at byte `idx`, moving the rest up.
    ///
    /// # Panics
    /// Panics if `idx > len` or not on a char boundary, or if the new capacity exceeds
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("€!");
    /// s.insert_str(3, "100");
    /// assert_eq!(s, "€100!");
    /// ```
    #[track_caller]
    pub fn insert_str(&mut self, idx: usize, string: &str) {
        assert!(self.is_char_boundary(idx));
        self.insert_bytes(idx, string.as_bytes());
    }

    /// Opens a gap of `bytes.len()` at `idx` and copies `bytes` into it.
    ///
    /// The caller checked that `idx` is a char boundary and that `bytes` is UTF-8.
    fn insert_bytes(&mut self, idx: usize, bytes: &[u8]) {
        let len = self.len();
        let amount = bytes.len();
        self.vec.reserve(amount);
        let base = self.vec.as_mut_ptr();
        // SAFETY: `idx <= len` (a char boundary), and `reserve` made room for `len + amount`
        // bytes, so both the moved tail `idx + amount..len + amount` and the gap lie in the
        // allocation; `bytes` is borrowed immutably, so it cannot be inside our buffer.
        unsafe {
            ptr::copy(base.add(idx), base.add(idx + amount), len - idx);
            ptr::copy_nonoverlapping(bytes.as_ptr(), base.add(idx), amount);
            // Bytes `0..len + amount` are now initialized: the head, `bytes`, the tail.
            self.vec.set_len(len + amount);
        }
    }

    /// Splits the string at byte `at`: `self` keeps `..at`, the result (a new buffer of
    /// exactly the tail's size) gets `at..`. `self`'s capacity is unchanged.
    ///
    /// # Panics
    /// Panics if `at > len` or not on a char boundary.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("hé!");
    /// let tail = s.split_off(3);
    /// assert_eq!((s.as_str(), tail.as_str()), ("hé", "!"));
    /// ```
    #[track_caller]
    #[must_use = "use `.truncate()` if you don't need the other half"]
    pub fn split_off(&mut self, at: usize) -> Self
    where
        A: Clone,
    {
        assert!(self.is_char_boundary(at));
        let tail = self.vec.split_off(at);
        // SAFETY: `at` is a char boundary, so the tail of valid UTF-8 is valid UTF-8.
        unsafe { MyString::from_utf8_unchecked(tail) }
    }

    /// Removes all contents; the capacity is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("abc");
    /// s.clear();
    /// assert_eq!((s.len(), s.capacity()), (0, 3));
    /// ```
    #[inline]
    pub fn clear(&mut self) {
        self.vec.clear();
    }

    /// Replaces the byte range `range` with `replace_with` (of any length).
    ///
    /// # Panics
    /// Panics if the range is out of bounds or decreasing (slice indexing's messages), or if
    /// its start or end is not on a char boundary ("start of range should be a character
    /// boundary" / "end of range should be a character boundary").
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("α is alpha");
    /// s.replace_range(..2, "Α (capital)");
    /// assert_eq!(s, "Α (capital) is alpha");
    /// ```
    #[track_caller]
    pub fn replace_range<R: RangeBounds<usize>>(&mut self, range: R, replace_with: &str) {
        let Range { start, end } = slice_range(range, self.len());
        assert!(
            self.is_char_boundary(start),
            "start of range should be a character boundary"
        );
        assert!(
            self.is_char_boundary(end),
            "end of range should be a character boundary"
        );
        self.vec.splice(start..end, replace_with.bytes());
    }

    /// Turns the string into a boxed `str`, shrinking the buffer to the length first.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyBox, MyString};
    /// let mut s = MyString::with_capacity(10);
    /// s.push_str("ok");
    /// let b: MyBox<str> = s.into_boxed_str();
    /// assert_eq!(&*b, "ok");
    /// ```
    #[must_use = "`self` will be dropped if the result is not used"]
    pub fn into_boxed_str(self) -> MyBox<str, A> {
        let (bytes, alloc) = MyBox::into_raw_with_allocator(self.vec.into_boxed_slice());
        // SAFETY: `str` has the layout and length metadata of `[u8]`, the bytes are valid
        // UTF-8, and the block is the box's own, in `alloc`.
        unsafe { MyBox::from_raw_in(bytes as *mut str, alloc) }
    }

    /// Leaks the string, returning a `&mut str` that lives as long as the allocator. The
    /// buffer is not shrunk.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let leaked: &'static mut str = MyString::from("forever").leak();
    /// assert_eq!(leaked, "forever");
    /// # // Reclaim the memory so the doctest is leak-free under Miri.
    /// # drop(unsafe { MyString::from_raw_parts(leaked.as_mut_ptr(), 7, 7) });
    /// ```
    #[inline]
    pub fn leak<'a>(self) -> &'a mut str
    where
        A: 'a,
    {
        let bytes = self.vec.leak();
        // SAFETY: the bytes are valid UTF-8 (the type's invariant).
        unsafe { str::from_utf8_unchecked_mut(bytes) }
    }
}

/// Writes the UTF-8 encoding of `ch` (`ch_len` bytes) at `dst`.
///
/// This is how UTF-8 works: the lead byte says how many bytes follow (`0b110…` two,
/// `0b1110…` three, `0b11110…` four) and carries the high bits of the code point; each
/// continuation byte is `0b10` followed by the next six bits. `char::encode_utf8` does the
/// same into a `&mut [u8]`, which spare capacity (uninitialized memory) cannot be; like std's
/// `push` (`encode_utf8_raw_unchecked`), this writes through a raw pointer instead.
///
/// # Safety
/// - `ch_len == ch.len_utf8()` and `ch_len >= 2` (one byte is a plain `u8` push).
/// - `dst` is valid for writes of `ch_len` bytes.
#[inline]
unsafe fn write_utf8(ch: char, ch_len: usize, dst: *mut u8) {
    const CONTINUATION: u32 = 0b1000_0000;
    let code = ch as u32;
    let continuation = |shift: u32| (CONTINUATION | (code >> shift) & 0b11_1111) as u8;
    let bytes: [u8; 4] = match ch_len {
        2 => [(0b1100_0000 | code >> 6) as u8, continuation(0), 0, 0],
        3 => [
            (0b1110_0000 | code >> 12) as u8,
            continuation(6),
            continuation(0),
            0,
        ],
        _ => [
            (0b1111_0000 | code >> 18) as u8,
            continuation(12),
            continuation(6),
            continuation(0),
        ],
    };
    // SAFETY: the caller guarantees `dst` is valid for `ch_len <= 4` bytes; each arm copies a
    // constant count, which compiles to a few stores rather than a `memcpy` call.
    unsafe {
        match ch_len {
            2 => ptr::copy_nonoverlapping(bytes.as_ptr(), dst, 2),
            3 => ptr::copy_nonoverlapping(bytes.as_ptr(), dst, 3),
            _ => ptr::copy_nonoverlapping(bytes.as_ptr(), dst, 4),
        }
    }
}

/// std's replacement character `U+FFFD`, as a `&str`.
const REPLACEMENT: &str = "\u{FFFD}";

/// The guard of [`MyString::retain`]: chars `..read` have been visited and the kept ones
/// packed into `..read - deleted`. Whenever it is dropped (at the end, or while unwinding
/// from a panicking predicate), the length becomes that packed prefix, which is whole chars.
struct RetainGuard<'a, A: Allocator> {
    vec: &'a mut MyVec<u8, A>,
    read: usize,
    deleted: usize,
}

impl<A: Allocator> Drop for RetainGuard<'_, A> {
    fn drop(&mut self) {
        // The packed prefix is a sequence of whole chars copied in order: valid UTF-8.
        self.vec.truncate(self.read - self.deleted);
    }
}

/// The panic of `remove(len)`, with std's message.
#[cold]
#[inline(never)]
#[track_caller]
fn remove_at_end_fail() -> ! {
    panic!("cannot remove a char from the end of a string")
}

/// Formats `args` into a new [`MyString`]: what [`my_format!`](crate::my_format) expands to.
///
/// # Panics
/// Panics if a `Display` (or other formatting) implementation returns an error, as std's
/// `format` does.
///
/// # Examples
/// ```
/// let s = boxvec::string::format(format_args!("{}-{}", 1, 'é'));
/// assert_eq!(s, "1-é");
/// ```
#[must_use]
pub fn format(args: fmt::Arguments<'_>) -> MyString {
    format_in(args, Global)
}

/// Formats `args` into a new [`MyString`] in `alloc`: what `my_format!(in alloc; …)`
/// expands to.
///
/// A format string without arguments is copied exactly, as in std. Otherwise the string
/// starts empty and grows as the vector does; std guesses a starting capacity from the
/// literal pieces, which stable Rust cannot see (see the module docs).
///
/// # Panics
/// Panics if a formatting implementation returns an error.
///
/// # Examples
/// ```
/// use boxvec::alloc::Global;
/// let s = boxvec::string::format_in(format_args!("{:>4}", "ß"), Global);
/// assert_eq!(s, "   ß");
/// ```
#[must_use]
pub fn format_in<A: Allocator>(args: fmt::Arguments<'_>, alloc: A) -> MyString<A> {
    if let Some(literal) = args.as_str() {
        return MyString::copy_in(literal, alloc);
    }
    let mut output = MyString::new_in(alloc);
    fmt::Write::write_fmt(&mut output, args).expect(
        "a formatting trait implementation returned an error when the underlying stream did not",
    );
    output
}
