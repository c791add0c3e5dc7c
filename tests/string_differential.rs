//! A model-based property test: random sequences of `MyString`'s mutating methods, applied
//! side by side to std's `String`, compared after every step: the result or the panic
//! message, the contents, the length and the capacity (which must grow exactly as `Vec<u8>`).
//!
//! Indices and ranges are drawn from `0..40` over short strings of 1- to 4-byte characters, so
//! most land inside a character or past the end: the panics are compared as often as the
//! successes. proptest shrinks a failing sequence to a short one.

use std::fmt::Debug;

use boxvec::MyString;
use proptest::prelude::*;

mod common;
mod string_support;
use string_support::outcome;

#[derive(Clone, Debug)]
enum Op {
    Push(char),
    PushStr(String),
    Pop,
    Insert(usize, char),
    InsertStr(usize, String),
    Remove(usize),
    Truncate(usize),
    SplitOff(usize),
    /// Drain `start..end`, take `taken` chars, drop the rest.
    Drain(usize, usize, usize),
    ReplaceRange(usize, usize, String),
    ExtendFromWithin(usize, usize),
    /// Retain the chars whose bit (by position, cycling through 8) is set.
    Retain(u8),
    Clear,
    Reserve(usize),
    ReserveExact(usize),
    TryReserve(usize),
    ShrinkToFit,
    ShrinkTo(usize),
    ExtendChars(String),
    ExtendStrs(Vec<String>),
    CloneFrom(String),
    /// `into_bytes` then `from_utf8`: the buffer goes round and comes back.
    BytesRoundTrip,
}

fn char_strategy() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec!['a', 'é', 'ß', '€', '中', '😀']),
        1 => any::<char>(),
    ]
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(char_strategy(), 0..6).prop_map(|chars| chars.into_iter().collect())
}

fn amount_strategy() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..64, 1 => Just(usize::MAX)]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let index = 0usize..40;
    prop_oneof![
        char_strategy().prop_map(Op::Push),
        text_strategy().prop_map(Op::PushStr),
        Just(Op::Pop),
        (index.clone(), char_strategy()).prop_map(|(i, c)| Op::Insert(i, c)),
        (index.clone(), text_strategy()).prop_map(|(i, s)| Op::InsertStr(i, s)),
        index.clone().prop_map(Op::Remove),
        index.clone().prop_map(Op::Truncate),
        index.clone().prop_map(Op::SplitOff),
        (index.clone(), index.clone(), 0usize..4).prop_map(|(a, b, t)| Op::Drain(a, b, t)),
        (index.clone(), index.clone(), text_strategy())
            .prop_map(|(a, b, s)| Op::ReplaceRange(a, b, s)),
        (index.clone(), index.clone()).prop_map(|(a, b)| Op::ExtendFromWithin(a, b)),
        any::<u8>().prop_map(Op::Retain),
        Just(Op::Clear),
        amount_strategy().prop_map(Op::Reserve),
        amount_strategy().prop_map(Op::ReserveExact),
        amount_strategy().prop_map(Op::TryReserve),
        Just(Op::ShrinkToFit),
        (0usize..64).prop_map(Op::ShrinkTo),
        text_strategy().prop_map(Op::ExtendChars),
        prop::collection::vec(text_strategy(), 0..4).prop_map(Op::ExtendStrs),
        text_strategy().prop_map(Op::CloneFrom),
        Just(Op::BytesRoundTrip),
    ]
}

/// The operations both string types share, so one function body drives either.
trait Subject: Default {
    fn text(&self) -> &str;
    fn capacity(&self) -> usize;
    fn apply(&mut self, op: &Op) -> String;
}

/// Formats a result for comparison.
fn show(value: impl Debug) -> String {
    format!("{value:?}")
}

