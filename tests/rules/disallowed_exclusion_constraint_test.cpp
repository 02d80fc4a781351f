#include "rules/disallowed_exclusion_constraint.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(DisallowedExclusionConstraintTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("disallowed-exclusion-constraint", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "disallowed-exclusion-constraint");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/disallowed-exclusion-constraint/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ADD CONSTRAINT sessions_no_overlap EXCLUDE on existing table sessions "
            "builds its index and checks every row under ACCESS EXCLUSIVE");
}

TEST(DisallowedExclusionConstraintTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("disallowed-exclusion-constraint", "good.sql").empty());
}

TEST(DisallowedExclusionConstraintTest, QuietOnOtherConstraintsAndNewTables) {
  EXPECT_EQ(
      findings_of("disallowed-exclusion-constraint",
                  "ALTER TABLE orders ADD CONSTRAINT c CHECK (quantity > 0) NOT VALID;\nCREATE "
                  "TABLE t (r int4range);\nALTER TABLE t ADD EXCLUDE USING gist (r WITH &&);\n")
          .size(),
      0u);
}

TEST(DisallowedExclusionConstraintTest, IsRegistered) {
  const Rule* rule = find_rule("disallowed-exclusion-constraint");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const DisallowedExclusionConstraint*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
