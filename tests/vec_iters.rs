//! `IntoIter`, `Drain`, `Splice` and `ExtractIf` against std.
//!
//! Every check runs the same script twice, once on a `MyVec` and once on a `std::vec::Vec`
//! (the [`against_std!`] macro writes the body once and expands it for both), and compares
//! what came out: the items yielded from either end, the panic message if any, the vector
//! afterwards (contents, length, capacity), and the order in which elements were dropped.
//! The `MyVec` lives in a `Checked<Counting<Global>>`, which proves that every block is
//! freed exactly once with the right layout, and that zero-sized elements never allocate.
//!
//! The element types log every drop to a thread-local list and can be told to panic on the
//! k-th drop or clone, so panic safety is compared with std too: the same element panics in
//! both, and both must then drop the same elements and leave the same vector.
//!
//! The scripts come from proptest (partly consumed iterators, `mem::forget`, lying
//! `size_hint`s, panicking predicates and iterators), each for a plain, an over-aligned and a
//! zero-sized element type; a few fixed tests cover the rest.

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::mem::{self, size_of};
use std::ops::Bound::{self, Excluded, Included, Unbounded};
use std::panic::UnwindSafe;

use boxvec::alloc::{Checked, Counting, Global};
use boxvec::check::{IterEnd, Trigger, catch_quietly};
use boxvec::vec::{Drain, ExtractIf, IntoIter, Splice};
use boxvec::{MyVec, my_vec};
use proptest::prelude::*;

mod common;

type TestAlloc = Checked<Counting<Global>>;

// ---------------------------------------------------------------------------------------
// Drop log and panic triggers
// ---------------------------------------------------------------------------------------

/// Per-thread record of drops and clones, and the drop / clone that should panic.
/// Each test runs on its own thread, and every run starts with `reset`.
///
/// The triggers are armed as `boxvec::check::Tracked`'s are (a [`Trigger`] and the `nth`
/// call from now, counting from 0, one-shot), but the panic message names the element, so a
/// test sees *which* drop panicked.
mod tracking {
    use super::*;

    thread_local! {
        static DROPS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        /// The length the drop log will have when the armed drop happens.
        static PANIC_AT_DROP: Cell<Option<usize>> = const { Cell::new(None) };
        static CLONES: Cell<usize> = const { Cell::new(0) };
        /// The clone count (since arming) at which a clone panics.
        static PANIC_AT_CLONE: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Clears the log and disarms both triggers.
    pub fn reset() {
        DROPS.with_borrow_mut(Vec::clear);
        disarm();
    }

    /// Makes the `nth` (counting from 0) drop or clone from now panic, once; a drop panics
    /// after logging itself.
    pub fn arm(trigger: Trigger, nth: usize) {
        match trigger {
            Trigger::Drop => PANIC_AT_DROP.set(Some(DROPS.with_borrow(Vec::len) + nth + 1)),
            Trigger::Clone => {
                CLONES.set(0);
                PANIC_AT_CLONE.set(Some(nth + 1));
            }
        }
    }

    /// Disarms both triggers.
    pub fn disarm() {
        PANIC_AT_DROP.set(None);
        CLONES.set(0);
        PANIC_AT_CLONE.set(None);
    }

    /// Takes the values dropped so far, in drop order.
    pub fn take() -> Vec<u32> {
        DROPS.with_borrow_mut(mem::take)
    }

    pub fn record_drop(value: u32) {
        let count = DROPS.with_borrow_mut(|log| {
            log.push(value);
            log.len()
        });
        if PANIC_AT_DROP.get() == Some(count) {
            PANIC_AT_DROP.set(None);
            panic!("boom: dropping {value}");
        }
    }

    pub fn record_clone() {
        let count = CLONES.get() + 1;
        CLONES.set(count);
        if PANIC_AT_CLONE.get() == Some(count) {
            PANIC_AT_CLONE.set(None);
            panic!("boom: clone #{count}");
        }
    }
}

/// An element type for the scripts: made from a `u32`, observed as one, drops logged.
///
/// Not `boxvec::check`'s `Element`/`Tracked`/`OverAligned`: those count how many values are
/// alive, but the scripts compare *which* values std and `MyVec` drop and in what order, a
/// predicate with `&mut` access changes elements in place ([`bump`](Self::bump); `Tracked`'s
/// value cannot change), and values run past `u8` (bumps add 1000). A zero-sized element
/// could not carry `Tracked`'s state at all.
trait LoggedElement: Clone + Debug + PartialEq + 'static {
    fn make(value: u32) -> Self;
    fn value(&self) -> u32;
    /// Changes the element in place (what a predicate with `&mut` access may do).
    fn bump(&mut self);
}

/// A plain element: 4 bytes, logs its value when dropped.
#[derive(Debug, PartialEq)]
struct Logged(u32);

impl Drop for Logged {
    fn drop(&mut self) {
        tracking::record_drop(self.0);
    }
}

impl Clone for Logged {
    fn clone(&self) -> Self {
        tracking::record_clone();
        Logged(self.0)
    }
}

impl LoggedElement for Logged {
    fn make(value: u32) -> Self {
        Logged(value)
    }
    fn value(&self) -> u32 {
        self.0
    }
    fn bump(&mut self) {
        self.0 += 1000;
    }
}

/// A [`Logged`] with 64-byte alignment (as `boxvec::check::OverAligned`, which logs
/// nothing), so the buffer's layout is not the default.
#[derive(Clone, Debug, PartialEq)]
#[repr(align(64))]
struct OverAlignedLogged(Logged);

impl LoggedElement for OverAlignedLogged {
    fn make(value: u32) -> Self {
        OverAlignedLogged(Logged(value))
    }
    fn value(&self) -> u32 {
        self.0.0
    }
    fn bump(&mut self) {
        self.0.bump();
    }
}

/// A zero-sized element whose drops are logged (each as `u32::MAX`).
#[derive(Debug, PartialEq)]
struct ZstLogged;

impl Drop for ZstLogged {
    fn drop(&mut self) {
        tracking::record_drop(u32::MAX);
    }
}

impl Clone for ZstLogged {
    fn clone(&self) -> Self {
        tracking::record_clone();
        ZstLogged
    }
}

