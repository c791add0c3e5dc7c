//! `MyVec` side by side with `std::vec::Vec` and `allocator_api2::vec::Vec`.
//!
//! Every group runs the *same* workload on three vectors, so the numbers you compare come from
//! one run on one machine, a few seconds apart:
//!
//! - `std`: `std::vec::Vec`, the reference. It uses nightly-only specialization inside std
//!   (`TrustedLen` for `extend`, `Copy` fast paths for `extend_from_slice` and `clone`), which a
//!   crate on stable cannot.
//! - `api2`: `allocator_api2::vec::Vec`, a stable-Rust copy of std's `Vec` over the same
//!   `Allocator` trait `MyVec` uses. It has no specialization either, so it shows what "std
//!   without nightly tricks" costs.
//! - `mine`: `boxvec::MyVec`.
//!
//! # The groups
//!
//! | group | what is timed |
//! |---|---|
//! | `push` | `new()` then `push` N `u64`s (N = 1000, 100 000): the hot push path plus every amortized growth step, then the drop |
//! | `extend_from_slice` | `new()` then `extend_from_slice` of a 4 KiB or 64 KiB slice of `u8` or `u64`, or of 1 000 000 `u64` (`u64-1M`): one reservation plus a clone loop that should become a `memcpy`. `memcpy/u64-1M` is the limit: one `copy_nonoverlapping` into a buffer allocated (and, by earlier runs, touched) outside the measurement |
//! | `extend_iter` | `new()` then `extend` from `(0..n).map(..)` (exact size hint: one reservation) and from `(0..n).filter(..)` (lower bound 0: grows while pushing), n = 10 000 |
//! | `clone` | `clone` of a `Vec<u64>` of 10 000 or 1 000 000 (a `memcpy` if `Copy` is exploited; `memcpy/u64-1000000` is the limit, as above) and of a `Vec<String>` of 1 000 (1 000 small allocations dominate) |
//! | `retain` | `retain` keeping the even values of 10 000 or 1 000 000 `u64`s: the compaction loop |
//! | `drain` | `drain(n/4..3n/4)` of 1 000 000 `u64`s, summing the drained values with `fold`, then the `Drain`'s drop moving the tail down |
//! | `insert_front` | `new()` then `insert(0, _)` 2 000 times: the tail shift (`ptr::copy`) dominates |
//! | `pop` | `pop` until empty from 10 000 `u64`s, summing the values |
//! | `remove` | `remove(0)` until empty from 2 000 `u64`s: the tail shift again, the other way |
//!
//! Where a workload needs a prepared vector (`retain`, `drain`, `pop`, `remove`), the vector is
//! built in `iter_batched`'s setup closure, outside the measurement, and the result is dropped
//! outside it too. Elsewhere the timed closure returns the vector, so its drop (one deallocation, plus the
//! `String`s for `clone`) is part of the time, equally for all three.
//!
//! # Reading the results
//!
//! Time is the benchmark thread's **CPU time**, not wall time (see `vec/measure.rs`): on a
//! shared machine the moments the thread waits for a core are not counted.
//!
//! Each benchmark is named `group/subject/parameter`, e.g. `push/mine/100000`. Take the middle
//! of criterion's `time: [low estimate high]` and divide by the `std` line of the same group
//! and parameter: about 1.0 means "as fast as std". On a shared machine differences under ~10 %
//! are noise; a stable gap of 1.3x or more is worth reading the code path for. Nothing here is
//! asserted: timing claims live in reports, never in tests.
//!
//! For a comparison that holds up on a busy machine, run the **interleaved pass**, which times
//! short batches of the subjects in turn and prints median ratios to std per workload:
//! `BENCH_INTERLEAVED=25 cargo bench --bench vec -- interleaved-only` (the filter matches no
//! criterion benchmark, so only the pass runs; `BENCH_INTERLEAVED_FILTER=retain` narrows it).
//! It takes about a minute.
//!
//! # What the allocator is asked for
//!
//! Equal time could hide extra work in the allocator, so before timing each benchmark runs its
//! workload once under a counting global allocator and records the calls (`alloc`,
//! `realloc`, `dealloc`) and the bytes requested; the table is printed at the end of the run
//! (only for the benchmarks the filter selected). Counting is switched off while anything is
//! timed, so it costs the timed code one predictable branch per allocator call.
//!
//! The settings (`sample_size` 30, 0.5 s warm-up, 2 s measurement per benchmark) keep
//! `cargo bench --bench vec` at about five minutes on a small machine; raise them for a
//! quieter comparison. docs/perf.md records a run before and after the write-loop change.

