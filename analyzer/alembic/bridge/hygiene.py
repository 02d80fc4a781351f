"""Output hygiene: migsafe's stdout may be JSON, so Alembic's chatter, print() in env.py
and logging set up by env.py's fileConfig() must never reach it. With -v they go to
stderr instead."""

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


def install(verbose):
    """Replaces logging.config.fileConfig, which env.py calls on every run; called by
    each session before env.py is imported."""
    _state["verbose"] = bool(verbose)
    logging.config.fileConfig = _file_config


def output_sink():
    """Where print() and Alembic's output go while the project's code runs."""
    return sys.__stderr__ if _state["verbose"] else DISCARD


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
                handler.setStream(sys.__stderr__)
    return None
