#include "tests/cli/check/step_timeout.hpp"

namespace migsafe::tests {
namespace {

// libpq's wait cannot be interrupted by a signal: statement_timeout, set on every
// connection to the scratch database, stops the statement on the server.
TEST(StepTimeoutPostgres, StatementThatNeverEndsIsCancelledAndShown) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    op.execute(\"SELECT pg_sleep(600)\")\n");
  const auto result =
      run_command(quoted(MIGSAFE_BINARY) + " check --db postgres --only upgrade --timeout 2 " +
                  "--format json " + quoted(project.string()));
  ASSERT_EQ(result.exit_code, 1) << result.err << result.out;
  const auto findings = upgrade_findings(result.out);
  ASSERT_EQ(findings.size(), 1u) << result.out;
  const std::string message = findings[0]["message"];
  EXPECT_TRUE(contains(message, "did not finish within 2 s")) << message;
  EXPECT_TRUE(contains(message, "statement timeout")) << "PostgreSQL's own words: " << message;
  EXPECT_TRUE(contains(findings[0].dump(), "pg_sleep(600)")) << findings[0];
}

// Python code that never returns is stopped by the alarm on PostgreSQL too.
TEST(StepTimeoutPostgres, PythonSleepOnPostgresIsStopped) {
  TempDir dir;
  const auto project = project_that_hangs(dir, "    import time\n    time.sleep(600)\n");
  const auto result =
      run_command(quoted(MIGSAFE_BINARY) + " check --db postgres --only upgrade --timeout 2 " +
                  "--format json " + quoted(project.string()));
  ASSERT_EQ(result.exit_code, 1) << result.err << result.out;
  const auto findings = upgrade_findings(result.out);
  ASSERT_EQ(findings.size(), 1u) << result.out;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 2 s")) << findings[0];
}

}  // namespace
}  // namespace migsafe::tests
