//! The harness's own failure paths: every kind of bug it exists to find is planted here, in a
//! subject or an allocator, and each test fails if the harness stops reporting it — a
//! harness that silently stopped checking would otherwise pass every other test.
//!
//! Also: unsupported operations are skipped (never failures), a refusal by the allocator under
//! test is a report (never an abort), reports are minimized and render a replay test that
//! compiles (one is pasted below), and std against itself always agrees.

mod common;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ptr::NonNull;
use std::rc::Rc;

use boxvec::alloc::{AllocError, Allocator, FailMode, Global, Layout};
use boxvec::check::{
    Amount, Battery, CapacityCheck, Compare, Culprit, DropCheck, Element, ElementKind, Index,
    MyVecs, PanicCheck, Pred, StdVecs, Supported, TestAlloc, Tracked, VecFamily, VecOp,
    VecUnderTest, check_allocator, fuzz_vec, run_vec, vec_case,
};
use common::on_counting;

/// What a planted bug does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Plant {
    Nothing,
    /// `pop` returns `None` on a one-element vector.
    PopOffByOne,
    /// `reserve` reserves one element less than asked (when it reserves at all).
    ShortReserve,
    /// `clear` forgets its elements instead of dropping them.
    ClearLeaks,
    /// `truncate` drops the removed tail twice (only for `Tracked`, whose drop just counts).
    TruncateDropsTwice,
    /// `push` keeps a block from the run's allocator it never frees.
    PushLeaksBlock,
    /// `shrink_to_fit` hands a block back with the wrong layout.
    FreeWithWrongLayout,
    /// `remove` out of bounds panics with its own message.
    OwnPanicMessage,
    /// `insert` before the end puts the value one place too far: the same length, the same
    /// (empty) result, only the contents differ.
    InsertOnePastIndex,
    /// `push` is unsupported once the vector holds two elements: an operation a subject lacks
    /// only in some states (not a bug: such a step is skipped and counted).
    PushUnsupportedPastTwo,
}

thread_local! {
    static PLANT: Cell<Plant> = const { Cell::new(Plant::Nothing) };
}

fn planted() -> Plant {
    PLANT.with(Cell::get)
}

/// std's `Vec` with a bug planted on demand.
struct Planted<T, A: Allocator> {
    inner: Vec<T>,
    alloc: TestAlloc<A>,
}

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Planted<T, A> {
    fn new_in(alloc: TestAlloc<A>) -> Self {
        Planted {
            inner: Vec::new(),
            alloc,
        }
    }
    fn as_slice(&self) -> &[T] {
        &self.inner
    }
    fn capacity(&self) -> usize {
        self.inner.capacity()
    }
    fn push(&mut self, value: T) -> Supported<()> {
        if planted() == Plant::PushLeaksBlock {
            let _never_freed = self.alloc.allocate(Layout::new::<u64>());
        }
        if planted() == Plant::PushUnsupportedPastTwo && self.inner.len() >= 2 {
            return Err(boxvec::check::Unsupported);
        }
        self.inner.push(value);
        Ok(())
    }
    fn pop(&mut self) -> Supported<Option<T>> {
        if planted() == Plant::PopOffByOne && self.inner.len() == 1 {
            return Ok(None);
        }
        Ok(self.inner.pop())
    }
    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        let past = planted() == Plant::InsertOnePastIndex && index < self.inner.len();
        self.inner.insert(index + usize::from(past), value);
        Ok(())
    }
    fn remove(&mut self, index: usize) -> Supported<T> {
        if planted() == Plant::OwnPanicMessage && index >= self.inner.len() {
            panic!("Planted::remove: {index} is out of bounds");
        }
        Ok(self.inner.remove(index))
    }
    fn reserve(&mut self, additional: usize) -> Supported<()> {
        let short = planted() == Plant::ShortReserve && additional > 1;
        self.inner.reserve(additional - usize::from(short));
        Ok(())
    }
    fn clear(&mut self) -> Supported<()> {
        if planted() == Plant::ClearLeaks {
            for value in self.inner.drain(..) {
                std::mem::forget(value);
            }
        }
        self.inner.clear();
        Ok(())
    }
    fn truncate(&mut self, len: usize) -> Supported<()> {
        if planted() == Plant::TruncateDropsTwice && T::NAME == "Tracked" {
            for value in self.inner.iter().skip(len) {
                // SAFETY: only for `Tracked`, whose drop does nothing but lower a counter: the
                // bitwise copy owns no resource, so dropping it (and later the original) is
                // the planted double drop, visible in the count and harmless to memory.
                drop(unsafe { std::ptr::read(value) });
            }
        }
        self.inner.truncate(len);
        Ok(())
    }
    fn shrink_to_fit(&mut self) -> Supported<()> {
        if planted() == Plant::FreeWithWrongLayout {
            let layout = Layout::new::<[u8; 16]>();
            let block = self
                .alloc
                .allocate(layout)
                .map_err(|_| boxvec::check::Unsupported)?;
            // SAFETY: none — this is the planted contract violation: the block was allocated
            // with 16 bytes and is freed as 8. `Checked` panics before passing it on.
            unsafe {
                self.alloc
                    .deallocate(block.cast(), Layout::new::<[u8; 8]>())
            };
        }
        self.inner.shrink_to_fit();
        Ok(())
    }
}

struct PlantedVecs;
impl VecFamily for PlantedVecs {
    type Vec<T: Element, A: Allocator + Clone> = Planted<T, A>;
}

/// Runs `ops` with `plant` planted.
fn run_planted<T: Element>(
    plant: Plant,
    ops: &[VecOp],
) -> Result<boxvec::check::RunSummary, boxvec::check::Mismatch> {
    PLANT.with(|p| p.set(plant));
    let result = run_vec::<PlantedVecs, T, _>(ops, Reclaiming::default());
    PLANT.with(|p| p.set(Plant::Nothing));
    result
}

