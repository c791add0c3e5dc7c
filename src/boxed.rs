//! Placeholder for `MyBox` (being written on the box branch).

use core::marker::PhantomData;

use crate::alloc::{Allocator, Global};

/// Placeholder for `MyBox`.
pub struct MyBox<T: ?Sized, A: Allocator = Global> {
    _marker: PhantomData<A>,
    _value: PhantomData<T>,
}
