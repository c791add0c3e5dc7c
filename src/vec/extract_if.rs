//! Placeholder for `ExtractIf` (being written on the vec-iters branch).

use core::marker::PhantomData;

use crate::alloc::{Allocator, Global};

/// Placeholder for `ExtractIf`.
pub struct ExtractIf<T, A: Allocator = Global> {
    _marker: PhantomData<(T, A)>,
}
