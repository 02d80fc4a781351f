#pragma once

#include <optional>
#include <string>

#include "cli/report/summary.hpp"
#include "model/finding.hpp"

namespace migsafe::cli::report {

// --fail-on beats the config's fail_on, which beats the default (error). An empty
// `cli_value` means the option was not given. Throws model::UsageError for a name that
// is not error|warning|info.
model::Severity fail_on_threshold(const std::string& cli_value,
                                  std::optional<model::Severity> config_value);

// docs/cli.md's exit code for a command that ran: 1 when a finding it counted is at or above
// `fail_on`, else 0. (2, "could not run", comes from model::Error in cli/app.cpp.)
int exit_code(const Summary& findings, model::Severity fail_on);

}  // namespace migsafe::cli::report
