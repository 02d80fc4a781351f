// The verbs against a real PostgreSQL 17 scratch cluster (dbdrivers::create_scratch).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <pybind11/embed.h>

#include "analyzer/alembic/interpreter.hpp"
#include "analyzer/alembic/project.hpp"
#include "dbdrivers/scratch.hpp"
#include "tests/analyzer/alembic/python_environment.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

using ::testing::HasSubstr;

const std::string reggie_head = "8e3b4c5d6f70";

// A fresh scratch cluster per test: ctest runs each test in its own process anyway, and
// the cluster boots from a cached template.
class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dbdrivers::ScratchRequest request;
    request.db = "postgres";
    scratch_ = dbdrivers::create_scratch(request);
  }
  std::string url() const { return scratch_->url().to_string(); }

  std::unique_ptr<dbdrivers::ScratchDatabase> scratch_;
};

TEST_F(PostgresTest, ReggieUpgradesTwiceReplaysAndDowngrades) {
  Project project(fixture("reggie"));
  project.set_url(url());
  EXPECT_TRUE(project.current().empty());
  project.upgrade("head");
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
  project.upgrade("head");
  project.run_seed("app.seed:seed");
  project.stamp("base");
  project.upgrade("head");
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
  project.run_seed("app.seed:seed");
  project.downgrade("base");
  EXPECT_TRUE(project.current().empty());
  project.downgrade("base");
}

// The connection guard remembers each scratch database's identity by URL. A URL comes
// back for another server when a stopped scratch server's port is given to the next
// one (long-lived processes: the test programs): pointing a session at a database
// migsafe made reads its identity afresh. The stale identity is planted in the bridge's
// cache, as the earlier server left it.
TEST_F(PostgresTest, AUrlThatComesBackForAnotherServerIsStillAccepted) {
  start_interpreter();
  pybind11::dict scope;
  scope["url"] = url();
  pybind11::exec(R"(
from migsafe_bridge import connections
stale = connections._Allowed(url)
stale._postgres = ("postgres", "1")  # the server that had this port before
connections._known[url] = stale
)",
                 scope);
  Project project(fixture("reggie"));
  project.set_url(url());
  EXPECT_NO_THROW(project.upgrade("head"));
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
}

TEST_F(PostgresTest, EveryReggieRevisionReplaysOnItsOwn) {
  Project project(fixture("reggie"));
  project.set_url(url());
  for (const auto& revision : project.revisions()) {
    project.upgrade(revision.id);
    project.stamp(revision.down_revisions.empty() ? "base" : revision.down_revisions[0]);
    EXPECT_NO_THROW(project.upgrade(revision.id)) << revision.id;
  }
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
}

TEST_F(PostgresTest, ReplayOfAnUnguardedRevisionNamesRevisionLineAndError) {
  Project project(fixture("missing_guards"));
  project.set_url(url());
  project.upgrade("head");
  project.stamp("base");
  try {
    project.upgrade("head");
    FAIL() << "replay must fail";
  } catch (const MigrationError& error) {
    EXPECT_EQ(error.revision, "3f2a1c0d9b7e");
    EXPECT_EQ(error.line, 18);
    EXPECT_EQ(error.database_error, "relation \"plates\" already exists");
    EXPECT_THAT(error.statement, ::testing::StartsWith("CREATE TABLE plates ("));
    EXPECT_EQ(std::string(error.what()),
              "revision 3f2a1c0d9b7e (migrations/versions/3f2a1c0d9b7e_add_plates.py:18) "
              "failed: relation \"plates\" already exists");
  }
}

// PostgreSQL's DETAIL and HINT say which object is in the way and what to do: they
// travel with the error, not only its first line.
TEST_F(PostgresTest, DatabaseErrorsKeepDetailAndHint) {
  TempFolder temp;
  const auto copy = temp.path() / "reggie";
  std::filesystem::copy(fixture("reggie"), copy, std::filesystem::copy_options::recursive);
  std::ofstream(copy / "migrations" / "versions" / "9f0e1d2c3b4a_drop_buckets.py")
      << "\"\"\"drop rate_limit_buckets under a view\n\nRevision ID: 9f0e1d2c3b4a\n"
         "Revises: 8e3b4c5d6f70\n\"\"\"\nfrom alembic import op\n\n"
         "revision = \"9f0e1d2c3b4a\"\ndown_revision = \"8e3b4c5d6f70\"\n\n\n"
         "def upgrade():\n"
         "    op.execute(\"CREATE VIEW busy_buckets AS SELECT * FROM rate_limit_buckets\")\n"
         "    op.execute(\"DROP TABLE rate_limit_buckets\")\n\n\n"
         "def downgrade():\n    pass\n";
  Project project(copy);
  project.set_url(url());
  try {
    project.upgrade("head");
    FAIL() << "the drop must fail";
  } catch (const MigrationError& error) {
    EXPECT_EQ(error.revision, "9f0e1d2c3b4a");
    EXPECT_EQ(error.database_error,
              "cannot drop table rate_limit_buckets because other objects depend on it; "
              "DETAIL: view busy_buckets depends on table rate_limit_buckets; "
              "HINT: Use DROP ... CASCADE to drop the dependent objects too.");
  }
}

