//! `RawVec`: a growable buffer of uninitialized `T`s, and the only code that asks the allocator
//! for vector memory.
//!
//! Mirrors `library/alloc/src/raw_vec/mod.rs`.
//!
//! # What it teaches
//!
//! A `Vec` is two things glued together: a *buffer* (pointer, capacity, allocator) and a
//! *length* (how many slots at the front hold live values). `RawVec` is the buffer alone. It
//! knows nothing about which slots are initialized, so it never reads, writes or drops a `T`; it
//! only decides **how much** memory to hold and asks the allocator for it:
//!
//! - **Amortized growth** ([`reserve`](RawVec::reserve), [`grow_one`](RawVec::grow_one)): the
//!   new capacity is `max(2 * capacity, len + additional, MIN_NON_ZERO_CAP)`. Doubling makes a
//!   run of `n` pushes cost O(n) copies in total. The minimum skips the silly sizes: 8 elements
//!   of 1 byte (allocators round tiny requests up anyway), 4 elements up to 1 KiB, 1 above.
//! - **Exact growth** ([`reserve_exact`](RawVec::reserve_exact)): exactly `len + additional`,
//!   for callers who know the final size.
//! - **Realloc, not copy**: growing memory we already hold calls [`Allocator::grow`], which may
//!   extend the block in place; only a buffer with no memory yet calls [`Allocator::allocate`].
//!   Shrinking calls [`Allocator::shrink`]; shrinking to zero gives the memory back.
//! - **The `isize::MAX` limit**: no allocation may span more than `isize::MAX` bytes, because
//!   pointer offsets are signed. A larger request is
//!   [`CapacityOverflow`](TryReserveErrorKind::CapacityOverflow) and never reaches the
//!   allocator; a refused valid request is an [`AllocError`](TryReserveErrorKind::AllocError).
//! - **Zero-sized types** never allocate: any number of them fit in no bytes, so the capacity
//!   is `usize::MAX` and the pointer is dangling (non-null, aligned, pointing at nothing).
//!
//! # Layout of the code, and why there is a `RawVecInner`
//!
//! Like std, the work is done by a private, type-erased `RawVecInner<A>` that takes the element
//! [`Layout`] as an argument, and `RawVec<T, A>` is a thin typed shell over it. Without the
//! split every element type `T` would get its own copy of the growth, shrink and error code;
//! with it, that code is compiled once per *allocator* and shared by `RawVec<u8>`,
//! `RawVec<String>`, `RawVec<[u64; 4]>`, …  Only the tiny wrappers are per-`T`. The price is
//! that the inner methods are `unsafe`: they must be given the same element layout every time,
//! which `RawVec<T, A>` guarantees by always passing `T`'s.
//!
//! # Where it differs from std
//!
//! - std stores the capacity in a type whose valid range is `0..=isize::MAX`, giving the
//!   compiler a niche. Ranged integer types are not expressible on stable Rust, so here the
//!   capacity is a plain `usize` (the pointer's `NonNull` niche still makes
//!   `Option<RawVec<T>>` the same size as `RawVec<T>`).
//! - std's `RawVec` is crate-private; here it is public so learners and testers can drive it.
//!   Every method is therefore safe to call with *any* `len`/`additional`. The methods expect
//!   `len <= capacity` (how many slots the caller uses); a larger `len` is a logic error that
//!   may make a reservation grow too little, never undefined behaviour in `RawVec`.
//! - std hands its buffer to a `Box<[MaybeUninit<T>]>`; here
//!   [`into_raw_slice_with_alloc`](RawVec::into_raw_slice_with_alloc) hands out the raw slice
//!   pointer and the allocator, and the box type builds itself from those.

use core::alloc::LayoutError;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::num::NonZeroUsize;
use core::ptr::{self, NonNull};

use crate::alloc::{Allocator, Global, Layout};
use crate::error::{TryReserveError, TryReserveErrorKind};

/// The smallest capacity a buffer of elements of `elem_size` bytes grows to.
///
/// Tiny buffers are wasteful: every allocation has a fixed cost, and allocators round small
/// requests up. So the first growth jumps straight to 8 one-byte elements, 4 elements of up to
/// 1 KiB, or 1 element above that (where 4 would waste real memory on short vectors).
const fn min_non_zero_cap(elem_size: usize) -> usize {
    if elem_size == 1 {
        8
    } else if elem_size <= 1024 {
        4
    } else {
        1
    }
}

