#!/usr/bin/env bash
# Benchmark of `migsafe check` on the generated history (fixtures/histories/generate.py)
# against what a CI job runs today: the three processes `python3 -m alembic upgrade head`
# (empty database), `stamp base`, `upgrade head` (whatever the last one's outcome), on a
# scratch PostgreSQL 17 booted as migsafe boots its own; and `check` with its chain walk
# kept in one process (MIGSAFE_WALK_PROCESSES=1), to show what the second process gives.
# Medians of interleaved rounds (bench/startup/time_pairs.py: each round runs every
# command once, the order rotating).
# Prints a Markdown table with each command's ratio to the baseline; raw times go to
# bench/out/history_<N>.json.
#
#   bench/history/run.sh [RUNS] [--revisions N]      (defaults: 5 rounds, 120 revisions)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MIGSAFE_BUILD_DIR:-$root/build}
runs=5
revisions=120
while [ $# -gt 0 ]; do
  case $1 in
    --revisions) revisions=$2; shift 2 ;;
    --revisions=*) revisions=${1#*=}; shift ;;
    *) runs=$1; shift ;;
  esac
done
out=$root/bench/out
mkdir -p "$out"
if [ ! -x "$build/migsafe" ] || [ ! -x "$build/bench/migsafe_with_scratch" ]; then
  cmake --build "$build" -j1 --target migsafe migsafe_with_scratch >/dev/null
fi

project=$out/history_$revisions
/usr/bin/python3 "$root/fixtures/histories/generate.py" "$project" --revisions "$revisions"

alembic="/usr/bin/python3 -m alembic -c $project/alembic.ini"
# A failed first upgrade or stamp would make the baseline meaningless: exit 3 stops the run.
baseline="bash -c 'cd $project && { $alembic upgrade head || exit 3; } && { $alembic stamp base || exit 3; } && $alembic upgrade head; exit 0'"

/usr/bin/python3 "$root/bench/startup/time_pairs.py" --rounds "$runs" --warmup 1 \
  --json "$out/history_$revisions.json" \
  --ratio "check:baseline" --ratio "check --per-revision:baseline" \
  --ratio "check, one process:baseline" \
  "baseline=$build/bench/migsafe_with_scratch postgres -- $baseline" \
  "check=$build/migsafe check --db postgres -q $project" \
  "check --per-revision=$build/migsafe check --db postgres -q --per-revision $project" \
  "check, one process=/usr/bin/env MIGSAFE_WALK_PROCESSES=1 $build/migsafe check --db postgres -q $project" \
  >"$out/history_$revisions.txt"

/usr/bin/python3 - "$out/history_$revisions.json" "$revisions" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
commands = summary["commands"]
base = commands["baseline"]["median_ms"]
labels = {
    "baseline": "python3 -m alembic: upgrade head, stamp base, upgrade head",
    "check": "migsafe check --db postgres -q (all default checks)",
    "check --per-revision": "migsafe check --db postgres -q --per-revision",
    "check, one process": "the same check with MIGSAFE_WALK_PROCESSES=1 (the walk in one process)",
}
print(f"Generated history, {sys.argv[2]} revisions; {summary['rounds']} interleaved rounds, "
      f"{summary['cores']} cores, load average {summary['load_average']['min']:.1f}-"
      f"{summary['load_average']['max']:.1f}\n")
print("| command | median wall (s) | min (s) | max (s) | median CPU (s) | ratio to baseline "
      "(of medians) | median of per-round ratios |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for name, c in commands.items():
    ratio = summary.get("ratios", {}).get(f"{name} / baseline")
    per_round = f"{ratio['median_per_round']:.2f}x" if ratio else "-"
    print(f"| {labels[name]} | {c['median_ms'] / 1000:.2f} | {c['min_ms'] / 1000:.2f} | "
          f"{c['max_ms'] / 1000:.2f} | {c['median_cpu_ms'] / 1000:.2f} | "
          f"{c['median_ms'] / base:.2f}x | {per_round} |")
PY
