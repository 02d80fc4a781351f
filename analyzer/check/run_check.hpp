#pragma once

#include "analyzer/check/check_request.hpp"
#include "model/report.hpp"

namespace migsafe::analyzer::check {

// Runs `migsafe check`: the selected checks, in order, on one scratch database that is
// removed afterwards. Throws model::Error when the project cannot be run at all.
model::Report run_check(const CheckRequest& request);

// Check names `--only`/`--skip` accept; throws model::UsageError for an unknown one.
void validate_check_names(const std::vector<std::string>& names);

}  // namespace migsafe::analyzer::check
