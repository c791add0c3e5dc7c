//! `MyVec`: a contiguous growable array, std's `Vec` rebuilt over [`RawVec`].
//!
//! Mirrors `library/alloc/src/vec/mod.rs`. As in std, the pieces live in their own files:
//!
//! | file | what | std counterpart |
//! |---|---|---|
//! | `mod.rs` | the type and its inherent methods | `vec/mod.rs` |
//! | `extend.rs` | `Extend`, `FromIterator` and the loop they share | `vec/spec_extend.rs`, `vec/spec_from_iter*.rs` |
//! | `traits.rs` | `Clone`, `Hash`, `Index`, `Ord`, `AsRef`, `Borrow`, `Debug`, `io::Write`, … | the trait impls at the end of `vec/mod.rs`, `slice.rs`, `std/src/io/impls.rs` |
//! | `convert.rs` | `From` / `TryFrom` conversions | the `From` impls of `vec/mod.rs`, `vec/cow.rs` |
//! | `partial_eq.rs` | `PartialEq` against vectors, slices, arrays, `Cow` | `vec/partial_eq.rs` |
//! | `peek_mut.rs` | [`PeekMut`] | `vec/peek_mut.rs` |
//! | `set_len_on_drop.rs` | the length guard of the write loops | `vec/set_len_on_drop.rs` |
//! | `boxed_conversions.rs` | `into_boxed_slice`, `into_array`, `MyVec` ↔ `MyBox<[T]>` | `Vec::into_boxed_slice`, `<[T]>::into_vec`, the `Box` `From` impls |
//! | `into_iter.rs`, `drain.rs`, `splice.rs`, `extract_if.rs` | the owning and draining iterators | the files of the same names |
//!
//! # What it teaches
//!
//! A vector is a [`RawVec`] (pointer, capacity, allocator) plus a length `len`. The one
//! invariant everything rests on: **slots `0..len` hold initialized values, slots
//! `len..capacity` do not.** Every method is a careful dance around it: write a value *then*
//! raise `len`; lower `len` *before* handing a value out or dropping it, so that if user code
//! panics mid-way (a `Drop`, a `Clone`, a predicate) the vector never claims a slot whose value
//! is gone. `RawVec` decides how much memory to hold; `MyVec` never talks to the allocator.
//!
//! Three patterns recur:
//!
//! - **Write loops** ([`extend`](Extend::extend), [`resize`](MyVec::resize),
//!   [`extend_from_slice`](MyVec::extend_from_slice), `clone`) count the written elements in
//!   a local `SetLenOnDrop` guard that stores the count into `len` when it goes away — at the
//!   end, or while unwinding from a panicking `clone`/`next`. The vector then owns exactly what
//!   was written.
//! - **Compaction** ([`retain`](MyVec::retain), [`dedup_by`](MyVec::dedup_by)) walks a *read*
//!   index and a *write* index over the buffer, dropping or moving each element once. A small
//!   guard struct closes the gap between them if a predicate or a `Drop` panics.
//! - **Shifting** ([`insert`](MyVec::insert), [`remove`](MyVec::remove)) is one
//!   `ptr::copy` (a `memmove`) of the tail, with nothing that can panic in between.
//!
//! # Where it differs from std
//!
//! - No specialization on stable. std picks special paths for `TrustedLen` iterators, for
//!   `Copy` elements and for `vec.into_iter()…collect()`. Here `extend` and `collect` look at
//!   `size_hint` instead: an *exact* hint (`lower == upper`) is treated as std treats a
//!   `TrustedLen` iterator (reserve it all at once), any other hint as std treats a plain
//!   iterator. That gives std's capacities for every honest iterator except two cases:
//!   collecting an exact-size iterator that is not `TrustedLen` (a `HashSet`'s, say) with
//!   fewer than [`RawVec::MIN_NON_ZERO_CAP`] items (std rounds up to that minimum, this crate
//!   allocates the exact count), and std's *in-place collect*, which reuses the source
//!   vector's buffer for `v.into_iter().map(..).collect()` (here a new buffer of the exact
//!   size is allocated). `extend.rs` explains the details.
//! - No `#[may_dangle]` on `Drop` (nightly only): a `MyVec<&T>` must not outlive the `T`
//!   even where std's drop-check would allow it.
//! - `Allocator` is `allocator_api2`'s, so the `*_in` constructors and the methods that are
//!   still unstable in std (`try_with_capacity`, `push_within_capacity`, `try_remove`,
//!   `peek_mut`, `into_chunks`, `recycle`, …) are available on stable.
//! - The raw-parts functions, `const fn` in std (`from_raw_parts`, `from_parts`,
//!   `into_raw_parts`, `into_parts` and their `_in`/`_with_alloc` forms), are ordinary
//!   functions here: the `RawVec` functions they call are not `const`.
//! - `into_boxed_slice` and `into_array` produce a [`MyBox`](crate::MyBox), not a `Box`.

use core::cmp;
use core::iter;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::ops::{Bound, Deref, DerefMut, Range, RangeBounds};
use core::ptr::{self, NonNull};
use core::slice;

use crate::alloc::{Allocator, Global};
use crate::error::TryReserveError;
use crate::raw_vec::RawVec;

mod boxed_conversions;
mod convert;
mod drain;
mod extend;
mod extract_if;
mod into_iter;
mod partial_eq;
mod peek_mut;
mod set_len_on_drop;
mod splice;
mod traits;

pub use drain::Drain;
pub use extract_if::ExtractIf;
pub use into_iter::IntoIter;
pub use peek_mut::PeekMut;
pub use splice::Splice;

use set_len_on_drop::{SetLenOnDrop, write_into_spare};

/// A contiguous growable array type, written `MyVec<T>`, with the same API as std's `Vec<T>`.
///
/// The same sequence of calls gives the same contents, the same capacities and the same
/// panic messages as `std::vec::Vec`; the differences are listed in the [module
/// docs](crate::vec).
///
/// # Examples
/// ```
/// use boxvec::MyVec;
///
/// let mut v = MyVec::new();
/// v.push(1);
/// v.push(2);
/// assert_eq!(v.len(), 2);
/// assert_eq!(v[0], 1);
/// assert_eq!(v.pop(), Some(2));
/// assert_eq!(v.capacity(), 4); // std's minimum non-zero capacity for 4-byte elements
/// ```
pub struct MyVec<T, A: Allocator = Global> {
    /// The buffer. Its capacity is always at least `len`.
    buf: RawVec<T, A>,
    /// How many slots at the front of `buf` hold initialized values.
    len: usize,
}

