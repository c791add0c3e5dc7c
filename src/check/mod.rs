//! The differential harness: the same operations on boxvec and on std, compared after every
//! step. Behind the `check` feature.
//!
//! This module is boxvec's own (std has no counterpart). It serves three users:
//!
//! - **our own tests**: the model-based property tests drive [`run_vec_ops`],
//!   [`run_box_ops`] and [`run_raw_vec_ops`] with random sequences;
//! - **cargo-fuzz**: the targets in `fuzz/` are one-line calls of [`fuzz_vec_ops`],
//!   [`fuzz_box_ops`], [`fuzz_raw_vec_ops`] and [`fuzz_alloc_failures`];
//! - **testers of their own allocators**: [`check_allocator`] runs a battery of sequences
//!   through `MyVec`, `MyBox` and `RawVec` on any `A: Allocator + Clone` and reports what broke.
//!
//! # How a run works
//!
//! Operations ([`VecOp`], [`BoxOp`], [`RawVecOp`]) derive [`arbitrary::Arbitrary`], so a fuzzer
//! or a property test turns random bytes into a sequence. Indices, ranges and amounts are
//! encoded (see [`Index`], [`RangeSpec`], [`Amount`]) so that most inputs are valid and a few
//! hit the panic paths on purpose. Each operation is applied to the boxvec value and to the
//! std value (the oracle), each inside `catch_unwind`; then:
//!
//! - both sides must return the same result, or panic with the same message;
//! - afterwards contents, `len` and `capacity` must be equal (same growth as std);
//! - the number of live [`Tracked`] values must be equal on both sides (every element dropped
//!   exactly once, or leaked exactly as std leaks it);
//! - the boxvec side runs on `Checked<Failing<A>>` over the caller's allocator: any misuse of
//!   the `Allocator` contract panics inside the step and is reported, and at the end every
//!   block must have been freed.
//!
//! The first difference stops the run and comes back as a [`Mismatch`]: the step, the
//! operation, and what each side did.
//!
//! Panics the harness provokes on purpose are not printed: while a step runs, a panic hook
//! (installed once, forwarding every other panic to the hook that was there before) stays
//! quiet. That is also what lets the harness run under libFuzzer, whose hook aborts on every
//! panic, even a caught one.

use core::fmt;
use std::any::Any;
use std::boxed::Box;
use std::cell::Cell;
use std::format;
use std::panic::{self, AssertUnwindSafe};
use std::string::{String, ToString};
use std::sync::Once;
use std::thread_local;
use std::vec::Vec;

use arbitrary::{Arbitrary, Unstructured};

use crate::alloc::{Allocator, Checked, FailMode, Failing, Global};

mod allocator;
mod box_ops;
mod element;
mod input;
mod raw_vec_ops;
mod vec_ops;

pub use allocator::{AllocatorReport, FallibleOp, check_allocator, run_alloc_failures};
pub use box_ops::{BoxOp, run_box_ops};
pub use element::{Element, OverAligned, Side, TRACKED_PANIC, Tracked, Trigger};
pub use input::{
    Amount, HintLie, ITERATOR_PANIC, Index, Lying, PREDICATE_PANIC, Pred, PredState, RangeSpec,
    ops_from_bytes,
};
pub use raw_vec_ops::{RawVecOp, run_raw_vec_ops};
pub use vec_ops::{IterEnd, VecOp, run_vec_ops};

/// The first difference between boxvec and std in a run.
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, run_vec_ops};
/// use boxvec::alloc::Global;
///
/// let ops = [VecOp::Push(1), VecOp::Push(2), VecOp::Pop];
/// let summary = run_vec_ops::<u8, _>(&ops, Global).expect("boxvec and std agree");
/// assert_eq!(summary.steps, 3);
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mismatch {
    /// The index of the operation that showed the difference (the number of operations for
    /// a difference found after the last one, e.g. a leak).
    pub step: usize,
    /// The operation, as `Debug` prints it.
    pub op: String,
    /// What differed: "result", "contents", "capacity", "live Tracked values", "leak", …
    pub what: String,
    /// What the boxvec side did or held.
    pub ours: String,
    /// What the std side did or held.
    pub std: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "boxvec and std differ in {} at step {} ({}):\n  boxvec: {}\n  std:    {}",
            self.what, self.step, self.op, self.ours, self.std
        )
    }
}

