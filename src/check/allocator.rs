//! Testing an allocator: [`check_allocator`] runs the whole harness on it.

use core::fmt;
use std::string::String;
use std::vec::Vec;

use arbitrary::{Arbitrary, Unstructured};

use super::box_ops::{BoxOp, run_box_ops_within};
use super::decode::{ElementKind, ops_from_bytes};
use super::element::{OverAligned, Tracked};
use super::fallible::{FailPlan, FallibleOp};
use super::raw_vec_ops::{RawVecOp, run_raw_vec_ops_within};
use super::report::{Culprit, Mismatch};
use super::runner::RunSummary;
use super::subject::MyVecs;
use super::vec_ops::{VecOp, run_vec_within};
use crate::alloc::Allocator;

/// How much [`check_allocator`] runs, and how much memory it may ask for.
///
/// # Examples
/// ```
/// use boxvec::check::Battery;
/// let quick = Battery { rounds: 2, ..Battery::default() };
/// assert_eq!(quick.budget, Battery::DEFAULT_BUDGET);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Battery {
    /// Rounds: each runs 20 sequences (4 kinds — `MyVec`, `MyBox`, `RawVec`, fallible
    /// operations under injected failures — for each of 5 element types).
    pub rounds: usize,
    /// The most bytes the battery keeps live in your allocator at once. A request that would
    /// go over it is refused *before* it reaches your allocator: a fallible operation gets an
    /// error (and is checked for handling it), an infallible one ends its sequence, counted in
    /// [`AllocatorReport::stopped`]. The battery's sequences need about 1 MiB live; an
    /// allocator that never frees (a bump arena) needs, in all, about 5 MiB per round.
    pub budget: usize,
}

impl Battery {
    /// The default budget: 16 MiB.
    pub const DEFAULT_BUDGET: usize = 16 << 20;
}

impl Default for Battery {
    /// 20 rounds (400 sequences), a 16 MiB budget.
    fn default() -> Self {
        Battery {
            rounds: 20,
            budget: Battery::DEFAULT_BUDGET,
        }
    }
}

/// What [`check_allocator`] ran. Its `Display` explains every number.
///
/// # Examples
/// ```
/// use boxvec::check::{Battery, check_allocator};
/// use boxvec::alloc::Global;
/// let report = check_allocator(Global, Battery { rounds: 1, ..Battery::default() }).unwrap();
/// assert_eq!(report.sequences, 20);
/// assert_eq!(report.stopped, 0);
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct AllocatorReport {
    /// Operation sequences run.
    pub sequences: usize,
    /// Operations applied and compared with std, in all.
    pub steps: usize,
    /// The same operations, per kind of sequence: each kind must have run for the battery to
    /// mean what it says.
    pub steps_by_kind: StepsByKind,
    /// Operations that panicked identically on both sides: the sequences hit the panic paths
    /// on purpose (an index out of bounds, a reservation that overflows).
    pub panics: usize,
    /// Requests refused on purpose by the failure injection (each came back as an error).
    pub injected_failures: u64,
    /// Sequences that ended early because a request was refused during an infallible
    /// operation, where a real program would abort: by your allocator, or by the budget.
    pub stopped: usize,
    /// The first of those refusals, with where it happened.
    pub first_stop: Option<Mismatch>,
}

/// Operations run by [`check_allocator`], per kind of sequence.
///
/// # Examples
/// ```
/// use boxvec::check::{Battery, check_allocator};
/// use boxvec::alloc::Global;
/// let report = check_allocator(Global, Battery { rounds: 1, ..Battery::default() }).unwrap();
/// let kinds = report.steps_by_kind;
/// assert!(kinds.vec > 0 && kinds.boxed > 0 && kinds.raw_vec > 0 && kinds.fallible > 0);
/// assert_eq!(kinds.vec + kinds.boxed + kinds.raw_vec + kinds.fallible, report.steps);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
pub struct StepsByKind {
    /// [`VecOp`]s on `MyVec`.
    pub vec: usize,
    /// [`BoxOp`]s on `MyBox`.
    pub boxed: usize,
    /// [`RawVecOp`]s on `RawVec`.
    pub raw_vec: usize,
    /// [`FallibleOp`]s under injected failures.
    pub fallible: usize,
}

