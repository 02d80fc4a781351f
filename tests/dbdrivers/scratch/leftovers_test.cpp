// A run killed together with its reaper (a CI runner's SIGKILL of the whole process
// group) leaves its scratch behind; the next run removes what this machine's dead
// process made, and names, never drops, what another host may still use.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <vector>

#include "dbdrivers/os/process_mark.hpp"
#include "dbdrivers/scratch.hpp"
#include "tests/dbdrivers/scratch/held_process.hpp"
#include "tests/dbdrivers/scratch/pg_probe.hpp"

namespace migsafe::dbdrivers {
namespace {

using namespace std::chrono_literals;

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;  // not a process
    std::ifstream in(entry.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    const auto name_end = stat.rfind(')');
    if (name_end == std::string::npos) continue;
    std::istringstream fields(stat.substr(name_end + 1));
    std::string state;
    long ppid = 0;
    if (fields >> state >> ppid && ppid == parent) {
      children.push_back(static_cast<pid_t>(std::stol(entry.path().filename().string())));
    }
  }
  return children;
}

// The reaper first: killed after its parent, it would still clean up.
void kill_with_reaper(tests::HeldProcess& held) {
  for (pid_t child : children_of(held.pid())) ::kill(child, SIGKILL);
  held.signal_and_wait(SIGKILL);
}

std::unique_ptr<ScratchDatabase> scratch(const std::string& db) {
  ScratchRequest request;
  request.db = db;
  request.pg_bin = tests::pg17_bin;
  return create_scratch(request);
}

void run_sql(const DatabaseUrl& server, const std::string& sql) {
  pqxx::connection connection{server.libpq_uri()};
  pqxx::nontransaction tx{connection};
  tx.exec(sql);
}

TEST(Leftovers, AClusterWhoseRunWasKilledWithItsReaperIsRemovedByTheNextRun) {
  tests::HeldProcess held("postgres");
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  const std::filesystem::path folder = held.ready().at("folder");
  const pid_t postmaster = std::stoi(held.ready().at("pid"));
  kill_with_reaper(held);
  ASSERT_TRUE(std::filesystem::exists(folder)) << "the reaper was not killed: nothing to test";
  ASSERT_TRUE(tests::process_running(postmaster));

  auto next = scratch("postgres");
  EXPECT_FALSE(std::filesystem::exists(folder)) << folder << " survived the next run";
  EXPECT_TRUE(tests::eventually([&] { return !tests::process_running(postmaster); }, 10000ms))
      << "the leftover server " << postmaster << " still runs";
  EXPECT_TRUE(next->notes().empty());
}

TEST(Leftovers, ASqliteFolderWhoseRunWasKilledIsRemovedByTheNextRun) {
  tests::HeldProcess held("sqlite");
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  const std::filesystem::path folder = held.ready().at("folder");
  kill_with_reaper(held);
  ASSERT_TRUE(std::filesystem::exists(folder));
  auto next = scratch("sqlite");
  EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(Leftovers, DatabasesOnAServerAreDroppedOnlyWhenTheirMakerIsGoneFromThisMachine) {
  auto server = scratch("postgres");  // stands in for a user's server
  tests::HeldProcess held(server->url().to_string());
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  const std::string left = held.ready().at("database");
  kill_with_reaper(held);
  ASSERT_TRUE(tests::database_exists(server->url(), left)) << "nothing to test";

  os::ProcessMark elsewhere = os::this_process();
  elsewhere.host = "another-ci-host";
  const std::string in_use_elsewhere = "migsafe_00000000000000aa";
  const std::string unmarked = "migsafe_00000000000000bb";
  run_sql(server->url(), "CREATE DATABASE " + in_use_elsewhere);
  run_sql(server->url(), "COMMENT ON DATABASE " + in_use_elsewhere + " IS 'migsafe: " +
                             os::to_text(elsewhere) + "'");
  run_sql(server->url(), "CREATE DATABASE " + unmarked);

  auto next = scratch(server->url().to_string());
  EXPECT_FALSE(tests::database_exists(server->url(), left)) << left << " survived the next run";
  EXPECT_TRUE(tests::database_exists(server->url(), in_use_elsewhere));
  EXPECT_TRUE(tests::database_exists(server->url(), unmarked));
  std::string notes;
  for (const auto& note : next->notes()) notes += note + "\n";
  EXPECT_NE(notes.find(in_use_elsewhere), std::string::npos) << notes;
  EXPECT_NE(notes.find("another-ci-host"), std::string::npos) << notes;
  EXPECT_NE(notes.find(unmarked), std::string::npos) << notes;
  EXPECT_EQ(notes.find(server->url().password.empty() ? "\x01" : server->url().password),
            std::string::npos);

  // The new scratch database carries this process's mark.
  pqxx::connection connection{server->url().libpq_uri()};
  pqxx::nontransaction tx{connection};
  const auto comment = tx.exec_params1(
      "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
      next->url().database)[0].as<std::string>();
  const auto mark = os::parse_mark(comment);
  ASSERT_TRUE(mark.has_value()) << comment;
  EXPECT_EQ(mark->pid, static_cast<long>(::getpid()));
}

}  // namespace
}  // namespace migsafe::dbdrivers
