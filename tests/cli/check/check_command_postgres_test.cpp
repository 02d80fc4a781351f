#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>
#include <thread>

#include "dbdrivers/scratch.hpp"
#include "tests/cli/check/child_process.hpp"

namespace migsafe::testing {
namespace {

std::string fixture(const std::string& name) {
  return std::string(MIGSAFE_SOURCE_DIR) + "/fixtures/alembic/" + name;
}

bool port_answers(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// Processes whose command line mentions `text` (a port, a folder).
std::vector<std::string> processes_mentioning(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), {});
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find(text) != std::string::npos) found.push_back(cmdline);
  }
  return found;
}

int port_in(const std::string& progress) {
  std::smatch match;
  static const std::regex url(R"(127\.0\.0\.1:(\d+))");
  return std::regex_search(progress, match, url) ? std::stoi(match[1]) : 0;
}

TEST(CheckCommandPostgres, SampleProjectPassesOnPostgres17) {
  const RunResult result =
      run({MIGSAFE_BINARY, "check", fixture("reggie"), "--db", "postgres", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["database"]["dialect"], "postgresql");
  EXPECT_EQ(json["database"]["kind"], "scratch-cluster");
  EXPECT_EQ(json["database"]["server_version"].get<std::string>().substr(0, 3), "17.");
}

// The postmaster listening on `port`: the scratch cluster's postmaster.pid names it
// (line 1: pid, line 4: port), in the data folder its command line gives.
pid_t postmaster_on(int port) {
  for (const std::string& cmdline : processes_mentioning(" -D ")) {
    std::istringstream words(cmdline);
    std::string word;
    while (words >> word && word != "-D") {
    }
    std::string data;
    if (!(words >> data)) continue;
    std::ifstream pid_file(data + "/postmaster.pid");
    std::string pid, folder, started, listening;
    if (std::getline(pid_file, pid) && std::getline(pid_file, folder) &&
        std::getline(pid_file, started) && std::getline(pid_file, listening) &&
        listening == std::to_string(port)) {
      return static_cast<pid_t>(std::stol(pid));
    }
  }
  return 0;
}

// A scratch server killed under a running check: named as such, exit 2, no finding that
// blames the migration and no "check the URL".
TEST(CheckCommandPostgres, AScratchServerKilledMidCheckIsNamed) {
  ChildProcess check({MIGSAFE_BINARY, "check", fixture("slow_upgrade"), "--db", "postgres"});
  ASSERT_TRUE(check.wait_for_stderr(" ms)\n", 60)) << check.err();
  const int port = port_in(check.err());
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // inside pg_sleep now
  const pid_t postmaster = postmaster_on(port);
  ASSERT_GT(postmaster, 0) << "no postmaster on port " << port;
  ASSERT_EQ(::kill(postmaster, SIGKILL), 0);
  EXPECT_EQ(check.wait(), 2) << check.err() << check.out();
  EXPECT_NE(check.err().find("stopped while migsafe used it"), std::string::npos) << check.err();
  EXPECT_NE(check.err().find("pid " + std::to_string(postmaster)), std::string::npos)
      << check.err();
  EXPECT_EQ(check.err().find("URL is right"), std::string::npos) << check.err();
}

TEST(CheckCommandPostgres, InterruptedCheckLeavesNoServerBehind) {
  ChildProcess check({MIGSAFE_BINARY, "check", fixture("slow_upgrade"), "--db", "postgres"});
  ASSERT_TRUE(check.wait_for_stderr(" ms)\n", 60)) << check.err();  // the database line, whole
  const int port = port_in(check.err());
  ASSERT_GT(port, 0) << check.err();
  ASSERT_TRUE(port_answers(port));
  // In a pipe, progress shows only checks that took a second: the upgrade's pg_sleep(60)
  // has started by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));

  check.signal(SIGINT);
  EXPECT_EQ(check.wait(), 130) << check.err();
  EXPECT_FALSE(port_answers(port));
  EXPECT_TRUE(processes_mentioning(std::to_string(port)).empty());
}

TEST(CheckCommandPostgres, InterruptedCheckDropsItsDatabaseOnAUserServer) {
  auto server = dbdrivers::create_scratch({"postgres", {}});
  ChildProcess check(
      {MIGSAFE_BINARY, "check", fixture("slow_upgrade"), "--db", server->url().to_string()});
  ASSERT_TRUE(check.wait_for_stderr(" ms)\n", 60)) << check.err();  // the database line, whole
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // inside pg_sleep now
  {
    pqxx::connection connection(server->url().libpq_uri());
    pqxx::work work(connection);
    EXPECT_EQ(work.exec("SELECT 1 FROM pg_database WHERE datname LIKE 'migsafe\\_%'").size(), 1u);
  }
  check.signal(SIGINT);
  EXPECT_EQ(check.wait(), 130) << check.err();
  pqxx::connection connection(server->url().libpq_uri());
  pqxx::work work(connection);
  EXPECT_EQ(work.exec("SELECT 1 FROM pg_database WHERE datname LIKE 'migsafe\\_%'").size(), 0u);
}

// Scratch databases on a user's server are copied from template0 while connected to
// `postgres`. Copied from template1, any other session on template1 (a parallel run
// resetting its database from there, a user's psql) made CREATE DATABASE fail with
// "source database "template1" is being accessed by other users".
TEST(CheckCommandPostgres, FourChecksAtOnceOnOneUserServerAllPass) {
  auto server = dbdrivers::create_scratch({"postgres", {}});
  const std::string url = server->url().to_string();
  std::vector<RunResult> results(4, RunResult{-1, "", ""});
  std::vector<std::thread> runs;
  for (RunResult& result : results) {
    runs.emplace_back([&result, &url] {
      result = run({MIGSAFE_BINARY, "check", fixture("reggie"), "--db", url});
    });
  }
  for (std::thread& each : runs) each.join();
  for (const RunResult& result : results) {
    EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
  }
  pqxx::connection connection(server->url().libpq_uri());
  pqxx::work work(connection);
  EXPECT_EQ(work.exec("SELECT 1 FROM pg_database WHERE datname LIKE 'migsafe\\_%'").size(), 0u);
}

TEST(CheckCommandPostgres, ASessionOnTemplate1DoesNotStopACheckOnAUserServer) {
  auto server = dbdrivers::create_scratch({"postgres", {}});
  pqxx::connection on_template1(server->url().with_database("template1").libpq_uri());
  const RunResult result =
      run({MIGSAFE_BINARY, "check", fixture("reggie"), "--db", server->url().to_string()});
  EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
  EXPECT_TRUE(on_template1.is_open());
}

}  // namespace
}  // namespace migsafe::testing