impl<T> MyVec<T> {
    /// Constructs a new, empty `MyVec<T>`. It does not allocate until elements are pushed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<i32> = MyVec::new();
    /// assert!(v.is_empty());
    /// assert_eq!(v.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        MyVec {
            buf: RawVec::new(),
            len: 0,
        }
    }

    /// Constructs a new, empty `MyVec<T>` with room for exactly `capacity` elements.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(10);
    /// assert_eq!(v.capacity(), 10);
    /// for i in 0..10 {
    ///     v.push(i); // no reallocation
    /// }
    /// assert_eq!(v.capacity(), 10);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_in(capacity, Global)
    }

    /// Like [`with_capacity`](Self::with_capacity), but returns an error instead of panicking
    /// or aborting when the memory cannot be had.
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) if `capacity`
    /// elements would exceed `isize::MAX` bytes;
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<u32> = MyVec::try_with_capacity(8).unwrap();
    /// assert_eq!(v.capacity(), 8);
    /// assert!(MyVec::<u32>::try_with_capacity(usize::MAX).is_err());
    /// ```
    #[inline]
    pub fn try_with_capacity(capacity: usize) -> Result<Self, TryReserveError> {
        Self::try_with_capacity_in(capacity, Global)
    }

    /// Rebuilds a `MyVec<T>` from a pointer, a length and a capacity, for example the parts
    /// returned by [`into_raw_parts`](Self::into_raw_parts), or those of a `std::vec::Vec<T>`:
    /// std's `Vec` and [`Global`] both allocate from the `#[global_allocator]`.
    ///
    /// # Safety
    /// - If `T` is not zero-sized and `capacity > 0`: `ptr` must point to a block currently
    ///   allocated by the global allocator with the layout of `[T; capacity]` (same size,
    ///   same alignment as `T`), and nothing else may own it. Otherwise `ptr` must be non-null
    ///   and aligned for `T`.
    /// - `length <= capacity`.
    /// - The first `length` elements at `ptr` must be initialized values of `T`.
    ///
    /// The vector takes ownership: the block and the values are freed and dropped by it.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let v = my_vec![1u16, 2, 3];
    /// let (ptr, len, cap) = v.into_raw_parts();
    /// // SAFETY: the parts come from a `MyVec<u16>` just above and are used once.
    /// let v = unsafe { MyVec::from_raw_parts(ptr, len, cap) };
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    #[inline]
    pub unsafe fn from_raw_parts(ptr: *mut T, length: usize, capacity: usize) -> Self {
        // SAFETY: the caller upholds `from_raw_parts_in`'s contract for `Global`.
        unsafe { Self::from_raw_parts_in(ptr, length, capacity, Global) }
    }

    /// Like [`from_raw_parts`](Self::from_raw_parts), with a `NonNull` pointer.
    ///
    /// # Safety
    /// The same as [`from_raw_parts`](Self::from_raw_parts).
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let (ptr, len, cap) = my_vec!['a', 'b'].into_parts();
    /// // SAFETY: the parts come from a `MyVec<char>` just above and are used once.
    /// let v = unsafe { MyVec::from_parts(ptr, len, cap) };
    /// assert_eq!(v, ['a', 'b']);
    /// ```
    #[inline]
    pub unsafe fn from_parts(ptr: NonNull<T>, length: usize, capacity: usize) -> Self {
        // SAFETY: the caller upholds `from_parts_in`'s contract for `Global`.
        unsafe { Self::from_parts_in(ptr, length, capacity, Global) }
    }

    /// Builds a vector of `length` elements, element `i` being `f(i)`, called in order from
    /// `0` up. The capacity is exactly `length`.
    ///
    /// # Panics
    /// Panics if the capacity would exceed `isize::MAX` bytes. If `f` panics, the elements
    /// made so far are dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let squares = MyVec::from_fn(5, |i| i * i);
    /// assert_eq!(squares, [0, 1, 4, 9, 16]);
    /// assert_eq!(squares.capacity(), 5);
    /// ```
    #[inline]
    pub fn from_fn<F>(length: usize, f: F) -> Self
    where
        F: FnMut(usize) -> T,
    {
        (0..length).map(f).collect()
    }

    /// Takes the vector apart into its pointer, length and capacity, without freeing or
    /// dropping anything. The caller becomes responsible for the memory and the elements;
    /// [`from_raw_parts`](Self::from_raw_parts) puts the vector back together (the memory
    /// comes from the global allocator, so `std::vec::Vec::from_raw_parts` can too).
    ///
    /// The capacity of a vector of a zero-sized type is `usize::MAX`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let v = my_vec![10u8, 20];
    /// let (ptr, len, cap) = v.into_raw_parts();
    /// assert_eq!((len, cap), (2, 2));
    /// // SAFETY: the parts come from a `MyVec<u8>` (global allocator) and are used once.
    /// let std_vec = unsafe { Vec::from_raw_parts(ptr, len, cap) };
    /// assert_eq!(std_vec, [10, 20]);
    /// ```
    #[must_use = "the memory and the elements leak unless put back with `from_raw_parts`"]
    pub fn into_raw_parts(self) -> (*mut T, usize, usize) {
        let (ptr, len, capacity, Global) = self.into_raw_parts_with_alloc();
        (ptr, len, capacity)
    }

    /// Like [`into_raw_parts`](Self::into_raw_parts), with a `NonNull` pointer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let (ptr, len, cap) = my_vec![1i64].into_parts();
    /// // SAFETY: the parts come from a `MyVec<i64>` just above and are used once.
    /// let v = unsafe { MyVec::from_parts(ptr, len, cap) };
    /// assert_eq!(v, [1]);
    /// ```
    #[must_use = "the memory and the elements leak unless put back with `from_parts`"]
    pub fn into_parts(self) -> (NonNull<T>, usize, usize) {
        let (ptr, len, capacity, Global) = self.into_parts_with_alloc();
        (ptr, len, capacity)
    }
}

