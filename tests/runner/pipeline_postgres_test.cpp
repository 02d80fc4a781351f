// The runner end to end on the fixture service (fixtures/service, FastAPI over the
// sample project's schema) and a real PostgreSQL 17: the stage passes when the database
// is migrated, and each failure of the seed's table is diagnosed with its row's cause and
// fix: database down (health 503), migrations not run (plate 500), an Alembic error in
// the migrate step (our row, naming revision and statement), several heads (refused).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <regex>
#include <string>

#include "dbdrivers/scratch.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/check/child_process.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/cli/sample_project.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

const std::string binary = quoted(MIGSAFE_BINARY);
const std::string head_revision = "8e3b4c5d6f70";

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

// The fixture service on a free loopback port, over the database at `database_url`.
class Service {
 public:
  explicit Service(const std::string& database_url) : port_(free_port()) {
    process_ = std::make_unique<testing::ChildProcess>(std::vector<std::string>{
        "/usr/bin/env", "DATABASE_URL=" + database_url, "API_TOKEN=ServiceToken4242",
        "PYTHONDONTWRITEBYTECODE=1", "/usr/bin/python3", "-m", "uvicorn", "app:app",
        "--app-dir", std::string(MIGSAFE_SOURCE_DIR) + "/fixtures/service", "--host",
        "127.0.0.1", "--port", std::to_string(port_)});
    started_ = process_->wait_for_stderr("Application startup complete", 60);
  }

  bool started() const { return started_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return process_->err(); }

 private:
  int port_;
  bool started_ = false;
  std::unique_ptr<testing::ChildProcess> process_;
};

// The smoke step of the seed's pipeline: health, docs, a plate lookup, the auth guard.
std::string smoke_step(const std::string& plate_path, int plate_status) {
  return R"(
[[stages.staging.steps]]
name = "smoke"
kind = "smoke"
base_url = "${SERVICE_URL}"
deadline = 3
interval = 0.2
  [[stages.staging.steps.checks]]
  name = "health"
  path = "/health"
  json = { status = "ok", database = "connected" }
  [[stages.staging.steps.checks]]
  name = "docs"
  path = "/docs"
  [[stages.staging.steps.checks]]
  name = "plate lookup"
  path = ")" + plate_path + R"("
  status = )" + std::to_string(plate_status) + R"(
  [[stages.staging.steps.checks]]
  name = "auth guard"
  path = "/admin/plates"
  status = 401
)";
}

// A TOML literal string ('...') holds a path as it is.
std::string migrate_step(const fs::path& project) {
  return "[[stages.staging.steps]]\nname = \"migrate\"\nkind = \"migrate\"\nproject = '" +
         project.string() + "'\n";
}

class PipelinePostgres : public ::testing::Test {
 protected:
  void SetUp() override { server_ = dbdrivers::create_scratch({"postgres", {}}); }

  std::string url() const { return server_->url().to_string(); }
  std::string libpq() const { return server_->url().libpq_uri(); }

  CommandResult run_stage(const fs::path& pipeline, const std::string& service_url) {
    return run_command("DATABASE_URL=" + quoted(url()) + " SERVICE_URL=" + service_url + " " +
                       binary + " run " + quoted(pipeline.string()) + " --stage staging");
  }

