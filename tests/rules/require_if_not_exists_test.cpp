#include "rules/require_if_not_exists.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"
#include "tests/rules/suggested_sql.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;
using testing::parses_with_guard;
using testing::suggested_sql;

TEST(RequireIfNotExistsTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-if-not-exists", "bad.sql");
  ASSERT_EQ(findings.size(), 13u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-if-not-exists");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-if-not-exists/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "CREATE TABLE plates fails when the migration runs again: relation \"plates\" already "
            "exists");
  EXPECT_EQ(findings[1].location.line, 6);
  EXPECT_EQ(findings[1].message,
            "CREATE INDEX plates_number_idx fails when the migration runs again: relation "
            "\"plates_number_idx\" already exists");
  EXPECT_EQ(findings[2].location.line, 7);
  EXPECT_EQ(findings[2].message,
            "ADD COLUMN region on plates fails when the migration runs again: column \"region\" "
            "already exists");
  EXPECT_EQ(findings[3].location.line, 8);
  EXPECT_EQ(findings[3].message,
            "CREATE TYPE plate_kind fails when the migration runs again: type \"plate_kind\" "
            "already exists");
  EXPECT_EQ(findings[4].location.line, 9);
  EXPECT_EQ(findings[4].message,
            "ADD CONSTRAINT on plates fails when the migration runs again: constraint "
            "\"plates_number_key\" already exists");
  EXPECT_EQ(findings[5].location.line, 10);
  EXPECT_EQ(findings[5].message,
            "CREATE SEQUENCE plate_serials fails when the migration runs again: sequence "
            "\"plate_serials\" already exists");
  EXPECT_EQ(findings[6].location.line, 11);
  EXPECT_EQ(findings[6].message,
            "CREATE SCHEMA registry fails when the migration runs again: schema \"registry\" "
            "already exists");
  EXPECT_EQ(findings[7].location.line, 12);
  EXPECT_EQ(findings[7].message,
            "RENAME of column legacy_plates.plate_no to number fails when the migration runs "
            "again: \"plate_no\" no longer exists");
  EXPECT_EQ(findings[8].location.line, 13);
  EXPECT_EQ(findings[8].message,
            "DROP COLUMN nickname on legacy_plates fails when the migration runs again: column "
            "\"nickname\" no longer exists");
  EXPECT_EQ(findings[9].location.line, 14);
  EXPECT_EQ(findings[9].message,
            "DROP TABLE old_plates fails when the migration runs again: table \"old_plates\" no "
            "longer exists");
  EXPECT_EQ(findings[10].location.line, 15);
  EXPECT_EQ(findings[10].message,
            "ADD VALUE 'bus' to type plate_kind fails when the migration runs again: enum label "
            "\"bus\" already exists");
  EXPECT_EQ(findings[11].location.line, 16);
  EXPECT_EQ(findings[11].message,
            "CREATE TRIGGER plates_touch fails when the migration runs again: trigger "
            "\"plates_touch\" already exists");
  EXPECT_EQ(findings[12].location.line, 20);
  EXPECT_EQ(findings[12].message,
            "CREATE TABLE plate_photos fails when the migration runs again: relation "
            "\"plate_photos\" already exists");
}

TEST(RequireIfNotExistsTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-if-not-exists", "good.sql").empty());
}

TEST(RequireIfNotExistsTest, IsRegistered) {
  const Rule* rule = find_rule("require-if-not-exists");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireIfNotExists*>(rule), nullptr);
}

