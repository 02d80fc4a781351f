#!/usr/bin/env bash
# Proves the labelled corpora against a real PostgreSQL. Every file of each corpus runs
# twice on a fresh copy of the shared world (fixtures/sql/corpus/schema/base.sql, then the
# corpus's own schema/*.sql if it has more), in a transaction when expected.toml says
# in_transaction = true. Checks that
#   - every file runs the first time, except the ones whose danger is that PostgreSQL
#     itself rejects them (KNOWN_FIRST_RUN_FAILURES below, or postgres_rejects = true in
#     the manifest);
#   - a file runs a second time cleanly if and only if it does not expect
#     require-if-not-exists;
#   - where the manifest gives `locks` and/or `rewrites` (transactional files only): the
#     strongest lock the file holds on each pre-existing table at the end of its
#     transaction (pg_locks, ACCESS SHARE left out) and the pre-existing tables it
#     rewrites (relfilenode changed) are exactly those.
# Starts a throw-away cluster in a temp dir and removes it on exit.
#
# usage: bench/lint/validate_corpus.sh [CORPUS_DIR...]
#        (default: fixtures/sql/corpus and fixtures/sql/corpus-sources)
# env:   PG_BIN (default .deps/postgresql-17/native/bin), PSQL, PORT
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BIN=${PG_BIN:-$ROOT/.deps/postgresql-17/native/bin}
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | head -1)}
BASE_SCHEMA=$ROOT/fixtures/sql/corpus/schema/base.sql
if [ $# -gt 0 ]; then CORPORA=("$@"); else CORPORA=("$ROOT/fixtures/sql/corpus" "$ROOT/fixtures/sql/corpus-sources"); fi
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
status=0
for corpus in "${CORPORA[@]}"; do
  corpus=$(cd "$corpus" && pwd)
  template="corpus_base_$(basename "$corpus" | tr -c 'a-z0-9\n' '_')"
  "$PSQL" -X -q -d postgres -c "CREATE DATABASE $template" >/dev/null
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$template" -f "$BASE_SCHEMA" >/dev/null
  for schema in "$corpus"/schema/*.sql; do
    [ -f "$schema" ] && [ "$(realpath "$schema")" != "$(realpath "$BASE_SCHEMA")" ] || continue
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$template" -f "$schema" >/dev/null
  done
  echo "== $corpus" >&2
  /usr/bin/python3 - "$PSQL" "$corpus" "$template" <<'PY' || status=1
import subprocess, sys, tomllib
psql, corpus, template = sys.argv[1], sys.argv[2], sys.argv[3]
KNOWN_FIRST_RUN_FAILURES = {
    "create_index_concurrently_in_migration_transaction.sql",
    "create_index_concurrently_inside_begin_commit.sql",
    "drop_index_concurrently_inside_begin_commit.sql",
    "enum_add_value_used_in_same_transaction.sql",
}
STRENGTH = ["AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
            "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"]
# Runs the file inside one transaction that is rolled back, and reads what it left behind:
# the locks this backend holds on tables that existed before, and which of them got a new
# relfilenode (a rewrite).
PROBE = """\\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE migsafe_probe_before AS
    SELECT c.oid, c.relname, c.relfilenode FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'm');
\\i {path}
\\echo __probe__
SELECT 'lock ' || b.relname || ' ' || l.mode FROM pg_locks l JOIN migsafe_probe_before b ON b.oid = l.relation
    WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted;
SELECT 'rewrite ' || b.relname FROM migsafe_probe_before b JOIN pg_class c ON c.oid = b.oid
    WHERE c.relfilenode <> b.relfilenode;
ROLLBACK;
"""
P = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
def run(db, path, tx):
    r = subprocess.run(P + ["-d", db] + (["--single-transaction"] if tx else []) + ["-f", path],
                       capture_output=True, text=True)
    return r.returncode == 0, (r.stderr.strip().splitlines() or [""])[-1]
def probe(db, path):
    r = subprocess.run([psql, "-X", "-q", "-A", "-t", "-d", db], input=PROBE.format(path=path),
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, None, (r.stderr.strip().splitlines() or [""])[-1]
    out = r.stdout.split("__probe__", 1)[1].split("\n")
    strongest = {}
    rewrites = set()
    for line in out:
        parts = line.split()
        if len(parts) == 3 and parts[0] == "lock" and parts[2] != "AccessShareLock":
            table, mode = parts[1], parts[2]
            if STRENGTH.index(mode) > STRENGTH.index(strongest.get(table, "AccessShareLock")):
                strongest[table] = mode
        elif len(parts) == 2 and parts[0] == "rewrite":
            rewrites.add(parts[1])
    return sorted(f"{t}:{m}" for t, m in strongest.items()), sorted(rewrites), ""
def fresh(name):
    db = "c" + str(abs(hash(name)))
    subprocess.run(P + ["-d", "postgres", "-c", f'CREATE DATABASE "{db}" TEMPLATE {template}'], check=True)
    return db
def drop(db):
    subprocess.run(P + ["-d", "postgres", "-c", f'DROP DATABASE "{db}"'], check=True)
manifest = tomllib.load(open(f"{corpus}/expected.toml", "rb"))
problems = probed = 0
for name, entry in sorted(manifest.items()):
    path = f"{corpus}/{name}"
    rejects = name in KNOWN_FIRST_RUN_FAILURES or entry.get("postgres_rejects", False)
    tx = entry.get("in_transaction", True)
    db = fresh(name)
    ok1, err1 = run(db, path, tx)
    ok2, err2 = run(db, path, tx) if ok1 else (None, "")
    drop(db)
    rine = "require-if-not-exists" in entry["expect"]
    verdicts = []
    if not ok1 and not rejects:
        verdicts.append(f"FIRST RUN FAILS: {err1}")
    elif ok1 and rejects:
        verdicts.append("expected PostgreSQL to reject it, but it ran")
    elif ok1 and rine and ok2:
        verdicts.append("expects require-if-not-exists, but runs twice cleanly")
    elif ok1 and not rine and not ok2:
        verdicts.append(f"fails on a second run without expecting require-if-not-exists: {err2}")
    if ("locks" in entry or "rewrites" in entry) and ok1:
        if not tx:
            verdicts.append("locks/rewrites can only be probed on a transactional file")
        else:
            db = fresh(name + "#probe")
            locks, rewrites, err = probe(db, path)
            drop(db)
            probed += 1
            if locks is None:
                verdicts.append(f"probe failed: {err}")
            else:
                if "locks" in entry and sorted(entry["locks"]) != locks:
                    verdicts.append(f"locks: manifest {sorted(entry['locks'])}, server {locks}")
                if "rewrites" in entry and sorted(entry["rewrites"]) != rewrites:
                    verdicts.append(f"rewrites: manifest {sorted(entry['rewrites'])}, server {rewrites}")
    for verdict in verdicts:
        problems += 1
        print(f"{name}: {verdict}")
print(f"{corpus}: {len(manifest)} files ({probed} lock/rewrite probes), {problems} problems")
sys.exit(1 if problems else 0)
PY
done
exit $status
