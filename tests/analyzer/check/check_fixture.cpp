#include "tests/analyzer/check/check_fixture.hpp"

#include <fstream>

namespace migsafe::analyzer::check::testing {

model::Report check_fixture(const std::string& name, std::vector<std::string> only) {
  CheckRequest request;
  request.project = std::string(MIGSAFE_SOURCE_DIR) + "/fixtures/alembic/" + name;
  request.db = MIGSAFE_TEST_DB;
  request.only = std::move(only);
  return run_check(request);
}

std::string status_of(const model::Report& report, const std::string& name) {
  for (const auto& check : report.checks) {
    if (check.name == name) return std::string(model::check_status_name(check.status));
  }
  return "absent";
}

std::vector<model::Finding> findings_of(const model::Report& report, const std::string& check) {
  std::vector<model::Finding> out;
  for (const auto& finding : report.findings) {
    if (finding.check == check) out.push_back(finding);
  }
  return out;
}

std::string line_of(const std::string& file, int line) {
  std::ifstream in(file);
  std::string text;
  for (int i = 1; std::getline(in, text); ++i) {
    if (i == line) return text;
  }
  return {};
}

}  // namespace migsafe::analyzer::check::testing
