"""migsafe's Python half of the embedded Alembic bridge (imported as migsafe_bridge).

C++ (analyzer/alembic/project.cpp) creates one Session per project and calls its small
methods. Everything goes through Alembic's programmatic API in this process, never a
subprocess. Every exception leaves as BridgeError, which C++ turns into the project's
own error types: no raw traceback reaches the user.
"""

import ast
import configparser
import contextlib
import importlib
import inspect
import io
import logging
import logging.config
import os
import re
import sys

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError

import migsafe_connections as _connections

# Set by C++ when the interpreter starts: notes about the environment (a virtualenv that
# was ignored, ...) that explain a ModuleNotFoundError.
ENVIRONMENT_NOTES = []

# Whether Alembic's and the project's logging may reach stderr (Session(verbose=True)).
_verbose_logging = False


class BridgeError(Exception):
    """The one exception C++ reads. kind: "input", "environment" or "migration"."""

    def __init__(self, kind, message, fix="", revision="", file="", line=0, column=0,
                 statement="", database_error=""):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.fix = fix
        self.revision = revision
        self.file = file
        self.line = line
        self.column = column
        self.statement = statement
        self.database_error = database_error


# --- output hygiene -----------------------------------------------------------------
# migsafe's stdout may be JSON: Alembic's chatter, print() in env.py and logging set up
# by env.py's fileConfig() must never reach it.

class _Discard(io.TextIOBase):
    def write(self, text):
        return len(text)

    def writable(self):
        return True


_DISCARD = _Discard()
_real_file_config = logging.config.fileConfig


def _file_config(fname, defaults=None, disable_existing_loggers=True, *args, **kwargs):
    """Stands in for logging.config.fileConfig, which env.py calls on every run."""
    if not _verbose_logging:
        return None
    # Keep migsafe's own loggers, and send handlers aimed at stdout to stderr.
    _real_file_config(fname, defaults, False, *args, **kwargs)
    for logger in [logging.getLogger()] + [
            logging.getLogger(name) for name in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, logging.StreamHandler) and handler.stream in (
                    sys.stdout, sys.__stdout__):
                handler.setStream(sys.__stderr__)
    return None


logging.config.fileConfig = _file_config


def _output_sink():
    return sys.__stderr__ if _verbose_logging else _DISCARD


# --- locations ----------------------------------------------------------------------

def _position(code, lasti, fallback_line):
    """Line and 1-based column of the instruction at lasti (Python 3.11+ positions)."""
    try:
        positions = code.co_positions()
        for index, position in enumerate(positions):
            if index == lasti // 2:
                line, _end_line, column, _end_column = position
                return (line or fallback_line, (column + 1) if column is not None else 0)
    except (AttributeError, TypeError, ValueError):
        pass
    return fallback_line, 0


