//! `Counting`: an allocator that counts what passes through it.
//!
//! std has no counterpart; this is boxvec's own tool. A test wraps the allocator under a
//! collection in `Counting` to prove statements such as "`push` on a full vector grows exactly
//! once", "a zero-sized type never allocates", or "after `drop` no bytes are live". Every call
//! is forwarded unchanged to the inner allocator; in particular `grow` stays a `grow`, so the
//! counts show what the collection asked for, not what a default method turned it into.

use alloc_crate::sync::Arc;
use core::fmt;
use core::ptr::NonNull;

use super::lock::SpinLock;
use super::{AllocError, Allocator, Global, Layout};

/// Wraps an allocator and counts calls, live bytes and peak bytes.
///
/// Counts are of *successful* calls; a call that returns `Err` only increments
/// [`failures`](CountingSnapshot::failures). Byte counts use the layout sizes the caller passes
/// (not the possibly larger lengths the inner allocator returns), so they match what a
/// collection believes it owns. Read everything at once with [`snapshot`](Counting::snapshot).
///
/// The counters live in shared state behind a lock, so all methods take `&self`. [`Clone`]
/// hands out another handle to the *same* counters (and clones the inner allocator): give one
/// handle to a collection and keep one to inspect. `&Counting<A>` is an allocator too.
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, Counting, Global, Layout};
///
/// let counting = Counting::new(Global);
/// let layout = Layout::new::<[u64; 4]>();
/// let block = counting.allocate(layout)?;
/// assert_eq!(counting.snapshot().live_bytes, 32);
/// // SAFETY: `block` was allocated just above by `counting` with `layout`.
/// unsafe { counting.deallocate(block.cast(), layout) };
///
/// let counts = counting.snapshot();
/// assert_eq!((counts.allocations, counts.deallocations), (1, 1));
/// assert_eq!((counts.live_bytes, counts.peak_bytes), (0, 32));
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
pub struct Counting<A = Global> {
    state: Arc<SpinLock<Counters>>,
    inner: A,
}

/// The counters behind the lock; `live_blocks` is derived when a snapshot is taken.
#[derive(Default)]
struct Counters {
    allocations: u64,
    zeroed_allocations: u64,
    grows: u64,
    shrinks: u64,
    deallocations: u64,
    failures: u64,
    live_bytes: usize,
    peak_bytes: usize,
}

impl Counters {
    fn add_live(&mut self, bytes: usize) {
        self.live_bytes = self.live_bytes.saturating_add(bytes);
        self.peak_bytes = self.peak_bytes.max(self.live_bytes);
    }

    fn remove_live(&mut self, bytes: usize) {
        // Saturating: a caller that breaks the contract (say, frees with a larger size than it
        // allocated) must not make a *counting* allocator panic on overflow.
        self.live_bytes = self.live_bytes.saturating_sub(bytes);
    }
}

/// A copy of a [`Counting`] allocator's counters at one moment.
///
/// A plain `Copy` value: compare two with `==`, or subtract with [`since`](Self::since) to see
/// what one piece of code did.
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, Counting, Layout};
///
/// let counting: Counting = Counting::default();
/// let before = counting.snapshot();
/// let layout = Layout::new::<u32>();
/// let block = counting.allocate_zeroed(layout)?;
/// let delta = counting.snapshot().since(&before);
/// assert_eq!(delta.zeroed_allocations, 1);
/// assert_eq!(delta.allocations, 0); // plain `allocate` only
/// assert_eq!(delta.live_blocks, 1);
/// # // SAFETY: `block` was allocated above by `counting` with `layout`.
/// # unsafe { counting.deallocate(block.cast(), layout) };
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CountingSnapshot {
    /// Successful calls of `allocate`.
    pub allocations: u64,
    /// Successful calls of `allocate_zeroed`.
    pub zeroed_allocations: u64,
    /// Successful calls of `grow` and `grow_zeroed`.
    pub grows: u64,
    /// Successful calls of `shrink`.
    pub shrinks: u64,
    /// Calls of `deallocate` (it cannot fail).
    pub deallocations: u64,
    /// Calls of `allocate`, `allocate_zeroed`, `grow`, `grow_zeroed` or `shrink` that returned
    /// `Err`.
    pub failures: u64,
    /// Blocks currently allocated: `allocations + zeroed_allocations - deallocations`.
    /// `grow` and `shrink` replace a block with another, so they leave this unchanged.
    pub live_blocks: usize,
    /// Sum of the sizes of the blocks currently allocated, as given in the callers' layouts.
    pub live_bytes: usize,
    /// The highest `live_bytes` seen since the allocator was created or since the last
    /// [`Counting::reset_peak`].
    pub peak_bytes: usize,
}