TEST(RequireIfNotExistsTest, GuardsCount) {
  const std::string id = "require-if-not-exists";
  // A DO block catching duplicate_object, and a catalog test.
  EXPECT_TRUE(findings_of(id,
                          "DO $$ BEGIN ALTER TABLE plates ADD CONSTRAINT c UNIQUE (number); "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
                  .empty());
  EXPECT_TRUE(findings_of(id,
                          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns "
                          "WHERE table_name = 'plates' AND column_name = 'region') THEN "
                          "ALTER TABLE plates RENAME COLUMN area TO region; END IF; END $$;")
                  .empty());
  // A preceding DROP ... IF EXISTS of the same object.
  EXPECT_TRUE(findings_of(id,
                          "DROP TRIGGER IF EXISTS plates_touch ON plates;\n"
                          "CREATE TRIGGER plates_touch BEFORE UPDATE ON plates FOR EACH ROW "
                          "EXECUTE FUNCTION touch_updated_at();")
                  .empty());
  // An unguarded statement inside a DO block still fires, at its own line.
  const auto inside = findings_of(id, "DO $$\nBEGIN\n  CREATE SCHEMA billing;\nEND $$;");
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_EQ(inside[0].location.line, 3);
  EXPECT_EQ(inside[0].message,
            "CREATE SCHEMA billing fails when the migration runs again: schema \"billing\" already "
            "exists");
}

TEST(RequireIfNotExistsTest, ReRunnableStatementsDoNotFire) {
  EXPECT_TRUE(findings_of("require-if-not-exists",
                          "ALTER TABLE plates ALTER COLUMN number TYPE text;"
                          "ALTER TABLE plates ALTER COLUMN number SET NOT NULL;"
                          "ALTER TABLE plates ALTER COLUMN number DROP DEFAULT;"
                          "CREATE OR REPLACE VIEW v AS SELECT 1;"
                          "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';")
                  .empty());
  EXPECT_TRUE(findings_of("require-if-not-exists",
                          "ALTER TABLE IF EXISTS plates RENAME TO registrations;")
                  .empty());
}

TEST(RequireIfNotExistsTest, SqliteHelpGuardsInTheMigrationCode) {
  LintOptions sqlite;
  sqlite.context.dialect = Dialect::sqlite;
  const auto findings =
      findings_of("require-if-not-exists", "ALTER TABLE plates ADD COLUMN notes text;", sqlite);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].help,
            "SQLite has no ADD COLUMN IF NOT EXISTS: add the column only when "
            "sa.inspect(op.get_bind()).get_columns(\"plates\") lacks it");
}

// The safe form offered for CREATE TRIGGER is one the target database has.
TEST(RequireIfNotExistsTest, TriggerHelpFollowsTheTargetDatabase) {
  const std::string sql =
      "CREATE TRIGGER plates_touch BEFORE UPDATE ON plates FOR EACH ROW EXECUTE FUNCTION f();";
  auto help_for = [&](const LintOptions& options) {
    const auto findings = findings_of("require-if-not-exists", sql, options);
    return findings.size() == 1 ? findings[0].help : "(" + std::to_string(findings.size()) + ")";
  };
  LintOptions pg17;
  EXPECT_EQ(help_for(pg17),
            "write CREATE OR REPLACE TRIGGER plates_touch BEFORE UPDATE ON plates FOR EACH ROW "
            "EXECUTE FUNCTION f()");
  LintOptions pg13;
  pg13.context.pg_version = 13;
  EXPECT_EQ(help_for(pg13),
            "wrap it in a DO block: DO $$ BEGIN CREATE TRIGGER plates_touch BEFORE UPDATE ON "
            "plates FOR EACH ROW EXECUTE FUNCTION f(); EXCEPTION WHEN duplicate_object THEN NULL; "
            "END $$");
  LintOptions sqlite;
  sqlite.context.dialect = Dialect::sqlite;
  EXPECT_EQ(help_for(sqlite),
            "write CREATE TRIGGER IF NOT EXISTS plates_touch BEFORE UPDATE ON plates FOR EACH ROW "
            "EXECUTE FUNCTION f()");
}