impl LoggedElement for ZstLogged {
    fn make(_: u32) -> Self {
        ZstLogged
    }
    fn value(&self) -> u32 {
        u32::MAX
    }
    fn bump(&mut self) {}
}

// ---------------------------------------------------------------------------------------
// Running a script on both vectors
// ---------------------------------------------------------------------------------------

/// A vector's observable state.
#[derive(Debug, PartialEq)]
struct State {
    values: Vec<u32>,
    len: usize,
    capacity: usize,
}

fn state<E: LoggedElement>(elements: &[E], capacity: usize) -> State {
    State {
        values: elements.iter().map(E::value).collect(),
        len: elements.len(),
        capacity,
    }
}

fn values<E: LoggedElement>(elements: &[E]) -> Vec<u32> {
    elements.iter().map(E::value).collect()
}

/// Runs `$body` twice: with `$v` a `MyVec<$E, &Checked<Counting<Global>>>` and with `$v` a
/// `Vec<$E>`, each created with capacity `$cap` and then given the elements `$items` by
/// `push`. Asserts that both bodies return the same value and drop the same elements in
/// the same order, that the `MyVec`'s allocator ends with no live block, and that a
/// zero-sized `$E` never allocated. Returns the body's value.
macro_rules! against_std {
    ($E:ty, cap: $cap:expr, items: $items:expr, |$v:ident| $body:block) => {{
        let cap: usize = $cap;
        let items: Vec<u32> = $items;
        let alloc: TestAlloc = Checked::new(Counting::new(Global));

        tracking::reset();
        let ours = {
            #[allow(unused_mut)]
            let mut $v: MyVec<$E, &TestAlloc> = MyVec::with_capacity_in(cap, &alloc);
            for &x in &items {
                $v.push(<$E as LoggedElement>::make(x));
            }
            $body
        };
        let our_drops = tracking::take();
        alloc.assert_no_leaks();
        if size_of::<$E>() == 0 {
            assert_eq!(
                alloc.inner().snapshot().allocations,
                0,
                "a ZST vector allocated"
            );
        }

        tracking::reset();
        let theirs = {
            #[allow(unused_mut)]
            let mut $v: Vec<$E> = Vec::with_capacity(cap);
            for &x in &items {
                $v.push(<$E as LoggedElement>::make(x));
            }
            $body
        };
        let their_drops = tracking::take();
        tracking::reset();

        assert_eq!(ours, theirs, "result: MyVec (left) and std (right) differ");
        assert_eq!(
            our_drops, their_drops,
            "drops: MyVec (left) and std (right) differ"
        );
        ours
    }};
}

// ---------------------------------------------------------------------------------------
// Strategies shared by the property tests
// ---------------------------------------------------------------------------------------

/// A range bound near `0..=len + 2`, now and then `usize::MAX`.
fn bound_strategy(len: usize) -> impl Strategy<Value = Bound<usize>> {
    let index = prop_oneof![8 => 0..=len + 2, 1 => Just(usize::MAX)];
    prop_oneof![
        1 => Just(Unbounded),
        3 => index.clone().prop_map(Included),
        2 => index.prop_map(Excluded),
    ]
}

/// A range for a vector of `len` elements: mostly valid, sometimes not.
fn range_strategy(len: usize) -> impl Strategy<Value = (Bound<usize>, Bound<usize>)> {
    let valid = (0..=len, 0..=len).prop_map(|(a, b)| (Included(a.min(b)), Excluded(a.max(b))));
    prop_oneof![
        3 => valid,
        1 => (bound_strategy(len), bound_strategy(len)),
    ]
}

/// The length of a vector, and how much capacity to give it up front.
fn len_and_cap() -> impl Strategy<Value = (usize, usize)> {
    let max_len: usize = if cfg!(miri) { 8 } else { 24 };
    (0..=max_len, 0..=max_len + 4)
}

fn numbered(len: usize) -> Vec<u32> {
    (0..len as u32).collect()
}

// ---------------------------------------------------------------------------------------
// IntoIter
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum IterStep {
    Next,
    NextBack,
    Nth(usize),
    NthBack(usize),
    /// Change the first remaining element through `as_mut_slice`.
    BumpFirst,
    /// Clone the iterator, drain the clone from the back, drop it.
    CloneAndDrain,
}

/// How an `IntoIter` script uses up what is left. (Not `boxvec::check::IterEnd`, which ends
/// a *partly consumed* iterator by dropping, forgetting or keeping the rest: these consume it.)
#[derive(Clone, Debug)]
enum IntoIterFinish {
    Drop,
    Count,
    Last,
    Collect,
    CollectBack,
}

#[derive(Clone, Debug)]
struct IntoIterCase {
    len: usize,
    cap: usize,
    steps: Vec<IterStep>,
    end: IntoIterFinish,
    /// The drop that panics, counted from 0 from when the iterator is made.
    panic_at_drop: Option<usize>,
}

fn into_iter_case() -> impl Strategy<Value = IntoIterCase> {
    let step = prop_oneof![
        4 => Just(IterStep::Next),
        4 => Just(IterStep::NextBack),
        2 => (0usize..6).prop_map(IterStep::Nth),
        2 => (0usize..6).prop_map(IterStep::NthBack),
        1 => Just(IterStep::BumpFirst),
        1 => Just(IterStep::CloneAndDrain),
    ];
    let end = prop_oneof![
        Just(IntoIterFinish::Drop),
        Just(IntoIterFinish::Count),
        Just(IntoIterFinish::Last),
        Just(IntoIterFinish::Collect),
        Just(IntoIterFinish::CollectBack),
    ];
    (
        len_and_cap(),
        prop::collection::vec(step, 0..10),
        end,
        prop_oneof![3 => Just(None), 1 => (0usize..7).prop_map(Some)],
    )
        .prop_map(|((len, cap), steps, end, panic_at_drop)| IntoIterCase {
            len,
            cap,
            steps,
            end,
            panic_at_drop,
        })
}

/// What an `IntoIter` script observed.
#[derive(Debug, PartialEq)]
struct IterReport {
    yielded: Vec<Option<u32>>,
    remaining_after_each_step: Vec<Vec<u32>>,
    size_hints: Vec<(usize, Option<usize>)>,
    debug: String,
    end: Result<Vec<u32>, String>,
}

