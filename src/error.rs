//! The error a fallible reservation returns.
//!
//! Mirrors `library/alloc/src/collections/mod.rs` (`TryReserveError`, `TryReserveErrorKind`).
//!
//! A reservation can fail for exactly two reasons, and a learner should keep them apart:
//!
//! 1. **Capacity overflow**: the request cannot even be *described*. Either `len + additional`
//!    overflows `usize`, or the buffer would need more than `isize::MAX` bytes, which no Rust
//!    allocation may span (pointer offsets are signed). The allocator is never asked.
//! 2. **Allocator refusal**: the request was a valid [`Layout`], the allocator was asked, and it
//!    said no. The layout it refused is kept so the caller can report it.
//!
//! Differences from std: std's `TryReserveErrorKind` is still unstable, so on stable Rust a user
//! of std can only see an error's `Display` text; here the kind is public. `core::error::Error`
//! is stable since Rust 1.81, so the `Error` impl does not need the `std` feature.

use core::fmt;

use crate::alloc::{Layout, LayoutError};

/// The error type for `try_reserve` methods.
///
/// # Examples
/// ```
/// use boxvec::{RawVec, TryReserveErrorKind};
///
/// let mut buf: RawVec<u8> = RawVec::new();
/// let err = buf.try_reserve(0, usize::MAX).unwrap_err();
/// assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
/// assert_eq!(
///     err.to_string(),
///     "memory allocation failed because the computed capacity exceeded the collection's maximum"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TryReserveError {
    kind: TryReserveErrorKind,
}

/// Details of why a reservation failed.
///
/// # Examples
/// ```
/// use boxvec::TryReserveErrorKind;
/// use boxvec::alloc::Layout;
///
/// let kind = TryReserveErrorKind::CapacityOverflow;
/// match kind {
///     TryReserveErrorKind::CapacityOverflow => {}
///     TryReserveErrorKind::AllocError { layout } => {
///         let _: Layout = layout;
///     }
/// }
///
/// // Unlike std's (still unstable) kind, this one can be built, so a test can state the
/// // exact error it expects.
/// let refused = TryReserveErrorKind::AllocError { layout: Layout::new::<u64>() };
/// assert_ne!(kind, refused);
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum TryReserveErrorKind {
    /// The computed capacity exceeded the collection's maximum: `len + additional` overflowed
    /// `usize`, or the buffer would span more than `isize::MAX` bytes.
    CapacityOverflow,

    /// The allocator refused a valid request.
    AllocError {
        /// The layout of the request the allocator refused.
        layout: Layout,
    },
}

impl TryReserveError {
    /// Returns why the reservation failed.
    ///
    /// # Examples
    /// ```
    /// use boxvec::{RawVec, TryReserveErrorKind};
    ///
    /// let mut buf: RawVec<u64> = RawVec::new();
    /// // 2^61 elements of 8 bytes is 2^64 bytes: more than `isize::MAX`.
    /// let err = buf.try_reserve_exact(0, 1 << 61).unwrap_err();
    /// assert_eq!(err.kind(), TryReserveErrorKind::CapacityOverflow);
    /// ```
    #[inline]
    #[must_use]
    pub fn kind(&self) -> TryReserveErrorKind {
        self.kind.clone()
    }

    /// Builds the error for an allocator refusal of `layout`.
    #[inline]
    pub(crate) const fn alloc_error(layout: Layout) -> Self {
        TryReserveError {
            kind: TryReserveErrorKind::AllocError { layout },
        }
    }

    /// Builds the error for a capacity that cannot be described.
    #[inline]
    pub(crate) const fn capacity_overflow() -> Self {
        TryReserveError {
            kind: TryReserveErrorKind::CapacityOverflow,
        }
    }
}

impl From<TryReserveErrorKind> for TryReserveError {
    /// Wraps a kind into an error.
    #[inline]
    fn from(kind: TryReserveErrorKind) -> Self {
        TryReserveError { kind }
    }
}

impl From<LayoutError> for TryReserveErrorKind {
    /// A layout that cannot be built (size over `isize::MAX` once rounded up to the alignment)
    /// is a capacity overflow, as in std.
    #[inline]
    fn from(_: LayoutError) -> Self {
        TryReserveErrorKind::CapacityOverflow
    }
}

impl From<LayoutError> for TryReserveError {
    /// A layout that cannot be built is a capacity overflow, as in std.
    #[inline]
    fn from(err: LayoutError) -> Self {
        TryReserveErrorKind::from(err).into()
    }
}

impl From<allocator_api2::collections::TryReserveError> for TryReserveError {
    /// Converts the error of `allocator_api2`'s collections, keeping the kind and the layout.
    fn from(err: allocator_api2::collections::TryReserveError) -> Self {
        use allocator_api2::collections::TryReserveErrorKind as Theirs;
        match err.kind() {
            Theirs::CapacityOverflow => TryReserveError::capacity_overflow(),
            Theirs::AllocError { layout, .. } => TryReserveError::alloc_error(layout),
        }
    }
}

impl From<TryReserveError> for allocator_api2::collections::TryReserveError {
    /// Converts into the error of `allocator_api2`'s collections, keeping the kind and layout.
    fn from(err: TryReserveError) -> Self {
        use allocator_api2::collections::TryReserveErrorKind as Theirs;
        match err.kind {
            TryReserveErrorKind::CapacityOverflow => Theirs::CapacityOverflow.into(),
            TryReserveErrorKind::AllocError { layout } => Theirs::AllocError {
                layout,
                non_exhaustive: (),
            }
            .into(),
        }
    }
}

impl fmt::Display for TryReserveError {
    /// Writes the same text as std's `TryReserveError`, so differential tests can compare them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.kind {
            TryReserveErrorKind::CapacityOverflow => {
                "because the computed capacity exceeded the collection's maximum"
            }
            TryReserveErrorKind::AllocError { .. } => {
                "because the memory allocator returned an error"
            }
        };
        write!(f, "memory allocation failed {reason}")
    }
}

impl core::error::Error for TryReserveError {}
