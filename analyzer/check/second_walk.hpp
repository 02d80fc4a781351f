#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "analyzer/check/chain_walk.hpp"
#include "analyzer/check/check_request.hpp"
#include "dbdrivers/scratch.hpp"

namespace migsafe::analyzer::check {

// The upper part of the chain walk in a second migsafe process (`migsafe walk-part`,
// internal: cli/walk_part_command.cpp) on a second scratch database beside the first.
// On a long history the walk is most of `check`'s time, and one process alternates
// between the embedded Python and the database server: a second core sits idle.
// The process starts with the run, so it walks while this one runs the other checks.
class SecondWalk {
 public:
  // Starts walking the upper revisions of a history of `revision_count` now, or returns
  // null: a history too short to gain from it, one core, MIGSAFE_WALK_PROCESSES=1, or a
  // second database that cannot be made (the walk then runs in one process, as always).
  static std::unique_ptr<SecondWalk> start(const CheckRequest& request,
                                           const dbdrivers::ScratchDatabase& database,
                                           std::size_t revision_count, ChainWalkParts parts);
  ~SecondWalk();  // stops the process if it still runs, then drops its database
  SecondWalk(const SecondWalk&) = delete;
  SecondWalk& operator=(const SecondWalk&) = delete;

  std::size_t first() const { return first_; }  // the first revision it walks (0-based)
  std::string what_it_walks() const;            // for the progress line

  // Waits for the process. Its part, or nullopt when it failed: the progress is told
  // why, and the caller walks those revisions itself.
  std::optional<WalkPart> wait(const std::vector<alembic::Revision>& revisions);

  // The revisions [0, first) the first process walks of a history of `count`.
  static std::size_t split_point(std::size_t count);

 private:
  struct Run;
  SecondWalk(const CheckRequest& request, std::unique_ptr<dbdrivers::ScratchDatabase> database,
             std::size_t first, std::size_t count, ChainWalkParts parts);

  const CheckRequest& request_;
  std::unique_ptr<dbdrivers::ScratchDatabase> database_;
  std::size_t first_;
  std::size_t count_;
  std::unique_ptr<Run> run_;  // its thread holds a pointer to it until joined
};

}  // namespace migsafe::analyzer::check