fn check_into_iter<E: LoggedElement>(case: &IntoIterCase) {
    against_std!(E, cap: case.cap, items: numbered(case.len), |v| {
        if let Some(nth) = case.panic_at_drop {
            tracking::arm(Trigger::Drop, nth);
        }
        let mut iter = v.into_iter();
        let mut report = IterReport {
            yielded: Vec::new(),
            remaining_after_each_step: Vec::new(),
            size_hints: vec![iter.size_hint()],
            debug: String::new(),
            end: Ok(Vec::new()),
        };
        let steps = catch_quietly(|| {
            for step in &case.steps {
                let item = match *step {
                    IterStep::Next => iter.next(),
                    IterStep::NextBack => iter.next_back(),
                    IterStep::Nth(n) => iter.nth(n),
                    IterStep::NthBack(n) => iter.nth_back(n),
                    IterStep::BumpFirst => {
                        if let Some(first) = iter.as_mut_slice().first_mut() {
                            first.bump();
                        }
                        None
                    }
                    IterStep::CloneAndDrain => {
                        let clone = iter.clone();
                        assert_eq!(values(clone.as_slice()), values(iter.as_slice()));
                        let mut from_back: Vec<u32> = clone.rev().map(|e| e.value()).collect();
                        from_back.reverse();
                        assert_eq!(from_back, values(iter.as_slice()));
                        None
                    }
                };
                report.yielded.push(item.as_ref().map(E::value));
                report.remaining_after_each_step.push(values(iter.as_slice()));
                report.size_hints.push(iter.size_hint());
                assert_eq!(iter.len(), iter.as_slice().len());
                assert_eq!(iter.as_ref().len(), iter.as_slice().len());
            }
        });
        report.debug = format!("{iter:?}");
        report.end = match steps {
            Err(message) => Err(message),
            Ok(()) => catch_quietly(|| match case.end {
                IntoIterFinish::Drop => {
                    drop(iter);
                    Vec::new()
                }
                IntoIterFinish::Count => vec![iter.count() as u32],
                IntoIterFinish::Last => iter.last().iter().map(E::value).collect(),
                IntoIterFinish::Collect => iter.map(|e| e.value()).collect(),
                IntoIterFinish::CollectBack => iter.rev().map(|e| e.value()).collect(),
            }),
        };
        report
    });
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn into_iter_matches_std(case in into_iter_case()) {
        check_into_iter::<Logged>(&case);
        check_into_iter::<OverAlignedLogged>(&case);
        check_into_iter::<ZstLogged>(&case);
    }
}

#[test]
fn into_iter_drop_frees_the_buffer_when_an_element_drop_panics() {
    fn check<E: LoggedElement>() {
        let outcome = against_std!(E, cap: 8, items: numbered(6), |v| {
            let mut iter = v.into_iter();
            let first = iter.next().map(|e| e.value());
            tracking::arm(Trigger::Drop, 2);
            // The third of the remaining five drops panics; the other four still happen,
            // and (checked by the macro) the buffer is freed.
            (first, catch_quietly(move || drop(iter)))
        });
        assert_eq!(outcome.1.unwrap_err(), "boom: dropping 3");
    }
    check::<Logged>();
    check::<OverAlignedLogged>();
}

#[test]
fn into_iter_zst_panicking_drop_frees_nothing_and_drops_the_rest() {
    let outcome = against_std!(ZstLogged, cap: 0, items: numbered(5), |v| {
        let iter = v.into_iter();
        tracking::arm(Trigger::Drop, 1);
        catch_quietly(move || drop(iter))
    });
    assert_eq!(outcome.unwrap_err(), format!("boom: dropping {}", u32::MAX));
}

#[test]
fn into_iter_nth_with_panicking_drop_keeps_the_iterator_consistent() {
    let report = against_std!(Logged, cap: 6, items: numbered(6), |v| {
        let mut iter = v.into_iter();
        tracking::arm(Trigger::Drop, 1);
        // Skipping 3 drops 0, 1 (panics), 2: the iterator is past them all afterwards.
        let skipped = catch_quietly(|| iter.nth(3).map(|e| e.value()));
        (skipped, values(iter.as_slice()), iter.next().map(|e| e.value()))
    });
    assert_eq!(report.0.unwrap_err(), "boom: dropping 1");
    assert_eq!(report.1, [3, 4, 5]);
}

#[test]
fn into_iter_clone_gets_its_own_exact_buffer_in_a_clone_of_the_allocator() {
    let alloc = Checked::new(Counting::new(Global));
    let mut iter = my_vec![in &alloc; 1u64, 2, 3, 4, 5].into_iter();
    iter.next();
    iter.next_back();
    let before = alloc.inner().snapshot();
    let clone = iter.clone();
    let after = alloc.inner().snapshot().since(&before);
    assert_eq!(after.allocations, 1);
    assert_eq!(alloc.live_bytes(), (5 + 3) * size_of::<u64>());
    assert!(std::ptr::eq(*clone.allocator(), &alloc));
    assert_eq!(clone.as_slice(), [2, 3, 4]);
    assert_eq!(iter.as_slice(), [2, 3, 4]);
    drop(iter);
    assert_eq!(clone.collect::<Vec<_>>(), [2, 3, 4]);
    alloc.assert_no_leaks();
}

#[test]
fn into_iter_clone_that_panics_frees_the_partial_clone() {
    let outcome = against_std!(Logged, cap: 5, items: numbered(5), |v| {
        let mut iter = v.into_iter();
        iter.next();
        tracking::arm(Trigger::Clone, 2);
        let cloned = catch_quietly(|| iter.clone().len());
        (cloned, values(iter.as_slice()))
    });
    assert_eq!(outcome.0.unwrap_err(), "boom: clone #3");
}

