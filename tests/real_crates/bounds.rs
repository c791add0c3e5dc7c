//! Range helpers shared by the adapters: several crates have an operation that equals a std
//! method only for some ranges (smallvec's `insert_many` is `splice` on an empty range; its
//! `drain_filter` is `extract_if` over the whole vector), and an adapter must decide that
//! before it touches the vector.

use core::ops::Bound;

use boxvec::check::Bounds;

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
