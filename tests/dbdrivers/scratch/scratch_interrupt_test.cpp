// A migsafe interrupted (SIGINT, SIGTERM) or killed (SIGKILL) leaves no postgres
// process, temp folder or scratch database behind.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "dbdrivers/scratch.hpp"
#include "tests/dbdrivers/scratch/held_process.hpp"
#include "tests/dbdrivers/scratch/pg_probe.hpp"

namespace migsafe::dbdrivers {
namespace {

using namespace std::chrono_literals;

void cluster_is_removed(int sig, int expected_exit) {
  tests::HeldProcess held("postgres");
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  std::filesystem::path folder = held.ready().at("folder");
  pid_t postmaster = std::stoi(held.ready().at("pid"));
  ASSERT_TRUE(tests::process_running(postmaster));
  ASSERT_TRUE(std::filesystem::exists(folder / "data"));

  EXPECT_EQ(held.signal_and_wait(sig), expected_exit) << held.error_output();
  // After SIGINT/SIGTERM migsafe exits only once the clean-up is done; after SIGKILL
  // the reaper does it on its own, so give it a moment.
  auto limit = sig == SIGKILL ? 10000ms : 0ms;
  EXPECT_TRUE(tests::eventually([&] { return !tests::process_running(postmaster); }, limit))
      << "postmaster " << postmaster << " survived";
  EXPECT_TRUE(tests::eventually([&] { return !std::filesystem::exists(folder); }, limit))
      << folder << " survived";
}

void database_is_dropped(int sig, int expected_exit) {
  ScratchRequest request;
  request.db = "postgres";
  request.pg_bin = tests::pg17_bin;
  auto server = create_scratch(request);  // stands in for a user's server

  tests::HeldProcess held(server->url().to_string());
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  std::string name = held.ready().at("database");
  ASSERT_EQ(name.rfind("migsafe_", 0), 0u);
  ASSERT_TRUE(tests::database_exists(server->url(), name));

  EXPECT_EQ(held.signal_and_wait(sig), expected_exit) << held.error_output();
  auto limit = sig == SIGKILL ? 10000ms : 0ms;
  EXPECT_TRUE(tests::eventually([&] { return !tests::database_exists(server->url(), name); }, limit))
      << name << " survived";
}

TEST(ScratchInterrupt, SigintStopsTheClusterAndRemovesItsFolder) { cluster_is_removed(SIGINT, 130); }

TEST(ScratchInterrupt, SigtermStopsTheClusterAndRemovesItsFolder) { cluster_is_removed(SIGTERM, 143); }

TEST(ScratchInterrupt, SigkillStillStopsTheClusterAndRemovesItsFolder) {
  cluster_is_removed(SIGKILL, 128 + SIGKILL);
}

TEST(ScratchInterrupt, SigintDropsTheScratchDatabaseOnTheServer) { database_is_dropped(SIGINT, 130); }

TEST(ScratchInterrupt, SigkillStillDropsTheScratchDatabaseOnTheServer) {
  database_is_dropped(SIGKILL, 128 + SIGKILL);
}

TEST(ScratchInterrupt, SigintOnASqliteScratchRemovesItsFolder) {
  tests::HeldProcess held("sqlite");
  ASSERT_FALSE(held.ready().empty()) << held.error_output();
  std::filesystem::path folder = held.ready().at("folder");
  ASSERT_TRUE(std::filesystem::exists(folder / "scratch.db"));
  EXPECT_EQ(held.signal_and_wait(SIGINT), 130);
  EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(ScratchInterrupt, SigintWhileTheTemplateIsBuiltLeavesNoHalfTemplate) {
  char cache[] = "/tmp/migsafe-test-cache-XXXXXX";
  ASSERT_NE(mkdtemp(cache), nullptr);
  std::filesystem::permissions(cache, std::filesystem::perms(0755));
  tests::HeldProcess::Options options;
  options.wait_for_ready = false;
  options.env["MIGSAFE_CACHE_DIR"] = cache;
  tests::HeldProcess held("postgres", options);
  // The lock file appears when the template build starts; initdb then takes a second.
  auto building = [&] {
    for (const auto& entry : std::filesystem::directory_iterator(cache)) {
      if (entry.path().extension() == ".lock") return true;
    }
    return false;
  };
  ASSERT_TRUE(tests::eventually(building, 20000ms)) << held.error_output();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(held.signal_and_wait(SIGINT), 130) << held.error_output();
  for (const auto& entry : std::filesystem::directory_iterator(cache)) {
    EXPECT_EQ(entry.path().extension(), ".lock") << entry.path() << " survived";
  }
  std::filesystem::remove_all(cache);
}

}  // namespace
}  // namespace migsafe::dbdrivers
