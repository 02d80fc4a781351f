// FindingStream: repeats dropped as findings arrive; a finding that stands for several
// statements drops the ones reported before and moves to the first left.
#include "analyzer/lint/finding_stream.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <vector>

namespace migsafe::analyzer::lint {
namespace {

model::Finding grouped(const std::vector<std::pair<int, std::string>>& statements) {
  model::Finding f;
  f.check = "lint";
  f.rule = "prefer-text-field";
  f.message = "column is varchar";
  f.location = {"/nowhere/m.sql", statements.front().first, 1, ""};
  f.statement = statements.front().second;
  for (const auto& [line, sql] : statements) f.occurrences.push_back({{"/nowhere/m.sql", line, 1, ""}, sql});
  return f;
}

TEST(FindingStream, AGroupedFindingKeepsOnlyStatementsNotReportedBefore) {
  std::vector<model::Finding> out;
  const rules::FindingSink sink = [&](model::Finding&& f) { out.push_back(std::move(f)); };
  FindingStream stream(sink);
  // A statement env.py emits before every revision (line 3) starts both units' causes.
  stream.add(grouped({{3, "CREATE TABLE log (n varchar(9))"}, {10, "ALTER TABLE a ADD b varchar(1)"}}));
  stream.add(grouped({{3, "CREATE TABLE log (n varchar(9))"}, {20, "ALTER TABLE c ADD d varchar(2)"}}));
  stream.add(grouped({{3, "CREATE TABLE log (n varchar(9))"}}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].occurrences.size(), 2u);
  EXPECT_EQ(out[1].location.line, 20);
  EXPECT_EQ(out[1].statement, "ALTER TABLE c ADD d varchar(2)");
  ASSERT_EQ(out[1].occurrences.size(), 1u);
  EXPECT_EQ(out[1].occurrences[0].location.line, 20);
}

TEST(FindingStream, OccurrencePathsAreShownAsTheFindingsAre) {
  std::vector<model::Finding> out;
  const rules::FindingSink sink = [&](model::Finding&& f) { out.push_back(std::move(f)); };
  FindingStream stream(sink);
  model::Finding f = grouped({{1, "x"}, {2, "y"}});
  const std::string here = std::filesystem::current_path().string();
  f.location.file = here + "/m.sql";
  for (auto& o : f.occurrences) o.location.file = here + "/m.sql";
  stream.add(std::move(f));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.file, "m.sql");
  for (const auto& o : out[0].occurrences) EXPECT_EQ(o.location.file, "m.sql");
}

}  // namespace
}  // namespace migsafe::analyzer::lint
