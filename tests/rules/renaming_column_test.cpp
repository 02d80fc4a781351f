#include "rules/renaming_column.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
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

// A column the same revision added is no one's yet: renaming it breaks no code.
TEST(RenamingColumnTest, QuietOnAColumnAddedInTheSameMigration) {
  EXPECT_TRUE(findings_of("renaming-column",
                          "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
                          "UPDATE users SET nick = name;\n"
                          "ALTER TABLE users RENAME COLUMN nick TO nickname;\n"
                          "ALTER TABLE users RENAME COLUMN nickname TO display_name;\n")
                  .empty());
  // An older column of the same table still fires.
  const auto f = findings_of("renaming-column",
                             "ALTER TABLE users ADD COLUMN nick VARCHAR;\n"
                             "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
}

// ALTER TYPE ... RENAME ATTRIBUTE ... CASCADE renames the column of every typed table (CREATE
// TABLE ... OF the type); without CASCADE PostgreSQL refuses when such a table exists.
TEST(RenamingColumnTest, FiresOnRenameAttributeCascadeOfAnExistingCompositeType) {
  const auto f =
      findings_of("renaming-column",
                  "ALTER TYPE money_amount RENAME ATTRIBUTE cents TO amount_cents CASCADE;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "RENAME ATTRIBUTE cents TO amount_cents CASCADE on type money_amount renames the column "
      "in every table of that type (CREATE TABLE ... OF money_amount): the code running beside "
      "the migration still uses cents and fails");
  EXPECT_EQ(f[0].lock,
            "ACCESS EXCLUSIVE on the tables of type money_amount: blocks reads and writes");
  EXPECT_TRUE(findings_of("renaming-column",
                          "ALTER TYPE money_amount RENAME ATTRIBUTE cents TO amount_cents;\n"
                          "CREATE TYPE box AS (w bigint);\n"
                          "ALTER TYPE box RENAME ATTRIBUTE w TO width CASCADE;\n")
                  .empty());
}

}  // namespace
}  // namespace migsafe::rules