/// A growable buffer of `capacity` uninitialized slots for `T`, owned together with the
/// allocator `A` that provided it.
///
/// `RawVec` never reads, writes or drops elements: which slots hold live values is the business
/// of the type built on top (`MyVec` keeps a `len`). Dropping a `RawVec` frees its memory (if
/// it holds any) but drops no `T`.
///
/// Capacity is always what was last asked for, never more: the allocator may hand back a larger
/// block, but, as std does, the extra bytes are ignored, so that the same sequence of requests
/// gives the same capacities as `std::vec::Vec` on every allocator.
///
/// # Examples
/// ```
/// use boxvec::RawVec;
///
/// let mut buf: RawVec<u16> = RawVec::new();
/// assert_eq!(buf.capacity(), 0);
///
/// // Ask for room for 3 more after 0 used: amortized growth rounds up to the minimum of 4.
/// buf.reserve(0, 3);
/// assert_eq!(buf.capacity(), 4);
///
/// // The buffer is ours to fill; it is `MyVec`'s job to remember how many slots are live.
/// for i in 0..4 {
///     // SAFETY: `i < capacity`, so the slot is inside the allocation.
///     unsafe { buf.ptr().add(i).write(i as u16 * 10) };
/// }
/// // SAFETY: slot 3 was written just above.
/// assert_eq!(unsafe { buf.ptr().add(3).read() }, 30);
///
/// // Full: growing by one doubles.
/// buf.grow_one();
/// assert_eq!(buf.capacity(), 8);
/// ```
pub struct RawVec<T, A: Allocator = Global> {
    inner: RawVecInner<A>,
    /// `RawVec` owns memory meant for `T`s, so it is covariant in `T` and, like std's, it is
    /// only `Send`/`Sync` when `T` is (see the impls below).
    _marker: PhantomData<T>,
}

// SAFETY: `RawVec` owns its buffer uniquely (no other handle to the memory exists), so moving
// it to another thread moves the `T` slots and the allocator with it: sound when both are Send.
unsafe impl<T: Send, A: Allocator + Send> Send for RawVec<T, A> {}

// SAFETY: `&RawVec` only hands out `*mut T` pointers (using them is `unsafe` and the caller's
// responsibility) and `&A`; sharing it across threads is sound when `T` and `A` are `Sync`.
unsafe impl<T: Sync, A: Allocator + Sync> Sync for RawVec<T, A> {}

/// The type-erased buffer: everything `RawVec<T, A>` does, with `T` replaced by its layout.
///
/// Invariants:
/// - `ptr` is non-null and aligned for the element type. If the element type is zero-sized or
///   `cap == 0`, it is dangling and owns nothing.
/// - Otherwise `ptr` points to a block allocated by `alloc` with the layout
///   `elem_layout × cap`, where `elem_layout` is the one every method is called with.
/// - For a non-zero-sized element, `cap * elem_size <= isize::MAX`.
struct RawVecInner<A: Allocator> {
    ptr: NonNull<u8>,
    cap: usize,
    alloc: A,
}

/// Whether fresh memory is handed out as it comes or filled with zero bytes.
#[derive(Clone, Copy)]
enum AllocInit {
    Uninitialized,
    Zeroed,
}

impl<T> RawVec<T, Global> {
    /// Creates an empty buffer in the global allocator, without allocating.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let buf: RawVec<i32> = RawVec::new();
    /// assert_eq!(buf.capacity(), 0);
    /// let zst: RawVec<()> = RawVec::new();
    /// assert_eq!(zst.capacity(), usize::MAX);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        Self::new_in(Global)
    }

    /// Creates a buffer in the global allocator with room for exactly `capacity` elements.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `capacity` elements would span more than
    /// `isize::MAX` bytes. Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error)
    /// (which aborts by default) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let buf: RawVec<u64> = RawVec::with_capacity(10);
    /// assert_eq!(buf.capacity(), 10);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_in(capacity, Global)
    }
}

impl<T, A: Allocator> RawVec<T, A> {
    /// The layout of one element; every inner call is given this, which is what makes the
    /// type-erased `RawVecInner` calls sound.
    const ELEM_LAYOUT: Layout = Layout::new::<T>();

    /// Whether `T` is zero-sized: then the buffer never allocates.
    const IS_ZST: bool = mem::size_of::<T>() == 0;

    /// The capacity the first growth of an empty buffer jumps to: 8 for 1-byte elements, 4 for
    /// elements up to 1024 bytes, 1 for larger ones (the same as std).
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// assert_eq!(RawVec::<u8>::MIN_NON_ZERO_CAP, 8);
    /// assert_eq!(RawVec::<[u8; 1024]>::MIN_NON_ZERO_CAP, 4);
    /// assert_eq!(RawVec::<[u8; 1025]>::MIN_NON_ZERO_CAP, 1);
    /// ```
    pub const MIN_NON_ZERO_CAP: usize = min_non_zero_cap(mem::size_of::<T>());

