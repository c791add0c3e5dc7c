//! The runner kit: everything a run needs besides its operations.
//!
//! - [`Outcome`] and [`run_side`]: one side of a step, run inside `catch_unwind` with the panic
//!   hook kept quiet, and described as text (what it returned, how it panicked, that it was
//!   not supported, or that the allocator under test refused it); [`catch_quietly`], the same
//!   quiet catch for tests that compare panics by hand;
//! - [`Step`]: where a run is, and the comparisons that turn a difference into a
//!   [`Mismatch`];
//! - [`run_checked`]: the skeleton every run shares — a [`TestAlloc`] over the caller's
//!   allocator, the [`Tracked`] counts reset, and the end-of-run checks (live values, leaks);
//! - [`refuse_next`]: one refused request, for the "fails and changes nothing" operations;
//! - [`RunSummary`]: what a run did.
//!
//! Operation families (vec_ops.rs, box_ops.rs, raw_vec_ops.rs, allocator.rs) are written on
//! top of these and nothing else.

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

use super::element::{Element, Side, Tracked, Trigger};
use super::report::{Culprit, Mismatch, minimize};
use super::subject::Unsupported;
use super::test_alloc::{Refusal, TestAlloc};
use crate::alloc::{Allocator, FailMode};

/// What a completed run did.
///
/// # Examples
/// ```
/// use boxvec::check::{MyVecs, VecOp, Index, run_vec};
/// use boxvec::alloc::Global;
/// let s = run_vec::<MyVecs, u8, _>(&[VecOp::Remove(Index(0))], Global).unwrap();
/// assert_eq!(s.steps, 1);
/// assert_eq!(s.panics, 1); // removing from an empty vector panics, on both sides
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RunSummary {
    /// Operations applied to both sides and compared.
    pub steps: usize,
    /// Operations that panicked on both sides (identically, or both at all, as the subject's
    /// [`Compare`](super::Compare) asks).
    pub panics: usize,
    /// Operations skipped because the subject does not have them
    /// ([`Unsupported`](super::Unsupported)); never a failure.
    pub skipped: usize,
    /// Requests the failure injection refused (each must have come back as an error).
    pub injected_failures: u64,
}

/// What one side of a step did.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Outcome {
    /// Returned normally; the `Debug` text of what it returned.
    Returned(String),
    /// Panicked with this message.
    Panicked(String),
    /// The subject does not have this operation.
    Unsupported,
    /// The allocator under test refused a request during an infallible operation.
    Refused(Refusal),
}

impl Outcome {
    /// The outcome in words, for a report.
    pub(crate) fn describe(&self) -> String {
        match self {
            Outcome::Returned(value) => format!("returned {value}"),
            Outcome::Panicked(message) => format!("panicked: {message}"),
            Outcome::Unsupported => "does not have this operation".to_string(),
            Outcome::Refused(refusal) => refusal.to_string(),
        }
    }
}

thread_local! {
    /// Whether the current thread is inside a step (or [`catch_quietly`]), where panics are
    /// expected and not printed.
    static IN_STEP: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once per process) the panic hook that is silent inside steps and forwards every
