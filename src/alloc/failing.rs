//! `Failing`: an allocator that refuses chosen requests, for testing error paths.
//!
//! std has no counterpart; this is boxvec's own tool. Real allocators almost never fail, so
//! the code that handles a failure (`try_reserve` returning `Err`, a collection staying valid
//! after a failed grow) is rarely exercised. `Failing` makes it run on demand: it fails the
//! Nth request, every request from N on, requests above a size, or requests that would exceed
//! a byte budget.
//!
//! The classic use walks every request of an operation: run it with
//! [`FailMode::Nth`]`(0)`, then `Nth(1)`, `Nth(2)`, … (calling [`Failing::reset`] in between)
//! until it no longer fails, checking each time that the operation reported the error and left
//! everything valid and leak-free.

use alloc_crate::sync::Arc;
use core::fmt;
use core::ptr::NonNull;

use super::lock::SpinLock;
use super::{AllocError, Allocator, Global, Layout};

/// Which requests a [`Failing`] allocator refuses.
///
/// A *request* is a call of `allocate`, `allocate_zeroed`, `grow`, `grow_zeroed` or `shrink`.
/// Requests are numbered from 0 in the order they arrive (since creation or the last
/// [`Failing::reset`]); refused requests get a number too. `deallocate` cannot fail, is never
/// refused, and is not a request.
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, FailMode, Failing, Global, Layout};
///
/// let failing = Failing::with_mode(Global, FailMode::Nth(1));
/// let layout = Layout::new::<u32>();
/// let first = failing.allocate(layout)?; // request 0: served
/// assert!(failing.allocate(layout).is_err()); // request 1: refused
/// let third = failing.allocate(layout)?; // request 2: served
/// # // SAFETY: both blocks were allocated above by `failing` with `layout`.
/// # unsafe { failing.deallocate(first.cast(), layout); failing.deallocate(third.cast(), layout) };
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FailMode {
    /// Refuse nothing: every request goes to the inner allocator.
    #[default]
    Never,
    /// Refuse only request number `N` (counting from 0).
    Nth(u64),
    /// Refuse every request whose number is `N` or more.
    From(u64),
    /// Refuse every request whose new size (the size of `layout` for an allocation, of
    /// `new_layout` for a grow or shrink) is larger than this many bytes.
    LargerThan(usize),
    /// Refuse every request that would raise the live bytes above this budget. Live bytes are
    /// the sum of the sizes of the blocks allocated through this `Failing` and not yet freed;
    /// a shrink lowers them, so it is never refused in this mode.
    LiveBytesOver(usize),
}

/// Wraps an allocator and refuses the requests its [`FailMode`] selects.
///
/// A refused request returns `Err(AllocError)` *without* calling the inner allocator, so a
/// refused `grow` or `shrink` leaves the old block allocated and untouched, as the `Allocator`
/// trait requires of a failure. Other requests, and every `deallocate`, are forwarded
/// unchanged.
///
/// The mode and counters live in shared state behind a lock, so all methods take `&self`.
/// [`Clone`] hands out another handle to the *same* state (and clones the inner allocator):
/// give one handle to a collection and keep one to steer it. `&Failing<A>` is an allocator too.
///
/// # Examples
/// Walking every request of an operation:
/// ```
/// use boxvec::alloc::{Allocator, FailMode, Failing, Layout};
///
/// // The operation under test: two allocations, cleaned up on failure.
/// fn two_blocks(a: &impl Allocator) -> Result<(), boxvec::alloc::AllocError> {
///     let layout = Layout::new::<u64>();
///     let first = a.allocate(layout)?;
///     let second = a.allocate(layout);
///     // SAFETY: `first` was allocated above by `a` with `layout`.
///     unsafe { a.deallocate(first.cast(), layout) };
///     // SAFETY: `second`, if allocated, was allocated above by `a` with `layout`.
///     unsafe { a.deallocate(second?.cast(), layout) };
///     Ok(())
/// }
///
/// let failing: Failing = Failing::default();
/// let mut n = 0;
/// loop {
///     failing.set_mode(FailMode::Nth(n));
///     failing.reset();
///     if two_blocks(&failing).is_ok() {
///         break;
///     }
///     assert_eq!(failing.failures(), 1);
///     n += 1;
/// }
/// assert_eq!(n, 2); // requests 0 and 1 could fail; there is no request 2
/// ```
pub struct Failing<A = Global> {
    state: Arc<SpinLock<FailState>>,
    inner: A,
}

