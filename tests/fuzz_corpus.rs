//! Replays every committed fuzz corpus file through the same harness the fuzz targets call,
//! so the corpus is a regression suite in `cargo test` and under Miri.
//!
//! Under Miri this reads files, so it needs `-Zmiri-disable-isolation` (CI passes it).

use std::fs;
use std::path::Path;

use boxvec::check::RunSummary;

/// A fuzz target's name and the harness entry point it calls.
type Target = (&'static str, fn(&[u8]) -> RunSummary);

const TARGETS: [Target; 4] = [
    ("vec_ops", boxvec::check::fuzz_vec_ops),
    ("box_ops", boxvec::check::fuzz_box_ops),
    ("raw_vec_ops", boxvec::check::fuzz_raw_vec_ops),
    ("alloc_failures", boxvec::check::fuzz_alloc_failures),
];

#[test]
fn every_corpus_file_of_every_target_replays_cleanly() {
    let corpus_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (target, run) in TARGETS {
        let dir = corpus_root.join(target);
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("corpus directory {}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no corpus for target {target}");
        let mut steps = 0;
        for path in &files {
            let data = fs::read(path).unwrap();
            // A mismatch panics with its report; name the file too.
            let summary = std::panic::catch_unwind(|| run(&data)).unwrap_or_else(|_| {
                panic!("corpus file {} of target {target} failed", path.display())
            });
            // The entry point must have done work: a target that silently stopped checking
            // would pass "did not panic" too.
            assert!(
                summary.steps > 0,
                "corpus file {} of target {target} ran no step ({summary:?})",
                path.display()
            );
            steps += summary.steps;
        }
        println!("{target}: {} corpus files replayed, {steps} steps", files.len());
    }
}
