// The built binary loads libmigsafe_python.so (and with it libpython) only for the
// commands that run Alembic, from beside itself: analyzer/alembic/python/api.hpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

const fs::path reggie = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic" / "reggie";

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

// `BINARY ARGUMENTS` with the dynamic loader naming on stderr every library it loads.
CommandResult traced(const fs::path& binary, const std::string& arguments) {
  return run_command("LD_DEBUG=files " + quoted(binary.string()) + " " + arguments);
}

class PythonLibraryBinary : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string sql_ = quoted(dir_.write("m.sql", "TRUNCATE plates;\n").string());
};

TEST_F(PythonLibraryBinary, TheBinaryDoesNotLinkLibpython) {
  const auto result = run_command("ldd " + quoted(MIGSAFE_BINARY));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "libc.so")) << result.out;
  EXPECT_FALSE(contains(result.out, "python")) << result.out;
}

TEST_F(PythonLibraryBinary, VersionRulesAndSqlLintNeverLoadPython) {
  const std::vector<std::string> commands = {"--version", "rules", "rules ban-truncate",
                                             "lint " + sql_};
  for (const std::string& arguments : commands) {
    const auto result = traced(MIGSAFE_BINARY, arguments);
    EXPECT_LE(result.exit_code, 1) << arguments << "\n" << result.err;
    EXPECT_TRUE(contains(result.err, "file=libc.so.6")) << "LD_DEBUG traced nothing";
    EXPECT_FALSE(contains(result.err, "python")) << arguments << "\n" << result.err;
  }
}

TEST_F(PythonLibraryBinary, AnAlembicProjectLoadsItFromBesideTheBinary) {
  const auto result = traced(MIGSAFE_BINARY, "lint " + quoted(reggie.string()));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  const fs::path beside = fs::path(MIGSAFE_BINARY).parent_path() / "libmigsafe_python.so";
  EXPECT_TRUE(contains(result.err, "file=" + beside.string())) << result.err;
  EXPECT_TRUE(contains(result.err, "file=libpython3.11.so.1.0")) << result.err;
}

// A binary copied without its library still lints SQL, and says what is missing when
// it needs Python; with the library copied beside it, it runs Alembic again.
TEST_F(PythonLibraryBinary, ACopyWithoutTheLibraryNamesItAndExitsTwo) {
  const fs::path copy = dir_.path() / "bin" / "migsafe";
  fs::create_directories(copy.parent_path());
  fs::copy_file(MIGSAFE_BINARY, copy);
  EXPECT_EQ(run_command(quoted(copy.string()) + " --version").exit_code, 0);
  EXPECT_EQ(run_command(quoted(copy.string()) + " lint " + sql_).exit_code, 1);

  const auto missing = run_command(quoted(copy.string()) + " check " + quoted(reggie.string()));
  EXPECT_EQ(missing.exit_code, 2) << missing.out << missing.err;
  const fs::path expected = copy.parent_path() / "libmigsafe_python.so";
  EXPECT_TRUE(contains(missing.err,
                       "libmigsafe_python.so, the part of migsafe that runs "
                       "Alembic, is missing: looked for " +
                           expected.string()))
      << missing.err;
  EXPECT_TRUE(contains(missing.err, "next to the migsafe binary")) << missing.err;

  fs::copy_file(MIGSAFE_PYTHON_LIBRARY, expected);
  const auto found = traced(copy, "lint " + quoted(reggie.string()));
  EXPECT_EQ(found.exit_code, 0) << found.out << found.err;
  EXPECT_TRUE(contains(found.err, "file=" + expected.string())) << found.err;
}

}  // namespace
}  // namespace migsafe::tests
