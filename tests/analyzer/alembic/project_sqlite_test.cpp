// Every verb against real SQLite files.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "analyzer/alembic/project.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

using ::testing::HasSubstr;

const std::string reggie_head = "8e3b4c5d6f70";

std::vector<std::string> tables(const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db,
                          "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> names;
  while (query.executeStep()) names.push_back(query.getColumn(0).getString());
  return names;
}

int count_rows(const std::filesystem::path& file, const std::string& table) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt();
}

const std::vector<std::string> reggie_tables = {
    "alembic_version", "api_keys",           "plate_lookups", "plates",
    "rate_limit_buckets", "sessions",        "users"};

TEST(ProjectSqlite, UpgradeTwiceThenReplayFromBase) {
  TempFolder temp;
  Project project(fixture("reggie"));
  project.set_url(temp.sqlite_url());
  EXPECT_TRUE(project.current().empty() || project.current().size() == 0u);
  project.upgrade("head");
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
  EXPECT_EQ(tables(temp.path() / "scratch.db"), reggie_tables);
  project.upgrade("head");  // nothing to do
  project.stamp("base");
  EXPECT_TRUE(project.current().empty());
  project.upgrade("head");  // every revision runs over the existing schema
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
}

TEST(ProjectSqlite, EveryReggieRevisionReplaysOnItsOwn) {
  TempFolder temp;
  Project project(fixture("reggie"));
  project.set_url(temp.sqlite_url());
  for (const auto& revision : project.revisions()) {
    project.upgrade(revision.id);
    project.stamp(revision.down_revisions.empty() ? "base" : revision.down_revisions[0]);
    EXPECT_NO_THROW(project.upgrade(revision.id)) << revision.id;
    EXPECT_EQ(project.current(), std::vector<std::string>{revision.id});
  }
}

TEST(ProjectSqlite, DowngradeToBaseLeavesOnlyTheVersionTable) {
  TempFolder temp;
  Project project(fixture("reggie"));
  project.set_url(temp.sqlite_url());
  project.upgrade("head");
  project.downgrade("base");
  EXPECT_TRUE(project.current().empty());
  EXPECT_EQ(tables(temp.path() / "scratch.db"), std::vector<std::string>{"alembic_version"});
  project.downgrade("base");
  project.upgrade("head");
}

TEST(ProjectSqlite, BranchMergeUpgradesDowngradesAndReplays) {
  TempFolder temp;
  Project project(fixture("branch_merge"));
  project.set_url(temp.sqlite_url());
  project.upgrade("head");
  EXPECT_EQ(project.current(), std::vector<std::string>{"e4e4e4e4e4e4"});
  project.stamp("base");
  project.upgrade("head");
  project.downgrade("a0a0a0a0a0a0");
  EXPECT_EQ(project.current(), std::vector<std::string>{"a0a0a0a0a0a0"});
  project.upgrade("b1b1b1b1b1b1");
  EXPECT_EQ(project.current(), std::vector<std::string>{"b1b1b1b1b1b1"});
  project.upgrade("heads");
  EXPECT_EQ(project.current(), std::vector<std::string>{"e4e4e4e4e4e4"});
}

TEST(ProjectSqlite, TheUrlReachesEnvPyAsDatabaseUrlAndIsRestored) {
  // reggie's env.py prefers $DATABASE_URL: if migsafe did not set it, the upgrade would
  // go to the decoy.
  TempFolder temp;
  const std::string decoy = temp.sqlite_url("decoy.db");
  setenv("DATABASE_URL", decoy.c_str(), 1);
  Project project(fixture("reggie"));
  project.set_url(temp.sqlite_url());
  project.upgrade("1a5c2e7b9d01");
  EXPECT_STREQ(getenv("DATABASE_URL"), decoy.c_str());
  unsetenv("DATABASE_URL");
  EXPECT_FALSE(std::filesystem::exists(temp.path() / "decoy.db"));
  EXPECT_THAT(tables(temp.path() / "scratch.db"), ::testing::Contains("users"));
}

