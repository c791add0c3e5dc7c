//! `MyString` method by method against std's `String`: the same starting string (contents and
//! capacity) on both sides, the same call, then the same result *or the same panic message*
//! (captured at run time, so std's wording is the oracle), and the same contents, length and
//! capacity afterwards.
//!
//! The starting strings mix 1- to 4-byte characters (a é ß € 中 😀) so that every index is
//! tried at the start of, inside, and after every kind of character, plus out of range.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::fmt::Debug;
use std::hash::{Hash, Hasher};
use std::ops::{Bound, RangeBounds};

use boxvec::check::catch_quietly;
use boxvec::string::{Drain, FromUtf8Error};
use boxvec::{MyBox, MyString, MyVec, TryReserveErrorKind, my_format};

/// One character of each UTF-8 length, and two more multi-byte ones.
const CHARS: [char; 6] = ['a', 'é', 'ß', '€', '中', '😀'];

/// The starting strings: every string of up to three characters from [`CHARS`] natively
/// (259 strings), a few under Miri.
fn samples() -> Vec<String> {
    if cfg!(miri) {
        return ["", "a😀", "é€"].map(String::from).to_vec();
    }
    let mut all = vec![String::new()];
    let mut previous = vec![String::new()];
    for _ in 0..3 {
        let next: Vec<String> = previous
            .iter()
            .flat_map(|s| CHARS.iter().map(move |&c| format!("{s}{c}")))
            .collect();
        all.extend(next.iter().cloned());
        previous = next;
    }
    all
}

/// `native` natively, the smaller `miri` under Miri (where each step costs milliseconds).
fn miri_or<T>(native: Vec<T>, miri: Vec<T>) -> Vec<T> {
    if cfg!(miri) { miri } else { native }
}

/// Every byte index worth trying on `s`: each position `0..=len`, one past the end, and
/// `usize::MAX`.
fn indices(s: &str) -> Vec<usize> {
    (0..=s.len() + 1).chain([usize::MAX]).collect()
}

/// Each range shape over the indices of `s` (including decreasing and out-of-range ones).
/// Under Miri: every `a..b` over the indices `0, 1, len + 1`, and one of each other shape.
fn ranges(s: &str) -> Vec<(Bound<usize>, Bound<usize>)> {
    let len = s.len();
    let mut all = vec![(Bound::Unbounded, Bound::Unbounded)];
    if cfg!(miri) {
        let ends = [0, 1, len + 1];
        for a in ends {
            all.extend(ends.map(|b| (Bound::Included(a), Bound::Excluded(b))));
        }
        all.push((Bound::Included(1), Bound::Unbounded));
        all.push((Bound::Unbounded, Bound::Included(1)));
        all.push((Bound::Excluded(0), Bound::Included(len)));
        return all;
    }
    let ends: Vec<usize> = (0..=len + 1).collect();
    for &a in &ends {
        all.push((Bound::Included(a), Bound::Unbounded));
        all.push((Bound::Unbounded, Bound::Excluded(a)));
        all.push((Bound::Unbounded, Bound::Included(a)));
        for &b in &ends {
            all.push((Bound::Included(a), Bound::Excluded(b)));
            all.push((Bound::Included(a), Bound::Included(b)));
            all.push((Bound::Excluded(a), Bound::Excluded(b)));
        }
    }
    all
}

/// Both strings, starting from `start` with `extra` spare bytes of capacity.
fn pair(start: &str, extra: usize) -> (String, MyString) {
    let mut std_string = String::with_capacity(start.len() + extra);
    std_string.push_str(start);
    let mut mine = MyString::with_capacity(start.len() + extra);
    mine.push_str(start);
    assert_eq!(mine.capacity(), std_string.capacity());
    (std_string, mine)
}

/// `same!(what, start, extra, |s| body)`: [`same`] with the one closure body written once and
/// compiled for both string types.
macro_rules! same {
    ($what:expr, $start:expr, $extra:expr, |$s:ident| $body:expr) => {
        same(
            $what,
            $start,
            $extra,
            |$s: &mut String| $body,
            |$s: &mut MyString| $body,
        )
    };
}

