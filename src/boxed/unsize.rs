//! Unsizing: from `MyBox<T>` to `MyBox<dyn Trait>` or `MyBox<[T]>` on stable Rust.
//!
//! std has no file for this: `Box<T>` to `Box<dyn Trait>` is an implicit coercion, enabled by
//! `impl CoerceUnsized<Box<U>> for Box<T> where T: Unsize<U>` in `boxed.rs`. Both traits are
//! unstable, so a `MyBox` cannot coerce by itself.
//!
//! # How it works on stable
//!
//! *Raw pointers* do coerce on stable: a `*mut [u8; 4]` becomes a `*mut [u8]` (the pointer
//! gains a length), a `*mut Circle` becomes a `*mut dyn Shape` (it gains a pointer to the
//! vtable of `Circle` as `Shape`). The value does not move and its size does not change; only
//! the pointer learns how to describe it. So a box is unsized by taking its pointer out
//! ([`MyBox::into_raw_with_allocator`]), letting the compiler coerce the pointer, and putting
//! it back ([`MyBox::from_raw_in`]). That is sound for *any* coercion the compiler accepts: the
//! new pointer describes the same value, and `Layout::for_value` through it gives the layout
//! the block was allocated with. The address and its provenance are untouched.
//!
//! Only the call site knows the target type, so this is a macro, [`my_box_unsize!`]; the
//! common targets also have plain methods: [`MyBox::array_into_slice`] and
//! [`MyBox::into_dyn_any`] (and `From` for `MyBox<dyn Error>`).
//!
//! [`my_box_unsize!`]: crate::my_box_unsize

use core::any::Any;
use core::ptr::NonNull;

use super::MyBox;
use crate::alloc::Allocator;

/// Converts a `MyBox<T, A>` into a `MyBox<U, A>` where `T` unsizes to `U`: `MyBox<dyn Trait>`,
/// `MyBox<[T]>` from `MyBox<[T; N]>`, or a supertrait object from a subtrait object. What
/// std's `Box` does implicitly (`let b: Box<dyn Trait> = Box::new(x);`).
///
/// Two forms:
/// - `my_box_unsize!(expr)`: the target type comes from the context (a `let` with a type, a
///   function's return type or argument).
/// - `my_box_unsize!(ident as Type)`: the target pointee type is written out, for a box held
///   in a variable.
///
/// Nothing is allocated, copied or moved: the pointer gains a length or a vtable (see the
/// `boxed/unsize.rs` module for why this is sound). Any conversion the compiler would not
/// accept as a pointer coercion is a compile error. The box expression is evaluated outside
/// the macro's `unsafe` block, so no unchecked code of the caller's sneaks in.
///
/// # Examples
/// ```
/// use boxvec::{MyBox, my_box_unsize};
/// use std::fmt::Display;
///
/// // Target from the context.
/// let shown: MyBox<dyn Display> = my_box_unsize!(MyBox::new(42));
/// assert_eq!(shown.to_string(), "42");
///
/// // Target written out.
/// let array = MyBox::new([1, 2, 3]);
/// let slice = my_box_unsize!(array as [i32]);
/// assert_eq!(slice.len(), 3);
///
/// // A vector of different types behind one trait.
/// let items: Vec<MyBox<dyn Display>> = vec![
///     my_box_unsize!(MyBox::new(1.5)),
///     my_box_unsize!(MyBox::new("two")),
/// ];
/// assert_eq!(items[1].to_string(), "two");
///
/// // Closures, called through `Deref`.
/// let add_one: MyBox<dyn Fn(i32) -> i32> = my_box_unsize!(MyBox::new(|x| x + 1));
/// assert_eq!(add_one(1), 2);
/// ```
///
/// Only real unsizing coercions are accepted:
/// ```compile_fail
/// use boxvec::{MyBox, my_box_unsize};
/// let not_a_slice: MyBox<[u8]> = my_box_unsize!(MyBox::new(5u32));
/// ```
/// and a trait object cannot gain an auto trait it was not proven to have (the macro uses a
/// coercion, not an `as` cast, for exactly this reason):
/// ```compile_fail
/// use boxvec::{MyBox, my_box_unsize};
/// use std::fmt::Debug;
/// let any_thread: MyBox<dyn Debug> = my_box_unsize!(MyBox::new(5));
/// let claims_send: MyBox<dyn Debug + Send> = my_box_unsize!(any_thread);
/// ```
#[macro_export]
macro_rules! my_box_unsize {
    ($boxed:ident as $target:ty) => {{
        let (ptr, alloc) = $crate::MyBox::into_raw_with_allocator($boxed);
        // The unsizing coercion, done by the compiler on the raw pointer.
        let ptr: *mut $target = ptr;
        // SAFETY: `ptr` is the box's own pointer, coerced: it describes the same value at the
        // same address, and `Layout::for_value` through it is the layout the block was
        // allocated with; `alloc` is the box's allocator. The box was consumed above.
        unsafe { $crate::MyBox::from_raw_in(ptr, alloc) }
    }};
    ($boxed:expr $(,)?) => {{
        let (ptr, alloc) = $crate::MyBox::into_raw_with_allocator($boxed);
        // SAFETY: as above. The coercion happens on the argument: its expected type,
        // `*mut U`, comes from the type the caller expects the result to have.
        unsafe { $crate::MyBox::from_raw_in(ptr, alloc) }
    }};
}

impl<T, A: Allocator, const N: usize> MyBox<[T; N], A> {
    /// Converts a boxed array into a boxed slice, in place: the length moves from the type
    /// into the (now fat) pointer. std's `Box` does this implicitly.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let array: MyBox<[u8; 3]> = MyBox::new([7, 8, 9]);
    /// let slice: MyBox<[u8]> = MyBox::array_into_slice(array);
    /// assert_eq!(*slice, [7, 8, 9]);
    /// ```
    #[inline]
    pub fn array_into_slice(boxed: Self) -> MyBox<[T], A> {
        let (ptr, alloc) = MyBox::into_non_null_with_allocator(boxed);
        let slice = NonNull::slice_from_raw_parts(ptr.cast::<T>(), N);
        // SAFETY: a `[T]` of length `N` has the layout of `[T; N]`: same block, same
        // initialized elements.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }
}

impl<T: Any, A: Allocator> MyBox<T, A> {
    /// Converts the box into a `MyBox<dyn Any>`, in place, ready for
    /// [`downcast`](MyBox::downcast).
    ///
    /// For `dyn Any + Send` (or `+ Sync`), use [`my_box_unsize!`](crate::my_box_unsize).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let any = MyBox::into_dyn_any(MyBox::new(3u16));
    /// assert!(any.is::<u16>());
    /// assert_eq!(*any.downcast::<u16>().unwrap(), 3);
    /// ```
    #[inline]
    pub fn into_dyn_any(boxed: Self) -> MyBox<dyn Any, A> {
        let (ptr, alloc) = MyBox::into_raw_with_allocator(boxed);
        // The unsizing coercion: the pointer gains `T`'s `Any` vtable.
        let ptr: *mut dyn Any = ptr;
        // SAFETY: the same value at the same address; its layout through the vtable is `T`'s,
        // the layout of the block.
        unsafe { MyBox::from_raw_in(ptr, alloc) }
    }
}
