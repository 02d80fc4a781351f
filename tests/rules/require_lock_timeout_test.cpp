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

// LOCK takes the mode it names (ACCESS EXCLUSIVE when none): ACCESS SHARE blocks only
// ACCESS EXCLUSIVE, so it needs no timeout.
TEST(RequireLockTimeoutTest, LockTakesTheModeItNames) {
  const std::string id = "require-lock-timeout";
  EXPECT_TRUE(findings_of(id, "LOCK TABLE orders IN ACCESS SHARE MODE;").empty());
  EXPECT_TRUE(findings_of(id, "LOCK TABLE orders IN ROW EXCLUSIVE MODE;").empty());
  const auto share = findings_of(id, "LOCK TABLE orders IN SHARE MODE;");
  ASSERT_EQ(share.size(), 1u);
  EXPECT_NE(share[0].message.find("takes SHARE on orders"), std::string::npos) << share[0].message;
  const auto plain = findings_of(id, "LOCK orders, users;");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_NE(plain[0].message.find("takes ACCESS EXCLUSIVE on orders, users"), std::string::npos)
      << plain[0].message;
  EXPECT_TRUE(findings_of(id, "CREATE TABLE IF NOT EXISTS fresh (id bigint);\nLOCK fresh;").empty());
}

// ATTACH PARTITION's strong lock is on the table attached; ALTER DOMAIN's on the tables
// using the domain, none when the migration made the domain.
TEST(RequireLockTimeoutTest, JudgesTheTableAttachedAndTheDomainsAge) {
  const std::string id = "require-lock-timeout";
  EXPECT_TRUE(findings_of(id,
                          "CREATE TABLE IF NOT EXISTS events_2027 (LIKE events);\n"
                          "ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM (1) TO (2);")
                  .empty());
  EXPECT_EQ(findings_of(id,
                        "CREATE TABLE IF NOT EXISTS by_month (id bigint) PARTITION BY RANGE (id);\n"
                        "ALTER TABLE by_month ATTACH PARTITION events FOR VALUES FROM (1) TO (2);")
                .size(),
            1u);
  EXPECT_TRUE(findings_of(id,
                          "CREATE DOMAIN positive AS int;\n"
                          "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0);")
                  .empty());
  EXPECT_EQ(findings_of(id, "ALTER DOMAIN email_address ADD CONSTRAINT c CHECK (VALUE <> '');").size(), 1u);
}

// Maintenance of what this migration made locks nothing anyone else uses.
TEST(RequireLockTimeoutTest, MaintenanceOfWhatTheMigrationMadeIsQuiet) {
  const std::string id = "require-lock-timeout";
  EXPECT_TRUE(findings_of(id,
                          "CREATE MATERIALIZED VIEW IF NOT EXISTS totals AS SELECT 1 AS one WITH NO DATA;\n"
                          "REFRESH MATERIALIZED VIEW totals;")
                  .empty());
  EXPECT_EQ(findings_of(id, "REFRESH MATERIALIZED VIEW order_totals;").size(), 1u);
  const auto made =
      findings_of(id, "CREATE INDEX IF NOT EXISTS ix_new ON orders (id);\nREINDEX INDEX ix_new;");
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].occurrences.size(), 2u) << "REINDEX INDEX locks the index's old table";
  EXPECT_TRUE(findings_of(id, "CREATE TABLE IF NOT EXISTS fresh (id bigint);\nREINDEX TABLE fresh;\n"
                              "VACUUM fresh;\nCLUSTER fresh;")
                  .empty());
  EXPECT_EQ(findings_of(id, "REINDEX INDEX users_email_idx;").size(), 1u);
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