const KEEP_ALL: Pred = Pred {
    modulus: 1,
    remainder: 0,
    panic_at: 255,
};

#[test]
fn without_a_plant_the_subject_agrees_with_std() {
    let ops = [
        VecOp::Push(1),
        VecOp::Push(2),
        VecOp::Reserve(Amount::Small(9)),
        VecOp::Pop,
        VecOp::Pop,
        VecOp::Clear,
    ];
    let summary = run_planted::<Tracked>(Plant::Nothing, &ops).unwrap();
    assert_eq!((summary.steps, summary.skipped), (6, 0));
}

#[test]
fn a_wrong_result_is_reported_with_its_step_and_both_sides() {
    let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Pop, VecOp::Pop];
    let m = run_planted::<u8>(Plant::PopOffByOne, &ops).unwrap_err();
    assert_eq!(m.culprit, Culprit::Subject);
    assert_eq!(m.what, "result");
    // Minimized: the first push is not needed; the step is counted in the minimized sequence.
    assert_eq!(m.sequence, ["VecOp::Push(2)", "VecOp::Pop"], "{m}");
    assert_eq!((m.step, m.original_len), (1, 4), "{m}");
    assert_eq!(m.op, "VecOp::Pop");
    assert_eq!(m.ours, "returned None");
    assert_eq!(m.std, "returned Some(2)");
    assert!(m.subject.starts_with("Planted<u8"), "{}", m.subject);
    assert_eq!(m.element, "u8");
    let text = m.to_string();
    for part in [
        "differ in result at step 1",
        "returned None",
        "sequence (minimized from 4 operations):",
        "      0: VecOp::Push(2)\n      1: VecOp::Pop\n",
        "replay it",
        "#[test]",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
}

#[test]
fn a_sequence_that_cannot_be_shorter_is_not_called_minimized() {
    let m = run_planted::<u8>(Plant::PopOffByOne, &[VecOp::Push(4), VecOp::Pop]).unwrap_err();
    assert_eq!((m.sequence.len(), m.original_len), (2, 2));
    let text = m.to_string();
    assert!(text.contains("  sequence:\n"), "{text}");
    assert!(!text.contains("minimized from"), "{text}");
}

#[test]
fn wrong_contents_are_reported_with_the_first_differing_index() {
    let ops = [
        VecOp::Push(1),
        VecOp::Push(2),
        VecOp::Push(3),
        VecOp::Insert(Index(1), 9),
    ];
    let m = run_planted::<u8>(Plant::InsertOnePastIndex, &ops).unwrap_err();
    assert_eq!(
        (m.culprit, m.what.as_str()),
        (Culprit::Subject, "contents"),
        "{m}"
    );
    // Minimized: the first push is not needed to show it.
    assert_eq!(m.sequence.len(), 3, "{m}");
    assert_eq!(
        (m.ours.as_str(), m.std.as_str()),
        ("[2, 3, 9]", "[2, 9, 3]")
    );
    assert_eq!(m.first_difference, Some(1));
    assert!(m.to_string().contains("first differing index: 1"), "{m}");
}

#[test]
fn a_wrong_capacity_is_reported() {
    let ops = [VecOp::Push(1), VecOp::Reserve(Amount::Small(10))];
    let m = run_planted::<u32>(Plant::ShortReserve, &ops).unwrap_err();
    assert_eq!(m.sequence, ["VecOp::Reserve(Amount::Small(10))"], "{m}");
    assert_eq!((m.what.as_str(), m.step), ("capacity", 0), "{m}");
    assert_eq!((m.ours.as_str(), m.std.as_str()), ("9", "10"));
}

#[test]
fn a_leaked_element_is_reported_through_the_live_count() {
    let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Clear];
    let m = run_planted::<Tracked>(Plant::ClearLeaks, &ops).unwrap_err();
    assert_eq!((m.what.as_str(), m.step), ("live Tracked values", 1), "{m}");
    assert_eq!((m.ours.as_str(), m.std.as_str()), ("1", "0"));
}

#[test]
fn a_double_drop_is_reported_through_the_live_count() {
    let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Truncate(0)];
    let m = run_planted::<Tracked>(Plant::TruncateDropsTwice, &ops).unwrap_err();
    assert_eq!(m.what, "live Tracked values", "{m}");
    assert!(m.ours.starts_with('-'), "fewer live values than none: {m}");
}

#[test]
fn a_leaked_block_is_reported_at_the_end_of_the_run() {
    let ops = [VecOp::Push(1), VecOp::Pop];
    let m = run_planted::<u8>(Plant::PushLeaksBlock, &ops).unwrap_err();
    assert_eq!(m.culprit, Culprit::Subject);
    assert_eq!(m.sequence, ["VecOp::Push(1)"], "{m}");
    assert_eq!(
        (m.what.as_str(), m.step, m.op.as_str()),
        ("leak", 1, "end of run"),
        "{m}"
    );
    assert!(m.ours.contains("Checked: leak: 1 live blocks"), "{m}");
}

#[test]
fn a_contract_violation_by_the_subject_is_blamed_on_the_subject() {
    let ops = [VecOp::Push(1), VecOp::ShrinkToFit];
    let m = run_planted::<u8>(Plant::FreeWithWrongLayout, &ops).unwrap_err();
    assert_eq!(m.culprit, Culprit::SubjectMisusedAllocator, "{m}");
    assert!(m.ours.contains("Checked:"), "{m}");
    assert!(m.to_string().contains("broke the caller's side"), "{m}");
}

