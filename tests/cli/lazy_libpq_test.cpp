// cmake/lazy_library.cmake's stand-in for libpq.so.5, which every migsafe program links
// instead of libpq: libpq is loaded by the first call, from whichever thread, and the
// call reaches it with every argument, those passed on the stack included.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace migsafe::tests {
namespace {

// ctest runs each test in a process of its own, so each starts without libpq.
bool libpq_mapped() {
  std::ifstream maps("/proc/self/maps");
  std::stringstream text;
  text << maps.rdbuf();
  return text.str().find("/libpq.so.5") != std::string::npos;
}

TEST(LazyLibpq, LoadedByTheFirstCallNotBefore) {
  EXPECT_FALSE(libpq_mapped());
  EXPECT_GE(PQlibVersion(), 150000);
  EXPECT_TRUE(libpq_mapped());
}

TEST(LazyLibpq, AFirstCallReceivesEveryArgument) {
  ASSERT_FALSE(libpq_mapped());
  // Seven arguments: the seventh, the password, is passed on the stack. Port 1 refuses
  // at once; the connection object keeps what it was given.
  PGconn* connection =
      PQsetdbLogin("127.0.0.1", "1", nullptr, nullptr, "nodb", "nobody", "stack-argument");
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(PQstatus(connection), CONNECTION_BAD);
  EXPECT_STREQ(PQhost(connection), "127.0.0.1");
  EXPECT_STREQ(PQport(connection), "1");
  EXPECT_STREQ(PQdb(connection), "nodb");
  EXPECT_STREQ(PQuser(connection), "nobody");
  EXPECT_STREQ(PQpass(connection), "stack-argument");
  PQfinish(connection);
}

TEST(LazyLibpq, FirstCallsFromManyThreadsAllReachLibpq) {
  ASSERT_FALSE(libpq_mapped());
  std::atomic<bool> go{false};
  std::vector<int> versions(8, 0);
  std::vector<std::thread> threads;
  for (auto& version : versions) {
    threads.emplace_back([&go, &version] {
      while (!go) std::this_thread::yield();
      version = PQlibVersion();
    });
  }
  go = true;
  for (auto& thread : threads) thread.join();
  for (int version : versions) EXPECT_EQ(version, versions.front());
  EXPECT_GE(versions.front(), 150000);
}

}  // namespace
}  // namespace migsafe::tests
