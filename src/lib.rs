//! # boxvec — `Box`, `Vec` and `RawVec` rebuilt from first principles
//!
//! boxvec re-implements the three allocation types at the heart of Rust's `alloc` crate on
//! stable Rust, over the [`Allocator`](crate::alloc::Allocator) trait of `allocator-api2`:
//!
//! - [`RawVec`]: the growable buffer; the only code that asks the allocator for vector memory.
//! - `MyVec`: `RawVec` plus a length, with std's `Vec` API.
//! - `MyBox`: std's `Box` API over the same allocator.
//!
//! It is written for two audiences. **Learners** read it to see how allocation really works
//! (layouts, growth, reallocation, zero-sized types, drop order), so every module says which
//! file of std it mirrors and where it differs. **Testers** use it for differential testing
//! against std and for fuzzing, with the instrumented allocators in [`alloc`] plugged
//! underneath to count, record, fail and check every request.
//!
//! ```
//! use boxvec::RawVec;
//! use boxvec::alloc::{Counting, Global};
//!
//! let counting = Counting::new(Global);
//! let mut buf: RawVec<u32, &Counting> = RawVec::new_in(&counting);
//! assert_eq!(buf.capacity(), 0); // nothing allocated yet
//! buf.reserve(0, 1);
//! assert_eq!(buf.capacity(), 4); // std's minimum non-zero capacity for 4-byte elements
//! drop(buf);
//! assert_eq!(counting.snapshot().live_bytes, 0);
//! ```
#![no_std]
#![deny(
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks,
    missing_docs
)]
#![warn(rust_2018_idioms)]

extern crate alloc as alloc_crate;
#[cfg(feature = "std")]
extern crate std;

#[macro_use]
mod macros;

pub mod alloc;
mod boxed;
#[cfg(feature = "check")]
pub mod check;
mod error;
mod raw_vec;
pub mod string;
pub mod vec;

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use boxed::MyBox;
pub use error::{TryReserveError, TryReserveErrorKind};
pub use raw_vec::RawVec;
pub use string::MyString;
pub use vec::MyVec;
