//! Per-method tests of `MyVec`, with std's `Vec` as the oracle.
//!
//! Each inherent method and trait impl is run on a `std::vec::Vec` and on a `MyVec` that
//! start from the same elements and capacity; the results, the contents and the capacities
//! must agree, and so must the panic messages (both sides run under `catch_unwind`). The
//! `MyVec`s live in a `Checked<Counting<Global>>` allocator, so every case also proves that
//! nothing leaked, nothing was freed twice or with the wrong layout, and zero-sized types
//! never allocated. Drop-logging elements check that every element is dropped exactly once,
//! in the same order as std, including when a predicate, a `clone` or a `Drop` panics half
//! way.
//!
//! Methods still unstable in std (`try_remove`, `push_within_capacity`, `peek_mut`,
//! `into_chunks`, `recycle`, `from_fn`, …) are checked against the stable std code that does
//! the same thing.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt::Debug;
use std::hash::BuildHasher;

use boxvec::alloc::{Checked, Counting, FailMode, Failing, Global};
use boxvec::check::{Element, Side, Tracked};
use boxvec::vec::PeekMut;
use boxvec::{MyVec, TryReserveErrorKind, my_vec};

mod common;
use common::panic_message;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The allocator every `MyVec` under test lives in.
type TestAlloc = Checked<Counting<Global>>;

fn test_alloc() -> TestAlloc {
    Checked::new(Counting::new(Global))
}

/// The element with key `n`, built as `boxvec::check` builds its elements. The element types
/// here (the integers, `String`, `()`, [`Big`]) make the same value on either [`Side`]; only
/// [`Tracked`] (used below where a live count is what a test follows) tells the sides apart.
///
/// The types cover the element sizes where std's growth rules change (1, 4, 24 and >1024
/// bytes), a type that owns memory (`String`) and a zero-sized type; [`Element::key`] is the
/// number predicates look at.
fn make<T: Element>(n: u8) -> T {
    T::from_seed(n, Side::Std)
}

/// 1100 bytes: above the 1 KiB threshold, where std's minimum non-zero capacity drops to 1.
#[derive(Clone, PartialEq)]
struct Big([u16; 550]);

impl Debug for Big {
    /// Short, so that comparing results by their `Debug` text stays cheap (under Miri too).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Big({}, {})", self.0[0], self.0[549])
    }
}

impl Element for Big {
    const NAME: &'static str = "Big";
    fn from_seed(seed: u8, _: Side) -> Self {
        let mut words = [0; 550];
        words[0] = u16::from(seed);
        words[549] = u16::from(seed);
        Big(words)
    }
    fn key(&self) -> u8 {
        self.0[0] as u8
    }
}

/// Runs a generic check for every element type.
macro_rules! for_each_elem_type {
    ($check:ident) => {
        $check::<u8>();
        $check::<u32>();
        $check::<String>();
        $check::<()>();
        $check::<Big>();
    };
}

/// The starting points of the differential tests: various lengths, with spare capacity and
/// without, with runs of equal keys for `dedup`.
///
/// Under Miri (which interprets every step) the lists are shorter: the same kinds of checks
/// over fewer sizes.
fn starts<T: Element>() -> Vec<Vec<T>> {
    let keys: &[&[u8]] = sizes(
        &[
            &[],
            &[1],
            &[1, 2, 3],
            &[5, 5, 1, 2, 2, 3, 3, 3, 4],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        ],
        &[&[], &[5, 5, 1, 2, 2, 3, 4]],
    );
    let mut starts = Vec::new();
    for &keys in keys {
        let exact: Vec<T> = keys.iter().map(|&k| make::<T>(k)).collect();
        let mut roomy = Vec::with_capacity(keys.len() + 3);
        roomy.extend(exact.iter().cloned());
        starts.push(exact);
        starts.push(roomy);
    }
    starts
}

/// The second operand of the two-vector operations (`append`, `extend_from_slice`, …).
fn others<T: Element>() -> Vec<Vec<T>> {
    if cfg!(miri) {
        vec![vec![], vec![make::<T>(7), make::<T>(8)]]
    } else {
        starts()
    }
}

/// The positions `0..=len` to try an index-taking method at: all of them natively, the two
/// ends and the middle under Miri.
fn positions(len: usize) -> Vec<usize> {
    if cfg!(miri) {
        let mut picked = vec![0, len / 2, len];
        picked.dedup();
        picked
    } else {
        (0..=len).collect()
    }
}

/// `native` normally, `miri` under Miri.
fn sizes<T>(native: &'static [T], miri: &'static [T]) -> &'static [T] {
    if cfg!(miri) { miri } else { native }
}

/// A copy of `v` with the same capacity.
fn std_copy<T: Clone>(v: &[T], capacity: usize) -> Vec<T> {
    let mut copy = Vec::with_capacity(capacity);
    copy.extend_from_slice(v);
    copy
}

/// A `MyVec` in `alloc` with the elements and capacity of `v`.
fn my_copy<'a, T: Clone>(v: &Vec<T>, alloc: &'a TestAlloc) -> MyVec<T, &'a TestAlloc> {
    let mut copy = MyVec::with_capacity_in(v.capacity(), alloc);
    copy.extend_from_slice(v);
    copy
}

/// Runs `$body` on a std `Vec` and on a `MyVec` copied from `$start` (same elements, same
/// capacity) and asserts that the results (compared by their `Debug` text), the contents
/// and the capacities agree, and that the `MyVec` leaked nothing.
macro_rules! same_as_std {
    ($start:expr, |$v:ident| $body:expr) => {{
        let start: &Vec<_> = $start;
        let alloc = test_alloc();
        let mut theirs = std_copy(start, start.capacity());
        let mut mine = my_copy(start, &alloc);
        let theirs_result = {
            let $v = &mut theirs;
            format!("{:?}", $body)
        };
        let mine_result = {
            let $v = &mut mine;
            format!("{:?}", $body)
        };
        let what = stringify!($body);
        assert_eq!(
            mine_result, theirs_result,
            "result of `{what}` on {start:?}"
        );
        assert_eq!(mine, theirs, "contents after `{what}` on {start:?}");
        assert_eq!(
            mine.capacity(),
            theirs.capacity(),
            "capacity after `{what}` on {start:?}"
        );
        drop(mine);
        alloc.assert_no_leaks();
    }};
}

/// Asserts that `$body` panics with the same message on a std `Vec` and on a `MyVec` built
/// from `$start`.
macro_rules! same_panic {
    ($start:expr, |$v:ident| $body:expr) => {{
        let start: Vec<_> = $start;
        let alloc = test_alloc();
        let theirs = panic_message(|| {
            let mut theirs = start.clone();
            let $v = &mut theirs;
            let _ = $body;
        });
        let mine = panic_message(|| {
            let mut mine = my_copy(&start, &alloc);
            let $v = &mut mine;
            let _ = $body;
        });
        assert!(
            theirs.is_some(),
            "std did not panic on `{}`",
            stringify!($body)
        );
        assert_eq!(mine, theirs, "panic of `{}`", stringify!($body));
        alloc.assert_no_leaks();
    }};
}

/// Records what happens to [`Logged`]s: which were dropped, in which order, and how many are
/// alive; and injects failures (a `clone` or a `Drop` that panics).
///
/// Not `boxvec::check::Tracked`: that one counts the live values but does not record which
/// value dropped when (these tests compare the drop order with std's), and it arms a panic
/// on the n-th drop from now, where these tests name the element whose drop panics. Each
/// scenario gets its own ledger, so the std and the `MyVec` runs cannot see each other's.
#[derive(Default)]
struct Ledger {
    drops: RefCell<Vec<u32>>,
    live: Cell<isize>,
    /// `Some(n)`: `n` more clones succeed, then every clone panics.
    clones_left: Cell<Option<usize>>,
    /// `Some(id)`: the next drop of an item `id` panics.
    panic_on_drop: Cell<Option<u32>>,
}

impl Ledger {
    fn item(&self, id: u32) -> Logged<'_> {
        self.live.set(self.live.get() + 1);
        Logged { id, ledger: self }
    }

    fn fail_clones_after(&self, n: usize) {
        self.clones_left.set(Some(n));
    }

    fn fail_drop_of(&self, id: u32) {
        self.panic_on_drop.set(Some(id));
    }

    /// Turns failure injection off (for the final drop, outside `catch_unwind`).
    fn stop_failing(&self) {
        self.clones_left.set(None);
        self.panic_on_drop.set(None);
    }
}

/// A drop-logging element: its id goes into its [`Ledger`] when it is dropped.
struct Logged<'a> {
    id: u32,
    ledger: &'a Ledger,
}

impl Debug for Logged<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.id)
    }
}

impl PartialEq for Logged<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Clone for Logged<'_> {
    fn clone(&self) -> Self {
        if let Some(left) = self.ledger.clones_left.get() {
            if left == 0 {
                panic!("clone of #{} failed", self.id);
            }
            self.ledger.clones_left.set(Some(left - 1));
        }
        self.ledger.item(self.id)
    }
}

impl Drop for Logged<'_> {
    fn drop(&mut self) {
        self.ledger.drops.borrow_mut().push(self.id);
        self.ledger.live.set(self.ledger.live.get() - 1);
        if self.ledger.panic_on_drop.get() == Some(self.id) {
            self.ledger.panic_on_drop.set(None);
            panic!("drop of #{} failed", self.id);
        }
    }
}

