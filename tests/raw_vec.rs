//! RawVec behaviour beyond capacity parity: the error split at `isize::MAX`, fault injection,
//! zero-sized types, over-aligned types, which allocator call each operation makes, raw-part
//! round trips, and the panics/aborts of the infallible paths.
//!
//! Every allocator here is wrapped in `Checked`, which panics on any misuse of the
//! `Allocator` contract and lets each test assert that nothing leaked.

use std::mem::size_of;
use std::panic::AssertUnwindSafe;

use boxvec::alloc::{
    Allocator, Checked, Counting, Event, FailMode, Failing, Global, Layout, Recording,
};
use boxvec::{RawVec, TryReserveErrorKind};

mod common;
use common::panic_message;

type CheckedCounting = Checked<Counting<Global>>;

fn checked_counting() -> CheckedCounting {
    Checked::new(Counting::new(Global))
}

// ---------------------------------------------------------------------------------------------
// The `isize::MAX` limit and the two kinds of error
// ---------------------------------------------------------------------------------------------

/// On 64-bit, a buffer of exactly `isize::MAX` bytes is a valid layout, so the request reaches
/// the allocator (which refuses it: no machine has that much); one byte more can never be a
/// valid allocation, so it is `CapacityOverflow` and the allocator is never asked.
#[test]
#[cfg(target_pointer_width = "64")]
fn isize_max_bytes_reaches_the_allocator_one_more_is_capacity_overflow() {
    // The refusal is made deterministic by `Failing`: any request over 1 TiB fails, on every
    // machine and under Miri. `Recording` proves the request really arrived.
    let alloc = Checked::new(Recording::new(Failing::with_mode(
        Global,
        FailMode::LargerThan(1 << 40),
    )));
    let max = isize::MAX as usize;

    let mut buf: RawVec<u8, _> = RawVec::new_in(&alloc);
    let err = buf.try_reserve_exact(0, max).unwrap_err();
    let expected_layout = Layout::from_size_align(max, 1).unwrap();
    assert_eq!(
        err.kind(),
        TryReserveErrorKind::AllocError {
            layout: expected_layout
        }
        .clone()
    );
    let events = alloc.inner().events();
    assert_eq!(events.len(), 1, "the allocator was asked exactly once");
    assert!(matches!(
        events[0],
        Event::Allocate { layout, addr: None, .. } if layout == expected_layout
    ));
    assert_eq!(
        buf.capacity(),
        0,
        "a failed reserve leaves the buffer unchanged"
    );

    let err = buf.try_reserve_exact(0, max + 1).unwrap_err();
    assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    assert_eq!(
        alloc.inner().events().len(),
        1,
        "the allocator was not asked again"
    );

    // Amortized growth from empty asks for exactly `len + additional` here too.
    assert!(matches!(
        buf.try_reserve(0, max).unwrap_err().kind(),
        TryReserveErrorKind::AllocError { .. }
    ));
    assert_eq!(
        buf.try_reserve(0, max + 1).unwrap_err().kind(),
        TryReserveErrorKind::CapacityOverflow
    );
    // For wider elements the byte count is what matters: 2^62 u16s is 2^63 bytes.
    let mut wide: RawVec<u16, _> = RawVec::new_in(&alloc);
    assert_eq!(
        wide.try_reserve_exact(0, 1 << 62).unwrap_err().kind(),
        TryReserveErrorKind::CapacityOverflow
    );
    assert!(matches!(
        wide.try_reserve_exact(0, max / 2).unwrap_err().kind(),
        TryReserveErrorKind::AllocError { layout, .. } if layout.size() == max - 1
    ));
    drop((buf, wide));
    alloc.assert_no_leaks();
}

