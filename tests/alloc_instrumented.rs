//! Tests of the instrumented allocators in `boxvec::alloc`, through their public API only.
//!
//! Every test frees what it allocates, including the `should_panic` ones (a guard frees the
//! block while the panic unwinds), so the suite stays clean under Miri's and valgrind's leak
//! checks. Nothing here reads freed memory: poisoning is observed by an inner allocator that
//! inspects the bytes *before* it frees them.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::NonNull;
use std::sync::Mutex;

use boxvec::alloc::{
    AllocError, Allocator, Checked, Counting, CountingSnapshot, Event, FailMode, Failing,
    FromGlobal, Global, GlobalAlloc, Layout, Recording,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

fn addr(block: NonNull<[u8]>) -> usize {
    block.cast::<u8>().as_ptr().addr()
}

/// Writes `byte` over the first `len` bytes of `block`.
///
/// # Safety
/// `block` must be valid for writes of `len` bytes.
unsafe fn fill(block: NonNull<[u8]>, byte: u8, len: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe { block.cast::<u8>().as_ptr().write_bytes(byte, len) };
}

/// Reads the first `len` bytes of `block`.
///
/// # Safety
/// `block` must be valid for reads of `len` initialized bytes.
unsafe fn read(block: NonNull<[u8]>, len: usize) -> Vec<u8> {
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(block.cast::<u8>().as_ptr(), len).to_vec() }
}

/// Allocates zero-filled through an allocator taken by value (used with `&X`).
fn allocate_through<A: Allocator>(a: A, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
    a.allocate_zeroed(layout)
}

/// Deallocates through an allocator taken by value (used with `&X`).
///
/// # Safety
/// As for [`Allocator::deallocate`].
unsafe fn deallocate_through<A: Allocator>(a: A, block: NonNull<[u8]>, layout: Layout) {
    // SAFETY: guaranteed by the caller.
    unsafe { a.deallocate(block.cast(), layout) }
}

/// Runs a closure when dropped *during a panic*: frees what a `should_panic` test allocated.
struct OnUnwind<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnUnwind<F> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            (self.0)();
        }
    }
}

/// An allocator over `Global` that returns blocks longer than requested: sizes are rounded up
/// to a multiple of 32. Any fitting size rounds to the same length, so it frees correctly.
#[derive(Clone, Copy, Default, Debug)]
struct RoundUp;

impl RoundUp {
    fn round(layout: Layout) -> Layout {
        let size = layout.size().div_ceil(32) * 32;
        Layout::from_size_align(size, layout.align()).unwrap()
    }
}

// SAFETY: every block is a `Global` block of the rounded layout, reported with its full
// length; every method passes the rounded layouts, which fit the `Global` block whenever the
// caller's layout fits ours (all sizes between requested and returned round to the same).
unsafe impl Allocator for RoundUp {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        Global.allocate(Self::round(layout))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: see the impl comment.
        unsafe { Global.deallocate(ptr, Self::round(layout)) }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: see the impl comment.
        unsafe { Global.grow(ptr, Self::round(old), Self::round(new)) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: see the impl comment.
        unsafe { Global.shrink(ptr, Self::round(old), Self::round(new)) }
    }
}

/// An allocator over `Global` that inspects the bytes handed back to it before freeing them:
/// on `deallocate` the whole block, on `shrink` the tail being released. Only sound under
/// `Checked`, which has initialized those bytes with poison.
#[derive(Default)]
struct Inspecting {
    /// For each `deallocate` or `shrink`: the bytes handed back.
    seen: Mutex<Vec<Vec<u8>>>,
}

// SAFETY: forwards every method to `Global` unchanged; it only reads bytes the caller hands
// back, which are still allocated at that point.
unsafe impl Allocator for Inspecting {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        Global.allocate(layout)
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the block is still allocated and `Checked` wrote poison over its bytes.
        let bytes = unsafe { std::slice::from_raw_parts(ptr.as_ptr(), layout.size()) };
        self.seen.lock().unwrap().push(bytes.to_vec());
        // SAFETY: the caller upholds `deallocate`'s contract.
        unsafe { Global.deallocate(ptr, layout) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the block is still allocated with `old`, and `Checked` wrote poison over
        // the tail `new.size()..old.size()`.
        let tail = unsafe {
            std::slice::from_raw_parts(ptr.as_ptr().add(new.size()), old.size() - new.size())
        };
        self.seen.lock().unwrap().push(tail.to_vec());
        // SAFETY: the caller upholds `shrink`'s contract.
        unsafe { Global.shrink(ptr, old, new) }
    }
}

/// A deliberately broken allocator serving blocks from a static buffer, which it never
/// frees: nothing leaks when `Checked` rejects a block.
#[derive(Clone, Copy)]
enum Broken {
    /// Returns the buffer's address + 1, which is misaligned for any alignment > 1.
    Misaligned,
    /// Returns a block one byte shorter than requested.
    Short,
    /// Returns the same block every time, so two live blocks overlap.
    SameBlock,
    /// `allocate_zeroed` returns bytes that are not zero.
    NotZeroed,
}

#[repr(align(64))]
struct Arena(UnsafeCell<[u8; 64]>);

// SAFETY: nothing ever writes the arena (`Checked` rejects its blocks before anyone could), so
// sharing it between test threads is fine.
unsafe impl Sync for Arena {}

static ARENA: Arena = Arena(UnsafeCell::new([0xAB; 64]));

// SAFETY: not a correct allocator at all; it exists only to be rejected by `Checked`, which
// panics before any caller uses its blocks. It never frees anything.
unsafe impl Allocator for Broken {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        assert!(layout.size() <= 32 && layout.align() <= 64);
        let base = NonNull::new(ARENA.0.get().cast::<u8>()).unwrap();
        let block = match self {
            // SAFETY: offset 1 stays inside the 64-byte arena.
            Broken::Misaligned => {
                NonNull::slice_from_raw_parts(unsafe { base.add(1) }, layout.size())
            }
            Broken::Short => NonNull::slice_from_raw_parts(base, layout.size() - 1),
            Broken::SameBlock | Broken::NotZeroed => {
                NonNull::slice_from_raw_parts(base, layout.size())
            }
        };
        Ok(block)
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        // Deliberately not zeroed: the arena holds 0xAB.
        self.allocate(layout)
    }

    unsafe fn deallocate(&self, _ptr: NonNull<u8>, _layout: Layout) {}
}

// ---------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------

