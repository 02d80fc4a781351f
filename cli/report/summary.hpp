#pragma once

#include "model/finding.hpp"

namespace migsafe::cli::report {

// How many findings of each severity, counted as they are rendered; every format prints
// the same counts.
struct Summary {
  int errors = 0;
  int warnings = 0;
  int infos = 0;

  void count(model::Severity severity);
};

}  // namespace migsafe::cli::report