/// Applies the same operation to both strings and requires the same outcome and state.
#[track_caller]
fn same<R: PartialEq + Debug>(
    what: &str,
    start: &str,
    extra: usize,
    on_std: impl FnOnce(&mut String) -> R,
    on_mine: impl FnOnce(&mut MyString) -> R,
) {
    let (mut std_string, mut mine) = pair(start, extra);
    let expected = catch_quietly(|| on_std(&mut std_string));
    let actual = catch_quietly(|| on_mine(&mut mine));
    assert_eq!(
        actual, expected,
        "{what} on {start:?} (+{extra} spare): result"
    );
    assert_eq!(
        mine.as_str(),
        std_string.as_str(),
        "{what} on {start:?}: contents"
    );
    assert_eq!(mine.len(), std_string.len(), "{what} on {start:?}: len");
    assert_eq!(
        mine.capacity(),
        std_string.capacity(),
        "{what} on {start:?}: capacity"
    );
    assert!(std::str::from_utf8(mine.as_bytes()).is_ok());
}

#[test]
fn push_each_char_grows_like_std() {
    for start in samples() {
        for extra in miri_or(vec![0, 1, 3], vec![1]) {
            for ch in CHARS {
                same!("push", &start, extra, |s| s.push(ch));
            }
        }
    }
    // A long run of pushes crosses several growths.
    let (mut std_string, mut mine) = pair("", 0);
    for ch in CHARS.iter().cycle().take(if cfg!(miri) { 40 } else { 400 }) {
        std_string.push(*ch);
        mine.push(*ch);
        assert_eq!(
            (mine.as_str(), mine.capacity()),
            (std_string.as_str(), std_string.capacity())
        );
    }
}

#[test]
fn push_str_and_add() {
    for start in samples() {
        for piece in miri_or(vec!["", "a", "é€", "😀😀😀中ß"], vec!["é😀"]) {
            for extra in [0, 2] {
                same!("push_str", &start, extra, |s| s.push_str(piece));
                same!("+=", &start, extra, |s| *s += piece);
                same!("+", &start, extra, |s| *s = std::mem::take(s) + piece);
            }
        }
    }
}

#[test]
fn pop_until_empty() {
    for start in samples() {
        let (mut std_string, mut mine) = pair(&start, 1);
        loop {
            let expected = std_string.pop();
            assert_eq!(mine.pop(), expected, "pop on {start:?}");
            assert_eq!(
                (mine.as_str(), mine.capacity()),
                (std_string.as_str(), std_string.capacity())
            );
            if expected.is_none() {
                break;
            }
        }
    }
}

#[test]
fn insert_and_insert_str_at_every_index() {
    for start in samples() {
        for idx in indices(&start) {
            for ch in miri_or(vec!['a', 'é', '😀'], vec!['😀']) {
                same!("insert", &start, 0, |s| s.insert(idx, ch));
            }
            for piece in miri_or(vec!["", "ß", "a中"], vec!["a中"]) {
                same!("insert_str", &start, 1, |s| s.insert_str(idx, piece));
            }
        }
    }
}

#[test]
fn remove_at_every_index() {
    for start in samples() {
        for idx in indices(&start) {
            same!("remove", &start, 0, |s| s.remove(idx));
        }
    }
    // The message std gives for `remove(len)`, checked against std itself above, is this one.
    let message = catch_quietly(|| MyString::from("ab").remove(2)).unwrap_err();
    assert_eq!(message, "cannot remove a char from the end of a string");
}

#[test]
fn truncate_and_split_off_at_every_index() {
    for start in samples() {
        for idx in indices(&start) {
            same!("truncate", &start, 2, |s| s.truncate(idx));
            same(
                "split_off",
                &start,
                2,
                |s| {
                    let tail = s.split_off(idx);
                    (tail.clone(), tail.capacity())
                },
                |s| {
                    let tail = s.split_off(idx);
                    (String::from(tail.as_str()), tail.capacity())
                },
            );
        }
    }
}

#[test]
fn drain_every_range() {
    for start in samples() {
        for range in ranges(&start) {
            // Consumed entirely.
            same!("drain", &start, 0, |s| s.drain(range).collect::<String>());
            // One from each end, then dropped with the middle unconsumed.
            same!("drain (partly)", &start, 0, |s| {
                let mut d = s.drain(range);
                (
                    d.next(),
                    d.next_back(),
                    d.as_str().to_string(),
                    d.size_hint(),
                )
            });
        }
    }
}

