//! [`VecUnderTest`]: the trait a vector type implements to be tested against std's `Vec` —
//! boxvec's own `MyVec` through exactly the same path as a user's type.
//!
//! How to implement it is in the trait's own documentation.

use core::mem::MaybeUninit;
use core::ops::Bound;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::element::Element;
use super::input::IterEnd;
use super::test_alloc::TestAlloc;
use super::vec_ops::VecOp;
use crate::alloc::{Allocator, Global};

/// The answer of an operation the subject does not have: the runner skips it.
///
/// # Examples
/// ```
/// use boxvec::check::{Supported, Unsupported};
/// let answer: Supported<()> = Err(Unsupported);
/// assert!(answer.is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Unsupported;

/// What an operation of [`VecUnderTest`] returns: its result, or [`Unsupported`].
pub type Supported<R> = Result<R, Unsupported>;

/// A range as both `Vec` and most vector types take it: a pair of bounds.
pub type Bounds = (Bound<usize>, Bound<usize>);

/// How to compare capacities with std's.
///
/// # Examples
/// ```
/// use boxvec::check::CapacityCheck;
/// assert_ne!(CapacityCheck::SameAsStd, CapacityCheck::AtLeastLen);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum CapacityCheck {
    /// Exactly std's capacity after every step: the same growth policy.
    SameAsStd,
    /// Only `capacity >= len` (a type with inline storage, or its own growth policy).
    AtLeastLen,
    /// Not compared (and [`VecUnderTest::capacity`] never called).
    Ignore,
}

/// How to compare panics with std's.
///
/// # Examples
/// ```
/// use boxvec::check::PanicCheck;
/// assert_ne!(PanicCheck::SameMessage, PanicCheck::BothPanic);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum PanicCheck {
    /// Both panic, with the same message (std's messages, e.g. `removal index (is 3) should be
    /// < len (is 2)`).
    SameMessage,
    /// Both panic; the messages may differ.
    BothPanic,
}

/// How to check drops, through the harness's [`Tracked`](super::Tracked) elements.
///
/// # Examples
/// ```
/// use boxvec::check::DropCheck;
/// assert_ne!(DropCheck::SameAsStd, DropCheck::NeverTwice);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum DropCheck {
    /// As many live values as std after every step: every value dropped exactly once, or
    /// leaked exactly where std leaks (a panicking `Drop`, a forgotten `Drain`).
    SameAsStd,
    /// Never fewer live values than the vector holds (no double drop); leaks are allowed.
    NeverTwice,
}

/// How strictly a subject is compared with std.
///
/// # Examples
/// ```
/// use boxvec::check::{CapacityCheck, Compare};
/// let lenient = Compare { capacity: CapacityCheck::Ignore, ..Compare::STRICT };
/// assert_eq!(lenient.panics, Compare::STRICT.panics);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Compare {
    /// Capacities.
    pub capacity: CapacityCheck,
    /// Panics.
    pub panics: PanicCheck,
    /// Drops.
    pub drops: DropCheck,
}

impl Compare {
    /// Everything as std: capacity, panic messages, drops. What `MyVec` is held to.
    pub const STRICT: Compare = Compare {
        capacity: CapacityCheck::SameAsStd,
        panics: PanicCheck::SameMessage,
        drops: DropCheck::SameAsStd,
    };
}

/// Why a `try_reserve` failed, in the two kinds every vector type has.
///
/// # Examples
/// ```
/// use boxvec::check::ReserveError;
/// let std_err = Vec::<u8>::new().try_reserve(usize::MAX).unwrap_err();
/// assert_eq!(ReserveError::from(std_err), ReserveError::CapacityOverflow);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum ReserveError {
    /// The capacity would exceed the maximum (`isize::MAX` bytes) or overflow.
    CapacityOverflow,
    /// The allocator refused.
    AllocError,
}

impl From<crate::TryReserveError> for ReserveError {
    fn from(err: crate::TryReserveError) -> Self {
        match err.kind() {
            crate::TryReserveErrorKind::CapacityOverflow => ReserveError::CapacityOverflow,
            crate::TryReserveErrorKind::AllocError { .. } => ReserveError::AllocError,
        }
    }
}

