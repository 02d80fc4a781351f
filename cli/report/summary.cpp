#include "cli/report/summary.hpp"

namespace migsafe::cli::report {

void Summary::count(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      ++errors;
      break;
    case model::Severity::warning:
      ++warnings;
      break;
    case model::Severity::info:
      ++infos;
      break;
  }
}

}  // namespace migsafe::cli::report