    /// Creates an empty buffer in `alloc`, without allocating. The pointer is dangling but
    /// aligned for `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    /// let buf: RawVec<u64, Global> = RawVec::new_in(Global);
    /// assert_eq!(buf.capacity(), 0);
    /// assert!(buf.ptr().is_aligned());
    /// ```
    #[inline]
    #[must_use]
    pub const fn new_in(alloc: A) -> Self {
        RawVec {
            inner: RawVecInner::new_in(alloc, Self::ELEM_LAYOUT),
            _marker: PhantomData,
        }
    }

    /// Creates a buffer in `alloc` with room for exactly `capacity` elements.
    ///
    /// A capacity of 0, or a zero-sized `T`, does not allocate.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `capacity` elements would span more than
    /// `isize::MAX` bytes. Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error)
    /// if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    /// let buf: RawVec<u8, Global> = RawVec::with_capacity_in(100, Global);
    /// assert_eq!(buf.capacity(), 100);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_in(capacity: usize, alloc: A) -> Self {
        match RawVecInner::try_allocate_in(
            capacity,
            AllocInit::Uninitialized,
            alloc,
            Self::ELEM_LAYOUT,
        ) {
            Ok(inner) => RawVec {
                inner,
                _marker: PhantomData,
            },
            Err(err) => handle_error(err),
        }
    }

    /// Creates a buffer in `alloc` with room for exactly `capacity` elements, or returns the
    /// error instead of panicking.
    ///
    /// # Errors
    /// [`CapacityOverflow`](TryReserveErrorKind::CapacityOverflow) if `capacity` elements
    /// would span more than `isize::MAX` bytes; [`AllocError`](TryReserveErrorKind::AllocError)
    /// if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{RawVec, TryReserveErrorKind};
    /// use boxvec::alloc::Global;
    ///
    /// let buf = RawVec::<u32, _>::try_with_capacity_in(16, Global).unwrap();
    /// assert_eq!(buf.capacity(), 16);
    ///
    /// let err = RawVec::<u32, _>::try_with_capacity_in(usize::MAX, Global).unwrap_err();
    /// assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    /// ```
    #[inline]
    pub fn try_with_capacity_in(capacity: usize, alloc: A) -> Result<Self, TryReserveError> {
        let inner = RawVecInner::try_allocate_in(
            capacity,
            AllocInit::Uninitialized,
            alloc,
            Self::ELEM_LAYOUT,
        )?;
        Ok(RawVec {
            inner,
            _marker: PhantomData,
        })
    }

    /// Creates a buffer in `alloc` with room for exactly `capacity` elements, all of whose
    /// bytes are zero. Uses [`Allocator::allocate_zeroed`], which can be cheaper than
    /// allocating and then writing zeros (fresh pages from the OS are already zero).
    ///
    /// # Panics
    /// As [`with_capacity_in`](Self::with_capacity_in).
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    /// let buf: RawVec<u32, Global> = RawVec::with_capacity_zeroed_in(4, Global);
    /// // SAFETY: the 4 slots are zeroed, and all-zero bytes are a valid `u32`.
    /// let sum: u32 = (0..4).map(|i| unsafe { buf.ptr().add(i).read() }).sum();
    /// assert_eq!(sum, 0);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_zeroed_in(capacity: usize, alloc: A) -> Self {
        match RawVecInner::try_allocate_in(capacity, AllocInit::Zeroed, alloc, Self::ELEM_LAYOUT) {
            Ok(inner) => RawVec {
                inner,
                _marker: PhantomData,
            },
            Err(err) => handle_error(err),
        }
    }

    /// Rebuilds a buffer from a pointer, a capacity and the allocator that owns the memory.
    ///
    /// # Safety
    /// - If `T` is not zero-sized and `capacity > 0`: `ptr` must point to a block currently
    ///   allocated by `alloc` with the layout of `[T; capacity]` (the layout must *fit* the
    ///   block, in the sense of the [`Allocator`] docs), and nothing else may own that block.
    /// - Otherwise (`capacity == 0` or zero-sized `T`): `ptr` must be non-null and aligned for
    ///   `T`; it is not dereferenced and not freed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    ///
    /// let buf: RawVec<u64, Global> = RawVec::with_capacity_in(3, Global);
    /// let (ptr, cap, alloc) = buf.into_raw_parts_with_alloc();
    /// // SAFETY: the parts come straight from a `RawVec<u64, Global>`.
    /// let buf = unsafe { RawVec::from_raw_parts_in(ptr, cap, alloc) };
    /// assert_eq!(buf.capacity(), 3);
    /// ```
    #[inline]
    pub unsafe fn from_raw_parts_in(ptr: *mut T, capacity: usize, alloc: A) -> Self {
        // SAFETY: the caller promises `ptr` is non-null (aligned, and owning the block when
        // there is one).
        let ptr = unsafe { NonNull::new_unchecked(ptr.cast::<u8>()) };
        RawVec {
            inner: RawVecInner {
                ptr,
                cap: if Self::IS_ZST { 0 } else { capacity },
                alloc,
            },
            _marker: PhantomData,
        }
    }

    /// Takes the buffer apart into its pointer, capacity and allocator, without freeing
    /// anything. The caller becomes responsible for the memory; [`from_raw_parts_in`]
    /// puts it back together.
    ///
    /// The capacity returned for a zero-sized `T` is `usize::MAX`, as [`capacity`] says.
    ///
    /// [`from_raw_parts_in`]: Self::from_raw_parts_in
    /// [`capacity`]: Self::capacity
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    /// let buf: RawVec<u8, Global> = RawVec::with_capacity_in(8, Global);
    /// let (ptr, cap, alloc) = buf.into_raw_parts_with_alloc();
    /// assert_eq!(cap, 8);
    /// // SAFETY: the parts came from `into_raw_parts_with_alloc` just above.
    /// drop(unsafe { RawVec::from_raw_parts_in(ptr, cap, alloc) });
    /// ```
    #[must_use = "the memory leaks unless it is put back with `from_raw_parts_in`"]
    pub fn into_raw_parts_with_alloc(self) -> (*mut T, usize, A) {
        let capacity = self.capacity();
        let (ptr, alloc) = self.into_ptr_and_alloc();
        (ptr.as_ptr(), capacity, alloc)
    }

    /// Hands the buffer over as an owned slice of `len` uninitialized slots, plus its
    /// allocator: the form a boxed slice (`MyBox<[MaybeUninit<T>], A>`) is built from.
    ///
    /// A box frees its memory with the layout of exactly `len` elements, so the buffer must
    /// first hold exactly that: if `len < capacity` it is shrunk (one call to
    /// [`Allocator::shrink`], or a deallocation when `len == 0`), as `Vec::into_boxed_slice`
    /// does in std. The caller owns the returned memory.
    ///
    /// # Panics
    /// Panics if `len > capacity`. Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error)
    /// if the shrink is refused.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::{Allocator, Global, Layout};
    ///
    /// let buf: RawVec<u32, Global> = RawVec::with_capacity_in(10, Global);
    /// let (slice, alloc) = buf.into_raw_slice_with_alloc(3);
    /// assert_eq!(slice.len(), 3);
    /// // SAFETY: the slice was allocated by `alloc` for exactly 3 `u32`s.
    /// unsafe { alloc.deallocate(slice.cast(), Layout::array::<u32>(3).unwrap()) };
    /// ```
    #[must_use = "the memory leaks unless the caller frees it"]
    pub fn into_raw_slice_with_alloc(mut self, len: usize) -> (NonNull<[MaybeUninit<T>]>, A) {
        let capacity = self.capacity();
        assert!(
            len <= capacity,
            "`len` (is {len}) should be <= capacity (is {capacity})"
        );
        if len < capacity {
            self.shrink_to_fit(len);
        }
        let (ptr, alloc) = self.into_ptr_and_alloc();
        let slice = NonNull::slice_from_raw_parts(ptr.cast::<MaybeUninit<T>>(), len);
        (slice, alloc)
    }

    /// Consumes `self` without running its `Drop`, returning the pointer and the allocator.
    fn into_ptr_and_alloc(self) -> (NonNull<T>, A) {
        let this = ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again, so reading the allocator out moves
        // it: there is exactly one owner afterwards.
        let alloc = unsafe { ptr::read(&this.inner.alloc) };
        (this.inner.ptr.cast::<T>(), alloc)
    }

    /// Returns a raw pointer to the start of the buffer: dangling (but non-null and aligned)
    /// when nothing is allocated.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let buf: RawVec<u64> = RawVec::with_capacity(2);
    /// assert!(!buf.ptr().is_null());
    /// assert!(buf.ptr().is_aligned());
    /// ```
    #[inline]
    #[must_use]
    pub const fn ptr(&self) -> *mut T {
        self.inner.ptr.as_ptr().cast::<T>()
    }

    /// Returns the start of the buffer as a `NonNull<T>`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let buf: RawVec<u8> = RawVec::new();
    /// assert_eq!(buf.non_null().as_ptr(), buf.ptr());
    /// ```
    #[inline]
    #[must_use]
    pub const fn non_null(&self) -> NonNull<T> {
        self.inner.ptr.cast::<T>()
    }

    /// Returns how many elements the buffer has room for: `usize::MAX` for a zero-sized `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// assert_eq!(RawVec::<u8>::with_capacity(5).capacity(), 5);
    /// assert_eq!(RawVec::<()>::new().capacity(), usize::MAX);
    /// ```
    #[inline]
    #[must_use]
    pub const fn capacity(&self) -> usize {
        self.inner.capacity(mem::size_of::<T>())
    }

    /// Returns a reference to the allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// use boxvec::alloc::Global;
    /// let buf: RawVec<u8> = RawVec::new();
    /// let _: &Global = buf.allocator();
    /// ```
    #[inline]
    #[must_use]
    pub const fn allocator(&self) -> &A {
        &self.inner.alloc
    }

    /// Makes sure there is room for `len + additional` elements, growing with the amortized
    /// strategy if there is not: the new capacity is
    /// `max(2 * capacity, len + additional, MIN_NON_ZERO_CAP)`.
    ///
    /// `len` is how many slots the caller is using and should be at most the capacity; it is
    /// not checked. The "is there room" test is inlined; the growth itself is a cold,
    /// out-of-line call.
    ///
    /// # Panics
    /// Panics with `capacity overflow` if `len + additional` overflows or the new buffer would
    /// span more than `isize::MAX` bytes. Calls
    /// [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let mut buf: RawVec<u32> = RawVec::with_capacity(4);
    /// buf.reserve(4, 1); // full, one more wanted: double
    /// assert_eq!(buf.capacity(), 8);
    /// buf.reserve(4, 20); // doubling is not enough: take what was asked
    /// assert_eq!(buf.capacity(), 24);
    /// ```
    #[inline]
    pub fn reserve(&mut self, len: usize, additional: usize) {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with.
        unsafe { self.inner.reserve(len, additional, Self::ELEM_LAYOUT) }
    }

    /// Grows a buffer that is full (`len == capacity`) by the amortized strategy, as for
    /// `reserve(capacity, 1)`. This is the slow path of `push`, kept out of line so that the
    /// inlined `push` stays a compare and a store.
    ///
    /// # Panics
    /// As [`reserve`](Self::reserve); for a zero-sized `T` (whose capacity is already
    /// `usize::MAX`) it always panics with `capacity overflow`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let mut buf: RawVec<u8> = RawVec::new();
    /// buf.grow_one();
    /// assert_eq!(buf.capacity(), 8);
    /// buf.grow_one();
    /// assert_eq!(buf.capacity(), 16);
    /// ```
    #[inline(never)]
    pub fn grow_one(&mut self) {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with.
        unsafe { self.inner.grow_one(Self::ELEM_LAYOUT) }
    }

    /// Like [`reserve`](Self::reserve), but returns the error instead of panicking.
    ///
    /// # Errors
    /// [`CapacityOverflow`](TryReserveErrorKind::CapacityOverflow) if `len + additional`
    /// overflows or the buffer would span more than `isize::MAX` bytes;
    /// [`AllocError`](TryReserveErrorKind::AllocError) with the refused layout if the
    /// allocator refuses. On error the buffer is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{RawVec, TryReserveErrorKind};
    /// let mut buf: RawVec<u8> = RawVec::new();
    /// assert!(buf.try_reserve(0, 10).is_ok());
    /// assert_eq!(buf.capacity(), 10);
    /// let err = buf.try_reserve(10, usize::MAX).unwrap_err();
    /// assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    /// assert_eq!(buf.capacity(), 10);
    /// ```
    #[inline]
    pub fn try_reserve(&mut self, len: usize, additional: usize) -> Result<(), TryReserveError> {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with.
        unsafe { self.inner.try_reserve(len, additional, Self::ELEM_LAYOUT) }
    }

    /// Makes sure there is room for `len + additional` elements, growing to exactly that if
    /// there is not: no amortization, no minimum.
    ///
    /// # Panics
    /// As [`reserve`](Self::reserve).
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let mut buf: RawVec<u8> = RawVec::new();
    /// buf.reserve_exact(0, 3);
    /// assert_eq!(buf.capacity(), 3); // no minimum of 8 here
    /// buf.reserve_exact(3, 1);
    /// assert_eq!(buf.capacity(), 4); // and no doubling
    /// ```
    #[inline]
    pub fn reserve_exact(&mut self, len: usize, additional: usize) {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with.
        unsafe { self.inner.reserve_exact(len, additional, Self::ELEM_LAYOUT) }
    }

    /// Like [`reserve_exact`](Self::reserve_exact), but returns the error instead of panicking.
    ///
    /// # Errors
    /// As [`try_reserve`](Self::try_reserve). On error the buffer is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{RawVec, TryReserveErrorKind};
    /// let mut buf: RawVec<u16> = RawVec::new();
    /// // isize::MAX / 2 + 1 two-byte elements is one byte past isize::MAX.
    /// let err = buf.try_reserve_exact(0, isize::MAX as usize / 2 + 1).unwrap_err();
    /// assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    /// ```
    #[inline]
    pub fn try_reserve_exact(
        &mut self,
        len: usize,
        additional: usize,
    ) -> Result<(), TryReserveError> {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with.
        unsafe {
            self.inner
                .try_reserve_exact(len, additional, Self::ELEM_LAYOUT)
        }
    }

    /// Shrinks the buffer to exactly `cap` elements: one call to [`Allocator::shrink`], or a
    /// deallocation when `cap == 0`. Does nothing if nothing is allocated (an empty buffer or
    /// a zero-sized `T`).
    ///
    /// Like std's, it calls the allocator even when `cap` equals the current capacity; a
    /// caller that wants to skip that no-op checks first, as `Vec::shrink_to_fit` does.
    ///
    /// # Panics
    /// Panics if `cap > capacity`. Calls
    /// [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let mut buf: RawVec<u32> = RawVec::with_capacity(10);
    /// buf.shrink_to_fit(3);
    /// assert_eq!(buf.capacity(), 3);
    /// buf.shrink_to_fit(0);
    /// assert_eq!(buf.capacity(), 0); // the memory was given back
    /// ```
    #[inline]
    pub fn shrink_to_fit(&mut self, cap: usize) {
        if let Err(err) = self.try_shrink_to_fit(cap) {
            handle_error(err)
        }
    }

    /// Like [`shrink_to_fit`](Self::shrink_to_fit), but returns the error instead of
    /// aborting when the allocator refuses.
    ///
    /// # Panics
    /// Panics if `cap > capacity`: that is a bug in the caller, not a failure to report.
    ///
    /// # Errors
    /// [`AllocError`](TryReserveErrorKind::AllocError) with the refused layout if the
    /// allocator refuses to shrink. The buffer is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let mut buf: RawVec<u8> = RawVec::with_capacity(64);
    /// buf.try_shrink_to_fit(16).unwrap();
    /// assert_eq!(buf.capacity(), 16);
    /// ```
    pub fn try_shrink_to_fit(&mut self, cap: usize) -> Result<(), TryReserveError> {
        let capacity = self.capacity();
        assert!(
            cap <= capacity,
            "tried to shrink to a larger capacity ({cap} > {capacity})"
        );
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with, and
        // `cap <= capacity` was just checked.
        unsafe { self.inner.shrink_unchecked(cap, Self::ELEM_LAYOUT) }
    }
}

