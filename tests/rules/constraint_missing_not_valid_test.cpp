#include "rules/constraint_missing_not_valid.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(ConstraintMissingNotValidTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("constraint-missing-not-valid", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "constraint-missing-not-valid");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/constraint-missing-not-valid/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(
      findings[0].message,
      "ADD CONSTRAINT plates_owner_id_fkey FOREIGN KEY on existing table plates without NOT VALID "
      "scans every row while holding SHARE ROW EXCLUSIVE (writes blocked on plates and owners)");
}

TEST(ConstraintMissingNotValidTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("constraint-missing-not-valid", "good.sql").empty());
}

TEST(ConstraintMissingNotValidTest, IsRegistered) {
  const Rule* rule = find_rule("constraint-missing-not-valid");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ConstraintMissingNotValid*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
