"""Output hygiene: migsafe's stdout may be JSON, so Alembic's chatter, print() in env.py
and logging set up by env.py's fileConfig() must never reach it. With -v they go to
stderr instead. Whatever the project's code writes passes through a mask: a password
migsafe was given (a URL's, PGPASSWORD) never reaches the terminal or a CI log.

Python's sys.stdout and sys.stderr are not the only way out: os.write(2, ...), a C
library's printf and a subprocess (os.system("pg_dump $DATABASE_URL")) write to the
file descriptors. While the project's code runs, descriptors 1 and 2 are a pipe whose
reader thread masks what comes through and passes it on as the Python streams are."""

import contextlib
import io
import logging
import logging.config
import os
import sys
import threading

_state = {"verbose": False, "depth": 0}
_real_file_config = logging.config.fileConfig


class _Discard(io.TextIOBase):
    def write(self, text):
        return len(text)

    def writable(self):
        return True


DISCARD = _Discard()

# Longest first, so a secret inside another is not masked before it. A tuple replaced
# whole: the pump threads read it while a session adds to it.
_secrets = ()


def add_secret(value):
    """A value never to print, as written and percent-encoded (as URLs carry it)."""
    global _secrets
    if not isinstance(value, str) or not value:
        return
    from urllib.parse import quote
    _secrets = tuple(sorted(set(_secrets) | {value, quote(value, safe="")}, key=len,
                            reverse=True))


