//! Helpers shared by the adapters (ranges, drains, size hints): several crates have an operation that equals a std
//! method only for some ranges (smallvec's `insert_many` is `splice` on an empty range; its
//! `drain_filter` is `extract_if` over the whole vector), and an adapter must decide that
//! before it touches the vector.

use core::ops::Bound;
use std::any::{Any, TypeId};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use boxvec::check::{Bounds, IterPlan, Supported, Tracked, Unsupported, VecOp};

/// The half-open range `start..end` that `bounds` means for a vector of length `len`, or `None`
/// when std would panic on it (start after end, end past the length, or an overflowing bound).
pub fn resolve(bounds: Bounds, len: usize) -> Option<(usize, usize)> {
    let start = match bounds.0 {
        Bound::Included(s) => s,
        Bound::Excluded(s) => s.checked_add(1)?,
        Bound::Unbounded => 0,
    };
    let end = match bounds.1 {
        Bound::Included(e) => e.checked_add(1)?,
        Bound::Excluded(e) => e,
        Bound::Unbounded => len,
    };
    (start <= end && end <= len).then_some((start, end))
}

/// The index at which a `splice` over `bounds` inserts without removing anything, if the
/// range is valid and empty: there `splice` is "insert these items at this index".
pub fn empty_range_start(bounds: Bounds, len: usize) -> Option<usize> {
    resolve(bounds, len).and_then(|(start, end)| (start == end).then_some(start))
}

/// Whether `bounds` covers the whole vector (`..`, `0..len`, `0..=len-1`).
pub fn is_whole(bounds: Bounds, len: usize) -> bool {
    resolve(bounds, len) == Some((0, len))
}

/// How many items of a drain over `bounds` are left after `plan` took its items from both
/// ends, or `None` when the range is invalid (the drain panics, with nothing left to show).
///
/// A `Drain` without `as_slice` cannot show what it still holds; an adapter answers
/// `Unsupported` before it touches the vector when this is not zero, and otherwise reports
/// `"[]"`, which is exactly what `as_slice` would have shown.
pub fn left_in_drain(bounds: Bounds, len: usize, plan: &IterPlan) -> Option<usize> {
    let (start, end) = resolve(bounds, len)?;
    Some((end - start).saturating_sub(usize::from(plan.front) + usize::from(plan.back)))
}

/// Whether an iterator's `size_hint` looks exact (`lower == upper`). The harness compares a
/// collected vector's capacity with std's unless the hint looks exact; a type whose capacity
/// differs from std's by design can only be compared on those iterators (decided before
/// collecting, from the hint alone).
pub fn hint_looks_exact<I: Iterator>(items: &I) -> bool {
    let (lower, upper) = items.size_hint();
    upper == Some(lower)
}

/// The `Debug` text of what an iterator still holds.
pub fn rest_text<T: core::fmt::Debug>(rest: &[T]) -> String {
    format!("{rest:?}")
}

/// A panic caught where it started (in a predicate the harness passed) and raised again once
/// the vector's method has returned.
///
/// For a method whose state after a panicking callback differs from std's by design (not a
/// bug: every element is still owned exactly once), the adapter hands the method a callback
/// that cannot panic — the first panic is caught, and from then on the callback answers
/// `after_panic` without calling the harness's closure again, as if the panic had stopped the
/// loop there — then re-raises the panic. The method's own unwinding path is then not tested;
/// docs/real_crates.md says which methods need this and why.
#[derive(Default)]
pub struct DeferredPanic {
    payload: Option<Box<dyn Any + Send>>,
}

impl DeferredPanic {
    /// Calls `f`, unless an earlier call panicked; a panic is kept for [`DeferredPanic::resume`].
    pub fn call<R>(&mut self, after_panic: R, f: impl FnOnce() -> R) -> R {
        if self.payload.is_some() {
            return after_panic;
        }
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(value) => value,
            Err(payload) => {
                self.payload = Some(payload);
                after_panic
            }
        }
    }

    /// Raises the kept panic, if there is one.
    pub fn resume(self) {
        if let Some(payload) = self.payload {
            resume_unwind(payload);
        }
    }
}

/// Whether the element type is the harness's [`Tracked`], the only one whose `clone` and
/// `drop` can panic. An adapter whose crate leaks when they do (a finding, documented where it
/// is used) answers `Unsupported` for the operations concerned with this element type only,
/// decided from the type before touching the vector.
pub fn is_tracked<T: 'static>() -> bool {
    TypeId::of::<T>() == TypeId::of::<Tracked>()
}

/// `Unsupported` for [`Tracked`] elements (see [`is_tracked`]).
pub fn no_tracked<T: 'static>() -> Result<(), Unsupported> {
    if is_tracked::<T>() {
        Err(Unsupported)
    } else {
        Ok(())
    }
}

