//! [`TestAlloc`]: the allocator every subject runs on, and the rule that keeps the harness
//! alive when an allocator says no.
//!
//! A run puts two instrumented layers between the subject and the caller's allocator:
//! [`Failing`] (which refuses the requests a run chooses to refuse) and [`Checked`] (which
//! verifies the `Allocator` contract from both sides). On top of them `TestAlloc` adds one
//! rule, about what a refusal means:
//!
//! - inside a **fallible** operation (`try_reserve`, `MyBox::try_new_in`, …; the runner marks
//!   them with [`TestAlloc::fallible`]) a refusal is returned as an error, exactly as the
//!   allocator returned it: that is the behaviour under test;
//! - inside an **infallible** operation (`push`, `reserve`, `clone`, …) a real program would
//!   now call `handle_alloc_error` and abort. The harness must not: a user's arena that runs
//!   out of room is not a bug, and the process may be a test runner or a fuzzer. So
//!   `TestAlloc` panics with a [`Refusal`], which unwinds out of the subject (boxvec's types
//!   are built to survive that, as they survive a panicking `Clone`) to the runner, which stops
//!   the run with a report instead of killing the process.
//!
//! Injected failures follow the same rule by construction: the failure mode of the run is
//! consulted only inside fallible operations, so an injected failure can never reach an
//! infallible one by accident.

use core::fmt;
use core::ptr::NonNull;
use std::sync::{Arc, Mutex, PoisonError};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::alloc::{AllocError, Allocator, Checked, FailMode, Failing, Global, Layout};

/// The allocator a subject is tested on: `Checked<Failing<A>>` over the caller's allocator,
/// with refusals during infallible operations turned into reports instead of aborts.
///
/// Clones are handles to the *same* allocator (the same ledger, the same failure plan), so a
/// subject can keep one per vector it builds. See the [module docs](self) for the refusal rule.
///
/// # Examples
/// ```
/// use boxvec::MyVec;
/// use boxvec::alloc::{FailMode, Global};
/// use boxvec::check::TestAlloc;
///
/// let alloc = TestAlloc::new(Global, FailMode::From(0)); // refuse every request
/// let mut v: MyVec<u8, TestAlloc> = MyVec::new_in(alloc.clone());
/// // Inside a fallible operation the refusal is an error…
/// assert!(alloc.fallible(|| v.try_reserve(10)).is_err());
/// // …and the failure plan is not consulted outside one: this push is served.
/// v.push(1);
/// drop(v);
/// alloc.checked().assert_no_leaks();
/// ```
pub struct TestAlloc<A: Allocator = Global> {
    checked: Checked<Failing<A>>,
    /// Inside a fallible operation: refusals are returned, not reported.
    fallible: Arc<AtomicBool>,
    /// The failure plan for fallible operations (outside them the plan is `Never`).
    plan: Arc<Mutex<FailMode>>,
    /// Requests refused so far, injected or not.
    refusals: Arc<AtomicU64>,
    /// The most bytes that may be live at once, if limited.
    budget: Option<usize>,
}

/// A refusal by the allocator under test during an infallible operation: the panic payload
/// [`TestAlloc`] unwinds with, and what the report says.
///
/// # Examples
/// ```
/// use boxvec::alloc::Layout;
/// use boxvec::check::{Refusal, Refuser};
/// let r = Refusal { layout: Layout::new::<[u8; 64]>(), by: Refuser::AllocatorUnderTest };
/// assert!(r.to_string().contains("refused 64 bytes"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Refusal {
    /// The layout that was refused.
    pub layout: Layout,
    /// Who refused it.
    pub by: Refuser,
}

/// Who refused a request.
///
/// # Examples
/// ```
/// use boxvec::check::Refuser;
/// assert_ne!(Refuser::Budget, Refuser::AllocatorUnderTest);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Refuser {
    /// The allocator under test, by itself.
    AllocatorUnderTest,
    /// The run's failure injection (outside a fallible operation this would be a harness
    /// bug: the failure plan applies only inside them).
    FailureInjection,
    /// The run's memory budget (see [`Battery::budget`](super::Battery::budget)), before the
    /// request reached the allocator under test.
    Budget,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = match self.by {
            Refuser::AllocatorUnderTest => "the allocator under test",
            Refuser::FailureInjection => "the harness's failure injection",
            Refuser::Budget => "the run's memory budget",
        };
        write!(
            f,
            "{who} refused {} bytes (align {}) during an infallible operation; a real program \
             would abort here (handle_alloc_error)",
            self.layout.size(),
            self.layout.align()
        )
    }
}

