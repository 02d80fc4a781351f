#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang 14, AddressSanitizer, UBSan) in build-fuzz/
# and runs each: first its saved regressions (fuzz/regressions/<target>/), then the fuzzer
# from a seed corpus made of the repository's fixtures and fuzz/corpus/<target>/.
# Any crash, leak, undefined behaviour or input slower than the timeout fails the run;
# the input is saved under build-fuzz/artifacts/<target>/. See docs/reliability.md.
#
#   scripts/fuzz.sh --short        each target 20 s (what `make test` runs)
#   scripts/fuzz.sh --minutes N    each target N minutes
#   scripts/fuzz.sh ... TARGET...  only these (sql_lint, config, bridge_json)
set -euo pipefail
shopt -s nullglob

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${MIGSAFE_FUZZ_BUILD_DIR:-$root/build-fuzz}
# The CI machine has 2 cores to itself; elsewhere the build shares the machine.
jobs=${MIGSAFE_FUZZ_JOBS:-$([ "${CI:-}" = "true" ] && echo 2 || echo 1)}
all_targets=(sql_lint config pipeline bridge_json walk_part)

usage() {
  echo "usage: $0 --short | --minutes N  [TARGET...]  (targets: ${all_targets[*]})" >&2
  exit 2
}

seconds=
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) seconds=20 ;;
    --minutes)
      if [ $# -lt 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then usage; fi
      seconds=$(($2 * 60))
      shift
      ;;
    sql_lint | config | pipeline | bridge_json | walk_part) targets+=("$1") ;;
    *) usage ;;
  esac
  shift
done
[ -n "$seconds" ] || usage
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

say() { printf 'fuzz: %s\n' "$*" >&2; }

build() {
  if ! command -v clang++-14 >/dev/null; then
    say "clang++-14 not found: apt-get install clang-14 libclang-rt-14-dev (scripts/setup.sh does)"
    exit 2
  fi
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
      -DMIGSAFE_FUZZ=ON -DMIGSAFE_TESTS=OFF >/dev/null
  fi
  local started=$SECONDS
  cmake --build "$build_dir" --target migsafe_fuzzers -j"$jobs" >"$build_dir/fuzz-build.log" 2>&1 ||
    { tail -40 "$build_dir/fuzz-build.log" >&2; exit 1; }
  say "built the targets in $((SECONDS - started)) s (-j$jobs)"
}

# Copies the fixtures a target starts from into build-fuzz/seeds/<target>, flat (libFuzzer
# reads every file of a folder; the fixtures' folders hold READMEs too).
make_seeds() {
  local target=$1 seeds=$build_dir/seeds/$1 file
  rm -rf "$seeds"
  mkdir -p "$seeds"
  case "$target" in
    sql_lint) find "$root/fixtures/sql" -name '*.sql' ;;
    config) find "$root/fixtures" \( -name '*.toml' -o -name 'pyproject.toml' \) ;;
    pipeline) find "$root/docs/examples" -name '*.toml' ;;
    bridge_json) ;;  # the committed seeds are the bridge's real answers
    walk_part) ;;    # the committed seeds are walk-part's real output and a variant
  esac | while read -r file; do
    cp "$file" "$seeds/$(printf '%s' "${file#"$root"/}" | tr '/' '_')"
  done
  cp "$root/fuzz/corpus/$target"/* "$seeds/"
}

# Per target: the longest input tried. sql_lint goes past the 8 KiB up to which a script
# is parsed whole (rules/sql/parser.cpp), so the chunked parse is fuzzed too.
max_len() {
  case "$1" in
    sql_lint) echo 12000 ;;
    config) echo 8192 ;;
    bridge_json) echo 16384 ;;
    walk_part) echo 16384 ;;
  esac
}

export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1"
# libFuzzer's own flags: a single input slower than this is a hang; stop at the first
# failure and keep the input.
timeout_seconds=10

run_target() {
  local target=$1 binary=$build_dir/fuzz/fuzz_$1
  local corpus=$build_dir/corpus/$target artifacts=$build_dir/artifacts/$target/
  local log=$build_dir/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  local regressions=("$root/fuzz/regressions/$target"/*)
  if [ ${#regressions[@]} -gt 0 ]; then
    # Each took seconds before its fix and takes milliseconds since: a tighter timeout.
    if ! "$binary" -timeout=5 -artifact_prefix="$artifacts" \
      "${regressions[@]}" >"$log" 2>&1; then
      tail -40 "$log" >&2
      say "$target: a saved regression fails again (log: $log)"
      return 1
    fi
  fi
  make_seeds "$target"
  if ! "$binary" -max_total_time="$seconds" -timeout=$timeout_seconds \
    -max_len="$(max_len "$target")" -artifact_prefix="$artifacts" -print_final_stats=1 \
    "$corpus" "$build_dir/seeds/$target" >>"$log" 2>&1; then
    grep -v -E '^#[0-9]+\s+(NEW|REDUCE|pulse)' "$log" | tail -60 >&2
    say "$target: FAILED; the input is in $artifacts (replay: $binary FILE; log: $log)"
    return 1
  fi
  local runs corpus_size
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus_size=$(find "$corpus" -type f | wc -l)
  say "$target: $runs executions in $seconds s ($((runs / seconds))/s), ${#regressions[@]} regression inputs, corpus $corpus_size inputs, no failure"
}

build
failed=0
for target in "${targets[@]}"; do
  run_target "$target" || failed=1
done
exit $failed
