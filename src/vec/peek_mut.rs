//! `PeekMut`: a mutable view of a vector's last element that can also pop it.
//!
//! Mirrors `library/alloc/src/vec/peek_mut.rs` (unstable `vec_peek_mut` in std).
//!
//! The point of the type is that the "is the vector non-empty?" check happens once, when the
//! view is made by [`MyVec::peek_mut`]; reading, writing and popping through it need no
//! further check, because the view holds the vector's only `&mut` and the vector cannot shrink
//! behind its back.

use core::fmt;
use core::ops::{Deref, DerefMut};

use super::MyVec;
use crate::alloc::{Allocator, Global};

/// A mutable view of the last element of a non-empty [`MyVec`], made by
/// [`MyVec::peek_mut`].
///
/// # Examples
/// ```
/// use boxvec::my_vec;
/// use boxvec::vec::PeekMut;
///
/// let mut stack = my_vec![1, 5];
/// let top = stack.peek_mut().unwrap();
/// if *top > 3 {
///     assert_eq!(PeekMut::pop(top), 5);
/// }
/// assert_eq!(stack, [1]);
/// ```
pub struct PeekMut<'a, T, A: Allocator = Global> {
    /// Non-empty for as long as the view exists: only `pop` removes an element, and it
    /// consumes the view.
    vec: &'a mut MyVec<T, A>,
}

impl<'a, T, A: Allocator> PeekMut<'a, T, A> {
    /// The view of `vec`'s last element, or `None` if `vec` is empty.
    pub(super) fn new(vec: &'a mut MyVec<T, A>) -> Option<Self> {
        if vec.is_empty() {
            None
        } else {
            Some(PeekMut { vec })
        }
    }

    /// Removes the viewed element from the vector and returns it.
    ///
    /// An associated function rather than a method, so that it cannot be confused with a
    /// method of `T` reached through `Deref`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// use boxvec::vec::PeekMut;
    /// let mut v = my_vec!['a', 'b'];
    /// assert_eq!(PeekMut::pop(v.peek_mut().unwrap()), 'b');
    /// assert_eq!(v, ['a']);
    /// ```
    pub fn pop(this: Self) -> T {
        match this.vec.pop() {
            Some(last) => last,
            // A `PeekMut` only exists for a non-empty vector.
            None => unreachable!("PeekMut of an empty vector"),
        }
    }

    /// The index of the viewed element.
    fn last_index(&self) -> usize {
        self.vec.len() - 1
    }
}

impl<T, A: Allocator> Deref for PeekMut<'_, T, A> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.vec[self.last_index()]
    }
}

impl<T, A: Allocator> DerefMut for PeekMut<'_, T, A> {
    fn deref_mut(&mut self) -> &mut T {
        let last = self.last_index();
        &mut self.vec[last]
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for PeekMut<'_, T, A> {
    /// Shows the viewed element, as `PeekMut(value)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PeekMut").field(&**self).finish()
    }
}