  int table_count() const {
    pqxx::connection connection(libpq());
    pqxx::nontransaction work(connection);
    return work.exec1("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].as<int>();
  }

  std::unique_ptr<dbdrivers::ScratchDatabase> server_;
};

TEST_F(PipelinePostgres, MigrateSeedAndSmokePassEndToEnd) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  const fs::path pipeline = dir.write(
      "migsafe-pipeline.toml",
      migrate_step(project) +
          "[[stages.staging.steps]]\nname = \"seed\"\nkind = \"command\"\n"
          "argv = [\"psql\", \"-v\", \"ON_ERROR_STOP=1\", \"${PLAIN_URL}\", \"-c\", "
          "\"INSERT INTO plates (plate_number, region, make, model, colour) VALUES "
          "('KX19ZTP', 'GB', 'Ford', 'Focus', 'blue')\"]\n" +
          smoke_step("/plates/KX19ZTP", 200));
  Service service(url());
  ASSERT_TRUE(service.started()) << service.log();
  const auto ran = run_command("PLAIN_URL=" + quoted(libpq()) + " DATABASE_URL=" + quoted(url()) +
                               " SERVICE_URL=" + service.url() + " " + binary + " run " +
                               quoted(pipeline.string()) + " --stage staging");
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err << service.log();
  const std::size_t target = ran.out.find("[migrate] target: postgresql");
  const std::size_t before = ran.out.find("[migrate] revision before: base (empty)");
  EXPECT_NE(target, std::string::npos) << ran.out;
  EXPECT_LT(target, before) << "the target is printed before the migration starts";
  EXPECT_NE(ran.out.find("[migrate] revision after: " + head_revision), std::string::npos);
  EXPECT_NE(ran.err.find("Running upgrade 7d2a3b4c5e6f -> 8e3b4c5d6f70"), std::string::npos)
      << ran.err;
  for (const std::string check : {"health", "docs", "plate lookup", "auth guard"}) {
    EXPECT_NE(ran.out.find("[smoke] ok   " + check), std::string::npos) << ran.out;
  }
  EXPECT_NE(ran.out.find("stage staging passed"), std::string::npos);
  EXPECT_GT(table_count(), 5);

  // `migsafe smoke`: the same service, checks from the command line.
  const auto smoke = run_command(binary + " smoke --base-url " + service.url() +
                                 " --check 'GET /health 200' --check '/admin/plates 401'" +
                                 " --check '/plates/KX19ZTP'");
  EXPECT_EQ(smoke.exit_code, 0) << smoke.out << smoke.err;
  // And the pipeline's smoke steps only, against a base URL given on the command line.
  const auto pipeline_smoke = run_command(binary + " smoke " + quoted(pipeline.string()) +
                                          " --stage staging --base-url " + service.url());
  EXPECT_EQ(pipeline_smoke.exit_code, 0) << pipeline_smoke.out << pipeline_smoke.err;
  EXPECT_EQ(pipeline_smoke.out.find("[migrate]"), std::string::npos) << "smoke runs no migration";
}

