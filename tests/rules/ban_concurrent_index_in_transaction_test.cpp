#include "rules/ban_concurrent_index_in_transaction.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

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
            "CREATE INDEX CONCURRENTLY plates_region_idx on plates runs inside a transaction block: PostgreSQL rejects it (ERROR: cannot run inside a transaction block)");
}

TEST(BanConcurrentIndexInTransactionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-concurrent-index-in-transaction", "good.sql").empty());
}

TEST(BanConcurrentIndexInTransactionTest, IsRegistered) {
  const Rule* rule = find_rule("ban-concurrent-index-in-transaction");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanConcurrentIndexInTransaction*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
