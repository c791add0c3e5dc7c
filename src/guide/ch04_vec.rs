//! # Chapter 4: Vec
//!
//! A vector is a block that grows. boxvec splits it the way std does: a
//! [`RawVec`](crate::raw_vec::RawVec) is the buffer (pointer, capacity, allocator) and decides
//! how much memory to hold; [`MyVec`](crate::MyVec) adds a length and decides which slots hold
//! values. Mirrors `library/alloc/src/vec/mod.rs` and `library/alloc/src/raw_vec/mod.rs`.
//!
//! ## `(ptr, len, cap)`
//!
//! Three words: where the buffer is, how many slots at its front hold live values (`len`), and
//! how many it has room for (`cap`). The invariant everything rests on: slots `0..len` are
//! initialized, slots `len..cap` are not. `len <= cap` always; `cap == 0` means no block at
//! all (the pointer is dangling).
//!
//! ```
//! use boxvec::{MyVec, my_vec};
//! use std::mem::size_of;
//!
//! assert_eq!(size_of::<MyVec<u8>>(), 3 * size_of::<usize>());
//! let empty: MyVec<u64> = MyVec::new();
//! assert_eq!((empty.len(), empty.capacity()), (0, 0)); // no block yet
//!
//! let mut v = my_vec![10u64, 20, 30];
//! v.reserve(7);
//! let (ptr, len, cap) = v.into_raw_parts();
//! assert_eq!((len, cap), (3, 10));
//! // SAFETY: the three parts came from `into_raw_parts` of a vector on `Global`, unchanged.
//! let v = unsafe { MyVec::from_raw_parts(ptr, len, cap) };
//! assert_eq!(v, [10, 20, 30]);
//! ```
//!
//! ## Doubling against growing by one, counted
//!
//! When a push finds `len == cap`, the buffer must grow, and a grow may have to copy every
//! byte already there to a new block. Grow by one slot at a time and the `k`-th push copies
//! `k - 1` elements: `n` pushes copy `n(n-1)/2` elements, O(n²). Grow to *twice* the capacity
//! and the copies are `4 + 8 + … + n/2 < n` elements in all, O(n), so one push costs amortized
//! O(1). `RawVec` grows to `max(2 × cap, len + additional, MIN_NON_ZERO_CAP)`; `reserve_exact`
//! asks for exactly `len + additional`. Here both strategies run side by side, and the bytes a
//! moving realloc would copy (the old block's size at each grow) are added up:
//!
//! ```
//! use boxvec::MyVec;
//! use boxvec::alloc::{Event, Global, Recording};
//!
//! /// What the grows of a run would copy if every one moved the block: the old block's size,
//! /// summed. (A grow in place copies nothing, so this is the worst case.)
//! fn worst_case_bytes_copied(recording: &Recording) -> usize {
//!     let grow_size = |event: &Event| match *event {
//!         Event::Grow { old_layout, .. } => old_layout.size(),
//!         _ => 0,
//!     };
//!     recording.events().iter().map(grow_size).sum()
//! }
//!
//! let n: usize = if cfg!(miri) { 256 } else { 4096 }; // a power of two, smaller under Miri
//! let doubling = Recording::new(Global);
//! let mut v: MyVec<u64, _> = MyVec::new_in(&doubling);
//! let by_one = Recording::new(Global);
//! let mut w: MyVec<u64, _> = MyVec::new_in(&by_one);
//! for i in 0..n as u64 {
//!     v.push(i); // grows when full: 4, 8, 16, …, n
//!     w.reserve_exact(1); // grows when full: 1, 2, 3, …, n
//!     w.push(i);
//! }
//! assert_eq!(v, w);
//! assert_eq!(worst_case_bytes_copied(&doubling), 8 * (n - 4)); // 8 × (4 + 8 + … + n/2): O(n)
//! assert_eq!(worst_case_bytes_copied(&by_one), 8 * n * (n - 1) / 2); // 8 × (1 + … + n-1): O(n²)
//! assert_eq!(doubling.len(), 1 + n.ilog2() as usize - 2); // 1 allocate, log2(n) - 2 grows
//! assert_eq!(by_one.len(), n); // 1 allocate, n - 1 grows
//! # drop((v, w));
//! ```
//!
//! ## Realloc: in place, or moved
//!
//! Growing a block the vector already holds is one call, [`Allocator::grow`] (a `realloc`),
//! not allocate-copy-free by hand: if the memory right after the block is free, the allocator
//! can extend it *in place* and copy nothing; otherwise it moves the block and copies it. Which
//! one happens is the allocator's business and changes from allocator to allocator and from
//! run to run (it depends on what else lives next to the block). `RawVec` simply keeps the
//! pointer that comes back. (`cargo run --example growth` shows the moves of one run;
//! `--svg` draws them.)
//!
//! [`Allocator::grow`]: crate::alloc::Allocator::grow
//!
//! ```
//! use boxvec::MyVec;
//! use boxvec::alloc::{Event, Global, Recording};
//!
//! let recording = Recording::new(Global);
//! let mut v: MyVec<u8, _> = MyVec::new_in(&recording);
//! for i in 0..1000u32 {
//!     v.push(i as u8);
//! }
//! let grows: Vec<Event> =
//!     recording.events().into_iter().filter(|e| matches!(e, Event::Grow { .. })).collect();
//! assert_eq!(grows.len(), 7); // 8 → 16 → 32 → … → 1024: u8's minimum capacity is 8
//! assert!(grows.iter().all(|grow| grow.moved().is_some())); // each one stayed or moved…
//! let Some(Event::Grow { new_addr: Some(last), .. }) = grows.last() else { unreachable!() };
//! assert_eq!(v.as_ptr().addr(), *last); // …and the vector lives wherever the last one put it
//! assert!(v.iter().enumerate().all(|(i, &x)| x == i as u8)); // with every byte carried over
//! # drop(v);
//! ```
//!
//! ## Shrinking
//!
//! Removing elements never gives memory back by itself: `truncate`, `clear` and `pop` lower
//! `len` only, so that a vector refilled to the same size does not allocate again. Memory goes
//! back when asked: [`shrink_to`](crate::MyVec::shrink_to) and
//! [`shrink_to_fit`](crate::MyVec::shrink_to_fit) call [`Allocator::shrink`], and shrinking to
//! a capacity of zero frees the block.
//!
//! [`Allocator::shrink`]: crate::alloc::Allocator::shrink
//!
//! ```
//! use boxvec::MyVec;
//! use boxvec::alloc::{Event, Global, Recording};
//!
//! let recording = Recording::new(Global);
//! let mut v: MyVec<u32, _> = MyVec::with_capacity_in(100, &recording);
//! v.extend(0..10);
//! v.truncate(5);
//! assert_eq!(v.capacity(), 100); // len went down, the block did not
//! v.shrink_to(20);
//! assert_eq!(v.capacity(), 20);
//! v.shrink_to_fit();
//! assert_eq!(v.capacity(), 5);
//! let sizes: Vec<(usize, usize)> = recording.events().iter().filter_map(|e| match *e {
//!     Event::Shrink { old_layout, new_layout, .. } => Some((old_layout.size(), new_layout.size())),
//!     _ => None,
//! }).collect();
//! assert_eq!(sizes, [(400, 80), (80, 20)]);
//! # drop(v);
//! ```
//!
//! ## Zero-sized elements: capacity `usize::MAX`
//!
//! Any number of `()` fit in no bytes, so a vector of a zero-sized type never allocates and
//! reports the largest capacity there is, as std's does.
//!
//! ```
//! use boxvec::MyVec;
//! use boxvec::alloc::{Counting, Global};
//!
//! let counting = Counting::new(Global);
//! let mut v: MyVec<(), _> = MyVec::new_in(&counting);
//! assert_eq!(v.capacity(), usize::MAX);
//! assert_eq!(Vec::<()>::new().capacity(), usize::MAX); // std agrees
//! for _ in 0..1000 {
//!     v.push(());
//! }
//! assert_eq!(v.len(), 1000);
//! drop(v);
//! assert_eq!(counting.snapshot().allocations, 0);
//! ```
//!
//! ## Panic safety: `SetLenOnDrop`
//!
//! User code runs in the middle of vector operations: an iterator's `next`, a `clone`, a
//! `Drop`. If it panics, the vector is dropped while unwinding and must be valid at that
//! moment: it may not claim a slot it never wrote (that would drop garbage) nor forget one it
//! wrote (that would leak). The write loops behind `extend`, `resize` and `extend_from_slice`
//! count what they write in a small guard, `SetLenOnDrop` (in `vec/set_len_on_drop.rs`, as
//! in std), whose `Drop` stores the count into `len`, on the normal path and while
//! unwinding alike.
//!
//! ```
//! use boxvec::MyVec;
//! use std::panic::{AssertUnwindSafe, catch_unwind};
//! use std::rc::Rc;
//!
//! let token = Rc::new(()); // its strong count tells how many clones are alive
//! let mut v: MyVec<Rc<()>> = MyVec::new();
//! let failing_source = (0..10).map(|i| {
//!     assert!(i != 4, "the iterator fails at item 4");
//!     Rc::clone(&token)
//! });
//! let result = catch_unwind(AssertUnwindSafe(|| v.extend(failing_source)));
//! assert!(result.is_err());
//! assert_eq!(v.len(), 4); // exactly the four items written before the panic
//! assert_eq!(Rc::strong_count(&token), 1 + 4); // none lost, none counted twice
//! drop(v);
//! assert_eq!(Rc::strong_count(&token), 1); // and each dropped exactly once
//! ```
//!
//! ## `Drain` and leak amplification
//!
//! `v.drain(range)` moves a range out of the vector. The moment it is called, `len` drops to
//! the start of the range: the vector now owns only the head, and the `Drain` owns the range
//! and the tail behind it. Its `Drop` puts the tail back. If the `Drain` is *forgotten*
//! (`mem::forget` is safe), that `Drop` never runs: the vector keeps only the head, and the
//! rest leaks. Leaking more than the drained range ("leak amplification") is the price of
//! never dropping an element twice; std pays it too.
//!
//! ```
//! use boxvec::my_vec;
//!
//! let mut v = my_vec![0, 1, 2, 3, 4, 5];
//! let mut drain = v.drain(1..3);
//! assert_eq!(drain.next(), Some(1));
//! std::mem::forget(drain);
//! assert_eq!(v, [0]); // 2 (drained, never taken) and the tail 3, 4, 5 are gone
//!
//! let mut s = vec![0, 1, 2, 3, 4, 5];
//! std::mem::forget(s.drain(1..3));
//! assert_eq!(s, [0]); // std does the same
//! ```
//!
//! ## Where this lives in boxvec
//!
//! [`boxvec::raw_vec`](crate::raw_vec) (growth, the `isize::MAX` check, why a type-erased
//! inner buffer) and [`boxvec::vec`](crate::vec) (the invariant, the write loops, compaction,
//! shifting; `Drain` in [`vec::Drain`](crate::vec::Drain)). Next:
//! [chapter 6](super::ch06_differences), what boxvec could not copy from std.
