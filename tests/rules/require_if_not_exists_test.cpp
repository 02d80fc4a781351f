#include "rules/require_if_not_exists.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(RequireIfNotExistsTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-if-not-exists", "bad.sql");
  ASSERT_EQ(findings.size(), 13u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-if-not-exists");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-if-not-exists/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "CREATE TABLE plates fails when the migration runs again: relation \"plates\" already exists");
  EXPECT_EQ(findings[1].location.line, 6);
  EXPECT_EQ(findings[1].message,
            "CREATE INDEX plates_number_idx fails when the migration runs again: relation \"plates_number_idx\" already exists");
  EXPECT_EQ(findings[2].location.line, 7);
  EXPECT_EQ(findings[2].message,
            "ADD COLUMN region on plates fails when the migration runs again: column \"region\" already exists");
  EXPECT_EQ(findings[3].location.line, 8);
  EXPECT_EQ(findings[3].message,
            "CREATE TYPE plate_kind fails when the migration runs again: type \"plate_kind\" already exists");
  EXPECT_EQ(findings[4].location.line, 9);
  EXPECT_EQ(findings[4].message,
            "ADD CONSTRAINT on plates fails when the migration runs again: constraint \"plates_number_key\" already exists");
  EXPECT_EQ(findings[5].location.line, 10);
  EXPECT_EQ(findings[5].message,
            "CREATE SEQUENCE plate_serials fails when the migration runs again: sequence \"plate_serials\" already exists");
  EXPECT_EQ(findings[6].location.line, 11);
  EXPECT_EQ(findings[6].message,
            "CREATE SCHEMA registry fails when the migration runs again: schema \"registry\" already exists");
  EXPECT_EQ(findings[7].location.line, 12);
  EXPECT_EQ(findings[7].message,
            "RENAME of column legacy_plates.plate_no to number fails when the migration runs again: \"plate_no\" no longer exists");
  EXPECT_EQ(findings[8].location.line, 13);
  EXPECT_EQ(findings[8].message,
            "DROP COLUMN nickname on legacy_plates fails when the migration runs again: column \"nickname\" no longer exists");
  EXPECT_EQ(findings[9].location.line, 14);
  EXPECT_EQ(findings[9].message,
            "DROP TABLE old_plates fails when the migration runs again: table \"old_plates\" no longer exists");
  EXPECT_EQ(findings[10].location.line, 15);
  EXPECT_EQ(findings[10].message,
            "ADD VALUE 'bus' to type plate_kind fails when the migration runs again: enum label \"bus\" already exists");
  EXPECT_EQ(findings[11].location.line, 16);
  EXPECT_EQ(findings[11].message,
            "CREATE TRIGGER plates_touch fails when the migration runs again: trigger \"plates_touch\" already exists");
  EXPECT_EQ(findings[12].location.line, 20);
  EXPECT_EQ(findings[12].message,
            "CREATE TABLE plate_photos fails when the migration runs again: relation \"plate_photos\" already exists");
}

TEST(RequireIfNotExistsTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-if-not-exists", "good.sql").empty());
}

TEST(RequireIfNotExistsTest, IsRegistered) {
  const Rule* rule = find_rule("require-if-not-exists");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireIfNotExists*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
