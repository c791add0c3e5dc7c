//! The standard traits, forwarded to the boxed value.
//!
//! Mirrors the trait impls at the end of `library/alloc/src/boxed.rs`: `Clone`, `Default`,
//! comparisons and hashing *by value* (two boxes are equal when their contents are, wherever
//! they live), formatting, `Borrow`/`AsRef`, `Future`, `Error`, and `Allocator` (a boxed
//! allocator is an allocator).
//!
//! Where it differs from std: `Clone for MyBox<str, A>` and `Error for MyBox<E, A>` accept
//! any allocator (std: `Global` only); the slice clone writes into a fresh uninitialized slice
//! with a guard instead of going through `Vec`.

use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::error::Error;
use core::fmt;
use core::future::Future;
use core::hash::{Hash, Hasher};
use core::mem::{self, MaybeUninit};
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::task::{Context, Poll};

use super::MyBox;
use crate::alloc::{AllocError, Allocator, Global, Layout};

/// Clones `source` element by element into a new boxed slice in `alloc`.
///
/// If a `clone` panics, the elements cloned so far are dropped and the memory is freed.
pub(super) fn clone_slice_in<T: Clone, A: Allocator>(source: &[T], alloc: A) -> MyBox<[T], A> {
    let mut slots = MyBox::<[T], A>::new_uninit_slice_in(source.len(), alloc);
    let mut guard = DropInitialized {
        slots: &mut slots,
        initialized: 0,
    };
    for (slot, value) in guard.slots.iter_mut().zip(source) {
        slot.write(value.clone());
        // Counted only once written, so the guard never drops an unwritten slot.
        guard.initialized += 1;
    }
    mem::forget(guard);
    // SAFETY: the loop wrote all `source.len()` slots (it ran to the end: no clone panicked).
    unsafe { slots.assume_init() }
}

/// Drops the first `initialized` slots when dropped: the repair for a clone that panicked
/// half-way. On success it is forgotten.
struct DropInitialized<'a, T> {
    slots: &'a mut [MaybeUninit<T>],
    initialized: usize,
}

impl<T> Drop for DropInitialized<'_, T> {
    fn drop(&mut self) {
        for slot in &mut self.slots[..self.initialized] {
            // SAFETY: slots `0..initialized` were written by `clone_slice_in` and not dropped
            // yet; the slice box they live in never drops its `MaybeUninit` elements.
            unsafe { slot.assume_init_drop() };
        }
    }
}

/// Copies `source` into a new boxed `str` in `alloc`.
pub(super) fn copy_str_in<A: Allocator>(source: &str, alloc: A) -> MyBox<str, A> {
    let bytes = source.as_bytes();
    let mut slots = MyBox::<[u8], A>::new_uninit_slice_in(bytes.len(), alloc);
    // SAFETY: `slots` is a fresh block of exactly `bytes.len()` bytes, so the copy stays in
    // bounds, and a new allocation cannot overlap the borrowed `source`.
    unsafe {
        ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            MyBox::as_mut_ptr(&mut slots).cast::<u8>(),
            bytes.len(),
        );
    }
    // SAFETY: every byte was written by the copy above.
    let bytes = unsafe { slots.assume_init() };
    // SAFETY: the bytes are a copy of a `str`, so they are valid UTF-8.
    unsafe { from_utf8_unchecked(bytes) }
}

/// Reinterprets a boxed byte slice as a boxed `str`, in place.
///
/// # Safety
/// - The bytes must be valid UTF-8.
pub(super) unsafe fn from_utf8_unchecked<A: Allocator>(bytes: MyBox<[u8], A>) -> MyBox<str, A> {
    let (ptr, alloc) = MyBox::into_raw_with_allocator(bytes);
    // SAFETY: `str` is laid out exactly as `[u8]` (same length metadata, same layout), so the
    // block fits; the caller promises the bytes are valid UTF-8.
    unsafe { MyBox::from_raw_in(ptr as *mut str, alloc) }
}

impl<T: Clone, A: Allocator + Clone> Clone for MyBox<T, A> {
    /// Returns a new box, in a clone of the allocator, holding a clone of the value.
    ///
    /// The memory is allocated first and the value cloned into it, as in std; if the clone
    /// panics, the memory is freed.
    #[inline]
    fn clone(&self) -> Self {
        MyBox::write(MyBox::new_uninit_in(self.alloc.clone()), (**self).clone())
    }