impl<T, A: Allocator> MyVec<T, A> {
    /// Constructs a new, empty `MyVec<T, A>` in `alloc`. It does not allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u8, Global> = MyVec::new_in(Global);
    /// assert_eq!(v.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new_in(alloc: A) -> Self {
        MyVec {
            buf: RawVec::new_in(alloc),
            len: 0,
        }
    }

    /// Constructs a new, empty `MyVec<T, A>` in `alloc` with room for exactly `capacity`
    /// elements.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u64, Global> = MyVec::with_capacity_in(3, Global);
    /// assert_eq!(v.capacity(), 3);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_in(capacity: usize, alloc: A) -> Self {
        MyVec {
            buf: RawVec::with_capacity_in(capacity, alloc),
            len: 0,
        }
    }

    /// Like [`with_capacity_in`](Self::with_capacity_in), but returns an error instead of
    /// panicking or aborting when the memory cannot be had.
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) if `capacity`
    /// elements would exceed `isize::MAX` bytes;
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::{Failing, FailMode, Global};
    ///
    /// let v: MyVec<u8, Global> = MyVec::try_with_capacity_in(16, Global).unwrap();
    /// assert_eq!(v.capacity(), 16);
    ///
    /// let refusing = Failing::with_mode(Global, FailMode::From(0));
    /// assert!(MyVec::<u8, _>::try_with_capacity_in(16, &refusing).is_err());
    /// ```
    #[inline]
    pub fn try_with_capacity_in(capacity: usize, alloc: A) -> Result<Self, TryReserveError> {
        Ok(MyVec {
            buf: RawVec::try_with_capacity_in(capacity, alloc)?,
            len: 0,
        })
    }

    /// Rebuilds a `MyVec<T, A>` from a pointer, a length, a capacity and the allocator that
    /// owns the memory, for example the parts returned by
    /// [`into_raw_parts_with_alloc`](Self::into_raw_parts_with_alloc).
    ///
    /// # Safety
    /// - If `T` is not zero-sized and `capacity > 0`: `ptr` must point to a block currently
    ///   allocated by `alloc` with the layout of `[T; capacity]` (that layout must *fit* the
    ///   block, in the sense of the [`Allocator`] docs; in particular the alignment is `T`'s),
    ///   and nothing else may own it. Otherwise `ptr` must be non-null and aligned for `T`.
    /// - `length <= capacity`.
    /// - The first `length` elements at `ptr` must be initialized values of `T`.
    ///
    /// The vector takes ownership: the block is freed, and the values dropped, by it.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// use boxvec::alloc::Global;
    /// let v = my_vec![in Global; 5u32, 6];
    /// let (ptr, len, cap, alloc) = v.into_raw_parts_with_alloc();
    /// // SAFETY: the parts come from a `MyVec<u32, Global>` just above and are used once.
    /// let v = unsafe { MyVec::from_raw_parts_in(ptr, len, cap, alloc) };
    /// assert_eq!(v, [5, 6]);
    /// ```
    #[inline]
    pub unsafe fn from_raw_parts_in(ptr: *mut T, length: usize, capacity: usize, alloc: A) -> Self {
        debug_assert!(
            length <= capacity || mem::size_of::<T>() == 0,
            "MyVec::from_raw_parts_in requires that length <= capacity"
        );
        MyVec {
            // SAFETY: the caller guarantees `ptr` is either a live block of `alloc` with the
            // layout of `[T; capacity]` that nobody else owns, or non-null and aligned when
            // no memory is owned: exactly `RawVec::from_raw_parts_in`'s contract.
            buf: unsafe { RawVec::from_raw_parts_in(ptr, capacity, alloc) },
            len: length,
        }
    }

    /// Like [`from_raw_parts_in`](Self::from_raw_parts_in), with a `NonNull` pointer.
    ///
    /// # Safety
    /// The same as [`from_raw_parts_in`](Self::from_raw_parts_in).
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// use boxvec::alloc::Global;
    /// let (ptr, len, cap, alloc) = my_vec![in Global; 1u8, 2].into_parts_with_alloc();
    /// // SAFETY: the parts come from a `MyVec<u8, Global>` just above and are used once.
    /// let v = unsafe { MyVec::from_parts_in(ptr, len, cap, alloc) };
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub unsafe fn from_parts_in(ptr: NonNull<T>, length: usize, capacity: usize, alloc: A) -> Self {
        // SAFETY: the caller upholds `from_raw_parts_in`'s contract; a `NonNull` is non-null.
        unsafe { Self::from_raw_parts_in(ptr.as_ptr(), length, capacity, alloc) }
    }

    /// Takes the vector apart into its pointer, length, capacity and allocator, without
    /// freeing or dropping anything. The caller becomes responsible for the memory and the
    /// elements; [`from_raw_parts_in`](Self::from_raw_parts_in) puts the vector back
    /// together.
    ///
    /// The capacity of a vector of a zero-sized type is `usize::MAX`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// use boxvec::alloc::Global;
    /// let mut v: MyVec<u32, Global> = MyVec::with_capacity_in(4, Global);
    /// v.push(9);
    /// let (ptr, len, cap, alloc) = v.into_raw_parts_with_alloc();
    /// assert_eq!((len, cap), (1, 4));
    /// // SAFETY: the parts come from a `MyVec<u32, Global>` just above and are used once.
    /// drop(unsafe { MyVec::from_raw_parts_in(ptr, len, cap, alloc) });
    /// ```
    #[must_use = "the memory and the elements leak unless put back with `from_raw_parts_in`"]
    pub fn into_raw_parts_with_alloc(self) -> (*mut T, usize, usize, A) {
        let this = ManuallyDrop::new(self);
        let len = this.len;
        // SAFETY: `this` is never used or dropped again, so reading the buffer out moves it:
        // the `RawVec` (and with it the allocator) has exactly one owner afterwards.
        let buf = unsafe { ptr::read(&this.buf) };
        let (ptr, capacity, alloc) = buf.into_raw_parts_with_alloc();
        (ptr, len, capacity, alloc)
    }

    /// Like [`into_raw_parts_with_alloc`](Self::into_raw_parts_with_alloc), with a `NonNull`
    /// pointer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// use boxvec::alloc::Global;
    /// let (ptr, len, cap, alloc) = my_vec![in Global; 'x'].into_parts_with_alloc();
    /// assert_eq!((len, cap), (1, 1));
    /// // SAFETY: the parts come from a `MyVec<char, Global>` just above and are used once.
    /// drop(unsafe { MyVec::from_parts_in(ptr, len, cap, alloc) });
    /// ```
    #[must_use = "the memory and the elements leak unless put back with `from_parts_in`"]
    pub fn into_parts_with_alloc(self) -> (NonNull<T>, usize, usize, A) {
        let (ptr, len, capacity, alloc) = self.into_raw_parts_with_alloc();
        // SAFETY: a vector's pointer is never null: `RawVec` keeps a `NonNull`, dangling when
        // nothing is allocated.
        (unsafe { NonNull::new_unchecked(ptr) }, len, capacity, alloc)
    }

    /// Returns the number of elements the vector can hold without reallocating:
    /// `usize::MAX` for a zero-sized `T`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let v: MyVec<i32> = MyVec::with_capacity(10);
    /// assert_eq!(v.capacity(), 10);
    /// ```
    #[inline]
    #[must_use]
    pub const fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Reserves capacity for at least `additional` more elements, growing by the amortized
    /// strategy (at least doubling) if needed. Does nothing if the capacity already suffices.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.reserve(10);
    /// assert!(v.capacity() >= 11);
    /// ```
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.buf.reserve(self.len, additional);
    }

    /// Reserves capacity for exactly `additional` more elements (no amortization). Does
    /// nothing if the capacity already suffices.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.reserve_exact(10);
    /// assert_eq!(v.capacity(), 11);
    /// ```
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        self.buf.reserve_exact(self.len, additional);
    }

    /// Tries to reserve capacity for at least `additional` more elements, like
    /// [`reserve`](Self::reserve).
    ///
    /// # Errors
    /// [`CapacityOverflow`](crate::TryReserveErrorKind::CapacityOverflow) if the capacity
    /// would exceed `isize::MAX` bytes or overflow `usize`;
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses. On
    /// error the vector is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::new();
    /// v.try_reserve(5).unwrap();
    /// assert!(v.capacity() >= 5);
    /// assert!(v.try_reserve(usize::MAX).is_err());
    /// ```
    #[inline]
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.buf.try_reserve(self.len, additional)
    }

    /// Tries to reserve capacity for exactly `additional` more elements, like
    /// [`reserve_exact`](Self::reserve_exact).
    ///
    /// # Errors
    /// As [`try_reserve`](Self::try_reserve). On error the vector is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::new();
    /// v.try_reserve_exact(5).unwrap();
    /// assert_eq!(v.capacity(), 5);
    /// ```
    #[inline]
    pub fn try_reserve_exact(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.buf.try_reserve_exact(self.len, additional)
    }

    /// Shrinks the capacity to the length, giving the rest of the memory back (all of it if
    /// the vector is empty). The allocator is asked only if there is something to give back.
    ///
    /// # Panics
    /// Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the allocator
    /// refuses to shrink.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(10);
    /// v.extend([1, 2, 3]);
    /// v.shrink_to_fit();
    /// assert_eq!(v.capacity(), 3);
    /// ```
    #[inline]
    pub fn shrink_to_fit(&mut self) {
        // `RawVec::shrink_to_fit` calls the allocator even for a no-op shrink; skip it.
        if self.capacity() > self.len {
            self.buf.shrink_to_fit(self.len);
        }
    }

    /// Shrinks the capacity to `max(len, min_capacity)`. Does nothing if the capacity is
    /// already at most `min_capacity`.
    ///
    /// Like std, it does not check whether `max(len, min_capacity)` is the current capacity:
    /// a full vector with `min_capacity < capacity` still makes one same-size call to
    /// [`Allocator::shrink`], which instrumented allocators will count.
    ///
    /// # Panics
    /// Calls [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the allocator
    /// refuses to shrink.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(10);
    /// v.extend([1, 2, 3]);
    /// v.shrink_to(4);
    /// assert_eq!(v.capacity(), 4);
    /// v.shrink_to(0);
    /// assert_eq!(v.capacity(), 3);
    /// ```
    pub fn shrink_to(&mut self, min_capacity: usize) {
        if self.capacity() > min_capacity {
            self.buf.shrink_to_fit(cmp::max(self.len, min_capacity));
        }
    }

    /// Like [`shrink_to_fit`](Self::shrink_to_fit), but returns the error instead of
    /// aborting when the allocator refuses.
    ///
    /// # Errors
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses to
    /// shrink; the vector is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u8> = MyVec::with_capacity(32);
    /// v.push(1);
    /// v.try_shrink_to_fit().unwrap();
    /// assert_eq!(v.capacity(), 1);
    /// ```
    #[inline]
    pub fn try_shrink_to_fit(&mut self) -> Result<(), TryReserveError> {
        if self.capacity() > self.len {
            self.buf.try_shrink_to_fit(self.len)
        } else {
            Ok(())
        }
    }

    /// Like [`shrink_to`](Self::shrink_to), but returns the error instead of aborting when
    /// the allocator refuses.
    ///
    /// # Errors
    /// [`AllocError`](crate::TryReserveErrorKind::AllocError) if the allocator refuses to
    /// shrink; the vector is then unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u8> = MyVec::with_capacity(32);
    /// v.try_shrink_to(8).unwrap();
    /// assert_eq!(v.capacity(), 8);
    /// ```
    #[inline]
    pub fn try_shrink_to(&mut self, min_capacity: usize) -> Result<(), TryReserveError> {
        if self.capacity() > min_capacity {
            self.buf.try_shrink_to_fit(cmp::max(self.len, min_capacity))
        } else {
            Ok(())
        }
    }

    /// Shortens the vector to `len` elements, dropping the rest. Does nothing if `len` is
    /// not less than the current length. The capacity is unchanged.
    ///
    /// The length is lowered *before* the tail is dropped, so if an element's `Drop` panics
    /// the vector is still valid (the remaining tail elements are dropped during unwinding,
    /// as std's slice drop does).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3, 4, 5];
    /// v.truncate(2);
    /// assert_eq!(v, [1, 2]);
    /// assert_eq!(v.capacity(), 5);
    /// ```
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let tail_len = self.len - len;
        // Lower `len` first, so the tail is no longer the vector's if a drop panics.
        self.len = len;
        // SAFETY: `len..len + tail_len` was the initialized tail; it is now outside the
        // vector, so dropping it in place drops each element exactly once.
        unsafe {
            let tail = ptr::slice_from_raw_parts_mut(self.as_mut_ptr().add(len), tail_len);
            ptr::drop_in_place(tail);
        }
    }

    /// Returns the number of elements in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 3];
    /// assert_eq!(v.len(), 3);
    /// ```
    #[inline]
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Returns `true` if the vector contains no elements.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::new();
    /// assert!(v.is_empty());
    /// v.push(1);
    /// assert!(!v.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Returns a reference to the underlying allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::Global;
    /// let v: MyVec<u8> = MyVec::new();
    /// let _: &Global = v.allocator();
    /// ```
    #[inline]
    #[must_use]
    pub const fn allocator(&self) -> &A {
        self.buf.allocator()
    }

    /// Returns a raw pointer to the vector's buffer, or a dangling pointer (valid for
    /// zero-sized reads) if it has not allocated.
    ///
    /// The pointer is taken from the buffer directly, not through `Deref`, so no intermediate
    /// reference to the elements is created: pointers taken earlier from `as_mut_ptr` stay
    /// valid under Miri's aliasing models.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 4];
    /// let p = v.as_ptr();
    /// // SAFETY: index 2 is in bounds of the 3 initialized elements.
    /// assert_eq!(unsafe { *p.add(2) }, 4);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_ptr(&self) -> *const T {
        self.buf.ptr()
    }

    /// Returns a raw mutable pointer to the vector's buffer, or a dangling pointer (valid for
    /// zero-sized reads) if it has not allocated. Like [`as_ptr`](Self::as_ptr), it creates
    /// no intermediate reference.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<i32> = MyVec::with_capacity(4);
    /// let p = v.as_mut_ptr();
    /// for i in 0..4 {
    ///     // SAFETY: `i < capacity`; the slots are uninitialized, `write` does not drop them.
    ///     unsafe { p.add(i).write(i as i32) };
    /// }
    /// // SAFETY: the 4 slots were initialized just above.
    /// unsafe { v.set_len(4) };
    /// assert_eq!(v, [0, 1, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_ptr(&mut self) -> *mut T {
        self.buf.ptr()
    }

    /// Returns a `NonNull` pointer to the vector's buffer (dangling if it has not allocated).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![7u8];
    /// assert_eq!(v.as_non_null().as_ptr(), v.as_mut_ptr());
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_non_null(&mut self) -> NonNull<T> {
        self.buf.non_null()
    }

    /// Extracts a slice containing the entire vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![1, 2, 3];
    /// assert_eq!(v.as_slice(), &[1, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_slice(&self) -> &[T] {
        // SAFETY: slots `0..len` are initialized (the invariant of `MyVec`), the pointer is
        // non-null and aligned even when dangling, and `len * size_of::<T>() <= isize::MAX`
        // because the buffer holds them.
        unsafe { slice::from_raw_parts(self.as_ptr(), self.len) }
    }

    /// Extracts a mutable slice of the entire vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// v.as_mut_slice()[0] = 10;
    /// assert_eq!(v, [10, 2, 3]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: as in `as_slice`; `&mut self` guarantees the slice is the only access.
        unsafe { slice::from_raw_parts_mut(self.as_mut_ptr(), self.len) }
    }

    /// Forces the length of the vector to `new_len`, without dropping or initializing
    /// anything.
    ///
    /// # Safety
    /// - `new_len` must be less than or equal to [`capacity`](Self::capacity).
    /// - The elements at `old_len..new_len` must be initialized.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1u8, 2, 3];
    /// // SAFETY: 2 <= capacity, and lowering the length initializes nothing new. The dropped
    /// // element is a `u8`, so forgetting it leaks nothing.
    /// unsafe { v.set_len(2) };
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub const unsafe fn set_len(&mut self, new_len: usize) {
        debug_assert!(new_len <= self.capacity());
        self.len = new_len;
    }

    /// Removes the element at `index` and returns it, moving the last element into its
    /// place. O(1), but the order of the elements changes; [`remove`](Self::remove) keeps it.
    ///
    /// # Panics
    /// Panics if `index >= len`, with the message
    /// `swap_remove index (is {index}) should be < len (is {len})`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec!["a", "b", "c", "d"];
    /// assert_eq!(v.swap_remove(1), "b");
    /// assert_eq!(v, ["a", "d", "c"]);
    /// ```
    #[inline]
    pub fn swap_remove(&mut self, index: usize) -> T {
        let len = self.len;
        if index >= len {
            swap_remove_index_fail(index, len);
        }
        let base = self.as_mut_ptr();
        // SAFETY: `index < len`, so both `index` and `len - 1` are initialized slots. The
        // value at `index` is moved out, the last one is moved into the hole (a no-op copy
        // when they are the same slot), and lowering `len` forgets the old last slot, so every
        // value has exactly one owner. Nothing here can panic.
        unsafe {
            let value = ptr::read(base.add(index));
            ptr::copy(base.add(len - 1), base.add(index), 1);
            self.len = len - 1;
            value
        }
    }

    /// Inserts `element` at position `index`, shifting everything after it to the right.
    /// O(`len - index`).
    ///
    /// # Panics
    /// Panics if `index > len`, with the message
    /// `insertion index (is {index}) should be <= len (is {len})`, or if the new capacity
    /// exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// v.insert(1, 10);
    /// assert_eq!(v, [1, 10, 2, 3]);
    /// v.insert(4, 20);
    /// assert_eq!(v, [1, 10, 2, 3, 20]);
    /// ```
    #[inline]
    #[track_caller]
    pub fn insert(&mut self, index: usize, element: T) {
        let _ = self.insert_mut(index, element);
    }

    /// Inserts `element` at position `index`, like [`insert`](Self::insert), and returns a
    /// mutable reference to it.
    ///
    /// # Panics
    /// As [`insert`](Self::insert).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 3];
    /// let two = v.insert_mut(1, 2);
    /// *two *= 100;
    /// assert_eq!(v, [1, 200, 3]);
    /// ```
    #[inline]
    #[track_caller]
    #[must_use = "if you don't need a reference to the value, use `MyVec::insert` instead"]
    pub fn insert_mut(&mut self, index: usize, element: T) -> &mut T {
        let len = self.len;
        if index > len {
            insert_index_fail(index, len);
        }
        if len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `index <= len < capacity` now, so slots `index..=len` are inside the
        // allocation. The initialized tail `index..len` moves up one slot (the copy handles
        // the overlap), which leaves slot `index` logically empty; writing it and raising
        // `len` restores the invariant, and nothing can panic in between.
        unsafe {
            let slot = self.as_mut_ptr().add(index);
            if index < len {
                ptr::copy(slot, slot.add(1), len - index);
            }
            slot.write(element);
            self.len = len + 1;
            &mut *slot
        }
    }

    /// Removes the element at `index` and returns it, shifting everything after it to the
    /// left. O(`len - index`); [`swap_remove`](Self::swap_remove) is O(1) if the order does
    /// not matter.
    ///
    /// # Panics
    /// Panics if `index >= len`, with the message
    /// `removal index (is {index}) should be < len (is {len})`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec!['a', 'b', 'c'];
    /// assert_eq!(v.remove(1), 'b');
    /// assert_eq!(v, ['a', 'c']);
    /// ```
    #[inline]
    #[track_caller]
    pub fn remove(&mut self, index: usize) -> T {
        match self.try_remove(index) {
            Some(value) => value,
            None => remove_index_fail(index, self.len),
        }
    }

    /// Removes the element at `index` and returns it, like [`remove`](Self::remove), or
    /// returns `None` (and changes nothing) if `index >= len`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// assert_eq!(v.try_remove(0), Some(1));
    /// assert_eq!(v.try_remove(2), None);
    /// assert_eq!(v, [2, 3]);
    /// ```
    #[inline]
    pub fn try_remove(&mut self, index: usize) -> Option<T> {
        let len = self.len;
        if index >= len {
            return None;
        }
        // SAFETY: `index < len`, so the slot is initialized. Its value is moved out, the
        // initialized tail `index + 1..len` moves down over it, and lowering `len` forgets
        // the stale last slot: every value has exactly one owner, and nothing can panic in
        // between.
        unsafe {
            let slot = self.as_mut_ptr().add(index);
            let value = ptr::read(slot);
            ptr::copy(slot.add(1), slot, len - index - 1);
            self.len = len - 1;
            Some(value)
        }
    }

    /// Keeps only the elements for which `keep` returns `true`, dropping the others, in
    /// order. Each element is visited exactly once, front to back.
    ///
    /// # Panics
    /// If `keep` or an element's `Drop` panics, the vector is left holding the elements
    /// kept so far followed by those not yet visited; every other element has been dropped
    /// exactly once.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3, 4, 5, 6];
    /// v.retain(|&x| x % 2 == 0);
    /// assert_eq!(v, [2, 4, 6]);
    /// ```
    pub fn retain<F>(&mut self, mut keep: F)
    where
        F: FnMut(&T) -> bool,
    {
        self.retain_mut(|elem| keep(elem));
    }

    /// Keeps only the elements for which `keep` returns `true`, like
    /// [`retain`](Self::retain), but `keep` may also modify the elements.
    ///
    /// # Panics
    /// As [`retain`](Self::retain).
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3, 4];
    /// v.retain_mut(|x| {
    ///     *x *= 10;
    ///     *x > 20
    /// });
    /// assert_eq!(v, [30, 40]);
    /// ```
    pub fn retain_mut<F>(&mut self, mut keep: F)
    where
        F: FnMut(&mut T) -> bool,
    {
        let original_len = self.len;
        let base = self.as_mut_ptr();

        // Phase 1: skip the prefix that is kept. Nothing moves, so a panic in `keep` leaves
        // the vector untouched and needs no guard.
        let mut read = 0;
        loop {
            if read == original_len {
                return;
            }
            // SAFETY: `read < original_len == len`: an initialized slot, and no other
            // reference to it exists.
            if !keep(unsafe { &mut *base.add(read) }) {
                break;
            }
            read += 1;
        }

        // Phase 2: from the first rejected element on, the buffer looks like
        //     [ kept | hole | unvisited ]
        //     0      write  read         original_len
        // Rejected elements are dropped, kept ones moved down to `write`. If `keep` or a
        // `Drop` panics, the guard moves the unvisited elements down over the hole.
        // `len` keeps its stale value until the end: nobody can look at the vector while
        // `compactor` borrows it, and if anything panics the guard sets the right length.
        let mut compactor = Compaction {
            vec: self,
            read: read + 1,
            write: read,
            original_len,
        };
        // SAFETY: slot `read` is initialized and was rejected; `compactor.read` already
        // points past it, so it is dropped here exactly once even if its `Drop` panics.
        unsafe { ptr::drop_in_place(base.add(read)) };

        while compactor.read < original_len {
            let read = compactor.read;
            // SAFETY: `read < original_len`, and slots at and after `read` are unvisited,
            // hence initialized.
            let current = unsafe { &mut *base.add(read) };
            if keep(current) {
                // SAFETY: `write < read`, so the slots are distinct; the value moves to the
                // hole and its old slot becomes part of the hole.
                unsafe { ptr::copy_nonoverlapping(base.add(read), base.add(compactor.write), 1) };
                compactor.write += 1;
                compactor.read += 1;
            } else {
                // Step past the element first, so a panicking `Drop` cannot drop it twice.
                compactor.read += 1;
                // SAFETY: the slot is initialized and now outside the part the guard keeps.
                unsafe { ptr::drop_in_place(base.add(read)) };
            }
        }

        // All visited: nothing left to move, `write` is the new length.
        let new_len = compactor.write;
        mem::forget(compactor);
        self.len = new_len;
    }

    /// Removes consecutive elements that map to the same key, keeping the first of each run.
    /// Removes all duplicates if the vector is sorted by that key.
    ///
    /// # Panics
    /// If `key` or an element's `Drop` panics, the vector keeps the elements kept so far and
    /// those not yet visited; every other element has been dropped exactly once.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![10, 11, 20, 21, 22, 30, 11];
    /// v.dedup_by_key(|x| *x / 10);
    /// assert_eq!(v, [10, 20, 30, 11]);
    /// ```
    #[inline]
    pub fn dedup_by_key<F, K>(&mut self, mut key: F)
    where
        F: FnMut(&mut T) -> K,
        K: PartialEq,
    {
        self.dedup_by(|a, b| key(a) == key(b));
    }

    /// Removes consecutive elements for which `same_bucket` returns `true`, keeping the first
    /// of each run.
    ///
    /// `same_bucket(a, b)` is called with `a` the element under consideration and `b` the
    /// last element kept before it (note the order: later element first). If it returns
    /// `true`, `a` is dropped.
    ///
    /// # Panics
    /// If `same_bucket` or an element's `Drop` panics, the vector keeps the elements kept so
    /// far and those not yet visited; every other element has been dropped exactly once.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec!["foo", "Foo", "bar", "BAR", "Bar", "baz"];
    /// v.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    /// assert_eq!(v, ["foo", "bar", "baz"]);
    /// ```
    pub fn dedup_by<F>(&mut self, mut same_bucket: F)
    where
        F: FnMut(&mut T, &mut T) -> bool,
    {
        let original_len = self.len;
        if original_len <= 1 {
            return;
        }
        let base = self.as_mut_ptr();

        // Phase 1: find the first duplicate. Nothing moves, so a panic in `same_bucket`
        // leaves the vector untouched and needs no guard.
        let mut first_duplicate = 1;
        loop {
            if first_duplicate == original_len {
                return;
            }
            // SAFETY: `1 <= first_duplicate < len`: two distinct initialized slots, and no
            // other reference to either exists.
            let found = unsafe {
                same_bucket(
                    &mut *base.add(first_duplicate),
                    &mut *base.add(first_duplicate - 1),
                )
            };
            if found {
                break;
            }
            first_duplicate += 1;
        }

        // Phase 2: as in `retain_mut`, the buffer is [ kept | hole | unvisited ]; the last
        // kept element, at `write - 1`, is the one each new element is compared with.
        let mut compactor = Compaction {
            vec: self,
            read: first_duplicate + 1,
            write: first_duplicate,
            original_len,
        };
        // SAFETY: slot `first_duplicate` is initialized and is a duplicate; `compactor.read`
        // already points past it, so it is dropped exactly once even if its `Drop` panics.
        unsafe { ptr::drop_in_place(base.add(first_duplicate)) };

        while compactor.read < original_len {
            let read = compactor.read;
            let last_kept = compactor.write - 1;
            // SAFETY: `read` is unvisited, hence initialized; `last_kept` is the last kept
            // element (`write >= 1`), and `last_kept < write <= read`, so the two slots are
            // distinct.
            let duplicate = unsafe { same_bucket(&mut *base.add(read), &mut *base.add(last_kept)) };
            if duplicate {
                // Step past the element first, so a panicking `Drop` cannot drop it twice.
                compactor.read += 1;
                // SAFETY: the slot is initialized and now outside the part the guard keeps.
                unsafe { ptr::drop_in_place(base.add(read)) };
            } else {
                // SAFETY: `write < read` (phase 2 started with one hole), so the slots are
                // distinct; the value moves to the hole and its old slot joins the hole.
                unsafe { ptr::copy_nonoverlapping(base.add(read), base.add(compactor.write), 1) };
                compactor.write += 1;
                compactor.read += 1;
            }
        }

        let new_len = compactor.write;
        mem::forget(compactor);
        self.len = new_len;
    }

    /// Appends an element to the back of the vector.
    ///
    /// When `len == capacity` the buffer grows first: the capacity at least doubles (see
    /// [`RawVec::grow_one`]), so a sequence of pushes costs amortized O(1). The growth is an
    /// out-of-line call, so the inlined push is a comparison, a store and an increment.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2];
    /// v.push(3);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    #[inline]
    pub fn push(&mut self, value: T) {
        let _ = self.push_mut(value);
    }

    /// Appends an element to the back of the vector and returns a mutable reference to it.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2];
    /// let last = v.push_mut(3);
    /// *last += 10;
    /// assert_eq!(v, [1, 2, 13]);
    /// ```
    #[inline]
    #[must_use = "if you don't need a reference to the value, use `MyVec::push` instead"]
    pub fn push_mut(&mut self, value: T) -> &mut T {
        let len = self.len;
        if len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `len < capacity` now, so the slot is inside the allocation and is not
        // initialized (it is at or past `len`); writing it then raising `len` keeps the
        // invariant, and nothing can panic in between.
        unsafe {
            let slot = self.as_mut_ptr().add(len);
            slot.write(value);
            self.len = len + 1;
            &mut *slot
        }
    }

    /// Appends an element if there is spare capacity, and returns a mutable reference to it;
    /// otherwise gives the element back as `Err`. Never allocates.
    ///
    /// # Errors
    /// `Err(value)` if `len == capacity`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v = MyVec::with_capacity(1);
    /// assert_eq!(v.push_within_capacity(1), Ok(&mut 1));
    /// assert_eq!(v.push_within_capacity(2), Err(2));
    /// assert_eq!(v, [1]);
    /// ```
    #[inline]
    pub fn push_within_capacity(&mut self, value: T) -> Result<&mut T, T> {
        let len = self.len;
        if len == self.buf.capacity() {
            return Err(value);
        }
        // SAFETY: `len < capacity`: the slot is inside the allocation and uninitialized;
        // writing it then raising `len` keeps the invariant.
        unsafe {
            let slot = self.as_mut_ptr().add(len);
            slot.write(value);
            self.len = len + 1;
            Ok(&mut *slot)
        }
    }

    /// Removes the last element and returns it, or `None` if the vector is empty.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// assert_eq!(v.pop(), Some(3));
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        // Lower `len` first: the slot is then outside the initialized prefix, and we move its
        // value out exactly once.
        self.len -= 1;
        // SAFETY: the old `len - 1` was initialized and is below capacity; after lowering
        // `len` nothing else will read or drop it.
        Some(unsafe { ptr::read(self.as_ptr().add(self.len)) })
    }

    /// Removes and returns the last element if `predicate` returns `true` for it; otherwise
    /// (or if the vector is empty) returns `None` and changes nothing.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3, 4];
    /// let is_even = |x: &mut i32| *x % 2 == 0;
    /// assert_eq!(v.pop_if(is_even), Some(4));
    /// assert_eq!(v.pop_if(is_even), None);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    pub fn pop_if(&mut self, predicate: impl FnOnce(&mut T) -> bool) -> Option<T> {
        let last = self.last_mut()?;
        if predicate(last) { self.pop() } else { None }
    }

    /// Returns a [`PeekMut`]: a mutable view of the last element that can also remove it, or
    /// `None` if the vector is empty.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// use boxvec::vec::PeekMut;
    ///
    /// let mut v = my_vec![1, 2, 3];
    /// if let Some(mut last) = v.peek_mut() {
    ///     *last += 10;
    /// }
    /// assert_eq!(v, [1, 2, 13]);
    /// let last = v.peek_mut().unwrap();
    /// assert_eq!(PeekMut::pop(last), 13);
    /// assert_eq!(v, [1, 2]);
    /// ```
    #[inline]
    pub fn peek_mut(&mut self) -> Option<PeekMut<'_, T, A>> {
        PeekMut::new(self)
    }

    /// Moves all the elements of `other` to the back of `self`, leaving `other` empty (its
    /// capacity is unchanged). The elements are moved as bytes; none is cloned or dropped.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut a = my_vec![1, 2];
    /// let mut b = my_vec![3, 4, 5];
    /// a.append(&mut b);
    /// assert_eq!(a, [1, 2, 3, 4, 5]);
    /// assert!(b.is_empty());
    /// assert_eq!(b.capacity(), 3);
    /// ```
    #[inline]
    pub fn append(&mut self, other: &mut Self) {
        let count = other.len;
        self.reserve(count);
        let len = self.len;
        // SAFETY: `reserve` made room for `count` more slots after `len`; `other` is a
        // different vector (two `&mut` cannot alias), so the ranges do not overlap. The values
        // change owner: `self` claims them by raising its length, `other` forgets them by
        // lowering its own to zero. Nothing can panic in between.
        unsafe {
            ptr::copy_nonoverlapping(other.as_ptr(), self.as_mut_ptr().add(len), count);
            other.len = 0;
            self.len = len + count;
        }
    }

    /// Clears the vector, dropping all values. The capacity is unchanged.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2, 3];
    /// v.clear();
    /// assert!(v.is_empty());
    /// assert_eq!(v.capacity(), 3);
    /// ```
    #[inline]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Splits the vector in two at `at`: `self` keeps `[0, at)` and its buffer, and the
    /// returned vector holds `[at, len)` in a new buffer of exactly that many elements, in a
    /// clone of the allocator.
    ///
    /// # Panics
    /// Panics if `at > len`, with the message
    /// `` `at` split index (is {at}) should be <= len (is {len}) ``, or if the allocation
    /// fails.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec!['a', 'b', 'c', 'd'];
    /// let tail = v.split_off(1);
    /// assert_eq!(v, ['a']);
    /// assert_eq!(v.capacity(), 4);
    /// assert_eq!(tail, ['b', 'c', 'd']);
    /// assert_eq!(tail.capacity(), 3);
    /// ```
    #[inline]
    #[track_caller]
    #[must_use = "use `.truncate()` if you don't need the other half"]
    pub fn split_off(&mut self, at: usize) -> Self
    where
        A: Clone,
    {
        let len = self.len;
        if at > len {
            split_off_index_fail(at, len);
        }
        let tail_len = len - at;
        let mut tail = MyVec::with_capacity_in(tail_len, self.allocator().clone());
        // SAFETY: `at <= len`, so `at..len` is the initialized tail of `self`, and `tail` has
        // room for `tail_len` elements in a different allocation. The values change owner:
        // `self` forgets them by lowering its length, `tail` claims them by raising its own.
        unsafe {
            ptr::copy_nonoverlapping(self.as_ptr().add(at), tail.as_mut_ptr(), tail_len);
            self.len = at;
            tail.len = tail_len;
        }
        tail
    }

    /// Resizes the vector to `new_len`: appends values returned by `f` if it grows, drops
    /// the tail if it shrinks. Growing reserves the missing count at once (amortized).
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes. If `f` panics, the values
    /// made so far stay in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 2];
    /// let mut next = 10;
    /// v.resize_with(4, || {
    ///     next += 1;
    ///     next
    /// });
    /// assert_eq!(v, [1, 2, 11, 12]);
    /// v.resize_with(1, || unreachable!());
    /// assert_eq!(v, [1]);
    /// ```
    pub fn resize_with<F>(&mut self, new_len: usize, f: F)
    where
        F: FnMut() -> T,
    {
        let len = self.len;
        if new_len <= len {
            self.truncate(new_len);
            return;
        }
        let additional = new_len - len;
        self.extend_trusted(additional, iter::repeat_with(f).take(additional));
    }

    /// Consumes the vector and returns a mutable slice of its elements that lives as long as
    /// the allocator allows (`'static` for [`Global`]). The memory (including any spare
    /// capacity, which is not given back) and the allocator are never freed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let numbers: &'static mut [u32] = my_vec![1, 2, 3].leak();
    /// numbers[0] = 7;
    /// assert_eq!(numbers, [7, 2, 3]);
    ///
    /// // Leaked memory can still be taken back and freed (leak checkers such as Miri would
    /// // otherwise report it). `my_vec!` allocated exactly 3 slots, so the capacity is 3.
    /// // SAFETY: the slice came from `leak` of a vector of length and capacity 3 in the
    /// // global allocator, and it is not used after this.
    /// drop(unsafe { boxvec::MyVec::from_raw_parts(numbers.as_mut_ptr(), 3, 3) });
    /// ```
    #[inline]
    pub fn leak<'a>(self) -> &'a mut [T]
    where
        A: 'a,
    {
        let mut this = ManuallyDrop::new(self);
        // SAFETY: slots `0..len` are initialized, and since the vector is never dropped, the
        // memory stays allocated (and unaliased) for as long as the allocator `A: 'a` lives.
        unsafe { slice::from_raw_parts_mut(this.as_mut_ptr(), this.len) }
    }

    /// Returns the spare capacity, the slots `len..capacity`, as a slice of
    /// `MaybeUninit<T>`. Write values there, then [`set_len`](Self::set_len) to claim them.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::with_capacity(3);
    /// let spare = v.spare_capacity_mut();
    /// assert_eq!(spare.len(), 3);
    /// spare[0].write(7);
    /// spare[1].write(8);
    /// // SAFETY: the first 2 spare slots were just initialized.
    /// unsafe { v.set_len(2) };
    /// assert_eq!(v, [7, 8]);
    /// ```
    #[inline]
    pub fn spare_capacity_mut(&mut self) -> &mut [MaybeUninit<T>] {
        // Built from the raw pointer (not from `split_at_spare_mut`), so that no reference to
        // the initialized part is created and pointers into it stay valid.
        // SAFETY: `len <= capacity`, so `len..capacity` lies inside the allocation (for a ZST,
        // any length is fine); `MaybeUninit` needs no initialization, and `&mut self` makes
        // the slice the only access.
        unsafe {
            slice::from_raw_parts_mut(
                self.as_mut_ptr().add(self.len).cast::<MaybeUninit<T>>(),
                self.buf.capacity() - self.len,
            )
        }
    }

    /// Returns the elements and the spare capacity at once: `(&mut [T], &mut
    /// [MaybeUninit<T>])`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// let mut v: MyVec<u32> = MyVec::with_capacity(4);
    /// v.push(5);
    /// let (init, spare) = v.split_at_spare_mut();
    /// spare[0].write(init[0] * 2);
    /// // SAFETY: the first spare slot was just initialized.
    /// unsafe { v.set_len(2) };
    /// assert_eq!(v, [5, 10]);
    /// ```
    #[inline]
    pub fn split_at_spare_mut(&mut self) -> (&mut [T], &mut [MaybeUninit<T>]) {
        let (init, spare, _) = self.split_at_spare_mut_with_len();
        (init, spare)
    }

    /// The elements, the spare capacity, and the length field, borrowed separately, so a
    /// loop can read the elements, write the spare slots and count at the same time.
    ///
    /// The `&mut usize` is the real `len`: the caller must only raise it over spare slots it
    /// has initialized.
    #[inline]
    fn split_at_spare_mut_with_len(&mut self) -> (&mut [T], &mut [MaybeUninit<T>], &mut usize) {
        let base = self.buf.ptr();
        let len = self.len;
        let spare_len = self.buf.capacity() - len;
        // SAFETY: slots `0..len` are initialized and `len..capacity` lie in the allocation;
        // the two ranges are disjoint, and disjoint from the `len` field, so the three
        // mutable borrows do not alias.
        unsafe {
            (
                slice::from_raw_parts_mut(base, len),
                slice::from_raw_parts_mut(base.add(len).cast::<MaybeUninit<T>>(), spare_len),
                &mut self.len,
            )
        }
    }

    /// Regroups the elements into arrays of `N`, reusing the buffer. Elements that do not
    /// fill a last complete array are dropped; if the capacity is not a multiple of `N`, the
    /// buffer is first shrunk to the largest multiple that fits.
    ///
    /// # Panics
    /// Fails to compile if `N == 0`. Calls
    /// [`handle_alloc_error`](alloc_crate::alloc::handle_alloc_error) if the shrink is refused.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let v = my_vec![1, 2, 3, 4, 5, 6, 7];
    /// let pairs: MyVec<[i32; 2]> = v.into_chunks();
    /// assert_eq!(pairs, [[1, 2], [3, 4], [5, 6]]);
    /// assert_eq!(pairs.capacity(), 3);
    /// ```
    pub fn into_chunks<const N: usize>(mut self) -> MyVec<[T; N], A> {
        const {
            assert!(N != 0, "chunk size must be greater than zero");
        }
        let len = self.len;
        let capacity = self.capacity();
        self.truncate(len - len % N);
        if mem::size_of::<T>() != 0 && !capacity.is_multiple_of(N) {
            self.buf.shrink_to_fit(capacity - capacity % N);
        }
        let (ptr, len, capacity, alloc) = self.into_parts_with_alloc();
        // SAFETY: `[T; N]` has `T`'s alignment and `N` times its size, so a block of
        // `capacity` `T`s (a multiple of `N` after the shrink) is exactly a block of
        // `capacity / N` arrays, from the same allocator; `len` is a multiple of `N` after the
        // truncate, so the first `len / N` arrays are initialized. For a zero-sized `T` the
        // capacity is not used.
        unsafe { MyVec::from_parts_in(ptr.cast::<[T; N]>(), len / N, capacity / N, alloc) }
    }

    /// Empties the vector and reuses its buffer for a vector of another element type `U` of
    /// the same size and alignment, so the memory can be recycled without reallocating.
    ///
    /// # Panics
    /// Fails to compile if `U` and `T` differ in size or alignment (std expresses this as a
    /// trait bound, which needs nightly). If an element's `Drop` panics, the buffer is freed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{MyVec, my_vec};
    /// let v = my_vec![1u32, 2, 3];
    /// let capacity = v.capacity();
    /// let floats: MyVec<f32> = v.recycle();
    /// assert!(floats.is_empty());
    /// assert_eq!(floats.capacity(), capacity);
    /// ```
    pub fn recycle<U>(mut self) -> MyVec<U, A> {
        const {
            assert!(
                mem::size_of::<T>() == mem::size_of::<U>()
                    && mem::align_of::<T>() == mem::align_of::<U>(),
                "`recycle` needs `U` to have the size and alignment of `T`"
            );
        }
        self.clear();
        let (ptr, _, capacity, alloc) = self.into_parts_with_alloc();
        // SAFETY: `U` has `T`'s size and alignment, so the block is also a block of `capacity`
        // `U`s, from the same allocator; the vector was cleared, so no value is reinterpreted.
        unsafe { MyVec::from_parts_in(ptr.cast::<U>(), 0, capacity, alloc) }
    }
}

