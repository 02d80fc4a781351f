#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

// The 1-based line of the first line of `file` that starts with `prefix`, found
// independently of the bridge.
int line_of(const std::string& file, const std::string& prefix) {
  std::ifstream in(file);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.rfind(prefix, 0) == 0) return number;
  }
  return 0;
}

void expect_parents_first(const std::vector<Revision>& revisions) {
  std::set<std::string> seen;
  for (const auto& revision : revisions) {
    for (const auto& parent : revision.down_revisions) {
      EXPECT_TRUE(seen.count(parent)) << parent << " must come before " << revision.id;
    }
    seen.insert(revision.id);
  }
}

TEST(Revisions, ReggieIsALineOfEightBasesFirst) {
  Project project(fixture("reggie"));
  const auto revisions = project.revisions();
  const std::vector<std::string> expected = {"1a5c2e7b9d01", "2b6d3f8c0e12", "3c7e4a9d1f23",
                                             "4d8f5b0e2a34", "5e9a6c1f3b45", "6c1f0e2d9a84",
                                             "7d2a3b4c5e6f", "8e3b4c5d6f70"};
  ASSERT_EQ(revisions.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Revision& revision = revisions[i];
    EXPECT_EQ(revision.id, expected[i]);
    if (i == 0) {
      EXPECT_TRUE(revision.down_revisions.empty());
    } else {
      EXPECT_EQ(revision.down_revisions, std::vector<std::string>{expected[i - 1]});
    }
    EXPECT_EQ(revision.file.rfind(fixture("reggie").string() + "/migrations/versions/" +
                                      expected[i] + "_", 0),
              0u)
        << revision.file;
    EXPECT_EQ(revision.upgrade_line, line_of(revision.file, "def upgrade("));
    EXPECT_EQ(revision.downgrade_line, line_of(revision.file, "def downgrade("));
    EXPECT_GT(revision.upgrade_line, 0);
  }
  EXPECT_EQ(revisions[0].message, "create users");
  EXPECT_EQ(revisions[6].message, "link plate_lookups to the api key that made them");
  EXPECT_EQ(project.heads(), std::vector<std::string>{"8e3b4c5d6f70"});
}

TEST(Revisions, BranchMergeListsParentsBeforeChildren) {
  Project project(fixture("branch_merge"));
  const auto revisions = project.revisions();
  ASSERT_EQ(revisions.size(), 5u);
  expect_parents_first(revisions);
  EXPECT_EQ(revisions.front().id, "a0a0a0a0a0a0");
  EXPECT_EQ(revisions.back().id, "e4e4e4e4e4e4");
  const auto merge = std::find_if(revisions.begin(), revisions.end(),
                                  [](const Revision& r) { return r.id == "d3d3d3d3d3d3"; });
  ASSERT_NE(merge, revisions.end());
  EXPECT_EQ(merge->down_revisions, (std::vector<std::string>{"b1b1b1b1b1b1", "c2c2c2c2c2c2"}));
  EXPECT_EQ(merge->upgrade_line, line_of(merge->file, "def upgrade("));
  EXPECT_EQ(merge->message, "merge plates and api_keys");
  EXPECT_EQ(project.heads(), std::vector<std::string>{"e4e4e4e4e4e4"});
}

TEST(Revisions, TwoHeadsHasTwoHeads) {
  Project project(fixture("two_heads"));
  auto heads = project.heads();
  std::sort(heads.begin(), heads.end());
  EXPECT_EQ(heads, (std::vector<std::string>{"b2c3d4e5f6a7", "c3d4e5f6a7b8"}));
  expect_parents_first(project.revisions());
}

TEST(Revisions, AcceptsTheIniFileAndReadsTheConfiguredUrl) {
  Project project(fixture("reggie") / "alembic.ini");
  EXPECT_EQ(project.ini_path(), fixture("reggie") / "alembic.ini");
  EXPECT_EQ(project.folder(), fixture("reggie"));
  EXPECT_EQ(project.configured_url(), "sqlite:///" + (fixture("reggie") / "reggie.db").string());
}

TEST(Revisions, ResolvesScriptLocationAgainstTheIniNotTheWorkingDirectory) {
  // Alembic alone resolves a relative script_location against the process's working
  // folder; migsafe resolves it against alembic.ini.
  TempFolder temp;
  std::filesystem::copy(fixture("branch_merge"), temp.path() / "project",
                        std::filesystem::copy_options::recursive);
  const auto ini = temp.path() / "project" / "alembic.ini";
  std::ifstream in(ini);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "script_location = %(here)s/migrations";
  text.replace(text.find(from), from.size(), "script_location = migrations");
  std::ofstream(ini) << text;

  Project project(temp.path() / "project");
  EXPECT_EQ(project.revisions().size(), 5u);
  EXPECT_EQ(project.settings().script_location,
            (temp.path() / "project" / "migrations").string());
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
