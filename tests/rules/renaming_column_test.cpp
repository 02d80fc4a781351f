#include "rules/renaming_column.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(RenamingColumnTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("renaming-column", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "renaming-column");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/renaming-column/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "RENAME COLUMN number TO plate_number on plates: the code running beside the migration "
            "still uses number and fails");
}

TEST(RenamingColumnTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("renaming-column", "good.sql").empty());
}

TEST(RenamingColumnTest, IsRegistered) {
  const Rule* rule = find_rule("renaming-column");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RenamingColumn*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
