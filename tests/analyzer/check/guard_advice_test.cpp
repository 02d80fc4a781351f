// The help a replay failure gives: the failed statement itself with the guard it lacks,
// valid SQL for names that need quotes, parsed again by PostgreSQL's parser.
#include "analyzer/check/guard_advice.hpp"

#include <gtest/gtest.h>

#include "tests/rules/suggested_sql.hpp"

namespace migsafe::analyzer::check {
namespace {

using rules::testing::parses_with_guard;
using rules::testing::suggested_sql;

TEST(GuardAdvice, CreateTableGetsIfNotExistsWithTheWholeStatement) {
  EXPECT_EQ(guard_advice("CREATE TABLE plates (id bigint)"),
            "write CREATE TABLE IF NOT EXISTS plates (id bigint)");
  // Alembic's layout, on one line.
  EXPECT_EQ(
      guard_advice("\nCREATE TABLE \"user\" (\n\tid SERIAL NOT NULL, \n\tPRIMARY KEY (id)\n)\n\n"),
      "write CREATE TABLE IF NOT EXISTS \"user\" (id SERIAL NOT NULL, PRIMARY KEY (id))");
}

TEST(GuardAdvice, DropConstraintGetsIfExistsNotAColumnGuard) {
  EXPECT_EQ(guard_advice("ALTER TABLE plates DROP CONSTRAINT plates_state_check"),
            "write ALTER TABLE plates DROP CONSTRAINT IF EXISTS plates_state_check");
  EXPECT_EQ(guard_advice("ALTER TABLE plates DROP COLUMN region"),
            "write ALTER TABLE plates DROP COLUMN IF EXISTS region");
}

TEST(GuardAdvice, DoBlocksAreDollarQuotedWithTwoDollars) {
  EXPECT_EQ(guard_advice("CREATE TYPE mood AS ENUM ('a')"),
            "wrap it in a DO block: DO $$ BEGIN CREATE TYPE mood AS ENUM ('a'); EXCEPTION WHEN "
            "duplicate_object THEN NULL; END $$");
  EXPECT_EQ(guard_advice("ALTER TABLE plates ADD CONSTRAINT uq UNIQUE (plate)"),
            "wrap it in a DO block: DO $$ BEGIN ALTER TABLE plates ADD CONSTRAINT uq UNIQUE "
            "(plate); EXCEPTION WHEN duplicate_table THEN NULL; END $$");
}

// Every template the replay help uses, with names only quotes make valid.
TEST(GuardAdvice, EveryTemplateParsesWithReservedAndMixedCaseNames) {
  struct Template {
    std::string sql;  // $N: the name
    std::string guard;
  };
  const std::vector<Template> templates = {
      {"CREATE TABLE $N (id bigint)", "CREATE TABLE IF NOT EXISTS"},
      {"CREATE UNIQUE INDEX CONCURRENTLY $N ON $N (id)",
       "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS"},
      {"CREATE SEQUENCE $N", "CREATE SEQUENCE IF NOT EXISTS"},
      {"CREATE SCHEMA $N", "CREATE SCHEMA IF NOT EXISTS"},
      {"CREATE EXTENSION $N", "CREATE EXTENSION IF NOT EXISTS"},
      {"CREATE VIEW $N AS SELECT 1 AS id", "CREATE OR REPLACE VIEW"},
      {"CREATE MATERIALIZED VIEW $N AS SELECT 1 AS id", "MATERIALIZED VIEW IF NOT EXISTS"},
      {"CREATE TRIGGER $N AFTER INSERT ON $N FOR EACH ROW EXECUTE FUNCTION f()",
       "CREATE OR REPLACE TRIGGER"},
      {"CREATE TYPE $N AS ENUM ('a')", "duplicate_object"},
      {"CREATE DOMAIN $N AS text", "duplicate_object"},
      {"ALTER TABLE $N ADD COLUMN $N text", "ADD COLUMN IF NOT EXISTS"},
      {"ALTER TABLE $N DROP COLUMN $N", "DROP COLUMN IF EXISTS"},
      {"ALTER TABLE $N DROP CONSTRAINT $N", "DROP CONSTRAINT IF EXISTS"},
      {"ALTER TABLE $N ADD CONSTRAINT $N CHECK (id > 0)", "duplicate_object"},
      {"ALTER TABLE $N ADD CONSTRAINT $N FOREIGN KEY (id) REFERENCES $N (id)", "duplicate_object"},
      {"ALTER TABLE $N ADD CONSTRAINT $N UNIQUE (id)", "duplicate_table"},
      {"ALTER TABLE $N ADD CONSTRAINT $N PRIMARY KEY (id)", "invalid_table_definition"},
      {"ALTER TABLE $N ALTER COLUMN $N TYPE bigint", "information_schema.columns"},
      {"ALTER TABLE $N RENAME COLUMN $N TO plate", "information_schema.columns"},
      {"ALTER TABLE $N RENAME TO plates", "ALTER TABLE IF EXISTS"},
      {"ALTER TYPE $N ADD VALUE 'b'", "ADD VALUE IF NOT EXISTS"},
      {"DROP TABLE $N", "DROP TABLE IF EXISTS"},
      {"DROP INDEX $N", "DROP INDEX IF EXISTS"},
      {"DROP TYPE $N", "DROP TYPE IF EXISTS"},
      {"DROP SEQUENCE $N", "DROP SEQUENCE IF EXISTS"},
      {"DROP VIEW $N", "DROP VIEW IF EXISTS"},
      {"DROP SCHEMA $N", "DROP SCHEMA IF EXISTS"},
      {"INSERT INTO $N (id) VALUES (1)", "ON CONFLICT DO NOTHING"},
  };
  for (const Template& t : templates) {
    for (const std::string name : {"\"user\"", "\"order\"", "\"select\"", "\"UserAccounts\""}) {
      std::string sql = t.sql;
      for (std::size_t at = sql.find("$N"); at != std::string::npos; at = sql.find("$N", at)) {
        sql.replace(at, 2, name);
      }
      const std::string advice = guard_advice(sql);
      EXPECT_TRUE(parses_with_guard(suggested_sql(advice), t.guard)) << sql << "\n" << advice;
      EXPECT_NE(advice.find(name), std::string::npos) << advice;
    }
  }
}

TEST(GuardAdvice, EachStatementOfOneExecuteGetsItsGuard) {
  EXPECT_EQ(guard_advice("CREATE TABLE t (id int); CREATE INDEX IF NOT EXISTS ix ON t (id); "
                         "CREATE INDEX ix2 ON t (id)"),
            "write CREATE TABLE IF NOT EXISTS t (id int); then write CREATE INDEX IF NOT EXISTS "
            "ix2 ON t (id)");
}

TEST(GuardAdvice, SqliteGetsOnlySqliteForms) {
  EXPECT_EQ(guard_advice("CREATE TABLE \"order\" (id INTEGER)", model::Dialect::sqlite),
            "write CREATE TABLE IF NOT EXISTS \"order\" (id INTEGER)");
  EXPECT_EQ(guard_advice("INSERT INTO plates (id) VALUES (1)", model::Dialect::sqlite),
            "write INSERT OR IGNORE INTO plates (id) VALUES (1)");
  const std::string add =
      guard_advice("ALTER TABLE plates ADD COLUMN region TEXT", model::Dialect::sqlite);
  EXPECT_EQ(add.find("IF NOT EXISTS"), std::string::npos) << add;
  EXPECT_NE(add.find("sa.inspect"), std::string::npos) << add;
}

TEST(GuardAdvice, UnknownOrUnparseableStatementsGetTheGeneralAdvice) {
  EXPECT_NE(guard_advice("GRANT SELECT ON plates TO app").find("guard each statement"),
            std::string::npos);
  // SQLAlchemy's parameters are not SQL PostgreSQL parses.
  EXPECT_EQ(guard_advice("INSERT INTO plates (id) VALUES (%(id)s)"),
            "make the insert re-runnable: add ON CONFLICT DO NOTHING at its end");
}

}  // namespace
}  // namespace migsafe::analyzer::check