impl CountingSnapshot {
    /// Returns what happened between `earlier` and `self`.
    ///
    /// In the result:
    /// - the call counts (`allocations`, `zeroed_allocations`, `grows`, `shrinks`,
    ///   `deallocations`, `failures`) are differences: how many such calls happened in
    ///   between;
    /// - `live_blocks`, `live_bytes` and `peak_bytes` are *not* differences (a difference
    ///   could be negative): they are `self`'s values, the state at the end of the interval.
    ///   For a peak of the interval alone, call [`Counting::reset_peak`] at its start.
    ///
    /// If `earlier` was in fact taken after `self`, the counts saturate at 0.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Counting, Layout};
    ///
    /// let counting: Counting = Counting::default();
    /// let small = Layout::array::<u8>(8).unwrap();
    /// let big = Layout::array::<u8>(64).unwrap();
    /// let block = counting.allocate(small)?;
    ///
    /// let before = counting.snapshot();
    /// counting.reset_peak();
    /// // SAFETY: `block` is live, was allocated with `small`, and 64 >= 8.
    /// let block = unsafe { counting.grow(block.cast(), small, big)? };
    /// let delta = counting.snapshot().since(&before);
    /// assert_eq!((delta.allocations, delta.grows), (0, 1));
    /// assert_eq!((delta.live_blocks, delta.live_bytes, delta.peak_bytes), (1, 64, 64));
    /// # // SAFETY: `block` is live with layout `big`.
    /// # unsafe { counting.deallocate(block.cast(), big) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[must_use]
    pub fn since(&self, earlier: &CountingSnapshot) -> CountingSnapshot {
        CountingSnapshot {
            allocations: self.allocations.saturating_sub(earlier.allocations),
            zeroed_allocations: self
                .zeroed_allocations
                .saturating_sub(earlier.zeroed_allocations),
            grows: self.grows.saturating_sub(earlier.grows),
            shrinks: self.shrinks.saturating_sub(earlier.shrinks),
            deallocations: self.deallocations.saturating_sub(earlier.deallocations),
            failures: self.failures.saturating_sub(earlier.failures),
            live_blocks: self.live_blocks,
            live_bytes: self.live_bytes,
            peak_bytes: self.peak_bytes,
        }
    }
}

impl<A> Counting<A> {
    /// Wraps `inner`, with every counter at zero.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Counting, CountingSnapshot, Global};
    ///
    /// let counting = Counting::new(Global);
    /// assert_eq!(counting.snapshot(), CountingSnapshot::default());
    /// ```
    pub fn new(inner: A) -> Self {
        Self {
            state: Arc::new(SpinLock::new(Counters::default())),
            inner,
        }
    }

    /// Returns the wrapped allocator.
    ///
    /// Calls made directly on it bypass the counters.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Counting, Failing};
    ///
    /// let counting = Counting::new(Failing::new(boxvec::alloc::Global));
    /// assert_eq!(counting.inner().requests(), 0);
    /// ```
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Returns a copy of all counters, taken at one instant (under the lock), so the fields
    /// are consistent with each other even while other threads allocate.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Counting, Layout};
    ///
    /// let counting: Counting = Counting::default();
    /// let layout = Layout::new::<u16>();
    /// let block = counting.allocate(layout)?;
    /// let counts = counting.snapshot();
    /// assert_eq!((counts.allocations, counts.live_blocks, counts.live_bytes), (1, 1, 2));
    /// # // SAFETY: `block` was allocated above by `counting` with `layout`.
    /// # unsafe { counting.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn snapshot(&self) -> CountingSnapshot {
        let counters = self.state.lock();
        let created = counters
            .allocations
            .saturating_add(counters.zeroed_allocations);
        let live_blocks = created.saturating_sub(counters.deallocations);
        CountingSnapshot {
            allocations: counters.allocations,
            zeroed_allocations: counters.zeroed_allocations,
            grows: counters.grows,
            shrinks: counters.shrinks,
            deallocations: counters.deallocations,
            failures: counters.failures,
            live_blocks: usize::try_from(live_blocks).unwrap_or(usize::MAX),
            live_bytes: counters.live_bytes,
            peak_bytes: counters.peak_bytes,
        }
    }

    /// Lowers the peak to the current live bytes, so that the next snapshots report the peak
    /// reached from now on.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Counting, Layout};
    ///
    /// let counting: Counting = Counting::default();
    /// let layout = Layout::array::<u8>(100).unwrap();
    /// let block = counting.allocate(layout)?;
    /// // SAFETY: `block` was allocated just above by `counting` with `layout`.
    /// unsafe { counting.deallocate(block.cast(), layout) };
    /// assert_eq!(counting.snapshot().peak_bytes, 100);
    /// counting.reset_peak();
    /// assert_eq!(counting.snapshot().peak_bytes, 0);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn reset_peak(&self) {
        let mut counters = self.state.lock();
        counters.peak_bytes = counters.live_bytes;
    }

    /// Runs `update` on the counters under the lock.
    fn update(&self, update: impl FnOnce(&mut Counters)) {
        update(&mut self.state.lock());
    }
}