impl AllocatorReport {
    /// Counts one sequence; returns the steps it ran (0 if it stopped at a refusal), for the
    /// caller to add to its kind's count.
    fn add(&mut self, run: Result<RunSummary, Mismatch>) -> Result<usize, Mismatch> {
        self.sequences += 1;
        match run {
            Ok(summary) => {
                self.steps += summary.steps;
                self.panics += summary.panics;
                self.injected_failures += summary.injected_failures;
                Ok(summary.steps)
            }
            Err(stop) if stop.culprit == Culprit::Refusal => {
                self.stopped += 1;
                self.first_stop.get_or_insert(stop);
                Ok(0)
            }
            Err(mismatch) => Err(mismatch),
        }
    }
}

impl fmt::Display for AllocatorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} sequences ({} rounds x 5 element types x 4 kinds: MyVec, MyBox, RawVec, fallible \
             operations)",
            self.sequences,
            self.sequences / 20
        )?;
        let kinds = &self.steps_by_kind;
        writeln!(
            f,
            "{} operations ({} on MyVec, {} on MyBox, {} on RawVec, {} fallible), each \
             compared with std after it ran",
            self.steps, kinds.vec, kinds.boxed, kinds.raw_vec, kinds.fallible
        )?;
        writeln!(
            f,
            "{} of them panicked identically on both sides (out-of-bounds indices and \
             overflowing reservations, on purpose)",
            self.panics
        )?;
        writeln!(
            f,
            "{} requests refused on purpose by the failure injection, each handled as an error",
            self.injected_failures
        )?;
        match &self.first_stop {
            None => writeln!(f, "0 sequences stopped by a refusal"),
            Some(first) => writeln!(
                f,
                "{} sequences stopped by a refusal where a real program would abort; the \
                 first: {} (step {}: {})",
                self.stopped, first.ours, first.step, first.op
            ),
        }
    }
}

/// Tests an allocator: runs [`Battery::rounds`] rounds of pseudo-random sequences of every
/// kind ([`VecOp`], [`BoxOp`], [`RawVecOp`], and [`FallibleOp`] under a failure plan) for
/// every element type, with `MyVec`, `MyBox` and `RawVec` on a
/// [`TestAlloc`](super::TestAlloc) over `alloc`, against std.
///
/// The `TestAlloc` sits between boxvec and your allocator and verifies the `Allocator`
/// contract from both sides, so this finds bugs in your allocator (a block that is misaligned
/// or shorter than asked, `allocate_zeroed` memory that is not zero, overlapping blocks, a
/// `grow` that loses contents — which shows up as different contents than std). The
/// sequences are the same on every call, so a failure is reproducible.
///
/// A refusal by your allocator is not a bug: in a fallible operation it must come back as an
/// error; in an infallible one the sequence ends there (a real program would abort) and the
/// report counts it in [`AllocatorReport::stopped`]. The process is never aborted.
///
/// What it cannot see: a block that is shorter than the allocator *claims* yet long enough
/// for what boxvec writes, a leak or corruption inside the allocator's own bookkeeping, or
/// memory handed out twice across threads. Run the same battery under valgrind, AddressSanitizer
/// (`cargo +nightly fuzz`) or Miri for those.
///
/// # Errors
/// The first [`Mismatch`] that is a bug: its [`Culprit`] says whether your allocator broke its
/// side of the contract ([`Culprit::Allocator`]) or boxvec did.
///
/// # Examples
/// ```
/// use boxvec::check::{Battery, check_allocator};
/// use boxvec::alloc::{FromGlobal, System};
/// let report = check_allocator(FromGlobal::new(System), Battery { rounds: 2, ..Battery::default() })
///     .expect("System keeps the contract");
/// assert_eq!(report.sequences, 40);
/// println!("{report}");
/// ```
pub fn check_allocator<A: Allocator + Clone>(
    alloc: A,
    battery: Battery,
) -> Result<AllocatorReport, Mismatch> {
    let mut report = AllocatorReport::default();
    let mut bytes = PseudoRandomBytes::new(0x5EED_B0C5_7EC5_0001);
    let budget = battery.budget;
    for _ in 0..battery.rounds {
        for kind in ElementKind::ALL {
            let ops: Vec<VecOp> = ops_from_bytes(&bytes.take(512));
            let run = run_vec_kind(kind, &ops, alloc.clone(), budget);
            report.steps_by_kind.vec += report.add(run)?;

            let ops: Vec<BoxOp> = ops_from_bytes(&bytes.take(256));
            let run = run_box_kind(kind, &ops, alloc.clone(), budget);
            report.steps_by_kind.boxed += report.add(run)?;

            let ops: Vec<RawVecOp> = ops_from_bytes(&bytes.take(256));
            let run = run_raw_vec_kind(kind, &ops, alloc.clone(), budget);
            report.steps_by_kind.raw_vec += report.add(run)?;

            let data = bytes.take(256);
            let plan =
                FailPlan::arbitrary(&mut Unstructured::new(&data[..3])).unwrap_or(FailPlan::Nth(0));
            let ops: Vec<FallibleOp> = ops_from_bytes(&data[3..]);
            let run = kind.run_alloc_failures(&ops, plan.mode(), alloc.clone());
            report.steps_by_kind.fallible += report.add(run)?;
        }
    }
    Ok(report)
}

