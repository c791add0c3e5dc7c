//! The allocator interface, and instrumented allocators for study and testing.
//!
//! Mirrors `library/core/src/alloc/` (the `Allocator` trait, `Layout`, `AllocError`) and
//! `library/alloc/src/alloc.rs` (`Global`). std's `Allocator` trait is still unstable, so boxvec
//! uses the copy of it that the `allocator-api2` crate (0.2) provides on stable Rust; hashbrown
//! and bumpalo implement that same trait, so their allocators plug straight in. Everything is
//! re-exported here so a user never needs a second import.
//!
//! The instrumented allocators each wrap an inner allocator `A` (default [`Global`]) and compose:
//! `Checked<Failing<Counting<Global>>>` checks the contract, injects failures and counts, all at
//! once. They take `&self` (the state lives behind a lock) and `Clone` hands out another handle
//! to the *same* state, so a test can give one handle to a collection and keep one to inspect.
//! A shared reference `&X` is an allocator too (allocator-api2 implements `Allocator for &A`).
//!
//! | type | what it does |
//! |---|---|
//! | [`Counting`] | counts calls, live bytes and peak bytes |
//! | [`Recording`] | keeps an event log of every call, with layouts, addresses and moves |
//! | [`Failing`] | makes chosen requests fail: the Nth, every one from N on, or over a budget |
//! | [`Checked`] | verifies the `Allocator` contract from both sides; poisons freed memory |
//! | [`FromGlobal`] | adapts any [`GlobalAlloc`] into an [`Allocator`] |

pub use allocator_api2::alloc::{AllocError, Allocator, Global, GlobalAlloc, Layout, LayoutError};

#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use allocator_api2::alloc::System;

mod checked;
mod counting;
mod failing;
mod from_global;
mod lock;
mod recording;

pub use checked::Checked;
pub use counting::{Counting, CountingSnapshot};
pub use failing::{FailMode, Failing};
pub use from_global::FromGlobal;
pub use recording::{Event, Recording};
