#pragma once

#include <optional>
#include <vector>

#include "runner/pipeline.hpp"
#include "runner/step_failure.hpp"

namespace migsafe::runner {

// migsafe's rows: the "Common CI Failures" of the pipeline our first users run
// (docs/runner.md lists them), and rows of our own for the migrate and smoke steps.
const std::vector<KnownFailure>& builtin_known_failures();

// A row matched to a failure, its texts filled with the failure's facts.
struct Diagnosis {
  std::string failure;
  std::string cause;
  std::string fix;
};

// The first row that matches: the pipeline's own rows first, then migsafe's.
std::optional<Diagnosis> diagnose(const StepFailure& failure,
                                  const std::vector<KnownFailure>& users_rows);

}  // namespace migsafe::runner
