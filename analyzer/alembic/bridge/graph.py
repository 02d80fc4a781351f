"""The revision graph: every revision with its parents, file and functions, each parent
before its children."""

import os

from . import locations


def load(script):
    """[{"id", "down_revisions", "file", "upgrade_line", "downgrade_line", "message"}],
    bases first."""
    return [_describe(s) for s in _topological(script)]


def down_revisions(script):
    down = script.down_revision
    if down is None:
        return []
    if isinstance(down, (list, tuple)):
        return list(down)
    return [down]


def _topological(script):
    """Revisions with every parent before its children; ties keep file-independent order."""
    scripts = {s.revision: s for s in script.walk_revisions("base", "heads")}
    children = {rev: [] for rev in scripts}
    pending = {}
    for rev, s in scripts.items():
        parents = [p for p in down_revisions(s) if p in scripts]
        pending[rev] = len(parents)
        for parent in parents:
            children[parent].append(rev)
    # Alembic's walk is heads first; reversed, it is a stable tie-break for siblings.
    order = {rev: i for i, rev in enumerate(reversed(list(scripts)))}
    ready = sorted((rev for rev, n in pending.items() if n == 0), key=order.get)
    result = []
    while ready:
        rev = ready.pop(0)
        result.append(scripts[rev])
        for child in children[rev]:
            pending[child] -= 1
            if pending[child] == 0:
                ready.append(child)
                ready.sort(key=order.get)
    return result


def _describe(script):
    path = os.path.abspath(script.path)
    upgrade_line, downgrade_line = locations.function_lines(path)
    message = (script.doc or "").strip().splitlines()
    return {
        "id": script.revision,
        "down_revisions": down_revisions(script),
        "file": path,
        "upgrade_line": upgrade_line,
        "downgrade_line": downgrade_line,
        "message": message[0] if message else "",
    }
