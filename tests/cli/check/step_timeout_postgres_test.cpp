#include "tests/cli/check/step_timeout.hpp"

namespace migsafe::tests {
namespace {

// libpq's wait cannot be interrupted by a signal: statement_timeout, set on every
// connection to the scratch database, stops the statement on the server.
TEST(StepTimeoutPostgres, StatementThatNeverEndsIsCancelledAndShown) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    op.execute(\"SELECT pg_sleep(600)\")\n");
  const auto findings = failed_upgrade("--db postgres --timeout 2", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  const std::string message = findings[0]["message"];
  EXPECT_TRUE(contains(message, "did not finish within 2 s")) << message;
  EXPECT_TRUE(contains(message, "statement timeout")) << "PostgreSQL's own words: " << message;
  EXPECT_TRUE(contains(findings[0].dump(), "pg_sleep(600)")) << findings[0];
}

// Python code that never returns is stopped by the alarm on PostgreSQL too.
TEST(StepTimeoutPostgres, PythonSleepOnPostgresIsStopped) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    import time\n    time.sleep(600)\n");
  const auto findings = failed_upgrade("--db postgres --timeout 2", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 2 s")) << findings[0];
}

// A statement_timeout the migration sets itself is its own failure, in PostgreSQL's
// words, not migsafe's limit.
TEST(StepTimeoutPostgres, TheMigrationsOwnStatementTimeoutIsNotMigsafes) {
  TempDir dir;
  const auto project = project_that_hangs(dir,
                                          "    op.execute(\"SET statement_timeout = 500\")\n"
                                          "    op.execute(\"SELECT pg_sleep(5)\")\n");
  const auto findings = failed_upgrade("--db postgres --timeout 600", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  const std::string message = findings[0]["message"];
  EXPECT_TRUE(contains(message, "canceling statement due to statement timeout")) << message;
  EXPECT_FALSE(contains(message, "did not finish within")) << message;
}

// A shorter statement_timeout env.py's connection already has (here from PGOPTIONS, as
// connect_args options would set it) stays: migsafe only sets its own over none or a
// longer one.
TEST(StepTimeoutPostgres, AShorterTimeoutOnTheConnectionStays) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    op.execute(\"SELECT pg_sleep(5)\")\n");
  const auto findings =
      failed_upgrade("--db postgres --timeout 600", project, "PGOPTIONS='-c statement_timeout=1500'");
  ASSERT_EQ(findings.size(), 1u) << findings;
  const std::string message = findings[0]["message"];
  EXPECT_TRUE(contains(message, "canceling statement due to statement timeout")) << message;
  EXPECT_FALSE(contains(message, "did not finish within")) << message;
}

TEST(StepTimeoutPostgres, ALongerTimeoutOnTheConnectionIsShortened) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    op.execute(\"SELECT pg_sleep(600)\")\n");
  const auto findings =
      failed_upgrade("--db postgres --timeout 2", project, "PGOPTIONS='-c statement_timeout=1h'");
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 2 s")) << findings[0];
}

}  // namespace
}  // namespace migsafe::tests
