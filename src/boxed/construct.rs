//! Making boxes, and taking the value back out.
//!
//! Mirrors the constructor part of `library/alloc/src/boxed.rs` (`new` … `try_new_zeroed_slice_in`,
//! `assume_init`, `write`, `into_inner`, `take`, `map`, `into_boxed_slice`, `into_array`).
//!
//! Every constructor comes in up to four flavours: in [`Global`] or in a given allocator
//! (`_in`), and panicking or fallible (`try_`). The fallible ones return
//! [`AllocError`] when the allocator refuses; the others then call
//! [`handle_alloc_error`], which aborts the process by default (as std does).
//!
//! A box of one value allocates the value's layout straight from the allocator. A box of a
//! slice is an array allocation: the panicking constructors get it from [`RawVec`] (as std
//! does), so a length whose byte size exceeds `isize::MAX` panics with `capacity overflow`;
//! the fallible ones compute [`Layout::array`] and report an overflow as [`AllocError`], like
//! std's. Zero-sized values and empty slices never reach the allocator.

use alloc_crate::alloc::handle_alloc_error;
use core::mem::MaybeUninit;
use core::pin::Pin;
use core::ptr::NonNull;

use super::MyBox;
use crate::alloc::{AllocError, Allocator, Global, Layout};
use crate::raw_vec::RawVec;

/// Whether a fresh block is handed out as it comes or filled with zero bytes.
#[derive(Clone, Copy)]
enum Fill {
    Uninit,
    Zeroed,
}

/// Allocates memory for one `T`, or returns a dangling aligned pointer if `T` is zero-sized.
#[inline]
fn try_allocate_one<T, A: Allocator>(
    alloc: &A,
    fill: Fill,
) -> Result<NonNull<MaybeUninit<T>>, AllocError> {
    let layout = Layout::new::<T>();
    if layout.size() == 0 {
        return Ok(NonNull::dangling());
    }
    let block = match fill {
        Fill::Uninit => alloc.allocate(layout)?,
        Fill::Zeroed => alloc.allocate_zeroed(layout)?,
    };
    Ok(block.cast())
}

/// Allocates memory for `len` values of type `T`, or returns a dangling aligned slice pointer
/// if that is zero bytes. A byte size over `isize::MAX` is reported as `AllocError`, as std's
/// `try_new_uninit_slice_in` does.
#[inline]
fn try_allocate_slice<T, A: Allocator>(
    len: usize,
    alloc: &A,
    fill: Fill,
) -> Result<NonNull<[MaybeUninit<T>]>, AllocError> {
    let layout = Layout::array::<T>(len).map_err(|_| AllocError)?;
    let data = if layout.size() == 0 {
        NonNull::dangling()
    } else {
        match fill {
            Fill::Uninit => alloc.allocate(layout)?.cast(),
            Fill::Zeroed => alloc.allocate_zeroed(layout)?.cast(),
        }
    };
    Ok(NonNull::slice_from_raw_parts(data, len))
}

impl<T> MyBox<T> {
    /// Allocates memory in [`Global`] and moves `x` into it.
    ///
    /// A zero-sized `T` does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let five = MyBox::new(5);
    /// assert_eq!(*five, 5);
    /// ```
    #[inline]
    #[must_use]
    pub fn new(x: T) -> Self {
        Self::new_in(x, Global)
    }

