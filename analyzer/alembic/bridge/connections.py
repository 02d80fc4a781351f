"""The one owner of every hook on the database connections the embedded Python opens
(migsafe_bridge.connections; installed by startup.py before any project code runs).

migsafe runs a project's migrations, `downgrade base` included, and must never touch a
database it did not create. env.py may build its own URL (another variable, a hard-coded
one, a second engine, a raw driver call), so the guard sits where all of those end: the
DBAPI connect functions of psycopg2, psycopg 3 and sqlite3, and, for any other driver,
SQLAlchemy's pool. Every new connection is identified on the opened connection, before
its caller gets it:
- PostgreSQL: current_database() and the server's system identifier (pg_control_system(),
  readable by every role), compared with those of the database migsafe made;
- SQLite: the file's device and inode, checked before the file is opened (sqlite3 would
  create a missing one).
Anything else raises ForeignDatabase; the refusal is remembered, so an env.py that
catches it and goes on still fails the run (raise_pending). An accepted connection gets
the step's time limit (deadline.py): statement_timeout on PostgreSQL, a progress handler
on SQLite.

The same place records, while a recorder is set (recording()), every statement SQLAlchemy
sends and every transaction it begins and commits: `check` lints what the migrations
really ran, data migrations included, not what offline mode can render.

And it keeps psycopg2 connections to the databases migsafe made between runs of env.py
(see "keeping connections" below): `check` runs env.py twice per revision.
"""

import atexit
import contextlib
import functools
import importlib.abc
import os
import sys
import urllib.parse

from . import deadline

# Runs on every PostgreSQL connection before its caller sees it: read-only.
_POSTGRES_IDENTITY = (
    "SELECT current_database(), "
    "(SELECT system_identifier FROM pg_control_system())::text")

# Drivers whose connect() is wrapped here; SQLAlchemy's pool event covers the others.
_HOOKED_DRIVER_MODULES = ("psycopg2", "psycopg", "sqlite3", "_sqlite3")


class ForeignDatabase(Exception):
    """A connection to a database migsafe did not create. Not a DBAPI error, so neither
    SQLAlchemy nor Alembic mistake it for a failing statement."""

    def __init__(self, target, reason, built_at=()):
        super().__init__("%s is not the scratch database migsafe made (%s)" % (target, reason))
        self.target = target        # masked: never the password
        self.reason = reason
        self.built_at = built_at    # ((file, line), ...) of create_engine(), innermost first


class _Allowed:
    """A database migsafe made, known by its SQLAlchemy URL. Its identity is read the
    first time a connection needs comparing (the file or server may not exist before)."""

    def __init__(self, url):
        self.url = url
        self._postgres = None  # (database, system identifier)

    def dialect(self):
        return _make_url(self.url).get_backend_name()

    def sqlite_path(self):
        database = _make_url(self.url).database or ""
        return "" if database in ("", ":memory:") else os.path.abspath(database)

    def postgres_identity(self):
        if self._postgres is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import NullPool
            engine = create_engine(self.url, poolclass=NullPool)
            try:
                with _trusted():
                    connection = engine.raw_connection()
                try:
                    self._postgres = _postgres_identity(connection)
                finally:
                    connection.close()
            finally:
                engine.dispose()
        return self._postgres


_state = {"allowed": [], "refusal": None, "trusting": False, "recorder": None}
_known = {}  # URL -> _Allowed, so each identity is read once per database made


def made(url):
    """migsafe has just made a database at url: its identity is read afresh. A URL can
    come back for another server (the port a stopped scratch server freed is given to
    the next one), and the old identity would refuse the new database."""
    _known.pop(url, None)
    _close_parked(lambda allowed: allowed.url == url)


def allow_only(urls):
    """The databases connections may reach from now on (SQLAlchemy URLs); [] for none.
    Each bridge session sets its own before every verb: one process may hold several."""
    _state["allowed"] = [_known.setdefault(url, _Allowed(url)) for url in urls if url]


def raise_pending():
    """Raises the first refusal since the last call, even if env.py caught it."""
    refusal, _state["refusal"] = _state["refusal"], None
    if refusal is not None:
        raise refusal


def take_refusal(exc):
    """The ForeignDatabase behind an exception (itself, its cause or context), else the
    one env.py caught and went on; None when no connection was refused."""
    pending, _state["refusal"] = _state["refusal"], None
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, ForeignDatabase):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return pending


@contextlib.contextmanager
def _trusted():
    previous, _state["trusting"] = _state["trusting"], True
    try:
        yield
    finally:
        _state["trusting"] = previous


