#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

Summary summarize(const std::vector<model::Finding>& findings) {
  Summary summary;
  for (const auto& finding : findings) {
    switch (finding.severity) {
      case model::Severity::error:
        ++summary.errors;
        break;
      case model::Severity::warning:
        ++summary.warnings;
        break;
      case model::Severity::info:
        ++summary.infos;
        break;
    }
  }
  return summary;
}

}  // namespace migsafe::cli::report
