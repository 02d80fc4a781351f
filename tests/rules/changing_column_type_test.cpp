#include "rules/changing_column_type.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(ChangingColumnTypeTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("changing-column-type", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "changing-column-type");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/changing-column-type/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ALTER COLUMN number TYPE bigint on plates rewrites the table and rebuilds its indexes "
            "under ACCESS EXCLUSIVE");
}

TEST(ChangingColumnTypeTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("changing-column-type", "good.sql").empty());
}

TEST(ChangingColumnTypeTest, IsRegistered) {
  const Rule* rule = find_rule("changing-column-type");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ChangingColumnType*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
