//! [`Mismatch`]: the report a run ends with when something broke — who broke what, at which
//! step of which (minimized) sequence, and a `#[test]` that replays it.

use core::fmt;
use std::boxed::Box;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

/// Who a [`Mismatch`] blames.
///
/// # Examples
/// ```
/// use boxvec::check::Culprit;
/// assert_eq!(
///     Culprit::from_panic("Checked: allocate returned a misaligned block 0x1001 for 8 bytes"),
///     Culprit::Allocator,
/// );
/// assert_eq!(Culprit::from_panic("index out of bounds"), Culprit::Subject);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Culprit {
    /// The subject (the vector type under test) behaved differently from std: another result,
    /// panic, contents, length, capacity or number of live values, or a leak.
    Subject,
    /// The subject broke its side of the `Allocator` contract (`Checked` caught it): a double
    /// free, a foreign pointer, a layout that does not fit the block.
    SubjectMisusedAllocator,
    /// The allocator under test broke its side of the `Allocator` contract (`Checked` caught
    /// it): a misaligned or short block, an overlap, `allocate_zeroed` memory that is not zero.
    Allocator,
    /// Not a bug: the allocator under test refused a request during an infallible operation,
    /// where a real program would abort. The run stopped there.
    Refusal,
}

impl Culprit {
    /// Whom a panic of the subject's side blames: `Checked`'s messages say which side of the
    /// contract broke ("… returned a block …" is the allocator's side).
    pub fn from_panic(message: &str) -> Culprit {
        match message.strip_prefix("Checked: ") {
            Some(rest) if rest.contains(" returned a ") => Culprit::Allocator,
            Some(_) => Culprit::SubjectMisusedAllocator,
            None => Culprit::Subject,
        }
    }

    /// Whether the report is about a bug (everything except a refusal).
    pub fn is_bug(self) -> bool {
        self != Culprit::Refusal
    }
}

/// The first difference between a subject and std in a run, or the refusal that stopped it.
///
/// Its `Display` is the whole report, ready to paste into an issue: who broke what, at which
/// step, what each side did, the operation sequence (minimized), and a `#[test]` that replays
/// it. The fields are public for tests that want to look at one part.
///
/// # Examples
/// ```
/// use boxvec::check::{Culprit, MyVecs, VecOp, run_vec};
/// use boxvec::alloc::Global;
///
/// let summary = run_vec::<MyVecs, u8, _>(&[VecOp::Push(1), VecOp::Pop], Global)
///     .expect("MyVec and std agree");
/// assert_eq!(summary.steps, 2);
///
/// // A report, built by hand here; runs build them when something differs.
/// let m = boxvec::check::Mismatch::new(3, "VecOp::Pop".into(), "result", "a".into(), "b".into());
/// assert_eq!(m.culprit, Culprit::Subject);
/// assert!(m.to_string().contains("at step 3"));
/// ```
///
/// A `Mismatch` is one pointer wide (the details are boxed, so a `Result` carrying it stays
/// small); its fields are read and written through [`MismatchDetails`], e.g. `m.culprit`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mismatch(Box<MismatchDetails>);

/// What a [`Mismatch`] holds (reached through it: `m.what`, `m.step`, …).
///
/// # Examples
/// ```
/// use boxvec::check::{Culprit, Mismatch};
/// let mut m = Mismatch::new(0, "VecOp::Pop".into(), "result", "a".into(), "b".into());
/// m.culprit = Culprit::Allocator;
/// assert_eq!(m.culprit, Culprit::Allocator);
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct MismatchDetails {
    /// Who broke what.
    pub culprit: Culprit,
    /// The subject's type, without module paths (e.g. `MyVec<u8, TestAlloc>`).
    pub subject: String,
    /// The element type (e.g. `String`, `Tracked`).
    pub element: String,
    /// The std type the subject was compared with, when it is not `Vec<element>` (e.g.
    /// `String`, `Box<u8>`); empty for a vector.
    pub oracle: String,
    /// The index of the operation that showed the difference (the number of operations for
    /// a difference found after the last one, e.g. a leak).
    pub step: usize,
    /// The operation, as Rust source.
    pub op: String,
    /// What differed: "result", "contents", "capacity", "live Tracked values", "leak", …
    pub what: String,
    /// What the subject did or held.
    pub ours: String,
    /// What std did or held.
    pub std: String,
    /// For different contents: the first index where they differ.
    pub first_difference: Option<usize>,
    /// The operation sequence that fails, as Rust source, minimized when the run could
    /// re-run it (see [`original_len`](Self::original_len)).
    pub sequence: Vec<String>,
    /// How many operations the failing sequence had before minimization.
    pub original_len: usize,
    /// A `#[test]` that replays the sequence and fails the same way (empty when unknown).
    pub replay: String,
}

