//! `MyString` side by side with std's `String`.
//!
//! Every group runs the *same* workload on both strings, so the ratio comes from one run on one
//! machine, a few seconds apart:
//!
//! - `std`: `std::string::String`, the reference (its `Vec<u8>` underneath uses nightly-only
//!   specialization, and `format!` pre-sizes its output from the format string's pieces).
//! - `mine`: `boxvec::MyString` over `MyVec<u8>`.
//!
//! # The groups
//!
//! | group | what is timed |
//! |---|---|
//! | `push_str` | `new()` then `push_str` of a 13-byte piece N times (N = 100, 10 000): the append path plus every growth step, then the drop |
//! | `push_char` | `new()` then `push` 10 000 chars: all ASCII (the one-byte fast path), or cycling through é ß € 中 😀 (encoding 2 to 4 bytes) |
//! | `from_utf8` | `from_utf8` of a 64 KiB byte vector, ASCII or mixed text (the validation; the vector is built outside the timing) |
//! | `format` | `format!` / `my_format!` of `"{}-{}: {:?} {:>8}"` with an integer, a `&str`, a `char` and a float, 1 000 times; and the same `write!` into one reused string (`std-write`, `mine-write`), which times the formatting without the allocations |
//!
//! Each benchmark is named `group/subject/parameter`; divide the middle of `mine`'s time
//! estimate by `std`'s for the same group and parameter (about 1.0: as fast as std; under ~10 %
//! is noise on a shared machine). Nothing here is asserted.

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use boxvec::{MyString, MyVec, my_format};
use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main,
};

/// The string operations the workloads use, with std's names, implemented by forwarding to the
/// inherent methods (`#[inline]`, so the trait adds no cost).
trait BenchString: Sized {
    const NAME: &'static str;
    type Bytes;
    fn new() -> Self;
    fn push(&mut self, ch: char);
    fn push_str(&mut self, s: &str);
    fn bytes_of(text: &str) -> Self::Bytes;
    fn from_utf8(bytes: Self::Bytes) -> Option<Self>;
}

impl BenchString for String {
    const NAME: &'static str = "std";
    type Bytes = Vec<u8>;
    #[inline]
    fn new() -> Self {
        String::new()
    }
    #[inline]
    fn push(&mut self, ch: char) {
        String::push(self, ch)
    }
    #[inline]
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s)
    }
    fn bytes_of(text: &str) -> Vec<u8> {
        text.as_bytes().to_vec()
    }
    #[inline]
    fn from_utf8(bytes: Vec<u8>) -> Option<Self> {
        String::from_utf8(bytes).ok()
    }
}

impl BenchString for MyString {
    const NAME: &'static str = "mine";
    type Bytes = MyVec<u8>;
    #[inline]
    fn new() -> Self {
        MyString::new()
    }
    #[inline]
    fn push(&mut self, ch: char) {
        MyString::push(self, ch)
    }
    #[inline]
    fn push_str(&mut self, s: &str) {
        MyString::push_str(self, s)
    }
    fn bytes_of(text: &str) -> MyVec<u8> {
        MyVec::from(text.as_bytes())
    }
    #[inline]
    fn from_utf8(bytes: MyVec<u8>) -> Option<Self> {
        MyString::from_utf8(bytes).ok()
    }
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn push_str_n<S: BenchString>(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    group.bench_function(BenchmarkId::new(S::NAME, n), |b| {
        b.iter(|| {
            let mut s = S::new();
            for _ in 0..black_box(n) {
                s.push_str(black_box("piece of text"));
            }
            s
        })
    });
}

fn bench_push_str(c: &mut Criterion) {
    let mut group = group(c, "push_str");
    for n in [100, 10_000] {
        push_str_n::<String>(&mut group, n);
        push_str_n::<MyString>(&mut group, n);
    }
    group.finish();
}

fn push_chars<S: BenchString>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    chars: &[char],
) {
    group.bench_function(BenchmarkId::new(S::NAME, label), |b| {
        b.iter(|| {
            let mut s = S::new();
            for &ch in black_box(chars) {
                s.push(ch);
            }
            s
        })
    });
}

fn bench_push_char(c: &mut Criterion) {
    let mut group = group(c, "push_char");
    let ascii: Vec<char> = ('a'..='z').cycle().take(10_000).collect();
    let mixed: Vec<char> = ['é', 'ß', '€', '中', '😀']
        .into_iter()
        .cycle()
        .take(10_000)
        .collect();
    for (label, chars) in [("ascii", &ascii), ("multibyte", &mixed)] {
        push_chars::<String>(&mut group, label, chars);
        push_chars::<MyString>(&mut group, label, chars);
    }
    group.finish();
}

fn from_utf8_of<S: BenchString>(group: &mut BenchmarkGroup<'_, WallTime>, label: &str, text: &str) {
    group.bench_function(BenchmarkId::new(S::NAME, label), |b| {
        b.iter_batched(
            || S::bytes_of(text),
            |bytes| S::from_utf8(black_box(bytes)),
            BatchSize::SmallInput,
        )
    });
}

fn bench_from_utf8(c: &mut Criterion) {
    let mut group = group(c, "from_utf8");
    let ascii: String = ('a'..='z').cycle().take(64 * 1024).collect();
    let mut mixed = String::new();
    while mixed.len() < 64 * 1024 {
        mixed.push_str("grüße, 中文 😀 € ");
    }
    for (label, text) in [("ascii-64KiB", &ascii), ("mixed-64KiB", &mixed)] {
        from_utf8_of::<String>(&mut group, label, text);
        from_utf8_of::<MyString>(&mut group, label, text);
    }
    group.finish();
}

fn bench_format(c: &mut Criterion) {
    let mut group = group(c, "format");
    group.bench_function(BenchmarkId::new("std", 1000), |b| {
        b.iter(|| {
            let mut total = 0;
            for i in 0..black_box(1000) {
                let s = format!("{}-{}: {:?} {:>8}", i, black_box("name"), 'é', 2.5);
                total += s.len();
            }
            total
        })
    });
    group.bench_function(BenchmarkId::new("mine", 1000), |b| {
        b.iter(|| {
            let mut total = 0;
            for i in 0..black_box(1000) {
                let s = my_format!("{}-{}: {:?} {:>8}", i, black_box("name"), 'é', 2.5);
                total += s.len();
            }
            total
        })
    });
    // `write!` into one reused string: the formatting machinery without the allocations.
    group.bench_function(BenchmarkId::new("std-write", 1000), |b| {
        b.iter(|| {
            let mut s = String::new();
            for i in 0..black_box(1000) {
                s.clear();
                write!(s, "{}-{}: {:?} {:>8}", i, black_box("name"), 'é', 2.5).unwrap();
            }
            s
        })
    });
    group.bench_function(BenchmarkId::new("mine-write", 1000), |b| {
        b.iter(|| {
            let mut s = MyString::new();
            for i in 0..black_box(1000) {
                s.clear();
                write!(s, "{}-{}: {:?} {:>8}", i, black_box("name"), 'é', 2.5).unwrap();
            }
            s
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_push_str,
    bench_push_char,
    bench_from_utf8,
    bench_format
);
criterion_main!(benches);