impl<T: Clone, A: Allocator> MyVec<T, A> {
    /// Resizes the vector to `new_len`: appends clones of `value` if it grows (the last
    /// appended slot gets `value` itself, so `n` new elements cost `n - 1` clones), drops the
    /// tail if it shrinks.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes. If a `clone` panics, the
    /// clones made so far stay in the vector and `value` is dropped.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec!["a"];
    /// v.resize(3, "b");
    /// assert_eq!(v, ["a", "b", "b"]);
    /// v.resize(1, "c");
    /// assert_eq!(v, ["a"]);
    /// ```
    pub fn resize(&mut self, new_len: usize, value: T) {
        let len = self.len;
        if new_len > len {
            self.extend_with(new_len - len, value);
        } else {
            self.truncate(new_len);
        }
    }

    /// Clones and appends every element of `other`, in order. Reserves `other.len()` at once.
    ///
    /// # Panics
    /// Panics if the new capacity exceeds `isize::MAX` bytes. If a `clone` panics, the
    /// clones made so far stay in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1];
    /// v.extend_from_slice(&[2, 3, 4]);
    /// assert_eq!(v, [1, 2, 3, 4]);
    /// ```
    #[inline]
    pub fn extend_from_slice(&mut self, other: &[T]) {
        self.extend_trusted(other.len(), other.iter().cloned());
    }

