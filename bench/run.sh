#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, each against its peer in the same run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIGSAFE_BUILD_DIR:-$root/build}
cmake --build "$build" --target migsafe migsafe_with_scratch bench_scratch_boot bench_drift
"$root/bench/check/run.sh"
MIGSAFE_BUILD_DIR=$build "$root/bench/drift/run.sh" postgres
MIGSAFE_BUILD_DIR=$build "$root/bench/drift/run.sh" sqlite
"$root/bench/lint/run.sh" "$build/migsafe"
"$root/bench/startup/run.sh" "$build/migsafe"
