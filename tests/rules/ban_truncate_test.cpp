#include "rules/ban_truncate.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(BanTruncateTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("ban-truncate", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "ban-truncate");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/ban-truncate/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "TRUNCATE plate_imports CASCADE also empties every table with a foreign key to it: "
            "every row is deleted under ACCESS EXCLUSIVE, and the deploy cannot be rolled back");
}

TEST(BanTruncateTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-truncate", "good.sql").empty());
}

TEST(BanTruncateTest, IsRegistered) {
  const Rule* rule = find_rule("ban-truncate");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanTruncate*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
