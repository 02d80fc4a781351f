#include "rules/require_concurrent_reindex.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(RequireConcurrentReindexTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-concurrent-reindex", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-concurrent-reindex");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-concurrent-reindex/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "REINDEX INDEX users_email_idx without CONCURRENTLY takes SHARE on the "
            "table of index users_email_idx (writes blocked) and ACCESS EXCLUSIVE "
            "on each index while it is rebuilt (reads that use it blocked)");
}

TEST(RequireConcurrentReindexTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-concurrent-reindex", "good.sql").empty());
}

TEST(RequireConcurrentReindexTest, FiresOnTableAndSchema) {
  EXPECT_EQ(
      findings_of("require-concurrent-reindex", "REINDEX TABLE orders;\nREINDEX SCHEMA public;\n")
          .size(),
      2u);
}

TEST(RequireConcurrentReindexTest, QuietOnConcurrentlySystemAndNewObjects) {
  EXPECT_EQ(
      findings_of("require-concurrent-reindex",
                  "REINDEX (CONCURRENTLY) TABLE orders;\nREINDEX SYSTEM app;\nCREATE TABLE t (id "
                  "int);\nREINDEX TABLE t;\nCREATE INDEX i ON t (id);\nREINDEX INDEX i;\n")
          .size(),
      0u);
}

TEST(RequireConcurrentReindexTest, IsRegistered) {
  const Rule* rule = find_rule("require-concurrent-reindex");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireConcurrentReindex*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
