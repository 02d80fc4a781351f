// Starts the embedded interpreter once per test program (a process can hold one) and migrates
// fixtures with the project's own Alembic through analyzer/alembic.
#include "tests/analyzer/diff/drift_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/alembic/interpreter.hpp"
#include "analyzer/alembic/project.hpp"

namespace migsafe::analyzer::diff::test {
namespace {

class InterpreterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { alembic::start_interpreter(); }
};

[[maybe_unused]] auto* const environment = ::testing::AddGlobalTestEnvironment(new InterpreterEnvironment);

}  // namespace

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic" / name;
}

std::unique_ptr<dbdrivers::ScratchDatabase> migrated(const std::string& backend, const std::string& name) {
  dbdrivers::ScratchRequest request;  // "sqlite" unless the backend is a PostgreSQL one
  if (backend == "pg17") request = {"postgres", MIGSAFE_SOURCE_DIR "/.deps/postgresql-17/native/bin"};
  if (backend == "pg15") request = {"postgres", "/usr/lib/postgresql/15/bin"};
  auto scratch = dbdrivers::create_scratch(request);
  alembic::Project project(fixture(name));
  project.set_url(scratch->url().to_string());
  project.upgrade("head");
  return scratch;
}

std::vector<std::string> backends() {
  std::vector<std::string> out;
  const std::string list = DRIFT_BACKENDS;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> difference_headlines(const model::Report& report) {
  std::vector<std::string> out;
  for (const auto& finding : report.findings) {
    if (finding.message.find("\nExpected (") == std::string::npos) continue;
    out.push_back(finding.message.substr(0, finding.message.find('\n')));
  }
  return out;
}

}  // namespace migsafe::analyzer::diff::test