/// A vector that can be cut back to a length: what [`finish_truncate`] needs.
pub trait Truncate {
    /// The length.
    fn len_now(&self) -> usize;
    /// The crate's own `truncate`.
    fn truncate_to(&mut self, len: usize);
}

/// Runs `op`, which ends by truncating the vector to the length `target` computes, and if it
/// panics, truncates again before the panic goes on.
///
/// A documented difference (docs/real_crates.md): smallvec's and thin-vec's `truncate` drop
/// the elements one by one from the back and stop at the first `Drop` that panics, leaving the
/// elements before it in the vector (still owned, dropped later: no leak); std's drops the
/// whole tail, going on past a panicking `Drop`. The second `truncate` drops what was left,
/// as std would have, so the states compare; the panic itself is still compared.
pub fn finish_truncate<V: Truncate, R>(
    vector: &mut V,
    op: impl FnOnce(&mut V) -> R,
    target: impl FnOnce() -> usize,
) -> R {
    match catch_unwind(AssertUnwindSafe(|| op(vector))) {
        Ok(value) => value,
        Err(payload) => {
            let target = target();
            if vector.len_now() > target {
                vector.truncate_to(target);
            }
            resume_unwind(payload)
        }
    }
}

/// Answers `Unsupported` for an operation whose owned arguments (elements, an iterator of
/// elements) the adapter was already handed: they are dropped here, and a panic from their
/// `Drop` (a [`Tracked`] drop the harness armed for this step) is swallowed.
///
/// Why: the harness builds the arguments before it learns that the operation is not
/// supported, so an armed `Drop` would fire while the adapter drops them, and the step
/// would be reported as a panic on the subject's side only, not as skipped (see "What the
/// trait is missing" in docs/real_crates.md). The values are counted as dropped either way,
/// and std's side never built its own, so the live counts still agree.
pub fn refuse<X, R>(unused: X) -> Supported<R> {
    let _ = catch_unwind(AssertUnwindSafe(move || drop(unused)));
    Err(Unsupported)
}

/// The input for a smallvec family: `splice`s (which the adapters map to `insert_many`) get
/// replacement iterators that never panic.
///
/// Why: after a panicking iterator, smallvec 1.x's `insert_many` has dropped every element
/// (0.6 leaks the tail), while std's `splice` keeps some of the items already yielded (how
/// many depends on its internal strategy). Each is sound; the states are not comparable, and
/// `Compare` has no way to say "do not compare the state after this panic" (see "What the
/// trait is missing" in docs/real_crates.md). Lying size hints stay: they are what
/// RUSTSEC-2021-0003 needs.
pub fn without_splice_panics(ops: &mut [VecOp]) {
    for op in ops {
        if let VecOp::Splice { lie, .. } = op {
            lie.panic_after = u8::MAX;
        }
    }
}

/// Writes [`VecUnderTest`](boxvec::check::VecUnderTest) methods that are one call of the
/// wrapped vector's (`self.0`) method of the same name, for the adapters' newtypes: each name
/// listed becomes that forwarding method.
macro_rules! forward {
    ($($method:ident),* $(,)?) => { $( forward!(@one $method); )* };
    (@one as_slice) => {
        fn as_slice(&self) -> &[T] { self.0.as_slice() }
    };
    (@one capacity) => {
        fn capacity(&self) -> usize { self.0.capacity() }
    };
    (@one push) => {
        fn push(&mut self, value: T) -> Supported<()> { self.0.push(value); Ok(()) }
    };
    (@one pop) => {
        fn pop(&mut self) -> Supported<Option<T>> { Ok(self.0.pop()) }
    };
    (@one insert) => {
        fn insert(&mut self, index: usize, value: T) -> Supported<()> {
            self.0.insert(index, value);
            Ok(())
        }
    };
    (@one remove) => {
        fn remove(&mut self, index: usize) -> Supported<T> { Ok(self.0.remove(index)) }
    };
    (@one swap_remove) => {
        fn swap_remove(&mut self, index: usize) -> Supported<T> { Ok(self.0.swap_remove(index)) }
    };
    (@one reserve) => {
        fn reserve(&mut self, additional: usize) -> Supported<()> {
            self.0.reserve(additional);
            Ok(())
        }
    };
    (@one reserve_exact) => {
        fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
            self.0.reserve_exact(additional);
            Ok(())
        }
    };
    (@one shrink_to_fit) => {
        fn shrink_to_fit(&mut self) -> Supported<()> { self.0.shrink_to_fit(); Ok(()) }
    };
    (@one extend) => {
        fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
            self.0.extend(items);
            Ok(())
        }
    };
}