TEST(ProjectSqlite, TheUrlReachesEnvPyAsSqlalchemyUrl) {
  // Without the environment variable, env.py falls back to sqlalchemy.url.
  TempFolder temp;
  ProjectOptions options;
  options.url_env_var = "";
  Project project(fixture("reggie"), options);
  project.set_url(temp.sqlite_url());
  project.upgrade("1a5c2e7b9d01");
  EXPECT_THAT(tables(temp.path() / "scratch.db"), ::testing::Contains("users"));
}

TEST(ProjectSqlite, SeedRunsWithTheUrlAndIsIdempotent) {
  TempFolder temp;
  Project project(fixture("reggie"));
  project.set_url(temp.sqlite_url());
  project.upgrade("head");
  project.run_seed("app.seed:seed");
  const auto db = temp.path() / "scratch.db";
  EXPECT_EQ(count_rows(db, "users"), 2);
  EXPECT_EQ(count_rows(db, "plates"), 3);
  EXPECT_EQ(count_rows(db, "plate_lookups"), 1);
  project.run_seed("app.seed:seed");
  EXPECT_EQ(count_rows(db, "users"), 2);
  EXPECT_EQ(count_rows(db, "plate_lookups"), 1);
  project.stamp("base");
  project.upgrade("head");
  EXPECT_EQ(count_rows(db, "plates"), 3);
}

TEST(ProjectSqlite, ReplayOfAnUnguardedRevisionIsAMigrationError) {
  TempFolder temp;
  Project project(fixture("missing_guards"));
  project.set_url(temp.sqlite_url());
  project.upgrade("head");
  project.stamp("base");
  try {
    project.upgrade("head");
    FAIL() << "replay must fail";
  } catch (const MigrationError& error) {
    EXPECT_EQ(error.revision, "3f2a1c0d9b7e");
    EXPECT_EQ(error.file, (fixture("missing_guards") / "migrations" / "versions" /
                           "3f2a1c0d9b7e_add_plates.py")
                              .string());
    EXPECT_EQ(error.line, 18);
    EXPECT_EQ(error.column, 5);
    EXPECT_EQ(error.database_error, "table plates already exists");
    EXPECT_THAT(error.statement, ::testing::StartsWith("CREATE TABLE plates ("));
    EXPECT_EQ(std::string(error.what()),
              "revision 3f2a1c0d9b7e (migrations/versions/3f2a1c0d9b7e_add_plates.py:18) "
              "failed: table plates already exists");
  }
  // The failed replay left users' revision applied: Alembic stamps per revision.
  EXPECT_EQ(project.current(), std::vector<std::string>{"0c1d2e3f4a5b"});
}

TEST(ProjectSqlite, PerRevisionReplayFindsBothUnguardedRevisions) {
  TempFolder temp;
  Project project(fixture("not_idempotent_middle"));
  project.set_url(temp.sqlite_url());
  std::vector<std::string> failed;
  for (const auto& revision : project.revisions()) {
    project.upgrade(revision.id);
    project.stamp(revision.down_revisions.empty() ? "base" : revision.down_revisions[0]);
    try {
      project.upgrade(revision.id);
    } catch (const MigrationError& error) {
      failed.push_back(error.revision);
      EXPECT_THAT(error.database_error, HasSubstr("already exists"));
      EXPECT_GT(error.line, 0);
      project.stamp(revision.id);
    }
  }
  EXPECT_EQ(failed, (std::vector<std::string>{"2222bbbb0002", "3333cccc0003"}));
}

TEST(ProjectSqlite, ReplayDuplicatesUnguardedSeedRows) {
  TempFolder temp;
  Project project(fixture("seed_twice"));
  project.set_url(temp.sqlite_url());
  project.upgrade("head");
  EXPECT_EQ(count_rows(temp.path() / "scratch.db", "regions"), 3);
  project.stamp("base");
  project.upgrade("head");
  EXPECT_EQ(count_rows(temp.path() / "scratch.db", "regions"), 6);
}

// A copy of fixture `name` in `temp`, with `from` replaced by `to` in one of its files.
std::filesystem::path patched_copy(const TempFolder& temp, const std::string& name,
                                   const std::string& file, const std::string& from,
                                   const std::string& to) {
  const auto copy = temp.path() / name;
  std::filesystem::copy(fixture(name), copy, std::filesystem::copy_options::recursive);
  std::ifstream in(copy / file);
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error(from + " not in " + file);
  text.replace(at, from.size(), to);
  std::ofstream(copy / file) << text;
  return copy;
}

