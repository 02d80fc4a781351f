// No password migsafe is given reaches any output: a secret planted in every place a user
// can put one (the --db URL's userinfo and ?password=, PGPASSWORD), printed by the
// project's own code to stdout, stderr and its log under -v, on success, on failure and
// on a refused URL, in every format (issue 9, item 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "dbdrivers/scratch.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/cli/sample_project.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> secrets = {"UserinfoSecret71", "QuerySecret82", "PgPasswordSecret93"};

// The sample project whose first revision prints the URL env.py is given, every way.
fs::path leaky_project(const TempDir& dir) {
  const fs::path project = copy_sample_project(dir.path());
  start_upgrade_with(revision_files(project).front(),
                     "    import logging, os, sys\n"
                     "    url = os.environ.get('DATABASE_URL', '')\n"
                     "    print('stdout', url, os.environ.get('PGPASSWORD'))\n"
                     "    sys.stderr.write('stderr ' + url + '\\n')\n"
                     "    logging.getLogger('alembic.runtime.migration').warning('log %s', url)\n"
                     // Past Python's streams: the descriptors, and a shell the migration runs.
                     "    os.write(2, ('fd2 ' + url + '\\n').encode())\n"
                     "    os.write(1, ('fd1 ' + url + '\\n').encode())\n"
                     "    os.system('echo \"shell $DATABASE_URL $PGPASSWORD\" >&2')\n");
  return project;
}

void expect_no_secret(const CommandResult& result, const std::string& what) {
  for (const std::string& secret : secrets) {
    EXPECT_EQ(result.out.find(secret), std::string::npos) << what << " stdout:\n" << result.out;
    EXPECT_EQ(result.err.find(secret), std::string::npos) << what << " stderr:\n" << result.err;
  }
}

// A scratch PostgreSQL server standing in for a user's, and its URL with a password in
// the userinfo: the server trusts local connections, so a password is carried, never
// checked.
class Secrets : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = dbdrivers::create_scratch({"postgres", {}});
    plain_ = server_->url().to_string();
    with_userinfo_ =
        std::regex_replace(plain_, std::regex("://([^:@/]+)@"), "://$1:" + secrets[0] + "@");
    ASSERT_NE(with_userinfo_, plain_);
  }

  std::unique_ptr<dbdrivers::ScratchDatabase> server_;
  std::string plain_;
  std::string with_userinfo_;
};

TEST_F(Secrets, NoPasswordReachesAnyOutput) {
  TempDir dir;
  const fs::path project = leaky_project(dir);
  const std::string& plain = plain_;
  const std::string& with_userinfo = with_userinfo_;
  const std::string with_query = plain + "?password=" + secrets[1];
  const std::string env = "PGPASSWORD=" + secrets[2] + " ";
  const std::string binary = quoted(MIGSAFE_BINARY);

  for (const std::string format : {"text", "json", "sarif", "github"}) {
    const auto ran = run_command(env + binary + " check -v --format " + format + " --db " +
                                 quoted(with_userinfo) + " " + quoted(project.string()));
    EXPECT_LE(ran.exit_code, 1) << ran.err;
    EXPECT_NE(ran.err.find("stderr postgresql"), std::string::npos) << "the project printed";
    EXPECT_NE(ran.err.find("fd2 postgresql"), std::string::npos) << ran.err;
    EXPECT_NE(ran.err.find("shell postgresql"), std::string::npos) << ran.err;
    if (format == "json") {
      EXPECT_TRUE(nlohmann::json::accept(ran.out)) << "stdout is the report alone:\n" << ran.out;
    }
    expect_no_secret(ran, "check --format " + format);
  }
  const auto query = run_command(env + binary + " check -v --db " + quoted(with_query) + " " +
                                 quoted(project.string()));
  expect_no_secret(query, "?password=");

  const std::string unreachable = "postgresql://postgres:" + secrets[0] + "@127.0.0.1:1/db";
  for (const std::string format : {"text", "json"}) {
    const auto failed = run_command(binary + " check --format " + format + " --db " +
                                    quoted(unreachable) + " " + quoted(project.string()));
    EXPECT_EQ(failed.exit_code, 2) << failed.err;
    expect_no_secret(failed, "an unreachable server, " + format);
  }
  const auto scheme = run_command(binary + " check --format json --db " +
                                  quoted("mysql://u:" + secrets[0] + "@h/db") + " " +
                                  quoted(project.string()));
  EXPECT_EQ(scheme.exit_code, 2);
  expect_no_secret(scheme, "an unsupported scheme");
}

// The other commands and exit paths: drift on a server URL, lint and check of a project
// whose alembic.ini holds a password, a migration whose exception quotes the URL, and
// a password that is percent-encoded in the URL.
TEST_F(Secrets, NoPasswordReachesDriftLintOrAFailingMigration) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  const std::string& plain = plain_;
  const std::string& with_userinfo = with_userinfo_;
  const std::string binary = quoted(MIGSAFE_BINARY);

  for (const std::string format : {"text", "json", "sarif"}) {
    const auto drift = run_command(binary + " drift --format " + format + " --db " +
                                   quoted(with_userinfo) + " " + quoted(project.string()));
    EXPECT_LE(drift.exit_code, 2) << drift.err;
    expect_no_secret(drift, "drift --format " + format);
  }
  const auto unreachable = run_command(
      binary + " drift --format json --db " +
      quoted("postgresql://postgres:" + secrets[1] + "@127.0.0.1:1/db") + " " +
      quoted(project.string()));
  EXPECT_EQ(unreachable.exit_code, 2) << unreachable.err;
  expect_no_secret(unreachable, "drift on an unreachable server");

  // alembic.ini's own URL: lint renders offline with it, check reads its dialect.
  {
    const fs::path ini = project / "alembic.ini";
    std::string text = read_text(ini);
    text = std::regex_replace(text, std::regex("sqlalchemy\\.url *=.*"),
                              "sqlalchemy.url = postgresql://app:" + secrets[2] +
                                  "@127.0.0.1:1/app");
    std::ofstream(ini) << text;
  }
  for (const std::string format : {"text", "json", "github"}) {
    const auto lint = run_command(binary + " lint --format " + format + " " +
                                  quoted(project.string()));
    EXPECT_LE(lint.exit_code, 2) << lint.err;
    expect_no_secret(lint, "lint --format " + format + " with a password in alembic.ini");
  }

  // A failing migration whose exception quotes the URL it was given.
  start_upgrade_with(revision_files(project).front(),
                     "    import os\n"
                     "    raise RuntimeError('cannot migrate ' + os.environ['DATABASE_URL'])\n");
  const std::string encoded = std::regex_replace(
      plain, std::regex("://([^:@/]+)@"), "://$1:Percent%2FEncoded%40Secret@");
  for (const std::string& url : {with_userinfo, encoded}) {
    const auto failed = run_command(binary + " check --format json --db " + quoted(url) + " " +
                                    quoted(project.string()));
    EXPECT_EQ(failed.exit_code, 1) << failed.err << failed.out;
    EXPECT_NE(failed.out.find("cannot migrate"), std::string::npos) << failed.out;
    expect_no_secret(failed, "a failing migration quoting the URL");
    for (const std::string piece : {"Percent%2FEncoded%40Secret", "Percent/Encoded@Secret"}) {
      EXPECT_EQ(failed.out.find(piece), std::string::npos) << failed.out;
      EXPECT_EQ(failed.err.find(piece), std::string::npos) << failed.err;
    }
  }
}

}  // namespace
}  // namespace migsafe::tests
