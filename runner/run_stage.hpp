#pragma once

#include <ostream>
#include <string>

#include "runner/pipeline.hpp"

namespace migsafe::runner {

// The stage a name picks; model::UsageError listing the stages when there is none.
const Stage& find_stage(const Pipeline& pipeline, const std::string& name);

// Runs the stage's steps in order and stops at the first that fails, printing its
// diagnosis from the known-failures table. Returns the exit code: 0 when every step
// passed, 1 when one failed. Errors in the pipeline itself (an unset ${VAR}) throw
// model::UsageError. Call mask_environment_secrets() first.
int run_stage(const Pipeline& pipeline, const Stage& stage, std::ostream& out);

// What run_stage would do, step by step, with the environment's values filled in where
// set (secrets masked): nothing runs.
void print_plan(const Pipeline& pipeline, const Stage& stage, std::ostream& out);

}  // namespace migsafe::runner
