//! `Recording`: an allocator that keeps a log of every call.
//!
//! std has no counterpart; this is boxvec's own tool for *seeing* allocation. Where
//! [`Counting`](super::Counting) says how many times something happened, `Recording` says what
//! and in which order: each request with its layouts, the address that came back, and for
//! `grow`/`shrink` whether the block stayed in place or moved (a `realloc` that had to copy).
//! Printing the log of a few `push`es is the quickest way to watch a vector's growth strategy.
//!
//! Addresses are recorded as plain integers with [`pointer::addr`], which strips provenance:
//! they are for reading and comparing only, never for turning back into pointers.

use alloc_crate::sync::Arc;
use alloc_crate::vec::Vec;
use core::fmt;
use core::ptr::NonNull;

use super::lock::SpinLock;
use super::{AllocError, Allocator, Global, Layout};

/// One call made to a [`Recording`] allocator, with its outcome.
///
/// An address of `None` means the request failed (the inner allocator returned `Err`).
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, Event, Layout, Recording};
///
/// let recording: Recording = Recording::default();
/// let layout = Layout::new::<u64>();
/// let block = recording.allocate(layout)?;
/// // SAFETY: `block` was allocated just above by `recording` with `layout`.
/// unsafe { recording.deallocate(block.cast(), layout) };
///
/// let addr = block.cast::<u8>().as_ptr().addr();
/// assert_eq!(
///     recording.events(),
///     [
///         Event::Allocate { layout, zeroed: false, addr: Some(addr) },
///         Event::Deallocate { addr, layout },
///     ]
/// );
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// A call of `allocate` (`zeroed: false`) or `allocate_zeroed` (`zeroed: true`).
    Allocate {
        /// The layout requested.
        layout: Layout,
        /// Whether the block was requested zero-filled.
        zeroed: bool,
        /// The address of the returned block, or `None` if the request failed.
        addr: Option<usize>,
    },
    /// A call of `grow` (`zeroed: false`) or `grow_zeroed` (`zeroed: true`).
    Grow {
        /// The address of the block passed in.
        old_addr: usize,
        /// The layout the caller gave for the block passed in.
        old_layout: Layout,
        /// The layout requested for the grown block.
        new_layout: Layout,
        /// Whether the new bytes were requested zero-filled.
        zeroed: bool,
        /// The address of the grown block, or `None` if the request failed (the old block is
        /// then still allocated, unchanged).
        new_addr: Option<usize>,
    },
    /// A call of `shrink`.
    Shrink {
        /// The address of the block passed in.
        old_addr: usize,
        /// The layout the caller gave for the block passed in.
        old_layout: Layout,
        /// The layout requested for the shrunk block.
        new_layout: Layout,
        /// The address of the shrunk block, or `None` if the request failed (the old block is
        /// then still allocated, unchanged).
        new_addr: Option<usize>,
    },
    /// A call of `deallocate`.
    Deallocate {
        /// The address of the block freed.
        addr: usize,
        /// The layout the caller gave for it.
        layout: Layout,
    },
}

impl Event {
    /// For a successful `grow` or `shrink`, whether the block moved to a new address;
    /// `None` for other events and for failed requests.
    ///
    /// A move means the allocator could not resize in place and had to copy the contents.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Event, Layout};
    ///
    /// let old_layout = Layout::array::<u8>(8).unwrap();
    /// let new_layout = Layout::array::<u8>(16).unwrap();
    /// let grow = |new_addr| Event::Grow { old_addr: 0x1000, old_layout, new_layout, zeroed: false, new_addr };
    /// assert_eq!(grow(Some(0x1000)).moved(), Some(false));
    /// assert_eq!(grow(Some(0x2000)).moved(), Some(true));
    /// assert_eq!(grow(None).moved(), None);
    /// assert_eq!(Event::Deallocate { addr: 0x1000, layout: old_layout }.moved(), None);
    /// ```
    #[must_use]
    pub fn moved(&self) -> Option<bool> {
        match *self {
            Event::Grow {
                old_addr,
                new_addr: Some(new_addr),
                ..
            }
            | Event::Shrink {
                old_addr,
                new_addr: Some(new_addr),
                ..
            } => Some(new_addr != old_addr),
            _ => None,
        }
    }
}

/// Writes a layout as `(size N, align M)`; shared with `Checked`'s messages.
pub(super) struct ShowLayout(pub(super) Layout);

impl fmt::Display for ShowLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(size {}, align {})", self.0.size(), self.0.align())
    }
}

