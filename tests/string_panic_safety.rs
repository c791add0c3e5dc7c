//! User code that panics in the middle of a `MyString` operation: a `retain` predicate, an
//! `Extend`/`FromIterator` iterator, code holding a `Drain`, a `Display` inside `my_format!`.
//!
//! After the unwind the string must be valid UTF-8 and equal to what std's `String` holds after
//! the same panic (std is the oracle, even where it drops more than one might expect: a
//! panicking `retain` predicate loses the unvisited rest), and nothing may leak: the strings
//! live in a `Checked` allocator, which is asserted leak-free at the end of every case.

use std::fmt;

use boxvec::alloc::{Checked, Global};
use boxvec::check::catch_quietly;
use boxvec::{MyString, my_format};

const STARTS: [&str; 4] = ["", "a", "é€ß", "a😀b中cé"];

/// An iterator that yields `items` and panics when asked for item number `panic_at`.
struct PanicAt<I> {
    items: I,
    yielded: usize,
    panic_at: usize,
}

impl<I: Iterator> Iterator for PanicAt<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        if self.yielded == self.panic_at {
            panic!("iterator panics at item {}", self.panic_at);
        }
        self.yielded += 1;
        self.items.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

fn panic_at<I: IntoIterator>(items: I, panic_at: usize) -> PanicAt<I::IntoIter> {
    PanicAt {
        items: items.into_iter(),
        yielded: 0,
        panic_at,
    }
}

/// The std string and a `MyString` in `checked`, both `start` with the same capacity.
fn pair<'a>(start: &str, checked: &'a Checked<Global>) -> (String, MyString<&'a Checked<Global>>) {
    let mut mine = MyString::with_capacity_in(start.len(), checked);
    mine.push_str(start);
    (String::from(start), mine)
}

#[track_caller]
fn assert_same(mine: &MyString<&Checked<Global>>, expected: &String, what: &str) {
    assert!(
        std::str::from_utf8(mine.as_bytes()).is_ok(),
        "{what}: invalid UTF-8"
    );
    assert_eq!(mine.as_str(), expected.as_str(), "{what}: contents");
    assert_eq!(mine.capacity(), expected.capacity(), "{what}: capacity");
}

#[test]
fn retain_with_a_panicking_predicate_stays_valid_and_matches_std() {
    let keeps: [fn(char) -> bool; 3] = [|_| true, |c| !c.is_ascii(), |c| c.len_utf8() != 3];
    for start in STARTS {
        // Under Miri one predicate (the one that keeps and drops) is enough.
        for &keep in if cfg!(miri) { &keeps[1..2] } else { &keeps[..] } {
            for k in 0..=start.chars().count() {
                let checked = Checked::new(Global);
                let (mut expected, mut mine) = pair(start, &checked);
                let predicate = |calls: &mut usize, c: char| {
                    *calls += 1;
                    assert!(*calls <= k, "predicate panics at call {k}");
                    keep(c)
                };
                let (mut std_calls, mut my_calls) = (0, 0);
                let std_result =
                    catch_quietly(|| expected.retain(|c| predicate(&mut std_calls, c)));
                let my_result = catch_quietly(|| mine.retain(|c| predicate(&mut my_calls, c)));
                assert_eq!(my_result, std_result);
                assert_eq!(my_calls, std_calls);
                assert_same(
                    &mine,
                    &expected,
                    &format!("retain on {start:?}, panic at call {k}"),
                );
                drop(mine);
                checked.assert_no_leaks();
            }
        }
    }
}

#[test]
fn extend_with_a_panicking_iterator_keeps_the_items_before() {
    for start in STARTS {
        for k in (0..5).step_by(if cfg!(miri) { 2 } else { 1 }) {
            let checked = Checked::new(Global);
            let what = format!("on {start:?}, panic at item {k}");
            let chars = ['é', 'a', '😀', '中'];
            let (mut expected, mut mine) = pair(start, &checked);
            let std_result = catch_quietly(|| expected.extend(panic_at(chars, k)));
            let my_result = catch_quietly(|| mine.extend(panic_at(chars, k)));
            assert_eq!(my_result, std_result);
            assert_same(&mine, &expected, &format!("extend chars {what}"));

            let strs = ["ß", "", "€€", "😀a"];
            let std_result = catch_quietly(|| expected.extend(panic_at(strs, k)));
            let my_result = catch_quietly(|| mine.extend(panic_at(strs, k)));
            assert_eq!(my_result, std_result);
            assert_same(&mine, &expected, &format!("extend &strs {what}"));

            // Owned items: the ones not yet taken are dropped by the iterator, not leaked.
            let std_result = catch_quietly(|| expected.extend(panic_at(strs.map(String::from), k)));
            let my_result = catch_quietly(|| mine.extend(panic_at(strs.map(String::from), k)));
            assert_eq!(my_result, std_result);
            assert_same(&mine, &expected, &format!("extend Strings {what}"));
            drop(mine);
            checked.assert_no_leaks();
        }
    }
}

#[test]
fn collect_with_a_panicking_iterator_frees_what_it_built() {
    for k in 0..4 {
        let std_result = catch_quietly(|| panic_at("aé€😀".chars(), k).collect::<String>());
        let my_result = catch_quietly(|| panic_at("aé€😀".chars(), k).collect::<MyString>());
        assert_eq!(my_result.map(String::from), std_result);
        let strings = ["ab", "ß", "中"].map(String::from);
        let std_result = catch_quietly(|| panic_at(strings.clone(), k).collect::<String>());
        let my_result = catch_quietly(|| panic_at(strings, k).collect::<MyString>());
        assert_eq!(my_result.map(String::from), std_result);
    }
}

#[test]
fn a_panic_while_draining_still_removes_the_range() {
    for start in STARTS {
        for taken in 0..3 {
            let checked = Checked::new(Global);
            let (mut expected, mut mine) = pair(start, &checked);
            let std_result = catch_quietly(|| {
                let mut drain = expected.drain(..);
                let first: Vec<char> = drain.by_ref().take(taken).collect();
                panic!("holding a drain after {first:?}");
            });
            let my_result = catch_quietly(|| {
                let mut drain = mine.drain(..);
                let first: Vec<char> = drain.by_ref().take(taken).collect();
                panic!("holding a drain after {first:?}");
            });
            assert_eq!(my_result, std_result);
            assert_same(&mine, &expected, &format!("drain of {start:?}"));
            drop(mine);
            checked.assert_no_leaks();
        }
    }
}

/// A `Display` that writes `written`, then panics or fails as told.
struct Faulty {
    written: &'static str,
    panics: bool,
}

impl fmt::Display for Faulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.written)?;
        if self.panics {
            panic!("Display panics after {:?}", self.written);
        }
        Err(fmt::Error)
    }
}

#[test]
fn my_format_with_a_failing_display_panics_like_format() {
    for written in ["", "é", "more than eight bytes 😀"] {
        for panics in [true, false] {
            let faulty = Faulty { written, panics };
            let std_result = catch_quietly(|| format!("<{faulty}>"));
            let my_result = catch_quietly(|| my_format!("<{faulty}>").to_string());
            assert_eq!(
                my_result, std_result,
                "written {written:?}, panics {panics}"
            );
            let checked = Checked::new(Global);
            let in_checked = catch_quietly(|| my_format!(in &checked; "<{faulty}>").to_string());
            assert_eq!(in_checked, std_result);
            checked.assert_no_leaks();
        }
    }
}