impl<T, A: Allocator> Drop for RawVec<T, A> {
    /// Frees the memory, if any is allocated. Drops no elements: that is the owner's job.
    fn drop(&mut self) {
        // SAFETY: `ELEM_LAYOUT` is the element layout this buffer was created with, and the
        // buffer is not used again after `drop`.
        unsafe { self.inner.deallocate(Self::ELEM_LAYOUT) }
    }
}

impl<T, A: Allocator + Default> Default for RawVec<T, A> {
    /// An empty buffer in the allocator's default value, without allocating.
    ///
    /// # Examples
    /// ```
    /// use boxvec::RawVec;
    /// let buf: RawVec<u8> = RawVec::default();
    /// assert_eq!(buf.capacity(), 0);
    /// ```
    fn default() -> Self {
        Self::new_in(A::default())
    }
}

impl<T, A: Allocator> core::fmt::Debug for RawVec<T, A> {
    /// Shows the pointer and capacity (not the contents: the slots may be uninitialized).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RawVec")
            .field("ptr", &self.ptr())
            .field("capacity", &self.capacity())
            .finish_non_exhaustive()
    }
}

impl<A: Allocator> RawVecInner<A> {
    /// An empty buffer, owning no memory.
    #[inline]
    const fn new_in(alloc: A, elem_layout: Layout) -> Self {
        RawVecInner {
            ptr: dangling(elem_layout),
            cap: 0,
            alloc,
        }
    }

