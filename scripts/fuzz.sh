#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 60) on nightly, then merges what was found
# into the committed corpus (fuzz/corpus/<target>/), keeping it minimal.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 600        # 10 minutes per target
#   TARGETS="vec_ops" scripts/fuzz.sh 120
#
# A crash stops the script with the failing input under fuzz/artifacts/<target>/; reproduce
# it with `cargo +nightly fuzz run <target> <file>`, fix it, and copy the (minimized, see
# `cargo +nightly fuzz tmin`) input into fuzz/corpus/<target>/ as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
NIGHTLY=${NIGHTLY:-nightly}
TARGETS=${TARGETS:-"vec_ops box_ops raw_vec_ops alloc_failures"}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

# The harness asks for enormous blocks on purpose (the allocator must refuse them, on both
# sides). AddressSanitizer aborts on such a request unless told to return null instead, as a
# real allocator does.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1"

for target in $TARGETS; do
    echo "==== fuzzing $target for ${SECONDS_PER_TARGET}s"
    scratch=$(mktemp -d)
    # New inputs go to a scratch corpus; the committed corpus is read as seeds.
    cargo +"$NIGHTLY" fuzz run "$target" "$scratch" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 2>&1 |
        grep -E "stat::|Done|ERROR|panicked|boxvec and std differ" || true
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ]; then
        echo "!!!! $target crashed (exit $status): see fuzz/artifacts/$target/"
        exit "$status"
    fi
    # Keep only inputs that add coverage: merge the scratch finds into the committed corpus.
    cargo +"$NIGHTLY" fuzz cmin "$target" "fuzz/corpus/$target" >/dev/null 2>&1 || true
    cargo +"$NIGHTLY" fuzz run "$target" "fuzz/corpus/$target" "$scratch" -- -merge=1 \
        >/dev/null 2>&1 || true
    rm -rf "$scratch"
    echo "     corpus now $(ls "fuzz/corpus/$target" | wc -l) files"
done
