//! [`StringOp`]: `MyString`'s methods, run against std's `String` step by step.
//!
//! Each operation is applied to a `MyString` on the run's [`TestAlloc`] and to a `String`, each
//! inside `catch_unwind`; both must return the same thing or panic with the same message, and
//! afterwards hold the same text with the same length and capacity (a string grows exactly as
//! `Vec<u8>`). Characters come from a palette that has every UTF-8 length and the code points
//! at the edges of each (`U+7F`/`U+80`, `U+7FF`/`U+800`, `U+FFFF`/`U+10000`, `U+10FFFF`), and
//! indices are byte offsets, so many land inside a character and test the boundary panics.
//!
//! Most operations are written once for both sides by [`on_both!`]: the same method call,
//! compiled for `MyString<TestAlloc<A>>` and for `String`. The few that must build a value in
//! the run's allocator (the byte-vector round trips) have a function per side.

use core::mem;
use std::string::{String, ToString};
use std::vec::Vec;

use arbitrary::Arbitrary;

use super::decode::ops_from_bytes;
use super::input::{Amount, HintLie, Index, Lying, Pred, RangeSpec};
use super::report::{Mismatch, short_type_name};
use super::runner::{RunSummary, Step, refuse_next, run_checked, run_minimized, run_side};
use super::test_alloc::TestAlloc;
use crate::alloc::{Allocator, FailMode, Global};
use crate::string::MyString;
use crate::vec::MyVec;