    /// Allocates room for exactly `capacity` elements (no allocation when that is 0 bytes).
    fn try_allocate_in(
        capacity: usize,
        init: AllocInit,
        alloc: A,
        elem_layout: Layout,
    ) -> Result<Self, TryReserveError> {
        let layout = array_layout(capacity, elem_layout)?;

        // Nothing to ask for: also keeps `Drop` from freeing a block that was never allocated.
        if layout.size() == 0 {
            return Ok(Self::new_in(alloc, elem_layout));
        }

        let block = match init {
            AllocInit::Uninitialized => alloc.allocate(layout),
            AllocInit::Zeroed => alloc.allocate_zeroed(layout),
        };
        match block {
            Ok(block) => Ok(RawVecInner {
                ptr: block.cast::<u8>(),
                cap: capacity,
                alloc,
            }),
            Err(_) => Err(TryReserveError::alloc_error(layout)),
        }
    }

    #[inline]
    const fn capacity(&self, elem_size: usize) -> usize {
        if elem_size == 0 { usize::MAX } else { self.cap }
    }

    /// The block this buffer owns and the layout it was allocated with, if it owns one.
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn current_memory(&self, elem_layout: Layout) -> Option<(NonNull<u8>, Layout)> {
        if elem_layout.size() == 0 || self.cap == 0 {
            return None;
        }
        // SAFETY: the buffer holds a block of `cap` elements (invariant), whose layout was
        // built successfully when it was allocated, so the multiplication cannot overflow
        // and the size/alignment pair is valid.
        let layout = unsafe {
            let size = elem_layout.size().unchecked_mul(self.cap);
            Layout::from_size_align_unchecked(size, elem_layout.align())
        };
        Some((self.ptr, layout))
    }