#[test]
fn counting_counts_a_known_sequence() -> Result<(), AllocError> {
    let counting = Counting::new(Global);
    let (l8, l32, l16) = (layout(8, 8), layout(32, 8), layout(16, 8));

    let a = counting.allocate(l8)?;
    let b = counting.allocate_zeroed(l8)?;
    // SAFETY: `a` is live with `l8`; 32 >= 8.
    let a = unsafe { counting.grow(a.cast(), l8, l32)? };
    // SAFETY: `b` is live with `l8`; 16 >= 8.
    let b = unsafe { counting.grow_zeroed(b.cast(), l8, l16)? };
    // SAFETY: `a` is live with `l32`; 16 <= 32.
    let a = unsafe { counting.shrink(a.cast(), l32, l16)? };
    assert_eq!(counting.snapshot().live_bytes, 32);
    // SAFETY: both blocks are live with `l16`.
    unsafe {
        counting.deallocate(a.cast(), l16);
        counting.deallocate(b.cast(), l16);
    }

    assert_eq!(
        counting.snapshot(),
        CountingSnapshot {
            allocations: 1,
            zeroed_allocations: 1,
            grows: 2,
            shrinks: 1,
            deallocations: 2,
            failures: 0,
            live_blocks: 0,
            live_bytes: 0,
            // 8 + 8, then 32 + 8, then 32 + 16 = 48 before the shrink.
            peak_bytes: 48,
        }
    );
    Ok(())
}

#[test]
fn counting_since_gives_deltas_and_reset_peak_restarts_the_peak() -> Result<(), AllocError> {
    let counting: Counting = Counting::default();
    let l64 = layout(64, 1);
    let kept = counting.allocate(l64)?;
    // A block that comes and goes first, so the peak (164) is above the live bytes (64) when
    // it is reset: resetting must bring it down.
    let passing = counting.allocate(layout(100, 1))?;
    // SAFETY: `passing` is live with size 100.
    unsafe { counting.deallocate(passing.cast(), layout(100, 1)) };
    assert_eq!(counting.snapshot().peak_bytes, 164);
    let before = counting.snapshot();
    counting.reset_peak();
    assert_eq!(counting.snapshot().peak_bytes, 64);

    let tmp = counting.allocate(layout(10, 1))?;
    // SAFETY: `tmp` is live with size 10.
    unsafe { counting.deallocate(tmp.cast(), layout(10, 1)) };

    let delta = counting.snapshot().since(&before);
    assert_eq!(
        delta,
        CountingSnapshot {
            allocations: 1,
            deallocations: 1,
            live_blocks: 1, // current, not a difference
            live_bytes: 64, // current
            peak_bytes: 74, // since reset_peak
            ..CountingSnapshot::default()
        }
    );
    // SAFETY: `kept` is live with `l64`.
    unsafe { counting.deallocate(kept.cast(), l64) };
    Ok(())
}

#[test]
fn counting_counts_failures_and_clones_share_counters() {
    let counting = Counting::new(Failing::with_mode(Global, FailMode::From(0)));
    let handle = counting.clone();
    assert!(handle.allocate(layout(4, 4)).is_err());
    assert!(allocate_through(&handle, layout(4, 4)).is_err()); // `&Counting` is an allocator
    let counts = counting.snapshot();
    assert_eq!(
        (counts.failures, counts.allocations, counts.live_blocks),
        (2, 0, 0)
    );
}

#[test]
fn counting_counts_a_refused_grow_as_a_failure_and_keeps_the_old_size() -> Result<(), AllocError> {
    // Request 0 (the allocation) passes, request 1 (the grow) is refused.
    let counting = Counting::new(Failing::with_mode(Global, FailMode::Nth(1)));
    let (l8, l16) = (layout(8, 8), layout(16, 8));
    let block = counting.allocate(l8)?;
    // SAFETY: `block` is live with `l8`, and 16 >= 8.
    assert!(unsafe { counting.grow(block.cast(), l8, l16) }.is_err());
    let counts = counting.snapshot();
    assert_eq!(
        (
            counts.failures,
            counts.grows,
            counts.live_blocks,
            counts.live_bytes
        ),
        (1, 0, 1, 8)
    );
    // SAFETY: the refused grow left `block` live with `l8`.
    unsafe { counting.deallocate(block.cast(), l8) };
    Ok(())
}

