//! The vector runner (`boxvec::check::run_vec`) seen through witnesses other than std.
//!
//! Comparing with std cannot tell whether the runner did what a step says: a step run with
//! the wrong argument, or not run at all, on *both* sides still agrees with std. So here:
//! - **the allocator**: each operation, run on a `Counting` allocator, asks for exactly the
//!   blocks its arguments stand for (`every_vec_op_*`);
//! - **planted bugs where std cannot help**: capacities a subject claims about itself (with
//!   `CapacityCheck::AtLeastLen`), a `try_reserve` refused by the user's own allocator, and
//!   results that carry a capacity or the rest of an iterator. `Flawed` is `MyVec` on the run's
//!   allocator with one flaw planted on demand; each test fails if the runner stops reporting it.

mod common;

use std::cell::Cell;

use boxvec::MyVec;
use boxvec::alloc::{Allocator, Counting, FailMode, Failing, Global};
use boxvec::check::{
    Amount, Bounds, CapacityCheck, Collected, Compare, Element, HintLie, Index, IterEnd, IterPlan,
    MyVecs, RangeSpec, ReserveError, Supported, Taken, TestAlloc, VecFamily, VecOp, VecUnderTest,
    run_vec,
};
use common::on_counting;

/// A true lower bound and no upper bound: a collected vector's capacity is then comparable.
const UNKNOWN_LENGTH: HintLie = HintLie {
    lower_delta: 0,
    upper: 0,
    panic_after: 255,
};

// --- the allocator as witness ---------------------------------------------------------------

/// `n` seeds for `Extend`.
fn seeds(n: usize) -> Vec<u8> {
    (0..n).map(|i| i as u8).collect()
}

/// A drain of `2..4` ended as `end`.
fn drain_two_to_four(end: IterEnd) -> VecOp {
    VecOp::Drain {
        range: RangeSpec {
            form: 0,
            a: 2,
            b: 4,
        },
        front: 0,
        back: 0,
        end,
    }
}

/// Eight elements, a drain of `2..4` ended as `end`, then a shrink to fit and a push: the
/// push's grow shows how many elements the drain left.
fn drain_shrink_push(end: IterEnd) -> Vec<VecOp> {
    use VecOp::*;
    vec![
        Extend(seeds(8)),
        drain_two_to_four(end),
        ShrinkToFit,
        Push(1),
    ]
}

/// Runs `ops` on `MyVec<T>` over a fresh counting allocator: what the allocator saw, as
/// (allocations, grows, shrinks, peak live bytes, panics).
///
/// The first run of a vector type on a thread learns which operations the type has, on a
/// clone of the run's allocator; a run on a throwaway counter does that first, so the counts
/// are the steps' own.
fn seen_by_the_allocator<T: Element>(ops: &[VecOp]) -> (u64, u64, u64, usize, usize) {
    let throwaway: Counting = Counting::default();
    run_vec::<MyVecs, T, _>(&[], &throwaway).unwrap();
    let (summary, seen) = on_counting(ops.len(), |a| run_vec::<MyVecs, T, _>(ops, a));
    (
        seen.allocations,
        seen.grows,
        seen.shrinks,
        seen.peak_bytes,
        summary.panics,
    )
}

/// Each vector operation whose arguments the runner works out itself (a length modulo
/// something, an index resolved against the length, which end a drain has), on `u64`
/// values: 4 is the first capacity, and a grow at least doubles.
#[test]
fn every_vec_op_shows_in_the_allocator() {
    use VecOp::*;
    // (operations, (allocations, grows, shrinks, peak live bytes, panics))
    let cases = [
        // A run cuts both vectors back to 128 elements once one is longer than 1024 (so a
        // fuzz input that keeps doubling the length cannot exhaust memory), and only then.
        (vec![Extend(seeds(200)), Push(1)], (1, 1, 0, 400 * 8, 0)),
        (vec![Extend(seeds(1024)), Push(1)], (1, 1, 0, 2048 * 8, 0)),
        (vec![Extend(seeds(1025)), Push(1)], (1, 0, 0, 1025 * 8, 0)),
        // A new length is taken modulo 64, or modulo 512 when its top four bits are set:
        // 69 is 5, 0xF12C is 300.
        (vec![Resize(69, 1)], (1, 0, 0, 5 * 8, 0)),
        (vec![Resize(0xF12C, 1)], (1, 0, 0, 300 * 8, 0)),
        (vec![ResizeWith(69, 1)], (1, 0, 0, 5 * 8, 0)),
        (vec![ResizeWith(0xF12C, 1)], (1, 0, 0, 300 * 8, 0)),
        // 3 modulo (5 + 2) is 3: three elements left to shrink to (none would free the block).
        (
            vec![Extend(seeds(5)), Truncate(3), ShrinkToFit],
            (1, 0, 1, 5 * 8, 0),
        ),
        // In an empty vector the only place to insert is 0 (index 5 modulo 1): no panic.
        (vec![Insert(Index(5), 1)], (1, 0, 0, 4 * 8, 0)),
        (vec![InsertMut(Index(5), 1, 2)], (1, 0, 0, 4 * 8, 0)),
        // 5 modulo (5 + 1) is 5: an empty tail, which needs no block (at 0 the vector would
        // hand its block over and take a new one of the same size).
        (
            vec![Extend(seeds(5)), SplitOff(Index(5))],
            (1, 0, 0, 5 * 8, 0),
        ),
        // `try_reserve` grows amortized (to 8), `try_reserve_exact` to what is asked (5).
        (
            vec![Extend(seeds(4)), TryReserve(Amount::Small(1))],
            (1, 1, 0, 8 * 8, 0),
        ),
        (
            vec![Extend(seeds(4)), TryReserveExact(Amount::Small(1))],
            (1, 1, 0, 5 * 8, 0),
        ),
        // A dropped drain of 2..4 leaves 6 elements (the push then grows to 12); a forgotten
        // one leaves 2, as std's does (the push grows to 4).
        (drain_shrink_push(IterEnd::Drop), (1, 1, 1, 12 * 8, 0)),
        (drain_shrink_push(IterEnd::Forget), (1, 1, 1, 8 * 8, 0)),
    ];
    for (ops, expected) in cases {
        assert_eq!(seen_by_the_allocator::<u64>(&ops), expected, "{ops:?}");
    }
}

