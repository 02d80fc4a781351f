// docs/runner.md names exactly the step kinds and the built-in known failures the
// tables hold: a row added to the code and not to the docs (or the other way) fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "runner/known_failures.hpp"
#include "runner/step_kind.hpp"

namespace migsafe::runner {
namespace {

using Names = std::vector<std::string>;

std::string runner_doc() {
  std::ifstream in(std::filesystem::path(MIGSAFE_SOURCE_DIR) / "docs" / "runner.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first cell of every table row under `heading`, up to the next heading.
Names first_cells(const std::string& page, const std::string& heading) {
  const std::size_t start = page.find("\n" + heading + "\n");
  EXPECT_NE(start, std::string::npos) << heading;
  const std::size_t end = page.find("\n#", start + heading.size() + 2);
  const std::string part = page.substr(start, end == std::string::npos ? std::string::npos : end - start);
  Names cells;
  static const std::regex row(R"(\n\| ([^|]+?) \|)");
  for (auto it = std::sregex_iterator(part.begin(), part.end(), row); it != std::sregex_iterator(); ++it) {
    const std::string cell = (*it)[1].str();
    if (cell != "failure" && cell != "kind" && cell.find("---") == std::string::npos) cells.push_back(cell);
  }
  std::sort(cells.begin(), cells.end());
  return cells;
}

TEST(RunnerDocs, StepKindsAreTheTables) {
  Names kinds;
  for (const StepKind kind : {StepKind::command, StepKind::migrate, StepKind::smoke}) {
    kinds.push_back("`" + std::string(step_kind_name(kind)) + "`");
    EXPECT_EQ(parse_step_kind(step_kind_name(kind)), kind);
  }
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(first_cells(runner_doc(), "### Step kinds"), kinds);
}

TEST(RunnerDocs, KnownFailuresAreTheTables) {
  Names rows;
  for (const KnownFailure& row : builtin_known_failures()) rows.push_back(row.failure);
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(first_cells(runner_doc(), "## Known failures"), rows);
}

}  // namespace
}  // namespace migsafe::runner
