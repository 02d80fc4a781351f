#include "rules/prefer_repack.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(PreferRepackTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("prefer-repack", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "prefer-repack");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/prefer-repack/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "VACUUM FULL events rewrites the whole table under ACCESS EXCLUSIVE: "
            "reads and writes wait until the copy is done");
}

TEST(PreferRepackTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("prefer-repack", "good.sql").empty());
}

TEST(PreferRepackTest, FiresOnClusterAndOnEveryTable) {
  EXPECT_EQ(
      findings_of("prefer-repack", "CLUSTER orders USING orders_pkey;\nVACUUM FULL;\n").size(), 2u);
}

TEST(PreferRepackTest, QuietOnPlainVacuumAnalyzeAndNewTables) {
  EXPECT_EQ(findings_of("prefer-repack",
                        "VACUUM orders;\nANALYZE orders;\nVACUUM (FULL false) orders;\nCREATE "
                        "TABLE t (id int);\nVACUUM FULL t;\n")
                .size(),
            0u);
}

TEST(PreferRepackTest, IsRegistered) {
  const Rule* rule = find_rule("prefer-repack");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const PreferRepack*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
