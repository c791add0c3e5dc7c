//! `Checked`: an allocator that verifies the `Allocator` contract from both sides.
//!
//! std has no counterpart; this is boxvec's own tool, in the spirit of a debug heap. The
//! `Allocator` trait is `unsafe` in both directions: the *allocator* promises aligned blocks of
//! at least the requested size (zero-filled when asked), and the *caller* promises to hand back
//! only blocks that are currently allocated, with a layout that "fits" them. Breaking either
//! promise is undefined behavior that usually goes unnoticed. `Checked` sits between the two,
//! keeps a ledger of every live block, and panics with a precise message at the first broken
//! promise:
//!
//! - towards the allocator: each returned block is aligned, at least as long as requested,
//!   zero-filled where `allocate_zeroed`/`grow_zeroed` promise it, and does not overlap another
//!   live block;
//! - towards the caller: each `deallocate`, `grow` and `shrink` names a live block (no double
//!   free, no foreign or interior pointer) with a layout that fits it (same alignment, size
//!   between the requested size and the returned length), a `grow` does not shrink and a
//!   `shrink` does not grow; and [`Checked::assert_no_leaks`] finds blocks never freed.
//!
//! Freed bytes are overwritten with [`Checked::POISON`] before they go back to the inner
//! allocator, so a use after free reads an obvious `0xDFDFDFDF…` instead of plausible stale
//! data (and Miri, which tracks freed memory itself, reports it as well).

use alloc_crate::collections::{BTreeMap, VecDeque};
use alloc_crate::format;
use alloc_crate::sync::Arc;
use alloc_crate::vec::Vec;
use core::fmt::{self, Write as _};
use core::mem::MaybeUninit;
use core::ptr::{self, NonNull};

use super::lock::SpinLock;
use super::recording::ShowLayout;
use super::{AllocError, Allocator, Global, Layout};

/// How many freed addresses `Checked` remembers to tell a double free from a foreign pointer.
const REMEMBERED_FREES: usize = 256;

/// Wraps an allocator and panics when either side breaks the `Allocator` contract.
///
/// Checks made on every block the inner allocator returns:
/// - it is aligned to the requested alignment and at least as long as the requested size;
/// - it is zero-filled where `allocate_zeroed` or `grow_zeroed` promise it;
/// - it does not overlap another live block.
///
/// Checks made on every block the caller passes to `deallocate`, `grow` or `shrink`:
/// - it is a live block (not freed before, not from another allocator, not a pointer into the
///   middle of a block);
/// - its layout *fits*: the same alignment as requested, and a size between the size last
///   requested and the length returned;
/// - a `grow` does not make it smaller, and a `shrink` does not make it larger.
///
/// [`assert_no_leaks`](Self::assert_no_leaks) finally checks that every block was freed. Freed
/// bytes are poisoned with [`POISON`](Self::POISON), so a use after free reads an obvious
/// `0xDFDFDFDF…` instead of plausible stale data.
///
/// The ledger of live blocks is kept on the global heap (never allocated through the inner
/// allocator) in shared state behind a lock, so all methods take `&self`. [`Clone`] hands out
/// another handle to the *same* ledger (and clones the inner allocator): give one handle to a
/// collection and keep one to call [`assert_no_leaks`](Self::assert_no_leaks) on. `&Checked<A>`
/// is an allocator too. Dropping a `Checked` does not check for leaks: the test decides when.
///
/// ### Zero-size blocks
/// Allocators commonly return the same dangling address for every zero-size request (for
/// [`Global`] it is the alignment itself). Blocks of length 0 therefore are not keyed by
/// address alone but counted per address and alignment, so any number of them can be live at
/// once and freed in any order.
///
/// ### What poisoning covers
/// On `deallocate`, the `layout.size()` bytes the caller hands back; on `shrink`, the tail
/// being released (restored if the inner allocator then refuses the shrink, since a failed
/// shrink must leave the block unaltered). A `grow` that moves the block frees the old one
/// inside the inner allocator, after copying, so those bytes cannot be poisoned.
///
/// # Panics
/// The allocator methods panic, with a message starting with `Checked:`, at the first
/// violation they detect. The offending block is not passed on, so it may leak.
///
/// # Examples
/// A correct sequence passes silently:
/// ```
/// use boxvec::alloc::{Allocator, Checked, Global, Layout};
///
/// let checked = Checked::new(Global);
/// let small = Layout::new::<[u8; 16]>();
/// let big = Layout::new::<[u8; 64]>();
/// let block = checked.allocate(small)?;
/// // SAFETY: `block` is live, was allocated with `small`, and 64 >= 16.
/// let block = unsafe { checked.grow(block.cast(), small, big)? };
/// // SAFETY: `block` is live with layout `big`.
/// unsafe { checked.deallocate(block.cast(), big) };
/// checked.assert_no_leaks();
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
///
/// A broken promise panics before it reaches the inner allocator:
/// ```should_panic
/// use boxvec::alloc::{Allocator, Checked, Global, Layout};
///
/// let checked = Checked::new(Global);
/// let block = checked.allocate(Layout::new::<[u8; 16]>())?;
/// // Wrong: the block was allocated with 16 bytes, not 8.
/// // SAFETY: none; this call breaks the contract on purpose, and `Checked` panics before
/// // passing it on.
/// unsafe { checked.deallocate(block.cast(), Layout::new::<[u8; 8]>()) };
/// # Ok::<(), boxvec::alloc::AllocError>(())
/// ```
pub struct Checked<A = Global> {
    ledger: Arc<SpinLock<Ledger>>,
    inner: A,
}

