//! `MyBox`: a pointer to one heap value, std's `Box` rebuilt over the [`Allocator`] trait.
//!
//! Mirrors `library/alloc/src/boxed.rs` and its child files: `boxed/convert.rs` (the `From`
//! and `TryFrom` impls, downcasting), `boxed/iter.rs` (iterator forwarding). This crate adds
//! `boxed/construct.rs` (every way to make a box, and to take the value back out),
//! `boxed/traits.rs` (the traits std implements at the bottom of `boxed.rs`) and
//! `boxed/unsize.rs` (turning `MyBox<T>` into `MyBox<dyn Trait>` on stable Rust).
//!
//! # What it teaches
//!
//! A box is the smallest owning pointer there is: one allocation, holding one value, freed
//! when the box is dropped. Everything interesting is in the edges:
//!
//! - **Layout**: the block is requested with the value's [`Layout`] (size and alignment), and
//!   given back with the *same* layout, computed again from the value by
//!   [`Layout::for_value`]. For `[T]`, `str` and `dyn Trait` the size is only known at run
//!   time, so the pointer is *fat*: it carries a length or a vtable pointer beside the address.
//! - **Zero-sized values** (`()`, `[u8; 0]`, an empty slice) need no memory at all: the box
//!   holds a dangling but aligned pointer, and neither creating nor dropping it calls the
//!   allocator.
//! - **Drop order**: the value is dropped first, then its memory is freed. If the value's
//!   `Drop` panics, the memory is freed anyway (a guard does it while unwinding).
//! - **Ownership through raw pointers**: [`MyBox::into_raw`] hands the block over to the
//!   caller, [`MyBox::from_raw`] takes it back; exactly one of them owns it at any time.
//!
//! # Where it differs from std
//!
//! std's `Box` is a language item; much of what it does needs the compiler or nightly
//! features. On stable Rust:
//!
//! - **No unsizing coercion** (`CoerceUnsized` is unstable): `let b: Box<dyn Debug> =
//!   Box::new(5)` just works, but a `MyBox<i32>` must be converted explicitly with
//!   [`my_box_unsize!`](crate::my_box_unsize) (any unsizing), [`MyBox::array_into_slice`],
//!   [`MyBox::into_dyn_any`] or `From` (to `MyBox<dyn Error>`).
//! - **No moving out with `*b`**: std lets `let x = *b;` move the value out of a box. Here that
//!   is [`MyBox::into_inner`]. A `MyBox<dyn FnOnce()>` cannot be called at all (that needs
//!   unsized function arguments); `MyBox<dyn Fn…>` and `MyBox<dyn FnMut…>` are called through
//!   `Deref`: `b(x)` works.
//! - **No `#[may_dangle]`** on `Drop` (nightly only), so drop-check is stricter: a
//!   `MyBox<&'a T>` must not outlive `'a` even where std's `Box` would be allowed to.
//! - **No special aliasing rules**: std's `Box` is treated like a `&mut T` by the compiler
//!   (`noalias`) and by Miri; `MyBox` holds a plain [`NonNull`] so it behaves like a raw
//!   pointer that happens to own its target. Pointers from [`MyBox::as_mut_ptr`] therefore
//!   stay valid across later uses of the box.
//! - **Coherence** forbids a few of std's impls in a downstream crate: `From<&str>` and
//!   `From<String>` for `MyBox<dyn Error>` (use [`MyBox::from_message`]), `From<MyBox<T>>` for
//!   std's `Box<T>` (use [`MyBox::into_std_box`]), `IntoIterator for &mut MyBox<[T]>`.

use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::ptr::{self, NonNull};

use crate::alloc::{Allocator, Global, Layout};

mod construct;
mod convert;
mod iter;
mod traits;
mod unsize;

