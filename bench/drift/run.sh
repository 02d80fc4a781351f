#!/usr/bin/env bash
# migsafe's drift (reflect + diff, and the whole process) against Alembic 1.8's
# compare_metadata, on N-table projects whose models match the database, each on a
# scratch database booted the same way. Prints a Markdown table; raw data goes to
# bench/out/drift/.
#
#   bench/drift/run.sh [postgres|sqlite] [SIZES...]      (default: postgres 50 200 500 1000)
#
# Whole process: the real `migsafe drift PROJECT --db URL` (read-only) against
# /usr/bin/python3 running alembic_compare.py, each the median of RUNS (default 5)
# runs under hyperfine, after one warm-up run each. Both run as from a user's shell:
# Python's bytecode cache is on (PYTHONDONTWRITEBYTECODE and PYTHONPYCACHEPREFIX are
# unset), so both import the models from the same __pycache__, as repeated runs do.
# Reflect + diff: bench_drift's median of 5 in-process runs against the peer's
# compare_metadata, timed inside its script.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MIGSAFE_BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
bench_drift=$(find "$build" -name bench_drift -type f -perm -u+x | head -1)
scratch=$(find "$build" -name migsafe_with_scratch -type f -perm -u+x | head -1)
migsafe=$build/migsafe
[ -n "$bench_drift" ] && [ -n "$scratch" ] && [ -x "$migsafe" ] || {
  echo "build migsafe, bench_drift and migsafe_with_scratch first" >&2
  exit 2
}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
unset PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX
db=${1:-postgres}
shift || true
sizes=${*:-50 200 500 1000}
runs=${RUNS:-5}
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
    project=$1; bench_drift=$2; bench=$3; n=$4; migsafe=$5; runs=$6; out=$7; db=$8
    /usr/bin/python3 -m alembic -c "$project/alembic.ini" upgrade head >/dev/null 2>&1
    phases=$("$bench_drift" "$project" "$DATABASE_URL" 5)
    peer=$(/usr/bin/python3 "$bench/alembic_compare.py" "$project" 2>/dev/null || echo "{\"error\": true}")
    load_before=$(cut -d" " -f1 /proc/loadavg)
    # No --ignore-failure: a run that fails must not count as a fast one.
    hyperfine --runs "$runs" --warmup 1 --style none --export-json "$out/hyperfine_${db}_$n.json" \
      -n migsafe "$migsafe drift $project --db $DATABASE_URL" \
      -n python "/usr/bin/python3 $bench/alembic_compare.py $project" >&2
    load_after=$(cut -d" " -f1 /proc/loadavg)
    process=$(/usr/bin/python3 -c "
import json, sys
r = {x[\"command\"]: x for x in json.load(open(sys.argv[1]))[\"results\"]}
print(json.dumps({k: {\"median\": v[\"median\"], \"min\": v[\"min\"], \"max\": v[\"max\"],
                      \"cpu\": v[\"user\"] + v[\"system\"]} for k, v in r.items()}))
" "$out/hyperfine_${db}_$n.json")
    echo "{\"n\": $n, \"migsafe\": $phases, \"alembic\": $peer, \"process\": $process, \"runs\": $runs, \"load\": [$load_before, $load_after]}"
  '  _ "$project" "$bench_drift" "$root/bench/drift" "$n" "$migsafe" "$runs" "$out" "$db" >>"$results"
done

/usr/bin/python3 - "$results" "$db" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"Drift on {sys.argv[2]}: the models match the database, so every reported difference is a false positive\n")
print("| tables | migsafe reflect + diff (s) | catalog queries | differences | Alembic compare_metadata (s) | Alembic queries | Alembic differences | speed-up "
      "| migsafe drift process, median (s) | Python compare_metadata process, median (s) | speed-up | load average |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    m, a = r["migsafe"], r["alembic"]
    ours = m["reflect"] + m["diff"]
    if a.get("error"):
        peer, queries, found, ratio = "failed", "-", "-", "-"
    else:
        peer, queries, found = f"{a['seconds']:.3f}", a["queries"], a["differences"]
        ratio = f"{a['seconds'] / ours:.0f}x"
    ms, py = r["process"]["migsafe"], r["process"]["python"]
    print(f"| {r['n']} | {ours:.3f} | {m['queries']} | {m['differences']} | {peer} | {queries} | {found} | {ratio} | "
          f"{ms['median']:.2f} ({ms['min']:.2f}-{ms['max']:.2f}) | {py['median']:.2f} ({py['min']:.2f}-{py['max']:.2f}) | "
          f"{py['median'] / ms['median']:.1f}x | {r['load'][0]:.1f}-{r['load'][1]:.1f} |")
PY
