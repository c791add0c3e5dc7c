//! Claims from popular tutorials on Rust allocation, checked on this machine.
//!
//! Learners arrive with tutorials (the "seeds" boxvec's guide answers: 000 "Mastering Rust's
//! Memory Allocation System", 001 "Rust Allocation from First Principles", 002 "Memory
//! Allocations in Rust", 003 "Memory Allocation and De-allocation"). Some of their claims are
//! true, some false, some half true. For each one this prints the seed, the claim, what this
//! machine measures, a verdict, and why. Nothing is written down in advance: every number
//! comes from the running program.
//!
//! Run it with `cargo run --example seed_claims`. `tests/seed_claims.rs` asserts the claims
//! whose answer is the same on every platform (and under Miri); the ones about Linux and glibc
//! (the heap, the stack limit) are measured only there.

use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::mem::size_of;

use boxvec::MyVec;
use boxvec::alloc::{Event, Global, Recording};

/// What the measurement says about a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The claim holds.
    True,
    /// The claim is wrong.
    False,
    /// Part of the claim holds, part does not.
    HalfTrue,
    /// The code "works", but not for the reason given, or only by accident.
    Misleading,
    /// This platform cannot show it (not Linux with glibc, or running under Miri).
    NotMeasurableHere,
}

/// One checked claim.
pub struct Claim {
    /// Which seed tutorial makes it.
    pub seed: &'static str,
    /// The claim, quoted or summed up.
    pub claim: &'static str,
    /// What this machine measures.
    pub measured: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub why: &'static str,
}

// ---- seed 002: struct padding ---------------------------------------------------------------

/// Seed 002's two structs, field for field.
#[allow(dead_code)]
pub struct Efficient {
    a: i32,
    b: i32,
    c: i16,
}

/// Seed 002's two structs, field for field.
#[allow(dead_code)]
pub struct Inefficient {
    a: i32,
    c: i16,
    b: i32,
}

/// The same fields in the order written, as C would lay them out.
#[allow(dead_code)]
#[repr(C)]
pub struct InefficientReprC {
    a: i32,
    c: i16,
    b: i32,
}

/// `(size_of::<Efficient>(), size_of::<Inefficient>(), size_of::<InefficientReprC>())`.
pub fn struct_sizes() -> (usize, usize, usize) {
    (
        size_of::<Efficient>(),
        size_of::<Inefficient>(),
        size_of::<InefficientReprC>(),
    )
}

fn struct_padding() -> Claim {
    let (efficient, inefficient, repr_c) = struct_sizes();
    Claim {
        seed: "002",
        claim: "struct Efficient { a: i32, b: i32, c: i16 } takes 10 bytes; \
                Inefficient { a: i32, c: i16, b: i32 } takes 12",
        measured: format!(
            "Efficient {efficient} bytes, Inefficient {inefficient}, Inefficient as #[repr(C)] {repr_c}"
        ),
        verdict: if efficient == 10 {
            Verdict::True
        } else {
            Verdict::False
        },
        why: "A size is a multiple of the alignment (4 here), so that every element of an array \
              is aligned: 10 rounds up to 12. And without #[repr(C)] Rust reorders fields, so \
              the declaration order does not cost anything; even in C order both are 12.",
    }
}

// ---- seed 003: the stack --------------------------------------------------------------------

/// Uses 512 KiB of a thread's stack, eight times the "64 kb" seed 003 gives the stack, on a
/// thread spawned with Rust's default stack size. Returns whether the thread finished.
pub fn half_a_mebibyte_on_a_spawned_thread() -> bool {
    let worker = std::thread::spawn(|| {
        let mut big = [0u8; 512 * 1024];
        big[0] = 1;
        big[512 * 1024 - 1] = 2;
        let big = std::hint::black_box(&big);
        u32::from(big[0]) + u32::from(big[512 * 1024 - 1])
    });
    worker.join().is_ok_and(|sum| sum == 3)
}

/// The main thread's stack limit (the soft `ulimit -s`) in bytes, from `/proc/self/limits`.
fn main_stack_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max stack size"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// The size of the memory mapping that holds a spawned thread's stack.
fn spawned_stack_mapping() -> Option<usize> {
    std::thread::spawn(|| {
        let local = 0u8;
        let addr = std::hint::black_box(&local) as *const u8 as usize;
        mapping_of(addr).map(|m| m.end - m.start)
    })
    .join()
    .ok()?
}

