// `migsafe lint` and `migsafe rules` as users and CI run them: the built binary, its
// output formats and docs/cli.md's exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

const fs::path fixtures = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic";

CommandResult migsafe(const std::string& arguments) {
  return run_command(quoted(MIGSAFE_BINARY) + " " + arguments);
}

class LintBinary : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string sql(const std::string& name, const std::string& text) {
    return quoted(dir_.write(name, text).string());
  }
};

// A password in a --db URL never reaches the output, whatever the URL's form and
// whichever command refuses it, in every format.
TEST_F(LintBinary, PasswordsInRefusedDatabaseUrlsAreMasked) {
  const std::string secret = "S3cret-never-shown";
  const auto file = sql("ok.sql", "SELECT 1;\n");
  const std::vector<std::string> urls = {
      "mysql://app:" + secret + "@db.internal/app",
      "oracle://app:" + secret + "@db.internal/app?password=" + secret,
      "postgresql://app:" + secret + "@127.0.0.1:1/app?password=" + secret,
  };
  for (const std::string& url : urls) {
    for (const char* format : {"text", "json", "sarif", "github"}) {
      for (const std::string& command :
           {"lint " + file, "check " + quoted((fixtures / "reggie").string())}) {
        const auto result = migsafe(command + " --format " + format + " --db " + quoted(url));
        // lint takes only the dialect from a PostgreSQL URL; check cannot reach it.
        const bool dialect_only = command.rfind("lint", 0) == 0 && url.rfind("postgresql", 0) == 0;
        EXPECT_EQ(result.exit_code, dialect_only ? 0 : 2) << command << " " << url << "\n"
                                                          << result.err;
        EXPECT_EQ((result.out + result.err).find(secret), std::string::npos)
            << command << " --format " << format << " --db " << url << "\n"
            << result.out << result.err;
      }
    }
  }
}

// Symbolic links that loop or go nowhere are named, in a folder and as a PATH: never
// "internal error" (a filesystem exception) nor "does not exist" for a link that does.
TEST_F(LintBinary, SymlinkLoopsAndDanglingLinksAreRefusedByName) {
  sql("good.sql", "SELECT 1;\n");
  fs::create_symlink(dir_.path() / "b.sql", dir_.path() / "a.sql");
  fs::create_symlink(dir_.path() / "a.sql", dir_.path() / "b.sql");
  fs::create_directory(dir_.path() / "nested");
  fs::create_directory_symlink(dir_.path(), dir_.path() / "nested" / "up");  // a folder loop

  const auto folder = migsafe("lint " + quoted(dir_.path().string()));
  EXPECT_EQ(folder.exit_code, 2) << folder.err;
  EXPECT_NE(folder.err.find("a.sql is a symbolic link that loops"), std::string::npos) << folder.err;
  EXPECT_EQ(folder.err.find("internal error"), std::string::npos) << folder.err;

  const auto named = migsafe("lint " + quoted((dir_.path() / "b.sql").string()));
  EXPECT_EQ(named.exit_code, 2) << named.err;
  EXPECT_NE(named.err.find("b.sql is a symbolic link that loops"), std::string::npos) << named.err;

  fs::remove(dir_.path() / "a.sql");
  fs::remove(dir_.path() / "b.sql");
  fs::create_symlink(dir_.path() / "gone.sql", dir_.path() / "dangling.sql");
  const auto dangling = migsafe("lint " + quoted((dir_.path() / "dangling.sql").string()));
  EXPECT_EQ(dangling.exit_code, 2) << dangling.err;
  EXPECT_NE(dangling.err.find("gone.sql, which does not exist"), std::string::npos) << dangling.err;

  // The folder loop alone is not followed: the folder lints.
  fs::remove(dir_.path() / "dangling.sql");
  EXPECT_EQ(migsafe("lint " + quoted(dir_.path().string())).exit_code, 0);
}

// A report that cannot be written is exit 2, never a pass: stdout on a full disk.
TEST_F(LintBinary, AReportThatCannotBeWrittenIsExitTwo) {
  const auto file = sql("bad.sql", "TRUNCATE plates;\n");
  for (const std::string& command :
       {"lint " + file, "lint " + file + " --format json", std::string("rules"),
        std::string("--version"),
        "check " + quoted((fixtures / "reggie").string()) + " --format sarif"}) {
    const auto result = migsafe(command + " >/dev/full");
    EXPECT_EQ(result.exit_code, 2) << command << "\n" << result.err;
    EXPECT_NE(result.err.find("could not write to standard output"), std::string::npos)
        << command << "\n"
        << result.err;
  }
}

