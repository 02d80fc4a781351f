#!/usr/bin/env bash
# Writes every file a new check of `migsafe check` needs, the ones docs/architecture.md
# lists under "Add a check": scripts/new-check.sh NAME [--after CHECK]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 CHECK-NAME [--after CHECK]   (kebab-case, e.g. revisions-have-downgrades)" >&2
  exit 2
fi
exec /usr/bin/python3 "$(dirname "$0")/scaffold.py" check "$@"
