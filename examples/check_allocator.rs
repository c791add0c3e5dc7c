//! Test your own allocator with boxvec's differential harness.
//!
//! `boxvec::check::check_allocator` runs a fixed battery of pseudo-random operation sequences
//! through `MyVec`, `MyBox` and `RawVec` on your allocator — wrapped in a `TestAlloc`, which
//! checks the `Allocator` contract on every call, injects failures into the fallible
//! operations, and turns a refusal in an infallible operation into a report instead of an
//! abort — and compares every step with std.
//!
//! Here it checks three allocators that are not boxvec's own: bumpalo's arena (`&Bump`), the
//! same arena capped at 4 MiB (so it runs out of room part-way), and the system allocator
//! adapted from `GlobalAlloc` (`FromGlobal<System>`).
//!
//! Run it with `cargo run --example check_allocator`.

use boxvec::alloc::{FromGlobal, System};
use boxvec::check::{AllocatorReport, Battery, Mismatch, check_allocator};
use bumpalo::Bump;

fn main() {
    let battery = Battery {
        rounds: 20,
        ..Battery::default()
    };
    println!(
        "Each allocator runs {} rounds x 5 element types (u8, String, (), a 64-byte-aligned \
         type, a drop-counting type) x 4 kinds of sequence (MyVec, MyBox, RawVec, fallible \
         operations under injected failures) = {} sequences, with at most {} MiB live at once.\n",
        battery.rounds,
        battery.rounds * 20,
        battery.budget >> 20
    );

    let arena = Bump::new();
    let result = check_allocator(&arena, battery);
    show("bumpalo::Bump (unlimited)", &result);
    println!(
        "  The arena grew to {:.1} MiB: a bump arena never reuses freed memory, so it holds \
         every block the battery ever asked for (about 5 MiB a round).\n",
        arena.allocated_bytes() as f64 / (1 << 20) as f64
    );

    let capped = Bump::new();
    capped.set_allocation_limit(Some(4 << 20));
    let result = check_allocator(&capped, battery);
    show("bumpalo::Bump capped at 4 MiB", &result);
    println!(
        "  A capped arena runs out of room: that is not a bug. In a fallible operation the \
         refusal must come back as an error; in an infallible one (push, clone, ...) a real \
         program would abort, so the harness ends that sequence and counts it instead.\n"
    );

    let result = check_allocator(FromGlobal::new(System), battery);
    show("FromGlobal<System>", &result);

    if result.is_err() {
        std::process::exit(1);
    }
}

/// Prints one allocator's result: the report, or the first bug found.
fn show(name: &str, result: &Result<AllocatorReport, Mismatch>) {
    match result {
        Ok(report) => {
            println!("{name}: no contract violation, no difference from std");
            for line in report.to_string().lines() {
                println!("  {line}");
            }
        }
        Err(mismatch) => {
            println!("{name}: FOUND A BUG");
            println!("{mismatch}");
        }
    }
}
