//! [`VecOp`]: every mutating method of std's `Vec`, applied to a [`VecUnderTest`] subject and
//! to std's `Vec` side by side, compared after every step.
//!
//! [`run_vec`] is the one runner: boxvec's `MyVec` ([`MyVecs`](super::MyVecs)) and a user's
//! type go through it alike. Each operation is a small method of `Run` that applies the same
//! call to both sides (the `both!` macro) — adding an operation means adding a variant, its
//! method in [`VecUnderTest`], its line in `Run::apply` and its sample in `VecOp::samples`.

use core::marker::PhantomData;
use core::mem::{Discriminant, discriminant};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::format;
use std::rc::Rc;
use std::string::{String, ToString};
use std::thread_local;
use std::vec;
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::element::{Element, Side, Tracked, Trigger};
use super::input::{Amount, HintLie, Index, IterEnd, Lying, Pred, RangeSpec};
use super::report::{Mismatch, short_type_name};
use super::runner::{
    Outcome, PanicMatch, PendingPanic, RunSummary, Step, refuse_next, run_checked, run_minimized,
    run_op, values,
};
use super::subject::{
    CapacityCheck, Collected, DropCheck, IterPlan, PanicCheck, ReserveError, Supported, VecFamily,
    VecUnderTest,
};
use super::test_alloc::TestAlloc;
use crate::alloc::{Allocator, FailMode};

