# Sourced by the benchmarks that compare with squawk: installs squawk-cli (pinned) from
# npm into bench/.tools/ when missing and sets SQUAWK to its native binary. The npm
# package ships a prebuilt binary in an optional dependency; the benchmarks call that
# binary directly so node's start-up is not charged to squawk.
#   needs ROOT (the repository); env: SQUAWK_VERSION=2.66.0
SQUAWK_VERSION=${SQUAWK_VERSION:-2.66.0}
SQUAWK=$ROOT/bench/.tools/node_modules/@squawk-cli/linux-x64/bin/squawk
if ! [ -x "$SQUAWK" ] || [ "$("$SQUAWK" --version 2>/dev/null)" != "squawk $SQUAWK_VERSION" ]; then
  command -v npm >/dev/null || { echo "bench: npm is missing (apt-get install npm)" >&2; exit 2; }
  echo "installing squawk-cli@$SQUAWK_VERSION into bench/.tools/" >&2
  mkdir -p "$ROOT/bench/.tools"
  npm install --prefix "$ROOT/bench/.tools" --no-audit --no-fund --no-save "squawk-cli@$SQUAWK_VERSION" >&2
fi
"$SQUAWK" --version >/dev/null || { echo "bench: squawk does not run on this machine" >&2; exit 2; }
