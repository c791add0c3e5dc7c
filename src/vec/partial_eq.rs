//! `PartialEq` between a `MyVec` and vectors, slices, arrays and `Cow`s of any comparable
//! element type, in both directions.
//!
//! Mirrors `library/alloc/src/vec/partial_eq.rs`. Every impl says the same thing: two
//! sequences are equal when they have the same length and equal elements in order, so each
//! one compares the two sides as slices. The element types may differ (`MyVec<String> ==
//! [&str]` works through `String: PartialEq<&str>`), and so may the allocators.
//!
//! std lists only some directions "to reduce code bloat"; here every pair also exists the
//! other way round (`[T; N] == MyVec<U>` as well as `MyVec<T> == [U; N]`), plus both
//! directions with std's `Vec`, which makes differential tests read naturally. `Cow<'_, [T]>`
//! needs `T: Clone` on its side, because `Cow<[T]>` only exists for cloneable `T`.
//!
//! ```
//! use std::borrow::Cow;
//! use boxvec::{MyVec, my_vec};
//! use boxvec::alloc::Global;
//!
//! let v = my_vec![String::from("a"), String::from("b")];
//! assert_eq!(v, ["a", "b"]); // MyVec<String> == [&str; 2]
//! assert_eq!(v, &["a", "b"]); // == &[&str; 2]
//! assert_eq!(v, ["a", "b"][..]); // == [&str]
//! assert_eq!(v, &["a", "b"][..]); // == &[&str]
//! assert_eq!(v, vec!["a", "b"]); // == std's Vec<&str>
//!
//! let w: MyVec<&str, Global> = my_vec![in Global; "a", "b"];
//! assert_eq!(v, w); // MyVec<String> == MyVec<&str, Global>
//! assert_eq!(["a", "b"], v); // and the other way round
//! assert_eq!(vec!["a", "b"], v);
//!
//! let cow: Cow<'_, [&str]> = Cow::Borrowed(&["a", "b"]);
//! assert_eq!(cow, v);
//! assert_eq!(v, cow);
//! ```

use alloc_crate::borrow::Cow;
use alloc_crate::vec::Vec;

use super::MyVec;
use crate::alloc::Allocator;

/// Implements `PartialEq<$rhs> for $lhs` by comparing the two as slices of `T` and `U`.
macro_rules! impl_slice_eq {
    ([$($generics:tt)*] $lhs:ty, $rhs:ty $(, where $($bounds:tt)*)?) => {
        impl<T, U, $($generics)*> PartialEq<$rhs> for $lhs
        where
            T: PartialEq<U>,
            $($($bounds)*)?
        {
            #[inline]
            fn eq(&self, other: &$rhs) -> bool {
                self[..] == other[..]
            }
        }
    };
}

// Vector and vector, whatever the allocators.
impl_slice_eq! { [A1: Allocator, A2: Allocator] MyVec<T, A1>, MyVec<U, A2> }
impl_slice_eq! { [A: Allocator] MyVec<T, A>, Vec<U> }
impl_slice_eq! { [A: Allocator] Vec<T>, MyVec<U, A> }

// Vector and slice.
impl_slice_eq! { [A: Allocator] MyVec<T, A>, [U] }
impl_slice_eq! { [A: Allocator] MyVec<T, A>, &[U] }
impl_slice_eq! { [A: Allocator] MyVec<T, A>, &mut [U] }
impl_slice_eq! { [A: Allocator] [T], MyVec<U, A> }
impl_slice_eq! { [A: Allocator] &[T], MyVec<U, A> }
impl_slice_eq! { [A: Allocator] &mut [T], MyVec<U, A> }

// Vector and array.
impl_slice_eq! { [A: Allocator, const N: usize] MyVec<T, A>, [U; N] }
impl_slice_eq! { [A: Allocator, const N: usize] MyVec<T, A>, &[U; N] }
impl_slice_eq! { [A: Allocator, const N: usize] [T; N], MyVec<U, A> }
impl_slice_eq! { [A: Allocator, const N: usize] &[T; N], MyVec<U, A> }

// Vector and copy-on-write slice.
impl_slice_eq! { [A: Allocator] MyVec<T, A>, Cow<'_, [U]>, where U: Clone }
impl_slice_eq! { [A: Allocator] Cow<'_, [T]>, MyVec<U, A>, where T: Clone }