    /// Clones the elements in the range `src` and appends them to the end of the vector.
    ///
    /// # Panics
    /// Panics if the range is out of bounds or decreasing, with the same messages as slice
    /// indexing (for example `range end index 4 out of range for slice of length 3`), or if
    /// the new capacity exceeds `isize::MAX` bytes. If a `clone` panics, the clones made so
    /// far stay in the vector.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![0, 1, 2, 3];
    /// v.extend_from_within(1..3);
    /// assert_eq!(v, [0, 1, 2, 3, 1, 2]);
    /// v.extend_from_within(..2);
    /// assert_eq!(v, [0, 1, 2, 3, 1, 2, 0, 1]);
    /// ```
    pub fn extend_from_within<R>(&mut self, src: R)
    where
        R: RangeBounds<usize>,
    {
        let range = slice_range(src, self.len);
        self.reserve(range.len());
        let (init, spare, len) = self.split_at_spare_mut_with_len();
        // `spare` has room for `range.len()` elements after the `reserve`, so every clone is
        // written.
        // SAFETY: `spare` and `len` come together from `split_at_spare_mut_with_len`.
        unsafe { write_into_spare(spare, len, init[range].iter().cloned()) };
    }

    /// Appends `n` copies of `value`: `n - 1` clones, then `value` itself moved in last
    /// (`iter::repeat_n` yields the original as its last item).
    pub(crate) fn extend_with(&mut self, n: usize, value: T) {
        self.extend_trusted(n, iter::repeat_n(value, n));
    }
}

