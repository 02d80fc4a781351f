#include "rules/prefer_identity.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(PreferIdentityTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("prefer-identity", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "prefer-identity");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/prefer-identity/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "column inspections.id is bigserial: its sequence has separate ownership and "
            "permissions, and copies of the table share it");
}

TEST(PreferIdentityTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("prefer-identity", "good.sql").empty());
}

TEST(PreferIdentityTest, IsRegistered) {
  const Rule* rule = find_rule("prefer-identity");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const PreferIdentity*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
