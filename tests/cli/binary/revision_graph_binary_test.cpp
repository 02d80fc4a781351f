// A history Alembic cannot walk (a revision id in two files, a down_revision no file
// defines, a cycle) is exit 2 naming the user's files and the fix, never a raw Python
// warning or a KeyError from inside Alembic.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/cli/sample_project.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

// The sample project, copied; its revision files in name order.
fs::path sample_project(const TempDir& dir, std::vector<fs::path>& revisions) {
  const fs::path project = copy_sample_project(dir.path());
  revisions = revision_files(project);
  return project;
}

void set_down_revision(const fs::path& file, const std::string& value) {
  static const std::regex down(R"(\ndown_revision = [^\n]*)");
  const std::string edited = std::regex_replace(read_text(file), down, "\ndown_revision = " + value);
  std::ofstream(file) << edited;  // opening truncates: read first
}

CommandResult check(const fs::path& project) {
  return run_command(quoted(MIGSAFE_BINARY) + " check " + quoted(project.string()));
}

TEST(RevisionGraphBinary, ARevisionIdInTwoFilesNamesBoth) {
  TempDir dir;
  std::vector<fs::path> revisions;
  const fs::path project = sample_project(dir, revisions);
  fs::copy_file(revisions.front(), revisions.front().parent_path() / "copy_of_first.py");
  const auto result = check(project);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, "is defined in 2 files")) << result.err;
  EXPECT_TRUE(contains(result.err, "copy_of_first.py")) << result.err;
  EXPECT_TRUE(contains(result.err, revisions.front().filename().string())) << result.err;
  EXPECT_FALSE(contains(result.err, "UserWarning")) << result.err;
}

TEST(RevisionGraphBinary, AMissingParentNamesTheFileAndLine) {
  TempDir dir;
  std::vector<fs::path> revisions;
  const fs::path project = sample_project(dir, revisions);
  set_down_revision(revisions.back(), "'deadbeef0000'");
  const auto result = check(project);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, revisions.back().filename().string() + ":")) << result.err;
  EXPECT_TRUE(contains(result.err, "down_revision 'deadbeef0000', which no revision file defines"))
      << result.err;
  EXPECT_FALSE(contains(result.err, "KeyError")) << result.err;
  EXPECT_FALSE(contains(result.err, "UserWarning")) << result.err;
}

TEST(RevisionGraphBinary, ACycleIsNamed) {
  TempDir dir;
  std::vector<fs::path> revisions;
  const fs::path project = sample_project(dir, revisions);
  static const std::regex id(R"(\nrevision = ([^\n]*))");
  std::smatch last;
  const std::string last_source = read_text(revisions.back());
  ASSERT_TRUE(std::regex_search(last_source, last, id));
  set_down_revision(revisions.front(), last[1]);  // the base now builds on the head
  const auto result = check(project);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, "form a cycle")) << result.err;
}

}  // namespace
}  // namespace migsafe::tests
