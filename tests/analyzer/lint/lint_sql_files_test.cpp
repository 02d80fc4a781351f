#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

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

// Saved `alembic upgrade --sql` output: Alembic's version-table bookkeeping is not the
// migration's own; the statements beside it are linted as usual.
TEST(LintSqlFiles, AlembicBookkeepingIsNotLinted) {
  tests::TempDir dir;
  const auto file = dir.write("offline.sql",
                              "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n"
                              "INSERT INTO alembic_version (version_num) SELECT '3f2a1c0d9b7e';\n"
                              "UPDATE alembic_version SET version_num='9c4e7b1a2d30' "
                              "WHERE alembic_version.version_num = '3f2a1c0d9b7e';\n"
                              "DROP TABLE alembic_version;\n"
                              "DROP TABLE plates;\n");
  const auto result = lint_paths({file}, Settings{});
  EXPECT_EQ(with_rule(result, "ban-drop-table").size(), 1u);
  for (const model::Finding& finding : result.findings) {
    EXPECT_EQ(finding.location.line, 5) << finding.rule << ": " << finding.message;
  }
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
  EXPECT_EQ(with_rule(lint_paths({file}, settings), "ban-truncate")[0].severity,
            model::Severity::info);
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

std::vector<std::string> rule_file_line(const std::vector<model::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    out.push_back(f.rule + " " + f.location.file + ":" + std::to_string(f.location.line) + " " +
                  f.message);
  }
  return out;
}

// More files than are linted ahead of the one being reported, of uneven sizes, so the
// two threads finish out of order.
std::vector<std::filesystem::path> uneven_files(const tests::TempDir& dir) {
  std::vector<std::filesystem::path> files;
  for (int i = 0; i < 40; ++i) {
    std::string sql;
    for (int s = 0; s < (i % 7 == 0 ? 400 : 1); ++s) sql += "ALTER TABLE t DROP COLUMN c;\n";
    sql += "TRUNCATE t" + std::to_string(i) + ";\n";
    files.push_back(dir.write("m" + std::to_string(100 + i) + ".sql", sql));
  }
  return files;
}

TEST(LintSqlFiles, FindingsKeepTheOrderTheFilesWereNamedIn) {
  tests::TempDir dir;
  const auto files = uneven_files(dir);
  const auto result = lint_paths(files, Settings{});
  EXPECT_EQ(result.units, 40);
  std::vector<std::string> truncated;
  for (const auto& f : with_rule(result, "ban-truncate")) truncated.push_back(f.location.file);
  std::vector<std::string> expected;
  for (const auto& file : files) expected.push_back(file.string());
  EXPECT_EQ(truncated, expected);
}

TEST(LintSqlFiles, AFileNamedTwiceIsReportedOnce) {
  tests::TempDir dir;
  const auto a = dir.write("a.sql", "TRUNCATE a;\n");
  const auto b = dir.write("b.sql", "TRUNCATE b;\n");
  const auto result = lint_paths({a, b, a}, Settings{});
  EXPECT_EQ(result.units, 3);
  const auto truncates = with_rule(result, "ban-truncate");
  ASSERT_EQ(truncates.size(), 2u);
  EXPECT_EQ(truncates[0].location.file, a.string());
  EXPECT_EQ(truncates[1].location.file, b.string());
}

TEST(LintSqlFiles, RunStreamsEachFilesFindingsInTurn) {
  tests::TempDir dir;
  auto files = uneven_files(dir);
  files.push_back(dir.write("ignores.sql",
                            "-- migsafe:ignore ban-truncate\n"
                            "TRUNCATE plates;\n"
                            "-- migsafe:ignore ban-drop-table\n"
                            "TRUNCATE plates;\n"));
  std::vector<model::Finding> expected;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto& f : rules::lint_sql(sql, file.string())) expected.push_back(std::move(f));
  }
  files.push_back(files.front());  // reported once

  LintRun run(files, Settings{});
  std::vector<model::Finding> streamed;
  EXPECT_EQ(run.run([&](model::Finding&& f) { streamed.push_back(std::move(f)); }), 42);
  const auto got = rule_file_line(streamed);
  const auto want = rule_file_line(expected);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], want[i]) << "finding " << i;
  EXPECT_EQ(std::count_if(streamed.begin(), streamed.end(),
                          [](const model::Finding& f) { return f.rule == "unused-ignore"; }),
            1);
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
