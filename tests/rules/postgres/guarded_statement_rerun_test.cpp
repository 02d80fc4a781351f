// Proves the guarded forms (rules/sql/guarded_statement.hpp) on a real PostgreSQL 17
// server: each statement runs once as written, then its guarded form runs twice without
// an error; with names that only run quoted (reserved words, mixed case).
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"
#include "rules/lint.hpp"
#include "rules/sql/guarded_statement.hpp"
#include "rules/sql/parser.hpp"
#include "tests/rules/postgres/with_scratch_postgres.hpp"
#include "tests/rules/rule_test_support.hpp"
#include "tests/rules/suggested_sql.hpp"

namespace migsafe::rules::sql {
namespace {

// Runs a script in autocommit; its error, or "" when it ran.
std::string run(pqxx::connection& connection, const std::string& sql) {
  try {
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

struct Case {
  std::string setup;       // what exists before the statement first runs
  std::string statement;   // $N: the name; $R: another name
  std::string later = {};  // what the rest of the revision does before it runs again
  int pg_version = 17;
  bool relation_missing = false;  // the rest of the revision drops the table
};

// `$N` -> "user", `$R` -> "user_2", as quoted identifiers.
std::string with_names(std::string sql, const std::string& name) {
  const std::pair<std::string, std::string> names[] = {{"$N", "\"" + name + "\""},
                                                       {"$R", "\"" + name + "_2\""}};
  for (const auto& [from, to] : names) {
    for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at)) {
      sql.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return sql;
}

const std::string plates = "CREATE TABLE plates (id bigint PRIMARY KEY, a int);";
const std::string touch =
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;";

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"", "CREATE TABLE $N (id bigint)"},
      {"", "CREATE TABLE $N AS SELECT 1 AS id"},
      {plates, "CREATE INDEX $N ON plates (id)"},
      {plates, "CREATE UNIQUE INDEX CONCURRENTLY $N ON plates (id)"},
      {"", "CREATE SEQUENCE $N"},
      {"", "CREATE SCHEMA $N"},
      {"", "CREATE VIEW $N AS SELECT 1 AS id"},
      {"", "CREATE MATERIALIZED VIEW $N AS SELECT 1 AS id"},
      {"", "CREATE FUNCTION $N() RETURNS int LANGUAGE sql AS $$SELECT 1$$"},
      {plates + touch,
       "CREATE TRIGGER $N BEFORE UPDATE ON plates FOR EACH ROW EXECUTE FUNCTION touch()"},
      {plates + touch,
       "CREATE TRIGGER $N BEFORE UPDATE ON plates FOR EACH ROW EXECUTE FUNCTION touch()", "", 13},
      {plates, "CREATE POLICY $N ON plates USING (true)"},
      {"", "CREATE TYPE $N AS ENUM ('a')"},
      {"", "CREATE TYPE $N AS (x int)"},
      {"", "CREATE DOMAIN $N AS int CHECK (VALUE > 0)"},
      {plates, "ALTER TABLE plates ADD COLUMN $N text"},
      {"CREATE TABLE plates (id bigint, $N text);", "ALTER TABLE plates DROP COLUMN $N"},
      {"CREATE TABLE plates (id bigint CONSTRAINT $N CHECK (id > 0));",
       "ALTER TABLE plates DROP CONSTRAINT $N"},
      {plates, "ALTER TABLE plates ADD CONSTRAINT $N CHECK (id > 0)"},
      {plates + "CREATE TABLE $N (id bigint);",
       "ALTER TABLE $N ADD CONSTRAINT $N FOREIGN KEY (id) REFERENCES plates (id)"},
      {plates, "ALTER TABLE plates ADD CONSTRAINT $N UNIQUE (a)"},
      // Unnamed: the name spliced in must be the one PostgreSQL gave it the first time.
      {"CREATE TABLE $N (id bigint, $N int);", "ALTER TABLE $N ADD UNIQUE (id, $N)"},
      {plates + "CREATE TABLE $N (id bigint, $N bigint);",
       "ALTER TABLE $N ADD FOREIGN KEY ($N) REFERENCES plates (id)"},
      {"CREATE TABLE $N (id bigint NOT NULL);", "ALTER TABLE $N ADD PRIMARY KEY (id)"},
      {plates, "ALTER TABLE plates ADD CONSTRAINT $N EXCLUDE USING btree (a WITH =)"},
      {"CREATE TABLE $N (id bigint NOT NULL);",
       "ALTER TABLE $N ADD CONSTRAINT $R PRIMARY KEY (id)"},
      {plates + "CREATE UNIQUE INDEX ix ON plates (a);",
       "ALTER TABLE plates ADD CONSTRAINT $N UNIQUE USING INDEX ix"},
      {plates, "ALTER TABLE plates ADD COLUMN $N int, ADD CONSTRAINT $R CHECK ($N > 0)"},
      {"CREATE TABLE $N (id bigint);", "ALTER TABLE $N RENAME TO $R"},
      {plates, "ALTER TABLE plates RENAME COLUMN a TO $N"},
      {"CREATE TABLE plates (id bigint CONSTRAINT c CHECK (id > 0));",
       "ALTER TABLE plates RENAME CONSTRAINT c TO $N"},
      {plates + "CREATE INDEX $N ON plates (a);", "ALTER INDEX $N RENAME TO $R"},
      {"CREATE SCHEMA $N;", "ALTER SCHEMA $N RENAME TO $R"},
      {"CREATE TYPE $N AS ENUM ('a');", "ALTER TYPE $N RENAME TO $R"},
      {"CREATE FUNCTION $N() RETURNS int LANGUAGE sql AS 'SELECT 1';",
       "ALTER FUNCTION $N() RENAME TO $R"},
      {"CREATE TYPE $N AS ENUM ('a');", "ALTER TYPE $N ADD VALUE 'b'"},
      {"CREATE TYPE $N AS ENUM ('a');", "ALTER TYPE $N RENAME VALUE 'a' TO 'z'"},
      // Changed, then renamed away later in the revision.
      {"CREATE TABLE plates (id bigint, $N int);", "ALTER TABLE plates ALTER COLUMN $N TYPE bigint",
       "ALTER TABLE plates RENAME COLUMN $N TO gone;"},
      {"CREATE TABLE plates (id bigint, $N int);",
       "ALTER TABLE plates ALTER COLUMN $N SET NOT NULL", "ALTER TABLE plates DROP COLUMN $N;"},
      {"CREATE TABLE $N (id bigint);", "ALTER TABLE $N ADD COLUMN b text", "DROP TABLE $N;", 17,
       true},
      {"CREATE TABLE $N (id bigint);", "DROP TABLE $N"},
      {"CREATE TABLE plates (id bigint); CREATE INDEX $N ON plates (id);", "DROP INDEX $N"},
      {"CREATE TABLE plates (id bigint); CREATE INDEX $N ON plates (id);",
       "DROP INDEX CONCURRENTLY $N"},
      {"CREATE SEQUENCE $N;", "DROP SEQUENCE $N"},
      {"CREATE VIEW $N AS SELECT 1;", "DROP VIEW $N"},
      {"CREATE MATERIALIZED VIEW $N AS SELECT 1;", "DROP MATERIALIZED VIEW $N"},
      {"CREATE TYPE $N AS ENUM ('a');", "DROP TYPE $N"},
      {"CREATE SCHEMA $N;", "DROP SCHEMA $N CASCADE"},
      {"CREATE FUNCTION $N() RETURNS int LANGUAGE sql AS 'SELECT 1';", "DROP FUNCTION $N()"},
      {plates + touch +
           "CREATE TRIGGER $N BEFORE UPDATE ON plates FOR EACH ROW EXECUTE FUNCTION touch();",
       "DROP TRIGGER $N ON plates"},
      {plates + "CREATE POLICY $N ON plates USING (true);", "DROP POLICY $N ON plates"},
      {"CREATE TABLE $N (id bigint PRIMARY KEY);", "INSERT INTO $N (id) VALUES (1)"},
      {"CREATE TABLE $N (id bigint PRIMARY KEY);", "INSERT INTO $N (id) SELECT 2 RETURNING id"},
  };
  return all;
}

class GuardedStatementRerunTest : public WithScratchPostgres<::testing::Test> {};

TEST_F(GuardedStatementRerunTest, GuardedFormsRunTwiceAfterTheStatementRan) {
  pqxx::connection connection(scratch_->url().libpq_uri());
  int n = 0;
  for (const Case& c : cases()) {
    for (const std::string name : {"user", "order", "select", "UserAccounts"}) {
      // Each case in a schema of its own; schemas the case names are dropped after it.
      const std::string schema = "case_" + std::to_string(++n);
      ASSERT_EQ(run(connection, "CREATE SCHEMA " + schema + "; SET search_path TO " + schema), "");
      const std::string statement = with_names(c.statement, name);
      ASSERT_EQ(run(connection, with_names(c.setup, name)), "") << "setup of " << statement;
      ASSERT_EQ(run(connection, statement), "") << "first run: " << statement;
      ASSERT_EQ(run(connection, with_names(c.later, name)), "") << "after " << statement;

      const auto parsed = parse_script(statement);
      ASSERT_EQ(parsed.size(), 1u) << statement;
      GuardRequest request;
      request.pg_version = c.pg_version;
      request.relation_missing = c.relation_missing;
      const auto guarded = guarded_statement(parsed.front(), request);
      ASSERT_TRUE(guarded.has_value()) << statement;
      EXPECT_EQ(run(connection, guarded->sql), "") << "second run: " << guarded->sql;
      EXPECT_EQ(run(connection, guarded->sql), "") << "third run: " << guarded->sql;
      ASSERT_EQ(run(connection, with_names("RESET search_path; DROP SCHEMA " + schema +
                                               " CASCADE; DROP SCHEMA IF EXISTS $N CASCADE; "
                                               "DROP SCHEMA IF EXISTS $R CASCADE",
                                           name)),
                "");
    }
  }
}

// The rule's fixture, run once as written, then again with every flagged statement
// replaced by the statement its help suggests: the second run succeeds.
TEST_F(GuardedStatementRerunTest, TheFixtureRerunsWithTheHelpApplied) {
  using testing::read_text;
  using testing::source_path;
  const std::string dir = "fixtures/sql/require-if-not-exists/";
  const std::string sql = read_text(source_path(dir + "bad.sql"));
  std::string fixed = sql;
  int applied = 0;
  for (const auto& f : lint_sql(sql, "bad.sql")) {
    const std::string suggested = testing::suggested_sql(f.help);
    const std::size_t at = fixed.find(f.statement);
    if (f.rule != "require-if-not-exists" || suggested.empty() || at == std::string::npos) {
      continue;
    }
    fixed.replace(at, f.statement.size(), suggested);
    ++applied;
  }
  EXPECT_GE(applied, 10);

  pqxx::connection connection(scratch_->url().libpq_uri());
  for (const auto& s : parse_script(read_text(source_path(dir + "setup.sql")))) {
    ASSERT_EQ(run(connection, s.text), "") << s.text;
  }
  auto top_level = [](const std::string& script) {
    std::vector<std::string> out;
    for (const auto& s : parse_script(script)) {
      if (!s.in_do_block) out.push_back(s.text);
    }
    return out;
  };
  for (const auto& s : top_level(sql)) ASSERT_EQ(run(connection, s), "") << "first run: " << s;
  for (const auto& s : top_level(fixed)) EXPECT_EQ(run(connection, s), "") << "second run: " << s;
}

}  // namespace
}  // namespace migsafe::rules::sql