#[test]
fn drain_extras() {
    let mut s = MyString::from("aé€");
    let drain: Drain<'_> = s.drain(1..);
    assert_eq!(
        format!("{drain:?}"),
        format!("{:?}", String::from("aé€").drain(1..))
    );
    let bytes: &[u8] = drain.as_ref();
    assert_eq!(bytes, "é€".as_bytes());
    let text: &str = drain.as_ref();
    assert_eq!(text, "é€");
    assert_eq!(drain.last(), Some('€'));
    assert_eq!(s, "a");

    // A forgotten drain never removes anything: the string stays whole and valid.
    let mut s = MyString::from("ß😀");
    std::mem::forget(s.drain(..2));
    assert_eq!(s, "ß😀");
}

#[test]
fn replace_range_every_range() {
    for start in samples() {
        for range in ranges(&start) {
            let replacements: &[&str] = if cfg!(miri) {
                &["ab😀"]
            } else {
                &["", "€", "ab😀中"]
            };
            for &with in replacements {
                same!("replace_range", &start, 0, |s| s.replace_range(range, with));
            }
        }
    }
}

#[test]
fn extend_from_within_every_range() {
    for start in samples() {
        for range in ranges(&start) {
            same!("extend_from_within", &start, 0, |s| s
                .extend_from_within(range));
        }
    }
}

#[test]
fn retain_with_predicates() {
    let predicates: [fn(char) -> bool; 4] = [
        |_| true,
        |_| false,
        |c| c.len_utf8() % 2 == 0,
        |c| c.is_ascii() || c == '中',
    ];
    for start in samples() {
        for keep in predicates {
            same!("retain", &start, 0, |s| s.retain(keep));
        }
        // A stateful predicate: drop every other char.
        let mut flip = false;
        let mut flip2 = false;
        same(
            "retain (every other)",
            &start,
            0,
            |s| {
                s.retain(|_| {
                    flip = !flip;
                    flip
                })
            },
            |s| {
                s.retain(|_| {
                    flip2 = !flip2;
                    flip2
                })
            },
        );
    }
}

#[test]
fn clear_reserve_and_shrink() {
    for start in samples() {
        for extra in miri_or(vec![0, 5], vec![5]) {
            same!("is_empty", &start, extra, |s| s.is_empty());
            same!("clear", &start, extra, |s| s.clear());
            same!("shrink_to_fit", &start, extra, |s| s.shrink_to_fit());
            for n in miri_or(vec![0, 1, 4, 9, 17, usize::MAX], vec![1, 9, usize::MAX]) {
                same!("reserve", &start, extra, |s| s.reserve(n));
                same!("reserve_exact", &start, extra, |s| s.reserve_exact(n));
                same!("try_reserve", &start, extra, |s| s.try_reserve(n).is_ok());
                same!("try_reserve_exact", &start, extra, |s| s
                    .try_reserve_exact(n)
                    .is_ok());
                same!("shrink_to", &start, extra, |s| s.shrink_to(n));
            }
        }
    }
}

#[test]
fn try_with_capacity_gives_exactly_that_or_an_error() {
    // std's `try_with_capacity` is unstable: `with_capacity` stands in where it succeeds.
    for n in [0, 1, 5, 100] {
        let mine = MyString::try_with_capacity(n).unwrap();
        let theirs = String::with_capacity(n);
        assert_eq!((mine.capacity(), mine.len()), (theirs.capacity(), 0));
    }
    let error = MyString::try_with_capacity(usize::MAX).unwrap_err();
    assert_eq!(error.kind(), TryReserveErrorKind::CapacityOverflow);
}

#[test]
fn index_and_slice_panics_are_strs() {
    for start in samples() {
        for range in ranges(&start) {
            let mine = MyString::from(start.as_str());
            assert_eq!(
                catch_quietly(|| mine[range].to_string()),
                catch_quietly(|| start[range].to_string()),
                "index {range:?} of {start:?}"
            );
        }
    }
    let mut s = MyString::from("abc");
    s[1..].make_ascii_uppercase();
    assert_eq!(s, "aBC");
}

