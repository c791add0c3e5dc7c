//! Placeholder for `IntoIter` (being written on the vec-iters branch).

use core::marker::PhantomData;

use crate::alloc::{Allocator, Global};

/// Placeholder for `IntoIter`.
pub struct IntoIter<T, A: Allocator = Global> {
    _marker: PhantomData<(T, A)>,
}
