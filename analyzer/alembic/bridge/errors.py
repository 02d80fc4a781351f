"""Every exception the project's code raises becomes a BridgeError: the one exception
C++ reads (analyzer/alembic/python_errors.cpp), naming the user's file and line and how
to fix it. No raw traceback reaches the user."""

import configparser
import inspect
import json
import os
import sys

from alembic.util import CommandError

from . import deadline, exits, locations


class BridgeError(Exception):
    """kind: "input" (the project is wrong: exit 2), "environment" (the machine or the
    database server: exit 2) or "migration" (a migration failed: a finding)."""

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

    def to_json(self):
        """The error's JSON shape (docs/bridge.md)."""
        return json.dumps({
            "kind": self.kind, "message": self.message, "fix": self.fix,
            "revision": self.revision or "", "file": self.file or "",
            "line": int(self.line or 0), "column": int(self.column or 0),
            "statement": self.statement or "", "database_error": self.database_error or "",
        })


def _environment_notes():
    """What start-up noticed that explains a ModuleNotFoundError (a virtualenv it had
    to ignore, ...)."""
    startup = sys.modules.get("migsafe_startup")
    return list(getattr(startup, "NOTES", []))


def first_line(text):
    text = str(text).strip()
    return text.splitlines()[0] if text else ""


def database_message(error):
    """The database's error: its first line, then PostgreSQL's DETAIL and HINT, which
    name the object in the way ("view recent_users depends on table ...") and the way
    out. psycopg2 and psycopg 3 carry them in .diag; other drivers in the text."""
    parts = [first_line(error)]
    diag = getattr(error, "diag", None)
    detail = getattr(diag, "message_detail", None)
    hint = getattr(diag, "message_hint", None)
    if detail is None and hint is None:
        for line in str(error).splitlines()[1:]:
            label, _, text = line.strip().partition(":")
            if label == "DETAIL":
                detail = text.strip()
            elif label == "HINT":
                hint = text.strip()
    if detail:
        parts.append("DETAIL: " + " ".join(detail.split()))
    if hint:
        parts.append("HINT: " + " ".join(hint.split()))
    return "; ".join(parts)


def _exit_called(session, exc, frames):
    """os._exit() in the project's code: exit 2, naming where, never a pass."""
    if frames:
        filename, line, column, _ = frames[-1]
        revision = session.revision_files().get(filename, "")
        who = "revision %s (%s:%d)" % (revision, session.relative(filename), line) if revision \
            else "%s:%d" % (session.relative(filename), line)
    else:
        filename, line, column, revision, who = "", 0, 0, session.running or "", "the project"
    return BridgeError(
        "input", "%s calls os._exit(%r): it would end migsafe at once, with no report"
        % (who, exc.status),
        "raise an exception to make a migration fail; os._exit() also skips Alembic's "
        "own clean-up under `alembic upgrade`",
        revision=revision, file=filename, line=line, column=column)


def _statement_error(exc):
    """The DBAPI error (SQLAlchemy's, with the statement) behind exc: itself, or the one
    being handled when a time limit's alarm interrupted the handling."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if is_dbapi_error(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__context__
    return None


def _timed_out(exc, failing):
    """The step's time limit stopped it: the alarm in Python code, PostgreSQL's
    statement_timeout (SQLSTATE 57014 with that reason), SQLite's interrupted statement."""
    if isinstance(exc, deadline.StepTimedOut):
        return True
    # The step's time must be up too: a statement_timeout of the migration's own, or an
    # interrupt of the project's, is the migration's failure, not ours.
    if failing is None or not deadline.ran_out():
        return False
    orig = failing.orig
    code = getattr(getattr(orig, "diag", None), "sqlstate", None) or getattr(orig, "pgcode", None)
    return (code == "57014" and "statement timeout" in str(orig)) or "interrupted" in str(orig)


def describe(exc):
    message = first_line(exc)
    return "%s: %s" % (type(exc).__name__, message) if message else type(exc).__name__


def is_dbapi_error(exc):
    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover - SQLAlchemy is always there with Alembic
        return False
    return isinstance(exc, DBAPIError)


def _is_connection_error(exc):
    """A failure to reach the database at all (refused, bad password, no such file)."""
    if is_dbapi_error(exc):
        # SQLAlchemy wraps connect() failures too; they carry no statement.
        return not getattr(exc, "statement", None) and \
            type(exc.orig).__name__ == "OperationalError"
    module = type(exc).__module__ or ""
    message = str(exc)
    if module.startswith("psycopg"):  # psycopg2 and psycopg 3
        return type(exc).__name__ == "OperationalError" and "connect" in message
    if module.startswith("sqlite3"):
        return "unable to open database file" in message
    return False


def command_error_fix(message):
    if "Multiple head" in message or "multiple heads" in message:
        return "merge the heads with `alembic merge heads`, or name one head"
    if "Can't locate revision" in message:
        return "check the revision id, or run `alembic heads` to see the valid ones"
    if "Path doesn't exist" in message:
        return ("set script_location in alembic.ini to the migrations folder, e.g. "
                "%(here)s/migrations")
    return ""


def foreign_database(session, refusal):
    """A connection to a database migsafe did not create (connections.ForeignDatabase):
    the run stops (exit 2), naming the URL (masked), where the project opened it and
    where it built the engine."""
    def project_frames(frames):
        return [f for f in frames if session.in_project(f[0]) and os.path.isfile(f[0])]

    opened = project_frames(locations.traceback_frames(refusal.__traceback__))
    built = project_frames(refusal.built_at)
    where = ""
    if opened:
        where += " at %s:%d" % (session.relative(opened[-1][0]), opened[-1][1])
    if built and (not opened or built[0][:2] != opened[-1][:2]):
        where += " (engine built at %s:%d)" % (session.relative(built[0][0]), built[0][1])
    variable = session.url_env_var or "DATABASE_URL"
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


