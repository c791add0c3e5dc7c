//! Conversions: `From`/`TryFrom`, std's `Box`, downcasting `dyn Any` and `dyn Error`.
//!
//! Mirrors `library/alloc/src/boxed/convert.rs`.
//!
//! # Where it differs from std, and why
//!
//! Coherence (the rule that two impls may never overlap, checked against impls other crates
//! *could* add) allows std things a downstream crate cannot do:
//!
//! - `From<&str>`, `From<String>` and `From<Cow<str>>` for `MyBox<dyn Error>` would overlap
//!   with `From<E: Error>`, because the standard library could one day implement `Error` for
//!   `str` or `String` (std may rely on knowing it will not). [`MyBox::from_message`] does the
//!   same job.
//! - `From<MyBox<T>> for Box<T>` breaks the orphan rule (`Box<T>` with a generic `T` is not
//!   ours), and a `From<Box<T>>` for *every* `T: ?Sized` would overlap with `From<E: Error>` at
//!   `T = dyn Error`. So `From` covers std boxes of sized values, slices and `str`, and
//!   [`MyBox::from_std_box`] / [`MyBox::into_std_box`] cover every `T`.
//!
//! The conversions that involve `MyVec` (`From<MyVec<T>>`, `TryFrom<MyVec<T>>`,
//! `FromIterator`, `into_vec`) and `Cow` live with `MyVec`.

use alloc_crate::boxed::Box;
use alloc_crate::string::String;
use core::any::Any;
use core::error::Error;
use core::fmt;
use core::pin::Pin;

use super::MyBox;
use super::traits::{clone_slice_in, copy_str_in};
use crate::alloc::{Allocator, Global};

impl<T> From<T> for MyBox<T> {
    /// Moves `t` into a new box (`MyBox::new(t)`).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<u8> = MyBox::from(5);
    /// assert_eq!(*b, 5);
    /// ```
    #[inline]
    fn from(t: T) -> Self {
        MyBox::new(t)
    }
}

impl<T: ?Sized, A: Allocator + 'static> From<MyBox<T, A>> for Pin<MyBox<T, A>> {
    /// Pins the box, without allocating or moving the value ([`MyBox::into_pin`]).
    #[inline]
    fn from(boxed: MyBox<T, A>) -> Self {
        MyBox::into_pin(boxed)
    }
}

impl<T: Clone> From<&[T]> for MyBox<[T]> {
    /// Clones the elements into a new boxed slice.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<[&str]> = MyBox::from(&["a", "b"][..]);
    /// assert_eq!(*b, ["a", "b"]);
    /// ```
    #[inline]
    fn from(slice: &[T]) -> Self {
        clone_slice_in(slice, Global)
    }
}

impl<T: Clone> From<&mut [T]> for MyBox<[T]> {
    /// Clones the elements into a new boxed slice.
    #[inline]
    fn from(slice: &mut [T]) -> Self {
        clone_slice_in(slice, Global)
    }
}

impl From<&str> for MyBox<str> {
    /// Copies the string into a new boxed `str`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<str> = MyBox::from("hello");
    /// assert_eq!(&*b, "hello");
    /// ```
    #[inline]
    fn from(s: &str) -> Self {
        copy_str_in(s, Global)
    }
}

impl From<&mut str> for MyBox<str> {
    /// Copies the string into a new boxed `str`.
    #[inline]
    fn from(s: &mut str) -> Self {
        copy_str_in(s, Global)
    }
}

impl<A: Allocator> From<MyBox<str, A>> for MyBox<[u8], A> {
    /// Reinterprets a boxed `str` as its UTF-8 bytes, in place.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let bytes = MyBox::<[u8]>::from(MyBox::<str>::from("hi"));
    /// assert_eq!(*bytes, *b"hi");
    /// ```
    #[inline]
    fn from(s: MyBox<str, A>) -> Self {
        let (ptr, alloc) = MyBox::into_raw_with_allocator(s);
        // SAFETY: `[u8]` has the layout and length metadata of `str`, so the block fits, and
        // every `str` is valid bytes.
        unsafe { MyBox::from_raw_in(ptr as *mut [u8], alloc) }
    }
}