impl<T, A: Allocator> MyVec<T, A> {
    /// Reserves room for `count` more elements, then appends the items of `items`: the path
    /// of `extend_from_slice` (hence `clone`), `resize`, `resize_with` and `my_vec![x; n]`.
    ///
    /// The capacity is checked once, by `reserve`, not per item, and the writing is
    /// [`write_into_spare`]'s: the one write loop, which writes into the spare capacity as a
    /// `&mut [MaybeUninit<T>]` parameter so that LLVM turns the clones of a slice of plain
    /// data into a `memcpy` (see `set_len_on_drop.rs`). If `items` holds more than `count`
    /// items, the extra ones are appended only as far as the spare capacity reaches, and
    /// those beyond it are never pulled: `count` decides the reservation, not the safety.
    fn extend_trusted(&mut self, count: usize, items: impl Iterator<Item = T>) {
        self.reserve(count);
        let (_, spare, len) = self.split_at_spare_mut_with_len();
        // SAFETY: `spare` and `len` come together from `split_at_spare_mut_with_len`.
        unsafe { write_into_spare(spare, len, items) };
    }
}

impl<T, A: Allocator, const N: usize> MyVec<[T; N], A> {
    /// Turns a vector of arrays `[T; N]` into a vector of their elements, reusing the buffer
    /// (a buffer of `capacity` arrays is a buffer of `capacity * N` elements).
    ///
    /// # Panics
    /// Panics with `vec len overflow` if `T` is zero-sized and `len * N` overflows `usize`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let v = my_vec![[1, 2, 3], [4, 5, 6]];
    /// let capacity = v.capacity();
    /// let flat = v.into_flattened();
    /// assert_eq!(flat, [1, 2, 3, 4, 5, 6]);
    /// assert_eq!(flat.capacity(), capacity * 3);
    /// ```
    pub fn into_flattened(self) -> MyVec<T, A> {
        let (ptr, len, capacity, alloc) = self.into_parts_with_alloc();
        let (new_len, new_capacity) = if mem::size_of::<T>() == 0 {
            (len.checked_mul(N).expect("vec len overflow"), usize::MAX)
        } else {
            // No overflow: `capacity` arrays of `T` fit in the address space, so
            // `capacity * N` elements do too (and if `N == 0` both are 0).
            (len * N, capacity * N)
        };
        // SAFETY: `[T; N]` has `T`'s alignment and `N` times its size, so the block of
        // `capacity` arrays is a block of `capacity * N` elements from the same allocator,
        // and the first `len` arrays are `len * N` initialized elements. (If `N == 0` and `T`
        // is not zero-sized, the vector of `[T; 0]` owned no memory and the new one owns none
        // either: its capacity is 0 and its pointer dangling, aligned for `T`.)
        unsafe { MyVec::from_parts_in(ptr.cast::<T>(), new_len, new_capacity, alloc) }
    }
}