    /// Allocates memory in [`Global`] and moves `x` into it, or returns an error if the
    /// allocation fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses; `x` is dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let five = MyBox::try_new(5)?;
    /// assert_eq!(*five, 5);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new(x: T) -> Result<Self, AllocError> {
        Self::try_new_in(x, Global)
    }

    /// Allocates memory in [`Global`] for a `T` without initializing it.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let uninit = MyBox::<u32>::new_uninit();
    /// let five = MyBox::write(uninit, 5); // deferred initialization
    /// assert_eq!(*five, 5);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_uninit() -> MyBox<MaybeUninit<T>> {
        MyBox::new_uninit_in(Global)
    }

    /// Allocates memory in [`Global`] for a `T` without initializing it, or returns an error
    /// if the allocation fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let uninit = MyBox::<u32>::try_new_uninit()?;
    /// assert_eq!(*MyBox::write(uninit, 5), 5);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_uninit() -> Result<MyBox<MaybeUninit<T>>, AllocError> {
        MyBox::try_new_uninit_in(Global)
    }

    /// Allocates memory in [`Global`] for a `T`, with every byte set to zero.
    ///
    /// Whether all-zero bytes are a valid `T` depends on `T` (they are for integers, not for
    /// references): see [`MaybeUninit::zeroed`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let zero = MyBox::<u32>::new_zeroed();
    /// // SAFETY: all-zero bytes are a valid `u32`.
    /// assert_eq!(*unsafe { zero.assume_init() }, 0);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_zeroed() -> MyBox<MaybeUninit<T>> {
        MyBox::new_zeroed_in(Global)
    }

    /// Allocates zeroed memory in [`Global`] for a `T`, or returns an error if the allocation
    /// fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let zero = MyBox::<u64>::try_new_zeroed()?;
    /// // SAFETY: all-zero bytes are a valid `u64`.
    /// assert_eq!(*unsafe { zero.assume_init() }, 0);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_zeroed() -> Result<MyBox<MaybeUninit<T>>, AllocError> {
        MyBox::try_new_zeroed_in(Global)
    }

    /// Allocates memory in [`Global`], moves `x` into it and pins it. If `T` is not
    /// [`Unpin`], the value can then never be moved out or swapped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let pinned = MyBox::pin(5);
    /// assert_eq!(*pinned, 5);
    /// ```
    #[inline]
    #[must_use]
    pub fn pin(x: T) -> Pin<Self> {
        Self::into_pin(Self::new(x))
    }
}

impl<T, A: Allocator> MyBox<T, A> {
    /// Allocates memory in `alloc` and moves `x` into it.
    ///
    /// A zero-sized `T` does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{Counting, Global};
    ///
    /// let counting = Counting::new(Global);
    /// let b = MyBox::new_in(5u64, &counting);
    /// assert_eq!(counting.snapshot().live_bytes, 8);
    /// let unit = MyBox::new_in((), &counting); // zero-sized: no allocation
    /// assert_eq!(counting.snapshot().allocations, 1);
    /// # drop((b, unit));
    /// ```
    #[inline]
    #[must_use]
    pub fn new_in(x: T, alloc: A) -> Self {
        MyBox::write(MyBox::new_uninit_in(alloc), x)
    }

    /// Allocates memory in `alloc` and moves `x` into it, or returns an error if the
    /// allocation fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses; `x` and `alloc` are dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{FailMode, Failing, Global};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::Nth(1));
    /// assert!(MyBox::try_new_in(1, &failing).is_ok());
    /// assert!(MyBox::try_new_in(2, &failing).is_err()); // the second request fails
    /// ```
    #[inline]
    pub fn try_new_in(x: T, alloc: A) -> Result<Self, AllocError> {
        let uninit = MyBox::try_new_uninit_in(alloc)?;
        Ok(MyBox::write(uninit, x))
    }

    /// Allocates memory in `alloc` for a `T` without initializing it.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let uninit = MyBox::<String, _>::new_uninit_in(Global);
    /// let b = MyBox::write(uninit, String::from("later"));
    /// assert_eq!(*b, "later");
    /// ```
    #[inline]
    #[must_use]
    pub fn new_uninit_in(alloc: A) -> MyBox<MaybeUninit<T>, A> {
        match MyBox::try_new_uninit_in(alloc) {
            Ok(uninit) => uninit,
            Err(AllocError) => handle_alloc_error(Layout::new::<T>()),
        }
    }

