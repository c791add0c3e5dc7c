//! A minimal spin lock for the instrumented allocators' bookkeeping.
//!
//! std's `Mutex` lives in `std`, and boxvec is `no_std`, so the allocators in this module guard
//! their shared state with this lock instead. It is deliberately tiny: one `AtomicBool` and the
//! protected value in an `UnsafeCell`.
//!
//! Why a spin lock is good enough here: every critical section is a few counter updates or one
//! map operation, and no allocator ever calls into its inner allocator while holding the lock,
//! so a thread never waits long and a wrapped allocator can never re-enter a lock its caller
//! holds.
//!
//! Unlocking happens in the guard's `Drop`, so a panic while the lock is held (for example
//! `Checked` reporting a double free) releases it during unwinding. Unlike std's `Mutex` there
//! is no poisoning: the instrumented allocators finish their checks *before* they change any
//! state, so a panic never leaves the protected value half-updated.

use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};
use core::sync::atomic::{AtomicBool, Ordering};

/// A mutual-exclusion lock that busy-waits instead of parking the thread.
///
/// Invariant: while `locked` is `true`, exactly one [`SpinLockGuard`] exists for this lock, and
/// only that guard touches `value`.
pub(crate) struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the lock hands out access to `value` to one thread at a time (see the invariant on
// `SpinLock`), so sharing the lock between threads only ever *moves* access to the `T` from one
// thread to another; that is sound exactly when `T: Send`, as for std's `Mutex`.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    /// Creates an unlocked lock around `value`.
    pub(crate) const fn new(value: T) -> Self {
        Self {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    /// Waits until the lock is free, takes it, and returns a guard that releases it on drop.
    pub(crate) fn lock(&self) -> SpinLockGuard<'_, T> {
        // `Acquire` on success pairs with the `Release` store in the guard's `Drop`, so the
        // previous holder's writes to `value` are visible to us.
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            // Spin on a plain load until the lock looks free, so waiting threads don't keep
            // stealing the cache line from the holder with failed compare-exchanges.
            while self.locked.load(Ordering::Relaxed) {
                core::hint::spin_loop();
            }
        }
        SpinLockGuard {
            lock: self,
            _marker: PhantomData,
        }
    }
}

/// Proof that the lock is held; gives `&T`/`&mut T` and releases the lock when dropped.
///
/// The marker makes the guard `Send`/`Sync` exactly like `&mut T`: sharing `&SpinLockGuard`
/// between threads hands out `&T` on each of them, which needs `T: Sync`.
pub(crate) struct SpinLockGuard<'a, T> {
    lock: &'a SpinLock<T>,
    _marker: PhantomData<&'a mut T>,
}

impl<T> Deref for SpinLockGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: this guard exists, so by the invariant on `SpinLock` we are the only code
        // with access to `value` until the guard is dropped; the borrow of `self` keeps the
        // returned reference from outliving the guard.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinLockGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`: the guard gives exclusive access to `value`, and the unique
        // borrow of `self` makes the returned `&mut T` the only reference for its lifetime.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinLockGuard<'_, T> {
    fn drop(&mut self) {
        // `Release` publishes our writes to `value` to the next thread that acquires the lock.
        self.lock.locked.store(false, Ordering::Release);
    }
}
