#include "rules/ban_concurrent_index_in_transaction.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(BanConcurrentIndexInTransactionTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("ban-concurrent-index-in-transaction", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "ban-concurrent-index-in-transaction");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/ban-concurrent-index-in-transaction/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "CREATE INDEX CONCURRENTLY plates_region_idx on plates runs inside a transaction "
            "block: PostgreSQL rejects it (ERROR: cannot run inside a transaction block)");
}

TEST(BanConcurrentIndexInTransactionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-concurrent-index-in-transaction", "good.sql").empty());
}

TEST(BanConcurrentIndexInTransactionTest, IsRegistered) {
  const Rule* rule = find_rule("ban-concurrent-index-in-transaction");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanConcurrentIndexInTransaction*>(rule), nullptr);
}

TEST(BanConcurrentIndexInTransactionTest, AlembicTransactionAndAutocommitBlock) {
  const std::string id = "ban-concurrent-index-in-transaction";
  const std::string sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON plates (a);";
  EXPECT_TRUE(findings_of(id, sql).empty());
  LintOptions alembic;
  alembic.context.assume_in_transaction = true;
  EXPECT_EQ(findings_of(id, sql, alembic).size(), 1u);
  // autocommit_block() in offline SQL: COMMIT ... BEGIN
  EXPECT_TRUE(findings_of(id, "COMMIT;\n" + sql + "\nBEGIN;", alembic).empty());
  // A DO block is one transaction whatever surrounds it.
  const auto in_do = findings_of(id, "DO $$ BEGIN EXECUTE 'DROP INDEX CONCURRENTLY i'; END $$;");
  ASSERT_EQ(in_do.size(), 1u);
  EXPECT_NE(in_do[0].message.find("inside a DO block"), std::string::npos);
}

// DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) cannot run in a transaction block either.
TEST(BanConcurrentIndexInTransactionTest, DetachPartitionConcurrently) {
  const std::string id = "ban-concurrent-index-in-transaction";
  LintOptions alembic;
  alembic.context.assume_in_transaction = true;
  const auto findings =
      findings_of(id, "ALTER TABLE events_by_month DETACH PARTITION events_2024 CONCURRENTLY;",
                  alembic);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message.rfind("DETACH PARTITION CONCURRENTLY on events_by_month", 0), 0u);
  EXPECT_TRUE(
      findings_of(id, "ALTER TABLE events_by_month DETACH PARTITION events_2024;", alembic).empty());
}

}  // namespace
}  // namespace migsafe::rules
