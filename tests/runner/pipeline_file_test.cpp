// The pipeline file: what a valid one reads as, and the error every mistake gets.
#include "runner/pipeline_file.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::runner {
namespace {

namespace fs = std::filesystem;

const char* const staging = R"(
secrets = ["SENTRY_DSN"]

[[stages.staging.steps]]
name = "deploy"
kind = "command"
argv = ["npx", "sst", "deploy", "--stage", "staging"]
env = { AWS_REGION = "eu-west-2" }
timeout = 600

[[stages.staging.steps]]
name = "migrate"
kind = "migrate"
project = "services/migrator"
url_env = "STAGING_DATABASE_URL"

[[stages.staging.steps]]
name = "smoke"
kind = "smoke"
base_url = "${STAGING_URL}"
deadline = 90
headers = { "X-Stage" = "staging" }
  [[stages.staging.steps.checks]]
  name = "health"
  path = "/health"
  json = { status = "ok", "items.0.id" = 7, ready = true }
  [[stages.staging.steps.checks]]
  method = "POST"
  path = "/admin"
  status = 401

[[known_failures]]
step = "smoke"
status = 502
failure = "Gateway down"
cause = "the load balancer has no target"
fix = "check the target group"
)";

TEST(PipelineFile, ReadsStagesStepsAndRows) {
  const Pipeline pipeline = parse_pipeline(staging, "/repo/migsafe-pipeline.toml", false);
  ASSERT_EQ(pipeline.stages.size(), 1u);
  const Stage& stage = pipeline.stages.front();
  EXPECT_EQ(stage.name, "staging");
  ASSERT_EQ(stage.steps.size(), 3u);

  const Step& deploy = stage.steps[0];
  EXPECT_EQ(deploy.kind, StepKind::command);
  EXPECT_EQ(deploy.argv, (std::vector<std::string>{"npx", "sst", "deploy", "--stage", "staging"}));
  ASSERT_EQ(deploy.env.size(), 1u);
  EXPECT_EQ(deploy.env[0].second, "eu-west-2");
  EXPECT_EQ(deploy.timeout_seconds, 600);
  EXPECT_EQ(deploy.cwd, fs::path("/repo"));  // the file's folder

  const Step& migrate = stage.steps[1];
  EXPECT_EQ(migrate.kind, StepKind::migrate);
  EXPECT_EQ(migrate.project, fs::path("/repo/services/migrator"));
  EXPECT_EQ(migrate.url_env, "STAGING_DATABASE_URL");

  const SmokeSettings& smoke = stage.steps[2].smoke;
  EXPECT_EQ(smoke.base_url, "${STAGING_URL}");
  EXPECT_EQ(smoke.deadline_seconds, 90);
  EXPECT_EQ(smoke.headers.at("X-Stage"), "staging");
  ASSERT_EQ(smoke.checks.size(), 2u);
  EXPECT_EQ(smoke.checks[0].name, "health");
  EXPECT_EQ(smoke.checks[0].status, 200);
  ASSERT_EQ(smoke.checks[0].json_fields.size(), 3u);
  EXPECT_EQ(smoke.checks[1].name, "POST /admin");
  EXPECT_EQ(smoke.checks[1].status, 401);

  EXPECT_EQ(pipeline.secret_variables, std::vector<std::string>{"SENTRY_DSN"});
  ASSERT_EQ(pipeline.known_failures.size(), 1u);
  EXPECT_EQ(pipeline.known_failures[0].status, 502);
  EXPECT_EQ(pipeline.known_failures[0].kind, StepKind::smoke);
}