def _refuse(target, reason):
    refusal = ForeignDatabase(target, reason, _engine_origin(sys._getframe(2)))
    if _state["refusal"] is None:
        _state["refusal"] = refusal
    return refusal


# --- PostgreSQL ---------------------------------------------------------------------

def _postgres_identity(connection):
    cursor = connection.cursor()
    try:
        cursor.execute(_POSTGRES_IDENTITY)
        database, system_identifier = cursor.fetchone()
    finally:
        cursor.close()
    # The SELECT opened a transaction; the caller gets the connection as connect() left it.
    connection.rollback()
    return (database, system_identifier)


def _postgres_target(connection):
    info = getattr(connection, "info", None)
    if info is None:
        return "a PostgreSQL database"
    user = getattr(info, "user", "") or ""
    password = getattr(info, "password", "") or getattr(info, "used_password", False)
    host = getattr(info, "host", "") or ""
    port = getattr(info, "port", "") or ""
    database = getattr(info, "dbname", "") or ""
    userinfo = (user + (":***" if password else "") + "@") if user else ""
    netloc = urllib.parse.quote(str(host), safe="") + (":%s" % port if port else "")
    return "postgresql://%s%s/%s" % (userinfo, netloc, database)


def _check_postgres(connection):
    if _state["trusting"]:
        return
    target = _postgres_target(connection)
    allowed = [a for a in _state["allowed"] if a.dialect() == "postgresql"]
    if not allowed:
        raise _refuse(target, "migsafe made no PostgreSQL database in this run")
    try:
        identity = _postgres_identity(connection)
    except Exception as exc:  # noqa: BLE001 - any failure means "cannot prove it"
        raise _refuse(target, "its identity cannot be read: %s"
                      % str(exc).strip().splitlines()[0]) from None
    for candidate in allowed:
        if candidate.postgres_identity() == identity:
            _limit_postgres(connection)
            with contextlib.suppress(AttributeError, TypeError):  # only kept ones take it
                connection._migsafe_allowed = candidate
            return
    expected = allowed[0].postgres_identity()
    if identity[1] != expected[1]:
        reason = "another server: system identifier %s, not %s" % (identity[1], expected[1])
    else:
        reason = "database %s, not %s" % (identity[0], expected[0])
    raise _refuse(target, reason)


def _limit_postgres(connection):
    """statement_timeout for the session, unless env.py set a shorter one (its own
    connect options stay the truth); committed: a SET inside the migration's own
    transaction would be undone by its rollback."""
    milliseconds = deadline.statement_timeout_ms()
    if not milliseconds:
        return
    cursor = connection.cursor()
    try:
        # current_setting, not pg_settings: that view builds a row for every setting,
        # 2 ms of server time per connection. SHOW's text ("0", "1500ms", "2min") reads
        # as an interval.
        cursor.execute(
            "SELECT set_config('statement_timeout', '%d', false) WHERE extract(epoch FROM "
            "current_setting('statement_timeout')::interval) * 1000 NOT BETWEEN 1 AND %d"
            % (milliseconds, milliseconds))
    finally:
        cursor.close()
    connection.commit()


def _guard_connect(connect, check):
    """connect() that hands its connection over only after check() accepted it."""

    @functools.wraps(connect)
    def guarded(*args, **kwargs):
        connection = connect(*args, **kwargs)
        try:
            check(connection)
        except BaseException:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        return connection

    guarded.__migsafe_guarded__ = True
    return guarded


def _patch_psycopg2(module):
    if not getattr(module.connect, "__migsafe_guarded__", False):
        module.connect = _reuse_parked(_guard_connect(module.connect, _check_postgres), module)


# --- keeping connections --------------------------------------------------------------
#
# Every run of env.py connects and closes at its end: a server backend started and torn
# down per run (5 ms to connect, two round trips to identify and limit it, catalog caches
# cold for the migration's first statements), a third of a walk up a long history. So a
# psycopg2 connection to a database migsafe made is parked when its user closes it, its
# session reset as a new one starts (DISCARD ALL: settings, role, temporary tables,
# advisory locks, prepared statements, LISTEN), and handed to the next connect() with
# the same arguments once it has answered. A connect() with its own connection_factory
# or async, and a reset or answer that fails, get a connection of their own as before.
# psycopg 3 connections are not kept: they keep prepared statements on the client side.

