//! `SetLenOnDrop`, the length guard of the write loops, and [`write_into_spare`], the one
//! write loop that uses it for a known number of items.
//!
//! Mirrors `library/alloc/src/vec/set_len_on_drop.rs` (the guard) and the loops of
//! `vec/spec_extend.rs` and `Vec::extend_with` (the write loop).
//!
//! A loop that writes elements one by one (cloning, or pulling from an iterator) runs user
//! code between writes, and that code may panic. The guard counts the elements written so far
//! in a local and stores the count into the vector's `len` when it is dropped — at the end of
//! the loop, or during unwinding. Either way the vector then owns exactly the elements that
//! were written: none is leaked, none is dropped twice. Keeping the count in a local rather
//! than writing `vec.len` every step also lets the optimizer keep it in a register, because it
//! can see that the element writes do not alias the length.
//!
//! # Why the write loop is a function of its own, out of line
//!
//! std copies a slice of `Copy` elements with one `copy_nonoverlapping`, chosen by
//! specialization. On stable the only road to the same `memcpy` is LLVM's loop-idiom pass,
//! which turns a clone loop whose `clone` is a plain load into a `memcpy` — but only if it can
//! prove that the stores never touch the source. Written as `base.add(i).write(item)`
//! through a raw pointer into the buffer, the stores may alias anything: LLVM kept an element
//! loop behind a runtime overlap check (vectorised, but slower than `memcpy` on large copies
//! and 1.4x std's time on small ones). A `&mut [MaybeUninit<T>]` *parameter* is marked
//! `noalias`: nothing else read or written during the call may overlap it, so the loop over
//! it is a `memcpy` for plain data, whatever the source.
//!
//! That fact lives only at a function boundary. Inlined into its caller (rustc's MIR inliner
//! inlines small functions before LLVM ever sees them, without carrying the `noalias`), the
//! loop fell back to the checked element loop in the benchmark binary, while the same code
//! compiled into a single codegen unit did become a `memcpy`. So [`write_into_spare`] is
//! `#[inline(never)]`: one call per bulk write, in exchange for a `memcpy` in every caller.
//! docs/perf.md has the assembly and the measurements.

use core::mem::MaybeUninit;

/// Writes a locally kept length back into a vector's `len` field when dropped.
pub(super) struct SetLenOnDrop<'a> {
    len: &'a mut usize,
    local_len: usize,
}

impl<'a> SetLenOnDrop<'a> {
    /// Starts counting from the current value of `len`.
    #[inline]
    pub(super) fn new(len: &'a mut usize) -> Self {
        SetLenOnDrop {
            local_len: *len,
            len,
        }
    }

    /// Records that `increment` more elements have been written.
    #[inline]
    pub(super) fn increment_len(&mut self, increment: usize) {
        self.local_len += increment;
    }

    /// The length counted so far.
    #[inline]
    pub(super) fn current_len(&self) -> usize {
        self.local_len
    }
}

impl Drop for SetLenOnDrop<'_> {
    #[inline]
    fn drop(&mut self) {
        *self.len = self.local_len;
    }
}

/// Writes the items of `items` into the slots of `spare`, in order, and raises `*len` by the
/// number written: the one write loop behind `extend_from_slice`, `extend_from_within`,
/// `clone`, `resize`, `resize_with` and `my_vec![x; n]`.
///
/// The loop stops at whichever runs out first, and pulls no item once `spare` is full. If
/// producing an item panics, the guard has counted every item written before it, so the
/// vector owns exactly those.
///
/// Out of line on purpose: see the module docs.
///
/// # Safety
/// - `spare` is the spare capacity of a vector and `len` that vector's length field, as
///   `split_at_spare_mut_with_len` returns them: `spare` starts at slot `*len`, so raising
///   `*len` over the written slots hands exactly those slots to the vector.
#[inline(never)]
pub(super) unsafe fn write_into_spare<T>(
    spare: &mut [MaybeUninit<T>],
    len: &mut usize,
    items: impl Iterator<Item = T>,
) {
    let mut written = SetLenOnDrop::new(len);
    // `zip` asks `spare` first, so a full buffer never pulls (and loses) one more item.
    for (slot, item) in spare.iter_mut().zip(items) {
        slot.write(item);
        written.increment_len(1);
    }
}
