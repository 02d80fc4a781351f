#include "cli/report/exit_code.hpp"

#include "model/error.hpp"

namespace migsafe::cli::report {

model::Severity fail_on_threshold(const std::string& cli_value,
                                  std::optional<model::Severity> config_value) {
  if (!cli_value.empty()) {
    if (auto parsed = model::parse_severity(cli_value)) return *parsed;
    throw model::UsageError("--fail-on " + cli_value + " is not a severity",
                            "use --fail-on error or --fail-on warning");
  }
  return config_value.value_or(model::Severity::error);
}

int exit_code(const Summary& findings, model::Severity fail_on) {
  int at_or_above = findings.errors;
  if (fail_on != model::Severity::error) at_or_above += findings.warnings;
  if (fail_on == model::Severity::info) at_or_above += findings.infos;
  return at_or_above > 0 ? 1 : 0;
}

}  // namespace migsafe::cli::report