#[test]
fn panic_messages_are_compared_unless_the_subject_opts_out() {
    let ops = [VecOp::Remove(Index(0xE000 | 5))];
    let m = run_planted::<u8>(Plant::OwnPanicMessage, &ops).unwrap_err();
    assert!(m.ours.contains("Planted::remove"), "{m}");
    assert!(
        m.std
            .contains("removal index (is 5) should be < len (is 0)"),
        "{m}"
    );

    /// The same type, declaring that only "both panic" matters.
    struct Lenient<T, A: Allocator>(Planted<T, A>);
    impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Lenient<T, A> {
        const COMPARE: Compare = Compare {
            panics: PanicCheck::BothPanic,
            ..Compare::STRICT
        };
        fn new_in(alloc: TestAlloc<A>) -> Self {
            Lenient(Planted::new_in(alloc))
        }
        fn as_slice(&self) -> &[T] {
            VecUnderTest::<T, A>::as_slice(&self.0)
        }
        fn capacity(&self) -> usize {
            self.0.inner.capacity()
        }
        fn remove(&mut self, index: usize) -> Supported<T> {
            VecUnderTest::<T, A>::remove(&mut self.0, index)
        }
    }
    struct LenientVecs;
    impl VecFamily for LenientVecs {
        type Vec<T: Element, A: Allocator + Clone> = Lenient<T, A>;
    }
    PLANT.with(|p| p.set(Plant::OwnPanicMessage));
    let summary = run_vec::<LenientVecs, u8, _>(&ops, Global);
    PLANT.with(|p| p.set(Plant::Nothing));
    assert_eq!(summary.unwrap().panics, 1);
}

#[test]
fn unsupported_operations_are_skipped_and_counted() {
    // `Planted` has no `dedup`, `retain`, `drain` or `clone`.
    let ops = [
        VecOp::Push(1),
        VecOp::Dedup,
        VecOp::Retain(KEEP_ALL),
        VecOp::Clone,
        VecOp::Pop,
    ];
    let summary = run_planted::<String>(Plant::Nothing, &ops).unwrap();
    assert_eq!((summary.steps, summary.skipped), (2, 3));
}

#[test]
fn an_operation_unsupported_only_in_some_states_is_skipped_and_counted() {
    // The probe finds `push` supported (on an empty vector); the third push is not.
    let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Push(3), VecOp::Pop];
    let summary = run_planted::<u8>(Plant::PushUnsupportedPastTwo, &ops).unwrap();
    assert_eq!((summary.steps, summary.skipped), (3, 1));
}

#[test]
fn a_failing_sequence_is_minimized() {
    let n: u8 = if cfg!(miri) { 8 } else { 40 };
    let mut ops: Vec<VecOp> = (0..n).map(VecOp::Push).collect();
    ops.extend((1..n).map(|_| VecOp::Pop));
    ops.push(VecOp::Pop); // the last pop meets a one-element vector: the planted bug
    ops.push(VecOp::Push(7));
    let m = run_planted::<u8>(Plant::PopOffByOne, &ops).unwrap_err();
    assert_eq!(m.original_len, 2 * usize::from(n) + 1);
    assert_eq!(
        m.sequence.len(),
        2,
        "the smallest sequence that still fails: {m}"
    );
    assert!(m.sequence[0].starts_with("VecOp::Push("), "{m}");
    assert_eq!(m.sequence[1], "VecOp::Pop", "{m}");
    let replayed = format!(
        "let ops = [\n        {},\n        VecOp::Pop,\n    ];",
        m.sequence[0]
    );
    assert!(m.replay.contains(&replayed), "{}", m.replay);
    assert!(
        m.replay
            .contains("run_vec::<PlantedVecs, u8, _>(&ops, alloc)"),
        "{}",
        m.replay
    );
}

/// A replay test exactly as a report printed it (for the sequence of the test above, with
/// `PlantedVecs` and the bug planted): it compiles, and it fails the same way.
#[test]
#[should_panic(expected = "differ in result at step 1")]
fn planted_vecs_u8_matches_std() {
    PLANT.with(|p| p.set(Plant::PopOffByOne));
    use boxvec::check::*;
    let ops = [VecOp::Push(0), VecOp::Pop];
    let alloc = boxvec::alloc::Global;
    let result = run_vec::<PlantedVecs, u8, _>(&ops, alloc);
    assert!(result.is_ok(), "{}", result.unwrap_err());
}

#[test]
fn the_fuzz_entry_point_panics_with_the_report_and_returns_its_work_otherwise() {
    let bytes = [1u8, 0, 5, 0, 9, 3];
    let summary = fuzz_vec::<MyVecs>(&bytes);
    assert!(summary.steps > 0);
    PLANT.with(|p| p.set(Plant::PopOffByOne));
    // Fuzzer bytes that decode (by the rules every fuzz target uses) to a sequence reaching the
    // bug: found by a search over pseudo-random inputs, kept here so Miri need not search.
    let data = [
        215, 32, 135, 111, 71, 91, 142, 219, 2, 235, 164, 129, 190, 134, 194, 8, 48, 140, 229, 60,
        241, 241, 18, 5,
    ];
    let found = std::panic::catch_unwind(|| fuzz_vec::<PlantedVecs>(&data)).err();
    PLANT.with(|p| p.set(Plant::Nothing));
    let payload = found.expect("some input reaches the planted bug");
    let message = boxvec::check::panic_message(&*payload);
    assert!(message.contains("differ in result"), "{message}");
}

#[test]
fn std_against_std_always_agrees() {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let runs = if cfg!(miri) { 4 } else { 300 };
    let mut steps = 0;
    for _ in 0..runs {
        let bytes: Vec<u8> = (0..300)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                (state >> 56) as u8
            })
            .collect();
        steps += vec_case::<StdVecs>(&bytes).unwrap().steps;
    }
    assert!(steps > runs * 10, "{steps} steps");
}

// --- allocators -----------------------------------------------------------------------------

/// The blocks a `Reclaiming` handed out and not yet took back, by address.
type LiveBlocks = HashMap<usize, (NonNull<u8>, Layout)>;