    /// Whether `len + additional` elements do *not* fit: one subtraction and one comparison,
    /// with no overflow check, because callers keep `len <= capacity` (then
    /// `capacity - len` cannot wrap). A caller that breaks that rule gets a wrapped,
    /// huge difference and a "fits" answer: a logic error on its side, never undefined
    /// behaviour here, since `RawVec` itself touches no element.
    #[inline]
    const fn needs_to_grow(&self, len: usize, additional: usize, elem_size: usize) -> bool {
        additional > self.capacity(elem_size).wrapping_sub(len)
    }

    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn reserve(&mut self, len: usize, additional: usize, elem_layout: Layout) {
        // The growth is in its own cold function so that the inlined part of `reserve` is the
        // comparison alone.
        #[cold]
        #[inline(never)]
        unsafe fn reserve_slow<A: Allocator>(
            this: &mut RawVecInner<A>,
            len: usize,
            additional: usize,
            elem_layout: Layout,
        ) {
            // SAFETY: the caller's promise about `elem_layout` is passed on.
            if let Err(err) = unsafe { this.grow_amortized(len, additional, elem_layout) } {
                handle_error(err);
            }
        }

        if self.needs_to_grow(len, additional, elem_layout.size()) {
            // SAFETY: the caller's promise about `elem_layout` is passed on.
            unsafe { reserve_slow(self, len, additional, elem_layout) }
        }
    }

    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn grow_one(&mut self, elem_layout: Layout) {
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        if let Err(err) = unsafe { self.grow_amortized(self.cap, 1, elem_layout) } {
            handle_error(err);
        }
    }

    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn try_reserve(
        &mut self,
        len: usize,
        additional: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        if self.needs_to_grow(len, additional, elem_layout.size()) {
            // SAFETY: the caller's promise about `elem_layout` is passed on.
            unsafe { self.grow_amortized(len, additional, elem_layout) }
        } else {
            Ok(())
        }
    }

    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn reserve_exact(&mut self, len: usize, additional: usize, elem_layout: Layout) {
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        if let Err(err) = unsafe { self.try_reserve_exact(len, additional, elem_layout) } {
            handle_error(err);
        }
    }

    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[inline]
    unsafe fn try_reserve_exact(
        &mut self,
        len: usize,
        additional: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        if self.needs_to_grow(len, additional, elem_layout.size()) {
            // SAFETY: the caller's promise about `elem_layout` is passed on.
            unsafe { self.grow_exact(len, additional, elem_layout) }
        } else {
            Ok(())
        }
    }

