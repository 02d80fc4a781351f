// The built binary loads libpq (and Kerberos, LDAP, TLS behind it) only when a command
// reaches PostgreSQL: cmake/lazy_library.cmake. (The load itself: tests/cli/lazy_libpq_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

TEST(LazyLibpqBinary, TheBinaryDoesNotLinkLibpqOrLibpqxx) {
  const auto result = run_command("ldd " + quoted(MIGSAFE_BINARY));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "libc.so")) << result.out;
  EXPECT_FALSE(contains(result.out, "libpq")) << result.out;
#ifdef MIGSAFE_LAZY_HTTPLIB  // else cpp-httplib brings OpenSSL at start-up
  EXPECT_FALSE(contains(result.out, "libssl")) << result.out;
  EXPECT_FALSE(contains(result.out, "libcpp-httplib")) << result.out;
#endif
}

TEST(LazyLibpqBinary, VersionRulesAndSqlLintNeverLoadLibpq) {
  TempDir dir;
  const std::string sql = quoted(dir.write("m.sql", "TRUNCATE plates;\n").string());
  const std::vector<std::string> commands = {"--version", "rules", "lint " + sql};
  for (const std::string& arguments : commands) {
    const auto result = run_command("LD_DEBUG=files " + quoted(MIGSAFE_BINARY) + " " + arguments);
    EXPECT_LE(result.exit_code, 1) << arguments << "\n" << result.err;
    EXPECT_TRUE(contains(result.err, "file=libc.so.6")) << "LD_DEBUG traced nothing";
    EXPECT_FALSE(contains(result.err, "libpq")) << arguments << "\n" << result.err;
  }
}

}  // namespace
}  // namespace migsafe::tests
