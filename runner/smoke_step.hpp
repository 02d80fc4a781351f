#pragma once

#include <optional>

#include "runner/pipeline.hpp"
#include "runner/step_failure.hpp"
#include "runner/step_log.hpp"

namespace migsafe::runner {

// Runs a smoke step's HTTP(S) checks in order against its base URL. A check that fails
// is retried every interval until the step's deadline (a service still booting), then
// the step fails with the last answer: its status, path and body.
std::optional<StepFailure> run_smoke_step(const Step& step, StepLog& log);

}  // namespace migsafe::runner