// Each run of env.py gets the connection the last one closed (bridge/connections.py keeps
// it), as a new session: what a migration set for its session (a setting, a temporary
// table, an advisory lock) is gone when the next run starts, and a default it gave the
// role is there, as with a connection of its own. A connection whose database was
// dropped and made again is not handed out.
std::string revision_file(const std::string& id, const std::string& down,
                          const std::string& body) {
  return "\"\"\"kept connection test\n\nRevision ID: " + id + "\nRevises: " + down +
         "\n\"\"\"\nfrom alembic import op\n\nrevision = \"" + id + "\"\ndown_revision = \"" +
         down + "\"\n\n\ndef upgrade():\n" + body + "\n\ndef downgrade():\n    pass\n";
}

TEST_F(PostgresTest, EachRunOfEnvPyGetsTheLastConnectionAsANewSession) {
  TempFolder temp;
  const auto copy = temp.path() / "reggie";
  std::filesystem::copy(fixture("reggie"), copy, std::filesystem::copy_options::recursive);
  const auto versions = copy / "migrations" / "versions";
  std::ofstream(versions / "a1a1a1a1a1a1_leave_session_state.py") << revision_file(
      "a1a1a1a1a1a1", reggie_head,
      "    op.execute(\"CREATE TABLE backend_pids (run text, pid integer)\")\n"
      "    op.execute(\"INSERT INTO backend_pids VALUES ('a', pg_backend_pid())\")\n"
      "    op.execute(\"SET lock_timeout = '1234ms'\")\n"
      "    op.execute(\"CREATE TEMPORARY TABLE leftover (x integer)\")\n"
      "    op.execute(\"SELECT pg_advisory_lock(4242)\")\n");
  std::ofstream(versions / "b2b2b2b2b2b2_find_none.py") << revision_file(
      "b2b2b2b2b2b2", "a1a1a1a1a1a1",
      "    op.execute(\"INSERT INTO backend_pids VALUES ('b', pg_backend_pid())\")\n"
      "    op.execute(\"\"\"DO $$ BEGIN\n"
      "      IF current_setting('lock_timeout') <> '0' THEN RAISE 'lock_timeout stayed'; END IF;\n"
      "      IF to_regclass('pg_temp.leftover') IS NOT NULL THEN RAISE 'temporary table stayed';\n"
      "      END IF;\n"
      "      IF EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'\n"
      "                 AND pid = pg_backend_pid()) THEN RAISE 'advisory lock stayed'; END IF;\n"
      "    END $$\"\"\")\n");
  // A default a migration gives the role reaches the next run, as it reaches a new session.
  std::ofstream(versions / "c3c3c3c3c3c3_role_default.py") << revision_file(
      "c3c3c3c3c3c3", "b2b2b2b2b2b2", "    op.execute(\"ALTER ROLE CURRENT_USER SET work_mem = '7MB'\")\n");
  std::ofstream(versions / "d4d4d4d4d4d4_sees_it.py") << revision_file(
      "d4d4d4d4d4d4", "c3c3c3c3c3c3",
      "    op.execute(\"\"\"DO $$ BEGIN\n"
      "      IF current_setting('work_mem') <> '7MB' THEN RAISE 'the role default is not seen'; END IF;\n"
      "    END $$\"\"\")\n");
  Project project(copy);
  project.set_url(url());
  project.upgrade("a1a1a1a1a1a1");
  EXPECT_NO_THROW(project.upgrade("b2b2b2b2b2b2"));
  project.upgrade("c3c3c3c3c3c3");
  EXPECT_NO_THROW(project.upgrade("d4d4d4d4d4d4"));

  const dbdrivers::DatabaseUrl database = scratch_->url();
  pqxx::connection reader{database.libpq_uri()};
  pqxx::nontransaction read{reader};
  EXPECT_EQ(read.exec1("SELECT count(DISTINCT pid) FROM backend_pids")[0].as<int>(), 1);

  {  // the database dropped and made again between two runs
    pqxx::connection admin{database.with_database("template1").libpq_uri()};
    pqxx::nontransaction tx{admin};
    tx.exec("DROP DATABASE " + tx.quote_name(database.database) + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + tx.quote_name(database.database) + " TEMPLATE template0");
  }
  EXPECT_NO_THROW(project.upgrade(reggie_head));
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
}

// The same migrations on Debian's PostgreSQL 15, the second version migsafe supports.
TEST(Postgres15, ReggieUpgradesTwiceAndReplays) {
  const std::filesystem::path bin = "/usr/lib/postgresql/15/bin";
  if (!std::filesystem::exists(bin / "initdb")) GTEST_SKIP() << "no Debian PostgreSQL 15";
  dbdrivers::ScratchRequest request;
  request.db = "postgres";
  request.pg_bin = bin;
  const auto scratch = dbdrivers::create_scratch(request);
  EXPECT_EQ(scratch->server_version().rfind("15.", 0), 0u) << scratch->server_version();
  Project project(fixture("reggie"));
  project.set_url(scratch->url().to_string());
  project.upgrade("head");
  project.upgrade("head");
  project.run_seed("app.seed:seed");
  project.stamp("base");
  project.upgrade("head");
  EXPECT_EQ(project.current(), std::vector<std::string>{reggie_head});
  project.downgrade("base");
}

TEST(PostgresConnection, RefusedIsAnEnvironmentErrorWithoutThePassword) {
  Project project(fixture("reggie"));
  project.set_url("postgresql://reggie:s3cret-pw@127.0.0.1:1/reggie");
  try {
    project.upgrade("head");
    FAIL() << "must not connect";
  } catch (const model::EnvironmentError& error) {
    const std::string what = error.what();
    EXPECT_THAT(what, HasSubstr("cannot connect to the database"));
    EXPECT_THAT(what, HasSubstr("Connection refused"));
    EXPECT_EQ(what.find("s3cret-pw"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
