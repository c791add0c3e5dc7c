#!/usr/bin/env bash
# Runs the whole test suite (tests and doctests) under Miri with both aliasing models, Stacked
# Borrows (Miri's default) and Tree Borrows, with strict provenance. The two runs go side by
# side, each in its own target directory and on its own core (Miri is single-threaded), and
# each writes its log to target/miri-<model>.log. Extra arguments go to both `cargo miri
# test`s (e.g. `--test vec_iters`, or a test name filter after `--`).
#
#   scripts/miri.sh                    # the whole suite, both models (CI runs this)
#   scripts/miri.sh --test raw_vec     # one test file, both models
#   MODELS=tree scripts/miri.sh        # one model only (stacked or tree)
#
# Isolation is off only so that tests/fuzz_corpus.rs can read the committed corpus files.
# Under cargo-miri, environment variables are read when the tests are *built*, so proptest case
# counts are set in code under `cfg(miri)` (tests/common/mod.rs), not with PROPTEST_CASES.
set -euo pipefail
cd "$(dirname "$0")/.."
NIGHTLY=${NIGHTLY:-nightly}
MODELS=${MODELS:-stacked tree}
BASE_FLAGS="-Zmiri-strict-provenance -Zmiri-disable-isolation"

rustup component add --toolchain "$NIGHTLY" miri rust-src
cargo +"$NIGHTLY" miri setup

run_model() {
    local model=$1
    shift
    local flags=$BASE_FLAGS target_dir=target/miri-stacked
    if [ "$model" = tree ]; then
        flags="$BASE_FLAGS -Zmiri-tree-borrows"
        target_dir=target/miri-tree
    fi
    local start=$SECONDS status=0
    MIRIFLAGS="$flags" cargo +"$NIGHTLY" miri test --target-dir "$target_dir" "$@" \
        > "target/miri-$model.log" 2>&1 || status=$?
    echo "==== Miri, $model borrows: exit $status after $((SECONDS - start)) s" \
        "($(grep -c '^test result: ok' "target/miri-$model.log") test binaries passed)"
    return "$status"
}

mkdir -p target
pids=()
for model in $MODELS; do
    case "$model" in stacked | tree) ;; *) echo "unknown model '$model'" >&2; exit 2 ;; esac
    run_model "$model" "$@" &
    pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
for model in $MODELS; do
    # Each test binary's summary line with its time: where a slow run spends it.
    grep -E "^\s+Running|^\s+Doc-tests|^test result" "target/miri-$model.log" |
        sed -E -e 's/^\s+//' -e 's/ \(target.*//' -e 's/; 0 measured.*finished in/, in/' |
        paste - - | sed -e "s/^/[$model] /" -e 's/\t/ -> /' || true
done
if [ "$failed" != 0 ]; then
    for model in $MODELS; do
        grep -E -B 5 -A 40 "^error|Undefined Behavior|FAILED|panicked" "target/miri-$model.log" |
            head -120 || true
    done
    echo "!!!! Miri found a problem: see target/miri-stacked.log and target/miri-tree.log"
    exit 1
fi