TEST(PipelineFile, PyprojectHoldsItUnderToolMigsafePipeline) {
  const std::string text = std::string("[tool.migsafe]\nfail_on = \"error\"\n") + R"(
[[tool.migsafe.pipeline.stages.production.steps]]
kind = "command"
argv = ["true"]
)";
  const Pipeline pipeline = parse_pipeline(text, "/repo/pyproject.toml", true);
  ASSERT_EQ(pipeline.stages.size(), 1u);
  EXPECT_EQ(pipeline.stages[0].name, "production");
  EXPECT_EQ(pipeline.stages[0].steps[0].name, "command");  // named after its kind
}

// Each mistake: the message says where and what, the fix what to write.
TEST(PipelineFile, MistakesAreUsageErrorsNamingTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"[[stages.s.steps]]\nkind = \"shell\"\n", "unknown step kind \"shell\""},
      {"[[stages.s.steps]]\nkind = \"command\"\n", "has no argv"},
      {"[[stages.s.steps]]\nkind = \"command\"\nargv = [\"x\"]\nretries = 3\n",
       "unknown key \"retries\""},
      {"[[stages.s.steps]]\nkind = \"smoke\"\nbase_url = \"http://x\"\n", "has no checks"},
      {"[[stages.s.steps]]\nkind = \"smoke\"\nbase_url = \"http://x\"\n"
       "[[stages.s.steps.checks]]\npath = \"health\"\n",
       "must start with /"},
      {"[[stages.s.steps]]\nkind = \"smoke\"\nbase_url = \"http://x\"\n"
       "[[stages.s.steps.checks]]\npath = \"/\"\nstatus = 42\n",
       "HTTP status"},
      {"[[stages.s.steps]]\nkind = \"command\"\nargv = [\"a\"]\n[[stages.s.steps]]\n"
       "kind = \"command\"\nargv = [\"b\"]\n",
       "two steps of stage s are named command"},
      {"stages = 3\n", "stages must be a table"},
      {"x = 1\n", "unknown key \"x\""},
      {"[stages]\n", "no stages"},
      {"[[stages.s.steps]]\nkind = \"command\"\nargv = [\"a\"]\ntimeout = \"soon\"\n",
       "timeout must be a number of seconds"},
      {"[[stages.s.steps]]\nkind = \"command\"\nargv = [\"a\"]\n[[known_failures]]\n"
       "step = \"smoke\"\nfailure = \"f\"\ncause = \"c\"\nfix = \"x\"\noutput = \"(\"\n",
       "not a valid regular expression"},
      {"[[stages.s.steps]\n", "malformed TOML"},
  };
  for (const Case& c : cases) {
    try {
      parse_pipeline(c.text, "/repo/migsafe-pipeline.toml", false);
      ADD_FAILURE() << "accepted:\n" << c.text;
    } catch (const model::UsageError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(c.message), std::string::npos) << message;
      EXPECT_EQ(message.rfind("/repo/migsafe-pipeline.toml", 0), 0u) << message;
      EXPECT_FALSE(error.fix().empty()) << message;
    }
  }
}

TEST(PipelineFile, FoundInAFolderOrNamed) {
  tests::TempDir dir;
  EXPECT_THROW(find_pipeline_file(dir.path()), model::UsageError);
  dir.write("pyproject.toml", "[tool.migsafe]\nfail_on = \"error\"\n");
  EXPECT_THROW(find_pipeline_file(dir.path()), model::UsageError);  // no pipeline table
  dir.write("pyproject.toml",
            "[[tool.migsafe.pipeline.stages.s.steps]]\nkind = \"command\"\nargv = [\"true\"]\n");
  EXPECT_EQ(find_pipeline_file(dir.path()), dir.path() / "pyproject.toml");
  dir.write("migsafe-pipeline.toml", "");
  EXPECT_EQ(find_pipeline_file(dir.path()), dir.path() / "migsafe-pipeline.toml");
  EXPECT_EQ(read_pipeline(dir.path() / "pyproject.toml").stages.size(), 1u);
  EXPECT_THROW(find_pipeline_file(dir.path() / "missing.toml"), model::UsageError);
}

}  // namespace
}  // namespace migsafe::runner
