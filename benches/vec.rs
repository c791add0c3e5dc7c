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
//! | `extend_from_slice` | `new()` then `extend_from_slice` of a 4 KiB or 64 KiB slice of `u8` or `u64`: one reservation plus a clone loop that should become a `memcpy` |
//! | `extend_iter` | `new()` then `extend` from `(0..n).map(..)` (exact size hint: one reservation) and from `(0..n).filter(..)` (lower bound 0: grows while pushing), n = 10 000 |
//! | `clone` | `clone` of a `Vec<u64>` of 10 000 (a `memcpy` if `Copy` is exploited) and of a `Vec<String>` of 1 000 (1 000 small allocations dominate) |
//! | `retain` | `retain` keeping every other element of 10 000 `u64`s: the compaction loop |
//! | `insert_front` | `new()` then `insert(0, _)` 2 000 times: the tail shift (`ptr::copy`) dominates |
//! | `pop` | `pop` until empty from 10 000 `u64`s, summing the values |
//! | `remove` | `remove(0)` until empty from 2 000 `u64`s: the tail shift again, the other way |
//!
//! Where a workload needs a prepared vector (`retain`, `pop`, `remove`), the vector is built in
//! `iter_batched`'s setup closure, outside the measurement, and the result is dropped outside it
//! too. Elsewhere the timed closure returns the vector, so its drop (one deallocation, plus the
//! `String`s for `clone`) is part of the time, equally for all three.
//!
//! # Reading the results
//!
//! Each benchmark is named `group/subject/parameter`, e.g. `push/mine/100000`. Take the middle
//! of criterion's `time: [low estimate high]` and divide by the `std` line of the same group
//! and parameter: about 1.0 means "as fast as std". On a shared machine differences under ~10 %
//! are noise; a stable gap of 1.3x or more is worth reading the code path for. Nothing here is
//! asserted: timing claims live in reports, never in tests.
//!
//! The settings (`sample_size` 30, 0.5 s warm-up, 2 s measurement per benchmark) keep
//! `cargo bench --bench vec` at a few minutes on a small machine; raise them for a quieter
//! comparison.

use std::hint::black_box;
use std::ops::Deref;
use std::time::Duration;

use boxvec::MyVec;
use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main,
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
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

/// A `S::Vec<u64>` holding `0..n`, for the workloads that start from a full
/// vector.
fn filled<S: Subject>(n: u64) -> S::Vec<u64> {
    let mut v = S::Vec::new();
    v.extend(0..n);
    v
}

// ---------------------------------------------------------------------------------------------
// push

fn push_n<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>, n: u64) {
    group.bench_function(BenchmarkId::new(S::NAME, n), |b| {
        b.iter(|| {
            let mut v = S::Vec::new();
            // `black_box(n)` keeps the loop count opaque, so the compiler cannot size the
            // vector up front; the values pushed need no hiding since the vector is returned.
            for i in 0..black_box(n) {
                v.push(i);
            }
            v
        })
    });
}

fn bench_push(c: &mut Criterion) {
    let mut group = group(c, "push");
    for n in [1_000, 100_000] {
        for_each_subject!(push_n(&mut group, n));
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// extend_from_slice

fn extend_from_slice_of<S: Subject, T: Clone>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    source: &[T],
) {
    group.bench_function(BenchmarkId::new(S::NAME, label), |b| {
        b.iter(|| {
            let mut v = S::Vec::<T>::new();
            v.extend_from_slice(black_box(source));
            v
        })
    });
}

fn bench_extend_from_slice(c: &mut Criterion) {
    let mut group = group(c, "extend_from_slice");
    for kib in [4, 64] {
        let bytes = kib * 1024;
        let u8s: Vec<u8> = (0..bytes).map(|i| i as u8).collect();
        let u64s: Vec<u64> = (0..(bytes / 8) as u64).collect();
        let label_u8 = format!("u8-{kib}KiB");
        let label_u64 = format!("u64-{kib}KiB");
        for_each_subject!(extend_from_slice_of<_>(&mut group, &label_u8, &u8s));
        for_each_subject!(extend_from_slice_of<_>(&mut group, &label_u64, &u64s));
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// extend_iter

const EXTEND_LEN: u64 = 10_000;

fn extend_map<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, "map"), |b| {
        b.iter(|| {
            let mut v = S::Vec::new();
            // Exact size hint: an implementation can reserve once, then write without checks.
            v.extend((0..black_box(EXTEND_LEN)).map(|i| i.wrapping_mul(3)));
            v
        })
    });
}

