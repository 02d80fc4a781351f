#include "cli/crash_report.hpp"

#include <csignal>
#include <cstring>
#include <initializer_list>
#include <fcntl.h>
#include <unistd.h>

namespace migsafe::cli {
namespace {

// The terminal's stderr as the process started: while a project's code runs, file
// descriptor 2 is a pipe through the secrets mask (bridge/hygiene.py), whose reader
// dies with the process.
int report_fd = STDERR_FILENO;

// Only async-signal-safe calls here: write and _exit.
void report_crash(int signal_number) {
  const char* name = signal_number == SIGSEGV   ? "SIGSEGV"
                     : signal_number == SIGABRT ? "SIGABRT"
                     : signal_number == SIGBUS  ? "SIGBUS"
                     : signal_number == SIGFPE  ? "SIGFPE"
                                                : "SIGILL";
  const char* parts[] = {
      "migsafe: error: the process crashed (", name,
      "); a Python stack printed above names the migration that was running\n"
      "  fix: run `alembic upgrade head` on a scratch database to reproduce it; if no "
      "migration was running, this is a bug in migsafe: please report it\n"};
  for (const char* part : parts) {
    ssize_t ignored = ::write(report_fd, part, std::strlen(part));
    (void)ignored;
  }
  ::_exit(2);
}

}  // namespace

void install_crash_report() {
  if (const int kept = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3); kept >= 0) report_fd = kept;
  struct sigaction action {};
  action.sa_handler = report_crash;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a crash inside the handler ends the process
  for (int signal_number : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) {
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace migsafe::cli