/// `Global`, keeping a list of the blocks it handed out and freeing whatever is still live
/// when the last handle goes: the planted leaks and the blocks `Checked` refuses to pass on
/// are given back, so leak checkers (Miri, valgrind) see only real leaks.
#[derive(Clone, Default)]
struct Reclaiming {
    live: Rc<RefCell<LiveBlocks>>,
}

// SAFETY: blocks come from `Global` unchanged and go back to it with the same layout, once:
// `deallocate` forgets a block before freeing it, and `drop` frees only those not forgotten.
unsafe impl Allocator for Reclaiming {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let block = Global.allocate(layout)?;
        let start = block.cast::<u8>();
        self.live
            .borrow_mut()
            .insert(start.as_ptr().addr(), (start, layout));
        Ok(block)
    }
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        self.live.borrow_mut().remove(&ptr.as_ptr().addr());
        // SAFETY: the caller hands back a block this allocator returned, with its layout.
        unsafe { Global.deallocate(ptr, layout) }
    }
}

impl Drop for Reclaiming {
    fn drop(&mut self) {
        if Rc::strong_count(&self.live) > 1 {
            return;
        }
        for (_, (block, layout)) in self.live.borrow_mut().drain() {
            // SAFETY: every block still listed came from `Global` with this layout and was
            // never freed; the list is the last handle to it.
            unsafe { Global.deallocate(block, layout) };
        }
    }
}

/// An allocator that breaks its side of the contract: every block of 8 or more bytes comes
/// back one byte past where it starts, which misaligns it whenever the alignment is above 1.
#[derive(Clone, Default)]
struct Misaligning {
    inner: Reclaiming,
}

// SAFETY: none — this allocator is deliberately broken, to prove `Checked` catches it before
// any caller uses a block (the harness only runs it under `Checked`).
unsafe impl Allocator for Misaligning {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        if layout.size() < 8 {
            return self.inner.allocate(layout);
        }
        let padded = Layout::from_size_align(layout.size() + 1, layout.align()).unwrap();
        let block = self.inner.allocate(padded)?;
        let shifted = block.cast::<u8>().as_ptr().wrapping_add(1);
        Ok(NonNull::slice_from_raw_parts(
            NonNull::new(shifted).unwrap(),
            layout.size(),
        ))
    }
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        if layout.size() < 8 {
            // SAFETY: small blocks came from `inner` with `layout`.
            return unsafe { self.inner.deallocate(ptr, layout) };
        }
        let padded = Layout::from_size_align(layout.size() + 1, layout.align()).unwrap();
        let start = NonNull::new(ptr.as_ptr().wrapping_sub(1)).unwrap();
        // SAFETY: a large block starts one byte before the pointer handed out, and came from
        // `inner` with the padded layout.
        unsafe { self.inner.deallocate(start, padded) }
    }
}

#[test]
fn an_allocator_breaking_the_contract_is_blamed_on_the_allocator() {
    let m = check_allocator(
        Misaligning::default(),
        Battery {
            rounds: 1,
            ..Battery::default()
        },
    )
    .expect_err("a misaligned block must be reported");
    assert_eq!(m.culprit, Culprit::Allocator, "{m}");
    assert!(m.ours.contains("misaligned"), "{m}");
    assert!(
        m.to_string()
            .contains("the allocator under test broke its side"),
        "{m}"
    );
}

/// An allocator that serves the first `left` bytes and refuses everything after.
#[derive(Clone)]
struct Capped {
    left: std::rc::Rc<Cell<usize>>,
}

// SAFETY: blocks come from `Global` unchanged; refusing is always allowed.
unsafe impl Allocator for Capped {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let left = self
            .left
            .get()
            .checked_sub(layout.size())
            .ok_or(AllocError)?;
        self.left.set(left);
        Global.allocate(layout)
    }
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: every block came from `Global` with this layout.
        unsafe { Global.deallocate(ptr, layout) }
    }
}

#[test]
fn a_refusal_in_an_infallible_operation_is_a_report_not_an_abort() {
    let capped = Capped {
        left: std::rc::Rc::new(Cell::new(64)),
    };
    let ops: Vec<VecOp> = (0..100).map(VecOp::Push).collect();
    let m = run_vec::<MyVecs, u8, _>(&ops, capped).expect_err("the cap is reached");
    assert_eq!(m.culprit, Culprit::Refusal);
    assert!(!m.culprit.is_bug());
    assert!(m.ours.contains("the allocator under test refused"), "{m}");
    assert!(m.to_string().contains("not a bug"), "{m}");

    // The same allocator under the whole battery: sequences stop, nothing aborts.
    let capped = Capped {
        left: std::rc::Rc::new(Cell::new(1 << 16)),
    };
    let report = check_allocator(
        capped,
        Battery {
            rounds: 1,
            ..Battery::default()
        },
    )
    .unwrap();
    assert!(
        report.stopped > 0 && report.first_stop.is_some(),
        "{report}"
    );
    assert!(report.to_string().contains("stopped by a refusal"));
}

#[test]
fn the_battery_runs_and_counts_every_kind_of_sequence() {
    let report = check_allocator(
        Global,
        Battery {
            rounds: 1,
            ..Battery::default()
        },
    )
    .expect("Global keeps the contract");
    assert_eq!((report.sequences, report.stopped), (20, 0), "{report}");
    assert!(report.first_stop.is_none());
    // Each kind ran (a battery that silently skipped one would still report steps), and the
    // totals are the sums of what the runs returned.
    let kinds = report.steps_by_kind;
    assert!(
        kinds.vec > 0 && kinds.boxed > 0 && kinds.raw_vec > 0 && kinds.fallible > 0,
        "{report}"
    );
    assert_eq!(
        kinds.vec + kinds.boxed + kinds.raw_vec + kinds.fallible,
        report.steps
    );
    assert!(
        report.panics > 0 && report.injected_failures > 0,
        "{report}"
    );
    let shown = report.to_string();
    let expected = format!("{} operations ({} on MyVec, ", report.steps, kinds.vec);
    assert!(shown.contains(&expected), "{shown}");
}

