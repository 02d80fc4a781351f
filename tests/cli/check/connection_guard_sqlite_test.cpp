// migsafe check never touches a SQLite file it did not create: env.py's connections are
// compared with the scratch file (device and inode) before sqlite3 opens anything.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/check/child_process.hpp"
#include "tests/cli/check/guarded_project.hpp"

namespace migsafe::testing {
namespace {
namespace fs = std::filesystem;

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A user's SQLite database with 1,000 users, and the text of its file.
class ConnectionGuardSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("migsafe_user_db_" + std::to_string(::getpid()));
    fs::create_directories(folder_);
    SQLite::Database db((folder_ / "app.db").string(),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)");
    db.exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
        "INSERT INTO users SELECT i, 'user' || i || '@example.com' FROM n");
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::string app_db() const { return (folder_ / "app.db").string(); }

  static void expect_refused(const RunResult& result, const std::string& where) {
    EXPECT_EQ(result.exit_code, 2) << result.err << result.out;
    EXPECT_NE(result.err.find("a database migsafe did not create"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(where), std::string::npos) << where << "\n" << result.err;
  }

  static RunResult check(const GuardedProject& project) {
    return run({MIGSAFE_BINARY, "check", project.folder.string()});
  }

  fs::path folder_;
};

TEST_F(ConnectionGuardSqlite, HardCodedFileIsStopped) {
  const std::string before = bytes_of(app_db());
  GuardedProject project(python_string("sqlite:///" + app_db()));
  const RunResult result = check(project);
  expect_refused(result, "env.py:" + std::to_string(project.connect_line));
  EXPECT_NE(result.err.find(app_db()), std::string::npos) << result.err;
  EXPECT_EQ(bytes_of(app_db()), before);
}

TEST_F(ConnectionGuardSqlite, MissingFileIsNotCreated) {
  const fs::path missing = folder_ / "never.db";
  GuardedProject project(python_string("sqlite:///" + missing.string()));
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line));
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(ConnectionGuardSqlite, InMemoryDatabaseIsStopped) {
  // Migrations that ran on an empty in-memory database would prove nothing.
  GuardedProject project("'sqlite://'");
  expect_refused(check(project), "in memory");
}

TEST_F(ConnectionGuardSqlite, RawSqlite3ConnectIsStopped) {
  const std::string before = bytes_of(app_db());
  GuardedProject project("config.get_main_option('sqlalchemy.url')",
                         "raw = sqlite3.connect(" + python_string(app_db()) +
                             ")\n"
                             "raw.execute('DELETE FROM users')\n"
                             "raw.commit()\n");
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line + 5));
  EXPECT_EQ(bytes_of(app_db()), before);
}

TEST_F(ConnectionGuardSqlite, ScratchFileStillMigrates) {
  GuardedProject project("os.environ['DATABASE_URL']");
  const RunResult result = check(project);
  EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
}

}  // namespace
}  // namespace migsafe::testing