/// other panic to the hook that was installed before.
pub(crate) fn install_quiet_hook() {
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

/// Runs `f` inside `catch_unwind` with the quiet hook silent, then puts the thread back as it
/// was (nested calls keep the outer call's state).
fn catch_unwind_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    install_quiet_hook();
    let was_in_step = IN_STEP.with(|s| s.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    IN_STEP.with(|s| s.set(was_in_step));
    result
}

/// Runs `f` and returns its value, or the message of its panic; a panic inside `f` is not
/// printed.
///
/// This is the harness's own way of running code that is expected to panic, made public for
/// tests that compare panics by hand: the panic hook it relies on is the one the harness
/// installs (once per process) for its steps, silent while `f` runs and forwarding every
/// other panic — a failed assertion outside `f` — to the hook that was there before. So a
/// test suite needs no second hook of its own.
///
/// The message is [`panic_message`]'s text of the payload. A payload that is neither `&str`
/// nor `String` — [`panic_any`](std::panic::panic_any) with another type, or the
/// [`Refusal`] a [`TestAlloc`] raises for a refused request during an infallible operation —
/// comes back as `"<non-string panic payload>"`; the harness's runners tell a refusal apart,
/// this function does not.
///
/// `f` runs under [`AssertUnwindSafe`]: after a panic, whatever `f` borrowed may be half
/// updated, which is exactly the state a panic-safety test then looks at. The returned value
/// is dropped by the caller, outside the catch: a panic in its `drop` is not caught here.
///
/// # Examples
/// ```
/// use boxvec::check::catch_quietly;
///
/// assert_eq!(catch_quietly(|| 2 + 2), Ok(4));
/// let mut v = vec![1, 2, 3];
/// let message = catch_quietly(|| v.remove(7)).unwrap_err();
/// assert_eq!(message, "removal index (is 7) should be < len (is 3)");
/// assert_eq!(v, [1, 2, 3]); // a failed `remove` changes nothing
/// let other = catch_quietly(|| std::panic::panic_any(7_u8)).unwrap_err();
/// assert_eq!(other, "<non-string panic payload>");
/// ```
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind_quietly(f).map_err(|payload| panic_message(&*payload))
}

/// Runs `f` as one side of a step and describes what it did: `describe` turns the value into
/// text, or `None` for "not supported".
///
/// The value is described *and dropped* inside the catch: dropping it may run user code (a
/// `Tracked` drop armed to panic), which belongs to the step. It is dropped from a local on
/// purpose: in `format!("{:?}", f())` a panic in the temporary's drop would leak the
/// already-built `String` (rust-lang/rust#47949).
fn catch_side<R>(f: impl FnOnce() -> R, describe: impl FnOnce(&R) -> Option<String>) -> Outcome {
    let result = catch_unwind_quietly(|| {
        let value = f();
        let description = describe(&value);
        drop(value);
        description
    });
    match result {
        Ok(Some(description)) => Outcome::Returned(description),
        Ok(None) => Outcome::Unsupported,
        Err(payload) => match payload.downcast::<Refusal>() {
            Ok(refusal) => Outcome::Refused(*refusal),
            Err(payload) => Outcome::Panicked(panic_message(&*payload)),
        },
    }
}

/// Runs one side of a step, catching a panic and recording its message.
pub(crate) fn run_side<R: fmt::Debug>(f: impl FnOnce() -> R) -> Outcome {
    catch_side(f, |value| Some(format!("{value:?}")))
}

/// Runs one side of a step on an operation the subject may not have.
pub(crate) fn run_op<R: fmt::Debug>(f: impl FnOnce() -> Result<R, Unsupported>) -> Outcome {
    catch_side(f, |value| value.as_ref().ok().map(|v| format!("{v:?}")))
}

/// The text of a panic payload (`&str` or `String`; anything else is described as such).
///
/// # Examples
/// ```
/// let payload = std::panic::catch_unwind(|| panic!("at {}", 3)).unwrap_err();
/// assert_eq!(boxvec::check::panic_message(&*payload), "at 3");
/// let payload = std::panic::catch_unwind(|| std::panic::panic_any(7_u8)).unwrap_err();
/// assert_eq!(boxvec::check::panic_message(&*payload), "<non-string panic payload>");
/// ```
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// Whether two panics count as the same: by message, or just as panics.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum PanicMatch {
    Message,
    Any,
}

/// Records where a run is, so a difference can be reported with its step and operation.
pub(crate) struct Step<'a, Op> {
    pub(crate) index: usize,
    pub(crate) op: &'a Op,
}