fn extend_filter<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, "filter"), |b| {
        b.iter(|| {
            let mut v = S::Vec::new();
            // Size hint (0, Some(n)): nothing useful to reserve, so this is push-like growth.
            v.extend((0..black_box(EXTEND_LEN)).filter(|i| i % 3 != 0));
            v
        })
    });
}

fn bench_extend_iter(c: &mut Criterion) {
    let mut group = group(c, "extend_iter");
    for_each_subject!(extend_map(&mut group));
    for_each_subject!(extend_filter(&mut group));
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// clone

fn clone_of<S: Subject, T>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    make: impl Fn(u64) -> T,
    n: u64,
) where
    S::Vec<T>: Clone,
{
    let mut source = S::Vec::new();
    source.extend((0..n).map(make));
    group.bench_function(BenchmarkId::new(S::NAME, label), |b| {
        b.iter(|| black_box(&source).clone())
    });
}

fn bench_clone(c: &mut Criterion) {
    let mut group = group(c, "clone");
    for_each_subject!(clone_of<_>(&mut group, "u64-10000", |i| i, 10_000));
    for_each_subject!(clone_of<_>(&mut group, "String-1000", |i| i.to_string(), 1_000));
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// retain, insert_front, pop, remove

fn retain_half<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, 10_000), |b| {
        b.iter_batched(
            || filled::<S>(10_000),
            |mut v| {
                v.retain(|x| x % 2 == 0);
                v
            },
            BatchSize::SmallInput,
        )
    });
}

fn bench_retain(c: &mut Criterion) {
    let mut group = group(c, "retain");
    for_each_subject!(retain_half(&mut group));
    group.finish();
}

fn insert_front<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, 2_000), |b| {
        b.iter(|| {
            let mut v = S::Vec::new();
            for i in 0..black_box(2_000u64) {
                v.insert(0, i);
            }
            v
        })
    });
}

fn bench_insert_front(c: &mut Criterion) {
    let mut group = group(c, "insert_front");
    for_each_subject!(insert_front(&mut group));
    group.finish();
}

fn pop_all<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, 10_000), |b| {
        b.iter_batched(
            || filled::<S>(10_000),
            |mut v| {
                let mut sum = 0u64;
                while let Some(x) = v.pop() {
                    sum = sum.wrapping_add(x);
                }
                (sum, v)
            },
            BatchSize::SmallInput,
        )
    });
}

fn bench_pop(c: &mut Criterion) {
    let mut group = group(c, "pop");
    for_each_subject!(pop_all(&mut group));
    group.finish();
}

fn remove_front<S: Subject>(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.bench_function(BenchmarkId::new(S::NAME, 2_000), |b| {
        b.iter_batched(
            || filled::<S>(2_000),
            |mut v| {
                let mut sum = 0u64;
                while !v.is_empty() {
                    sum = sum.wrapping_add(v.remove(0));
                }
                (sum, v)
            },
            BatchSize::SmallInput,
        )
    });
}

fn bench_remove(c: &mut Criterion) {
    let mut group = group(c, "remove");
    for_each_subject!(remove_front(&mut group));
    group.finish();
}

criterion_group!(
    benches,
    bench_push,
    bench_extend_from_slice,
    bench_extend_iter,
    bench_clone,
    bench_retain,
    bench_insert_front,
    bench_pop,
    bench_remove
);
criterion_main!(benches);