#[test]
fn into_iter_count_last_nth_and_fused() {
    let report = against_std!(Logged, cap: 0, items: numbered(7), |v| {
        let mut iter = v.into_iter();
        let a = iter.nth(2).map(|e| e.value()); // drops 0, 1
        let b = iter.nth_back(1).map(|e| e.value()); // drops 6
        let c = iter.nth(10).map(|e| e.value()); // drops the rest, returns None
        let d = (iter.next().is_none(), iter.next_back().is_none(), iter.next().is_none());
        let mut iter2 = iter.clone();
        let e = (iter2.size_hint(), iter2.len(), iter2.next().is_none());
        (a, b, c, d, e, iter.count())
    });
    assert_eq!(report.0, Some(2));
    assert_eq!(report.1, Some(5));

    let last = against_std!(Logged, cap: 0, items: numbered(4), |v| {
        v.into_iter().last().map(|e| e.value())
    });
    assert_eq!(last, Some(3));
    let count = against_std!(ZstLogged, cap: 0, items: numbered(9), |v| {
        let mut iter = v.into_iter();
        iter.next_back();
        iter.count()
    });
    assert_eq!(count, 8);
}

#[test]
fn into_iter_over_a_zst_vector_of_every_length_up_to_usize_max() {
    // A vector of `usize::MAX` unit values: the ZST end address wraps around to 0.
    let mut ours: MyVec<()> = MyVec::new();
    let mut theirs: Vec<()> = Vec::new();
    // SAFETY: `()` is zero-sized, so the capacity is `usize::MAX` and nothing needs to be
    // initialized.
    unsafe {
        ours.set_len(usize::MAX);
        theirs.set_len(usize::MAX);
    }
    let mut ours = ours.into_iter();
    let mut theirs = theirs.into_iter();
    assert_eq!(ours.size_hint(), theirs.size_hint());
    assert_eq!(ours.len(), usize::MAX);
    assert_eq!(ours.next(), theirs.next());
    assert_eq!(ours.next_back(), theirs.next_back());
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(ours.nth(usize::MAX - 10), theirs.nth(usize::MAX - 10));
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(ours.as_slice().len(), theirs.as_slice().len());
    assert_eq!(ours.nth_back(3), theirs.nth_back(3));
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(ours.nth(usize::MAX), theirs.nth(usize::MAX));
    assert_eq!((ours.len(), ours.next()), (0, None));
}

#[test]
fn into_iter_default_debug_and_allocator() {
    let empty: IntoIter<u8> = IntoIter::default();
    let std_empty: std::vec::IntoIter<u8> = Default::default();
    assert_eq!(empty.len(), 0);
    assert_eq!(format!("{empty:?}"), format!("{std_empty:?}"));
    let empty_checked: IntoIter<String, TestAlloc> = IntoIter::default();
    assert_eq!(empty_checked.allocator().live_blocks(), 0);
    drop(empty_checked);

    let mut iter = my_vec![1, 2, 3].into_iter();
    let mut std_iter = vec![1, 2, 3].into_iter();
    iter.next();
    std_iter.next();
    assert_eq!(format!("{iter:?}"), format!("{std_iter:?}"));
    assert_eq!(format!("{iter:#?}"), format!("{std_iter:#?}"));
}

#[test]
fn into_iter_for_loop_consumes_the_vector() {
    let alloc = Checked::new(Counting::new(Global));
    let v = my_vec![in &alloc; String::from("a"), String::from("b"), String::from("c")];
    let mut seen = String::new();
    for s in v {
        seen += &s;
        if s == "b" {
            break; // the rest is dropped with the iterator
        }
    }
    assert_eq!(seen, "ab");
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------
// Drain
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum DrainStep {
    Next,
    NextBack,
    Nth(usize),
}

#[derive(Clone, Debug)]
struct DrainCase {
    len: usize,
    cap: usize,
    range: (Bound<usize>, Bound<usize>),
    steps: Vec<DrainStep>,
    end: IterEnd,
    panic_at_drop: Option<usize>,
}

fn drain_case() -> impl Strategy<Value = DrainCase> {
    let step = prop_oneof![
        3 => Just(DrainStep::Next),
        3 => Just(DrainStep::NextBack),
        1 => (0usize..4).prop_map(DrainStep::Nth),
    ];
    let end = prop_oneof![
        3 => Just(IterEnd::Drop),
        1 => Just(IterEnd::Forget),
        1 => Just(IterEnd::KeepRest),
    ];
    len_and_cap().prop_flat_map(move |(len, cap)| {
        (
            range_strategy(len),
            prop::collection::vec(step.clone(), 0..8),
            end.clone(),
            prop_oneof![3 => Just(None), 1 => (0usize..5).prop_map(Some)],
        )
            .prop_map(move |(range, steps, end, panic_at_drop)| DrainCase {
                len,
                cap,
                range,
                steps,
                end,
                panic_at_drop,
            })
    })
}

/// Lets one script finish a drain with `keep_rest`, which std only has on nightly: for std
/// it takes the un-yielded elements out, for the caller to put back where they were.
trait KeepRest<E> {
    /// Keeps the un-yielded elements in the vector, or returns them to be put back.
    fn keep_rest_or_take(self) -> Option<Vec<E>>;
}

impl<E> KeepRest<E> for Drain<'_, E, &TestAlloc> {
    fn keep_rest_or_take(self) -> Option<Vec<E>> {
        self.keep_rest();
        None
    }
}

impl<E> KeepRest<E> for std::vec::Drain<'_, E> {
    fn keep_rest_or_take(self) -> Option<Vec<E>> {
        Some(self.collect())
    }
}

/// What a `Drain` script observed.
#[derive(Debug, PartialEq)]
struct DrainReport {
    yielded: Vec<Option<u32>>,
    slices: Vec<Vec<u32>>,
    size_hints: Vec<(usize, Option<usize>)>,
    debug: Vec<String>,
    outcome: Result<(), String>,
    after: State,
}

