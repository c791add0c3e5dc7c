//! `FromGlobal`: any [`GlobalAlloc`] used as an [`Allocator`].
//!
//! Mirrors the `Allocator` implementations of std's `Global` and `System`
//! (`library/alloc/src/alloc.rs`, `library/std/src/alloc.rs`), written once for every
//! `GlobalAlloc`, so that `System`, mimalloc's `MiMalloc` or jemallocator's `Jemalloc` can sit
//! under a boxvec collection, alone or inside the instrumented allocators.
//!
//! The two traits differ in three places, and this adapter is where a learner sees each:
//!
//! - **Zero-size requests.** `GlobalAlloc` forbids them; `Allocator` allows them. A size-0
//!   request never reaches the global allocator: it gets a dangling pointer, aligned as asked,
//!   that carries no provenance and must never be read, written or freed for real.
//! - **Resizing.** `GlobalAlloc` has one `realloc`, which keeps the alignment; `Allocator` has
//!   `grow`, `grow_zeroed` and `shrink`, which may change it. When the alignment stays the same
//!   and the old block is a real one, they map onto `realloc`, letting the global allocator
//!   resize in place; otherwise the adapter allocates a new block, copies, and frees the old.
//! - **Failure.** `GlobalAlloc` signals it with a null pointer; `Allocator` with
//!   `Err(AllocError)`.

use core::alloc::GlobalAlloc;
use core::num::NonZero;
use core::ptr::{self, NonNull};

use super::{AllocError, Allocator, Layout};

/// Adapts a [`GlobalAlloc`] `G` into an [`Allocator`].
///
/// `G` must be zero-sized (checked when the code is compiled; see [`new`](Self::new)), as
/// `System`, `MiMalloc` and `Jemalloc` are: a zero-sized value can only be a handle to state
/// kept elsewhere, so moving or copying the adapter can never invalidate its blocks, as the
/// `Allocator` contract requires. [`new_unchecked`](Self::new_unchecked) lifts the restriction
/// for a `G` that is a handle of another kind.
///
/// `FromGlobal` has no state of its own; it is `Copy`, `Clone`, `Default` and `Debug` when `G`
/// is.
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, FromGlobal, Layout};
/// use std::alloc::System;
///
/// let system = FromGlobal::new(System);
/// let small = Layout::array::<u8>(16).unwrap();
/// let big = Layout::array::<u8>(1024).unwrap();
/// let block = system.allocate(small)?;
/// // Same alignment, real block: this grow is a `realloc`.
/// // SAFETY: `block` is live, was allocated with `small`, and 1024 >= 16.
/// let block = unsafe { system.grow(block.cast(), small, big)? };
/// assert_eq!(block.len(), 1024);
/// // SAFETY: `block` is live with layout `big`.
/// unsafe { system.deallocate(block.cast(), big) };
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FromGlobal<G> {
    global: G,
}

impl<G> FromGlobal<G> {
    /// Wraps the global allocator `global`.
    ///
    /// # Panics
    /// Fails *to compile* (a post-monomorphization error) if `G` is not zero-sized: a global
    /// allocator with state inside the value (an arena buffer, say) could hand out blocks that
    /// a move of the adapter would invalidate. Use [`new_unchecked`](Self::new_unchecked) for a
    /// sized `G` that is nevertheless a pure handle.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::FromGlobal;
    /// use std::alloc::System;
    ///
    /// const SYSTEM: FromGlobal<System> = FromGlobal::new(System);
    /// let _copy = SYSTEM;
    /// ```
    ///
    /// A global allocator with state inside the value is rejected:
    /// ```compile_fail
    /// use boxvec::alloc::FromGlobal;
    /// use std::alloc::{GlobalAlloc, Layout, System};
    ///
    /// struct WithState(u64);
    ///
    /// // SAFETY: every method forwards to `System`.
    /// unsafe impl GlobalAlloc for WithState {
    ///     unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
    ///         // SAFETY: the caller upholds `alloc`'s contract.
    ///         unsafe { System.alloc(layout) }
    ///     }
    ///     unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
    ///         // SAFETY: the caller upholds `dealloc`'s contract.
    ///         unsafe { System.dealloc(ptr, layout) }
    ///     }
    /// }
    ///
    /// let _ = FromGlobal::new(WithState(0)); // error: needs a zero-sized GlobalAlloc
    /// ```
    pub const fn new(global: G) -> Self {
        const {
            assert!(
                size_of::<G>() == 0,
                "FromGlobal::new needs a zero-sized GlobalAlloc; see FromGlobal::new_unchecked"
            );
        }
        Self { global }
    }