// Every help the rule gives is the statement itself with its guard, for names that need
// quotes (reserved words, mixed case): it parses, and put in place of the statement it
// silences the finding.
TEST(RequireIfNotExistsTest, EveryHelpIsTheGuardedStatementAndParses) {
  struct Case {
    std::string sql;                  // $N: the name
    std::vector<std::string> guards;  // one per finding, in order
  };
  const std::vector<Case> cases = {
      {"CREATE TABLE $N (id bigint);", {"CREATE TABLE IF NOT EXISTS"}},
      {"CREATE UNIQUE INDEX $N ON plates (id);", {"CREATE UNIQUE INDEX IF NOT EXISTS"}},
      {"CREATE SEQUENCE $N;", {"CREATE SEQUENCE IF NOT EXISTS"}},
      {"CREATE SCHEMA $N;", {"CREATE SCHEMA IF NOT EXISTS"}},
      {"CREATE VIEW $N AS SELECT 1 AS id;", {"CREATE OR REPLACE VIEW"}},
      {"CREATE TRIGGER $N BEFORE UPDATE ON plates FOR EACH ROW EXECUTE FUNCTION f();",
       {"CREATE OR REPLACE TRIGGER"}},
      {"CREATE POLICY $N ON plates USING (true);", {"duplicate_object"}},
      {"CREATE TYPE $N AS ENUM ('a');", {"duplicate_object"}},
      {"ALTER TABLE $N ADD COLUMN $N text;", {"ADD COLUMN IF NOT EXISTS"}},
      {"ALTER TABLE $N DROP COLUMN $N;", {"DROP COLUMN IF EXISTS"}},
      {"ALTER TABLE $N DROP CONSTRAINT $N;", {"DROP CONSTRAINT IF EXISTS"}},
      {"ALTER TABLE $N ADD CONSTRAINT $N UNIQUE (id);", {"duplicate_table"}},
      {"ALTER TABLE $N ADD CONSTRAINT $N CHECK (id > 0);", {"duplicate_object"}},
      {"ALTER TABLE $N ADD COLUMN a int, ADD CONSTRAINT $N CHECK (a > 0);",
       {"ADD COLUMN IF NOT EXISTS", "duplicate_object"}},
      {"ALTER TABLE $N RENAME COLUMN a TO $N;", {"information_schema.columns"}},
      {"ALTER TABLE $N RENAME TO plates_old;", {"ALTER TABLE IF EXISTS"}},
      {"ALTER TYPE $N ADD VALUE 'bus';", {"ADD VALUE IF NOT EXISTS"}},
      {"ALTER TYPE $N RENAME VALUE 'car' TO 'auto';", {"pg_enum"}},
      {"DROP TABLE $N;", {"DROP TABLE IF EXISTS"}},
      {"DROP INDEX $N;", {"DROP INDEX IF EXISTS"}},
      // Changed, then renamed away: the change runs only while the column is there.
      {"ALTER TABLE $N ALTER COLUMN a TYPE text;\nALTER TABLE $N RENAME COLUMN a TO $N;",
       {"IF EXISTS (SELECT 1 FROM information_schema.columns", "IF NOT EXISTS (SELECT 1"}},
      // The table is dropped later in the unit: the ALTER runs only while it exists.
      {"ALTER TABLE $N ADD COLUMN b text;\nDROP TABLE $N;",
       {"ALTER TABLE IF EXISTS", "DROP TABLE IF EXISTS"}},
  };
  const std::string id = "require-if-not-exists";
  for (const Case& c : cases) {
    for (const std::string name : {"\"user\"", "\"order\"", "\"select\"", "\"UserAccounts\""}) {
      std::string sql = c.sql;
      for (std::size_t at = sql.find("$N"); at != std::string::npos; at = sql.find("$N", at)) {
        sql.replace(at, 2, name);
      }
      const auto findings = findings_of(id, sql);
      ASSERT_EQ(findings.size(), c.guards.size()) << sql;
      for (std::size_t k = 0; k < findings.size(); ++k) {
        const std::string suggested = suggested_sql(findings[k].help);
        EXPECT_TRUE(parses_with_guard(suggested, c.guards[k])) << findings[k].help;
        EXPECT_NE(suggested.find(name), std::string::npos) << suggested;
        // In its place, the guarded statement no longer fires.
        std::string fixed = sql;
        fixed.replace(fixed.find(findings[k].statement), findings[k].statement.size(), suggested);
        for (const auto& f : findings_of(id, fixed)) {
          EXPECT_NE(f.statement, suggested) << f.message;
        }
      }
    }
  }
}

