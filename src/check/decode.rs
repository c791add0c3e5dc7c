//! From bytes to a run: the element type a fuzz input picks ([`ElementKind`]), the operation
//! sequence it decodes to ([`Input`], [`ops_from_bytes`]), and the dispatch from a kind to
//! the run with that element type.

use std::vec::Vec;

use arbitrary::{Arbitrary, Unstructured};

use super::element::{OverAligned, Tracked};
use super::report::Mismatch;
use super::runner::RunSummary;
use crate::alloc::{Allocator, FailMode};
use std::string::String;

/// The element types a fuzz input can pick.
///
/// # Examples
/// ```
/// use boxvec::check::ElementKind;
/// assert_eq!(ElementKind::ALL.len(), 5);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum ElementKind {
    /// `u8`.
    Byte,
    /// `String`.
    Owned,
    /// `()`.
    Zst,
    /// [`OverAligned`].
    OverAligned,
    /// [`Tracked`].
    Tracked,
}

impl ElementKind {
    /// Every kind, in order.
    pub const ALL: [ElementKind; 5] = [
        ElementKind::Byte,
        ElementKind::Owned,
        ElementKind::Zst,
        ElementKind::OverAligned,
        ElementKind::Tracked,
    ];
}

/// Calls `$run::<T, _>($($arg),*)` with `T` the element type of `$kind`.
macro_rules! for_element_kind {
    ($kind:expr, $run:ident ( $($arg:expr),* )) => {
        match $kind {
            ElementKind::Byte => $run::<u8, _>($($arg),*),
            ElementKind::Owned => $run::<String, _>($($arg),*),
            ElementKind::Zst => $run::<(), _>($($arg),*),
            ElementKind::OverAligned => $run::<OverAligned, _>($($arg),*),
            ElementKind::Tracked => $run::<Tracked, _>($($arg),*),
        }
    };
}