/// A pointer type that uniquely owns one heap value of type `T`, allocated by `A`: std's `Box`
/// on stable Rust.
///
/// `MyBox<T>` is a pointer and an allocator, nothing else. With a zero-sized allocator such as
/// [`Global`] it is exactly one pointer wide, and `Option<MyBox<T>>` is too (the pointer is
/// never null, so `None` can use the null value). For a dynamically sized `T` (`[T]`, `str`,
/// `dyn Trait`) the pointer is fat: address plus length or vtable.
///
/// # Invariant
///
/// `ptr` points to an initialized `T` that this box alone owns. If that value has a non-zero
/// size, `ptr` points to a block allocated by `alloc` with layout `Layout::for_value(&*ptr)`;
/// if its size is zero, `ptr` is non-null and aligned and owns no memory (it is never freed).
///
/// # Examples
/// ```
/// use boxvec::MyBox;
///
/// let mut b = MyBox::new(5);
/// *b += 1; // read and write through `Deref`/`DerefMut`
/// assert_eq!(*b, 6);
/// assert_eq!(size_of::<MyBox<i32>>(), size_of::<usize>());
/// assert_eq!(size_of::<Option<MyBox<i32>>>(), size_of::<usize>());
///
/// // A boxed slice carries its length: a fat pointer, two words wide.
/// let s: MyBox<[u8]> = MyBox::from(&[1, 2, 3][..]);
/// assert_eq!(s.len(), 3);
/// assert_eq!(size_of::<MyBox<[u8]>>(), 2 * size_of::<usize>());
/// ```
///
/// Drop-check is stricter than std's (no `#[may_dangle]` on stable): a box of a reference
/// must be dropped before what it points to.
/// ```compile_fail
/// use boxvec::MyBox;
///
/// let boxed;
/// let text = String::from("short-lived");
/// boxed = MyBox::new(&text); // `text` is dropped before `boxed`, which still holds `&text`
/// ```
pub struct MyBox<T: ?Sized, A: Allocator = Global> {
    ptr: NonNull<T>,
    alloc: A,
    /// The box owns a `T`: dropping it drops a `T` (this matters to drop-check and makes
    /// `MyBox` covariant in `T`, like `Box`).
    _owns: PhantomData<T>,
}

// SAFETY: a `MyBox` is the only handle to its value and its block, so sending it to another
// thread moves the `T` and the allocator there: sound when both are `Send` (as for `Box`).
unsafe impl<T: ?Sized + Send, A: Allocator + Send> Send for MyBox<T, A> {}

// SAFETY: `&MyBox` gives out only `&T` and `&A`, so sharing it between threads is sound when
// both are `Sync` (as for `Box`).
unsafe impl<T: ?Sized + Sync, A: Allocator + Sync> Sync for MyBox<T, A> {}

// Moving a box moves the pointer, never the value behind it, so a `MyBox` may be moved freely
// even when pinned, whatever `T` is (as for `Box`).
impl<T: ?Sized, A: Allocator> Unpin for MyBox<T, A> {}

impl<T: ?Sized> MyBox<T> {
    /// Takes ownership of a value through a raw pointer from [`MyBox::into_raw`].
    ///
    /// The box will drop the value and free its memory through [`Global`] when it is dropped.
    ///
    /// # Safety
    /// - `raw` must be non-null and aligned for `T`, and point to an initialized `T`.
    /// - If `size_of_val(&*raw) != 0`, `raw` must point to a block allocated by [`Global`] (or
    ///   std's global allocator, which is the same heap) with layout
    ///   `Layout::for_value(&*raw)`.
    /// - Nothing else may own the value or the block afterwards: the box now does.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let raw = MyBox::into_raw(MyBox::new(String::from("hello")));
    /// // SAFETY: `raw` comes from `MyBox::into_raw` and is used only once.
    /// let back = unsafe { MyBox::from_raw(raw) };
    /// assert_eq!(*back, "hello");
    /// ```
    #[inline]
    #[must_use = "dropping the box frees the value at once"]
    pub unsafe fn from_raw(raw: *mut T) -> Self {
        // SAFETY: the caller's promises are those of `from_raw_in` with `Global`.
        unsafe { Self::from_raw_in(raw, Global) }
    }

    /// Takes ownership of a value through a `NonNull` from [`MyBox::into_non_null`].
    ///
    /// # Safety
    /// As [`MyBox::from_raw`] (`ptr` is non-null by its type).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let ptr = MyBox::into_non_null(MyBox::new([1u8, 2, 3]));
    /// // SAFETY: `ptr` comes from `MyBox::into_non_null` and is used only once.
    /// let back = unsafe { MyBox::from_non_null(ptr) };
    /// assert_eq!(*back, [1, 2, 3]);
    /// ```
    #[inline]
    #[must_use = "dropping the box frees the value at once"]
    pub unsafe fn from_non_null(ptr: NonNull<T>) -> Self {
        // SAFETY: the caller's promises are those of `from_non_null_in` with `Global`.
        unsafe { Self::from_non_null_in(ptr, Global) }
    }

