#include "rules/renaming_table.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(RenamingTableTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("renaming-table", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "renaming-table");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/renaming-table/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "RENAME TABLE plates TO registrations: the code running beside the migration still "
            "queries plates and fails");
}

TEST(RenamingTableTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("renaming-table", "good.sql").empty());
}

TEST(RenamingTableTest, IsRegistered) {
  const Rule* rule = find_rule("renaming-table");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RenamingTable*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