/// The shared state behind the lock.
struct FailState {
    mode: FailMode,
    /// Requests seen since creation or the last `reset`, refused ones included.
    requests: u64,
    /// Requests refused since creation or the last `reset`.
    failures: u64,
    /// Sum of the sizes of the live blocks, counting bytes reserved by requests in flight.
    live_bytes: usize,
}

impl FailState {
    /// Numbers a new request and decides whether to refuse it; if it is served and would add
    /// bytes, reserves them in `live_bytes` (released by the caller if the inner allocator
    /// fails). Returns `true` if the request must be refused.
    fn refuse(&mut self, old_size: usize, new_size: usize) -> bool {
        let number = self.requests;
        self.requests = self.requests.saturating_add(1);
        let added = new_size.saturating_sub(old_size);
        let refuse = match self.mode {
            FailMode::Never => false,
            FailMode::Nth(n) => number == n,
            FailMode::From(n) => number >= n,
            FailMode::LargerThan(limit) => new_size > limit,
            FailMode::LiveBytesOver(budget) => {
                added > 0 && self.live_bytes.saturating_add(added) > budget
            }
        };
        if refuse {
            self.failures = self.failures.saturating_add(1);
        } else {
            self.live_bytes = self.live_bytes.saturating_add(added);
        }
        refuse
    }
}

impl<A> Failing<A> {
    /// Wraps `inner` in mode [`FailMode::Never`]: nothing fails until
    /// [`set_mode`](Self::set_mode).
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{FailMode, Failing, Global};
    ///
    /// let failing = Failing::new(Global);
    /// assert_eq!(failing.mode(), FailMode::Never);
    /// ```
    pub fn new(inner: A) -> Self {
        Self::with_mode(inner, FailMode::Never)
    }

    /// Wraps `inner` in the given mode.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, FailMode, Failing, Global, Layout};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::LargerThan(64));
    /// assert!(failing.allocate(Layout::array::<u8>(65).unwrap()).is_err());
    /// ```
    pub fn with_mode(inner: A, mode: FailMode) -> Self {
        let state = FailState {
            mode,
            requests: 0,
            failures: 0,
            live_bytes: 0,
        };
        Self {
            state: Arc::new(SpinLock::new(state)),
            inner,
        }
    }

    /// Returns the wrapped allocator.
    ///
    /// Calls made directly on it are never refused, and bypass the live-byte accounting.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Counting, Failing};
    ///
    /// let failing: Failing<Counting> = Failing::default();
    /// assert_eq!(failing.inner().snapshot().failures, 0);
    /// ```
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Returns the current mode.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{FailMode, Failing, Global};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::From(3));
    /// assert_eq!(failing.mode(), FailMode::From(3));
    /// ```
    pub fn mode(&self) -> FailMode {
        self.state.lock().mode
    }

    /// Changes the mode; it applies from the next request on. The request counter keeps
    /// running (see [`reset`](Self::reset)).
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, FailMode, Failing, Global, Layout};
    ///
    /// let failing = Failing::new(Global);
    /// let layout = Layout::new::<u8>();
    /// let block = failing.allocate(layout)?;
    /// failing.set_mode(FailMode::From(0));
    /// assert!(failing.allocate(layout).is_err());
    /// // Deallocation is never refused.
    /// // SAFETY: `block` was allocated above by `failing` with `layout`.
    /// unsafe { failing.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn set_mode(&self, mode: FailMode) {
        self.state.lock().mode = mode;
    }

    /// Sets the request counter and the failure counter back to 0, keeping the mode (and the
    /// live bytes, which describe blocks that still exist).
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, FailMode, Failing, Global, Layout};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::Nth(0));
    /// let layout = Layout::new::<u8>();
    /// assert!(failing.allocate(layout).is_err());
    /// failing.reset();
    /// assert_eq!((failing.requests(), failing.failures()), (0, 0));
    /// assert!(failing.allocate(layout).is_err()); // request 0 again
    /// ```
    pub fn reset(&self) {
        let mut state = self.state.lock();
        state.requests = 0;
        state.failures = 0;
    }

    /// Returns the number of requests seen since creation or the last
    /// [`reset`](Self::reset), refused ones included. It is also the number the next request
    /// will get.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Failing, Global, Layout};
    ///
    /// let failing = Failing::new(Global);
    /// let layout = Layout::new::<u8>();
    /// let block = failing.allocate(layout)?;
    /// // SAFETY: `block` was allocated above by `failing` with `layout`.
    /// unsafe { failing.deallocate(block.cast(), layout) };
    /// assert_eq!(failing.requests(), 1); // `deallocate` is not a request
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn requests(&self) -> u64 {
        self.state.lock().requests
    }

    /// Returns the number of requests refused since creation or the last
    /// [`reset`](Self::reset). Errors returned by the inner allocator itself are not counted.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, FailMode, Failing, Global, Layout};
    ///
    /// let failing = Failing::with_mode(Global, FailMode::From(0));
    /// let _ = failing.allocate(Layout::new::<u8>());
    /// let _ = failing.allocate_zeroed(Layout::new::<u8>());
    /// assert_eq!(failing.failures(), 2);
    /// ```
    pub fn failures(&self) -> u64 {
        self.state.lock().failures
    }

    /// Numbers a request and decides whether to refuse it (see [`FailState::refuse`]).
    fn refuse(&self, old_size: usize, new_size: usize) -> bool {
        self.state.lock().refuse(old_size, new_size)
    }

    /// Gives back `bytes` of live bytes: after a deallocation or a successful shrink, or the
    /// reservation of a request the inner allocator failed.
    fn release(&self, bytes: usize) {
        let mut state = self.state.lock();
        state.live_bytes = state.live_bytes.saturating_sub(bytes);
    }

    /// Shared body of the growing requests: `allocate*` (old size 0) and `grow*`.
    fn grow_with(
        &self,
        old_size: usize,
        new_size: usize,
        forward: impl FnOnce(&A) -> Result<NonNull<[u8]>, AllocError>,
    ) -> Result<NonNull<[u8]>, AllocError> {
        if self.refuse(old_size, new_size) {
            return Err(AllocError);
        }
        let result = forward(&self.inner);
        if result.is_err() {
            self.release(new_size.saturating_sub(old_size));
        }
        result
    }
}