/// The same split against the real global allocator, with no failure injected: the request of
/// `isize::MAX` bytes is really made, and the system allocator really refuses it.
#[test]
#[cfg(all(target_pointer_width = "64", not(miri)))]
fn isize_max_bytes_is_refused_by_the_real_global_allocator() {
    let mut buf: RawVec<u8> = RawVec::new();
    let err = buf.try_reserve_exact(0, isize::MAX as usize).unwrap_err();
    assert!(matches!(err.kind(), TryReserveErrorKind::AllocError { .. }));
    let err = buf
        .try_reserve_exact(0, isize::MAX as usize + 1)
        .unwrap_err();
    assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
}

#[test]
fn len_plus_additional_overflow_is_capacity_overflow() {
    let alloc = checked_counting();
    let mut buf: RawVec<u8, _> = RawVec::with_capacity_in(4, &alloc);
    for result in [
        buf.try_reserve(4, usize::MAX),
        buf.try_reserve_exact(4, usize::MAX),
        buf.try_reserve(1, usize::MAX),
    ] {
        assert_eq!(
            result.unwrap_err().kind(),
            TryReserveErrorKind::CapacityOverflow
        );
    }
    assert_eq!(buf.capacity(), 4);
    drop(buf);
    alloc.assert_no_leaks();
}

