//! Fault injection for `MyString`'s fallible operations, walked systematically: for each
//! scenario (a sequence of fallible calls), refuse the 0th, 1st, 2nd, … allocator request in
//! turn, until a run makes no request that gets refused, then refuse every request.
//!
//! At every refused request: the call returns `AllocError` carrying the refused layout; the
//! string is exactly as before (same buffer, capacity, contents); every refusal comes back as
//! exactly one error. After every successful call the string equals std's `String` after the
//! same call (contents and capacity). At the end `Checked` reports no leak and no misuse.
//!
//! The infallible operations (`push`, `reserve`, …) answer a refusal with `handle_alloc_error`,
//! which aborts the process as std's do; they are not walked here.

use boxvec::alloc::{Checked, FailMode, Failing, Global};
use boxvec::{MyString, TryReserveErrorKind};

/// One fallible step. `PushWithinCapacity` never allocates: it appends only if the text fits.
#[derive(Clone, Copy, Debug)]
enum Step {
    TryWithCapacity(usize),
    TryReserve(usize),
    TryReserveExact(usize),
    TryShrinkToFit,
    TryShrinkTo(usize),
    PushWithinCapacity(&'static str),
}

type Alloc<'a> = &'a Checked<Failing<Global>>;

/// The visible state of a string: buffer address, capacity, contents.
fn state(s: &MyString<Alloc<'_>>) -> (*const u8, usize, String) {
    (s.as_ptr(), s.capacity(), s.as_str().to_owned())
}

/// Applies `step` to `mine`; on success applies it to `model` too. Returns whether the
/// allocator refused it.
fn apply<'a>(
    step: Step,
    mine: &mut MyString<Alloc<'a>>,
    model: &mut String,
    alloc: Alloc<'a>,
) -> bool {
    let before = state(mine);
    let result = match step {
        Step::TryWithCapacity(n) => MyString::try_with_capacity_in(n, alloc).map(|fresh| {
            *mine = fresh;
            *model = String::with_capacity(n);
        }),
        Step::TryReserve(n) => mine.try_reserve(n).map(|()| model.reserve(n)),
        Step::TryReserveExact(n) => mine.try_reserve_exact(n).map(|()| model.reserve_exact(n)),
        Step::TryShrinkToFit => mine.try_shrink_to_fit().map(|()| model.shrink_to_fit()),
        Step::TryShrinkTo(n) => mine.try_shrink_to(n).map(|()| model.shrink_to(n)),
        Step::PushWithinCapacity(text) => {
            if mine.len() + text.len() <= mine.capacity() {
                mine.push_str(text);
                model.push_str(text);
            }
            Ok(())
        }
    };
    match result {
        Ok(()) => {
            assert_eq!(mine.as_str(), model.as_str(), "{step:?}: contents");
            assert_eq!(mine.capacity(), model.capacity(), "{step:?}: capacity");
            false
        }
        Err(error) => {
            assert_eq!(
                state(mine),
                before,
                "{step:?}: a failed call changed the string"
            );
            // An overflow never reaches the allocator, so it is not a refusal.
            matches!(error.kind(), TryReserveErrorKind::AllocError { .. })
        }
    }
}

/// Runs `steps` with `mode`; returns how many requests were refused.
fn run(steps: &[Step], mode: FailMode) -> u64 {
    let alloc = Checked::new(Failing::with_mode(Global, mode));
    let mut errors = 0;
    {
        let mut mine = MyString::new_in(&alloc);
        let mut model = String::new();
        for &step in steps {
            errors += u64::from(apply(step, &mut mine, &mut model, &alloc));
        }
    }
    alloc.assert_no_leaks();
    let refused = alloc.inner().failures();
    assert_eq!(
        errors, refused,
        "every refused request must surface as exactly one error"
    );
    refused
}

/// Walks every request of `steps`; returns the total number refused.
fn walk(name: &str, steps: &[Step]) -> u64 {
    let mut refused = 0;
    for n in 0.. {
        let outcome = std::panic::catch_unwind(|| run(steps, FailMode::Nth(n)));
        let this_run = outcome.unwrap_or_else(|_| panic!("{name}: request {n} refused"));
        refused += this_run;
        if this_run == 0 {
            break; // request `n` was never made: every point has been tried
        }
    }
    refused + run(steps, FailMode::From(0))
}

#[test]
fn every_allocation_point_of_every_fallible_string_operation() {
    use Step::*;
    let scenarios: [(&str, Vec<Step>); 5] = [
        (
            "try_with_capacity_in",
            vec![
                TryWithCapacity(3),
                PushWithinCapacity("é"),
                TryWithCapacity(300),
            ],
        ),
        (
            "try_reserve, growing in steps with multi-byte text",
            vec![
                TryReserve(1),
                PushWithinCapacity("€😀"),
                TryReserve(8),
                PushWithinCapacity("中中中ß"),
                TryReserve(30),
                PushWithinCapacity("😀😀😀😀😀"),
                TryReserve(100),
            ],
        ),
        (
            "try_reserve_exact",
            vec![
                TryReserveExact(2),
                PushWithinCapacity("ß"),
                TryReserveExact(5),
                TryReserveExact(1000),
            ],
        ),
        (
            "try_shrink_to_fit and try_shrink_to",
            vec![
                TryReserve(64),
                PushWithinCapacity("aé€😀"),
                TryShrinkTo(32),
                TryShrinkTo(0),
                TryReserve(20),
                TryShrinkToFit,
            ],
        ),
        (
            "overflow is not a refusal",
            vec![
                TryReserve(4),
                PushWithinCapacity("é"),
                TryReserve(usize::MAX - 1),
                TryReserve(8),
            ],
        ),
    ];
    let mut total = 0;
    for (name, steps) in &scenarios {
        let refused = walk(name, steps);
        assert!(refused > 0, "{name}: no request was ever refused");
        total += refused;
    }
    println!("{total} refused requests, each answered by one error");
}

#[test]
fn overflow_is_reported_without_asking_the_allocator() {
    let alloc = Checked::new(Failing::new(Global));
    let mut s = MyString::new_in(&alloc);
    s.try_reserve(3).unwrap();
    s.push_str("é");
    let error = s.try_reserve(usize::MAX).unwrap_err();
    assert_eq!(error.kind(), TryReserveErrorKind::CapacityOverflow);
    let error = MyString::try_with_capacity_in(isize::MAX as usize + 1, &alloc).unwrap_err();
    assert_eq!(error.kind(), TryReserveErrorKind::CapacityOverflow);
    assert_eq!(alloc.inner().requests(), 1);
    drop(s);
    alloc.assert_no_leaks();
}
