#include "cli/report/exit_code.hpp"

#include "model/error.hpp"

namespace migsafe::cli::report {

namespace {

// Severity's enumerators run from most to least severe.
bool at_or_above(model::Severity severity, model::Severity threshold) {
  return static_cast<int>(severity) <= static_cast<int>(threshold);
}

}  // namespace

model::Severity fail_on_threshold(const std::string& cli_value,
                                  std::optional<model::Severity> config_value) {
  if (!cli_value.empty()) {
    if (auto parsed = model::parse_severity(cli_value)) return *parsed;
    throw model::UsageError("--fail-on " + cli_value + " is not a severity",
                            "use --fail-on error or --fail-on warning");
  }
  return config_value.value_or(model::Severity::error);
}

int exit_code(const std::vector<model::Finding>& findings, model::Severity fail_on) {
  for (const auto& finding : findings) {
    if (at_or_above(finding.severity, fail_on)) return 1;
  }
  return 0;
}

}  // namespace migsafe::cli::report
