//! # Chapter 5: String
//!
//! A string is a vector of bytes that keeps a promise: the bytes are always valid UTF-8.
//! [`MyString`](crate::MyString) is exactly that, a [`MyVec<u8, A>`](crate::MyVec) plus the
//! promise, and every one of its methods either leaves the bytes alone, or changes them in a
//! way that keeps the promise, or checks before it does. Mirrors
//! `library/alloc/src/string.rs`.
//!
//! ## `String` = `Vec<u8>` + UTF-8
//!
//! Same three words, same buffer. Turning a string into its bytes and back moves the buffer and
//! copies nothing; the way back checks the bytes, because that is where the promise is made.
//!
//! ```
//! use boxvec::{MyString, MyVec};
//! use std::mem::size_of;
//!
//! assert_eq!(size_of::<MyString>(), size_of::<MyVec<u8>>()); // (ptr, len, cap)
//!
//! let mut s = MyString::with_capacity(16);
//! s.push_str("grüß");
//! let ptr = s.as_ptr();
//! let bytes: MyVec<u8> = s.into_bytes(); // the same block, capacity and all
//! assert_eq!((bytes.as_ptr(), bytes.len(), bytes.capacity()), (ptr, 6, 16));
//! let s = MyString::from_utf8(bytes).unwrap(); // checked: these bytes are UTF-8
//! assert_eq!((s.as_ptr(), s.as_str()), (ptr, "grüß"));
//! ```
//!
//! ## A char is 1 to 4 bytes
//!
//! UTF-8 spends one byte on ASCII and up to four on the rest. `len()` counts bytes; counting
//! characters means decoding them.
//!
//! ```
//! use boxvec::MyString;
//!
//! for (ch, bytes) in [('a', 1), ('é', 2), ('ß', 2), ('€', 3), ('中', 3), ('😀', 4)] {
//!     assert_eq!(ch.len_utf8(), bytes);
//!     assert_eq!(MyString::from(ch).len(), bytes);
//! }
//! let s = MyString::from("aé€😀");
//! assert_eq!(s.len(), 1 + 2 + 3 + 4); // bytes
//! assert_eq!(s.chars().count(), 4); // characters
//! assert_eq!(s.as_bytes()[1..3], [0xC3, 0xA9]); // é: a lead byte, then a continuation byte
//! ```
//!
//! ## Indices are byte offsets, and must be char boundaries
//!
//! Every index a string method takes is a *byte* offset. An offset that falls inside a
//! character (on a continuation byte) would cut it in half and break the promise, so every
//! method checks [`is_char_boundary`](str::is_char_boundary) first and panics, with std's
//! message, which differs from method to method:
//!
//! ```
//! use boxvec::MyString;
//! use std::panic::{AssertUnwindSafe, catch_unwind};
//!
//! fn panic_message(f: impl FnOnce()) -> String {
//!     let payload = catch_unwind(AssertUnwindSafe(f)).unwrap_err();
//!     payload.downcast_ref::<String>().cloned()
//!         .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
//!         .unwrap()
//! }
//!
//! let mut s = MyString::from("aé");
//! let mut std_s = String::from("aé");
//! assert!(s.is_char_boundary(1) && !s.is_char_boundary(2) && s.is_char_boundary(3));
//!
//! // Slicing: core's message, which names the character and its bytes (its exact wording
//! // changes between Rust versions, so it is compared with std's at run time).
//! let message = panic_message(|| { let _ = &s[..2]; });
//! assert!(message.contains("byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3"));
//! assert_eq!(message, panic_message(|| { let _ = &std_s[..2]; }));
//! // `insert` asserts, `replace_range` explains, `remove(len)` has a message of its own.
//! let message = panic_message(|| s.insert(2, 'x'));
//! assert_eq!(message, "assertion failed: self.is_char_boundary(idx)");
//! assert_eq!(message, panic_message(|| std_s.insert(2, 'x')));
//! let message = panic_message(|| s.replace_range(2.., "x"));
//! assert_eq!(message, "start of range should be a character boundary");
//! assert_eq!(message, panic_message(|| std_s.replace_range(2.., "x")));
//! let message = panic_message(|| { s.remove(3); });
//! assert_eq!(message, "cannot remove a char from the end of a string");
//! assert_eq!(message, panic_message(|| { std_s.remove(3); }));
//! assert_eq!(s, "aé"); // every check happens before anything changes
//! # std::panic::set_hook(Box::new(|_| {})); // keep the doctest output quiet from here on
//! ```
//!
//! ## Why there is no `s[n]` for the `n`th char
//!
//! Characters have different widths, so the `n`th one is not at byte `n` or at any offset that
//! can be computed: finding it means decoding every character before it, O(n). A `s[n]`
//! that looked O(1) but walked the string would hide that cost in every loop, so Rust only
//! indexes strings by byte *ranges* and makes the walk explicit.
//!
//! ```
//! use boxvec::MyString;
//!
//! let s = MyString::from("€uro 😀!");
//! assert_eq!(s.chars().nth(5), Some('😀')); // walks five characters to get there
//! let offsets: Vec<usize> = s.char_indices().map(|(offset, _)| offset).collect();
//! assert_eq!(offsets, [0, 3, 4, 5, 6, 7, 11]); // char n is at byte offsets[n], not n
//! assert_eq!(&s[7..11], "😀"); // a byte range on boundaries: O(1)
//! ```
//!
//! ## Capacity grows exactly as `Vec<u8>`
//!
//! `MyString` never decides a capacity: `push` and `push_str` reserve the bytes they need and
//! the vector grows as it always does, to `max(2 × cap, len + additional, 8)` (8 being the
//! minimum first capacity for 1-byte elements). A 4-byte `😀` needs the same room as four
//! ASCII bytes, no more.
//!
//! ```
//! use boxvec::{MyString, MyVec};
//!
//! let mut s = MyString::new();
//! let mut v: MyVec<u8> = MyVec::new();
//! let mut capacities = Vec::new();
//! for ch in "ab😀中€ßé and some more text".chars() {
//!     s.push(ch);
//!     v.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
//!     assert_eq!(s.capacity(), v.capacity());
//!     if capacities.last() != Some(&s.capacity()) {
//!         capacities.push(s.capacity());
//!     }
//! }
//! assert_eq!(capacities, [8, 16, 32, 64]); // 35 bytes in all
//! let mut std_string = String::new();
//! std_string.extend(s.chars());
//! let mut again = MyString::new();
//! again.extend(s.chars());
//! assert_eq!(again.capacity(), std_string.capacity()); // std agrees
//! ```
//!
//! ## `from_utf8`: where the bytes stop being UTF-8
//!
//! A failed conversion must not lose the caller's buffer, so the error owns the bytes and gives
//! them back. It also says where the valid prefix ends, and what went wrong after it:
//! `error_len() == Some(n)` for `n` bytes that can never start a valid character, `None` for
//! a character cut short by the end of the input (more bytes might complete it, which is what a
//! streaming decoder needs to know).
//!
//! ```
//! use boxvec::{MyString, my_vec};
//!
//! let err = MyString::from_utf8(my_vec![b'o', b'k', 0xFF, b'!']).unwrap_err();
//! assert_eq!(err.utf8_error().valid_up_to(), 2);
//! assert_eq!(err.utf8_error().error_len(), Some(1)); // 0xFF is never valid
//! assert_eq!(err.to_string(), "invalid utf-8 sequence of 1 bytes from index 2");
//!
//! let cut = MyString::from_utf8(my_vec![b'a', 0xF0, 0x9F, 0x98]).unwrap_err(); // 😀 minus a byte
//! assert_eq!((cut.utf8_error().valid_up_to(), cut.utf8_error().error_len()), (1, None));
//! assert_eq!(cut.into_bytes(), [b'a', 0xF0, 0x9F, 0x98]); // the buffer comes back
//!
//! // Or replace each bad sequence with U+FFFD and carry on.
//! assert_eq!(MyString::from_utf8_lossy(b"ok\xFF!\xF0\x9F\x98"), "ok�!�");
//! ```
//!
//! ## Keeping the promise when user code panics
//!
//! [`retain`](crate::MyString::retain) calls a predicate for each character and packs the kept
//! ones to the front as it goes, so mid-way the bytes between the packed prefix and the
//! unvisited rest are a mess. If the predicate panics there, a guard sets the length to the
//! packed prefix, which is whole characters, so the string is still valid UTF-8. Like std,
//! it does not move the unvisited rest back: those characters are lost (std's `Vec::retain`,
//! by contrast, keeps them).
//!
//! ```
//! use boxvec::MyString;
//! use std::panic::{AssertUnwindSafe, catch_unwind};
//! # std::panic::set_hook(Box::new(|_| {}));
//!
//! let mut s = MyString::from("a-é-€-😀");
//! let mut std_s = String::from("a-é-€-😀");
//! for string in [&mut s as &mut dyn Retain, &mut std_s] {
//!     let mut calls = 0;
//!     let result = catch_unwind(AssertUnwindSafe(|| {
//!         string.retain_chars(&mut |c| {
//!             calls += 1;
//!             assert!(calls < 5, "the predicate gives up at the fifth char");
//!             c != '-'
//!         })
//!     }));
//!     assert!(result.is_err());
//! }
//! assert_eq!(s, "aé"); // the kept chars before the panic; '€', '-', '😀' are gone
//! assert_eq!(s, std_s); // exactly as std
//!
//! trait Retain {
//!     fn retain_chars(&mut self, keep: &mut dyn FnMut(char) -> bool);
//! }
//! impl Retain for MyString {
//!     fn retain_chars(&mut self, keep: &mut dyn FnMut(char) -> bool) { self.retain(keep) }
//! }
//! impl Retain for String {
//!     fn retain_chars(&mut self, keep: &mut dyn FnMut(char) -> bool) { self.retain(keep) }
//! }
//! ```
//!
//! ## Going further
//!
//! The module [`crate::string`] holds the implementation, file by file as std's; its docs list
//! where it differs from std and why (a `from_utf8_lossy` that returns a `MyString` rather
//! than a `Cow<str>`, `my_format!`'s capacity). The tests compare it with std's `String`
//! method by method (`tests/string_api.rs`) and in random sequences
//! (`tests/string_differential.rs`).
