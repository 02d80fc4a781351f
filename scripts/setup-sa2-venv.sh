#!/usr/bin/env bash
# Builds the second Python stack migsafe is tested on, the one current services run:
# SQLAlchemy 2.0, Alembic 1.13 and psycopg 3, as a virtualenv of Debian's Python 3.11.
# Debian 12 ships SQLAlchemy 1.4 / Alembic 1.8; the trixie suite of the same registry
# packages the newer ones as pure Python (Architecture: all), which run on 3.11. They
# are downloaded with a private apt configuration (the machine's sources are untouched),
# unpacked, and put in front of the system packages by a .pth file: never installed
# over Debian's own.
#
# Usage: scripts/setup-sa2-venv.sh VENV   (does nothing when VENV already works)
set -euo pipefail

venv=${1:?usage: setup-sa2-venv.sh VENV}
packages=(python3-sqlalchemy python3-alembic python3-psycopg python3-typing-extensions)
expected="2.0 1.13 3."

say() { printf 'setup: %s\n' "$*" >&2; }

works() {
  [ -x "$venv/bin/python" ] &&
    "$venv/bin/python" -c 'import sqlalchemy, alembic, psycopg
print(sqlalchemy.__version__[:3], alembic.__version__[:4], psycopg.__version__[:2])' \
      2>/dev/null | grep -qx "$expected"
}

works && exit 0
say "building the SQLAlchemy 2.0 / Alembic 1.13 / psycopg 3 virtualenv in $venv"

# The registry's address is read from the machine's own apt sources, never written here.
uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
if [ -z "$uri" ]; then
  uri=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$uri" ] || { say "no Debian apt source found to read the registry address from"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" \
  >"$work/sources.list"
apt_options=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Get::List-Cleanup=0"
  -o "APT::Sandbox::User=root")
apt-get "${apt_options[@]}" -qq update
(cd "$work/debs" && apt-get "${apt_options[@]}" -qq download "${packages[@]/%//trixie}")

rm -rf "$venv"
/usr/bin/python3 -m venv --system-site-packages --without-pip "$venv"
modules="$venv/trixie"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
mkdir -p "$modules"
cp -r "$work/root/usr/lib/python3/dist-packages/." "$modules/"
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
# A .pth line starting with "import" runs: put trixie's modules before the system ones.
echo "import sys; sys.path.insert(0, '$modules')" >"$site/00-trixie.pth"

works || { say "the virtualenv in $venv does not import the expected versions"; exit 1; }
