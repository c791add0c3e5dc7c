//! A boxed iterator is an iterator; a borrowed boxed slice iterates like a slice.
//!
//! Mirrors `library/alloc/src/boxed/iter.rs`.
//!
//! Where it differs from std:
//! - std overrides `last` for sized iterators (calling the inner `last`, which may be faster)
//!   using specialization, which is nightly-only. Here `last` is the default one (`next` until
//!   `None`) for every iterator: same result, sometimes slower.
//! - `IntoIterator for MyBox<[T], A>` (by value) needs `MyVec`'s `IntoIter` and lives there.
//! - `IntoIterator for &mut MyBox<[T], A>` is not possible on stable: std rules out
//!   `Iterator for Box<[T]>` with a negative impl (`impl !Iterator`), which is nightly-only, so
//!   coherence must assume `[T]` might one day be an iterator, making `&mut MyBox<[T]>` one
//!   (through `impl Iterator for &mut I`). Write `b.iter_mut()` instead.

use core::iter::FusedIterator;
use core::slice;

use super::MyBox;
use crate::alloc::Allocator;

impl<I: Iterator + ?Sized, A: Allocator> Iterator for MyBox<I, A> {
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        (**self).next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth(n)
    }
}

impl<I: DoubleEndedIterator + ?Sized, A: Allocator> DoubleEndedIterator for MyBox<I, A> {
    #[inline]
    fn next_back(&mut self) -> Option<I::Item> {
        (**self).next_back()
    }

    #[inline]
    fn nth_back(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth_back(n)
    }
}

impl<I: ExactSizeIterator + ?Sized, A: Allocator> ExactSizeIterator for MyBox<I, A> {
    #[inline]
    fn len(&self) -> usize {
        (**self).len()
    }
}

impl<I: FusedIterator + ?Sized, A: Allocator> FusedIterator for MyBox<I, A> {}

impl<'a, T, A: Allocator> IntoIterator for &'a MyBox<[T], A> {
    type Item = &'a T;
    type IntoIter = slice::Iter<'a, T>;

    /// Iterates over references to the elements: `for x in &boxed_slice`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let b: MyBox<[i32]> = MyBox::from([1, 2, 3]);
    /// let mut sum = 0;
    /// for x in &b {
    ///     sum += x;
    /// }
    /// assert_eq!(sum, 6);
    /// ```
    #[inline]
    fn into_iter(self) -> slice::Iter<'a, T> {
        self.iter()
    }
}
