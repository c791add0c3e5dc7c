//! # Chapter 1: Layout and alignment
//!
//! Before any memory is asked for, two questions need an answer: **how many bytes**, and **at
//! which address boundaries** they may start. A [`Layout`](crate::alloc::Layout) is exactly
//! that pair, `(size, align)`, and it is the only thing an allocator is ever told about a type.
//! Mirrors `library/core/src/alloc/layout.rs`.
//!
//! ## Size and alignment
//!
//! The *alignment* of a type is a power of two; a value of the type may only live at an
//! address that is a multiple of it (the CPU loads a `u32` from a 4-aligned address in one go;
//! some CPUs fault on anything else, and Rust treats a misaligned reference as undefined
//! behaviour everywhere). The *size* is how many bytes one value occupies, and it is always a
//! multiple of the alignment.
//!
//! ```
//! use boxvec::alloc::Layout;
//! use std::mem::{align_of, size_of};
//!
//! let layout = Layout::new::<u32>();
//! assert_eq!((layout.size(), layout.align()), (4, 4));
//! assert_eq!((size_of::<u8>(), align_of::<u8>()), (1, 1));
//! assert_eq!(size_of::<()>(), 0); // a zero-sized type: any number of them fit in no bytes
//!
//! // Alignments are powers of two; a layout with any other alignment is refused.
//! assert!(Layout::from_size_align(8, 3).is_err());
//! for layout in [Layout::new::<u16>(), Layout::new::<u64>(), Layout::new::<[u8; 3]>()] {
//!     assert!(layout.align().is_power_of_two());
//!     assert_eq!(layout.size() % layout.align(), 0);
//! }
//! ```
//!
//! ## Padding, and why Rust reorders fields
//!
//! A struct's fields each need their own alignment, so the compiler may leave unused *padding*
//! bytes between them. With `#[repr(C)]` the fields stay in declaration order and padding goes
//! wherever an alignment needs it. Without it (the default `repr(Rust)`) the compiler is free to
//! reorder fields, and today it sorts them to waste as little as it can. Neither layout is
//! something to write down by hand: measure it with `size_of` and `offset_of!`.
//!
//! ```
//! use std::mem::{offset_of, size_of};
//!
//! #[repr(C)]
//! struct InOrder { small: u8, large: u32, middle: u16 }
//! struct Reordered { small: u8, large: u32, middle: u16 }
//!
//! // repr(C): small @0, 3 bytes of padding, large @4, middle @8, 2 bytes of trailing padding.
//! assert_eq!(offset_of!(InOrder, large), 4);
//! assert_eq!(offset_of!(InOrder, middle), 8);
//! assert_eq!(size_of::<InOrder>(), 12);
//! // repr(Rust): the same three fields, reordered so that only one byte is padding.
//! assert_eq!(size_of::<Reordered>(), 8);
//! ```
//!
//! ## A size is a multiple of the alignment
//!
//! The *trailing* padding is the part tutorials forget. In an array `[T; n]` element `i` starts
//! at `i * size_of::<T>()`; for every element to be aligned, the size must be a multiple of
//! the alignment. So three fields of 4 + 4 + 2 bytes never make a 10-byte struct: its
//! alignment is 4, and 10 rounds up to 12, in any field order.
//!
//! ```
//! use std::mem::{align_of, size_of};
//!
//! struct Efficient { a: i32, b: i32, c: i16 }
//! struct Inefficient { a: i32, c: i16, b: i32 }
//!
//! assert_eq!(align_of::<Efficient>(), 4);
//! assert_eq!(size_of::<Efficient>(), 12); // not 10
//! assert_eq!(size_of::<Inefficient>(), 12); // Rust reorders it: same size
//! assert_eq!(size_of::<[Efficient; 2]>(), 24); // the array stride is the size
//! ```
//!
//! ## `Layout::array` and `Layout::extend`
//!
//! Layouts can be computed, not only read off a type. [`Layout::array::<T>(n)`] is the layout
//! of `n` values of `T` side by side: `n * size_of::<T>()` bytes, `T`'s alignment. It returns
//! an error instead of overflowing, which is how every vector turns "capacity too large" into
//! an error. [`Layout::extend`] appends one layout after another, inserting the padding the
//! second needs, and returns where the second starts: it is how a compiler lays out a
//! `#[repr(C)]` struct, field by field. [`Layout::pad_to_align`] then adds the trailing
//! padding.
//!
//! ```
//! use boxvec::alloc::Layout;
//! use std::mem::{offset_of, size_of};
//!
//! let ten = Layout::array::<u32>(10).unwrap();
//! assert_eq!((ten.size(), ten.align()), (40, 4));
//! assert!(Layout::array::<u64>(usize::MAX / 4).is_err()); // the size would overflow
//!
//! #[repr(C)]
//! struct Header { tag: u8, len: u32, flag: u16 }
//!
//! let (with_len, len_at) = Layout::new::<u8>().extend(Layout::new::<u32>()).unwrap();
//! let (with_flag, flag_at) = with_len.extend(Layout::new::<u16>()).unwrap();
//! let header = with_flag.pad_to_align();
//! assert_eq!(len_at, offset_of!(Header, len));
//! assert_eq!(flag_at, offset_of!(Header, flag));
//! assert_eq!(with_flag.size(), 10); // before the trailing padding…
//! assert_eq!(header.size(), size_of::<Header>()); // …and after: 12
//! assert_eq!(header, Layout::new::<Header>());
//! ```
//!
//! [`Layout::array::<T>(n)`]: crate::alloc::Layout::array
//! [`Layout::extend`]: crate::alloc::Layout::extend
//! [`Layout::pad_to_align`]: crate::alloc::Layout::pad_to_align
//!
//! ## The `isize::MAX` limit
//!
//! No allocation may be larger than `isize::MAX` bytes, because pointer offsets
//! (`ptr.add(n)`, `offset_from`) are signed: one past the end of an object must be reachable
//! with an `isize`. `Layout` enforces it, and so does every vector before it asks for memory:
//! an oversized request is a `CapacityOverflow` error that never reaches the allocator.
//!
//! ```
//! use boxvec::alloc::{Counting, Global, Layout};
//! use boxvec::{RawVec, TryReserveErrorKind};
//!
//! let max = isize::MAX as usize;
//! assert!(Layout::from_size_align(max, 1).is_ok());
//! assert!(Layout::from_size_align(max + 1, 1).is_err());
//! assert!(Layout::array::<u16>(max / 2 + 1).is_err()); // 2 * (max/2 + 1) bytes > isize::MAX
//!
//! let counting = Counting::new(Global);
//! let mut buf: RawVec<u16, _> = RawVec::new_in(&counting);
//! let error = buf.try_reserve(0, max / 2 + 1).unwrap_err();
//! assert_eq!(error.kind(), TryReserveErrorKind::CapacityOverflow);
//! let calls = counting.snapshot();
//! assert_eq!(calls.allocations + calls.failures, 0); // the allocator was never asked
//! ```
//!
//! ## Where this lives in boxvec
//!
//! `Layout` itself is re-exported from allocator-api2 in [`boxvec::alloc`](crate::alloc).
//! [`RawVec`](crate::raw_vec::RawVec) turns a capacity into `Layout::array::<T>(capacity)` and
//! maps its errors to [`TryReserveErrorKind`](crate::TryReserveErrorKind); [`MyBox`](crate::MyBox)
//! asks for `Layout::new::<T>()` or, for unsized values, `Layout::for_value`. Next:
//! [chapter 2](super::ch02_allocators), who hands out the bytes.
