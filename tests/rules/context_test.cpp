#include "rules/context.hpp"

#include <gtest/gtest.h>

#include "rules/sql/parser.hpp"

namespace migsafe::rules {
namespace {

// The context as it is just before the last statement of `sql`.
Context before_last(const std::string& sql, ContextOptions options = {}) {
  ContextTracker tracker(options);
  const auto statements = sql::parse_script(sql);
  for (std::size_t i = 0; i + 1 < statements.size(); ++i) tracker.after(statements[i]);
  return tracker.context();
}

TEST(ContextTest, RemembersObjectsCreatedEarlier) {
  const Context c = before_last(
      "CREATE TABLE IF NOT EXISTS app.plates (id serial); CREATE INDEX i ON plates (id); "
      "CREATE TYPE mood AS ENUM ('a'); SELECT 1;");
  EXPECT_TRUE(c.created_in_migration("table", "plates"));
  EXPECT_TRUE(c.created_in_migration("table", "PLATES"));
  EXPECT_TRUE(c.created_in_migration("index", "i"));
  EXPECT_TRUE(c.created_in_migration("type", "mood"));
  EXPECT_TRUE(c.created_in_migration("sequence", "plates_id_seq"));
  EXPECT_TRUE(c.existed_before("table", "owners"));
}

TEST(ContextTest, TransactionStateFollowsBeginCommitAndTheAlembicDefault) {
  EXPECT_FALSE(before_last("SELECT 1;").in_transaction());
  EXPECT_TRUE(before_last("BEGIN; SELECT 1;").in_transaction());
  EXPECT_FALSE(before_last("BEGIN; COMMIT; SELECT 1;").in_transaction());
  ContextOptions alembic;
  alembic.assume_in_transaction = true;
  EXPECT_TRUE(before_last("SELECT 1;", alembic).in_transaction());
  // autocommit_block: COMMIT ... BEGIN
  EXPECT_FALSE(before_last("COMMIT; SELECT 1;", alembic).in_transaction());
}

// Who opened the transaction: the statements of a .sql file are the migration's own.
// The tool's BEGIN (sql::Author::tool) is set by the linter from its piece, see
// ban_commit_in_migration_test.cpp.
TEST(ContextTest, TransactionOpenerFollowsBeginCommitAndTheAlembicDefault) {
  EXPECT_EQ(before_last("SELECT 1;").transaction_opener(), TransactionOpener::unknown);
  EXPECT_EQ(before_last("BEGIN; SELECT 1;").transaction_opener(), TransactionOpener::migration);
  EXPECT_EQ(before_last("BEGIN; END; SELECT 1;").transaction_opener(), TransactionOpener::none);
  ContextOptions alembic;
  alembic.assume_in_transaction = true;
  EXPECT_EQ(before_last("SELECT 1;", alembic).transaction_opener(), TransactionOpener::tool);
  EXPECT_EQ(before_last("BEGIN; SELECT 1;", alembic).transaction_opener(),
            TransactionOpener::migration);
  EXPECT_EQ(before_last("ROLLBACK; SELECT 1;", alembic).transaction_opener(),
            TransactionOpener::none);
}

TEST(ContextTest, LockTimeoutFromSetSetLocalSetConfigOrOutside) {
  EXPECT_FALSE(before_last("SELECT 1;").lock_timeout_set());
  EXPECT_TRUE(before_last("SET lock_timeout = '2s'; SELECT 1;").lock_timeout_set());
  EXPECT_TRUE(
      before_last("SELECT set_config('lock_timeout', '2s', false); SELECT 1;").lock_timeout_set());
  EXPECT_FALSE(before_last("SET lock_timeout = 0; SELECT 1;").lock_timeout_set());
  EXPECT_FALSE(
      before_last("SET lock_timeout = '2s'; RESET lock_timeout; SELECT 1;").lock_timeout_set());
  EXPECT_FALSE(
      before_last("BEGIN; SET LOCAL lock_timeout = '2s'; COMMIT; SELECT 1;").lock_timeout_set());
  ContextOptions external;
  external.lock_timeout_set_externally = true;
  EXPECT_TRUE(before_last("SELECT 1;", external).lock_timeout_set());
}

TEST(ContextTest, ValidatedNotNullCheckAndDropIfExistsGuards) {
  const Context c = before_last(
      "ALTER TABLE owners ADD CONSTRAINT nn CHECK (name IS NOT NULL) NOT VALID;"
      "ALTER TABLE owners VALIDATE CONSTRAINT nn; DROP TYPE IF EXISTS mood; SELECT 1;");
  EXPECT_TRUE(c.not_null_proven("owners", "name"));
  EXPECT_FALSE(c.not_null_proven("owners", "email"));
  EXPECT_TRUE(c.dropped_if_exists_before("type", "mood"));
}

TEST(ContextTest, EnumValuesAddedInTheOpenTransaction) {
  const Context c = before_last("BEGIN; ALTER TYPE mood ADD VALUE 'ok'; SELECT 1;");
  ASSERT_EQ(c.enum_values_added_in_transaction().count("mood"), 1u);
  EXPECT_TRUE(before_last("BEGIN; ALTER TYPE mood ADD VALUE 'ok'; COMMIT; SELECT 1;")
                  .enum_values_added_in_transaction()
                  .empty());
}


TEST(ContextTest, ColumnsAddedInTheMigrationAndTheSchemaSoFar) {
  const Context c = before_last(
      "ALTER TABLE users ADD COLUMN nick varchar; ALTER TABLE users RENAME COLUMN nick TO "
      "nickname; CREATE INDEX ix_users_nickname ON users (nickname); SELECT 1;");
  EXPECT_TRUE(c.column_created_in_migration("users", "nick"));
  EXPECT_TRUE(c.column_created_in_migration("USERS", "nickname"));
  EXPECT_FALSE(c.column_created_in_migration("users", "email"));
  EXPECT_EQ(c.schema().column("users", "nickname"), Known::present);
  EXPECT_EQ(c.schema().table_of_index("ix_users_nickname"), std::optional<std::string>("users"));
}

}  // namespace
}  // namespace migsafe::rules
