#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 60) on nightly. See docs/fuzzing.md.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 600        # 10 minutes per target
#   TARGETS="vec_ops" scripts/fuzz.sh 120
#
# By default the targets are those `cargo fuzz list` names that have a committed corpus
# directory fuzz/corpus/<target>/ (a target without one, such as a target that is meant to
# rediscover a known bug and crash, runs only when named in TARGETS).
#
# Two corpora per target:
# - fuzz/corpus/<target>/       the committed seeds: small on purpose, because every file is
#                               replayed by `cargo test` and under Miri (tests/fuzz_corpus.rs),
#                               where one input costs seconds. Regression inputs live here.
#                               The script only ever READS it: libFuzzer writes new inputs into
#                               the first directory it is given, which is the working corpus.
# - fuzz/corpus-work/<target>/  the working corpus (not committed): it grows from run to run
#                               and is kept minimal by edge coverage after each run.
#
# A crash stops the script with the failing input under fuzz/artifacts/<target>/ and the
# harness's report (a minimized operation sequence and a replay #[test]) printed. Reproduce it
# with `ASAN_OPTIONS=allocator_may_return_null=1 cargo +nightly fuzz run <target> <file>`,
# shrink the bytes with `cargo +nightly fuzz tmin <target> <file>`, fix the bug, and add the
# minimized input to fuzz/corpus/<target>/ as `regression-<what>` so it is replayed forever.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
NIGHTLY=${NIGHTLY:-nightly}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

if [ -z "${TARGETS:-}" ]; then
    TARGETS=""
    for target in $(cargo +"$NIGHTLY" fuzz list); do
        [ -d "fuzz/corpus/$target" ] && TARGETS="$TARGETS $target"
    done
fi

# The harness asks for enormous blocks on purpose (the allocator must refuse them, on both
# sides). AddressSanitizer aborts on such a request unless told to return null instead, as a
# real allocator does.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1"

cargo +"$NIGHTLY" fuzz build
for target in $TARGETS; do
    work="fuzz/corpus-work/$target"
    mkdir -p "$work"
    seeds=()
    [ -d "fuzz/corpus/$target" ] && seeds=("fuzz/corpus/$target")
    echo "==== fuzzing $target for ${SECONDS_PER_TARGET}s (working corpus: $(ls "$work" | wc -l) files)"
    log=$(mktemp)
    status=0
    # The working corpus FIRST: it receives every new input; the seeds are only read.
    cargo +"$NIGHTLY" fuzz run "$target" "$work" "${seeds[@]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 > "$log" 2>&1 || status=$?
    grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss" "$log" || true
    if [ "$status" -ne 0 ]; then
        grep -E -A 30 "ERROR|differ|panicked" "$log" | head -60
        echo "!!!! $target crashed (exit $status): see fuzz/artifacts/$target/ and $log"
        exit "$status"
    fi
    rm -f "$log"
    # Keep the working corpus minimal: one input per set of new edges (hit counts ignored,
    # or nearly every input counts as new). The merge writes into a fresh directory, which
    # then replaces the working corpus.
    minimal=$(mktemp -d)
    cargo +"$NIGHTLY" fuzz run "$target" "$minimal" "$work" -- \
        -merge=1 -use_counters=0 -use_value_profile=0 > /dev/null 2>&1
    rm -rf "$work" && mv "$minimal" "$work"
    echo "     working corpus now $(ls "$work" | wc -l) files (minimal by edge coverage)"
done
