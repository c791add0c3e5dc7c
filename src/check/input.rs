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
            Amount::Enormous(k) if cfg!(miri) => Amount::Overflowing(k).resolve(),
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
            // Even: too high by n/2. Odd: too low by n/2 (never below 0), so 1 is the
            // true count.
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

#[cfg(test)]
mod tests {
    use core::ops::Bound::{Excluded, Included, Unbounded};
    use std::format;
    use std::string::String;
    use std::vec;
    use std::vec::Vec;

    use super::{Amount, HintLie, Index, IterEnd, Lying, Pred, RangeSpec};
    use super::{ITERATOR_PANIC, PREDICATE_PANIC};
    use crate::check::catch_quietly;

    #[test]
    fn iter_ends_print_as_rust_source() {
        let ends = [IterEnd::Drop, IterEnd::Forget, IterEnd::KeepRest];
        let shown: Vec<String> = ends.iter().map(|end| format!("{end:?}")).collect();
        assert_eq!(
            shown,
            ["IterEnd::Drop", "IterEnd::Forget", "IterEnd::KeepRest"]
        );
    }

    #[test]
    fn an_index_is_its_low_13_bits_modulo_the_bound_unless_its_top_3_bits_are_set() {
        assert_eq!(Index(12).resolve(5), 2);
        assert_eq!(Index(0x2000 | 12).resolve(5), 2);
        assert_eq!(Index(0xC000 | 12).resolve(5), 2);
        assert_eq!(Index(0xE000 | 12).resolve(5), 12, "raw");
        assert_eq!(Index(12).resolve(0), 12, "no valid index: raw");
    }

    #[test]
    fn a_range_has_each_form_over_its_ends_modulo_len_plus_one() {
        // Over a length of 10: 18 modulo 11 is 7; the ends are put in order.
        let of = |form| RangeSpec { form, a: 18, b: 3 }.resolve(10);
        assert_eq!(of(0), (Included(3), Excluded(7)));
        assert_eq!(of(1), (Included(3), Unbounded));
        assert_eq!(of(2), (Unbounded, Excluded(7)));
        assert_eq!(of(3), (Unbounded, Unbounded));
        assert_eq!(of(4), (Included(3), Included(6)));
        assert_eq!(of(5), (Excluded(2), Excluded(7)));
        // Raw: each end as given (modulo 64), in the order given.
        assert_eq!(of(6), (Included(18), Excluded(3)));
        assert_eq!(of(7), (Included(18), Included(3)));
        assert_eq!(
            (of(8), of(13)),
            (of(0), of(5)),
            "the form is taken modulo 8"
        );
        let raw = |form| {
            RangeSpec {
                form,
                a: 70,
                b: 131,
            }
            .resolve(10)
        };
        assert_eq!(raw(6), (Included(6), Excluded(3)));
        assert_eq!(raw(7), (Included(6), Included(3)));
        // An empty `a..=b` is written `a..a`; an exclusive start at 0 stays at 0.
        let empty = RangeSpec {
            form: 4,
            a: 5,
            b: 16,
        };
        assert_eq!(empty.resolve(10), (Included(5), Excluded(5)));
        let from_zero = RangeSpec {
            form: 5,
            a: 0,
            b: 4,
        };
        assert_eq!(from_zero.resolve(10), (Excluded(0), Excluded(4)));
    }

    #[test]
    fn amounts_resolve_and_print_as_documented() {
        assert_eq!(Amount::Small(200).resolve(), 200);
        assert_eq!(Amount::Medium(5000).resolve(), 5000 - 4096);
        assert_eq!(Amount::Overflowing(3).resolve(), usize::MAX - 3);
        let enormous = Amount::Enormous(10).resolve();
        if cfg!(miri) {
            assert_eq!(enormous, usize::MAX - 10);
        } else {
            assert_eq!(enormous, isize::MAX as usize >> 2, "10 modulo 8 is 2");
        }
        assert_eq!(Amount::Enormous(10).for_infallible(), usize::MAX - 10);
        assert_eq!(Amount::Medium(5000).for_infallible(), 5000 - 4096);
        let shown: Vec<String> = [
            Amount::Small(1),
            Amount::Medium(2),
            Amount::Overflowing(3),
            Amount::Enormous(4),
        ]
        .iter()
        .map(|amount| format!("{amount:?}"))
        .collect();
        let expected = [
            "Amount::Small(1)",
            "Amount::Medium(2)",
            "Amount::Overflowing(3)",
            "Amount::Enormous(4)",
        ];
        assert_eq!(shown, expected);
    }

