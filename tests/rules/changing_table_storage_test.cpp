#include "rules/changing_table_storage.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(ChangingTableStorageTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("changing-table-storage", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "changing-table-storage");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/changing-table-storage/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "SET TABLESPACE archive_disks on events copies the whole table and "
            "rebuilds its indexes under ACCESS EXCLUSIVE: reads and writes wait "
            "until the copy is done");
}

TEST(ChangingTableStorageTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("changing-table-storage", "good.sql").empty());
}

TEST(ChangingTableStorageTest, FiresOnEachRewritingSubcommand) {
  EXPECT_EQ(
      findings_of(
          "changing-table-storage",
          "ALTER TABLE orders SET LOGGED;\nALTER TABLE orders SET UNLOGGED, SET TABLESPACE fast;\n")
          .size(),
      3u);
}

TEST(ChangingTableStorageTest, QuietOnStorageParametersAndNewTables) {
  EXPECT_EQ(
      findings_of("changing-table-storage",
                  "ALTER TABLE orders SET (fillfactor = 70);\nCREATE TABLE t (id int);\nALTER "
                  "TABLE t SET TABLESPACE fast;\nALTER INDEX orders_pkey SET TABLESPACE fast;\n")
          .size(),
      0u);
}

TEST(ChangingTableStorageTest, IsRegistered) {
  const Rule* rule = find_rule("changing-table-storage");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ChangingTableStorage*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