class _Masked(io.TextIOBase):
    """A text stream that writes to `stream` with every secret replaced by ***."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        masked = text
        for secret in _secrets:
            masked = masked.replace(secret, "***")
        self._stream.write(masked)
        return len(text)  # what the caller gave: the mask is not its business

    def flush(self):
        self._stream.flush()

    def writable(self):
        return True

    def isatty(self):
        return self._stream.isatty()

    @property
    def encoding(self):
        return getattr(self._stream, "encoding", "utf-8")


_masked_stderr = _Masked(sys.__stderr__)


def install(verbose):
    """Replaces logging.config.fileConfig, which env.py calls on every run; called by
    each session before env.py is imported."""
    _state["verbose"] = bool(verbose)
    logging.config.fileConfig = _file_config


def output_sink():
    """Where print() and Alembic's output go while the project's code runs."""
    return _masked_stderr if _state["verbose"] else DISCARD


@contextlib.contextmanager
def project_output():
    """While the project's code runs: its stdout to output_sink(), its stderr masked, at
    the Python level and at the file descriptors."""
    with contextlib.redirect_stdout(output_sink()), contextlib.redirect_stderr(_masked_stderr):
        with _descriptors_masked():
            yield


_terminal = {}


def terminal_stderr():
    """A file on a copy of descriptor 2 as it was at first call (before any pipe):
    for what must get out even if the process dies (faulthandler's stack)."""
    if "stderr" not in _terminal:
        _terminal["stderr"] = os.fdopen(os.dup(2), "w", buffering=1)
    return _terminal["stderr"]


def _mask_bytes(data):
    for secret in _secrets:
        data = data.replace(secret.encode("utf-8", "surrogateescape"), b"***")
    return data


def _safe_cut(data, cut):
    """`cut`, moved back to the start of any secret in `data` that it would split: the
    two halves would each pass the mask."""
    moved = True
    while moved:
        moved = False
        for secret in _secrets:
            encoded = secret.encode("utf-8", "surrogateescape")
            at = data.find(encoded, max(0, cut - len(encoded) + 1))
            if 0 <= at < cut < at + len(encoded):
                cut, moved = at, True
    return cut


class _Pump:
    """A pipe and the thread that copies what comes through it to `target` (None: drops
    it), masked. Made once per process and kept: two threads started and joined per run
    of env.py were 2.5 ms of each. A secret split across two reads must not slip
    through, so the tail that could start one waits for more; drain() returns once
    everything written before it is out (each call sends its own numbered marker, so a
    late one from a drain that timed out cannot end the next)."""

    def __init__(self):
        self.read_fd, self.write_fd = os.pipe()
        self._target = None
        self._lock = threading.Lock()  # held while writing to the target
        self._marker = b"\0migsafe-drained-" + os.urandom(8).hex().encode() + b"-"
        self._sent = 0
        self._seen = 0
        self._progress = threading.Condition()
        self._thread = threading.Thread(target=self._copy, daemon=True)
        self._thread.start()

    def alive(self):
        return self._thread.is_alive()

    def set_target(self, fd):
        with self._lock:
            self._target = fd

    def drain(self, timeout):
        """Waits until what was written before this call is out; False after timeout
        (a process the project left running fills the pipe)."""
        self._sent += 1
        number = self._sent
        try:
            os.write(self.write_fd, self._marker + str(number).encode() + b"\0")
        except OSError:
            return False
        with self._progress:
            return self._progress.wait_for(lambda: self._seen >= number, timeout)

    def _copy(self):
        pending = b""
        while True:
            try:
                chunk = os.read(self.read_fd, 65536)
            except InterruptedError:
                continue
            if not chunk:
                return
            try:
                pending = self._pass_on(pending + chunk)
            except Exception:  # noqa: BLE001 - this thread must outlive any bad chunk
                pending = b""

    def _pass_on(self, pending):
        """Writes out what is ready, answers markers; returns what must wait for more."""
        while True:
            at = pending.find(self._marker)
            end = pending.find(b"\0", at + len(self._marker)) if at >= 0 else -1
            if end < 0:
                break
            self._write(pending[:at])
            number = int(pending[at + len(self._marker):end] or b"0")
            pending = pending[end + 1:]
            with self._progress:
                self._seen = max(self._seen, number)
                self._progress.notify_all()
        keep = max([len(s.encode("utf-8", "surrogateescape")) for s in _secrets] +
                   [len(self._marker) + 21]) - 1
        cut = pending.rfind(b"\n") + 1 or max(0, len(pending) - keep)
        marker_at = pending.find(self._marker)
        if marker_at >= 0:
            cut = min(cut, marker_at)  # a marker whose number has not all arrived
        cut = _safe_cut(pending, cut)
        self._write(pending[:cut])
        return pending[cut:]

    def _write(self, data):
        if not data:
            return
        masked = _mask_bytes(data)
        with self._lock:
            if self._target is None:
                return
            with contextlib.suppress(OSError):
                while masked:
                    masked = masked[os.write(self._target, masked):]


_pumps = {}  # "pid", "out", "err"


def _pumps_of_this_process():
    # Threads do not survive fork(); a thread that died is replaced.
    if _pumps.get("pid") != os.getpid() or not _pumps["out"].alive() or \
            not _pumps["err"].alive():
        _pumps.update(pid=os.getpid(), out=_Pump(), err=_Pump())
    return _pumps["out"], _pumps["err"]


@contextlib.contextmanager
def _descriptors_masked():
    if _state["depth"]:  # already inside: one pipe serves the nested runs
        _state["depth"] += 1
        try:
            yield
        finally:
            _state["depth"] -= 1
        return
    terminal_stderr()  # copied before descriptor 2 becomes the pipe
    for stream in (sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    out_pump, err_pump = _pumps_of_this_process()
    saved_out, saved_err = os.dup(1), os.dup(2)
    # stdout carries the report: the project's bytes go where its print() goes.
    out_pump.set_target(saved_err if _state["verbose"] else None)
    err_pump.set_target(saved_err)
    os.dup2(out_pump.write_fd, 1)
    os.dup2(err_pump.write_fd, 2)
    _state["depth"] = 1
    try:
        yield
    finally:
        _state["depth"] = 0
        for stream in (sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(Exception):
                stream.flush()
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        # Everything the project wrote is out before migsafe writes again. A process it
        # started and left running writes into nothing from now on: do not wait for it.
        out_pump.drain(2)
        err_pump.drain(2)
        out_pump.set_target(None)
        err_pump.set_target(None)
        os.close(saved_out)
        os.close(saved_err)


def _file_config(fname, defaults=None, disable_existing_loggers=True, *args, **kwargs):
    if not _state["verbose"]:
        return None
    # Keep migsafe's own loggers, and send handlers aimed at stdout to stderr.
    _real_file_config(fname, defaults, False, *args, **kwargs)
    for logger in [logging.getLogger()] + [
            logging.getLogger(name) for name in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, logging.StreamHandler) and handler.stream in (
                    sys.stdout, sys.__stdout__):
                handler.setStream(_masked_stderr)
    return None
