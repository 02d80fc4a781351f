#include "cli/config/selection.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace migsafe::cli::config {
namespace {

CommonOptions options(std::vector<std::string> only, std::vector<std::string> skip = {}) {
  CommonOptions common;
  common.only = std::move(only);
  common.skip = std::move(skip);
  return common;
}

// The UsageError's message and fix, or "" when `run` does not throw one.
template <typename Run>
std::string usage_error(Run run) {
  try {
    run();
  } catch (const model::UsageError& e) {
    return std::string(e.what()) + "\nfix: " + e.fix();
  }
  return "";
}

TEST(SelectionTest, AnUnknownNameListsEveryCheckAndRule) {
  for (const char* option : {"--only", "--skip"}) {
    const bool only = std::string(option) == "--only";
    const auto common = only ? options({"lock-trace"}) : options({}, {"lock-trace"});
    const std::string error = usage_error([&] { select(common, Config{}); });
    EXPECT_EQ(error.rfind(std::string(option) + " lock-trace: no check or rule has this name", 0),
              0u)
        << error;
    EXPECT_NE(error.find("name a check (single-head, upgrade, model-matches-ddl, upgrade-twice, "),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("up-down-consistency, downgrade-leaves-no-trace, expand-contract, lint) or a rule "
                         "(adding-not-null-constraint, "),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("unbatched-backfill, syntax-error, unknown-rule, unused-ignore, unrendered-revision)"),
              std::string::npos)
        << error;
  }
}

TEST(SelectionTest, ANameInBothOnlyAndSkipIsRefused) {
  EXPECT_NE(usage_error([] {
              select(options({"lint"}, {"lint"}), Config{});
            }).find("--only and --skip both name lint"),
            std::string::npos);
  // An alias and its id are one name.
  EXPECT_NE(usage_error([] {
              select(options({"prefer-robust-stmts"}, {"require-if-not-exists"}), Config{});
            }).find("--only and --skip both name require-if-not-exists"),
            std::string::npos);
}

TEST(SelectionTest, RulesInOnlyRunTheLintCheck) {
  const Selection selection = select(options({"replay", "prefer-robust-stmts", ""}), Config{});
  EXPECT_EQ(selection.only_checks, (std::vector<std::string>{"replay", "lint"}));
  EXPECT_EQ(selection.only_rules, std::set<std::string>{"require-if-not-exists"});
  EXPECT_TRUE(selection.only_given);
}

TEST(SelectionTest, OnlyReplacesEnableAndSkipAddsToDisable) {
  Config config;
  config.enable = {"replay", "ban-truncate"};
  config.disable = {"upgrade-twice", "prefer-bigint"};
  // The config's rules do not keep its checks from running alone: no lint added.
  const Selection from_config = select(options({}), config);
  EXPECT_EQ(from_config.only_checks, std::vector<std::string>{"replay"});
  EXPECT_EQ(from_config.only_rules, std::set<std::string>{"ban-truncate"});
  EXPECT_FALSE(from_config.only_given);

  const Selection overridden = select(options({"lint"}, {"ban-drop-table", "upgrade"}), config);
  EXPECT_EQ(overridden.only_checks, std::vector<std::string>{"lint"});
  EXPECT_TRUE(overridden.only_rules.empty());
  EXPECT_EQ(overridden.skip_checks, (std::vector<std::string>{"upgrade-twice", "upgrade"}));
  EXPECT_EQ(overridden.skip_rules, (std::set<std::string>{"ban-drop-table", "prefer-bigint"}));
}

TEST(SelectionTest, LintRefusesASelectionThatLeavesNoRule) {
  const auto lint_error = [](const CommonOptions& common, const Config& config) {
    return usage_error([&] { require_lint_rules(common, select(common, config)); });
  };
  EXPECT_NE(lint_error(options({}, {"lint"}), Config{}).find("--skip lint leaves"),
            std::string::npos);
  const std::string checks_only = lint_error(options({"replay", "upgrade"}), Config{});
  EXPECT_EQ(checks_only.rfind("--only replay, upgrade selects nothing `migsafe lint` runs: "
                              "replay, upgrade are checks of `migsafe check`",
                              0),
            0u)
      << checks_only;
  EXPECT_NE(checks_only.find("fix: name lint for every rule, or name a rule: "), std::string::npos)
      << checks_only;
  Config disables_it;
  disables_it.disable = {"ban-truncate"};
  const std::string all_skipped = lint_error(options({"ban-truncate"}), disables_it);
  EXPECT_NE(all_skipped.find("no lint rule is left to run"), std::string::npos) << all_skipped;
  EXPECT_NE(all_skipped.find("skipped: ban-truncate"), std::string::npos) << all_skipped;

  // What still lints something.
  EXPECT_EQ(lint_error(options({"lint"}), Config{}), "");
  EXPECT_EQ(lint_error(options({"ban-truncate", "replay"}), Config{}), "");
  EXPECT_EQ(lint_error(options({"syntax-error"}), Config{}), "");
  // The config's check names are for `migsafe check`.
  Config check_names;
  check_names.enable = {"replay"};
  check_names.disable = {"lint"};
  EXPECT_EQ(lint_error(options({}), check_names), "");
}

}  // namespace
}  // namespace migsafe::cli::config
