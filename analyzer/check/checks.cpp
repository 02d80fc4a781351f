#include "analyzer/check/checks.hpp"

#include <algorithm>

namespace migsafe::analyzer::check {

const std::vector<CheckDefinition>& check_definitions() {
  static const std::vector<CheckDefinition> definitions = {
      {"single-head", NeedsDatabase::no, OnByDefault::yes, check_single_head},
      {"upgrade", NeedsDatabase::yes, OnByDefault::yes, check_upgrade},
      {"model-matches-ddl", NeedsDatabase::yes, OnByDefault::yes, check_model_matches_ddl},
      {"upgrade-twice", NeedsDatabase::yes, OnByDefault::yes, check_upgrade_twice},
      {"replay", NeedsDatabase::yes, OnByDefault::yes, check_replay},
      {"replay-preserves-data", NeedsDatabase::yes, OnByDefault::yes, check_replay_preserves_data},
      {"replay-preserves-schema", NeedsDatabase::yes, OnByDefault::yes,
       check_replay_preserves_schema},
      {"replay-per-revision", NeedsDatabase::yes, OnByDefault::yes, check_replay_per_revision},
      {"up-down-consistency", NeedsDatabase::yes, OnByDefault::yes, check_up_down_consistency},
      {"downgrade-leaves-no-trace", NeedsDatabase::yes, OnByDefault::yes,
       check_downgrade_leaves_no_trace},
      {"expand-contract", NeedsDatabase::yes, OnByDefault::yes, check_expand_contract},
      // Last: it lints what the upgrade ran, and defers to the replay on re-runs.
      {"lint", NeedsDatabase::no, OnByDefault::yes, check_lint},
  };
  return definitions;
}

bool is_selected(const CheckDefinition& check, const CheckRequest& request) {
  const auto names = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), check.name) != list.end();
  };
  if (names(request.skip)) return false;
  if (!request.only.empty()) return names(request.only);
  return check.on_by_default == OnByDefault::yes;
}

}  // namespace migsafe::analyzer::check