impl<T: PartialEq, A: Allocator> MyVec<T, A> {
    /// Removes consecutive equal elements (by `==`), keeping the first of each run. Removes
    /// all duplicates if the vector is sorted.
    ///
    /// # Panics
    /// As [`dedup_by`](Self::dedup_by), if `eq` or a `Drop` panics.
    ///
    /// # Examples
    /// ```
    /// use boxvec::my_vec;
    /// let mut v = my_vec![1, 1, 2, 3, 3, 3, 1];
    /// v.dedup();
    /// assert_eq!(v, [1, 2, 3, 1]);
    /// ```
    #[inline]
    pub fn dedup(&mut self) {
        self.dedup_by(|a, b| a == b);
    }
}

/// The guard of [`MyVec::retain_mut`] and [`MyVec::dedup_by`] while they compact the buffer.
///
/// Between `write` and `read` lies a hole of slots whose values were moved or dropped;
/// `0..write` holds the kept elements and `read..original_len` the unvisited ones. If user
/// code panics mid-way, dropping the guard moves the unvisited elements down over the hole
/// and sets the length, so the vector is valid again and no element is dropped twice. On
/// success the caller `mem::forget`s it and sets the length itself.
struct Compaction<'a, T, A: Allocator> {
    vec: &'a mut MyVec<T, A>,
    read: usize,
    write: usize,
    original_len: usize,
}

