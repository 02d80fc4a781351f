#pragma once

#include <sys/types.h>

namespace migsafe::dbdrivers::cleanup {

// The live reapers and the running child command, kept where a signal handler may read
// them: fixed slots of atomics, no allocation, no locks.

// Records a reaper; returns its slot, or -1 when all slots are taken (the reaper then
// still cleans up when migsafe exits, the handler just does not wait for it).
int add_reaper(int channel_fd, pid_t pid) noexcept;
// Closes the channel (which starts the reaper's clean-up) with interrupts blocked, so a
// handler never waits for a reaper whose channel the main code was about to close.
void close_reaper_channel(int slot, int channel_fd) noexcept;
void remove_reaper(int slot) noexcept;

// The process group of the command being run (0: none); an interrupt kills it.
void set_foreground_group(pid_t group) noexcept;

// For the interrupt handler: kill the running command, start every reaper, wait until
// they are done, then _exit(exit_code).
[[noreturn]] void run_reapers_and_exit(int exit_code) noexcept;

}  // namespace migsafe::dbdrivers::cleanup
