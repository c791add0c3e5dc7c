//! Real vector crates differential-tested against std's `Vec` through boxvec's public subject
//! trait, `boxvec::check::VecUnderTest`: the proof that a user's type can be tested the way
//! boxvec tests `MyVec`. One adapter per crate, in this directory; docs/real_crates.md says
//! what each supports, and what the harness found.
//!
//! Each current crate runs thousands of deterministic pseudo-random sequences over every
//! element kind (a handful under Miri), and a proptest test that shrinks a failure. The old
//! smallvec 0.6.13 (RUSTSEC-2021-0003) has its own test, ignored by default: it corrupts
//! memory, which only Miri (or ASan, through the `smallvec_0_6` fuzz target) can see.

// First: its `forward!` macro is used by the adapters.
#[macro_use]
mod support;

mod arrayvec;
mod smallvec_0_6;
mod smallvec_1;
mod thin_vec;

#[path = "../common/mod.rs"]
mod common;

use boxvec::alloc::Global;
use boxvec::check::{ElementKind, Input, Mismatch, RunSummary, VecFamily, VecOp, vec_case};
use proptest::prelude::*;

use self::arrayvec::ArrayVecs;
use self::smallvec_0_6::SmallVec06s;
use self::smallvec_1::SmallVecs;
use self::support::without_splice_panics;
use self::thin_vec::ThinVecs;