impl<T, A: Allocator> Drop for Compaction<'_, T, A> {
    #[cold]
    fn drop(&mut self) {
        let unvisited = self.original_len - self.read;
        let base = self.vec.as_mut_ptr();
        // SAFETY: slots `read..original_len` were never touched, so they hold initialized
        // values; `write <= read`, so moving them down to `write` stays in the allocation
        // (`ptr::copy` handles the overlap) and leaves `0..write + unvisited` initialized.
        unsafe {
            ptr::copy(base.add(self.read), base.add(self.write), unvisited);
            self.vec.set_len(self.write + unvisited);
        }
    }
}

/// Builds the vector of `my_vec![elem; n]`: `n` copies of `elem` in `alloc`, capacity `n`.
///
/// Public only for the macro; not part of the API.
#[doc(hidden)]
pub fn from_elem_in<T: Clone, A: Allocator>(elem: T, n: usize, alloc: A) -> MyVec<T, A> {
    let mut v = MyVec::with_capacity_in(n, alloc);
    v.extend_with(n, elem);
    v
}

/// Builds the vector of `my_vec![a, b, c]`: the array's elements moved into a buffer of
/// exactly their count, in `alloc`.
///
/// Public only for the macro; not part of the API.
#[doc(hidden)]
pub fn from_array_in<T, A: Allocator, const N: usize>(array: [T; N], alloc: A) -> MyVec<T, A> {
    let mut v = MyVec::with_capacity_in(N, alloc);
    let array = ManuallyDrop::new(array);
    // SAFETY: the buffer has room for `N` elements and does not overlap the array on the
    // stack; the array is in a `ManuallyDrop`, so after the bitwise move its elements are
    // owned by the vector alone.
    unsafe {
        ptr::copy_nonoverlapping(array.as_ptr(), v.as_mut_ptr(), N);
        v.set_len(N);
    }
    v
}

/// Turns any range of `usize` into `start..end` checked against a slice of length `len`,
/// panicking with the messages of slice indexing (as `core::slice::range` does).
///
/// Shared with the draining iterators (`drain`, `splice`, `extract_if`).
#[track_caller]
pub(crate) fn slice_range<R: RangeBounds<usize>>(range: R, len: usize) -> Range<usize> {
    // The end first: an inclusive end must be `< len`, so `+ 1` cannot overflow.
    let end = match range.end_bound() {
        Bound::Included(&end) if end >= len => range_fail(0, end, len),
        Bound::Included(&end) => end + 1,
        Bound::Excluded(&end) if end > len => range_fail(0, end, len),
        Bound::Excluded(&end) => end,
        Bound::Unbounded => len,
    };
    // Then the start: an exclusive start must be `< end`, so `+ 1` cannot overflow.
    let start = match range.start_bound() {
        Bound::Excluded(&start) if start >= end => range_fail(start, end, len),
        Bound::Excluded(&start) => start + 1,
        Bound::Included(&start) if start > end => range_fail(start, end, len),
        Bound::Included(&start) => start,
        Bound::Unbounded => 0,
    };
    start..end
}

/// Panics for a bad range, with the message slice indexing gives for the same bounds.
#[cold]
#[inline(never)]
#[track_caller]
fn range_fail(start: usize, end: usize, len: usize) -> ! {
    if start > len {
        panic!("range start index {start} out of range for slice of length {len}")
    }
    // With `start <= len`, an end past `len` cannot be below the start: this catches only
    // reversed ranges inside the slice.
    if start > end {
        panic!("slice index starts at {start} but ends at {end}")
    }
    // Left: an end past `len`, an inclusive end equal to `len` (`..=len`), or an exclusive
    // start equal to the end (`(Excluded(2), Excluded(2))`); core reports each as an
    // out-of-range end.
    panic!("range end index {end} out of range for slice of length {len}")
}

/// The panics of the index checks, out of line so the hot paths stay small.
#[cold]
#[inline(never)]
#[track_caller]
fn insert_index_fail(index: usize, len: usize) -> ! {
    panic!("insertion index (is {index}) should be <= len (is {len})")
}

#[cold]
#[inline(never)]
#[track_caller]
fn remove_index_fail(index: usize, len: usize) -> ! {
    panic!("removal index (is {index}) should be < len (is {len})")
}

#[cold]
#[inline(never)]
#[track_caller]
fn swap_remove_index_fail(index: usize, len: usize) -> ! {
    panic!("swap_remove index (is {index}) should be < len (is {len})")
}

#[cold]
#[inline(never)]
#[track_caller]
fn split_off_index_fail(at: usize, len: usize) -> ! {
    panic!("`at` split index (is {at}) should be <= len (is {len})")
}

impl<T, A: Allocator> Drop for MyVec<T, A> {
    /// Drops the elements, then (through `RawVec`'s own `Drop`) frees the buffer. If an
    /// element's `Drop` panics, the other elements are still dropped and the buffer still
    /// freed, as in std.
    fn drop(&mut self) {
        // SAFETY: slots `0..len` are initialized and are never used again.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.as_mut_ptr(), self.len)) }
    }
}

impl<T, A: Allocator> Deref for MyVec<T, A> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T, A: Allocator> DerefMut for MyVec<T, A> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}