#[test]
fn clone_and_clone_from_reuse_like_std() {
    for start in samples() {
        let (std_string, mine) = pair(&start, 3);
        let (std_clone, my_clone) = (std_string.clone(), mine.clone());
        assert_eq!(
            (my_clone.as_str(), my_clone.capacity()),
            (std_clone.as_str(), std_clone.capacity())
        );
        for target in ["", "é", "longer than eight bytes: 😀中"] {
            let (mut std_target, mut my_target) = pair(target, 1);
            std_target.clone_from(&std_string);
            my_target.clone_from(&mine);
            assert_eq!(
                (my_target.as_str(), my_target.capacity()),
                (std_target.as_str(), std_target.capacity()),
                "clone_from {start:?} into {target:?}"
            );
        }
    }
}

/// Byte sequences: valid, truncated multi-byte, overlong, surrogates, stray continuations.
fn byte_samples() -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = [
        &b""[..],
        b"plain",
        "é€😀中".as_bytes(),
        b"a\xC3",
        b"\xE2\x82",
        b"\xF0\x9F\x98",
        b"\xC0\xAF",
        b"\xED\xA0\x80",
        b"\x80x\xBF",
        b"ok\xFFok\xFE",
        b"\xF4\x90\x80\x80",
    ]
    .iter()
    .map(|b| b.to_vec())
    .collect();
    // Every prefix of a string of multi-byte chars: each cut is inside or after a char.
    let mixed = "aé€😀".as_bytes();
    all.extend((0..=mixed.len()).map(|n| mixed[..n].to_vec()));
    all
}

#[test]
fn from_utf8_and_its_error() {
    for bytes in byte_samples() {
        let mut std_vec = Vec::with_capacity(bytes.len() + 2);
        std_vec.extend_from_slice(&bytes);
        let mut my_vec = MyVec::with_capacity(bytes.len() + 2);
        my_vec.extend_from_slice(&bytes);
        match (String::from_utf8(std_vec), MyString::from_utf8(my_vec)) {
            (Ok(expected), Ok(actual)) => {
                assert_eq!(
                    (actual.as_str(), actual.capacity()),
                    (expected.as_str(), expected.capacity())
                );
            }
            (Err(expected), Err(actual)) => {
                assert_eq!(actual.utf8_error(), expected.utf8_error());
                assert_eq!(actual.to_string(), expected.to_string());
                assert_eq!(format!("{actual:?}"), format!("{expected:?}"));
                assert_eq!(actual.as_bytes(), expected.as_bytes());
                assert_eq!(actual.clone(), actual);
                let lossy: MyString = actual.clone().into_utf8_lossy();
                assert_eq!(lossy.as_str(), String::from_utf8_lossy(&bytes));
                let back = actual.into_bytes();
                assert_eq!(
                    (back.as_slice(), back.capacity()),
                    (&bytes[..], bytes.len() + 2)
                );
                let _: &dyn std::error::Error = &expected;
            }
            (expected, actual) => panic!("{bytes:?}: std {expected:?}, boxvec {actual:?}"),
        }
        let try_from: Result<MyString, FromUtf8Error> = MyString::try_from(MyVec::from(&bytes[..]));
        assert_eq!(try_from.is_ok(), std::str::from_utf8(&bytes).is_ok());
    }
}

#[test]
fn from_utf8_errors_are_equal_only_with_the_same_bytes() {
    // The same error (invalid from byte 0, one byte long) in different bytes: std's errors
    // differ, and so must ours.
    let error = |bytes: &[u8]| MyString::from_utf8(MyVec::from(bytes)).unwrap_err();
    let std_error = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap_err();
    let (a, b) = (&[0xFF, b'a'][..], &[0xFF, b'b'][..]);
    assert_eq!(error(a).utf8_error(), error(b).utf8_error());
    assert_eq!(
        (error(a) == error(b), error(a) == error(a)),
        (std_error(a) == std_error(b), std_error(a) == std_error(a))
    );
    assert_ne!(error(a), error(b));
}

#[test]
fn from_utf8_lossy_matches_into_owned() {
    for bytes in byte_samples() {
        let expected = String::from_utf8_lossy(&bytes).into_owned();
        let actual = MyString::from_utf8_lossy(&bytes);
        assert_eq!(
            (actual.as_str(), actual.capacity()),
            (expected.as_str(), expected.capacity()),
            "{bytes:?}"
        );
    }
}

