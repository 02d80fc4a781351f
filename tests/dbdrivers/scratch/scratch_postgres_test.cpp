#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>
#include <regex>

#include "dbdrivers/os/run_as.hpp"
#include "dbdrivers/postgres/binaries.hpp"
#include "dbdrivers/postgres/cache_folder.hpp"
#include "dbdrivers/postgres/template_cluster.hpp"
#include "dbdrivers/scratch.hpp"
#include "dbdrivers/server_version.hpp"
#include "dbdrivers/table_contents.hpp"
#include "model/error.hpp"
#include "tests/dbdrivers/scratch/pg_probe.hpp"

namespace migsafe::dbdrivers {
namespace {

using tests::pg15_bin;
using tests::pg17_bin;

std::unique_ptr<ScratchDatabase> cluster(const std::filesystem::path& bin) {
  ScratchRequest request;
  request.db = "postgres";
  request.pg_bin = bin;
  return create_scratch(request);
}

std::unique_ptr<ScratchDatabase> on_server(const std::string& url) {
  ScratchRequest request;
  request.db = url;
  return create_scratch(request);
}

std::string query_value(const DatabaseUrl& url, const std::string& sql) {
  pqxx::connection connection{url.libpq_uri()};
  pqxx::nontransaction tx{connection};
  return tx.exec1(sql)[0].as<std::string>();
}

void boots_and_cleans_up(const std::filesystem::path& bin, const std::string& major) {
  ASSERT_TRUE(std::filesystem::exists(bin / "postgres"))
      << bin << " is missing: run scripts/setup.sh";
  auto db = cluster(bin);
  std::filesystem::path folder = db->folder();
  pid_t postmaster = tests::postmaster_pid(folder);
  EXPECT_EQ(db->kind(), "scratch-cluster");
  EXPECT_EQ(db->dialect(), Dialect::postgresql);
  EXPECT_EQ(db->server_version().rfind(major + ".", 0), 0u) << db->server_version();
  EXPECT_TRUE(std::regex_match(db->url().to_string(),
                               std::regex(R"(postgresql\+psycopg2://postgres@127\.0\.0\.1:\d+/postgres)")))
      << db->url().to_string();
  EXPECT_EQ(query_value(db->url(), "SHOW server_version_num").substr(0, major.size()), major);
  EXPECT_EQ(query_value(db->url(), "SHOW fsync"), "off");
  EXPECT_EQ(query_value(db->url(), "SHOW listen_addresses"), "127.0.0.1");
  EXPECT_EQ(query_value(db->url(), "SHOW unix_socket_directories"), folder.string());
  ASSERT_TRUE(tests::process_running(postmaster));

  db.reset();
  EXPECT_FALSE(tests::process_running(postmaster)) << "postmaster " << postmaster << " survived";
  EXPECT_FALSE(std::filesystem::exists(folder)) << folder << " survived";
}

TEST(ScratchCluster, Postgres17BootsAcceptsConnectionsAndLeavesNothing) {
  boots_and_cleans_up(pg17_bin, "17");
}

TEST(ScratchCluster, Postgres15BootsAcceptsConnectionsAndLeavesNothing) {
  boots_and_cleans_up(pg15_bin, "15");
}

TEST(ScratchCluster, TemplateIsBuiltOnceAndReused) {
  auto user = os::server_user();
  auto binaries = postgres::find_binaries(pg17_bin);
  auto cache = postgres::cache_folder(user);
  auto first = postgres::ensure_template(binaries, user, cache, nullptr);
  auto second = postgres::ensure_template(binaries, user, cache, nullptr);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(first.data_dir, second.data_dir);
  EXPECT_TRUE(std::filesystem::exists(second.data_dir / "PG_VERSION"));
  // Booting copies it and leaves the template untouched (no server ever runs on it).
  auto db = cluster(pg17_bin);
  EXPECT_FALSE(std::filesystem::exists(second.data_dir / "postmaster.pid"));
  EXPECT_TRUE(std::filesystem::exists(db->folder() / "data" / "PG_VERSION"));
}

TEST(ScratchCluster, TwoClustersAtOnceAreCleanedUpIndependently) {
  auto first = cluster(pg17_bin);
  auto second = cluster(pg17_bin);
  EXPECT_NE(first->url().port, second->url().port);
  pid_t first_pid = tests::postmaster_pid(first->folder());
  pid_t second_pid = tests::postmaster_pid(second->folder());
  first.reset();
  EXPECT_FALSE(tests::process_running(first_pid));
  EXPECT_TRUE(tests::process_running(second_pid));
  EXPECT_EQ(query_value(second->url(), "SELECT 1"), "1");
}

TEST(ScratchCluster, MissingBinariesSayHowToInstallThem) {
  try {
    cluster("/nonexistent/bin");
    FAIL() << "expected an EnvironmentError";
  } catch (const model::EnvironmentError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/bin"), std::string::npos);
  }
}

TEST(ScratchDatabaseOnServer, CreatesMigsafeDatabaseAndDropsIt) {
  auto server = cluster(pg17_bin);
  auto db = on_server(server->url().to_string());
  std::string name = db->url().database;
  EXPECT_EQ(db->kind(), "scratch-database");
  EXPECT_TRUE(std::regex_match(name, std::regex("migsafe_[0-9a-f]{16}"))) << name;
  EXPECT_EQ(db->server_version().rfind("17.", 0), 0u);
  EXPECT_EQ(db->url().port, server->url().port);
  EXPECT_TRUE(db->folder().empty());
  EXPECT_TRUE(tests::database_exists(server->url(), name));
  {
    // A session still open on the scratch database must not stop the drop.
    pqxx::connection open_session{db->url().libpq_uri()};
    pqxx::work tx{open_session};
    tx.exec("CREATE TABLE plates (id int)");
    tx.commit();
    db.reset();
  }
  EXPECT_FALSE(tests::database_exists(server->url(), name));
}

// Copied from template0: a session on template1 (a user's psql, another migsafe run)
// would make a copy of template1 fail ("being accessed by other users").
TEST(ScratchDatabaseOnServer, ASessionOnTemplate1DoesNotStopIt) {
  auto server = cluster(pg17_bin);
  pqxx::connection on_template1{server->url().with_database("template1").libpq_uri()};
  auto db = on_server(server->url().to_string());
  EXPECT_EQ(query_value(db->url(), "SELECT current_database()"), db->url().database);
}

TEST(ScratchDatabaseOnServer, WorksOnPostgres15) {
  auto server = cluster(pg15_bin);
  auto db = on_server(server->url().to_string());
  std::string name = db->url().database;
  EXPECT_EQ(db->server_version().rfind("15.", 0), 0u);
  EXPECT_TRUE(tests::database_exists(server->url(), name));
  db.reset();
  EXPECT_FALSE(tests::database_exists(server->url(), name));
}

TEST(ScratchDatabaseOnServer, ClosedPortIsAnEnvironmentErrorNamingTheServer) {
  std::string url = "postgresql://postgres@127.0.0.1:" + std::to_string(tests::closed_port()) + "/postgres";
  try {
    on_server(url);
    FAIL() << "expected an EnvironmentError";
  } catch (const model::EnvironmentError& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
    EXPECT_NE(e.fix().find("--db postgres"), std::string::npos) << e.fix();
  }
}

TEST(ScratchDatabaseOnServer, PasswordNeverAppearsInErrors) {
  const std::string password = "Sup3rS3cretPw";
  std::string url = "postgresql+psycopg2://app:" + password + "@127.0.0.1:" +
                    std::to_string(tests::closed_port()) + "/postgres";
  try {
    on_server(url);
    FAIL() << "expected an EnvironmentError";
  } catch (const model::EnvironmentError& e) {
    EXPECT_EQ(std::string(e.what()).find(password), std::string::npos) << e.what();
    EXPECT_EQ(e.fix().find(password), std::string::npos) << e.fix();
    EXPECT_NE(std::string(e.what()).find("app:***@"), std::string::npos) << e.what();
  }
}

TEST(ScratchDatabaseOnServer, PasswordNeverAppearsWhenTheServerAnswers) {
  auto server = cluster(pg17_bin);
  const std::string password = "An0therS3cret";
  DatabaseUrl url = server->url();
  url.password = password;
  url.user = "no_such_role";
  try {
    on_server(url.to_string());
    FAIL() << "expected an EnvironmentError";
  } catch (const model::EnvironmentError& e) {
    EXPECT_EQ(std::string(e.what()).find(password), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_role"), std::string::npos) << e.what();
  }
}

TEST(TableContentsPostgres, ReadsEveryUserTableOnce) {
  auto db = cluster(pg17_bin);
  {
    pqxx::connection connection{db->url().libpq_uri()};
    pqxx::work tx{connection};
    tx.exec("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
    tx.exec("INSERT INTO alembic_version VALUES ('abc')");
    tx.exec("CREATE TABLE plates (id serial PRIMARY KEY, plate text)");
    tx.exec("INSERT INTO plates (plate) VALUES ('AB-123'), ('CD-456')");
    tx.exec("CREATE SCHEMA auth");
    tx.exec("CREATE TABLE auth.users (id int)");
    tx.exec("INSERT INTO auth.users VALUES (1), (2), (3)");
    tx.exec("CREATE TABLE events (at date, n int) PARTITION BY RANGE (at)");
    tx.exec("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO "
            "('2027-01-01')");
    tx.exec("INSERT INTO events VALUES ('2026-05-01', 1)");
    tx.exec("CREATE VIEW plate_view AS SELECT * FROM plates");
    tx.commit();
  }
  std::map<std::string, long long> expected{{"plates", 2}, {"auth.users", 3}, {"events", 1}};
  std::map<std::string, long long> rows;
  for (const auto& [table, contents] : read_table_contents(db->url())) rows[table] = contents.rows;
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(server_version(db->url()).rfind("17.", 0), 0u);
}

}  // namespace
}  // namespace migsafe::dbdrivers
