// Starts the embedded interpreter once for the whole test program (a process can hold one) and
// holds the helpers the tests share.
#include "tests/analyzer/alembic/python_environment.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "analyzer/alembic/interpreter.hpp"

namespace migsafe::analyzer::alembic::test {

namespace fs = std::filesystem;

namespace {

class InterpreterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { start_interpreter(); }
  void TearDown() override { stop_interpreter(); }
};

[[maybe_unused]] auto* const environment =
    ::testing::AddGlobalTestEnvironment(new InterpreterEnvironment);

}  // namespace

fs::path fixture(const std::string& name) {
  return fs::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic" / name;
}

TempFolder::TempFolder() {
  std::string pattern = (fs::temp_directory_path() / "migsafe-alembic-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempFolder::sqlite_url(const std::string& name) const {
  return "sqlite:///" + (path_ / name).string();
}

}  // namespace migsafe::analyzer::alembic::test
