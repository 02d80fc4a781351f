// Proves require-if-not-exists' verdicts on a real PostgreSQL 17 server: run a fixture
// once, then again; every statement the rule flags must fail the second time, every
// statement it passes must succeed twice.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <set>

#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"
#include "model/location.hpp"
#include "rules/lint.hpp"
#include "rules/sql/parser.hpp"
#include "tests/rules/postgres/with_scratch_postgres.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::read_text;
using testing::source_path;

struct Outcome {
  std::string statement;
  bool flagged = false;
  std::string error;  // empty: it ran
};

// Runs each statement in autocommit, so one failure does not abort the rest.
std::string run(pqxx::connection& connection, const std::string& sql) {
  try {
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

class RequireIfNotExistsRerunTest
    : public WithScratchPostgres<::testing::TestWithParam<std::string>> {};

TEST_P(RequireIfNotExistsRerunTest, FlaggedStatementsFailTheSecondTimeOthersSucceed) {
  const std::string dir = "fixtures/sql/require-if-not-exists/";
  const std::string sql = read_text(source_path(dir + GetParam()));
  std::set<int> flagged_lines;
  for (const auto& f : lint_sql(sql, GetParam())) {
    if (f.rule == "require-if-not-exists") flagged_lines.insert(f.location.line);
  }
  if (GetParam() == "bad.sql") {
    ASSERT_FALSE(flagged_lines.empty());
  } else {
    ASSERT_TRUE(flagged_lines.empty());
  }

  pqxx::connection connection(scratch_->url().libpq_uri());
  for (const auto& s : sql::parse_script(read_text(source_path(dir + "setup.sql")))) {
    ASSERT_EQ(run(connection, s.text), "") << s.text;
  }
  // Top-level statements only: a DO block's inner statements run with the block.
  std::vector<sql::Statement> statements;
  for (auto& s : sql::parse_script(sql)) {
    if (!s.in_do_block) statements.push_back(std::move(s));
  }
  for (const auto& s : statements)
    ASSERT_EQ(run(connection, s.text), "") << "first run: " << s.text;

  auto line_of = [&](std::size_t offset) { return model::line_column_at(sql, offset).line; };
  auto flagged = [&](const sql::Statement& s) {
    const int first = line_of(s.offset);
    const int last = line_of(s.offset + s.text.size());
    for (int line : flagged_lines) {
      if (line >= first && line <= last) return true;
    }
    return false;
  };
  for (const auto& s : statements) {
    const std::string error = run(connection, s.text);
    if (flagged(s)) {
      EXPECT_NE(error, "") << "flagged, yet it ran again: " << s.text;
    } else {
      EXPECT_EQ(error, "") << "passed by the rule, yet it fails the second time: " << s.text;
    }
  }
}

// Statements that only fail, or only pass, because of what the rest of the revision does
// (Alembic's SQL for PostgreSQL). The rule judges them on the schema the revision leaves
// behind; PostgreSQL must agree.
TEST_F(RequireIfNotExistsRerunTest, VerdictsFollowTheWholeRevision) {
  const std::string setup =
      "CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT, email VARCHAR);\n"
      "CREATE TABLE legacy_plates (id BIGINT, region TEXT);\n";
  const std::string sql =
      "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
      "ALTER TABLE users RENAME COLUMN nick TO nickname;\n"
      "CREATE TABLE tmp_ids (id BIGINT NOT NULL);\n"
      "CREATE INDEX ix_tmp_ids_id ON tmp_ids (id);\n"
      "INSERT INTO tmp_ids (id) SELECT id FROM users;\n"
      "DROP INDEX ix_tmp_ids_id;\n"
      "DROP TABLE tmp_ids;\n"
      "ALTER TABLE users ALTER COLUMN email TYPE TEXT;\n"
      "ALTER TABLE users RENAME COLUMN email TO email_address;\n"
      "ALTER TABLE legacy_plates ADD COLUMN note TEXT;\n"
      "DROP TABLE legacy_plates;\n"
      "DROP TYPE IF EXISTS mood;\n"
      "CREATE TYPE mood AS ENUM ('a');\n"
      "ALTER TYPE mood ADD VALUE 'c';\n"
      "CREATE TABLE people (id INT, mood mood);\n"
      "DROP TYPE IF EXISTS size;\n"
      "CREATE TYPE size AS ENUM ('s');\n"
      "ALTER TYPE size ADD VALUE 'm';\n";
  std::set<int> flagged_lines;
  for (const auto& f : lint_sql(sql, "revision.sql")) {
    if (f.rule == "require-if-not-exists") flagged_lines.insert(f.location.line);
  }
  EXPECT_EQ(flagged_lines, (std::set<int>{2, 8, 9, 10, 11, 12, 13, 14, 15}));

  pqxx::connection connection(scratch_->url().libpq_uri());
  for (const auto& s : sql::parse_script(setup)) ASSERT_EQ(run(connection, s.text), "") << s.text;
  const auto statements = sql::parse_script(sql);
  for (const auto& s : statements) ASSERT_EQ(run(connection, s.text), "") << "first run: " << s.text;
  for (const auto& s : statements) {
    const int line = model::line_column_at(sql, s.offset).line;
    const std::string error = run(connection, s.text);
    if (flagged_lines.count(line) != 0) {
      EXPECT_NE(error, "") << "flagged, yet it ran again: " << s.text;
    } else {
      EXPECT_EQ(error, "") << "passed by the rule, yet it fails the second time: " << s.text;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RequireIfNotExistsRerunTest,
                         ::testing::Values(std::string("bad.sql"), std::string("good.sql")),
                         [](const auto& info) { return info.param == "bad.sql" ? "bad" : "good"; });

}  // namespace
}  // namespace migsafe::rules
