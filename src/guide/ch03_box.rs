//! # Chapter 3: Box
//!
//! A box is the smallest owning pointer: one allocation, holding one value, freed when the box
//! is dropped. boxvec's [`MyBox`](crate::MyBox) is std's `Box` rebuilt as a pointer plus an
//! allocator, so every step can be watched. Mirrors `library/alloc/src/boxed.rs`.
//!
//! ## The allocation path
//!
//! `MyBox::new_in(value, alloc)` asks `alloc` for `Layout::new::<T>()`, moves the value into
//! the block, and keeps the pointer. With a zero-sized allocator handle such as `Global` the box
//! is one pointer wide, and `Option<MyBox<T>>` is too: the pointer is never null, so `None`
//! is stored as null (the *niche*).
//!
//! ```
//! use boxvec::MyBox;
//! use boxvec::alloc::{Event, Global, Layout, Recording};
//! use std::mem::size_of;
//!
//! let recording = Recording::new(Global);
//! let b = MyBox::new_in(7u64, &recording);
//! assert_eq!(*b, 7);
//! let events = recording.events();
//! assert_eq!(events.len(), 1);
//! let Event::Allocate { layout, addr: Some(addr), .. } = events[0] else { panic!("{events:?}") };
//! assert_eq!(layout, Layout::new::<u64>());
//! assert_eq!(MyBox::as_ptr(&b).addr(), addr); // the box holds the block it was given
//!
//! assert_eq!(size_of::<MyBox<u64>>(), size_of::<usize>());
//! assert_eq!(size_of::<Option<MyBox<u64>>>(), size_of::<usize>());
//! # drop(b);
//! ```
//!
//! ## Drop in two phases: the value, then the memory
//!
//! Dropping a box first drops the value *in place*, while its block is still allocated (the
//! value's `Drop` may read its own fields, or own further boxes), and only then frees the
//! block with the same layout it was allocated with. Here the value checks, from inside its
//! own `Drop`, that its memory is still there:
//!
//! ```
//! use boxvec::MyBox;
//! use boxvec::alloc::{Counting, Global};
//! use std::cell::Cell;
//!
//! struct Witness<'a> { counting: &'a Counting, live_blocks_seen: &'a Cell<usize> }
//! impl Drop for Witness<'_> {
//!     fn drop(&mut self) {
//!         self.live_blocks_seen.set(self.counting.snapshot().live_blocks);
//!     }
//! }
//!
//! let counting = Counting::new(Global);
//! let seen = Cell::new(usize::MAX);
//! let b = MyBox::new_in(Witness { counting: &counting, live_blocks_seen: &seen }, &counting);
//! drop(b);
//! assert_eq!(seen.get(), 1, "phase 1: the value's Drop ran while its block was allocated");
//! assert_eq!(counting.snapshot().live_blocks, 0, "phase 2: then the block was freed");
//! ```
//!
//! ## Zero-sized types
//!
//! A value of a zero-sized type needs no bytes, so a box of one never calls the allocator,
//! neither to create nor to drop it. Its pointer is *dangling*: not null, aligned (boxvec uses
//! the alignment itself as the address), pointing at nothing.
//!
//! ```
//! use boxvec::MyBox;
//! use boxvec::alloc::{Counting, Global};
//!
//! #[repr(align(32))]
//! struct Marker;
//!
//! let counting = Counting::new(Global);
//! let unit = MyBox::new_in((), &counting);
//! let marker = MyBox::new_in(Marker, &counting);
//! assert_eq!(MyBox::as_ptr(&marker).addr(), 32);
//! let empty = MyBox::<[u64], _>::new_uninit_slice_in(0, &counting);
//! drop((unit, marker, empty));
//! let calls = counting.snapshot();
//! assert_eq!(calls.allocations + calls.deallocations, 0);
//! ```
//!
//! ## Raw round trips
//!
//! [`MyBox::into_raw`](crate::MyBox::into_raw) gives the block to the caller without freeing
//! it; [`MyBox::from_raw`](crate::MyBox::from_raw) takes it back. In between nobody frees it
//! unless the caller does: this is how a box crosses an FFI boundary. Exactly one owner at a
//! time: a second `from_raw` of the same pointer would free it twice.
//!
//! ```
//! use boxvec::MyBox;
//! use boxvec::alloc::{Counting, Global};
//!
//! let counting = Counting::new(Global);
//! let b = MyBox::new_in(String::from("away"), &counting);
//! let (raw, alloc) = MyBox::into_raw_with_allocator(b);
//! assert_eq!(counting.snapshot().live_blocks, 1); // handed over, not freed
//! // SAFETY: `raw` points to the live `String` we now own, and nothing else uses it.
//! unsafe { (*raw).push_str(" and back") };
//! // SAFETY: the pair came from `into_raw_with_allocator` and is given back exactly once.
//! let back = unsafe { MyBox::from_raw_in(raw, alloc) };
//! assert_eq!(*back, "away and back");
//! drop(back);
//! assert_eq!(counting.snapshot().deallocations, 1);
//! ```
//!
//! ## Fat pointers and `dyn`
//!
//! For `[T]`, `str` and `dyn Trait` the size is known only at run time, so the pointer is
//! *fat*: the address plus a length (slices, `str`) or a pointer to a vtable (`dyn Trait`, which
//! holds the value's size, alignment, `drop` and methods). The layout to free comes from the
//! value itself, through `Layout::for_value`. On stable Rust `MyBox<T>` cannot coerce to
//! `MyBox<dyn Trait>` by itself ([chapter 6](super::ch06_differences) says why); the macro
//! [`my_box_unsize!`](crate::my_box_unsize) does it.
//!
//! ```
//! use boxvec::{MyBox, my_box_unsize};
//! use boxvec::alloc::Layout;
//! use std::fmt::Display;
//! use std::mem::size_of;
//!
//! let word = size_of::<usize>();
//! assert_eq!(size_of::<MyBox<[u8]>>(), 2 * word); // address + length
//! assert_eq!(size_of::<MyBox<dyn Display>>(), 2 * word); // address + vtable
//!
//! let shown: MyBox<dyn Display> = my_box_unsize!(MyBox::new(12345u32));
//! assert_eq!(shown.to_string(), "12345");
//! assert_eq!(Layout::for_value(&*shown), Layout::new::<u32>()); // read from the vtable
//!
//! let slice: MyBox<[u16]> = MyBox::from(&[1u16, 2, 3][..]);
//! assert_eq!(Layout::for_value(&*slice), Layout::array::<u16>(3).unwrap()); // from the length
//! ```
//!
//! ## Where this lives in boxvec
//!
//! [`boxvec::boxed`](crate::boxed): its module docs go through the same edges from the
//! implementation's side (why a guard frees the block if the value's `Drop` panics, how the
//! slice constructors borrow `RawVec`'s buffer). `cargo run --example box_exploration` prints
//! all of it with real addresses. Next: [chapter 4](super::ch04_vec), a block that grows.
