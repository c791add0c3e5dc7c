//! `Extend` and `FromIterator` for [`MyString`].
//!
//! Mirrors the `Extend`/`FromIterator` impls of `library/alloc/src/string.rs`.
//!
//! Every impl appends one item at a time with [`push`](MyString::push) or
//! [`push_str`](MyString::push_str), so the string is valid UTF-8 after each item: if the
//! iterator panics, the string holds exactly the items appended before. Only `char`
//! iterators reserve up front, and only the lower bound of their `size_hint` (a count of
//! chars, so a lower bound on the bytes), as std does.
//!
//! Where it differs from std: std specializes `extend` of an *array or slice* of `&str` to
//! reserve their total length once; on stable an array of `&str` is just an iterator here,
//! so the capacity after `s.extend(["..", ".."])` can differ from std's (never the contents).
//! `collect` of `String`s and `Cow<str>`s reuses the first item's buffer, as std does; of
//! `MyString`s too.

use alloc_crate::borrow::Cow;
use alloc_crate::string::String;

use super::MyString;
use crate::alloc::Allocator;
use crate::boxed::MyBox;

impl<A: Allocator> Extend<char> for MyString<A> {
    /// Appends every character, reserving the iterator's lower size bound first.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut s = MyString::from("a");
    /// s.extend(['é', '中']);
    /// assert_eq!(s, "aé中");
    /// ```
    fn extend<I: IntoIterator<Item = char>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        let (lower, _) = iter.size_hint();
        self.reserve(lower);
        iter.for_each(|ch| self.push(ch));
    }
}

impl<'a, A: Allocator> Extend<&'a char> for MyString<A> {
    /// Appends every character.
    fn extend<I: IntoIterator<Item = &'a char>>(&mut self, iter: I) {
        self.extend(iter.into_iter().copied());
    }
}

/// `Extend` of string-like items: `push_str` each one, nothing reserved up front.
macro_rules! extend_by_push_str {
    ($([$($generics:tt)*] $item:ty,)*) => {$(
        impl<$($generics)*> Extend<$item> for MyString<A> {
            /// Appends every string, in order.
            fn extend<I: IntoIterator<Item = $item>>(&mut self, iter: I) {
                iter.into_iter().for_each(|s| self.push_str(&s));
            }
        }
    )*};
}

extend_by_push_str! {
    ['a, A: Allocator] &'a str,
    [A: Allocator] String,
    ['a, A: Allocator] Cow<'a, str>,
    [A: Allocator, A2: Allocator] MyString<A2>,
    [A: Allocator, A2: Allocator] MyBox<str, A2>,
}

/// `FromIterator` that starts from an empty string and extends it.
macro_rules! collect_by_extend {
    ($([$($generics:tt)*] $item:ty,)*) => {$(
        impl<$($generics)*> FromIterator<$item> for MyString {
            /// Collects the items into a new string, as `extend` on an empty one.
            fn from_iter<I: IntoIterator<Item = $item>>(iter: I) -> Self {
                let mut collected = MyString::new();
                collected.extend(iter);
                collected
            }
        }
    )*};
}

collect_by_extend! {
    [] char,
    ['a] &'a char,
    ['a] &'a str,
    [A2: Allocator] MyBox<str, A2>,
}

/// `collect` of owned strings: the first item becomes the result (through `into_string`,
/// which keeps its buffer where it can) and the rest are appended to it, as std does.
fn collect_onto_first<T, I>(iter: I, into_string: impl FnOnce(T) -> MyString) -> MyString
where
    I: IntoIterator<Item = T>,
    MyString: Extend<T>,
{
    let mut iter = iter.into_iter();
    let Some(first) = iter.next() else {
        return MyString::new();
    };
    let mut collected = into_string(first);
    collected.extend(iter);
    collected
}

impl FromIterator<String> for MyString {
    /// Collects the strings, reusing the first one's buffer (no copy of it).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let s: MyString = ["ab".to_string(), "ç".to_string()].into_iter().collect();
    /// assert_eq!(s, "abç");
    /// ```
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        collect_onto_first(iter, MyString::from)
    }
}

impl FromIterator<MyString> for MyString {
    /// Collects the strings, reusing the first one's buffer (no copy of it).
    fn from_iter<I: IntoIterator<Item = MyString>>(iter: I) -> Self {
        collect_onto_first(iter, |first| first)
    }
}

impl<'a> FromIterator<Cow<'a, str>> for MyString {
    /// Collects the pieces; an owned first piece lends its buffer, a borrowed one is copied.
    fn from_iter<I: IntoIterator<Item = Cow<'a, str>>>(iter: I) -> Self {
        collect_onto_first(iter, MyString::from)
    }
}
