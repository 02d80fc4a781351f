// The verbs against a real PostgreSQL 17 scratch cluster (dbdrivers::create_scratch).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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