/// Writes a result address as `0x…`, or `FAILED` for `None`.
struct ShowAddr(Option<usize>);

impl fmt::Display for ShowAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(addr) => write!(f, "{addr:#x}"),
            None => f.write_str("FAILED"),
        }
    }
}

impl fmt::Display for Event {
    /// Writes the event as one line, for example
    /// `grow 0x5581a2c0 (size 8, align 1) -> (size 16, align 1) = 0x5581a2c0 (in place)`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Event, Layout};
    ///
    /// let layout = Layout::array::<u32>(2).unwrap();
    /// let event = Event::Allocate { layout, zeroed: true, addr: Some(0x1000) };
    /// assert_eq!(event.to_string(), "allocate_zeroed (size 8, align 4) = 0x1000");
    /// let event = Event::Allocate { layout, zeroed: false, addr: None };
    /// assert_eq!(event.to_string(), "allocate (size 8, align 4) = FAILED");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Event::Allocate {
                layout,
                zeroed,
                addr,
            } => {
                let name = if zeroed {
                    "allocate_zeroed"
                } else {
                    "allocate"
                };
                write!(f, "{name} {} = {}", ShowLayout(layout), ShowAddr(addr))
            }
            Event::Grow {
                old_addr,
                old_layout,
                new_layout,
                zeroed,
                new_addr,
            } => {
                let name = if zeroed { "grow_zeroed" } else { "grow" };
                write!(
                    f,
                    "{name} {old_addr:#x} {} -> {} = {}",
                    ShowLayout(old_layout),
                    ShowLayout(new_layout),
                    ShowAddr(new_addr)
                )?;
                write_moved(f, self.moved())
            }
            Event::Shrink {
                old_addr,
                old_layout,
                new_layout,
                new_addr,
            } => {
                write!(
                    f,
                    "shrink {old_addr:#x} {} -> {} = {}",
                    ShowLayout(old_layout),
                    ShowLayout(new_layout),
                    ShowAddr(new_addr)
                )?;
                write_moved(f, self.moved())
            }
            Event::Deallocate { addr, layout } => {
                write!(f, "deallocate {addr:#x} {}", ShowLayout(layout))
            }
        }
    }
}

/// Appends ` (moved)` or ` (in place)` when the event says.
fn write_moved(f: &mut fmt::Formatter<'_>, moved: Option<bool>) -> fmt::Result {
    match moved {
        Some(true) => f.write_str(" (moved)"),
        Some(false) => f.write_str(" (in place)"),
        None => Ok(()),
    }
}

/// Wraps an allocator and records every call as an [`Event`].
///
/// The log grows on the global heap (never through the inner allocator) until
/// [`clear`](Recording::clear)ed. Read it with [`events`](Recording::events), or print it: each
/// event [`Display`](fmt::Display)s as one line.
///
/// The log lives in shared state behind a lock, so all methods take `&self`. [`Clone`] hands
/// out another handle to the *same* log (and clones the inner allocator): give one handle to a
/// collection and keep one to read. `&Recording<A>` is an allocator too. With several threads,
/// events appear in the order the calls *finished*.
///
/// # Examples
/// ```
/// use boxvec::alloc::{Allocator, Layout, Recording};
///
/// let recording: Recording = Recording::default();
/// let small = Layout::array::<u8>(8).unwrap();
/// let big = Layout::array::<u8>(4096).unwrap();
/// let block = recording.allocate(small)?;
/// // SAFETY: `block` is live, was allocated with `small`, and 4096 >= 8.
/// let block = unsafe { recording.grow(block.cast(), small, big)? };
/// // SAFETY: `block` is live with layout `big`.
/// unsafe { recording.deallocate(block.cast(), big) };
///
/// for event in recording.events() {
///     println!("{event}"); // e.g. "grow 0x5581a2c0 (size 8, align 1) -> (size 4096, align 1) = 0x5581b000 (moved)"
/// }
/// assert_eq!(recording.len(), 3);
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
pub struct Recording<A = Global> {
    log: Arc<SpinLock<Vec<Event>>>,
    inner: A,
}

impl<A> Recording<A> {
    /// Wraps `inner`, with an empty log.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Global, Recording};
    ///
    /// let recording = Recording::new(Global);
    /// assert!(recording.is_empty());
    /// ```
    pub fn new(inner: A) -> Self {
        Self {
            log: Arc::new(SpinLock::new(Vec::new())),
            inner,
        }
    }