/// The `Refusal` that `f` unwinds with: a `TestAlloc` refusing a request during an infallible
/// operation.
fn refusal_of(f: impl FnOnce()) -> boxvec::check::Refusal {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).expect_err("refused");
    *payload
        .downcast::<boxvec::check::Refusal>()
        .expect("a Refusal payload")
}

#[test]
fn the_budget_refuses_before_the_allocator_is_asked() {
    let alloc = TestAlloc::new(Global, FailMode::Never).with_budget(64);
    let mut v: boxvec::MyVec<u8, TestAlloc> = boxvec::MyVec::new_in(alloc.clone());
    assert!(alloc.fallible(|| v.try_reserve(32)).is_ok());
    assert!(alloc.fallible(|| v.try_reserve(100)).is_err());
    assert_eq!(
        alloc.failing().requests(),
        1,
        "the refused request never reached Failing"
    );
    // Outside a fallible operation, the same refusal unwinds with a `Refusal`.
    assert_eq!(
        refusal_of(|| v.reserve(100)).by,
        boxvec::check::Refuser::Budget
    );
    drop(v);
    alloc.checked().assert_no_leaks();
}

#[test]
fn the_budget_is_inclusive_and_refusals_name_who_refused() {
    use boxvec::check::Refuser;
    let alloc = TestAlloc::new(Global, FailMode::Never).with_budget(64);
    assert_eq!(format!("{alloc:?}"), "TestAlloc");
    let mut v: boxvec::MyVec<u8, TestAlloc> = boxvec::MyVec::new_in(alloc.clone());
    // Exactly the budget is allowed; one byte more is not.
    assert!(alloc.fallible(|| v.try_reserve_exact(64)).is_ok());
    assert!(alloc.fallible(|| v.try_reserve_exact(65)).is_err());
    drop(v);

    // A refusal by the failure plan outside a fallible operation (the plan set by hand on
    // the `Failing` layer) is the injection's, not the allocator's.
    let alloc = TestAlloc::new(Global, FailMode::Never);
    let mut v: boxvec::MyVec<u8, TestAlloc> = boxvec::MyVec::new_in(alloc.clone());
    alloc.failing().set_mode(FailMode::From(0));
    assert_eq!(refusal_of(|| v.reserve(8)).by, Refuser::FailureInjection);
    drop(v);
    alloc.checked().assert_no_leaks();
}

#[test]
fn injected_failures_never_reach_an_infallible_operation() {
    // Every fallible request fails…
    let alloc = TestAlloc::new(Global, FailMode::From(0));
    let mut v: boxvec::MyVec<u64, TestAlloc> = boxvec::MyVec::new_in(alloc.clone());
    assert!(alloc.fallible(|| v.try_reserve(1)).is_err());
    // …and pushes outside fallible operations are still served.
    for i in 0..100 {
        v.push(i);
    }
    assert_eq!(alloc.failing().failures(), 1);
    drop(v);
    alloc.checked().assert_no_leaks();
}

#[test]
fn drop_check_never_twice_allows_a_leak_but_not_a_double_drop() {
    struct LeakyOk<T, A: Allocator>(Planted<T, A>);
    impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for LeakyOk<T, A> {
        const COMPARE: Compare = Compare {
            drops: DropCheck::NeverTwice,
            capacity: CapacityCheck::Ignore,
            ..Compare::STRICT
        };
        fn new_in(alloc: TestAlloc<A>) -> Self {
            LeakyOk(Planted::new_in(alloc))
        }
        fn as_slice(&self) -> &[T] {
            VecUnderTest::<T, A>::as_slice(&self.0)
        }
        fn capacity(&self) -> usize {
            0
        }
        fn push(&mut self, value: T) -> Supported<()> {
            VecUnderTest::<T, A>::push(&mut self.0, value)
        }
        fn clear(&mut self) -> Supported<()> {
            VecUnderTest::<T, A>::clear(&mut self.0)
        }
        fn truncate(&mut self, len: usize) -> Supported<()> {
            VecUnderTest::<T, A>::truncate(&mut self.0, len)
        }
    }
    struct LeakyVecs;
    impl VecFamily for LeakyVecs {
        type Vec<T: Element, A: Allocator + Clone> = LeakyOk<T, A>;
    }
    let leak = [VecOp::Push(1), VecOp::Clear];
    PLANT.with(|p| p.set(Plant::ClearLeaks));
    let leaked = run_vec::<LeakyVecs, Tracked, _>(&leak, Global);
    PLANT.with(|p| p.set(Plant::TruncateDropsTwice));
    let twice = run_vec::<LeakyVecs, Tracked, _>(&[VecOp::Push(1), VecOp::Truncate(0)], Global);
    PLANT.with(|p| p.set(Plant::Nothing));
    assert!(leaked.is_ok(), "{}", leaked.unwrap_err());
    assert!(twice.unwrap_err().what.contains("double drop"));
}

#[test]
fn every_element_kind_runs_through_the_same_runner() {
    for kind in ElementKind::ALL {
        let summary = kind
            .run_vec::<MyVecs, _>(&[VecOp::Push(3), VecOp::Clone, VecOp::Dedup], Global)
            .unwrap();
        assert_eq!(summary.steps, 3, "{kind:?}");
    }
}

/// A subject with its own capacities and no `Drain::as_slice`, that cannot pop.
struct OwnWays<T>(Vec<T>);

impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for OwnWays<T> {
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        ..Compare::STRICT
    };
    fn new_in(_alloc: TestAlloc<A>) -> Self {
        OwnWays(Vec::new())
    }
    fn as_slice(&self) -> &[T] {
        &self.0
    }
    fn capacity(&self) -> usize {
        self.0.capacity()
    }
    fn supports(op: &VecOp) -> bool {
        !matches!(op, VecOp::Pop)
    }
    fn push(&mut self, value: T) -> Supported<()> {
        self.0.push(value);
        Ok(())
    }
    fn pop(&mut self) -> Supported<Option<T>> {
        unreachable!("`supports` says no: never called")
    }
    fn split_off(&mut self, at: usize) -> Supported<Self> {
        let mut tail = self.0.split_off(at);
        tail.reserve(100); // a capacity of its own, inside a result
        Ok(OwnWays(tail))
    }
    fn drain(
        &mut self,
        range: boxvec::check::Bounds,
        plan: &boxvec::check::IterPlan,
    ) -> Supported<(boxvec::check::Taken<T>, String)> {
        let mut drain = self.0.drain(range);
        let taken = plan.take(&mut drain);
        plan.end(drain);
        Ok((taken, String::new())) // cannot show the rest
    }
}

struct OwnWaysVecs;
impl VecFamily for OwnWaysVecs {
    type Vec<T: Element, A: Allocator + Clone> = OwnWays<T>;
}

#[test]
fn what_a_subject_declares_it_cannot_do_is_not_compared() {
    let drain = VecOp::Drain {
        range: boxvec::check::RangeSpec {
            form: 3,
            a: 0,
            b: 0,
        },
        front: 1,
        back: 0,
        end: boxvec::check::IterEnd::Drop,
    };
    let ops = [
        VecOp::Push(1),
        VecOp::Push(2),
        VecOp::Pop,
        VecOp::SplitOff(Index(1)),
        VecOp::Push(3),
        drain,
    ];
    let summary = run_vec::<OwnWaysVecs, u8, _>(&ops, Global).unwrap();
    assert_eq!((summary.steps, summary.skipped), (5, 1));
}

// --- the harness's own elements ----------------------------------------------------------------

#[test]
fn an_armed_tracked_panics_once_at_the_nth_clone_or_drop_of_its_side() {
    use boxvec::check::{Side, TRACKED_PANIC, Trigger, catch_quietly};
    Tracked::reset();
    let mut values: Vec<Tracked> = (0..4).map(|s| Tracked::from_seed(s, Side::Ours)).collect();
    let theirs = Tracked::from_seed(9, Side::Std);
    assert_eq!(
        (Tracked::live(Side::Ours), Tracked::live(Side::Std)),
        (4, 1)
    );

    Tracked::arm(Side::Ours, Trigger::Clone, 1);
    let first = values[0].clone(); // clone number 0
    let _ = theirs.clone(); // the other side's clones do not count
    assert_eq!(
        catch_quietly(|| drop(values[1].clone())),
        Err(TRACKED_PANIC.to_string())
    );
    let again = values[2].clone(); // one-shot: disarmed once it fired
    assert_eq!(Tracked::live(Side::Ours), 6);

    Tracked::arm(Side::Ours, Trigger::Drop, 2);
    drop(first); // drop number 0
    drop(again); // drop number 1
    let third = values.pop();
    assert_eq!(
        catch_quietly(move || drop(third)),
        Err(TRACKED_PANIC.to_string())
    );
    // A value whose drop panicked is gone all the same.
    assert_eq!(Tracked::live(Side::Ours), 3);
    drop(values);
    drop(theirs);
    assert_eq!(
        (Tracked::live(Side::Ours), Tracked::live(Side::Std)),
        (0, 0)
    );
    Tracked::reset();
}

#[test]
fn an_armed_panic_in_a_sequence_panics_on_both_sides_and_is_counted() {
    use boxvec::check::Trigger;
    let ops = [
        VecOp::Push(1),
        VecOp::Push(2),
        VecOp::Push(3),
        VecOp::ArmPanic(Trigger::Drop, 1),
        VecOp::Truncate(0),
        VecOp::Push(4),
    ];
    let summary = run_vec::<MyVecs, Tracked, _>(&ops, Global).unwrap();
    assert_eq!((summary.steps, summary.panics), (6, 1));
    // Other element types ignore the trigger.
    let summary = run_vec::<MyVecs, u8, _>(&ops, Global).unwrap();
    assert_eq!((summary.steps, summary.panics), (6, 0));
}

#[test]
fn an_armed_panic_in_a_box_sequence_panics_on_both_sides_and_is_counted() {
    use boxvec::check::{BoxOp, Trigger, run_box_ops};
    // The first drop after the arming: `Set(2)` drops the old value, T1, and panics.
    let ops = [
        BoxOp::New(1),
        BoxOp::ArmPanic(Trigger::Drop, 0),
        BoxOp::Set(2),
        BoxOp::Clone,
    ];
    let summary = run_box_ops::<Tracked, _>(&ops, Global).unwrap();
    assert_eq!((summary.steps, summary.panics), (4, 1));
    let summary = run_box_ops::<u8, _>(&ops, Global).unwrap();
    assert_eq!((summary.steps, summary.panics), (4, 0));
}