fn stack_size() -> Claim {
    let survived = half_a_mebibyte_on_a_spawned_thread();
    let linux = cfg!(all(target_os = "linux", not(miri)));
    let (main, spawned) = if linux {
        (main_stack_limit(), spawned_stack_mapping())
    } else {
        (None, None)
    };
    let mib = |bytes: f64| bytes / (1 << 20) as f64;
    let mut measured = format!("a spawned thread used 512 KiB of stack: ok = {survived}");
    if let (Some(main), Some(spawned)) = (main, spawned) {
        measured += &format!(
            "; main thread's limit {:.1} MiB (ulimit -s); a spawned thread's stack mapping {:.1} MiB",
            mib(main as f64),
            mib(spawned as f64)
        );
    }
    Claim {
        seed: "003",
        claim: "The stack is small: 64 kb by default on Linux",
        measured,
        verdict: if survived {
            Verdict::False
        } else {
            Verdict::True
        },
        why: "The main thread gets the soft `ulimit -s`, typically 8 MiB on Linux; threads \
              that Rust spawns get 2 MiB unless RUST_MIN_STACK or Builder::stack_size says \
              otherwise. Small compared with the heap, but not 64 KiB.",
    }
}

// ---- seed 000: alloc_array ------------------------------------------------------------------

/// Allocates ten `i32`s the way std offers (`Layout::array` with `alloc_zeroed`), writes and
/// reads them, frees them; returns `(layout size, layout align, sum read back)`.
pub fn ten_i32s_by_layout_array() -> (usize, usize, i32) {
    let layout = Layout::array::<i32>(10).expect("40 bytes is a valid layout");
    // SAFETY: `layout` has a non-zero size (40 bytes).
    let ptr = unsafe { alloc_zeroed(layout) }.cast::<i32>();
    assert!(!ptr.is_null(), "out of memory");
    for i in 0..10 {
        // SAFETY: the block holds 10 aligned `i32`s and `i < 10`.
        unsafe { ptr.add(i).write(i as i32) };
    }
    // SAFETY: all 10 values were written just above.
    let sum = (0..10).map(|i| unsafe { ptr.add(i).read() }).sum();
    // SAFETY: `ptr` came from `alloc_zeroed` with `layout`, and is freed once.
    unsafe { dealloc(ptr.cast(), layout) };
    (layout.size(), layout.align(), sum)
}

fn alloc_array() -> Claim {
    let (size, align, sum) = ten_i32s_by_layout_array();
    Claim {
        seed: "000",
        claim: "std::alloc::alloc_array::<i32>(10, layout) allocates an array",
        measured: format!(
            "no such function in std::alloc (a compile_fail doctest in the guide's chapter 2 \
             proves it); Layout::array::<i32>(10) is size {size}, align {align}; \
             alloc + write + read gave a sum of {sum}"
        ),
        verdict: Verdict::False,
        why: "std has one allocation function per operation (alloc, alloc_zeroed, realloc, \
              dealloc), all taking a Layout; an array's layout comes from Layout::array::<T>(n), \
              which also catches size overflow.",
    }
}

// ---- seed 002: sbrk -------------------------------------------------------------------------

/// A line of `/proc/self/maps`.
struct Mapping {
    start: usize,
    end: usize,
    name: String,
}

/// The mapping of this process that contains `addr`, on Linux.
fn mapping_of(addr: usize) -> Option<Mapping> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines().find_map(|line| {
        let mut fields = line.split_whitespace();
        let (start, end) = fields.next()?.split_once('-')?;
        let start = usize::from_str_radix(start, 16).ok()?;
        let end = usize::from_str_radix(end, 16).ok()?;
        let name = fields.nth(4).unwrap_or("").to_string();
        (start..end)
            .contains(&addr)
            .then_some(Mapping { start, end, name })
    })
}

/// Where glibc put a block of `size` bytes: the name of its mapping ("[heap]" is the brk heap;
/// "" an anonymous mmap).
fn where_is_a_block_of(size: usize) -> Option<String> {
    let layout = Layout::from_size_align(size, 8).ok()?;
    // SAFETY: `size` is non-zero.
    let ptr = unsafe { alloc_zeroed(layout) };
    let name = mapping_of(ptr.addr()).map(|m| m.name);
    // SAFETY: `ptr` came from `alloc_zeroed` with `layout`, and is freed once.
    unsafe { dealloc(ptr, layout) };
    name
}