/// A live block of non-zero length, as recorded by the ledger.
#[derive(Clone, Copy)]
struct Block {
    /// The layout most recently used to allocate, grow or shrink the block: the lower bound of
    /// a fitting size, and the required alignment.
    layout: Layout,
    /// The length the inner allocator returned: the upper bound of a fitting size.
    len: usize,
}

/// What [`Ledger::take`] removed from the ledger, to put back if the request fails.
#[derive(Clone, Copy)]
enum Taken {
    /// A block of non-zero length.
    Block(Block),
    /// A zero-length block with this alignment.
    Empty { align: usize },
}

/// The record of live blocks, behind the lock.
///
/// Blocks of non-zero length never overlap (that is checked), so their addresses are unique
/// and key `blocks`. Zero-length blocks can share an address and are counted in `empty`.
#[derive(Default)]
struct Ledger {
    /// Live blocks of non-zero length, by address.
    blocks: BTreeMap<usize, Block>,
    /// Live zero-length blocks: how many at each (address, alignment).
    empty: BTreeMap<(usize, usize), usize>,
    /// Sum of the layout sizes of the live blocks.
    live_bytes: usize,
    /// Recently freed addresses, oldest first; an address leaves when a new block reuses it.
    freed: VecDeque<usize>,
}

impl Ledger {
    /// Records a block that the inner allocator returned from `op` for `layout`, after checking
    /// the allocator's side of the contract.
    ///
    /// # Panics
    /// If the block is misaligned, shorter than `layout.size()`, or overlaps a live block.
    fn insert(&mut self, op: &str, block: NonNull<[u8]>, layout: Layout) {
        let addr = block.cast::<u8>().addr().get();
        let len = block.len();
        let shown = ShowLayout(layout);
        assert!(
            addr.is_multiple_of(layout.align()),
            "Checked: {op} returned a misaligned block {addr:#x} for {shown}"
        );
        assert!(
            len >= layout.size(),
            "Checked: {op} returned a block {addr:#x} of length {len}, shorter than {shown}"
        );
        if len == 0 {
            *self.empty.entry((addr, layout.align())).or_insert(0) += 1;
            return;
        }
        let end = addr.saturating_add(len);
        let before = self.blocks.range(..=addr).next_back();
        let after = self.blocks.range(addr..end).next();
        if let Some((&other, other_block)) = before.filter(|(a, b)| a.saturating_add(b.len) > addr)
        {
            overlap_panic(op, addr, len, other, other_block.len);
        }
        if let Some((&other, other_block)) = after {
            overlap_panic(op, addr, len, other, other_block.len);
        }
        self.blocks.insert(addr, Block { layout, len });
        self.live_bytes = self.live_bytes.saturating_add(layout.size());
        if let Some(index) = self.freed.iter().position(|&freed| freed == addr) {
            self.freed.remove(index);
        }
    }