impl core::error::Error for Mismatch {}

/// What a completed run did.
///
/// # Examples
/// ```
/// use boxvec::check::{VecOp, run_vec_ops, Index};
/// use boxvec::alloc::Global;
/// let s = run_vec_ops::<u8, _>(&[VecOp::Remove(Index(0))], Global).unwrap();
/// assert_eq!(s.panics, 1); // removing from an empty vector panics, on both sides
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RunSummary {
    /// Operations applied.
    pub steps: usize,
    /// Operations that panicked (identically) on both sides.
    pub panics: usize,
    /// Requests the failure injection refused.
    pub injected_failures: u64,
}

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

/// Calls `$run::<T, _>($args, $alloc)` with `T` the element type of `$kind`.
macro_rules! for_element_kind {
    ($kind:expr, $run:ident, $args:expr, $alloc:expr) => {
        match $kind {
            ElementKind::Byte => $run::<u8, _>($args, $alloc),
            ElementKind::Owned => $run::<String, _>($args, $alloc),
            ElementKind::Zst => $run::<(), _>($args, $alloc),
            ElementKind::OverAligned => $run::<OverAligned, _>($args, $alloc),
            ElementKind::Tracked => $run::<Tracked, _>($args, $alloc),
        }
    };
}

impl ElementKind {
    /// [`run_vec_ops`] with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, VecOp};
    /// use boxvec::alloc::Global;
    /// for kind in ElementKind::ALL {
    ///     kind.run_vec_ops(&[VecOp::Push(1), VecOp::Clone], Global).unwrap();
    /// }
    /// ```
    pub fn run_vec_ops<A: Allocator + Clone>(
        self,
        ops: &[VecOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        for_element_kind!(self, run_vec_ops, ops, alloc)
    }

    /// [`run_box_ops`] with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, BoxOp};
    /// use boxvec::alloc::Global;
    /// ElementKind::Zst.run_box_ops(&[BoxOp::New(1)], Global).unwrap();
    /// ```
    pub fn run_box_ops<A: Allocator + Clone>(
        self,
        ops: &[BoxOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        for_element_kind!(self, run_box_ops, ops, alloc)
    }

    /// [`run_raw_vec_ops`] with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, RawVecOp};
    /// use boxvec::alloc::Global;
    /// ElementKind::Owned.run_raw_vec_ops(&[RawVecOp::Push(1)], Global).unwrap();
    /// ```
    pub fn run_raw_vec_ops<A: Allocator + Clone>(
        self,
        ops: &[RawVecOp],
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        for_element_kind!(self, run_raw_vec_ops, ops, alloc)
    }

    /// [`run_alloc_failures`] with this kind's element type.
    ///
    /// # Errors
    /// The first [`Mismatch`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{ElementKind, FallibleOp};
    /// use boxvec::alloc::{FailMode, Global};
    /// ElementKind::Byte
    ///     .run_alloc_failures(&[FallibleOp::BoxTryNew(3)], FailMode::From(0), Global)
    ///     .unwrap();
    /// ```
    pub fn run_alloc_failures<A: Allocator + Clone>(
        self,
        ops: &[FallibleOp],
        mode: FailMode,
        alloc: A,
    ) -> Result<RunSummary, Mismatch> {
        fn run<T: Element, A: Allocator + Clone>(
            (ops, mode): (&[FallibleOp], FailMode),
            alloc: A,
        ) -> Result<RunSummary, Mismatch> {
            run_alloc_failures::<T, A>(ops, mode, alloc)
        }
        for_element_kind!(self, run, (ops, mode), alloc)
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

/// Reports a mismatch the way a fuzzer needs: printed, then a panic (libFuzzer turns it into
/// a crash and saves the input).
fn fail_loudly(result: Result<RunSummary, Mismatch>) {
    if let Err(mismatch) = result {
        std::eprintln!("{mismatch}");
        panic!("{mismatch}");
    }
}

/// The `vec_ops` fuzz target: decodes `data` into an element type and [`VecOp`]s and runs them
/// on [`Global`].
///
/// # Panics
/// Panics with the [`Mismatch`] report if boxvec and std differ.
///
/// # Examples
/// ```
/// boxvec::check::fuzz_vec_ops(b"some fuzzer bytes");
/// ```
pub fn fuzz_vec_ops(data: &[u8]) {
    let input = Input::<VecOp>::from_bytes(data);
    fail_loudly(input.element.run_vec_ops(&input.ops, Global));
}

/// The `box_ops` fuzz target: decodes `data` into an element type and [`BoxOp`]s.
///
/// # Panics
/// Panics with the [`Mismatch`] report if boxvec and std differ.
///
/// # Examples
/// ```
/// boxvec::check::fuzz_box_ops(b"some fuzzer bytes");
/// ```
pub fn fuzz_box_ops(data: &[u8]) {
    let input = Input::<BoxOp>::from_bytes(data);
    fail_loudly(input.element.run_box_ops(&input.ops, Global));
}

/// The `raw_vec_ops` fuzz target: decodes `data` into an element type and [`RawVecOp`]s.
///
/// # Panics
/// Panics with the [`Mismatch`] report if boxvec and std differ.
///
/// # Examples
/// ```
/// boxvec::check::fuzz_raw_vec_ops(b"some fuzzer bytes");
/// ```
pub fn fuzz_raw_vec_ops(data: &[u8]) {
    let input = Input::<RawVecOp>::from_bytes(data);
    fail_loudly(input.element.run_raw_vec_ops(&input.ops, Global));
}

/// The `alloc_failures` fuzz target: decodes `data` into a failure plan and [`FallibleOp`]s
/// (see [`run_alloc_failures`]).
///
/// # Panics
/// Panics with the [`Mismatch`] report if a fallible operation misbehaves under failure.
///
/// # Examples
/// ```
/// boxvec::check::fuzz_alloc_failures(b"some fuzzer bytes");
/// ```
pub fn fuzz_alloc_failures(data: &[u8]) {
    let (plan, rest) = data.split_at(data.len().min(3));
    let Ok(mode) = allocator::FailPlan::arbitrary(&mut Unstructured::new(plan)) else {
        return;
    };
    let input = Input::<FallibleOp>::from_bytes(rest);
    fail_loudly(
        input
            .element
            .run_alloc_failures(&input.ops, mode.mode(), Global),
    );
}

// ---------------------------------------------------------------------------------------------
// Running one side of a step
// ---------------------------------------------------------------------------------------------

/// What one side of a step did.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Outcome {
    /// Returned normally; the `Debug` text of what it returned.
    Returned(String),
    /// Panicked with this message.
    Panicked(String),
}

impl Outcome {
    fn describe(&self) -> String {
        match self {
            Outcome::Returned(value) => format!("returned {value}"),
            Outcome::Panicked(message) => format!("panicked: {message}"),
        }
    }
}

thread_local! {
    /// Whether the current thread is inside a step, where panics are expected and not printed.
    static IN_STEP: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once per process) the panic hook that is silent inside steps and forwards every
/// other panic to the hook that was installed before.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_STEP.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs one side of a step, catching a panic and recording its message.
pub(crate) fn run_side<R: fmt::Debug>(f: impl FnOnce() -> R) -> Outcome {
    install_quiet_hook();
    let was_in_step = IN_STEP.with(|s| s.replace(true));
    // The value is described *and dropped* inside the catch: dropping it may run user code
    // (a `Tracked` drop armed to panic), which belongs to the step. It is dropped from a local
    // on purpose: in `format!("{:?}", f())` a panic in the temporary's drop would leak the
    // already-built `String` (rust-lang/rust#47949).
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let value = f();
        let description = format!("{value:?}");
        drop(value);
        description
    }));
    IN_STEP.with(|s| s.set(was_in_step));
    match result {
        Ok(description) => Outcome::Returned(description),
        Err(payload) => Outcome::Panicked(panic_message(&*payload)),
    }
}