impl From<std::collections::TryReserveError> for ReserveError {
    /// std's error kind is unstable; its `Display` text is the stable way to tell them apart.
    fn from(err: std::collections::TryReserveError) -> Self {
        if err.to_string().contains("capacity") {
            ReserveError::CapacityOverflow
        } else {
            ReserveError::AllocError
        }
    }
}

/// How the harness consumes an iterator (a `Drain`, an `IntoIter`, an `ExtractIf`): items
/// from the front, then from the back, then an ending.
///
/// # Examples
/// ```
/// use boxvec::check::{IterEnd, IterPlan};
/// let plan = IterPlan { front: 1, back: 1, end: IterEnd::Drop };
/// let mut items = vec![1, 2, 3, 4].into_iter();
/// let taken = plan.take(&mut items);
/// assert_eq!((taken.front, taken.back), (vec![1], vec![4]));
/// plan.end(items);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct IterPlan {
    /// Items taken with `next`.
    pub front: u8,
    /// Items taken with `next_back`, after those.
    pub back: u8,
    /// How the iterator ends.
    pub end: IterEnd,
}

/// The items an [`IterPlan`] took.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Taken<T> {
    /// From the front.
    pub front: Vec<T>,
    /// From the back.
    pub back: Vec<T>,
}

impl IterPlan {
    /// Takes the planned items from both ends.
    pub fn take<I: DoubleEndedIterator>(&self, iter: &mut I) -> Taken<I::Item> {
        let front = iter.by_ref().take(usize::from(self.front)).collect();
        let back = iter.by_ref().rev().take(usize::from(self.back)).collect();
        Taken { front, back }
    }

    /// Ends the iterator: `mem::forget` for [`IterEnd::Forget`], a drop otherwise (a subject
    /// with a `keep_rest` handles [`IterEnd::KeepRest`] itself before calling this).
    pub fn end<I>(&self, iter: I) {
        match self.end {
            IterEnd::Forget => core::mem::forget(iter),
            IterEnd::Drop | IterEnd::KeepRest => drop(iter),
        }
    }
}

/// A collected vector, described: what `FromIterator` built.
///
/// # Examples
/// ```
/// use boxvec::check::Collected;
/// let c = Collected::of(&[1u8, 2], 4);
/// assert_eq!(c.capacity, 4);
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Collected {
    /// The contents, as `Debug` prints them.
    pub contents: String,
    /// The capacity.
    pub capacity: usize,
}

impl Collected {
    /// Describes a collected vector.
    pub fn of<T: core::fmt::Debug>(contents: &[T], capacity: usize) -> Collected {
        Collected {
            contents: format!("{contents:?}"),
            capacity,
        }
    }
}

