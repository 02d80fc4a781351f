#pragma once

#include <string>
#include <vector>

#include "analyzer/check/run_check.hpp"
#include "model/report.hpp"

namespace migsafe::analyzer::check::testing {

// Runs `migsafe check` in-process on fixtures/alembic/<name>, on the database this test
// binary was built for (sqlite or postgres).
model::Report check_fixture(const std::string& name, std::vector<std::string> only = {});

// The status of check `name` in the report, or "absent".
std::string status_of(const model::Report& report, const std::string& name);

// Findings of one check.
std::vector<model::Finding> findings_of(const model::Report& report, const std::string& check);

// Line `line` of `file`, to prove a finding points at the statement's op.* call.
std::string line_of(const std::string& file, int line);

}  // namespace migsafe::analyzer::check::testing
