#include "analyzer/lint/revision_units.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::lint {
namespace {

using alembic::EmittedStatement;
using alembic::StatementKind;

EmittedStatement statement(std::string sql, std::string revision, int line, StatementKind kind) {
  EmittedStatement out;
  out.sql = std::move(sql);
  out.revision = std::move(revision);
  out.file = revision.empty() ? "" : "/p/versions/" + out.revision + ".py";
  out.line = line;
  out.column = 5;
  out.kind = kind;
  return out;
}

TEST(RevisionUnits, OneUnitPerRevisionWithoutVersionBookkeeping) {
  const std::vector<EmittedStatement> statements = {
      statement("SET lock_timeout = '2s';", "", 12, StatementKind::environment),
      statement("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);", "", 0,
                StatementKind::version_table),
      statement("BEGIN;", "a1", 0, StatementKind::transaction),
      statement("CREATE TABLE plates (id bigint);", "a1", 9, StatementKind::operation),
      statement("INSERT INTO alembic_version (version_num) VALUES ('a1');", "a1", 0,
                StatementKind::version_table),
      statement("COMMIT;", "a1", 0, StatementKind::transaction),
      statement("BEGIN;", "b2", 0, StatementKind::transaction),
      statement("ALTER TABLE plates ADD COLUMN state text;", "b2", 11, StatementKind::operation),
      statement("COMMIT;", "b2", 0, StatementKind::transaction),
  };
  const auto units = split_by_revision(statements, "/p");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].revision, "a1");
  ASSERT_EQ(units[0].unit.pieces.size(), 4u);  // env preamble, BEGIN, CREATE, COMMIT
  EXPECT_EQ(units[0].unit.pieces[0].sql, "SET lock_timeout = '2s';");
  EXPECT_EQ(units[0].unit.pieces[2].origin.line, 9);
  EXPECT_EQ(units[0].unit.pieces[2].origin.column, 5);
  EXPECT_EQ(units[0].unit.pieces[2].origin.revision, "a1");
  EXPECT_EQ(units[0].unit.pieces[2].positions, rules::Positions::at_origin);
  EXPECT_FALSE(units[0].starts_in_transaction);
  EXPECT_EQ(units[1].unit.pieces.size(), 4u);
}

TEST(RevisionUnits, OneTransactionForTheWholeRun) {
  const std::vector<EmittedStatement> statements = {
      statement("BEGIN;", "", 0, StatementKind::transaction),
      statement("CREATE INDEX CONCURRENTLY i ON plates (id);", "a1", 9, StatementKind::operation),
      statement("COMMIT;", "", 0, StatementKind::transaction),
  };
  const auto units = split_by_revision(statements, "/p");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_TRUE(units[0].starts_in_transaction);
}

// Alembic's BEGIN/COMMIT are the tool's pieces; a COMMIT the revision runs itself is the
// migration's, and ends the run's transaction for the revisions after it.
TEST(RevisionUnits, OnlyAlembicsTransactionStatementsAreTheTools) {
  const std::vector<EmittedStatement> statements = {
      statement("BEGIN;", "", 0, StatementKind::transaction),
      statement("ALTER TABLE plates ADD COLUMN region text;", "a1", 9, StatementKind::operation),
      statement("COMMIT;", "a1", 10, StatementKind::operation),
      statement("COMMIT;", "b2", 12, StatementKind::transaction),
      statement("CREATE INDEX CONCURRENTLY i ON plates (id);", "b2", 13, StatementKind::operation),
      statement("BEGIN;", "b2", 12, StatementKind::transaction),
      statement("COMMIT;", "", 0, StatementKind::transaction),
  };
  const auto units = split_by_revision(statements, "/p");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_TRUE(units[0].starts_in_transaction);
  ASSERT_EQ(units[0].unit.pieces.size(), 2u);
  EXPECT_EQ(units[0].unit.pieces[1].author, rules::sql::Author::migration);
  EXPECT_FALSE(units[1].starts_in_transaction);
  ASSERT_EQ(units[1].unit.pieces.size(), 3u);
  EXPECT_EQ(units[1].unit.pieces[0].author, rules::sql::Author::tool);
  EXPECT_EQ(units[1].unit.pieces[1].author, rules::sql::Author::migration);
  EXPECT_EQ(units[1].unit.pieces[2].author, rules::sql::Author::tool);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
