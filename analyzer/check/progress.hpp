#pragma once

#include <cstddef>
#include <string>

#include "model/check_result.hpp"

namespace migsafe::analyzer::check {

// What `check` tells whoever watches it run (cli/progress/ draws it on stderr). Every
// event has a do-nothing default: a watcher overrides what it shows.
class Progress {
 public:
  virtual ~Progress() = default;
  // The scratch database is up: "scratch-cluster postgresql 17.10 at ... (208 ms)".
  virtual void database_ready(const std::string& /*description*/) {}
  // Something the run noticed and left alone (another run's leftover scratch database).
  virtual void note(const std::string& /*text*/) {}
  virtual void check_started(const std::string& /*check*/) {}
  // A check that works in steps (the walk over the history) starts step `n` (1-based)
  // of `count`: "upgrade 1a2b3c4d5e6f".
  virtual void step_reached(std::size_t /*n*/, std::size_t /*count*/,
                            const std::string& /*step*/) {}
  virtual void check_finished(const model::CheckResult& /*result*/) {}
};

}  // namespace migsafe::analyzer::check
