// Command steps run real processes: output streamed line by line with the step's name,
// exit codes, timeouts, env and folder.
#include "runner/command_step.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::runner {
namespace {

Step shell_step(const std::string& script) {
  Step step;
  step.name = "build";
  step.kind = StepKind::command;
  step.argv = {"/bin/sh", "-c", script};
  return step;
}

TEST(CommandStep, StreamsOutputWithTheStepsName) {
  std::ostringstream out;
  StepLog log(out, "build");
  const Step step = shell_step("echo one; echo two >&2; printf three");
  EXPECT_FALSE(run_command_step(step, log));
  EXPECT_NE(out.str().find("[build] one\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("[build] two\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("[build] three\n"), std::string::npos) << out.str();
}

TEST(CommandStep, AFailingCommandReportsItsExitCodeAndLastLines) {
  std::ostringstream out;
  StepLog log(out, "build");
  const auto failure = run_command_step(shell_step("echo 'step 3/7 failed'; exit 4"), log);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->reason, "exit-code");
  EXPECT_EQ(failure->summary, "exited with 4");
  EXPECT_NE(failure->detail.find("step 3/7 failed"), std::string::npos);
  EXPECT_NE(failure->command.find("/bin/sh -c"), std::string::npos);
}

TEST(CommandStep, AMissingProgramCannotStart) {
  std::ostringstream out;
  StepLog log(out, "build");
  Step step;
  step.name = "build";
  step.argv = {"migsafe-no-such-program"};
  const auto failure = run_command_step(step, log);
  ASSERT_TRUE(failure);
  EXPECT_NE(failure->summary.find("exited with 127 (cannot run migsafe-no-such-program"),
            std::string::npos)
      << failure->summary;
}

// A PATH in the step's env is where its program is looked up, as a shell would.
TEST(CommandStep, ItsProgramIsFoundOnItsOwnPath) {
  tests::TempDir dir;
  const auto tool = dir.write("bin/migsafe-test-tool", "#!/bin/sh\necho tool ran\n");
  std::filesystem::permissions(tool, std::filesystem::perms::owner_all);
  std::ostringstream out;
  StepLog log(out, "build");
  Step step;
  step.name = "build";
  step.argv = {"migsafe-test-tool"};
  step.env = {{"PATH", (dir.path() / "bin").string() + ":/usr/bin:/bin"}};
  EXPECT_FALSE(run_command_step(step, log)) << out.str();
  EXPECT_NE(out.str().find("[build] tool ran"), std::string::npos) << out.str();
}

TEST(CommandStep, StoppedAtItsTimeout) {
  std::ostringstream out;
  StepLog log(out, "build");
  Step step = shell_step("echo started; sleep 30");
  step.timeout_seconds = 0.5;
  const auto started = std::chrono::steady_clock::now();
  const auto failure = run_command_step(step, log);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->reason, "timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(out.str().find("[build] started"), std::string::npos);
}

TEST(CommandStep, RunsInItsFolderWithItsEnv) {
  tests::TempDir dir;
  std::ostringstream out;
  StepLog log(out, "build");
  // $GREETING is the shell's; ${GREETING} migsafe fills in from the step's env.
  Step step = shell_step("echo \"$GREETING from $(pwd)\"; echo expanded=${GREETING}");
  step.env = {{"GREETING", "hello"}};
  step.cwd = dir.path();
  EXPECT_FALSE(run_command_step(step, log));
  EXPECT_NE(out.str().find("hello from " + dir.path().string()), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("expanded=hello"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace migsafe::runner