impl Mismatch {
    /// A report blaming the subject, with no context yet (the runner fills in the rest).
    pub fn new(step: usize, op: String, what: &str, ours: String, std: String) -> Mismatch {
        Mismatch(Box::new(MismatchDetails {
            culprit: Culprit::Subject,
            subject: String::new(),
            element: String::new(),
            oracle: String::new(),
            step,
            op,
            what: what.to_string(),
            ours,
            std,
            first_difference: None,
            sequence: Vec::new(),
            original_len: 0,
            replay: String::new(),
        }))
    }

    /// Fills in the context a run knows: the subject and element type names, and the
    /// (minimized) sequence as Rust source, the operations being variants of `enum_name`.
    pub(crate) fn set_context<Op: fmt::Debug>(
        &mut self,
        (subject, element): (String, String),
        enum_name: &str,
        ops: &[Op],
        original_len: usize,
    ) {
        self.subject = subject;
        self.element = element;
        self.sequence = ops.iter().map(|op| op_source(enum_name, op)).collect();
        self.original_len = original_len;
        if let Some(op) = ops.get(self.step) {
            self.op = op_source(enum_name, op);
        }
    }

    /// Whether two reports describe the same failure (for minimization): same culprit, same
    /// kind of difference.
    pub(crate) fn same_failure(&self, other: &Mismatch) -> bool {
        self.culprit == other.culprit && self.what == other.what
    }

    fn headline(&self) -> String {
        let subject = if self.subject.is_empty() {
            "the subject"
        } else {
            &self.subject
        };
        let at = format!("at step {} ({})", self.step, self.op);
        match self.culprit {
            Culprit::Subject => {
                let oracle = if self.oracle.is_empty() {
                    format!("Vec<{}>", self.element)
                } else {
                    self.oracle.clone()
                };
                format!("{subject} and std's {oracle} differ in {} {at}", self.what)
            }
            Culprit::SubjectMisusedAllocator => format!(
                "{subject} broke the caller's side of the Allocator contract {at} (caught by \
                 Checked)"
            ),
            Culprit::Allocator => format!(
                "the allocator under test broke its side of the Allocator contract {at} (caught \
                 by Checked), while serving {subject}"
            ),
            Culprit::Refusal => format!(
                "not a bug: the allocator under test refused a request {at}, in an infallible \
                 operation of {subject}; the run stopped there"
            ),
        }
    }
}

impl core::ops::Deref for Mismatch {
    type Target = MismatchDetails;
    fn deref(&self) -> &MismatchDetails {
        &self.0
    }
}

