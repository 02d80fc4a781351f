// The PostgreSQL driver through the factory, on a scratch PostgreSQL 17 cluster.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "dbdrivers/driver.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

class PostgresDriverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = create_scratch({"postgres", {}}).release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static const DatabaseUrl& server() { return server_->url(); }
  static const Driver& driver() { return driver_for(server()); }

  static void exec(const DatabaseUrl& url, const std::string& sql) {
    pqxx::connection connection{url.libpq_uri()};
    pqxx::nontransaction work{connection};
    work.exec(sql);
  }

  static bool database_exists(const std::string& name) {
    pqxx::connection connection{server().libpq_uri()};
    pqxx::nontransaction work{connection};
    return !work.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty();
  }

 private:
  static ScratchDatabase* server_;
};

ScratchDatabase* PostgresDriverTest::server_ = nullptr;

TEST_F(PostgresDriverTest, IsThePostgresqlDriver) {
  EXPECT_EQ(driver().dialect(), model::Dialect::postgresql);
}

TEST_F(PostgresDriverTest, ChecksThatTheServerAnswers) {
  EXPECT_NO_THROW(driver().check_connection(server()));

  const DatabaseUrl missing = server().with_database("no_such_database");
  try {
    driver().check_connection(missing);
    FAIL() << "connected to a database that does not exist";
  } catch (const model::EnvironmentError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot connect to " + missing.display()),
              std::string::npos)
        << error.what();
    EXPECT_NE(error.fix().find("point the URL at a database that exists"), std::string::npos);
  }
}

TEST_F(PostgresDriverTest, ServerVersionIsTheServers) {
  EXPECT_EQ(driver().server_version(server()).rfind("17.", 0), 0u);
}

TEST_F(PostgresDriverTest, ResetDropsEverythingAndKeepsTheName) {
  exec(server(), "CREATE DATABASE driver_reset");
  const DatabaseUrl scratch = server().with_database("driver_reset");
  exec(scratch, "CREATE TABLE plates (id int)");
  exec(scratch, "INSERT INTO plates VALUES (1), (2)");
  EXPECT_EQ(driver().count_rows(scratch), (std::map<std::string, long long>{{"plates", 2}}));

  driver().reset(scratch);
  EXPECT_TRUE(database_exists("driver_reset"));
  EXPECT_TRUE(driver().count_rows(scratch).empty());
  ReflectStats stats;
  EXPECT_TRUE(driver().reflect(scratch, {}, stats).tables.empty());
  exec(server(), "DROP DATABASE driver_reset");
}

// Reset works from `postgres` and copies template0, so a session on template1 is no
// obstacle, and reset itself never holds template1 while another run copies it.
TEST_F(PostgresDriverTest, ResetIgnoresASessionOnTemplate1) {
  exec(server(), "CREATE DATABASE driver_reset_busy_template");
  const DatabaseUrl scratch = server().with_database("driver_reset_busy_template");
  exec(scratch, "CREATE TABLE plates (id int)");
  {
    pqxx::connection on_template1{server().with_database("template1").libpq_uri()};
    driver().reset(scratch);
  }
  EXPECT_TRUE(driver().count_rows(scratch).empty());
  exec(server(), "DROP DATABASE driver_reset_busy_template");
}

// A scratch named `postgres` cannot be reset from `postgres`: template1 is used then.
TEST_F(PostgresDriverTest, ResetOfADatabaseNamedPostgresWorksFromTemplate1) {
  exec(server(), "CREATE TABLE plates (id int)");
  driver().reset(server().with_database("postgres"));
  EXPECT_TRUE(driver().count_rows(server()).empty());
}

TEST_F(PostgresDriverTest, ResetSaysWhichDatabaseItCouldNotEmpty) {
  DatabaseUrl unreachable = server();
  unreachable.port = 1;  // nothing listens there
  unreachable.database = "migsafe_gone";
  try {
    driver().reset(unreachable);
    FAIL() << "reset an unreachable database";
  } catch (const model::EnvironmentError& error) {
    EXPECT_EQ(std::string(error.what())
                  .rfind("could not empty the scratch database " + unreachable.display() + ": ", 0),
              0u)
        << error.what();
    EXPECT_EQ(error.fix(),
              "check that the server is still running and the user may create databases");
  }
}

}  // namespace
}  // namespace migsafe::dbdrivers
