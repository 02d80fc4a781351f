#include "rules/referencing_existing_table.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(ReferencingExistingTableTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("referencing-existing-table", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "referencing-existing-table");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/referencing-existing-table/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "CREATE TABLE addresses with a foreign key to existing table users "
            "takes SHARE ROW EXCLUSIVE on users with no lock_timeout set: while it "
            "waits behind a long transaction, every write to users queues behind it");
}

TEST(ReferencingExistingTableTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("referencing-existing-table", "good.sql").empty());
}

TEST(ReferencingExistingTableTest, OneFindingPerReferencedTable) {
  EXPECT_EQ(findings_of("referencing-existing-table",
                        "CREATE TABLE x (a bigint REFERENCES users (id), b bigint REFERENCES "
                        "orders (id), c bigint, FOREIGN KEY (c) REFERENCES users (id));\n")
                .size(),
            2u);
}

TEST(ReferencingExistingTableTest, QuietOnNewTablesAndSelfReferences) {
  EXPECT_EQ(findings_of("referencing-existing-table",
                        "CREATE TABLE p (id bigint PRIMARY KEY, parent bigint REFERENCES p "
                        "(id));\nCREATE TABLE c (p_id bigint REFERENCES p (id));\n")
                .size(),
            0u);
}

TEST(ReferencingExistingTableTest, IsRegistered) {
  const Rule* rule = find_rule("referencing-existing-table");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ReferencingExistingTable*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
