// Every guard form, on names a careless suggestion gets wrong: reserved words and mixed
// case, which PostgreSQL only reads in double quotes. Each suggestion is parsed again.
#include "rules/sql/guarded_statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "rules/sql/parser.hpp"
#include "tests/rules/suggested_sql.hpp"

namespace migsafe::rules::sql {
namespace {

using migsafe::rules::testing::parses_with_guard;

// Names as a migration writes them: quoted, since `user` or UserAccounts unquoted is a
// syntax error or another name.
const std::vector<std::string> names = {"\"user\"", "\"order\"", "\"select\"", "\"UserAccounts\""};

// `$N` in a template stands for the name.
std::string with_name(std::string sql, const std::string& name) {
  for (std::size_t at = sql.find("$N"); at != std::string::npos; at = sql.find("$N", at)) {
    sql.replace(at, 2, name);
    at += name.size();
  }
  return sql;
}

Statement statement_of(const std::string& sql) {
  const auto statements = parse_script(sql);
  EXPECT_EQ(statements.size(), 1u) << sql;
  EXPECT_FALSE(statements.at(0).has_error) << sql;
  return statements.at(0);
}

std::optional<GuardedStatement> guarded(const std::string& sql, GuardRequest request = {}) {
  return guarded_statement(statement_of(sql), request);
}

struct Form {
  std::string sql;            // a template: $N is the name
  std::string guard;          // what the guarded statement must hold
  std::string expected = {};  // for the first name, "user": the whole suggestion
};

void expect_every_name_guarded(const std::vector<Form>& forms, const GuardRequest& request = {}) {
  for (const Form& form : forms) {
    for (const std::string& name : names) {
      const std::string sql = with_name(form.sql, name);
      const auto result = guarded(sql, request);
      ASSERT_TRUE(result.has_value()) << sql;
      EXPECT_TRUE(parses_with_guard(result->sql, form.guard)) << sql;
      EXPECT_EQ(result->shown, result->sql) << "short statements are shown whole";
      // The name is the user's, quotes and case kept.
      EXPECT_NE(result->sql.find(name), std::string::npos) << result->sql;
      if (!form.expected.empty() && name == names.front()) {
        EXPECT_EQ(result->sql, form.expected);
      }
    }
  }
}

TEST(GuardedStatementTest, CreateGetsIfNotExistsBeforeTheName) {
  expect_every_name_guarded({
      {"CREATE TABLE $N (id bigint)", "IF NOT EXISTS",
       "CREATE TABLE IF NOT EXISTS \"user\" (id bigint)"},
      {"CREATE UNLOGGED TABLE public.$N (id bigint)", "IF NOT EXISTS",
       "CREATE UNLOGGED TABLE IF NOT EXISTS public.\"user\" (id bigint)"},
      {"CREATE TABLE $N AS SELECT 1 AS id", "IF NOT EXISTS"},
      {"CREATE INDEX $N ON $N (id)", "IF NOT EXISTS",
       "CREATE INDEX IF NOT EXISTS \"user\" ON \"user\" (id)"},
      {"CREATE UNIQUE INDEX CONCURRENTLY $N ON $N USING btree (lower(name))", "IF NOT EXISTS",
       "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"user\" ON \"user\" USING btree "
       "(lower(name))"},
      {"CREATE SEQUENCE $N START 10", "IF NOT EXISTS"},
      {"CREATE SCHEMA $N", "IF NOT EXISTS", "CREATE SCHEMA IF NOT EXISTS \"user\""},
      {"CREATE EXTENSION $N", "IF NOT EXISTS"},
      {"CREATE MATERIALIZED VIEW $N AS SELECT 1 AS id", "IF NOT EXISTS",
       "CREATE MATERIALIZED VIEW IF NOT EXISTS \"user\" AS SELECT 1 AS id"},
  });
}

TEST(GuardedStatementTest, ReplaceableObjectsGetOrReplace) {
  expect_every_name_guarded({
      {"CREATE VIEW $N AS SELECT 1 AS id", "OR REPLACE",
       "CREATE OR REPLACE VIEW \"user\" AS SELECT 1 AS id"},
      // The function's own $$ body stays as written.
      {"CREATE FUNCTION $N() RETURNS int LANGUAGE sql AS $$SELECT 1$$", "OR REPLACE",
       "CREATE OR REPLACE FUNCTION \"user\"() RETURNS int LANGUAGE sql AS $$SELECT 1$$"},
      {"CREATE PROCEDURE $N() LANGUAGE sql AS 'SELECT 1'", "OR REPLACE"},
      {"CREATE TRIGGER $N BEFORE UPDATE ON $N FOR EACH ROW EXECUTE FUNCTION touch()",
       "OR REPLACE TRIGGER"},
  });
}

TEST(GuardedStatementTest, StatementsWithoutAnIfFormAreWrappedInADoBlock) {
  GuardRequest pg13;
  pg13.pg_version = 13;
  expect_every_name_guarded(
      {
          {"CREATE TYPE $N AS ENUM ('a', 'b')", "EXCEPTION WHEN duplicate_object THEN NULL",
           "DO $$ BEGIN CREATE TYPE \"user\" AS ENUM ('a', 'b'); EXCEPTION WHEN "
           "duplicate_object THEN NULL; END $$"},
          {"CREATE TYPE $N AS (x int)", "duplicate_object"},
          {"CREATE TYPE $N AS RANGE (subtype = int4)", "duplicate_object"},
          {"CREATE DOMAIN $N AS int CHECK (VALUE > 0)", "duplicate_object"},
          {"CREATE POLICY $N ON $N USING (true)", "duplicate_object"},
          // No OR REPLACE TRIGGER before PostgreSQL 14.
          {"CREATE TRIGGER $N BEFORE UPDATE ON $N FOR EACH ROW EXECUTE FUNCTION touch()",
           "duplicate_object"},
      },
      pg13);
  expect_every_name_guarded({
      {"CREATE CONSTRAINT TRIGGER $N AFTER UPDATE ON $N FOR EACH ROW EXECUTE FUNCTION touch()",
       "duplicate_object"},
  });
}

TEST(GuardedStatementTest, ColumnsAndConstraintsGetTheirOwnGuards) {
  expect_every_name_guarded({
      {"ALTER TABLE $N ADD COLUMN $N text", "ADD COLUMN IF NOT EXISTS",
       "ALTER TABLE \"user\" ADD COLUMN IF NOT EXISTS \"user\" text"},
      {"ALTER TABLE ONLY public.$N ADD $N text DEFAULT 'a,b'", "ADD IF NOT EXISTS"},
      {"ALTER TABLE $N DROP COLUMN $N", "DROP COLUMN IF EXISTS",
       "ALTER TABLE \"user\" DROP COLUMN IF EXISTS \"user\""},
      {"ALTER TABLE $N DROP $N CASCADE", "DROP IF EXISTS"},
      {"ALTER TABLE $N DROP CONSTRAINT $N", "DROP CONSTRAINT IF EXISTS",
       "ALTER TABLE \"user\" DROP CONSTRAINT IF EXISTS \"user\""},
      {"ALTER TABLE $N ADD COLUMN a numeric(10, 2), DROP COLUMN b, DROP CONSTRAINT $N",
       "DROP COLUMN IF EXISTS b, DROP CONSTRAINT IF EXISTS",
       "ALTER TABLE \"user\" ADD COLUMN IF NOT EXISTS a numeric(10, 2), DROP COLUMN IF EXISTS "
       "b, DROP CONSTRAINT IF EXISTS \"user\""},
  });
}

TEST(GuardedStatementTest, AddedConstraintsCatchWhatASecondRunRaises) {
  expect_every_name_guarded({
      {"ALTER TABLE $N ADD CONSTRAINT $N CHECK (id > 0)",
       "EXCEPTION WHEN duplicate_object THEN NULL",
       "DO $$ BEGIN ALTER TABLE \"user\" ADD CONSTRAINT \"user\" CHECK (id > 0); EXCEPTION WHEN "
       "duplicate_object THEN NULL; END $$"},
      {"ALTER TABLE $N ADD CONSTRAINT $N FOREIGN KEY (id) REFERENCES $N (id)", "duplicate_object"},
      {"ALTER TABLE $N ADD CONSTRAINT $N UNIQUE (id)", "duplicate_table"},
      {"ALTER TABLE $N ADD CONSTRAINT $N EXCLUDE USING gist (id WITH =)", "duplicate_table"},
      {"ALTER TABLE $N ADD CONSTRAINT $N PRIMARY KEY (id)", "invalid_table_definition"},
      {"ALTER TABLE $N ADD CONSTRAINT $N UNIQUE USING INDEX $N", "undefined_object"},
      // Unnamed, they get the name PostgreSQL gives them, so the second run collides.
      {"ALTER TABLE $N ADD UNIQUE (id, $N)", "duplicate_table",
       "DO $$ BEGIN ALTER TABLE \"user\" ADD CONSTRAINT user_id_user_key UNIQUE (id, \"user\"); "
       "EXCEPTION WHEN duplicate_table THEN NULL; END $$"},
      {"ALTER TABLE $N ADD FOREIGN KEY ($N) REFERENCES plates (id)", "duplicate_object",
       "DO $$ BEGIN ALTER TABLE \"user\" ADD CONSTRAINT user_user_fkey FOREIGN KEY (\"user\") "
       "REFERENCES plates (id); EXCEPTION WHEN duplicate_object THEN NULL; END $$"},
      {"ALTER TABLE $N ADD PRIMARY KEY (id)", "invalid_table_definition"},
      // Both guards in one statement: the column is spliced, the constraint caught.
      {"ALTER TABLE $N ADD COLUMN a int, ADD CONSTRAINT $N CHECK (a > 0)",
       "ADD COLUMN IF NOT EXISTS a int"},
  });
}

TEST(GuardedStatementTest, RenamesAndColumnChangesRunOnlyWhenTheCatalogSaysSo) {
  expect_every_name_guarded({
      {"ALTER TABLE $N RENAME TO plates", "ALTER TABLE IF EXISTS",
       "ALTER TABLE IF EXISTS \"user\" RENAME TO plates"},
      {"ALTER INDEX $N RENAME TO plates_idx", "ALTER INDEX IF EXISTS"},
      {"ALTER MATERIALIZED VIEW $N RENAME TO plates_view", "ALTER MATERIALIZED VIEW IF EXISTS"},
      {"ALTER TABLE $N RENAME COLUMN a TO $N", "information_schema.columns"},
      {"ALTER TABLE $N RENAME CONSTRAINT a TO $N", "undefined_object"},
      {"ALTER SCHEMA $N RENAME TO registry", "pg_namespace"},
      {"ALTER TYPE $N RENAME TO kind", "undefined_object"},
      {"ALTER FUNCTION $N() RENAME TO touch", "undefined_function"},
      {"ALTER TABLE $N ALTER COLUMN $N TYPE bigint USING $N::bigint", "information_schema.columns"},
      {"ALTER TABLE $N ALTER COLUMN $N SET NOT NULL", "IF EXISTS (SELECT 1"},
      {"ALTER TYPE $N ADD VALUE 'bus' BEFORE 'car'", "ADD VALUE IF NOT EXISTS",
       "ALTER TYPE \"user\" ADD VALUE IF NOT EXISTS 'bus' BEFORE 'car'"},
      {"ALTER TYPE $N RENAME VALUE 'car' TO 'auto'", "pg_enum"},
  });
  // The names the catalog is asked about are string constants, with the user's case.
  const auto column = guarded("ALTER TABLE \"UserAccounts\" RENAME COLUMN \"Name\" TO \"it's\"");
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->sql,
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND table_name = 'UserAccounts' AND column_name = "
            "'it''s') THEN ALTER TABLE \"UserAccounts\" RENAME COLUMN \"Name\" TO \"it's\"; END "
            "IF; END $$");
  const auto value = guarded("ALTER TYPE \"order\" RENAME VALUE 'a' TO 'b'");
  ASSERT_TRUE(value.has_value());
  EXPECT_NE(value->sql.find("to_regtype('\"order\"')"), std::string::npos) << value->sql;
}

TEST(GuardedStatementTest, DropGetsIfExistsAfterItsObjectType) {
  expect_every_name_guarded({
      {"DROP TABLE $N", "IF EXISTS", "DROP TABLE IF EXISTS \"user\""},
      {"DROP TABLE $N, plates CASCADE", "DROP TABLE IF EXISTS"},
      {"DROP INDEX CONCURRENTLY $N", "DROP INDEX CONCURRENTLY IF EXISTS"},
      {"DROP SEQUENCE $N", "DROP SEQUENCE IF EXISTS"},
      {"DROP VIEW $N", "DROP VIEW IF EXISTS"},
      {"DROP MATERIALIZED VIEW $N", "DROP MATERIALIZED VIEW IF EXISTS"},
      {"DROP TYPE $N", "DROP TYPE IF EXISTS"},
      {"DROP DOMAIN $N", "DROP DOMAIN IF EXISTS"},
      {"DROP SCHEMA $N CASCADE", "DROP SCHEMA IF EXISTS"},
      {"DROP EXTENSION $N", "DROP EXTENSION IF EXISTS"},
      {"DROP FUNCTION $N(int)", "DROP FUNCTION IF EXISTS"},
      {"DROP TRIGGER $N ON $N", "DROP TRIGGER IF EXISTS",
       "DROP TRIGGER IF EXISTS \"user\" ON \"user\""},
      {"DROP POLICY $N ON $N", "DROP POLICY IF EXISTS"},
  });
}

TEST(GuardedStatementTest, InsertsIgnoreRowsAlreadyThere) {
  expect_every_name_guarded({
      {"INSERT INTO $N (id) VALUES (1)", "ON CONFLICT DO NOTHING",
       "INSERT INTO \"user\" (id) VALUES (1) ON CONFLICT DO NOTHING"},
      {"INSERT INTO $N (id) SELECT id FROM plates RETURNING id", "ON CONFLICT DO NOTHING",
       "INSERT INTO \"user\" (id) SELECT id FROM plates ON CONFLICT DO NOTHING RETURNING id"},
  });
  EXPECT_FALSE(guarded("INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO NOTHING").has_value());
}

TEST(GuardedStatementTest, TheTableGoneByTheEndGuardsTheWholeAlter) {
  GuardRequest missing;
  missing.relation_missing = true;
  expect_every_name_guarded(
      {
          {"ALTER TABLE $N ADD COLUMN a int", "ALTER TABLE IF EXISTS",
           "ALTER TABLE IF EXISTS \"user\" ADD COLUMN a int"},
          {"ALTER TABLE $N RENAME COLUMN a TO b", "ALTER TABLE IF EXISTS"},
      },
      missing);
}

TEST(GuardedStatementTest, OnlyTheFailingCommandsAreGuardedWhenNamed) {
  GuardRequest second;
  second.failing_commands = {1};
  const auto result = guarded("ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int", second);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->sql, "ALTER TABLE t ADD COLUMN a int, ADD COLUMN IF NOT EXISTS b int");
}

