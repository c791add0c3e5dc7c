//! How fuzz bytes become indices, ranges, amounts, predicates and iterators.
//!
//! A fuzzer hands over random bytes. If an index were used as-is, nearly every `remove(i)` on a
//! short vector would be out of bounds and the run would only ever test the panic path. So each
//! encoding here maps *most* raw values into the valid range for the current length, and keeps
//! a small share raw, so the panic paths (which must panic identically on both sides) are hit
//! on purpose too.

use core::fmt;
use core::ops::Bound;
use std::vec::Vec;

use arbitrary::Arbitrary;

/// How a partly consumed iterator is ended.
///
/// Its `Debug` text is Rust source (`IterEnd::Drop`).
///
/// # Examples
/// ```
/// use boxvec::check::IterEnd;
/// assert_eq!(format!("{:?}", IterEnd::KeepRest), "IterEnd::KeepRest");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Arbitrary)]
pub enum IterEnd {
    /// Dropped: the rest is removed and dropped (or, for `IntoIter`, dropped with the buffer).
    Drop,
    /// `mem::forget`: leaks what the iterator still owns, exactly as std leaks it. (For
    /// element types that own heap memory it is a `Drop` instead, so leak checkers stay quiet.)
    Forget,
    /// `Drain::keep_rest` (for `IntoIter`: collect the rest back into the vector; for
    /// `ExtractIf`: the same as `Drop`, which keeps the unvisited elements).
    KeepRest,
}

impl fmt::Debug for IterEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            IterEnd::Drop => "Drop",
            IterEnd::Forget => "Forget",
            IterEnd::KeepRest => "KeepRest",
        };
        write!(f, "IterEnd::{name}")
    }
}

/// The message a [`Pred`] panic carries.
pub const PREDICATE_PANIC: &str = "check: predicate panicked on purpose";

/// An index: in bounds 7 times in 8, raw (usually out of bounds) otherwise.
///
/// # Examples
/// ```
/// use boxvec::check::Index;
/// assert_eq!(Index(12).resolve(5), 2); // 12 % 5
/// assert_eq!(Index(0xE000 | 9).resolve(5), 9); // raw: out of bounds on purpose
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub struct Index(pub u16);

impl Index {
    /// The index for a collection where valid indices are `0..bound`.
    pub fn resolve(self, bound: usize) -> usize {
        let low = usize::from(self.0 & 0x1FFF);
        if self.0 >> 13 == 7 || bound == 0 {
            low
        } else {
            low % bound
        }
    }
}

/// A range over `0..=len`: valid in 7 cases of 8 (in every syntactic form: `a..b`, `a..`,
/// `..b`, `..`, `a..=b`), raw otherwise (possibly reversed or past the end).
///
/// # Examples
/// ```
/// use core::ops::Bound;
/// use boxvec::check::RangeSpec;
/// let r = RangeSpec { form: 0, a: 1, b: 3 };
/// assert_eq!(r.resolve(10), (Bound::Included(1), Bound::Excluded(3)));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub struct RangeSpec {
    /// Which form of range (taken modulo 8).
    pub form: u8,
    /// One end.
    pub a: u16,
    /// The other end.
    pub b: u16,
}

impl RangeSpec {
    /// The bounds, for a collection of length `len`.
    pub fn resolve(self, len: usize) -> (Bound<usize>, Bound<usize>) {
        let (a, b) = (usize::from(self.a), usize::from(self.b));
        let (lo, hi) = {
            let (x, y) = (a % (len + 1), b % (len + 1));
            (x.min(y), x.max(y))
        };
        match self.form % 8 {
            0 => (Bound::Included(lo), Bound::Excluded(hi)),
            1 => (Bound::Included(lo), Bound::Unbounded),
            2 => (Bound::Unbounded, Bound::Excluded(hi)),
            3 => (Bound::Unbounded, Bound::Unbounded),
            4 if hi > lo => (Bound::Included(lo), Bound::Included(hi - 1)),
            4 => (Bound::Included(lo), Bound::Excluded(hi)),
            5 => (Bound::Excluded(lo.saturating_sub(1)), Bound::Excluded(hi)),
            // Raw: may start after its end or end past the length.
            6 => (Bound::Included(a % 64), Bound::Excluded(b % 64)),
            _ => (Bound::Included(a % 64), Bound::Included(b % 64)),
        }
    }
}

/// An amount to reserve: mostly small, sometimes huge enough to overflow.
///
/// Its `Debug` text is Rust source (`Amount::Small(5)`), so a report's operation sequence can
/// be pasted into a test.
///
/// # Examples
/// ```
/// use boxvec::check::Amount;
/// assert_eq!(Amount::Small(5).resolve(), 5);
/// assert_eq!(Amount::Overflowing(0).resolve(), usize::MAX);
/// assert_eq!(format!("{:?}", Amount::Medium(7)), "Amount::Medium(7)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Arbitrary)]
pub enum Amount {
    /// 0 to 255.
    Small(u8),
    /// 0 to 4095.
    Medium(u16),
    /// `usize::MAX - k`: always a capacity overflow for a non-zero-sized element (the byte
    /// count exceeds `isize::MAX`), so safe for infallible calls, which panic identically.
    Overflowing(u8),
    /// Around `isize::MAX / 2^k` *elements*: for the fallible calls only, it reaches the
    /// allocator (which refuses) or overflows, depending on the element size.
    Enormous(u8),
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Small(n) => write!(f, "Amount::Small({n})"),
            Amount::Medium(n) => write!(f, "Amount::Medium({n})"),
            Amount::Overflowing(k) => write!(f, "Amount::Overflowing({k})"),
            Amount::Enormous(k) => write!(f, "Amount::Enormous({k})"),
        }
    }
}

