// migsafe check never touches a database it did not create, whatever env.py connects
// to: every connection the embedded Python opens is identified on the server first.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "dbdrivers/scratch.hpp"
#include "tests/cli/check/child_process.hpp"
#include "tests/cli/check/guarded_project.hpp"

namespace migsafe::testing {
namespace {

constexpr const char* password = "S3cret-pw-never-printed";

// A server holding a user's data: the `app` database with 1,000 users and a version.
class ConnectionGuardPostgres : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = dbdrivers::create_scratch({"postgres", {}}).release();
    {
      pqxx::connection connection(server_->url().libpq_uri());
      pqxx::nontransaction work(connection);
      work.exec("CREATE DATABASE app");
    }
    pqxx::connection connection(app_url().libpq_uri());
    pqxx::work work(connection);
    work.exec("CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL)");
    work.exec(
        "INSERT INTO users SELECT n, 'user' || n || '@example.com' "
        "FROM generate_series(1, 1000) n");
    work.exec("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
    work.exec("INSERT INTO alembic_version VALUES ('feedface0001')");
    work.commit();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // The user's database; the password is ignored by the scratch server (trust), but
  // it is in every URL env.py sees, so no output may show it.
  static dbdrivers::DatabaseUrl app_url() {
    dbdrivers::DatabaseUrl url = server_->url().with_database("app");
    url.password = password;
    return url;
  }

  // Schema, rows and version of the user's database, as one comparable text.
  static std::string checksum() {
    pqxx::connection connection(app_url().libpq_uri());
    pqxx::work work(connection);
    return work
        .exec1(
            "SELECT (SELECT string_agg(table_name || '.' || column_name || ' ' || data_type,"
            " ',' ORDER BY table_name, column_name) FROM information_schema.columns"
            " WHERE table_schema = 'public')"
            " || '|' || (SELECT md5(string_agg(u::text, ',' ORDER BY u.id)) FROM users u)"
            " || '|' || (SELECT string_agg(version_num, ',') FROM alembic_version)")[0]
        .as<std::string>();
  }

  static std::size_t migsafe_databases() {
    pqxx::connection connection(server_->url().libpq_uri());
    pqxx::work work(connection);
    return work.exec("SELECT 1 FROM pg_database WHERE datname LIKE 'migsafe\\_%'").size();
  }

  static RunResult check(const GuardedProject& project, const std::string& db = "postgres") {
    return run({MIGSAFE_BINARY, "check", project.folder.string(), "--db", db});
  }

  static void expect_refused(const RunResult& result, const std::string& where) {
    EXPECT_EQ(result.exit_code, 2) << result.err << result.out;
    EXPECT_NE(result.err.find("a database migsafe did not create"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("/app"), std::string::npos) << result.err;  // the target
    EXPECT_NE(result.err.find(where), std::string::npos) << where << "\n" << result.err;
    EXPECT_NE(result.err.find("database_url_env"), std::string::npos) << result.err;
    EXPECT_EQ((result.err + result.out).find(password), std::string::npos) << result.err;
  }

  static inline dbdrivers::ScratchDatabase* server_ = nullptr;
};

TEST_F(ConnectionGuardPostgres, EnvPyReadingItsOwnVariableIsStopped) {
  const std::string before = checksum();
  ::setenv("APP_DATABASE_URL", app_url().to_string().c_str(), 1);
  GuardedProject project("os.environ['APP_DATABASE_URL']");
  const RunResult result = check(project);
  ::unsetenv("APP_DATABASE_URL");
  expect_refused(result, "migrations/env.py:" + std::to_string(project.connect_line));
  EXPECT_NE(
      result.err.find("engine built at migrations/env.py:" + std::to_string(project.engine_line)),
      std::string::npos)
      << result.err;
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPostgres, HardCodedUrlIsStopped) {
  const std::string before = checksum();
  GuardedProject project(python_string(app_url().to_string()));
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPostgres, SecondEngineIsStopped) {
  const std::string before = checksum();
  GuardedProject project("config.get_main_option('sqlalchemy.url')",
                         "other = create_engine(" + python_string(app_url().to_string()) +
                             ")\n"
                             "with other.begin() as connection:\n"
                             "    connection.execute(text('DELETE FROM users'))\n");
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line + 6));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPostgres, RawPsycopg2ConnectIsStopped) {
  const std::string before = checksum();
  GuardedProject project("config.get_main_option('sqlalchemy.url')",
                         "raw = psycopg2.connect(" + python_string(app_url().libpq_uri()) +
                             ")\n"
                             "raw.cursor().execute('DELETE FROM users')\n"
                             "raw.commit()\n");
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line + 5));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPostgres, RefusalCaughtByEnvPyStillStopsTheRun) {
  const std::string before = checksum();
  GuardedProject project("config.get_main_option('sqlalchemy.url')",
                         "try:\n"
                         "    psycopg2.connect(" +
                             python_string(app_url().libpq_uri()) +
                             ").cursor().execute('DELETE FROM users')\n"
                             "except Exception:\n"
                             "    pass\n");
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line + 6));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPostgres, AnotherDatabaseOnTheScratchServerIsStopped) {
  // --db URL: migsafe makes migsafe_<hex> on the user's server; env.py goes to `app`.
  const std::string before = checksum();
  GuardedProject project(python_string(app_url().to_string()));
  const RunResult result = check(project, server_->url().to_string());
  expect_refused(result, "env.py:" + std::to_string(project.connect_line));
  EXPECT_NE(result.err.find("database app, not migsafe_"), std::string::npos) << result.err;
  EXPECT_EQ(checksum(), before);
  EXPECT_EQ(migsafe_databases(), 0u);
}

