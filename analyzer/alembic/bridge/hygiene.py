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

_secrets = set()


def add_secret(value):
    """A value never to print, as written and percent-encoded (as URLs carry it)."""
    if not isinstance(value, str) or not value:
        return
    from urllib.parse import quote
    _secrets.update({value, quote(value, safe="")})


class _Masked(io.TextIOBase):
    """A text stream that writes to `stream` with every secret replaced by ***."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        masked = text
        for secret in sorted(_secrets, key=len, reverse=True):
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
    for secret in sorted(_secrets, key=len, reverse=True):
        data = data.replace(secret.encode("utf-8", "surrogateescape"), b"***")
    return data


def _pump(read_fd, out_fd):
    """Copies the pipe to out_fd (None: drops it), masked. A secret split across two
    reads must not slip through: the tail that could start one waits for more."""
    keep = max((len(s.encode("utf-8", "surrogateescape")) for s in _secrets), default=1) - 1
    pending = b""
    while True:
        try:
            chunk = os.read(read_fd, 65536)
        except InterruptedError:
            continue
        pending += chunk
        if not chunk:
            ready, pending = pending, b""
        else:
            cut = pending.rfind(b"\n") + 1 or max(0, len(pending) - keep)
            ready, pending = pending[:cut], pending[cut:]
        if ready and out_fd is not None:
            masked = _mask_bytes(ready)
            with contextlib.suppress(OSError):
                while masked:
                    masked = masked[os.write(out_fd, masked):]
        if not chunk:
            break
    os.close(read_fd)


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
    saved_out, saved_err = os.dup(1), os.dup(2)
    read_fd, write_fd = os.pipe()
    # stdout carries the report: the project's bytes go where its print() goes.
    stdout_to = saved_err if _state["verbose"] else None
    err_thread = threading.Thread(target=_pump, args=(read_fd, saved_err), daemon=True)
    out_read, out_write = os.pipe()
    out_thread = threading.Thread(target=_pump, args=(out_read, stdout_to), daemon=True)
    os.dup2(out_write, 1)
    os.dup2(write_fd, 2)
    os.close(write_fd)
    os.close(out_write)
    err_thread.start()
    out_thread.start()
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
        # A process the project started and left running keeps the pipe open: do not
        # wait for it.
        err_thread.join(timeout=2)
        out_thread.join(timeout=2)
        os.close(saved_out)
        if not err_thread.is_alive() and not out_thread.is_alive():
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
