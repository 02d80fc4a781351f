#!/usr/bin/env bash
# Benchmark of `migsafe check` (issue 2's checks) on the sample project against the same
# Alembic commands run with `python3 -m alembic`, each on a scratch PostgreSQL 17 booted
# the same way, in one run. Prints a Markdown table; raw data goes to bench/out/.
#
#   bench/check/run.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MIGSAFE_BUILD_DIR:-$root/build}
runs=${1:-10}
out=$root/bench/out
mkdir -p "$out"
command -v hyperfine >/dev/null || {
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || sudo apt-get install -y -qq hyperfine >/dev/null
}
cmake --build "$build" --target migsafe migsafe_with_scratch bench_scratch_boot >/dev/null

project=$root/fixtures/alembic/reggie
ini=$project/alembic.ini
checks=single-head,upgrade,upgrade-twice,replay,replay-preserves-data
alembic="/usr/bin/python3 -m alembic -c $ini"
# The peer: the four commands a CI job runs to prove the migrations re-run cleanly.
peer="$build/bench/migsafe_with_scratch postgres -- bash -c 'cd $project && $alembic upgrade head && \
$alembic upgrade head && $alembic stamp base && $alembic upgrade head' >/dev/null 2>&1"

# Warm the template cluster so neither side pays initdb.
"$build/bench/bench_scratch_boot" 1 >/dev/null

hyperfine --warmup 1 --runs "$runs" --export-json "$out/check.json" \
  -n "migsafe check (--only $checks)" \
  "$build/migsafe check $project --db postgres -q --only $checks" \
  -n "python3 -m alembic: upgrade, upgrade, stamp base, upgrade" "$peer" \
  -n "migsafe check (all default checks)" "$build/migsafe check $project --db postgres -q" \
  >"$out/check.txt"

"$build/bench/bench_scratch_boot" "$runs" | tee "$out/boot.txt"

/usr/bin/python3 - "$out/check.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
peer = results[1]["median"]
print("| command | median (s) | ratio to the Alembic commands |")
print("|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {r['median'] / peer:.2f}x |")
PY