_PARKED_PER_ARGUMENTS = 2
# Defaults a new session would start with that a parked one would miss: ALTER DATABASE
# or ALTER ROLE ... SET run by a migration. A parked connection is used again only if
# these are as they were when it connected (DISCARD ALL goes back to those).
_SESSION_DEFAULTS = "SELECT count(*), max(xmin::text::bigint) FROM pg_db_role_setting"
_parked = {}  # repr of connect()'s arguments -> [connection]
_foreign = []  # parked by the process this one was forked from: never used nor closed here


def _reuse_parked(connect, module):
    @functools.wraps(connect)
    def connect_or_reuse(*args, **kwargs):
        if _state["trusting"] or kwargs.get("connection_factory") is not None or \
                kwargs.get("async") or kwargs.get("async_"):
            return connect(*args, **kwargs)
        kwargs.pop("connection_factory", None)
        key = repr((args, sorted(kwargs.items())))
        reused = _take_parked(key)
        if reused is not None:
            return reused
        connection = connect(*args, connection_factory=_parking_class(module), **kwargs)
        connection._migsafe_key = key
        # What connect() made of the client side, to give the next user the same.
        connection._migsafe_encoding = connection.encoding
        connection._migsafe_cursor_factory = connection.cursor_factory
        with contextlib.suppress(Exception):  # without it, it is never parked
            connection._migsafe_defaults = _session_defaults(connection)
        return connection

    connect_or_reuse.__migsafe_guarded__ = True
    return connect_or_reuse


def _parking_class(module):
    """psycopg2's connection, with close() parking it when it can be. While parked it is
    closed to whoever still holds it: `closed` says so and cursor() refuses."""
    parking = getattr(module, "_migsafe_parking_connection", None)
    if parking is None:
        base = module.extensions.connection

        class ParkingConnection(base):
            _migsafe_parked = False

            def close(self):
                if not _park(self):
                    self.close_for_real()

            def close_for_real(self):
                self._migsafe_parked = False
                base.close(self)

            @property
            def closed(self):
                return 1 if self._migsafe_parked else base.closed.__get__(self)

            def cursor(self, *args, **kwargs):
                if self._migsafe_parked:
                    raise module.InterfaceError("connection already closed")
                return base.cursor(self, *args, **kwargs)

        module._migsafe_parking_connection = parking = ParkingConnection
    return parking


def _session_defaults(connection):
    connection.autocommit = True
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(_SESSION_DEFAULTS)
            return cursor.fetchone()
        finally:
            cursor.close()
    finally:
        connection.autocommit = False


def _park(connection):
    key = getattr(connection, "_migsafe_key", None)
    if key is None or getattr(connection, "_migsafe_allowed", None) is None or \
            getattr(connection, "_migsafe_defaults", None) is None or \
            connection.closed or len(_parked.get(key, ())) >= _PARKED_PER_ARGUMENTS or \
            connection.encoding != connection._migsafe_encoding:  # psycopg2 would not set it again
        return False
    try:
        connection.rollback()
        connection.autocommit = True
        cursor = connection.cursor()
        try:
            cursor.execute("DISCARD ALL")
        finally:
            cursor.close()
        connection.autocommit = False
        connection.set_session(isolation_level="DEFAULT", readonly="DEFAULT",
                               deferrable="DEFAULT")
        connection.cursor_factory = connection._migsafe_cursor_factory
        # Typecasters registered on this connection; SQLAlchemy registers its own again.
        connection.string_types.clear()
        connection.binary_types.clear()
        del connection.notices[:]
        del connection.notifies[:]
    except Exception:  # noqa: BLE001 - whatever failed, this one is closed for real
        return False
    connection._migsafe_pid = os.getpid()
    connection._migsafe_parked = True
    _parked.setdefault(key, []).append(connection)
    return True


def _take_parked(key):
    """A parked connection for these arguments that still reaches an allowed database,
    answers, and would start as a new session does; None when there is none."""
    parked = _parked.get(key) or []
    while parked:
        connection = parked.pop()
        if connection._migsafe_pid != os.getpid():
            _foreign.append(connection)  # closing it would end the parent's session
            continue
        connection._migsafe_parked = False
        try:
            if connection._migsafe_allowed in _state["allowed"] and \
                    _session_defaults(connection) == connection._migsafe_defaults:
                _limit_postgres(connection)
                return connection
        except Exception:  # noqa: BLE001 - the database was dropped, the server stopped
            pass
        with contextlib.suppress(Exception):
            connection.close_for_real()
    return None