fn sbrk() -> Claim {
    let claim = "the standard allocator uses sbrk to grow the heap";
    let why = "glibc's malloc serves small requests from the heap it extends with brk (the \
               main thread's [heap]; other threads use arenas mapped with mmap), and gives \
               each request above the mmap threshold (128 KiB at start, up to 32 MiB) a \
               mapping of its own, returned to the kernel on free.";
    if !cfg!(all(target_os = "linux", target_env = "gnu", not(miri))) {
        return Claim {
            seed: "002",
            claim,
            measured: "not Linux with glibc, or under Miri: /proc/self/maps tells nothing".into(),
            verdict: Verdict::NotMeasurableHere,
            why,
        };
    }
    let show = |name: Option<String>| match name.as_deref() {
        Some("[heap]") => "[heap] (brk)".to_string(),
        Some("") => "an anonymous mapping (mmap)".to_string(),
        Some(other) => other.to_string(),
        None => "no mapping found".to_string(),
    };
    let small = where_is_a_block_of(64);
    let big = where_is_a_block_of(64 << 20);
    let verdict = if big.as_deref() == Some("[heap]") {
        Verdict::True
    } else {
        Verdict::HalfTrue
    };
    Claim {
        seed: "002",
        claim,
        measured: format!(
            "a 64-byte block lies in {}; a 64 MiB block in {}",
            show(small),
            show(big)
        ),
        verdict,
        why,
    }
}

// ---- seed 003: writing 42 through a *mut u8 into a u16 block --------------------------------

/// Seed 003's code with zeroed memory (so that reading the whole `u16` is defined): allocates a
/// `u16`, writes 42 through the `*mut u8` that `alloc` returns, and reads the `u16` back. Then
/// the same through a `*mut u16`. Returns `(u16 after the u8 write, u16 after the u16 write)`.
pub fn forty_two_through_u8_and_u16() -> (u16, u16) {
    let layout = Layout::new::<u16>();
    // SAFETY: `layout` has a non-zero size (2 bytes).
    let ptr = unsafe { alloc_zeroed(layout) };
    assert!(!ptr.is_null(), "out of memory");
    // SAFETY: the block is valid for 2 bytes; this writes the first one only.
    unsafe { *ptr = 42 };
    // SAFETY: the block is a zeroed, aligned `u16` slot, so both bytes are initialized.
    let through_u8 = unsafe { ptr.cast::<u16>().read() };
    // SAFETY: as above; this writes the whole `u16`.
    unsafe { ptr.cast::<u16>().write(42) };
    // SAFETY: just written.
    let through_u16 = unsafe { ptr.cast::<u16>().read() };
    // SAFETY: `ptr` came from `alloc_zeroed` with `layout`, and is freed once.
    unsafe { dealloc(ptr, layout) };
    (through_u8, through_u16)
}

fn write_through_u8() -> Claim {
    let (through_u8, through_u16) = forty_two_through_u8_and_u16();
    Claim {
        seed: "003",
        claim: "let ptr = alloc(Layout::new::<u16>()); *ptr = 42; assert_eq!(42, *ptr) \
                sets an allocated u16 to 42",
        measured: format!(
            "writing 42 through the *mut u8 sets 1 of the 2 bytes: on zeroed memory the u16 \
             reads {through_u8} on this {}-endian machine; through a *mut u16 it reads \
             {through_u16}",
            if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            }
        ),
        verdict: Verdict::Misleading,
        why: "alloc returns *mut u8, so `*ptr = 42` writes one byte and the assert reads that \
              byte back: it passes without the u16 ever being set. With plain alloc the other \
              byte is uninitialized and reading the u16 is undefined behaviour (Miri reports \
              it); on a big-endian machine even zeroed memory reads 10752. Cast first \
              (ptr.cast::<u16>()), and check for null before writing.",
    }
}

// ---- seed 002: Option<Box<T>> ---------------------------------------------------------------

