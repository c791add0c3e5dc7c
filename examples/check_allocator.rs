//! Test your own allocator with boxvec's differential harness.
//!
//! `boxvec::check::check_allocator` runs a fixed battery of random operation sequences through
//! `MyVec`, `MyBox` and `RawVec` on your allocator (wrapped in `Checked<Failing<_>>`, which
//! verifies the `Allocator` contract and injects failures), compares every step with std, and
//! returns either a report or the first mismatch.
//!
//! Here it checks two allocators that are not boxvec's own: bumpalo's arena (`&Bump`) and the
//! system allocator adapted from `GlobalAlloc` (`FromGlobal<System>`).
//!
//! Run it with `cargo run --example check_allocator`.

use boxvec::alloc::{FromGlobal, System};
use boxvec::check::check_allocator;
use bumpalo::Bump;

fn main() {
    let rounds = 20;

    let arena = Bump::new();
    match check_allocator(&arena, rounds) {
        Ok(report) => println!(
            "bumpalo::Bump: OK — {} sequences, {} operations, {} identical panics, {} injected failures; \
             the arena grew to {} bytes",
            report.sequences,
            report.steps,
            report.panics,
            report.injected_failures,
            arena.allocated_bytes()
        ),
        Err(mismatch) => {
            eprintln!("bumpalo::Bump: {mismatch}");
            std::process::exit(1);
        }
    }

    match check_allocator(FromGlobal::new(System), rounds) {
        Ok(report) => println!(
            "FromGlobal<System>: OK — {} sequences, {} operations, {} identical panics, {} injected failures",
            report.sequences, report.steps, report.panics, report.injected_failures
        ),
        Err(mismatch) => {
            eprintln!("FromGlobal<System>: {mismatch}");
            std::process::exit(1);
        }
    }
}