impl Amount {
    /// The number of elements.
    pub fn resolve(self) -> usize {
        match self {
            Amount::Small(n) => usize::from(n),
            Amount::Medium(n) => usize::from(n % 4096),
            Amount::Overflowing(k) => usize::MAX - usize::from(k),
            // Miri stops the whole run ("resource exhaustion") on a request this large
            // instead of refusing it, so under Miri it becomes an overflow, which still
            // exercises the error path (the allocator-refusal path is covered under Miri by
            // the injected failures).
            Amount::Enormous(k) if cfg!(miri) => usize::MAX - usize::from(k),
            Amount::Enormous(k) => (isize::MAX as usize) >> (k % 8),
        }
    }

    /// The amount with `Enormous` turned into `Overflowing`, for infallible calls: a request
    /// that reaches the allocator and is refused would abort the process, on both sides.
    pub fn for_infallible(self) -> usize {
        match self {
            Amount::Enormous(k) => Amount::Overflowing(k).resolve(),
            other => other.resolve(),
        }
    }
}

/// A predicate over elements: `keep` when `(key + call) % modulus == remainder`, and a panic on
/// the `panic_at`-th call when `panic_at < 16` (about one predicate in sixteen panics).
///
/// It also looks at how many times it was called, so it is not constant even for zero-sized
/// elements; both sides must therefore call it the same number of times, in the same order.
///
/// # Examples
/// ```
/// use boxvec::check::Pred;
/// let mut p = Pred { modulus: 2, remainder: 0, panic_at: 255 }.start();
/// assert!(p.test(4)); // (4 + 0) % 2 == 0
/// assert!(p.test(4) == false); // (4 + 1) % 2 == 1
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub struct Pred {
    /// Taken as at least 1.
    pub modulus: u8,
    /// Compared with the sum modulo `modulus`.
    pub remainder: u8,
    /// The call that panics, if below 16.
    pub panic_at: u8,
}

/// A [`Pred`] being applied: counts its calls.
#[derive(Debug)]
pub struct PredState {
    pred: Pred,
    calls: u32,
}

impl Pred {
    /// Starts applying the predicate (call count 0).
    pub fn start(self) -> PredState {
        PredState {
            pred: self,
            calls: 0,
        }
    }
}

impl PredState {
    /// Applies the predicate to an element with `key`.
    ///
    /// # Panics
    /// Panics with [`PREDICATE_PANIC`] on the call the predicate was built to panic on.
    pub fn test(&mut self, key: u8) -> bool {
        let call = self.calls;
        self.calls += 1;
        if u32::from(self.pred.panic_at) == call && self.pred.panic_at < 16 {
            panic!("{PREDICATE_PANIC}");
        }
        let modulus = u32::from(self.pred.modulus.max(1));
        (u32::from(key) + call) % modulus == u32::from(self.pred.remainder) % modulus
    }
}

/// How an iterator lies about its length, and whether it panics.
///
/// # Examples
/// ```
/// use boxvec::check::{HintLie, Lying};
/// let lie = HintLie { lower_delta: 3, upper: 0, panic_after: 255 };
/// let it = Lying::new(vec![1u8, 2], lie);
/// assert_eq!(it.size_hint(), (5, None));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Arbitrary)]
pub struct HintLie {
    /// Added to the true remaining count for the lower bound (saturating at 0).
    pub lower_delta: i8,
    /// Upper bound: 0 = `None`, 1 = the true count, even n = too high by n/2, odd n = too
    /// low by n/2.
    pub upper: u8,
    /// Panics instead of yielding the item after this many, when below 32.
    pub panic_after: u8,
}

impl HintLie {
    /// Whether the hint looks exact (`lower == upper`) for `remaining` items. Without
    /// specialization an exact-looking hint is trusted for *capacity* (as std trusts
    /// `TrustedLen`), so a lie of this shape may give a different capacity than std, which
    /// cannot trust it; contents must still match.
    pub fn looks_exact(self, remaining: usize) -> bool {
        let (lower, upper) = self.hint(remaining);
        upper == Some(lower)
    }

    fn hint(self, remaining: usize) -> (usize, Option<usize>) {
        let lower = remaining.saturating_add_signed(isize::from(self.lower_delta));
        let n = usize::from(self.upper);
        let upper = match n {
            0 => None,
            1 => Some(remaining),
            // Even: too high by n/2. Odd: too low by n/2 (never below 0).
            _ if n % 2 == 0 => Some(remaining + n / 2),
            _ => Some(remaining.saturating_sub(n / 2)),
        };
        (lower, upper)
    }
}

/// The message a [`Lying`] iterator's panic carries.
pub const ITERATOR_PANIC: &str = "check: iterator panicked on purpose";

/// An iterator over owned items whose `size_hint` lies as a [`HintLie`] says, and which may
/// panic part-way.
#[derive(Debug)]
pub struct Lying<T> {
    items: std::vec::IntoIter<T>,
    lie: HintLie,
    yielded: usize,
}

impl<T> Lying<T> {
    /// Wraps `items`.
    pub fn new(items: Vec<T>, lie: HintLie) -> Self {
        Lying {
            items: items.into_iter(),
            lie,
            yielded: 0,
        }
    }
}

impl<T> Iterator for Lying<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.lie.panic_after < 32 && self.yielded == usize::from(self.lie.panic_after) {
            panic!("{ITERATOR_PANIC}");
        }
        let item = self.items.next()?;
        self.yielded += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.lie.hint(self.items.len())
    }
}