    /// Allocates memory in `alloc` for a `T` without initializing it, or returns an error if
    /// the allocation fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let uninit = MyBox::<u8, _>::try_new_uninit_in(Global)?;
    /// assert_eq!(*MyBox::write(uninit, 1), 1);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_uninit_in(alloc: A) -> Result<MyBox<MaybeUninit<T>, A>, AllocError> {
        let ptr = try_allocate_one::<T, A>(&alloc, Fill::Uninit)?;
        // SAFETY: `ptr` is a fresh block from `alloc` with the layout of `T`, which is that of
        // `MaybeUninit<T>` (or dangling and aligned if that is zero-sized), and an
        // uninitialized `MaybeUninit<T>` is initialized.
        Ok(unsafe { MyBox::from_non_null_in(ptr, alloc) })
    }

    /// Allocates memory in `alloc` for a `T`, with every byte set to zero.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let zero = MyBox::<[u8; 3], _>::new_zeroed_in(Global);
    /// // SAFETY: all-zero bytes are a valid `[u8; 3]`.
    /// assert_eq!(*unsafe { zero.assume_init() }, [0, 0, 0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_zeroed_in(alloc: A) -> MyBox<MaybeUninit<T>, A> {
        match MyBox::try_new_zeroed_in(alloc) {
            Ok(zeroed) => zeroed,
            Err(AllocError) => handle_alloc_error(Layout::new::<T>()),
        }
    }

    /// Allocates zeroed memory in `alloc` for a `T`, or returns an error if the allocation
    /// fails.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let zero = MyBox::<i16, _>::try_new_zeroed_in(Global)?;
    /// // SAFETY: all-zero bytes are a valid `i16`.
    /// assert_eq!(*unsafe { zero.assume_init() }, 0);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_zeroed_in(alloc: A) -> Result<MyBox<MaybeUninit<T>, A>, AllocError> {
        let ptr = try_allocate_one::<T, A>(&alloc, Fill::Zeroed)?;
        // SAFETY: as in `try_new_uninit_in`; the bytes happen to be zero.
        Ok(unsafe { MyBox::from_non_null_in(ptr, alloc) })
    }

    /// Allocates memory in `alloc`, moves `x` into it and pins it.
    ///
    /// The allocator must be `'static`: a pinned value's memory must stay valid until the
    /// value is dropped, which a borrowed allocator could not promise if the box were leaked.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let pinned = MyBox::pin_in(5, Global);
    /// assert_eq!(*pinned, 5);
    /// ```
    #[inline]
    #[must_use]
    pub fn pin_in(x: T, alloc: A) -> Pin<Self>
    where
        A: 'static,
    {
        Self::into_pin(Self::new_in(x, alloc))
    }

    /// Converts a `MyBox<T>` into a `MyBox<[T]>` of length 1, in place (the memory of one
    /// `T` is the memory of a one-element array).
    ///
    /// To turn a boxed *array* `MyBox<[T; N]>` into a slice of length `N`, use
    /// [`MyBox::array_into_slice`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let one: MyBox<[char]> = MyBox::into_boxed_slice(MyBox::new('a'));
    /// assert_eq!(*one, ['a']);
    /// ```
    #[inline]
    pub fn into_boxed_slice(boxed: Self) -> MyBox<[T], A> {
        let (ptr, alloc) = Self::into_non_null_with_allocator(boxed);
        let slice = NonNull::slice_from_raw_parts(ptr, 1);
        // SAFETY: a `[T]` of length 1 has the layout of a `T`, so the block (or dangling
        // pointer) that held the `T` is exactly the one the slice needs, and it is initialized.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }

    /// Consumes the box and returns the value, freeing the memory.
    ///
    /// This is std's `*boxed` (moving out of a box), which only the compiler can do for
    /// `Box`. The value is moved out first and the memory freed after, exactly once.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let b = MyBox::new(String::from("owned"));
    /// let s: String = MyBox::into_inner(b);
    /// assert_eq!(s, "owned");
    /// ```
    #[inline]
    pub fn into_inner(boxed: Self) -> T {
        let (value, memory) = Self::take(boxed);
        // `memory` holds only uninitialized bytes now: dropping it frees the block and drops
        // nothing, so the value just moved out is never dropped twice.
        drop(memory);
        value
    }

    /// Moves the value out of the box but keeps the memory, returned as an uninitialized box
    /// that [`MyBox::write`] can fill again.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let b = MyBox::new(5);
    /// let (value, uninit) = MyBox::take(b);
    /// assert_eq!(value, 5);
    /// let b = MyBox::write(uninit, 6); // same memory, new value
    /// assert_eq!(*b, 6);
    /// ```
    #[inline]
    pub fn take(boxed: Self) -> (T, MyBox<MaybeUninit<T>, A>) {
        let (ptr, alloc) = Self::into_non_null_with_allocator(boxed);
        // SAFETY: `ptr` points to an initialized `T` that we own (invariant); reading it moves
        // the value out, and the memory is handed on as uninitialized, so it is never dropped
        // again.
        let value = unsafe { ptr.read() };
        // SAFETY: `MaybeUninit<T>` has the layout of `T`, so the block (or dangling pointer)
        // fits it, and any bytes are a valid `MaybeUninit<T>`.
        let memory = unsafe { MyBox::from_non_null_in(ptr.cast::<MaybeUninit<T>>(), alloc) };
        (value, memory)
    }

    /// Applies `f` to the boxed value and boxes the result, reusing the memory when `U` has
    /// the same layout as `T`.
    ///
    /// When the layouts differ, the old memory is freed *before* the new one is allocated
    /// (std's `Box::map` allocates first, then frees), so the peak memory use is lower. If
    /// `f` panics, the memory is freed during unwinding.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let b = MyBox::new(7u32);
    /// let same_size = MyBox::map(b, |x| x as i32 + 7); // reuses the block
    /// assert_eq!(*same_size, 14);
    /// let bigger = MyBox::map(same_size, |x| [x; 4]); // needs a new block
    /// assert_eq!(*bigger, [14; 4]);
    /// ```
    pub fn map<U>(this: Self, f: impl FnOnce(T) -> U) -> MyBox<U, A> {
        let (value, memory) = Self::take(this);
        // If `f` panics, `memory` is dropped while unwinding, which frees the block.
        let mapped = f(value);
        if Layout::new::<T>() == Layout::new::<U>() {
            let (ptr, alloc) = MyBox::into_non_null_with_allocator(memory);
            // SAFETY: `U` has the same layout as `T`, so the block (or dangling pointer) that
            // fit `MaybeUninit<T>` fits `MaybeUninit<U>`; it holds no value to drop.
            let memory = unsafe { MyBox::from_non_null_in(ptr.cast::<MaybeUninit<U>>(), alloc) };
            MyBox::write(memory, mapped)
        } else {
            MyBox::new_in(mapped, memory.free_keeping_allocator())
        }
    }
}