    /// Consumes the box and returns the raw pointer to its value, without dropping or freeing
    /// anything.
    ///
    /// The caller now owns the value and the memory: turn the pointer back into a box with
    /// [`MyBox::from_raw`] to have both released, or release them by hand (drop the value with
    /// [`ptr::drop_in_place`], then free the memory with [`Global`] and
    /// `Layout::for_value`). This is an associated function (`MyBox::into_raw(b)`), so it
    /// cannot shadow a method of `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{Allocator, Global, Layout};
    /// use std::ptr::{self, NonNull};
    ///
    /// let raw = MyBox::into_raw(MyBox::new(String::from("by hand")));
    /// // SAFETY: `raw` points to a live `String` we own, allocated by `Global` with the
    /// // layout of `String`; it is dropped once, then freed once, and never used again.
    /// unsafe {
    ///     ptr::drop_in_place(raw);
    ///     Global.deallocate(NonNull::new_unchecked(raw).cast(), Layout::new::<String>());
    /// }
    /// ```
    #[inline]
    #[must_use = "losing the pointer leaks the value"]
    pub fn into_raw(b: Self) -> *mut T {
        Self::into_raw_with_allocator(b).0
    }

    /// Consumes the box and returns a `NonNull` pointer to its value, without dropping or
    /// freeing anything. See [`MyBox::into_raw`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let ptr = MyBox::into_non_null(MyBox::new(7u64));
    /// // SAFETY: `ptr` comes from `MyBox::into_non_null` and is used only once.
    /// let back = unsafe { MyBox::from_non_null(ptr) };
    /// assert_eq!(*back, 7);
    /// ```
    #[inline]
    #[must_use = "losing the pointer leaks the value"]
    pub fn into_non_null(b: Self) -> NonNull<T> {
        Self::into_non_null_with_allocator(b).0
    }
}

impl<T: ?Sized, A: Allocator> MyBox<T, A> {
    /// Takes ownership of a value through a raw pointer and the allocator that owns its
    /// memory, as returned by [`MyBox::into_raw_with_allocator`].
    ///
    /// # Safety
    /// - `raw` must be non-null and aligned for `T`, and point to an initialized `T`.
    /// - If `size_of_val(&*raw) != 0`, `raw` must point to a block currently allocated by
    ///   `alloc` with layout `Layout::for_value(&*raw)`. (A zero-sized value owns no memory,
    ///   so any non-null aligned pointer will do, and it is never freed.)
    /// - Nothing else may own the value or the block afterwards: the box now does.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{Allocator, Global, Layout};
    ///
    /// // Allocate and initialize by hand, then give the block to a box.
    /// let block = Global.allocate(Layout::new::<u32>())?.cast::<u32>();
    /// // SAFETY: `block` is a fresh block for one `u32`, allocated by `Global`.
    /// let b = unsafe {
    ///     block.write(42);
    ///     MyBox::from_raw_in(block.as_ptr(), Global)
    /// };
    /// assert_eq!(*b, 42);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    #[must_use = "dropping the box frees the value at once"]
    pub unsafe fn from_raw_in(raw: *mut T, alloc: A) -> Self {
        // SAFETY: the caller promises `raw` is non-null.
        let ptr = unsafe { NonNull::new_unchecked(raw) };
        // SAFETY: the caller's promises are exactly `from_non_null_in`'s.
        unsafe { Self::from_non_null_in(ptr, alloc) }
    }

    /// Takes ownership of a value through a `NonNull` and the allocator that owns its memory,
    /// as returned by [`MyBox::into_non_null_with_allocator`].
    ///
    /// # Safety
    /// As [`MyBox::from_raw_in`] (`ptr` is non-null by its type).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let (ptr, alloc) = MyBox::into_non_null_with_allocator(MyBox::new_in('x', Global));
    /// // SAFETY: the pair comes from `into_non_null_with_allocator` and is used only once.
    /// let b = unsafe { MyBox::from_non_null_in(ptr, alloc) };
    /// assert_eq!(*b, 'x');
    /// ```
    #[inline]
    #[must_use = "dropping the box frees the value at once"]
    pub const unsafe fn from_non_null_in(ptr: NonNull<T>, alloc: A) -> Self {
        MyBox {
            ptr,
            alloc,
            _owns: PhantomData,
        }
    }