impl<A: Default> Default for Failing<A> {
    /// Wraps `A::default()` in mode [`FailMode::Never`].
    fn default() -> Self {
        Self::new(A::default())
    }
}

impl<A: Clone> Clone for Failing<A> {
    /// Returns another handle to the *same* mode and counters, wrapping a clone of the inner
    /// allocator.
    fn clone(&self) -> Self {
        Self {
            state: Arc::clone(&self.state),
            inner: self.inner.clone(),
        }
    }
}

impl<A: fmt::Debug> fmt::Debug for Failing<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mode, requests, failures, live_bytes) = {
            let state = self.state.lock();
            (state.mode, state.requests, state.failures, state.live_bytes)
        };
        f.debug_struct("Failing")
            .field("mode", &mode)
            .field("requests", &requests)
            .field("failures", &failures)
            .field("live_bytes", &live_bytes)
            .field("inner", &self.inner)
            .finish()
    }
}

// SAFETY: a request is either refused, returning `Err` without touching the inner allocator or
// the block (so a refused grow/shrink leaves the old block allocated and unaltered, as the
// trait requires), or forwarded to the same method of `self.inner` with the caller's arguments
// unchanged, returning its result unchanged. So every block is one of `A`'s, with `A`'s
// guarantees; clones share `inner` clones, which `A` guarantees behave like the same allocator.
unsafe impl<A: Allocator> Allocator for Failing<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.grow_with(0, layout.size(), |inner| inner.allocate(layout))
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.grow_with(0, layout.size(), |inner| inner.allocate_zeroed(layout))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller upholds `deallocate`'s contract for `self`, whose blocks are
        // exactly `self.inner`'s blocks.
        unsafe { self.inner.deallocate(ptr, layout) };
        self.release(layout.size());
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        self.grow_with(old_layout.size(), new_layout.size(), |inner| {
            // SAFETY: the caller upholds `grow`'s contract for `self`, whose blocks are
            // exactly `self.inner`'s blocks.
            unsafe { inner.grow(ptr, old_layout, new_layout) }
        })
    }

    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        self.grow_with(old_layout.size(), new_layout.size(), |inner| {
            // SAFETY: the caller upholds `grow_zeroed`'s contract for `self`, whose blocks are
            // exactly `self.inner`'s blocks.
            unsafe { inner.grow_zeroed(ptr, old_layout, new_layout) }
        })
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // A shrink adds no bytes, so `refuse` reserves nothing for it.
        if self.refuse(old_layout.size(), new_layout.size()) {
            return Err(AllocError);
        }
        // SAFETY: the caller upholds `shrink`'s contract for `self`, whose blocks are exactly
        // `self.inner`'s blocks.
        let result = unsafe { self.inner.shrink(ptr, old_layout, new_layout) };
        if result.is_ok() {
            self.release(old_layout.size().saturating_sub(new_layout.size()));
        }
        result
    }
}