/// One operation on a vector. Element values are given as one-byte seeds (see [`Element`]).
///
/// # Examples
/// ```
/// use boxvec::check::{MyVecs, VecOp, Index, Pred, run_vec};
/// use boxvec::alloc::Global;
/// let ops = [
///     VecOp::Extend(vec![1, 2, 3, 4]),
///     VecOp::Insert(Index(1), 9),
///     VecOp::Retain(Pred { modulus: 2, remainder: 0, panic_at: 255 }),
/// ];
/// let summary = run_vec::<MyVecs, String, _>(&ops, Global).unwrap();
/// assert_eq!(summary.steps, 3);
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum VecOp {
    /// `push`.
    Push(u8),
    /// `push_mut`, then writes through the returned reference.
    PushMut(u8, u8),
    /// `push_within_capacity`.
    PushWithinCapacity(u8),
    /// `pop`.
    Pop,
    /// `pop_if`.
    PopIf(Pred),
    /// `insert`.
    Insert(Index, u8),
    /// `insert_mut`, then writes through the returned reference.
    InsertMut(Index, u8, u8),
    /// `remove`.
    Remove(Index),
    /// `try_remove`.
    TryRemove(Index),
    /// `swap_remove`.
    SwapRemove(Index),
    /// `truncate`.
    Truncate(u16),
    /// `clear`.
    Clear,
    /// `reserve`.
    Reserve(Amount),
    /// `reserve_exact`.
    ReserveExact(Amount),
    /// `try_reserve`.
    TryReserve(Amount),
    /// `try_reserve_exact`.
    TryReserveExact(Amount),
    /// `try_reserve` with the allocator refusing the next request (boxvec side only: std's
    /// allocator cannot be made to fail). The vector must come back unchanged.
    TryReserveRefused(Amount),
    /// `shrink_to_fit`.
    ShrinkToFit,
    /// `shrink_to`.
    ShrinkTo(u16),
    /// `resize` (length taken modulo 64, or modulo 512 when the top four bits are set).
    Resize(u16, u8),
    /// `resize_with` (length as for `Resize`).
    ResizeWith(u16, u8),
    /// `extend_from_slice`.
    ExtendFromSlice(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `extend_from_within`.
    ExtendFromWithin(RangeSpec),
    /// `extend` from a vector's `into_iter` (an exact-size iterator).
    Extend(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `extend` from an iterator that lies in `size_hint` and may panic.
    ExtendLying(#[arbitrary(with = super::decode::seeds)] Vec<u8>, HintLie),
    /// `append`.
    Append(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `split_off`; the split-off part is compared, then dropped.
    SplitOff(Index),
    /// `retain`.
    Retain(Pred),
    /// `retain_mut`.
    RetainMut(Pred),
    /// `dedup`.
    Dedup,
    /// `dedup_by_key` with key `key % modulus`.
    DedupByKey(u8),
    /// `dedup_by`.
    DedupBy(Pred),
    /// `drain`: take `front` items from the front and `back` from the back, then end it.
    Drain {
        /// The range drained.
        range: RangeSpec,
        /// Items taken with `next`.
        front: u8,
        /// Items taken with `next_back`.
        back: u8,
        /// How the drain ends.
        end: IterEnd,
    },
    /// `splice`: take `front` removed items, then drop the `Splice`.
    Splice {
        /// The range replaced.
        range: RangeSpec,
        /// The replacement seeds.
        #[arbitrary(with = super::decode::seeds)]
        with: Vec<u8>,
        /// How the replacement iterator lies.
        lie: HintLie,
        /// Removed items taken before the drop.
        front: u8,
    },
    /// `extract_if`: take `take` items, then end it.
    ExtractIf {
        /// The range visited.
        range: RangeSpec,
        /// The filter.
        pred: Pred,
        /// Items taken.
        take: u8,
        /// How it ends.
        end: IterEnd,
    },
    /// `into_iter`: take items from both ends, then end it (`KeepRest` collects the rest
    /// back into a new vector in the same allocator; `Forget` acts as `Drop`, because
    /// forgetting an `IntoIter` leaks its buffer).
    IntoIter {
        /// Items taken with `next`.
        front: u8,
        /// Items taken with `next_back`.
        back: u8,
        /// How it ends.
        end: IterEnd,
    },
    /// `collect` into a new vector (global allocator) from a lying iterator; compared, then
    /// dropped.
    Collect(#[arbitrary(with = super::decode::seeds)] Vec<u8>, HintLie),
    /// `clone`; the clone replaces the vector.
    Clone,
    /// `clone_from` a vector of these seeds.
    CloneFrom(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// Writes up to `n` values into `spare_capacity_mut`, then `set_len`.
    SpareCapacity(u8, u8),
    /// `into_boxed_slice` then `MyBox::into_vec` (std: `Box::into_vec`).
    BoxedSliceRoundTrip,
    /// Arms a [`Tracked`] panic in the next operation, on both sides (no effect for other
    /// element types).
    ArmPanic(Trigger, u8),
}

impl VecOp {
    /// One operation of every kind, with small arguments: what the runner tries once on an
    /// empty subject to learn which operations it has.
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::VecOp;
    /// assert_eq!(VecOp::samples().len(), 42);
    /// ```
    pub fn samples() -> Vec<VecOp> {
        let (range, pred, honest) = Self::sample_arguments();
        let end = IterEnd::Drop;
        vec![
            VecOp::Push(1),
            VecOp::PushMut(1, 2),
            VecOp::PushWithinCapacity(1),
            VecOp::Pop,
            VecOp::PopIf(pred),
            VecOp::Insert(Index(0), 1),
            VecOp::InsertMut(Index(0), 1, 2),
            VecOp::Remove(Index(0)),
            VecOp::TryRemove(Index(0)),
            VecOp::SwapRemove(Index(0)),
            VecOp::Truncate(0),
            VecOp::Clear,
            VecOp::Reserve(Amount::Small(1)),
            VecOp::ReserveExact(Amount::Small(1)),
            VecOp::TryReserve(Amount::Small(1)),
            VecOp::TryReserveExact(Amount::Small(1)),
            VecOp::TryReserveRefused(Amount::Small(1)),
            VecOp::ShrinkToFit,
            VecOp::ShrinkTo(0),
            VecOp::Resize(1, 1),
            VecOp::ResizeWith(1, 1),
            VecOp::ExtendFromSlice(vec![1]),
            VecOp::ExtendFromWithin(range),
            VecOp::Extend(vec![1]),
            VecOp::ExtendLying(vec![1], honest),
            VecOp::Append(vec![1]),
            VecOp::SplitOff(Index(0)),
            VecOp::Retain(pred),
            VecOp::RetainMut(pred),
            VecOp::Dedup,
            VecOp::DedupByKey(1),
            VecOp::DedupBy(pred),
            VecOp::Drain {
                range,
                front: 0,
                back: 0,
                end,
            },
            VecOp::Splice {
                range,
                with: vec![1],
                lie: honest,
                front: 0,
            },
            VecOp::ExtractIf {
                range,
                pred,
                take: 0,
                end,
            },
            VecOp::IntoIter {
                front: 0,
                back: 0,
                end,
            },
            VecOp::Collect(vec![1], honest),
            VecOp::Clone,
            VecOp::CloneFrom(vec![1]),
            VecOp::SpareCapacity(1, 1),
            VecOp::BoxedSliceRoundTrip,
            VecOp::ArmPanic(Trigger::Clone, 255),
        ]
    }

    /// The arguments the samples share: the whole range, a predicate that keeps even keys
    /// and never panics, and an honest size hint.
    fn sample_arguments() -> (RangeSpec, Pred, HintLie) {
        let range = RangeSpec {
            form: 3,
            a: 0,
            b: 0,
        };
        let pred = Pred {
            modulus: 2,
            remainder: 0,
            panic_at: 255,
        };
        let honest = HintLie {
            lower_delta: 0,
            upper: 1,
            panic_after: 255,
        };
        (range, pred, honest)
    }
}

/// Applies `ops` to the vector type `F` names (for elements `T`, on a [`TestAlloc`] over
/// `alloc`) and to std's `Vec<T>`, comparing after every step as the type's
/// [`Compare`](super::Compare) says: results or panics, contents, length, capacity, live
/// [`Tracked`] values; and at the end, that every block was freed.
///
/// Operations the type does not have are skipped and counted in [`RunSummary::skipped`].
/// A failing sequence is minimized before it is reported.
///
/// # Errors
/// The first [`Mismatch`]: a difference from std, a broken `Allocator` contract on either
/// side, a leak, or a refusal by the allocator during an infallible operation (see
/// [`Culprit`](super::Culprit)). Its `Display` includes a `#[test]` that replays it.
///
/// # Examples
/// ```
/// use boxvec::check::{Amount, MyVecs, VecOp, run_vec};
/// use boxvec::alloc::Global;
/// let ops = [VecOp::Reserve(Amount::Small(10)), VecOp::Push(3), VecOp::ShrinkToFit];
/// let summary = run_vec::<MyVecs, u64, _>(&ops, Global).expect("MyVec and std agree");
/// assert_eq!((summary.steps, summary.skipped), (3, 0));
/// ```
pub fn run_vec<F: VecFamily, T: Element, A: Allocator + Clone>(
    ops: &[VecOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    run_vec_within::<F, T, A>(ops, alloc, None)
}

/// [`run_vec`] with the live bytes limited to `budget` (see
/// [`Battery::budget`](super::Battery::budget)).
pub(crate) fn run_vec_within<F: VecFamily, T: Element, A: Allocator + Clone>(
    ops: &[VecOp],
    alloc: A,
    budget: Option<usize>,
) -> Result<RunSummary, Mismatch> {
    let once = |ops: &[VecOp]| run_vec_once::<F::Vec<T, A>, T, A>(ops, alloc.clone(), budget);
    run_minimized(ops, once, |report, minimal| {
        describe::<F, T, A>(report, minimal, ops.len());
    })
}

/// One run, without minimization.
fn run_vec_once<S: VecUnderTest<T, A>, T: Element, A: Allocator + Clone>(
    ops: &[VecOp],
    alloc: A,
    budget: Option<usize>,
) -> Result<RunSummary, Mismatch> {
    let supported = probe::<S, T, A>(&alloc);
    let compare_live = S::COMPARE.drops == DropCheck::SameAsStd;
    run_checked(
        ops.len(),
        alloc,
        (FailMode::Never, budget),
        compare_live,
        |test_alloc, summary| {
            let mut run: Run<'_, S, Vec<T>, T, A> = Run::new(test_alloc);
            run.all(ops, &supported, summary)
        },
    )
}

/// Fills in a report's context: the subject, the element type, the sequence as Rust source,
/// and a `#[test]` that replays it.
fn describe<F: VecFamily, T: Element, A: Allocator + Clone>(
    report: &mut Mismatch,
    ops: &[VecOp],
    original_len: usize,
) {
    let names = (short_type_name::<F::Vec<T, A>>(), short_type_name::<T>());
    report.set_context(names, "VecOp", ops, original_len);
    let alloc = match short_type_name::<A>().as_str() {
        "Global" => "boxvec::alloc::Global".to_string(),
        other => format!("boxvec::alloc::Global; // the run used {other}: pass it here"),
    };
    report.replay = format!(
        "#[test]\nfn {family}_{element}_matches_std() {{\n    use boxvec::check::*;\n    \
         let ops = [\n{ops}    ];\n    let alloc = {alloc};\n    \
         let result = run_vec::<{family_type}, {element_type}, _>(&ops, alloc);\n    \
         assert!(result.is_ok(), \"{{}}\", result.unwrap_err());\n}}\n",
        family = snake(&short_type_name::<F>()),
        element = snake(&report.element),
        ops = report
            .sequence
            .iter()
            .map(|op| format!("        {op},\n"))
            .collect::<String>(),
        family_type = short_type_name::<F>(),
        element_type = report.element,
    );
}

/// A type name as part of a function name: `OverAligned` becomes `over_aligned`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_end_matches('_');
    if trimmed.is_empty() {
        "unit".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The operations each subject type has, learned once per type and thread (keyed by the
/// type's name: `TypeId` would need `'static`, and subjects may borrow their allocator).
type SupportCache = RefCell<HashMap<&'static str, Rc<HashSet<Discriminant<VecOp>>>>>;

thread_local! {
    static SUPPORT: SupportCache = RefCell::new(HashMap::new());
}

/// Which operations a subject has: each sample operation is tried once on a fresh, empty
/// subject (on its own allocator, before the run's counts start); those that answer
/// [`Unsupported`](super::Unsupported) are skipped for the whole run.
fn probe<S: VecUnderTest<T, A>, T: Element, A: Allocator + Clone>(
    alloc: &A,
) -> Rc<HashSet<Discriminant<VecOp>>> {
    let key = core::any::type_name::<S>();
    if let Some(known) = SUPPORT.with(|cache| cache.borrow().get(key).cloned()) {
        return known;
    }
    let supported = Rc::new(probe_now::<S, T, A>(alloc));
    SUPPORT.with(|cache| cache.borrow_mut().insert(key, Rc::clone(&supported)));
    supported
}

fn probe_now<S: VecUnderTest<T, A>, T: Element, A: Allocator + Clone>(
    alloc: &A,
) -> HashSet<Discriminant<VecOp>> {
    Tracked::disarm();
    let scratch = TestAlloc::new(alloc.clone(), FailMode::Never);
    let mut supported = HashSet::new();
    for sample in VecOp::samples() {
        let mut run: Run<'_, S, Vec<T>, T, A> = Run::new(&scratch);
        let step = Step {
            index: 0,
            op: &sample,
        };
        if !matches!(run.apply(&step), Ok(Done::Skipped)) {
            supported.insert(discriminant(&sample));
        }
    }
    supported
}

/// What applying one operation came to.
enum Done {
    /// Both sides ran; whether they panicked.
    Ran(bool),
    /// The subject does not have the operation.
    Skipped,
}

/// The two sides of a run: the subject and the oracle (std's `Vec`, as a [`VecUnderTest`]
/// too, so every operation is written once for both).
struct Run<'a, S, O, T, A: Allocator> {
    ours: S,
    theirs: O,
    alloc: &'a TestAlloc<A>,
    element: PhantomData<T>,
}

/// The length past which a run cuts both vectors back (see `Run::all`).
const MAX_LEN: usize = 1024;

/// Runs `$body` with `$v` bound to the subject, then — if it has the operation — to std's
/// vector, each in `run_op`, and judges the two outcomes. `$side` names the side (to build
/// element values).
///
/// A rule for every body: drop locals that own elements explicitly *before* building the
/// value to return. A local dropped after the return value exists would, if its drop
/// panicked, leak that return value (rust-lang/rust#47949), a leak of the harness that the
/// leak checkers would blame on the code under test.
macro_rules! both {
    ($run:ident, $step:ident, |$v:ident, $side:ident| $body:expr) => {{
        let ours = {
            let $v = &mut $run.ours;
            let $side = Side::Ours;
            run_op(move || $body)
        };
        if ours == Outcome::Unsupported {
            return Ok(Done::Skipped);
        }
        let theirs = {
            let $v = &mut $run.theirs;
            let $side = Side::Std;
            run_op(move || $body)
        };
        $run.judge($step, ours, theirs)
    }};
}

type StepResult = Result<Done, Mismatch>;

impl<'a, S, O, T, A> Run<'a, S, O, T, A>
where
    S: VecUnderTest<T, A>,
    O: VecUnderTest<T, A>,
    T: Element,
    A: Allocator + Clone,
{
    fn new(alloc: &'a TestAlloc<A>) -> Self {
        Run {
            ours: S::new_in(alloc.clone()),
            theirs: O::new_in(alloc.clone()),
            alloc,
            element: PhantomData,
        }
    }

    /// Every operation in turn, with the comparisons after each.
    fn all(
        &mut self,
        ops: &[VecOp],
        supported: &HashSet<Discriminant<VecOp>>,
        summary: &mut RunSummary,
    ) -> Result<(), Mismatch> {
        let mut pending = PendingPanic::default();
        for (index, op) in ops.iter().enumerate() {
            if !supported.contains(&discriminant(op)) || !S::supports(op) {
                summary.skipped += 1;
                continue;
            }
            let step = Step { index, op };
            pending.before_step(match *op {
                VecOp::ArmPanic(trigger, nth) => Some((trigger, nth)),
                _ => None,
            });
            let done = self.apply(&step);
            Tracked::disarm();
            match done? {
                Done::Skipped => summary.skipped += 1,
                Done::Ran(panicked) => {
                    summary.steps += 1;
                    summary.panics += usize::from(panicked);
                }
            }
            self.compare(&step)?;
            step.outside_step(|| self.cut_back())?;
        }
        Ok(())
    }

    /// Steps like `extend_from_within` can double the length every time; a long run would
    /// then outgrow any machine (libFuzzer found this as an out-of-memory). Cut both sides
    /// back the same way, outside any step (no panic is armed here).
    fn cut_back(&mut self) {
        if self.ours.as_slice().len() > MAX_LEN {
            let _ = self.ours.truncate(MAX_LEN / 8);
            let _ = self.theirs.truncate(MAX_LEN / 8);
        }
    }

    /// The comparisons after a step, as the subject's `Compare` asks.
    fn compare(&self, step: &Step<'_, VecOp>) -> Result<(), Mismatch> {
        let (ours, theirs) = (self.ours.as_slice(), self.theirs.as_slice());
        step.same_contents(ours, theirs)?;
        step.same("len", ours.len(), theirs.len())?;
        match S::COMPARE.capacity {
            CapacityCheck::SameAsStd => {
                step.same("capacity", self.ours.capacity(), self.theirs.capacity())?;
            }
            CapacityCheck::AtLeastLen if self.ours.capacity() < ours.len() => {
                return Err(step.mismatch_text(
                    "capacity (below len)",
                    self.ours.capacity().to_string(),
                    format!("at least {}", ours.len()),
                ));
            }
            CapacityCheck::AtLeastLen | CapacityCheck::Ignore => {}
        }
        match S::COMPARE.drops {
            DropCheck::SameAsStd => step.same_live_counts(),
            DropCheck::NeverTwice => step.none_dropped_twice(ours.len()),
        }
    }

    /// Requires both outcomes to match as the subject's `Compare` asks.
    fn judge(&self, step: &Step<'_, VecOp>, ours: Outcome, theirs: Outcome) -> StepResult {
        let panics = match S::COMPARE.panics {
            PanicCheck::SameMessage => PanicMatch::Message,
            PanicCheck::BothPanic => PanicMatch::Any,
        };
        step.matching_outcome(ours, theirs, panics).map(Done::Ran)
    }

    /// The length before the step (for resolving indices and ranges).
    fn len(&self) -> usize {
        self.ours.as_slice().len()
    }

    /// Applies one operation to both sides.
    fn apply(&mut self, step: &Step<'_, VecOp>) -> StepResult {
        match step.op {
            VecOp::Push(seed) => both!(self, step, |v, side| v.push(T::from_seed(*seed, side))),
            VecOp::PushMut(seed, new) => self.push_mut(step, *seed, *new),
            VecOp::PushWithinCapacity(seed) => self.push_within_capacity(step, *seed),
            VecOp::Pop => both!(self, step, |v, _side| v.pop()),
            VecOp::PopIf(pred) => self.pop_if(step, *pred),
            VecOp::Insert(index, seed) => self.insert(step, *index, *seed),
            VecOp::InsertMut(index, seed, new) => self.insert_mut(step, *index, *seed, *new),
            VecOp::Remove(index) => self.remove(step, *index),
            VecOp::TryRemove(index) => self.try_remove(step, *index),
            VecOp::SwapRemove(index) => self.swap_remove(step, *index),
            VecOp::Truncate(n) => self.truncate(step, *n),
            VecOp::Clear => both!(self, step, |v, _side| v.clear()),
            VecOp::Reserve(amount) | VecOp::ReserveExact(amount) => self.reserve(step, *amount),
            VecOp::TryReserve(amount)
            | VecOp::TryReserveExact(amount)
            | VecOp::TryReserveRefused(amount) => self.try_reserve(step, amount.resolve()),
            VecOp::ShrinkToFit => both!(self, step, |v, _side| v.shrink_to_fit()),
            VecOp::ShrinkTo(n) => both!(self, step, |v, _side| v.shrink_to(usize::from(*n))),
            VecOp::Resize(n, seed) => self.resize(step, *n, *seed),
            VecOp::ResizeWith(n, seed) => self.resize_with(step, *n, *seed),
            VecOp::ExtendFromSlice(seeds) => self.extend_from_slice(step, seeds),
            VecOp::ExtendFromWithin(range) => self.extend_from_within(step, *range),
            VecOp::Extend(seeds) => self.extend(step, seeds),
            VecOp::ExtendLying(seeds, lie) => self.extend_lying(step, seeds, *lie),
            VecOp::Append(seeds) => self.append(step, seeds),
            VecOp::SplitOff(index) => self.split_off(step, *index),
            VecOp::Retain(pred) | VecOp::RetainMut(pred) => self.retain(step, *pred),
            VecOp::Dedup => both!(self, step, |v, _side| v.dedup()),
            VecOp::DedupByKey(modulus) => self.dedup_by_key(step, *modulus),
            VecOp::DedupBy(pred) => self.dedup_by(step, *pred),
            VecOp::Drain {
                range,
                front,
                back,
                end,
            } => {
                let plan = self.plan(*front, *back, *end);
                self.drain(step, *range, plan)
            }
            VecOp::Splice {
                range,
                with,
                lie,
                front,
            } => self.splice(step, *range, with, *lie, *front),
            VecOp::ExtractIf {
                range,
                pred,
                take,
                end,
            } => {
                let plan = self.plan(*take, 0, *end);
                self.extract_if(step, *range, *pred, plan)
            }
            VecOp::IntoIter { front, back, end } => {
                let plan = self.plan(*front, *back, *end);
                self.take_into_iter(step, plan)
            }
            VecOp::Collect(seeds, lie) => self.collect(step, seeds, *lie),
            VecOp::Clone => self.clone(step),
            VecOp::CloneFrom(seeds) => self.clone_from(step, seeds),
            VecOp::SpareCapacity(n, seed) => self.spare_capacity(step, *n, *seed),
            VecOp::BoxedSliceRoundTrip => both!(self, step, |v, _side| v.boxed_slice_round_trip()),
            VecOp::ArmPanic(..) => Ok(Done::Ran(false)),
        }
    }

    // --- adding and removing single elements -------------------------------------------

    fn push_mut(&mut self, step: &Step<'_, VecOp>, seed: u8, new: u8) -> StepResult {
        both!(self, step, |v, side| v
            .push_mut(T::from_seed(seed, side), T::from_seed(new, side)))
    }

    fn push_within_capacity(&mut self, step: &Step<'_, VecOp>, seed: u8) -> StepResult {
        both!(self, step, |v, side| v
            .push_within_capacity(T::from_seed(seed, side))
            .map(|pushed| pushed.map_err(|value| value.key())))
    }

    fn pop_if(&mut self, step: &Step<'_, VecOp>, pred: Pred) -> StepResult {
        both!(self, step, |v, _side| {
            let mut p = pred.start();
            v.pop_if(&mut |x| p.test(x.key()))
        })
    }

    fn insert(&mut self, step: &Step<'_, VecOp>, index: Index, seed: u8) -> StepResult {
        let at = index.resolve(self.len() + 1);
        both!(self, step, |v, side| v.insert(at, T::from_seed(seed, side)))
    }

    fn insert_mut(
        &mut self,
        step: &Step<'_, VecOp>,
        index: Index,
        seed: u8,
        new: u8,
    ) -> StepResult {
        let at = index.resolve(self.len() + 1);
        both!(self, step, |v, side| v.insert_mut(
            at,
            T::from_seed(seed, side),
            T::from_seed(new, side)
        ))
    }

    fn remove(&mut self, step: &Step<'_, VecOp>, index: Index) -> StepResult {
        let at = index.resolve(self.len());
        both!(self, step, |v, _side| v.remove(at))
    }

    fn try_remove(&mut self, step: &Step<'_, VecOp>, index: Index) -> StepResult {
        let at = index.resolve(self.len());
        both!(self, step, |v, _side| v.try_remove(at))
    }

    fn swap_remove(&mut self, step: &Step<'_, VecOp>, index: Index) -> StepResult {
        let at = index.resolve(self.len());
        both!(self, step, |v, _side| v.swap_remove(at))
    }

    fn truncate(&mut self, step: &Step<'_, VecOp>, n: u16) -> StepResult {
        let n = usize::from(n) % (self.len() + 2);
        both!(self, step, |v, _side| v.truncate(n))
    }

    // --- capacity ------------------------------------------------------------------------

    /// `reserve` and `reserve_exact`.
    fn reserve(&mut self, step: &Step<'_, VecOp>, amount: Amount) -> StepResult {
        let n = amount.for_infallible();
        if matches!(step.op, VecOp::ReserveExact(_)) {
            both!(self, step, |v, _side| v.reserve_exact(n))
        } else {
            both!(self, step, |v, _side| v.reserve(n))
        }
    }

    /// `try_reserve`, `try_reserve_exact`, and `try_reserve` with the next request refused.
    ///
    /// A request the allocator refuses (on purpose, or because the allocator under test said
    /// no) must come back as `AllocError` with the vector exactly as it was; std's side then
    /// runs only if the refusal was not injected, and if std succeeds (its allocator was more
    /// generous) its capacity is set back to ours.
    fn try_reserve(&mut self, step: &Step<'_, VecOp>, n: usize) -> StepResult {
        let exact = !matches!(step.op, VecOp::TryReserve(_) | VecOp::TryReserveRefused(_));
        let alloc = self.alloc;
        let before = self.buffer();
        let (refusals, failures) = (alloc.refusals(), alloc.failing().failures());
        let ours = &mut self.ours;
        let ours = if matches!(step.op, VecOp::TryReserveRefused(_)) {
            run_op(|| refuse_next(alloc, || Self::try_reserve_on(ours, n, exact)).0)
        } else {
            run_op(|| alloc.fallible(|| Self::try_reserve_on(ours, n, exact)))
        };
        if ours == Outcome::Unsupported {
            return Ok(Done::Skipped);
        }
        if alloc.refusals() == refusals {
            let theirs = self.theirs_try_reserve(n, exact);
            return self.judge(step, ours, theirs);
        }
        let refused = Outcome::Returned(format!("{:?}", Err::<(), _>(ReserveError::AllocError)));
        step.same("result of a refused request", &ours, &refused)?;
        step.same("buffer after a refused request", self.buffer(), before)?;
        if alloc.failing().failures() == failures {
            // The allocator under test refused by itself: std (on the global allocator) may
            // well succeed; if it does, its capacity is set back to ours.
            let theirs = self.theirs_try_reserve(n, exact);
            let served = Outcome::Returned(format!("{:?}", Ok::<(), ReserveError>(())));
            if theirs == served {
                step.outside_step(|| self.sync_capacity())?;
            } else if theirs != refused {
                return self.judge(step, ours, theirs);
            }
        }
        Ok(Done::Ran(false))
    }

    fn theirs_try_reserve(&mut self, n: usize, exact: bool) -> Outcome {
        run_op(|| Self::try_reserve_on(&mut self.theirs, n, exact))
    }

    /// `try_reserve` or `try_reserve_exact` on one side.
    fn try_reserve_on<V: VecUnderTest<T, A>>(
        v: &mut V,
        n: usize,
        exact: bool,
    ) -> Supported<Result<(), ReserveError>> {
        if exact {
            v.try_reserve_exact(n)
        } else {
            v.try_reserve(n)
        }
    }

    /// Where the subject's buffer is: start address, length, capacity.
    fn buffer(&self) -> (usize, usize, usize) {
        let slice = self.ours.as_slice();
        (slice.as_ptr().addr(), slice.len(), self.ours.capacity())
    }

    /// After a step whose capacity is legitimately not comparable, gives std's vector the
    /// same capacity as ours, so later steps compare growth from the same starting point.
    fn sync_capacity(&mut self) {
        let (ours, theirs) = (self.ours.capacity(), self.theirs.capacity());
        let len = self.theirs.as_slice().len();
        let _ = match theirs.cmp(&ours) {
            core::cmp::Ordering::Less => self.theirs.reserve_exact(ours - len),
            core::cmp::Ordering::Greater => self.theirs.shrink_to(ours),
            core::cmp::Ordering::Equal => Ok(()),
        };
    }

    fn resize(&mut self, step: &Step<'_, VecOp>, n: u16, seed: u8) -> StepResult {
        let n = Self::new_len(n);
        both!(self, step, |v, side| v.resize(n, T::from_seed(seed, side)))
    }

    fn resize_with(&mut self, step: &Step<'_, VecOp>, n: u16, seed: u8) -> StepResult {
        let n = Self::new_len(n);
        both!(self, step, |v, side| {
            let mut next = seed;
            v.resize_with(n, &mut || {
                next = next.wrapping_add(1);
                T::from_seed(next, side)
            })
        })
    }

    /// The length a `resize` asks for: below 64 mostly; below 512 when the top four bits are
    /// set (1 in 16), so a fuzzer spends its time on many short runs, not a few long ones.
    fn new_len(n: u16) -> usize {
        if n >> 12 == 0xF {
            usize::from(n) % 512
        } else {
            usize::from(n) % 64
        }
    }

    // --- adding many elements ---------------------------------------------------------------

    fn extend_from_slice(&mut self, step: &Step<'_, VecOp>, seeds: &[u8]) -> StepResult {
        both!(self, step, |v, side| {
            let items = values::<T>(seeds, side);
            let result = v.extend_from_slice(&items);
            drop(items);
            result
        })
    }

    fn extend_from_within(&mut self, step: &Step<'_, VecOp>, range: RangeSpec) -> StepResult {
        let bounds = range.resolve(self.len());
        both!(self, step, |v, _side| v.extend_from_within(bounds))
    }

    fn extend(&mut self, step: &Step<'_, VecOp>, seeds: &[u8]) -> StepResult {
        both!(self, step, |v, side| v
            .extend(values::<T>(seeds, side).into_iter()))
    }

    /// `extend` from an iterator that lies in `size_hint` (and may panic). An exact-looking
    /// hint is trusted for capacity by `MyVec` (no `TrustedLen` on stable) and not by std:
    /// then only the contents are comparable, and std's capacity is set to ours.
    fn extend_lying(&mut self, step: &Step<'_, VecOp>, seeds: &[u8], lie: HintLie) -> StepResult {
        let done = self.extend_lying_both(step, seeds, lie)?;
        if lie.looks_exact(seeds.len()) {
            step.same_contents(self.ours.as_slice(), self.theirs.as_slice())?;
            step.outside_step(|| self.sync_capacity())?;
        }
        Ok(done)
    }

    fn extend_lying_both(
        &mut self,
        step: &Step<'_, VecOp>,
        seeds: &[u8],
        lie: HintLie,
    ) -> StepResult {
        both!(self, step, |v, side| v
            .extend(Lying::new(values::<T>(seeds, side), lie)))
    }

    fn append(&mut self, step: &Step<'_, VecOp>, seeds: &[u8]) -> StepResult {
        let alloc = self.alloc;
        both!(self, step, |v, side| {
            let mut other = VecUnderTest::<T, A>::new_in(alloc.clone());
            let filled =
                VecUnderTest::<T, A>::extend(&mut other, values::<T>(seeds, side).into_iter());
            let appended = filled.and_then(|()| v.append(&mut other));
            let seen = (other.as_slice().len(), Self::compared_capacity(&other));
            drop(other);
            appended.map(|()| seen)
        })
    }

    fn split_off(&mut self, step: &Step<'_, VecOp>, index: Index) -> StepResult {
        let at = index.resolve(self.len() + 1);
        both!(self, step, |v, _side| v.split_off(at).map(|tail| {
            let seen = (
                format!("{:?}", tail.as_slice()),
                Self::compared_capacity(&tail),
            );
            drop(tail);
            seen
        }))
    }

    // --- removing by predicate ---------------------------------------------------------------

    /// `retain` and `retain_mut` (which also changes the elements it keeps).
    fn retain(&mut self, step: &Step<'_, VecOp>, pred: Pred) -> StepResult {
        if matches!(step.op, VecOp::Retain(_)) {
            return both!(self, step, |v, _side| {
                let mut p = pred.start();
                v.retain(&mut |x| p.test(x.key()))
            });
        }
        both!(self, step, |v, side| {
            let mut p = pred.start();
            v.retain_mut(&mut |x| {
                let keep = p.test(x.key());
                if keep {
                    *x = T::from_seed(x.key().wrapping_add(1), side);
                }
                keep
            })
        })
    }

    fn dedup_by_key(&mut self, step: &Step<'_, VecOp>, modulus: u8) -> StepResult {
        let m = modulus.max(1);
        both!(self, step, |v, _side| v.dedup_by_key(&mut |x| x.key() % m))
    }

    fn dedup_by(&mut self, step: &Step<'_, VecOp>, pred: Pred) -> StepResult {
        both!(self, step, |v, _side| {
            let mut p = pred.start();
            v.dedup_by(&mut |a, b| p.test(a.key().wrapping_add(b.key())))
        })
    }

    // --- iterators -------------------------------------------------------------------------

    /// The plan for consuming an iterator. `Forget` leaks what the iterator owns; for element
    /// types that own heap memory that would be a real leak, which Miri and valgrind report,
    /// so those drop instead.
    fn plan(&self, front: u8, back: u8, end: IterEnd) -> IterPlan {
        let end = if end == IterEnd::Forget && T::OWNS_HEAP {
            IterEnd::Drop
        } else {
            end
        };
        IterPlan { front, back, end }
    }

    fn drain(&mut self, step: &Step<'_, VecOp>, range: RangeSpec, plan: IterPlan) -> StepResult {
        let bounds = range.resolve(self.len());
        let rest_shown = &Cell::new(true);
        both!(self, step, |v, _side| v.drain(bounds, &plan).map(
            |(taken, rest)| (taken, Self::shown_rest(rest_shown, rest))
        ))
    }

    /// The `as_slice` text of a partly consumed iterator, if the subject can show it: an empty
    /// text means it cannot (the subject runs first), and then std's is not compared either.
    fn shown_rest(shown: &Cell<bool>, rest: String) -> Option<String> {
        if rest.is_empty() {
            shown.set(false);
        }
        shown.get().then_some(rest)
    }

    /// A capacity that is part of a result (of `split_off`, `append`, `collect`): compared only
    /// when the subject promises std's capacities.
    fn compared_capacity<V: VecUnderTest<T, A>>(v: &V) -> Option<usize> {
        (S::COMPARE.capacity == CapacityCheck::SameAsStd).then(|| v.capacity())
    }

    fn splice(
        &mut self,
        step: &Step<'_, VecOp>,
        range: RangeSpec,
        with: &[u8],
        lie: HintLie,
        front: u8,
    ) -> StepResult {
        let bounds = range.resolve(self.len());
        both!(self, step, |v, side| {
            let replacement = Lying::new(values::<T>(with, side), lie);
            v.splice(bounds, replacement, usize::from(front))
        })
    }

    fn extract_if(
        &mut self,
        step: &Step<'_, VecOp>,
        range: RangeSpec,
        pred: Pred,
        plan: IterPlan,
    ) -> StepResult {
        let bounds = range.resolve(self.len());
        both!(self, step, |v, _side| {
            let mut p = pred.start();
            v.extract_if(bounds, &mut |x| p.test(x.key()), &plan)
        })
    }

    fn take_into_iter(&mut self, step: &Step<'_, VecOp>, plan: IterPlan) -> StepResult {
        let rest_shown = &Cell::new(true);
        both!(self, step, |v, _side| v.take_into_iter(&plan).map(
            |(taken, rest)| (taken, Self::shown_rest(rest_shown, rest))
        ))
    }

    /// `collect` from a lying iterator; compared, then dropped. An exact-looking lie makes
    /// the capacity not comparable (see `extend_lying`).
    fn collect(&mut self, step: &Step<'_, VecOp>, seeds: &[u8], lie: HintLie) -> StepResult {
        // An exact-looking lie makes the capacity not comparable, and so does a subject whose
        // capacity is not compared.
        let exact = lie.looks_exact(seeds.len()) || S::COMPARE.capacity != CapacityCheck::SameAsStd;
        let describe = |collected: Supported<Collected>| {
            collected.map(|c| {
                if exact {
                    (c.contents, None)
                } else {
                    (c.contents, Some(c.capacity))
                }
            })
        };
        let ours = run_op(|| describe(S::collect(Lying::new(values::<T>(seeds, Side::Ours), lie))));
        if ours == Outcome::Unsupported {
            return Ok(Done::Skipped);
        }
        let theirs =
            run_op(|| describe(O::collect(Lying::new(values::<T>(seeds, Side::Std), lie))));
        self.judge(step, ours, theirs)
    }

    // --- cloning and raw access ----------------------------------------------------------

    /// `clone`; the clone replaces the vector.
    fn clone(&mut self, step: &Step<'_, VecOp>) -> StepResult {
        both!(self, step, |v, _side| v.clone_vec().map(|copy| *v = copy))
    }

    /// `clone_from` a vector of these seeds. The sources are built before and dropped inside
    /// the step: their drops may be the armed ones.
    fn clone_from(&mut self, step: &Step<'_, VecOp>, seeds: &[u8]) -> StepResult {
        let source_ours = step.outside_step(|| self.filled::<S>(seeds, Side::Ours))?;
        let source_std = step.outside_step(|| self.filled::<O>(seeds, Side::Std))?;
        let ours = run_op(|| {
            let result = self.ours.clone_from_vec(&source_ours);
            drop(source_ours);
            result
        });
        if ours == Outcome::Unsupported {
            return Ok(Done::Skipped);
        }
        let theirs = run_op(|| {
            let result = self.theirs.clone_from_vec(&source_std);
            drop(source_std);
            result
        });
        self.judge(step, ours, theirs)
    }

    /// A vector of type `V` holding the values for `seeds`, built with `push`.
    fn filled<V: VecUnderTest<T, A>>(&self, seeds: &[u8], side: Side) -> V {
        let mut v = V::new_in(self.alloc.clone());
        for value in values::<T>(seeds, side) {
            let _ = v.push(value);
        }
        v
    }

    /// Writes up to `n` values into the spare capacity, then `set_len`.
    fn spare_capacity(&mut self, step: &Step<'_, VecOp>, n: u8, seed: u8) -> StepResult {
        both!(self, step, |v, side| {
            let mut fill = |spare: &mut [core::mem::MaybeUninit<T>]| {
                let count = usize::from(n).min(spare.len());
                for (i, slot) in spare.iter_mut().take(count).enumerate() {
                    slot.write(T::from_seed(seed.wrapping_add(i as u8), side));
                }
                count
            };
            // SAFETY: `fill` initializes exactly the first `count` slots it is given and
            // returns `count`, which is at most the slice's length.
            unsafe { v.fill_spare_capacity(&mut fill) }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::snake;

    #[test]
    fn type_names_become_function_names() {
        let cases = [
            ("OverAligned", "over_aligned"),
            ("MyVecs", "my_vecs"),
            ("u8", "u8"),
            ("String", "string"),
            ("(u8, String)", "u8_string"),
            ("Vec<u8>", "vec_u8"),
            ("()", "unit"),
        ];
        for (name, snaked) in cases {
            assert_eq!(snake(name), snaked, "{name}");
        }
    }
}
