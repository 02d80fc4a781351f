#include "rules/adding_volatile_default.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;

TEST(AddingVolatileDefaultTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("adding-volatile-default", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "adding-volatile-default");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/adding-volatile-default/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ADD COLUMN public_id on existing table plates rewrites the whole table under ACCESS "
            "EXCLUSIVE: its default calls gen_random_uuid(), which is volatile");
}

TEST(AddingVolatileDefaultTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("adding-volatile-default", "good.sql").empty());
}

TEST(AddingVolatileDefaultTest, IsRegistered) {
  const Rule* rule = find_rule("adding-volatile-default");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AddingVolatileDefault*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
