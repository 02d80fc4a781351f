#!/usr/bin/env bash
# Builds the asan-ubsan preset (CMakePresets.json) into build-asan/ and runs the tests
# there under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer; the test
# preset sets their options and the leak suppressions (tests/sanitizers/lsan.supp).
# docs/reliability.md, "Sanitizers", says what runs, what does not and why.
#
# usage: scripts/sanitize.sh [extra ctest arguments]
#   JOBS=N          parallel compile and test jobs (default: every core)
#   SANITIZE_ALL=1  every label, not only the ones CI runs
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-$(nproc)}
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

# CI's share of the 45-minute budget: the unit and SQLite tests, and one PostgreSQL
# label (the same tests on Debian's Python stack only; sa2-* runs them on the other).
labels='^(unit|sqlite|postgres)$'
[ "${SANITIZE_ALL:-}" = "1" ] && labels='.'

# scaffolders rebuilds a copy of the tree from this build's object files with the plain
# flags, which cannot link sanitized objects; the rules and CLI unit tests it then runs
# in the copy run here directly.
excluded='^scaffolders$'

say() { printf 'sanitize: %s\n' "$*" >&2; }

started=$SECONDS
cmake --preset asan-ubsan -DMIGSAFE_WERROR=$werror >/dev/null
cmake --build --preset asan-ubsan -j"$jobs"
built=$SECONDS
say "build: $((built - started)) s"
status=0
ctest --preset asan-ubsan -j"$jobs" -L "$labels" -E "$excluded" "$@" || status=$?
say "tests: $((SECONDS - built)) s"
exit $status