    /// Removes the block at `addr` that `op` hands back with `layout`, after checking the
    /// caller's side of the contract.
    ///
    /// # Panics
    /// If no live block starts at `addr`, or `layout` does not fit it. The ledger is unchanged
    /// then.
    fn take(&mut self, op: &str, addr: usize, layout: Layout) -> Taken {
        let shown = ShowLayout(layout);
        // A zero-size layout fits a zero-length block of the same alignment; try those first,
        // since one may share its address with a block of non-zero length.
        if layout.size() == 0
            && let Some(count) = self.empty.get_mut(&(addr, layout.align()))
        {
            *count -= 1;
            if *count == 0 {
                self.empty.remove(&(addr, layout.align()));
            }
            return Taken::Empty {
                align: layout.align(),
            };
        }
        if let Some(&block) = self.blocks.get(&addr) {
            let fits = block.layout.align() == layout.align()
                && (block.layout.size()..=block.len).contains(&layout.size());
            assert!(
                fits,
                "Checked: {op} with a layout that does not fit the block at {addr:#x}: given \
                 {shown}, but the block was allocated with {} and has length {} (the alignment \
                 must be equal and the size between the two)",
                ShowLayout(block.layout),
                block.len,
            );
            self.blocks.remove(&addr);
            self.live_bytes = self.live_bytes.saturating_sub(block.layout.size());
            return Taken::Block(block);
        }
        if let Some((&(_, align), _)) = self.empty.range((addr, 0)..=(addr, usize::MAX)).next() {
            panic!(
                "Checked: {op} with a layout that does not fit the block at {addr:#x}: given \
                 {shown}, but the block was allocated with (size 0, align {align}) and has \
                 length 0"
            );
        }
        if self.freed.contains(&addr) {
            panic!(
                "Checked: double free: {op} of {addr:#x} with {shown}, a block that was \
                 already freed"
            );
        }
        if let Some((&start, block)) = self.blocks.range(..addr).next_back()
            && start.saturating_add(block.len) > addr
        {
            panic!(
                "Checked: {op} of a pointer that is not a live block: {addr:#x} points {} \
                 bytes inside the block at {start:#x} of length {}",
                addr - start,
                block.len,
            );
        }
        panic!(
            "Checked: {op} of a pointer that is not a live block (double free or foreign \
             pointer): {addr:#x} with {shown}"
        );
    }

    /// Undoes [`take`](Self::take) after the inner allocator refused a `grow` or `shrink`: the
    /// old block is still allocated.
    fn put_back(&mut self, addr: usize, taken: Taken) {
        match taken {
            Taken::Block(block) => {
                self.blocks.insert(addr, block);
                self.live_bytes = self.live_bytes.saturating_add(block.layout.size());
            }
            Taken::Empty { align } => *self.empty.entry((addr, align)).or_insert(0) += 1,
        }
    }

    /// Remembers that the block of non-zero length at `addr` was freed.
    fn remember_freed(&mut self, addr: usize) {
        if self.freed.len() == REMEMBERED_FREES {
            self.freed.pop_front();
        }
        self.freed.push_back(addr);
    }

    fn live_blocks(&self) -> usize {
        self.blocks.len() + self.empty.values().sum::<usize>()
    }
}

/// Reports that a returned block overlaps a live one.
#[cold]
fn overlap_panic(op: &str, addr: usize, len: usize, other: usize, other_len: usize) -> ! {
    panic!(
        "Checked: {op} returned a block {addr:#x} of length {len} that overlaps the live block \
         {other:#x} of length {other_len}"
    );
}

/// Panics unless the `len` bytes at `ptr` are all zero.
///
/// # Safety
/// - `ptr` must be valid for reads of `len` bytes.
/// - Those bytes must be initialized (they are, if the allocator kept its promise to zero
///   them; if it did not, this is where the broken promise surfaces).
unsafe fn assert_zeroed(op: &str, ptr: *const u8, len: usize) {
    // SAFETY: the caller guarantees `ptr` is valid for reads of `len` initialized bytes, and
    // nothing writes them while this local slice lives.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    if let Some(offset) = bytes.iter().position(|&byte| byte != 0) {
        panic!(
            "Checked: {op} returned a block {:#x} whose byte {offset} is {:#04x}, not zero",
            ptr.addr(),
            bytes[offset],
        );
    }
}

