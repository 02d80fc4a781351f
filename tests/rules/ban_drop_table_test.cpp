#include "rules/ban_drop_table.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(BanDropTableTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("ban-drop-table", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "ban-drop-table");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/ban-drop-table/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "DROP TABLE legacy_plates: code still using legacy_plates fails, and its data is gone");
}

TEST(BanDropTableTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-drop-table", "good.sql").empty());
}

TEST(BanDropTableTest, IsRegistered) {
  const Rule* rule = find_rule("ban-drop-table");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanDropTable*>(rule), nullptr);
}

// DROP SCHEMA ... CASCADE drops every table in it; without CASCADE it fails on a schema
// that holds any, and a schema created in the same migration holds none of the code's.
TEST(BanDropTableTest, DropSchemaCascade) {
  const auto findings = findings_of("ban-drop-table", "DROP SCHEMA archive CASCADE;");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "DROP SCHEMA archive CASCADE drops every table in it: code still using them fails, "
            "and their data is gone");
  EXPECT_TRUE(findings_of("ban-drop-table", "DROP SCHEMA archive;").empty());
  EXPECT_TRUE(
      findings_of("ban-drop-table", "CREATE SCHEMA scratch;\nDROP SCHEMA scratch CASCADE;").empty());
}

}  // namespace
}  // namespace migsafe::rules