#[path = "vec/measure.rs"]
mod measure;

use std::hint::black_box;
use std::ops::{Deref, Range};
use std::time::Duration;

use boxvec::MyVec;
use criterion::{Criterion, criterion_group, criterion_main};
use measure::{
    Group, Id, ThreadCpuTime, bench_batched, bench_plain, memcpy_limit, report_allocations,
    report_interleaved,
};

/// The vector operations the workloads use, with std's names and signatures, so one generic
/// workload function runs unchanged on every subject. Each method forwards to the inherent
/// method of the same name and is `#[inline]`, so after monomorphization the benchmark calls the
/// real method directly: the trait adds no cost.
trait BenchVec<T>: Extend<T> + Deref<Target = [T]> {
    fn new() -> Self;
    fn push(&mut self, value: T);
    fn pop(&mut self) -> Option<T>;
    fn insert(&mut self, index: usize, value: T);
    fn remove(&mut self, index: usize) -> T;
    fn retain(&mut self, keep: impl FnMut(&T) -> bool);
    fn drain(&mut self, range: Range<usize>) -> impl Iterator<Item = T>;
    fn extend_from_slice(&mut self, other: &[T])
    where
        T: Clone;
}

/// One of the three vector implementations under comparison; `Vec<T>` is its vector type.
trait Subject {
    /// The middle part of the benchmark id: `std`, `api2` or `mine`.
    const NAME: &'static str;
    type Vec<T>: BenchVec<T>;
}

/// Implements [`BenchVec`] for a vector type whose inherent methods already have std's names.
macro_rules! forward_bench_vec {
    ($vec:ident) => {
        impl<T> BenchVec<T> for $vec<T> {
            #[inline]
            fn new() -> Self {
                $vec::new()
            }
            #[inline]
            fn push(&mut self, value: T) {
                $vec::push(self, value)
            }
            #[inline]
            fn pop(&mut self) -> Option<T> {
                $vec::pop(self)
            }
            #[inline]
            fn insert(&mut self, index: usize, value: T) {
                $vec::insert(self, index, value)
            }
            #[inline]
            fn remove(&mut self, index: usize) -> T {
                $vec::remove(self, index)
            }
            #[inline]
            fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
                $vec::retain(self, keep)
            }
            #[inline]
            fn drain(&mut self, range: Range<usize>) -> impl Iterator<Item = T> {
                $vec::drain(self, range)
            }
            #[inline]
            fn extend_from_slice(&mut self, other: &[T])
            where
                T: Clone,
            {
                $vec::extend_from_slice(self, other)
            }
        }
    };
}

type StdVec<T> = std::vec::Vec<T>;
type Api2Vec<T> = allocator_api2::vec::Vec<T>;

forward_bench_vec!(StdVec);
forward_bench_vec!(Api2Vec);
forward_bench_vec!(MyVec);

struct Std;
struct Api2;
struct Mine;

impl Subject for Std {
    const NAME: &'static str = "std";
    type Vec<T> = StdVec<T>;
}

impl Subject for Api2 {
    const NAME: &'static str = "api2";
    type Vec<T> = Api2Vec<T>;
}

impl Subject for Mine {
    const NAME: &'static str = "mine";
    type Vec<T> = MyVec<T>;
}

/// Calls the generic workload `$bench` once per subject, in the order std, api2, mine, so the
/// three lines of each comparison are printed next to each other. Further generic arguments of
/// the workload go in `<..>` after its name (`_` to let them be inferred).
macro_rules! for_each_subject {
    ($bench:ident $(<$($generic:ty),*>)? ($($arg:expr),* $(,)?)) => {
        $bench::<Std $($(, $generic)*)?>($($arg),*);
        $bench::<Api2 $($(, $generic)*)?>($($arg),*);
        $bench::<Mine $($(, $generic)*)?>($($arg),*);
    };
}

