#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/check/child_process.hpp"

namespace migsafe::testing {
namespace {

std::string fixture(const std::string& name) {
  return std::string(MIGSAFE_SOURCE_DIR) + "/fixtures/alembic/" + name;
}

TEST(CheckCommand, SampleProjectExitsZeroWithCliJson) {
  const RunResult result = run({MIGSAFE_BINARY, "check", fixture("reggie"), "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["migsafe"], MIGSAFE_VERSION);
  EXPECT_EQ(json["command"], "check");
  EXPECT_EQ(json["project"], fixture("reggie"));
  EXPECT_EQ(json["database"]["dialect"], "sqlite");
  EXPECT_EQ(json["database"]["kind"], "scratch-file");
  ASSERT_TRUE(json["checks"].is_array());
  ASSERT_GE(json["checks"].size(), 5u);
  for (const auto& check : json["checks"]) {
    EXPECT_EQ(check["status"], "passed") << check.dump();
    EXPECT_TRUE(check["duration_ms"].is_number_integer());
  }
  EXPECT_EQ(json["summary"]["errors"], 0);
}

TEST(CheckCommand, MissingGuardsExitOneWithTheFinding) {
  const RunResult result =
      run({MIGSAFE_BINARY, "check", fixture("missing_guards"), "--format", "json"});
  ASSERT_EQ(result.exit_code, 1) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  nlohmann::json finding;
  for (const auto& each : json["findings"]) {
    if (each["check"] == "replay") finding = each;
  }
  ASSERT_FALSE(finding.is_null()) << result.out;
  EXPECT_EQ(finding["check"], "replay");
  EXPECT_EQ(finding["rule"], "require-if-not-exists");
  EXPECT_GT(finding["location"]["line"].get<int>(), 0);
  EXPECT_FALSE(finding["location"]["revision"].get<std::string>().empty());
  EXPECT_GE(json["summary"]["errors"].get<int>(), 1);
}

TEST(CheckCommand, TextOutputNamesRevisionAndFileLine) {
  const RunResult result = run({MIGSAFE_BINARY, "check", fixture("missing_guards")});
  ASSERT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("require-if-not-exists"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(".py:"), std::string::npos) << result.out;
}

TEST(CheckCommand, NoAlembicIniExitsTwoSayingWhatToDo) {
  const RunResult result = run({MIGSAFE_BINARY, "check", MIGSAFE_SOURCE_DIR "/docs"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("alembic.ini"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("fix:"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Traceback"), std::string::npos) << result.err;
}

TEST(CheckCommand, PythonErrorsExitTwoWithoutATraceback) {
  for (const char* name : {"syntax_error", "env_raises"}) {
    const RunResult result = run({MIGSAFE_BINARY, "check", fixture(name)});
    EXPECT_EQ(result.exit_code, 2) << name << ": " << result.err;
    EXPECT_EQ(result.err.find("Traceback"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(".py"), std::string::npos) << result.err;
  }
}

TEST(CheckCommand, UnreachableServerExitsTwoAndHidesThePassword) {
  const RunResult result = run({MIGSAFE_BINARY, "check", fixture("reggie"), "--db",
                                "postgresql://app:s3cr3t-pw@127.0.0.1:1/app"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.err.find("s3cr3t-pw"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("s3cr3t-pw"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("127.0.0.1"), std::string::npos) << result.err;
}

TEST(CheckCommand, UnknownCheckNameExitsTwo) {
  const RunResult result =
      run({MIGSAFE_BINARY, "check", fixture("reggie"), "--only", "no-such-check"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such-check"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace migsafe::testing
