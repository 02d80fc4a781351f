// `migsafe run` as users and CI run it, without a database: the example pipeline's dry
// run, secrets kept out of every output, a failing command step diagnosed, and the
// exit code 2 of a pipeline that cannot run.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

const std::string binary = quoted(MIGSAFE_BINARY);
const std::string example = std::string(MIGSAFE_SOURCE_DIR) + "/docs/examples/migsafe-pipeline.toml";

// Programs of the same names as the cloud tools, first on PATH, that leave a mark when run.
fs::path fake_tools(const TempDir& dir, const std::vector<std::string>& names, int exit_code) {
  const fs::path bin = dir.path() / "bin";
  for (const std::string& name : names) {
    const fs::path tool = dir.write("bin/" + name, "#!/bin/sh\necho \"" + name + " ran: $*\" >> " +
                                                       (dir.path() / "ran.log").string() +
                                                       "\necho \"" + name +
                                                       ": error: failed to solve\" >&2\nexit " +
                                                       std::to_string(exit_code) + "\n");
    fs::permissions(tool, fs::perms::owner_all);
  }
  return bin;
}

const std::vector<std::string> secrets = {"AwsSecret0451", "ApiToken7781", "UrlPassword3321",
                                          "ListedValue6612", "StepToken9090"};

std::string secret_environment() {
  return "AWS_SECRET_ACCESS_KEY=" + secrets[0] + " API_TOKEN=" + secrets[1] +
         " STAGING_DATABASE_URL=postgresql://app:" + secrets[2] + "@db.internal:5432/reggie" +
         " RELEASE_SALT=" + secrets[3] + " ";
}

void expect_no_secret(const CommandResult& result, const std::string& what) {
  for (const std::string& secret : secrets) {
    EXPECT_EQ(result.out.find(secret), std::string::npos) << what << " stdout:\n" << result.out;
    EXPECT_EQ(result.err.find(secret), std::string::npos) << what << " stderr:\n" << result.err;
  }
}

TEST(RunBinary, DryRunOfTheExamplePrintsThePlanAndRunsNothing) {
  TempDir dir;
  const fs::path bin = fake_tools(dir, {"npx", "aws", "docker"}, 0);
  const auto ran = run_command(
      "cd " + quoted(dir.path().string()) + " && PATH=" + quoted(bin.string()) + ":$PATH " +
      secret_environment() + "GITHUB_SHA=3f2e1d0 ECR_REPOSITORY=1234.dkr.ecr/reggie-migrator " +
      "STAGING_URL=https://staging.reggie.example " + binary + " run " + quoted(example) +
      " --stage staging --dry-run");
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_FALSE(fs::exists(dir.path() / "ran.log")) << "a step ran in a dry run";
  std::size_t at = 0;
  for (const std::string step : {"1. deploy", "2. discover-migrator", "3. build-migrator",
                                 "4. push-migrator", "5. update-migrator", "6. run-migrations",
                                 "7. smoke"}) {
    const std::size_t found = ran.out.find(step, at);
    ASSERT_NE(found, std::string::npos) << step << " not in order in:\n" << ran.out;
    at = found;
  }
  EXPECT_NE(ran.out.find("docker build -f services/migrator/Dockerfile -t "
                         "1234.dkr.ecr/reggie-migrator:3f2e1d0"),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("against https://staging.reggie.example"), std::string::npos);
  EXPECT_NE(ran.out.find("GET /admin/plates -> 401"), std::string::npos);
  expect_no_secret(ran, "dry run");

  const auto production = run_command(binary + " run " + quoted(example) +
                                      " --stage production --dry-run");
  EXPECT_EQ(production.exit_code, 0) << production.err;
  EXPECT_NE(production.out.find("npx sst deploy --stage production"), std::string::npos);
  EXPECT_NE(production.out.find("${PRODUCTION_URL}"), std::string::npos)  // unset: as written
      << production.out;
}

// Secrets in the environment, in a step's env and in URLs, printed by the steps every
// way: never in the output, in a run or a dry run.
TEST(RunBinary, NoSecretOfTheEnvironmentReachesTheOutput) {
  TempDir dir;
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", R"(
secrets = ["RELEASE_SALT"]
[[stages.ci.steps]]
name = "leaky"
kind = "command"
argv = ["sh", "-c", "echo $AWS_SECRET_ACCESS_KEY $API_TOKEN; echo ${STAGING_DATABASE_URL} >&2; echo salt=$RELEASE_SALT; echo $DEPLOY_TOKEN; echo ${API_TOKEN}"]
env = { DEPLOY_TOKEN = "StepToken9090" }
[[stages.ci.steps]]
name = "smoke"
kind = "smoke"
base_url = "http://user:${API_TOKEN}@127.0.0.1:1/${API_TOKEN}"
deadline = 0
headers = { Authorization = "Bearer ${API_TOKEN}" }
  [[stages.ci.steps.checks]]
  path = "/health/${API_TOKEN}"
)");
  for (const std::string mode : {"", " --dry-run"}) {
    const auto ran = run_command(secret_environment() + binary + " run " +
                                 quoted(pipeline.string()) + " --stage ci" + mode);
    expect_no_secret(ran, mode);
    EXPECT_NE(ran.out.find("***"), std::string::npos) << ran.out;
    if (mode.empty()) {
      EXPECT_NE(ran.out.find("[leaky] salt=***"), std::string::npos) << ran.out;
      EXPECT_NE(ran.out.find("step smoke failed"), std::string::npos) << ran.out << ran.err;
    }
  }
}