/// A group with the settings from the module doc: short enough for a 2-core machine.
fn group<'a>(c: &'a mut Criterion<ThreadCpuTime>, name: &str) -> Group<'a> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

// ---------------------------------------------------------------------------------------------
// push

fn push_n<S: Subject>(group: &mut Group<'_>, n: u64) {
    let id = Id {
        group: "push",
        subject: S::NAME,
        parameter: n.to_string(),
    };
    bench_plain(group, id, move || {
        let mut v = S::Vec::new();
        // `black_box(n)` keeps the loop count opaque, so the compiler cannot size the vector
        // up front; the values pushed need no hiding since the vector is returned.
        for i in 0..black_box(n) {
            v.push(i);
        }
        v
    });
}

fn bench_push(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "push");
    for n in [1_000, 100_000] {
        for_each_subject!(push_n(&mut group, n));
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// extend_from_slice

/// The number of `u64`s of the large workloads (`extend_from_slice`, `clone`, `retain`,
/// `drain`): 8 MB, larger than the caches, as in the issue that asked for them.
const BULK_LEN: u64 = 1_000_000;

/// `0..n` as a slice that lives as long as the process: the interleaved pass runs the
/// workloads after their group is gone.
fn leaked_range(n: u64) -> &'static [u64] {
    (0..n).collect::<Vec<_>>().leak()
}

fn extend_from_slice_of<S: Subject, T: Clone + 'static>(
    group: &mut Group<'_>,
    label: &str,
    source: &'static [T],
) {
    let id = Id {
        group: "extend_from_slice",
        subject: S::NAME,
        parameter: label.to_owned(),
    };
    bench_plain(group, id, move || {
        let mut v = S::Vec::<T>::new();
        v.extend_from_slice(black_box(source));
        v
    });
}

fn bench_extend_from_slice(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "extend_from_slice");
    for kib in [4, 64] {
        let bytes = kib * 1024;
        let u8s: &[u8] = (0..bytes).map(|i| i as u8).collect::<Vec<_>>().leak();
        let u64s = leaked_range(bytes / 8);
        let label_u8 = format!("u8-{kib}KiB");
        let label_u64 = format!("u64-{kib}KiB");
        for_each_subject!(extend_from_slice_of<_>(&mut group, &label_u8, u8s));
        for_each_subject!(extend_from_slice_of<_>(&mut group, &label_u64, u64s));
    }
    let bulk = leaked_range(BULK_LEN);
    for_each_subject!(extend_from_slice_of<_>(&mut group, "u64-1M", bulk));
    memcpy_limit(&mut group, "extend_from_slice", "u64-1M", bulk);
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// extend_iter

const EXTEND_LEN: u64 = 10_000;

fn extend_map<S: Subject>(group: &mut Group<'_>) {
    let id = Id {
        group: "extend_iter",
        subject: S::NAME,
        parameter: "map".to_owned(),
    };
    bench_plain(group, id, || {
        let mut v = S::Vec::new();
        // Exact size hint: an implementation can reserve once, then write without checks.
        v.extend((0..black_box(EXTEND_LEN)).map(|i| i.wrapping_mul(3)));
        v
    });
}

fn extend_filter<S: Subject>(group: &mut Group<'_>) {
    let id = Id {
        group: "extend_iter",
        subject: S::NAME,
        parameter: "filter".to_owned(),
    };
    bench_plain(group, id, || {
        let mut v = S::Vec::new();
        // Size hint (0, Some(n)): nothing useful to reserve, so this is push-like growth.
        v.extend((0..black_box(EXTEND_LEN)).filter(|i| i % 3 != 0));
        v
    });
}

fn bench_extend_iter(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "extend_iter");
    for_each_subject!(extend_map(&mut group));
    for_each_subject!(extend_filter(&mut group));
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// clone

fn clone_of<S: Subject, T: 'static>(
    group: &mut Group<'_>,
    label: &str,
    make: impl Fn(u64) -> T,
    n: u64,
) where
    S::Vec<T>: Clone + 'static,
{
    let mut source = S::Vec::new();
    source.extend((0..n).map(make));
    let source: &'static S::Vec<T> = Box::leak(Box::new(source));
    let id = Id {
        group: "clone",
        subject: S::NAME,
        parameter: label.to_owned(),
    };
    bench_plain(group, id, move || black_box(source).clone());
}

