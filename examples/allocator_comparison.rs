//! The same pushes on four allocators: which grows stay in place, which move, what it copies.
//!
//! One `MyVec<u64>` per allocator receives the same 1,000,000 pushes, so it asks for the same
//! capacities in the same order (4, 8, 16, …, 1,048,576 elements); only the answers differ:
//!
//! - glibc's `malloc` (`std::alloc::System`), adapted with `FromGlobal`;
//! - mimalloc (`mimalloc::MiMalloc`) and jemalloc (`tikv_jemallocator::Jemalloc`), the two
//!   allocators seed 002 suggests instead, adapted the same way;
//! - bumpalo's arena (`&Bump`), which implements the `Allocator` trait itself.
//!
//! mimalloc and jemalloc are C libraries built from source, so this example needs a feature:
//! `cargo run --release --example allocator_comparison --features compare-allocators`
//! (add `-- --svg FILE` to draw the four runs side by side). They cannot run under Miri.

#[path = "support/growth_run.rs"]
mod growth_run;

use std::error::Error;

use boxvec::alloc::{Allocator, FromGlobal, Recording, System};
use bumpalo::Bump;
use growth_run::{GrowthRun, draw_run, push_and_record};
use mimalloc::MiMalloc;
use plotters::prelude::{IntoDrawingArea, SVGBackend, WHITE};
use tikv_jemallocator::Jemalloc;

const PUSHES: usize = 1_000_000;

/// Runs the pushes on `alloc`, recorded.
fn run_on<A: Allocator>(name: &str, alloc: A) -> GrowthRun {
    let recording = Recording::new(alloc);
    let (v, steps) = push_and_record(&recording, PUSHES);
    assert_eq!(v.len(), PUSHES);
    GrowthRun {
        allocator: name.to_string(),
        pushes: PUSHES,
        steps,
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let svg_path = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => None,
        [flag, path] if flag == "--svg" => Some(path.clone()),
        _ => return Err("usage: ... --example allocator_comparison [-- --svg FILE]".into()),
    };
    let arena = Bump::new();
    let runs = [
        run_on("glibc malloc (System)", FromGlobal::new(System)),
        run_on("mimalloc", FromGlobal::new(MiMalloc)),
        run_on("jemalloc", FromGlobal::new(Jemalloc)),
        run_on("bumpalo (&Bump)", &arena),
    ];

    println!("{PUSHES} pushes of u64 into an empty MyVec on each allocator:\n");
    println!(
        "{:<24} {:>6} {:>9} {:>6} {:>12}   largest step that stayed in place",
        "allocator", "grows", "in place", "moved", "MiB copied"
    );
    for run in &runs {
        let (in_place, moved) = run.in_place_and_moved();
        let largest_in_place = run
            .steps
            .iter()
            .filter(|s| s.kind == growth_run::StepKind::InPlace)
            .map(|s| format!("{} -> {} elements", s.old_cap, s.new_cap))
            .next_back()
            .unwrap_or_else(|| "none".to_string());
        println!(
            "{:<24} {:>6} {:>9} {:>6} {:>12.1}   {largest_in_place}",
            run.allocator,
            in_place + moved,
            in_place,
            moved,
            run.bytes_copied() as f64 / (1 << 20) as f64,
        );
    }
    println!(
        "\nAll four were asked for exactly the same sizes: the capacities are MyVec's (std's)
growth rule, not the allocator's. \"in place\" means `grow` returned the same address, so no
byte was copied; \"moved\" means a new address. \"MiB copied\" adds the old block's size for
every move: an upper bound, because glibc and jemalloc can move a large block by remapping
its pages instead of copying them.

bumpalo never grows in place, by design: it bumps *downward*, so even when the vector's
block is the newest in the arena, growing it takes the extra bytes just *below* it and
moves the contents down (an overlapping memmove): a new, lower address every time. And an
arena never frees: the blocks the vector outgrew stay until the whole `Bump` is dropped
(it holds {:.1} MiB now, for an 8 MiB vector).

Which grows stay in place varies from run to run for glibc, mimalloc and jemalloc (it
depends on what else is in memory next to the block); run it twice to see.",
        arena.allocated_bytes() as f64 / (1 << 20) as f64
    );

    if let Some(path) = svg_path {
        let root = SVGBackend::new(&path, (1600, 720)).into_drawing_area();
        root.fill(&WHITE)?;
        for (area, run) in root.split_evenly((1, runs.len())).iter().zip(&runs) {
            draw_run(area, run)?;
        }
        root.present()?;
        println!("\nWrote {path}: one column per allocator.");
    }
    Ok(())
}