impl core::ops::DerefMut for Mismatch {
    fn deref_mut(&mut self) -> &mut MismatchDetails {
        &mut self.0
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "boxvec::check: {}", self.headline())?;
        writeln!(f, "  subject: {}", self.ours)?;
        writeln!(f, "  std:     {}", self.std)?;
        if let Some(index) = self.first_difference {
            writeln!(f, "  first differing index: {index}")?;
        }
        if !self.sequence.is_empty() {
            let minimized = if self.original_len > self.sequence.len() {
                format!(" (minimized from {} operations)", self.original_len)
            } else {
                String::new()
            };
            writeln!(f, "  sequence{minimized}:")?;
            for (index, op) in self.sequence.iter().enumerate() {
                writeln!(f, "    {index:>3}: {op}")?;
            }
        }
        if !self.replay.is_empty() {
            writeln!(f, "  replay it with this test:\n")?;
            for line in self.replay.lines() {
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

impl core::error::Error for Mismatch {}

/// Re-runs allowed when minimizing a failing sequence (fewer under Miri, where a run costs a
/// thousand times more).
const MINIMIZE_BUDGET: usize = if cfg!(miri) { 60 } else { 400 };

/// Shrinks a failing operation sequence: removes chunks of operations, halving the chunk size,
/// while the shorter sequence still fails the same way (at most [`MINIMIZE_BUDGET`] re-runs).
/// Returns the smallest failing sequence found and its report.
pub(crate) fn minimize<Op: Clone>(
    ops: &[Op],
    first: Mismatch,
    mut run: impl FnMut(&[Op]) -> Option<Mismatch>,
) -> (Vec<Op>, Mismatch) {
    let mut budget = MINIMIZE_BUDGET;
    let mut best: Vec<Op> = ops.to_vec();
    let mut report = first;
    if !report.culprit.is_bug() {
        // A refusal is where the run stopped, not a failure to cut down.
        return (best, report);
    }
    // Operations after the failing step never ran: drop them first.
    best.truncate(report.step.saturating_add(1).min(best.len()));
    let mut chunk = best.len().div_ceil(2).max(1);
    loop {
        let mut start = 0;
        while start < best.len() && budget > 0 {
            let end = (start + chunk).min(best.len());
            let candidate: Vec<Op> = best[..start].iter().chain(&best[end..]).cloned().collect();
            budget -= 1;
            match run(&candidate) {
                Some(found) if found.same_failure(&report) => {
                    best = candidate;
                    report = found;
                }
                _ => start = end,
            }
        }
        if chunk == 1 || budget == 0 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    (best, report)
}

/// The name of a type without module paths: `alloc::vec::Vec<alloc::string::String>` becomes
/// `Vec<String>`.
///
/// # Examples
/// ```
/// use boxvec::check::short_type_name;
/// assert_eq!(short_type_name::<Vec<String>>(), "Vec<String>");
/// assert_eq!(short_type_name::<[u8; 4]>(), "[u8; 4]");
/// ```
pub fn short_type_name<T: ?Sized>() -> String {
    let full = core::any::type_name::<T>();
    let mut short = String::with_capacity(full.len());
    let mut word = String::new();
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            word.clear(); // a path segment: forget it
        } else if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            short.push_str(&word);
            word.clear();
            short.push(c);
        }
    }
    short.push_str(&word);
    short
}

/// An operation's `Debug` text as Rust source: the enum's name before the variant, and
/// `vec![…]` for seed lists (the only brackets an operation's `Debug` prints). The argument
/// types print their own paths (`Amount::Small(3)`, `IterEnd::Drop`, `Trigger::Clone`).
pub(crate) fn op_source<Op: fmt::Debug>(enum_name: &str, op: &Op) -> String {
    let debug = format!("{op:?}");
    format!("{enum_name}::{}", debug.replace('[', "vec!["))
}

#[cfg(test)]
mod tests {
    use std::vec::Vec;

    use super::{Culprit, MINIMIZE_BUDGET, Mismatch, minimize};
    use crate::check::runner::Step;

    /// A report of `what` at step `index`.
    fn failure(index: usize, what: &str) -> Mismatch {
        Step { index, op: &0 }.mismatch(what, 1, 2)
    }

    /// The smallest sequence that still fails the same way: here, any that holds the 5.
    /// A shorter sequence that fails differently is not taken.
    #[test]
    fn minimizing_keeps_what_fails_the_same_way_only() {
        let ops: Vec<u32> = (0..8).collect();
        let mut runs = 0;
        let (best, report) = minimize(&ops, failure(7, "contents"), |candidate| {
            runs += 1;
            let what = if candidate.contains(&5) {
                "contents"
            } else {
                "capacity"
            };
            Some(failure(candidate.len().saturating_sub(1), what))
        });
        assert_eq!((best, report.what.as_str()), (std::vec![5], "contents"));
        // Halving chunks (4, 2, 1) over a sequence that shrinks as it goes: a few runs.
        assert_eq!(runs, 6);
    }

    /// A failure that needs every operation cannot be cut down; the search stops after its
    /// budget of re-runs and keeps the whole sequence.
    #[test]
    fn minimizing_stops_after_its_budget_of_runs() {
        let ops: Vec<u32> = (0..1000).collect();
        let mut runs = 0;
        let (best, report) = minimize(&ops, failure(999, "contents"), |candidate| {
            runs += 1;
            (candidate.len() == 1000).then(|| failure(999, "contents"))
        });
        assert_eq!((best.len(), report.step), (1000, 999));
        assert_eq!(runs, MINIMIZE_BUDGET);
    }

    /// Minimization keeps a shorter sequence only if it fails the same way: same culprit and
    /// same kind of difference (the values may differ, being from a shorter run).
    #[test]
    fn the_same_failure_is_the_same_culprit_and_the_same_kind_of_difference() {
        let (first, later) = (Step { index: 7, op: &1 }, Step { index: 2, op: &2 });
        let contents = first.mismatch("contents", [1, 2], [1, 3]);
        assert!(contents.same_failure(&later.mismatch("contents", [9], [8])));
        assert!(!contents.same_failure(&later.mismatch("capacity", 4, 8)));
        let mut blamed_elsewhere = later.mismatch("contents", [9], [8]);
        blamed_elsewhere.culprit = Culprit::Allocator;
        assert!(!contents.same_failure(&blamed_elsewhere));
    }
}