/// For elements that own heap memory a forgotten drain would be a real leak (which Miri and
/// valgrind report), so the runner drops it instead; a dropped one stays dropped. A `String`
/// is 24 bytes; its own heap block is not the vector's allocator's.
#[test]
fn a_drain_of_strings_is_always_dropped() {
    for end in [IterEnd::Drop, IterEnd::Forget] {
        let ops = drain_shrink_push(end);
        let expected = (1, 1, 1, 12 * 24, 0);
        assert_eq!(seen_by_the_allocator::<String>(&ops), expected, "{end:?}");
    }
}

// --- a refusal by the user's allocator -------------------------------------------------------

/// A `try_reserve` the user's allocator refuses is not a mismatch: std, on its own allocator,
/// succeeds, and its capacity is set back to ours so that later steps compare again.
#[test]
fn a_try_reserve_refused_by_the_users_allocator_is_not_a_mismatch() {
    use VecOp::*;
    let refusing = Failing::with_mode(Global, FailMode::LargerThan(64));
    let ops = [
        Push(1),
        TryReserve(Amount::Small(10)),
        Push(2),
        TryReserveExact(Amount::Small(20)),
        Push(3),
        Push(4),
        Push(5),
    ];
    let summary = run_vec::<MyVecs, u64, _>(&ops, &refusing).unwrap();
    assert_eq!((summary.steps, summary.injected_failures), (7, 0));
    // Refused: the two reservations; not the fifth push (to 8 elements, 64 bytes).
    assert_eq!(refusing.failures(), 2);
}

// --- planted flaws -----------------------------------------------------------------------------

/// What a planted flaw does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Flaw {
    Nothing,
    /// `capacity` says one less than the length.
    CapacityBelowLen,
    /// `capacity` says exactly the length: not a flaw where only `capacity >= len` is asked.
    CapacityIsLen,
    /// `try_reserve` records the capacity it is about to have before asking the allocator,
    /// and keeps the record when the allocator refuses.
    ClaimsCapacityBeforeReserving,
    /// `try_reserve` asks for at most 100 elements, so a request std calls an overflow is
    /// refused by the allocator instead.
    ClampsReservations,
    /// `split_off`'s tail has one slot more than std's.
    SpareSlotInSplitOffTail,
    /// `collect` builds a vector with one slot more than std's.
    SpareSlotWhenCollected,
    /// A `Drain`'s `as_slice` shows nothing although elements remain.
    DrainShowsNoRest,
}

thread_local! {
    static FLAW: Cell<Flaw> = const { Cell::new(Flaw::Nothing) };
}

fn flaw() -> Flaw {
    FLAW.with(Cell::get)
}

/// `MyVec` on the run's allocator, with the planted flaw. `AT_LEAST_LEN` declares that only
/// `capacity >= len` is promised (`CapacityCheck::AtLeastLen`), not std's capacities.
struct Flawed<T, A: Allocator, const AT_LEAST_LEN: bool> {
    inner: MyVec<T, TestAlloc<A>>,
    claimed: Option<usize>,
}

impl<T: Element, A: Allocator + Clone, const AT_LEAST_LEN: bool> Flawed<T, A, AT_LEAST_LEN> {
    fn with(inner: MyVec<T, TestAlloc<A>>) -> Self {
        Flawed {
            inner,
            claimed: None,
        }
    }
}