impl<A> Checked<A> {
    /// The byte written over memory as it is freed: `0xDF` ("dead, freed").
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::Checked;
    ///
    /// assert_eq!(<Checked>::POISON, 0xDF);
    /// ```
    pub const POISON: u8 = 0xDF;

    /// Wraps `inner`, with an empty ledger.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Checked, Global};
    ///
    /// let checked = Checked::new(Global);
    /// assert_eq!(checked.live_blocks(), 0);
    /// ```
    pub fn new(inner: A) -> Self {
        Self {
            ledger: Arc::new(SpinLock::new(Ledger::default())),
            inner,
        }
    }

    /// Returns the wrapped allocator.
    ///
    /// Calls made directly on it bypass the ledger; a block allocated there and freed through
    /// `self` is reported as a foreign pointer.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Checked, Counting};
    ///
    /// let checked: Checked<Counting> = Checked::default();
    /// assert_eq!(checked.inner().snapshot().live_blocks, 0);
    /// ```
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Returns the number of live blocks, zero-size ones included.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Checked, Layout};
    ///
    /// let checked: Checked = Checked::default();
    /// let layout = Layout::new::<()>();
    /// let a = checked.allocate(layout)?;
    /// let b = checked.allocate(layout)?; // same dangling address as `a`
    /// assert_eq!(checked.live_blocks(), 2);
    /// // SAFETY: both blocks were allocated above by `checked` with `layout`.
    /// unsafe { checked.deallocate(a.cast(), layout); checked.deallocate(b.cast(), layout) };
    /// assert_eq!(checked.live_blocks(), 0);
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn live_blocks(&self) -> usize {
        self.ledger.lock().live_blocks()
    }

    /// Returns the sum of the sizes of the live blocks, as requested in their layouts.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Checked, Layout};
    ///
    /// let checked: Checked = Checked::default();
    /// let layout = Layout::new::<[u32; 3]>();
    /// let block = checked.allocate(layout)?;
    /// assert_eq!(checked.live_bytes(), 12);
    /// # // SAFETY: `block` was allocated above by `checked` with `layout`.
    /// # unsafe { checked.deallocate(block.cast(), layout) };
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    pub fn live_bytes(&self) -> usize {
        self.ledger.lock().live_bytes
    }

    /// Panics if any block is still live, listing them.
    ///
    /// Call it when everything allocated should have been freed, typically at the end of a
    /// test, after dropping the collections that used this allocator.
    ///
    /// # Panics
    /// If [`live_blocks`](Self::live_blocks) is not 0, with a message starting with
    /// `Checked: leak:` and giving each live block's address, layout and length.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{Allocator, Checked, Layout};
    ///
    /// let checked: Checked = Checked::default();
    /// let layout = Layout::new::<u64>();
    /// let block = checked.allocate(layout)?;
    /// // SAFETY: `block` was allocated above by `checked` with `layout`.
    /// unsafe { checked.deallocate(block.cast(), layout) };
    /// checked.assert_no_leaks(); // passes: nothing is live
    /// # Ok::<(), boxvec::alloc::AllocError>(())
    /// ```
    #[track_caller]
    pub fn assert_no_leaks(&self) {
        let report = {
            let ledger = self.ledger.lock();
            if ledger.live_blocks() == 0 {
                return;
            }
            let mut report = format!(
                "Checked: leak: {} live blocks ({} bytes)",
                ledger.live_blocks(),
                ledger.live_bytes
            );
            for (addr, block) in &ledger.blocks {
                // Writing to a `String` cannot fail.
                let _ = write!(
                    report,
                    "\n  {addr:#x} {}, length {}",
                    ShowLayout(block.layout),
                    block.len
                );
            }
            for (&(addr, align), count) in &ledger.empty {
                let _ = write!(
                    report,
                    "\n  {count} zero-size block(s) at {addr:#x} (align {align})"
                );
            }
            report
        };
        panic!("{report}");
    }
}