def _traceback_frames(tb):
    """(filename, line, column, function) of each frame, outermost first."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        line, column = _position(code, tb.tb_lasti, tb.tb_lineno)
        frames.append((os.path.abspath(code.co_filename), line, column, code.co_name))
        tb = tb.tb_next
    return frames


def _stack_frames(frame):
    """(filename, line, column, function) of each live frame, innermost first."""
    frames = []
    while frame is not None:
        code = frame.f_code
        line, column = _position(code, frame.f_lasti, frame.f_lineno)
        frames.append((os.path.abspath(code.co_filename), line, column, code.co_name))
        frame = frame.f_back
    return frames


def _first_line(text):
    text = str(text).strip()
    return text.splitlines()[0] if text else ""


def _describe(exc):
    message = _first_line(exc)
    return "%s: %s" % (type(exc).__name__, message) if message else type(exc).__name__


def _is_dbapi_error(exc):
    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover - SQLAlchemy is always there with Alembic
        return False
    return isinstance(exc, DBAPIError)


def _is_connection_error(exc):
    """A failure to reach the database at all (refused, bad password, no such file)."""
    if _is_dbapi_error(exc):
        # SQLAlchemy wraps connect() failures too; they carry no statement.
        return not getattr(exc, "statement", None) and \
            type(exc.orig).__name__ == "OperationalError"
    module = type(exc).__module__ or ""
    message = str(exc)
    if module.startswith("psycopg2"):
        return type(exc).__name__ == "OperationalError" and "connect" in message
    if module.startswith("sqlite3"):
        return "unable to open database file" in message
    return False


# --- the session --------------------------------------------------------------------

class Session:
    """One Alembic project: its Config and ScriptDirectory, made once and reused."""

    def __init__(self, ini_path, url_env_var="DATABASE_URL", verbose=False):
        global _verbose_logging
        _verbose_logging = bool(verbose)
        self.ini_path = os.path.abspath(ini_path)
        self.folder = os.path.dirname(self.ini_path)
        self.url_env_var = url_env_var
        self.url = None
        self._revisions = None
        self._files = None  # revision file (absolute) -> revision id
        self._running = None  # revision whose step Alembic is running
        self.env_py = None
        self.configured_url = ""
        self._databases = []  # the URLs of databases migsafe made for this session

        with self._guard("load"):
            self.config = Config(self.ini_path, stdout=_DISCARD, output_buffer=_DISCARD)
            # Bundled modules called through Session.call reach the session from here.
            self.config.attributes["migsafe_session"] = self
            if not self.config.file_config.has_section(self.config.config_ini_section):
                raise BridgeError(
                    "input", "%s has no [alembic] section" % self.ini_path,
                    "pass the alembic.ini that `alembic` itself uses (it has an [alembic] "
                    "section with script_location)")
            self.configured_url = self.config.get_main_option("sqlalchemy.url") or ""
            self._resolve_paths()
            if self.folder not in sys.path:
                sys.path.insert(0, self.folder)
            self.script = ScriptDirectory.from_config(self.config)
            self.env_py = os.path.abspath(self.script.env_py_location)

    # Alembic resolves relative paths against the process's working directory; a
    # project means them relative to its alembic.ini (TOOLCHAIN P15).
    def _resolve_paths(self):
        location = self.config.get_main_option("script_location")
        if location is None:
            raise BridgeError(
                "input", "%s has no script_location" % self.ini_path,
                "add `script_location = %%(here)s/migrations` to the [alembic] section")
        if not _is_package_resource(location):
            self._set_option("script_location", self._absolute(location))
        versions = self.config.get_main_option("version_locations")
        if versions:
            separator = {None: None, "space": " ", "os": os.pathsep, ":": ":", ";": ";"}.get(
                self.config.get_main_option("version_path_separator"))
            parts = versions.split(separator) if separator else re.split(r", *|(?: +)", versions)
            resolved = [self._absolute(p) if not _is_package_resource(p) else p
                        for p in parts if p]
            joined = (separator or " ").join(resolved)
            self._set_option("version_locations", joined)
        prepend = self.config.get_main_option("prepend_sys_path")
        if prepend:
            parts = [p for p in re.split(r", *|(?: +)|:", prepend) if p]
            self._set_option("prepend_sys_path", " ".join(self._absolute(p) for p in parts))

    def _absolute(self, path):
        return os.path.normpath(os.path.join(self.folder, os.path.expanduser(path)))

    def _set_option(self, name, value):
        # ConfigParser interpolates %: a socket path like %2Ftmp must be escaped.
        self.config.set_main_option(name, value.replace("%", "%%"))

    def relative(self, path):
        try:
            rel = os.path.relpath(path, self.folder)
        except ValueError:
            return path
        return path if rel.startswith("..") else rel

    # --- verbs called from C++ ---

    def use_database(self, url, scratch):
        """Points env.py at url. scratch: migsafe made that database, and connections
        may reach it; otherwise env.py only reads the URL (offline, for its dialect) and
        every connection is refused (analyzer/alembic/connections.py)."""
        self.set_url(url)
        self._databases = [url] if scratch else []

    def set_url(self, url):
        self.url = url
        self._set_option("sqlalchemy.url", url)

    def heads(self):
        with self._guard("load"):
            return list(self.script.get_heads())

    def revisions(self):
        """(id, down revisions, file, upgrade line, downgrade line, message), bases first."""
        with self._guard("load"):
            if self._revisions is None:
                self._revisions = [_describe_script(s) for s in _topological(self.script)]
            return self._revisions

    def current(self):
        heads = []

        def read(rev, context):
            heads.extend(context.get_current_heads())
            return []

        self._run_env(read, dont_mutate=True)
        return heads

    def upgrade(self, target):
        self._run_env(lambda rev, context: self.script._upgrade_revs(target, rev),
                      destination_rev=target)

    def downgrade(self, target):
        self._run_env(lambda rev, context: self.script._downgrade_revs(target, rev),
                      destination_rev=target)

    def stamp(self, target):
        several = isinstance(target, (list, tuple))
        destination = tuple(target) if several else (target,)
        # Several revisions mean "exactly these": purge first, since Alembic 1.8 cannot
        # stamp from a merge point down to its parents (KeyError in _update_version).
        self._run_env(lambda rev, context: self.script._stamp_revs(destination, rev),
                      destination_rev=destination, purge=several)

    def offline_sql(self, from_rev, to_rev, dialect_url=""):
        """Every statement the revisions in (from_rev, to_rev] emit in offline mode.

        Returns (sql, kind, revision, file, line, column) tuples where kind is
        "operation" (an op.* call; file and line point at it), "transaction" (BEGIN or
        COMMIT: Alembic's per-run or per-migration transaction, or an autocommit_block,
        whose file and line are then the `with` statement), "version_table" (Alembic's
        alembic_version bookkeeping) or "environment" (emitted by env.py itself).
        """
        from alembic.ddl.impl import DefaultImpl

        url = dialect_url or self.url or self.configured_url
        if not url:
            raise BridgeError(
                "input", "offline SQL needs a dialect, and %s sets no sqlalchemy.url"
                % self.relative(self.ini_path),
                "set sqlalchemy.url in alembic.ini, or name the dialect (postgresql, sqlite)")
        self._ensure_revisions()
        statements = []
        session = self

        def capture(impl, text):
            statement = session._classify(text, sys._getframe(1))
            if statement is not None:
                statements.append(statement)

        starting_rev = None if from_rev in ("", "base", None) else from_rev
        previous_url = self.url
        original_output = DefaultImpl.static_output
        DefaultImpl.static_output = capture
        try:
            self.set_url(url)
            self._run_env(lambda rev, context: self.script._upgrade_revs(to_rev, rev),
                          as_sql=True, starting_rev=starting_rev, destination_rev=to_rev)
        finally:
            DefaultImpl.static_output = original_output
            if previous_url is None:
                self.url = None
                self._set_option("sqlalchemy.url", self.configured_url)
            else:
                self.set_url(previous_url)
        return statements

    def run_seed(self, spec):
        module_name, _, function_name = spec.partition(":")
        if not module_name or not function_name:
            raise BridgeError("input", "seed %r is not \"package.module:function\"" % spec,
                              "write seed = \"app.seed:seed\" in the migsafe config")
        with self._guard("seed", spec):
            with self._url_in_environment():
                function = getattr(importlib.import_module(module_name), function_name)
                function(self.url or self.configured_url)

    def call(self, module_name, function_name, argument):
        """Calls a bundled module's function(config, argument) and returns str(result)."""
        if not module_name.startswith("migsafe_"):
            module_name = "migsafe_" + module_name
        label = "%s.%s" % (module_name, function_name)
        with self._guard("call", label):
            with self._url_in_environment():
                function = getattr(importlib.import_module(module_name), function_name)
                return str(function(self.config, argument))

    # --- running env.py ---

    def _ensure_revisions(self):
        if self._files is None:
            self.revisions()
            self._files = {os.path.abspath(r[2]): r[0] for r in self._revisions}

    def _run_env(self, fn, **options):
        self._ensure_revisions()
        session = self

        def tracked(rev, context):
            # Remember which revision runs, for errors and statements no frame explains.
            for step in fn(rev, context):
                session._running = _step_revision(step)
                yield step
            session._running = None

        self._running = None
        with self._guard("env"):
            with self._url_in_environment():
                with EnvironmentContext(self.config, self.script, fn=tracked, **options):
                    self.script.run_env()

    @contextlib.contextmanager
    def _url_in_environment(self):
        name = self.url_env_var
        previous = _process_getenv(name) if name else None
        if name and self.url:
            os.environ[name] = self.url
        try:
            with contextlib.redirect_stdout(_output_sink()):
                yield
        finally:
            if name and self.url:
                if previous is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = previous

    def _classify(self, text, frame):
        sql = text.strip()
        if sql.startswith("-- Running "):
            return None
        frames = _stack_frames(frame)
        is_transaction = re.fullmatch(r"(?is)(BEGIN|COMMIT)\s*;?", sql) is not None
        for filename, line, column, _name in frames:
            revision = self._files.get(filename)
            if revision is not None:
                kind = "transaction" if is_transaction else "operation"
                return (sql, kind, revision, filename, line, column)
        if is_transaction:
            kind = "transaction"
        elif any(name in _VERSION_TABLE_FUNCTIONS and filename.endswith(
                os.path.join("alembic", "runtime", "migration.py"))
                for filename, _l, _c, name in frames):
            kind = "version_table"
        else:
            kind = "environment"
        if kind == "environment":
            for filename, line, column, _name in frames:
                if filename == self.env_py:
                    return (sql, kind, self._running or "", filename, line, column)
        # Alembic's own statements: they belong to the revision being run (its file, no
        # line), or to no revision at all.
        running = self._running or ""
        return (sql, kind, running, self._file_of(running) if running else "", 0, 0)

    # --- errors ---

    @contextlib.contextmanager
    def _guard(self, phase, label=""):
        _connections.allow_only(self._databases)
        try:
            yield
            _connections.raise_pending()  # refused, caught by env.py, and ignored
        except BaseException as exc:  # noqa: B902 - SystemExit from env.py too
            if isinstance(exc, KeyboardInterrupt):
                raise
            refusal = _connections.take_refusal(exc)
            if refusal is not None:
                raise self._foreign_database(refusal) from None
            if isinstance(exc, BridgeError):
                raise
            raise self._translate(exc, phase, label) from None

    def _foreign_database(self, refusal):
        """A connection to a database migsafe did not create: the run stops (exit 2),
        naming the URL (masked), where env.py opened it and where it built the engine."""
        def project_frames(frames):
            return [f for f in frames if self._in_project(f[0]) and os.path.isfile(f[0])]

        opened = project_frames(_traceback_frames(refusal.__traceback__))
        built = project_frames(refusal.built_at)
        where = ""
        if opened:
            where += " at %s:%d" % (self.relative(opened[-1][0]), opened[-1][1])
        if built and (not opened or built[0][:2] != opened[-1][:2]):
            where += " (engine built at %s:%d)" % (self.relative(built[0][0]), built[0][1])
        variable = self.url_env_var or "DATABASE_URL"
        return BridgeError(
            "input",
            "the project connected to a database migsafe did not create%s: %s (%s); migsafe "
            "stopped before running anything on it" % (where, refusal.target, refusal.reason),
            "migsafe runs migrations only on the scratch database it made, and hands env.py "
            "its URL as sqlalchemy.url and as $%s: build the engine from "
            "config.get_main_option(\"sqlalchemy.url\") or os.environ[\"%s\"]; if env.py "
            "reads another variable, name it with database_url_env = \"...\" under "
            "[tool.migsafe]" % (variable, variable),
            file=opened[-1][0] if opened else "", line=opened[-1][1] if opened else 0,
            column=opened[-1][2] if opened else 0)

    def _translate(self, exc, phase, label):
        frames = _traceback_frames(exc.__traceback__)
        project_frames = [f for f in frames if self._in_project(f[0])]
        deepest = project_frames[-1] if project_frames else None

        if isinstance(exc, SyntaxError) and exc.filename and os.path.exists(exc.filename):
            path = os.path.abspath(exc.filename)
            return BridgeError(
                "input", "%s:%s: SyntaxError: %s" % (self.relative(path), exc.lineno, exc.msg),
                "fix the syntax error; `/usr/bin/python3 -m py_compile %s` shows it" % path,
                revision=(self._files or {}).get(path, ""), file=path, line=exc.lineno or 0,
                column=exc.offset or 0)

        if _is_connection_error(exc):
            orig = getattr(exc, "orig", exc)
            where = self.url or self.configured_url
            return BridgeError(
                "environment", "cannot connect to the database %s: %s"
                % (where, _first_line(orig)),
                "check that the database server is running and that the URL is right")

        revision_frames = [f for f in frames if f[0] in (self._files or {})]
        if phase == "env" and (revision_frames or self._running):
            if revision_frames:
                filename, line, column, _ = revision_frames[-1]
                revision = self._files[filename]
            else:
                revision = self._running
                filename = self._file_of(revision)
                line, column = 0, 0
            statement = inspect.cleandoc(getattr(exc, "statement", None) or "")
            if _is_dbapi_error(exc):
                database_error = _first_line(exc.orig)
            else:
                database_error = ""
            reason = database_error or _describe(exc)
            where = "%s:%d" % (self.relative(filename), line) if line else self.relative(filename)
            return BridgeError(
                "migration", "revision %s (%s) failed: %s" % (revision, where, reason),
                "", revision, filename, line, column, statement, database_error)

        if phase == "load" and revision_frames:
            filename, line, column, _ = revision_frames[-1]
            return BridgeError(
                "input", "%s:%d: importing the revision raised %s"
                % (self.relative(filename), line, _describe(exc)),
                "fix the revision file so that `import` of it succeeds",
                file=filename, line=line, column=column)

        if isinstance(exc, configparser.Error):
            return BridgeError("input", "%s: %s" % (self.relative(self.ini_path), _first_line(exc)),
                               "fix the ini file's syntax")

        if isinstance(exc, CommandError):
            return BridgeError("input", "alembic: %s" % _first_line(exc),
                               _command_error_fix(str(exc)))

        fix = ""
        if isinstance(exc, ModuleNotFoundError):
            fix = ("make the project's packages importable: activate the project's virtualenv "
                   "(made with /usr/bin/python3 -m venv, Python %d.%d) before running migsafe"
                   % sys.version_info[:2])
            if ENVIRONMENT_NOTES:
                fix += "; note: " + "; ".join(ENVIRONMENT_NOTES)

        env_frames = [f for f in frames if f[0] == self.env_py]
        if env_frames and phase in ("env", "load", "call"):
            filename, line, column, _ = env_frames[-1]
            cause = ""
            if deepest is not None and deepest[0] != self.env_py:
                # env.py imported the models, and they raised: name that line too.
                cause = " (%s:%d)" % (self.relative(deepest[0]), deepest[1])
            return BridgeError(
                "input", "env.py (%s:%d) raised %s%s" % (self.relative(filename), line,
                                                         _describe(exc), cause),
                fix or "fix env.py: migsafe runs it as `alembic upgrade` does, with "
                "sqlalchemy.url and $%s set to the scratch database; reproduce with "
                "`/usr/bin/python3 -m alembic -c %s upgrade head`"
                % (self.url_env_var or "DATABASE_URL", self.ini_path),
                file=filename, line=line, column=column)

        subject = {"seed": "seed %s" % label, "call": label}.get(phase, "alembic")
        if deepest is not None:
            filename, line, column, _ = deepest
            message = "%s raised %s (%s:%d)" % (subject, _describe(exc),
                                                self.relative(filename), line)
            return BridgeError("input", message, fix, file=filename, line=line, column=column)
        # No project frame: point at the innermost frame to keep the cause findable.
        detail = ""
        real_frames = [f for f in frames if os.path.isfile(f[0])]
        if real_frames and not isinstance(exc, ImportError):
            filename, line, _c, _n = real_frames[-1]
            detail = " (%s:%d)" % (filename, line)
        return BridgeError("input", "%s raised %s%s" % (subject, _describe(exc), detail), fix)

    def _in_project(self, filename):
        return filename.startswith(self.folder + os.sep)

    def _file_of(self, revision):
        for path, rev in (self._files or {}).items():
            if rev == revision:
                return path
        return ""