impl<Op: fmt::Debug> Step<'_, Op> {
    /// A mismatch at this step, blamed on the subject.
    pub(crate) fn mismatch(
        &self,
        what: &str,
        ours: impl fmt::Debug,
        std: impl fmt::Debug,
    ) -> Mismatch {
        self.mismatch_text(what, format!("{ours:?}"), format!("{std:?}"))
    }

    /// A mismatch at this step, from texts.
    pub(crate) fn mismatch_text(&self, what: &str, ours: String, std: String) -> Mismatch {
        Mismatch::new(self.index, format!("{:?}", self.op), what, ours, std)
    }

    /// Requires both sides to have done the same thing; returns whether they panicked.
    pub(crate) fn same_outcome(&self, ours: Outcome, std: Outcome) -> Result<bool, Mismatch> {
        self.matching_outcome(ours, std, PanicMatch::Message)
    }

    /// As [`same_outcome`](Self::same_outcome), with panics matched as `panics` says. A
    /// refusal by the allocator under test, or a broken allocator contract, is reported as
    /// such rather than as a difference from std.
    pub(crate) fn matching_outcome(
        &self,
        ours: Outcome,
        std: Outcome,
        panics: PanicMatch,
    ) -> Result<bool, Mismatch> {
        match (&ours, &std) {
            (Outcome::Refused(refusal), _) => Err(self.refused(refusal)),
            (Outcome::Panicked(a), Outcome::Panicked(b)) if a == b || panics == PanicMatch::Any => {
                Ok(true)
            }
            _ if ours == std => Ok(false),
            _ => {
                let mut mismatch = self.mismatch_text("result", ours.describe(), std.describe());
                if let Outcome::Panicked(message) = &ours {
                    mismatch.culprit = Culprit::from_panic(message);
                }
                Err(mismatch)
            }
        }
    }

    /// The run stops: the allocator under test refused during an infallible operation.
    pub(crate) fn refused(&self, refusal: &Refusal) -> Mismatch {
        let mut mismatch = self.mismatch_text(
            "allocator refusal",
            refusal.to_string(),
            "(std's allocator was not asked)".to_string(),
        );
        mismatch.culprit = Culprit::Refusal;
        mismatch
    }

    /// Runs code that calls the subject where no panic is expected (a fallible operation,
    /// building a source vector, cutting both sides back): a refusal by the allocator under
    /// test stops the run with a report, and any other panic — a broken `Allocator` contract
    /// caught by `Checked`, a bug — becomes a mismatch instead of unwinding through the
    /// harness.
    pub(crate) fn outside_step<R>(&self, f: impl FnOnce() -> R) -> Result<R, Mismatch> {
        catch_unwind_quietly(f).map_err(|payload| match payload.downcast::<Refusal>() {
            Ok(refusal) => self.refused(&refusal),
            Err(payload) => {
                let message = panic_message(&*payload);
                let culprit = Culprit::from_panic(&message);
                let mut mismatch = self.mismatch_text("panic", message, "no panic".to_string());
                mismatch.culprit = culprit;
                mismatch
            }
        })
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

    /// Requires equal contents, and names the first index where they differ.
    pub(crate) fn same_contents<T: PartialEq + fmt::Debug>(
        &self,
        ours: &[T],
        std: &[T],
    ) -> Result<(), Mismatch> {
        if ours == std {
            return Ok(());
        }
        let first = ours
            .iter()
            .zip(std)
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(std.len()));
        let mut mismatch = self.mismatch("contents", ours, std);
        mismatch.first_difference = Some(first);
        Err(mismatch)
    }

    /// Requires the same number of live [`Tracked`] values on both sides.
    pub(crate) fn same_live_counts(&self) -> Result<(), Mismatch> {
        self.same(
            "live Tracked values",
            Tracked::live(Side::Ours),
            Tracked::live(Side::Std),
        )
    }

    /// Requires at least `held` live [`Tracked`] values on our side: fewer means a value was
    /// dropped twice (or dropped while still held). More is a leak, which this check allows.
    pub(crate) fn none_dropped_twice(&self, held: usize) -> Result<(), Mismatch> {
        let live = Tracked::live(Side::Ours);
        if live >= held as i64 {
            Ok(())
        } else {
            Err(self.mismatch(
                "live Tracked values (fewer than held: a double drop)",
                live,
                format!("at least {held}"),
            ))
        }
    }
}

/// What a report names as the "operation" of the checks after the last one.
pub(crate) struct EndOfRun;