impl<A: Allocator> Checked<A> {
    /// Shared body of `allocate` and `allocate_zeroed`.
    fn allocate_with(
        &self,
        op: &str,
        layout: Layout,
        zeroed: bool,
        forward: impl FnOnce(&A) -> Result<NonNull<[u8]>, AllocError>,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let block = forward(&self.inner)?;
        self.ledger.lock().insert(op, block, layout);
        if zeroed {
            // SAFETY: `insert` checked that the block is at least `layout.size()` bytes long,
            // and the inner allocator promised they are zero, hence initialized.
            unsafe { assert_zeroed(op, block.cast::<u8>().as_ptr(), layout.size()) };
        }
        Ok(block)
    }

    /// Shared body of `grow` and `grow_zeroed`.
    ///
    /// # Safety
    /// `forward` must be sound to call with the caller's arguments of `grow`/`grow_zeroed`,
    /// i.e. the caller of those upholds their contract.
    unsafe fn grow_with(
        &self,
        op: &str,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
        zeroed: bool,
        forward: impl FnOnce(&A) -> Result<NonNull<[u8]>, AllocError>,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let addr = ptr.addr().get();
        assert!(
            new_layout.size() >= old_layout.size(),
            "Checked: {op} of {addr:#x} to a smaller size: from {} to {}",
            ShowLayout(old_layout),
            ShowLayout(new_layout),
        );
        let taken = self.ledger.lock().take(op, addr, old_layout);
        let block = match forward(&self.inner) {
            Ok(block) => block,
            Err(error) => {
                self.ledger.lock().put_back(addr, taken);
                return Err(error);
            }
        };
        let new_addr = block.cast::<u8>().addr().get();
        {
            let mut ledger = self.ledger.lock();
            if let Taken::Block(_) = taken
                && new_addr != addr
            {
                ledger.remember_freed(addr);
            }
            ledger.insert(op, block, new_layout);
        }
        if zeroed {
            // `grow_zeroed` must zero the bytes from the old block's length on; those up to
            // the length may hold the caller's data.
            let old_len = match taken {
                Taken::Block(old) => old.len,
                Taken::Empty { .. } => 0,
            };
            if old_len < new_layout.size() {
                // SAFETY: `insert` checked that the new block is at least `new_layout.size()`
                // bytes long, and the inner allocator promised the bytes from `old_len` on are
                // zero, hence initialized.
                unsafe {
                    let start = block.cast::<u8>().as_ptr().add(old_len);
                    assert_zeroed(op, start, new_layout.size() - old_len);
                }
            }
        }
        Ok(block)
    }
}

impl<A: Default> Default for Checked<A> {
    /// Wraps `A::default()`, with an empty ledger.
    fn default() -> Self {
        Self::new(A::default())
    }
}

impl<A: Clone> Clone for Checked<A> {
    /// Returns another handle to the *same* ledger, wrapping a clone of the inner allocator.
    fn clone(&self) -> Self {
        Self {
            ledger: Arc::clone(&self.ledger),
            inner: self.inner.clone(),
        }
    }
}

impl<A: fmt::Debug> fmt::Debug for Checked<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (live_blocks, live_bytes) = {
            let ledger = self.ledger.lock();
            (ledger.live_blocks(), ledger.live_bytes)
        };
        f.debug_struct("Checked")
            .field("live_blocks", &live_blocks)
            .field("live_bytes", &live_bytes)
            .field("inner", &self.inner)
            .finish()
    }
}

