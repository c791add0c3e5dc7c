//! Differential property test: random operations applied to `MyBox` and to std's `Box` side
//! by side must give the same values, comparisons, hashes and `Debug` output at every step.
//!
//! Three pools are driven at once: boxed `Vec<i16>` (a sized value), boxed `[i16]` slices and
//! boxed `str`s. Every `MyBox` lives in one `Checked<Counting<Global>>`, and after every step
//! the number of live blocks must be exactly the number of boxes that need memory (a boxed
//! `Vec` always does; an empty slice or string never does): no leak, no extra allocation, and
//! proof that empty values never reach the allocator.

mod common;

use std::cmp::Ordering;
use std::hash::{BuildHasher, RandomState};

use boxvec::MyBox;
use boxvec::alloc::{Checked, Counting, Global};
use proptest::prelude::*;
use proptest::sample::Index;

type Heap = Checked<Counting<Global>>;

#[derive(Debug, Clone)]
enum Op {
    NewValue(Vec<i16>),
    PushThrough(Index, i16),
    CloneValue(Index),
    CloneValueFrom(Index, Index),
    IntoInner(Index),
    TakeAndWrite(Index),
    MapToLength(Index),
    MapReversed(Index),
    CompareValues(Index, Index),
    NewSlice(Vec<i16>),
    SetInSlice(Index, Index, i16),
    CloneSlice(Index),
    CloneSliceFrom(Index, Index),
    SliceThroughArray(Index),
    CompareSlices(Index, Index),
    DropSlice(Index),
    NewStr(String),
    CloneStr(Index),
    StrIntoBytes(Index),
    CompareStrs(Index, Index),
}

fn op() -> impl Strategy<Value = Op> {
    let small_vec = || prop::collection::vec(any::<i16>(), 0..6);
    prop_oneof![
        3 => small_vec().prop_map(Op::NewValue),
        2 => (any::<Index>(), any::<i16>()).prop_map(|(i, v)| Op::PushThrough(i, v)),
        1 => any::<Index>().prop_map(Op::CloneValue),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::CloneValueFrom(a, b)),
        1 => any::<Index>().prop_map(Op::IntoInner),
        1 => any::<Index>().prop_map(Op::TakeAndWrite),
        1 => any::<Index>().prop_map(Op::MapToLength),
        1 => any::<Index>().prop_map(Op::MapReversed),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::CompareValues(a, b)),
        3 => small_vec().prop_map(Op::NewSlice),
        2 => (any::<Index>(), any::<Index>(), any::<i16>())
            .prop_map(|(a, b, v)| Op::SetInSlice(a, b, v)),
        1 => any::<Index>().prop_map(Op::CloneSlice),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::CloneSliceFrom(a, b)),
        1 => any::<Index>().prop_map(Op::SliceThroughArray),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::CompareSlices(a, b)),
        1 => any::<Index>().prop_map(Op::DropSlice),
        3 => "[a-zé]{0,5}".prop_map(Op::NewStr),
        1 => any::<Index>().prop_map(Op::CloneStr),
        1 => any::<Index>().prop_map(Op::StrIntoBytes),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::CompareStrs(a, b)),
    ]
}

/// A box under test and its std twin.
type Twins<T> = (MyBox<T, Heap>, Box<T>);

/// The boxes under test and their std twins, in the same order.
struct Pools {
    heap: Heap,
    hasher: RandomState,
    values: Vec<Twins<Vec<i16>>>,
    slices: Vec<Twins<[i16]>>,
    strs: Vec<Twins<str>>,
}

/// Compares everything `MyBox` forwards to the value: equality, ordering, hash.
fn assert_same_relation<T, U>(mine: (&T, &T), std: (&U, &U), hasher: &RandomState)
where
    T: Ord + std::hash::Hash + ?Sized,
    U: Ord + std::hash::Hash + ?Sized,
{
    let (ma, mb) = mine;
    let (sa, sb) = std;
    assert_eq!(ma == mb, sa == sb);
    assert_eq!(ma.cmp(mb), sa.cmp(sb));
    assert_eq!(ma.partial_cmp(mb), sa.partial_cmp(sb));
    assert_eq!(
        (ma < mb, ma <= mb, ma > mb, ma >= mb),
        (sa < sb, sa <= sb, sa > sb, sa >= sb)
    );
    if ma.cmp(mb) == Ordering::Equal {
        assert_eq!(hasher.hash_one(ma), hasher.hash_one(mb));
    }
}

