#include "rules/require_concurrent_refresh.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(RequireConcurrentRefreshTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-concurrent-refresh", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-concurrent-refresh");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-concurrent-refresh/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "REFRESH MATERIALIZED VIEW order_totals without CONCURRENTLY rebuilds "
            "it under ACCESS EXCLUSIVE: every read of order_totals waits until the "
            "query behind it has run");
}

TEST(RequireConcurrentRefreshTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-concurrent-refresh", "good.sql").empty());
}

TEST(RequireConcurrentRefreshTest, QuietOnAViewCreatedInTheMigration) {
  EXPECT_EQ(
      findings_of("require-concurrent-refresh",
                  "CREATE MATERIALIZED VIEW v AS SELECT 1 AS x;\nREFRESH MATERIALIZED VIEW v;\n")
          .size(),
      0u);
}

TEST(RequireConcurrentRefreshTest, IsRegistered) {
  const Rule* rule = find_rule("require-concurrent-refresh");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireConcurrentRefresh*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