TEST_F(PipelinePostgres, DatabaseDownIsTheHealth503Row) {
  TempDir dir;
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", smoke_step("/plates/X", 404));
  Service service("postgresql://app@127.0.0.1:" + std::to_string(free_port()) + "/reggie");
  ASSERT_TRUE(service.started()) << service.log();
  const auto ran = run_stage(pipeline, service.url());
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("GET /health answered 503 (expected 200)"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("known failure: Smoke test: health 503"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("cause: DB not connected"), std::string::npos);
  EXPECT_NE(ran.out.find("fix:   Check DATABASE_URL, run migrations"), std::string::npos);
}

TEST_F(PipelinePostgres, MigrationsNotRunIsThePlate500Row) {
  TempDir dir;
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", smoke_step("/plates/KX19ZTP", 404));
  Service service(url());
  ASSERT_TRUE(service.started()) << service.log();
  const auto ran = run_stage(pipeline, service.url());
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("[smoke] ok   health"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("GET /plates/KX19ZTP answered 500 (expected 404)"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("known failure: Smoke test: plate 500"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("cause: Missing schema"), std::string::npos);
  EXPECT_NE(ran.out.find("fix:   Run migrator Lambda"), std::string::npos);
}

TEST_F(PipelinePostgres, AnAlembicErrorNamesTheRevisionAndStatement) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  start_upgrade_with(revision_files(project)[2],
                     "    op.execute('ALTER TABLE no_such_table ADD COLUMN vin text')\n");
  const fs::path pipeline = dir.write("migsafe-pipeline.toml",
                                      migrate_step(project) + smoke_step("/plates/X", 404));
  const auto ran = run_stage(pipeline, "http://127.0.0.1:1");
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("known failure: Migration failed"), std::string::npos) << ran.out;
  const std::size_t cause = ran.out.find("cause: revision 3c7e4a9d1f23 (");
  ASSERT_NE(cause, std::string::npos) << ran.out;
  const std::string cause_line = ran.out.substr(cause, ran.out.find('\n', cause) - cause);
  EXPECT_NE(cause_line.find("3c7e4a9d1f23_create_plates.py:"), std::string::npos) << cause_line;
  EXPECT_NE(cause_line.find("ALTER TABLE no_such_table ADD COLUMN vin text"), std::string::npos)
      << cause_line;
  EXPECT_NE(cause_line.find("relation \"no_such_table\" does not exist"), std::string::npos)
      << cause_line;
  EXPECT_NE(ran.out.find("not run: smoke"), std::string::npos);
}

TEST_F(PipelinePostgres, SeveralHeadsAreRefusedBeforeAnythingRuns) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  // A second branch from the first revision: two heads, as two merged PRs leave them.
  dir.write("project/migrations/versions/9f0a1b2c3d4e_branch.py",
            "revision = '9f0a1b2c3d4e'\ndown_revision = '1a5c2e7b9d01'\n"
            "branch_labels = None\ndepends_on = None\n"
            "from alembic import op\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n");
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", migrate_step(project));
  const auto ran = run_stage(pipeline, "http://127.0.0.1:1");
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("several heads: "), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("known failure: Several heads"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("alembic merge heads"), std::string::npos);
  EXPECT_EQ(table_count(), 0) << "nothing was migrated";
}

// The migrator's own code prints the stage's secrets every way it can: masked, as the
// runner's output is.
TEST_F(PipelinePostgres, SecretsTheMigratorPrintsAreMasked) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  start_upgrade_with(revision_files(project).front(),
                     "    import os, sys\n"
                     "    print('stdout', os.environ.get('DEPLOY_TOKEN'), os.environ.get('DATABASE_URL'))\n"
                     "    sys.stderr.write('stderr ' + os.environ.get('DEPLOY_TOKEN', '') + '\\n')\n"
                     "    os.system('echo \"shell $DEPLOY_TOKEN\" >&2')\n");
  const fs::path pipeline = dir.write("migsafe-pipeline.toml", migrate_step(project));
  const std::string with_password = std::regex_replace(
      url(), std::regex("://([^:@/]+)@"), "://$1:MigratorPassword5150@");
  ASSERT_NE(with_password, url());
  const auto ran = run_command("DEPLOY_TOKEN=DeployToken8080 DATABASE_URL=" + quoted(with_password) +
                               " " + binary + " run " + quoted(pipeline.string()) + " --stage staging");
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  for (const std::string secret : {"DeployToken8080", "MigratorPassword5150"}) {
    EXPECT_EQ(ran.out.find(secret), std::string::npos) << ran.out;
    EXPECT_EQ(ran.err.find(secret), std::string::npos) << ran.err;
  }
  EXPECT_NE(ran.err.find("stderr ***"), std::string::npos) << "the revision printed:\n" << ran.err;
  EXPECT_NE(ran.err.find("shell ***"), std::string::npos) << ran.err;
}

TEST_F(PipelinePostgres, AnUnsetDatabaseUrlIsItsRow) {
  TempDir dir;
  const fs::path project = copy_sample_project(dir.path());
  const fs::path pipeline = dir.write(
      "migsafe-pipeline.toml", migrate_step(project) + "url_env = \"MIGSAFE_TEST_STAGING_URL\"\n");
  const auto ran = run_command("env -u MIGSAFE_TEST_STAGING_URL " + binary + " run " +
                               quoted(pipeline.string()) + " --stage staging");
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("known failure: No database URL"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("set MIGSAFE_TEST_STAGING_URL"), std::string::npos) << ran.out;
}

}  // namespace
}  // namespace migsafe::tests
