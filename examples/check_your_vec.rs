//! Differential-test your own vector type against std's `Vec` with `boxvec::check`.
//!
//! `Stack` below is a small hand-written vector — a `boxvec::RawVec` buffer plus a length,
//! generic over its allocator — with a bug planted in `retain`: the classic "remove, then step
//! forward anyway" loop, which skips the element right after every removed one.
//!
//! To test it, `Stack` implements `VecUnderTest` for the operations it has (push, pop, insert,
//! remove, truncate, clear, retain); the harness skips every other `VecOp`. `Stacks` names the
//! type for every element type. Then the harness runs random operation sequences on `Stack`
//! and on std's `Vec` side by side, and stops at the first difference with a report: who broke
//! what, the sequence minimized, and a `#[test]` you can paste to replay it.
//!
//! Run it with `cargo run --example check_your_vec`.

use core::ptr;

use boxvec::RawVec;
use boxvec::alloc::Allocator;
use boxvec::check::{
    CapacityCheck, Compare, Element, Supported, TestAlloc, VecFamily, VecUnderTest, vec_case,
};

/// A vector: a buffer and how many of its slots hold values (`0..len`).
struct Stack<T, A: Allocator> {
    buf: RawVec<T, A>,
    len: usize,
}

impl<T, A: Allocator> Stack<T, A> {
    fn new_in(alloc: A) -> Self {
        Stack {
            buf: RawVec::new_in(alloc),
            len: 0,
        }
    }

    fn as_slice(&self) -> &[T] {
        // SAFETY: slots `0..len` are initialized (the type's invariant).
        unsafe { core::slice::from_raw_parts(self.buf.ptr(), self.len) }
    }

    fn push(&mut self, value: T) {
        if self.len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `len < capacity` now, so the slot is inside the buffer and uninitialized.
        unsafe { self.buf.ptr().add(self.len).write(value) };
        self.len += 1;
    }

    fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: slot `len` was initialized and is no longer counted: read it out once.
        Some(unsafe { self.buf.ptr().add(self.len).read() })
    }

    fn insert(&mut self, index: usize, value: T) {
        assert!(index <= self.len, "insertion index out of bounds");
        if self.len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `index <= len < capacity`: shifting `index..len` up by one stays inside the
        // buffer, and the freed slot `index` is then written.
        unsafe {
            let at = self.buf.ptr().add(index);
            ptr::copy(at, at.add(1), self.len - index);
            at.write(value);
        }
        self.len += 1;
    }

    fn remove(&mut self, index: usize) -> T {
        assert!(index < self.len, "removal index out of bounds");
        self.len -= 1;
        // SAFETY: `index` was below the old length: read the value out, then shift the tail
        // `index + 1..old len` down by one over it.
        unsafe {
            let at = self.buf.ptr().add(index);
            let value = at.read();
            ptr::copy(at.add(1), at, self.len - index);
            value
        }
    }

    fn truncate(&mut self, len: usize) {
        while self.len > len {
            drop(self.pop());
        }
    }

    /// THE PLANTED BUG: after removing element `i`, the next element moves into slot `i`, but
    /// the loop steps to `i + 1` anyway, so that element is never tested.
    fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut i = 0;
        while i < self.len {
            if !keep(&self.as_slice()[i]) {
                drop(self.remove(i));
            }
            i += 1;
        }
    }
}

impl<T, A: Allocator> Drop for Stack<T, A> {
    fn drop(&mut self) {
        self.truncate(0);
    }
}

/// What the harness needs: how to build one and look at it, and the operations `Stack` has.
impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Stack<T, TestAlloc<A>> {
    /// `grow_one` doubles like std's, but this type makes no promise about capacity.
    const COMPARE: Compare = Compare {
        capacity: CapacityCheck::AtLeastLen,
        ..Compare::STRICT
    };
    fn new_in(alloc: TestAlloc<A>) -> Self {
        Stack::new_in(alloc)
    }
    fn as_slice(&self) -> &[T] {
        self.as_slice()
    }
    fn capacity(&self) -> usize {
        self.buf.capacity()
    }
    fn push(&mut self, value: T) -> Supported<()> {
        self.push(value);
        Ok(())
    }
    fn pop(&mut self) -> Supported<Option<T>> {
        Ok(self.pop())
    }
    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        if index > self.len {
            // std's message, so the panics compare equal.
            panic!(
                "insertion index (is {index}) should be <= len (is {})",
                self.len
            );
        }
        self.insert(index, value);
        Ok(())
    }
    fn remove(&mut self, index: usize) -> Supported<T> {
        if index >= self.len {
            panic!(
                "removal index (is {index}) should be < len (is {})",
                self.len
            );
        }
        Ok(self.remove(index))
    }
    fn truncate(&mut self, len: usize) -> Supported<()> {
        self.truncate(len);
        Ok(())
    }
    fn clear(&mut self) -> Supported<()> {
        self.truncate(0);
        Ok(())
    }
    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        self.retain(keep);
        Ok(())
    }
}

/// `Stack` for every element type, on the run's allocator.
struct Stacks;

impl VecFamily for Stacks {
    type Vec<T: Element, A: Allocator + Clone> = Stack<T, TestAlloc<A>>;
}

fn main() {
    println!(
        "Testing `Stack` (a hand-written vector with a bug planted in `retain`) against std's Vec.\n"
    );
    // Deterministic pseudo-random inputs, as a fuzzer or proptest would supply them: the first
    // byte picks the element type, the rest decode to operations.
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next_byte = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 24) as u8
    };
    let (mut steps, mut skipped) = (0, 0);
    for input in 1..=10_000 {
        let bytes: Vec<u8> = (0..256).map(|_| next_byte()).collect();
        match vec_case::<Stacks>(&bytes) {
            Ok(summary) => {
                steps += summary.steps;
                skipped += summary.skipped;
            }
            Err(report) => {
                println!(
                    "Input {input} found a difference, after {steps} operations compared with \
                     std in the inputs before it ({skipped} operations skipped: `Stack` does \
                     not have them).\n"
                );
                println!("{report}");
                println!(
                    "What it says: `Stack` and std disagree on the contents after `retain`; the \
                     sequence above is the smallest the harness could cut the input down to, \
                     and the test replays it. Fix `retain` (step forward only when the element \
                     is kept) and it passes."
                );
                return;
            }
        }
    }
    println!("No difference in 10,000 inputs ({steps} operations compared, {skipped} skipped).");
}