fn check_drain<E: LoggedElement>(case: &DrainCase) {
    against_std!(E, cap: case.cap, items: numbered(case.len), |v| {
        let mut yielded = Vec::new();
        let mut slices = Vec::new();
        let mut size_hints = Vec::new();
        let mut debug = Vec::new();
        let start = match case.range.0 {
            Included(s) => s,
            Excluded(s) => s.wrapping_add(1),
            Unbounded => 0,
        };
        let mut put_back = None;
        let outcome = catch_quietly(|| {
            let mut drain = v.drain(case.range);
            if let Some(nth) = case.panic_at_drop {
            tracking::arm(Trigger::Drop, nth);
        }
            slices.push(values(drain.as_slice()));
            size_hints.push(drain.size_hint());
            for step in &case.steps {
                let item = match *step {
                    DrainStep::Next => drain.next(),
                    DrainStep::NextBack => drain.next_back(),
                    DrainStep::Nth(n) => drain.nth(n),
                };
                yielded.push(item.as_ref().map(E::value));
                drop(item);
                slices.push(values(drain.as_slice()));
                size_hints.push(drain.size_hint());
                assert_eq!(drain.len(), drain.as_ref().len());
            }
            debug.push(format!("{drain:?}"));
            match case.end {
                IterEnd::Drop => drop(drain),
                IterEnd::Forget => mem::forget(drain),
                IterEnd::KeepRest => put_back = drain.keep_rest_or_take(),
            }
        });
        tracking::disarm();
        if let Some(rest) = put_back {
            // std's stand-in for `keep_rest`: the un-yielded elements go back in place.
            v.splice(start..start, rest);
        }
        DrainReport {
            yielded,
            slices,
            size_hints,
            debug,
            outcome,
            after: state(&v, v.capacity()),
        }
    });
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn drain_matches_std(case in drain_case()) {
        check_drain::<Logged>(&case);
        check_drain::<OverAlignedLogged>(&case);
        check_drain::<ZstLogged>(&case);
    }
}

#[test]
fn drain_panicking_element_drop_still_moves_the_tail_back() {
    fn check<E: LoggedElement>() {
        let report = against_std!(E, cap: 10, items: numbered(8), |v| {
            let mut drain = v.drain(2..6);
            let first = drain.next(); // element 2
            tracking::arm(Trigger::Drop, 1); // drop 0: `first`, just below; drop 1: element 3
            drop(first);
            let outcome = catch_quietly(move || drop(drain));
            (outcome, state(&v, v.capacity()))
        });
        assert_eq!(report.0.unwrap_err(), "boom: dropping 3");
        assert_eq!(report.1.len, 4);
    }
    check::<Logged>();
    check::<OverAlignedLogged>();
}

#[test]
fn drain_zst_panicking_drop_still_restores_the_length() {
    let report = against_std!(ZstLogged, cap: 0, items: numbered(8), |v| {
        let drain = v.drain(1..5);
        tracking::arm(Trigger::Drop, 2);
        let outcome = catch_quietly(move || drop(drain));
        (outcome.is_err(), v.len())
    });
    assert_eq!(report, (true, 4));
}

#[test]
fn drain_forgotten_leaves_only_the_head() {
    let len = against_std!(Logged, cap: 0, items: numbered(6), |v| {
        let mut drain = v.drain(2..4);
        drain.next();
        mem::forget(drain);
        state(&v, v.capacity())
    });
    assert_eq!(len.values, [0, 1]);
}

#[test]
fn drain_keep_rest_keeps_unyielded_elements() {
    let alloc = Checked::new(Counting::new(Global));
    let mut v = my_vec![in &alloc; 'a', 'b', 'c', 'd', 'e', 'f'];
    let mut drain = v.drain(1..5);
    assert_eq!(drain.next(), Some('b'));
    assert_eq!(drain.next_back(), Some('e'));
    drain.keep_rest();
    assert_eq!(v.as_slice(), ['a', 'c', 'd', 'f']);
    assert_eq!(v.capacity(), 6);

    // Nothing yielded: the vector is unchanged. Everything yielded: like a plain drop.
    v.drain(..).keep_rest();
    assert_eq!(v.as_slice(), ['a', 'c', 'd', 'f']);
    let mut drain = v.drain(1..3);
    drain.by_ref().for_each(drop);
    drain.keep_rest();
    assert_eq!(v.as_slice(), ['a', 'f']);

    let mut zsts = my_vec![in &alloc; (); 5];
    let mut drain = zsts.drain(1..4);
    drain.next();
    drain.keep_rest();
    assert_eq!(zsts.len(), 4);
    drop((v, zsts));
    alloc.assert_no_leaks();
}

#[test]
fn drain_accessors_and_debug() {
    let mut v = my_vec![1, 2, 3, 4];
    let mut std_v = vec![1, 2, 3, 4];
    let mut drain = v.drain(1..);
    let mut std_drain = std_v.drain(1..);
    assert_eq!(format!("{drain:?}"), format!("{std_drain:?}"));
    drain.next_back();
    std_drain.next_back();
    assert_eq!(format!("{drain:#?}"), format!("{std_drain:#?}"));
    assert_eq!(drain.as_slice(), std_drain.as_slice());
    assert_eq!(drain.as_ref(), [2, 3]);
    let _: &Global = drain.allocator();
    assert_eq!(drain.size_hint(), std_drain.size_hint());
    drop((drain, std_drain));
    assert_eq!(v.as_slice(), std_v.as_slice());

    // Fused: `None` forever after the end, from both ends.
    let mut drain = v.drain(..);
    assert_eq!(drain.next(), Some(1));
    assert_eq!(
        (drain.next(), drain.next_back(), drain.next()),
        (None, None, None)
    );
}

// ---------------------------------------------------------------------------------------
// Range checks
// ---------------------------------------------------------------------------------------

/// The panic message of `f` on a fresh `MyVec` and on a fresh `Vec` of three elements.
fn range_messages(
    ours: impl FnOnce(&mut MyVec<u8>),
    theirs: impl FnOnce(&mut Vec<u8>),
) -> (Result<(), String>, Result<(), String>) {
    let mut v = my_vec![1u8, 2, 3];
    let mut std_v = vec![1u8, 2, 3];
    let ours = catch_quietly(|| ours(&mut v));
    let theirs = catch_quietly(|| theirs(&mut std_v));
    // A rejected range leaves the vector alone.
    assert_eq!(v.as_slice(), std_v.as_slice());
    (ours, theirs)
}

