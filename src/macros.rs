//! The `my_vec!` and `my_format!` macros.
//!
//! Mirrors `library/alloc/src/macros.rs` (`vec!`, `format!`).

/// Creates a [`MyVec`](crate::MyVec) containing the arguments, like std's `vec!`.
///
/// - `my_vec![]`: an empty vector; it does not allocate.
/// - `my_vec![a, b, c]`: a vector of the given elements, with capacity exactly their count.
/// - `my_vec![x; n]`: `n` copies of `x`: `x` is cloned `n - 1` times and moved in last
///   (with `n == 0`, `x` is dropped and nothing is cloned).
/// - Each form also takes an allocator first: `my_vec![in alloc]`,
///   `my_vec![in alloc; a, b, c]`, `my_vec![in alloc; x; n]`.
///
/// # Panics
/// Panics if the capacity would exceed `isize::MAX` bytes.
///
/// # Examples
/// ```
/// use boxvec::{MyVec, my_vec};
/// use boxvec::alloc::Global;
///
/// let empty: MyVec<i32> = my_vec![];
/// assert!(empty.is_empty());
///
/// let v = my_vec![1, 2, 3];
/// assert_eq!(v, [1, 2, 3]);
/// assert_eq!(v.capacity(), 3);
///
/// let zeros = my_vec![0u8; 5];
/// assert_eq!(zeros, [0, 0, 0, 0, 0]);
///
/// let strings = my_vec![in Global; String::from("a"); 2];
/// assert_eq!(strings, ["a", "a"]);
/// let in_global: MyVec<char, Global> = my_vec![in Global; 'x', 'y'];
/// assert_eq!(in_global.len(), 2);
/// ```
#[macro_export]
macro_rules! my_vec {
    () => {
        $crate::MyVec::new()
    };
    (in $alloc:expr $(;)?) => {
        $crate::MyVec::new_in($alloc)
    };
    (in $alloc:expr; $elem:expr; $n:expr) => {
        $crate::vec::from_elem_in($elem, $n, $alloc)
    };
    (in $alloc:expr; $($x:expr),+ $(,)?) => {
        $crate::vec::from_array_in([$($x),+], $alloc)
    };
    ($elem:expr; $n:expr) => {
        $crate::vec::from_elem_in($elem, $n, $crate::alloc::Global)
    };
    ($($x:expr),+ $(,)?) => {
        $crate::vec::from_array_in([$($x),+], $crate::alloc::Global)
    };
}

/// Creates a [`MyString`](crate::MyString) from a format string and arguments, like std's
/// `format!`.
///
/// `my_format!(in alloc; "…", args…)` formats into a string in `alloc`. A format string
/// without arguments is copied with capacity exactly its length, as `format!` does; otherwise
/// the string grows as it is written (std starts from a guess it computes from the literal
/// pieces, which stable Rust cannot see, so the capacity may differ; the text never does).
///
/// # Panics
/// Panics if a formatting trait implementation returns an error.
///
/// # Examples
/// ```
/// use boxvec::{MyString, my_format};
/// use boxvec::alloc::Global;
///
/// let s: MyString = my_format!("{}-{:?}-{:>3}", 1, 'é', "ß");
/// assert_eq!(s, format!("{}-{:?}-{:>3}", 1, 'é', "ß"));
///
/// let plain = my_format!("no arguments");
/// assert_eq!(plain.capacity(), 12);
///
/// let in_global: MyString<Global> = my_format!(in Global; "{}", 2.5);
/// assert_eq!(in_global, "2.5");
/// ```
#[macro_export]
macro_rules! my_format {
    (in $alloc:expr; $($arg:tt)*) => {
        $crate::string::format_in(::core::format_args!($($arg)*), $alloc)
    };
    ($($arg:tt)*) => {
        $crate::string::format(::core::format_args!($($arg)*))
    };
}
