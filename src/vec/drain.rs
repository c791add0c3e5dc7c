//! Placeholder for `Drain` (being written on the vec-iters branch).

use core::marker::PhantomData;

use crate::alloc::{Allocator, Global};

/// Placeholder for `Drain`.
pub struct Drain<T, A: Allocator = Global> {
    _marker: PhantomData<(T, A)>,
}
