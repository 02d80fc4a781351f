#include "analyzer/lint/path_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/error.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::analyzer::lint {
namespace {

namespace fs = std::filesystem;

// Enough paths for the checks to use two threads.
std::vector<fs::path> many_files(const tests::TempDir& dir, std::size_t count) {
  std::vector<fs::path> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(dir.write("m" + std::to_string(i) + ".sql", "SELECT " + std::to_string(i) + ";"));
  }
  return out;
}

TEST(PathChecks, StatusesComeInTheOrderGiven) {
  tests::TempDir dir;
  std::vector<fs::path> paths = many_files(dir, 600);
  paths[10] = dir.path();
  paths[450] = dir.path() / "missing.sql";
  const std::vector<fs::file_status> statuses = statuses_of(paths);
  ASSERT_EQ(statuses.size(), paths.size());
  EXPECT_TRUE(fs::is_directory(statuses[10]));
  EXPECT_FALSE(fs::exists(statuses[450]));
  EXPECT_TRUE(fs::is_regular_file(statuses[0]));
  EXPECT_TRUE(fs::is_regular_file(statuses[599]));
}

// What check_all_readable says of `paths`; empty when they are all readable.
std::string readability_error(const std::vector<fs::path>& paths) {
  try {
    check_all_readable(paths);
  } catch (const model::InputError& e) {
    return e.what();
  }
  return std::string();
}

// Each half of the list is checked on its own thread; the error is still the first
// unreadable file in the order given, whichever half it is in.
TEST(PathChecks, FirstUnreadableFileInOrderIsReported) {
  tests::TempDir dir;
  std::vector<fs::path> paths = many_files(dir, 600);
  EXPECT_EQ(readability_error(paths), "");
  paths[500] = dir.path() / "late.sql";
  paths[120] = dir.path() / "early.sql";
  const std::string early = readability_error(paths);
  EXPECT_NE(early.find("early.sql"), std::string::npos) << early;
  paths[120] = dir.path() / "m120.sql";
  const std::string late = readability_error(paths);
  EXPECT_NE(late.find("late.sql"), std::string::npos) << late;
}

}  // namespace
}  // namespace migsafe::analyzer::lint
