#pragma once

#include <vector>

#include "model/finding.hpp"

namespace migsafe::cli::report {

// How many findings of each severity; every format prints the same counts.
struct Summary {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
};
Summary summarize(const std::vector<model::Finding>& findings);

}  // namespace migsafe::cli::report
