//! `SetLenOnDrop`: the length guard used while a loop writes elements into a vector.
//!
//! Mirrors `library/alloc/src/vec/set_len_on_drop.rs`.
//!
//! A loop that writes elements one by one (cloning, or pulling from an iterator) runs user
//! code between writes, and that code may panic. The guard counts the elements written so far
//! in a local and stores the count into the vector's `len` when it is dropped — at the end of
//! the loop, or during unwinding. Either way the vector then owns exactly the elements that
//! were written: none is leaked, none is dropped twice. Keeping the count in a local rather
//! than writing `vec.len` every step also lets the optimizer keep it in a register, because it
//! can see that the element writes do not alias the length.

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