macro_rules! assert_same_range_checks {
    ($($range:expr),+ $(,)?) => {$(
        let (ours, theirs) = range_messages(|v| drop(v.drain($range)), |v| drop(v.drain($range)));
        assert_eq!(ours, theirs, "drain({:?})", $range);
        let (ours, theirs) = range_messages(
            |v| drop(v.splice($range, [7, 8])),
            |v| drop(v.splice($range, [7, 8])),
        );
        assert_eq!(ours, theirs, "splice({:?})", $range);
        let (ours, theirs) = range_messages(
            |v| v.extract_if($range, |x| *x > 1).for_each(drop),
            |v| v.extract_if($range, |x| *x > 1).for_each(drop),
        );
        assert_eq!(ours, theirs, "extract_if({:?})", $range);
    )+};
}

#[test]
#[allow(clippy::reversed_empty_ranges)]
fn bad_ranges_panic_with_std_messages() {
    assert_same_range_checks!(
        0..5,
        4..2,
        2..1,
        5..2,
        4..,
        usize::MAX..,
        ..4,
        ..=3,
        ..=usize::MAX,
        2..=usize::MAX,
        3..=2,
        4..=2,
        ..,
        3..3,
        3..,
        (Excluded(usize::MAX), Unbounded::<usize>),
        (Excluded(3), Unbounded::<usize>),
        (Excluded(2), Unbounded::<usize>),
        (Excluded(1), Excluded(1)),
        (Excluded(1), Included(0)),
        (Excluded(0), Included(0)),
        (Included(4), Excluded(3)),
        (Unbounded::<usize>, Included(2)),
    );
    // The message names the range; check one against its text too.
    let (ours, _) = range_messages(|v| drop(v.drain(0..5)), |_| ());
    assert_eq!(
        ours.unwrap_err(),
        "range end index 5 out of range for slice of length 3"
    );
    let (ours, _) = range_messages(|v| drop(v.drain(2..1)), |_| ());
    assert_eq!(ours.unwrap_err(), "slice index starts at 2 but ends at 1");
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn any_range_is_checked_like_std(len in 0usize..6, range in range_strategy(5)) {
        let mut v: MyVec<u8> = MyVec::new();
        let mut std_v = Vec::new();
        for i in 0..len as u8 {
            v.push(i);
            std_v.push(i);
        }
        let ours = catch_quietly(|| v.drain(range).map(|x| x as u32).collect::<Vec<_>>());
        let theirs = catch_quietly(|| std_v.drain(range).map(|x| x as u32).collect::<Vec<_>>());
        prop_assert_eq!(ours, theirs);
        prop_assert_eq!(v.as_slice(), std_v.as_slice());
    }
}

// ---------------------------------------------------------------------------------------
// Splice
// ---------------------------------------------------------------------------------------

/// How the replacement iterator describes itself (and whether it tells the truth).
#[derive(Clone, Copy, Debug)]
enum Hint {
    /// `(n, Some(n))`: exact.
    Exact,
    /// `(0, None)`: says nothing.
    Unknown,
    /// Lower bound `k` above the truth (breaks the `Iterator` contract, must stay safe).
    TooHigh(usize),
    /// Lower and upper bound `k` below the truth (the upper one breaks the contract).
    TooLow(usize),
    /// `(usize::MAX, None)`: so high that reserving it overflows.
    Huge,
}

/// A replacement iterator with a chosen `size_hint`, which may panic before an item.
struct Replacement<E> {
    /// A range, not a vector: a test that `mem::forget`s the `Splice` forgets this iterator
    /// too, and it must own no heap memory, or the forget would be a real leak (valgrind).
    items: std::ops::Range<u32>,
    hint: Hint,
    /// Panic when asked for item number `k` (0-based), once.
    panic_before: Option<usize>,
    produced: usize,
    make: fn(u32) -> E,
}

impl<E> Replacement<E> {
    fn new(
        items: std::ops::Range<u32>,
        hint: Hint,
        panic_before: Option<usize>,
        make: fn(u32) -> E,
    ) -> Self {
        Replacement {
            items,
            hint,
            panic_before,
            produced: 0,
            make,
        }
    }
}

impl<E> Iterator for Replacement<E> {
    type Item = E;

    fn next(&mut self) -> Option<E> {
        if self.panic_before == Some(self.produced) {
            self.panic_before = None;
            panic!("boom: replacement item {}", self.produced);
        }
        let item = self.items.next()?;
        self.produced += 1;
        Some((self.make)(item))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.items.len();
        match self.hint {
            Hint::Exact => (n, Some(n)),
            Hint::Unknown => (0, None),
            Hint::TooHigh(k) => (n + k, Some(n + k)),
            Hint::TooLow(k) => (n.saturating_sub(k), Some(n.saturating_sub(k))),
            Hint::Huge => (usize::MAX, None),
        }
    }
}

/// Which iterator replaces the range.
#[derive(Clone, Copy, Debug)]
enum Source {
    /// A [`Replacement`] with the given hint.
    Custom(Hint),
    /// A `std::vec::IntoIter` (`TrustedLen` in std, so std's `extend` reserves up front).
    StdVec,
    /// `(a..b).map(E::make)` (also `TrustedLen` in std).
    MappedRange,
}

#[derive(Clone, Debug)]
struct SpliceCase {
    len: usize,
    cap: usize,
    range: (Bound<usize>, Bound<usize>),
    replacement_len: usize,
    source: Source,
    panic_before: Option<usize>,
    from_front: usize,
    from_back: usize,
    forget: bool,
    panic_at_drop: Option<usize>,
}

