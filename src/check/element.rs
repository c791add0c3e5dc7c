//! The element types the harness stores, one per kind of behaviour worth testing.
//!
//! | type | why it matters |
//! |---|---|
//! | `u8` | the plain `Copy` case, and 1-byte elements (minimum capacity 8) |
//! | `String` | owns heap memory: a double drop or a leak shows up (Miri, valgrind, Checked) |
//! | `()` | zero-sized: capacity `usize::MAX`, the allocator must never be called |
//! | [`OverAligned`] | alignment 64: every block must honour it |
//! | [`Tracked`] | counts live values per side and panics on demand in `clone` or `drop` |
//!
//! Every value is built from a one-byte seed, so the same input builds equal values on the
//! boxvec side and on the std side.

use core::cell::RefCell;
use core::fmt;
use std::string::{String, ToString};
use std::thread_local;

use arbitrary::Arbitrary;

/// Which side of a differential run a value belongs to.
///
/// # Examples
/// ```
/// use boxvec::check::Side;
/// assert_ne!(Side::Ours, Side::Std);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Side {
    /// The boxvec side (`MyVec`, `MyBox`, `RawVec`).
    Ours,
    /// The std side (the oracle).
    Std,
}

/// A type the harness can store: buildable from a seed, comparable, with a small key that
/// predicates and `dedup_by_key` look at.
///
/// # Examples
/// ```
/// use boxvec::check::{Element, Side};
/// let s = <String as Element>::from_seed(42, Side::Ours);
/// assert_eq!(s, "42");
/// assert_eq!(s.key(), 42);
/// ```
pub trait Element: Clone + PartialEq + fmt::Debug + 'static {
    /// A short name for reports.
    const NAME: &'static str;

    /// Whether a value owns heap memory, so that leaking it on purpose (as std leaks on
    /// `mem::forget` of a `Drain`) would be a real leak that Miri and valgrind report.
    const OWNS_HEAP: bool = false;

    /// Builds the value for `seed` on `side`. Equal seeds give equal values on both sides.
    fn from_seed(seed: u8, side: Side) -> Self;

    /// A small number derived from the value (the seed it was built from, where there is one).
    fn key(&self) -> u8;
}

impl Element for u8 {
    const NAME: &'static str = "u8";
    fn from_seed(seed: u8, _: Side) -> Self {
        seed
    }
    fn key(&self) -> u8 {
        *self
    }
}

/// Wider integers: the seed, widened. Their sizes (2 to 16 bytes) and alignments give the
/// harness the element sizes where growth rules are the same as for 4-byte elements but the
/// byte counts differ.
macro_rules! integer_elements {
    ($($t:ty),*) => {$(
        impl Element for $t {
            const NAME: &'static str = stringify!($t);
            fn from_seed(seed: u8, _: Side) -> Self {
                <$t>::from(seed)
            }
            fn key(&self) -> u8 {
                (*self % 256) as u8
            }
        }
    )*};
}
integer_elements!(u16, u32, u64, u128, usize);

/// Byte arrays of any length: `[u8; 1024]` and `[u8; 1025]` sit on each side of the size where
/// std's first growth changes from 4 elements to 1.
impl<const N: usize> Element for [u8; N] {
    const NAME: &'static str = "[u8; N]";
    fn from_seed(seed: u8, _: Side) -> Self {
        [seed; N]
    }
    fn key(&self) -> u8 {
        self.first().copied().unwrap_or(0)
    }
}

impl Element for String {
    const NAME: &'static str = "String";
    const OWNS_HEAP: bool = true;
    fn from_seed(seed: u8, _: Side) -> Self {
        seed.to_string()
    }
    fn key(&self) -> u8 {
        self.parse().unwrap_or(0)
    }
}

impl Element for () {
    const NAME: &'static str = "()";
    fn from_seed(_: u8, _: Side) -> Self {}
    fn key(&self) -> u8 {
        0
    }
}

/// A one-byte value with alignment 64: every buffer holding it must be 64-byte aligned.
///
/// # Examples
/// ```
/// use boxvec::check::OverAligned;
/// assert_eq!(align_of::<OverAligned>(), 64);
/// assert_eq!(size_of::<OverAligned>(), 64);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
#[repr(align(64))]
pub struct OverAligned(pub u8);

impl Element for OverAligned {
    const NAME: &'static str = "OverAligned";
    fn from_seed(seed: u8, _: Side) -> Self {
        OverAligned(seed)
    }
    fn key(&self) -> u8 {
        self.0
    }
}

/// A value that counts how many of its kind are alive on each side, and that can be told to
/// panic in its `clone` or its `drop`, so the harness can fuzz panic safety.
///
/// The counts and the triggers are per thread and per [`Side`]. A trigger is one-shot: it
/// fires on the n-th call after it was armed, then disarms itself. A drop trigger never fires
/// while the thread is already unwinding (that would abort the process, in std as here).
///
/// # Examples
/// ```
/// use boxvec::check::{Element, Side, Tracked};
///
/// Tracked::reset();
/// let a = Tracked::from_seed(1, Side::Ours);
/// let b = a.clone();
/// assert_eq!(Tracked::live(Side::Ours), 2);
/// drop((a, b));
/// assert_eq!(Tracked::live(Side::Ours), 0);
///
/// Tracked::arm(Side::Ours, Trigger::Clone, 0);
/// let c = Tracked::from_seed(2, Side::Ours);
/// assert!(std::panic::catch_unwind(|| c.clone()).is_err());
/// # use boxvec::check::Trigger;
/// ```
pub struct Tracked {
    value: u8,
    side: Side,
}

