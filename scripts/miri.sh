#!/usr/bin/env bash
# Runs the whole test suite under Miri twice: with the Stacked Borrows aliasing model (Miri's
# default) and with Tree Borrows, both with strict provenance. Extra arguments go to
# `cargo miri test` (e.g. a test name filter).
#
# Note: under cargo-miri, environment variables are read when the tests are *built*, so
# proptest case counts are set in code under `cfg(miri)`, not with PROPTEST_CASES.
set -euo pipefail
cd "$(dirname "$0")/.."
NIGHTLY=${NIGHTLY:-nightly}
rustup component add --toolchain "$NIGHTLY" miri rust-src
cargo +"$NIGHTLY" miri setup

echo "==== Miri: stacked borrows, strict provenance"
MIRIFLAGS="-Zmiri-strict-provenance" cargo +"$NIGHTLY" miri test "$@"

echo "==== Miri: tree borrows, strict provenance"
MIRIFLAGS="-Zmiri-strict-provenance -Zmiri-tree-borrows" cargo +"$NIGHTLY" miri test "$@"
