#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "analyzer/check/chain_walk.hpp"

namespace migsafe::analyzer::check {

// What the first process of a split chain walk (second_walk.hpp) asks the second for.
struct WalkPartRequest {
  std::filesystem::path project;  // folder holding alembic.ini, or the .ini itself
  std::size_t first = 0;          // walk revisions [first, end of the history)
  ChainWalkParts parts;
  std::string url_env_var = "DATABASE_URL";
  bool verbose = false;
  double timeout_seconds = 1800;
};

// walk-part's exit status when the revisions below its part do not apply from an empty
// database: the first process meets that failure itself, in its own half of the walk.
constexpr int walk_part_below_fails = 3;

// Walks the part on `database_url`, which must be a scratch database migsafe made (a
// PostgreSQL database named migsafe_..., a SQLite file in a marked scratch folder:
// model::UsageError otherwise), and returns it as encode_walk_part()'s text. Throws
// alembic::MigrationError when the revisions below `first` cannot all be applied.
std::string walk_part_json(const WalkPartRequest& request, const std::string& database_url);

}  // namespace migsafe::analyzer::check
