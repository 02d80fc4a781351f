#include "dbdrivers/interrupts.hpp"

#include <signal.h>

#include <initializer_list>

#include "dbdrivers/cleanup/signal_table.hpp"

namespace migsafe::dbdrivers {
namespace {

void on_interrupt(int sig) { cleanup::run_reapers_and_exit(128 + sig); }

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  // A second Ctrl-C while the handler waits must not interrupt the clean-up.
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, sig);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

}  // namespace migsafe::dbdrivers