TEST(GuardedStatementTest, StatementsAlreadyGuardedOrUnknownGetNothing) {
  // An unnamed CHECK's default name depends on its expression: nothing to collide on.
  EXPECT_FALSE(guarded("ALTER TABLE t ADD CHECK (id > 0)").has_value());
  for (const char* sql :
       {"CREATE TABLE IF NOT EXISTS t (id int)", "DROP TABLE IF EXISTS t",
        "CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE INDEX ON t (id)",
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int", "GRANT SELECT ON t TO app",
        "UPDATE t SET a = 1", "ALTER TABLE t ALTER COLUMN a SET STATISTICS 100"}) {
    EXPECT_FALSE(guarded(sql).has_value()) << sql;
  }
  Statement broken = statement_of("SELECT 1");
  broken.has_error = true;
  EXPECT_FALSE(guarded_statement(broken).has_value());
}

TEST(GuardedStatementTest, TheStatementIsShownOnOneLineWithoutComments) {
  const auto result =
      guarded("CREATE TABLE plates (\n\tid bigint, -- the key\n\tnumber /* as printed */ text\n)");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->sql, "CREATE TABLE IF NOT EXISTS plates (id bigint, number text)");
}

TEST(GuardedStatementTest, ADoBlockAroundDollarQuotesUsesAnotherTag) {
  GuardRequest pg13;
  pg13.pg_version = 13;
  const auto result =
      guarded("CREATE POLICY p ON t USING (name = $$it's$$ AND kind = $guard$x$guard$)", pg13);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->sql.rfind("DO $guard2$ BEGIN CREATE POLICY", 0), 0u) << result->sql;
  EXPECT_TRUE(parses_with_guard(result->sql, "duplicate_object"));
}