/// Where a [`Tracked`] panic is armed.
///
/// Its `Debug` text is Rust source (`Trigger::Clone`).
///
/// # Examples
/// ```
/// use boxvec::check::Trigger;
/// assert_ne!(Trigger::Clone, Trigger::Drop);
/// assert_eq!(format!("{:?}", Trigger::Drop), "Trigger::Drop");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Arbitrary)]
pub enum Trigger {
    /// The n-th `clone` panics.
    Clone,
    /// The n-th `drop` panics.
    Drop,
}

impl fmt::Debug for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Clone => f.write_str("Trigger::Clone"),
            Trigger::Drop => f.write_str("Trigger::Drop"),
        }
    }
}

/// The message a [`Tracked`] panic carries.
pub const TRACKED_PANIC: &str = "check: Tracked panicked on purpose";

#[derive(Default, Clone, Copy)]
struct SideState {
    live: i64,
    clone_countdown: Option<u32>,
    drop_countdown: Option<u32>,
}

thread_local! {
    static TRACKING: RefCell<[SideState; 2]> = const {
        RefCell::new([SideState { live: 0, clone_countdown: None, drop_countdown: None }; 2])
    };
}

fn with_side<R>(side: Side, f: impl FnOnce(&mut SideState) -> R) -> R {
    TRACKING.with(|t| f(&mut t.borrow_mut()[side as usize]))
}

/// Counts down a one-shot trigger; true when it fires now.
fn fire(countdown: &mut Option<u32>) -> bool {
    match countdown {
        Some(0) => {
            *countdown = None;
            true
        }
        Some(n) => {
            *n -= 1;
            false
        }
        None => false,
    }
}

impl Tracked {
    /// How many `Tracked` values of `side` are alive on this thread.
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{Side, Tracked};
    /// Tracked::reset();
    /// assert_eq!(Tracked::live(Side::Std), 0);
    /// ```
    pub fn live(side: Side) -> i64 {
        with_side(side, |s| s.live)
    }

    /// Arms a one-shot panic: the `nth` (counting from 0) `clone` or `drop` of a `side` value
    /// from now on panics with [`TRACKED_PANIC`].
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{Element, Side, TRACKED_PANIC, Tracked, Trigger, catch_quietly};
    /// Tracked::arm(Side::Ours, Trigger::Drop, 0);
    /// let value = Tracked::from_seed(1, Side::Ours);
    /// assert_eq!(catch_quietly(move || drop(value)), Err(TRACKED_PANIC.to_string()));
    /// ```
    pub fn arm(side: Side, trigger: Trigger, nth: u32) {
        with_side(side, |s| match trigger {
            Trigger::Clone => s.clone_countdown = Some(nth),
            Trigger::Drop => s.drop_countdown = Some(nth),
        })
    }

    /// Disarms every trigger on both sides.
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{Element, Side, Tracked, Trigger};
    /// Tracked::arm(Side::Std, Trigger::Drop, 0);
    /// Tracked::disarm();
    /// drop(Tracked::from_seed(1, Side::Std)); // would have panicked
    /// ```
    pub fn disarm() {
        for side in [Side::Ours, Side::Std] {
            with_side(side, |s| {
                s.clone_countdown = None;
                s.drop_countdown = None;
            });
        }
    }

    /// Disarms every trigger and sets both live counts to zero (start of a run).
    ///
    /// # Examples
    /// ```
    /// use boxvec::check::{Element, Side, Tracked};
    /// std::mem::forget(Tracked::from_seed(1, Side::Ours));
    /// assert_eq!(Tracked::live(Side::Ours), 1);
    /// Tracked::reset();
    /// assert_eq!(Tracked::live(Side::Ours), 0);
    /// ```
    pub fn reset() {
        TRACKING.with(|t| *t.borrow_mut() = [SideState::default(); 2]);
    }
}

impl Element for Tracked {
    const NAME: &'static str = "Tracked";
    fn from_seed(seed: u8, side: Side) -> Self {
        with_side(side, |s| s.live += 1);
        Tracked { value: seed, side }
    }
    fn key(&self) -> u8 {
        self.value
    }
}

impl Clone for Tracked {
    fn clone(&self) -> Self {
        // Decide inside the borrow, panic outside it, so the `RefCell` is not left borrowed.
        let panic_now = with_side(self.side, |s| fire(&mut s.clone_countdown));
        if panic_now {
            panic!("{TRACKED_PANIC}");
        }
        with_side(self.side, |s| s.live += 1);
        Tracked {
            value: self.value,
            side: self.side,
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        // A value whose `drop` panics still counts as dropped: its fields are gone either way.
        let panic_now = with_side(self.side, |s| {
            s.live -= 1;
            !std::thread::panicking() && fire(&mut s.drop_countdown)
        });
        if panic_now {
            panic!("{TRACKED_PANIC}");
        }
    }
}

impl PartialEq for Tracked {
    /// Compares the values only: a value on our side equals its twin on the std side.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Tracked {}

impl fmt::Debug for Tracked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{}", self.value)
    }
}
