#include "rules/adding_not_null_constraint.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(AddingNotNullConstraintTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("adding-not-null-constraint", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "adding-not-null-constraint");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/adding-not-null-constraint/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "SET NOT NULL on owners.name scans all of owners under ACCESS EXCLUSIVE");
}

TEST(AddingNotNullConstraintTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("adding-not-null-constraint", "good.sql").empty());
}

TEST(AddingNotNullConstraintTest, IsRegistered) {
  const Rule* rule = find_rule("adding-not-null-constraint");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AddingNotNullConstraint*>(rule), nullptr);
}

TEST(AddingNotNullConstraintTest, CheckDoesNotHelpBeforePg12) {
  LintOptions pg11;
  pg11.context.pg_version = 11;
  const std::string good =
      testing::read_text(testing::source_path("fixtures/sql/adding-not-null-constraint/good.sql"));
  EXPECT_EQ(findings_of("adding-not-null-constraint", good, pg11).size(), 1u);
}


// A column new in this migration does not make the table small: SET NOT NULL still scans
// every row of an existing table (Alembic: add_column, backfill, alter_column
// nullable=False).
TEST(AddingNotNullConstraintTest, NewColumnOfAnExistingTableStillScansIt) {
  const auto f = findings_of("adding-not-null-constraint",
                             "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
                             "UPDATE users SET nick = name;\n"
                             "ALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
}

}  // namespace
}  // namespace migsafe::rules
