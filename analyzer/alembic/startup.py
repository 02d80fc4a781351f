"""Runs once when migsafe starts its embedded interpreter (interpreter.cpp executes it as
the module migsafe_startup, before anything else is imported): makes migsafe's bundled
modules importable, adds an active virtualenv's packages, and sets up what only start-up
time depends on (the collector's thresholds, mako without Pygments)."""

import gc
import importlib
import importlib.abc
import importlib.util
import os
import re
import site
import sys

# Things a user may need to know when an import fails (a virtualenv that was ignored).
NOTES = []


class _BundledModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports the Python files compiled into the binary: analyzer/alembic/<name>.py as
    migsafe_<name>, and the package analyzer/alembic/bridge/ as migsafe_bridge."""

    def __init__(self, resources):
        # module name -> (source file below analyzer/alembic/, source, is a package)
        self.modules = {}
        for path, source in resources.items():
            parts = path.split("/")
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            name = "migsafe_" + ".".join(parts)
            self.modules[name] = (path + ".py", source, is_package)

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        origin, _source, is_package = self.modules[name]
        return importlib.util.spec_from_loader(
            name, self, origin="analyzer/alembic/%s (bundled)" % origin, is_package=is_package)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        origin, source, _is_package = self.modules[module.__name__]
        # Not a path on disk: tracebacks must not be mistaken for the user's files.
        code = compile(source, "<migsafe analyzer/alembic/%s>" % origin, "exec")
        exec(code, module.__dict__)


class _NoPygmentsForMako:
    """Lets mako.exceptions fall back to plain HTML escaping instead of importing Pygments.

    Alembic imports mako.exceptions, which tries mako.ext.pygmentplugin to colour the
    HTML error pages of templates; that pulls in Pygments and a dozen of its lexers,
    about 10% of what importing Alembic costs. migsafe never renders those pages, and
    mako handles the ImportError itself (it is what happens without Pygments installed).
    Only that one import by mako.exceptions is refused, once: anything else that
    imports the plugin or Pygments later gets it as usual."""

    def find_spec(self, name, path=None, target=None):
        if name != "mako.ext.pygmentplugin":
            return None
        sys.meta_path.remove(self)
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == "mako.exceptions":
                raise ImportError("migsafe does not render mako's HTML error pages")
            frame = frame.f_back
        return None


# The cyclic garbage collector's thresholds. Importing Alembic, SQLAlchemy and the
# project's models allocates hundreds of thousands of long-lived objects and frees few,
# so with Python's default (a young collection every 700 net allocations) the collector
# runs thousands of times for almost nothing: ~6% of a drift's Python time at 500
# tables. Collections still happen, every 20,000 allocations, so what a long check
# run leaves behind in cycles is still freed.
_GC_THRESHOLDS = (20000, 20, 20)


def install(resources):
    """resources: {path below analyzer/alembic/ without ".py": source} of every bundled
    module ("startup", "bridge/__init__", "bridge/session", ...)."""
    gc.set_threshold(*_GC_THRESHOLDS)
    sys.meta_path.insert(0, _BundledModules(resources))
    sys.meta_path.insert(0, _NoPygmentsForMako())
    # Before any project code can open a connection: migsafe must never reach a
    # database it did not create (analyzer/alembic/bridge/connections.py).
    importlib.import_module("migsafe_bridge.connections").install()


def _venv_version(venv):
    """The "major.minor" a virtualenv was made with, from pyvenv.cfg or its lib folder."""
    try:
        with open(os.path.join(venv, "pyvenv.cfg"), encoding="utf-8") as cfg:
            for line in cfg:
                key, _, value = line.partition("=")
                if key.strip() in ("version", "version_info"):
                    match = re.match(r"\s*(\d+)\.(\d+)", value)
                    if match:
                        return "%s.%s" % match.groups()
    except OSError:
        pass
    try:
        for entry in sorted(os.listdir(os.path.join(venv, "lib"))):
            match = re.fullmatch(r"python(\d+)\.(\d+)", entry)
            if match:
                return "%s.%s" % match.groups()
    except OSError:
        pass
    return None


def add_virtualenv():
    """Adds $VIRTUAL_ENV's site-packages in front of Debian's when its Python is ours.

    Returns (virtualenv used or "", warning or ""). A virtualenv of another Python
    version holds packages built for that version: it is left out and said so."""
    venv = os.environ.get("VIRTUAL_ENV", "")
    if not venv:
        return "", ""
    ours = "%d.%d" % sys.version_info[:2]
    theirs = _venv_version(venv)
    site_packages = os.path.join(venv, "lib", "python" + ours, "site-packages")
    if theirs != ours or not os.path.isdir(site_packages):
        warning = (
            "the active virtualenv %s is Python %s, but migsafe embeds Debian's Python %s "
            "(/usr/bin/python3); its packages cannot load here, so it is ignored and the "
            "project imports from Debian's packages; to use a virtualenv, make it with "
            "`/usr/bin/python3 -m venv`" % (venv, theirs or "of an unknown version", ours))
        NOTES.append(warning)
        return "", warning
    before = list(sys.path)
    site.addsitedir(site_packages)  # runs .pth files: editable installs work
    added = [p for p in sys.path if p not in before]
    sys.path[:] = added + before
    return venv, ""


def add_pythonpath():
    """Puts $PYTHONPATH's folders in front of sys.path, as /usr/bin/python3 does: the
    interpreter is isolated (PYTHONHOME and the user site would swap Debian's Python for
    another), but a project whose packages are found through PYTHONPATH (src layouts,
    monorepos, CI jobs) must import under migsafe as under `alembic`."""
    entries = [os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
               if p]
    sys.path[:] = entries + [p for p in sys.path if p not in entries]
    return entries


def describe():
    return {
        "version": "%d.%d.%d" % sys.version_info[:3],
        "prefix": sys.prefix,
    }
