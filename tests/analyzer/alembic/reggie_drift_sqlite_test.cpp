// reggie's models must match what its migrations build exactly: the drift check
// (analyzer/drift.hpp) on a freshly migrated database finds nothing.
#include <gtest/gtest.h>

#include "analyzer/alembic/project.hpp"
#include "analyzer/drift.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

// Differences only: the report also says, as info, which revision the database is at.
std::string differences(const model::Report& report) {
  std::string out;
  for (const auto& finding : report.findings) {
    if (finding.severity == model::Severity::info) continue;
    out += finding.rule + ": " + finding.message + "\n";
  }
  return out;
}

TEST(ReggieDrift, SqliteModelsMatchTheMigrations) {
  TempFolder temp;
  {
    Project project(fixture("reggie"));
    project.set_url(temp.sqlite_url());
    project.upgrade("head");
  }
  const auto report = run_drift(fixture("reggie"), temp.sqlite_url());
  EXPECT_EQ(differences(report), "");
  EXPECT_FALSE(report.findings.empty());  // the revision note: drift did run
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