#[test]
fn counting_sees_zero_size_blocks_as_blocks_of_zero_bytes() -> Result<(), AllocError> {
    let counting: Counting = Counting::default();
    let zst = layout(0, 8);
    let blocks: Vec<_> = (0..5)
        .map(|_| counting.allocate(zst))
        .collect::<Result<_, _>>()?;
    let counts = counting.snapshot();
    assert_eq!((counts.live_blocks, counts.live_bytes), (5, 0));
    for block in blocks {
        // SAFETY: each block is live with `zst`.
        unsafe { counting.deallocate(block.cast(), zst) };
    }
    assert_eq!(counting.snapshot().live_blocks, 0);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Recording
// ---------------------------------------------------------------------------------------------

#[test]
fn recording_logs_each_call_with_addresses_and_moves() -> Result<(), AllocError> {
    let recording: Recording = Recording::default();
    let (small, big, big_aligned) = (layout(8, 8), layout(64, 8), layout(64, 256));

    let block = recording.allocate(small)?;
    let first = addr(block);
    // SAFETY: `block` is live with `small`; 64 >= 8.
    let block = unsafe { recording.grow(block.cast(), small, big)? };
    let second = addr(block);
    // A new alignment forces a new block, while the old one is still live: it must move.
    // SAFETY: `block` is live with `big`; sizes equal.
    let block = unsafe { recording.grow_zeroed(block.cast(), big, big_aligned)? };
    let third = addr(block);
    // SAFETY: `block` is live with `big_aligned`; 0 <= 64.
    let block = unsafe { recording.shrink(block.cast(), big_aligned, layout(0, 256))? };
    let fourth = addr(block);
    // SAFETY: `block` is live with size 0, align 256.
    unsafe { recording.deallocate(block.cast(), layout(0, 256)) };

    let events = recording.events();
    assert_eq!(
        events,
        [
            Event::Allocate {
                layout: small,
                zeroed: false,
                addr: Some(first)
            },
            Event::Grow {
                old_addr: first,
                old_layout: small,
                new_layout: big,
                zeroed: false,
                new_addr: Some(second)
            },
            Event::Grow {
                old_addr: second,
                old_layout: big,
                new_layout: big_aligned,
                zeroed: true,
                new_addr: Some(third)
            },
            Event::Shrink {
                old_addr: third,
                old_layout: big_aligned,
                new_layout: layout(0, 256),
                new_addr: Some(fourth)
            },
            Event::Deallocate {
                addr: fourth,
                layout: layout(0, 256)
            },
        ]
    );
    assert_eq!(events[0].moved(), None);
    assert_eq!(events[1].moved(), Some(first != second));
    assert_eq!(events[2].moved(), Some(true));
    assert_eq!(events[3].moved(), Some(true)); // shrink to 0: the dangling address 256
    assert_eq!(fourth, 256);
    assert_eq!(events[4].moved(), None);
    Ok(())
}

#[test]
fn recording_display_prints_one_line_per_event() {
    let (l8, l16) = (layout(8, 4), layout(16, 4));
    let lines: Vec<String> = [
        Event::Allocate {
            layout: l8,
            zeroed: false,
            addr: Some(0x1000),
        },
        Event::Allocate {
            layout: l8,
            zeroed: true,
            addr: None,
        },
        Event::Grow {
            old_addr: 0x1000,
            old_layout: l8,
            new_layout: l16,
            zeroed: false,
            new_addr: Some(0x1000),
        },
        Event::Grow {
            old_addr: 0x1000,
            old_layout: l8,
            new_layout: l16,
            zeroed: true,
            new_addr: Some(0x2000),
        },
        Event::Shrink {
            old_addr: 0x2000,
            old_layout: l16,
            new_layout: l8,
            new_addr: None,
        },
        Event::Deallocate {
            addr: 0x2000,
            layout: l16,
        },
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        lines,
        [
            "allocate (size 8, align 4) = 0x1000",
            "allocate_zeroed (size 8, align 4) = FAILED",
            "grow 0x1000 (size 8, align 4) -> (size 16, align 4) = 0x1000 (in place)",
            "grow_zeroed 0x1000 (size 8, align 4) -> (size 16, align 4) = 0x2000 (moved)",
            "shrink 0x2000 (size 16, align 4) -> (size 8, align 4) = FAILED",
            "deallocate 0x2000 (size 16, align 4)",
        ]
    );
    for line in &lines {
        assert!(!line.contains('\n'));
    }
}

#[test]
fn recording_records_failed_requests_and_keeps_the_old_block() -> Result<(), AllocError> {
    let recording = Recording::new(Failing::new(Global));
    let (l8, l16) = (layout(8, 1), layout(16, 1));
    let block = recording.allocate(l8)?;
    recording.inner().set_mode(FailMode::From(0));
    // SAFETY: `block` is live with `l8`; 16 >= 8.
    assert!(unsafe { recording.grow(block.cast(), l8, l16) }.is_err());
    let last = *recording.events().last().unwrap();
    assert!(matches!(last, Event::Grow { new_addr: None, .. }));
    assert_eq!(last.moved(), None);
    // The refused grow left `block` allocated: free it.
    // SAFETY: `block` is still live with `l8`.
    unsafe { recording.deallocate(block.cast(), l8) };
    Ok(())
}

#[test]
fn recording_passes_zeroed_requests_on_and_logs_them_as_zeroed() -> Result<(), AllocError> {
    let recording: Recording = Recording::default();
    let l = layout(24, 8);
    let block = recording.allocate_zeroed(l)?;
    assert!(block.len() >= 24);
    // SAFETY: a zeroed block of at least 24 bytes is valid for reads of 24 initialized bytes.
    assert_eq!(unsafe { read(block, 24) }, [0; 24]);
    assert_eq!(
        recording.events(),
        [Event::Allocate {
            layout: l,
            zeroed: true,
            addr: Some(addr(block)),
        }]
    );
    // SAFETY: `block` is live with `l`.
    unsafe { recording.deallocate(block.cast(), l) };
    Ok(())
}

#[test]
fn recording_clear_len_and_shared_log() -> Result<(), AllocError> {
    let recording: Recording = Recording::default();
    assert_eq!((recording.len(), recording.is_empty()), (0, true));
    let handle = recording.clone();
    let l = layout(4, 4);
    let block = handle.allocate(l)?;
    let other = handle.allocate(l)?;
    assert_eq!((recording.len(), recording.is_empty()), (2, false));
    recording.clear();
    assert_eq!((handle.len(), handle.is_empty()), (0, true));
    // SAFETY: `block` and `other` are live with `l`.
    unsafe {
        deallocate_through(&recording, block, l); // `&Recording` is an allocator
        deallocate_through(&recording, other, l);
    }
    assert_eq!(handle.len(), 2);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Failing
// ---------------------------------------------------------------------------------------------

/// The operation walked by the `Nth` test: allocate, grow, shrink, free; three requests.
/// On any failure it frees what it holds and reports which step failed.
fn three_requests(a: &impl Allocator) -> Result<(), usize> {
    let (l8, l64, l32) = (layout(8, 8), layout(64, 8), layout(32, 8));
    let block = a.allocate(l8).map_err(|_| 0_usize)?;
    // SAFETY: `block` is live with `l8`; 64 >= 8.
    let block = match unsafe { a.grow(block.cast(), l8, l64) } {
        Ok(grown) => grown,
        Err(_) => {
            // SAFETY: a refused grow leaves `block` live with `l8`.
            unsafe { a.deallocate(block.cast(), l8) };
            return Err(1);
        }
    };
    // SAFETY: `block` is live with `l64`; 32 <= 64.
    let (block, held) = match unsafe { a.shrink(block.cast(), l64, l32) } {
        Ok(shrunk) => (shrunk, l32),
        Err(_) => (block, l64),
    };
    // SAFETY: `block` is live with `held`.
    unsafe { a.deallocate(block.cast(), held) };
    if held == l64 { Err(2) } else { Ok(()) }
}

#[test]
fn failing_nth_walks_every_request_of_an_operation() {
    let checked = Checked::new(Failing::new(Global));
    let failing = checked.inner();
    let mut n = 0;
    loop {
        failing.set_mode(FailMode::Nth(n));
        failing.reset();
        match three_requests(&checked) {
            Ok(()) => break,
            Err(step) => {
                assert_eq!(step as u64, n, "request {n} should be the one that failed");
                assert_eq!(failing.failures(), 1);
            }
        }
        checked.assert_no_leaks();
        n += 1;
    }
    assert_eq!(n, 3);
    assert_eq!((failing.requests(), failing.failures()), (3, 0));
    checked.assert_no_leaks();
}

#[test]
fn failing_from_fails_every_request_from_n_on() -> Result<(), AllocError> {
    let failing = Failing::with_mode(Global, FailMode::From(2));
    let l = layout(16, 8);
    let a = failing.allocate(l)?;
    let b = failing.allocate_zeroed(l)?;
    assert!(failing.allocate(l).is_err());
    // SAFETY: `a` is live with `l`; 32 >= 16.
    assert!(unsafe { failing.grow(a.cast(), l, layout(32, 8)) }.is_err());
    // SAFETY: `a` is live with `l`; 8 <= 16.
    assert!(unsafe { failing.shrink(a.cast(), l, layout(8, 8)) }.is_err());
    assert_eq!((failing.requests(), failing.failures()), (5, 3));
    // Deallocation is never refused and is not a request.
    // SAFETY: both blocks are live with `l`.
    unsafe {
        failing.deallocate(a.cast(), l);
        failing.deallocate(b.cast(), l);
    }
    assert_eq!(failing.requests(), 5);
    Ok(())
}

#[test]
fn failing_larger_than_looks_at_the_new_size() -> Result<(), AllocError> {
    let failing = Failing::with_mode(Global, FailMode::LargerThan(32));
    let (l32, l33, l64) = (layout(32, 1), layout(33, 1), layout(64, 1));
    assert!(failing.allocate(l33).is_err());
    let block = failing.allocate(l32)?;
    // SAFETY: `block` is live with `l32`; 64 >= 32.
    assert!(unsafe { failing.grow(block.cast(), l32, l64) }.is_err());
    failing.set_mode(FailMode::Never);
    // SAFETY: `block` is still live with `l32` (the grow was refused).
    let block = unsafe { failing.grow(block.cast(), l32, l64)? };
    failing.set_mode(FailMode::LargerThan(32));
    // A shrink to 33 bytes is still "larger than 32".
    // SAFETY: `block` is live with `l64`; 33 <= 64.
    assert!(unsafe { failing.shrink(block.cast(), l64, l33) }.is_err());
    // SAFETY: `block` is live with `l64`; 32 <= 64.
    let block = unsafe { failing.shrink(block.cast(), l64, l32)? };
    // SAFETY: `block` is live with `l32`.
    unsafe { failing.deallocate(block.cast(), l32) };
    assert_eq!(failing.failures(), 3);
    Ok(())
}

#[test]
fn failing_live_bytes_over_enforces_a_budget() -> Result<(), AllocError> {
    let failing = Failing::with_mode(Global, FailMode::LiveBytesOver(100));
    let (l60, l40, l41, l10) = (layout(60, 1), layout(40, 1), layout(41, 1), layout(10, 1));
    let a = failing.allocate(l60)?;
    assert!(failing.allocate(l41).is_err()); // 101 > 100
    let b = failing.allocate(l40)?; // exactly 100
    assert!(failing.allocate(layout(1, 1)).is_err());
    let empty = failing.allocate(layout(0, 1))?; // adds nothing: never refused
    // SAFETY: `empty` is a live zero-size block.
    unsafe { failing.deallocate(empty.cast(), layout(0, 1)) };
    // SAFETY: `a` is live with `l60`; 61 >= 60.
    assert!(unsafe { failing.grow(a.cast(), l60, layout(61, 1)) }.is_err());
    // A shrink lowers the live bytes: never refused, and it frees budget.
    // SAFETY: `a` is live with `l60`; 10 <= 60.
    let a = unsafe { failing.shrink(a.cast(), l60, l10)? };
    let c = failing.allocate(layout(50, 1))?; // 10 + 40 + 50
    // SAFETY: all three blocks are live with these layouts.
    unsafe {
        failing.deallocate(c.cast(), layout(50, 1));
        failing.deallocate(b.cast(), l40);
    }
    // SAFETY: `a` is live with `l10`; 100 >= 10; 10 + 90 = 100 fits the budget.
    let a = unsafe { failing.grow(a.cast(), l10, layout(100, 1))? };
    // SAFETY: `a` is live with size 100.
    unsafe { failing.deallocate(a.cast(), layout(100, 1)) };
    assert_eq!(failing.failures(), 3);
    Ok(())
}

#[test]
fn failing_live_bytes_over_never_refuses_what_adds_nothing_even_over_budget()
-> Result<(), AllocError> {
    let failing = Failing::with_mode(Global, FailMode::LiveBytesOver(100));
    let l60 = layout(60, 1);
    let block = failing.allocate(l60)?;
    // The budget drops below what is already live: requests that add bytes are refused, but
    // a zero-size allocation or a shrink adds nothing and must still pass.
    failing.set_mode(FailMode::LiveBytesOver(10));
    assert!(failing.allocate(layout(1, 1)).is_err());
    let empty = failing.allocate(layout(0, 1))?;
    // SAFETY: `block` is live with `l60`; 30 <= 60.
    let block = unsafe { failing.shrink(block.cast(), l60, layout(30, 1))? };
    // SAFETY: both blocks are live with these layouts.
    unsafe {
        failing.deallocate(empty.cast(), layout(0, 1));
        failing.deallocate(block.cast(), layout(30, 1));
    }
    assert_eq!(failing.failures(), 1);
    Ok(())
}

#[test]
fn failing_reset_restarts_the_count_and_keeps_the_mode() {
    let failing = Failing::with_mode(Global, FailMode::Nth(0));
    let l = layout(1, 1);
    for _ in 0..3 {
        assert!(failing.allocate(l).is_err());
        assert_eq!((failing.requests(), failing.failures()), (1, 1));
        failing.reset();
        assert_eq!((failing.requests(), failing.failures()), (0, 0));
        assert_eq!(failing.mode(), FailMode::Nth(0));
    }
}

#[test]
fn failing_refused_grow_and_shrink_leave_the_block_untouched() -> Result<(), AllocError> {
    let failing = Failing::new(Global);
    let (l16, l32, l8) = (layout(16, 8), layout(32, 8), layout(8, 8));
    let block = failing.allocate(l16)?;
    // SAFETY: `block` is valid for 16 bytes.
    unsafe { fill(block, 0x5A, 16) };
    failing.set_mode(FailMode::From(0));
    // SAFETY: `block` is live with `l16`; 32 >= 16 and 8 <= 16.
    unsafe {
        assert!(failing.grow(block.cast(), l16, l32).is_err());
        assert!(failing.grow_zeroed(block.cast(), l16, l32).is_err());
        assert!(failing.shrink(block.cast(), l16, l8).is_err());
    }
    // SAFETY: the block is still live with 16 initialized bytes.
    assert_eq!(unsafe { read(block, 16) }, [0x5A; 16]);
    // SAFETY: `block` is live with `l16`.
    unsafe { failing.deallocate(block.cast(), l16) };
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checked: the caller's side
// ---------------------------------------------------------------------------------------------

#[test]
#[should_panic(expected = "Checked: double free: deallocate of")]
fn checked_catches_a_double_free() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`; the second call is the bug under test, and `Checked`
    // panics before passing it on.
    unsafe {
        checked.deallocate(block.cast(), l);
        checked.deallocate(block.cast(), l);
    }
}

#[test]
#[should_panic(
    expected = "Checked: deallocate of a pointer that is not a live block (double free or \
                foreign pointer)"
)]
fn checked_catches_a_foreign_pointer() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let foreign = Global.allocate(l).unwrap();
    // SAFETY: `foreign` is live in `Global` with `l`.
    let _free = OnUnwind(|| unsafe { Global.deallocate(foreign.cast(), l) });
    // SAFETY: none: `foreign` is not `checked`'s, the bug under test; `Checked` panics first.
    unsafe { checked.deallocate(foreign.cast(), l) };
}

#[test]
#[should_panic(expected = "points 4 bytes inside the block")]
fn checked_catches_an_interior_pointer() {
    let checked: Checked = Checked::default();
    let l = layout(16, 4);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: offset 4 is inside the block. The deallocation is the bug under test.
    unsafe { checked.deallocate(block.cast::<u8>().add(4), layout(12, 4)) };
}

#[test]
#[should_panic(expected = "Checked: deallocate with a layout that does not fit the block")]
fn checked_catches_a_wrong_size_deallocate() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: none: size 8 does not fit, the bug under test; `Checked` panics first.
    unsafe { checked.deallocate(block.cast(), layout(8, 8)) };
}

#[test]
#[should_panic(
    expected = "given (size 16, align 4), but the block was allocated with (size 16, \
                           align 8)"
)]
fn checked_catches_a_wrong_align_deallocate() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: none: align 4 does not fit, the bug under test; `Checked` panics first.
    unsafe { checked.deallocate(block.cast(), layout(16, 4)) };
}

#[test]
#[should_panic(expected = "Checked: grow_zeroed with a layout that does not fit")]
fn checked_catches_a_grow_with_a_wrong_old_layout() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: none: the old layout does not fit, the bug under test; `Checked` panics first.
    let _ = unsafe { checked.grow_zeroed(block.cast(), layout(24, 8), layout(32, 8)) };
}

#[test]
#[should_panic(expected = "Checked: grow of")]
fn checked_catches_a_grow_that_shrinks() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: none: a grow to a smaller size, the bug under test; `Checked` panics first.
    let _ = unsafe { checked.grow(block.cast(), l, layout(8, 8)) };
}

#[test]
#[should_panic(expected = "Checked: shrink of")]
fn checked_catches_a_shrink_that_grows() {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l).unwrap();
    // SAFETY: `block` is live with `l`, and the ledger is intact after the panic.
    let _free = OnUnwind(|| unsafe { checked.deallocate(block.cast(), l) });
    // SAFETY: none: a shrink to a larger size, the bug under test; `Checked` panics first.
    let _ = unsafe { checked.shrink(block.cast(), l, layout(32, 8)) };
}

#[test]
#[should_panic(expected = "Checked: leak: 2 live blocks (16 bytes)")]
fn checked_assert_no_leaks_reports_live_blocks() {
    let checked: Checked = Checked::default();
    let (l16, zst) = (layout(16, 8), layout(0, 8));
    let block = checked.allocate(l16).unwrap();
    let empty = checked.allocate(zst).unwrap();
    // SAFETY: both blocks are live with these layouts.
    let _free = OnUnwind(|| unsafe {
        checked.deallocate(block.cast(), l16);
        checked.deallocate(empty.cast(), zst);
    });
    checked.assert_no_leaks();
}

#[test]
fn checked_accepts_any_size_between_requested_and_returned() -> Result<(), AllocError> {
    let checked = Checked::new(RoundUp);
    let l = layout(20, 4);
    for fitting in [20, 25, 32] {
        let block = checked.allocate(l)?;
        assert_eq!(block.len(), 32);
        // SAFETY: `block` is live; requested 20, returned 32, so size `fitting` fits.
        unsafe { checked.deallocate(block.cast(), layout(fitting, 4)) };
    }
    // The same holds for the old layout of a grow or shrink.
    let block = checked.allocate(l)?;
    // SAFETY: `block` is live; 30 fits (20..=32); 40 >= 30.
    let block = unsafe { checked.grow(block.cast(), layout(30, 4), layout(40, 4))? };
    assert_eq!(block.len(), 64);
    // SAFETY: `block` is live; 64 fits (40..=64); 1 <= 64.
    let block = unsafe { checked.shrink(block.cast(), layout(64, 4), layout(1, 4))? };
    // SAFETY: `block` is live; 32 fits (1..=32).
    unsafe { checked.deallocate(block.cast(), layout(32, 4)) };
    checked.assert_no_leaks();
    Ok(())
}

#[test]
fn checked_panics_release_the_lock_and_keep_the_ledger() -> Result<(), AllocError> {
    let checked: Checked = Checked::default();
    let l = layout(16, 8);
    let block = checked.allocate(l)?;
    let caught = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: none: a wrong size, the bug under test; `Checked` panics first.
        unsafe { checked.deallocate(block.cast(), layout(15, 8)) };
    }));
    assert!(caught.is_err());
    // The lock was released while unwinding and the block is still recorded as live.
    assert_eq!((checked.live_blocks(), checked.live_bytes()), (1, 16));
    // SAFETY: `block` is live with `l`.
    unsafe { checked.deallocate(block.cast(), l) };
    checked.assert_no_leaks();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checked: the allocator's side
// ---------------------------------------------------------------------------------------------

#[test]
#[should_panic(expected = "Checked: allocate returned a misaligned block")]
fn checked_catches_a_misaligned_block() {
    let _ = Checked::new(Broken::Misaligned).allocate(layout(8, 8));
}

#[test]
#[should_panic(expected = "Checked: allocate returned a block")]
fn checked_catches_a_short_block() {
    let _ = Checked::new(Broken::Short).allocate(layout(8, 8));
}

#[test]
#[should_panic(expected = "overlaps the live block")]
fn checked_catches_overlapping_blocks() {
    let checked = Checked::new(Broken::SameBlock);
    let _ = checked.allocate(layout(8, 8));
    let _ = checked.allocate(layout(8, 8));
}

#[test]
#[should_panic(expected = "Checked: allocate_zeroed returned a block")]
fn checked_catches_a_block_that_is_not_zeroed() {
    let _ = Checked::new(Broken::NotZeroed).allocate_zeroed(layout(8, 8));
}

#[test]
fn checked_verifies_zeroing_of_real_allocators() -> Result<(), AllocError> {
    let checked: Checked = Checked::default();
    let (l8, l4096) = (layout(8, 8), layout(4096, 8));
    let block = checked.allocate_zeroed(l8)?;
    // SAFETY: `block` is valid for 8 bytes.
    unsafe { fill(block, 0x11, 8) };
    // SAFETY: `block` is live with `l8`; 4096 >= 8.
    let block = unsafe { checked.grow_zeroed(block.cast(), l8, l4096)? };
    // SAFETY: the old bytes were preserved and the new ones zeroed.
    let bytes = unsafe { read(block, 4096) };
    assert_eq!(bytes[..8], [0x11; 8]);
    assert!(bytes[8..].iter().all(|&b| b == 0));
    // SAFETY: `block` is live with `l4096`.
    unsafe { checked.deallocate(block.cast(), l4096) };
    checked.assert_no_leaks();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checked: poisoning
// ---------------------------------------------------------------------------------------------

#[test]
fn checked_poisons_freed_bytes_and_released_tails() -> Result<(), AllocError> {
    let checked = Checked::new(Inspecting::default());
    let poison = <Checked>::POISON;
    assert_eq!(poison, 0xDF);
    let (l24, l10) = (layout(24, 8), layout(10, 8));

    let block = checked.allocate(l24)?;
    // SAFETY: `block` is valid for 24 bytes.
    unsafe { fill(block, 0x42, 24) };
    // SAFETY: `block` is live with `l24`; 10 <= 24.
    let block = unsafe { checked.shrink(block.cast(), l24, l10)? };
    // The kept prefix is intact: it is still ours to read.
    // SAFETY: `block` is live with 10 initialized bytes.
    assert_eq!(unsafe { read(block, 10) }, [0x42; 10]);
    // SAFETY: `block` is live with `l10`.
    unsafe { checked.deallocate(block.cast(), l10) };

    let seen = checked.inner().seen.lock().unwrap().clone();
    assert_eq!(seen, [vec![poison; 14], vec![poison; 10]]);
    checked.assert_no_leaks();
    Ok(())
}

#[test]
fn checked_restores_the_tail_when_a_shrink_is_refused() -> Result<(), AllocError> {
    let checked = Checked::new(Failing::new(Global));
    let (l32, l8) = (layout(32, 8), layout(8, 8));
    let block = checked.allocate(l32)?;
    let pattern: Vec<u8> = (0..32).collect();
    // SAFETY: `block` is valid for writes of 32 bytes.
    unsafe {
        block
            .cast::<u8>()
            .as_ptr()
            .copy_from_nonoverlapping(pattern.as_ptr(), 32)
    };

    checked.inner().set_mode(FailMode::From(0));
    // SAFETY: `block` is live with `l32`; 8 <= 32.
    assert!(unsafe { checked.shrink(block.cast(), l32, l8) }.is_err());
    // SAFETY: the refused shrink left the block live and, as the trait requires, unaltered.
    assert_eq!(unsafe { read(block, 32) }, pattern);
    assert_eq!(checked.live_bytes(), 32);

    // SAFETY: `block` is live with `l32`.
    unsafe { checked.deallocate(block.cast(), l32) };
    checked.assert_no_leaks();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Zero-size blocks, composition, threads
// ---------------------------------------------------------------------------------------------

#[test]
fn checked_tracks_many_zero_size_blocks_at_one_address() -> Result<(), AllocError> {
    let checked: Checked = Checked::default();
    let (z1, z8) = (layout(0, 1), layout(0, 8));
    let mut blocks = Vec::new();
    for i in 0..20 {
        let l = if i % 2 == 0 { z1 } else { z8 };
        blocks.push((checked.allocate(l)?, l));
    }
    let same_addr = blocks
        .iter()
        .filter(|(_, l)| *l == z8)
        .map(|(b, _)| addr(*b));
    assert!(
        same_addr.clone().all(|a| a == 8),
        "Global's dangling address is the alignment"
    );
    assert_eq!((checked.live_blocks(), checked.live_bytes()), (20, 0));

    // Grow one out of the crowd, shrink it back to nothing, and free in a shuffled order.
    let (first, _) = blocks.remove(1);
    // SAFETY: `first` is a live zero-size block with `z8`; 16 >= 0.
    let grown = unsafe { checked.grow(first.cast(), z8, layout(16, 8))? };
    // SAFETY: `grown` is live with size 16; 0 <= 16.
    let shrunk = unsafe { checked.shrink(grown.cast(), layout(16, 8), z8)? };
    blocks.push((shrunk, z8));
    blocks.reverse();
    blocks.rotate_left(7);
    for (block, l) in blocks {
        // SAFETY: each block is live with `l`.
        unsafe { checked.deallocate(block.cast(), l) };
    }
    checked.assert_no_leaks();
    Ok(())
}

#[test]
#[should_panic(expected = "does not fit the block at 0x8")]
fn checked_catches_a_zero_size_block_freed_with_another_alignment() {
    let checked: Checked = Checked::default();
    let block = checked.allocate(layout(0, 8)).unwrap();
    // Address 8 with align 4 is a dangling pointer of the wrong alignment for the block.
    // SAFETY: none: the bug under test; `Checked` panics first (and size 0 owns no memory).
    unsafe { checked.deallocate(block.cast(), layout(0, 4)) };
}

#[test]
fn composition_checked_failing_counting() -> Result<(), AllocError> {
    let stack = Checked::new(Failing::new(Counting::new(Global)));
    let failing = stack.inner();
    let counting = failing.inner();
    let (l8, l16) = (layout(8, 8), layout(16, 8));

    let a = stack.allocate(l8)?;
    failing.set_mode(FailMode::Nth(1));
    assert!(stack.allocate(l16).is_err()); // refused by Failing: Counting never sees it
    // SAFETY: `a` is live with `l8`; 16 >= 8.
    let a = unsafe { stack.grow(a.cast(), l8, l16)? };
    assert_eq!(stack.live_bytes(), 16);

    failing.set_mode(FailMode::From(0));
    // SAFETY: `a` is live with `l16`; 8 <= 16.
    assert!(unsafe { stack.shrink(a.cast(), l16, l8) }.is_err());
    // SAFETY: `a` is still live with `l16`.
    unsafe { stack.deallocate(a.cast(), l16) };

    assert_eq!((failing.requests(), failing.failures()), (4, 2));
    let counts = counting.snapshot();
    assert_eq!(
        (
            counts.allocations,
            counts.grows,
            counts.shrinks,
            counts.deallocations,
            counts.failures
        ),
        (1, 1, 0, 1, 0)
    );
    assert_eq!((counts.live_bytes, counts.peak_bytes), (0, 16));
    stack.assert_no_leaks();
    Ok(())
}

#[test]
fn instrumented_allocators_are_send_sync_clone_and_debug() {
    fn check<T: Send + Sync + Clone + std::fmt::Debug>(value: T) -> String {
        format!("{:?}", value.clone())
    }
    assert!(check(Counting::new(Global)).starts_with("Counting"));
    assert!(check(Recording::new(Global)).starts_with("Recording"));
    assert!(check(Failing::new(Global)).starts_with("Failing"));
    assert!(check(Checked::new(Global)).starts_with("Checked"));
    assert!(check(FromGlobal::new(std::alloc::System)).starts_with("FromGlobal"));
    let stack = Checked::new(Failing::new(Counting::new(Recording::new(Global))));
    assert!(check(stack).contains("Recording"));
}

#[test]
fn handles_share_state_across_threads() {
    let checked = Checked::new(Counting::new(Global));
    let threads = if cfg!(miri) { 2 } else { 4 };
    let rounds = if cfg!(miri) { 5 } else { 100 };
    std::thread::scope(|scope| {
        for t in 0..threads {
            let handle = checked.clone();
            scope.spawn(move || {
                let l = layout(8 * (t + 1), 8);
                for _ in 0..rounds {
                    let block = handle.allocate(l).unwrap();
                    // SAFETY: `block` is live with `l`; twice the size is larger.
                    let block = unsafe {
                        handle
                            .grow(block.cast(), l, layout(l.size() * 2, 8))
                            .unwrap()
                    };
                    // SAFETY: `block` is live with the doubled layout.
                    unsafe { handle.deallocate(block.cast(), layout(l.size() * 2, 8)) };
                }
            });
        }
    });
    checked.assert_no_leaks();
    let counts = checked.inner().snapshot();
    let total = (threads * rounds) as u64;
    assert_eq!(
        (counts.allocations, counts.grows, counts.deallocations),
        (total, total, total)
    );
    assert_eq!(counts.live_bytes, 0);
}

// ---------------------------------------------------------------------------------------------
// FromGlobal
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// The calls `Spy` received on this thread.
    static SPY_CALLS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    static SPY_LIVE: Cell<usize> = const { Cell::new(0) };
}

/// A zero-sized `GlobalAlloc` over `std`'s `System` that logs which method was called.
#[derive(Clone, Copy, Default, Debug)]
struct Spy;

impl Spy {
    fn log(name: &'static str) {
        SPY_CALLS.with(|calls| calls.borrow_mut().push(name));
    }

    fn take_log() -> Vec<&'static str> {
        SPY_CALLS.with(|calls| std::mem::take(&mut *calls.borrow_mut()))
    }
}

// SAFETY: every method forwards to `System`, which upholds `GlobalAlloc`.
unsafe impl GlobalAlloc for Spy {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::log("alloc");
        SPY_LIVE.set(SPY_LIVE.get() + 1);
        // SAFETY: the caller upholds `alloc`'s contract.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::log("alloc_zeroed");
        SPY_LIVE.set(SPY_LIVE.get() + 1);
        // SAFETY: the caller upholds `alloc_zeroed`'s contract.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Self::log("dealloc");
        SPY_LIVE.set(SPY_LIVE.get() - 1);
        // SAFETY: the caller upholds `dealloc`'s contract.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::log("realloc");
        // SAFETY: the caller upholds `realloc`'s contract.
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[test]
fn from_global_maps_each_request_to_the_expected_global_call() -> Result<(), AllocError> {
    let spy = Checked::new(FromGlobal::new(Spy));
    let (z, l8, l64, l64a, l16a) = (
        layout(0, 8),
        layout(8, 8),
        layout(64, 8),
        layout(64, 64),
        layout(16, 64),
    );

    let block = spy.allocate(z)?; // size 0: never reaches the global allocator
    assert_eq!((addr(block), block.len()), (8, 0));
    // SAFETY: `block` is a live zero-size block with `z`; 8 >= 0.
    let block = unsafe { spy.grow(block.cast(), z, l8)? }; // from size 0: a fresh alloc
    assert_eq!(Spy::take_log(), ["alloc"]);

    // SAFETY: `block` is valid for 8 bytes.
    unsafe { fill(block, 0x77, 8) };
    // SAFETY: `block` is live with `l8`; 64 >= 8.
    let block = unsafe { spy.grow_zeroed(block.cast(), l8, l64)? }; // same align: realloc
    assert_eq!(Spy::take_log(), ["realloc"]);
    // SAFETY: `block` is valid for 64 initialized bytes (8 kept, 56 zeroed).
    let bytes = unsafe { read(block, 64) };
    assert_eq!((&bytes[..8], &bytes[8..]), (&[0x77; 8][..], &[0; 56][..]));

    // SAFETY: `block` is live with `l64`; sizes equal, alignment grows: alloc + copy + free.
    let block = unsafe { spy.grow(block.cast(), l64, l64a)? };
    assert_eq!(Spy::take_log(), ["alloc", "dealloc"]);
    assert_eq!(addr(block) % 64, 0);
    // SAFETY: `block` is live with `l64a`; 16 <= 64, same align: realloc.
    let block = unsafe { spy.shrink(block.cast(), l64a, l16a)? };
    assert_eq!(Spy::take_log(), ["realloc"]);
    // SAFETY: `block` is valid for 16 initialized bytes.
    assert_eq!(unsafe { read(block, 8) }, [0x77; 8]);
    // SAFETY: `block` is live with `l16a`; 16 <= 16, alignment drops: alloc + copy + free.
    let block = unsafe { spy.shrink(block.cast(), l16a, layout(16, 8))? };
    assert_eq!(Spy::take_log(), ["alloc", "dealloc"]);
    // SAFETY: `block` is live with (16, 8); 0 <= 16: a shrink to nothing frees.
    let block = unsafe { spy.shrink(block.cast(), layout(16, 8), z)? };
    assert_eq!(Spy::take_log(), ["dealloc"]);
    assert_eq!((addr(block), block.len()), (8, 0));
    // SAFETY: `block` is a live zero-size block: freeing it never reaches the global allocator.
    unsafe { spy.deallocate(block.cast(), z) };
    let zeroed = spy.allocate_zeroed(l8)?;
    // SAFETY: `zeroed` is live with `l8`.
    unsafe { spy.deallocate(zeroed.cast(), l8) };
    assert_eq!(Spy::take_log(), ["alloc_zeroed", "dealloc"]);
    assert_eq!(SPY_LIVE.get(), 0);
    spy.assert_no_leaks();
    Ok(())
}

#[cfg(feature = "std")]
#[test]
fn from_global_system_under_checked_and_recording() -> Result<(), AllocError> {
    use boxvec::alloc::System;

    let checked = Checked::new(Recording::new(FromGlobal::new(System)));
    let (l16, l4k, l8) = (layout(16, 8), layout(4096, 8), layout(8, 8));
    let block = checked.allocate(l16)?;
    // SAFETY: `block` is valid for 16 bytes.
    unsafe { fill(block, 0xC3, 16) };
    // SAFETY: `block` is live with `l16`; 4096 >= 16.
    let block = unsafe { checked.grow(block.cast(), l16, l4k)? };
    // SAFETY: `block` is live with `l4k`; 8 <= 4096.
    let block = unsafe { checked.shrink(block.cast(), l4k, l8)? };
    // SAFETY: `block` is valid for 8 initialized bytes.
    assert_eq!(unsafe { read(block, 8) }, [0xC3; 8]);
    // SAFETY: `block` is live with `l8`.
    unsafe { checked.deallocate(block.cast(), l8) };
    checked.assert_no_leaks();

    let kinds: Vec<_> = checked
        .inner()
        .events()
        .iter()
        .map(|e| e.to_string().split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["allocate", "grow", "shrink", "deallocate"]);
    Ok(())
}

#[cfg(feature = "std")]
#[test]
fn over_aligned_layouts_through_from_global_system() -> Result<(), AllocError> {
    use boxvec::alloc::System;

    let checked = Checked::new(FromGlobal::new(System));
    for align in [256, 4096] {
        let (small, big) = (layout(align / 2, align), layout(align * 2, align));
        let block = checked.allocate_zeroed(small)?;
        assert_eq!(addr(block) % align, 0);
        // SAFETY: `block` is valid for `small.size()` bytes.
        unsafe { fill(block, 0x3C, small.size()) };
        // SAFETY: `block` is live with `small`; `big` is larger, same alignment (realloc).
        let block = unsafe { checked.grow(block.cast(), small, big)? };
        assert_eq!(addr(block) % align, 0);
        // SAFETY: `block` is valid for the kept `small.size()` initialized bytes.
        assert!(
            unsafe { read(block, small.size()) }
                .iter()
                .all(|&b| b == 0x3C)
        );
        // SAFETY: `block` is live with `big`; 1 <= big.size().
        let block = unsafe { checked.shrink(block.cast(), big, layout(1, align))? };
        assert_eq!(addr(block) % align, 0);
        // SAFETY: `block` is live with size 1.
        unsafe { checked.deallocate(block.cast(), layout(1, align)) };
        let empty = checked.allocate(layout(0, align))?;
        assert_eq!(addr(empty), align);
        // SAFETY: `empty` is a live zero-size block.
        unsafe { checked.deallocate(empty.cast(), layout(0, align)) };
    }
    checked.assert_no_leaks();
    Ok(())
}

#[test]
fn over_aligned_layouts_through_checked_global() -> Result<(), AllocError> {
    let checked: Checked = Checked::default();
    let mut blocks = Vec::new();
    for align in [256, 4096] {
        for size in [1, align, 3 * align] {
            let l = layout(size, align);
            let block = checked.allocate(l)?;
            assert_eq!(addr(block) % align, 0);
            blocks.push((block, l));
        }
    }
    // Grow each to a larger alignment (a forced move), then free.
    for (block, l) in blocks {
        let new = layout(l.size() * 2, 8192);
        // SAFETY: `block` is live with `l`; `new` is larger.
        let block = unsafe { checked.grow(block.cast(), l, new)? };
        assert_eq!(addr(block) % 8192, 0);
        // SAFETY: `block` is live with `new`.
        unsafe { checked.deallocate(block.cast(), new) };
    }
    checked.assert_no_leaks();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checked: blocks placed exactly where a test needs them
// ---------------------------------------------------------------------------------------------

/// The memory a [`Placing`] hands out: 256 bytes, aligned for every layout used here.
#[repr(align(64))]
struct PlacingArena(UnsafeCell<[u8; 256]>);

/// An allocator that hands out its arena's bytes at the offsets it was given, one offset per
/// request, so that a test can put blocks side by side, on top of each other, or where a block
/// was freed before: what real allocators do only by chance. It frees nothing; the arena goes
/// when the allocator is dropped.
struct Placing {
    /// From `Box::into_raw`, freed in `Drop`: a raw pointer, so that moving the allocator
    /// (into a `Checked`) does not disturb pointers into the arena.
    arena: NonNull<PlacingArena>,
    offsets: RefCell<std::collections::VecDeque<usize>>,
}

impl Placing {
    fn new(offsets: &[usize]) -> Self {
        let arena = Box::new(PlacingArena(UnsafeCell::new([0; 256])));
        Placing {
            arena: NonNull::from(Box::leak(arena)),
            offsets: RefCell::new(offsets.iter().copied().collect()),
        }
    }

    /// The address `offset` bytes into the arena.
    fn at(&self, offset: usize) -> NonNull<u8> {
        assert!(offset <= 256);
        // SAFETY: `arena` is live until `self` is dropped; `UnsafeCell::raw_get` makes a
        // pointer without a reference, and `offset` stays within (or one past) the arena.
        unsafe {
            NonNull::new_unchecked(
                UnsafeCell::raw_get(&raw const (*self.arena.as_ptr()).0)
                    .cast::<u8>()
                    .add(offset),
            )
        }
    }
}

impl Drop for Placing {
    fn drop(&mut self) {
        // SAFETY: `arena` came from `Box::leak` in `new` and is freed only here.
        drop(unsafe { Box::from_raw(self.arena.as_ptr()) });
    }
}

// SAFETY: every block lies inside the arena, which lives as long as the allocator (it is not
// `Clone`). It breaks the contract only where a test asks it to (overlapping offsets), and
// `Checked` panics before anyone uses such a block.
unsafe impl Allocator for Placing {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let offset = self.offsets.borrow_mut().pop_front().ok_or(AllocError)?;
        assert!(offset + layout.size() <= 256 && layout.align() <= 64);
        Ok(NonNull::slice_from_raw_parts(
            self.at(offset),
            layout.size(),
        ))
    }

    unsafe fn deallocate(&self, _ptr: NonNull<u8>, _layout: Layout) {}
}

/// Allocates 16 bytes (align 8) from `checked`, which must succeed.
fn sixteen(checked: &Checked<Placing>) -> NonNull<[u8]> {
    checked.allocate(layout(16, 8)).unwrap()
}

/// Frees a 16-byte block through `checked`.
///
/// # Safety
/// As for [`Allocator::deallocate`] (or a bug `Checked` reports before passing it on).
unsafe fn free_sixteen(checked: &Checked<Placing>, ptr: NonNull<u8>) {
    // SAFETY: guaranteed by the caller.
    unsafe { checked.deallocate(ptr, layout(16, 8)) };
}

#[test]
fn checked_accepts_blocks_that_touch_without_overlapping() {
    // The second block ends where the first begins, the third begins where the first ends.
    let checked = Checked::new(Placing::new(&[16, 0, 32]));
    let blocks = [sixteen(&checked), sixteen(&checked), sixteen(&checked)];
    assert_eq!((checked.live_blocks(), checked.live_bytes()), (3, 48));
    for block in blocks {
        // SAFETY: each block is live with 16 bytes, align 8.
        unsafe { free_sixteen(&checked, block.cast()) };
    }
    checked.assert_no_leaks();
}

#[test]
#[should_panic(expected = "of length 16 that overlaps the live block")]
fn checked_catches_a_block_that_starts_inside_a_live_one() {
    let checked = Checked::new(Placing::new(&[0, 8]));
    let _first = sixteen(&checked);
    let _second = sixteen(&checked); // bytes 8..24, inside 0..16
}

#[test]
#[should_panic(expected = "Checked: double free: deallocate of")]
fn checked_remembers_more_frees_than_the_last() {
    let checked = Checked::new(Placing::new(&[0, 32]));
    let (first, second) = (sixteen(&checked), sixteen(&checked));
    // SAFETY: both blocks are live; the third call frees `first` again, the bug under test,
    // which `Checked` must recognize although another block was freed since.
    unsafe {
        free_sixteen(&checked, first.cast());
        free_sixteen(&checked, second.cast());
        free_sixteen(&checked, first.cast());
    }
}

#[test]
#[should_panic(expected = "Checked: double free: deallocate of")]
fn checked_forgets_only_the_freed_address_that_is_reused() {
    let checked = Checked::new(Placing::new(&[0, 32, 0]));
    let (first, second) = (sixteen(&checked), sixteen(&checked));
    // SAFETY: both blocks are live.
    unsafe {
        free_sixteen(&checked, first.cast());
        free_sixteen(&checked, second.cast());
    }
    // Reuses `first`'s address: that address is live again, `second`'s is still freed.
    let reused = sixteen(&checked);
    assert_eq!(reused.cast::<u8>(), first.cast::<u8>());
    // SAFETY: none: `second` was freed above; `Checked` must still call this a double free.
    unsafe { free_sixteen(&checked, second.cast()) };
}

#[test]
#[should_panic(expected = "not a live block (double free or foreign pointer)")]
fn checked_calls_the_address_one_past_a_block_foreign_not_interior() {
    let checked = Checked::new(Placing::new(&[0]));
    let _block = sixteen(&checked);
    let one_past = checked.inner().at(16);
    // SAFETY: none: nothing was allocated at `one_past`, the bug under test.
    unsafe { free_sixteen(&checked, one_past) };
}

#[test]
fn checked_keeps_a_zero_size_block_when_its_grow_is_refused() -> Result<(), AllocError> {
    let checked = Checked::new(Failing::new(Global));
    let (empty, l16) = (layout(0, 8), layout(16, 8));
    let block = checked.allocate(empty)?;
    checked.inner().set_mode(FailMode::From(0));
    // SAFETY: `block` is a live zero-size block with `empty`; 16 >= 0.
    assert!(unsafe { checked.grow(block.cast(), empty, l16) }.is_err());
    assert_eq!((checked.live_blocks(), checked.live_bytes()), (1, 0));
    // SAFETY: the refused grow left `block` live with `empty`.
    unsafe { checked.deallocate(block.cast(), empty) };
    checked.assert_no_leaks();
    Ok(())
}