impl ElementKind {
    /// [`run_vec`](super::run_vec) with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, MyVecs, VecOp};
    /// use boxvec::alloc::Global;
    /// for kind in ElementKind::ALL {
    ///     let summary = kind.run_vec::<MyVecs, _>(&[VecOp::Push(1), VecOp::Clone], Global).unwrap();
    ///     assert_eq!(summary.steps, 2);
    /// }
    /// ```
    pub fn run_vec<F: super::VecFamily, A: Allocator + Clone>(
        self,
        ops: &[super::VecOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        use super::run_vec;
        match self {
            ElementKind::Byte => run_vec::<F, u8, A>(ops, alloc),
            ElementKind::Owned => run_vec::<F, String, A>(ops, alloc),
            ElementKind::Zst => run_vec::<F, (), A>(ops, alloc),
            ElementKind::OverAligned => run_vec::<F, OverAligned, A>(ops, alloc),
            ElementKind::Tracked => run_vec::<F, Tracked, A>(ops, alloc),
        }
    }

    /// [`run_box_ops`](super::run_box_ops) with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, BoxOp};
    /// use boxvec::alloc::Global;
    /// let summary = ElementKind::Zst.run_box_ops(&[BoxOp::New(1)], Global).unwrap();
    /// assert_eq!(summary.steps, 1);
    /// ```
    pub fn run_box_ops<A: Allocator + Clone>(
        self,
        ops: &[super::BoxOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        use super::run_box_ops;
        for_element_kind!(self, run_box_ops(ops, alloc))
    }

    /// [`run_raw_vec_ops`](super::run_raw_vec_ops) with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, RawVecOp};
    /// use boxvec::alloc::Global;
    /// let summary = ElementKind::Owned.run_raw_vec_ops(&[RawVecOp::Push(1)], Global).unwrap();
    /// assert_eq!(summary.steps, 1);
    /// ```
    pub fn run_raw_vec_ops<A: Allocator + Clone>(
        self,
        ops: &[super::RawVecOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        use super::run_raw_vec_ops;
        for_element_kind!(self, run_raw_vec_ops(ops, alloc))
    }

    /// [`run_alloc_failures`](super::run_alloc_failures) with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, FallibleOp};
    /// use boxvec::alloc::{FailMode, Global};
    /// let summary = ElementKind::Byte
    ///     .run_alloc_failures(&[FallibleOp::BoxTryNew(3)], FailMode::From(0), Global)
    ///     .unwrap();
    /// assert_eq!(summary.injected_failures, 1);
    /// ```
    pub fn run_alloc_failures<A: Allocator + Clone>(
        self,
        ops: &[super::FallibleOp],
        mode: FailMode,
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        use super::run_alloc_failures;
        for_element_kind!(self, run_alloc_failures(ops, mode, alloc))
    }
}

/// A fuzz input: an element type and a sequence of operations.
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, Input};
/// let input = Input::<VecOp>::from_bytes(&[7u8; 64]);
/// assert!(!input.ops.is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct Input<Op> {
    /// The element type.
    pub element: ElementKind,
    /// The operations, in order.
    pub ops: Vec<Op>,
}

impl<Op: for<'a> Arbitrary<'a>> Input<Op> {
    /// Decodes the first byte as the element type and the rest as operations (see
    /// [`ops_from_bytes`]). Every byte string decodes to something.
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, Input, RawVecOp};
    /// let input = Input::<RawVecOp>::from_bytes(&[]);
    /// assert_eq!(input.element, ElementKind::Byte);
    /// assert!(input.ops.is_empty());
    /// ```
    pub fn from_bytes(data: &[u8]) -> Self {
        let (first, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        Input {
            element: ElementKind::ALL[usize::from(first) % ElementKind::ALL.len()],
            ops: ops_from_bytes(rest),
        }
    }
}

/// Decodes operations from `data` until its bytes run out.
///
/// `arbitrary`'s own `Vec` encoding reads a "keep going" flag before each element, so random
/// bytes (from a property test, or the deterministic battery of `check_allocator`) would give
/// sequences of two or three operations on average. Reading until the input is used up gives
/// sequences as long as the input allows; a fuzzer's mutations work on it just as well.
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, ops_from_bytes};
/// let ops: Vec<VecOp> = ops_from_bytes(&[3u8; 200]);
/// assert!(ops.len() > 10);
/// ```
pub fn ops_from_bytes<Op: for<'a> Arbitrary<'a>>(data: &[u8]) -> Vec<Op> {
    let mut u = Unstructured::new(data);
    let mut ops = Vec::new();
    while !u.is_empty() {
        match Op::arbitrary(&mut u) {
            Ok(op) => ops.push(op),
            Err(_) => break,
        }
    }
    ops
}

/// Decodes a list of element seeds: one length byte (0 to 32), then that many seeds (fewer if
/// the input runs out). Used with `#[arbitrary(with = seeds)]` on the operations' seed lists,
/// for lengths that random bytes actually reach.
pub(crate) fn seeds(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    let len = usize::from(u8::arbitrary(u)? % 33);
    let take = len.min(u.len());
    Ok(u.bytes(take)?.to_vec())
}

#[cfg(test)]
mod tests {
    use std::vec;
    use std::vec::Vec;

    use arbitrary::Unstructured;

    use super::seeds;

    /// The length byte is taken modulo 33: every length from 0 to 32 is as likely as the
    /// others, and the seeds that follow are taken as they are.
    #[test]
    fn a_seed_list_is_a_length_from_0_to_32_then_that_many_bytes() {
        let data: Vec<u8> = (0..=40).collect();
        for (length_byte, expected_len) in [(0, 0), (32, 32), (33, 0), (65, 32), (200, 2)] {
            let mut input = vec![length_byte];
            input.extend_from_slice(&data);
            let decoded = seeds(&mut Unstructured::new(&input)).unwrap();
            assert_eq!(decoded, data[..expected_len], "length byte {length_byte}");
        }
        // Fewer bytes than the length asks for: what there is.
        assert_eq!(seeds(&mut Unstructured::new(&[10, 7, 8])).unwrap(), [7, 8]);
    }
}