/// What a drop scenario observed on one side.
#[derive(Debug, PartialEq)]
struct Outcome {
    panic: Option<String>,
    /// The ids left in the vector afterwards.
    left: Vec<u32>,
    /// The ids dropped during the operation, in order.
    dropped_during: Vec<u32>,
    /// The ids dropped when the vector itself was dropped afterwards.
    dropped_after: Vec<u32>,
}

/// Runs `$body` on a std `Vec` and a `MyVec` of `$n` [`Logged`]s (ids `0..$n`, capacity
/// `$n`), each with its own [`Ledger`] (`$ledger` in the body, to inject failures), and
/// asserts that both sides panic alike, keep the same elements, drop the same elements in
/// the same order, and end with every item dropped exactly once.
macro_rules! same_drops {
    ($n:expr, |$v:ident, $ledger:ident| $body:expr) => {{
        let theirs = {
            let ledger = Ledger::default();
            let $ledger = &ledger;
            let mut vec: Vec<Logged<'_>> = (0..$n).map(|id| $ledger.item(id)).collect();
            let panic = panic_message(|| {
                let $v = &mut vec;
                let _ = $body;
            });
            let left = vec.iter().map(|item| item.id).collect();
            ledger.stop_failing();
            let dropped_during = ledger.drops.take();
            drop(vec);
            let dropped_after = ledger.drops.take();
            assert_eq!(ledger.live.get(), 0, "std: items alive at the end");
            Outcome {
                panic,
                left,
                dropped_during,
                dropped_after,
            }
        };
        let mine = {
            let alloc = test_alloc();
            let ledger = Ledger::default();
            let $ledger = &ledger;
            let mut vec: MyVec<Logged<'_>, &TestAlloc> =
                MyVec::with_capacity_in($n as usize, &alloc);
            vec.extend((0..$n).map(|id| $ledger.item(id)));
            let panic = panic_message(|| {
                let $v = &mut vec;
                let _ = $body;
            });
            let left = vec.iter().map(|item| item.id).collect();
            ledger.stop_failing();
            let dropped_during = ledger.drops.take();
            drop(vec);
            let dropped_after = ledger.drops.take();
            assert_eq!(ledger.live.get(), 0, "MyVec: items alive at the end");
            alloc.assert_no_leaks();
            Outcome {
                panic,
                left,
                dropped_during,
                dropped_after,
            }
        };
        assert_eq!(mine, theirs, "outcome of `{}`", stringify!($body));
        mine
    }};
}

// ---------------------------------------------------------------------------------------------
// Constructors, raw parts
// ---------------------------------------------------------------------------------------------

#[test]
fn constructors_match_std_capacities() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for capacity in [0, 1, 3, 8, 100] {
            assert_eq!(
                MyVec::<T>::with_capacity(capacity).capacity(),
                Vec::<T>::with_capacity(capacity).capacity()
            );
            let v: MyVec<T, _> = MyVec::with_capacity_in(capacity, &alloc);
            assert_eq!(v.capacity(), Vec::<T>::with_capacity(capacity).capacity());
            assert!(v.is_empty());
            let v: MyVec<T, _> = MyVec::try_with_capacity_in(capacity, &alloc).unwrap();
            assert_eq!(v.capacity(), Vec::<T>::with_capacity(capacity).capacity());
            let v = MyVec::<T>::try_with_capacity(capacity).unwrap();
            assert_eq!(v.capacity(), Vec::<T>::with_capacity(capacity).capacity());
        }
        assert_eq!(MyVec::<T>::new().capacity(), Vec::<T>::new().capacity());
        assert_eq!(
            MyVec::<T, _>::new_in(&alloc).capacity(),
            Vec::<T>::new().capacity()
        );
        assert_eq!(
            MyVec::<T>::default().capacity(),
            Vec::<T>::default().capacity()
        );
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn try_with_capacity_reports_errors() {
    let err = MyVec::<u32>::try_with_capacity(usize::MAX).unwrap_err();
    assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    let err = MyVec::<u8>::try_with_capacity(isize::MAX as usize + 1).unwrap_err();
    assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);

    let refusing = Failing::with_mode(Global, FailMode::From(0));
    let err = MyVec::<u64, _>::try_with_capacity_in(3, &refusing).unwrap_err();
    assert!(matches!(err.kind(), TryReserveErrorKind::AllocError { .. }));
    // A zero-sized type or a zero capacity asks nothing of the allocator.
    assert!(MyVec::<(), _>::try_with_capacity_in(usize::MAX, &refusing).is_ok());
    assert!(MyVec::<u64, _>::try_with_capacity_in(0, &refusing).is_ok());
    assert_eq!(refusing.requests(), 1);
}

#[test]
fn raw_parts_round_trip() {
    let alloc = test_alloc();
    let mut v: MyVec<String, _> = MyVec::with_capacity_in(5, &alloc);
    v.extend(["a", "b"].map(String::from));
    let ptr = v.as_ptr();
    let (raw, len, capacity, a) = v.into_raw_parts_with_alloc();
    assert_eq!((raw.cast_const(), len, capacity), (ptr, 2, 5));
    // SAFETY: the parts come from `into_raw_parts_with_alloc` just above.
    let v = unsafe { MyVec::from_raw_parts_in(raw, len, capacity, a) };
    assert_eq!(v, ["a", "b"]);
    let (non_null, len, capacity, a) = v.into_parts_with_alloc();
    // SAFETY: the parts come from `into_parts_with_alloc` just above.
    let v = unsafe { MyVec::from_parts_in(non_null, len, capacity, a) };
    assert_eq!((v.len(), v.capacity(), v.as_ptr()), (2, 5, ptr));
    drop(v);
    alloc.assert_no_leaks();

    // Global: the same parts std's `Vec` would give, usable by std's `Vec`.
    let mut theirs = Vec::with_capacity(7);
    theirs.extend([1u16, 2, 3]);
    let mut mine = MyVec::with_capacity(7);
    mine.extend([1u16, 2, 3]);
    let (_, theirs_len, theirs_cap) = {
        let (p, l, c) = theirs.into_raw_parts();
        // SAFETY: the parts come from `Vec::into_raw_parts` just above.
        drop(unsafe { Vec::from_raw_parts(p, l, c) });
        (p, l, c)
    };
    let (p, l, c) = mine.into_raw_parts();
    assert_eq!((l, c), (theirs_len, theirs_cap));
    // SAFETY: a `MyVec<u16, Global>`'s parts are valid parts for std's `Vec<u16>`.
    let as_std = unsafe { Vec::from_raw_parts(p, l, c) };
    assert_eq!(as_std, [1, 2, 3]);
    let (p, l, c) = as_std.into_raw_parts();
    // SAFETY: and the other way round.
    let back = unsafe { MyVec::from_raw_parts(p, l, c) };
    let (p, l, c) = back.into_parts();
    // SAFETY: the parts come from `into_parts` just above.
    let back = unsafe { MyVec::from_parts(p, l, c) };
    assert_eq!(back, [1, 2, 3]);

    // Zero-sized types: capacity `usize::MAX`, as std reports.
    let (_, len, capacity) = my_vec![(); 3].into_raw_parts();
    let (_, theirs_len, theirs_capacity) = vec![(); 3].into_raw_parts();
    assert_eq!((len, capacity), (theirs_len, theirs_capacity));
}

#[test]
fn from_fn_is_collect_of_indices() {
    let v = MyVec::from_fn(6, |i| i * 10);
    let theirs: Vec<usize> = (0..6).map(|i| i * 10).collect();
    assert_eq!(v, theirs);
    assert_eq!(v.capacity(), theirs.capacity());
    assert_eq!(MyVec::from_fn(0, |_| 'x').capacity(), 0);
    assert_eq!(MyVec::from_fn(4, |_| ()).len(), 4);

    // A panic in `f` drops what was made.
    let ledger = Ledger::default();
    let message = panic_message(|| {
        let _ = MyVec::from_fn(5, |i| {
            if i == 3 {
                panic!("f failed");
            }
            ledger.item(i as u32)
        });
    });
    assert_eq!(message.as_deref(), Some("f failed"));
    assert_eq!(*ledger.drops.borrow(), [0, 1, 2]);
    assert_eq!(ledger.live.get(), 0);
}

// ---------------------------------------------------------------------------------------------
// Capacity management
// ---------------------------------------------------------------------------------------------

