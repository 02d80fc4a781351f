#include "analyzer/lint/read_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
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

TEST(ReadFile, FifosDevicesAndOversizedFilesAreRefusedWithoutBlocking) {
  tests::TempDir dir;
  const auto fifo = dir.path() / "pipe.sql";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // No writer: opening it for reading would block forever.
  EXPECT_THROW(check_readable(fifo), model::InputError);
  EXPECT_THROW(read_file(fifo), model::InputError);
  const auto zero = dir.path() / "zero.sql";
  std::filesystem::create_symlink("/dev/zero", zero);
  try {
    read_file(zero);
    FAIL() << "a device never ends";
  } catch (const model::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("character device"), std::string::npos);
  }
  const auto big = dir.write("big.sql", std::string((2u << 20) + 1, ' '));
  EXPECT_THROW(check_readable(big, 2u << 20), model::InputError);
  EXPECT_THROW(read_file(big, 2u << 20), model::InputError);
  EXPECT_EQ(read_file(big, 3u << 20).size(), (2u << 20) + 1);
  try {
    check_readable(big, 1u << 20);
    FAIL() << "over the limit";
  } catch (const model::InputError& error) {
    EXPECT_NE(error.fix().find("--max-file-size"), std::string::npos) << error.fix();
  }
}

}  // namespace
}  // namespace migsafe::analyzer::lint
