#include "rules/unbatched_backfill.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(UnbatchedBackfillTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("unbatched-backfill", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "unbatched-backfill");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/unbatched-backfill/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "UPDATE plates touches every row and holds row locks on plates until the migration's "
            "transaction commits");
}

TEST(UnbatchedBackfillTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("unbatched-backfill", "good.sql").empty());
}

TEST(UnbatchedBackfillTest, IsRegistered) {
  const Rule* rule = find_rule("unbatched-backfill");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const UnbatchedBackfill*>(rule), nullptr);
}

TEST(UnbatchedBackfillTest, BatchedUpdateAndInsertValuesDoNotFire) {
  EXPECT_TRUE(findings_of("unbatched-backfill",
                          "UPDATE plates SET number = upper(number) WHERE id IN "
                          "(SELECT id FROM plates WHERE number <> upper(number) LIMIT 1000);\n"
                          "INSERT INTO plates (number) VALUES ('AB-12-CD');")
                  .empty());
}

}  // namespace
}  // namespace migsafe::rules