impl<T: Element, A: Allocator + Clone, const AT_LEAST_LEN: bool> VecUnderTest<T, A>
    for Flawed<T, A, AT_LEAST_LEN>
{
    const COMPARE: Compare = Compare {
        capacity: if AT_LEAST_LEN {
            CapacityCheck::AtLeastLen
        } else {
            CapacityCheck::SameAsStd
        },
        ..Compare::STRICT
    };
    fn new_in(alloc: TestAlloc<A>) -> Self {
        Flawed::with(MyVec::new_in(alloc))
    }
    fn as_slice(&self) -> &[T] {
        &self.inner
    }
    fn capacity(&self) -> usize {
        let len = self.inner.len();
        match flaw() {
            Flaw::CapacityBelowLen => len.saturating_sub(1),
            Flaw::CapacityIsLen => len,
            _ => self.claimed.unwrap_or(self.inner.capacity()),
        }
    }
    fn push(&mut self, value: T) -> Supported<()> {
        self.claimed = None;
        self.inner.push(value);
        Ok(())
    }
    fn pop(&mut self) -> Supported<Option<T>> {
        Ok(self.inner.pop())
    }
    fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
        self.claimed = None;
        Extend::extend(&mut self.inner, items);
        Ok(())
    }
    fn try_reserve(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        let asked = match flaw() {
            Flaw::ClaimsCapacityBeforeReserving => {
                self.claimed = Some(self.inner.len().saturating_add(additional));
                additional
            }
            Flaw::ClampsReservations => additional.min(100),
            _ => additional,
        };
        Ok(self.inner.try_reserve(asked).map_err(ReserveError::from))
    }
    fn split_off(&mut self, at: usize) -> Supported<Self> {
        let mut tail = self.inner.split_off(at);
        if flaw() == Flaw::SpareSlotInSplitOffTail {
            one_slot_more(&mut tail);
        }
        Ok(Flawed::with(tail))
    }
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        let (taken, rest) = VecUnderTest::<T, A>::drain(&mut self.inner, range, plan)?;
        if flaw() == Flaw::DrainShowsNoRest {
            return Ok((taken, "[]".to_string()));
        }
        Ok((taken, rest))
    }
    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        let mut collected: MyVec<T> = items.collect();
        if flaw() == Flaw::SpareSlotWhenCollected {
            one_slot_more(&mut collected);
        }
        let described = Collected::of(&collected, collected.capacity());
        drop(collected);
        Ok(described)
    }
}

/// Grows `v`'s capacity by exactly one slot.
fn one_slot_more<T, A: Allocator>(v: &mut MyVec<T, A>) {
    v.reserve_exact(v.capacity() + 1 - v.len());
}

/// Held to std's capacities.
struct FlawedVecs;
impl VecFamily for FlawedVecs {
    type Vec<T: Element, A: Allocator + Clone> = Flawed<T, A, false>;
}

/// Promising only `capacity >= len`.
struct FlawedAtLeastLenVecs;
impl VecFamily for FlawedAtLeastLenVecs {
    type Vec<T: Element, A: Allocator + Clone> = Flawed<T, A, true>;
}

/// Runs `ops` on the family `F` with `flaw` planted, on the allocator `alloc`.
fn run_flawed<F: VecFamily, A: Allocator + Clone>(
    flaw: Flaw,
    ops: &[VecOp],
    alloc: A,
) -> Result<boxvec::check::RunSummary, boxvec::check::Mismatch> {
    FLAW.with(|f| f.set(flaw));
    let result = run_vec::<F, u64, _>(ops, alloc);
    FLAW.with(|f| f.set(Flaw::Nothing));
    result
}

#[test]
fn without_a_flaw_both_families_agree_with_std() {
    let ops = [
        VecOp::Extend(seeds(5)),
        VecOp::TryReserve(Amount::Small(9)),
        VecOp::TryReserveRefused(Amount::Small(90)),
        VecOp::SplitOff(Index(3)),
        drain_two_to_four(IterEnd::Drop),
        VecOp::Collect(seeds(3), UNKNOWN_LENGTH),
        VecOp::Pop,
    ];
    for summary in [
        run_flawed::<FlawedVecs, _>(Flaw::Nothing, &ops, Global),
        run_flawed::<FlawedAtLeastLenVecs, _>(Flaw::Nothing, &ops, Global),
    ] {
        let summary = summary.unwrap_or_else(|m| panic!("{m}"));
        assert_eq!((summary.steps, summary.skipped), (ops.len(), 0));
    }
}