/// The text of a panic payload (`&str` or `String`; anything else is described as such).
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// Records where a run is, so a difference can be reported with its step and operation.
pub(crate) struct Step<'a, Op> {
    pub(crate) index: usize,
    pub(crate) op: &'a Op,
}

impl<Op: fmt::Debug> Step<'_, Op> {
    /// A mismatch at this step.
    pub(crate) fn mismatch(
        &self,
        what: &str,
        ours: impl fmt::Debug,
        std: impl fmt::Debug,
    ) -> Mismatch {
        Mismatch {
            step: self.index,
            op: format!("{:?}", self.op),
            what: what.to_string(),
            ours: format!("{ours:?}"),
            std: format!("{std:?}"),
        }
    }

    /// Requires both sides to have done the same thing; returns whether they panicked.
    pub(crate) fn same_outcome(&self, ours: Outcome, std: Outcome) -> Result<bool, Mismatch> {
        if ours == std {
            Ok(matches!(ours, Outcome::Panicked(_)))
        } else {
            Err(Mismatch {
                step: self.index,
                op: format!("{:?}", self.op),
                what: "result".to_string(),
                ours: ours.describe(),
                std: std.describe(),
            })
        }
    }

    /// Requires equal values.
    pub(crate) fn same<V: PartialEq + fmt::Debug>(
        &self,
        what: &str,
        ours: V,
        std: V,
    ) -> Result<(), Mismatch> {
        if ours == std {
            Ok(())
        } else {
            Err(self.mismatch(what, ours, std))
        }
    }

    /// Requires the same number of live [`Tracked`] values on both sides.
    pub(crate) fn same_live_counts(&self) -> Result<(), Mismatch> {
        self.same(
            "live Tracked values",
            Tracked::live(Side::Ours),
            Tracked::live(Side::Std),
        )
    }
}

