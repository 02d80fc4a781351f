// For fuzz_config only: the config reader reads the names in the table of checks
// (analyzer/check/checks.cpp), never runs them. These stand in for the checks so the
// target links without the database and Python layers they use; one being called is a
// bug in the target.
#include <cstdlib>

#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

#define MIGSAFE_FUZZ_STUB(name) \
  model::CheckStatus name(CheckSession&) { std::abort(); }

MIGSAFE_FUZZ_STUB(check_single_head)
MIGSAFE_FUZZ_STUB(check_upgrade)
MIGSAFE_FUZZ_STUB(check_upgrade_twice)
MIGSAFE_FUZZ_STUB(check_replay)
MIGSAFE_FUZZ_STUB(check_replay_preserves_data)
MIGSAFE_FUZZ_STUB(check_replay_per_revision)
MIGSAFE_FUZZ_STUB(check_model_matches_ddl)
MIGSAFE_FUZZ_STUB(check_replay_preserves_schema)
MIGSAFE_FUZZ_STUB(check_up_down_consistency)
MIGSAFE_FUZZ_STUB(check_downgrade_leaves_no_trace)
MIGSAFE_FUZZ_STUB(check_expand_contract)
MIGSAFE_FUZZ_STUB(check_lint)

}  // namespace migsafe::analyzer::check