impl<T, const N: usize> From<[T; N]> for MyBox<[T]> {
    /// Moves the array into a new boxed slice (one allocation of `N` elements).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let b: MyBox<[i32]> = MyBox::from([1, 2, 3]);
    /// assert_eq!(b.len(), 3);
    /// ```
    #[inline]
    fn from(array: [T; N]) -> Self {
        MyBox::array_into_slice(MyBox::new(array))
    }
}

impl<T, A: Allocator, const N: usize> From<MyBox<[T; N], A>> for MyBox<[T], A> {
    /// Forgets the length in the type and keeps it in the pointer: `MyBox<[T; N]>` to
    /// `MyBox<[T]>`, in place ([`MyBox::array_into_slice`]).
    #[inline]
    fn from(array: MyBox<[T; N], A>) -> Self {
        MyBox::array_into_slice(array)
    }
}

impl<T, A: Allocator, const N: usize> TryFrom<MyBox<[T], A>> for MyBox<[T; N], A> {
    type Error = MyBox<[T], A>;

    /// Converts a boxed slice of length `N` into a boxed array, in place; gives the slice back
    /// if its length is not `N`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let slice: MyBox<[u8]> = MyBox::from([1, 2]);
    /// let wrong = MyBox::<[u8; 3]>::try_from(slice).unwrap_err();
    /// let right = MyBox::<[u8; 2]>::try_from(wrong).unwrap();
    /// assert_eq!(*right, [1, 2]);
    /// ```
    fn try_from(slice: MyBox<[T], A>) -> Result<Self, Self::Error> {
        if slice.len() == N {
            let (ptr, alloc) = MyBox::into_non_null_with_allocator(slice);
            // SAFETY: a `[T]` of length `N` has the layout of `[T; N]`, so the block fits
            // the array, and its `N` elements are initialized.
            Ok(unsafe { MyBox::from_non_null_in(ptr.cast::<[T; N]>(), alloc) })
        } else {
            Err(slice)
        }
    }
}

// Conversions with std's `Box`.
//
// Why this is sound: a `Box<T>` allocates with `Layout::for_value` from std's global heap
// (`alloc::alloc::alloc`, i.e. the `#[global_allocator]`) and frees with the same layout;
// zero-sized values get a dangling pointer and are never freed. `allocator_api2`'s `Global`
// (what `MyBox<T>` uses) calls the very same `alloc::alloc::alloc`/`dealloc`, and `MyBox`
// follows the same layout and zero-size rules. So a block can change hands between the two
// types in either direction, and std documents `Box::from_raw` as accepting memory from
// `alloc::alloc::alloc` with the value's layout.

impl<T: ?Sized> MyBox<T> {
    /// Converts a std `Box<T>` into a `MyBox<T>`, in place (no allocation, no copy).
    ///
    /// Works for every `T`, including `dyn Trait`; for sized values, slices and `str`,
    /// `MyBox::from` does the same.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::fmt::Debug;
    ///
    /// let std_box: Box<dyn Debug> = Box::new(5);
    /// let mine: MyBox<dyn Debug> = MyBox::from_std_box(std_box);
    /// assert_eq!(format!("{mine:?}"), "5");
    /// ```
    #[inline]
    #[must_use]
    pub fn from_std_box(b: Box<T>) -> Self {
        let raw = Box::into_raw(b);
        // SAFETY: `raw` owns a `T` allocated from the global heap with `Layout::for_value`
        // (or is dangling if zero-sized), which is what `MyBox<T, Global>` owns (see above).
        unsafe { MyBox::from_raw(raw) }
    }

    /// Converts a `MyBox<T>` into a std `Box<T>`, in place (no allocation, no copy).
    ///
    /// A std box can do what `MyBox` cannot on stable Rust, such as calling a
    /// `Box<dyn FnOnce()>`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    ///
    /// let mine = MyBox::new(String::from("x"));
    /// let std_box: Box<String> = MyBox::into_std_box(mine);
    /// assert_eq!(*std_box, "x");
    /// ```
    #[inline]
    #[must_use]
    pub fn into_std_box(b: Self) -> Box<T> {
        let raw = MyBox::into_raw(b);
        // SAFETY: `raw` owns a `T` allocated from the global heap with `Layout::for_value`
        // (or is dangling if zero-sized), which is what a `Box<T>` owns (see above).
        unsafe { Box::from_raw(raw) }
    }
}

