"""The revision graph: every revision with its parents, file and functions, each parent
before its children."""

import ast
import os
import re
import warnings

from . import compat, locations
from .errors import BridgeError


def load(script, relative=os.path.relpath):
    """[{"id", "down_revisions", "file", "upgrade_line", "downgrade_line", "message"}],
    bases first. A graph Alembic cannot walk is a BridgeError naming the files."""
    _check(script, relative)
    return [_describe(s) for s in _topological(script)]


# --- a graph Alembic cannot walk ---------------------------------------------------
# Alembic only warns about a revision id defined twice (and uses one of the files), and
# fails with a bare KeyError on a down_revision no file defines: both become errors that
# name the user's files and say what to change.

def _check(script, relative):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compat.build_revision_map(script)
        except compat.cycle_error_types() as exc:
            raise _cycle(script, relative, list(getattr(exc, "revisions", []))) from None
        except KeyError as exc:
            missing = str(exc.args[0]) if exc.args else ""
            raise _missing_parent(script, relative, missing) from None
    for warning in caught:
        twice = re.match(r"Revision (\S+) is present more than once", str(warning.message))
        if twice:
            raise _defined_twice(script, relative, twice.group(1))


def _declarations(script):
    """(file, revision, [down revisions], line of down_revision) of each revision file,
    read with ast: nothing of theirs runs again."""
    found = []
    for folder in compat.version_folders(script):
        for root, _dirs, names in os.walk(folder):
            for name in sorted(names):
                if name.endswith(".py"):
                    found.append(_declared(os.path.join(root, name)))
    return [d for d in found if d is not None]


def _declared(path):
    try:
        with open(path, "rb") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return None
    values = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 \
            else getattr(node, "target", None) if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and node.value is not None:
            try:
                values[target.id] = (ast.literal_eval(node.value), node.lineno)
            except ValueError:
                pass
    if "revision" not in values:
        return None
    down, line = values.get("down_revision", (None, 0))
    downs = [down] if isinstance(down, str) else list(down or ())
    return os.path.abspath(path), values["revision"][0], downs, line


def _defined_twice(script, relative, revision):
    files = [f for f, rev, _d, _l in _declarations(script) if rev == revision]
    return BridgeError(
        "input", "revision %s is defined in %d files: %s" % (
            revision, len(files), ", ".join(relative(f) for f in files)),
        "give all but one of them a new revision id and point their children's "
        "down_revision at it, or delete the copies (alembic itself would silently use one)",
        revision=revision, file=files[-1] if files else "")


def _missing_parent(script, relative, missing):
    for path, revision, downs, line in _declarations(script):
        if missing in downs:
            return BridgeError(
                "input", "%s:%d: revision %s has down_revision %r, which no revision file "
                "defines" % (relative(path), line, revision, missing),
                "set its down_revision to an existing revision id (`alembic history` lists "
                "them), or restore the missing revision file",
                revision=revision, file=path, line=line)
    return BridgeError("input", "a revision names %r as its parent, which no revision file "
                       "defines" % missing,
                       "restore the missing revision file or correct the down_revision")


def _cycle(script, relative, revisions):
    files = [relative(f) for f, rev, _d, _l in _declarations(script) if rev in revisions]
    return BridgeError(
        "input", "revisions %s form a cycle (%s)" % (" -> ".join(revisions), ", ".join(files)),
        "each revision's down_revision must name an older revision: fix the one that "
        "points at a newer one")


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
