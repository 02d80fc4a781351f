#include "rules/adding_volatile_default.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
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

// A function the migration declares IMMUTABLE or STABLE is evaluated once for the
// default, as a built-in one is; undeclared (VOLATILE, the default) or replaced by a
// VOLATILE version, it is not.
TEST(AddingVolatileDefaultTest, FollowsTheVolatilityTheMigrationDeclares) {
  const std::string id = "adding-volatile-default";
  const std::string add = "ALTER TABLE refunds ADD COLUMN IF NOT EXISTS reason text DEFAULT reason_default();\n";
  auto function = [](const std::string& volatility) {
    return "CREATE OR REPLACE FUNCTION reason_default() RETURNS text LANGUAGE sql " + volatility +
           " AS $$ SELECT 'unspecified'::text $$;\n";
  };
  EXPECT_TRUE(findings_of(id, function("IMMUTABLE") + add).empty());
  EXPECT_TRUE(findings_of(id, function("STABLE") + add).empty());
  EXPECT_EQ(findings_of(id, function("VOLATILE") + add).size(), 1u);
  EXPECT_EQ(findings_of(id, function("") + add).size(), 1u);
  EXPECT_EQ(findings_of(id, add).size(), 1u) << "a function the migration did not declare";
  const auto replaced = findings_of(id, function("IMMUTABLE") + function("VOLATILE") + add);
  ASSERT_EQ(replaced.size(), 1u);
  EXPECT_NE(replaced[0].message.find("reason_default()"), std::string::npos) << replaced[0].message;
  // Another function in the same default still makes it volatile.
  EXPECT_EQ(findings_of(id, function("IMMUTABLE") +
                                "ALTER TABLE refunds ADD COLUMN IF NOT EXISTS r text DEFAULT "
                                "reason_default() || gen_random_uuid()::text;\n")
                .size(),
            1u);
}

TEST(AddingVolatileDefaultTest, IsRegistered) {
  const Rule* rule = find_rule("adding-volatile-default");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const AddingVolatileDefault*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