def _close_parked(which):
    for key, parked in list(_parked.items()):
        keep = []
        for connection in parked:
            if connection._migsafe_pid != os.getpid():
                _foreign.append(connection)
            elif which(connection._migsafe_allowed):
                with contextlib.suppress(Exception):
                    connection.close_for_real()
            else:
                keep.append(connection)
        _parked[key] = keep


def close_parked():
    """Closes every parked connection (before the interpreter stops)."""
    _close_parked(lambda allowed: True)


atexit.register(close_parked)


def _patch_psycopg(module):
    if not getattr(module.connect, "__migsafe_guarded__", False):
        module.connect = _guard_connect(module.connect, _check_postgres)
    cls = getattr(module, "Connection", None)
    original = getattr(cls, "connect", None) if cls is not None else None
    if original is not None and not getattr(original, "__migsafe_guarded__", False):
        # Connection.connect is a classmethod: wrap the bound call, keep it a classmethod.
        function = original.__func__

        def connect(klass, *args, **kwargs):
            return function(klass, *args, **kwargs)

        guarded = _guard_connect(connect, _check_postgres)
        cls.connect = classmethod(guarded)


# --- SQLite -------------------------------------------------------------------------

def _sqlite_requested_path(database, uri):
    """(absolute path or "", in memory) of what sqlite3.connect() was asked to open."""
    if isinstance(database, bytes):
        database = os.fsdecode(database)
    database = os.fspath(database)
    if uri and database.startswith("file:"):
        parsed = urllib.parse.urlsplit(database)
        query = urllib.parse.parse_qs(parsed.query)
        path = urllib.parse.unquote(parsed.path)
        if "memory" in query.get("mode", []) or path in ("", ":memory:"):
            return "", True
        return os.path.abspath(path), False
    if database in ("", ":memory:"):
        return "", True
    return os.path.abspath(database), False


def _same_file(path, other):
    try:
        mine, theirs = os.stat(path), os.stat(other)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def _check_sqlite_request(database, uri):
    if _state["trusting"]:
        return
    path, in_memory = _sqlite_requested_path(database, uri)
    target = "sqlite:///" + path if path else "sqlite:// (in memory)"
    allowed = [a.sqlite_path() for a in _state["allowed"] if a.dialect() == "sqlite"]
    if not allowed:
        raise _refuse(target, "migsafe made no SQLite database in this run")
    if in_memory:
        raise _refuse(target, "an in-memory database, not the scratch file %s" % allowed[0])
    for scratch in allowed:
        if os.path.exists(path) and _same_file(path, scratch):
            return
        # The scratch file may not exist yet: sqlite3 creates it on this very connect.
        if not os.path.exists(path) and not os.path.exists(scratch) and path == scratch:
            return
    raise _refuse(target, "not the scratch file %s" % allowed[0])


def _guard_sqlite_connect(connect):
    @functools.wraps(connect)
    def guarded(database, *args, **kwargs):
        uri = kwargs.get("uri", args[6] if len(args) > 6 else False)
        _check_sqlite_request(database, uri)
        connection = connect(database, *args, **kwargs)
        if deadline.limit() and not _state["trusting"]:
            # Checked every 10,000 virtual machine steps: a statement stops soon after
            # the step's time is up ("interrupted").
            connection.set_progress_handler(deadline.sqlite_progress_handler, 10000)
        return connection

    guarded.__migsafe_guarded__ = True
    return guarded


def _patch_sqlite3(module):
    for owner in (module, getattr(module, "dbapi2", None)):
        if owner is not None and not getattr(owner.connect, "__migsafe_guarded__", False):
            owner.connect = _guard_sqlite_connect(owner.connect)


# --- SQLAlchemy: engine origins and drivers not hooked above ------------------------

def _engine_origin(frame):
    """Where the engine behind the connection being opened was built, if one was."""
    while frame is not None:
        for name in ("self", "engine"):
            built_at = getattr(frame.f_locals.get(name), "_migsafe_built_at", None)
            if built_at:
                return built_at
        frame = frame.f_back
    return ()


def _outside_sqlalchemy(frame):
    lines = []
    while frame is not None:
        filename = os.path.abspath(frame.f_code.co_filename)
        if os.sep + "sqlalchemy" + os.sep not in filename:
            lines.append((filename, frame.f_lineno))
        frame = frame.f_back
    return tuple(lines)


