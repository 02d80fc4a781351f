#pragma once

namespace migsafe::dbdrivers {

// Installs SIGINT/SIGTERM (and SIGHUP) handlers that remove every live scratch database
// before migsafe exits with 130 / 143 (129): they start the reapers, wait for them and
// _exit. Call once, early in main, before any scratch database exists. Without it the
// reapers still clean up (the kernel closes their channels when migsafe dies); the
// handler only makes migsafe wait for that and exit with the conventional code.
// Self-contained: an embedded Python must not install its own handlers.
void install_interrupt_handlers();

}  // namespace migsafe::dbdrivers