TEST_F(ConnectionGuardPostgres, ScratchDatabaseUnderAnotherDriverNameStillMigrates) {
  // The guard compares servers and databases, not URL spellings.
  GuardedProject project(
      "config.get_main_option('sqlalchemy.url').replace('postgresql+psycopg2://', "
      "'postgresql://', 1)");
  for (const std::string& db : {std::string("postgres"), server_->url().to_string()}) {
    const RunResult result = check(project, db);
    EXPECT_EQ(result.exit_code, 0) << db << "\n" << result.err << result.out;
  }
  EXPECT_EQ(migsafe_databases(), 0u);
}

// The stack current services run: SQLAlchemy 2.0 and psycopg 3 (scripts/setup-sa2-venv.sh).
class ConnectionGuardPsycopg3 : public ConnectionGuardPostgres {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(MIGSAFE_SA2_VENV "/bin/python"))
        << "no SQLAlchemy 2.0 virtualenv at " MIGSAFE_SA2_VENV ": run scripts/setup.sh";
    ::setenv("VIRTUAL_ENV", MIGSAFE_SA2_VENV, 1);
  }
  void TearDown() override { ::unsetenv("VIRTUAL_ENV"); }

  static std::string psycopg3_url(std::string url) {
    return url.replace(0, url.find("://"), "postgresql+psycopg");
  }
};

TEST_F(ConnectionGuardPsycopg3, EngineThroughPsycopg3IsStopped) {
  const std::string before = checksum();
  GuardedProject project(python_string(psycopg3_url(app_url().to_string())));
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPsycopg3, RawPsycopgConnectIsStopped) {
  const std::string before = checksum();
  GuardedProject project("config.get_main_option('sqlalchemy.url')",
                         "import psycopg\n"
                         "with psycopg.connect(" +
                             python_string(app_url().libpq_uri()) +
                             ") as raw:\n"
                             "    raw.execute('DELETE FROM users')\n");
  expect_refused(check(project), "env.py:" + std::to_string(project.connect_line + 6));
  EXPECT_EQ(checksum(), before);
}

TEST_F(ConnectionGuardPsycopg3, ScratchDatabaseThroughPsycopg3StillMigrates) {
  GuardedProject project(
      "config.get_main_option('sqlalchemy.url').replace('postgresql+psycopg2://', "
      "'postgresql+psycopg://', 1)");
  const RunResult result = check(project);
  EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
}

}  // namespace
}  // namespace migsafe::testing
