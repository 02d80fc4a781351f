#include "rules/attaching_partition.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(AttachingPartitionTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("attaching-partition", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "attaching-partition");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/attaching-partition/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ATTACH PARTITION events to events_by_month takes ACCESS EXCLUSIVE on "
            "events (and on a default partition) and scans every row to check the "
            "partition bound");
}

TEST(AttachingPartitionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("attaching-partition", "good.sql").empty());
}

// ALTER INDEX ... ATTACH PARTITION (the last step of the ON ONLY pattern) joins two built
// indexes: nothing is scanned.
TEST(AttachingPartitionTest, QuietOnAttachingAnIndex) {
  EXPECT_TRUE(testing::findings_of("attaching-partition",
                                   "ALTER INDEX metrics_value_idx ATTACH PARTITION metrics_2026_12_value_idx;")
                  .empty());
}

TEST(AttachingPartitionTest, IsRegistered) {
  const Rule* rule = find_rule("attaching-partition");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AttachingPartition*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
