#include "rules/require_concurrent_index_deletion.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(RequireConcurrentIndexDeletionTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-concurrent-index-deletion", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-concurrent-index-deletion");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-concurrent-index-deletion/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "DROP INDEX plates_legacy_number_idx without CONCURRENTLY locks its table ACCESS "
            "EXCLUSIVE: reads and writes wait behind it");
}

TEST(RequireConcurrentIndexDeletionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-concurrent-index-deletion", "good.sql").empty());
}

TEST(RequireConcurrentIndexDeletionTest, IsRegistered) {
  const Rule* rule = find_rule("require-concurrent-index-deletion");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireConcurrentIndexDeletion*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
