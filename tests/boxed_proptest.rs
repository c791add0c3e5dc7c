//! `MyBox` against std's `Box`, as property tests.
//!
//! The operations on a box — constructors, assignment, `clone` and `clone_from`, `take` and
//! `write`, `map`, raw round trips, slices built, cloned, converted to arrays and back, panics
//! in `clone` or `drop` — are the harness's `BoxOp`s, run by `boxvec::check::run_box_ops`
//! (through `ElementKind`) for every element kind the harness has: same values after every
//! step, same live values, the `Allocator` contract kept, exactly one block per box that
//! needs memory, nothing leaked.
//!
//! The rest of this file is what the harness cannot express, each test saying why: the
//! harness's elements promise only `PartialEq` and `Debug`, its boxes hold `T` and `[T]` (never
//! `str`), and it runs on its own allocator (the `From` conversions build in `Global` only).

mod common;

use std::cmp::Ordering;
use std::hash::{BuildHasher, Hash, RandomState};

use boxvec::MyBox;
use boxvec::alloc::{Checked, Global};
use boxvec::check::{BoxOp, ElementKind, Index, Trigger};
use proptest::prelude::*;

type Heap = Checked<Global>;

/// Every `BoxOp`, weighted towards the ones that replace, reuse or convert a box; small slices
/// so equal lengths (in-place `clone_from`, arrays of 1 and 3) come up often.
fn box_op() -> impl Strategy<Value = BoxOp> {
    let seeds = || prop::collection::vec(any::<u8>(), 0..5);
    let seed = any::<u8>;
    prop_oneof![
        3 => seed().prop_map(BoxOp::New),
        1 => seed().prop_map(BoxOp::TryNew),
        1 => seed().prop_map(BoxOp::TryNewRefused),
        1 => seed().prop_map(BoxOp::NewUninitWrite),
        2 => seed().prop_map(BoxOp::Set),
        1 => Just(BoxOp::Clone),
        2 => seed().prop_map(BoxOp::CloneFrom),
        1 => Just(BoxOp::IntoInner),
        2 => seed().prop_map(BoxOp::TakeWrite),
        2 => seed().prop_map(BoxOp::MapSameLayout),
        2 => Just(BoxOp::MapThroughWider),
        1 => Just(BoxOp::RawRoundTrip),
        1 => Just(BoxOp::NonNullRoundTrip),
        1 => Just(BoxOp::DropSingle),
        2 => Just(BoxOp::SingleIntoSlice),
        3 => seeds().prop_map(BoxOp::SliceFrom),
        1 => (0u8..5, seed()).prop_map(|(len, first)| BoxOp::SliceUninit(len, first)),
        2 => (any::<u16>(), seed()).prop_map(|(i, value)| BoxOp::SliceSet(Index(i), value)),
        1 => Just(BoxOp::SliceClone),
        2 => seeds().prop_map(BoxOp::SliceCloneFrom),
        2 => Just(BoxOp::SliceIntoArray),
        1 => seed().prop_map(BoxOp::SliceIntoVecPush),
        1 => (prop_oneof![Just(Trigger::Clone), Just(Trigger::Drop)], 0u8..3)
            .prop_map(|(trigger, nth)| BoxOp::ArmPanic(trigger, nth)),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    /// One element kind per case (each kind gets about a fifth of the cases natively; under
    /// Miri, three cases, the kinds at random, and shorter sequences, each step being costly
    /// to interpret).
    #[test]
    fn box_op_sequences_match_std(
        kind in prop::sample::select(ElementKind::ALL.to_vec()),
        ops in prop::collection::vec(box_op(), 1..if cfg!(miri) { 12 } else { 40 }),
    ) {
        let summary = kind.run_box_ops(&ops, Global)?;
        prop_assert_eq!(summary.steps, ops.len(), "{:?}: {:?}", kind, summary);
    }

    /// Not in the harness: its elements need not be `Ord` or `Hash`. Sized boxes (a `Vec`)
    /// and slice boxes compare, order and hash as std's do.
    #[test]
    fn comparisons_and_hashes_match_std(a in small_vec(), b in small_vec()) {
        let heap = Checked::new(Global);
        let hasher = RandomState::new();
        {
            let mine = (MyBox::new_in(a.clone(), heap.clone()), MyBox::new_in(b.clone(), heap.clone()));
            let std = (Box::new(a.clone()), Box::new(b.clone()));
            same_relation((&mine.0, &mine.1), (&std.0, &std.1), &hasher)?;
            let mine = (slice_in(&a, heap.clone()), slice_in(&b, heap.clone()));
            let std = (a.into_boxed_slice(), b.into_boxed_slice());
            same_relation((&mine.0, &mine.1), (&std.0, &std.1), &hasher)?;
            prop_assert_eq!(hasher.hash_one(&mine.0), hasher.hash_one(&std.0), "a boxed slice hashes like std's");
            prop_assert_eq!(format!("{:?}", mine.0), format!("{:?}", std.0));
            let non_empty = usize::from(!mine.0.is_empty()) + usize::from(!mine.1.is_empty());
            prop_assert_eq!(heap.live_blocks(), 2 + non_empty, "two sized boxes, the non-empty slices");
        }
        heap.assert_no_leaks();
    }

    /// Not in the harness: it boxes `T` and `[T]`, never `str`. A boxed `str` (built in place
    /// from bytes) clones, compares, hashes, prints and turns back into bytes as std's does.
    #[test]
    fn boxed_str_matches_std(a in "[a-zé]{0,5}", b in "[a-zé]{0,5}") {
        let heap = Checked::new(Global);
        let hasher = RandomState::new();
        {
            let mine = (str_in(&a, heap.clone()), str_in(&b, heap.clone()).clone());
            let std = (a.clone().into_boxed_str(), b.clone().into_boxed_str().clone());
            same_relation((&mine.0, &mine.1), (&std.0, &std.1), &hasher)?;
            prop_assert_eq!(format!("{0} {0:?}", mine.0), format!("{0} {0:?}", std.0));
            let non_empty = usize::from(!a.is_empty()) + usize::from(!b.is_empty());
            prop_assert_eq!(heap.live_blocks(), non_empty, "an empty str needs no block");
            let (mine_bytes, std_bytes): (MyBox<[u8], Heap>, Box<[u8]>) = (mine.0.into(), std.0.into());
            prop_assert_eq!(&*mine_bytes, &*std_bytes);
        }
        heap.assert_no_leaks();
    }

    /// Not in the harness: it runs on its own allocator, and these conversions build in
    /// `Global` only.
    #[test]
    fn global_from_conversions_match_std(v in small_vec(), s in "[a-zé]{0,5}") {
        let slice = MyBox::<[i16]>::from(&v[..]);
        prop_assert_eq!(&*slice, &*Box::<[i16]>::from(&v[..]));
        prop_assert_eq!(slice.clone(), slice);
        let text = MyBox::<str>::from(s.as_str());
        prop_assert_eq!(&*text, &*Box::<str>::from(s.as_str()));
        prop_assert_eq!(text.clone(), text);
    }
}

fn small_vec() -> impl Strategy<Value = Vec<i16>> {
    prop::collection::vec(any::<i16>(), 0..6)
}

/// Requires `MyBox` to forward equality, ordering and hashing to the value as `Box` does.
fn same_relation<T, U>(
    mine: (&T, &T),
    std: (&U, &U),
    hasher: &RandomState,
) -> Result<(), TestCaseError>
where
    T: Ord + Hash + ?Sized,
    U: Ord + Hash + ?Sized,
{
    let (ma, mb) = mine;
    let (sa, sb) = std;
    prop_assert_eq!(ma == mb, sa == sb);
    prop_assert_eq!(ma.cmp(mb), sa.cmp(sb));
    prop_assert_eq!(ma.partial_cmp(mb), sa.partial_cmp(sb));
    prop_assert_eq!(
        (ma < mb, ma <= mb, ma > mb, ma >= mb),
        (sa < sb, sa <= sb, sa > sb, sa >= sb)
    );
    if ma.cmp(mb) == Ordering::Equal {
        prop_assert_eq!(hasher.hash_one(ma), hasher.hash_one(mb));
    }
    Ok(())
}

/// A boxed slice in `heap` holding `values`, written into an uninitialized slice.
fn slice_in(values: &[i16], heap: Heap) -> MyBox<[i16], Heap> {
    let mut slots = MyBox::<[i16], Heap>::new_uninit_slice_in(values.len(), heap);
    for (slot, &x) in slots.iter_mut().zip(values) {
        slot.write(x);
    }
    // SAFETY: every element was written just above.
    unsafe { slots.assume_init() }
}

/// A boxed `str` in `heap`: the bytes boxed as a slice, then reinterpreted in place.
fn str_in(s: &str, heap: Heap) -> MyBox<str, Heap> {
    let mut slots = MyBox::<[u8], Heap>::new_uninit_slice_in(s.len(), heap);
    for (slot, &byte) in slots.iter_mut().zip(s.as_bytes()) {
        slot.write(byte);
    }
    // SAFETY: every byte was written just above.
    let bytes = unsafe { slots.assume_init() };
    let (raw, alloc) = MyBox::into_raw_with_allocator(bytes);
    // SAFETY: the bytes are a copy of a `str`, so valid UTF-8, and `str` has `[u8]`'s layout.
    unsafe { MyBox::from_raw_in(raw as *mut str, alloc) }
}