/// A vector type the harness tests against std's `Vec`, operation by operation.
///
/// Every operation method defaults to `Err(Unsupported)`. The required methods build an empty
/// vector and show its contents. Element values are built by the harness (`T: Element`), so it
/// can count them ([`Tracked`](super::Tracked)) and make their `Clone` or `Drop` panic on
/// purpose. `A` is the allocator the run was given (see the last paragraph).
///
/// # Implementing it for your type
///
/// Implement the methods your type has; every other method keeps its default, which answers
/// [`Unsupported`], and the runner skips those operations (they are counted in
/// [`RunSummary::skipped`](super::RunSummary::skipped), never as failures). Each method is
/// one call of the std method of the same name; a method that takes a closure or an iterator
/// passes it straight on. Then say how strictly to compare ([`Compare`]) and name the type for
/// every element type with a [`VecFamily`]:
///
/// ```
/// use boxvec::alloc::{Allocator, Global};
/// use boxvec::check::{Compare, Element, Supported, TestAlloc, VecFamily, VecUnderTest, run_vec};
/// use boxvec::check::{VecOp, CapacityCheck};
///
/// /// A user's vector type: here simply a wrapper around std's.
/// struct Stack<T>(Vec<T>);
///
/// impl<T: Element, A: Allocator + Clone> VecUnderTest<T, A> for Stack<T> {
///     const COMPARE: Compare = Compare { capacity: CapacityCheck::AtLeastLen, ..Compare::STRICT };
///     fn new_in(_alloc: TestAlloc<A>) -> Self { Stack(Vec::new()) } // no allocator parameter
///     fn as_slice(&self) -> &[T] { &self.0 }
///     fn capacity(&self) -> usize { self.0.capacity() }
///     fn push(&mut self, value: T) -> Supported<()> { Ok(self.0.push(value)) }
///     fn pop(&mut self) -> Supported<Option<T>> { Ok(self.0.pop()) }
/// }
///
/// struct Stacks;
/// impl VecFamily for Stacks {
///     type Vec<T: Element, A: Allocator + Clone> = Stack<T>;
/// }
///
/// let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Clear, VecOp::Pop];
/// let summary = run_vec::<Stacks, String, _>(&ops, Global).unwrap();
/// assert_eq!((summary.steps, summary.skipped), (3, 1)); // `clear` is not implemented
/// ```
///
/// A type that takes an allocator builds itself in the one [`new_in`](VecUnderTest::new_in)
/// hands it (a [`TestAlloc`]: the caller's allocator under `Checked<Failing<…>>`), and then
/// every request it makes is checked against the `Allocator` contract and counted for leaks.
///
/// `MyVec` and std's `Vec` implement it too (std's is the oracle); a run of std against itself
/// always agrees:
/// ```
/// use boxvec::check::{StdVecs, VecOp, run_vec};
/// use boxvec::alloc::Global;
/// let summary = run_vec::<StdVecs, u8, _>(&[VecOp::Push(3), VecOp::Dedup], Global).unwrap();
/// assert_eq!(summary.steps, 2);
/// ```
#[allow(unused_variables)]
pub trait VecUnderTest<T: Element, A: Allocator + Clone = Global>: Sized {
    /// How strictly to compare with std.
    const COMPARE: Compare = Compare::STRICT;

    /// An empty vector (in `alloc`, if the type takes an allocator).
    fn new_in(alloc: TestAlloc<A>) -> Self;

    /// The elements, in order.
    fn as_slice(&self) -> &[T];

    /// The capacity (not called under [`CapacityCheck::Ignore`]).
    fn capacity(&self) -> usize;

    /// Whether the type can run this operation *with these arguments* (for this element
    /// type), asked before the harness builds any value for it. The default says yes; the
    /// operations whose method answers [`Unsupported`] are learned without it. Answer `false`
    /// where the answer depends on the arguments or on `T` — e.g. a drain ending in
    /// [`IterEnd::KeepRest`] for a type without `keep_rest` — so the step is skipped before a
    /// [`Tracked`](super::Tracked) panic armed for it could fire in values built for nothing.
    fn supports(op: &VecOp) -> bool {
        true
    }

