#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/lint/lint_paths.hpp"
#include "model/error.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::analyzer::lint {
namespace {

std::vector<model::Finding> with_rule(const LintResult& result, const std::string& rule) {
  std::vector<model::Finding> out;
  std::copy_if(result.findings.begin(), result.findings.end(), std::back_inserter(out),
               [&](const model::Finding& f) { return f.rule == rule; });
  return out;
}

TEST(LintSqlFiles, FindingsAtTheirLineAndColumn) {
  tests::TempDir dir;
  const auto file = dir.write("0001.sql",
                              "-- add a lookup index\n"
                              "SET lock_timeout = '2s';\n"
                              "  CREATE INDEX IF NOT EXISTS plates_state ON plates (state);\n");
  const auto result = lint_paths({file}, Settings{});
  EXPECT_EQ(result.units, 1);
  const auto found = with_rule(result, "require-concurrent-index-creation");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].check, "lint");
  EXPECT_EQ(found[0].location.file, file.string());
  EXPECT_EQ(found[0].location.line, 3);
  EXPECT_EQ(found[0].location.column, 3);
}

TEST(LintSqlFiles, SqlIgnoreCommentsAndOptions) {
  tests::TempDir dir;
  const auto file = dir.write("0002.sql",
                              "SET lock_timeout = '2s';\n"
                              "-- migsafe:ignore require-concurrent-index-creation\n"
                              "CREATE INDEX IF NOT EXISTS plates_state ON plates (state);\n"
                              "TRUNCATE plates;\n");
  Settings settings;
  EXPECT_TRUE(with_rule(lint_paths({file}, settings), "require-concurrent-index-creation").empty());
  EXPECT_EQ(with_rule(lint_paths({file}, settings), "ban-truncate").size(), 1u);
  settings.rules.disabled = {"ban-truncate"};
  EXPECT_TRUE(with_rule(lint_paths({file}, settings), "ban-truncate").empty());
  settings.rules.disabled.clear();
  settings.rules.severity = {{"ban-truncate", model::Severity::info}};
  EXPECT_EQ(with_rule(lint_paths({file}, settings), "ban-truncate")[0].severity, model::Severity::info);
}

TEST(LintSqlFiles, BadInputGivesFindingsNotCrashes) {
  tests::TempDir dir;
  const auto empty = dir.write("empty.sql", "");
  const auto malformed = dir.write("malformed.sql", "CREATE TABLE (;\n");
  const auto latin1 = dir.write("latin1.sql", "-- caf\xe9\nSELECT 1;\n");
  EXPECT_TRUE(lint_paths({empty}, Settings{}).findings.empty());
  const auto bad = lint_paths({malformed}, Settings{});
  ASSERT_FALSE(with_rule(bad, "syntax-error").empty());
  EXPECT_EQ(with_rule(bad, "syntax-error")[0].location.line, 1);
  EXPECT_FALSE(with_rule(lint_paths({latin1}, Settings{}), "syntax-error").empty());
}

TEST(LintSqlFiles, FoldersAndExcludes) {
  tests::TempDir dir;
  dir.write("sql/a.sql", "TRUNCATE plates;\n");
  dir.write("sql/sub/b.sql", "TRUNCATE plates;\n");
  dir.write("sql/legacy_c.sql", "TRUNCATE plates;\n");
  Settings settings;
  settings.exclude = {"sql/legacy_*"};
  settings.exclude_base = dir.path();
  const auto result = lint_paths({dir.path() / "sql"}, settings);
  EXPECT_EQ(result.units, 2);
  EXPECT_EQ(with_rule(result, "ban-truncate").size(), 2u);
}

TEST(LintSqlFiles, UnusablePathsAreInputErrors) {
  tests::TempDir dir;
  EXPECT_THROW(lint_paths({dir.path() / "missing.sql"}, Settings{}), model::InputError);
  EXPECT_THROW(lint_paths({dir.write("notes.txt", "x")}, Settings{}), model::InputError);
  EXPECT_THROW(lint_paths({dir.path()}, Settings{}), model::InputError);  // nothing to lint
  EXPECT_THROW(lint_paths({dir.write("lonely/x.py", "x = 1\n")}, Settings{}), model::InputError);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
