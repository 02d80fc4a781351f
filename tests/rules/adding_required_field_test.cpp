#include "rules/adding_required_field.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(AddingRequiredFieldTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("adding-required-field", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "adding-required-field");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/adding-required-field/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ADD COLUMN country_code text NOT NULL on existing table plates has no default: it "
            "fails as soon as plates has a row");
}

TEST(AddingRequiredFieldTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("adding-required-field", "good.sql").empty());
}

TEST(AddingRequiredFieldTest, IsRegistered) {
  const Rule* rule = find_rule("adding-required-field");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AddingRequiredField*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