fn bench_clone(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "clone");
    for_each_subject!(clone_of<_>(&mut group, "u64-10000", |i| i, 10_000));
    for_each_subject!(clone_of<_>(&mut group, "u64-1000000", |i| i, BULK_LEN));
    memcpy_limit(&mut group, "clone", "u64-1000000", leaked_range(BULK_LEN));
    for_each_subject!(clone_of<_>(&mut group, "String-1000", |i| i.to_string(), 1_000));
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// retain, drain, insert_front, pop, remove

/// A `S::Vec<u64>` holding `0..n`, for the workloads that start from a full vector.
fn filled<S: Subject>(n: u64) -> S::Vec<u64> {
    let mut v = S::Vec::new();
    v.extend(0..n);
    v
}

/// The id of a workload on a prepared vector of `n` elements.
fn sized_id<S: Subject>(group: &str, n: u64) -> Id<'_> {
    Id {
        group,
        subject: S::NAME,
        parameter: n.to_string(),
    }
}

fn retain_even<S: Subject>(group: &mut Group<'_>, n: u64) {
    let id = sized_id::<S>("retain", n);
    bench_batched(
        group,
        id,
        n >= BULK_LEN,
        move || filled::<S>(n),
        |mut v| {
            v.retain(|x| x % 2 == 0);
            v
        },
    );
}

fn bench_retain(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "retain");
    for n in [10_000, BULK_LEN] {
        for_each_subject!(retain_even(&mut group, n));
    }
    group.finish();
}

fn drain_middle<S: Subject>(group: &mut Group<'_>, n: u64) {
    let id = sized_id::<S>("drain", n);
    bench_batched(
        group,
        id,
        n >= BULK_LEN,
        move || filled::<S>(n),
        |mut v| {
            let len = v.len();
            let sum = v
                .drain(len / 4..3 * len / 4)
                .fold(0u64, |sum, x| sum.wrapping_add(x));
            (sum, v)
        },
    );
}

fn bench_drain(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "drain");
    for_each_subject!(drain_middle(&mut group, BULK_LEN));
    group.finish();
}

fn insert_front<S: Subject>(group: &mut Group<'_>) {
    let id = Id {
        group: "insert_front",
        subject: S::NAME,
        parameter: "2000".to_owned(),
    };
    bench_plain(group, id, || {
        let mut v = S::Vec::new();
        for i in 0..black_box(2_000u64) {
            v.insert(0, i);
        }
        v
    });
}

fn bench_insert_front(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "insert_front");
    for_each_subject!(insert_front(&mut group));
    group.finish();
}

fn pop_all<S: Subject>(group: &mut Group<'_>) {
    let id = sized_id::<S>("pop", 10_000);
    bench_batched(
        group,
        id,
        false,
        || filled::<S>(10_000),
        |mut v| {
            let mut sum = 0u64;
            while let Some(x) = v.pop() {
                sum = sum.wrapping_add(x);
            }
            (sum, v)
        },
    );
}

fn bench_pop(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "pop");
    for_each_subject!(pop_all(&mut group));
    group.finish();
}

fn remove_front<S: Subject>(group: &mut Group<'_>) {
    let id = sized_id::<S>("remove", 2_000);
    bench_batched(
        group,
        id,
        false,
        || filled::<S>(2_000),
        |mut v| {
            let mut sum = 0u64;
            while !v.is_empty() {
                sum = sum.wrapping_add(v.remove(0));
            }
            (sum, v)
        },
    );
}

fn bench_remove(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = group(c, "remove");
    for_each_subject!(remove_front(&mut group));
    group.finish();
}

criterion_group!(
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime::new());
    targets =
    bench_push,
    bench_extend_from_slice,
    bench_extend_iter,
    bench_clone,
    bench_retain,
    bench_drain,
    bench_insert_front,
    bench_pop,
    bench_remove,
    report_interleaved,
    report_allocations
);
criterion_main!(benches);
