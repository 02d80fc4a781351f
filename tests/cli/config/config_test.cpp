#include "cli/config/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/error.hpp"

namespace migsafe::cli::config {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("migsafe_config_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "service/migrations/versions");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const fs::path& relative, const std::string& text) {
    std::ofstream(root_ / relative) << text;
  }
  fs::path root_;
};

TEST_F(ConfigTest, NoFileGivesTheDefaults) {
  const Config config = load_config(root_ / "service/migrations/versions");
  EXPECT_TRUE(config.file.empty() || config.file.string().rfind(root_.string(), 0) != 0);
  EXPECT_EQ(config.database_url_env, "DATABASE_URL");
  EXPECT_FALSE(config.fail_on);
}

TEST_F(ConfigTest, FindsToolMigsafeInTheNearestPyprojectWalkingUp) {
  write("pyproject.toml",
        "[project]\nname = \"svc\"\n\n[tool.migsafe]\n"
        "disable = [\"prefer-text-field\"]\n"
        "severity = { prefer-bigint = \"error\" }\n"
        "pg_version = 15\nassume_in_transaction = true\nlock_timeout_set_by = \"connection\"\n"
        "exclude = [\"migrations/versions/legacy_*.py\"]\nseed = \"app.seed:run\"\n"
        "database_url_env = \"APP_DB\"\nfail_on = \"warning\"\n");
  write("service/pyproject.toml",
        "[project]\nname = \"inner\"\n");  // no [tool.migsafe]: passed over
  const Config config = load_config(root_ / "service/migrations/versions");
  EXPECT_EQ(config.file, root_ / "pyproject.toml");
  EXPECT_EQ(config.disable, std::vector<std::string>{"prefer-text-field"});
  ASSERT_EQ(config.severity.count("prefer-bigint"), 1u);
  EXPECT_EQ(config.severity.at("prefer-bigint"), model::Severity::error);
  EXPECT_EQ(config.pg_version, 15);
  EXPECT_EQ(config.assume_in_transaction, true);
  EXPECT_EQ(config.lock_timeout_set_by, "connection");
  EXPECT_EQ(config.exclude, std::vector<std::string>{"migrations/versions/legacy_*.py"});
  EXPECT_EQ(config.seed, "app.seed:run");
  EXPECT_EQ(config.database_url_env, "APP_DB");
  EXPECT_EQ(config.fail_on, model::Severity::warning);
  EXPECT_TRUE(config.warnings.empty()) << config.warnings[0].message;
}

TEST_F(ConfigTest, MigsafeTomlWhenNoPyprojectHasTheTable) {
  write("service/migsafe.toml", "pg_version = 16\n");
  write("pyproject.toml", "[tool.migsafe]\npg_version = 14\n");
  // The nearer folder wins.
  EXPECT_EQ(load_config(root_ / "service/migrations").pg_version, 16);
  EXPECT_EQ(load_config(root_).pg_version, 14);
}

TEST_F(ConfigTest, StartMayBeAFile) {
  write("service/migsafe.toml", "pg_version = 16\n");
  write("service/migrations/versions/a.py", "");
  EXPECT_EQ(load_config(root_ / "service/migrations/versions/a.py").pg_version, 16);
}

TEST_F(ConfigTest, ExplicitFileWins) {
  write("pyproject.toml", "[tool.migsafe]\npg_version = 14\n");
  write("other.toml", "pg_version = 13\n");
  EXPECT_EQ(load_config(root_, root_ / "other.toml").pg_version, 13);
  EXPECT_THROW(load_config(root_, root_ / "missing.toml"), model::UsageError);
}

TEST_F(ConfigTest, MalformedTomlIsAUsageErrorWithPosition) {
  write("migsafe.toml", "pg_version = 17\ndisable = [\"a\",\n  = oops\n");
  try {
    load_config(root_);
    FAIL() << "expected a UsageError";
  } catch (const model::UsageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find((root_ / "migsafe.toml").string() + ":3:"), std::string::npos) << what;
    EXPECT_NE(what.find("malformed TOML"), std::string::npos) << what;
  }
}

TEST_F(ConfigTest, WrongTypesAreUsageErrorsWithPosition) {
  write("migsafe.toml", "\npg_version = \"seventeen\"\n");
  try {
    load_config(root_);
    FAIL() << "expected a UsageError";
  } catch (const model::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("migsafe.toml:2:14: pg_version"), std::string::npos)
        << e.what();
  }
  write("migsafe.toml", "disable = \"ban-drop-column\"\n");
  EXPECT_THROW(load_config(root_), model::UsageError);
  write("migsafe.toml", "severity = { ban-drop-column = \"fatal\" }\n");
  EXPECT_THROW(load_config(root_), model::UsageError);
  write("migsafe.toml", "seed = \"no_colon\"\n");
  EXPECT_THROW(load_config(root_), model::UsageError);
}

