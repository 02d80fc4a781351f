#include "rules/schema_state.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rules/sql/parser.hpp"

namespace migsafe::rules {
namespace {

using Mode = SchemaState::Mode;

// The state after `sql` ran once, as the migration first runs it.
SchemaState after(const std::string& sql, SchemaState state = {}) {
  for (const auto& s : sql::parse_script(sql)) {
    if (SchemaState::changes_schema(s.facts)) state.apply(s.facts, s.guarded(), Mode::first_run);
  }
  return state;
}

// The verdicts of re-running each statement of `sql` on the state it left behind.
std::vector<RerunSteps> rerun(const std::string& sql) {
  SchemaState state = after(sql);
  std::vector<RerunSteps> out;
  for (const auto& s : sql::parse_script(sql)) {
    if (SchemaState::changes_schema(s.facts)) {
      out.push_back(state.apply(s.facts, s.guarded(), Mode::rerun));
    }
  }
  return out;
}

TEST(SchemaStateTest, KnowsWhatTheStatementsMadeAndNothingElse) {
  const SchemaState s = after(
      "CREATE TABLE users (id bigint PRIMARY KEY, email varchar);"
      "CREATE INDEX ix_users_email ON users (email);"
      "ALTER TABLE orders ADD COLUMN note text;");
  EXPECT_EQ(s.table("users"), Known::present);
  EXPECT_EQ(s.table("USERS"), Known::present);
  EXPECT_EQ(s.column("users", "email"), Known::present);
  EXPECT_EQ(s.column("users", "nick"), Known::absent);  // CREATE TABLE lists them all
  EXPECT_EQ(s.column("orders", "note"), Known::present);
  EXPECT_EQ(s.column("orders", "total"), Known::unknown);  // older than the SQL seen
  EXPECT_EQ(s.table("invoices"), Known::unknown);
  EXPECT_EQ(s.table_of_index("ix_users_email"), std::optional<std::string>("users"));
  EXPECT_EQ(s.table_of_index("users_pkey"), std::optional<std::string>("users"));
  ASSERT_NE(s.column_type("users", "email"), nullptr);
  EXPECT_EQ(s.column_type("users", "email")->display(), "varchar");
}

TEST(SchemaStateTest, RenamesAndDropsMoveTheKnowledge) {
  const SchemaState s = after(
      "CREATE TABLE users (id bigint, email varchar);"
      "CREATE INDEX ix_users_email ON users (email);"
      "ALTER TABLE users RENAME COLUMN email TO email_address;"
      "ALTER TABLE users RENAME TO accounts;"
      "CREATE TABLE tmp (id bigint); DROP TABLE tmp;");
  EXPECT_EQ(s.table("users"), Known::absent);
  EXPECT_EQ(s.column("accounts", "email_address"), Known::present);
  EXPECT_EQ(s.column("accounts", "email"), Known::absent);
  EXPECT_EQ(s.table_of_index("ix_users_email"), std::optional<std::string>("accounts"));
  EXPECT_EQ(s.table("tmp"), Known::absent);
  // Dropping a column drops the indexes on it.
  const SchemaState dropped = after("ALTER TABLE accounts DROP COLUMN email_address;", s);
  EXPECT_EQ(dropped.table_of_index("ix_users_email"), std::nullopt);
}

TEST(SchemaStateTest, TypesKnowTheirColumns) {
  const SchemaState s = after(
      "CREATE TYPE status AS ENUM ('new', 'paid');"
      "CREATE TABLE orders (id bigint, status status);");
  EXPECT_TRUE(s.type_created_here("status"));
  EXPECT_TRUE(s.type_in_use("status"));
  const SchemaState altered = after("ALTER TABLE orders ALTER COLUMN status TYPE text;", s);
  EXPECT_FALSE(altered.type_in_use("status"));
  EXPECT_TRUE(altered.type_lost_a_column("status"));
  const SchemaState dropped = after("DROP TABLE orders;", s);
  EXPECT_FALSE(dropped.type_in_use("status"));
}

TEST(SchemaStateTest, RerunFailsOnlyWhereTheEndStateSaysSo) {
  // Added, then renamed: the ADD runs again (the column has its new name), the RENAME
  // does not (the new name is taken once the ADD ran).
  auto v = rerun(
      "ALTER TABLE users ADD COLUMN nick varchar;"
      "ALTER TABLE users RENAME COLUMN nick TO nickname;");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], RerunSteps{Rerun::runs});
  EXPECT_EQ(v[1], RerunSteps{Rerun::exists});
  // A table made and dropped in the unit re-runs cleanly.
  v = rerun("CREATE TABLE tmp (id bigint); CREATE INDEX tmp_id ON tmp (id); DROP TABLE tmp;");
  for (const auto& steps : v) EXPECT_EQ(steps, RerunSteps{Rerun::runs});
  // A failing step is a no-op: the ALTER on a table the unit drops fails, and so does the
  // DROP, both listed.
  v = rerun("ALTER TABLE legacy ADD COLUMN x int; DROP TABLE legacy;");
  EXPECT_EQ(v[0], RerunSteps{Rerun::no_relation});
  EXPECT_EQ(v[1], RerunSteps{Rerun::missing});
  // Guards never fail; DROP ... IF EXISTS before a CREATE makes it re-runnable.
  v = rerun("DROP TYPE IF EXISTS mood; CREATE TYPE mood AS ENUM ('a');"
            "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'b'; ALTER TYPE mood ADD VALUE 'c';");
  for (const auto& steps : v) EXPECT_EQ(steps, RerunSteps{Rerun::runs});
  // ... unless a column uses the type by the end: the DROP TYPE fails, and so do the
  // statements after it.
  v = rerun("DROP TYPE IF EXISTS mood; CREATE TYPE mood AS ENUM ('a');"
            "ALTER TYPE mood ADD VALUE 'c'; CREATE TABLE people (id int, mood mood);");
  EXPECT_EQ(v[0], RerunSteps{Rerun::in_use});
  EXPECT_EQ(v[1], RerunSteps{Rerun::exists});
  EXPECT_EQ(v[2], RerunSteps{Rerun::exists});
  EXPECT_EQ(v[3], RerunSteps{Rerun::exists});
  // One verdict per ALTER TABLE command.
  v = rerun("ALTER TABLE users ADD COLUMN a int, DROP COLUMN b, ALTER COLUMN c SET NOT NULL;");
  EXPECT_EQ(v[0], (RerunSteps{Rerun::exists, Rerun::missing, Rerun::runs}));
}

}  // namespace
}  // namespace migsafe::rules
