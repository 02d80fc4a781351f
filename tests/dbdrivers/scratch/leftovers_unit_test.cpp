// What a run killed with its reaper left (scratch folders, databases) is judged by its
// maker's mark: removed when the maker is gone from this machine or it is a day old,
// left alone and named when another host may still use it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "dbdrivers/cleanup/leftovers.hpp"
#include "dbdrivers/os/process_mark.hpp"

namespace migsafe::dbdrivers {
namespace {

namespace fs = std::filesystem;
using cleanup::Leftover;

long long now() { return static_cast<long long>(std::time(nullptr)); }

// The mark of a process that ran on this machine and has exited.
os::ProcessMark gone_process() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  os::ProcessMark mark = os::this_process();
  mark.pid = child;
  ::waitpid(child, nullptr, 0);
  return mark;
}

os::ProcessMark other_host(long long made_at) {
  os::ProcessMark mark = os::this_process();
  mark.host = "some-other-ci-host";
  mark.boot_id = "0c2b6a55-0000-4000-8000-000000000000";
  mark.made_at = made_at;
  return mark;
}

TEST(ProcessMark, RoundTripsThroughTextInsideALongerComment) {
  const os::ProcessMark mark = os::this_process();
  const auto parsed = os::parse_mark("migsafe scratch database: " + os::to_text(mark));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->host, mark.host);
  EXPECT_EQ(parsed->boot_id, mark.boot_id);
  EXPECT_EQ(parsed->pid, mark.pid);
  EXPECT_EQ(parsed->start_ticks, mark.start_ticks);
  EXPECT_EQ(parsed->made_at, mark.made_at);
  EXPECT_FALSE(os::parse_mark("host=a boot=b pid=x start=1 made=2").has_value());
  EXPECT_FALSE(os::parse_mark("a comment a user wrote").has_value());
}

TEST(ProcessMark, ThisProcessRunsAndAnExitedOneDoesNot) {
  EXPECT_TRUE(os::still_running(os::this_process()));
  EXPECT_FALSE(os::still_running(gone_process()));
  os::ProcessMark reused = os::this_process();
  reused.start_ticks += 1;  // the same pid, started at another time: another process
  EXPECT_FALSE(os::still_running(reused));
}

TEST(JudgeLeftover, FollowsTheMakersMark) {
  EXPECT_EQ(cleanup::judge_leftover(os::this_process(), now()), Leftover::in_use);
  EXPECT_EQ(cleanup::judge_leftover(gone_process(), now()), Leftover::remove);
  EXPECT_EQ(cleanup::judge_leftover(other_host(now() - 3600), now()), Leftover::report);
  EXPECT_EQ(cleanup::judge_leftover(other_host(now() - 25 * 3600), now()), Leftover::remove);
  EXPECT_EQ(cleanup::judge_leftover(std::nullopt, now()), Leftover::report);
}

class SweepFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "leftovers-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path folder(const std::string& name, const std::optional<os::ProcessMark>& maker) {
    const fs::path path = base_ / name;
    fs::create_directories(path / "data");
    std::ofstream(path / "data" / "PG_VERSION") << "17\n";
    if (maker) std::ofstream(path / os::folder_mark_file) << os::to_text(*maker) << "\n";
    return path;
  }

  fs::path base_;
};

TEST_F(SweepFolders, RemovesWhatAGoneProcessLeftAndKeepsTheRest) {
  const fs::path dead = folder("migsafe-pg-dead01", gone_process());
  const fs::path dead_sqlite = folder("migsafe-sqlite-dead02", gone_process());
  const fs::path dead_walk = folder("migsafe-walk-dead03", gone_process());  // check's split walk
  const fs::path running = folder("migsafe-pg-live01", os::this_process());
  const fs::path elsewhere = folder("migsafe-pg-else01", other_host(now() - 60));
  const fs::path not_ours = folder("migsafe-reflect-xyz", gone_process());

  const auto notes = cleanup::sweep_scratch_folders(base_);

  EXPECT_FALSE(fs::exists(dead));
  EXPECT_FALSE(fs::exists(dead_sqlite));
  EXPECT_FALSE(fs::exists(dead_walk));
  EXPECT_TRUE(fs::exists(running)) << "a run still going is not a leftover";
  EXPECT_TRUE(fs::exists(elsewhere)) << "another host's folder is never removed";
  EXPECT_TRUE(fs::exists(not_ours)) << "only scratch folders are swept";
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find(elsewhere.string()), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("some-other-ci-host"), std::string::npos) << notes[0];
}

TEST_F(SweepFolders, AYoungUnmarkedFolderIsARunStartingAndAnOldOneIsNamed) {
  const fs::path starting = folder("migsafe-sqlite-new001", std::nullopt);
  EXPECT_TRUE(cleanup::sweep_scratch_folders(base_).empty());
  EXPECT_TRUE(fs::exists(starting));

  const fs::path old = folder("migsafe-sqlite-old001", std::nullopt);
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(2));
  const auto notes = cleanup::sweep_scratch_folders(base_);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("unmarked"), std::string::npos) << notes[0];
  EXPECT_TRUE(fs::exists(old)) << "an unmarked folder is named, never removed";
}

}  // namespace
}  // namespace migsafe::dbdrivers
