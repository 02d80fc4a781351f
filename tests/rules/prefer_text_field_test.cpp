#include "rules/prefer_text_field.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(PreferTextFieldTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("prefer-text-field", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "prefer-text-field");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/prefer-text-field/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "column owner_emails.email is varchar(120): raising the limit later is an ALTER COLUMN "
            "TYPE under ACCESS EXCLUSIVE");
}

TEST(PreferTextFieldTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("prefer-text-field", "good.sql").empty());
}

TEST(PreferTextFieldTest, IsRegistered) {
  const Rule* rule = find_rule("prefer-text-field");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const PreferTextField*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
