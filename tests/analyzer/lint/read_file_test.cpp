#include "analyzer/lint/read_file.hpp"

#include <gtest/gtest.h>

#include <string>

#include "model/error.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::analyzer::lint {
namespace {

TEST(ReadFile, RegularEmptyAndLargeFiles) {
  tests::TempDir dir;
  EXPECT_EQ(read_file(dir.write("a.sql", "SELECT 1;\n")), "SELECT 1;\n");
  EXPECT_EQ(read_file(dir.write("empty.sql", "")), "");
  const std::string large(200000, 'x');  // more than one read's worth
  EXPECT_EQ(read_file(dir.write("large.sql", large)), large);
  EXPECT_THROW(read_file(dir.path() / "missing.sql"), model::InputError);
  // A regular file whose size stat gives as 0 is read to its end all the same.
  EXPECT_NE(read_file("/proc/self/status").find("Pid:"), std::string::npos);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