impl<T> From<Box<T>> for MyBox<T> {
    /// Converts a std `Box<T>` in place ([`MyBox::from_std_box`]).
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// let mine: MyBox<i32> = MyBox::from(Box::new(3));
    /// assert_eq!(*mine, 3);
    /// ```
    #[inline]
    fn from(b: Box<T>) -> Self {
        MyBox::from_std_box(b)
    }
}

impl<T> From<Box<[T]>> for MyBox<[T]> {
    /// Converts a std `Box<[T]>` in place ([`MyBox::from_std_box`]).
    #[inline]
    fn from(b: Box<[T]>) -> Self {
        MyBox::from_std_box(b)
    }
}

impl From<Box<str>> for MyBox<str> {
    /// Converts a std `Box<str>` in place ([`MyBox::from_std_box`]).
    #[inline]
    fn from(b: Box<str>) -> Self {
        MyBox::from_std_box(b)
    }
}

/// Writes `downcast` and `downcast_unchecked` for one flavour of `dyn Any`.
macro_rules! downcast_any {
    ($($dyn_any:tt)+) => {
        impl<A: Allocator> MyBox<$($dyn_any)+, A> {
            /// Tries to turn the box into a box of the concrete type `T`.
            ///
            /// # Errors
            /// Gives the box back unchanged if the value is not a `T`.
            ///
            /// # Examples
            /// ```
            /// use boxvec::MyBox;
            /// use std::any::Any;
            ///
            #[doc = concat!("let b: MyBox<", stringify!($($dyn_any)+), "> = boxvec::my_box_unsize!(MyBox::new(5i32));")]
            /// let b = b.downcast::<String>().unwrap_err(); // not a String: given back
            /// let five = b.downcast::<i32>().unwrap();
            /// assert_eq!(*five, 5);
            /// ```
            #[inline]
            pub fn downcast<T: Any>(self) -> Result<MyBox<T, A>, Self> {
                if (*self).is::<T>() {
                    // SAFETY: the value was just checked to be a `T`.
                    Ok(unsafe { self.downcast_unchecked::<T>() })
                } else {
                    Err(self)
                }
            }

            /// Turns the box into a box of the concrete type `T`, without checking.
            ///
            /// # Safety
            /// - The boxed value must be a `T`. Anything else is undefined behavior.
            ///
            /// # Examples
            /// ```
            /// use boxvec::MyBox;
            /// use std::any::Any;
            ///
            #[doc = concat!("let b: MyBox<", stringify!($($dyn_any)+), "> = boxvec::my_box_unsize!(MyBox::new(5u8));")]
            /// // SAFETY: the value is a `u8`.
            /// let five = unsafe { b.downcast_unchecked::<u8>() };
            /// assert_eq!(*five, 5);
            /// ```
            #[inline]
            pub unsafe fn downcast_unchecked<T: Any>(self) -> MyBox<T, A> {
                debug_assert!((*self).is::<T>(), "downcast_unchecked to the wrong type");
                let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
                // SAFETY: the caller promises the value is a `T`; then the block was allocated
                // with `Layout::for_value`, which is `T`'s layout. Dropping the vtable is fine:
                // the concrete type now says what to drop.
                unsafe { MyBox::from_non_null_in(ptr.cast::<T>(), alloc) }
            }
        }
    };
}

downcast_any!(dyn Any);
downcast_any!(dyn Any + Send);
downcast_any!(dyn Any + Send + Sync);

/// Writes `downcast` for one flavour of `dyn Error`.
macro_rules! downcast_error {
    ($($dyn_error:tt)+) => {
        impl<A: Allocator> MyBox<$($dyn_error)+, A> {
            /// Tries to turn the boxed error into a box of the concrete error type `T`.
            ///
            /// # Errors
            /// Gives the box back unchanged if the error is not a `T`.
            ///
            /// # Examples
            /// ```
            /// use boxvec::MyBox;
            /// use std::error::Error;
            /// use std::fmt;
            ///
            /// #[derive(Debug)]
            /// struct Oops;
            /// impl fmt::Display for Oops {
            ///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            ///         f.write_str("oops")
            ///     }
            /// }
            /// impl Error for Oops {}
            ///
            #[doc = concat!("let err: MyBox<", stringify!($($dyn_error)+), "> = boxvec::my_box_unsize!(MyBox::new(Oops));")]
            /// let err = err.downcast::<fmt::Error>().unwrap_err(); // not that type
            /// let oops: MyBox<Oops> = err.downcast::<Oops>().unwrap();
            /// assert_eq!(oops.to_string(), "oops");
            /// ```
            #[inline]
            pub fn downcast<T: Error + 'static>(self) -> Result<MyBox<T, A>, Self> {
                if (*self).is::<T>() {
                    let (ptr, alloc) = MyBox::into_non_null_with_allocator(self);
                    // SAFETY: the value was just checked to be a `T`, so the block was
                    // allocated with `T`'s layout and holds an initialized `T`.
                    Ok(unsafe { MyBox::from_non_null_in(ptr.cast::<T>(), alloc) })
                } else {
                    Err(self)
                }
            }
        }
    };
}