    /// Grows to `max(2 * cap, len + additional, MIN_NON_ZERO_CAP)`.
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[cold]
    unsafe fn grow_amortized(
        &mut self,
        len: usize,
        additional: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        if elem_layout.size() == 0 {
            // The capacity of a zero-sized type is `usize::MAX`, so a request that does not
            // fit is one for more than `usize::MAX` elements.
            return Err(TryReserveError::capacity_overflow());
        }
        let required = len
            .checked_add(additional)
            .ok_or_else(TryReserveError::capacity_overflow)?;
        // `cap * 2` cannot overflow: `cap * elem_size <= isize::MAX` with `elem_size >= 1`.
        let doubled = self.cap * 2;
        let new_cap = required
            .max(doubled)
            .max(min_non_zero_cap(elem_layout.size()));
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        unsafe { self.finish_grow(new_cap, elem_layout) }
    }

    /// Grows to exactly `len + additional`.
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with.
    #[cold]
    unsafe fn grow_exact(
        &mut self,
        len: usize,
        additional: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        if elem_layout.size() == 0 {
            return Err(TryReserveError::capacity_overflow());
        }
        let new_cap = len
            .checked_add(additional)
            .ok_or_else(TryReserveError::capacity_overflow)?;
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        unsafe { self.finish_grow(new_cap, elem_layout) }
    }

