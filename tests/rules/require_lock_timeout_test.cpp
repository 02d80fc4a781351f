#include "rules/require_lock_timeout.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(RequireLockTimeoutTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("require-lock-timeout", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "require-lock-timeout");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::warning);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/require-lock-timeout/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "takes ACCESS EXCLUSIVE on plates with no lock_timeout set: while it waits behind a "
            "long transaction, every query on plates queues behind it");
}

TEST(RequireLockTimeoutTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-lock-timeout", "good.sql").empty());
}

TEST(RequireLockTimeoutTest, IsRegistered) {
  const Rule* rule = find_rule("require-lock-timeout");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireLockTimeout*>(rule), nullptr);
}

TEST(RequireLockTimeoutTest, TimeoutSetAnyWayOrNotNeeded) {
  const std::string id = "require-lock-timeout";
  const std::string alter = "ALTER TABLE plates ADD COLUMN IF NOT EXISTS notes text;";
  EXPECT_TRUE(findings_of(id, "SELECT set_config('lock_timeout', '2s', false);\n" + alter).empty());
  EXPECT_TRUE(findings_of(id, "BEGIN;\nSET LOCAL lock_timeout = '2s';\n" + alter).empty());
  LintOptions external;
  external.context.lock_timeout_set_externally = true;
  EXPECT_TRUE(findings_of(id, alter, external).empty());
  // CONCURRENTLY does not block writes; a table created here has no traffic.
  EXPECT_TRUE(findings_of(id, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON plates (a);").empty());
  EXPECT_TRUE(findings_of(id,
                          "CREATE TABLE IF NOT EXISTS t (id bigint);\n"
                          "ALTER TABLE t ADD COLUMN IF NOT EXISTS n text;")
                  .empty());
  // A timeout that ended with its transaction no longer counts.
  EXPECT_EQ(findings_of(id, "BEGIN;\nSET LOCAL lock_timeout = '2s';\nCOMMIT;\n" + alter).size(),
            1u);
}

}  // namespace
}  // namespace migsafe::rules
