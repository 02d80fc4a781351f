#include "rules/require_concurrent_index_creation.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(RequireConcurrentIndexCreationTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-concurrent-index-creation", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-concurrent-index-creation");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-concurrent-index-creation/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "CREATE INDEX builds index plates_owner_id_idx on existing table plates without "
            "CONCURRENTLY: writes to plates wait until the build finishes");
}

TEST(RequireConcurrentIndexCreationTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-concurrent-index-creation", "good.sql").empty());
}

// ON ONLY a partitioned table builds nothing: the first step of the per-partition
// pattern. The same index on the whole table still fires.
TEST(RequireConcurrentIndexCreationTest, QuietOnIndexOnOnlyTheParent) {
  const std::string id = "require-concurrent-index-creation";
  EXPECT_TRUE(findings_of(id, "CREATE INDEX IF NOT EXISTS m_v ON ONLY metrics (value);").empty());
  EXPECT_EQ(findings_of(id, "CREATE INDEX IF NOT EXISTS m_v ON metrics (value);").size(), 1u);
}

TEST(RequireConcurrentIndexCreationTest, IsRegistered) {
  const Rule* rule = find_rule("require-concurrent-index-creation");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireConcurrentIndexCreation*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
