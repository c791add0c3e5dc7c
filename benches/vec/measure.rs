//! The measuring around criterion: what the allocator is asked for, and an interleaved
//! timing pass for a noisy machine.
//!
//! Every workload goes through [`bench_plain`] or [`bench_batched`], which
//!
//! 1. register it with criterion, as usual;
//! 2. inside criterion's closure (so only for the benchmarks the filter selects), run it once
//!    under [`CountingSystem`] and record the allocator calls and bytes it asked for; the
//!    table is printed by [`report_allocations`] at the end of the run;
//! 3. keep a *timer* for it (a closure that runs it `n` times and returns the measured time),
//!    which [`report_interleaved`] uses when `BENCH_INTERLEAVED=<rounds>` is set.
//!
//! # A noisy machine: CPU time, interleaving
//!
//! On a machine shared with other jobs, wall-clock time counts the moments the benchmark
//! thread was not running at all; with two cores and a few compilers beside it, that made
//! single runs differ by 2x and more. So time is measured as **this thread's CPU time**
//! ([`ThreadCpuTime`], `CLOCK_THREAD_CPUTIME_ID` on Linux; wall time elsewhere), for criterion
//! and for the interleaved pass. What remains is the slowdown from sharing caches and memory
//! bandwidth, which changes with the load on a scale of seconds.
//!
//! criterion times one benchmark after another, a few seconds each, so two subjects are
//! measured under different loads. The interleaved pass times a short batch (about 2 ms) of
//! each subject in turn, in a new shuffled order each round, and reports per workload the median
//! over rounds of the ratio `subject / std` *within* a round: a change in load hits both
//! sides of each ratio about equally. The order is shuffled rather than rotated because a
//! subject inherits the caches its predecessor left (for the 8 MB workloads, whether the heap
//! block and the source are still in L3): with a fixed cycle, each subject would always follow
//! the same one.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion};

/// The group type every workload registers with.
pub type Group<'a> = BenchmarkGroup<'a, ThreadCpuTime>;

// ---------------------------------------------------------------------------------------------
// Thread CPU time

/// A criterion [`Measurement`]: the CPU time of the benchmarking thread, shown like
/// wall time (`ns`, `µs`, `ms`).
pub struct ThreadCpuTime {
    /// Lends its formatter: the values are durations too.
    wall: WallTime,
}

