//! `PartialEq` and `PartialOrd` between [`MyString`] and `str`, `&str`, std's `String`,
//! `Cow<str>` and other `MyString`s, in both directions.
//!
//! Mirrors `impl_eq!` of `library/alloc/src/string.rs`, which compares `String` with `str`,
//! `&str` and `Cow<str>`. Every comparison is the comparison of the two `str`s. std has
//! `PartialOrd` only between two `String`s; here the same pairs as `PartialEq` are ordered too,
//! so `my_string < "abc"` works.

use alloc_crate::borrow::Cow;
use alloc_crate::string::String;
use core::cmp::Ordering;

use super::MyString;
use crate::alloc::Allocator;

/// `PartialEq` and `PartialOrd` both ways between `MyString<A>` and `$other`, through `str`.
macro_rules! compare_as_str {
    ($([$($generics:tt)*] $other:ty,)*) => {$(
        impl<$($generics)* A: Allocator> PartialEq<$other> for MyString<A> {
            #[inline]
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }

        impl<$($generics)* A: Allocator> PartialEq<MyString<A>> for $other {
            #[inline]
            fn eq(&self, other: &MyString<A>) -> bool {
                &self[..] == other.as_str()
            }
        }

        impl<$($generics)* A: Allocator> PartialOrd<$other> for MyString<A> {
            #[inline]
            fn partial_cmp(&self, other: &$other) -> Option<Ordering> {
                Some(self.as_str().cmp(&other[..]))
            }
        }

        impl<$($generics)* A: Allocator> PartialOrd<MyString<A>> for $other {
            #[inline]
            fn partial_cmp(&self, other: &MyString<A>) -> Option<Ordering> {
                Some(self[..].cmp(other.as_str()))
            }
        }
    )*};
}

compare_as_str! {
    [] str,
    ['a,] &'a str,
    [] String,
    ['a,] Cow<'a, str>,
}

impl<A: Allocator, A2: Allocator> PartialEq<MyString<A2>> for MyString<A> {
    /// Equal when the texts are equal, whatever the allocators and capacities.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyString;
    /// let mut roomy = MyString::with_capacity(40);
    /// roomy.push_str("é");
    /// assert_eq!(roomy, MyString::from("é"));
    /// assert!(MyString::from("a") < MyString::from("b"));
    /// assert_eq!(MyString::from("ß"), "ß");
    /// assert_eq!("ß", MyString::from("ß"));
    /// assert_eq!(String::from("ß"), MyString::from("ß"));
    /// ```
    #[inline]
    fn eq(&self, other: &MyString<A2>) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<A: Allocator, A2: Allocator> PartialOrd<MyString<A2>> for MyString<A> {
    #[inline]
    fn partial_cmp(&self, other: &MyString<A2>) -> Option<Ordering> {
        Some(self.as_str().cmp(other.as_str()))
    }
}