impl<T, A: Allocator> MyBox<MaybeUninit<T>, A> {
    /// Converts to `MyBox<T, A>`, declaring the value initialized.
    ///
    /// # Safety
    /// - The memory must hold a valid, initialized `T`. Calling this on memory that is not
    ///   fully initialized yet is undefined behavior.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let mut uninit = MyBox::<u32>::new_uninit();
    /// uninit.write(5); // `MaybeUninit::write`, through `DerefMut`
    /// // SAFETY: the value was written just above.
    /// let five = unsafe { uninit.assume_init() };
    /// assert_eq!(*five, 5);
    /// ```
    #[inline]
    pub unsafe fn assume_init(self) -> MyBox<T, A> {
        let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
        // SAFETY: `T` has the layout of `MaybeUninit<T>`, so the block fits it, and the
        // caller promises it holds an initialized `T`.
        unsafe { MyBox::from_non_null_in(ptr.cast::<T>(), alloc) }
    }

    /// Writes `value` into the memory and returns the initialized box.
    ///
    /// Whatever the memory held before is overwritten without being dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let uninit = MyBox::<[i32; 2]>::new_uninit();
    /// let b = MyBox::write(uninit, [1, 2]);
    /// assert_eq!(*b, [1, 2]);
    /// ```
    #[inline]
    pub fn write(mut boxed: Self, value: T) -> MyBox<T, A> {
        // Writing through the stored pointer (not `MaybeUninit::write` on a reference) keeps
        // debug builds from copying a large `T` through an extra stack slot.
        // SAFETY: the memory is valid and aligned for a `T` (invariant of the box), and
        // writing does not read or drop the uninitialized bytes there.
        unsafe { MyBox::as_mut_ptr(&mut boxed).cast::<T>().write(value) };
        // SAFETY: the value was written just above.
        unsafe { boxed.assume_init() }
    }

    /// Frees the memory (which holds no value that needs dropping) and returns the allocator.
    fn free_keeping_allocator(self) -> A {
        let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
        let layout = Layout::new::<T>();
        if layout.size() != 0 {
            // SAFETY: the block was allocated by `alloc` with the layout of `MaybeUninit<T>`,
            // which is `T`'s (invariant), and it is freed once: the box was consumed.
            unsafe { alloc.deallocate(ptr.cast(), layout) };
        }
        alloc
    }
}