#[test]
fn from_utf16_and_lossy() {
    let mut inputs: Vec<Vec<u16>> = vec![
        vec![],
        vec![0xD800],
        vec![0xDC00, 0x61],
        vec![0x61, 0xD83D],
        vec![0xD83D, 0xDE00, 0xD800, 0x62],
    ];
    inputs
        .extend(["aé€😀中ß", "😀😀😀", "中中中中中"].map(|s| s.encode_utf16().collect::<Vec<_>>()));
    for units in inputs {
        match (String::from_utf16(&units), MyString::from_utf16(&units)) {
            (Ok(expected), Ok(actual)) => {
                assert_eq!(
                    (actual.as_str(), actual.capacity()),
                    (expected.as_str(), expected.capacity())
                );
            }
            (Err(expected), Err(actual)) => assert_eq!(actual.to_string(), expected.to_string()),
            (expected, actual) => panic!("{units:?}: std {expected:?}, boxvec {actual:?}"),
        }
        let expected = String::from_utf16_lossy(&units);
        let actual = MyString::from_utf16_lossy(&units);
        assert_eq!(
            (actual.as_str(), actual.capacity()),
            (expected.as_str(), expected.capacity())
        );
    }
}

#[test]
fn conversions_keep_or_copy_like_std() {
    // Copies are exact.
    for start in samples() {
        let from_str = MyString::from(start.as_str());
        let std_from_str = String::from(start.as_str());
        assert_eq!(
            (from_str.as_str(), from_str.capacity()),
            (std_from_str.as_str(), std_from_str.capacity())
        );
        let parsed: MyString = start.parse().unwrap();
        assert_eq!(parsed, start);
        assert_eq!(MyString::from(&start).capacity(), start.len());
        let mut owned = start.clone();
        assert_eq!(MyString::from(owned.as_mut_str()), start);
    }
    for ch in CHARS {
        let (mine, std_string) = (MyString::from(ch), String::from(ch));
        assert_eq!(
            (mine.as_str(), mine.capacity()),
            (std_string.as_str(), std_string.capacity())
        );
    }
    // Buffers move without copying.
    let mut std_string = String::with_capacity(20);
    std_string.push_str("é😀");
    let ptr = std_string.as_ptr();
    let mine = MyString::from(std_string);
    assert_eq!((mine.as_ptr(), mine.capacity()), (ptr, 20));
    let back = String::from(mine);
    assert_eq!(
        (back.as_ptr(), back.capacity(), back.as_str()),
        (ptr, 20, "é😀")
    );
    let cow: Cow<'_, str> = MyString::from(back).into();
    assert!(matches!(&cow, Cow::Owned(s) if s.as_ptr() == ptr));
    let mine = MyString::from(cow);
    assert_eq!(mine.as_ptr(), ptr);
    let borrowed = MyString::from(Cow::Borrowed("ß"));
    assert_eq!((borrowed.as_str(), borrowed.capacity()), ("ß", 2));
    // Bytes and boxes.
    let bytes: MyVec<u8> = mine.into();
    assert_eq!((bytes.as_ptr(), bytes.capacity()), (ptr, 20));
    let mine = MyString::from_utf8(bytes).unwrap();
    let boxed: MyBox<str> = mine.into();
    assert_eq!(&*boxed, "é😀");
    let mine = MyString::from(boxed);
    assert_eq!((mine.as_str(), mine.capacity()), ("é😀", 6));
}

#[test]
fn extend_like_std() {
    let pieces = ["", "a", "é€", "😀中ß", "eight b."];
    for start in samples() {
        let chars: Vec<char> = start.chars().chain("x😀".chars()).collect();
        same!("extend chars", &start, 0, |s| s
            .extend(chars.iter().copied()));
        same!("extend &chars", &start, 0, |s| s.extend(chars.iter()));
        same!("extend chars (filtered)", &start, 0, |s| s
            .extend(start.chars().filter(|c| !c.is_ascii())));
        // An iterator, not an array: std specializes arrays of &str (see the module docs).
        same!("extend &strs", &start, 0, |s| s
            .extend(pieces.iter().copied()));
        same!("extend Strings", &start, 0, |s| s
            .extend(pieces.map(String::from)));
        same!("extend Cows", &start, 0, |s| s
            .extend(pieces.map(Cow::Borrowed)));
        same(
            "extend MyStrings / Box<str>",
            &start,
            0,
            |s| s.extend(pieces.map(Box::<str>::from)),
            |s| s.extend(pieces.map(MyString::from)),
        );
        same(
            "extend MyBox<str>",
            &start,
            0,
            |s| s.extend(pieces.map(Box::<str>::from)),
            |s| s.extend(pieces.map(MyBox::<str>::from)),
        );
    }
}