TEST(GuardedStatementTest, LongStatementsAreShownShortenedAndSaySo) {
  std::string sql = "CREATE TABLE \"UserAccounts\" (id bigint";
  for (int i = 0; i < 40; ++i) sql += ", column_" + std::to_string(i) + " text NOT NULL";
  sql += ")";
  const auto result = guarded(sql);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(parses_with_guard(result->sql, "IF NOT EXISTS"));
  EXPECT_LT(result->shown.size(), 400u);
  EXPECT_EQ(
      result->shown.rfind("CREATE TABLE IF NOT EXISTS \"UserAccounts\" (id bigint, column_0", 0),
      0u)
      << result->shown;
  EXPECT_NE(result->shown.find("... (the rest as written)"), std::string::npos);
  EXPECT_EQ(guard_help(*result).rfind("add IF NOT EXISTS: CREATE TABLE IF NOT EXISTS", 0), 0u);

  GuardRequest pg13;
  pg13.pg_version = 13;
  std::string type = "CREATE TYPE \"order\" AS ENUM ('a'";
  for (int i = 0; i < 60; ++i) type += ", 'value_" + std::to_string(i) + "'";
  const auto wrapped = guarded(type + ")", pg13);
  ASSERT_TRUE(wrapped.has_value());
  EXPECT_TRUE(parses_with_guard(wrapped->sql, "duplicate_object"));
  EXPECT_NE(wrapped->shown.find("... (the rest as written); EXCEPTION WHEN duplicate_object THEN "
                                "NULL; END $$"),
            std::string::npos)
      << wrapped->shown;
}