/// Runs `steps` on `Checked<Failing<alloc>>` with the `Tracked` counts reset, then checks
/// what every run must end with: the same number of live values on both sides, and every
/// block freed. The skeleton shared by [`run_vec_ops`], [`run_box_ops`] and
/// [`run_raw_vec_ops`].
pub(crate) fn run_checked<A: Allocator>(
    op_count: usize,
    alloc: A,
    steps: impl FnOnce(&Checked<Failing<A>>, &mut RunSummary) -> Result<(), Mismatch>,
) -> Result<RunSummary, Mismatch> {
    Tracked::reset();
    let checked = Checked::new(Failing::new(alloc));
    let mut summary = RunSummary::default();
    let result = steps(&checked, &mut summary);
    Tracked::disarm();
    result?;
    let end = Step {
        index: op_count,
        op: &"end of run",
    };
    end.same_live_counts()?;
    check_no_leaks(&checked, &end)?;
    summary.injected_failures = checked.inner().failures();
    Ok(summary)
}

/// A [`Tracked`] panic that an `ArmPanic` operation asked for, waiting for the next step.
#[derive(Default)]
pub(crate) struct PendingPanic(Option<(Trigger, u8)>);

impl PendingPanic {
    /// Arms, on both sides, the panic the previous step asked for, and keeps the one this
    /// step asks for (`Some` when the step is an `ArmPanic`) for the step after it.
    pub(crate) fn before_step(&mut self, asked: Option<(Trigger, u8)>) {
        if let Some((trigger, nth)) = self.0.take() {
            Tracked::arm(Side::Ours, trigger, u32::from(nth));
            Tracked::arm(Side::Std, trigger, u32::from(nth));
        }
        self.0 = asked;
    }
}

/// Checks, after a run, that the `Checked` allocator saw every block freed. A leak is
/// reported as a mismatch rather than a panic.
pub(crate) fn check_no_leaks<A: Allocator, Op: fmt::Debug>(
    checked: &crate::alloc::Checked<A>,
    step: &Step<'_, Op>,
) -> Result<(), Mismatch> {
    match run_side(|| checked.assert_no_leaks()) {
        Outcome::Returned(_) => Ok(()),
        Outcome::Panicked(message) => Err(step.mismatch("leak", message, "no leak")),
    }
}

/// Builds the values for `seeds` on `side`.
pub(crate) fn values<T: Element>(seeds: &[u8], side: Side) -> Vec<T> {
    seeds.iter().map(|&seed| T::from_seed(seed, side)).collect()
}