    /// Clones `source`'s value into this box's value, without allocating.
    #[inline]
    fn clone_from(&mut self, source: &Self) {
        (**self).clone_from(&**source);
    }
}

impl<T: Clone, A: Allocator + Clone> Clone for MyBox<[T], A> {
    fn clone(&self) -> Self {
        clone_slice_in(self, self.alloc.clone())
    }

    /// Clones element by element in place when the lengths match (no allocation); otherwise
    /// replaces `self` with a fresh clone.
    fn clone_from(&mut self, source: &Self) {
        if self.len() == source.len() {
            self.clone_from_slice(source);
        } else {
            *self = source.clone();
        }
    }
}

impl<A: Allocator + Clone> Clone for MyBox<str, A> {
    fn clone(&self) -> Self {
        copy_str_in(self, self.alloc.clone())
    }
}

impl<T: Default> Default for MyBox<T> {
    /// Boxes `T::default()`. The memory is allocated first, as in std.
    #[inline]
    fn default() -> Self {
        MyBox::write(MyBox::new_uninit(), T::default())
    }
}

impl<T> Default for MyBox<[T]> {
    /// An empty boxed slice; it does not allocate.
    #[inline]
    fn default() -> Self {
        let empty = NonNull::slice_from_raw_parts(NonNull::<T>::dangling(), 0);
        // SAFETY: an empty slice is zero-sized: a non-null aligned pointer is a valid, owned,
        // never-freed empty `[T]`.
        unsafe { MyBox::from_non_null_in(empty, Global) }
    }
}

impl Default for MyBox<str> {
    /// An empty boxed `str`; it does not allocate.
    #[inline]
    fn default() -> Self {
        // SAFETY: the empty byte string is valid UTF-8.
        unsafe { from_utf8_unchecked(MyBox::<[u8]>::default()) }
    }
}

impl<T: ?Sized> Default for Pin<MyBox<T>>
where
    MyBox<T>: Default,
{
    #[inline]
    fn default() -> Self {
        MyBox::into_pin(MyBox::<T>::default())
    }
}

impl<T: ?Sized + PartialEq, A: Allocator> PartialEq for MyBox<T, A> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        PartialEq::eq(&**self, &**other)
    }
    #[allow(clippy::partialeq_ne_impl)] // forwarded: `T` may have a faster `ne`
    #[inline]
    fn ne(&self, other: &Self) -> bool {
        PartialEq::ne(&**self, &**other)
    }
}

impl<T: ?Sized + Eq, A: Allocator> Eq for MyBox<T, A> {}

impl<T: ?Sized + PartialOrd, A: Allocator> PartialOrd for MyBox<T, A> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        PartialOrd::partial_cmp(&**self, &**other)
    }
    #[inline]
    fn lt(&self, other: &Self) -> bool {
        PartialOrd::lt(&**self, &**other)
    }
    #[inline]
    fn le(&self, other: &Self) -> bool {
        PartialOrd::le(&**self, &**other)
    }
    #[inline]
    fn gt(&self, other: &Self) -> bool {
        PartialOrd::gt(&**self, &**other)
    }
    #[inline]
    fn ge(&self, other: &Self) -> bool {
        PartialOrd::ge(&**self, &**other)
    }
}

impl<T: ?Sized + Ord, A: Allocator> Ord for MyBox<T, A> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        Ord::cmp(&**self, &**other)
    }
}