/// `(size_of::<Box<i32>>(), size_of::<Option<Box<i32>>>(), the same two for MyBox, the bits
/// of None)`.
pub fn option_box_sizes() -> (usize, usize, usize, usize, usize) {
    let none: Option<Box<i32>> = None;
    // SAFETY: `Option<Box<T>>` for a sized `T` is guaranteed to have the size and validity of a
    // pointer, with `None` represented as null: any pointer-sized integer may be read from it.
    let none_bits: usize = unsafe { std::mem::transmute(none) };
    (
        size_of::<Box<i32>>(),
        size_of::<Option<Box<i32>>>(),
        size_of::<boxvec::MyBox<i32>>(),
        size_of::<Option<boxvec::MyBox<i32>>>(),
        none_bits,
    )
}

fn option_box() -> Claim {
    let (boxed, optional, my_boxed, my_optional, none_bits) = option_box_sizes();
    Claim {
        seed: "002",
        claim: "Option<Box<T>> takes no extra space: None is free",
        measured: format!(
            "Box<i32> {boxed} bytes, Option<Box<i32>> {optional}; MyBox<i32> {my_boxed}, \
             Option<MyBox<i32>> {my_optional}; None is stored as {none_bits:#x}"
        ),
        verdict: if optional == boxed {
            Verdict::True
        } else {
            Verdict::False
        },
        why: "A box's pointer is never null (it is a NonNull), so Option uses the null value \
              for None: a niche. MyBox holds a NonNull too and gets the same for free.",
    }
}

// ---- seed 001: doubling against growing by one ----------------------------------------------

/// Bytes a realloc would copy over a run's grows if every one moved (the old block's size each
/// time), for `pushes` pushes with doubling and with growth by one slot.
pub fn copies_doubling_vs_by_one(pushes: usize) -> (usize, usize) {
    fn worst_case_copied(recording: &Recording) -> usize {
        let old_size = |event: &Event| match *event {
            Event::Grow { old_layout, .. } => old_layout.size(),
            _ => 0,
        };
        recording.events().iter().map(old_size).sum()
    }
    let doubling = Recording::new(Global);
    let by_one = Recording::new(Global);
    let mut v: MyVec<u64, _> = MyVec::new_in(&doubling);
    let mut w: MyVec<u64, _> = MyVec::new_in(&by_one);
    for i in 0..pushes as u64 {
        v.push(i);
        w.reserve_exact(1);
        w.push(i);
    }
    drop((v, w));
    (worst_case_copied(&doubling), worst_case_copied(&by_one))
}

/// How many pushes the doubling claim is counted over.
pub const DOUBLING_PUSHES: usize = if cfg!(miri) { 200 } else { 10_000 };

fn doubling() -> Claim {
    let n = DOUBLING_PUSHES;
    let (doubling, by_one) = copies_doubling_vs_by_one(n);
    let per_push = |bytes: usize| bytes as f64 / size_of::<u64>() as f64 / n as f64;
    Claim {
        seed: "001",
        claim: "Doubling gives O(1) amortized push; naive growth gives O(n^2)",
        measured: format!(
            "{n} pushes of u64: doubling copies at most {doubling} bytes ({:.2} elements per \
             push); growing by one copies {by_one} bytes ({:.0} per push, n(n-1)/2 in all)",
            per_push(doubling),
            per_push(by_one)
        ),
        verdict: if doubling < 2 * n * size_of::<u64>() && by_one == 8 * n * (n - 1) / 2 {
            Verdict::True
        } else {
            Verdict::False
        },
        why: "With doubling each copy moves half as many elements as the next capacity, so the \
              copies add up to less than the final capacity, itself under 2n: fewer than 2 \
              copies per push, whatever n. Growing by one copies 1 + 2 + ... + (n - 1). \
              (Counted as if every grow moved: a grow in place copies nothing.)",
    }
}

/// Every claim, checked.
pub fn all_claims() -> Vec<Claim> {
    vec![
        alloc_array(),
        doubling(),
        struct_padding(),
        sbrk(),
        option_box(),
        stack_size(),
        write_through_u8(),
    ]
}

fn main() {
    println!("Claims from the seed tutorials, checked on this machine.\n");
    for (i, claim) in all_claims().iter().enumerate() {
        println!("{}. seed {}: \"{}\"", i + 1, claim.seed, claim.claim);
        println!("   measured: {}", claim.measured);
        println!("   verdict:  {:?}", claim.verdict);
        println!("   why:      {}\n", claim.why);
    }
    println!(
        "Verdicts: True / False; HalfTrue = part of it holds; Misleading = the code runs, but\n\
         not for the reason given; NotMeasurableHere = needs Linux with glibc, outside Miri."
    );
}
