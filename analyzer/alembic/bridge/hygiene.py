"""Output hygiene: migsafe's stdout may be JSON, so Alembic's chatter, print() in env.py
and logging set up by env.py's fileConfig() must never reach it. With -v they go to
stderr instead. Whatever the project's code writes passes through a mask: a password
migsafe was given (a URL's, PGPASSWORD) never reaches the terminal or a CI log."""

import contextlib
import io
import logging
import logging.config
import sys

_state = {"verbose": False}
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
    """While the project's code runs: its stdout to output_sink(), its stderr masked."""
    with contextlib.redirect_stdout(output_sink()), contextlib.redirect_stderr(_masked_stderr):
        yield


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
