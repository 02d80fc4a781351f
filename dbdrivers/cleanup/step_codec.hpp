#pragma once

#include <optional>
#include <string>
#include <vector>

namespace migsafe::dbdrivers::cleanup {

enum class StepKind {
  remove_folder,    // args: folder
  stop_postmaster,  // args: data dir
  drop_database,    // args: libpq URI of an admin database, database name
  compose_down,     // args: compose file
  track_group,      // args: process group id
  untrack_group,    // args: process group id
};

struct Step {
  StepKind kind;
  std::vector<std::string> args;
};

// One line per step on the reaper's channel; fields are percent-escaped so paths with
// spaces or newlines survive.
std::string encode_step(const Step& step);
std::optional<Step> decode_step(const std::string& line);

}  // namespace migsafe::dbdrivers::cleanup