/// Implements [`Subject`] for a string type with std's `String` API.
macro_rules! subject {
    ($ty:ty) => {
        impl Subject for $ty {
            fn text(&self) -> &str {
                self.as_str()
            }

            fn capacity(&self) -> usize {
                <$ty>::capacity(self)
            }

            fn apply(&mut self, op: &Op) -> String {
                match op {
                    Op::Push(c) => show(self.push(*c)),
                    Op::PushStr(s) => show(self.push_str(s)),
                    Op::Pop => show(self.pop()),
                    Op::Insert(i, c) => show(self.insert(*i, *c)),
                    Op::InsertStr(i, s) => show(self.insert_str(*i, s)),
                    Op::Remove(i) => show(self.remove(*i)),
                    Op::Truncate(n) => show(self.truncate(*n)),
                    Op::SplitOff(at) => {
                        let tail = self.split_off(*at);
                        show((tail.as_str(), tail.capacity()))
                    }
                    Op::Drain(a, b, taken) => {
                        let mut drain = self.drain(*a..*b);
                        let first: String = drain.by_ref().take(*taken).collect();
                        show((first, drain.as_str()))
                    }
                    Op::ReplaceRange(a, b, s) => show(self.replace_range(*a..*b, s)),
                    Op::ExtendFromWithin(a, b) => show(self.extend_from_within(*a..*b)),
                    Op::Retain(mask) => {
                        let mut position = 0;
                        self.retain(|_| {
                            position += 1;
                            mask & (1 << (position % 8)) != 0
                        });
                        show(())
                    }
                    Op::Clear => show(self.clear()),
                    Op::Reserve(n) => show(self.reserve(*n)),
                    Op::ReserveExact(n) => show(self.reserve_exact(*n)),
                    Op::TryReserve(n) => show(self.try_reserve(*n).is_ok()),
                    Op::ShrinkToFit => show(self.shrink_to_fit()),
                    Op::ShrinkTo(n) => show(self.shrink_to(*n)),
                    Op::ExtendChars(s) => show(self.extend(s.chars())),
                    Op::ExtendStrs(strs) => show(self.extend(strs.iter().map(String::as_str))),
                    Op::CloneFrom(s) => show(self.clone_from(&<$ty>::from(s.as_str()))),
                    Op::BytesRoundTrip => {
                        let bytes = std::mem::take(self).into_bytes();
                        *self = <$ty>::from_utf8(bytes).unwrap();
                        show(())
                    }
                }
            }
        }
    };
}

subject!(String);
subject!(MyString);

/// The visible state of a string: contents, length, capacity.
fn state(s: &impl Subject) -> (String, usize, usize) {
    (s.text().to_owned(), s.text().len(), s.capacity())
}

/// Runs `ops` on both strings, comparing after every step; the first difference is the error.
fn run(ops: &[Op]) -> Result<(), String> {
    let mut expected = String::new();
    let mut actual = MyString::new();
    for (step, op) in ops.iter().enumerate() {
        let want = outcome(|| expected.apply(op));
        let got = outcome(|| actual.apply(op));
        let (want_state, got_state) = (state(&expected), state(&actual));
        if got != want || got_state != want_state {
            return Err(format!(
                "step {step} {op:?}:\n  std    {want:?} -> {want_state:?}\n  boxvec {got:?} -> {got_state:?}"
            ));
        }
        if std::str::from_utf8(actual.as_bytes()).is_err() {
            return Err(format!(
                "step {step} {op:?}: invalid UTF-8 {:?}",
                actual.as_bytes()
            ));
        }
    }
    Ok(())
}

/// Operations per sequence: 40 natively, 12 under Miri (where each step costs milliseconds).
fn max_ops() -> usize {
    if cfg!(miri) { 12 } else { 40 }
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn string_ops_match_std(ops in prop::collection::vec(op_strategy(), 0..max_ops())) {
        if let Err(mismatch) = run(&ops) {
            return Err(TestCaseError::fail(mismatch));
        }
    }
}

/// The model can fail: a wrong capacity or a wrong panic message is reported, not missed.
#[test]
fn the_comparison_notices_differences() {
    let growing = [
        Op::PushStr("é€".into()),
        Op::Reserve(20),
        Op::Insert(1, 'a'),
    ];
    assert!(run(&growing).is_ok());
    let mut expected = String::from("ab");
    let mut actual = MyString::from("ab");
    actual.reserve_exact(5);
    assert_ne!(Subject::capacity(&expected), Subject::capacity(&actual));
    let want = outcome(|| expected.apply(&Op::Remove(1)));
    let got = outcome(|| actual.apply(&Op::Remove(2)));
    assert_ne!(want, got);
}