impl<T> MyBox<[T]> {
    /// Allocates memory in [`Global`] for `len` values of type `T`, without initializing them.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `len` values would take more than `isize::MAX`
    /// bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let mut values = MyBox::<[u32]>::new_uninit_slice(3);
    /// for (i, slot) in values.iter_mut().enumerate() {
    ///     slot.write(i as u32 * 10);
    /// }
    /// // SAFETY: every element was written just above.
    /// let values = unsafe { values.assume_init() };
    /// assert_eq!(*values, [0, 10, 20]);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_uninit_slice(len: usize) -> MyBox<[MaybeUninit<T>]> {
        MyBox::new_uninit_slice_in(len, Global)
    }

    /// Allocates memory in [`Global`] for `len` values of type `T`, with every byte set to
    /// zero.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `len` values would take more than `isize::MAX`
    /// bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let zeros = MyBox::<[u16]>::new_zeroed_slice(4);
    /// // SAFETY: all-zero bytes are valid `u16`s.
    /// assert_eq!(*unsafe { zeros.assume_init() }, [0; 4]);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_zeroed_slice(len: usize) -> MyBox<[MaybeUninit<T>]> {
        MyBox::new_zeroed_slice_in(len, Global)
    }

    /// Allocates memory in [`Global`] for `len` values of type `T` without initializing them,
    /// or returns an error.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses, or if `len` values would take more than
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let slots = MyBox::<[u8]>::try_new_uninit_slice(16)?;
    /// assert_eq!(slots.len(), 16);
    /// assert!(MyBox::<[u64]>::try_new_uninit_slice(usize::MAX).is_err());
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_uninit_slice(len: usize) -> Result<MyBox<[MaybeUninit<T>]>, AllocError> {
        MyBox::try_new_uninit_slice_in(len, Global)
    }

    /// Allocates zeroed memory in [`Global`] for `len` values of type `T`, or returns an
    /// error.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses, or if `len` values would take more than
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let zeros = MyBox::<[u8]>::try_new_zeroed_slice(3)?;
    /// // SAFETY: all-zero bytes are valid `u8`s.
    /// assert_eq!(*unsafe { zeros.assume_init() }, [0, 0, 0]);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_zeroed_slice(len: usize) -> Result<MyBox<[MaybeUninit<T>]>, AllocError> {
        MyBox::try_new_zeroed_slice_in(len, Global)
    }
}

impl<T, A: Allocator> MyBox<[T], A> {
    /// Allocates memory in `alloc` for `len` values of type `T`, without initializing them.
    ///
    /// The memory comes from a [`RawVec`] of capacity `len`, as in std.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `len` values would take more than `isize::MAX`
    /// bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{Counting, Global};
    ///
    /// let counting = Counting::new(Global);
    /// let slots = MyBox::<[u64], _>::new_uninit_slice_in(5, &counting);
    /// assert_eq!(counting.snapshot().live_bytes, 40);
    /// # drop(slots);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_uninit_slice_in(len: usize, alloc: A) -> MyBox<[MaybeUninit<T>], A> {
        let buf = RawVec::<T, A>::with_capacity_in(len, alloc);
        let (slice, alloc) = buf.into_raw_slice_with_alloc(len);
        // SAFETY: the buffer had capacity exactly `len`, so `slice` is the block `alloc`
        // allocated with the layout of `[T; len]` (dangling if that is zero bytes), which is
        // `Layout::for_value` of the slice; uninitialized `MaybeUninit`s are initialized.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }

    /// Allocates memory in `alloc` for `len` values of type `T`, with every byte set to zero.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `len` values would take more than `isize::MAX`
    /// bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let zeros = MyBox::<[i32], _>::new_zeroed_slice_in(2, Global);
    /// // SAFETY: all-zero bytes are valid `i32`s.
    /// assert_eq!(*unsafe { zeros.assume_init() }, [0, 0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn new_zeroed_slice_in(len: usize, alloc: A) -> MyBox<[MaybeUninit<T>], A> {
        let buf = RawVec::<T, A>::with_capacity_zeroed_in(len, alloc);
        let (slice, alloc) = buf.into_raw_slice_with_alloc(len);
        // SAFETY: as in `new_uninit_slice_in`; the bytes happen to be zero.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }

    /// Allocates memory in `alloc` for `len` values of type `T` without initializing them,
    /// or returns an error.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses, or if `len` values would take more than
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::{FailMode, Failing, Global};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::From(0));
    /// assert!(MyBox::<[u8], _>::try_new_uninit_slice_in(8, &failing).is_err());
    /// // An empty slice needs no memory, so it cannot fail.
    /// assert!(MyBox::<[u8], _>::try_new_uninit_slice_in(0, &failing).is_ok());
    /// ```
    #[inline]
    pub fn try_new_uninit_slice_in(
        len: usize,
        alloc: A,
    ) -> Result<MyBox<[MaybeUninit<T>], A>, AllocError> {
        let slice = try_allocate_slice::<T, A>(len, &alloc, Fill::Uninit)?;
        // SAFETY: `slice` is a fresh block from `alloc` with the layout of `[T; len]`, which
        // is `Layout::for_value` of the slice (or dangling and aligned if that is zero bytes);
        // uninitialized `MaybeUninit`s are initialized.
        Ok(unsafe { MyBox::from_non_null_in(slice, alloc) })
    }

    /// Allocates zeroed memory in `alloc` for `len` values of type `T`, or returns an error.
    ///
    /// # Errors
    /// [`AllocError`] if the allocator refuses, or if `len` values would take more than
    /// `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use boxvec::alloc::Global;
    ///
    /// let zeros = MyBox::<[u32], _>::try_new_zeroed_slice_in(2, Global)?;
    /// // SAFETY: all-zero bytes are valid `u32`s.
    /// assert_eq!(*unsafe { zeros.assume_init() }, [0, 0]);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[inline]
    pub fn try_new_zeroed_slice_in(
        len: usize,
        alloc: A,
    ) -> Result<MyBox<[MaybeUninit<T>], A>, AllocError> {
        let slice = try_allocate_slice::<T, A>(len, &alloc, Fill::Zeroed)?;
        // SAFETY: as in `try_new_uninit_slice_in`; the bytes happen to be zero.
        Ok(unsafe { MyBox::from_non_null_in(slice, alloc) })
    }

    /// Converts a boxed slice of length `N` into a boxed array `[T; N]`, in place; returns
    /// `None` (dropping the slice) if the length is not `N`.
    ///
    /// The fallible conversion that gives the slice back on a mismatch is `TryFrom`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let slice: MyBox<[u8]> = MyBox::from(&[1, 2, 3][..]);
    /// let array: MyBox<[u8; 3]> = slice.into_array().unwrap();
    /// assert_eq!(*array, [1, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub fn into_array<const N: usize>(self) -> Option<MyBox<[T; N], A>> {
        if self.len() == N {
            let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
            // SAFETY: a `[T]` of length `N` has the layout of `[T; N]`, so the block fits
            // the array, and its `N` elements are initialized.
            Some(unsafe { MyBox::from_non_null_in(ptr.cast::<[T; N]>(), alloc) })
        } else {
            None
        }
    }
}

impl<T, A: Allocator> MyBox<[MaybeUninit<T>], A> {
    /// Converts to `MyBox<[T], A>`, declaring every element initialized.
    ///
    /// # Safety
    /// - Every element must hold a valid, initialized `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let mut slots = MyBox::<[String]>::new_uninit_slice(2);
    /// slots[0].write(String::from("a"));
    /// slots[1].write(String::from("b"));
    /// // SAFETY: both elements were written just above.
    /// let strings = unsafe { slots.assume_init() };
    /// assert_eq!(*strings, ["a", "b"]);
    /// ```
    #[inline]
    pub unsafe fn assume_init(self) -> MyBox<[T], A> {
        let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
        let slice = NonNull::slice_from_raw_parts(ptr.cast::<T>(), ptr.len());
        // SAFETY: `[T]` and `[MaybeUninit<T>]` of the same length have the same layout, so the
        // block fits; the caller promises every element is initialized.
        unsafe { MyBox::from_non_null_in(slice, alloc) }
    }
}
