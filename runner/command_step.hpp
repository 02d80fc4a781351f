#pragma once

#include <optional>

#include "runner/pipeline.hpp"
#include "runner/step_failure.hpp"
#include "runner/step_log.hpp"

namespace migsafe::runner {

// Runs a command step: its argv (no shell) with ${VAR}s expanded, its env over
// migsafe's, in its folder, its output streamed to the log; stopped at its timeout.
std::optional<StepFailure> run_command_step(const Step& step, StepLog& log);

}  // namespace migsafe::runner