TEST(RequireIfNotExistsTest, SqliteDropColumnAndRenameAreGuardedInTheMigrationCode) {
  LintOptions sqlite;
  sqlite.context.dialect = Dialect::sqlite;
  auto f = findings_of("require-if-not-exists", "ALTER TABLE plates DROP COLUMN notes;", sqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].help,
            "SQLite has no DROP COLUMN IF EXISTS: drop the column only when "
            "sa.inspect(op.get_bind()).get_columns(\"plates\") has it");
  f = findings_of("require-if-not-exists", "ALTER TABLE plates RENAME COLUMN a TO b;", sqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].help,
            "SQLite has no guard for a rename: rename the column only when "
            "sa.inspect(op.get_bind()).get_columns(\"plates\") has \"a\"");
  // SQLite's own guards are spliced in as for PostgreSQL.
  f = findings_of("require-if-not-exists", "CREATE TABLE \"order\" (id integer);", sqlite);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].help, "write CREATE TABLE IF NOT EXISTS \"order\" (id integer)");
}

// The verdict is the one a replay gives: the unit's statements run again on the schema
// the unit left behind (Alembic SQL for PostgreSQL).
TEST(RequireIfNotExistsTest, JudgesTheRerunOnTheSchemaTheUnitLeft) {
  const std::string id = "require-if-not-exists";
  // Added, then renamed: the ADD runs again (the column now has its new name); the
  // RENAME does not.
  auto f = findings_of(id,
                       "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
                       "ALTER TABLE users RENAME COLUMN nick TO nickname;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].message,
            "RENAME of column users.nick to nickname fails when the migration runs again: column "
            "\"nickname\" already exists");
  // A work table made and dropped in the same revision re-runs cleanly.
  EXPECT_TRUE(findings_of(id,
                          "CREATE TABLE tmp_ids (id BIGINT NOT NULL);\n"
                          "CREATE INDEX ix_tmp_ids_id ON tmp_ids (id);\n"
                          "INSERT INTO tmp_ids (id) SELECT id FROM users;\n"
                          "DROP INDEX ix_tmp_ids_id;\n"
                          "DROP TABLE tmp_ids;\n")
                  .empty());
  // Changed, then renamed away: the ALTER COLUMN fails the second time too.
  f = findings_of(id,
                  "ALTER TABLE users ALTER COLUMN email TYPE TEXT;\n"
                  "ALTER TABLE users RENAME COLUMN email TO email_address;\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].message,
            "ALTER COLUMN email on users fails when the migration runs again: column \"email\" no "
            "longer exists");
  EXPECT_EQ(f[1].message,
            "RENAME of column users.email to email_address fails when the migration runs again: "
            "\"email\" no longer exists");
  // Every statement to guard is listed, not only the first that fails.
  f = findings_of(id,
                  "ALTER TABLE legacy_plates ADD COLUMN region TEXT;\n"
                  "DROP TABLE legacy_plates;\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].message,
            "ALTER TABLE legacy_plates fails when the migration runs again: relation "
            "\"legacy_plates\" does not exist");
  EXPECT_EQ(f[1].location.line, 2);
}

// What the simulation cannot know is judged as the statement alone: an unnamed
// constraint, an object only SQL it cannot model touched.
TEST(RequireIfNotExistsTest, UnknownObjectsAreJudgedAlone) {
  const auto f = findings_of("require-if-not-exists",
                             "ALTER TABLE plates ADD CHECK (number <> '');\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "ADD CONSTRAINT on plates fails when the migration runs again: the constraint is "
            "added a second time");
  // No error to catch: the help asks for a name first.
  EXPECT_EQ(f[0].help.rfind("name the constraint (ADD CONSTRAINT <name> CHECK ...)", 0), 0u)
      << f[0].help;
}

}  // namespace
}  // namespace migsafe::rules
