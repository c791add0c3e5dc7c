//! The guide: allocation in Rust from `Layout` to `Vec`, one chapter per step, every claim a
//! doctest.
//!
//! These modules hold no code, only chapters that rustdoc renders (the convention of clap's
//! `_tutorial`). Each code block is a doctest that *asserts* what the text around it claims,
//! and runs natively and under Miri, so a claim that stops being true fails `cargo test`.
//! The order follows the path most tutorials take (bytes first, then the interfaces that hand
//! them out, then the types built on them); each chapter ends by pointing at the module of
//! boxvec that implements what it describes, whose own docs go one level deeper.
//!
//! - [Chapter 1: Layout and alignment](ch01_layout): how many bytes, at which boundaries;
//!   padding, field order, `Layout::array`, `Layout::extend`, the `isize::MAX` limit.
//! - [Chapter 2: The allocator traits](ch02_allocators): `GlobalAlloc` and `Allocator`, what
//!   glibc's malloc does underneath, zero-size requests, the safety contract.
//! - [Chapter 3: Box](ch03_box): one value in one block; the two phases of drop; zero-sized
//!   types; raw round trips; fat pointers.
//! - [Chapter 4: Vec](ch04_vec): `(ptr, len, cap)` and `RawVec`; doubling against growing by
//!   one, counted; realloc in place or moved; shrinking; panic safety; `Drain`.
//! - [Chapter 5: String](ch05_string): `Vec<u8>` plus the UTF-8 promise; char boundaries;
//!   capacity as `Vec<u8>`'s; why indexing by character is O(n).
//! - [Chapter 6: Where boxvec differs from std, and why](ch06_differences): what stable Rust
//!   cannot express, and what boxvec does instead.
//!
//! To see the same things happen rather than read about them, run the examples listed on the
//! [crate page](crate#the-examples), starting with `cargo run --example growth`.

pub mod ch01_layout;
pub mod ch02_allocators;
pub mod ch03_box;
pub mod ch04_vec;
pub mod ch05_string;
pub mod ch06_differences;
