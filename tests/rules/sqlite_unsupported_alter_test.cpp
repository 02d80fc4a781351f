#include "rules/sqlite_unsupported_alter.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(SqliteUnsupportedAlterTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("sqlite-unsupported-alter", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "sqlite-unsupported-alter");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/sqlite-unsupported-alter/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ALTER COLUMN number SET NOT NULL on plates: SQLite's ALTER TABLE cannot do this");
}

TEST(SqliteUnsupportedAlterTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("sqlite-unsupported-alter", "good.sql").empty());
}

TEST(SqliteUnsupportedAlterTest, IsRegistered) {
  const Rule* rule = find_rule("sqlite-unsupported-alter");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const SqliteUnsupportedAlter*>(rule), nullptr);
}

TEST(SqliteUnsupportedAlterTest, QuietForPostgres) {
  EXPECT_TRUE(findings_of("sqlite-unsupported-alter",
                          "ALTER TABLE plates ALTER COLUMN number SET NOT NULL;")
                  .empty());
}

}  // namespace
}  // namespace migsafe::rules