def _process_getenv(name):
    """The variable as the process has it now: os.environ is a copy taken when the
    interpreter started, and migsafe (or its caller) may have changed it since."""
    import ctypes
    libc = ctypes.CDLL(None)
    libc.getenv.restype = ctypes.c_char_p
    value = libc.getenv(os.fsencode(name))
    return None if value is None else os.fsdecode(value)


_VERSION_TABLE_FUNCTIONS = frozenset((
    "run_migrations", "update_to_step", "_insert_version", "_delete_version",
    "_update_version", "stamp"))


def _is_package_resource(location):
    # "myapp:migrations" names a package resource; a Windows drive letter does not occur here.
    return ":" in location and not os.path.isabs(location) and "/" not in location.split(":")[0]


def _command_error_fix(message):
    if "Multiple head" in message or "multiple heads" in message:
        return "merge the heads with `alembic merge heads`, or name one head"
    if "Can't locate revision" in message:
        return "check the revision id, or run `alembic heads` to see the valid ones"
    if "Path doesn't exist" in message:
        return "set script_location in alembic.ini to the migrations folder, e.g. %(here)s/migrations"
    return ""


def _step_revision(step):
    revision = getattr(step, "revision", None)
    return getattr(revision, "revision", None)


def _topological(script):
    """Revisions with every parent before its children; ties keep file-independent order."""
    scripts = {s.revision: s for s in script.walk_revisions("base", "heads")}
    children = {rev: [] for rev in scripts}
    pending = {}
    for rev, s in scripts.items():
        parents = [p for p in _down_revisions(s) if p in scripts]
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


