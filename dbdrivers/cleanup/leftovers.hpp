#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dbdrivers/os/process_mark.hpp"

namespace migsafe::dbdrivers::cleanup {

// The reaper undoes a run's scratch databases however migsafe ends, unless it is killed
// too (a CI runner's SIGKILL of the whole process group or cgroup). What such a run left
// is found by the next one from the mark each scratch folder and database carries.
enum class Leftover {
  in_use,  // its maker still runs on this machine: not a leftover
  remove,  // its maker is gone from this machine, or it is older than a day
  report,  // made elsewhere (another CI host may still use it), or unmarked: named, kept
};

constexpr long long leftover_age_limit_seconds = 24 * 60 * 60;

// What to do with something a run made, by its maker's mark (nullopt: it has none).
Leftover judge_leftover(const std::optional<os::ProcessMark>& maker, long long now);

// "made by pid 4242 on ci-3, 3 h ago" for messages; "unmarked" without a mark.
std::string describe_maker(const std::optional<os::ProcessMark>& maker, long long now);

// What the names of scratch folders start with: the sweep looks at these alone.
constexpr const char* cluster_folder_prefix = "migsafe-pg-";
constexpr const char* sqlite_folder_prefix = "migsafe-sqlite-";
constexpr const char* walk_folder_prefix = "migsafe-walk-";  // check's split walk's file

// The scratch folders in `base`: those judged `remove` are removed, a
// PostgreSQL server still running in one stopped first. Returns a note for each one left
// alone as `report`. Never throws.
std::vector<std::string> sweep_scratch_folders(const std::filesystem::path& base);

}  // namespace migsafe::dbdrivers::cleanup