impl fmt::Debug for EndOfRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("end of run")
    }
}

/// Runs `steps` on a [`TestAlloc`] over `alloc` (requests failing as `mode` says, inside
/// fallible operations only; live bytes within `budget`, if given), with the `Tracked` counts reset; then checks what every run
/// must end with: every block freed, and — when `compare_live` — the same number of live
/// values on both sides. The skeleton every operation family shares.
pub(crate) fn run_checked<A: Allocator + Clone>(
    op_count: usize,
    alloc: A,
    (mode, budget): (FailMode, Option<usize>),
    compare_live: bool,
    steps: impl FnOnce(&TestAlloc<A>, &mut RunSummary) -> Result<(), Mismatch>,
) -> Result<RunSummary, Mismatch> {
    Tracked::reset();
    let test_alloc = TestAlloc::new(alloc, mode);
    let test_alloc = match budget {
        Some(bytes) => test_alloc.with_budget(bytes),
        None => test_alloc,
    };
    let mut summary = RunSummary::default();
    let result = steps(&test_alloc, &mut summary);
    Tracked::disarm();
    result?;
    let end = Step {
        index: op_count,
        op: &EndOfRun,
    };
    if compare_live {
        end.same_live_counts()?;
    }
    check_no_leaks(&test_alloc, &end)?;
    summary.injected_failures = test_alloc.failing().failures();
    Ok(summary)
}

/// Checks, after a run, that the `Checked` allocator saw every block freed. A leak is
/// reported as a mismatch rather than a panic.
pub(crate) fn check_no_leaks<A: Allocator, Op: fmt::Debug>(
    alloc: &TestAlloc<A>,
    step: &Step<'_, Op>,
) -> Result<(), Mismatch> {
    match run_side(|| alloc.checked().assert_no_leaks()) {
        Outcome::Panicked(message) => {
            let mut mismatch = step.mismatch_text("leak", message, "no leak".to_string());
            mismatch.culprit = Culprit::Subject;
            Err(mismatch)
        }
        _ => Ok(()),
    }
}

/// Runs `f` as a fallible operation with the allocator refusing its next request; returns
/// `f`'s result and whether a request was actually refused. The failure mode is restored
/// afterwards.
pub(crate) fn refuse_next<A: Allocator, R>(
    alloc: &TestAlloc<A>,
    f: impl FnOnce() -> R,
) -> (R, bool) {
    let failing = alloc.failing();
    let failures_before = failing.failures();
    let plan = alloc.plan();
    alloc.set_plan(FailMode::Nth(failing.requests()));
    let result = alloc.fallible(f);
    alloc.set_plan(plan);
    (result, failing.failures() > failures_before)
}

/// Runs `ops` with `once`; a failing sequence is minimized (see [`minimize`]) and `context`
/// then names its subject and renders the minimal sequence into the report.
pub(crate) fn run_minimized<Op: Clone>(
    ops: &[Op],
    once: impl Fn(&[Op]) -> Result<RunSummary, Mismatch>,
    context: impl FnOnce(&mut Mismatch, &[Op]),
) -> Result<RunSummary, Mismatch> {
    once(ops).map_err(|first| {
        let (minimal, mut report) = minimize(ops, first, |ops| once(ops).err());
        context(&mut report, &minimal);
        report
    })
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

/// Builds the values for `seeds` on `side`.
pub(crate) fn values<T: Element>(seeds: &[u8], side: Side) -> Vec<T> {
    seeds.iter().map(|&seed| T::from_seed(seed, side)).collect()
}

impl<Op: fmt::Debug> Step<'_, Op> {
    /// Runs this step's two sides, ours first, and requires the same outcome: whether both
    /// panicked, or the mismatch.
    pub(crate) fn run_both<R: fmt::Debug>(
        &self,
        ours: impl FnOnce() -> R,
        std: impl FnOnce() -> R,
    ) -> Result<bool, Mismatch> {
        let ours = run_side(ours);
        self.same_outcome(ours, run_side(std))
    }
}