    /// Returns the wrapped allocator.
    ///
    /// Calls made directly on it are not recorded.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Counting, Recording};
    ///
    /// let recording: Recording<Counting> = Recording::default();
    /// assert_eq!(recording.inner().snapshot().allocations, 0);
    /// ```
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Returns a copy of the log, oldest event first.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Event, Layout, Recording};
    ///
    /// let recording: Recording = Recording::default();
    /// let layout = Layout::new::<()>();
    /// let block = recording.allocate(layout)?;
    /// assert!(matches!(recording.events()[0], Event::Allocate { addr: Some(_), .. }));
    /// # // SAFETY: `block` was allocated above by `recording` with `layout`.
    /// # unsafe { recording.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn events(&self) -> Vec<Event> {
        self.log.lock().clone()
    }

    /// Empties the log. Blocks allocated before stay valid; only their history is forgotten.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Layout, Recording};
    ///
    /// let recording: Recording = Recording::default();
    /// let layout = Layout::new::<u8>();
    /// let block = recording.allocate(layout)?;
    /// recording.clear();
    /// // SAFETY: `block` was allocated above by `recording` with `layout`.
    /// unsafe { recording.deallocate(block.cast(), layout) };
    /// assert_eq!(recording.len(), 1); // only the deallocation
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn clear(&self) {
        // Take the buffer out and free it after the lock is released.
        let old = core::mem::take(&mut *self.log.lock());
        drop(old);
    }

    /// Returns the number of events in the log.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Layout, Recording};
    ///
    /// let recording: Recording = Recording::default();
    /// assert_eq!(recording.len(), 0);
    /// let layout = Layout::new::<u8>();
    /// let block = recording.allocate(layout)?;
    /// assert_eq!(recording.len(), 1);
    /// # // SAFETY: `block` was allocated above by `recording` with `layout`.
    /// # unsafe { recording.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.log.lock().len()
    }

    /// Returns `true` if the log holds no events.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::Recording;
    ///
    /// let recording: Recording = Recording::default();
    /// assert!(recording.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.log.lock().is_empty()
    }

    /// Appends `event` to the log.
    fn push(&self, event: Event) {
        self.log.lock().push(event);
    }
}

impl<A: Default> Default for Recording<A> {
    /// Wraps `A::default()`, with an empty log.
    fn default() -> Self {
        Self::new(A::default())
    }
}

impl<A: Clone> Clone for Recording<A> {
    /// Returns another handle to the *same* log, wrapping a clone of the inner allocator.
    fn clone(&self) -> Self {
        Self {
            log: Arc::clone(&self.log),
            inner: self.inner.clone(),
        }
    }
}

impl<A: fmt::Debug> fmt::Debug for Recording<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recording")
            .field("events", &self.len())
            .field("inner", &self.inner)
            .finish()
    }
}

/// The address of a returned block, or `None` for a failed request.
fn result_addr(result: &Result<NonNull<[u8]>, AllocError>) -> Option<usize> {
    result
        .as_ref()
        .ok()
        .map(|block| block.cast::<u8>().addr().get())
}

// SAFETY: every method forwards to the same method of `self.inner` with the caller's arguments
// unchanged and returns its result unchanged, so the blocks and their validity are exactly
// those of `A`, which upholds the `Allocator` contract. Clones share `inner` clones, which `A`
// guarantees behave like the same allocator. Recording only reads addresses, never the blocks.
unsafe impl<A: Allocator> Allocator for Recording<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let result = self.inner.allocate(layout);
        self.push(Event::Allocate {
            layout,
            zeroed: false,
            addr: result_addr(&result),
        });
        result
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let result = self.inner.allocate_zeroed(layout);
        self.push(Event::Allocate {
            layout,
            zeroed: true,
            addr: result_addr(&result),
        });
        result
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller upholds `deallocate`'s contract for `self`, whose blocks are
        // exactly `self.inner`'s blocks.
        unsafe { self.inner.deallocate(ptr, layout) };
        self.push(Event::Deallocate {
            addr: ptr.addr().get(),
            layout,
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
        self.push(Event::Grow {
            old_addr: ptr.addr().get(),
            old_layout,
            new_layout,
            zeroed: false,
            new_addr: result_addr(&result),
        });
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
        self.push(Event::Grow {
            old_addr: ptr.addr().get(),
            old_layout,
            new_layout,
            zeroed: true,
            new_addr: result_addr(&result),
        });
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
        self.push(Event::Shrink {
            old_addr: ptr.addr().get(),
            old_layout,
            new_layout,
            new_addr: result_addr(&result),
        });
        result
    }
}
