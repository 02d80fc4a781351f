"""A project's code must not end migsafe behind its back. os._exit() in a migration would
end the process at once, with exit status 0 and no report (CI goes green): here it raises
ExitCalled instead, which the bridge reports as an error naming the revision. A crash
(segfault, abort) cannot be turned into an exception: faulthandler prints the Python
stack, which names the revision, before migsafe's own handler exits 2
(cli/crash_report.cpp)."""

import faulthandler
import os

from . import hygiene

_real_exit = os._exit
_state = {"pid": None}


class ExitCalled(BaseException):
    """os._exit(status) called by the project's code. A BaseException, as SystemExit is:
    `except Exception` in a migration does not swallow it."""

    def __init__(self, status):
        super().__init__("os._exit(%r)" % (status,))
        self.status = status


def _exit_instead(status):
    if os.getpid() != _state["pid"]:
        _real_exit(status)  # a forked child (multiprocessing) ends as it asked
    raise ExitCalled(status)


def install():
    """Called by each session before env.py runs."""
    _state["pid"] = os.getpid()
    os._exit = _exit_instead
    if not faulthandler.is_enabled():
        # A copy of stderr as it is now: while the project's code runs, descriptor 2 is
        # the secrets mask's pipe (hygiene.py), whose reader dies with the process.
        faulthandler.enable(file=hygiene.terminal_stderr(), all_threads=False)
