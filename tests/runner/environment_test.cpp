// ${VAR} expansion and the secrets the environment hands to the one mask.
#include "runner/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::runner {
namespace {

TEST(Environment, ExpandsSetVariablesAndTheStepsOwn) {
  ::setenv("MIGSAFE_TEST_HOST", "staging.example.com", 1);
  ::unsetenv("MIGSAFE_TEST_UNSET");
  EXPECT_EQ(expand("https://${MIGSAFE_TEST_HOST}/x", "step"), "https://staging.example.com/x");
  EXPECT_EQ(expand("${MIGSAFE_TEST_HOST}", "step", Unset::fail, {{"MIGSAFE_TEST_HOST", "local"}}),
            "local");
  EXPECT_EQ(expand("cost $5 and $${HOME}", "step"), "cost $5 and ${HOME}");
  EXPECT_EQ(expand("a ${MIGSAFE_TEST_UNSET} b", "step", Unset::keep), "a ${MIGSAFE_TEST_UNSET} b");
  try {
    expand("${MIGSAFE_TEST_UNSET}", "step deploy");
    ADD_FAILURE() << "an unset variable was expanded";
  } catch (const model::UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("step deploy uses ${MIGSAFE_TEST_UNSET}"),
              std::string::npos);
  }
}

TEST(Environment, SecretsOfTheEnvironmentAreMasked) {
  ::setenv("MIGSAFE_TEST_API_TOKEN", "tok-8f1e2d3c", 1);
  ::setenv("MIGSAFE_TEST_DB_PASSWORD", "pw-5a6b7c", 1);
  ::setenv("MIGSAFE_TEST_LISTED", "listed-9x8y7z", 1);
  ::setenv("MIGSAFE_TEST_URL", "postgresql://app:url-pass-42@db:5432/app", 1);
  ::setenv("MIGSAFE_TEST_REGION", "eu-west-2", 1);
  Pipeline pipeline;
  pipeline.secret_variables = {"MIGSAFE_TEST_LISTED"};
  Stage stage{"s", {}};
  Step step;
  step.env = {{"SENTRY_AUTH_TOKEN", "step-token-31415"}};
  stage.steps.push_back(step);
  pipeline.stages.push_back(stage);
  mask_environment_secrets(pipeline);

  const std::string masked = dbdrivers::mask_passwords(
      "tok-8f1e2d3c pw-5a6b7c listed-9x8y7z url-pass-42 step-token-31415 eu-west-2");
  EXPECT_EQ(masked, "*** *** *** *** *** eu-west-2");
}

}  // namespace
}  // namespace migsafe::runner
