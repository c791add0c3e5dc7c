//! Capacity parity with std: the same sequence of push / reserve / reserve_exact /
//! shrink_to_fit / shrink_to / truncate requests, applied to a `RawVec<T>` (with a length kept
//! beside it, the way `MyVec` does) and to a `std::vec::Vec<T>`, must give the same capacity
//! after every step. std is the oracle; the element types cover the sizes where std's growth
//! rules change: 1, 2, 4, 8, 16, 1024 and 1025 bytes, and a zero-sized type.
//!
//! Every `RawVec` runs on `Checked<Counting<Global>>`, so each case also proves that every
//! block was freed with the layout it was allocated with, and that ZSTs never allocate.

use boxvec::RawVec;
use boxvec::alloc::{Checked, Counting, Global};
use proptest::prelude::*;

mod common;

/// One request, in the vocabulary of `Vec`.
#[derive(Clone, Debug)]
enum Op {
    /// Push one element (grows by one amortized step when full).
    Push,
    /// Push `n` elements one by one.
    PushMany(usize),
    /// `Vec::reserve(additional)`.
    Reserve(usize),
    /// `Vec::reserve_exact(additional)`.
    ReserveExact(usize),
    /// `Vec::shrink_to_fit()`.
    ShrinkToFit,
    /// `Vec::shrink_to(min)`.
    ShrinkTo(usize),
    /// `Vec::truncate(len)`.
    Truncate(usize),
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Push),
        2 => (0usize..40).prop_map(Op::PushMany),
        2 => (0usize..70).prop_map(Op::Reserve),
        1 => (0usize..600).prop_map(Op::Reserve),
        2 => (0usize..70).prop_map(Op::ReserveExact),
        1 => Just(Op::ShrinkToFit),
        1 => (0usize..80).prop_map(Op::ShrinkTo),
        1 => (0usize..80).prop_map(Op::Truncate),
    ]
}

/// `RawVec` plus a length: exactly the capacity logic `Vec` puts on top of its buffer.
struct Model<'a, T> {
    buf: RawVec<T, &'a Checked<Counting<Global>>>,
    len: usize,
}

impl<T> Model<'_, T> {
    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Push => self.push(),
            Op::PushMany(n) => (0..n).for_each(|_| self.push()),
            Op::Reserve(additional) => self.buf.reserve(self.len, additional),
            Op::ReserveExact(additional) => self.buf.reserve_exact(self.len, additional),
            // `Vec::shrink_to_fit` only asks when there is something to give back.
            Op::ShrinkToFit => {
                if self.buf.capacity() > self.len {
                    self.buf.shrink_to_fit(self.len);
                }
            }
            Op::ShrinkTo(min) => {
                if self.buf.capacity() > min {
                    self.buf.shrink_to_fit(self.len.max(min));
                }
            }
            Op::Truncate(len) => self.len = self.len.min(len),
        }
    }

    fn push(&mut self) {
        if self.len == self.buf.capacity() {
            self.buf.grow_one();
        }
        self.len += 1;
    }
}

fn apply_std<T: Copy>(v: &mut Vec<T>, op: &Op, value: T) {
    match *op {
        Op::Push => v.push(value),
        Op::PushMany(n) => (0..n).for_each(|_| v.push(value)),
        Op::Reserve(additional) => v.reserve(additional),
        Op::ReserveExact(additional) => v.reserve_exact(additional),
        Op::ShrinkToFit => v.shrink_to_fit(),
        Op::ShrinkTo(min) => v.shrink_to(min),
        Op::Truncate(len) => v.truncate(len),
    }
}

/// Runs `ops` on both sides and compares the capacity after every step.
fn check_parity<T: Copy + core::fmt::Debug>(ops: &[Op], value: T) -> Result<(), TestCaseError> {
    let alloc = Checked::new(Counting::new(Global));
    {
        let mut model = Model::<T> {
            buf: RawVec::new_in(&alloc),
            len: 0,
        };
        let mut oracle: Vec<T> = Vec::new();
        prop_assert_eq!(model.buf.capacity(), oracle.capacity());
        for (step, op) in ops.iter().enumerate() {
            model.apply(op);
            apply_std(&mut oracle, op, value);
            prop_assert_eq!(
                model.len,
                oracle.len(),
                "len after step {} ({:?})",
                step,
                op
            );
            prop_assert_eq!(
                model.buf.capacity(),
                oracle.capacity(),
                "capacity after step {} ({:?}) for {}-byte elements",
                step,
                op,
                size_of::<T>()
            );
        }
    }
    alloc.assert_no_leaks();
    if size_of::<T>() == 0 {
        let counts = alloc.inner().snapshot();
        prop_assert_eq!(counts.allocations + counts.zeroed_allocations, 0);
        prop_assert_eq!(counts.grows + counts.shrinks + counts.deallocations, 0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn capacity_matches_std_1_byte(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<u8>(&ops, 7)?;
    }

    #[test]
    fn capacity_matches_std_2_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<u16>(&ops, 7)?;
    }

    #[test]
    fn capacity_matches_std_4_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<u32>(&ops, 7)?;
    }

    #[test]
    fn capacity_matches_std_8_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<u64>(&ops, 7)?;
    }

    #[test]
    fn capacity_matches_std_16_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<u128>(&ops, 7)?;
    }

    #[test]
    fn capacity_matches_std_1024_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<[u8; 1024]>(&ops, [7; 1024])?;
    }

    #[test]
    fn capacity_matches_std_1025_bytes(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<[u8; 1025]>(&ops, [7; 1025])?;
    }

    #[test]
    fn capacity_matches_std_zst(ops in prop::collection::vec(op_strategy(), 0..40)) {
        check_parity::<()>(&ops, ())?;
    }
}

/// The boundaries where the minimum capacity changes, checked directly so a failure names
/// the exact size.
#[test]
// The point is what `push` grows an empty vector to; `vec![value]` would allocate exactly one
// slot instead.
#[allow(clippy::vec_init_then_push)]
fn first_growth_matches_std_at_each_size_boundary() {
    fn first_cap<T: Copy>(value: T) -> (usize, usize) {
        let mut ours: RawVec<T> = RawVec::new();
        ours.grow_one();
        let mut theirs = Vec::new();
        theirs.push(value);
        (ours.capacity(), theirs.capacity())
    }
    let cases = [
        first_cap(0u8),
        first_cap(0u16),
        first_cap([0u8; 3]),
        first_cap([0u8; 1023]),
        first_cap([0u8; 1024]),
        first_cap([0u8; 1025]),
        first_cap([0u8; 4096]),
    ];
    for (ours, theirs) in cases {
        assert_eq!(ours, theirs);
    }
    assert_eq!(cases.map(|(ours, _)| ours), [8, 4, 4, 4, 4, 1, 1]);
}
