// PYTHONPATH reaches the embedded interpreter as it reaches python3: a project whose
// models live in a folder only PYTHONPATH names (src layout) migrates under migsafe
// exactly as under `alembic`.
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

// The sample project with its `app` package moved under src/, out of alembic.ini's folder.
fs::path src_layout_project(const TempDir& dir) {
  const fs::path project = copy_sample_project(dir.path());
  fs::create_directories(project / "src");
  fs::rename(project / "app", project / "src" / "app");
  return project;
}

TEST(PythonPathBinary, ModelsFoundThroughPythonPathMigrate) {
  TempDir dir;
  const fs::path project = src_layout_project(dir);
  const auto result = run_command("PYTHONPATH=" + quoted((project / "src").string()) + " " +
                                  quoted(MIGSAFE_BINARY) + " check -q " + quoted(project.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
}

TEST(PythonPathBinary, WithoutItTheErrorSaysPythonPathToo) {
  TempDir dir;
  const fs::path project = src_layout_project(dir);
  const auto result = run_command("env -u PYTHONPATH " + quoted(MIGSAFE_BINARY) + " check -q " +
                                  quoted(project.string()));
  EXPECT_EQ(result.exit_code, 2) << result.err << result.out;
  EXPECT_TRUE(contains(result.err, "No module named 'app'")) << result.err;
  EXPECT_TRUE(contains(result.err, "PYTHONPATH")) << result.err;
}

}  // namespace
}  // namespace migsafe::tests