impl<T: ?Sized + Hash, A: Allocator> Hash for MyBox<T, A> {
    /// Hashes the value, so a box hashes like its contents (as `Borrow<T>` requires).
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

/// A boxed hasher is a hasher: every call goes to the boxed one (so its own overrides, such
/// as a faster `write_u64`, are kept).
impl<T: ?Sized + Hasher, A: Allocator> Hasher for MyBox<T, A> {
    fn finish(&self) -> u64 {
        (**self).finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        (**self).write(bytes);
    }
    fn write_u8(&mut self, i: u8) {
        (**self).write_u8(i);
    }
    fn write_u16(&mut self, i: u16) {
        (**self).write_u16(i);
    }
    fn write_u32(&mut self, i: u32) {
        (**self).write_u32(i);
    }
    fn write_u64(&mut self, i: u64) {
        (**self).write_u64(i);
    }
    fn write_u128(&mut self, i: u128) {
        (**self).write_u128(i);
    }
    fn write_usize(&mut self, i: usize) {
        (**self).write_usize(i);
    }
    fn write_i8(&mut self, i: i8) {
        (**self).write_i8(i);
    }
    fn write_i16(&mut self, i: i16) {
        (**self).write_i16(i);
    }
    fn write_i32(&mut self, i: i32) {
        (**self).write_i32(i);
    }
    fn write_i64(&mut self, i: i64) {
        (**self).write_i64(i);
    }
    fn write_i128(&mut self, i: i128) {
        (**self).write_i128(i);
    }
    fn write_isize(&mut self, i: isize) {
        (**self).write_isize(i);
    }
}

impl<T: ?Sized + fmt::Display, A: Allocator> fmt::Display for MyBox<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Debug, A: Allocator> fmt::Debug for MyBox<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// `{:p}` prints the address of the boxed value (the heap address, or the dangling address of
/// a zero-sized value).
impl<T: ?Sized, A: Allocator> fmt::Pointer for MyBox<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&MyBox::as_ptr(self), f)
    }
}

impl<T: ?Sized, A: Allocator> Borrow<T> for MyBox<T, A> {
    #[inline]
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: ?Sized, A: Allocator> BorrowMut<T> for MyBox<T, A> {
    #[inline]
    fn borrow_mut(&mut self) -> &mut T {
        self
    }
}

impl<T: ?Sized, A: Allocator> AsRef<T> for MyBox<T, A> {
    #[inline]
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized, A: Allocator> AsMut<T> for MyBox<T, A> {
    #[inline]
    fn as_mut(&mut self) -> &mut T {
        self
    }
}

/// A boxed future is a future, when it may be moved (`F: Unpin`). For any future, pin the box
/// instead: `Pin<MyBox<F>>` is a future through `Pin`'s own impl.
impl<F: ?Sized + Future + Unpin, A: Allocator> Future for MyBox<F, A> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        F::poll(Pin::new(&mut **self), cx)
    }
}

/// A boxed error is an error. Only for sized `E`: `MyBox<dyn Error>` is deliberately *not* an
/// `Error`, exactly as with std's `Box`, or `From<E: Error> for MyBox<dyn Error>` would overlap
/// with `From<T> for T`.
///
/// `source` and the deprecated `cause` are forwarded to the boxed error. The deprecated
/// `description` is not: std's `Box` leaves it at the trait's default text too, so a boxed
/// error reads the same through either box.
impl<E: Error, A: Allocator> Error for MyBox<E, A> {
    #[allow(deprecated)]
    fn cause(&self) -> Option<&dyn Error> {
        Error::cause(&**self)
    }

    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Error::source(&**self)
    }
}

// SAFETY: every call is forwarded unchanged to the boxed allocator, so its guarantees carry
// over. The boxed allocator stays at the same address however the box moves, and lives until
// the box is dropped, so blocks it returned stay valid as long as the box (or a clone) does.
unsafe impl<T: ?Sized + Allocator, A: Allocator> Allocator for MyBox<T, A> {
    #[inline]
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        (**self).allocate(layout)
    }

    #[inline]
    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        (**self).allocate_zeroed(layout)
    }

    #[inline]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller upholds `deallocate`'s contract, which we pass on unchanged.
        unsafe { (**self).deallocate(ptr, layout) }
    }

    #[inline]
    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow`'s contract, which we pass on unchanged.
        unsafe { (**self).grow(ptr, old_layout, new_layout) }
    }

    #[inline]
    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow_zeroed`'s contract, which we pass on unchanged.
        unsafe { (**self).grow_zeroed(ptr, old_layout, new_layout) }
    }

    #[inline]
    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `shrink`'s contract, which we pass on unchanged.
        unsafe { (**self).shrink(ptr, old_layout, new_layout) }
    }
}
