"""The verbs C++ calls (analyzer/alembic/project.cpp): one Session per project, its
Config and ScriptDirectory made once and reused. Everything goes through Alembic's
programmatic API in this process, never a subprocess. Each verb that answers returns
one JSON text of the shape docs/bridge.md documents; every exception leaves as
BridgeError.
"""

import contextlib
import json
import os
import re
import sys

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

from . import compat, connections, deadline, errors, exits, graph, hygiene, locations, \
    model_export
from .errors import BridgeError


class Session:
    """One Alembic project."""

    def __init__(self, ini_path, url_env_var="DATABASE_URL", verbose=False,
                 step_timeout=0.0):
        hygiene.install(verbose)
        exits.install()
        deadline.configure(step_timeout)
        compat.locate_batch_operations()
        self.ini_path = os.path.abspath(ini_path)
        self.folder = os.path.dirname(self.ini_path)
        self.url_env_var = url_env_var
        self.url = None
        self.running = None  # the revision whose step Alembic is running
        self.env_py = None
        self.configured_url = ""
        self._databases = []  # the URLs of databases migsafe made for this session
        self._revisions = None
        self._files = None  # revision file (absolute) -> revision id
        self._graph_error = None  # why the revisions cannot be walked, once found
        self._env_options = {}  # URL -> what env.py hands context.configure()
        self._recorded = None  # statements the migrations ran, while recording

        with self._guard("load"):
            self.config = Config(self.ini_path, stdout=hygiene.DISCARD,
                                 output_buffer=hygiene.DISCARD)
            self.config.attributes["migsafe_session"] = self
            if not self.config.file_config.has_section(self.config.config_ini_section):
                raise BridgeError(
                    "input", "%s has no [alembic] section" % self.ini_path,
                    "pass the alembic.ini that `alembic` itself uses (it has an [alembic] "
                    "section with script_location)")
            self.configured_url = self.config.get_main_option("sqlalchemy.url") or ""
            _keep_secret(self.configured_url)
            _keep_secret(_process_getenv(self.url_env_var) if self.url_env_var else "")
            hygiene.add_secret(_process_getenv("PGPASSWORD"))
            # Variables migsafe's runner judged secret, and URLs whose password it hides
            # (runner/environment.cpp): env.py and the revisions may print them too.
            for name in (_process_getenv("MIGSAFE_SECRET_VARIABLES") or "").split(","):
                hygiene.add_secret(_process_getenv(name) if name else None)
            for name in (_process_getenv("MIGSAFE_URL_VARIABLES") or "").split(","):
                _keep_secret(_process_getenv(name) if name else None)
            self._resolve_paths()
            if self.folder not in sys.path:
                sys.path.insert(0, self.folder)
            self.script = ScriptDirectory.from_config(self.config)
            self.env_py = os.path.abspath(self.script.env_py_location)

    # Alembic resolves relative paths against the process's working directory; a
    # project means them relative to its alembic.ini.
    def _resolve_paths(self):
        location = self.config.get_main_option("script_location")
        if location is None:
            raise BridgeError(
                "input", "%s has no script_location" % self.ini_path,
                "add `script_location = %(here)s/migrations` to the [alembic] section")
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

    # --- what errors.translate asks of a session ---

    def relative(self, path):
        try:
            rel = os.path.relpath(path, self.folder)
        except ValueError:
            return path
        return path if rel.startswith("..") else rel

    def in_project(self, filename):
        return filename.startswith(self.folder + os.sep)

    def revision_files(self):
        return self._files or {}

    def file_of(self, revision):
        for path, rev in (self._files or {}).items():
            if rev == revision:
                return path
        return ""

    # --- verbs called from C++ ---

    def use_database(self, url, scratch):
        """Points env.py at url. scratch: migsafe made that database, and connections
        may reach it; otherwise env.py only reads the URL (offline, for its dialect) and
        every connection is refused (connections.py)."""
        _keep_secret(url)
        self._set_url(url)
        self._databases = [url] if scratch else []
        if scratch:
            connections.made(url)

    def settings(self):
        """{"configured_url", "script_location", "version_table", "version_table_schema"}:
        the version table as env.py configures it (Alembic's default alembic_version)."""
        with self._guard("call", "reading env.py's options"):
            options = self.env_options("")
        return json.dumps({
            "configured_url": self.configured_url,
            "script_location": self.config.get_main_option("script_location") or "",
            "version_table": options.get("version_table") or "alembic_version",
            "version_table_schema": options.get("version_table_schema") or "",
        })

    def heads(self):
        """{"heads": [revision id, ...]}"""
        self._ensure_revisions()
        with self._guard("load"):
            return json.dumps({"heads": list(self.script.get_heads())})

    def revisions(self):
        """{"revisions": [{"id", "down_revisions", "file", "upgrade_line",
        "downgrade_line", "message"}, ...]}, bases first."""
        self._ensure_revisions()
        return json.dumps({"revisions": self._revisions})

    def current(self):
        """{"current": [revision id, ...]}: the heads the database is stamped with."""
        heads = []

        def read(rev, context):
            heads.extend(context.get_current_heads())
            return []

        self._run_env(read, dont_mutate=True)
        return json.dumps({"current": heads})

    def upgrade(self, target):
        self._run_env(lambda rev, context: compat.upgrade_steps(self.script, target, rev),
                      destination_rev=target)

    def downgrade(self, target):
        self._run_env(lambda rev, context: compat.downgrade_steps(self.script, target, rev),
                      destination_rev=target)

    def stamp(self, targets):
        """targets: one revision, or several meaning "exactly these"."""
        several = isinstance(targets, (list, tuple))
        destination = tuple(targets) if several else (targets,)
        # Several revisions are purged first, since Alembic 1.8 cannot stamp from a
        # merge point down to its parents (KeyError in _update_version).
        self._run_env(
            lambda rev, context: compat.stamp_steps(self.script, destination, rev),
            destination_rev=destination, purge=several)

    def replay(self, target, parents, then=""):
        """Runs target again over itself, in one run of env.py: the version table set to
        exactly `parents` (purged, then stamped: a plain stamp leaves other branches'
        rows alone, and Alembic 1.8 cannot stamp from a merge point down to its parents),
        then upgraded to target. `then`, when given, is upgraded to next in the same run:
        a walk up the chain pays for one run of env.py per revision, not two."""
        destination = tuple(parents) or ("base",)
        script = self.script

        def steps(rev, context):
            yield from compat.stamp_steps(script, destination, rev)  # rev: () once purged
            yield from compat.upgrade_steps(script, target, tuple(parents))
            if then:
                # Alembic ran the steps above before asking for the next one: the
                # version table now holds the heads to go on from.
                yield from compat.upgrade_steps(script, then, context.get_current_heads())

        self._run_env(steps, destination_rev=then or target, purge=True)

    def downgrade_one(self, revision):
        """Runs exactly one revision's downgrade(), the revision being a head: Alembic's
        own step for it, whatever other branches are applied (`downgrade <parent>` would
        also take down a sibling branch that grew from that parent)."""
        parents = self.script.get_revision(revision).down_revision
        if isinstance(parents, str):
            parents = (parents,)
        destination = parents[0] if parents else "base"
        self._run_env(lambda rev, context: [compat.downgrade_step(self.script, revision)],
                      destination_rev=destination)

    def offline_sql(self, from_rev, to_rev, dialect_url="", keep_going=False):
        """{"statements": [{"sql", "kind", "revision", "file", "line", "column"}, ...],
        "unrendered": [{"revision", "file", "line", "reason"}, ...]}: every statement the
        revisions in (from_rev, to_rev] emit in offline mode. kind is "operation" (an op.*
        call, op.execute("COMMIT") included; file and line point at it), "transaction"
        (BEGIN or COMMIT of Alembic's own: its per-run or per-migration transaction, or an
        autocommit_block, whose file and line are then the `with` statement), "version_table" (Alembic's version table
        bookkeeping) or "environment" (emitted by env.py itself).
        keep_going: a revision whose code raises in offline mode (a data migration reading
        rows through op.get_bind()) is listed in "unrendered", its statements left out,
        and the run goes on with the next revision; otherwise the run stops there."""
        url = dialect_url or self.url or self.configured_url
        if not url:
            raise BridgeError(
                "input", "offline SQL needs a dialect, and %s sets no sqlalchemy.url"
                % self.relative(self.ini_path),
                "set sqlalchemy.url in alembic.ini, or name the dialect (postgresql, sqlite)")
        statements = []

        def capture(impl, text):
            statement = self._classify(text, sys._getframe(1))
            if statement is not None:
                statements.append(statement)

        unrendered = []

        def failed(step, exc):
            revision = compat.step_revision(step) or ""
            path = self.file_of(revision)
            lines = [line for file, line, _c, _n in locations.traceback_frames(
                exc.__traceback__) if file == path]
            unrendered.append({"revision": revision, "file": path,
                               "line": lines[-1] if lines else 0,
                               "reason": errors.describe(exc)})

        def steps(rev, context):
            planned = compat.upgrade_steps(self.script, to_rev, rev)
            return compat.steps_that_keep_going(planned, failed) if keep_going else planned

        starting_rev = None if from_rev in ("", "base", None) else from_rev
        previous_url = self.url
        with compat.offline_output(capture):
            try:
                self._set_url(url)
                self._run_env(steps, as_sql=True, starting_rev=starting_rev,
                              destination_rev=to_rev)
            finally:
                if previous_url is None:
                    self.url = None
                    self._set_option("sqlalchemy.url", self.configured_url)
                else:
                    self._set_url(previous_url)
        # A revision that raised half-way: its statements so far are not what it runs.
        # Transaction markers stay, so later revisions still know their transaction.
        failed_revisions = {entry["revision"] for entry in unrendered}
        statements = [s for s in statements
                      if s["revision"] not in failed_revisions or s["kind"] == "transaction"]
        return json.dumps({"statements": statements, "unrendered": unrendered})

    def start_recording(self):
        """From now on, every statement the migrations run on the database is kept, with
        the op.* call that ran it, until take_recorded()."""
        self._recorded = []

    def take_recorded(self):
        """{"statements": [...]}, of the shape offline_sql gives, for what ran since
        start_recording(); recording stops."""
        recorded, self._recorded = self._recorded or [], None
        return json.dumps({"statements": recorded})

    def _record(self, sql):
        statement = self._classify(sql, sys._getframe(1))
        if statement is not None and self._recorded is not None:
            self._recorded.append(statement)

    def run_seed(self, spec):
        module_name, _, function_name = spec.partition(":")
        if not module_name or not function_name:
            raise BridgeError("input", "seed %r is not \"package.module:function\"" % spec,
                              "write seed = \"app.seed:seed\" in the migsafe config")
        with self._guard("seed", spec):
            with self._url_in_environment():
                import importlib
                function = getattr(importlib.import_module(module_name), function_name)
                function(self.url or self.configured_url)

    def has_models(self, dialect):
        """{"has_models": bool}: whether env.py hands Alembic a target_metadata; projects
        that do not use autogenerate have no models for migsafe to compare."""
        with self._guard("call", "migsafe_bridge.model_export.has_models"):
            with self._url_in_environment():
                return json.dumps({"has_models": model_export.has_models(self, dialect)})

    def prepare_export(self, request):
        """{"kept": bool}: exports the models ahead of export_models (migsafe calls it
        while it reflects the database). request: as for export_models."""
        with self._guard("call", "migsafe_bridge.model_export.prepare_export"):
            with self._url_in_environment():
                return json.dumps({"kept": model_export.prepare_export(self, request)})

    def export_models(self, request):
        """The models' schema (docs/bridge.md, "export_models"); request: JSON
        {"metadata": "module:attr" or "", "dialect": "postgresql"|"sqlite",
        "reflected": {...}}."""
        with self._guard("call", "migsafe_bridge.model_export.export_schema"):
            with self._url_in_environment():
                return model_export.export_schema(self, request)

    # --- env.py ---

    def env_options(self, dialect_url):
        """The options env.py hands context.configure() (target_metadata, include_object,
        version_table, ...), found the way autogenerate finds them: env.py runs in offline
        mode with a migration function that does nothing, so no database is opened.
        dialect_url (e.g. "postgresql://") picks the dialect when the session has no URL.
        Read once per dialect: env.py may be slow to import."""
        if self.url or self.configured_url:
            dialect_url = ""
        key = dialect_url or self.url or self.configured_url
        if key not in self._env_options:
            self._env_options[key] = self._read_env_options(dialect_url)
        return self._env_options[key]

    def _read_env_options(self, dialect_url):
        captured = {}

        def grab(rev, context):
            captured.update(context.opts)
            return []

        previous = self.config.get_main_option("sqlalchemy.url")
        if dialect_url:
            self._set_option("sqlalchemy.url", dialect_url)
        try:
            with hygiene.project_output():
                with EnvironmentContext(self.config, self.script, fn=grab, as_sql=True,
                                        dont_mutate=True):
                    self.script.run_env()
        finally:
            if dialect_url:
                self._set_option("sqlalchemy.url", previous or "")
        return captured

    def _set_url(self, url):
        self.url = url
        self._set_option("sqlalchemy.url", url)

    # Revision modules are imported where Alembic imports them: inside env.py's
    # run_migrations(), after env.py's own set-up (sys.path, logging, the app's config)
    # ran, with Alembic's context configured. A revision whose module-level code needs
    # that set-up imports as it does under `alembic upgrade`.
    def _ensure_revisions(self):
        if self._files is not None:
            return
        entered = []

        def load(rev, context):
            entered.append(True)
            self._load_revisions()
            return []

        try:
            with self._guard("load"):
                with self._url_in_environment():
                    with EnvironmentContext(self.config, self.script, fn=load, as_sql=True,
                                            dont_mutate=True):
                        self.script.run_env()
        except BridgeError:
            if entered:
                raise  # a revision failed to import
            # env.py cannot run offline: import the revisions without it.
        if self._files is None:
            with self._guard("load"):
                self._load_revisions()

    def _load_revisions(self):
        # Alembic builds its revision map once and warns of an id in two files only then:
        # asked again, the graph must fail the same way, not with Alembic's own words.
        if self._graph_error is not None:
            raise self._graph_error
        if self._files is None:
            try:
                self._revisions = graph.load(self.script, self.relative)
            except BridgeError as error:
                self._graph_error = error
                raise
            self._files = {os.path.abspath(r["file"]): r["id"] for r in self._revisions}

    def _run_env(self, fn, **options):
        session = self

        def tracked(rev, context):
            if session._files is None:
                try:
                    session._load_revisions()
                except Exception as exc:  # noqa: B902 - reported as an import failure
                    raise errors.translate(session, exc, "load", "") from None
            # Remember which revision runs, for errors and statements no frame explains.
            for step in fn(rev, context):
                session.running = compat.step_revision(step)
                deadline.restart()
                yield step
            session.running = None

        self.running = None
        recording = connections.recording(self._record) if self._recorded is not None \
            else contextlib.nullcontext()
        with self._guard("env"):
            with self._url_in_environment(), recording, deadline.steps():
                with EnvironmentContext(self.config, self.script, fn=tracked, **options):
                    self.script.run_env()

    @contextlib.contextmanager
    def _url_in_environment(self):
        name = self.url_env_var
        previous = _process_getenv(name) if name else None
        if name and self.url:
            os.environ[name] = self.url
        try:
            with hygiene.project_output():
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
        frames = locations.stack_files(frame)
        files = self._files or {}  # env.py may print before the revisions are imported
        is_transaction = re.fullmatch(r"(?is)(BEGIN|COMMIT)\s*;?", sql) is not None
        origin = locations.batch_origin()
        for filename, _name, live in frames:
            revision = files.get(filename)
            if revision is not None:
                if origin is not None and origin[0] == filename:
                    line, column = origin[1], origin[2]  # the batch_op.* call, not `with`
                else:
                    line, column = locations.frame_position(live)
                # Inside a revision only autocommit_block()'s COMMIT and BEGIN are
                # Alembic's; a COMMIT the revision runs itself (op.execute) is an operation.
                kind = "transaction" if is_transaction and _in_autocommit_block(frames) \
                    else "operation"
                return _statement(sql, kind, revision, filename, line, column)
        if is_transaction:
            kind = "transaction"
        elif any(name in _VERSION_TABLE_FUNCTIONS and filename.endswith(
                os.path.join("alembic", "runtime", "migration.py"))
                for filename, name, _live in frames):
            kind = "version_table"
        else:
            kind = "environment"
        if kind == "environment":
            for filename, _name, live in frames:
                if filename == self.env_py:
                    return _statement(sql, kind, self.running or "", filename,
                                      *locations.frame_position(live))
        # Alembic's own statements: they belong to the revision being run (its file, no
        # line), or to no revision at all.
        running = self.running or ""
        return _statement(sql, kind, running, self.file_of(running) if running else "", 0, 0)

    # --- errors ---

    @contextlib.contextmanager
    def _guard(self, phase, label=""):
        connections.allow_only(self._databases)
        try:
            yield
            connections.raise_pending()  # refused, caught by env.py, and ignored
        except BaseException as exc:  # noqa: B902 - SystemExit from env.py too
            if isinstance(exc, KeyboardInterrupt):
                raise
            refusal = connections.take_refusal(exc)
            if refusal is not None:
                raise errors.foreign_database(self, refusal) from None
            if isinstance(exc, BridgeError):
                raise
            raise errors.translate(self, exc, phase, label) from None