impl Pools {
    fn new() -> Self {
        Pools {
            heap: Checked::new(Counting::new(Global)),
            hasher: RandomState::new(),
            values: Vec::new(),
            slices: Vec::new(),
            strs: Vec::new(),
        }
    }

    fn apply(&mut self, op: Op) {
        let heap = self.heap.clone();
        match op {
            Op::NewValue(v) => self
                .values
                .push((MyBox::new_in(v.clone(), heap), Box::new(v))),
            Op::PushThrough(i, x) if !self.values.is_empty() => {
                let n = self.values.len();
                let (mine, std) = &mut self.values[i.index(n)];
                mine.push(x);
                std.push(x);
            }
            Op::CloneValue(i) if !self.values.is_empty() => {
                let (mine, std) = &self.values[i.index(self.values.len())];
                let pair = (mine.clone(), std.clone());
                self.values.push(pair);
            }
            Op::CloneValueFrom(dst, src) if !self.values.is_empty() => {
                let n = self.values.len();
                let (mine, std) = self.values[src.index(n)].clone();
                let (dst_mine, dst_std) = &mut self.values[dst.index(n)];
                dst_mine.clone_from(&mine);
                dst_std.clone_from(&std);
            }
            Op::IntoInner(i) if !self.values.is_empty() => {
                let (mine, std) = self.values.swap_remove(i.index(self.values.len()));
                assert_eq!(MyBox::into_inner(mine), *std);
            }
            Op::TakeAndWrite(i) if !self.values.is_empty() => {
                let (mine, std) = self.values.swap_remove(i.index(self.values.len()));
                let (mut value, memory) = MyBox::take(mine);
                value.reverse();
                let mut std = std;
                std.reverse();
                self.values.push((MyBox::write(memory, value), std));
            }
            Op::MapToLength(i) if !self.values.is_empty() => {
                // A different layout: `Vec<i16>` to `[usize; 2]`, then back.
                let (mine, std) = self.values.swap_remove(i.index(self.values.len()));
                let pair = MyBox::map(mine, |v| {
                    [
                        v.len(),
                        v.iter().map(|&x| x as usize).fold(0, usize::wrapping_add),
                    ]
                });
                let back = MyBox::map(pair, |[len, _]| vec![0i16; len]);
                let std_back = Box::new(vec![0i16; std.len()]);
                self.values.push((back, std_back));
            }
            Op::MapReversed(i) if !self.values.is_empty() => {
                // The same layout: the block is reused.
                let (mine, std) = self.values.swap_remove(i.index(self.values.len()));
                let addr = MyBox::as_ptr(&mine).addr();
                let reversed = MyBox::map(mine, |mut v| {
                    v.reverse();
                    v
                });
                assert_eq!(MyBox::as_ptr(&reversed).addr(), addr);
                let mut std = std;
                std.reverse();
                self.values.push((reversed, std));
            }
            Op::CompareValues(a, b) if !self.values.is_empty() => {
                let n = self.values.len();
                let (ma, sa) = &self.values[a.index(n)];
                let (mb, sb) = &self.values[b.index(n)];
                assert_same_relation((ma, mb), (sa, sb), &self.hasher);
            }
            Op::NewSlice(v) => {
                // The `Global` conversions, compared on the spot.
                let global = MyBox::<[i16]>::from(&v[..]);
                assert_eq!(*global, *Box::<[i16]>::from(&v[..]));
                assert_eq!(global.clone(), global);
                self.slices.push((slice_in(&v, heap), v.into_boxed_slice()));
            }
            Op::SetInSlice(i, j, x) if !self.slices.is_empty() => {
                let n = self.slices.len();
                let (mine, std) = &mut self.slices[i.index(n)];
                if !mine.is_empty() {
                    let j = j.index(mine.len());
                    mine[j] = x;
                    std[j] = x;
                }
            }
            Op::CloneSlice(i) if !self.slices.is_empty() => {
                let (mine, std) = &self.slices[i.index(self.slices.len())];
                let pair = (mine.clone(), std.clone());
                self.slices.push(pair);
            }
            Op::CloneSliceFrom(dst, src) if !self.slices.is_empty() => {
                let n = self.slices.len();
                let (mine, std) = self.slices[src.index(n)].clone();
                let (dst_mine, dst_std) = &mut self.slices[dst.index(n)];
                dst_mine.clone_from(&mine);
                dst_std.clone_from(&std);
            }
            Op::SliceThroughArray(i) if !self.slices.is_empty() => {
                let (mine, std) = self.slices.swap_remove(i.index(self.slices.len()));
                let mine_len = mine.len();
                let mine = match MyBox::<[i16; 3], _>::try_from(mine) {
                    Ok(array) => {
                        let std_array = Box::<[i16; 3]>::try_from(std.clone()).unwrap();
                        assert_eq!(*array, *std_array);
                        MyBox::array_into_slice(array)
                    }
                    Err(slice) => {
                        assert_ne!(mine_len, 3);
                        assert!(Box::<[i16; 3]>::try_from(std.clone()).is_err());
                        slice
                    }
                };
                self.slices.push((mine, std));
            }
            Op::CompareSlices(a, b) if !self.slices.is_empty() => {
                let n = self.slices.len();
                let (ma, sa) = &self.slices[a.index(n)];
                let (mb, sb) = &self.slices[b.index(n)];
                assert_same_relation((ma, mb), (sa, sb), &self.hasher);
                assert_eq!(
                    self.hasher.hash_one(ma),
                    self.hasher.hash_one(sa),
                    "a boxed slice hashes like std's"
                );
            }
            Op::DropSlice(i) if !self.slices.is_empty() => {
                self.slices.swap_remove(i.index(self.slices.len()));
            }
            Op::NewStr(s) => {
                // The `Global` conversions, compared on the spot.
                let global = MyBox::<str>::from(s.as_str());
                assert_eq!(*global, *Box::<str>::from(s.as_str()));
                assert_eq!(global.clone(), global);
                self.strs.push((str_in(&s, heap), s.into_boxed_str()));
            }
            Op::CloneStr(i) if !self.strs.is_empty() => {
                let (mine, std) = &self.strs[i.index(self.strs.len())];
                let pair = (mine.clone(), std.clone());
                self.strs.push(pair);
            }
            Op::StrIntoBytes(i) if !self.strs.is_empty() => {
                let (mine, std) = self.strs.swap_remove(i.index(self.strs.len()));
                let mine_bytes: MyBox<[u8], Heap> = MyBox::from(mine);
                let std_bytes: Box<[u8]> = Box::from(std);
                assert_eq!(*mine_bytes, *std_bytes);
            }
            Op::CompareStrs(a, b) if !self.strs.is_empty() => {
                let n = self.strs.len();
                let (ma, sa) = &self.strs[a.index(n)];
                let (mb, sb) = &self.strs[b.index(n)];
                assert_same_relation((ma, mb), (sa, sb), &self.hasher);
                assert_eq!(format!("{ma} {ma:?}"), format!("{sa} {sa:?}"));
            }
            // An operation on an empty pool does nothing.
            _ => {}
        }
    }

    fn check(&self) {
        for (mine, std) in &self.values {
            assert_eq!(**mine, **std);
            assert_eq!(format!("{mine:?}"), format!("{std:?}"));
        }
        for (mine, std) in &self.slices {
            assert_eq!(**mine, **std);
            assert_eq!(format!("{mine:?}"), format!("{std:?}"));
        }
        for (mine, std) in &self.strs {
            assert_eq!(**mine, **std);
        }
        let needing_memory = self.values.len()
            + self.slices.iter().filter(|(s, _)| !s.is_empty()).count()
            + self.strs.iter().filter(|(s, _)| !s.is_empty()).count();
        assert_eq!(self.heap.live_blocks(), needing_memory);
    }
}

/// A boxed slice in `heap` holding `values`: written into an uninitialized slice, the way
/// `MyVec::into_boxed_slice` will hand one over.
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

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn mybox_matches_std_box(ops in prop::collection::vec(op(), 1..40)) {
        let mut pools = Pools::new();
        for op in ops {
            pools.apply(op);
            pools.check();
        }
        let heap = pools.heap.clone();
        drop(pools);
        heap.assert_no_leaks();
    }
}
