#include "rules/enum_value_change.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(EnumValueChangeTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("enum-value-change", "bad.sql");
  ASSERT_EQ(findings.size(), 2u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "enum-value-change");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/enum-value-change/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 4);
  EXPECT_EQ(findings[0].message,
            "uses enum value 'bus' added to plate_kind in the same transaction: PostgreSQL rejects "
            "it (unsafe use of new value)");
  EXPECT_EQ(findings[1].location.line, 5);
  EXPECT_EQ(findings[1].message,
            "RENAME VALUE 'truck' TO 'lorry' on enum plate_kind: code still writing 'truck' fails");
}

TEST(EnumValueChangeTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("enum-value-change", "good.sql").empty());
}

TEST(EnumValueChangeTest, IsRegistered) {
  const Rule* rule = find_rule("enum-value-change");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const EnumValueChange*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