def _keep_secret(url):
    """The password of a URL (userinfo or ?password=), never to be printed."""
    if not url:
        return
    try:
        from sqlalchemy.engine import make_url
        parsed = make_url(url)
    except Exception:  # noqa: B902 - not a URL: nothing to keep
        return
    hygiene.add_secret(parsed.password if isinstance(parsed.password, str) else None)
    hygiene.add_secret(parsed.query.get("password") if parsed.query else None)


def _statement(sql, kind, revision, file, line, column):
    return {"sql": sql, "kind": kind, "revision": revision, "file": file, "line": line,
            "column": column}


def _process_getenv(name):
    """The variable as the process has it now: os.environ is a copy taken when the
    interpreter started, and migsafe (or its caller) may have changed it since."""
    import ctypes
    libc = ctypes.CDLL(None)
    libc.getenv.restype = ctypes.c_char_p
    value = libc.getenv(os.fsencode(name))
    return None if value is None else os.fsdecode(value)


def _in_autocommit_block(frames):
    """Whether Alembic's MigrationContext.autocommit_block is running (entering or leaving
    the block: its COMMIT and BEGIN, offline through emit_commit/emit_begin, online
    through the connection), not the revision's code inside it."""
    return any(name == "autocommit_block" and filename.endswith(
        os.path.join("alembic", "runtime", "migration.py"))
        for filename, name, _live in frames)


_VERSION_TABLE_FUNCTIONS = frozenset((
    "run_migrations", "update_to_step", "_insert_version", "_delete_version",
    "_update_version", "stamp"))


def _is_package_resource(location):
    # "myapp:migrations" names a package resource; a Windows drive letter does not occur here.
    return ":" in location and not os.path.isabs(location) and "/" not in location.split(":")[0]
