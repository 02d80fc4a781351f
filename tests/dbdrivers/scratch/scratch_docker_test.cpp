// `--db docker` against a stand-in `docker` on PATH (our machines have no engine): the
// compose calls migsafe makes, and the database it creates on the service's server,
// which here is a scratch PostgreSQL 17 cluster.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dbdrivers/scratch.hpp"
#include "tests/dbdrivers/scratch/pg_probe.hpp"

namespace migsafe::dbdrivers {
namespace {

constexpr const char* fake_docker = R"(#!/bin/sh
echo "$*" >> "$FAKE_DOCKER_LOG"
case "$*" in
  info) exit 0 ;;
  *" ps "*) [ -n "$FAKE_DOCKER_RUNNING" ] && echo 3f2a1c0d9b7e; exit 0 ;;
  *" up "*) exit 0 ;;
  *" port "*) echo "127.0.0.1:$FAKE_DOCKER_PORT"; exit 0 ;;
  *" down "*) exit 0 ;;
esac
exit 1
)";

class ScratchDockerFake : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchRequest request;
    request.db = "postgres";
    request.pg_bin = tests::pg17_bin;
    server_ = create_scratch(request);
    char dir[] = "/tmp/migsafe-fake-docker-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::ofstream(dir_ / "docker") << fake_docker;
    chmod((dir_ / "docker").c_str(), 0755);
    old_path_ = std::getenv("PATH");
    setenv("PATH", (dir_.string() + ":" + old_path_).c_str(), 1);
    setenv("FAKE_DOCKER_LOG", (dir_ / "calls.log").c_str(), 1);
    setenv("FAKE_DOCKER_PORT", std::to_string(*server_->url().port).c_str(), 1);
  }
  void TearDown() override {
    setenv("PATH", old_path_.c_str(), 1);
    unsetenv("FAKE_DOCKER_RUNNING");
    std::filesystem::remove_all(dir_);
  }
  std::string calls() const {
    std::ifstream in(dir_ / "calls.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::unique_ptr<ScratchDatabase> docker() {
    ScratchRequest request;
    request.db = "docker";
    return create_scratch(request);
  }

  std::unique_ptr<ScratchDatabase> server_;
  std::filesystem::path dir_;
  std::string old_path_;
};

TEST_F(ScratchDockerFake, StartsTheServiceCreatesADatabaseAndTakesBothDown) {
  auto db = docker();
  std::string name = db->url().database;
  EXPECT_EQ(db->kind(), "docker");
  EXPECT_EQ(db->url().password, "migsafe");
  EXPECT_EQ(db->display_url().find("migsafe@"), std::string::npos);  // masked
  EXPECT_TRUE(tests::database_exists(server_->url(), name));
  EXPECT_NE(calls().find("up --detach --wait postgres"), std::string::npos) << calls();
  db.reset();
  EXPECT_FALSE(tests::database_exists(server_->url(), name));
  EXPECT_NE(calls().find(" down --volumes"), std::string::npos) << calls();
}

TEST_F(ScratchDockerFake, LeavesARunningServiceRunning) {
  setenv("FAKE_DOCKER_RUNNING", "1", 1);
  auto db = docker();
  std::string name = db->url().database;
  db.reset();
  EXPECT_FALSE(tests::database_exists(server_->url(), name));
  EXPECT_EQ(calls().find(" up "), std::string::npos) << calls();
  EXPECT_EQ(calls().find(" down"), std::string::npos) << calls();
}

}  // namespace
}  // namespace migsafe::dbdrivers