// [tool.migsafe.pipeline] is the runner's (runner/pipeline_file.cpp): the checks' config
// reader passes over it without a warning.
TEST_F(ConfigTest, ThePipelineTableIsTheRunnersAndNoWarning) {
  const Config config = parse_config(
      "[tool.migsafe]\nfail_on = \"warning\"\n\n"
      "[[tool.migsafe.pipeline.stages.staging.steps]]\nkind = \"command\"\nargv = [\"true\"]\n",
      "pyproject.toml", true);
  EXPECT_TRUE(config.warnings.empty()) << config.warnings[0].message;
  EXPECT_TRUE(config.fail_on);
}

TEST_F(ConfigTest, UnknownKeysAreWarnings) {
  write("migsafe.toml", "disable = [\"replay\"]\nfrobnicate = 1\n");
  const Config config = load_config(root_);
  ASSERT_EQ(config.warnings.size(), 1u);
  const auto& key = config.warnings[0];
  EXPECT_EQ(key.check, "config");
  EXPECT_EQ(key.severity, model::Severity::warning);
  EXPECT_NE(key.message.find("unknown key \"frobnicate\""), std::string::npos) << key.message;
  EXPECT_EQ(key.location.line, 2);
}

TEST_F(ConfigTest, EnableAndDisableTakeCheckNamesAndRuleIdsAsTheTablesSpellThem) {
  write("migsafe.toml",
        "enable = [\"replay\", \"prefer-robust-stmts\"]\n"
        "disable = [\"model-matches-ddl\", \"ban-truncate\"]\n"
        "severity = { prefer-big-int = \"error\" }\n");
  const Config config = load_config(root_);
  EXPECT_EQ(config.enable, (std::vector<std::string>{"replay", "require-if-not-exists"}));
  EXPECT_EQ(config.disable, (std::vector<std::string>{"model-matches-ddl", "ban-truncate"}));
  EXPECT_EQ(config.severity.count("prefer-bigint"), 1u);
  EXPECT_TRUE(config.warnings.empty());
}

// What load_config's UsageError says (with its fix), or "" when it loads.
std::string load_error(const fs::path& root) {
  try {
    load_config(root);
  } catch (const model::UsageError& e) {
    return std::string(e.what()) + "\nfix: " + e.fix();
  }
  return "";
}

TEST_F(ConfigTest, AnUnknownCheckOrRuleNameStopsTheRunListingTheValidNames) {
  write("migsafe.toml", "disable = [\"replay\", \"lock-trace\"]\n");
  const std::string disable = load_error(root_);
  EXPECT_NE(disable.find((root_ / "migsafe.toml").string() + ":1:22: disable: no check or rule "
                                                             "has the name \"lock-trace\""),
            std::string::npos)
      << disable;
  // The fix lists every check and rule, from their tables.
  EXPECT_NE(disable.find("single-head, upgrade, model-matches-ddl"), std::string::npos) << disable;
  EXPECT_NE(disable.find("downgrade-leaves-no-trace, expand-contract, lint)"), std::string::npos) << disable;
  EXPECT_NE(disable.find("adding-not-null-constraint, "), std::string::npos) << disable;
  EXPECT_NE(disable.find("unbatched-backfill, syntax-error"), std::string::npos) << disable;

  write("pyproject.toml", "[tool.migsafe]\nenable = [\"no-such-rule\"]\n");
  const std::string enable = load_error(root_);
  EXPECT_NE(enable.find("pyproject.toml:2:11: enable: no check or rule has the name "
                        "\"no-such-rule\""),
            std::string::npos)
      << enable;
}

TEST_F(ConfigTest, SeverityTakesRuleIdsOnly) {
  write("migsafe.toml", "severity = { no-such-rule = \"error\" }\n");
  const std::string unknown = load_error(root_);
  EXPECT_NE(unknown.find("migsafe.toml:1:14: severity: no rule has the id \"no-such-rule\""),
            std::string::npos)
      << unknown;
  EXPECT_NE(unknown.find("fix: name a rule: adding-not-null-constraint, "), std::string::npos)
      << unknown;
  write("migsafe.toml", "severity = { replay = \"error\" }\n");
  const std::string check = load_error(root_);
  EXPECT_NE(check.find("severity: replay is a check; severity takes rule ids"), std::string::npos)
      << check;
}

}  // namespace
}  // namespace migsafe::cli::config
