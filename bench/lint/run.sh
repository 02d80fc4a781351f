#!/usr/bin/env bash
# Lint benchmark: migsafe against squawk-cli, in one run.
#   1. precision and recall of both tools on the two labelled corpora: fixtures/sql/corpus/
#      (written with the rules) and fixtures/sql/corpus-sources/ (written from the peers'
#      docs and PostgreSQL's, to measure gaps)
#   2. median wall time (hyperfine) and peak memory (GNU time, max RSS) of both tools on a
#      generated corpus: >= 20,000 statements in one file, and the same statements spread
#      over 4,000 small files.
# Results go to bench/out/lint/ (git-ignored); a Markdown table is printed at the end.
#
# usage: bench/lint/run.sh [MIGSAFE_BINARY]      (default: build/migsafe)
# env:   RUNS=5 (timed runs per command and round), ROUNDS=3, WARMUP=1, MIGRATIONS=4000,
#        STATEMENTS_PER_MIGRATION=5, SQUAWK_VERSION=2.66.0,
#        ACCURACY_ONLY=1 (score the corpora, skip the timing and memory runs)
# needs: npm (installs squawk-cli into bench/.tools/), /usr/bin/python3 (3.11+),
#        hyperfine, GNU time (/usr/bin/time); on Debian: apt-get install hyperfine time
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MIGSAFE=${1:-$ROOT/build/migsafe}
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1}
MIGRATIONS=${MIGRATIONS:-4000}
STATEMENTS_PER_MIGRATION=${STATEMENTS_PER_MIGRATION:-5}
OUT=$ROOT/bench/out/lint
PY=/usr/bin/python3

ACCURACY_ONLY=${ACCURACY_ONLY:-0}
TOOLS=(npm "$PY")
[ "$ACCURACY_ONLY" = 1 ] || TOOLS+=(hyperfine /usr/bin/time)
for tool in "${TOOLS[@]}"; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install hyperfine time npm)" >&2; exit 2; }
done

# squawk-cli from npm, pinned; its native binary, not node's wrapper.
source "$ROOT/bench/squawk.sh"

HAVE_MIGSAFE=1
probe_status=0
[ -x "$MIGSAFE" ] && { "$MIGSAFE" lint --format json "$ROOT/fixtures/sql/corpus/drop_table.sql" >/dev/null 2>&1 || probe_status=$?; }
if ! [ -x "$MIGSAFE" ] || [ "$probe_status" -gt 1 ]; then
  echo "run.sh: no working migsafe at $MIGSAFE: measuring squawk only" >&2
  echo "        build it: cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build --target migsafe" >&2
  HAVE_MIGSAFE=0
fi
MIGSAFE=$(realpath -m "$MIGSAFE")

rm -rf "$OUT"
mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) cores, $(uname -srm)"
  echo "squawk: $("$SQUAWK" --version)"
  [ $HAVE_MIGSAFE = 1 ] && echo "migsafe: $("$MIGSAFE" --version 2>/dev/null | head -1)"
  echo "migsafe commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$OUT/environment.txt"

# 1. precision / recall on each labelled corpus
for corpus in corpus:accuracy.json corpus-sources:accuracy_sources.json; do
  echo "scoring fixtures/sql/${corpus%%:*}" >&2
  "$PY" "$ROOT/bench/lint/score.py" "$( [ $HAVE_MIGSAFE = 1 ] && echo "$MIGSAFE" || echo "")" "$SQUAWK" \
    "$ROOT/fixtures/sql/${corpus%%:*}" "$OUT/${corpus#*:}"
done
if [ "$ACCURACY_ONLY" = 1 ]; then
  "$PY" "$ROOT/bench/lint/report.py" "$OUT" | tee "$OUT/results.md"
  exit 0
fi

# 2. speed and memory on the generated corpus
GEN=$OUT/generated
"$PY" "$ROOT/bench/lint/generate.py" "$GEN" --migrations "$MIGRATIONS" \
  --statements-per-migration "$STATEMENTS_PER_MIGRATION" >"$OUT/generated.txt"
cat "$OUT/generated.txt" >&2

# Both tools print every finding as JSON to /dev/null; both exit 1 when they find
# something, which hyperfine is told to accept (-i). The many-files commands expand the
# glob inside the timed shell, which costs both tools the same.
declare -A CMD
CMD[squawk_one]="'$SQUAWK' --reporter json '$GEN/one.sql' >/dev/null"
CMD[squawk_many]="cd '$GEN/files' && '$SQUAWK' --reporter json m*.sql >/dev/null"
CMD[migsafe_one]="'$MIGSAFE' lint --format json '$GEN/one.sql' >/dev/null"
CMD[migsafe_many]="cd '$GEN/files' && '$MIGSAFE' lint --format json m*.sql >/dev/null"
ORDER=(squawk_one squawk_many)
[ $HAVE_MIGSAFE = 1 ] && ORDER=(migsafe_one squawk_one migsafe_many squawk_many)

# Timed in ROUNDS rounds, each running every command RUNS times in turn: the load of a
# shared machine drifts over a minute, and blocks of each tool taken one after the other
# would charge that drift to one of them. The report pools the rounds.
for round in $(seq "$ROUNDS"); do
  for name in "${ORDER[@]}"; do
    echo "timing $name (round $round of $ROUNDS)" >&2
    hyperfine --style basic -i --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "$OUT/time_${name}_round$round.json" --command-name "$name" "${CMD[$name]}" >&2
  done
done
for name in "${ORDER[@]}"; do
  # peak memory: the largest max RSS over three runs
  peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f '%M' -o "$OUT/rss.tmp" sh -c "${CMD[$name]}" || true
    rss=$(tail -1 "$OUT/rss.tmp")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  echo "$peak" >"$OUT/rss_$name.txt"
done
rm -f "$OUT/rss.tmp"

"$PY" "$ROOT/bench/lint/report.py" "$OUT" | tee "$OUT/results.md"