    /// Wraps the global allocator `global`, whatever its size.
    ///
    /// # Safety
    /// - Moving `global`, and dropping it or any copy of it while blocks are live, must not
    ///   invalidate the blocks it has allocated.
    /// - If `G: Clone`, a clone must accept (deallocate, `realloc`) blocks allocated by the
    ///   original, and the other way around.
    ///
    /// Both hold when `G` only refers to allocator state stored elsewhere, e.g. in a `static`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, FromGlobal, Layout};
    /// use std::alloc::{GlobalAlloc, System};
    ///
    /// /// A handle to `System` that carries a (pointless) tag, so it is not zero-sized.
    /// struct Tagged(#[allow(dead_code)] u32);
    ///
    /// // SAFETY: every method forwards to `System`, which upholds `GlobalAlloc`.
    /// unsafe impl GlobalAlloc for Tagged {
    ///     unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
    ///         // SAFETY: the caller upholds `alloc`'s contract.
    ///         unsafe { System.alloc(layout) }
    ///     }
    ///     unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
    ///         // SAFETY: the caller upholds `dealloc`'s contract.
    ///         unsafe { System.dealloc(ptr, layout) }
    ///     }
    /// }
    ///
    /// // SAFETY: `Tagged` holds no allocator state; all of it lives in `System`.
    /// let tagged = unsafe { FromGlobal::new_unchecked(Tagged(7)) };
    /// let layout = Layout::new::<u64>();
    /// let block = tagged.allocate(layout)?;
    /// // SAFETY: `block` was allocated above by `tagged` with `layout`.
    /// unsafe { tagged.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub const unsafe fn new_unchecked(global: G) -> Self {
        Self { global }
    }

    /// Returns the wrapped global allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::FromGlobal;
    /// use std::alloc::System;
    ///
    /// let _system: &System = FromGlobal::new(System).inner();
    /// ```
    pub const fn inner(&self) -> &G {
        &self.global
    }
}

impl<G: Default> Default for FromGlobal<G> {
    /// Wraps `G::default()`; like [`new`](Self::new), only compiles for a zero-sized `G`.
    fn default() -> Self {
        Self::new(G::default())
    }
}

/// The block returned for a size-0 request: no memory, an address aligned to `align`, and no
/// provenance, so it can never be used to access anything.
fn dangling(align: usize) -> NonNull<[u8]> {
    // A `Layout`'s alignment is a power of two, never 0, so the fallback is never taken.
    let addr = NonZero::new(align).unwrap_or(NonZero::<usize>::MIN);
    NonNull::slice_from_raw_parts(NonNull::without_provenance(addr), 0)
}

impl<G: GlobalAlloc> FromGlobal<G> {
    /// Shared body of `allocate` and `allocate_zeroed`.
    fn allocate_with(&self, layout: Layout, zeroed: bool) -> Result<NonNull<[u8]>, AllocError> {
        if layout.size() == 0 {
            return Ok(dangling(layout.align()));
        }
        // SAFETY: `layout.size() != 0`, the one requirement of `alloc`/`alloc_zeroed`.
        let raw = unsafe {
            if zeroed {
                self.global.alloc_zeroed(layout)
            } else {
                self.global.alloc(layout)
            }
        };
        let ptr = NonNull::new(raw).ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(ptr, layout.size()))
    }

    /// Shared body of `grow` and `grow_zeroed`.
    ///
    /// # Safety
    /// The caller upholds the contract of [`Allocator::grow`] for `self`.
    unsafe fn grow_with(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
        zeroed: bool,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let old_size = old_layout.size();
        let new_size = new_layout.size();
        if old_size == 0 {
            // The old block is a dangling size-0 block: nothing to copy, nothing to free.
            return self.allocate_with(new_layout, zeroed);
        }
        if old_layout.align() == new_layout.align() {
            // SAFETY: blocks of non-zero size come from `self.global` and are exactly as long
            // as their layout's size, so the fitting `old_layout` is the layout `ptr` was
            // allocated (or last reallocated) with; `new_size >= old_size > 0`; and `new_size`
            // rounded up to the alignment does not overflow `isize`, because `new_layout` is a
            // valid `Layout` with that same alignment.
            let raw = unsafe { self.global.realloc(ptr.as_ptr(), old_layout, new_size) };
            let new_ptr = NonNull::new(raw).ok_or(AllocError)?;
            if zeroed {
                // SAFETY: the new block is valid for `new_size` bytes, and `old_size <=
                // new_size`, so the range `old_size..new_size` lies inside it.
                unsafe { new_ptr.add(old_size).write_bytes(0, new_size - old_size) };
            }
            return Ok(NonNull::slice_from_raw_parts(new_ptr, new_size));
        }
        // A new alignment: `realloc` cannot change it, so move the contents by hand.
        let new_block = self.allocate_with(new_layout, zeroed)?;
        // SAFETY: the old block is valid for reads of `old_size` bytes and the new one for
        // writes of `new_size >= old_size` bytes; they are distinct live blocks, so they do not
        // overlap. Afterwards the old block, which fits `old_layout`, is freed exactly once.
        unsafe {
            ptr::copy_nonoverlapping(ptr.as_ptr(), new_block.cast::<u8>().as_ptr(), old_size);
            self.deallocate(ptr, old_layout);
        }
        Ok(new_block)
    }
}