    /// Moves the buffer to a block of `new_cap` elements: `grow` when there is a block already
    /// (the allocator may extend it in place), `allocate` when there is none. On error the
    /// buffer is left exactly as it was.
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with, and it must not
    /// be zero-sized.
    unsafe fn finish_grow(
        &mut self,
        new_cap: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        let new_layout = array_layout(new_cap, elem_layout)?;

        // SAFETY: the caller's promise about `elem_layout` is passed on.
        let block = match unsafe { self.current_memory(elem_layout) } {
            // SAFETY: `ptr` is the live block allocated by `self.alloc` with `old_layout`
            // (invariant); `new_layout` has the same alignment and, as `new_cap > cap` (we
            // only get here when `len + additional > cap`), a size at least as large.
            Some((ptr, old_layout)) => unsafe { self.alloc.grow(ptr, old_layout, new_layout) },
            None => self.alloc.allocate(new_layout),
        };
        let block = block.map_err(|_| TryReserveError::alloc_error(new_layout))?;

        // The allocator may have given more than asked; like std, we keep the capacity we
        // asked for so capacities are the same on every allocator.
        self.ptr = block.cast::<u8>();
        self.cap = new_cap;
        Ok(())
    }

    /// Shrinks to exactly `cap` elements (deallocating when `cap == 0`).
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with, and
    /// `cap <= self.capacity(elem_layout.size())`.
    unsafe fn shrink_unchecked(
        &mut self,
        cap: usize,
        elem_layout: Layout,
    ) -> Result<(), TryReserveError> {
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        let Some((ptr, old_layout)) = (unsafe { self.current_memory(elem_layout) }) else {
            return Ok(());
        };

        if cap == 0 {
            // SAFETY: `ptr` is the live block allocated by `self.alloc` with `old_layout`
            // (invariant). It is forgotten right below, so it is never used again.
            unsafe { self.alloc.deallocate(ptr, old_layout) };
            self.ptr = dangling(elem_layout);
            self.cap = 0;
            return Ok(());
        }

        // SAFETY: `cap <= self.cap` (caller), so `cap * size` is no larger than the current
        // block's size, which was a valid layout size.
        let new_layout = unsafe {
            Layout::from_size_align_unchecked(elem_layout.size() * cap, elem_layout.align())
        };
        // SAFETY: `ptr` is the live block allocated by `self.alloc` with `old_layout`
        // (invariant); `new_layout` has the same alignment and is no larger.
        let block = unsafe { self.alloc.shrink(ptr, old_layout, new_layout) }
            .map_err(|_| TryReserveError::alloc_error(new_layout))?;
        self.ptr = block.cast::<u8>();
        self.cap = cap;
        Ok(())
    }

    /// Frees the block, if there is one. Does not reset `ptr`/`cap`: the buffer must not be
    /// used afterwards (this is the body of `Drop`).
    ///
    /// # Safety
    /// `elem_layout` must be the element layout the buffer was created with, and the buffer
    /// must not be used again.
    unsafe fn deallocate(&mut self, elem_layout: Layout) {
        // SAFETY: the caller's promise about `elem_layout` is passed on.
        if let Some((ptr, layout)) = unsafe { self.current_memory(elem_layout) } {
            // SAFETY: `ptr` is the live block allocated by `self.alloc` with `layout`
            // (invariant), and the caller never uses the buffer again.
            unsafe { self.alloc.deallocate(ptr, layout) }
        }
    }
}

/// The pointer of a buffer that owns no memory: its address is the element alignment, so it is
/// non-null and aligned, and it carries no provenance (it may never be dereferenced).
#[inline]
const fn dangling(elem_layout: Layout) -> NonNull<u8> {
    // `Layout` guarantees the alignment is a non-zero power of two.
    let align = match NonZeroUsize::new(elem_layout.align()) {
        Some(align) => align,
        None => unreachable!(),
    };
    NonNull::without_provenance(align)
}

/// The layout of `cap` elements of `elem_layout`, or `CapacityOverflow` if it would span
/// more than `isize::MAX` bytes (once rounded up to the alignment, which `Layout` checks).
#[inline]
fn array_layout(cap: usize, elem_layout: Layout) -> Result<Layout, TryReserveError> {
    // A Rust type's size is always a multiple of its alignment, so the array needs no padding
    // between elements: the size is simply `elem_size * cap`.
    let size = elem_layout
        .size()
        .checked_mul(cap)
        .ok_or_else(TryReserveError::capacity_overflow)?;
    Layout::from_size_align(size, elem_layout.align())
        .map_err(|err: LayoutError| TryReserveError::from(TryReserveErrorKind::from(err)))
}

/// The one place where infallible paths turn an error into a panic or an abort, kept out of
/// line and cold so that none of it is inlined into callers.
#[cold]
#[inline(never)]
fn handle_error(err: TryReserveError) -> ! {
    match err.kind() {
        TryReserveErrorKind::CapacityOverflow => panic!("capacity overflow"),
        TryReserveErrorKind::AllocError { layout } => {
            alloc_crate::alloc::handle_alloc_error(layout)
        }
    }
}