fn splice_case() -> impl Strategy<Value = SpliceCase> {
    let max_replacement: usize = if cfg!(miri) { 8 } else { 30 };
    let source = prop_oneof![
        3 => Just(Source::Custom(Hint::Exact)),
        2 => Just(Source::Custom(Hint::Unknown)),
        1 => (1usize..5).prop_map(|k| Source::Custom(Hint::TooHigh(k))),
        1 => (1usize..5).prop_map(|k| Source::Custom(Hint::TooLow(k))),
        1 => Just(Source::Custom(Hint::Huge)),
        1 => Just(Source::StdVec),
        1 => Just(Source::MappedRange),
    ];
    len_and_cap().prop_flat_map(move |(len, cap)| {
        (
            range_strategy(len),
            0..=max_replacement,
            source.clone(),
            prop_oneof![3 => Just(None), 1 => (0usize..10).prop_map(Some)],
            (0usize..3, 0usize..3),
            prop::bool::weighted(0.15),
            prop_oneof![4 => Just(None), 1 => (0usize..3).prop_map(Some)],
        )
            .prop_map(
                move |(
                    range,
                    replacement_len,
                    source,
                    panic_before,
                    (from_front, from_back),
                    forget,
                    panic_at_drop,
                )| {
                    // One provoked panic per script: a second one while the first unwinds
                    // (a drop panicking, then `Splice::drop` panicking) aborts, in std too.
                    let (source, panic_before) = if panic_at_drop.is_some() {
                        let source = match source {
                            Source::Custom(Hint::Huge) => Source::Custom(Hint::Unknown),
                            other => other,
                        };
                        (source, None)
                    } else {
                        (source, panic_before)
                    };
                    SpliceCase {
                        len,
                        cap,
                        range,
                        replacement_len,
                        source,
                        panic_before,
                        from_front,
                        from_back,
                        forget,
                        panic_at_drop,
                    }
                },
            )
    })
}

/// What a `Splice` script observed.
#[derive(Debug, PartialEq)]
struct SpliceReport {
    removed: Vec<Option<u32>>,
    size_hints: Vec<(usize, Option<usize>)>,
    outcome: Result<(), String>,
    after: State,
}

/// Runs one splice script on `v` with the replacement `replace_with`.
macro_rules! splice_script {
    ($v:ident, $case:ident, $E:ty, $replace_with:expr) => {{
        let mut removed = Vec::new();
        let mut size_hints = Vec::new();
        let outcome = catch_quietly(|| {
            let mut splice = $v.splice($case.range, $replace_with);
            if let Some(nth) = $case.panic_at_drop {
                tracking::arm(Trigger::Drop, nth);
            }
            size_hints.push(splice.size_hint());
            for _ in 0..$case.from_front {
                removed.push(splice.next().map(|e| e.value()));
            }
            for _ in 0..$case.from_back {
                removed.push(splice.next_back().map(|e| e.value()));
            }
            size_hints.push(splice.size_hint());
            assert_eq!(splice.len(), splice.size_hint().0);
            if $case.forget {
                mem::forget(splice);
            }
        });
        tracking::disarm();
        SpliceReport {
            removed,
            size_hints,
            outcome,
            after: state(&$v, $v.capacity()),
        }
    }};
}

fn check_splice<E: LoggedElement>(case: &SpliceCase) {
    let replacement = 100..100 + case.replacement_len as u32;
    // Forgetting a `Splice` forgets its replacement iterator; a vector's would leak its heap
    // buffer for real (on both sides alike), so those cases use the range-based source.
    let source = match case.source {
        Source::StdVec if case.forget => Source::MappedRange,
        source => source,
    };
    against_std!(E, cap: case.cap, items: numbered(case.len), |v| {
        match source {
            Source::Custom(hint) => splice_script!(
                v,
                case,
                E,
                Replacement::new(replacement.clone(), hint, case.panic_before, E::make)
            ),
            Source::StdVec => splice_script!(
                v,
                case,
                E,
                replacement.clone().map(E::make).collect::<Vec<E>>()
            ),
            Source::MappedRange => splice_script!(
                v,
                case,
                E,
                (100..100 + case.replacement_len as u32).map(E::make)
            ),
        }
    });
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn splice_matches_std(case in splice_case()) {
        check_splice::<Logged>(&case);
        check_splice::<OverAlignedLogged>(&case);
        check_splice::<ZstLogged>(&case);
    }
}

#[test]
fn splice_with_lying_size_hints_matches_std() {
    // Fixed cases for every hint, with and without a tail, so each path runs at least once
    // whatever proptest draws.
    let hints = [
        Hint::Exact,
        Hint::Unknown,
        Hint::TooHigh(3),
        Hint::TooLow(2),
        Hint::Huge,
    ];
    for hint in hints {
        for (range, replacement_len) in [(1..3, 0), (1..3, 2), (1..3, 7), (4..6, 5), (6..6, 4)] {
            let case = SpliceCase {
                len: 6,
                cap: 6,
                range: (Included(range.start), Excluded(range.end)),
                replacement_len,
                source: Source::Custom(hint),
                panic_before: None,
                from_front: 1,
                from_back: 0,
                forget: false,
                panic_at_drop: None,
            };
            check_splice::<Logged>(&case);
            check_splice::<ZstLogged>(&case);
            let panicking = SpliceCase {
                panic_before: Some(replacement_len / 2),
                ..case
            };
            check_splice::<Logged>(&panicking);
        }
    }
}

#[test]
fn splice_huge_hint_panics_with_capacity_overflow_and_keeps_the_vector() {
    let report = against_std!(Logged, cap: 4, items: numbered(4), |v| {
        let outcome = catch_quietly(|| {
            drop(v.splice(1..2, Replacement::new(9..11, Hint::Huge, None, Logged)));
        });
        (outcome, state(&v, v.capacity()))
    });
    assert_eq!(report.0.unwrap_err(), "capacity overflow");
    // The gap took one 9; the tail moved back over the rest of the (never made) room.
    assert_eq!(report.1.values, [0, 9, 2, 3]);
}

#[test]
fn splice_debug_matches_std() {
    let mut v = my_vec![1, 2, 3];
    let mut std_v = vec![1, 2, 3];
    let mut splice = v.splice(1.., [7, 8]);
    let mut std_splice = std_v.splice(1.., [7, 8]);
    assert_eq!(format!("{splice:?}"), format!("{std_splice:?}"));
    assert_eq!(splice.next(), std_splice.next());
    assert_eq!(format!("{splice:#?}"), format!("{std_splice:#?}"));
    drop((splice, std_splice));
    assert_eq!(v.as_slice(), std_v.as_slice());
}