def _record_origin(create_engine):
    @functools.wraps(create_engine)
    def recording(*args, **kwargs):
        engine = create_engine(*args, **kwargs)
        with contextlib.suppress(AttributeError, TypeError):
            engine._migsafe_built_at = _outside_sqlalchemy(sys._getframe(1))
        return engine

    recording.__migsafe_guarded__ = True
    return recording


def _check_other_driver(dbapi_connection, _connection_record):
    """Pool "connect" event: a connection from a driver without a connect() hook."""
    module = type(dbapi_connection).__module__ or ""
    if _state["trusting"] or module.split(".")[0] in _HOOKED_DRIVER_MODULES:
        return
    if any(a.dialect() == "postgresql" for a in _state["allowed"]):
        _check_postgres(dbapi_connection)
        return
    raise _refuse("a database reached through %s" % module,
                  "migsafe cannot identify connections of this driver; use psycopg2, "
                  "psycopg or sqlite3")


def _patch_sqlalchemy(module):
    create = sys.modules.get("sqlalchemy.engine.create")
    if create is not None and not getattr(create.create_engine, "__migsafe_guarded__", False):
        create.create_engine = _record_origin(create.create_engine)
        module.create_engine = create.create_engine
        engine_module = sys.modules.get("sqlalchemy.engine")
        if engine_module is not None:
            engine_module.create_engine = create.create_engine
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool
    if not event.contains(Pool, "connect", _check_other_driver):
        event.listen(Pool, "connect", _check_other_driver)
    for name, listener in (("before_cursor_execute", _record_statement),
                           ("begin", _record_begin), ("commit", _record_commit)):
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)


# --- recording what runs ------------------------------------------------------------

@contextlib.contextmanager
def recording(recorder):
    """recorder(sql) is called with each statement SQLAlchemy executes (placeholders
    numbered $1, $2, ... as PostgreSQL writes them), and with "BEGIN" and "COMMIT", on
    the caller's stack, until the block ends."""
    previous = _state["recorder"]
    _state["recorder"] = recorder
    try:
        yield
    finally:
        _state["recorder"] = previous


def _record_statement(conn, cursor, statement, parameters, context, executemany):
    recorder = _state["recorder"]
    if recorder is not None:
        recorder(_numbered_placeholders(statement, conn.dialect.paramstyle))


def _record_begin(conn):
    if _state["recorder"] is not None and not _autocommit(conn):
        _state["recorder"]("BEGIN")


def _record_commit(conn):
    if _state["recorder"] is not None and not _autocommit(conn):
        _state["recorder"]("COMMIT")


def _autocommit(conn):
    """SQLAlchemy begins and commits on an AUTOCOMMIT connection too (autocommit_block):
    nothing the database sees as a transaction."""
    try:
        return conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
    except AttributeError:
        return False


def _numbered_placeholders(statement, paramstyle):
    """The statement with the driver's placeholders (%(name)s, %s, ?, :name) written as
    $1, $2, ...: what PostgreSQL's parser reads. Quoted text is left alone."""
    import re
    patterns = {
        "pyformat": r"%\(\w+\)s|%s|%%",
        "format": r"%s|%%",
        "qmark": r"\?",
        "numeric": r":\d+",
        "named": r"(?<!:):\w+",
    }
    pattern = patterns.get(paramstyle)
    if pattern is None:
        return statement
    token = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|" + pattern)
    numbers = {}

    def number(match):
        text = match.group(0)
        if text[0] in "'\"":
            return text
        if text == "%%":
            return "%"
        key = text if paramstyle in ("pyformat", "named", "numeric") and text != "%s" else None
        if key is None:
            numbers[len(numbers)] = len(numbers) + 1
            return "$%d" % len(numbers)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
        return "$%d" % numbers[key]

    return token.sub(number, statement)


# --- installing the hooks -----------------------------------------------------------

_PATCHES = {
    "psycopg2": _patch_psycopg2,
    "psycopg": _patch_psycopg,
    "sqlite3": _patch_sqlite3,
    "sqlalchemy": _patch_sqlalchemy,
}


class _PatchingLoader(importlib.abc.Loader):
    """Runs a module's own loader, then patches the module before anyone else uses it."""

    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name):  # get_source, get_resource_reader, ...
        return getattr(self._loader, name)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Patches the drivers when they are first imported: importing them all up front
    would cost every command tens of milliseconds."""

    def find_spec(self, name, path=None, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


def install():
    """Hooks every driver, now for those already imported, on import for the others."""
    for name, patch in _PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    if not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())


def _make_url(url):
    from sqlalchemy.engine import make_url
    return make_url(url)