    /// Consumes the box and returns the raw pointer to its value and its allocator, without
    /// dropping or freeing anything. Give both back to [`MyBox::from_raw_in`] to have the
    /// value dropped and the memory freed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Counting;
    ///
    /// let counting = Counting::new(boxvec::alloc::Global);
    /// let (raw, alloc) = MyBox::into_raw_with_allocator(MyBox::new_in(1.5f64, &counting));
    /// assert_eq!(counting.snapshot().live_blocks, 1); // still allocated: we own it now
    /// // SAFETY: the pair comes from `into_raw_with_allocator` and is used only once.
    /// drop(unsafe { MyBox::from_raw_in(raw, alloc) });
    /// assert_eq!(counting.snapshot().live_blocks, 0);
    /// ```
    #[inline]
    #[must_use = "losing the pointer leaks the value"]
    pub fn into_raw_with_allocator(b: Self) -> (*mut T, A) {
        let (ptr, alloc) = Self::into_non_null_with_allocator(b);
        (ptr.as_ptr(), alloc)
    }

    /// Consumes the box and returns a `NonNull` pointer to its value and its allocator,
    /// without dropping or freeing anything. See [`MyBox::into_raw_with_allocator`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let (ptr, alloc) = MyBox::into_non_null_with_allocator(MyBox::new_in([0u16; 4], Global));
    /// // SAFETY: the pair comes from `into_non_null_with_allocator` and is used only once.
    /// let b = unsafe { MyBox::from_non_null_in(ptr, alloc) };
    /// assert_eq!(b.len(), 4);
    /// ```
    #[inline]
    #[must_use = "losing the pointer leaks the value"]
    pub fn into_non_null_with_allocator(b: Self) -> (NonNull<T>, A) {
        let b = ManuallyDrop::new(b);
        // SAFETY: `b` is wrapped in `ManuallyDrop` and never used again, so reading the
        // allocator out moves it: there is exactly one owner of it afterwards.
        let alloc = unsafe { ptr::read(&b.alloc) };
        (b.ptr, alloc)
    }

    /// Returns a raw pointer to the boxed value, without creating a reference to it.
    ///
    /// The pointer is the one the box stores, so it stays valid (for reads) as long as the
    /// box is alive, however the box is used in the meantime. This is an associated function
    /// (`MyBox::as_ptr(&b)`), so it cannot shadow a method of `T` such as `<[T]>::as_ptr`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let b = MyBox::new(10);
    /// let p = MyBox::as_ptr(&b);
    /// // SAFETY: `b` is alive, and nothing writes to the value.
    /// assert_eq!(unsafe { *p }, 10);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_ptr(b: &Self) -> *const T {
        b.ptr.as_ptr().cast_const()
    }

    /// Returns a raw mutable pointer to the boxed value, without creating a reference to it.
    ///
    /// The pointer is the one the box stores, so it stays valid as long as the box is alive:
    /// later calls to `as_ptr` or `as_mut_ptr` do not invalidate it (a `&mut *b` or `&*b`
    /// still does, as for any reference).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let mut b = MyBox::new(1);
    /// let p = MyBox::as_mut_ptr(&mut b);
    /// let q = MyBox::as_mut_ptr(&mut b);
    /// // SAFETY: both pointers come from the live box, and no reference to the value exists.
    /// unsafe {
    ///     *p += 1;
    ///     *q += 1;
    /// }
    /// assert_eq!(*b, 3);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_ptr(b: &mut Self) -> *mut T {
        b.ptr.as_ptr()
    }

    /// Returns a reference to the allocator the box frees its memory with.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{Counting, Global};
    ///
    /// let b = MyBox::new_in(3u8, Counting::new(Global));
    /// assert_eq!(MyBox::allocator(&b).snapshot().live_bytes, 1);
    /// ```
    #[inline]
    #[must_use]
    pub const fn allocator(b: &Self) -> &A {
        &b.alloc
    }

    /// Consumes the box and returns a mutable reference to its value that lives as long as
    /// the allocator can: the value is never dropped and its memory never freed.
    ///
    /// The allocator is leaked too (forgotten, not dropped), since the memory must stay
    /// valid. Handy for data that lives for the rest of the program.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let forever: &'static mut Vec<u8> = MyBox::leak(MyBox::new(vec![1, 2]));
    /// forever.push(3);
    /// assert_eq!(forever, &[1, 2, 3]);
    ///
    /// // Leaked memory can still be taken back and freed (leak checkers such as Miri would
    /// // otherwise report it): `from_raw` owns it again.
    /// // SAFETY: `forever` came from `MyBox::leak` of a box in the global allocator, and it
    /// // is not used after this.
    /// drop(unsafe { MyBox::from_raw(forever) });
    /// ```
    #[inline]
    pub fn leak<'a>(b: Self) -> &'a mut T
    where
        A: 'a,
    {
        let (ptr, alloc) = Self::into_non_null_with_allocator(b);
        // Dropping the allocator could release the memory the reference points into.
        core::mem::forget(alloc);
        // SAFETY: `ptr` points to an initialized `T` that nobody else owns (invariant), in
        // memory that stays allocated for `'a`: it is never freed, and the allocator that
        // could reclaim it was forgotten above and outlives `'a` (`A: 'a`).
        unsafe { &mut *ptr.as_ptr() }
    }

    /// Pins the box: the value will never move again (`Pin<MyBox<T, A>>`).
    ///
    /// Pinning a box is free: the value already sits at a fixed heap address, and moving the
    /// box moves only the pointer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::pin::Pin;
    ///
    /// let pinned: Pin<MyBox<u8>> = MyBox::into_pin(MyBox::new(9));
    /// assert_eq!(*pinned, 9);
    /// ```
    #[inline]
    pub fn into_pin(boxed: Self) -> Pin<Self>
    where
        A: 'static,
    {
        // SAFETY: the value lives at a fixed address until the box is dropped, and moving the
        // box never moves it; `Pin<MyBox>` only gives out `&mut T` for `T: Unpin`. The value
        // is dropped before its memory is freed (see `Drop`). If the box is leaked instead,
        // its memory stays valid forever: the allocator is leaked with it, and `A: 'static`
        // rules out a borrowed allocator (an arena) that could be freed behind its back.
        unsafe { Pin::new_unchecked(boxed) }
    }
}

