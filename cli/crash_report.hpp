#pragma once

namespace migsafe::cli {

// A crash (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL), most likely in a migration's
// native code, ends migsafe with exit code 2 and a message instead of the signal: CI must
// not read a run killed by a signal as anything but "could not run". The embedded
// Python's faulthandler (bridge/exits.py) prints the Python stack, naming the revision,
// first. The scratch databases' reapers clean up when the process is gone.
void install_crash_report();

}  // namespace migsafe::cli
