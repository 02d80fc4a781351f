"""How long one migration step may run (`migsafe check --timeout`, 1,800 s by default).

A migration that never returns would hold CI until the job's own limit, with no word of
which revision hangs. Three things bound a step, each where the wait happens:
- Python code (a loop, time.sleep(), input(), a lock): SIGALRM, re-armed for every
  step, raises StepTimedOut in the main thread, a little after the limit so that a
  statement the database stops at the limit fails with the database's own words;
- a PostgreSQL statement (a lock wait, pg_sleep()): statement_timeout, set on every
  connection to the scratch database (connections.py), since a signal cannot interrupt
  libpq's wait;
- a SQLite statement: a progress handler that interrupts it once the step's time is up.
"""

import contextlib
import signal
import threading
import time

_state = {"seconds": 0.0, "ends": None, "armed": False, "ran_out": False}

# The alarm's lead over the statement limits: a second, or a tenth of a long limit.
def _alarm_after(seconds):
    return seconds + min(max(1.0, seconds * 0.1), 30.0)


class StepTimedOut(BaseException):
    """A step ran past its time. A BaseException, as KeyboardInterrupt is: a migration's
    `except Exception` does not swallow it."""

    def __init__(self, seconds):
        super().__init__("did not finish within %s s" % format_seconds(seconds))
        self.seconds = seconds


def format_seconds(seconds):
    return ("%g" % seconds) if seconds else "0"


def configure(seconds):
    """The limit per step, in seconds; 0 for none."""
    _state["seconds"] = max(0.0, float(seconds or 0))


def limit():
    return _state["seconds"]


def statement_timeout_ms():
    """For PostgreSQL's statement_timeout: the step's limit, 0 (none) when unset."""
    return int(_state["seconds"] * 1000)


def expired():
    ends = _state["ends"]
    return ends is not None and time.monotonic() >= ends


def ran_out():
    """Whether the step running, or the last one run, used up its time."""
    return expired() or _state["ran_out"]


def restart():
    """A step begins: its time starts now."""
    if not _state["seconds"]:
        return
    _state["ends"] = time.monotonic() + _state["seconds"]
    if _state["armed"]:
        signal.setitimer(signal.ITIMER_REAL, _alarm_after(_state["seconds"]))


@contextlib.contextmanager
def steps():
    """Around one run of env.py: the alarm armed while it runs, and nothing left armed
    after it (SIGALRM's previous handler restored)."""
    if not _state["seconds"]:
        yield
        return
    previous = None
    # Signal handlers belong to the main thread; elsewhere the statement limits remain.
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGALRM, _alarm)
        _state["armed"] = True
    _state["ran_out"] = False
    try:
        restart()
        yield
    finally:
        _state["ran_out"] = expired()
        if _state["armed"]:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            _state["armed"] = False
        _state["ends"] = None


def _alarm(_signum, _frame):
    raise StepTimedOut(_state["seconds"])


def sqlite_progress_handler():
    """For sqlite3's set_progress_handler: non-zero interrupts the running statement."""
    return 1 if expired() else 0
