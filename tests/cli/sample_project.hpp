#pragma once

// The sample project (fixtures/alembic/reggie), copied for a test to break: the binary
// tests that need a project with one thing wrong start from it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace migsafe::tests {

// Copies the sample project into `folder`/project; returns that folder.
inline std::filesystem::path copy_sample_project(const std::filesystem::path& folder) {
  const std::filesystem::path project = folder / "project";
  std::filesystem::copy(std::filesystem::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic" /
                            "reggie",
                        project, std::filesystem::copy_options::recursive);
  return project;
}

// The project's revision files, in name order.
inline std::vector<std::filesystem::path> revision_files(const std::filesystem::path& project) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(project / "migrations" / "versions")) {
    if (entry.path().extension() == ".py") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Puts `code` (indented lines) first in the upgrade() of `revision_file`.
inline void start_upgrade_with(const std::filesystem::path& revision_file,
                               const std::string& code) {
  std::string source = read_text(revision_file);  // read before opening it truncates
  const std::string def = "def upgrade():\n";
  const auto at = source.find(def);
  ASSERT_NE(at, std::string::npos) << revision_file;
  source.insert(at + def.size(), code);
  std::ofstream(revision_file) << source;
}

}  // namespace migsafe::tests
