//! Watch a vector grow: every allocator call a run of pushes makes, as a table.
//!
//! A `MyVec<u64>` runs on `Recording<FromGlobal<System>>`: the system allocator
//! (malloc/realloc/free), adapted to the `Allocator` trait, with every call written to a log.
//! `MyVec` is a `RawVec` (pointer, capacity, allocator) plus a length; when a push finds
//! `len == capacity`, `RawVec::grow_one` asks for more. For each growth the table shows the
//! length that triggered it, the capacity before and after, the bytes asked for, and what the
//! allocator did: a fresh `allocate`, or a `grow` (realloc) that extended the block in place
//! or moved it to a new address.
//!
//! Run it with `cargo run --example growth`.

use boxvec::MyVec;
use boxvec::alloc::{Event, FromGlobal, Recording, System};

fn main() {
    let alloc = Recording::new(FromGlobal::new(System));
    let mut v: MyVec<u64, _> = MyVec::new_in(&alloc);
    println!("Pushing 1,000,000 u64 values (8 bytes each) into an empty MyVec.");
    println!("Capacity starts at 0: an empty vector owns no memory.\n");
    println!(
        "{:>9} | {:>9} -> {:<9} | {:>10} | allocator call",
        "len", "old cap", "new cap", "bytes"
    );
    println!("{}", "-".repeat(70));

    let mut seen = 0;
    for i in 0..1_000_000u64 {
        let cap_before = v.capacity();
        let len_before = v.len();
        v.push(i);
        // Print whatever the allocator was asked during this push.
        let events = alloc.events();
        for event in &events[seen..] {
            let (bytes, what) = match *event {
                Event::Allocate { layout, .. } => (layout.size(), "allocate (fresh block)".into()),
                Event::Grow { new_layout, .. } => {
                    let what = match event.moved() {
                        Some(true) => "grow: realloc MOVED the block to a new address",
                        Some(false) => "grow: realloc extended it IN PLACE (no copy)",
                        None => "grow: refused",
                    };
                    (new_layout.size(), what.to_string())
                }
                ref other => (0, other.to_string()),
            };
            println!(
                "{:>9} | {:>9} -> {:<9} | {:>10} | {}",
                len_before,
                cap_before,
                v.capacity(),
                bytes,
                what
            );
        }
        seen = events.len();
    }

    assert_eq!(v.iter().sum::<u64>(), (0..1_000_000u64).sum::<u64>());

    println!("\nGiving back the slack with shrink_to_fit():");
    v.shrink_to_fit();
    println!("  {}", alloc.events().last().unwrap());
    println!("\nDropping the vector frees the block:");
    drop(v);
    println!("  {}", alloc.events().last().unwrap());

    let events = alloc.events();
    let grows = events
        .iter()
        .filter(|e| matches!(e, Event::Grow { .. }))
        .count();
    let moved = events.iter().filter(|e| e.moved() == Some(true)).count();
    println!(
        "\n{} allocator calls in all; {} grows, of which {} moved and {} stayed in place.",
        events.len(),
        grows,
        moved,
        grows - moved
    );
    println!("Doubling means 1,000,000 pushes needed only {grows} reallocations.");
    println!(
        "\nA move of a small block copies its bytes to the new address. Large blocks (glibc\n\
         serves those over 128 KiB straight from mmap) can be moved by remapping their pages\n\
         (mremap), without copying a byte. Which happens is the allocator's choice: RawVec\n\
         only calls `grow` and keeps whatever pointer comes back.\n\
         \n\
         The same run gives the same capacities with std's Vec: boxvec's tests check every\n\
         capacity against std."
    );
}
