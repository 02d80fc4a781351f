#include "rules/enum_value_change.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;
using testing::chain_findings;
using testing::findings_of;

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


// DROP TYPE of a type no column uses any more: its last column was dropped or changed
// earlier, in this revision or an earlier one.
TEST(EnumValueChangeTest, QuietOnDropTypeOfAnUnusedType) {
  const std::string id = "enum-value-change";
  const std::string first =
      "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
      "CREATE TABLE orders (id BIGSERIAL NOT NULL, status order_status, PRIMARY KEY (id));\n";
  EXPECT_TRUE(chain_findings(id, {first, "ALTER TABLE orders DROP COLUMN status;\n"
                                         "DROP TYPE order_status;\n"})
                  .empty());
  EXPECT_TRUE(chain_findings(id, {first, "ALTER TABLE orders ALTER COLUMN status TYPE VARCHAR "
                                         "USING status::text;\n",
                                  "DROP TYPE order_status;\n"})
                  .empty());
  // Still used by another column: kept.
  const auto used = chain_findings(
      id, {first + "CREATE TABLE refunds (id BIGINT, status order_status);\n",
           "ALTER TABLE orders DROP COLUMN status;\nDROP TYPE order_status;\n"});
  ASSERT_EQ(used.size(), 1u);
  EXPECT_EQ(used[0].location.line, 2);
  // An older type (made before the first revision seen) whose column the chain dropped:
  // DROP TYPE without CASCADE fails rather than break a column it does not know; with
  // CASCADE it is kept.
  const std::string older = "ALTER TABLE orders ADD COLUMN status order_status;\n";
  EXPECT_TRUE(chain_findings(id, {older, "ALTER TABLE orders DROP COLUMN status;\n"
                                         "DROP TYPE order_status;\n"})
                  .empty());
  EXPECT_EQ(chain_findings(id, {older, "ALTER TABLE orders DROP COLUMN status;\n"
                                       "DROP TYPE order_status CASCADE;\n"})
                .size(),
            1u);
  // Nothing known about its columns: judged alone, as before.
  EXPECT_EQ(findings_of(id, "ALTER TABLE orders DROP COLUMN status;\nDROP TYPE order_status;\n")
                .size(),
            1u);
  EXPECT_EQ(findings_of(id, "DROP TYPE order_status;\n").size(), 1u);
}

}  // namespace
}  // namespace migsafe::rules
