//! # boxvec — `Box`, `Vec` and `RawVec` rebuilt from first principles
//!
//! boxvec re-implements the allocation types at the heart of Rust's `alloc` crate on stable
//! Rust, over the [`Allocator`](crate::alloc::Allocator) trait of `allocator-api2` 0.2, for
//! two audiences. **Learners** read it to see how allocation really works; every module says
//! which file of std it mirrors and where it differs. **Testers** plug their own allocators and
//! vector types under the instrumented allocators of [`alloc`] and the differential harness
//! `boxvec::check` (feature `check`).
//!
//! # Start here: the reading path
//!
//! The [`guide`] walks from bytes to collections, one chapter per step. Every code block in it
//! is a doctest that asserts what the text claims, so `cargo test --doc` checks the whole book.
//!
//! - Chapter 1, [Layout and alignment](guide::ch01_layout): size, alignment, padding, field
//!   order, `Layout::array`, `Layout::extend`, the `isize::MAX` limit.
//! - Chapter 2, [The allocator traits](guide::ch02_allocators): `GlobalAlloc` against
//!   `Allocator`, `System` and glibc's malloc, [`FromGlobal`](alloc::FromGlobal), zero-size
//!   requests, the safety contract, each watched through [`Recording`](alloc::Recording) and
//!   [`Checked`](alloc::Checked).
//! - Chapter 3, [Box](guide::ch03_box): one value, one block; drop in two phases; zero-sized
//!   types; raw round trips; fat pointers. Then read the code: [`boxed`].
//! - Chapter 4, [Vec](guide::ch04_vec): `(ptr, len, cap)`, amortized doubling counted, realloc
//!   in place or moved, shrinking, panic safety, `Drain`. Then read the code: [`raw_vec`],
//!   [`vec`].
//! - Chapter 5, [String](guide::ch05_string): `Vec<u8>` plus the UTF-8 promise; char
//!   boundaries; growth as `Vec<u8>`. Then read the code: [`string`].
//! - Chapter 6, [Where boxvec differs from std](guide::ch06_differences): what stable Rust
//!   cannot express, and what boxvec does instead.
//!
//! # The examples
//!
//! Each prints what it does, with a legend or footnotes for the numbers a newcomer would not
//! expect. Run them from a clone of the repository:
//!
//! | command | what you see |
//! |---|---|
//! | `cargo run --example growth` | every allocator call of 1,000,000 pushes: capacities, bytes, moves |
//! | `cargo run --example growth -- --svg growth.svg` | the same run drawn: capacity against length, moves, bytes copied |
//! | `cargo run --example box_exploration` | a box's life: layouts, thin and fat pointers, allocator calls, ZSTs, drop order |
//! | `cargo run --example seed_claims` | claims of popular allocation tutorials, checked on this machine |
//! | `cargo run --example check_allocator` | test someone else's allocator (bumpalo, `System`) with the harness |
//! | `cargo run --release --example allocator_comparison --features compare-allocators` | the same pushes on glibc, mimalloc, jemalloc and bumpalo: who grows in place (builds two C allocators) |
//!
//! # The layers
//!
//! Arrows point down: a module uses only what is below it, never what is above.
//!
//! ```text
//! guide/        docs only: chapters that use the public API
//!   │
//! check/        feature "check": drives MyVec, MyBox, RawVec (or your own vector type) on
//!   │           the instrumented allocators of alloc/ and compares each step with std
//!   ▼
//! vec/ ─────────────────▶ boxed.rs     vec/ → boxed.rs only for the conversions
//!   │  into_boxed_slice,     │          (into_boxed_slice, into_array, From)
//!   │  From                  │
//!   ▼                        ▼          boxed.rs → raw_vec.rs only for slices (the buffer
//! raw_vec.rs ◀───────────────┘          of new_uninit_slice_in and friends); one value it
//!   │                                   allocates through the Allocator trait itself
//!   ▼
//! error.rs      TryReserveError, TryReserveErrorKind
//!   │
//!   ▼
//! alloc/        the Allocator trait, Global, Layout (used by every layer above), and the
//!               instrumented allocators Counting, Recording, Failing, Checked, FromGlobal
//!               (used only by check/, by tests, examples and you)
//! ```
//!
//! # A first taste
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
// docs.rs builds with `--cfg docsrs` (see `[package.metadata.docs.rs]`): mark feature-gated
// items there. A plain `cargo doc` on stable never sets `docsrs`.
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc as alloc_crate;
#[cfg(feature = "std")]
extern crate std;

#[macro_use]
mod macros;

pub mod alloc;
pub mod boxed;
#[cfg(feature = "check")]
#[cfg_attr(docsrs, doc(cfg(feature = "check")))]
pub mod check;
mod error;
pub mod guide;
pub mod raw_vec;
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