#[test]
fn reserve_family_matches_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for &additional in sizes(&[0, 1, 2, 5, 13, 40], &[0, 1, 5]) {
                same_as_std!(start, |v| v.reserve(additional));
                same_as_std!(start, |v| v.reserve_exact(additional));
                same_as_std!(start, |v| v.try_reserve(additional).is_ok());
                same_as_std!(start, |v| v.try_reserve_exact(additional).is_ok());
            }
            same_as_std!(start, |v| v.try_reserve(usize::MAX).is_ok());
            same_as_std!(start, |v| v.try_reserve_exact(usize::MAX - 1).is_ok());
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn shrink_family_matches_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            same_as_std!(start, |v| v.shrink_to_fit());
            for &min in sizes(&[0, 1, 3, 9, 20], &[0, 3, 20]) {
                same_as_std!(start, |v| v.shrink_to(min));
            }
        }
        // The `try_` forms (unstable in std) give the capacities of the panicking forms.
        let alloc = test_alloc();
        for start in &starts::<T>() {
            for &min in sizes(&[0, 1, 3, 9, 20], &[0, 3, 20]) {
                let mut theirs = std_copy(start, start.capacity());
                theirs.shrink_to(min);
                let mut mine = my_copy(start, &alloc);
                mine.try_shrink_to(min).unwrap();
                assert_eq!(mine.capacity(), theirs.capacity());
            }
            let mut theirs = std_copy(start, start.capacity());
            theirs.shrink_to_fit();
            let mut mine = my_copy(start, &alloc);
            mine.try_shrink_to_fit().unwrap();
            assert_eq!(mine.capacity(), theirs.capacity());
            assert_eq!(mine, theirs);
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn shrink_calls_the_allocator_when_std_does() {
    let alloc = Counting::new(Global);
    let mut v: MyVec<u32, _> = MyVec::with_capacity_in(4, &alloc);
    v.extend([1, 2, 3, 4]);
    let shrinks = |since| alloc.snapshot().since(since).shrinks;
    let start = alloc.snapshot();
    // Full: `shrink_to_fit` has nothing to give back and does not ask.
    v.shrink_to_fit();
    v.try_shrink_to_fit().unwrap();
    // `shrink_to` a capacity at or above the current one does not ask either.
    v.shrink_to(4);
    v.try_shrink_to(4).unwrap();
    v.try_shrink_to(10).unwrap();
    assert_eq!(shrinks(&start), 0);
    // But like std, `shrink_to(min)` with `len <= min < capacity`… and with
    // `min < len == capacity` asks for a same-size shrink (std's `RawVec` does not check).
    v.shrink_to(2);
    assert_eq!(shrinks(&start), 1);
    assert_eq!(v.capacity(), 4);
    v.try_shrink_to(0).unwrap();
    assert_eq!(shrinks(&start), 2);
    v.pop();
    v.shrink_to_fit();
    assert_eq!(shrinks(&start), 3);
    assert_eq!(v.capacity(), 3);
    v.clear();
    v.shrink_to_fit();
    assert_eq!(v.capacity(), 0);
    assert_eq!(alloc.snapshot().live_blocks, 0);
}

#[test]
fn try_shrink_reports_a_refused_shrink() {
    let failing = Failing::new(Global);
    let mut v: MyVec<u64, _> = MyVec::with_capacity_in(8, &failing);
    v.push(1);
    failing.set_mode(FailMode::From(0));
    let err = v.try_shrink_to_fit().unwrap_err();
    assert!(matches!(err.kind(), TryReserveErrorKind::AllocError { .. }));
    assert_eq!(v.capacity(), 8);
    assert!(v.try_shrink_to(4).is_err());
    assert_eq!(v, [1]);
    failing.set_mode(FailMode::Never);
}

// ---------------------------------------------------------------------------------------------
// Adding and removing elements
// ---------------------------------------------------------------------------------------------

#[test]
fn push_pop_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            same_as_std!(start, |v| v.push(make::<T>(7)));
            same_as_std!(start, |v| v.push_mut(make::<T>(7)).clone());
            same_as_std!(start, |v| {
                for i in 0..20 {
                    v.push(make::<T>(i));
                }
            });
            same_as_std!(start, |v| v.pop());
            same_as_std!(start, |v| (v.pop(), v.pop(), v.pop()));
            same_as_std!(start, |v| v.pop_if(|x| x.key() > 2));
            same_as_std!(start, |v| v.pop_if(|_| true));
            same_as_std!(start, |v| v.pop_if(|_| false));
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn push_within_capacity_never_grows() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for start in &starts::<T>() {
            let mut mine = my_copy(start, &alloc);
            let capacity = mine.capacity();
            let mut expected = start.clone();
            for i in 0..4 {
                let fits = expected.len() < capacity;
                match mine.push_within_capacity(make::<T>(i)) {
                    Ok(pushed) => {
                        assert!(fits);
                        assert_eq!(*pushed, make::<T>(i));
                        expected.push(make::<T>(i));
                    }
                    Err(back) => {
                        assert!(!fits);
                        assert_eq!(back, make::<T>(i));
                    }
                }
                assert_eq!(mine, expected);
                assert_eq!(mine.capacity(), capacity);
            }
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn insert_remove_swap_remove_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for index in positions(start.len()) {
                same_as_std!(start, |v| v.insert(index, make::<T>(99)));
                same_as_std!(start, |v| v.insert_mut(index, make::<T>(98)).clone());
            }
            for index in positions(start.len()) {
                if index == start.len() {
                    continue;
                }
                same_as_std!(start, |v| v.remove(index));
                same_as_std!(start, |v| v.swap_remove(index));
            }
        }
        // `try_remove` (unstable in std) is `remove` when in bounds, `None` past the end.
        let alloc = test_alloc();
        for start in &starts::<T>() {
            for index in positions(start.len() + 1) {
                let mut mine = my_copy(start, &alloc);
                let mut theirs = start.clone();
                let expected = (index < theirs.len()).then(|| theirs.remove(index));
                assert_eq!(mine.try_remove(index), expected);
                assert_eq!(mine, theirs);
            }
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn truncate_clear_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for len in positions(start.len() + 1) {
                same_as_std!(start, |v| v.truncate(len));
            }
            same_as_std!(start, |v| v.clear());
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn append_matches_std_and_keeps_the_other_capacity() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for start in &starts::<T>() {
            for other in &others::<T>() {
                let mut theirs = std_copy(start, start.capacity());
                let mut theirs_other = std_copy(other, other.capacity());
                theirs.append(&mut theirs_other);
                let mut mine = my_copy(start, &alloc);
                let mut mine_other = my_copy(other, &alloc);
                mine.append(&mut mine_other);
                assert_eq!(mine, theirs);
                assert_eq!(mine.capacity(), theirs.capacity());
                assert!(mine_other.is_empty());
                assert_eq!(mine_other.capacity(), theirs_other.capacity());
            }
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn split_off_matches_std() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for start in &starts::<T>() {
            for at in positions(start.len()) {
                let mut theirs = std_copy(start, start.capacity());
                let theirs_tail = theirs.split_off(at);
                let mut mine = my_copy(start, &alloc);
                let buffer = mine.as_ptr();
                let mine_tail = mine.split_off(at);
                assert_eq!(mine, theirs);
                assert_eq!(mine.capacity(), theirs.capacity());
                assert_eq!(mine.as_ptr(), buffer, "self keeps its buffer");
                assert_eq!(mine_tail, theirs_tail);
                assert_eq!(mine_tail.capacity(), theirs_tail.capacity());
            }
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn resize_and_resize_with_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for &new_len in sizes(&[0, 1, 2, 3, 7, 12, 30], &[0, 2, 9]) {
                same_as_std!(start, |v| v.resize(new_len, make::<T>(42)));
                same_as_std!(start, |v| {
                    let mut n = 100;
                    v.resize_with(new_len, || {
                        n += 1;
                        make::<T>(n)
                    })
                });
            }
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn extend_from_slice_and_within_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for other in &others::<T>() {
                same_as_std!(start, |v| v.extend_from_slice(other));
            }
            let len = start.len();
            for from in positions(len) {
                for to in positions(len) {
                    if to >= from {
                        same_as_std!(start, |v| v.extend_from_within(from..to));
                    }
                }
                same_as_std!(start, |v| v.extend_from_within(from..));
                same_as_std!(start, |v| v.extend_from_within(..from));
                if from < len {
                    same_as_std!(start, |v| v.extend_from_within(from..=from));
                    same_as_std!(start, |v| v.extend_from_within(..=from));
                }
            }
            same_as_std!(start, |v| v.extend_from_within(..));
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn retain_and_dedup_match_std() {
    fn check<T: Element>() {
        for start in &starts::<T>() {
            for &modulus in sizes(&[1, 2, 3], &[2]) {
                same_as_std!(start, |v| v.retain(|x| x.key() % modulus == 0));
                same_as_std!(start, |v| v.retain(|x| x.key() % modulus != 0));
                same_as_std!(start, |v| {
                    let mut seen = Vec::new();
                    v.retain_mut(|x| {
                        seen.push(x.key());
                        *x = make::<T>(x.key() + 1);
                        x.key() % modulus == 0
                    });
                    seen
                });
                same_as_std!(start, |v| v.dedup_by_key(|x| x.key() / modulus));
            }
            same_as_std!(start, |v| v.retain(|_| true));
            same_as_std!(start, |v| v.retain(|_| false));
            same_as_std!(start, |v| v.dedup());
            same_as_std!(start, |v| {
                let mut calls = Vec::new();
                v.dedup_by(|a, b| {
                    calls.push((a.key(), b.key()));
                    a.key() == b.key() + 1 || a == b
                });
                calls
            });
        }
    }
    for_each_elem_type!(check);
}

#[test]
fn spare_capacity_and_split_at_spare_mut() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for start in &starts::<T>() {
            let mut theirs = std_copy(start, start.capacity());
            let mut mine = my_copy(start, &alloc);
            assert_eq!(
                mine.spare_capacity_mut().len(),
                theirs.spare_capacity_mut().len()
            );
            // Fill the spare capacity through `split_at_spare_mut`, claim it with `set_len`.
            let (init, spare) = mine.split_at_spare_mut();
            assert_eq!(init, &theirs[..]);
            let fill = spare.len().min(3);
            for (i, slot) in spare.iter_mut().take(fill).enumerate() {
                slot.write(make::<T>(i as u8));
            }
            let len = mine.len();
            // SAFETY: the first `fill` spare slots were written just above.
            unsafe { mine.set_len(len + fill) };
            theirs.extend((0..fill as u8).map(make::<T>));
            assert_eq!(mine, theirs);
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

#[test]
fn leak_gives_the_elements_and_keeps_the_buffer() {
    let alloc = test_alloc();
    let mut v: MyVec<String, _> = MyVec::with_capacity_in(6, &alloc);
    v.extend(["x", "y"].map(String::from));
    let shrinks = alloc.inner().snapshot().shrinks;
    // The buffer pointer, taken before leaking: a pointer derived from the leaked slice only
    // covers its 2 elements, not the whole block of 6 that must be freed at the end.
    let buffer = v.as_mut_ptr();
    let leaked: &mut [String] = v.leak();
    assert_eq!(leaked, ["x", "y"]);
    leaked[0].push('!');
    assert_eq!(
        alloc.inner().snapshot().shrinks,
        shrinks,
        "leak does not shrink"
    );
    assert_eq!(alloc.live_bytes(), 6 * size_of::<String>());
    // Give the memory back so the leak checker is satisfied.
    // SAFETY: `leak` kept the buffer of capacity 6 from `alloc`, with 2 initialized elements.
    let v = unsafe { MyVec::from_raw_parts_in(buffer, 2, 6, &alloc) };
    assert_eq!(v, ["x!", "y"]);
    drop(v);
    alloc.assert_no_leaks();

    let theirs: &'static mut [u8] = vec![1u8, 2].leak();
    let mine: &'static mut [u8] = my_vec![1u8, 2].leak();
    assert_eq!(mine, theirs);
    // SAFETY: both were `vec![..]`/`my_vec![..]` of exact capacity 2 in the global allocator.
    unsafe {
        drop(Vec::from_raw_parts(theirs.as_mut_ptr(), 2, 2));
        drop(MyVec::from_raw_parts(mine.as_mut_ptr(), 2, 2));
    }
}

#[test]
fn peek_mut_views_and_pops_the_last_element() {
    let mut v: MyVec<String> = MyVec::new();
    assert!(v.peek_mut().is_none());
    // Three elements, so that "the last" is not the same index at every length.
    v.extend(["a", "b", "c"].map(String::from));
    {
        let mut last = v.peek_mut().unwrap();
        last.push('!');
        assert_eq!(*last, "c!");
        assert_eq!(format!("{last:?}"), r#"PeekMut("c!")"#);
    }
    assert_eq!(v, ["a", "b", "c!"]);
    let last = v.peek_mut().unwrap();
    assert_eq!(PeekMut::pop(last), "c!");
    assert_eq!(*v.peek_mut().unwrap(), "b");
    assert_eq!(PeekMut::pop(v.peek_mut().unwrap()), "b");
    assert_eq!(PeekMut::pop(v.peek_mut().unwrap()), "a");
    assert!(v.peek_mut().is_none());
}

#[test]
fn into_flattened_matches_std() {
    let alloc = test_alloc();
    let mut mine: MyVec<[u16; 3], _> = MyVec::with_capacity_in(5, &alloc);
    mine.extend([[1, 2, 3], [4, 5, 6]]);
    let mut theirs: Vec<[u16; 3]> = Vec::with_capacity(5);
    theirs.extend([[1, 2, 3], [4, 5, 6]]);
    let ptr = mine.as_ptr().cast::<u16>();
    let mine = mine.into_flattened();
    let theirs = theirs.into_flattened();
    assert_eq!(mine, theirs);
    assert_eq!(mine.capacity(), theirs.capacity());
    assert_eq!(mine.as_ptr(), ptr, "the buffer is reused");
    drop(mine);
    alloc.assert_no_leaks();

    // Zero-sized arrays of a sized type, and arrays of a zero-sized type.
    let mine: MyVec<[u32; 0], _> = my_vec![in &alloc; []; 4];
    let theirs: Vec<[u32; 0]> = vec![[]; 4];
    let (mine, theirs) = (mine.into_flattened(), theirs.into_flattened());
    assert_eq!(
        (mine.len(), mine.capacity()),
        (theirs.len(), theirs.capacity())
    );
    let mine: MyVec<[(); 3], _> = my_vec![in &alloc; [(); 3]; 4];
    let theirs: Vec<[(); 3]> = vec![[(); 3]; 4];
    let (mine, theirs) = (mine.into_flattened(), theirs.into_flattened());
    assert_eq!(
        (mine.len(), mine.capacity()),
        (theirs.len(), theirs.capacity())
    );
    alloc.assert_no_leaks();
}

#[test]
fn into_chunks_matches_chunks_exact() {
    fn check<const N: usize>() {
        let alloc = test_alloc();
        for start in &starts::<u32>() {
            let shrinks = alloc.inner().snapshot().shrinks;
            let mine: MyVec<[u32; N], _> = my_copy(start, &alloc).into_chunks();
            // Only a capacity that is not a multiple of N is shrunk, to the multiple below it
            // (below N, that is 0: the block is freed, not shrunk).
            let (capacity, asked) = (start.capacity(), alloc.inner().snapshot().shrinks - shrinks);
            assert_eq!(
                asked,
                u64::from(capacity % N != 0 && capacity > N),
                "{start:?}"
            );
            let expected: Vec<[u32; N]> = start
                .chunks_exact(N)
                .map(|chunk| chunk.try_into().unwrap())
                .collect();
            assert_eq!(mine, expected);
            assert_eq!(mine.capacity(), start.capacity() / N);
        }
        alloc.assert_no_leaks();
        // Leftover elements are dropped at once; the zero-sized case keeps `usize::MAX`
        // capacity.
        let shared = std::rc::Rc::new(());
        let three: MyVec<std::rc::Rc<()>> = (0..3).map(|_| std::rc::Rc::clone(&shared)).collect();
        let pairs: MyVec<[std::rc::Rc<()>; 2]> = three.into_chunks();
        assert_eq!(
            (pairs.len(), std::rc::Rc::strong_count(&shared)),
            (1, 1 + 2)
        );
        let units: MyVec<[(); N]> = my_vec![(); 7].into_chunks();
        assert_eq!((units.len(), units.capacity()), (7 / N, usize::MAX));
    }
    check::<1>();
    check::<2>();
    check::<3>();
    check::<4>();
}

#[test]
fn recycle_keeps_the_buffer_for_another_type() {
    let alloc = test_alloc();
    let mut v: MyVec<String, _> = MyVec::with_capacity_in(4, &alloc);
    v.extend(["a", "b"].map(String::from));
    let ptr = v.as_ptr().cast::<u8>();
    let recycled: MyVec<Vec<u8>, _> = v.recycle();
    assert!(recycled.is_empty());
    assert_eq!(recycled.capacity(), 4);
    assert_eq!(recycled.as_ptr().cast::<u8>(), ptr);
    drop(recycled);
    alloc.assert_no_leaks();
    let units: MyVec<((), ())> = my_vec![(); 3].recycle();
    assert_eq!(units.capacity(), usize::MAX);
}

// ---------------------------------------------------------------------------------------------
// Panic messages, compared with std's actual messages
// ---------------------------------------------------------------------------------------------

#[test]
fn index_panics_match_std() {
    for len in [0u32, 1, 3] {
        let start = || (0..len).collect::<Vec<u32>>();
        for index in [len as usize, len as usize + 1, usize::MAX] {
            same_panic!(start(), |v| v.remove(index));
            same_panic!(start(), |v| v.swap_remove(index));
        }
        for index in [len as usize + 1, len as usize + 5, usize::MAX] {
            same_panic!(start(), |v| v.insert(index, 0));
            same_panic!(start(), |v| {
                let _ = v.insert_mut(index, 0);
            });
            same_panic!(start(), |v| v.split_off(index));
        }
        same_panic!(start(), |v| v[len as usize]);
        same_panic!(start(), |v| v[..len as usize + 1].len());
    }
    // The exact text, once, so a change on both sides would still be noticed.
    let message = panic_message(|| my_vec![1, 2, 3].insert(5, 0));
    assert_eq!(
        message.unwrap(),
        "insertion index (is 5) should be <= len (is 3)"
    );
    let message = panic_message(|| {
        my_vec![1, 2, 3].remove(3);
    });
    assert_eq!(
        message.unwrap(),
        "removal index (is 3) should be < len (is 3)"
    );
    let message = panic_message(|| {
        my_vec![1, 2, 3].swap_remove(7);
    });
    assert_eq!(
        message.unwrap(),
        "swap_remove index (is 7) should be < len (is 3)"
    );
    let message = panic_message(|| {
        let _ = my_vec![1, 2, 3].split_off(4);
    });
    assert_eq!(
        message.unwrap(),
        "`at` split index (is 4) should be <= len (is 3)"
    );
}

#[test]
// Decreasing ranges are the point: they must panic (or be empty) exactly as in std.
#[allow(clippy::reversed_empty_ranges)]
fn extend_from_within_range_panics_match_std() {
    use std::ops::Bound::{self, Excluded, Included, Unbounded};
    let start = || vec![1u32, 2, 3];
    same_panic!(start(), |v| v.extend_from_within(4..));
    same_panic!(start(), |v| v.extend_from_within(..4));
    same_panic!(start(), |v| v.extend_from_within(..=3));
    same_panic!(start(), |v| v.extend_from_within(2..1));
    same_panic!(start(), |v| v.extend_from_within(5..4));
    same_panic!(start(), |v| v.extend_from_within(..=usize::MAX));
    same_panic!(start(), |v| v.extend_from_within(usize::MAX..));
    let bounds: [(Bound<usize>, Bound<usize>); 5] = [
        (Excluded(usize::MAX), Unbounded),
        (Excluded(3), Unbounded),
        (Excluded(2), Excluded(2)),
        (Included(4), Excluded(4)),
        (Excluded(0), Included(3)),
    ];
    for bound in bounds {
        same_panic!(start(), |v| v.extend_from_within(bound));
    }
    // And the valid ones through `Bound` pairs agree too.
    let start = vec![1u32, 2, 3];
    same_as_std!(&start, |v| v.extend_from_within((Excluded(0), Included(2))));
    same_as_std!(&start, |v| v.extend_from_within((Excluded(2), Unbounded)));
    same_as_std!(&start, |v| v.extend_from_within((Excluded(1), Included(1))));
    same_as_std!(&start, |v| v.extend_from_within(3..=2));
    same_as_std!(&start, |v| v.extend_from_within(3..3));
}

#[test]
// `set_len(usize::MAX)` on an empty vector of `()` is sound: a zero-sized type needs no
// initialization and its capacity is `usize::MAX`.
#[allow(clippy::uninit_vec)]
fn capacity_overflow_panics_match_std() {
    same_panic!(vec![1u32], |v| v.reserve(usize::MAX));
    same_panic!(vec![1u32], |v| v.reserve_exact(usize::MAX));
    same_panic!(vec![1u64], |v| v.resize(usize::MAX / 4, 0));
    // A vector of a zero-sized type is full at `usize::MAX` elements. (Built in place: a
    // copy would clone `usize::MAX` elements.)
    macro_rules! same_panic_when_full {
        (|$v:ident| $body:expr) => {{
            let alloc = test_alloc();
            let theirs = panic_message(|| {
                let mut theirs: Vec<()> = Vec::new();
                // SAFETY: any length is valid for a zero-sized type (capacity `usize::MAX`).
                unsafe { theirs.set_len(usize::MAX) };
                let $v = &mut theirs;
                let _ = $body;
            });
            let mine = panic_message(|| {
                let mut mine: MyVec<(), _> = MyVec::new_in(&alloc);
                // SAFETY: as above.
                unsafe { mine.set_len(usize::MAX) };
                let $v = &mut mine;
                let _ = $body;
            });
            assert_eq!(theirs.as_deref(), Some("capacity overflow"));
            assert_eq!(mine, theirs, "panic of `{}`", stringify!($body));
            alloc.assert_no_leaks();
        }};
    }
    same_panic_when_full!(|v| v.push(()));
    same_panic_when_full!(|v| v.insert(0, ()));
    same_panic_when_full!(|v| v.extend([()]));
    same_panic_when_full!(|v| v.extend(std::iter::once(()).filter(|_| true)));
    same_panic_when_full!(|v| v.extend_from_slice(&[()]));
    same_panic_when_full!(|v| v.extend_from_within(..1));
    let full_of_unit_pairs = || {
        let mut v = vec![[(); 2]; 0];
        // SAFETY: as above.
        unsafe { v.set_len(usize::MAX) };
        v
    };
    let theirs = panic_message(|| drop(full_of_unit_pairs().into_flattened()));
    let mine = panic_message(|| {
        let mut v: MyVec<[(); 2]> = MyVec::new();
        // SAFETY: as above.
        unsafe { v.set_len(usize::MAX) };
        drop(v.into_flattened());
    });
    assert_eq!(mine, theirs);
    assert_eq!(mine.as_deref(), Some("vec len overflow"));
}

// ---------------------------------------------------------------------------------------------
// Panic safety: every element dropped exactly once, as in std
// ---------------------------------------------------------------------------------------------

#[test]
fn drops_without_panics_match_std() {
    same_drops!(6, |v, _ledger| v.truncate(2));
    same_drops!(6, |v, _ledger| v.clear());
    same_drops!(6, |v, _ledger| v.retain(|x| x.id % 3 != 1));
    same_drops!(6, |v, _ledger| v.retain_mut(|x| x.id > 3));
    same_drops!(6, |v, _ledger| v.dedup_by_key(|x| x.id / 2));
    same_drops!(6, |v, _ledger| v.dedup_by(|a, b| a.id == b.id + 1));
    same_drops!(6, |v, _ledger| v.split_off(2));
    same_drops!(6, |v, ledger| v.resize(9, ledger.item(40)));
    same_drops!(6, |v, ledger| v.resize(2, ledger.item(40)));
    same_drops!(6, |v, ledger| v.resize(6, ledger.item(40)));
    same_drops!(6, |v, ledger| v.resize_with(8, || ledger.item(50)));
    same_drops!(6, |v, _ledger| v.resize_with(1, || unreachable!()));
    same_drops!(6, |v, _ledger| v.extend_from_within(1..4));
    same_drops!(6, |v, ledger| v
        .extend_from_slice(&[ledger.item(60), ledger.item(61)]));
    same_drops!(6, |v, _ledger| v.remove(2));
    same_drops!(6, |v, _ledger| v.swap_remove(1));
    same_drops!(6, |v, ledger| v.insert(3, ledger.item(70)));
    same_drops!(6, |v, _ledger| v.pop());
    same_drops!(6, |v, _ledger| v.pop_if(|x| x.id == 5));
    same_drops!(6, |v, ledger| v.push(ledger.item(80)));
    same_drops!(6, |v, ledger| v.extend((90..93).map(|id| ledger.item(id))));
}

#[test]
fn panicking_predicates_match_std() {
    for panic_at in 0..6 {
        let outcome = same_drops!(6, |v, _ledger| {
            let mut seen = 0;
            v.retain(|x| {
                seen += 1;
                if seen > panic_at {
                    panic!("predicate failed");
                }
                x.id % 2 == 0
            })
        });
        assert_eq!(outcome.panic.as_deref(), Some("predicate failed"));
        same_drops!(6, |v, _ledger| {
            let mut seen = 0;
            v.retain_mut(|x| {
                seen += 1;
                if seen > panic_at {
                    panic!("predicate failed");
                }
                x.id % 3 == 0
            })
        });
        same_drops!(6, |v, _ledger| {
            let mut seen = 0;
            v.dedup_by(|a, b| {
                seen += 1;
                if seen > panic_at {
                    panic!("same_bucket failed");
                }
                a.id / 2 == b.id / 2
            })
        });
        same_drops!(6, |v, _ledger| {
            let mut seen = 0;
            v.dedup_by_key(|x| {
                seen += 1;
                if seen > panic_at {
                    panic!("key failed");
                }
                x.id / 3
            })
        });
    }
}

#[test]
fn panicking_drops_match_std() {
    for id in 0..6 {
        same_drops!(6, |v, ledger| {
            ledger.fail_drop_of(id);
            v.retain(|x| x.id % 2 == 0)
        });
        same_drops!(6, |v, ledger| {
            ledger.fail_drop_of(id);
            v.dedup_by(|a, b| a.id / 2 == b.id / 2)
        });
        same_drops!(6, |v, ledger| {
            ledger.fail_drop_of(id);
            v.truncate(1)
        });
        same_drops!(6, |v, ledger| {
            ledger.fail_drop_of(id);
            v.resize(2, ledger.item(99))
        });
    }
}

#[test]
fn panicking_clones_match_std() {
    for clones in 0..5 {
        same_drops!(5, |v, ledger| {
            let value = ledger.item(40);
            ledger.fail_clones_after(clones);
            v.resize(9, value)
        });
        same_drops!(5, |v, ledger| {
            let more = [ledger.item(50), ledger.item(51), ledger.item(52)];
            ledger.fail_clones_after(clones);
            v.extend_from_slice(&more)
        });
        same_drops!(5, |v, ledger| {
            ledger.fail_clones_after(clones);
            v.extend_from_within(1..)
        });
        same_drops!(5, |v, ledger| {
            ledger.fail_clones_after(clones);
            v.clone()
        });
    }
}

#[test]
fn panicking_clone_in_clone_and_clone_from_matches_std() {
    // `clone`/`clone_from` of a whole vector compare the std `Vec`'s with `MyVec`'s directly.
    for clones in 0..5 {
        for target_len in [0, 2, 4, 7] {
            let run_std = || {
                let ledger = Ledger::default();
                let source: Vec<Logged<'_>> = (0..5).map(|id| ledger.item(id)).collect();
                let mut target: Vec<Logged<'_>> =
                    (10..10 + target_len).map(|id| ledger.item(id)).collect();
                ledger.fail_clones_after(clones);
                let panic = panic_message(|| target.clone_from(&source));
                let left: Vec<u32> = target.iter().map(|x| x.id).collect();
                let capacity = target.capacity();
                drop((source, target));
                assert_eq!(ledger.live.get(), 0);
                (panic, left, capacity, ledger.drops.take())
            };
            let run_mine = || {
                let alloc = test_alloc();
                let ledger = Ledger::default();
                let mut source: MyVec<Logged<'_>, _> = MyVec::with_capacity_in(5, &alloc);
                source.extend((0..5).map(|id| ledger.item(id)));
                let mut target: MyVec<Logged<'_>, _> =
                    MyVec::with_capacity_in(target_len as usize, &alloc);
                target.extend((10..10 + target_len).map(|id| ledger.item(id)));
                ledger.fail_clones_after(clones);
                let panic = panic_message(|| target.clone_from(&source));
                let left: Vec<u32> = target.iter().map(|x| x.id).collect();
                let capacity = target.capacity();
                drop((source, target));
                assert_eq!(ledger.live.get(), 0);
                alloc.assert_no_leaks();
                (panic, left, capacity, ledger.drops.take())
            };
            assert_eq!(run_mine(), run_std());
        }
    }
}

#[test]
fn clone_from_reuses_the_buffer_and_matches_std() {
    fn check<T: Element>() {
        let alloc = test_alloc();
        for source in &starts::<T>() {
            for target in &others::<T>() {
                let mut theirs = std_copy(target, target.capacity());
                theirs.clone_from(source);
                let mine_source = my_copy(source, &alloc);
                let mut mine = my_copy(target, &alloc);
                mine.clone_from(&mine_source);
                assert_eq!(mine, theirs);
                assert_eq!(mine.capacity(), theirs.capacity());
            }
            let theirs = source.clone();
            let mine = my_copy(source, &alloc).clone();
            assert_eq!(mine, theirs);
            assert_eq!(mine.capacity(), theirs.capacity());
        }
        alloc.assert_no_leaks();
    }
    for_each_elem_type!(check);
}

/// A zero-sized element that counts its drops (per thread: each test runs on its own).
struct CountedUnit;

thread_local! {
    static UNIT_DROPS: Cell<usize> = const { Cell::new(0) };
}

impl Drop for CountedUnit {
    fn drop(&mut self) {
        UNIT_DROPS.with(|drops| drops.set(drops.get() + 1));
    }
}

fn unit_drops() -> usize {
    UNIT_DROPS.with(Cell::get)
}

#[test]
fn zero_sized_elements_are_dropped_like_std() {
    let alloc = test_alloc();
    let make = || -> MyVec<CountedUnit, _> {
        let mut v = MyVec::new_in(&alloc);
        v.extend((0..6).map(|_| CountedUnit));
        v
    };
    let count = |f: &dyn Fn()| {
        let before = unit_drops();
        f();
        unit_drops() - before
    };
    assert_eq!(count(&|| drop(make())), 6);
    assert_eq!(
        count(&|| {
            let mut v = make();
            v.truncate(2);
            assert_eq!(v.len(), 2);
            std::mem::forget(v); // only the truncated ones
        }),
        4
    );
    assert_eq!(
        count(&|| {
            let mut v = make();
            let mut n = 0;
            v.retain(|_| {
                n += 1;
                n % 2 == 0
            });
            assert_eq!(v.len(), 3);
            std::mem::forget(v);
        }),
        3
    );
    assert_eq!(
        count(&|| {
            let mut v = make();
            v.dedup_by(|_, _| true);
            assert_eq!(v.len(), 1);
            std::mem::forget(v);
        }),
        5
    );
    assert_eq!(
        count(&|| {
            let mut v = make();
            let tail = v.split_off(4);
            assert_eq!((v.len(), tail.len()), (4, 2));
            assert_eq!(tail.capacity(), usize::MAX);
            drop(tail);
            std::mem::forget(v);
        }),
        2
    );
    assert_eq!(count(&|| make().resize_with(10, || CountedUnit)), 10);
    assert_eq!(
        alloc.inner().snapshot().allocations,
        0,
        "ZSTs never allocate"
    );
    alloc.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// Extend and collect: capacities as std's for honest iterators, sound for lying ones
// ---------------------------------------------------------------------------------------------

/// An iterator over `items` whose `size_hint` is always `hint`, however many items are left.
///
/// Not `boxvec::check::Lying`: its lie is relative to what is left (a lower bound within
/// ±127 of the truth), while these tests need fixed hints such as `(usize::MAX, None)`.
struct FixedHint<I> {
    items: I,
    hint: (usize, Option<usize>),
}

impl<I: Iterator> Iterator for FixedHint<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        self.items.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.hint
    }
}

/// An iterator that panics when asked for item number `panic_at`, with a fixed `hint`.
///
/// Not `boxvec::check::Lying` (which can panic part-way too): its items are a finished
/// vector and its hint follows them, while here the items are made on demand from an
/// endless source (each one a `Tracked`, whose live count the test follows) and the hint is
/// fixed.
struct PanicsAt<I> {
    items: I,
    panic_at: usize,
    hint: (usize, Option<usize>),
}

impl<I: Iterator> Iterator for PanicsAt<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        if self.panic_at == 0 {
            panic!("iterator failed");
        }
        self.panic_at -= 1;
        self.items.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.hint
    }
}

/// Extends a std `Vec` and a `MyVec` (copies of each start) with the same iterator and
/// compares contents and capacities; then collects it into both.
macro_rules! same_extend_and_collect {
    ($make_iter:expr) => {{
        let alloc = test_alloc();
        for start in &starts::<u32>() {
            let mut theirs = std_copy(start, start.capacity());
            theirs.extend($make_iter);
            let mut mine = my_copy(start, &alloc);
            mine.extend($make_iter);
            assert_eq!(mine, theirs, "extend with `{}`", stringify!($make_iter));
            assert_eq!(
                mine.capacity(),
                theirs.capacity(),
                "capacity after extend with `{}` on {start:?}",
                stringify!($make_iter)
            );
        }
        let theirs: Vec<u32> = $make_iter.collect();
        let mine: MyVec<u32> = $make_iter.collect();
        assert_eq!(mine, theirs, "collect of `{}`", stringify!($make_iter));
        assert_eq!(
            mine.capacity(),
            theirs.capacity(),
            "capacity after collect of `{}`",
            stringify!($make_iter)
        );
        alloc.assert_no_leaks();
    }};
}

#[test]
fn extend_and_collect_capacities_match_std() {
    let data: Vec<u32> = (0..40).collect();
    let text = "héllo wörld, ça va? ünïcödé";
    for &n in sizes(&[0u32, 1, 2, 3, 4, 5, 8, 9, 17, 40], &[0, 1, 9]) {
        let slice = &data[..n as usize];
        same_extend_and_collect!(0..n);
        same_extend_and_collect!((0..n).rev());
        same_extend_and_collect!((0..=n).map(|x| x * 2));
        same_extend_and_collect!(slice.iter().cloned());
        same_extend_and_collect!(slice.iter().copied().chain(0..3));
        // A `std::vec::IntoIter` (std's `extend` has a special path for it).
        same_extend_and_collect!({
            let owned: Vec<u32> = slice.into();
            owned.into_iter()
        });
        same_extend_and_collect!(slice.iter().copied().zip(0..n).map(|(a, b)| a + b));
        same_extend_and_collect!(slice.iter().copied().filter(|x| x % 3 != 0));
        same_extend_and_collect!(slice.iter().copied().skip_while(|&x| x < 2));
        same_extend_and_collect!(slice.iter().copied().take_while(|&x| x < 7));
        same_extend_and_collect!(slice.iter().flat_map(|&x| [x, x + 1]));
        same_extend_and_collect!(std::iter::repeat_n(7, n as usize));
        same_extend_and_collect!(text.chars().map(u32::from).skip(n as usize));
        same_extend_and_collect!(text.bytes().take(n as usize).map(u32::from));
        same_extend_and_collect!({
            let mut left = n;
            std::iter::from_fn(move || {
                left = left.checked_sub(1)?;
                Some(left)
            })
        });
    }
    same_extend_and_collect!(std::iter::once(5));
    same_extend_and_collect!(std::iter::empty::<u32>());
}

/// The documented exception: an exact `size_hint` from an iterator that is not `TrustedLen`
/// (std can tell, stable code cannot). For fewer than `MIN_NON_ZERO_CAP` items std rounds the
/// first allocation up to that minimum; `MyVec` allocates the exact count, as std does for a
/// `TrustedLen` iterator with the same hint. From `MIN_NON_ZERO_CAP` items on they agree.
#[test]
fn collect_of_short_exact_non_trusted_iterator_is_exact() {
    for n in 1..=8 {
        let set: HashSet<u32> = (0..n as u32).collect();
        let iter = || set.iter().copied(); // hint (n, Some(n)), not TrustedLen (a BTreeSet's is)
        assert_eq!(iter().size_hint(), (n, Some(n)));
        let theirs: Vec<u32> = iter().collect();
        let mine: MyVec<u32> = iter().collect();
        assert_eq!(mine, theirs);
        assert_eq!(mine.capacity(), n);
        assert_eq!(theirs.capacity(), n.max(4));
        // `extend` agrees with std in every case.
        let mut theirs = Vec::new();
        theirs.extend(iter());
        let mut mine = MyVec::new();
        mine.extend(iter());
        assert_eq!(mine.capacity(), theirs.capacity());
    }
}

#[test]
fn extend_by_reference_matches_std() {
    let alloc = test_alloc();
    for start in &starts::<u32>() {
        for other in &others::<u32>() {
            let mut theirs = std_copy(start, start.capacity());
            theirs.extend(other);
            theirs.extend(other.iter().filter(|&&x| x > 2));
            let mut mine = my_copy(start, &alloc);
            mine.extend(other);
            mine.extend(other.iter().filter(|&&x| x > 2));
            assert_eq!(mine, theirs);
            assert_eq!(mine.capacity(), theirs.capacity());
        }
    }
    // `&MyVec` as the source, via `IntoIterator for &MyVec`.
    let source = my_vec![1u32, 2];
    let mut mine = my_vec![0u32];
    mine.extend(&source);
    assert_eq!(mine, [0, 1, 2]);
    alloc.assert_no_leaks();
}

#[test]
fn extend_survives_lying_size_hints() {
    let hints = [
        (0, Some(0)),
        (0, None),
        (1, Some(1)),
        (3, Some(3)),
        (10, Some(10)),
        (100, Some(100)),
        (usize::MAX, None),
        (5, Some(2)),
        (0, Some(1)),
    ];
    for hint in hints {
        for &count in sizes(&[0u32, 1, 3, 7, 20], &[0, 3, 20]) {
            let alloc = test_alloc();
            for start in &starts::<u32>() {
                let mut mine = my_copy(start, &alloc);
                let lying = FixedHint {
                    items: 0..count,
                    hint,
                };
                // A lower bound of `usize::MAX` makes the first growth overflow, as in std.
                let message = panic_message(|| mine.extend(lying));
                let mut expected = start.clone();
                if hint.0 == usize::MAX && message.is_some() {
                    assert_eq!(message.as_deref(), Some("capacity overflow"));
                    assert!(mine.len() <= expected.len() + count as usize);
                } else {
                    assert_eq!(message, None);
                    expected.extend(0..count);
                    assert_eq!(mine, expected, "hint {hint:?}, {count} items");
                }
                assert!(mine.len() <= mine.capacity());
            }
            let lying = FixedHint {
                items: 0..count,
                hint,
            };
            if hint.0 != usize::MAX {
                let mine: MyVec<u32> = lying.collect();
                assert_eq!(mine, (0..count).collect::<Vec<_>>());
            }
            alloc.assert_no_leaks();
        }
    }
}

#[test]
fn extend_keeps_what_a_panicking_iterator_gave() {
    for hint in [(0, None), (4, Some(4)), (100, Some(100))] {
        for panic_at in 0..6 {
            Tracked::reset();
            let alloc = test_alloc();
            let mut mine: MyVec<Tracked, _> = MyVec::with_capacity_in(2, &alloc);
            mine.push(Tracked::from_seed(100, Side::Ours));
            let iter = PanicsAt {
                items: (0..).map(|seed| Tracked::from_seed(seed, Side::Ours)),
                panic_at,
                hint,
            };
            let message = panic_message(|| mine.extend(iter));
            assert_eq!(message.as_deref(), Some("iterator failed"));
            let mut expected = vec![100];
            expected.extend(0..panic_at as u8);
            assert_eq!(mine.iter().map(Element::key).collect::<Vec<_>>(), expected);
            assert_eq!(Tracked::live(Side::Ours), expected.len() as i64);
            drop(mine);
            assert_eq!(Tracked::live(Side::Ours), 0);
            alloc.assert_no_leaks();

            // The same for `collect`.
            let iter = PanicsAt {
                items: (0..).map(|seed| Tracked::from_seed(seed, Side::Ours)),
                panic_at,
                hint,
            };
            let message = panic_message(|| drop(iter.collect::<MyVec<_>>()));
            assert_eq!(message.as_deref(), Some("iterator failed"));
            assert_eq!(Tracked::live(Side::Ours), 0);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Traits
// ---------------------------------------------------------------------------------------------

#[test]
// Every operand form (`&[U]`, `&mut [U]`, both orders) is written out on purpose: each one
// goes through a different `PartialEq` impl.
#[allow(clippy::op_ref, clippy::nonminimal_bool)]
fn comparisons_match_std() {
    let samples: Vec<Vec<i32>> = vec![
        vec![],
        vec![1],
        vec![1, 2],
        vec![1, 3],
        vec![2],
        vec![1, 2, 0],
    ];
    let alloc = test_alloc();
    for a in &samples {
        for b in &samples {
            let mine_a = my_copy(a, &alloc);
            let mine_b: MyVec<i32> = MyVec::from(b.as_slice());
            assert_eq!(mine_a == mine_b, a == b);
            assert_eq!(mine_a.partial_cmp(&mine_b), a.partial_cmp(b));
            assert_eq!(my_copy(a, &alloc).cmp(&my_copy(b, &alloc)), a.cmp(b));
            assert_eq!(mine_a == *b, a == b);
            assert_eq!(*b == mine_a, a == b);
            assert_eq!(mine_a == b[..], a == b);
            assert_eq!(b[..] == mine_a, a == b);
            assert_eq!(mine_a == &b[..], a == b);
            assert_eq!(&b[..] == mine_a, a == b);
            let mut b_copy = b.clone();
            assert_eq!(mine_a == &mut b_copy[..], a == b);
            assert_eq!(&mut b_copy[..] == mine_a, a == b);
            let cow: Cow<'_, [i32]> = Cow::Borrowed(b);
            assert_eq!(mine_a == cow, a == b);
            assert_eq!(cow == mine_a, a == b);
        }
    }
    // Arrays, both ways, and element types that differ.
    let v = my_vec![String::from("a"), String::from("b")];
    assert!(v == ["a", "b"] && ["a", "b"] == v);
    assert!(v == &["a", "b"] && &["a", "b"] == v);
    assert!(v != ["a"] && v != ["a", "c"]);
    let f = my_vec![1.0, f64::NAN];
    assert_eq!(
        f.partial_cmp(&my_vec![1.0, f64::NAN]),
        vec![1.0, f64::NAN].partial_cmp(&vec![1.0, f64::NAN])
    );
    assert!(f != f.clone());
    alloc.assert_no_leaks();
}

#[test]
fn hash_debug_borrow_and_as_ref_are_the_slices() {
    let state = std::hash::RandomState::new();
    let v = my_vec![3u16, 1, 4];
    assert_eq!(state.hash_one(&v), state.hash_one(&[3u16, 1, 4][..]));
    assert_eq!(state.hash_one(&v), state.hash_one(vec![3u16, 1, 4]));
    assert_eq!(format!("{v:?}"), format!("{:?}", vec![3u16, 1, 4]));
    assert_eq!(format!("{:#?}", my_vec!["x"]), format!("{:#?}", vec!["x"]));

    let mut set: HashSet<MyVec<u16>> = HashSet::new();
    set.insert(v.clone());
    assert!(set.contains(&[3u16, 1, 4][..]));

    let mut v = v;
    let slice: &[u16] = v.as_ref();
    assert_eq!(slice, [3, 1, 4]);
    let slice: &mut [u16] = v.as_mut();
    slice[0] = 9;
    let same: &MyVec<u16> = v.as_ref();
    assert_eq!(same, &[9, 1, 4]);
    let same: &mut MyVec<u16> = v.as_mut();
    same.push(1);
    let borrowed: &[u16] = std::borrow::Borrow::borrow(&v);
    assert_eq!(borrowed, [9, 1, 4, 1]);
    let borrowed: &mut [u16] = std::borrow::BorrowMut::borrow_mut(&mut v);
    borrowed.sort_unstable();
    assert_eq!(v, [1, 1, 4, 9]);
}

#[test]
#[allow(clippy::reversed_empty_ranges)] // a decreasing range must panic as in std
fn indexing_matches_the_slice() {
    let mut v = my_vec![10, 20, 30, 40];
    assert_eq!(v[0], 10);
    assert_eq!(v[1..3], [20, 30]);
    assert_eq!(v[..=1], [10, 20]);
    assert_eq!(v[2..], [30, 40]);
    assert_eq!(v[..], [10, 20, 30, 40]);
    v[3] = 0;
    v[..2].copy_from_slice(&[1, 2]);
    assert_eq!(v, [1, 2, 30, 0]);
    let start = vec![1u32, 2, 3];
    same_panic!(start.clone(), |v| v[3]);
    same_panic!(start.clone(), |v| v[2..1].len());
    same_panic!(start.clone(), |v| v[..=3].len());
    same_panic!(start, |v| v[4..].len());
}

#[test]
fn iterating_by_reference() {
    let mut v = my_vec![1, 2, 3];
    let mut seen = Vec::new();
    for x in &v {
        seen.push(*x);
    }
    for x in &mut v {
        *x *= 10;
    }
    assert_eq!(seen, [1, 2, 3]);
    assert_eq!(v, [10, 20, 30]);
    assert_eq!((&v).into_iter().len(), 3);
}

#[test]
fn conversions() {
    // From slices and arrays: exact capacity, like std.
    let array = [1u8, 2, 3];
    let (mut mine_scratch, mut theirs_scratch) = (array, array);
    let cases: [(MyVec<u8>, Vec<u8>); 5] = [
        (MyVec::from(&array[..]), Vec::from(&array[..])),
        (
            MyVec::from(&mut mine_scratch[..]),
            Vec::from(&mut theirs_scratch[..]),
        ),
        (MyVec::from(&array), Vec::from(&array)),
        (
            MyVec::from(&mut mine_scratch),
            Vec::from(&mut theirs_scratch),
        ),
        (MyVec::from(array), Vec::from(array)),
    ];
    for (mine, theirs) in cases {
        assert_eq!(mine, theirs);
        assert_eq!(mine.capacity(), theirs.capacity());
    }
    let mine = MyVec::from("hé");
    assert_eq!(mine, Vec::from("hé"));
    assert_eq!(mine.capacity(), Vec::from("hé").capacity());

    // From std's owners: the buffer is taken over, not copied.
    let mut s = String::with_capacity(12);
    s.push_str("abc");
    let ptr = s.as_ptr();
    let mine = MyVec::from(s);
    assert_eq!((mine.as_ptr(), mine.capacity()), (ptr, 12));
    assert_eq!(mine, b"abc");

    let mut std_vec: Vec<String> = Vec::with_capacity(9);
    std_vec.push("x".into());
    let ptr = std_vec.as_ptr();
    let mut mine = MyVec::from(std_vec);
    assert_eq!((mine.as_ptr(), mine.capacity()), (ptr, 9));
    mine.extend((0..20).map(|i| i.to_string())); // grows a block std allocated
    let back = Vec::from(mine);
    assert_eq!(back.len(), 21);
    let mut back = back;
    back.push("y".into()); // and std grows one we grew
    assert_eq!(Vec::from(MyVec::from(vec![(); 5])), [(); 5]);
    let empty: Vec<u64> = Vec::from(MyVec::<u64>::new());
    assert_eq!(empty.capacity(), 0);

    // The std collections that become a `Vec` for free become a `MyVec` for free too.
    let deque = || {
        let mut deque = std::collections::VecDeque::with_capacity(6);
        deque.extend([3u32, 4]);
        deque.push_front(2); // wraps around: not contiguous from the start
        deque
    };
    let theirs = Vec::from(deque());
    let mine = MyVec::from(deque());
    assert_eq!(mine, theirs);
    assert_eq!(mine.capacity(), theirs.capacity());
    let heap = std::collections::BinaryHeap::from(vec![4, 1, 3]);
    assert_eq!(MyVec::from(heap.clone()), heap.into_vec());
    let c_string = std::ffi::CString::new("nul-free").unwrap();
    assert_eq!(MyVec::from(c_string), b"nul-free");

    // Cow, both ways.
    let owned: Cow<'_, [i32]> = Cow::Owned(vec![1, 2]);
    let borrowed: Cow<'_, [i32]> = Cow::Borrowed(&[3]);
    assert_eq!(MyVec::from(owned), [1, 2]);
    assert_eq!(MyVec::from(borrowed), [3]);
    let v = my_vec![4, 5];
    assert!(matches!(Cow::from(&v), Cow::Borrowed([4, 5])));
    assert!(matches!(Cow::from(v), Cow::Owned(ref o) if o == &[4, 5]));

    // Into arrays: the vector comes back on a length mismatch, unchanged.
    let alloc = test_alloc();
    let v: MyVec<String, _> = my_vec![in &alloc; "a".to_string(), "b".to_string()];
    let back = <[String; 3]>::try_from(v).unwrap_err();
    assert_eq!(back, ["a", "b"]);
    let array: [String; 2] = back.try_into().unwrap();
    assert_eq!(array, ["a", "b"]);
    let theirs: Result<[u8; 1], _> = <[u8; 1]>::try_from(vec![1u8, 2]);
    let mine: Result<[u8; 1], _> = <[u8; 1]>::try_from(my_vec![1u8, 2]);
    assert_eq!(mine.unwrap_err(), theirs.unwrap_err());
    drop(array);
    alloc.assert_no_leaks();
}

#[test]
fn vectors_iterators_and_cows_become_boxes_like_std() {
    use boxvec::MyBox;
    // A vector of the right length becomes an array box in the same block; any other length
    // gives the vector back.
    let v = my_vec![1, 2, 3];
    let block = v.as_ptr();
    let array: MyBox<[i32; 3]> = v.into_array().unwrap();
    assert_eq!(
        (*array, MyBox::as_ptr(&array).cast::<i32>()),
        ([1, 2, 3], block)
    );
    assert_eq!(my_vec![1, 2].into_array::<3>().unwrap_err(), [1, 2]);
    assert_eq!(
        my_vec![1, 2, 3, 4].into_array::<3>().unwrap_err(),
        [1, 2, 3, 4]
    );

    let theirs: Box<[u32]> = (1..=5).collect();
    let mine: MyBox<[u32]> = (1..=5).collect();
    assert_eq!(*mine, *theirs);
    let borrowed = MyBox::<[i32]>::from(Cow::Borrowed(&[7, 8][..]));
    let owned = MyBox::<[i32]>::from(Cow::<[i32]>::Owned(vec![9]));
    assert_eq!((&*borrowed, &*owned), (&[7, 8][..], &[9][..]));
    let text = MyBox::<str>::from(Cow::Borrowed("text"));
    let owned_text = MyBox::<str>::from(Cow::<str>::Owned(String::from("owned")));
    assert_eq!((&*text, &*owned_text), ("text", "owned"));
}

#[test]
fn io_write_appends_like_std() {
    use std::io::{IoSlice, Write};
    let mut theirs: Vec<u8> = Vec::new();
    let mut mine: MyVec<u8> = MyVec::new();
    for out in [&mut theirs as &mut dyn Write, &mut mine as &mut dyn Write] {
        assert_eq!(out.write(b"abc").unwrap(), 3);
        out.write_all(b"de").unwrap();
        let slices = [IoSlice::new(b"f"), IoSlice::new(b""), IoSlice::new(b"gh")];
        assert_eq!(out.write_vectored(&slices).unwrap(), 3);
        write!(out, "{}", 42).unwrap();
        out.flush().unwrap();
    }
    assert_eq!(mine, theirs);
    assert_eq!(mine.capacity(), theirs.capacity());
}

#[test]
fn default_is_empty_in_global() {
    let v: MyVec<String> = Default::default();
    assert!(v.is_empty());
    assert_eq!(v.capacity(), 0);
}

// ---------------------------------------------------------------------------------------------
// my_vec!
// ---------------------------------------------------------------------------------------------

#[test]
fn my_vec_macro_forms_match_vec() {
    let empty: MyVec<u8> = my_vec![];
    assert_eq!((empty.len(), empty.capacity()), (0, 0));
    let listed = my_vec![1, 2, 3];
    let theirs = vec![1, 2, 3];
    assert_eq!(
        (&listed, listed.capacity()),
        (&MyVec::from(theirs.clone()), theirs.capacity())
    );
    let trailing = my_vec![1, 2,];
    assert_eq!(trailing, [1, 2]);
    let repeated = my_vec![String::from("z"); 3];
    assert_eq!((repeated.len(), repeated.capacity()), (3, 3));
    assert_eq!(repeated, vec!["z"; 3]);
    let none: MyVec<String> = my_vec![String::from("dropped"); 0];
    assert_eq!((none.len(), none.capacity()), (0, 0));

    let alloc = test_alloc();
    let empty_in: MyVec<u8, &TestAlloc> = my_vec![in &alloc];
    let listed_in = my_vec![in &alloc; 'a', 'b'];
    let repeated_in = my_vec![in &alloc; 0u64; 5];
    let units_in = my_vec![in &alloc; (); 1000];
    assert_eq!((empty_in.len(), empty_in.capacity()), (0, 0));
    assert_eq!((listed_in.len(), listed_in.capacity()), (2, 2));
    assert_eq!(repeated_in, [0; 5]);
    assert_eq!(units_in.len(), 1000);
    assert_eq!(alloc.live_blocks(), 2);
    drop((empty_in, listed_in, repeated_in, units_in));
    alloc.assert_no_leaks();

    // The element of `[x; n]` is cloned `n - 1` times and moved in last.
    Tracked::reset();
    let v = my_vec![Tracked::from_seed(7, Side::Ours); 3];
    assert_eq!(Tracked::live(Side::Ours), 3);
    assert_eq!(v.iter().map(Element::key).collect::<Vec<_>>(), [7, 7, 7]);
    drop(v);
    assert_eq!(Tracked::live(Side::Ours), 0);
}

// ---------------------------------------------------------------------------------------------
// Send and Sync follow the element and the allocator
// ---------------------------------------------------------------------------------------------

fn assert_send_sync<T: Send + Sync>() {}

/// Compiles only if `T` is *not* `Send`: otherwise both impls apply and `check` is ambiguous.
trait NotSend<Marker> {
    fn check() {}
}
impl<T: ?Sized> NotSend<()> for T {}
impl<T: ?Sized + Send> NotSend<u8> for T {}

/// Compiles only if `T` is *not* `Sync`.
trait NotSync<Marker> {
    fn check() {}
}
impl<T: ?Sized> NotSync<()> for T {}
impl<T: ?Sized + Sync> NotSync<u8> for T {}

#[test]
fn send_and_sync_follow_the_parts() {
    assert_send_sync::<MyVec<u32>>();
    assert_send_sync::<MyVec<String, &'static TestAlloc>>();
    assert_send_sync::<PeekMut<'static, u8>>();
    <MyVec<std::rc::Rc<u8>> as NotSend<_>>::check();
    <MyVec<std::rc::Rc<u8>> as NotSync<_>>::check();
    <MyVec<Cell<u8>> as NotSync<_>>::check();
    <MyVec<*const u8> as NotSend<_>>::check();

    // And the real thing: move a vector to another thread and back.
    let v = my_vec![String::from("sent")];
    let v = std::thread::spawn(move || {
        let mut v = v;
        v.push(String::from("back"));
        v
    })
    .join()
    .unwrap();
    assert_eq!(v, ["sent", "back"]);
}
