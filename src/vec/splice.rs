//! Placeholder for `Splice` (being written on the vec-iters branch).

use core::marker::PhantomData;

use crate::alloc::{Allocator, Global};

/// Placeholder for `Splice`.
pub struct Splice<T, A: Allocator = Global> {
    _marker: PhantomData<(T, A)>,
}