def translate(session, exc, phase, label):
    """The BridgeError for an exception raised while `phase` ("load", "env", "seed",
    "call") ran; label names the seed or call."""
    if isinstance(exc, BridgeError):
        return exc  # already says what is wrong (graph.py's checks, say)
    frames = locations.traceback_frames(exc.__traceback__)
    project_frames = [f for f in frames if session.in_project(f[0])]
    deepest = project_frames[-1] if project_frames else None
    files = session.revision_files()

    if isinstance(exc, SyntaxError) and exc.filename and os.path.exists(exc.filename):
        path = os.path.abspath(exc.filename)
        return BridgeError(
            "input", "%s:%s: SyntaxError: %s" % (session.relative(path), exc.lineno, exc.msg),
            "fix the syntax error; `/usr/bin/python3 -m py_compile %s` shows it" % path,
            revision=files.get(path, ""), file=path, line=exc.lineno or 0,
            column=exc.offset or 0)

    if _is_connection_error(exc):
        orig = getattr(exc, "orig", exc)
        return BridgeError(
            "environment", "cannot connect to the database %s: %s"
            % (session.url or session.configured_url, first_line(orig)),
            "check that the database server is running and that the URL is right")

    revision_frames = [f for f in frames if f[0] in files]
    if isinstance(exc, exits.ExitCalled):
        return _exit_called(session, exc, revision_frames or project_frames)

    if phase == "env" and (revision_frames or session.running):
        if revision_frames:
            filename, line, column, _ = revision_frames[-1]
            revision = files[filename]
            origin = getattr(exc, "__migsafe_origin__", None)
            if origin is not None and origin[0] == filename:
                line, column = origin[1], origin[2]  # the batch_op.* call, not `with`
        else:
            revision = session.running
            filename = session.file_of(revision)
            line, column = 0, 0
        failing = _statement_error(exc)
        statement = inspect.cleandoc(getattr(failing, "statement", None) or "")
        database_error = database_message(failing.orig) if failing is not None else ""
        where = "%s:%d" % (session.relative(filename), line) if line else \
            session.relative(filename)
        if _timed_out(exc, failing):
            # In database_error too: the checks quote it as the reason the step failed.
            database_error = "did not finish within %s s (check's --timeout)%s" % (
                deadline.format_seconds(deadline.limit()),
                "; the database said: " + database_error if database_error else "")
            message = "revision %s (%s) %s" % (revision, where, database_error)
        else:
            message = "revision %s (%s) failed: %s" % (revision, where,
                                                        database_error or describe(exc))
        return BridgeError("migration", message, "", revision, filename, line, column,
                           statement, database_error)

    if phase == "load" and revision_frames:
        filename, line, column, _ = revision_frames[-1]
        return BridgeError(
            "input", "%s:%d: importing the revision raised %s"
            % (session.relative(filename), line, describe(exc)),
            "fix the revision file so that `import` of it succeeds",
            file=filename, line=line, column=column)

    if isinstance(exc, configparser.Error):
        return BridgeError("input", "%s: %s" % (session.relative(session.ini_path),
                                                first_line(exc)),
                           "fix the ini file's syntax")

    if isinstance(exc, CommandError):
        return BridgeError("input", "alembic: %s" % first_line(exc),
                           command_error_fix(str(exc)))

    fix = ""
    if isinstance(exc, ModuleNotFoundError):
        fix = ("make the project's packages importable as `alembic` imports them: activate "
               "the project's virtualenv (made with /usr/bin/python3 -m venv, Python %d.%d), "
               "or set PYTHONPATH to the folder that holds them, before running migsafe"
               % sys.version_info[:2])
        notes = _environment_notes()
        if notes:
            fix += "; note: " + "; ".join(notes)

    env_frames = [f for f in frames if f[0] == session.env_py]
    if env_frames and phase in ("env", "load", "call"):
        filename, line, column, _ = env_frames[-1]
        cause = ""
        if deepest is not None and deepest[0] != session.env_py:
            # env.py imported the models, and they raised: name that line too.
            cause = " (%s:%d)" % (session.relative(deepest[0]), deepest[1])
        return BridgeError(
            "input", "env.py (%s:%d) raised %s%s" % (session.relative(filename), line,
                                                     describe(exc), cause),
            fix or "fix env.py: migsafe runs it as `alembic upgrade` does, with "
            "sqlalchemy.url and $%s set to the scratch database; reproduce with "
            "`/usr/bin/python3 -m alembic -c %s upgrade head`"
            % (session.url_env_var or "DATABASE_URL", session.ini_path),
            file=filename, line=line, column=column)

    subject = {"seed": "seed %s" % label, "call": label}.get(phase, "alembic")
    if deepest is not None:
        filename, line, column, _ = deepest
        message = "%s raised %s (%s:%d)" % (subject, describe(exc),
                                            session.relative(filename), line)
        return BridgeError("input", message, fix, file=filename, line=line, column=column)
    # No project frame: point at the innermost frame to keep the cause findable.
    detail = ""
    real_frames = [f for f in frames if os.path.isfile(f[0])]
    if real_frames and not isinstance(exc, ImportError):
        filename, line, _c, _n = real_frames[-1]
        detail = " (%s:%d)" % (filename, line)
    return BridgeError("input", "%s raised %s%s" % (subject, describe(exc), detail), fix)