impl<A: Allocator> TestAlloc<A> {
    /// Wraps `alloc`; `mode` says which requests of fallible operations to refuse.
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::Never);
    /// assert_eq!(alloc.failing().failures(), 0);
    /// ```
    pub fn new(alloc: A, mode: FailMode) -> Self {
        TestAlloc {
            checked: Checked::new(Failing::new(alloc)),
            fallible: Arc::new(AtomicBool::new(false)),
            plan: Arc::new(Mutex::new(mode)),
            refusals: Arc::new(AtomicU64::new(0)),
            budget: None,
        }
    }

    /// Limits the bytes live at once to `budget`: a request that would go over it is refused
    /// before it reaches the wrapped allocator.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::Never).with_budget(100);
    /// let mut v: MyVec<u8, TestAlloc> = MyVec::new_in(alloc.clone());
    /// assert!(alloc.fallible(|| v.try_reserve(64)).is_ok());
    /// assert!(alloc.fallible(|| v.try_reserve(200)).is_err()); // over the budget
    /// ```
    pub fn with_budget(mut self, budget: usize) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The contract checker (for `assert_no_leaks`, `live_bytes`, …).
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::Never);
    /// assert_eq!(alloc.checked().live_blocks(), 0);
    /// ```
    pub fn checked(&self) -> &Checked<Failing<A>> {
        &self.checked
    }

    /// The failure injection (for its counters; its mode is managed by the run).
    ///
    /// # Examples
    /// ```
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::Nth(0));
    /// assert_eq!(alloc.failing().requests(), 0);
    /// ```
    pub fn failing(&self) -> &Failing<A> {
        self.checked.inner()
    }

    /// Runs `f` as a fallible operation: the run's failure plan applies, and a refusal is
    /// returned to the caller as an error.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::Nth(0));
    /// let mut v: MyVec<u32, TestAlloc> = MyVec::new_in(alloc.clone());
    /// assert!(alloc.fallible(|| v.try_reserve(1)).is_err()); // request 0: refused
    /// assert!(alloc.fallible(|| v.try_reserve(1)).is_ok()); // request 1: served
    /// ```
    pub fn fallible<R>(&self, f: impl FnOnce() -> R) -> R {
        /// Leaves the fallible operation even if `f` unwinds.
        struct Leave<'a, A: Allocator>(&'a TestAlloc<A>);
        impl<A: Allocator> Drop for Leave<'_, A> {
            fn drop(&mut self) {
                self.0.failing().set_mode(FailMode::Never);
                self.0.fallible.store(false, Ordering::Relaxed);
            }
        }
        if self.fallible.swap(true, Ordering::Relaxed) {
            return f(); // already inside one
        }
        self.failing().set_mode(self.plan());
        let _leave = Leave(self);
        f()
    }

    /// How many requests were refused so far: by the failure injection or by the allocator
    /// under test, inside fallible operations or not.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyVec;
    /// use boxvec::alloc::{FailMode, Global};
    /// use boxvec::check::TestAlloc;
    /// let alloc = TestAlloc::new(Global, FailMode::From(0));
    /// let mut v: MyVec<u8, TestAlloc> = MyVec::new_in(alloc.clone());
    /// let _ = alloc.fallible(|| v.try_reserve(1));
    /// assert_eq!(alloc.refusals(), 1);
    /// ```
    pub fn refusals(&self) -> u64 {
        self.refusals.load(Ordering::Relaxed)
    }

    /// The failure plan for fallible operations.
    pub(crate) fn plan(&self) -> FailMode {
        *self.plan.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sets the failure plan used inside fallible operations from now on.
    pub(crate) fn set_plan(&self, mode: FailMode) {
        *self.plan.lock().unwrap_or_else(PoisonError::into_inner) = mode;
        if self.fallible.load(Ordering::Relaxed) {
            self.failing().set_mode(mode);
        }
    }

    /// What to do with a refusal: return it inside a fallible operation, report it outside.
    #[cold]
    #[inline(never)]
    fn refused(&self, layout: Layout, by: Refuser) -> AllocError {
        self.refusals.fetch_add(1, Ordering::Relaxed);
        if self.fallible.load(Ordering::Relaxed) {
            return AllocError;
        }
        std::panic::panic_any(Refusal { layout, by })
    }

    /// Forwards one request for `layout` (growing a block of `old_size` bytes, or 0) and
    /// applies the budget and the refusal rule.
    fn request<R>(
        &self,
        layout: Layout,
        old_size: usize,
        f: impl FnOnce(&Checked<Failing<A>>) -> Result<R, AllocError>,
    ) -> Result<R, AllocError> {
        if let Some(budget) = self.budget {
            let growth = layout.size().saturating_sub(old_size);
            if self.checked.live_bytes().saturating_add(growth) > budget {
                return Err(self.refused(layout, Refuser::Budget));
            }
        }
        let failures_before = self.failing().failures();
        f(&self.checked).map_err(|AllocError| {
            let by = if self.failing().failures() > failures_before {
                Refuser::FailureInjection
            } else {
                Refuser::AllocatorUnderTest
            };
            self.refused(layout, by)
        })
    }
}

impl<A: Allocator + Clone> Clone for TestAlloc<A> {
    /// Another handle to the same allocator, ledger and failure plan.
    fn clone(&self) -> Self {
        TestAlloc {
            checked: self.checked.clone(),
            fallible: Arc::clone(&self.fallible),
            plan: Arc::clone(&self.plan),
            refusals: Arc::clone(&self.refusals),
            budget: self.budget,
        }
    }
}

impl<A: Allocator> fmt::Debug for TestAlloc<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TestAlloc")
    }
}

// SAFETY: every method forwards to the same method of `self.checked` with the caller's
// arguments unchanged. On success the block is returned unchanged, so it carries the wrapped
// allocator's guarantees; on failure either the error is returned unchanged or `refused`
// panics, and in both cases the wrapped allocator already left the old block (for grow and
// shrink) allocated and untouched, as a failed request must. Clones share the same wrapped
// allocator handles.
unsafe impl<A: Allocator> Allocator for TestAlloc<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.request(layout, 0, |c| c.allocate(layout))
    }

    fn allocate_zeroed(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        self.request(layout, 0, |c| c.allocate_zeroed(layout))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded unchanged; the caller's guarantees are the same trait's.
        unsafe { self.checked.deallocate(ptr, layout) }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded unchanged; the caller's guarantees are the same trait's.
        self.request(new_layout, old_layout.size(), |c| unsafe {
            c.grow(ptr, old_layout, new_layout)
        })
    }

    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded unchanged; the caller's guarantees are the same trait's.
        self.request(new_layout, old_layout.size(), |c| unsafe {
            c.grow_zeroed(ptr, old_layout, new_layout)
        })
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded unchanged; the caller's guarantees are the same trait's.
        self.request(new_layout, old_layout.size(), |c| unsafe {
            c.shrink(ptr, old_layout, new_layout)
        })
    }
}