impl<A: Default> Default for Counting<A> {
    /// Wraps `A::default()`, with every counter at zero.
    fn default() -> Self {
        Self::new(A::default())
    }
}

impl<A: Clone> Clone for Counting<A> {
    /// Returns another handle to the *same* counters, wrapping a clone of the inner allocator.
    fn clone(&self) -> Self {
        Self {
            state: Arc::clone(&self.state),
            inner: self.inner.clone(),
        }
    }
}

impl<A: fmt::Debug> fmt::Debug for Counting<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Counting")
            .field("counts", &self.snapshot())
            .field("inner", &self.inner)
            .finish()
    }
}

// SAFETY: every method forwards to the same method of `self.inner` with the caller's arguments
// unchanged and returns its result unchanged, so the blocks and their validity are exactly
// those of `A`, which upholds the `Allocator` contract. Clones share `inner` clones, which `A`
// guarantees behave like the same allocator. The counting itself never touches the blocks.
unsafe impl<A: Allocator> Allocator for Counting<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let result = self.inner.allocate(layout);
        self.update(|c| match result {
            Ok(_) => {
                c.allocations += 1;
                c.add_live(layout.size());
            }
            Err(_) => c.failures += 1,
        });
        result
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let result = self.inner.allocate_zeroed(layout);
        self.update(|c| match result {
            Ok(_) => {
                c.zeroed_allocations += 1;
                c.add_live(layout.size());
            }
            Err(_) => c.failures += 1,
        });
        result
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller upholds `deallocate`'s contract for `self`, whose blocks are
        // exactly `self.inner`'s blocks.
        unsafe { self.inner.deallocate(ptr, layout) };
        self.update(|c| {
            c.deallocations += 1;
            c.remove_live(layout.size());
        });
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow`'s contract for `self`, whose blocks are exactly
        // `self.inner`'s blocks.
        let result = unsafe { self.inner.grow(ptr, old_layout, new_layout) };
        self.record_grow(&result, old_layout, new_layout);
        result
    }

    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `grow_zeroed`'s contract for `self`, whose blocks are
        // exactly `self.inner`'s blocks.
        let result = unsafe { self.inner.grow_zeroed(ptr, old_layout, new_layout) };
        self.record_grow(&result, old_layout, new_layout);
        result
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the caller upholds `shrink`'s contract for `self`, whose blocks are exactly
        // `self.inner`'s blocks.
        let result = unsafe { self.inner.shrink(ptr, old_layout, new_layout) };
        self.update(|c| match result {
            Ok(_) => {
                c.shrinks += 1;
                c.remove_live(old_layout.size().saturating_sub(new_layout.size()));
            }
            Err(_) => c.failures += 1,
        });
        result
    }
}

impl<A> Counting<A> {
    /// Shared bookkeeping of `grow` and `grow_zeroed`.
    fn record_grow(
        &self,
        result: &Result<NonNull<[u8]>, AllocError>,
        old_layout: Layout,
        new_layout: Layout,
    ) {
        self.update(|c| match result {
            Ok(_) => {
                c.grows += 1;
                c.add_live(new_layout.size().saturating_sub(old_layout.size()));
            }
            Err(_) => c.failures += 1,
        });
    }
}