/// Calls `$run::<T, _>($ops, $alloc, $budget)` with `T` the element type of `$kind`.
macro_rules! with_element {
    ($kind:expr, $run:ident, $ops:expr, $alloc:expr, $budget:expr) => {
        match $kind {
            ElementKind::Byte => $run::<u8, _>($ops, $alloc, $budget),
            ElementKind::Owned => $run::<String, _>($ops, $alloc, $budget),
            ElementKind::Zst => $run::<(), _>($ops, $alloc, $budget),
            ElementKind::OverAligned => $run::<OverAligned, _>($ops, $alloc, $budget),
            ElementKind::Tracked => $run::<Tracked, _>($ops, $alloc, $budget),
        }
    };
}

fn run_vec_kind<A: Allocator + Clone>(
    kind: ElementKind,
    ops: &[VecOp],
    alloc: A,
    budget: usize,
) -> Result<RunSummary, Mismatch> {
    fn run<T: super::Element, A: Allocator + Clone>(
        ops: &[VecOp],
        alloc: A,
        budget: usize,
    ) -> Result<RunSummary, Mismatch> {
        run_vec_within::<MyVecs, T, A>(ops, alloc, Some(budget))
    }
    with_element!(kind, run, ops, alloc, budget)
}

fn run_box_kind<A: Allocator + Clone>(
    kind: ElementKind,
    ops: &[BoxOp],
    alloc: A,
    budget: usize,
) -> Result<RunSummary, Mismatch> {
    with_element!(kind, run_box_ops_within, ops, alloc, Some(budget))
}

fn run_raw_vec_kind<A: Allocator + Clone>(
    kind: ElementKind,
    ops: &[RawVecOp],
    alloc: A,
    budget: usize,
) -> Result<RunSummary, Mismatch> {
    with_element!(kind, run_raw_vec_ops_within, ops, alloc, Some(budget))
}

/// A deterministic stream of bytes (xorshift64*), so [`check_allocator`] needs no
/// randomness source and gives the same sequences every time.
struct PseudoRandomBytes(u64);

impl PseudoRandomBytes {
    fn new(seed: u64) -> Self {
        PseudoRandomBytes(seed)
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 >> 12;
                self.0 ^= self.0 << 25;
                self.0 ^= self.0 >> 27;
                (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Battery, PseudoRandomBytes};

    /// The stream is xorshift64* (shifts 12, 25, 27; the top byte of the product): the first
    /// bytes from the battery's seed, computed apart from this code. A change to the generator
    /// changes every sequence the battery runs, and with them every report users compare.
    #[test]
    fn the_byte_stream_is_xorshift64_star_from_the_battery_seed() {
        let mut bytes = PseudoRandomBytes::new(0x5EED_B0C5_7EC5_0001);
        assert_eq!(bytes.take(8), [145, 102, 91, 127, 172, 179, 224, 147]);
    }

    #[test]
    fn the_default_battery_is_twenty_rounds_in_sixteen_mebibytes() {
        let battery = Battery::default();
        assert_eq!((battery.rounds, battery.budget), (20, 16 * 1024 * 1024));
    }
}
