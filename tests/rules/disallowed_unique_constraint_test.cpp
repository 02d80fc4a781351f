#include "rules/disallowed_unique_constraint.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(DisallowedUniqueConstraintTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("disallowed-unique-constraint", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "disallowed-unique-constraint");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/disallowed-unique-constraint/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "ADD CONSTRAINT plates_number_key UNIQUE on existing table plates builds its index "
            "under ACCESS EXCLUSIVE: reads and writes wait");
}

TEST(DisallowedUniqueConstraintTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("disallowed-unique-constraint", "good.sql").empty());
}

TEST(DisallowedUniqueConstraintTest, IsRegistered) {
  const Rule* rule = find_rule("disallowed-unique-constraint");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const DisallowedUniqueConstraint*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