// SAFETY:
// - Blocks of non-zero size come from `self.global`, which (as a `GlobalAlloc`) keeps them
//   valid until they are freed through it. `G` is a pure handle to allocator state stored
//   elsewhere (zero-sized by `new`'s compile-time check, or promised by `new_unchecked`'s
//   caller), so moving, copying or dropping the adapter does not invalidate them, and a copy
//   frees and reallocates the original's blocks like the original would.
// - Blocks of size 0 are dangling pointers that own no memory and are never passed to `G`.
// - Every block has exactly the requested size, aligned as requested (`GlobalAlloc` returns
//   memory fitting the layout; `dangling` aligns by construction), and any live block can be
//   passed to any method: they all dispatch on the sizes and alignments in the layouts, which
//   fit the block.
unsafe impl<G: GlobalAlloc> Allocator for FromGlobal<G> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.allocate_with(layout, false)
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.allocate_with(layout, true)
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        if layout.size() != 0 {
            // SAFETY: a block of non-zero size was allocated by `self.global` with a layout of
            // exactly this size (our blocks are exactly as long as requested, so the only
            // fitting size is that one) and this alignment; the caller frees it only once.
            unsafe { self.global.dealloc(ptr.as_ptr(), layout) };
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow`'s contract.
        unsafe { self.grow_with(ptr, old_layout, new_layout, false) }
    }

    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow_zeroed`'s contract, which is `grow`'s.
        unsafe { self.grow_with(ptr, old_layout, new_layout, true) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let new_size = new_layout.size();
        if new_size == 0 {
            // SAFETY: the caller hands the block over; freeing it is what a shrink to nothing
            // means, and `deallocate` ignores a size-0 (dangling) block.
            unsafe { self.deallocate(ptr, old_layout) };
            return Ok(dangling(new_layout.align()));
        }
        // From here `old_layout.size() >= new_size > 0`: the old block is a real one.
        if old_layout.align() == new_layout.align() {
            // SAFETY: as in `grow_with`: `old_layout` is the layout `ptr` was allocated with,
            // `new_size > 0`, and `new_size` rounded up to the unchanged alignment cannot
            // overflow `isize` since `new_layout` is a valid `Layout`.
            let raw = unsafe { self.global.realloc(ptr.as_ptr(), old_layout, new_size) };
            let new_ptr = NonNull::new(raw).ok_or(AllocError)?;
            return Ok(NonNull::slice_from_raw_parts(new_ptr, new_size));
        }
        let new_block = self.allocate_with(new_layout, false)?;
        // SAFETY: the old block is valid for reads of `old_layout.size() >= new_size` bytes,
        // the new one for writes of `new_size` bytes, and they are distinct live blocks.
        // Afterwards the old block, which fits `old_layout`, is freed exactly once.
        unsafe {
            ptr::copy_nonoverlapping(ptr.as_ptr(), new_block.cast::<u8>().as_ptr(), new_size);
            self.deallocate(ptr, old_layout);
        }
        Ok(new_block)
    }
}
