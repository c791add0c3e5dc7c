//! # Chapter 2: The allocator traits
//!
//! A [`Layout`](crate::alloc::Layout) says what is needed; an allocator hands it out. Rust has
//! two interfaces for that. Mirrors `library/core/src/alloc/global.rs` (`GlobalAlloc`),
//! `library/core/src/alloc/mod.rs` (`Allocator`) and `library/std/src/sys/alloc/unix.rs`
//! (`System` on Unix).
//!
//! ## `GlobalAlloc`: stable, simple, C-shaped
//!
//! [`GlobalAlloc`](crate::alloc::GlobalAlloc) is what `#[global_allocator]` takes: `alloc`,
//! `dealloc`, `realloc`, `alloc_zeroed`, all `unsafe`, all with raw `*mut u8` pointers, a null
//! pointer meaning "no memory". A zero-size layout is forbidden (undefined behaviour), so every
//! caller has to special-case it. `std::alloc::System` is the operating system's allocator
//! behind this trait; on Linux with glibc it calls `malloc`, `free`, `realloc` (and
//! `posix_memalign` when the alignment is above 16 or above the size).
//!
//! ```
//! use std::alloc::{GlobalAlloc, Layout, System};
//!
//! let layout = Layout::array::<u32>(4).unwrap();
//! // SAFETY: `layout` has a non-zero size.
//! let ptr = unsafe { System.alloc(layout) }.cast::<u32>();
//! assert!(!ptr.is_null(), "null is how GlobalAlloc says no");
//! assert_eq!(ptr.addr() % layout.align(), 0);
//! for i in 0..4 {
//!     // SAFETY: the block holds 4 aligned `u32`s and `i < 4`.
//!     unsafe { ptr.add(i).write(i as u32 * 10) };
//! }
//! // SAFETY: the 4 values were written above.
//! assert_eq!(unsafe { ptr.add(3).read() }, 30);
//! // SAFETY: `ptr` came from `System.alloc` with this same `layout`, and is freed once.
//! unsafe { System.dealloc(ptr.cast(), layout) };
//! ```
//!
//! std has no `alloc_array` (a tutorial's invention): an array is allocated with the same
//! `alloc`, given the array's layout from `Layout::array::<T>(n)`, as in the block above.
//!
//! ```compile_fail
//! use std::alloc::alloc_array; // error[E0432]: unresolved import
//! ```
//!
//! ## What glibc's `malloc` does underneath
//!
//! `malloc` is not a system call. glibc keeps its own free lists inside big regions it gets
//! from the kernel in two ways: small requests are carved out of the *heap*, a region that
//! glibc extends with `brk` (the `[heap]` line of `/proc/self/maps`, for the main thread;
//! other threads get arenas of their own, themselves mapped with `mmap`); a request at or above
//! the *mmap threshold* (128 KiB at start, raised automatically up to 32 MiB on 64-bit systems
//! as large blocks are freed) gets a private `mmap` of its own, and `free` gives it straight
//! back to the kernel with `munmap`. So "the standard allocator uses sbrk to grow the heap" is
//! half the story. Here a 64 MiB block, above any threshold, lies outside `[heap]`, 16 bytes
//! past a page boundary: its mapping starts with glibc's 16-byte chunk header (checked only
//! on Linux with glibc, natively: Miri has no `/proc`, and other C libraries do otherwise;
//! `cargo run --example seed_claims` shows the small side too).
//!
//! ```
//! use std::alloc::{GlobalAlloc, Layout, System};
//!
//! if cfg!(all(target_os = "linux", target_env = "gnu", not(miri))) {
//!     let big = Layout::from_size_align(64 << 20, 8).unwrap();
//!     // SAFETY: `big` has a non-zero size.
//!     let ptr = unsafe { System.alloc(big) };
//!     assert!(!ptr.is_null());
//!     let addr = ptr.addr();
//!     let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
//!     let region = maps.lines().find(|line| {
//!         let range = line.split_whitespace().next().unwrap();
//!         let (start, end) = range.split_once('-').unwrap();
//!         let start = usize::from_str_radix(start, 16).unwrap();
//!         let end = usize::from_str_radix(end, 16).unwrap();
//!         (start..end).contains(&addr)
//!     });
//!     let region = region.expect("a live block lies in some mapping");
//!     assert!(!region.ends_with("[heap]"), "an mmap threshold sized block is not on the brk heap");
//!     assert_eq!(addr % 4096, 16, "a page of its own, after glibc's 16-byte chunk header");
//!     // SAFETY: `ptr` came from `System.alloc` with `big`, and is freed once.
//!     unsafe { System.dealloc(ptr, big) };
//! }
//! ```
//!
//! ## `Allocator`: what collections need
//!
//! [`Allocator`](crate::alloc::Allocator) is the interface std's collections are written
//! against (unstable in std; boxvec uses the identical copy from `allocator-api2`). It fixes
//! what `GlobalAlloc` leaves to every caller:
//!
//! - it takes `&self` and is implemented by *handles* (`Global`, `&Bump`, `&Counting<A>`), so a
//!   collection can store its allocator beside its pointer (`MyVec<T, A>`);
//! - failure is `Err(AllocError)`, not a null pointer to forget to check;
//! - a **zero-size** request is allowed: it returns a dangling, aligned pointer;
//! - `allocate` returns `NonNull<[u8]>`, a pointer *with a length*: the allocator may hand out
//!   more than was asked (malloc rounds 20 bytes up to 24, an arena may give the rest of a
//!   page), and the caller learns how much;
//! - resizing is `grow`, `grow_zeroed` and `shrink`, each free to keep the block in place or
//!   move it.
//!
//! [`FromGlobal`](crate::alloc::FromGlobal) turns any `GlobalAlloc` into an `Allocator`, and is
//! where the differences show. A zero-size request never reaches the global allocator:
//!
//! ```
//! use boxvec::alloc::{Allocator, FromGlobal, Layout};
//! use std::alloc::{GlobalAlloc, System};
//! use std::sync::atomic::{AtomicUsize, Ordering};
//!
//! /// `System`, counting the calls that reach it.
//! struct Tally;
//! static CALLS: AtomicUsize = AtomicUsize::new(0);
//! // SAFETY: every method forwards to `System` with the caller's own arguments, so `System`'s
//! // guarantees are `Tally`'s.
//! unsafe impl GlobalAlloc for Tally {
//!     unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
//!         CALLS.fetch_add(1, Ordering::Relaxed);
//!         // SAFETY: the caller upholds `alloc`'s contract (non-zero size).
//!         unsafe { System.alloc(layout) }
//!     }
//!     unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
//!         CALLS.fetch_add(1, Ordering::Relaxed);
//!         // SAFETY: `ptr` came from `Tally::alloc`, that is from `System`, with `layout`.
//!         unsafe { System.dealloc(ptr, layout) }
//!     }
//! }
//!
//! let tally = FromGlobal::new(Tally);
//! let nothing = Layout::from_size_align(0, 64).unwrap();
//! let block = tally.allocate(nothing).unwrap();
//! assert_eq!(block.len(), 0);
//! assert_eq!(block.cast::<u8>().addr().get() % 64, 0); // dangling, but aligned as asked
//! // SAFETY: `block` came from `tally.allocate(nothing)` and is freed once.
//! unsafe { tally.deallocate(block.cast(), nothing) };
//! assert_eq!(CALLS.load(Ordering::Relaxed), 0, "System never saw the zero-size request");
//!
//! let word = Layout::new::<u64>();
//! let block = tally.allocate(word).unwrap();
//! assert!(block.len() >= 8); // at least what was asked; the length is the allocator's answer
//! // SAFETY: `block` came from `tally.allocate(word)` and is freed once.
//! unsafe { tally.deallocate(block.cast(), word) };
//! assert_eq!(CALLS.load(Ordering::Relaxed), 2);
//! ```
//!
//! ## Watching the calls: `Recording`
//!
//! boxvec's instrumented allocators wrap any other. [`Recording`](crate::alloc::Recording)
//! keeps a log of every call with its layouts and addresses: here the whole life of a small
//! vector.
//!
//! ```
//! use boxvec::MyVec;
//! use boxvec::alloc::{Event, Global, Recording};
//!
//! let recording = Recording::new(Global);
//! let mut v: MyVec<u32, _> = MyVec::new_in(&recording);
//! assert!(recording.is_empty()); // an empty vector asks for nothing
//! v.extend([1, 2, 3, 4, 5]);
//! v.clear();
//! v.shrink_to_fit();
//! let events = recording.events();
//! assert!(matches!(events[0], Event::Allocate { layout, .. } if layout.size() == 5 * 4));
//! assert!(matches!(events[1], Event::Deallocate { layout, .. } if layout.size() == 5 * 4));
//! assert_eq!(events.len(), 2); // shrinking to nothing frees the block
//! # drop(v);
//! ```
//!
//! ## The safety contract, checked
//!
//! `Allocator` is an `unsafe` trait used through `unsafe` methods, because it binds both
//! sides. The allocator promises blocks that are aligned, at least as large as asked, and
//! not overlapping any live block. The caller promises to give back only live blocks of this
//! allocator, each with a layout that *fits* it (the same alignment, a size between the one
//! asked for and the length returned), and never to use a block after freeing it. Break a
//! promise and the result is undefined behaviour that usually goes unnoticed, until it does not.
//! [`Checked`](crate::alloc::Checked) sits between the two and panics at the first broken
//! promise:
//!
//! ```
//! use boxvec::alloc::{Allocator, Checked, Global, Layout};
//! use std::panic::{AssertUnwindSafe, catch_unwind};
//!
//! let checked = Checked::new(Global);
//! let asked = Layout::array::<u64>(4).unwrap();
//! let block = checked.allocate(asked).unwrap();
//!
//! let wrong = Layout::array::<u64>(2).unwrap(); // not the layout the block was allocated with
//! // SAFETY: none: this breaks the contract on purpose. `Checked` panics before forwarding the
//! // call, so the inner allocator never sees the wrong layout.
//! let refused = catch_unwind(AssertUnwindSafe(|| unsafe { checked.deallocate(block.cast(), wrong) }));
//! let message = *refused.unwrap_err().downcast::<String>().unwrap();
//! assert!(message.contains("does not fit the block"), "{message}");
//!
//! assert_eq!(checked.live_blocks(), 1); // the block is still live…
//! // SAFETY: `block` is live, allocated by `checked` with `asked`.
//! unsafe { checked.deallocate(block.cast(), asked) }; // …until freed properly
//! checked.assert_no_leaks();
//! ```
//!
//! ## Where this lives in boxvec
//!
//! [`boxvec::alloc`](crate::alloc) re-exports the traits and holds the instrumented allocators:
//! [`Counting`](crate::alloc::Counting), [`Recording`](crate::alloc::Recording),
//! [`Failing`](crate::alloc::Failing), [`Checked`](crate::alloc::Checked) and
//! [`FromGlobal`](crate::alloc::FromGlobal), whose module docs explain how each one works. To
//! watch mimalloc, jemalloc and bumpalo answer the same requests, run
//! `cargo run --release --example allocator_comparison --features compare-allocators`. Next:
//! [chapter 3](super::ch03_box), the simplest owner of an allocation.