#[test]
fn infallible_paths_panic_with_capacity_overflow() {
    type Case = (&'static str, Box<dyn FnOnce()>);
    let cases: [Case; 5] = [
        (
            "reserve",
            Box::new(|| RawVec::<u8>::with_capacity(1).reserve(1, usize::MAX)),
        ),
        (
            "reserve_exact",
            Box::new(|| RawVec::<u32>::new().reserve_exact(0, usize::MAX / 2)),
        ),
        (
            "with_capacity",
            Box::new(|| drop(RawVec::<u64>::with_capacity(usize::MAX / 4))),
        ),
        (
            "grow_one on a full ZST buffer",
            Box::new(|| RawVec::<()>::new().grow_one()),
        ),
        (
            "reserve on a ZST buffer past usize::MAX",
            Box::new(|| RawVec::<()>::new().reserve(usize::MAX, 1)),
        ),
    ];
    for (name, case) in cases {
        assert_eq!(
            panic_message(case).as_deref(),
            Some("capacity overflow"),
            "{name}"
        );
    }
}

#[test]
fn shrinking_to_a_larger_capacity_panics() {
    let mut buf: RawVec<u8> = RawVec::with_capacity(4);
    let msg = panic_message(|| buf.shrink_to_fit(5)).unwrap();
    assert!(msg.contains("larger capacity"), "{msg}");
    assert_eq!(buf.capacity(), 4);
}

// ---------------------------------------------------------------------------------------------
// Fault injection: a refused request leaves the buffer unchanged and usable
// ---------------------------------------------------------------------------------------------

#[test]
fn failed_grow_leaves_the_buffer_unchanged_and_usable() {
    let alloc = Checked::new(Failing::new(Counting::new(Global)));
    let mut buf: RawVec<u64, _> = RawVec::with_capacity_in(4, &alloc);
    for i in 0..4 {
        // SAFETY: `i < capacity`.
        unsafe { buf.ptr().add(i).write(i as u64 * 11) };
    }

    // The next request (the grow) is refused.
    alloc
        .inner()
        .set_mode(FailMode::Nth(alloc.inner().requests()));
    let ptr_before = buf.ptr();
    let err = buf.try_reserve(4, 1).unwrap_err();
    assert_eq!(
        err.kind(),
        TryReserveErrorKind::AllocError {
            layout: Layout::array::<u64>(8).unwrap()
        }
    );
    assert_eq!(buf.capacity(), 4);
    assert_eq!(buf.ptr(), ptr_before);
    // SAFETY: slots 0..4 were written above and a failed grow leaves the block untouched.
    let kept: Vec<u64> = (0..4).map(|i| unsafe { buf.ptr().add(i).read() }).collect();
    assert_eq!(kept, [0, 11, 22, 33]);

    // The same for exact growth and for shrinking.
    alloc.inner().set_mode(FailMode::From(0));
    assert!(buf.try_reserve_exact(4, 1).is_err());
    assert!(buf.try_shrink_to_fit(2).is_err());
    assert_eq!(buf.capacity(), 4);

    // And once the allocator agrees again, the buffer grows and keeps its contents.
    alloc.inner().set_mode(FailMode::Never);
    buf.reserve(4, 1);
    assert_eq!(buf.capacity(), 8);
    // SAFETY: `grow` copies the old contents into the new block.
    let kept: Vec<u64> = (0..4).map(|i| unsafe { buf.ptr().add(i).read() }).collect();
    assert_eq!(kept, [0, 11, 22, 33]);
    drop(buf);
    alloc.assert_no_leaks();
    assert_eq!(alloc.inner().inner().snapshot().live_bytes, 0);
}

/// Walks the failure point over every request a sequence makes: each run fails at a different
/// request, and whatever the point, the buffer stays consistent and nothing leaks.
#[test]
fn walking_the_failure_point_over_a_growth_sequence() {
    let alloc = Checked::new(Failing::new(Global));
    let mut n = 0;
    loop {
        alloc.inner().reset();
        alloc.inner().set_mode(FailMode::Nth(n));
        let mut buf: RawVec<u32, _> = RawVec::try_with_capacity_in(0, &alloc).unwrap();
        let mut failed = false;
        // Behave like a vector pushing 40 elements: `len` only grows when there was room.
        let mut len = 0;
        for _ in 0..40 {
            let cap_before = buf.capacity();
            match buf.try_reserve(len, 1) {
                Ok(()) => {
                    assert!(buf.capacity() > len);
                    len += 1;
                }
                Err(err) => {
                    assert!(matches!(err.kind(), TryReserveErrorKind::AllocError { .. }));
                    assert_eq!(buf.capacity(), cap_before);
                    failed = true;
                }
            }
        }
        match buf.try_shrink_to_fit(3) {
            Ok(()) => assert_eq!(buf.capacity(), 3),
            Err(_) => failed = true,
        }
        drop(buf);
        alloc.assert_no_leaks();
        if !failed {
            break; // `n` is past the last request: every point has been tried
        }
        n += 1;
    }
    // 4 → 8 → 16 → 32 → 64: one allocate, four grows, then one shrink.
    assert_eq!(n, 6);
}

#[test]
fn try_with_capacity_reports_the_refused_layout() {
    let alloc = Checked::new(Failing::with_mode(Global, FailMode::From(0)));
    let err = RawVec::<u16, _>::try_with_capacity_in(10, &alloc).unwrap_err();
    assert_eq!(
        err.kind(),
        TryReserveErrorKind::AllocError {
            layout: Layout::array::<u16>(10).unwrap()
        }
    );
    // Nothing to ask for: succeeds even when every request would fail.
    assert_eq!(
        RawVec::<u16, _>::try_with_capacity_in(0, &alloc)
            .unwrap()
            .capacity(),
        0
    );
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Zero-sized types never reach the allocator
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_sized_types_never_allocate() {
    #[derive(Clone, Copy)]
    struct Zst;
    #[repr(align(64))]
    struct AlignedZst;

    let alloc = checked_counting();
    {
        let mut a: RawVec<Zst, _> = RawVec::new_in(&alloc);
        assert_eq!(a.capacity(), usize::MAX);
        a.reserve(0, 1000);
        a.reserve_exact(usize::MAX - 1, 1);
        a.try_reserve(usize::MAX, 0).unwrap();
        a.shrink_to_fit(0);
        a.shrink_to_fit(10);
        assert_eq!(a.capacity(), usize::MAX);

        let b: RawVec<Zst, _> = RawVec::with_capacity_in(usize::MAX, &alloc);
        assert_eq!(b.capacity(), usize::MAX);
        let c: RawVec<AlignedZst, _> = RawVec::with_capacity_zeroed_in(5, &alloc);
        assert_eq!(c.ptr().addr() % 64, 0, "the dangling pointer is aligned");
        assert_eq!(
            c.ptr().addr(),
            64,
            "and carries the alignment as its address"
        );

        let (slice, back) = c.into_raw_slice_with_alloc(7);
        assert_eq!(slice.len(), 7);
        let _ = back;
        let e = RawVec::<Zst, _>::try_with_capacity_in(3, &alloc).unwrap();
        let (ptr, cap, a2) = e.into_raw_parts_with_alloc();
        assert_eq!(cap, usize::MAX);
        // SAFETY: the parts come from a ZST RawVec; nothing is owned.
        drop(unsafe { RawVec::<Zst, _>::from_raw_parts_in(ptr, 0, a2) });
    }
    let counts = alloc.inner().snapshot();
    assert_eq!(
        (
            counts.allocations,
            counts.zeroed_allocations,
            counts.grows,
            counts.shrinks,
            counts.deallocations
        ),
        (0, 0, 0, 0, 0),
        "the allocator was never called for a zero-sized type"
    );
    alloc.assert_no_leaks();
}

#[test]
fn zero_capacity_never_allocates_and_drop_frees_only_real_blocks() {
    let alloc = checked_counting();
    drop(RawVec::<u64, _>::new_in(&alloc));
    drop(RawVec::<u64, _>::with_capacity_in(0, &alloc));
    drop(RawVec::<u64, _>::with_capacity_zeroed_in(0, &alloc));
    assert_eq!(alloc.inner().snapshot().live_blocks, 0);
    assert_eq!(alloc.inner().snapshot().deallocations, 0);

    drop(RawVec::<u64, _>::with_capacity_in(2, &alloc));
    let counts = alloc.inner().snapshot();
    assert_eq!((counts.allocations, counts.deallocations), (1, 1));
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Which allocator call each operation makes
// ---------------------------------------------------------------------------------------------

#[test]
fn growth_uses_allocate_first_then_grow_and_shrink_uses_shrink() {
    let alloc = Checked::new(Recording::new(Global));
    let mut buf: RawVec<u32, _> = RawVec::new_in(&alloc);
    buf.grow_one(); // nothing held: allocate 4
    buf.grow_one(); // held: grow 4 → 8
    buf.reserve_exact(8, 1); // grow 8 → 9
    buf.shrink_to_fit(2); // shrink 9 → 2
    buf.shrink_to_fit(0); // deallocate
    buf.reserve(0, 1); // nothing held again: allocate 4
    drop(buf); // deallocate

    let events = alloc.inner().events();
    let summary: Vec<(&str, usize)> = events
        .iter()
        .map(|e| match *e {
            Event::Allocate { layout, .. } => ("allocate", layout.size()),
            Event::Grow { new_layout, .. } => ("grow", new_layout.size()),
            Event::Shrink { new_layout, .. } => ("shrink", new_layout.size()),
            Event::Deallocate { layout, .. } => ("deallocate", layout.size()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("allocate", 16),
            ("grow", 32),
            ("grow", 36),
            ("shrink", 8),
            ("deallocate", 8),
            ("allocate", 16),
            ("deallocate", 16),
        ]
    );
    // Every grow/shrink names the block the previous call returned, with its exact layout.
    alloc.assert_no_leaks();
}

#[test]
fn zeroed_buffers_use_allocate_zeroed_and_are_zero() {
    let alloc = Checked::new(Counting::new(Global));
    let buf: RawVec<u64, _> = RawVec::with_capacity_zeroed_in(33, &alloc);
    assert_eq!(alloc.inner().snapshot().zeroed_allocations, 1);
    // SAFETY: all 33 slots are zero bytes, a valid `u64`.
    let all_zero = (0..33).all(|i| unsafe { buf.ptr().add(i).read() } == 0);
    assert!(all_zero);
    drop(buf);
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Alignment
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
#[repr(C, align(256))]
struct Align256 {
    value: u8,
}

#[test]
fn over_aligned_elements_get_aligned_memory_at_every_size() {
    let alloc = Checked::new(Counting::new(Global));
    let mut buf: RawVec<Align256, _> = RawVec::new_in(&alloc);
    assert_eq!(buf.ptr().addr() % 256, 0);
    let mut len = 0;
    for _ in 0..20 {
        if len == buf.capacity() {
            buf.grow_one();
        }
        assert_eq!(buf.ptr().addr() % 256, 0, "aligned after growing to {len}");
        // SAFETY: `len < capacity` after the grow above.
        unsafe { buf.ptr().add(len).write(Align256 { value: len as u8 }) };
        len += 1;
    }
    buf.shrink_to_fit(len);
    assert_eq!(buf.ptr().addr() % 256, 0);
    // SAFETY: slots 0..len were written; shrink keeps the prefix.
    let values: Vec<u8> = (0..len)
        .map(|i| unsafe { buf.ptr().add(i).read() }.value)
        .collect();
    assert_eq!(values, (0..20).collect::<Vec<u8>>());
    drop(buf);
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Raw parts and handing the buffer to a boxed slice
// ---------------------------------------------------------------------------------------------

#[test]
fn raw_parts_round_trip_keeps_the_block() {
    let alloc = checked_counting();
    let buf: RawVec<u16, _> = RawVec::with_capacity_in(12, &alloc);
    let ptr_before = buf.ptr();
    let (ptr, cap, a) = buf.into_raw_parts_with_alloc();
    assert_eq!((ptr, cap), (ptr_before, 12));
    assert_eq!(alloc.inner().snapshot().live_blocks, 1, "nothing freed yet");
    // SAFETY: the parts come from `into_raw_parts_with_alloc` above.
    let buf = unsafe { RawVec::from_raw_parts_in(ptr, cap, a) };
    assert_eq!(buf.capacity(), 12);
    drop(buf);
    alloc.assert_no_leaks();
}

#[test]
fn into_raw_slice_shrinks_to_len_first() {
    let alloc = Checked::new(Recording::new(Global));
    let buf: RawVec<u32, _> = RawVec::with_capacity_in(10, &alloc);
    let (slice, a) = buf.into_raw_slice_with_alloc(6);
    assert_eq!(slice.len(), 6);
    // SAFETY: the slice owns a block of exactly 6 `u32`s allocated by `a`.
    unsafe { a.deallocate(slice.cast(), Layout::array::<u32>(6).unwrap()) };
    let kinds: Vec<bool> = alloc
        .inner()
        .events()
        .iter()
        .map(|e| matches!(e, Event::Shrink { .. }))
        .collect();
    assert_eq!(kinds, [false, true, false], "allocate, shrink, deallocate");
    alloc.assert_no_leaks();

    // Exactly full: no shrink call at all. Length zero: the block is freed.
    let buf: RawVec<u32, _> = RawVec::with_capacity_in(4, &alloc);
    let (slice, a) = buf.into_raw_slice_with_alloc(4);
    // SAFETY: as above, 4 `u32`s.
    unsafe { a.deallocate(slice.cast(), Layout::array::<u32>(4).unwrap()) };
    let buf: RawVec<u32, _> = RawVec::with_capacity_in(4, &alloc);
    let (slice, _) = buf.into_raw_slice_with_alloc(0);
    assert_eq!(slice.len(), 0);
    alloc.assert_no_leaks();
    let shrinks = alloc
        .inner()
        .events()
        .iter()
        .filter(|e| matches!(e, Event::Shrink { .. }))
        .count();
    assert_eq!(shrinks, 1);

    let mut buf: RawVec<u32, _> = RawVec::with_capacity_in(4, &alloc);
    let msg = panic_message(AssertUnwindSafe(|| {
        let taken = std::mem::replace(&mut buf, RawVec::new_in(&alloc));
        let _ = taken.into_raw_slice_with_alloc(5);
    }))
    .unwrap();
    assert!(msg.contains("should be <= capacity"), "{msg}");
    drop(buf);
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Type-level facts
// ---------------------------------------------------------------------------------------------

#[test]
fn option_of_raw_vec_uses_the_pointer_niche() {
    assert_eq!(size_of::<RawVec<u8>>(), 2 * size_of::<usize>());
    assert_eq!(size_of::<Option<RawVec<u8>>>(), size_of::<RawVec<u8>>());
}

#[test]
fn send_and_sync_follow_the_element_and_allocator() {
    fn is_send<T: Send>() {}
    fn is_sync<T: Sync>() {}
    is_send::<RawVec<u8>>();
    is_sync::<RawVec<String>>();
    is_send::<RawVec<u8, Checked<Counting<Global>>>>();
}

// ---------------------------------------------------------------------------------------------
// An allocator refusal on an infallible path aborts through `handle_alloc_error`
// ---------------------------------------------------------------------------------------------

/// Runs in a child process (see the next test): an infallible reserve whose allocation is
/// refused must call `handle_alloc_error`, which prints std's message and aborts.
#[test]
#[ignore = "the child process of the next test, which starts it (with --ignored) and watches it abort"]
fn child_infallible_reserve_refused() {
    if std::env::var_os("BOXVEC_ABORT_CHILD").is_none() {
        // Run by hand with `--ignored`: nothing to do outside the child process (aborting
        // here would end the whole test run).
        return;
    }
    let alloc = Failing::with_mode(Global, FailMode::From(0));
    let mut buf: RawVec<u64, _> = RawVec::new_in(&alloc);
    buf.reserve(0, 3);
    unreachable!("handle_alloc_error returned");
}

/// Miri cannot start processes, so this one test runs natively only; the fallible side of the
/// same path is checked under Miri by the fault-injection tests above.
#[test]
#[cfg_attr(miri, ignore = "Miri cannot spawn the child process")]
fn infallible_reserve_aborts_with_handle_alloc_error() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_infallible_reserve_refused",
            "--nocapture",
        ])
        .env("BOXVEC_ABORT_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the child must abort");
    assert!(
        stderr.contains("memory allocation of 32 bytes failed"),
        "stderr: {stderr}"
    );
}

#[test]
fn debug_shows_the_pointer_and_capacity_but_never_the_slots() {
    let mut buf: RawVec<u32> = RawVec::with_capacity(3);
    let shown = format!("{buf:?}");
    assert_eq!(
        shown,
        format!("RawVec {{ ptr: {:?}, capacity: 3, .. }}", buf.ptr())
    );
    buf.reserve(3, 1);
    assert!(format!("{buf:?}").contains("capacity: 6"), "{buf:?}");
}

#[test]
fn try_reserve_errors_read_as_std_s() {
    let ours = RawVec::<u16>::new().try_reserve(0, usize::MAX).unwrap_err();
    let theirs = Vec::<u16>::new().try_reserve(usize::MAX).unwrap_err();
    assert_eq!(ours.to_string(), theirs.to_string());

    let refusing = Failing::with_mode(Global, FailMode::From(0));
    let ours = RawVec::<u16, _>::new_in(refusing)
        .try_reserve(0, 8)
        .unwrap_err();
    // std's allocator refuses `isize::MAX` bytes: std's own "allocator returned an error".
    // (Not under Miri, whose allocator stops the program on such a request instead.)
    if cfg!(miri) {
        return;
    }
    let theirs = Vec::<u8>::new()
        .try_reserve(isize::MAX as usize)
        .unwrap_err();
    assert_eq!(ours.to_string(), theirs.to_string());
}