/// One operation on a string. Characters are seeds into a palette (see the module docs);
/// text arguments are lists of seeds.
///
/// # Examples
/// ```
/// use boxvec::check::{Index, StringOp, run_string_ops};
/// use boxvec::alloc::Global;
/// let ops = [StringOp::PushStr(vec![4, 9, 12]), StringOp::Remove(Index(1)), StringOp::Pop];
/// let summary = run_string_ops(&ops, Global).unwrap();
/// assert_eq!((summary.steps, summary.panics), (3, 1)); // byte 1 is inside 'é', on both sides
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub enum StringOp {
    /// `push`.
    Push(u8),
    /// `push_str`.
    PushStr(#[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `pop`.
    Pop,
    /// `insert` at a byte index in `0..=len` (often inside a character), or raw.
    Insert(Index, u8),
    /// `insert_str`.
    InsertStr(Index, #[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `remove`.
    Remove(Index),
    /// `truncate`.
    Truncate(Index),
    /// `split_off`; the tail's text and capacity are compared, then it is dropped.
    SplitOff(Index),
    /// `drain`, taking this many characters from the front, then dropping the `Drain`.
    Drain(RangeSpec, u8),
    /// `replace_range`.
    ReplaceRange(RangeSpec, #[arbitrary(with = super::decode::seeds)] Vec<u8>),
    /// `extend_from_within`.
    ExtendFromWithin(RangeSpec),
    /// `retain` (the predicate may panic: the string must stay valid, as std's).
    Retain(Pred),
    /// `clear`.
    Clear,
    /// `reserve` (never a request the allocator would refuse: that aborts).
    Reserve(Amount),
    /// `reserve_exact`.
    ReserveExact(Amount),
    /// `try_reserve` (may be refused by the allocator, on both sides).
    TryReserve(Amount),
    /// `try_reserve_exact`.
    TryReserveExact(Amount),
    /// `try_reserve` with the allocator refusing the next request (boxvec side only): an
    /// error exactly when a request was made, and the string unchanged.
    TryReserveRefused(u8),
    /// `shrink_to_fit`.
    ShrinkToFit,
    /// `shrink_to`.
    ShrinkTo(Amount),
    /// `extend` with characters from an iterator that may lie about its length or panic.
    ExtendChars(#[arbitrary(with = super::decode::seeds)] Vec<u8>, HintLie),
    /// `extend` with owned strings (the text split at its spaces), from such an iterator.
    ExtendStrings(#[arbitrary(with = super::decode::seeds)] Vec<u8>, HintLie),
    /// `clone`; the clone replaces the string.
    Clone,
    /// `into_bytes` then `from_utf8`.
    BytesRoundTrip,
    /// `into_boxed_str` (shrinks) then back.
    BoxedRoundTrip,
    /// `from_utf8` of the text's bytes cut after `cut % (len + 1)` bytes: on success the new
    /// string replaces the old; on failure the error's `utf8_error` is compared.
    FromUtf8(#[arbitrary(with = super::decode::seeds)] Vec<u8>, u8),
}

/// The palette characters are drawn from: every UTF-8 length, and the edges of each.
const PALETTE: [char; 16] = [
    'a',
    ' ',
    '\0',
    '\u{7F}',
    'é',
    'ß',
    '\u{80}',
    '\u{7FF}',
    '€',
    '中',
    '\u{800}',
    '\u{FFFF}',
    '😀',
    '\u{10000}',
    '\u{10FFFF}',
    'z',
];

/// The character a seed names.
fn ch(seed: u8) -> char {
    PALETTE[usize::from(seed) % PALETTE.len()]
}

/// The text a list of seeds names.
fn text(seeds: &[u8]) -> String {
    seeds.iter().map(|&seed| ch(seed)).collect()
}

/// Applies `ops` to a `MyString` on a [`TestAlloc`] over `alloc` and to std's `String`,
/// comparing after every step: result or panic message, text, length, capacity. At the end
/// every block must have been freed. A failing sequence is minimized before it is reported.
///
/// # Errors
/// The first [`Mismatch`].
///
/// # Examples
/// ```
/// use boxvec::check::{Amount, StringOp, run_string_ops};
/// use boxvec::alloc::Global;
/// let ops = [StringOp::Push(12), StringOp::Reserve(Amount::Small(20)), StringOp::ShrinkToFit];
/// assert_eq!(run_string_ops(&ops, Global).unwrap().steps, 3);
/// ```
pub fn run_string_ops<A: Allocator + Clone>(
    ops: &[StringOp],
    alloc: A,
) -> Result<RunSummary, Mismatch> {
    let once = |ops: &[StringOp]| {
        run_checked(
            ops.len(),
            alloc.clone(),
            (FailMode::Never, None),
            false,
            |a, s| run_all(ops, a, s),
        )
    };
    run_minimized(ops, once, |report, minimal| {
        let names = (short_type_name::<MyString<TestAlloc<A>>>(), "u8".into());
        report.set_context(names, "StringOp", minimal, ops.len());
        report.oracle = "String".into();
    })
}

/// The `string_ops` fuzz target: decodes `data` into [`StringOp`]s and runs them on the
/// global allocator.
///
/// # Panics
/// Panics with the [`Mismatch`] report (printed first) if `MyString` and std's `String`
/// differ. A refusal by the allocator during an infallible operation is not a bug and ends
/// the run quietly.
///
/// # Examples
/// ```
/// let summary = boxvec::check::fuzz_string_ops(b"some fuzzer bytes");
/// assert!(summary.steps > 0);
/// ```
pub fn fuzz_string_ops(data: &[u8]) -> RunSummary {
    super::fuzz::fail_loudly(run_string_ops(&ops_from_bytes(data), Global))
}

fn run_all<A: Allocator + Clone>(
    ops: &[StringOp],
    alloc: &TestAlloc<A>,
    summary: &mut RunSummary,
) -> Result<(), Mismatch> {
    let mut sides = Sides {
        ours: MyString::new_in(alloc.clone()),
        theirs: String::new(),
        alloc,
    };
    for (index, op) in ops.iter().enumerate() {
        let step = Step { index, op };
        let panicked = sides.apply(&step)?;
        summary.steps += 1;
        summary.panics += usize::from(panicked);
        let (ours, theirs) = (&sides.ours, &sides.theirs);
        step.same("text", ours.as_str(), theirs.as_str())?;
        step.same("len", ours.len(), theirs.len())?;
        step.same("capacity", ours.capacity(), theirs.capacity())?;
    }
    Ok(())
}

/// Both strings and the run's allocator.
struct Sides<'a, A: Allocator> {
    ours: MyString<TestAlloc<A>>,
    theirs: String,
    alloc: &'a TestAlloc<A>,
}

/// Whether a step panicked (identically on both sides), or the mismatch.
type StepResult = Result<bool, Mismatch>;

/// Runs `$body` with `$s` bound to each side's string in turn (the same source, compiled for
/// both types) and requires the same outcome.
macro_rules! on_both {
    ($sides:expr, $step:expr, |$s:ident| $body:expr) => {{
        let ours = run_side(|| {
            let $s = &mut $sides.ours;
            $body
        });
        let theirs = run_side(|| {
            let $s = &mut $sides.theirs;
            $body
        });
        $step.same_outcome(ours, theirs)
    }};
}

impl<A: Allocator + Clone> Sides<'_, A> {
    fn apply(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        use StringOp::*;
        match step.op {
            Push(_) | PushStr(_) | Pop | Insert(..) | InsertStr(..) | Remove(_) | Truncate(_)
            | Clear => self.edit(step),
            SplitOff(_) | Drain(..) | ReplaceRange(..) | ExtendFromWithin(_) | Retain(_) => {
                self.ranges(step)
            }
            Reserve(_) | ReserveExact(_) | TryReserve(_) | TryReserveExact(_) | ShrinkToFit
            | ShrinkTo(_) => self.capacity(step),
            TryReserveRefused(n) => self.try_reserve_refused(step, usize::from(*n)),
            ExtendChars(..) | ExtendStrings(..) | Clone => self.extend(step),
            BytesRoundTrip | BoxedRoundTrip | FromUtf8(..) => self.round_trip(step),
        }
    }

    /// The edits at one byte index, and the appends.
    fn edit(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        let len = self.ours.len();
        match step.op {
            StringOp::Push(c) => on_both!(self, step, |s| s.push(ch(*c))),
            StringOp::PushStr(t) => on_both!(self, step, |s| s.push_str(&text(t))),
            StringOp::Pop => on_both!(self, step, |s| s.pop()),
            StringOp::Insert(i, c) => {
                let at = i.resolve(len + 1);
                on_both!(self, step, |s| s.insert(at, ch(*c)))
            }
            StringOp::InsertStr(i, t) => {
                let at = i.resolve(len + 1);
                on_both!(self, step, |s| s.insert_str(at, &text(t)))
            }
            StringOp::Remove(i) => on_both!(self, step, |s| s.remove(i.resolve(len))),
            StringOp::Truncate(i) => on_both!(self, step, |s| s.truncate(i.resolve(len + 1))),
            StringOp::Clear => on_both!(self, step, |s| s.clear()),
            // No catch-all operation: a missing arm must not quietly run another operation on
            // both sides, which the comparison with std could not notice.
            _ => unreachable!("not an edit"),
        }
    }

    /// The operations on a range of bytes (or all of them, for `retain`).
    fn ranges(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        let len = self.ours.len();
        match step.op {
            StringOp::SplitOff(i) => on_both!(self, step, |s| {
                let tail = s.split_off(i.resolve(len + 1));
                (String::from(tail.as_str()), tail.capacity())
            }),
            StringOp::Drain(range, taken) => on_both!(self, step, |s| {
                let mut drain = s.drain(range.resolve(len));
                let front: String = drain.by_ref().take(usize::from(*taken)).collect();
                (front, String::from(drain.as_str()))
            }),
            StringOp::ReplaceRange(range, t) => {
                on_both!(self, step, |s| s
                    .replace_range(range.resolve(len), &text(t)))
            }
            StringOp::ExtendFromWithin(range) => {
                on_both!(self, step, |s| s.extend_from_within(range.resolve(len)))
            }
            StringOp::Retain(pred) => on_both!(self, step, |s| {
                let mut state = pred.start();
                s.retain(|c| state.test(c as u8));
            }),
            _ => unreachable!("not a range operation"),
        }
    }

    /// The reservations and shrinks. The fallible ones run inside
    /// [`TestAlloc::fallible`], where the allocator may refuse (an `Enormous` amount is
    /// refused by std's allocator too).
    fn capacity(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        let alloc = self.alloc;
        match *step.op {
            StringOp::Reserve(n) => on_both!(self, step, |s| s.reserve(n.for_infallible())),
            StringOp::ReserveExact(n) => {
                on_both!(self, step, |s| s.reserve_exact(n.for_infallible()))
            }
            StringOp::TryReserve(n) => on_both!(self, step, |s| alloc
                .fallible(|| s.try_reserve(n.resolve()).map_err(|e| e.to_string()))),
            StringOp::TryReserveExact(n) => on_both!(self, step, |s| alloc
                .fallible(|| s.try_reserve_exact(n.resolve()).map_err(|e| e.to_string()))),
            StringOp::ShrinkToFit => on_both!(self, step, |s| s.shrink_to_fit()),
            StringOp::ShrinkTo(n) => on_both!(self, step, |s| s.shrink_to(n.resolve())),
            _ => unreachable!("not a capacity operation"),
        }
    }

    /// `try_reserve(n)` with the allocator refusing the next request, on our side only: an
    /// error exactly when a request was made (and refused), and the string untouched then.
    /// When it succeeds (no request was needed), std does the same call to stay in step.
    fn try_reserve_refused(&mut self, step: &Step<'_, StringOp>, n: usize) -> StepResult {
        let (before_text, before_capacity) =
            (String::from(self.ours.as_str()), self.ours.capacity());
        let ours = &mut self.ours;
        let (result, refused) = refuse_next(self.alloc, || ours.try_reserve(n));
        step.same("try_reserve refused", result.is_err(), refused)?;
        if refused {
            step.same(
                "text after a refusal",
                self.ours.as_str(),
                before_text.as_str(),
            )?;
            step.same(
                "capacity after a refusal",
                self.ours.capacity(),
                before_capacity,
            )?;
        } else {
            self.theirs.reserve(n);
        }
        Ok(false)
    }

    /// `extend` from lying or panicking iterators, and `clone`.
    fn extend(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        match step.op {
            StringOp::ExtendChars(t, lie) => on_both!(self, step, |s| {
                s.extend(Lying::new(text(t).chars().collect(), *lie))
            }),
            StringOp::ExtendStrings(t, lie) => on_both!(self, step, |s| {
                let pieces = text(t).split(' ').map(String::from).collect();
                s.extend(Lying::new(pieces, *lie))
            }),
            StringOp::Clone => on_both!(self, step, |s| *s = s.clone()),
            _ => unreachable!("not an extension"),
        }
    }

    /// Through the byte vector or a boxed `str` and back, and `from_utf8` of cut text: each
    /// builds a value in its side's allocator, so each side has its own code.
    fn round_trip(&mut self, step: &Step<'_, StringOp>) -> StepResult {
        let (ours, theirs, alloc) = (&mut self.ours, &mut self.theirs, self.alloc);
        let o = run_side(|| match step.op {
            StringOp::BytesRoundTrip => {
                let taken = mem::replace(ours, MyString::new_in(alloc.clone()));
                *ours = MyString::from_utf8(taken.into_bytes()).expect("valid UTF-8");
                Ok(())
            }
            StringOp::BoxedRoundTrip => {
                let taken = mem::replace(ours, MyString::new_in(alloc.clone()));
                *ours = MyString::from(taken.into_boxed_str());
                Ok(())
            }
            _ => {
                let mut bytes = MyVec::new_in(alloc.clone());
                bytes.extend_from_slice(&cut_bytes(step.op));
                MyString::from_utf8(bytes)
                    .map(|fresh| *ours = fresh)
                    .map_err(|e| e.utf8_error())
            }
        });
        let s = run_side(|| match step.op {
            StringOp::BytesRoundTrip => {
                *theirs = String::from_utf8(mem::take(theirs).into_bytes()).expect("valid");
                Ok(())
            }
            StringOp::BoxedRoundTrip => {
                *theirs = String::from(mem::take(theirs).into_boxed_str());
                Ok(())
            }
            _ => {
                // Built as our side builds it, so the capacities compare.
                let mut bytes = Vec::new();
                bytes.extend_from_slice(&cut_bytes(step.op));
                String::from_utf8(bytes)
                    .map(|fresh| *theirs = fresh)
                    .map_err(|e| e.utf8_error())
            }
        });
        step.same_outcome(o, s)
    }
}

/// The bytes of a `FromUtf8`'s text, cut as it says (often inside a character).
fn cut_bytes(op: &StringOp) -> Vec<u8> {
    let StringOp::FromUtf8(seeds, cut) = op else {
        return Vec::new();
    };
    let mut bytes = text(seeds).into_bytes();
    bytes.truncate(usize::from(*cut) % (bytes.len() + 1));
    bytes
}
