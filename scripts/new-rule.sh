#!/usr/bin/env bash
# Writes every file a new lint rule needs, the ones docs/architecture.md lists under
# "Add a rule": scripts/new-rule.sh ban-drop-trigger
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 RULE-ID   (kebab-case, e.g. ban-drop-trigger)" >&2
  exit 2
fi
exec /usr/bin/python3 "$(dirname "$0")/scaffold.py" rule "$1"
