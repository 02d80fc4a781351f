// analyzer/alembic/python_library.cpp: where libmigsafe_python.so is looked for, and
// what a user reads when it is missing, broken or from another build. (The real library
// loading in the real binary: tests/cli/binary/python_library_binary_test.cpp.)
#include "analyzer/alembic/python_library.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model/error.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::analyzer::alembic::test {
namespace {

namespace fs = std::filesystem;

// The EnvironmentError load_python_library(candidates) throws.
model::EnvironmentError load_error(const std::vector<fs::path>& candidates) {
  try {
    load_python_library(candidates);
  } catch (const model::EnvironmentError& error) {
    return error;
  }
  ADD_FAILURE() << "loaded a library from " << candidates.front();
  return model::EnvironmentError("");
}

TEST(PythonLibrary, LookedForNextToTheExecutableThenInTheBuildTree) {
  const auto candidates = python_library_candidates();
  ASSERT_EQ(candidates.size(), 2u) << "this test program lives in the build tree";
  EXPECT_EQ(candidates[0],
            fs::read_symlink("/proc/self/exe").parent_path() / "libmigsafe_python.so");
  EXPECT_EQ(candidates[1].filename(), "libmigsafe_python.so");
  EXPECT_TRUE(fs::is_regular_file(candidates[1])) << candidates[1];
}

TEST(PythonLibrary, AMissingLibraryIsAnEnvironmentErrorNamingTheFile) {
  tests::TempDir folder;
  const fs::path missing = folder.path() / "libmigsafe_python.so";
  const auto error = load_error({missing});
  EXPECT_NE(std::string(error.what())
                .find("libmigsafe_python.so, the part of migsafe that runs "
                      "Alembic, is missing: looked for " +
                      missing.string()),
            std::string::npos)
      << error.what();
  EXPECT_NE(error.fix().find("next to the migsafe binary"), std::string::npos) << error.fix();
}

TEST(PythonLibrary, AFileThatIsNoLibraryDoesNotLoad) {
  tests::TempDir folder;
  const fs::path fake = folder.path() / "libmigsafe_python.so";
  std::ofstream(fake) << "not an ELF file\n";
  const auto error = load_error({fake});
  EXPECT_NE(std::string(error.what()).find("cannot load " + fake.string() + ": "),
            std::string::npos)
      << error.what();
  EXPECT_NE(error.fix().find("apt-get install libpython3.11"), std::string::npos) << error.fix();
}

TEST(PythonLibrary, ALibraryOfAnotherBuildIsRefused) {
  const fs::path other = "/lib/x86_64-linux-gnu/libz.so.1";  // no migsafe_python_api
  ASSERT_TRUE(fs::exists(other));
  const auto error = load_error({other});
  EXPECT_NE(std::string(error.what())
                .find(other.string() + " is not the libmigsafe_python.so of this migsafe build"),
            std::string::npos)
      << error.what();
}

TEST(PythonLibrary, TheFirstCandidateThatExistsIsLoaded) {
  tests::TempDir folder;
  auto candidates = python_library_candidates();
  candidates.insert(candidates.begin(), folder.path() / "libmigsafe_python.so");
  const python::Api& api = load_python_library(candidates);
  EXPECT_EQ(api.version, python::api_version);
  EXPECT_EQ(&api, &python_library()) << "one library per process";
}

}  // namespace
}  // namespace migsafe::analyzer::alembic::test