TEST_F(LintBinary, CleanSqlExitsZero) {
  const auto result = migsafe("lint " + sql("ok.sql", "SELECT 1;\n"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("summary: 0 errors"), std::string::npos) << result.out;
}

TEST_F(LintBinary, ErrorFindingExitsOneWithTheTextReport) {
  const auto file = sql("bad.sql", "SELECT 1;\nTRUNCATE plates;\n");
  const auto result = migsafe("lint " + file);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("error[ban-truncate]"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("bad.sql:2:1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("2 | TRUNCATE plates;"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << "no colour when stdout is not a TTY";
}

TEST_F(LintBinary, FailOnDecidesWhetherWarningsFail) {
  const auto file = sql("warn.sql", "SELECT 1;\nTRUNCATE plates;\n");
  EXPECT_EQ(migsafe("lint --skip ban-truncate " + file).exit_code, 0);
  dir_.write("migsafe.toml", "severity = { ban-truncate = \"warning\" }\n");
  const auto config = quoted((dir_.path() / "migsafe.toml").string());
  EXPECT_EQ(migsafe("lint --config " + config + " " + file).exit_code, 0);
  EXPECT_EQ(migsafe("lint --config " + config + " --fail-on warning " + file).exit_code, 1);
  dir_.write("migsafe.toml", "severity = { ban-truncate = \"warning\" }\nfail_on = \"warning\"\n");
  EXPECT_EQ(migsafe("lint --config " + config + " " + file).exit_code, 1);
  EXPECT_EQ(migsafe("lint --config " + config + " --fail-on error " + file).exit_code, 0);
}

TEST_F(LintBinary, ConfigFoundAboveTheFile) {
  dir_.write("pyproject.toml", "[tool.migsafe]\ndisable = [\"ban-truncate\"]\n");
  EXPECT_EQ(migsafe("lint " + sql("db/m.sql", "TRUNCATE plates;\n")).exit_code, 0);
}

TEST_F(LintBinary, CouldNotRunExitsTwo) {
  EXPECT_EQ(migsafe("lint " + quoted((dir_.path() / "missing.sql").string())).exit_code, 2);
  dir_.write("migsafe.toml", "disable = [\n");
  const auto malformed = migsafe("lint " + sql("m.sql", "SELECT 1;\n"));
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find("migsafe.toml:"), std::string::npos) << malformed.err;
  EXPECT_EQ(migsafe("lint --only no-such-rule " + sql("n.sql", "SELECT 1;\n")).exit_code, 2);
  EXPECT_EQ(migsafe("lint --format xml " + sql("x.sql", "SELECT 1;\n")).exit_code, 2);
}

TEST_F(LintBinary, BadBytesAreFindingsNotCrashes) {
  const auto result = migsafe("lint " + sql("latin1.sql", "SELECT 'caf\xe9';\n"));
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("syntax-error"), std::string::npos) << result.out;
  EXPECT_EQ(migsafe("lint " + sql("empty.sql", "")).exit_code, 0);
  EXPECT_EQ(migsafe("lint --format json " + sql("broken.sql", "CREATE TABLE (;")).exit_code, 1);
}

TEST_F(LintBinary, JsonSarifAndGithubFormats) {
  const auto file = sql("bad.sql", "TRUNCATE plates;\n");
  const auto json = migsafe("lint --format json " + file);
  EXPECT_EQ(json.exit_code, 1);
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["command"], "lint");
  EXPECT_EQ(doc["findings"][0]["rule"], "ban-truncate");
  EXPECT_EQ(doc["findings"][0]["check"], "lint");
  EXPECT_EQ(doc["findings"][0]["location"]["line"], 1);
  EXPECT_EQ(doc["summary"]["errors"], 1);

  const auto sarif = nlohmann::json::parse(migsafe("lint --format sarif " + file).out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "ban-truncate");
  EXPECT_FALSE(sarif["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"]
                   .get<std::string>()
                   .empty());

  const auto github = migsafe("lint --format github " + file);
  EXPECT_EQ(github.out.rfind("::error file=", 0), 0u) << github.out;
  EXPECT_NE(github.out.find(",line=1,col=1,title=ban-truncate::"), std::string::npos) << github.out;
}

TEST(LintBinaryProjects, ReggieIsClean) {
  const auto result = migsafe("lint " + quoted((fixtures / "reggie").string()));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(LintBinaryProjects, MissingGuardsFails) {
  if (!fs::exists(fixtures / "missing_guards")) GTEST_SKIP() << "fixture not written yet";
  const auto result = migsafe("lint " + quoted((fixtures / "missing_guards").string()));
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("require-if-not-exists"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("op.execute"), std::string::npos) << result.out;
}

TEST(RulesBinary, ListsRulesAndExplainsOne) {
  const auto list = migsafe("rules");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("ban-truncate"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("prefer-robust-stmts"), std::string::npos) << "aliases are listed";
  const auto page = migsafe("rules ban-truncate");
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("ban-truncate"), std::string::npos) << page.out;
  // An alias explains the rule it stands for.
  EXPECT_EQ(migsafe("rules prefer-robust-stmts").out, migsafe("rules require-if-not-exists").out);
  EXPECT_EQ(migsafe("rules no-such-rule").exit_code, 2);
}

}  // namespace
}  // namespace migsafe::tests
