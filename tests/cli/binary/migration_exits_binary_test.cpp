// A migration that ends the process (os._exit, abort) is exit 2 with a message naming
// it, never a green run: os._exit(0) used to make `check` exit 0 with an empty stdout.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/cli/sample_project.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

// The sample project whose first revision's upgrade() starts with `statement`; returns
// the project folder, and the revision's file name in `revision_file`.
fs::path project_whose_upgrade_runs(const TempDir& dir, const std::string& statement,
                                    std::string& revision_file) {
  const fs::path project = copy_sample_project(dir.path());
  const fs::path first = revision_files(project).front();
  start_upgrade_with(first, "    import os\n    " + statement + "\n");
  revision_file = first.filename().string();
  return project;
}

TEST(MigrationExitsBinary, OsExitInAMigrationIsAnErrorNamingTheRevision) {
  TempDir dir;
  std::string revision_file;
  const fs::path project = project_whose_upgrade_runs(dir, "os._exit(0)", revision_file);
  const auto result = run_command(quoted(MIGSAFE_BINARY) + " check --format json " +
                                  quoted(project.string()));
  EXPECT_EQ(result.exit_code, 2) << result.err << result.out;
  EXPECT_TRUE(contains(result.err, "calls os._exit(0)")) << result.err;
  EXPECT_TRUE(contains(result.err, revision_file)) << result.err;
  EXPECT_TRUE(contains(result.out, "\"error\"")) << "CI reads the error on stdout: " << result.out;
}

TEST(MigrationExitsBinary, AbortInAMigrationIsExit2WithThePythonStack) {
  TempDir dir;
  std::string revision_file;
  const fs::path project = project_whose_upgrade_runs(dir, "os.abort()", revision_file);
  const auto result = run_command(quoted(MIGSAFE_BINARY) + " check " + quoted(project.string()));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, "crashed (SIGABRT)")) << result.err;
  EXPECT_TRUE(contains(result.err, revision_file)) << "the stack names the revision: " << result.err;
}

}  // namespace
}  // namespace migsafe::tests
