// An error (exit 2) reaches stdout in the machine formats too: CI that parses stdout
// always has something to read (docs/cli.md, "Errors in machine formats").
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

CommandResult lint_missing_file(const std::string& format) {
  return run_command(quoted(MIGSAFE_BINARY) + " lint /nonexistent/migsafe/missing.sql --format " +
                     format);
}

TEST(ErrorFormatsBinary, JsonCarriesTheMessageAndTheFix) {
  const CommandResult result = lint_missing_file("json");
  ASSERT_EQ(result.exit_code, 2) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["command"], "lint");
  const std::string message = document["error"]["message"];
  EXPECT_NE(message.find("missing.sql"), std::string::npos) << message;
  EXPECT_TRUE(document["error"]["help"].is_string()) << result.out;
  EXPECT_NE(result.err.find("migsafe: error:"), std::string::npos) << "stderr still says it";
}

TEST(ErrorFormatsBinary, SarifIsARunThatDidNotSucceed) {
  const CommandResult result = lint_missing_file("sarif");
  ASSERT_EQ(result.exit_code, 2) << result.err;
  const auto run = nlohmann::json::parse(result.out)["runs"][0];
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  const std::string text = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"];
  EXPECT_NE(text.find("missing.sql"), std::string::npos) << text;
  EXPECT_TRUE(run["results"].empty());
}

TEST(ErrorFormatsBinary, GithubIsOneErrorCommand) {
  const CommandResult result = lint_missing_file("github");
  ASSERT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out.rfind("::error title=migsafe lint could not run::", 0), 0u) << result.out;
  EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << "one line: " << result.out;
}

TEST(ErrorFormatsBinary, TextLeavesStdoutEmptyAndAUsageErrorIsJsonToo) {
  EXPECT_EQ(lint_missing_file("text").out, "");
  const CommandResult usage =
      run_command(quoted(MIGSAFE_BINARY) + " lint --format json --no-such-option x.sql");
  ASSERT_EQ(usage.exit_code, 2) << usage.err;
  EXPECT_NE(nlohmann::json::parse(usage.out)["error"]["message"].get<std::string>().find(
                "--no-such-option"),
            std::string::npos)
      << usage.out;
}

}  // namespace
}  // namespace migsafe::tests
