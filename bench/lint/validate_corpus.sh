#!/usr/bin/env bash
# Proves the labelled corpus against a real PostgreSQL: every file in fixtures/sql/corpus/
# runs twice on a fresh copy of schema/base.sql (in a transaction when expected.toml says
# in_transaction = true). Checks that
#   - every file runs the first time, except the ones whose danger is that PostgreSQL
#     itself rejects them (KNOWN_FIRST_RUN_FAILURES below);
#   - a file runs a second time cleanly if and only if it does not expect
#     require-if-not-exists.
# Starts a throw-away cluster in a temp dir and removes it on exit.
#
# usage: bench/lint/validate_corpus.sh      env: PG_BIN (default .deps/postgresql-17/native/bin)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BIN=${PG_BIN:-$ROOT/.deps/postgresql-17/native/bin}
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | head -1)}
CORPUS=$ROOT/fixtures/sql/corpus
PORT=${PORT:-55439}
DIR=$(mktemp -d /tmp/migsafe-corpus-pg.XXXXXX)
chmod 755 "$DIR"

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" -l "$DIR/log" -w start >/dev/null

export PGHOST=$DIR PGPORT=$PORT PGUSER=postgres
"$PSQL" -X -q -d postgres -c "CREATE DATABASE corpus_base" >/dev/null
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d corpus_base -f "$CORPUS/schema/base.sql" >/dev/null

/usr/bin/python3 - "$PSQL" "$CORPUS" <<'PY'
import subprocess, sys, tomllib
psql, corpus = sys.argv[1], sys.argv[2]
KNOWN_FIRST_RUN_FAILURES = {
    "create_index_concurrently_in_migration_transaction.sql",
    "create_index_concurrently_inside_begin_commit.sql",
    "drop_index_concurrently_inside_begin_commit.sql",
    "enum_add_value_used_in_same_transaction.sql",
}
P = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
def run(db, path, tx):
    r = subprocess.run(P + ["-d", db] + (["--single-transaction"] if tx else []) + ["-f", path],
                       capture_output=True, text=True)
    return r.returncode == 0, (r.stderr.strip().splitlines() or [""])[-1]
manifest = tomllib.load(open(f"{corpus}/expected.toml", "rb"))
problems = 0
for name, entry in sorted(manifest.items()):
    db = "c" + str(abs(hash(name)))
    subprocess.run(P + ["-d", "postgres", "-c", f'CREATE DATABASE "{db}" TEMPLATE corpus_base'], check=True)
    tx = entry.get("in_transaction", True)
    ok1, err1 = run(db, f"{corpus}/{name}", tx)
    ok2, err2 = run(db, f"{corpus}/{name}", tx) if ok1 else (None, "")
    rine = "require-if-not-exists" in entry["expect"]
    verdict = "ok"
    if not ok1 and name not in KNOWN_FIRST_RUN_FAILURES:
        verdict = f"FIRST RUN FAILS: {err1}"
    elif ok1 and name in KNOWN_FIRST_RUN_FAILURES:
        verdict = "expected PostgreSQL to reject it, but it ran"
    elif ok1 and rine and ok2:
        verdict = "expects require-if-not-exists, but runs twice cleanly"
    elif ok1 and not rine and not ok2:
        verdict = f"fails on a second run without expecting require-if-not-exists: {err2}"
    if verdict != "ok":
        problems += 1
        print(f"{name}: {verdict}")
    subprocess.run(P + ["-d", "postgres", "-c", f'DROP DATABASE "{db}"'], check=True)
print(f"{len(manifest)} files, {problems} problems")
sys.exit(1 if problems else 0)
PY
