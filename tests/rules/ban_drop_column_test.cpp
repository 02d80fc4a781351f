#include "rules/ban_drop_column.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(BanDropColumnTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("ban-drop-column", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "ban-drop-column");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/ban-drop-column/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "DROP COLUMN fax on owners: code still reading or writing fax fails");
}

TEST(BanDropColumnTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-drop-column", "good.sql").empty());
}

TEST(BanDropColumnTest, IsRegistered) {
  const Rule* rule = find_rule("ban-drop-column");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanDropColumn*>(rule), nullptr);
}

TEST(BanDropColumnTest, QuietOnANewColumnOrOneDroppedWithItsTable) {
  EXPECT_TRUE(findings_of("ban-drop-column",
                          "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
                          "ALTER TABLE users DROP COLUMN nick;\n")
                  .empty());
  // The table goes later in the same revision: DROP TABLE is judged (ban-drop-table).
  EXPECT_TRUE(findings_of("ban-drop-column",
                          "ALTER TABLE legacy_plates DROP COLUMN region;\n"
                          "DROP TABLE legacy_plates;\n")
                  .empty());
  const auto f = findings_of("ban-drop-column",
                             "ALTER TABLE legacy_plates DROP COLUMN region;\n"
                             "DROP TABLE other_plates;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
}

// ALTER TYPE ... DROP ATTRIBUTE ... CASCADE drops the column of every typed table (CREATE
// TABLE ... OF the type); without CASCADE PostgreSQL refuses when such a table exists.
TEST(BanDropColumnTest, FiresOnDropAttributeCascadeOfAnExistingCompositeType) {
  const auto f =
      findings_of("ban-drop-column", "ALTER TYPE money_amount DROP ATTRIBUTE currency CASCADE;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "DROP ATTRIBUTE currency CASCADE on type money_amount drops the column from every table "
      "of that type (CREATE TABLE ... OF money_amount): code still reading or writing currency "
      "fails");
  EXPECT_EQ(f[0].lock,
            "ACCESS EXCLUSIVE on the tables of type money_amount: blocks reads and writes");
  EXPECT_TRUE(findings_of("ban-drop-column",
                          "ALTER TYPE money_amount DROP ATTRIBUTE currency;\n"
                          "CREATE TYPE box AS (w bigint, h bigint);\n"
                          "ALTER TYPE box DROP ATTRIBUTE h CASCADE;\n")
                  .empty());
}

}  // namespace
}  // namespace migsafe::rules
