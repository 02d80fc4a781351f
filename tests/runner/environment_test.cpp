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
  // The embedded Python's mask is told the names (analyzer/alembic/bridge/session.py).
  const std::string names = std::getenv("MIGSAFE_SECRET_VARIABLES");
  EXPECT_NE(names.find("MIGSAFE_TEST_API_TOKEN"), std::string::npos) << names;
  EXPECT_NE(names.find("MIGSAFE_TEST_LISTED"), std::string::npos) << names;
  EXPECT_EQ(names.find("MIGSAFE_TEST_REGION"), std::string::npos) << names;
  EXPECT_NE(std::string(std::getenv("MIGSAFE_URL_VARIABLES")).find("MIGSAFE_TEST_URL"),
            std::string::npos);
}

// A flag or a small number under a secret-sounding name is no secret worth hiding
// everywhere; nor is the current folder (PWD).
TEST(Environment, FlagsNumbersAndFoldersAreNotMasked) {
  ::setenv("MIGSAFE_TEST_AUTH_ENABLED", "true", 1);
  ::setenv("MIGSAFE_TEST_TOKEN_TTL", "3600", 1);
  ::setenv("PWD", "/srv/reggie-app", 1);
  mask_environment_secrets({});
  EXPECT_EQ(dbdrivers::mask_passwords("true 3600 /srv/reggie-app"), "true 3600 /srv/reggie-app");
}

TEST(Environment, VariablesInAText) {
  EXPECT_EQ(variables_in("${A}-${B_2}/$${C}/${"), (std::vector<std::string>{"A", "B_2"}));
}

}  // namespace
}  // namespace migsafe::runner