    #[test]
    fn a_predicate_adds_its_call_count_to_the_key() {
        let mut p = Pred {
            modulus: 3,
            remainder: 1,
            panic_at: 255,
        }
        .start();
        // (1 + 0) % 3 == 1, (1 + 1) % 3, (1 + 2) % 3, (0 + 3) % 3, (5 + 4) % 3, (5 + 5) % 3 == 1.
        let answers: Vec<bool> = [1, 1, 1, 0, 5, 5].iter().map(|&key| p.test(key)).collect();
        assert_eq!(answers, [true, false, false, false, false, true]);
        // The remainder is taken modulo the modulus; a modulus of 0 is taken as 1.
        let mut odd = Pred {
            modulus: 2,
            remainder: 5,
            panic_at: 255,
        }
        .start();
        assert_eq!((odd.test(3), odd.test(3)), (true, false));
        let mut all = Pred {
            modulus: 0,
            remainder: 9,
            panic_at: 255,
        }
        .start();
        assert!((0..4).all(|key| all.test(key)));
    }

    #[test]
    fn a_predicate_panics_at_its_call_below_16_only() {
        let calls = |panic_at| {
            catch_quietly(|| {
                let mut p = Pred {
                    modulus: 1,
                    remainder: 0,
                    panic_at,
                }
                .start();
                (0..20).filter(|_| p.test(0)).count()
            })
        };
        assert_eq!(calls(2), Err(String::from(PREDICATE_PANIC)));
        assert_eq!(calls(15), Err(String::from(PREDICATE_PANIC)));
        assert_eq!(calls(16), Ok(20));
        assert_eq!(calls(255), Ok(20));
        // Exactly the third call panics: the first two answered.
        let answered = core::cell::Cell::new(0);
        let _ = catch_quietly(|| {
            let mut p = Pred {
                modulus: 1,
                remainder: 0,
                panic_at: 2,
            }
            .start();
            while p.test(0) {
                answered.set(answered.get() + 1);
            }
        });
        assert_eq!(answered.get(), 2);
    }

    fn hint(lower_delta: i8, upper: u8, items: usize) -> (usize, Option<usize>) {
        let lie = HintLie {
            lower_delta,
            upper,
            panic_after: 255,
        };
        Lying::new(vec![0u8; items], lie).size_hint()
    }

    #[test]
    fn a_lying_hint_is_as_documented() {
        assert_eq!(hint(3, 0, 2), (5, None));
        assert_eq!(hint(-5, 1, 2), (0, Some(2)), "the lower bound stops at 0");
        assert_eq!(hint(0, 6, 2), (2, Some(2 + 3)), "even: too high by 3");
        assert_eq!(hint(0, 5, 4), (4, Some(4 - 2)), "odd: too low by 2");
        assert_eq!(hint(0, 7, 2), (2, Some(0)), "never below 0");
        let exact = |lower_delta, upper| {
            HintLie {
                lower_delta,
                upper,
                panic_after: 255,
            }
            .looks_exact(3)
        };
        assert!(exact(0, 1));
        assert!(exact(1, 2), "a lie, but an exact-looking one: (4, Some(4))");
        assert!(!exact(1, 1));
        assert!(!exact(0, 0));
        assert!(!exact(0, 2));
    }

    #[test]
    fn a_lying_iterator_yields_its_items_and_panics_after_its_count_below_32_only() {
        let lie = |panic_after| HintLie {
            lower_delta: 0,
            upper: 1,
            panic_after,
        };
        let mut items = Lying::new(vec![1, 2, 3], lie(255));
        assert_eq!(items.next(), Some(1));
        assert_eq!(items.size_hint(), (2, Some(2)));
        assert_eq!(items.by_ref().collect::<Vec<_>>(), [2, 3]);
        let yielded = |panic_after| {
            let seen = core::cell::RefCell::new(Vec::new());
            let end = catch_quietly(|| {
                for item in Lying::new((0..40).collect(), lie(panic_after)) {
                    seen.borrow_mut().push(item);
                }
            });
            (seen.into_inner().len(), end.is_err())
        };
        assert_eq!(yielded(1), (1, true));
        assert_eq!(yielded(31), (31, true));
        assert_eq!(yielded(32), (40, false));
        let message = catch_quietly(|| Lying::new(vec![1], lie(0)).next()).unwrap_err();
        assert_eq!(message, ITERATOR_PANIC);
    }
}
