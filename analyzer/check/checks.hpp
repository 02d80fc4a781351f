#pragma once

#include <string_view>
#include <vector>

#include "analyzer/check/check_session.hpp"
#include "model/check_result.hpp"

namespace migsafe::analyzer::check {

// A named check of `migsafe check`. Checks add findings to the session and return
// passed or failed; they throw model::Error when they cannot run at all.
using CheckFunction = model::CheckStatus (*)(CheckSession&);

enum class NeedsDatabase { no, yes };
enum class OnByDefault { no, yes };

struct CheckDefinition {
  std::string_view name;
  NeedsDatabase needs_database;
  OnByDefault on_by_default;
  CheckFunction run;
};

// Every check in the order `check` runs them: each one's prerequisites come first. The one
// list of check names: the CLI, the config reader, the docs tests and --help read it.
const std::vector<CheckDefinition>& check_definitions();

// Whether `check` runs for `request`: a skipped check never does; with `only`, just the
// checks it names; else the checks on by default.
bool is_selected(const CheckDefinition& check, const CheckRequest& request);

model::CheckStatus check_single_head(CheckSession& session);
model::CheckStatus check_upgrade(CheckSession& session);
model::CheckStatus check_upgrade_twice(CheckSession& session);
model::CheckStatus check_replay(CheckSession& session);
model::CheckStatus check_replay_preserves_data(CheckSession& session);
model::CheckStatus check_replay_per_revision(CheckSession& session);
model::CheckStatus check_model_matches_ddl(CheckSession& session);
model::CheckStatus check_replay_preserves_schema(CheckSession& session);
model::CheckStatus check_up_down_consistency(CheckSession& session);
model::CheckStatus check_downgrade_leaves_no_trace(CheckSession& session);
model::CheckStatus check_expand_contract(CheckSession& session);
model::CheckStatus check_lint(CheckSession& session);

}  // namespace migsafe::analyzer::check
