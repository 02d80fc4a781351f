#include "dbdrivers/cleanup/reaper_main.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <set>
#include <vector>

#include "dbdrivers/cleanup/steps.hpp"
#include "dbdrivers/cleanup/step_codec.hpp"

namespace migsafe::dbdrivers::cleanup {
namespace {

bool run(const Step& step) {
  switch (step.kind) {
    case StepKind::remove_folder:
      return step.args.size() == 1 && remove_folder(step.args[0]);
    case StepKind::stop_postmaster:
      return step.args.size() == 1 && stop_postmaster(step.args[0]);
    case StepKind::drop_database:
      return step.args.size() == 2 && drop_database(step.args[0], step.args[1]);
    case StepKind::compose_down:
      return step.args.size() == 1 && compose_down(step.args[0]);
    case StepKind::track_group:
    case StepKind::untrack_group:
      return true;
  }
  return false;
}

}  // namespace

int reaper_main(int channel) noexcept {
  std::vector<Step> steps;
  std::set<pid_t> groups;
  // Whatever goes wrong while listening, what was registered so far is still undone.
  try {
    std::string pending;
    char buffer[4096];
    for (;;) {
      ssize_t n = read(channel, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      pending.append(buffer, static_cast<std::size_t>(n));
      for (std::size_t end; (end = pending.find('\n')) != std::string::npos;) {
        auto step = decode_step(pending.substr(0, end));
        pending.erase(0, end + 1);
        if (!step || step->args.empty()) continue;
        if (step->kind == StepKind::track_group) {
          groups.insert(static_cast<pid_t>(std::stol(step->args[0])));
        } else if (step->kind == StepKind::untrack_group) {
          groups.erase(static_cast<pid_t>(std::stol(step->args[0])));
        } else {
          steps.push_back(*step);
        }
      }
    }
  } catch (...) {
  }
  // A command still running means migsafe died mid-way: stop it before undoing.
  for (pid_t group : groups) kill(-group, SIGKILL);
  bool all_ok = true;
  for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
    try {
      all_ok = run(*step) && all_ok;
    } catch (...) {
      all_ok = false;
    }
  }
  return all_ok ? 0 : 1;
}

}  // namespace migsafe::dbdrivers::cleanup
