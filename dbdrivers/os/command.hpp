#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbdrivers/os/run_as.hpp"

namespace migsafe::dbdrivers::cleanup {
class Reaper;
}

namespace migsafe::dbdrivers::os {

struct Command {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  std::optional<RunAs> run_as;    // drop root to this user in the child
  std::filesystem::path cwd;      // empty: the current folder
  // Variables set (or replaced) in the child's environment, over migsafe's own.
  std::vector<std::pair<std::string, std::string>> env;
  // True: the child's environment is `env` alone, and migsafe's own is not read (a
  // command started from a second thread while the first may change the environment).
  bool env_only = false;
  // False for a command run beside the main thread's work: the interrupt handler kills
  // the one foreground command's group, which must stay the main thread's.
  bool foreground = true;
  // Seconds before the child's group is stopped (SIGTERM, then SIGKILL); 0: no limit.
  double timeout_seconds = 0;
  // When set, the output goes here as it comes (chunks, not lines) instead of into
  // CommandResult::output: a pipeline step's log may be long and must show live.
  std::function<void(std::string_view)> on_output;
  // When set, called with the child's pid (its process group's id too) once it runs: a
  // caller that runs the command on a thread of its own can stop it from another.
  std::function<void(int)> on_start;
};

struct CommandResult {
  int exit_code = 0;   // 128+N when killed by signal N, 127 when it could not start
  std::string output;  // stdout and stderr, interleaved
  bool timed_out = false;
  bool ok() const { return exit_code == 0; }
};

// Runs a command to completion in its own session, so a Ctrl-C on the terminal reaches
// migsafe's handler and not the child half-way; the handler kills the child's group
// instead. With a reaper, the group is also killed if migsafe dies while it runs.
CommandResult run_command(const Command& command, cleanup::Reaper* reaper = nullptr);

}  // namespace migsafe::dbdrivers::os