/// Each box operation, after what it needs, on a counting allocator with `u64` values: the
/// blocks it asks for (how many, and the most bytes live at once) and whether it panicked.
/// The comparison with std cannot tell whether the harness really ran an operation: one that
/// ran nothing, or another operation, on both sides would still agree with std. The
/// allocator can tell.
#[test]
fn every_box_op_asks_the_allocator_for_the_blocks_it_stands_for() {
    use boxvec::check::{BoxOp::*, Index, run_box_ops};
    // (operations, allocations, peak live bytes, panics)
    let cases = [
        (vec![New(1)], 1, 8, 0),
        (vec![TryNew(1)], 1, 8, 0),
        (vec![NewUninitWrite(1)], 1, 8, 0),
        // Each of these keeps the single box, so the clone after it allocates a second.
        (vec![New(1), Set(2), Clone], 2, 16, 0),
        (vec![New(1), RawRoundTrip, Clone], 2, 16, 0),
        (vec![New(1), NonNullRoundTrip, Clone], 2, 16, 0),
        (vec![New(1), TakeWrite(2), Clone], 2, 16, 0),
        (vec![New(1), MapSameLayout(2), Clone], 2, 16, 0),
        // Each of these empties it, so the clone allocates nothing.
        (vec![New(1), IntoInner, Clone], 1, 8, 0),
        (vec![New(1), DropSingle, Clone], 1, 8, 0),
        // `clone_from` clones in place: the allocation is its source's.
        (vec![New(1), CloneFrom(2)], 2, 16, 0),
        // A new block of 16 bytes, then one of 8 again; `map` frees the old block first.
        (vec![New(1), MapThroughWider], 3, 16, 0),
        // The single box's block becomes the slice's, which the clone copies.
        (vec![New(1), SingleIntoSlice, SliceClone], 2, 16, 0),
        // 69 slots asked for: the length is taken modulo 64.
        (vec![SliceUninit(69, 1)], 1, 40, 0),
        (
            vec![SliceUninit(3, 1), SliceSet(Index(1), 9), SliceClone],
            2,
            48,
            0,
        ),
        (vec![SliceSet(Index(0), 9)], 0, 0, 1),
        // `into_vec` keeps the block of 3; the push grows it to 6 (48 bytes).
        (vec![SliceUninit(3, 1), SliceIntoVecPush(9)], 1, 48, 0),
        // A vector of 3 reserves 4 first (32 bytes), then shrinks to fit.
        (vec![SliceFrom(vec![1, 2, 3])], 1, 32, 0),
        (
            vec![SliceUninit(3, 1), SliceIntoArray, SliceClone],
            2,
            48,
            0,
        ),
    ];
    for (ops, allocations, peak_bytes, panics) in cases {
        let (summary, seen) = on_counting(ops.len(), |a| run_box_ops::<u64, _>(&ops, a));
        assert_eq!(
            (seen.allocations, seen.peak_bytes, summary.panics),
            (allocations, peak_bytes, panics),
            "{ops:?}"
        );
    }
}

/// As for boxes: each raw-buffer operation, on a counting allocator with `u64` values, and
/// what the allocator saw. 4 is the first capacity of a buffer of 8-byte values.
#[test]
fn every_raw_vec_op_shows_in_the_allocator() {
    use boxvec::check::{Amount, RawVecOp::*, run_raw_vec_ops};
    // (operations, allocations, grows, shrinks, peak live bytes, panics)
    let cases = [
        (vec![Push(1)], 1, 0, 0, 32, 0),
        (vec![PushMany(5, 0)], 1, 1, 0, 64, 0),
        // The shrink happens only if the pop made room.
        (vec![PushMany(4, 0), Pop, ShrinkToFit], 1, 0, 1, 32, 0),
        // 2 modulo (4 + 2) is 2: two elements left, so the buffer shrinks to 2, not to 0 (a
        // deallocation, not a shrink) and not to 4 (nothing to do).
        (
            vec![PushMany(4, 0), Truncate(2), ShrinkToFit],
            1,
            0,
            1,
            32,
            0,
        ),
        // A capacity overflow panics on both sides, and is counted.
        (vec![Reserve(Amount::Overflowing(0))], 0, 0, 0, 0, 1),
        (vec![WithCapacity(3), RawPartsRoundTrip], 1, 0, 0, 24, 0),
        // Full: `Vec::shrink_to_fit` has nothing to give back, so no request (RawVec's own
        // `shrink_to_fit` would still ask).
        (vec![PushMany(4, 0), ShrinkToFit], 1, 0, 0, 32, 0),
        (vec![PushMany(5, 0), ShrinkTo(6)], 1, 1, 1, 64, 0),
        // Capacities modulo 512, or up to 4095 when the top four bits are set.
        (vec![WithCapacity(0x0E05)], 1, 0, 0, 5 * 8, 0),
        (vec![WithCapacity(0xFE05)], 1, 0, 0, 0xE05 * 8, 0),
    ];
    for (ops, allocations, grows, shrinks, peak_bytes, panics) in cases {
        let (summary, seen) = on_counting(ops.len(), |a| run_raw_vec_ops::<u64, _>(&ops, a));
        assert_eq!(
            (seen.allocations, seen.grows, seen.shrinks),
            (allocations, grows, shrinks),
            "{ops:?}"
        );
        assert_eq!(
            (seen.peak_bytes, summary.panics),
            (peak_bytes, panics),
            "{ops:?}"
        );
        assert_eq!((summary.steps, seen.live_blocks), (ops.len(), 0), "{ops:?}");
    }
}

/// A refused shrink is tried only where a shrink would ask the allocator: with room to give
/// back and elements left. Each refusal is an injected failure in the summary.
#[test]
fn a_raw_vec_shrink_is_refused_only_where_it_would_ask() {
    use boxvec::check::{Amount, RawVecOp::*, run_raw_vec_ops};
    let cases = [
        (vec![PushMany(5, 0), TryShrinkRefused], 1),
        // Full: nothing to give back.
        (vec![PushMany(4, 0), TryShrinkRefused], 0),
        // Empty: shrinking to nothing frees the block, which cannot fail.
        (vec![Reserve(Amount::Small(3)), TryShrinkRefused], 0),
    ];
    for (ops, refused) in cases {
        let summary = run_raw_vec_ops::<u64, _>(&ops, Global).unwrap();
        assert_eq!(
            (summary.steps, summary.injected_failures),
            (ops.len(), refused),
            "{ops:?}"
        );
    }
}

/// An allocator under test that refuses a `try_reserve` makes no mismatch: std, on its own
/// allocator, is not comparable then, and the buffer must simply be unchanged.
#[test]
fn a_raw_vec_try_reserve_refused_by_the_users_allocator_is_not_a_mismatch() {
    use boxvec::alloc::Failing;
    use boxvec::check::{Amount, RawVecOp::*, run_raw_vec_ops};
    let refusing = Failing::with_mode(Global, FailMode::From(0));
    let ops = [
        TryReserve(Amount::Small(3)),
        TryReserveExact(Amount::Small(9)),
    ];
    let summary = run_raw_vec_ops::<u64, _>(&ops, &refusing).unwrap();
    assert_eq!((summary.steps, summary.injected_failures), (2, 0));
    assert_eq!(refusing.requests(), 2);
}

