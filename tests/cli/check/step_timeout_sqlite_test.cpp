#include <fstream>

#include "tests/cli/check/step_timeout.hpp"

namespace migsafe::tests {
namespace {

const std::string python_sleep = "    import time\n    time.sleep(600)\n";

TEST(StepTimeoutSqlite, PythonThatNeverReturnsIsStoppedAndNamed) {
  TempDir dir;
  const auto project = project_that_hangs(dir, python_sleep);
  const std::string first = revision_files(project).front().filename().string();
  const auto findings = failed_upgrade("--timeout 2", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 2 s")) << findings[0];
  // Located at the line that was running: the sleep, in the revision's file.
  const auto& location = findings[0]["location"];
  EXPECT_TRUE(contains(location["file"], first)) << findings[0];
  EXPECT_EQ(location["line"], 19) << findings[0];
}

TEST(StepTimeoutSqlite, RunawayStatementIsInterruptedAndShown) {
  TempDir dir;
  const auto project = project_that_hangs(
      dir,
      "    op.execute(\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \"\n"
      "               \"SELECT count(*) FROM c\")\n");
  const auto findings = failed_upgrade("--timeout 2", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 2 s")) << findings[0];
  EXPECT_TRUE(contains(findings[0].dump(), "WITH RECURSIVE")) << "the statement: " << findings[0];
}

TEST(StepTimeoutSqlite, ConfigFileSetsTheLimit) {
  TempDir dir;
  const auto project = project_that_hangs(dir, python_sleep);
  std::ofstream(project / "migsafe.toml") << "timeout = 1.5\n";
  const auto findings = failed_upgrade("", project);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_TRUE(contains(findings[0]["message"], "did not finish within 1.5 s")) << findings[0];
}

TEST(StepTimeoutSqlite, ANegativeTimeoutIsAUsageError) {
  TempDir dir;
  const auto project = copy_sample_project(dir.path());
  const auto result = run_command(quoted(MIGSAFE_BINARY) + " check --timeout -1 " +
                                  quoted(project.string()));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, "--timeout")) << result.err;
}

}  // namespace
}  // namespace migsafe::tests