TEST(ProjectSqlite, APythonErrorInAMigrationIsAMigrationErrorToo) {
  TempFolder temp;
  const std::string file = "migrations/versions/c2c2c2c2c2c2_create_api_keys.py";
  const auto copy = patched_copy(temp, "branch_merge", file, "def upgrade():\n",
                                 "def upgrade():\n    raise ValueError('no api keys today')\n");
  Project project(copy);
  project.set_url(temp.sqlite_url());
  try {
    project.upgrade("heads");
    FAIL() << "the upgrade must fail";
  } catch (const MigrationError& error) {
    EXPECT_EQ(error.revision, "c2c2c2c2c2c2");
    EXPECT_EQ(error.file, (copy / file).string());
    EXPECT_EQ(error.line, 18);
    EXPECT_EQ(error.database_error, "");
    EXPECT_EQ(error.statement, "");
    EXPECT_EQ(std::string(error.what()), "revision c2c2c2c2c2c2 (" + file +
                                             ":18) failed: ValueError: no api keys today");
  }
}

TEST(ProjectSqlite, ModelsRaisingOnImportNameEnvPyAndTheModelLine) {
  TempFolder temp;
  const auto copy = patched_copy(temp, "reggie", "app/models.py", "Base = declarative_base()\n",
                                 "Base = declarative_base()\nundefined_helper()\n");
  Project project(copy);
  project.set_url(temp.sqlite_url());
  try {
    project.upgrade("head");
    FAIL() << "the upgrade must fail";
  } catch (const model::InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "env.py (migrations/env.py:12) raised NameError: name 'undefined_helper' is not "
              "defined (app/models.py:8)");
  }
}

TEST(ProjectSqlite, AnUnopenableDatabaseIsAnEnvironmentError) {
  Project project(fixture("reggie"));
  project.set_url("sqlite:////nonexistent-folder/for/migsafe.db");
  try {
    project.upgrade("head");
    FAIL() << "must not connect";
  } catch (const model::EnvironmentError& error) {
    EXPECT_THAT(error.what(), HasSubstr("cannot connect to the database"));
    EXPECT_THAT(error.what(), HasSubstr("unable to open database file"));
  }
}

// Sends file descriptor `fd` to a file while alive; text() reads what arrived.
class Capture {
 public:
  Capture(int fd, const std::filesystem::path& file) : fd_(fd), file_(file) {
    std::fflush(nullptr);
    saved_ = dup(fd);
    FILE* out = std::fopen(file.c_str(), "w");
    dup2(fileno(out), fd);
    std::fclose(out);
  }
  ~Capture() { restore(); }
  void restore() {
    if (saved_ < 0) return;
    std::fflush(nullptr);
    dup2(saved_, fd_);
    close(saved_);
    saved_ = -1;
  }
  std::string text() {
    restore();
    std::ifstream in(file_);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
  }

 private:
  int fd_;
  std::filesystem::path file_;
  int saved_ = -1;
};

TEST(ProjectSqlite, StdoutStaysCleanForJson) {
  // env.py calls fileConfig() and prints nothing itself, but Alembic logs "Running
  // upgrade ..." at INFO: none of it may reach stdout, verbose or not.
  TempFolder temp;
  for (bool verbose : {false, true}) {
    ProjectOptions options;
    options.verbose = verbose;
    Project project(fixture("reggie"), options);
    project.set_url(temp.sqlite_url(verbose ? "verbose.db" : "quiet.db"));
    Capture out(STDOUT_FILENO, temp.path() / "stdout.txt");
    Capture err(STDERR_FILENO, temp.path() / "stderr.txt");
    project.upgrade("head");
    project.current();
    project.offline_sql("base", "head", "postgresql");
    project.run_seed("app.seed:seed");
    project.stamp("base");
    const std::string printed = out.text();
    const std::string logged = err.text();
    EXPECT_EQ(printed, "") << "verbose=" << verbose;
    if (verbose) {
      EXPECT_THAT(logged, HasSubstr("Running upgrade"));
    } else {
      EXPECT_EQ(logged, "");
    }
  }
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