impl<T: ?Sized, A: Allocator> Drop for MyBox<T, A> {
    /// Drops the value, then frees its memory (if it has any).
    ///
    /// The memory is freed even if the value's `Drop` panics: a guard does it while the panic
    /// unwinds. (std's `Box` does the same; a hand-written box that frees after
    /// `drop_in_place` returns would leak the block instead.)
    fn drop(&mut self) {
        // The layout is read from the value before it is dropped: for `[T]` it needs the
        // length, for `dyn Trait` the vtable, and the value must be valid to look at.
        // SAFETY: `ptr` points to an initialized `T` owned by this box (invariant).
        let layout = Layout::for_value(unsafe { self.ptr.as_ref() });
        let _free_memory = FreeOnDrop {
            block: self.ptr.cast::<u8>(),
            layout,
            alloc: &self.alloc,
        };
        // SAFETY: the value is initialized and owned by this box (invariant), and it is never
        // used again: the box is being dropped, and the guard only frees the memory.
        unsafe { ptr::drop_in_place(self.ptr.as_ptr()) };
        // `_free_memory` is dropped here, or during unwinding if the value's `Drop` panicked.
    }
}

/// Frees a box's memory when dropped, on the normal path and while unwinding alike.
struct FreeOnDrop<'a, A: Allocator> {
    block: NonNull<u8>,
    layout: Layout,
    alloc: &'a A,
}

impl<A: Allocator> Drop for FreeOnDrop<'_, A> {
    #[inline]
    fn drop(&mut self) {
        // A zero-sized value owns no memory: its pointer is dangling and must not be freed.
        if self.layout.size() != 0 {
            // SAFETY: a guard is made only by `MyBox::drop`, whose value has a non-zero size
            // here, so `block` was allocated by `alloc` with `layout` (the box invariant). The
            // box is being dropped, so the block is freed exactly once.
            unsafe { self.alloc.deallocate(self.block, self.layout) };
        }
    }
}

impl<T: ?Sized, A: Allocator> Deref for MyBox<T, A> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: `ptr` points to an initialized `T` owned by this box (invariant); the
        // reference borrows the box, so the value outlives it and cannot be mutated meanwhile.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: ?Sized, A: Allocator> DerefMut for MyBox<T, A> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; the box is borrowed mutably, so this reference is unique.
        unsafe { self.ptr.as_mut() }
    }
}