/// As for boxes: string edits, and what the allocator saw. Seed 0 is `'a'`, one byte; a
/// string's first capacity is 8 bytes.
#[test]
fn every_string_edit_shows_in_the_allocator() {
    use boxvec::check::{Index, StringOp::*, run_string_ops};
    // (operations, allocations, shrinks, peak live bytes, panics)
    let cases = [
        (vec![Push(0)], 1, 0, 8, 0),
        (vec![PushStr(vec![0; 9])], 1, 0, 9, 0),
        // Emptied, so the shrink frees the block (not a shrink request).
        (vec![Push(0), Pop, ShrinkToFit], 1, 0, 8, 0),
        (vec![Push(0), Clear, ShrinkToFit], 1, 0, 8, 0),
        (
            vec![Push(0), Push(0), Remove(Index(0)), ShrinkToFit],
            1,
            1,
            8,
            0,
        ),
        (
            vec![PushStr(vec![0; 4]), Truncate(Index(2)), ShrinkToFit],
            1,
            1,
            8,
            0,
        ),
        // In an empty string the only place to insert is 0 (index 5 modulo 1): no panic.
        (vec![Insert(Index(5), 0)], 1, 0, 8, 0),
        (vec![InsertStr(Index(5), vec![0])], 1, 0, 8, 0),
        // `from_utf8` of 20 bytes cut at 13, then at 20 (modulo 21: the whole text), each in
        // a vector of exactly that capacity.
        (vec![FromUtf8(vec![0; 20], 13)], 1, 0, 13, 0),
        (vec![FromUtf8(vec![0; 20], 20)], 1, 0, 20, 0),
    ];
    for (ops, allocations, shrinks, peak_bytes, panics) in cases {
        let (summary, seen) = on_counting(ops.len(), |a| run_string_ops(&ops, a));
        assert_eq!(
            (
                seen.allocations,
                seen.shrinks,
                seen.peak_bytes,
                summary.panics
            ),
            (allocations, shrinks, peak_bytes, panics),
            "{ops:?}"
        );
    }
}

#[test]
fn element_keys_are_their_seeds_so_predicates_pick_some_and_not_others() {
    use boxvec::check::{OverAligned, Side};
    fn keys<T: Element>() -> Vec<u8> {
        (0..=255)
            .map(|seed| T::from_seed(seed, Side::Ours).key())
            .collect()
    }
    let seeds: Vec<u8> = (0..=255).collect();
    assert_eq!(keys::<u8>(), seeds);
    assert_eq!(keys::<u32>(), seeds);
    assert_eq!(keys::<[u8; 3]>(), seeds);
    assert_eq!(keys::<String>(), seeds);
    assert_eq!(keys::<OverAligned>(), seeds);
    Tracked::reset();
    assert_eq!(keys::<Tracked>(), seeds);
    assert_eq!(Tracked::live(boxvec::check::Side::Ours), 0);
    // A type without a value has one key.
    assert!(keys::<()>().iter().all(|&key| key == 0));
}

#[test]
fn tracked_values_compare_by_value_across_sides() {
    use boxvec::check::Side;
    Tracked::reset();
    let (ours, theirs) = (
        Tracked::from_seed(5, Side::Ours),
        Tracked::from_seed(5, Side::Std),
    );
    let other = Tracked::from_seed(6, Side::Ours);
    assert_eq!(ours, theirs);
    assert_ne!(ours, other);
    assert_eq!(format!("{ours:?} {other:?}"), "T5 T6");
    drop((ours, theirs, other));
    Tracked::reset();
}

#[test]
fn triggers_print_as_rust_source_for_replay_tests() {
    use boxvec::check::Trigger;
    assert_eq!(
        format!("{:?}", [Trigger::Clone, Trigger::Drop]),
        "[Trigger::Clone, Trigger::Drop]"
    );
}

// --- fallible operations ------------------------------------------------------------------------

#[test]
fn a_fail_plan_stands_for_the_fail_mode_its_docs_give() {
    use boxvec::check::FailPlan;
    assert_eq!(FailPlan::Nth(40).mode(), FailMode::Nth(8)); // modulo 32
    assert_eq!(FailPlan::From(70).mode(), FailMode::From(6)); // modulo 32
    assert_eq!(FailPlan::LargerThan(300).mode(), FailMode::LargerThan(300));
    assert_eq!(
        FailPlan::LiveBytesOver(10).mode(),
        FailMode::LiveBytesOver(40)
    ); // 4 x n
}

#[test]
fn a_box_slice_that_needs_no_bytes_makes_no_request_to_refuse() {
    use boxvec::check::{FallibleOp, run_alloc_failures};
    // Five zero-sized elements, or no bytes at all: nothing to allocate, so nothing can be
    // refused even when every request would be.
    let ops = [FallibleOp::BoxTryNewUninitSlice(5)];
    let summary = run_alloc_failures::<(), _>(&ops, FailMode::From(0), Global).unwrap();
    assert_eq!((summary.steps, summary.injected_failures), (1, 0));
    let ops = [FallibleOp::BoxTryNewUninitSlice(0)];
    let summary = run_alloc_failures::<u8, _>(&ops, FailMode::From(0), Global).unwrap();
    assert_eq!((summary.steps, summary.injected_failures), (1, 0));
    // Three bytes: one request, refused, and reported as an error.
    let ops = [FallibleOp::BoxTryNewUninitSlice(3)];
    let summary = run_alloc_failures::<u8, _>(&ops, FailMode::From(0), Global).unwrap();
    assert_eq!((summary.steps, summary.injected_failures), (1, 1));
}
