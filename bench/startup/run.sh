#!/usr/bin/env bash
# Start-up benchmark: `migsafe lint one.sql` on a one-statement file (the pre-commit
# case) against squawk on the same file, and `migsafe --version` (with `squawk --version`
# beside it), in interleaved rounds of one run. Targets (issue 10): lint ≤ 1.0× squawk's
# wall time, --version under 5 ms. Both tools print their default report to /dev/null.
#
# usage: bench/startup/run.sh [MIGSAFE_BINARY]      (default: build/migsafe)
# env:   ROUNDS=40 (each runs every command once; at least 20), WARMUP=3,
#        SQUAWK_VERSION=2.66.0, BASELINE=another migsafe binary (say, a build from before
#        a change) timed in the same rounds
# needs: npm (installs squawk-cli into bench/.tools/, see bench/squawk.sh), /usr/bin/python3
# Results: bench/out/startup/ (every time as JSON, results.md), printed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MIGSAFE=$(realpath -m "${1:-$ROOT/build/migsafe}")
ROUNDS=${ROUNDS:-40}
WARMUP=${WARMUP:-3}
OUT=$ROOT/bench/out/startup

[ "$ROUNDS" -ge 20 ] || { echo "run.sh: ROUNDS must be at least 20" >&2; exit 2; }
[ -x "$MIGSAFE" ] || {
  echo "run.sh: no migsafe at $MIGSAFE; build it: cmake --build build --target migsafe" >&2
  exit 2
}
source "$ROOT/bench/squawk.sh"

rm -rf "$OUT"
mkdir -p "$OUT"
# One statement both tools flag, so both print a report, as in a pre-commit hook.
echo "ALTER TABLE accounts ADD COLUMN note text;" >"$OUT/one.sql"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) cores, $(uname -srm)"
  echo "squawk: $("$SQUAWK" --version)"
  echo "migsafe: $("$MIGSAFE" --version) ($MIGSAFE)"
  echo "migsafe commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "migsafe loads: $(ldd "$MIGSAFE" | awk '{print $1}' | tr '\n' ' ')"
} >"$OUT/environment.txt"

commands=(
  "migsafe lint one.sql=$MIGSAFE lint $OUT/one.sql"
  "squawk one.sql=$SQUAWK $OUT/one.sql"
  "migsafe --version=$MIGSAFE --version"
  "squawk --version=$SQUAWK --version"
)
ratios=(--ratio "migsafe lint one.sql:squawk one.sql")
if [ -n "${BASELINE:-}" ]; then
  BASELINE=$(realpath "$BASELINE")
  echo "baseline: $("$BASELINE" --version) ($BASELINE)" >>"$OUT/environment.txt"
  commands+=("baseline lint one.sql=$BASELINE lint $OUT/one.sql"
             "baseline --version=$BASELINE --version")
  ratios+=(--ratio "baseline lint one.sql:squawk one.sql")
fi
cat "$OUT/environment.txt" >&2

/usr/bin/python3 "$ROOT/bench/startup/time_pairs.py" --rounds "$ROUNDS" --warmup "$WARMUP" \
  --json "$OUT/times.json" "${ratios[@]}" "${commands[@]}" | tee "$OUT/results.md"