// capture: a step's last line becomes a variable of the steps after; into a secret
// variable (a registry password, say), it is masked from the moment it is printed.
TEST(RunBinary, ACaptureFeedsTheStepsAfterAndASecretOneIsMasked) {
  TempDir dir;
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", R"(
[[stages.ci.steps]]
name = "discover"
kind = "command"
argv = ["sh", "-c", "echo looking; echo reggie-staging-Migrator-1a2b; echo"]
capture = "MIGRATOR_FUNCTION"
[[stages.ci.steps]]
name = "login"
kind = "command"
argv = ["echo", "RegistryPassword7373"]
capture = "ECR_PASSWORD"
[[stages.ci.steps]]
name = "use"
kind = "command"
argv = ["sh", "-c", "echo function=${MIGRATOR_FUNCTION} password=$ECR_PASSWORD"]
[[stages.ci.steps]]
name = "silent"
kind = "command"
argv = ["true"]
capture = "NOTHING"
)");
  const auto ran = run_command(binary + " run " + quoted(pipeline.string()) + " --stage ci");
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("MIGRATOR_FUNCTION=reggie-staging-Migrator-1a2b"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("[use] function=reggie-staging-Migrator-1a2b password=***"),
            std::string::npos)
      << ran.out;
  EXPECT_EQ(ran.out.find("RegistryPassword7373"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("step silent failed: printed nothing for NOTHING"), std::string::npos)
      << ran.out;
}

// Every ${NAME} of the stage is checked before its first step: nothing runs.
TEST(RunBinary, AnUnsetVariableOfALaterStepStopsTheStageBeforeItStarts) {
  TempDir dir;
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", R"(
[[stages.ci.steps]]
name = "deploy"
kind = "command"
argv = ["touch", "deployed"]
[[stages.ci.steps]]
name = "smoke"
kind = "smoke"
base_url = "${MIGSAFE_TEST_NEVER_SET_URL}"
  [[stages.ci.steps.checks]]
  path = "/health"
)");
  const auto ran = run_command("cd " + quoted(dir.path().string()) + " && " + binary + " run " +
                               quoted(pipeline.string()) + " --stage ci");
  EXPECT_EQ(ran.exit_code, 2) << ran.out << ran.err;
  EXPECT_NE(ran.err.find("step smoke uses ${MIGSAFE_TEST_NEVER_SET_URL}, which is not set"),
            std::string::npos)
      << ran.err;
  EXPECT_FALSE(fs::exists(dir.path() / "deployed"));
}

TEST(RunBinary, AFailingMigratorImageBuildIsItsKnownFailure) {
  TempDir dir;
  const fs::path bin = fake_tools(dir, {"docker"}, 1);
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", R"(
[[stages.staging.steps]]
name = "build-migrator"
kind = "command"
argv = ["docker", "build", "-f", "services/migrator/Dockerfile", "-t", "migrator:${GITHUB_SHA}", "."]
[[stages.staging.steps]]
name = "after"
kind = "command"
argv = ["touch", "after-ran"]
)");
  const auto ran = run_command("PATH=" + quoted(bin.string()) + ":$PATH GITHUB_SHA=3f2e1d0 " +
                               binary + " run " + quoted(pipeline.string()) + " --stage staging");
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("[build-migrator] docker: error: failed to solve"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("step build-migrator failed: exited with 1"), std::string::npos);
  EXPECT_NE(ran.out.find("known failure: Migrator image fails"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("cause: SST wraps Dockerfile"), std::string::npos);
  EXPECT_NE(ran.out.find("fix:   CI builds image directly"), std::string::npos);
  EXPECT_NE(ran.out.find("not run: after"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path() / "after-ran"));
}

TEST(RunBinary, APipelineThatCannotRunExitsTwoSayingWhy) {
  TempDir dir;
  const fs::path broken = dir.write("broken.toml", "[[stages.s.steps]\nkind = \"command\"\n");
  const fs::path good = dir.write("migsafe-pipeline.toml",
                                  "[[stages.staging.steps]]\nkind = \"command\"\n"
                                  "argv = [\"echo\", \"${MIGSAFE_TEST_NEVER_SET}\"]\n");
  struct Case {
    std::string arguments;
    std::string message;
  };
  const Case cases[] = {
      {"run " + quoted(broken.string()) + " --stage s", broken.string() + ":1"},
      {"run " + quoted(good.string()) + " --stage production", "no stage production"},
      {"run " + quoted(good.string()), "--stage is required"},
      {"run " + quoted((dir.path() / "none").string()) + " --stage s", "no pipeline file"},
      {"run " + quoted(good.string()) + " --stage staging", "${MIGSAFE_TEST_NEVER_SET}, which is not set"},
      {"smoke --check /health", "needs --base-url"},
      {"smoke --base-url http://127.0.0.1:1 --check health", "is not [METHOD] PATH [STATUS]"},
  };
  for (const Case& c : cases) {
    const auto ran = run_command(binary + " " + c.arguments);
    EXPECT_EQ(ran.exit_code, 2) << c.arguments << "\n" << ran.out << ran.err;
    EXPECT_NE(ran.err.find(c.message), std::string::npos) << c.arguments << "\n" << ran.err;
  }
}

}  // namespace
}  // namespace migsafe::tests