downcast_error!(dyn Error);
downcast_error!(dyn Error + Send);
downcast_error!(dyn Error + Send + Sync);

impl<'a, E: Error + 'a> From<E> for MyBox<dyn Error + 'a> {
    /// Boxes an error as a `dyn Error`, so `?` can turn any error into `MyBox<dyn Error>`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::error::Error;
    ///
    /// fn parse(s: &str) -> Result<i32, MyBox<dyn Error>> {
    ///     Ok(s.parse::<i32>()?) // `ParseIntError` -> `MyBox<dyn Error>` through `From`
    /// }
    /// assert_eq!(parse("12").unwrap(), 12);
    /// assert_eq!(parse("x").unwrap_err().to_string(), "invalid digit found in string");
    /// ```
    fn from(err: E) -> Self {
        let (ptr, alloc) = MyBox::into_raw_with_allocator(MyBox::new(err));
        // An unsizing coercion: the pointer gains the vtable of `E` as `dyn Error`.
        let ptr: *mut (dyn Error + 'a) = ptr;
        // SAFETY: same address, same value; `Layout::for_value` through the vtable is `E`'s
        // layout, so the block fits.
        unsafe { MyBox::from_raw_in(ptr, alloc) }
    }
}

impl<'a, E: Error + Send + Sync + 'a> From<E> for MyBox<dyn Error + Send + Sync + 'a> {
    /// Boxes an error as a `dyn Error + Send + Sync`.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::error::Error;
    ///
    /// let err: MyBox<dyn Error + Send + Sync> = MyBox::from(std::fmt::Error);
    /// assert_eq!(err.to_string(), "an error occurred when formatting an argument");
    /// ```
    fn from(err: E) -> Self {
        let (ptr, alloc) = MyBox::into_raw_with_allocator(MyBox::new(err));
        // An unsizing coercion: the pointer gains the vtable of `E`.
        let ptr: *mut (dyn Error + Send + Sync + 'a) = ptr;
        // SAFETY: as in `From<E> for MyBox<dyn Error>`.
        unsafe { MyBox::from_raw_in(ptr, alloc) }
    }
}

/// The error type behind [`MyBox::from_message`]: a message and nothing else.
struct MessageError(String);

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Shows the message as a quoted string, not as `MessageError(..)`, as std's does.
impl fmt::Debug for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Error for MessageError {}

impl<'a> MyBox<dyn Error + 'a> {
    /// Makes an error out of a message: what std's `Box::<dyn Error>::from("…")` does.
    ///
    /// `Display` shows the message, `Debug` the message in quotes. (`From<&str>` itself is
    /// not possible here: it would overlap with `From<E: Error>`.)
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::error::Error;
    ///
    /// let err = MyBox::<dyn Error>::from_message("disk full");
    /// assert_eq!(err.to_string(), "disk full");
    /// assert_eq!(format!("{err:?}"), "\"disk full\"");
    /// ```
    #[must_use]
    pub fn from_message(message: impl Into<String>) -> Self {
        MyBox::from(MessageError(message.into()))
    }
}

impl<'a> MyBox<dyn Error + Send + Sync + 'a> {
    /// Makes a thread-safe error out of a message: what std's
    /// `Box::<dyn Error + Send + Sync>::from("…")` does.
    ///
    /// # Examples
    /// ```
    /// use boxvec::MyBox;
    /// use std::error::Error;
    ///
    /// let err = MyBox::<dyn Error + Send + Sync>::from_message(String::from("timeout"));
    /// let handle = std::thread::spawn(move || err.to_string());
    /// assert_eq!(handle.join().unwrap(), "timeout");
    /// ```
    #[must_use]
    pub fn from_message(message: impl Into<String>) -> Self {
        MyBox::from(MessageError(message.into()))
    }
}