impl ThreadCpuTime {
    pub fn new() -> Self {
        ThreadCpuTime { wall: WallTime }
    }
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now() - start
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// The CPU time this thread has used so far.
#[cfg(target_os = "linux")]
fn thread_cpu_now() -> Duration {
    /// `struct timespec` of 64-bit Linux.
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: i64,
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    unsafe extern "C" {
        fn clock_gettime(clock: i32, now: *mut Timespec) -> i32;
    }
    let mut now = Timespec {
        seconds: 0,
        nanoseconds: 0,
    };
    // SAFETY: `now` is a valid, writable `struct timespec`, and the clock id is Linux's
    // thread CPU-time clock, which always exists.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.seconds as u64, now.nanoseconds as u32)
}

/// Elsewhere: wall time since the first call.
#[cfg(not(target_os = "linux"))]
fn thread_cpu_now() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

// ---------------------------------------------------------------------------------------------
// Counting what the allocator is asked for

/// `System`, counting calls and requested bytes while [`COUNTING`] is on. While it is off (all
/// the time anything is timed) each call pays one relaxed load and a predictable branch.
pub struct CountingSystem;

#[global_allocator]
static GLOBAL: CountingSystem = CountingSystem;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static FREES: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

fn count(calls: &AtomicUsize, bytes: usize) {
    if COUNTING.load(Relaxed) {
        calls.fetch_add(1, Relaxed);
        BYTES.fetch_add(bytes, Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees are this allocator's; the counting touches only atomics.
unsafe impl GlobalAlloc for CountingSystem {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(&ALLOCS, layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(&ALLOCS, layout.size());
        // SAFETY: as in `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(&REALLOCS, new_size);
        // SAFETY: as in `alloc`; `ptr` came from this allocator, hence from `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(&FREES, 0);
        // SAFETY: as in `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// What one run of a workload asked of the allocator.
struct AllocRow {
    id: String,
    allocs: usize,
    reallocs: usize,
    frees: usize,
    bytes: usize,
}

/// One row per benchmark that ran, in the order they ran; printed by [`report_allocations`].
static ALLOC_ROWS: Mutex<Vec<AllocRow>> = Mutex::new(Vec::new());

/// Runs `run(setup())` once, counting the allocator calls of `run` and of dropping its
/// result (not of `setup`), and records them under `id` unless `id` already has a row.
fn record_allocations<I, O>(id: &str, setup: impl FnOnce() -> I, run: impl FnOnce(I) -> O) {
    let mut rows = ALLOC_ROWS.lock().unwrap();
    if rows.iter().any(|row| row.id == id) {
        return;
    }
    let input = setup();
    for counter in [&ALLOCS, &REALLOCS, &FREES, &BYTES] {
        counter.store(0, Relaxed);
    }
    COUNTING.store(true, Relaxed);
    drop(black_box(run(black_box(input))));
    COUNTING.store(false, Relaxed);
    rows.push(AllocRow {
        id: id.to_owned(),
        allocs: ALLOCS.load(Relaxed),
        reallocs: REALLOCS.load(Relaxed),
        frees: FREES.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    });
}

/// Prints the rows [`record_allocations`] collected, after all groups have run.
pub fn report_allocations(_: &mut Criterion<ThreadCpuTime>) {
    let rows = ALLOC_ROWS.lock().unwrap();
    if rows.is_empty() {
        return;
    }
    println!(
        "\nAllocator calls of one run of each workload (the timed part, then dropping its result):"
    );
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>12}",
        "benchmark", "alloc", "realloc", "dealloc", "bytes"
    );
    for row in rows.iter() {
        let AllocRow {
            id,
            allocs,
            reallocs,
            frees,
            bytes,
        } = row;
        println!("{id:<40} {allocs:>8} {reallocs:>8} {frees:>8} {bytes:>12}");
    }
    println!("(bytes: the sizes passed to alloc plus the new sizes passed to realloc)");
}

// ---------------------------------------------------------------------------------------------
// Registering a workload

/// Runs a workload `n` times and returns the time spent in its measured part.
type Timer = Box<dyn FnMut(u64) -> Duration>;

/// A workload's timer, under its group, parameter and subject.
struct Registered {
    group: String,
    parameter: String,
    subject: &'static str,
    timer: Timer,
}

thread_local! {
    /// Every workload the groups registered, in registration order.
    static TIMERS: RefCell<Vec<Registered>> = const { RefCell::new(Vec::new()) };
}

/// The name of a benchmark: its group, its subject (`std`, `api2`, `mine`, or `memcpy` for
/// the speed limit) and its parameter.
pub struct Id<'a> {
    pub group: &'a str,
    pub subject: &'static str,
    pub parameter: String,
}

impl Id<'_> {
    fn register(&self, timer: Timer) {
        let registered = Registered {
            group: self.group.to_owned(),
            parameter: self.parameter.clone(),
            subject: self.subject,
            timer,
        };
        TIMERS.with_borrow_mut(|timers| timers.push(registered));
    }

    fn full(&self) -> String {
        format!("{}/{}/{}", self.group, self.subject, self.parameter)
    }
}

/// Benchmarks `run` (its result is dropped inside the measurement) and records its allocator
/// calls.
pub fn bench_plain<O>(group: &mut Group<'_>, id: Id<'_>, mut run: impl FnMut() -> O + 'static) {
    let full_id = id.full();
    group.bench_function(BenchmarkId::new(id.subject, &id.parameter), |b| {
        record_allocations(&full_id, || (), |()| run());
        b.iter(&mut run)
    });
    id.register(Box::new(move |n| {
        let start = thread_cpu_now();
        for _ in 0..n {
            black_box(run());
        }
        thread_cpu_now() - start
    }));
}

/// Benchmarks `run` with a fresh input from `setup` each time (built and dropped outside the
/// measurement) and records its allocator calls. `large` inputs (the 8 MB ones) are batched
/// one at a time (`LargeInput`) rather than by the tens (`SmallInput`).
pub fn bench_batched<I, O>(
    group: &mut Group<'_>,
    id: Id<'_>,
    large: bool,
    setup: impl Fn() -> I + Copy + 'static,
    run: impl Fn(I) -> O + Copy + 'static,
) {
    let batch_size = if large {
        BatchSize::LargeInput
    } else {
        BatchSize::SmallInput
    };
    let full_id = id.full();
    group.bench_function(BenchmarkId::new(id.subject, &id.parameter), |b| {
        record_allocations(&full_id, setup, run);
        b.iter_batched(setup, run, batch_size)
    });
    id.register(if large {
        Box::new(move |n| {
            let mut measured = Duration::ZERO;
            for _ in 0..n {
                let input = setup();
                let start = thread_cpu_now();
                let output = run(black_box(input));
                measured += thread_cpu_now() - start;
                drop(black_box(output));
            }
            measured
        })
    } else {
        // Small inputs: build them all first, so the clock (a system call) is read twice per
        // batch rather than twice per run.
        Box::new(move |n| {
            let inputs: Vec<I> = (0..n).map(|_| setup()).collect();
            let start = thread_cpu_now();
            let outputs: Vec<O> = inputs
                .into_iter()
                .map(|input| run(black_box(input)))
                .collect();
            let measured = thread_cpu_now() - start;
            drop(black_box(outputs));
            measured
        })
    });
}

// ---------------------------------------------------------------------------------------------
// The interleaved pass

/// How long one batch of one subject should take in the interleaved pass.
const BATCH_TARGET: Duration = Duration::from_millis(2);

/// Runs the interleaved pass if `BENCH_INTERLEAVED=<rounds>` is set (over the workloads whose
/// `group/parameter` contains `BENCH_INTERLEAVED_FILTER`, if that is set), and prints, per
/// workload, std's median time per iteration and the median ratios to std.
///
/// To run only this pass, give criterion a filter that matches no benchmark:
/// `BENCH_INTERLEAVED=25 cargo bench --bench vec -- interleaved-only`.
pub fn report_interleaved(_: &mut Criterion<ThreadCpuTime>) {
    let Some(rounds) = std::env::var("BENCH_INTERLEAVED")
        .ok()
        .and_then(|r| r.parse().ok())
    else {
        return;
    };
    let filter = std::env::var("BENCH_INTERLEAVED_FILTER").unwrap_or_default();
    let mut timers = TIMERS.take();
    println!(
        "\nInterleaved pass: {rounds} rounds of ~{BATCH_TARGET:?} batches, subjects in a shuffled order each round;"
    );
    println!("ratios are medians over rounds of (subject / std) within a round.");
    println!(
        "{:<30} {:>14} {:>9} {:>9} {:>12}",
        "workload", "std ns/iter", "api2/std", "mine/std", "memcpy/mine"
    );
    let mut mine_ratios = Vec::new();
    while !timers.is_empty() {
        let (group, parameter) = (timers[0].group.clone(), timers[0].parameter.clone());
        let (mut workload, rest): (Vec<_>, Vec<_>) = timers
            .into_iter()
            .partition(|t| t.group == group && t.parameter == parameter);
        timers = rest;
        let name = format!("{group}/{parameter}");
        if !name.contains(&filter) {
            continue;
        }
        let medians = interleave(&mut workload, rounds);
        let ratio = |subject: &str| {
            let at = workload.iter().position(|t| t.subject == subject)?;
            Some(median(&medians[at].1))
        };
        let std_ns = median(&medians[0].0);
        let shown = |r: Option<f64>| r.map_or("-".to_owned(), |r| format!("{r:.3}"));
        let memcpy_vs_mine = ratio("memcpy").zip(ratio("mine")).map(|(c, m)| c / m);
        println!(
            "{name:<30} {std_ns:>14.1} {:>9} {:>9} {:>12}",
            shown(ratio("api2")),
            shown(ratio("mine")),
            shown(memcpy_vs_mine)
        );
        mine_ratios.extend(ratio("mine"));
    }
    let geomean =
        (mine_ratios.iter().map(|r| r.ln()).sum::<f64>() / mine_ratios.len() as f64).exp();
    println!(
        "geomean mine/std over {} workloads: {geomean:.3}",
        mine_ratios.len()
    );
}

/// Times `rounds` batches of every subject of one workload, in shuffled order. Returns per
/// subject (in `workload`'s order, std first) its time per iteration in each round, and its
/// ratio to std's time in the same round.
fn interleave(workload: &mut [Registered], rounds: usize) -> Vec<(Vec<f64>, Vec<f64>)> {
    // One batch size for all subjects, from std: the first batch that takes `BATCH_TARGET`.
    let mut iters = 1;
    while (workload[0].timer)(iters) < BATCH_TARGET && iters < 1 << 20 {
        iters *= 2;
    }
    for subject in workload.iter_mut() {
        (subject.timer)(iters); // warm-up
    }
    let count = workload.len();
    let mut per_iter = vec![Vec::with_capacity(rounds); count];
    let mut order: Vec<usize> = (0..count).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..rounds {
        shuffle(&mut order, &mut seed);
        for &at in &order {
            let time = (workload[at].timer)(iters);
            per_iter[at].push(time.as_nanos() as f64 / iters as f64);
        }
    }
    per_iter
        .iter()
        .map(|times| {
            let ratios = times.iter().zip(&per_iter[0]).map(|(t, s)| t / s).collect();
            (times.clone(), ratios)
        })
        .collect()
}

/// Fisher–Yates with a xorshift generator: a different order each round, the same sequence
/// of orders every run.
fn shuffle(order: &mut [usize], seed: &mut u64) {
    for last in (1..order.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        order.swap(last, (*seed % (last as u64 + 1)) as usize);
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    }
}

/// Registers the speed limit of a bulk copy of `source` under subject `memcpy`: one
/// `copy_nonoverlapping` (a `memcpy`) into a buffer from `Vec::with_capacity`, outside the
/// measurement. The buffer is the heap block the subjects' vectors get as well (the allocator
/// hands the same freed block out again), so its pages are already touched and its cache
/// state is the subjects': neither allocation nor page faults nor a colder destination are
/// in the time, only the copy.
pub fn memcpy_limit(group: &mut Group<'_>, group_name: &str, label: &str, source: &'static [u64]) {
    let id = Id {
        group: group_name,
        subject: "memcpy",
        parameter: label.to_owned(),
    };
    bench_batched(
        group,
        id,
        true,
        move || Vec::<u64>::with_capacity(source.len()),
        move |mut target| {
            let source = black_box(source);
            // SAFETY: `target` has room for `source.len()` elements and is a new allocation, so
            // it does not overlap `source`; after the copy those elements are initialized.
            unsafe {
                std::ptr::copy_nonoverlapping(source.as_ptr(), target.as_mut_ptr(), source.len());
                target.set_len(source.len());
            }
            target
        },
    );
}