#[test]
fn collect_like_std() {
    type CollectCase = (&'static str, fn() -> String, fn() -> MyString);
    let collect_cases: [CollectCase; 7] = [
        (
            "chars",
            || "aé€😀".chars().collect(),
            || "aé€😀".chars().collect(),
        ),
        (
            "&chars",
            || CHARS.iter().collect(),
            || CHARS.iter().collect(),
        ),
        (
            "&strs",
            || ["ab", "€"].into_iter().collect(),
            || ["ab", "€"].into_iter().collect(),
        ),
        (
            "Strings",
            || ["ab", "€", "中"].map(String::from).into_iter().collect(),
            || ["ab", "€", "中"].map(String::from).into_iter().collect(),
        ),
        (
            "Cows",
            || {
                [Cow::Owned("ab".into()), Cow::Borrowed("€")]
                    .into_iter()
                    .collect()
            },
            || {
                [Cow::Owned("ab".into()), Cow::Borrowed("€")]
                    .into_iter()
                    .collect()
            },
        ),
        (
            "boxed strs",
            || ["ab", "€"].map(Box::<str>::from).into_iter().collect(),
            || ["ab", "€"].map(MyBox::<str>::from).into_iter().collect(),
        ),
        (
            "MyStrings / Strings",
            || ["ab", "€"].map(String::from).into_iter().collect(),
            || ["ab", "€"].map(MyString::from).into_iter().collect(),
        ),
    ];
    for (what, on_std, on_mine) in collect_cases {
        let (expected, actual) = (on_std(), on_mine());
        assert_eq!(
            (actual.as_str(), actual.capacity()),
            (expected.as_str(), expected.capacity()),
            "{what}"
        );
    }
    let empty: MyString = std::iter::empty::<String>().collect();
    assert_eq!(empty.capacity(), 0);
}

#[test]
fn formatting_debug_display_and_my_format() {
    for start in samples()
        .into_iter()
        .chain(["\"quoted\"\n\t\\ \u{0} \u{7f} \u{200b}".to_string()])
    {
        let mine = MyString::from(start.as_str());
        assert_eq!(format!("{mine:?}"), format!("{start:?}"));
        assert_eq!(format!("{mine}"), start);
        assert_eq!(format!("[{mine:>8.2}]"), format!("[{start:>8.2}]"));
        let formatted = my_format!("<{}|{:?}|{:^7}>", mine, mine, mine);
        assert_eq!(formatted, format!("<{start}|{start:?}|{start:^7}>"));
    }
    // Without arguments the capacity is exact, as `format!`'s (the `format!` is the point).
    #[allow(clippy::useless_format)]
    let (mine, std_string) = (my_format!("héllo"), format!("héllo"));
    assert_eq!(
        (mine.as_str(), mine.capacity()),
        (std_string.as_str(), std_string.capacity())
    );
    let mut s = MyString::new();
    std::fmt::Write::write_fmt(&mut s, format_args!("{}{}", 1, '€')).unwrap();
    std::fmt::Write::write_char(&mut s, '😀').unwrap();
    assert_eq!(s, "1€😀");
}

#[test]
fn comparisons_hash_and_order_follow_str() {
    fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }
    let all = samples();
    for a in &all {
        let mine = MyString::from(a.as_str());
        assert_eq!(hash_of(&mine), hash_of(a.as_str()));
        assert_eq!(hash_of(&mine), hash_of(a));
        assert!(mine == *a.as_str() && *a.as_str() == mine);
        assert!(mine == a.as_str() && a.as_str() == mine);
        assert!(mine == *a);
        assert!(*a == mine);
        assert!(mine == Cow::Borrowed(a.as_str()) && Cow::Borrowed(a.as_str()) == mine);
        for b in all.iter().take(if cfg!(miri) { 4 } else { 40 }) {
            let other = MyString::from(b.as_str());
            assert_eq!(mine.cmp(&other), a.cmp(b), "{a:?} vs {b:?}");
            assert_eq!(mine.partial_cmp(&other), a.partial_cmp(b), "{a:?} vs {b:?}");
            assert_eq!(
                mine.partial_cmp(b.as_str()),
                a.as_str().partial_cmp(b.as_str())
            );
            assert_eq!(
                b.as_str().partial_cmp(&mine),
                b.as_str().partial_cmp(a.as_str())
            );
            assert_eq!(mine == other, a == b);
        }
    }
    // A `HashMap<MyString, _>` is looked up with a `&str`, through `Borrow<str>`.
    let map: std::collections::HashMap<MyString, u32> = [(MyString::from("中"), 1)].into();
    assert_eq!(map.get("中"), Some(&1));
}