// SAFETY: every method either panics before touching the block, or forwards to the same
// method of `self.inner` with the caller's arguments unchanged and returns its result
// unchanged, so every block is one of `A`'s, with `A`'s guarantees; clones share `inner`
// clones, which `A` guarantees behave like the same allocator. The only writes to memory are
// the poison bytes, written to bytes the caller is handing back (so it no longer reads them);
// a shrink that `A` refuses gets its tail restored, so a failed shrink leaves the block
// unaltered as the trait requires.
unsafe impl<A: Allocator> Allocator for Checked<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.allocate_with("allocate", layout, false, |inner| inner.allocate(layout))
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.allocate_with("allocate_zeroed", layout, true, |inner| {
            inner.allocate_zeroed(layout)
        })
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        let addr = ptr.addr().get();
        {
            let mut ledger = self.ledger.lock();
            if let Taken::Block(_) = ledger.take("deallocate", addr, layout) {
                ledger.remember_freed(addr);
            }
        }
        // SAFETY: the caller guarantees `ptr` is a block currently allocated by this
        // allocator and `layout` fits it, so `ptr` is valid for writes of `layout.size()`
        // bytes; the caller gives the block up, so it never reads these bytes again.
        unsafe { ptr.as_ptr().write_bytes(Self::POISON, layout.size()) };
        // SAFETY: the caller upholds `deallocate`'s contract for `self`, whose blocks are
        // exactly `self.inner`'s blocks.
        unsafe { self.inner.deallocate(ptr, layout) };
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let forward = |inner: &A| {
            // SAFETY: the caller upholds `grow`'s contract for `self`, whose blocks are
            // exactly `self.inner`'s blocks.
            unsafe { inner.grow(ptr, old_layout, new_layout) }
        };
        // SAFETY: `forward` passes on the caller's arguments of `grow`.
        unsafe { self.grow_with("grow", ptr, old_layout, new_layout, false, forward) }
    }

    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let forward = |inner: &A| {
            // SAFETY: the caller upholds `grow_zeroed`'s contract for `self`, whose blocks are
            // exactly `self.inner`'s blocks.
            unsafe { inner.grow_zeroed(ptr, old_layout, new_layout) }
        };
        // SAFETY: `forward` passes on the caller's arguments of `grow_zeroed`.
        unsafe { self.grow_with("grow_zeroed", ptr, old_layout, new_layout, true, forward) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let addr = ptr.addr().get();
        assert!(
            new_layout.size() <= old_layout.size(),
            "Checked: shrink of {addr:#x} to a larger size: from {} to {}",
            ShowLayout(old_layout),
            ShowLayout(new_layout),
        );
        let taken = self.ledger.lock().take("shrink", addr, old_layout);

        // Poison the tail being released, keeping a copy in case the shrink is refused.
        let keep = new_layout.size();
        let tail_len = old_layout.size() - keep;
        // SAFETY: the caller guarantees `ptr` is a block currently allocated by this allocator
        // and `old_layout` fits it, so `ptr` is valid for `old_layout.size()` bytes and the
        // tail `keep..old_layout.size()` is inside the block.
        let tail = unsafe { ptr.as_ptr().add(keep) };
        let mut saved: Vec<MaybeUninit<u8>> = Vec::with_capacity(tail_len);
        // SAFETY: `tail` is valid for reads and writes of `tail_len` bytes (above); `saved` has
        // room for `tail_len` bytes and is a separate allocation. Copying as `MaybeUninit<u8>`
        // keeps uninitialized bytes uninitialized. The caller gives the tail up, so poisoning
        // it is unobservable to the caller unless the shrink fails, and then we restore it.
        unsafe {
            ptr::copy_nonoverlapping(tail.cast_const(), saved.as_mut_ptr().cast(), tail_len);
            tail.write_bytes(Self::POISON, tail_len);
        }

        // SAFETY: the caller upholds `shrink`'s contract for `self`, whose blocks are exactly
        // `self.inner`'s blocks.
        let result = unsafe { self.inner.shrink(ptr, old_layout, new_layout) };
        match result {
            Ok(block) => {
                let mut ledger = self.ledger.lock();
                if let Taken::Block(_) = taken
                    && block.cast::<u8>().addr().get() != addr
                {
                    ledger.remember_freed(addr);
                }
                ledger.insert("shrink", block, new_layout);
            }
            Err(_) => {
                // SAFETY: the shrink failed, so the block is still allocated and `tail` valid
                // for `tail_len` bytes; `saved` holds the `tail_len` bytes copied from it.
                unsafe { ptr::copy_nonoverlapping(saved.as_ptr().cast(), tail, tail_len) };
                self.ledger.lock().put_back(addr, taken);
            }
        }
        result
    }
}