#[test]
fn a_capacity_below_the_length_is_reported_where_only_at_least_len_is_promised() {
    let ops = [VecOp::Push(1), VecOp::Push(2)];
    let m =
        run_flawed::<FlawedAtLeastLenVecs, _>(Flaw::CapacityBelowLen, &ops, Global).unwrap_err();
    assert_eq!(m.what, "capacity (below len)", "{m}");
    assert_eq!(
        (m.ours.as_str(), m.std.as_str()),
        ("0", "at least 1"),
        "{m}"
    );
}

#[test]
fn a_capacity_equal_to_the_length_is_not_reported_where_only_at_least_len_is_promised() {
    let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Pop];
    let summary = run_flawed::<FlawedAtLeastLenVecs, _>(Flaw::CapacityIsLen, &ops, Global).unwrap();
    assert_eq!(summary.steps, 3);
}

/// A vector must come back from a refused reservation exactly as it was, capacity included,
/// even where its capacity is not compared with std's.
#[test]
fn a_capacity_changed_by_a_refused_reservation_is_reported() {
    let ops = [VecOp::Push(1), VecOp::TryReserveRefused(Amount::Small(10))];
    let m =
        run_flawed::<FlawedAtLeastLenVecs, _>(Flaw::ClaimsCapacityBeforeReserving, &ops, Global)
            .unwrap_err();
    assert_eq!(m.what, "buffer after a refused request", "{m}");
    // (address, length, capacity) after and before; minimized, the reservation alone.
    assert!(m.ours.ends_with(", 0, 10)"), "{m}");
    assert!(m.std.ends_with(", 0, 0)"), "{m}");
}

/// When the user's allocator refuses, std's answer is still compared unless std succeeded or
/// was refused too: a refusal where std reports a capacity overflow is a wrong answer.
#[test]
fn a_refusal_where_std_reports_an_overflow_is_reported() {
    let refusing = Failing::with_mode(Global, FailMode::LargerThan(64));
    let ops = [VecOp::TryReserve(Amount::Overflowing(0))];
    let m = run_flawed::<FlawedVecs, _>(Flaw::ClampsReservations, &ops, &refusing).unwrap_err();
    assert_eq!(m.what, "result", "{m}");
    assert!(m.ours.contains("AllocError"), "{m}");
    assert!(m.std.contains("CapacityOverflow"), "{m}");
}

#[test]
fn a_wrong_capacity_inside_a_result_is_reported() {
    let split = [VecOp::Extend(seeds(5)), VecOp::SplitOff(Index(3))];
    let m = run_flawed::<FlawedVecs, _>(Flaw::SpareSlotInSplitOffTail, &split, Global).unwrap_err();
    // Minimized: a split of the empty vector, whose tail has a slot where std's has none.
    assert_eq!(m.what, "result", "{m}");
    assert_eq!(m.ours, r#"returned ("[]", Some(1))"#, "{m}");
    assert_eq!(m.std, r#"returned ("[]", Some(0))"#, "{m}");

    let collect = [VecOp::Collect(seeds(3), UNKNOWN_LENGTH)];
    let m =
        run_flawed::<FlawedVecs, _>(Flaw::SpareSlotWhenCollected, &collect, Global).unwrap_err();
    assert_eq!(m.what, "result", "{m}");
    // Three items with no upper bound: std starts at 4 (`u64`'s first capacity).
    assert_eq!(m.ours, r#"returned ("[0, 1, 2]", Some(5))"#, "{m}");
    assert_eq!(m.std, r#"returned ("[0, 1, 2]", Some(4))"#, "{m}");
}

/// Where only `capacity >= len` is promised, a capacity inside a result is not compared.
#[test]
fn a_capacity_inside_a_result_is_not_compared_where_only_at_least_len_is_promised() {
    let ops = [
        VecOp::Extend(seeds(5)),
        VecOp::SplitOff(Index(3)),
        VecOp::Collect(seeds(3), UNKNOWN_LENGTH),
    ];
    for flaw in [Flaw::SpareSlotInSplitOffTail, Flaw::SpareSlotWhenCollected] {
        let summary = run_flawed::<FlawedAtLeastLenVecs, _>(flaw, &ops, Global)
            .unwrap_or_else(|m| panic!("{flaw:?}: {m}"));
        assert_eq!(summary.steps, 3, "{flaw:?}");
    }
}

#[test]
fn the_rest_of_a_drain_is_compared() {
    let drain = VecOp::Drain {
        range: RangeSpec {
            form: 3,
            a: 0,
            b: 0,
        },
        front: 1,
        back: 0,
        end: IterEnd::Drop,
    };
    let ops = [VecOp::Extend(seeds(3)), drain];
    let m = run_flawed::<FlawedVecs, _>(Flaw::DrainShowsNoRest, &ops, Global).unwrap_err();
    assert_eq!((m.what.as_str(), m.step), ("result", 1), "{m}");
    assert!(
        m.ours.contains("\"[]\"") && m.std.contains("\"[1, 2]\""),
        "{m}"
    );
}