def _down_revisions(script):
    down = script.down_revision
    if down is None:
        return []
    if isinstance(down, (list, tuple)):
        return list(down)
    return [down]


def _describe_script(script):
    path = os.path.abspath(script.path)
    upgrade_line, downgrade_line = _function_lines(path)
    message = (script.doc or "").strip().splitlines()
    return (script.revision, _down_revisions(script), path, upgrade_line, downgrade_line,
            message[0] if message else "")


def _function_lines(path):
    try:
        with open(path, "rb") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return 0, 0
    lines = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines[node.name] = node.lineno
    return lines.get("upgrade", 0), lines.get("downgrade", 0)


def env_context_options(config, dialect_url=""):
    """The options env.py hands context.configure() (target_metadata, include_object,
    ...), found the way autogenerate finds them: env.py runs in offline mode with a
    migration function that does nothing, so no database is opened. dialect_url (e.g.
    "postgresql://") picks the dialect; default: the session's URL.

    For bundled modules such as migsafe_model_export (called through Session.call)."""
    session = config.attributes.get("migsafe_session")
    script = session.script if session else ScriptDirectory.from_config(config)
    captured = {}

    def grab(rev, context):
        captured.update(context.opts)
        return []

    previous = config.get_main_option("sqlalchemy.url")
    if dialect_url:
        config.set_main_option("sqlalchemy.url", dialect_url.replace("%", "%%"))
    try:
        with contextlib.redirect_stdout(_output_sink()):
            with EnvironmentContext(config, script, fn=grab, as_sql=True, dont_mutate=True):
                script.run_env()
    finally:
        if dialect_url:
            config.set_main_option("sqlalchemy.url", (previous or "").replace("%", "%%"))
    return captured


def main_option(config, name):
    """An [alembic] option as Alembic reads it (paths already absolute)."""
    return config.get_main_option(name) or ""


def metadata_tables(config, dialect_url=""):
    """Comma-separated, sorted table names of env.py's target_metadata: the call path
    model export takes, small enough to test."""
    metadata = env_context_options(config, dialect_url).get("target_metadata")
    if metadata is None:
        return ""
    if isinstance(metadata, (list, tuple)):
        names = [t for m in metadata for t in m.tables]
    else:
        names = list(metadata.tables)
    return ",".join(sorted(names))
