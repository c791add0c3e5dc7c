//! # Chapter 6: Where boxvec differs from std, and why
//!
//! std's `alloc` crate is compiled with nightly features that a library on stable Rust cannot
//! use. boxvec keeps std's behaviour wherever stable Rust can express it, and where it cannot,
//! it says so, here and in the module concerned. Four differences a learner meets:
//!
//! ## No specialization: `size_hint` instead of `TrustedLen`
//!
//! std's `extend` and `collect` pick a strategy by iterator *type* (specialization): a
//! `TrustedLen` iterator (ranges, slice iterators, `map` over them…) promises that its
//! `size_hint` is exact, so std reserves it all at once. On stable no code can ask "is this
//! type `TrustedLen`?", so boxvec reads the hint and trusts an exact-looking one (`lower ==
//! upper`) *for capacity only*, never for safety: every write still checks the capacity. That
//! gives std's capacities for every honest iterator but one kind: an exact-size iterator that
//! is not `TrustedLen`, such as a `HashSet`'s. std collects it like any unknown iterator (at
//! least `MIN_NON_ZERO_CAP` slots); boxvec allocates exactly the count.
//!
//! ```
//! use boxvec::MyVec;
//! use std::collections::HashSet;
//!
//! let set: HashSet<u32> = [1, 2].into_iter().collect();
//! assert_eq!(set.iter().size_hint(), (2, Some(2))); // exact, but not TrustedLen
//! let std_vec: Vec<u32> = set.iter().copied().collect();
//! let my_vec: MyVec<u32> = set.iter().copied().collect();
//! assert_eq!(std_vec.capacity(), 4); // std: max(MIN_NON_ZERO_CAP, 1 + remaining)
//! assert_eq!(my_vec.capacity(), 2); // boxvec: the exact count
//!
//! // A range is TrustedLen in std and exact here: the same capacity on both.
//! let std_range: Vec<u32> = (0..2).collect();
//! let my_range: MyVec<u32> = (0..2).collect();
//! assert_eq!((std_range.capacity(), my_range.capacity()), (2, 2));
//! ```
//!
//! ## No `#[may_dangle]`: stricter drop-check
//!
//! When a value is dropped, the compiler checks that its `Drop` cannot see data that is
//! already gone. std's `Vec` and `Box` mark their `Drop` with the unstable `#[may_dangle]`,
//! promising "I only drop my `T`s, I never look at them otherwise", which lets a `Vec<&T>`
//! be dropped *after* the `T` it points to. Without that attribute (nightly only), boxvec's
//! types are held to the strict rule:
//!
//! ```
//! let mut refs: Vec<&String> = Vec::new();
//! let text = String::from("declared after the vector, so dropped before it");
//! refs.push(&text);
//! // `text` is dropped first, then `refs`: fine, std's Vec promises not to read its &String.
//! ```
//!
//! ```compile_fail
//! use boxvec::MyVec;
//!
//! let mut refs: MyVec<&String> = MyVec::new();
//! let text = String::from("declared after the vector, so dropped before it");
//! refs.push(&text); // error[E0597]: `text` does not live long enough
//! ```
//!
//! ## No `CoerceUnsized`: unsizing by macro
//!
//! `let b: Box<dyn Display> = Box::new(5);` compiles because `Box` implements the unstable
//! `CoerceUnsized` trait, which lets the compiler turn a thin pointer into a fat one. A stable
//! type cannot implement it, so a `MyBox<T>` becomes a `MyBox<dyn Trait>` or `MyBox<[T]>`
//! through [`my_box_unsize!`](crate::my_box_unsize), which does the coercion on the raw pointer
//! (where it is allowed) and rebuilds the box.
//!
//! ```compile_fail
//! use boxvec::MyBox;
//! use std::fmt::Display;
//!
//! let shown: MyBox<dyn Display> = MyBox::new(5); // error[E0308]: mismatched types
//! ```
//!
//! ```
//! use boxvec::{MyBox, my_box_unsize};
//! use std::fmt::Display;
//!
//! let shown: MyBox<dyn Display> = my_box_unsize!(MyBox::new(5));
//! assert_eq!(shown.to_string(), "5");
//! ```
//!
//! ## No capacity niche
//!
//! A *niche* is a bit pattern a type never uses, which an enum around it can use for its own
//! tag. Both `Vec` and `MyVec` hold a non-null pointer, so `Option<Vec<T>>` and
//! `Option<MyVec<T>>` cost nothing. std also stores the capacity in a type whose valid values
//! are `0..=isize::MAX` (a ranged integer, nightly only), which leaves 2⁶³ more spare patterns
//! for enums that need more than one; boxvec's capacity is a plain `usize`, so a second
//! level of `Option` needs a word of its own.
//!
//! ```
//! use boxvec::MyVec;
//! use std::mem::size_of;
//!
//! let word = size_of::<usize>();
//! assert_eq!(size_of::<Option<Vec<u8>>>(), 3 * word);
//! assert_eq!(size_of::<Option<MyVec<u8>>>(), 3 * word); // the pointer's niche
//! assert_eq!(size_of::<Option<Option<Vec<u8>>>>(), 3 * word); // std: the capacity's niche too
//! assert_eq!(size_of::<Option<Option<MyVec<u8>>>>(), 4 * word); // boxvec: one niche only
//! ```
//!
//! ## And the rest
//!
//! The module docs list every other difference where it happens: the `Allocator` trait comes
//! from allocator-api2 ([`alloc`](crate::alloc)); `TryReserveErrorKind` is public and
//! constructible ([`TryReserveErrorKind`](crate::TryReserveErrorKind)); a few of std's impls
//! are refused by coherence on stable, and [`boxed`](crate::boxed) and [`vec`](crate::vec) name
//! each one with its replacement; std's in-place `collect` reuses the source buffer, boxvec's
//! allocates a new one (`vec/extend.rs`).
