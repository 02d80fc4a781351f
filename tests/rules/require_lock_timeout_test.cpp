#include "rules/require_lock_timeout.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

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
            "takes ACCESS EXCLUSIVE on plates with no lock_timeout set: while it waits behind a long transaction, every query on plates queues behind it");
}

TEST(RequireLockTimeoutTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("require-lock-timeout", "good.sql").empty());
}

TEST(RequireLockTimeoutTest, IsRegistered) {
  const Rule* rule = find_rule("require-lock-timeout");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const RequireLockTimeout*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
