#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

int line_containing(const std::string& file, const std::string& text) {
  std::ifstream in(file);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find(text) != std::string::npos) return number;
  }
  return 0;
}

std::string revision_file(const std::string& id) {
  for (const auto& entry : std::filesystem::directory_iterator(
           fixture("reggie") / "migrations" / "versions")) {
    if (entry.path().filename().string().rfind(id + "_", 0) == 0) return entry.path().string();
  }
  return {};
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

TEST(OfflineSql, MapsEveryStatementOfARevisionToItsOpCall) {
  Project project(fixture("reggie"));
  const auto statements = project.offline_sql("5e9a6c1f3b45", "6c1f0e2d9a84", "postgresql");
  const std::string file = revision_file("6c1f0e2d9a84");
  const int with_line = line_containing(file, "autocommit_block()");

  // BEGIN (per migration), SET, ALTER, COMMIT (autocommit block), CREATE INDEX
  // CONCURRENTLY, BEGIN (block ends), UPDATE alembic_version, COMMIT.
  ASSERT_EQ(statements.size(), 8u);
  EXPECT_EQ(statements[0].sql, "BEGIN;");
  EXPECT_EQ(statements[0].kind, StatementKind::transaction);
  EXPECT_EQ(statements[0].revision, "6c1f0e2d9a84");

  EXPECT_EQ(statements[1].sql, "SET lock_timeout = '5s';");
  EXPECT_EQ(statements[1].kind, StatementKind::operation);
  EXPECT_EQ(statements[1].file, file);
  EXPECT_EQ(statements[1].line, line_containing(file, "op.execute(\"SET lock_timeout"));
  EXPECT_EQ(statements[1].column, 9);

  EXPECT_EQ(statements[2].sql, "ALTER TABLE plates ADD COLUMN IF NOT EXISTS state text;");
  EXPECT_EQ(statements[2].line, line_containing(file, "ADD COLUMN IF NOT EXISTS state"));

  EXPECT_EQ(statements[3].sql, "COMMIT;");
  EXPECT_EQ(statements[3].kind, StatementKind::transaction);
  EXPECT_EQ(statements[3].line, with_line);

  EXPECT_TRUE(starts_with(statements[4].sql, "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_plates_state"));
  EXPECT_EQ(statements[4].kind, StatementKind::operation);
  EXPECT_EQ(statements[4].line, line_containing(file, "CREATE INDEX CONCURRENTLY"));
  EXPECT_EQ(statements[4].column, 13);

  EXPECT_EQ(statements[5].sql, "BEGIN;");
  EXPECT_EQ(statements[5].kind, StatementKind::transaction);
  EXPECT_EQ(statements[5].line, with_line);

  EXPECT_TRUE(starts_with(statements[6].sql, "UPDATE alembic_version"));
  EXPECT_EQ(statements[6].kind, StatementKind::version_table);
  EXPECT_EQ(statements[6].revision, "6c1f0e2d9a84");

  EXPECT_EQ(statements[7].sql, "COMMIT;");
  EXPECT_EQ(statements[7].kind, StatementKind::transaction);
}

TEST(OfflineSql, MultiLineCallsMapToTheLineTheCallStarts) {
  Project project(fixture("reggie"));
  const auto statements = project.offline_sql("6c1f0e2d9a84", "7d2a3b4c5e6f", "postgresql");
  const std::string file = revision_file("7d2a3b4c5e6f");
  auto guarded = std::find_if(statements.begin(), statements.end(), [](const auto& s) {
    return starts_with(s.sql, "DO $$");
  });
  ASSERT_NE(guarded, statements.end());
  EXPECT_EQ(guarded->line, line_containing(file, "DO $$") - 1);  // op.execute(""" line
  EXPECT_EQ(guarded->revision, "7d2a3b4c5e6f");
}

TEST(OfflineSql, FromBaseCoversEveryRevisionAndTheVersionTable) {
  Project project(fixture("reggie"));
  const auto statements = project.offline_sql("base", "head", "postgresql");
  ASSERT_FALSE(statements.empty());
  EXPECT_EQ(statements.front().sql, "BEGIN;");
  int version_table_creates = 0;
  std::set<std::string> revisions;
  for (const auto& statement : statements) {
    if (statement.kind == StatementKind::operation) {
      revisions.insert(statement.revision);
      EXPECT_GT(statement.line, 0) << statement.sql;
      EXPECT_FALSE(statement.file.empty());
    }
    if (statement.kind == StatementKind::version_table &&
        starts_with(statement.sql, "CREATE TABLE alembic_version")) {
      ++version_table_creates;
    }
  }
  EXPECT_EQ(revisions.size(), 8u);
  EXPECT_EQ(version_table_creates, 1);
}

TEST(OfflineSql, FollowsTheDialectAsked) {
  Project project(fixture("reggie"));
  const auto sqlite = project.offline_sql("base", "1a5c2e7b9d01", "sqlite");
  auto create = std::find_if(sqlite.begin(), sqlite.end(), [](const auto& s) {
    return s.kind == StatementKind::operation;
  });
  ASSERT_NE(create, sqlite.end());
  EXPECT_NE(create->sql.find("id INTEGER NOT NULL"), std::string::npos) << create->sql;
  // SQLite has no transactional DDL in Alembic's eyes: no BEGIN in its offline output.
  for (const auto& s : sqlite) EXPECT_NE(s.sql, "BEGIN;");
}

TEST(OfflineSql, OpensNoConnection) {
  Project project(fixture("reggie"));
  // Nothing listens on port 1: offline mode must only need the dialect of the URL.
  project.set_url("postgresql://nobody:secret@127.0.0.1:1/nothing");
  const auto statements = project.offline_sql("base", "head");
  EXPECT_GT(statements.size(), 20u);
}

TEST(OfflineSql, NeedsADialect) {
  TempFolder temp;
  std::filesystem::copy(fixture("branch_merge"), temp.path() / "p",
                        std::filesystem::copy_options::recursive);
  std::ofstream(temp.path() / "p" / "alembic.ini")
      << "[alembic]\nscript_location = %(here)s/migrations\n";
  Project project(temp.path() / "p");
  EXPECT_THROW(project.offline_sql("base", "head"), model::InputError);
  EXPECT_FALSE(project.offline_sql("base", "heads", "postgresql").empty());
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
