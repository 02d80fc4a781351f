#include "rules/prefer_timestamptz.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(PreferTimestamptzTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("prefer-timestamptz", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "prefer-timestamptz");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/prefer-timestamptz/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "column plates.issued_at is timestamp without time zone: values lose their offset and "
            "compare wrongly across time zones");
}

TEST(PreferTimestamptzTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("prefer-timestamptz", "good.sql").empty());
}

TEST(PreferTimestamptzTest, IsRegistered) {
  const Rule* rule = find_rule("prefer-timestamptz");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const PreferTimestamptz*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