TEST(GuardedStatementTest, HelpSaysWriteOrWrap) {
  auto help = [](const std::string& sql) { return guard_help(*guarded(sql)); };
  EXPECT_EQ(help("CREATE TABLE \"user\" (id bigint)"),
            "write CREATE TABLE IF NOT EXISTS \"user\" (id bigint)");
  EXPECT_EQ(help("ALTER TABLE \"UserAccounts\" ADD UNIQUE (\"Email\")"),
            "wrap it in a DO block: DO $$ BEGIN ALTER TABLE \"UserAccounts\" ADD CONSTRAINT "
            "\"UserAccounts_Email_key\" UNIQUE (\"Email\"); EXCEPTION WHEN duplicate_table THEN "
            "NULL; END $$");
  EXPECT_EQ(help("CREATE TYPE \"UserAccounts\" AS ENUM ('a')"),
            "wrap it in a DO block: DO $$ BEGIN CREATE TYPE \"UserAccounts\" AS ENUM ('a'); "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
}

// SQLite has IF [NOT] EXISTS for tables, indexes, views and triggers and INSERT OR
// IGNORE; no DO blocks, no column guards. Each form is prepared by SQLite itself.
TEST(GuardedStatementTest, SqliteGetsOnlyItsOwnForms) {
  GuardRequest sqlite;
  sqlite.dialect = model::Dialect::sqlite;
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  db.exec(
      "CREATE TABLE \"user\" (id INTEGER PRIMARY KEY, \"order\" TEXT);"
      "CREATE INDEX \"select\" ON \"user\" (\"order\");"
      "CREATE VIEW \"UserAccounts\" AS SELECT 1 AS id;");
  for (const char* sql :
       {"CREATE TABLE \"user\" (id INTEGER PRIMARY KEY)",
        "CREATE INDEX \"select\" ON \"user\" (\"order\")",
        "CREATE VIEW \"UserAccounts\" AS SELECT 1 AS id", "INSERT INTO \"user\" (id) VALUES (1)",
        "DROP INDEX \"select\"", "DROP TABLE \"user\"", "DROP VIEW \"UserAccounts\""}) {
    const auto result = guarded(sql, sqlite);
    ASSERT_TRUE(result.has_value()) << sql;
    EXPECT_FALSE(result->do_block);
    EXPECT_NO_THROW(SQLite::Statement(db, result->sql)) << result->sql;
    // It runs twice: the second time, the object is there already (or gone).
    EXPECT_NO_THROW(db.exec(result->sql)) << result->sql;
    EXPECT_NO_THROW(db.exec(result->sql)) << result->sql;
  }
  for (const char* sql : {"ALTER TABLE t ADD COLUMN a int", "ALTER TABLE t DROP COLUMN a",
                          "CREATE TYPE k AS ENUM ('a')", "ALTER TABLE t RENAME COLUMN a TO b"}) {
    EXPECT_FALSE(guarded(sql, sqlite).has_value()) << sql;
  }
}

}  // namespace
}  // namespace migsafe::rules::sql
