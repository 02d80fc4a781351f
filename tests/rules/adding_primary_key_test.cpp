#include "rules/adding_primary_key.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(AddingPrimaryKeyTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("adding-primary-key", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "adding-primary-key");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/adding-primary-key/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "ADD PRIMARY KEY (id) on existing table plate_audit builds its index under ACCESS "
            "EXCLUSIVE: reads and writes wait");
}

TEST(AddingPrimaryKeyTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("adding-primary-key", "good.sql").empty());
}

TEST(AddingPrimaryKeyTest, IsRegistered) {
  const Rule* rule = find_rule("adding-primary-key");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AddingPrimaryKey*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