    /// `push`.
    fn push(&mut self, value: T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `push_mut(value)`, then `*slot = new` through the returned reference.
    fn push_mut(&mut self, value: T, new: T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `push_within_capacity`: `Err(value)` when full.
    fn push_within_capacity(&mut self, value: T) -> Supported<Result<(), T>> {
        Err(Unsupported)
    }

    /// `pop`.
    fn pop(&mut self) -> Supported<Option<T>> {
        Err(Unsupported)
    }

    /// `pop_if`.
    fn pop_if(&mut self, predicate: &mut dyn FnMut(&mut T) -> bool) -> Supported<Option<T>> {
        Err(Unsupported)
    }

    /// `insert`.
    fn insert(&mut self, index: usize, value: T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `insert_mut(index, value)`, then `*slot = new` through the returned reference.
    fn insert_mut(&mut self, index: usize, value: T, new: T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `remove`.
    fn remove(&mut self, index: usize) -> Supported<T> {
        Err(Unsupported)
    }

    /// `try_remove`: `None` when out of bounds.
    fn try_remove(&mut self, index: usize) -> Supported<Option<T>> {
        Err(Unsupported)
    }

    /// `swap_remove`.
    fn swap_remove(&mut self, index: usize) -> Supported<T> {
        Err(Unsupported)
    }

    /// `truncate`.
    fn truncate(&mut self, len: usize) -> Supported<()> {
        Err(Unsupported)
    }

    /// `clear`.
    fn clear(&mut self) -> Supported<()> {
        Err(Unsupported)
    }

    /// `reserve`.
    fn reserve(&mut self, additional: usize) -> Supported<()> {
        Err(Unsupported)
    }

    /// `reserve_exact`.
    fn reserve_exact(&mut self, additional: usize) -> Supported<()> {
        Err(Unsupported)
    }

    /// `try_reserve`.
    fn try_reserve(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        Err(Unsupported)
    }

    /// `try_reserve_exact`.
    fn try_reserve_exact(&mut self, additional: usize) -> Supported<Result<(), ReserveError>> {
        Err(Unsupported)
    }

    /// `shrink_to_fit`.
    fn shrink_to_fit(&mut self) -> Supported<()> {
        Err(Unsupported)
    }

    /// `shrink_to`.
    fn shrink_to(&mut self, min_capacity: usize) -> Supported<()> {
        Err(Unsupported)
    }

    /// `resize`.
    fn resize(&mut self, new_len: usize, value: T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `resize_with`.
    fn resize_with(&mut self, new_len: usize, f: &mut dyn FnMut() -> T) -> Supported<()> {
        Err(Unsupported)
    }

    /// `extend_from_slice`.
    fn extend_from_slice(&mut self, items: &[T]) -> Supported<()> {
        Err(Unsupported)
    }

    /// `extend_from_within`.
    fn extend_from_within(&mut self, range: Bounds) -> Supported<()> {
        Err(Unsupported)
    }

    /// `extend` (the harness passes exact-size iterators and iterators that lie in their
    /// `size_hint` or panic part-way).
    fn extend<I: Iterator<Item = T>>(&mut self, items: I) -> Supported<()> {
        Err(Unsupported)
    }

    /// `append(other)`; `other` is a vector of this type built by the harness.
    fn append(&mut self, other: &mut Self) -> Supported<()> {
        Err(Unsupported)
    }

    /// `split_off`.
    fn split_off(&mut self, at: usize) -> Supported<Self> {
        Err(Unsupported)
    }

    /// `retain`.
    fn retain(&mut self, keep: &mut dyn FnMut(&T) -> bool) -> Supported<()> {
        Err(Unsupported)
    }

    /// `retain_mut`.
    fn retain_mut(&mut self, keep: &mut dyn FnMut(&mut T) -> bool) -> Supported<()> {
        Err(Unsupported)
    }

    /// `dedup`.
    fn dedup(&mut self) -> Supported<()> {
        Err(Unsupported)
    }

    /// `dedup_by_key`.
    fn dedup_by_key(&mut self, key: &mut dyn FnMut(&mut T) -> u8) -> Supported<()> {
        Err(Unsupported)
    }

    /// `dedup_by`.
    fn dedup_by(&mut self, same: &mut dyn FnMut(&mut T, &mut T) -> bool) -> Supported<()> {
        Err(Unsupported)
    }

    /// `drain(range)`, consumed as `plan` says; returns the items taken and the `Debug` text
    /// of what was left in the drain before it ended (the drain's `as_slice`, or an empty
    /// string if it has none — then std's is not compared either). [`IterEnd::KeepRest`]:
    /// call the drain's `keep_rest`, or answer `Unsupported` before touching the vector.
    fn drain(&mut self, range: Bounds, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        Err(Unsupported)
    }

    /// `splice(range, replace_with)`; returns the first `take` removed items, then drops the
    /// `Splice` (which removes the rest and inserts the replacement).
    fn splice<I: Iterator<Item = T>>(
        &mut self,
        range: Bounds,
        replace_with: I,
        take: usize,
    ) -> Supported<Vec<T>> {
        Err(Unsupported)
    }

    /// `extract_if(range, filter)`; returns the first `plan.front` extracted items, then ends
    /// the iterator as `plan` says.
    fn extract_if(
        &mut self,
        range: Bounds,
        filter: &mut dyn FnMut(&mut T) -> bool,
        plan: &IterPlan,
    ) -> Supported<Vec<T>> {
        Err(Unsupported)
    }

    /// `into_iter` of the vector's contents (leaving an empty vector behind), consumed as
    /// `plan` says; returns the items taken and the iterator's `as_slice` text (or empty).
    /// [`IterEnd::KeepRest`] collects the rest back into the (empty) vector with `extend`.
    fn take_into_iter(&mut self, plan: &IterPlan) -> Supported<(Taken<T>, String)> {
        Err(Unsupported)
    }

    /// `FromIterator`: collects `items` into a new vector of this type (in whatever allocator
    /// its `FromIterator` uses) and describes it.
    fn collect<I: Iterator<Item = T>>(items: I) -> Supported<Collected> {
        Err(Unsupported)
    }

    /// `clone`.
    fn clone_vec(&self) -> Supported<Self> {
        Err(Unsupported)
    }

    /// `clone_from(source)`.
    fn clone_from_vec(&mut self, source: &Self) -> Supported<()> {
        Err(Unsupported)
    }

    /// `spare_capacity_mut`: `fill` writes values into the first slots and returns how many;
    /// then `set_len` covers them.
    ///
    /// # Safety
    /// The caller guarantees that `fill` initializes exactly the first `n` slots of the slice
    /// it is given, where `n` is the number it returns (at most the slice's length).
    unsafe fn fill_spare_capacity(
        &mut self,
        fill: &mut dyn FnMut(&mut [MaybeUninit<T>]) -> usize,
    ) -> Supported<()> {
        Err(Unsupported)
    }

    /// `into_boxed_slice`, then back into a vector (`into_vec`).
    fn boxed_slice_round_trip(&mut self) -> Supported<()> {
        Err(Unsupported)
    }
}

/// Names a generic vector type for every element type (and allocator), so the harness can
/// pick the element type at run time (from fuzz input) and name the type in a replay test.
///
/// # Examples
/// ```
/// use boxvec::MyVec;
/// use boxvec::alloc::Allocator;
/// use boxvec::check::{Element, TestAlloc, VecFamily};
///
/// // What `boxvec::check::MyVecs` is:
/// struct Mine;
/// impl VecFamily for Mine {
///     type Vec<T: Element, A: Allocator + Clone> = MyVec<T, TestAlloc<A>>;
/// }
/// ```
pub trait VecFamily {
    /// The vector type for elements `T` and allocator `A`.
    type Vec<T: Element, A: Allocator + Clone>: VecUnderTest<T, A>;
}

/// boxvec's `MyVec`, on the run's [`TestAlloc`].
///
/// # Examples
/// ```
/// use boxvec::check::{MyVecs, VecOp, run_vec};
/// use boxvec::alloc::Global;
/// let summary = run_vec::<MyVecs, u64, _>(&[VecOp::Push(1), VecOp::ShrinkToFit], Global).unwrap();
/// assert_eq!(summary.steps, 2);
/// ```
pub struct MyVecs;

impl VecFamily for MyVecs {
    type Vec<T: Element, A: Allocator + Clone> = crate::MyVec<T, TestAlloc<A>>;
}

/// std's `Vec` (on the global allocator): the oracle itself, as a subject. A run of std against
/// std must always agree — a check of the harness.
///
/// # Examples
/// ```
/// use boxvec::check::{StdVecs, VecOp, Amount, run_vec};
/// use boxvec::alloc::Global;
/// let summary = run_vec::<StdVecs, String, _>(&[VecOp::Reserve(Amount::Small(9))], Global).unwrap();
/// assert_eq!(summary.steps, 1);
/// ```
pub struct StdVecs;

impl VecFamily for StdVecs {
    type Vec<T: Element, A: Allocator + Clone> = Vec<T>;
}
