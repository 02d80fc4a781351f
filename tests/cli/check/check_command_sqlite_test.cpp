#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
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
    if (check["name"] == "expand-contract") {  // nothing names new revisions
      EXPECT_EQ(check["status"], "skipped") << check.dump();
      EXPECT_NE(check["skipped_because"].get<std::string>().find("--base-ref"), std::string::npos);
      continue;
    }
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

// env.py names its own version table: Alembic's bookkeeping, in no check's comparison.
TEST(CheckCommand, CustomVersionTablePassesEveryCheck) {
  const RunResult result =
      run({MIGSAFE_BINARY, "check", fixture("custom_version_table"), "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  const auto json = nlohmann::json::parse(result.out);
  for (const auto& check : json["checks"]) {
    if (check["name"] == "expand-contract") {  // nothing names new revisions
      EXPECT_EQ(check["status"], "skipped") << check.dump();
      EXPECT_NE(check["skipped_because"].get<std::string>().find("--base-ref"), std::string::npos);
      continue;
    }
    EXPECT_EQ(check["status"], "passed") << check.dump();
  }
  EXPECT_EQ(json["findings"].size(), 0u) << result.out;
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

// `check ARGUMENTS` on reggie: refused with exit code 2 before the project is opened, the
// message on stderr.
std::string refused(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), {MIGSAFE_BINARY, "check", fixture("reggie")});
  const RunResult result = run(arguments);
  EXPECT_EQ(result.exit_code, 2) << arguments.back() << "\n" << result.out << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_EQ(result.err.find("migsafe: database"), std::string::npos) << "nothing may run";
  return result.err;
}

TEST(CheckCommand, AnUnknownCheckOrRuleListsTheValidNames) {
  struct Case {
    std::vector<std::string> arguments;
    std::string message;
  };
  for (const Case& refusal :
       {Case{{"--only", "lock-trace"}, "--only lock-trace: no check or rule has this name"},
        Case{{"--only", "replay,lock-trace"}, "--only lock-trace: no check or rule"},
        Case{{"--skip", "no-such-rule"}, "--skip no-such-rule: no check or rule"}}) {
    const std::string err = refused(refusal.arguments);
    EXPECT_NE(err.find(refusal.message), std::string::npos) << err;
    for (const char* names : {"single-head, upgrade, model-matches-ddl",
                              "downgrade-leaves-no-trace, expand-contract, lint) or a rule (adding-not-null-constraint",
                              "ban-truncate", "syntax-error, unknown-rule, unused-ignore"}) {
      EXPECT_NE(err.find(names), std::string::npos) << names << "\n" << err;
    }
  }
}

TEST(CheckCommand, AnUnknownFormatListsTheFormats) {
  const std::string err = refused({"--format", "xml"});
  EXPECT_NE(err.find("--format xml: no output format has this name"), std::string::npos) << err;
  EXPECT_NE(err.find("use one of: text, json, sarif, github"), std::string::npos) << err;
}

TEST(CheckCommand, AConfigFileWithAnUnknownNameExitsTwo) {
  // Named for the process: the sa2 run of this test may write its own at the same time.
  const std::string config =
      ::testing::TempDir() + "migsafe_check_names_" + std::to_string(::getpid()) + ".toml";
  for (const char* text : {"disable = [\"lock-trace\"]\n", "enable = [\"replay\", \"nope\"]\n",
                           "severity = { nope = \"warning\" }\n"}) {
    std::ofstream(config) << text;
    const std::string err = refused({"--config", config});
    EXPECT_NE(err.find(config + ":1:"), std::string::npos) << err;
    EXPECT_NE(err.find("ban-truncate, changing-column-type"), std::string::npos) << err;
  }
  std::remove(config.c_str());
}

TEST(CheckCommand, ASelectionThatLeavesNothingToRunExitsTwo) {
  EXPECT_NE(refused({"--only", "replay", "--skip", "replay"}).find("both name replay"),
            std::string::npos);
  EXPECT_NE(refused({"--only", "prefer-robust-stmts", "--skip", "require-if-not-exists"})
                .find("both name require-if-not-exists"),
            std::string::npos);
  // Rule ids in --only run the lint check alone; skipping it leaves nothing.
  EXPECT_NE(refused({"--only", "ban-truncate", "--skip", "lint"}).find("no check is left to run"),
            std::string::npos);
}

TEST(CheckCommand, RuleIdsInOnlyRunTheLintCheckBesideTheChecksNamed) {
  const RunResult result = run({MIGSAFE_BINARY, "check", fixture("reggie"), "--only",
                                "single-head,ban-truncate", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  std::vector<std::string> ran;
  for (const auto& check : json["checks"]) ran.push_back(check["name"].get<std::string>());
  EXPECT_EQ(ran, (std::vector<std::string>{"single-head", "lint"}));
}

}  // namespace
}  // namespace migsafe::testing