/// Sequences per element kind (five kinds): thousands per crate natively, one under Miri.
/// `PROPTEST_CASES`, when set, sets it natively too (CI lowers it under valgrind).
fn cases_per_kind() -> usize {
    if cfg!(miri) {
        return 1;
    }
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// The longest input in bytes (about 70 operations on average).
const MAX_INPUT: usize = if cfg!(miri) { 160 } else { 600 };

/// A small deterministic generator (splitmix64), so a failure names its case number and
/// reproduces on every machine.
struct Bytes(u64);

impl Bytes {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// One fuzz input: the element-kind byte, then random operation bytes.
    fn input(&mut self, kind: usize) -> Vec<u8> {
        let len = (self.next_u64() % MAX_INPUT as u64) as usize;
        let mut bytes = vec![kind as u8];
        bytes.extend((0..len).map(|_| self.next_u64() as u8));
        bytes
    }
}

/// `vec_case::<F>`, or for smallvec families, the same run with [`without_splice_panics`].
fn run_case<F: VecFamily>(bytes: &[u8], calm_splices: bool) -> Result<RunSummary, Mismatch> {
    if !calm_splices {
        return vec_case::<F>(bytes);
    }
    let mut input = Input::<VecOp>::from_bytes(bytes);
    without_splice_panics(&mut input.ops);
    input.element.run_vec::<F, _>(&input.ops, Global)
}

/// Runs `cases_per_kind()` sequences of every element kind through `vec_case::<F>` and panics
/// with the first report (which carries a replay `#[test]`). Returns the totals.
fn run_many<F: VecFamily>(seed: u64, calm_splices: bool) -> RunSummary {
    let mut bytes = Bytes(seed);
    let mut total = RunSummary::default();
    for (kind_index, kind) in ElementKind::ALL.iter().enumerate() {
        for case in 0..cases_per_kind() {
            let input = bytes.input(kind_index);
            match run_case::<F>(&input, calm_splices) {
                Ok(summary) => {
                    total.steps += summary.steps;
                    total.skipped += summary.skipped;
                    total.panics += summary.panics;
                }
                Err(mismatch) => panic!("{kind:?} case {case} (input {input:?}):\n{mismatch}"),
            }
        }
    }
    total
}

/// The totals must show real work: most operations compared, some panicking on both sides.
fn assert_did_work(name: &str, total: RunSummary) {
    println!("{name}: {total:?}");
    assert!(
        total.steps > total.skipped / 4,
        "{name}: too few operations ran: {total:?}"
    );
    if !cfg!(miri) {
        assert!(
            total.panics > 0,
            "{name}: no panic path was reached: {total:?}"
        );
    }
}

#[test]
fn smallvec_1_matches_std() {
    assert_did_work("smallvec 1", run_many::<SmallVecs>(1, true));
}

#[test]
fn arrayvec_matches_std() {
    assert_did_work("arrayvec", run_many::<ArrayVecs>(2, false));
}

#[test]
fn thin_vec_matches_std() {
    assert_did_work("thin-vec", run_many::<ThinVecs>(3, false));
}

/// RUSTSEC-2021-0003 rediscovered from random input: `insert_many` (reached through `splice`
/// on an empty range) writes past its buffer when the iterator yields more items than its
/// `size_hint` says. The corruption is invisible natively (or crashes the process), so this
/// test is ignored by default; under Miri it stops at the first out-of-bounds write:
///
/// `MIRIFLAGS="-Zmiri-disable-isolation" cargo +nightly miri test --test real_crates -- --ignored smallvec_0_6`
#[test]
#[ignore = "corrupts memory on purpose: run under Miri (see docs/real_crates.md)"]
fn smallvec_0_6_insert_many_advisory() {
    assert_did_work("smallvec 0.6.13", run_many::<SmallVec06s>(4, true));
}

/// The bug the harness found in thin-vec 0.2.21: `ThinVec::<()>::insert` treats the length it
/// keeps in the pointer as a pointer. In a debug build a `debug_assert!` stops it; in a release
/// build it writes to address 1 and crashes. When this test fails, thin-vec has fixed it: then
/// remove the ZST guard in `Thin::insert`.
#[test]
#[cfg(debug_assertions)]
fn thin_vec_zst_insert_is_broken() {
    let message = common::panic_message(|| {
        let mut zsts = ::thin_vec::ThinVec::<()>::new();
        zsts.insert(0, ());
    });
    assert_eq!(
        message.as_deref(),
        Some("assertion failed: !Self::is_zst()")
    );
}

/// The minimal sequence the `smallvec_0_6` fuzz target found for RUSTSEC-2021-0003 (after
/// `cargo fuzz tmin`, decoded with `Input::<VecOp>::from_bytes`): one element, then
/// `insert_many(0, ..)` of five items from an iterator whose `size_hint` says "at least 0".
/// Natively the corruption shows up later, as an abort; under Miri the out-of-bounds write
/// itself is reported:
///
/// `MIRIFLAGS="-Zmiri-disable-isolation" cargo +nightly miri test --test real_crates -- --ignored smallvec_0_6_minimal`
#[test]
#[ignore = "corrupts memory on purpose: run under Miri (see docs/real_crates.md)"]
fn smallvec_0_6_minimal_sequence() {
    use boxvec::check::{HintLie, RangeSpec, Tracked, run_vec};
    let ops = [
        VecOp::Push(0),
        VecOp::Splice {
            range: RangeSpec {
                form: 156,
                a: 39936,
                b: 1542,
            },
            with: vec![0, 43, 10, 156, 156],
            lie: HintLie {
                lower_delta: -100,
                upper: 0,
                panic_after: 255,
            },
            front: 0,
        },
    ];
    let result = run_vec::<SmallVec06s, Tracked, _>(&ops, Global);
    assert!(result.is_ok(), "{}", result.unwrap_err());
}

/// Undefined behaviour in the *current* smallvec (1.16.6): `insert_many` on an inline vector
/// with an iterator that panics. Its `DropOnPanic` guard keeps a pointer taken before
/// `set_len(0)`, whose `&mut self` invalidates it; the guard then drops the elements through
/// it. Miri reports it under Stacked Borrows and under Tree Borrows. Natively the run only
/// shows difference 8 of docs/real_crates.md (the vector ends empty), so this is ignored:
///
/// `MIRIFLAGS="-Zmiri-disable-isolation" cargo +nightly miri test --test real_crates -- --ignored smallvec_1_insert_many_panic`
#[test]
#[ignore = "undefined behaviour in smallvec 1.16.6, visible under Miri only (see docs/real_crates.md)"]
fn smallvec_1_insert_many_panic_is_ub() {
    use boxvec::check::{HintLie, RangeSpec, run_vec};
    let ops = [
        VecOp::Push(1),
        VecOp::Splice {
            range: RangeSpec {
                form: 0,
                a: 0,
                b: 0,
            }, // 0..0: insert_many(0, ..)
            with: vec![2, 3, 4],
            lie: HintLie {
                lower_delta: 0,
                upper: 1,
                panic_after: 1,
            }, // exact hint, 2nd item panics
            front: 0,
        },
    ];
    let _ = run_vec::<SmallVecs, String, _>(&ops, Global);
}

fn input_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..MAX_INPUT)
}

proptest! {
    #![proptest_config(common::proptest_config(64))]

    #[test]
    fn smallvec_1_proptest(bytes in input_strategy()) {
        let summary = run_case::<SmallVecs>(&bytes, true)?;
        prop_assert!(summary.steps + summary.skipped > 0 || bytes.len() < 2, "{summary:?}");
    }

    #[test]
    fn arrayvec_proptest(bytes in input_strategy()) {
        let summary = vec_case::<ArrayVecs>(&bytes)?;
        prop_assert!(summary.steps + summary.skipped > 0 || bytes.len() < 2, "{summary:?}");
    }

    #[test]
    fn thin_vec_proptest(bytes in input_strategy()) {
        let summary = vec_case::<ThinVecs>(&bytes)?;
        prop_assert!(summary.steps + summary.skipped > 0 || bytes.len() < 2, "{summary:?}");
    }
}
