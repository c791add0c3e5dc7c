//! Watch a vector grow: every allocator call of a run of pushes, as a table or as a picture.
//!
//! A `MyVec<u64>` runs on `Recording<FromGlobal<System>>`: the system allocator
//! (malloc/realloc/free), adapted to the `Allocator` trait, with every call written to a log.
//! `MyVec` is a `RawVec` (pointer, capacity, allocator) plus a length; when a push finds
//! `len == capacity`, `RawVec::grow_one` asks for more. For each growth the table shows the
//! length that triggered it, the capacity before and after, the bytes asked for, and what the
//! allocator did: a fresh `allocate`, or a `grow` (realloc) that extended the block in place
//! or moved it to a new address. A legend and footnotes after the table explain the numbers.
//!
//! Run it with `cargo run --example growth`; add `-- --svg growth.svg` to draw the run instead
//! (capacity against length as steps, each reallocation marked in place or moved, and the
//! bytes copied so far). The same pushes on mimalloc, jemalloc and bumpalo:
//! `cargo run --release --example allocator_comparison --features compare-allocators`.

#[path = "support/growth_run.rs"]
mod growth_run;

use std::error::Error;
use std::mem::size_of;

use boxvec::alloc::{FromGlobal, Recording, System};
use growth_run::{GrowthRun, Step, StepKind, draw_run, push_and_record};
use plotters::prelude::{IntoDrawingArea, SVGBackend, WHITE};

const PUSHES: usize = 1_000_000;

fn main() -> Result<(), Box<dyn Error>> {
    let svg_path = svg_argument()?;
    let recording = Recording::new(FromGlobal::new(System));
    let (mut v, steps) = push_and_record(&recording, PUSHES);
    assert_eq!(v.iter().sum::<u64>(), (0..PUSHES as u64).sum::<u64>());
    let run = GrowthRun {
        allocator: "glibc malloc (System)".to_string(),
        pushes: PUSHES,
        steps,
    };

    if let Some(path) = svg_path {
        let root = SVGBackend::new(&path, (900, 720)).into_drawing_area();
        root.fill(&WHITE)?;
        draw_run(&root, &run)?;
        root.present()?;
        print_summary(&run);
        println!("\nWrote {path}: capacity against length (top) and bytes copied (bottom).");
        return Ok(());
    }

    print_table(&run.steps);
    println!(
        "\nGiving back the slack with shrink_to_fit() (len {} < capacity {}):",
        v.len(),
        v.capacity()
    );
    v.shrink_to_fit();
    println!(
        "  {}",
        recording
            .events()
            .last()
            .expect("shrink_to_fit calls shrink")
    );
    println!("Dropping the vector frees the block:");
    drop(v);
    println!(
        "  {}",
        recording.events().last().expect("drop calls deallocate")
    );
    print_legend();
    print_summary(&run);
    Ok(())
}

/// `--svg FILE` if given; any other argument is an error.
fn svg_argument() -> Result<Option<String>, Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next(), args.next()) {
        (None, _, _) => Ok(None),
        (Some("--svg"), Some(path), None) => Ok(Some(path)),
        _ => Err("usage: cargo run --example growth [-- --svg FILE]".into()),
    }
}

fn print_table(steps: &[Step]) {
    println!("Pushing {PUSHES} u64 values (8 bytes each) into an empty MyVec.\n");
    println!(
        "{:>9} | {:>9} -> {:<9} | {:>10} | allocator call",
        "len", "old cap", "new cap", "bytes"
    );
    println!("{}", "-".repeat(78));
    for step in steps {
        let what = match step.kind {
            StepKind::Allocate => "allocate: a fresh block [1]",
            StepKind::InPlace => "grow: realloc extended the block IN PLACE [3]",
            StepKind::Moved => "grow: realloc MOVED the block to a new address [3]",
        };
        println!(
            "{:>9} | {:>9} -> {:<9} | {:>10} | {what}",
            step.len,
            step.old_cap,
            step.new_cap,
            step.new_cap * size_of::<u64>()
        );
    }
}

fn print_legend() {
    println!(
        "\nLegend
  len      how many values the vector held when the push that found it full began
  old cap  capacity before the push, in elements (values it had room for)
  new cap  capacity after it: max(2 x old cap, len + 1, 4) [2]
  bytes    the size of the block asked for: new cap x {} bytes

[1] Why 0 -> 4: an empty vector owns no memory, so its capacity is 0 and the first push
    must allocate. It asks for 4 slots at once, not 1: for elements of 2 to 1024 bytes the
    smallest capacity std (and boxvec) allocate is 4 (8 for 1-byte elements, 1 above 1 KiB),
    because malloc would round a tiny block up anyway.
[2] Doubling: each growth at least doubles the capacity, so 1,000,000 pushes need only
    about log2(1,000,000) = 20 allocator calls, and the bytes ever copied stay below the
    final size. Growing by one slot each time would copy n(n-1)/2 elements: O(n^2).
[3] In place or moved is the allocator's choice, and it changes from run to run and from
    machine to machine: it depends on whether the memory right after the block happens to
    be free, which depends on everything else the program allocated before (printing
    allocates too) and on address randomization. RawVec just calls `grow` and keeps the
    pointer that comes back. glibc serves blocks of 128 KiB and more with mmap of their own
    and moves those with mremap, which remaps the pages without copying a byte; the
    \"copied\" total below counts every move as a copy, so for the large steps it is an
    upper bound.",
        size_of::<u64>()
    );
}

fn print_summary(run: &GrowthRun) {
    let (in_place, moved) = run.in_place_and_moved();
    let by_one = (PUSHES as u128) * (PUSHES as u128 - 1) / 2 * size_of::<u64>() as u128;
    println!(
        "\nThis run: {} reallocations (1 allocate, {} grows): {in_place} in place, {moved} moved.",
        run.steps.len(),
        in_place + moved,
    );
    println!(
        "Bytes copied by the moves: {} ({:.1} MiB; the final block is {:.1} MiB).",
        run.bytes_copied(),
        run.bytes_copied() as f64 / (1 << 20) as f64,
        run.steps.last().map_or(0, |s| s.new_cap * size_of::<u64>()) as f64 / (1 << 20) as f64
    );
    println!(
        "Growing by one slot per push would have copied {by_one} bytes ({:.1} TiB).",
        by_one as f64 / (1u64 << 40) as f64
    );
    println!(
        "The capacities are the same with std's Vec: boxvec's tests check every one against std."
    );
}
