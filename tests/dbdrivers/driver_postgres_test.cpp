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

  // The contents of `table` after `sql` ran in a database of its own.
  static TableContents contents_after(const std::string& sql, const std::string& table = "plates") {
    static int made = 0;
    const std::string name = "driver_contents_" + std::to_string(++made);
    exec(server(), "CREATE DATABASE " + name);
    const DatabaseUrl database = server().with_database(name);
    exec(database, sql);
    const TableContents contents = driver().read_table_contents(database).at(table);
    exec(server(), "DROP DATABASE " + name + " WITH (FORCE)");
    return contents;
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
  EXPECT_EQ(driver().read_table_contents(scratch).at("plates").rows, 2);

  driver().reset(scratch);
  EXPECT_TRUE(database_exists("driver_reset"));
  EXPECT_TRUE(driver().read_table_contents(scratch).empty());
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
  EXPECT_TRUE(driver().read_table_contents(scratch).empty());
  exec(server(), "DROP DATABASE driver_reset_busy_template");
}

// A scratch named `postgres` cannot be reset from `postgres`: template1 is used then.
TEST_F(PostgresDriverTest, ResetOfADatabaseNamedPostgresWorksFromTemplate1) {
  exec(server(), "CREATE TABLE plates (id int)");
  driver().reset(server().with_database("postgres"));
  EXPECT_TRUE(driver().read_table_contents(server()).empty());
}

TEST_F(PostgresDriverTest, TableContentsDoNotDependOnRowOrder) {
  const std::string table = "CREATE TABLE plates (id int PRIMARY KEY, plate text, at date);";
  const TableContents forward =
      contents_after(table +
                     "INSERT INTO plates VALUES (1, 'AB-123', '2026-05-04'), (2, 'CD-456', NULL), "
                     "(3, 'EF-789', '2026-01-01')");
  const TableContents backward =
      contents_after(table +
                     "INSERT INTO plates VALUES (3, 'EF-789', '2026-01-01'), (2, 'CD-456', NULL), "
                     "(1, 'AB-123', '2026-05-04')");
  EXPECT_EQ(forward.rows, 3);
  EXPECT_NE(forward.content_hash, 0u);
  EXPECT_EQ(forward, backward);
}

TEST_F(PostgresDriverTest, TableContentsChangeWithOneValue) {
  // A column named t: the hash must cover the whole row, not that column.
  const std::string table = "CREATE TABLE plates (t int, plate text);";
  const TableContents original =
      contents_after(table + "INSERT INTO plates VALUES (1, 'AB-123'), (2, 'CD-456')");
  for (const std::string rows : {"(1, 'AB-123'), (2, 'CD-457')", "(1, 'AB-123'), (3, 'CD-456')",
                                 "(1, 'AB-123'), (2, NULL)", "(1, 'AB-123'), (2, '')"}) {
    const TableContents changed = contents_after(table + "INSERT INTO plates VALUES " + rows);
    EXPECT_EQ(changed.rows, original.rows) << rows;
    EXPECT_NE(changed.content_hash, original.content_hash) << rows;
  }
  // The same row twice is another table.
  EXPECT_NE(contents_after(table + "INSERT INTO plates VALUES (1, 'AB'), (1, 'AB')").content_hash,
            contents_after(table + "INSERT INTO plates VALUES (1, 'AB')").content_hash);
}

// What a data migration that deletes and inserts its rows again does: same rows, new ids.
TEST_F(PostgresDriverTest, TableContentsSeeRowsInsertedAgainWithNewIds) {
  const std::string seeded =
      "CREATE TABLE plates (id serial PRIMARY KEY, plate text);"
      "INSERT INTO plates (plate) VALUES ('AB-123'), ('CD-456');";
  const TableContents once = contents_after(seeded);
  const TableContents again = contents_after(
      seeded + "DELETE FROM plates; INSERT INTO plates (plate) VALUES ('AB-123'), ('CD-456');");
  EXPECT_EQ(again.rows, once.rows);
  EXPECT_NE(again.content_hash, once.content_hash);
}

TEST_F(PostgresDriverTest, TableContentsOfAnEmptyTableAreZero) {
  EXPECT_EQ(contents_after("CREATE TABLE plates (id int)"), (TableContents{0, 0}));
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
