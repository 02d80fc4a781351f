#include "rules/require_concurrent_index_deletion.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;
using testing::chain_findings;
using testing::findings_of;

TEST(RequireConcurrentIndexDeletionTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-concurrent-index-deletion", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-concurrent-index-deletion");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-concurrent-index-deletion/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "DROP INDEX plates_legacy_number_idx without CONCURRENTLY locks its table ACCESS "
            "EXCLUSIVE: reads and writes wait behind it");
}

TEST(RequireConcurrentIndexDeletionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-concurrent-index-deletion", "good.sql").empty());
}

TEST(RequireConcurrentIndexDeletionTest, IsRegistered) {
  const Rule* rule = find_rule("require-concurrent-index-deletion");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireConcurrentIndexDeletion*>(rule), nullptr);
}


// Alembic's DROP INDEX names no table; the table is the one an earlier revision created
// the index on. Dropped right before its table, the index is not a finding of its own.
TEST(RequireConcurrentIndexDeletionTest, QuietOnAnIndexDroppedWithItsTable) {
  const std::string id = "require-concurrent-index-deletion";
  const std::string first =
      "CREATE TABLE meters (id BIGSERIAL NOT NULL, serial VARCHAR(40), PRIMARY KEY (id));\n"
      "CREATE INDEX ix_meters_serial ON meters (serial);\n";
  EXPECT_TRUE(chain_findings(id, {first, "DROP INDEX ix_meters_serial;\nDROP TABLE meters;\n"})
                  .empty());
  // Kept: the table stays.
  const auto kept = chain_findings(id, {first, "DROP INDEX ix_meters_serial;\n"});
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].location.line, 1);
  // Without the earlier revision the table is not known: judged alone, as before.
  EXPECT_EQ(findings_of(id, "DROP INDEX ix_meters_serial;\nDROP TABLE meters;\n").size(), 1u);
}

}  // namespace
}  // namespace migsafe::rules
