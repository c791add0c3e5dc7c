#!/usr/bin/env bash
# Mutation testing with cargo-mutants, one group of source files at a time. See docs/mutants.md.
#
#   scripts/mutants.sh                  # every group, in order (hours: ~2,000 mutants)
#   scripts/mutants.sh alloc check      # only these groups
#   SHARD=0/4 scripts/mutants.sh vec    # a quarter of a group (k/n, k from 0)
#   FILES="src/check/runner.rs src/check/report.rs" scripts/mutants.sh check
#                                       # only some files of a group (tested by its tests)
#   FRESH=1 scripts/mutants.sh alloc    # forget earlier results and start the group again
#   FORGET="src/vec/splice.rs" FILES="src/vec/splice.rs" scripts/mutants.sh vec
#                                       # forget one changed file's results, keep the others'
#   scripts/mutants.sh --report         # only rebuild docs/mutants.md's table from the results
#
# Groups: alloc check raw_vec vec boxed string error (the files of each are listed below).
#
# Why groups: one mutant costs a rebuild of the library and of every test binary that is run,
# so each group runs only the test files that exercise it (plus the library's unit tests), not
# the whole suite; doctests are left out (each is a separate binary to build). A mutant that
# survives its group's tests would perhaps be caught by another file: such survivors are
# counted as missed anyway, so the figures are a lower bound.
#
# Resumable: results go to target/mutants/<group>/mutants.out/ as they come. Run the same
# command again and the mutants already caught (or that do not compile) are skipped
# (`cargo mutants --iterate`); only the missed, timed-out and not-yet-run ones are tested.
# Each run's lists are kept under target/mutants/<group>/history/ first (cargo-mutants keeps
# only the last run's), and the report takes every mutant's best outcome over all runs. Line
# numbers identify mutants: after changing a library file (not just its tests), forget that
# file's results with FORGET (they are moved to target/mutants/<group>/forgotten/) and run it
# again, or start the whole group again with FRESH=1.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_GROUPS=(alloc check raw_vec vec boxed string error)

group_files() {
    case "$1" in
        alloc) echo "src/alloc/*.rs" ;;
        check) echo "src/check/*.rs" ;;
        raw_vec) echo "src/raw_vec.rs" ;;
        vec) echo "src/vec/*.rs" ;;
        boxed) echo "src/boxed.rs src/boxed/*.rs" ;;
        string) echo "src/string.rs src/string/*.rs" ;;
        error) echo "src/error.rs" ;;
        *) echo "unknown group '$1' (groups: ${ALL_GROUPS[*]})" >&2; exit 2 ;;
    esac
}

# The test files that exercise a group (each is a `--test` target of cargo test).
group_tests() {
    case "$1" in
        alloc) echo "alloc_instrumented check_harness" ;;
        check) echo "check_harness check_vec_runner quiet_hook fuzz_corpus differential string_differential" ;;
        raw_vec) echo "raw_vec raw_vec_parity vec_fault_injection" ;;
        vec) echo "vec_api vec_iters vec_panic_safety vec_fault_injection differential" ;;
        boxed) echo "boxed boxed_proptest" ;;
        string) echo "string_api string_panic_safety string_fault_injection string_differential" ;;
        error) echo "vec_api raw_vec string_api" ;;
    esac
}

# Moves every result for one source file out of a group's lists (the last run's and the
# history's) into <out>/forgotten/, so that --iterate tests all of that file's mutants again:
# after the file changed, a name (file:line:column: mutation) may now stand for other code.
forget() {
    local out=$1 file=$2 list
    mkdir -p "$out/forgotten"
    for list in "$out"/mutants.out/*.txt "$out"/history/*/*.txt; do
        [ -f "$list" ] || continue
        awk -v f="$file:" -v l="$list: " 'index($0, f) == 1 { print l $0 }' "$list" \
            >> "$out/forgotten/$(date +%Y%m%d).txt"
        awk -v f="$file:" 'index($0, f) != 1' "$list" > "$list.kept"
        mv "$list.kept" "$list"
    done
}

if [ "${1:-}" = "--report" ]; then
    exec python3 scripts/mutants_report.py
fi

command -v cargo-mutants >/dev/null 2>&1 || cargo install cargo-mutants --locked

groups=("$@")
[ "${#groups[@]}" -gt 0 ] || groups=("${ALL_GROUPS[@]}")

for group in "${groups[@]}"; do
    out="target/mutants/$group"
    [ "${FRESH:-0}" = 1 ] && rm -rf "$out"
    mkdir -p "$out"
    for file in ${FORGET:-}; do forget "$out" "$file"; done
    if [ -d "$out/mutants.out" ]; then
        mkdir -p "$out/history"
        cp -r "$out/mutants.out" "$out/history/$(date +%Y%m%dT%H%M%S)"
    fi
    # --gitignore=true: do not copy fuzz/target (hundreds of MB) into each scratch tree.
    args=(--output "$out" --no-shuffle --jobs "${JOBS:-1}" --profile mutants --gitignore=true)
    # shellcheck disable=SC2046 # the globs in group_files are meant to expand here
    files=${FILES:-$(group_files "$group")}
    for file in $files; do args+=(--file "$file"); done
    [ -n "${SHARD:-}" ] && args+=(--shard "$SHARD")
    [ -f "$out/mutants.out/outcomes.json" ] && args+=(--iterate)
    rm -rf "$out/mutants.out.old" # --iterate renames the last run's lists to this
    # The targets go to every cargo command (`--cargo-arg`), not only to `cargo test`: the
    # build phase (`cargo test --no-run`) would otherwise build every test file and example.
    targets=(--lib)
    for test in $(group_tests "$group"); do targets+=(--test "$test"); done
    for target in "${targets[@]}"; do args+=("--cargo-arg=$target"); done
    echo "==== mutants: $group ($files) tested by: ${targets[*]}"
    status=0
    cargo mutants "${args[@]}" || status=$?
    # cargo-mutants exits 2 when a mutant survived and 3 on a timeout: results, not failures.
    case "$status" in
        0 | 2 | 3) ;;
        *) echo "!!!! cargo mutants failed on $group (exit $status)"; exit "$status" ;;
    esac
done
python3 scripts/mutants_report.py
