//! Watch a vector grow: every allocator call a run of pushes makes, as a table.
//!
//! The buffer is a `RawVec<u64>` with a length beside it (exactly what a `Vec` is), running on
//! `Recording<FromGlobal<System>>`: the system allocator (malloc/realloc/free), adapted to the
//! `Allocator` trait, with every call written to a log. For each growth the table shows the
//! length that triggered it, the capacity before and after, the bytes asked for, and what the
//! allocator did: a fresh `allocate`, or a `grow` (realloc) that extended the block in place
//! or moved it to a new address.
//!
//! Run it with `cargo run --example growth`.

use boxvec::RawVec;
use boxvec::alloc::{Event, FromGlobal, Recording, System};

/// The least a growable vector needs: a buffer, and how many of its slots are in use.
struct Pushes<'a> {
    buf: RawVec<u64, &'a Recording<FromGlobal<System>>>,
    len: usize,
}

impl Pushes<'_> {
    fn push(&mut self, value: u64) {
        if self.len == self.buf.capacity() {
            self.buf.grow_one();
        }
        // SAFETY: `len < capacity` (we just grew if it was full), so the slot is inside the
        // allocation; it is uninitialized, and `write` does not drop whatever bytes were there.
        unsafe { self.buf.ptr().add(self.len).write(value) };
        self.len += 1;
    }
}

fn main() {
    let alloc = Recording::new(FromGlobal::new(System));
    let mut v = Pushes {
        buf: RawVec::new_in(&alloc),
        len: 0,
    };
    println!("Pushing 1,000,000 u64 values (8 bytes each) into an empty buffer.");
    println!("Capacity starts at 0: an empty buffer owns no memory.\n");
    println!(
        "{:>9} | {:>9} -> {:<9} | {:>10} | allocator call",
        "len", "old cap", "new cap", "bytes"
    );
    println!("{}", "-".repeat(70));

    let mut seen = 0;
    for i in 0..1_000_000u64 {
        let cap_before = v.buf.capacity();
        let len_before = v.len;
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
                v.buf.capacity(),
                bytes,
                what
            );
        }
        seen = events.len();
    }

    let sum: u64 = (0..v.len)
        // SAFETY: slots `0..len` were all written by `push`.
        .map(|i| unsafe { v.buf.ptr().add(i).read() })
        .sum();
    assert_eq!(sum, (0..1_000_000u64).sum::<u64>());

    println!("\nGiving back the slack with shrink_to_fit(len):");
    v.buf.shrink_to_fit(v.len);
    println!("  {}", alloc.events().last().unwrap());
    println!("\nDropping the buffer frees the block:");
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
         only calls `grow` and keeps whatever pointer comes back."
    );
}
