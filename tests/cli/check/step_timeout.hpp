#pragma once

// A migration that never returns is stopped after `check --timeout` seconds and reported
// as a failed upgrade naming its revision: CI no longer waits for its own job limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/analyzer/lint/temp_dir.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/cli/sample_project.hpp"

namespace migsafe::tests {

// The sample project with `code` at the top of its first revision's upgrade().
inline std::filesystem::path project_that_hangs(const TempDir& dir, const std::string& code) {
  const std::filesystem::path project = copy_sample_project(dir.path());
  start_upgrade_with(revision_files(project).front(), code);
  return project;
}

// The findings of check `upgrade` in a JSON report.
inline nlohmann::json upgrade_findings(const std::string& json_report) {
  nlohmann::json found = nlohmann::json::array();
  const nlohmann::json report = nlohmann::json::parse(json_report);
  for (const auto& finding : report["findings"]) {
    if (finding["check"] == "upgrade") found.push_back(finding);
  }
  return found;
}

// Runs `check --only upgrade --format json OPTIONS PROJECT` (after `environment`, shell
// assignments), expects exit code 1 (a finding, not an error) and returns the upgrade's
// findings.
inline nlohmann::json failed_upgrade(const std::string& options,
                                     const std::filesystem::path& project,
                                     const std::string& environment = "") {
  const auto result =
      run_command(environment + " " + quoted(MIGSAFE_BINARY) + " check --only upgrade --format json " +
                  options + " " + quoted(project.string()));
  EXPECT_EQ(result.exit_code, 1) << result.err << result.out;
  return result.exit_code == 1 ? upgrade_findings(result.out) : nlohmann::json::array();
}

inline bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

}  // namespace migsafe::tests