#[test]
fn bytes_views_boxes_and_leak() {
    let mut s = MyString::with_capacity(10);
    s.push_str("ßé");
    assert_eq!(s.as_bytes(), "ßé".as_bytes());
    let as_ref: &[u8] = s.as_ref();
    assert_eq!(as_ref, s.as_bytes());
    let as_str: &str = s.as_ref();
    assert_eq!(as_str, "ßé");
    // SAFETY: swapping two whole 2-byte chars keeps the bytes UTF-8.
    unsafe {
        let bytes = s.as_mut_vec();
        bytes.rotate_left(2);
    }
    assert_eq!(s, "éß");
    let boxed = s.clone().into_boxed_str();
    assert_eq!((&*boxed, boxed.len()), ("éß", 4));
    // Shrunk first, so the leaked `&mut str` covers the whole block and may free it below.
    s.shrink_to_fit();
    let leaked: &'static mut str = s.leak();
    assert_eq!(leaked, "éß");
    // SAFETY: the parts are those of the leaked string (capacity 4, global allocator).
    drop(unsafe { MyString::from_raw_parts(leaked.as_mut_ptr(), 4, 4) });
    assert_eq!(MyString::default(), "");
}

#[test]
fn capacity_overflow_panics_like_std() {
    // `reserve(isize::MAX)` on an empty string would be a valid request that the allocator
    // refuses, which aborts; past a non-empty string's length it is a capacity overflow.
    same!("reserve(isize::MAX)", "é", 0, |s| s
        .reserve(isize::MAX as usize));
    for start in ["", "é"] {
        same!("reserve(usize::MAX)", start, 0, |s| s.reserve(usize::MAX));
        let expected = catch_quietly(|| String::with_capacity(usize::MAX)).map(|s| s.capacity());
        let actual = catch_quietly(|| MyString::with_capacity(usize::MAX)).map(|s| s.capacity());
        assert_eq!(actual, expected);
    }
}

/// `RangeBounds` is implemented by the bound pairs the tests build; keep them honest.
#[test]
fn range_helper_covers_every_shape() {
    let shapes = ranges("é");
    assert!(
        shapes
            .iter()
            .any(|r| matches!(r.start_bound(), Bound::Excluded(_)))
    );
    assert!(
        shapes
            .iter()
            .any(|r| matches!(r.end_bound(), Bound::Included(_)))
    );
    assert!(shapes.contains(&(Bound::Unbounded, Bound::Unbounded)));
}

/// The one documented capacity difference of `extend`: std specializes an *array* of `&str`
/// to reserve the total once (`push_str_slice`); without specialization each piece is pushed
/// in turn, as std does for any other iterator. The contents never differ.
#[test]
fn extend_with_an_array_of_strs_is_the_documented_difference() {
    let pieces = ["aaaaa", "bbbbb", "ccccc"];
    let mut std_array = String::new();
    std_array.extend(pieces);
    let mut std_iter = String::new();
    std_iter.extend(pieces.iter().copied());
    let mut mine = MyString::new();
    mine.extend(pieces);
    assert_eq!(mine, std_array);
    assert_eq!(std_array.capacity(), 15); // reserved all at once
    assert_eq!(std_iter.capacity(), 16); // 8, then doubled
    assert_eq!(mine.capacity(), std_iter.capacity());
}
