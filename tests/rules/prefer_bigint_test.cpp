#include "rules/prefer_bigint.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(PreferBigintTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("prefer-bigint", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "prefer-bigint");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/prefer-bigint/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "column owners.id is a key of type integer: it runs out at 2,147,483,647, and widening "
            "it later rewrites the table");
}

TEST(PreferBigintTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("prefer-bigint", "good.sql").empty());
}

TEST(PreferBigintTest, IsRegistered) {
  const Rule* rule = find_rule("prefer-bigint");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const PreferBigint*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