#[test]
fn splice_forgotten_leaves_only_the_head() {
    let alloc = Checked::new(Counting::new(Global));
    let mut v = my_vec![in &alloc; 1, 2, 3, 4];
    mem::forget(v.splice(1..2, [9, 9, 9]));
    assert_eq!(v.as_slice(), [1]);
    drop(v);
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------
// ExtractIf
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct ExtractCase {
    len: usize,
    cap: usize,
    range: (Bound<usize>, Bound<usize>),
    /// `remove[i % remove.len()]` decides the `i`-th call of the predicate.
    remove: Vec<bool>,
    /// The predicate also changes the elements it keeps.
    bump_kept: bool,
    /// The predicate panics on this call (1-based).
    panic_on_call: Option<usize>,
    /// How many items to take before dropping (or forgetting) the iterator.
    take: usize,
    forget: bool,
}

fn extract_case() -> impl Strategy<Value = ExtractCase> {
    len_and_cap().prop_flat_map(|(len, cap)| {
        (
            range_strategy(len),
            prop::collection::vec(any::<bool>(), 1..8),
            any::<bool>(),
            prop_oneof![3 => Just(None), 1 => (1usize..12).prop_map(Some)],
            0..len + 2,
            prop::bool::weighted(0.15),
        )
            .prop_map(
                move |(range, remove, bump_kept, panic_on_call, take, forget)| ExtractCase {
                    len,
                    cap,
                    range,
                    remove,
                    bump_kept,
                    panic_on_call,
                    take,
                    forget,
                },
            )
    })
}

/// What an `ExtractIf` script observed.
#[derive(Debug, PartialEq)]
struct ExtractReport {
    extracted: Vec<u32>,
    size_hints: Vec<(usize, Option<usize>)>,
    calls: usize,
    outcome: Result<(), String>,
    after: State,
}

fn check_extract_if<E: LoggedElement>(case: &ExtractCase) {
    against_std!(E, cap: case.cap, items: numbered(case.len), |v| {
        let mut extracted = Vec::new();
        let mut size_hints = Vec::new();
        let calls = Cell::new(0);
        let outcome = catch_quietly(|| {
            let mut iter = v.extract_if(case.range, |e: &mut E| {
                let call = calls.get() + 1;
                calls.set(call);
                if case.panic_on_call == Some(call) {
                    panic!("boom: predicate call {call}");
                }
                let remove = case.remove[(call - 1) % case.remove.len()];
                if !remove && case.bump_kept {
                    e.bump();
                }
                remove
            });
            size_hints.push(iter.size_hint());
            for _ in 0..case.take {
                match iter.next() {
                    Some(e) => extracted.push(e.value()),
                    None => break,
                }
                size_hints.push(iter.size_hint());
            }
            if case.forget {
                mem::forget(iter);
            }
        });
        ExtractReport {
            extracted,
            size_hints,
            calls: calls.get(),
            outcome,
            after: state(&v, v.capacity()),
        }
    });
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn extract_if_matches_std(case in extract_case()) {
        check_extract_if::<Logged>(&case);
        check_extract_if::<OverAlignedLogged>(&case);
        check_extract_if::<ZstLogged>(&case);
    }
}

#[test]
fn extract_if_panicking_predicate_keeps_the_vector_whole() {
    let report = against_std!(Logged, cap: 0, items: numbered(8), |v| {
        let mut calls = 0;
        let outcome = catch_quietly(|| {
            v.extract_if(1..7, |x| {
                calls += 1;
                if calls == 4 {
                    panic!("boom: predicate");
                }
                x.0 % 2 == 0
            })
            .for_each(drop)
        });
        (outcome, state(&v, v.capacity()))
    });
    assert_eq!(report.0.unwrap_err(), "boom: predicate");
    // 2 was extracted; 4 (being tested when the predicate panicked) and the rest are kept.
    assert_eq!(report.1.values, [0, 1, 3, 4, 5, 6, 7]);
}

#[test]
fn extract_if_forgotten_leaves_the_vector_empty() {
    let report = against_std!(Logged, cap: 0, items: numbered(5), |v| {
        let mut iter = v.extract_if(.., |x| x.0 == 1);
        let first = iter.next().map(|e| e.value());
        mem::forget(iter);
        (first, state(&v, v.capacity()))
    });
    assert_eq!(report.0, Some(1));
    assert_eq!(report.1.len, 0);
}

#[test]
fn extract_if_debug_shows_the_three_parts_as_std_does() {
    // std's own test (library/alloctests/tests/vec.rs, `extract_if_debug`), on current std;
    // stable 1.95 still printed only the next element, so the text is compared, not std's.
    let mut v = my_vec![1, 2, 3, 4, 5, 6, 7, 8];
    let mut iter = v.extract_if(1..5, |&mut x| x % 2 != 0);
    assert_eq!(
        format!("{iter:?}"),
        "ExtractIf { retained: [1], remainder: [2, 3, 4, 5], skipped_tail: [6, 7, 8], .. }"
    );
    assert_eq!(iter.next(), Some(3));
    assert_eq!(
        format!("{iter:?}"),
        "ExtractIf { retained: [1, 2], remainder: [4, 5], skipped_tail: [6, 7, 8], .. }"
    );
    assert_eq!(iter.size_hint(), (0, Some(2)));
    let _: &Global = iter.allocator();
    drop(iter);
    assert_eq!(v.as_slice(), [1, 2, 4, 5, 6, 7, 8]);
}

// ---------------------------------------------------------------------------------------
// Auto traits and variance, as std's
// ---------------------------------------------------------------------------------------

#[test]
fn auto_traits_match_std() {
    fn send_sync<T: Send + Sync>() {}
    fn unwind_safe<T: UnwindSafe>() {}
    send_sync::<IntoIter<String>>();
    send_sync::<Drain<'static, String>>();
    send_sync::<Splice<'static, std::vec::IntoIter<String>>>();
    send_sync::<ExtractIf<'static, String, fn(&mut String) -> bool>>();
    unwind_safe::<IntoIter<String>>();
    unwind_safe::<std::vec::IntoIter<String>>();
}

/// Compiles only if the iterators are covariant in their element type, as std's are.
#[allow(dead_code)]
fn covariance<'new>(
    into_iter: IntoIter<&'static str>,
    drain: Drain<'static, &'static str>,
) -> (IntoIter<&'new str>, Drain<'new, &'new str>) {
    (into_iter, drain)
}
