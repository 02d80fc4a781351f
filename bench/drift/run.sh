#!/usr/bin/env bash
# migsafe's drift (reflect + diff, and the whole process) against Alembic 1.8's
# compare_metadata, on N-table projects whose models match the database, each on a
# scratch database booted the same way. Prints a Markdown table; raw data goes to
# bench/out/drift/.
#
#   bench/drift/run.sh [postgres|sqlite] [SIZES...]      (default: postgres 50 200 500 1000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MIGSAFE_BUILD_DIR:-$root/build}
bench_drift=$(find "$build" -name bench_drift -type f -perm -u+x | head -1)
scratch=$(find "$build" -name migsafe_with_scratch -type f -perm -u+x | head -1)
[ -n "$bench_drift" ] && [ -n "$scratch" ] || {
  echo "build bench_drift and migsafe_with_scratch first" >&2
  exit 2
}
db=${1:-postgres}
shift || true
sizes=${*:-50 200 500 1000}
out=$root/bench/out/drift
mkdir -p "$out"
results=$out/$db.jsonl
: >"$results"

for n in $sizes; do
  project=$out/project_$n
  rm -rf "$project"
  /usr/bin/python3 "$root/bench/drift/generate.py" "$n" "$project"
  "$scratch" "$db" -- bash -c '
    set -euo pipefail
    project=$1; bench_drift=$2; bench=$3; n=$4
    /usr/bin/python3 -m alembic -c "$project/alembic.ini" upgrade head >/dev/null 2>&1
    phases=$("$bench_drift" "$project" "$DATABASE_URL" 5)
    peer=$(/usr/bin/python3 "$bench/alembic_compare.py" "$project" 2>/dev/null || echo "{\"error\": true}")
    start=$(date +%s.%N); "$bench_drift" --whole "$project" "$DATABASE_URL" >/dev/null; end=$(date +%s.%N)
    whole=$(printf "%.3f" "$(echo "$end - $start" | bc)")
    start=$(date +%s.%N); /usr/bin/python3 "$bench/alembic_compare.py" "$project" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    peer_whole=$(printf "%.3f" "$(echo "$end - $start" | bc)")
    echo "{\"n\": $n, \"migsafe\": $phases, \"alembic\": $peer, \"migsafe_process\": $whole, \"alembic_process\": $peer_whole}"
  '  _ "$project" "$bench_drift" "$root/bench/drift" "$n" >>"$results"
done

/usr/bin/python3 - "$results" "$db" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"Drift on {sys.argv[2]}: the models match the database, so every reported difference is a false positive\n")
print("| tables | migsafe reflect + diff (s) | catalog queries | differences | Alembic compare_metadata (s) | Alembic queries | Alembic differences | speed-up | migsafe drift process (s) | Python compare_metadata process (s) | speed-up |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    m, a = r["migsafe"], r["alembic"]
    ours = m["reflect"] + m["diff"]
    if a.get("error"):
        peer, queries, found, ratio = "failed", "-", "-", "-"
    else:
        peer, queries, found = f"{a['seconds']:.3f}", a["queries"], a["differences"]
        ratio = f"{a['seconds'] / ours:.0f}x"
    print(f"| {r['n']} | {ours:.3f} | {m['queries']} | {m['differences']} | {peer} | {queries} | {found} | {ratio} | "
          f"{r['migsafe_process']:.2f} | {r['alembic_process']:.2f} | {r['alembic_process'] / r['migsafe_process']:.1f}x |")
PY
