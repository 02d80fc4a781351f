// Check, format and rule names as users meet them: an unknown one on the command line of
// lint or rules, or in a config file, is exit code 2 with the list of valid names; --help
// and docs/cli.md list what exists. (check's command line: tests/cli/check/.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

CommandResult migsafe(const std::string& arguments) {
  return run_command(quoted(MIGSAFE_BINARY) + " " + arguments);
}

// Pieces of the lists the messages give, read from the tables: the first and last
// checks, a rule, the linter's own ids.
constexpr const char* check_list = "single-head, upgrade, model-matches-ddl";
constexpr const char* check_list_end = "downgrade-leaves-no-trace, expand-contract, lint";
constexpr const char* rule_list = "ban-drop-table, ban-truncate, changing-column-type";
constexpr const char* own_ids = "syntax-error, unknown-rule, unused-ignore, unrendered-revision";
constexpr const char* format_list = "use one of: text, json, sarif, github";

class NamesBinary : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string sql_ = quoted(dir_.write("m.sql", "TRUNCATE plates;\n").string());

  // `migsafe lint ARGUMENTS m.sql`: exit code 2 and a message on stderr.
  std::string refused(const std::string& arguments) {
    const auto result = migsafe("lint " + arguments + " " + sql_);
    EXPECT_EQ(result.exit_code, 2) << arguments << "\n" << result.out << result.err;
    EXPECT_TRUE(result.out.empty()) << arguments << ": " << result.out;
    return result.err;
  }
};

TEST_F(NamesBinary, LintRefusesAnUnknownCheckOrRuleListingTheValidNames) {
  for (const char* arguments :
       {"--only lock-trace", "--only ban-truncate,lock-trace", "--skip no-such-rule"}) {
    const std::string err = refused(arguments);
    EXPECT_NE(err.find(": no check or rule has this name"), std::string::npos) << err;
    for (const char* names : {check_list, check_list_end, rule_list, own_ids}) {
      EXPECT_NE(err.find(names), std::string::npos) << arguments << " lacks " << names << ":\n"
                                                    << err;
    }
  }
  EXPECT_NE(refused("--only lock-trace").find("--only lock-trace: "), std::string::npos);
}

TEST_F(NamesBinary, LintRefusesAnUnknownFormatListingTheFormats) {
  const std::string err = refused("--format xml");
  EXPECT_NE(err.find("--format xml: no output format has this name"), std::string::npos) << err;
  EXPECT_NE(err.find(format_list), std::string::npos) << err;
}

TEST_F(NamesBinary, LintRefusesASelectionThatLeavesNothingToRun) {
  EXPECT_NE(refused("--only ban-truncate --skip ban-truncate")
                .find("--only and --skip both name ban-truncate"),
            std::string::npos);
  EXPECT_NE(refused("--skip lint").find("--skip lint leaves `migsafe lint` nothing to run"),
            std::string::npos);
  EXPECT_NE(refused("--only replay").find("replay is a check of `migsafe check`"),
            std::string::npos);
  // Still accepted: rule ids, aliases, `lint`, and check names beside them.
  EXPECT_EQ(migsafe("lint --only lint " + sql_).exit_code, 1);
  EXPECT_EQ(migsafe("lint --only ban-truncate-cascade,replay " + sql_).exit_code, 1);
  EXPECT_EQ(migsafe("lint --skip replay,ban-truncate " + sql_).exit_code, 0);
}

TEST_F(NamesBinary, AConfigFileWithAnUnknownNameStopsTheRun) {
  const std::string config = quoted((dir_.path() / "migsafe.toml").string());
  for (const char* text :
       {"disable = [\"lock-trace\"]\n", "enable = [\"ban-truncate\", \"nope\"]\n"}) {
    dir_.write("migsafe.toml", text);
    const std::string err = refused("");
    EXPECT_NE(err.find("migsafe.toml:1:"), std::string::npos) << text << err;
    EXPECT_NE(err.find("no check or rule has the name"), std::string::npos) << text << err;
    for (const char* names : {check_list, rule_list, own_ids}) {
      EXPECT_NE(err.find(names), std::string::npos) << text << " lacks " << names << ":\n" << err;
    }
    EXPECT_EQ(migsafe("lint --config " + config + " " + sql_).exit_code, 2);
  }
  dir_.write("pyproject.toml", "[tool.migsafe]\nseverity = { no-such-rule = \"error\" }\n");
  fs::remove(dir_.path() / "migsafe.toml");
  const std::string err = refused("");
  EXPECT_NE(err.find("pyproject.toml:2:14: severity: no rule has the id \"no-such-rule\""),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(rule_list), std::string::npos) << err;
}

TEST_F(NamesBinary, AnUnknownRuleInAnIgnoreCommentStaysAWarning) {
  const auto file =
      quoted(dir_.write("w.sql", "-- migsafe:ignore no-such-rule\nSELECT 1;\n").string());
  const auto result = migsafe("lint " + file);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("warning[unknown-rule]"), std::string::npos) << result.out;
  EXPECT_EQ(migsafe("lint --fail-on warning " + file).exit_code, 1);
}

TEST(NamesBinaryRules, RulesRefusesAnUnknownIdListingTheRules) {
  const auto result = migsafe("rules lock-trace");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("rules lock-trace: no rule has this id"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(rule_list), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(own_ids), std::string::npos) << result.err;
}

TEST(NamesBinaryHelp, HelpListsTheFormatsAndChecks) {
  for (const char* command : {"lint", "check", "drift"}) {
    const auto help = migsafe(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << help.err;
    for (const char* format : {"  text: ", "  json: ", "  sarif: ", "  github: "}) {
      EXPECT_NE(help.out.find(format), std::string::npos) << command << " --help:\n" << help.out;
    }
    EXPECT_NE(help.out.find(std::string("checks: ") + check_list), std::string::npos) << help.out;
  }
}

// docs/cli.md's command block lists what `migsafe --help` lists: a planned command is not
// written there as if it existed.
TEST(NamesBinaryHelp, CliMdCommandsAreTheSubcommands) {
  std::ifstream in(fs::path(MIGSAFE_SOURCE_DIR) / "docs/cli.md");
  std::ostringstream page;
  page << in.rdbuf();
  const std::string text = page.str();
  const std::size_t block = text.find("```\n", text.find("## Commands"));
  std::istringstream lines(text.substr(block + 4, text.find("```", block + 4) - block - 4));
  std::vector<std::string> documented;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string program, command;
    words >> program >> command;
    if (command.rfind("--", 0) != 0) documented.push_back(command);
  }

  const auto help = migsafe("--help");
  std::vector<std::string> listed;
  std::istringstream help_lines(help.out.substr(help.out.find("Subcommands:\n") + 13));
  for (std::string line; std::getline(help_lines, line) && !line.empty();) {
    std::istringstream words(line);
    std::string command;
    words >> command;
    listed.push_back(command);
  }
  EXPECT_EQ(documented, listed);
}

}  // namespace
}  // namespace migsafe::tests
