// `migsafe check --base-ref HEAD~1 --only expand-contract` on the releases of each project
// under fixtures/expand_contract/, committed one after the other to a real git repository,
// in both deploy orders. Each case's expected.json lists the findings of every release.
// Built twice: MIGSAFE_CHECK_DB is "" (a scratch SQLite file) or "postgres" (a scratch
// PG17 cluster).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/cli/check/child_process.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

const fs::path cases_folder = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "expand_contract";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cases_folder)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// release2, release3, ... as far as the case goes.
std::vector<std::string> later_releases(const fs::path& case_folder) {
  std::vector<std::string> releases;
  for (int n = 2; fs::is_directory(case_folder / ("release" + std::to_string(n))); ++n) {
    releases.push_back("release" + std::to_string(n));
  }
  return releases;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// A git repository in a temporary folder that the releases are committed to; removed at
// the end of the test.
class Repository {
 public:
  Repository() {
    std::string pattern = ::testing::TempDir() + "expand_contract_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    git({"-c", "init.defaultBranch=main", "init", "-q"});
    git({"config", "user.name", "migsafe tests"});
    git({"config", "user.email", "tests@migsafe.invalid"});
    git({"config", "commit.gpgsign", "false"});
    // What Python and a local `alembic upgrade` leave behind is never part of a release.
    std::ofstream(path_ / ".gitignore") << "__pycache__/\n*.db\n";
  }
  ~Repository() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  const fs::path& path() const { return path_; }

  // Copies the release's files over the working tree (the files it adds or changes) and
  // commits them.
  void commit(const fs::path& release) {
    fs::copy(release, path_, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    git({"add", "-A"});
    git({"commit", "-q", "-m", release.filename().string()});
  }

  // git's stdout.
  std::string git(const std::vector<std::string>& arguments) {
    std::vector<std::string> argv = {"/usr/bin/env", "git", "-C", path_.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const RunResult result = run(argv);
    if (result.exit_code != 0) {
      throw std::runtime_error("git " + arguments.front() + " failed: " + result.err);
    }
    return result.out;
  }

 private:
  fs::path path_;
};

RunResult check(const fs::path& project, const std::vector<std::string>& options) {
  std::vector<std::string> argv = {
      MIGSAFE_BINARY, "check", project.string(), "--only", "expand-contract", "--format", "json"};
  if (!std::string(MIGSAFE_CHECK_DB).empty()) {
    argv.insert(argv.end(), {"--db", MIGSAFE_CHECK_DB});
  }
  argv.insert(argv.end(), options.begin(), options.end());
  return run(argv);
}

std::string revision_of(const nlohmann::json& finding) {
  const auto location = finding.find("location");
  return location != finding.end() ? location->value("revision", "") : "";
}

// One line per finding: revision, code, message. Short enough for a failure message.
std::string shown(const std::vector<nlohmann::json>& findings) {
  std::ostringstream out;
  for (const auto& finding : findings) {
    out << "  " << revision_of(finding) << " code=" << finding.value("code", "-")
        << " order=" << finding.value("deploy_order", "-") << ": " << finding.value("message", "")
        << "\n";
  }
  return findings.empty() ? "  (none)\n" : out.str();
}

bool matches(const nlohmann::json& expected, const nlohmann::json& finding) {
  if (revision_of(finding) != expected.at("revision").get<std::string>()) return false;
  if (expected.contains("code") &&
      finding.value("code", "") != expected.at("code").get<std::string>()) {
    return false;
  }
  const std::string message = finding.value("message", "");
  for (const auto& mention : expected.at("mentions")) {
    if (message.find(mention.get<std::string>()) == std::string::npos) return false;
  }
  return true;
}

// Every expected entry matches a finding of its own, and no finding is left over.
void expect_findings(const nlohmann::json& expected, const RunResult& result,
                     const std::string& order, const std::string& where) {
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::exception&) {
    FAIL() << where << ": no JSON on stdout (exit " << result.exit_code << ")\n" << result.err;
  }
  std::vector<nlohmann::json> findings;
  for (const auto& finding : report["findings"]) {
    if (finding.value("check", "") == "expand-contract") findings.push_back(finding);
  }
  EXPECT_EQ(result.exit_code, expected.empty() ? 0 : 1) << where << "\n" << result.err;
  ASSERT_EQ(findings.size(), expected.size())
      << where << ": expected " << expected.dump() << "\ngot\n"
      << shown(findings);
  for (const auto& finding : findings) {
    EXPECT_EQ(finding.value("rule", ""), "expand-contract") << where << "\n" << shown({finding});
    EXPECT_EQ(finding.value("severity", ""), "error") << where << "\n" << shown({finding});
    EXPECT_EQ(finding.value("deploy_order", ""), order) << where << "\n" << shown({finding});
  }
  std::vector<bool> used(findings.size(), false);
  for (const auto& entry : expected) {
    bool found = false;
    for (std::size_t i = 0; i < findings.size() && !found; ++i) {
      if (!used[i] && matches(entry, findings[i])) used[i] = found = true;
    }
    EXPECT_TRUE(found) << where << ": nothing matches " << entry.dump() << "\ngot\n"
                       << shown(findings);
  }
}

class ExpandContract : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpandContract, EachReleaseHasTheExpectedFindingsInBothOrders) {
  const fs::path case_folder = cases_folder / GetParam();
  const nlohmann::json expected = read_json(case_folder / "expected.json")["releases"];
  const std::vector<std::string> releases = later_releases(case_folder);
  ASSERT_FALSE(releases.empty()) << case_folder;
  ASSERT_EQ(expected.size(), releases.size()) << "expected.json names every later release";

  Repository repository;
  repository.commit(case_folder / "release1");
  for (const std::string& release : releases) {
    repository.commit(case_folder / release);
    for (const char* order : {"code-first", "migrate-first"}) {
      const RunResult result =
          check(repository.path(), {"--base-ref", "HEAD~1", "--deploy-order", order});
      expect_findings(expected.at(release).at(order), result, order,
                      GetParam() + " " + release + " " + order);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExpandContract, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// migrate-first needs the models of the code deployed before, which only --base-ref names.
TEST(ExpandContractOptions, MigrateFirstWithoutBaseRefExitsTwo) {
  Repository repository;
  repository.commit(cases_folder / "add_and_map_same_release" / "release1");
  const RunResult result = check(repository.path(), {"--deploy-order", "migrate-first"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("--base-ref"), std::string::npos) << result.err;
}

// Findings of `check` in `report` (JSON) whose rule is `rule`.
int count_rule(const std::string& report, const std::string& rule) {
  int count = 0;
  const nlohmann::json parsed = nlohmann::json::parse(report);
  for (const auto& finding : parsed.at("findings")) {
    if (finding.at("rule").get<std::string>() == rule) ++count;
  }
  return count;
}

// The models at --base-ref come from a temporary worktree: gone from the user's
// repository once the check is over.
TEST(ExpandContractOptions, TheTemporaryWorktreeIsRemoved) {
  Repository repository;
  const fs::path case_folder = cases_folder / "drop_and_unmap_same_release";
  repository.commit(case_folder / "release1");
  repository.commit(case_folder / "release2");
  const RunResult result =
      check(repository.path(), {"--base-ref", "HEAD~1", "--deploy-order", "migrate-first"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const std::string worktrees = repository.git({"worktree", "list", "--porcelain"});
  int listed = 0;  // one "worktree PATH" line per worktree, the repository's own first
  std::istringstream lines(worktrees);
  for (std::string line; std::getline(lines, line);) listed += line.rfind("worktree ", 0) == 0;
  EXPECT_EQ(listed, 1)
      << worktrees;
}

// Without --base-ref or --since nothing is new: the check says so and passes nothing off
// as checked.
TEST(ExpandContractOptions, NoNewRevisionsNamedSkipsWithTheReason) {
  Repository repository;
  repository.commit(cases_folder / "add_and_map_same_release" / "release1");
  const RunResult result = check(repository.path(), {});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["checks"].size(), 1u) << result.out;
  EXPECT_EQ(report["checks"][0]["status"], "skipped");
  EXPECT_NE(report["checks"][0]["skipped_because"].get<std::string>().find("--base-ref"),
            std::string::npos)
      << result.out;
}

// [tool.migsafe] base_ref and deploy_order do what --base-ref and --deploy-order do.
TEST(ExpandContractOptions, TheConfigNamesTheBaseRefAndTheOrder) {
  Repository repository;
  const fs::path case_folder = cases_folder / "drop_and_unmap_same_release";
  repository.commit(case_folder / "release1");
  std::ofstream(repository.path() / "pyproject.toml")
      << "[tool.migsafe]\nbase_ref = \"HEAD~1\"\ndeploy_order = \"migrate-first\"\n";
  repository.commit(case_folder / "release2");
  const RunResult result = check(repository.path(), {});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["findings"].size(), 1u) << result.out;
  EXPECT_EQ(report["findings"][0]["deploy_order"], "migrate-first");
  EXPECT_EQ(report["findings"][0]["code"], "old");
}

// A config base_ref that is no commit here (a CI image without the ref fetched) is a
// warning, not an error: every revision is new, and expand-contract says why it skipped.
TEST(ExpandContractOptions, AConfigBaseRefNotFetchedIsAWarning) {
  Repository repository;
  repository.commit(cases_folder / "add_and_map_same_release" / "release1");
  std::ofstream(repository.path() / "pyproject.toml")
      << "[tool.migsafe]\nbase_ref = \"origin/not-fetched\"\n";
  const RunResult result = check(repository.path(), {});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["findings"].size(), 1u) << result.out;
  EXPECT_EQ(report["findings"][0]["check"], "config");
  EXPECT_NE(report["findings"][0]["message"].get<std::string>().find("origin/not-fetched"),
            std::string::npos);
  EXPECT_EQ(report["checks"][0]["status"], "skipped");
}

// The contract step, a drop of what no model maps any more, is no lint finding in a
// full check, nor in `migsafe lint` (which reads the models); without models (a .sql
// file) it still is. A drop of what the models still map is, in lint, the static
// expand-contract finding, for the revisions named new (the history as a whole is not
// judged against today's models). Lint renders PostgreSQL's SQL (--db postgres): SQLite's batch
// mode cannot render offline.
TEST(ExpandContractOptions, LintJudgesDropsAgainstTheModels) {
  Repository safe;
  const fs::path contract = cases_folder / "drop_after_unmapped";
  for (const char* release : {"release1", "release2", "release3"}) safe.commit(contract / release);
  const RunResult checked = check(safe.path(), {"--base-ref", "HEAD~1", "--only", "lint"});
  EXPECT_EQ(count_rule(checked.out, "ban-drop-column"), 0) << checked.out << checked.err;
  const RunResult linted = run(
      {MIGSAFE_BINARY, "lint", safe.path().string(), "--db", "postgres", "--format", "json"});
  EXPECT_EQ(count_rule(linted.out, "ban-drop-column"), 0) << linted.out << linted.err;
  EXPECT_EQ(count_rule(linted.out, "expand-contract"), 0) << linted.out;
  EXPECT_EQ(count_rule(linted.out, "unrendered-revision"), 0) << linted.out;

  const fs::path sql = safe.path() / "drop_note.sql";
  std::ofstream(sql) << "ALTER TABLE plates DROP COLUMN note;\n";
  const RunResult without_models = run({MIGSAFE_BINARY, "lint", sql.string(), "--format", "json"});
  EXPECT_EQ(count_rule(without_models.out, "ban-drop-column"), 1) << without_models.out;

  Repository breaking;
  const fs::path mapped = cases_folder / "drop_still_mapped";
  for (const char* release : {"release1", "release2"}) breaking.commit(mapped / release);
  const RunResult flagged = run({MIGSAFE_BINARY, "lint", breaking.path().string(), "--db",
                                 "postgres", "--base-ref", "HEAD~1", "--format", "json"});
  EXPECT_EQ(flagged.exit_code, 1) << flagged.out << flagged.err;
  EXPECT_EQ(count_rule(flagged.out, "expand-contract"), 1) << flagged.out;
}

// --base-ref means the same in lint: a revision file edited since the ref is an error
// there too (the pre-commit hook, CI's lint job).
TEST(ExpandContractOptions, LintReportsARevisionEditedSinceTheBaseRef) {
  Repository repository;
  const fs::path case_folder = cases_folder / "edited_applied_revision";
  repository.commit(case_folder / "release1");
  repository.commit(case_folder / "release2");
  const RunResult linted = run({MIGSAFE_BINARY, "lint", repository.path().string(), "--db",
                                "postgres", "--base-ref", "HEAD~1", "--format", "json"});
  EXPECT_EQ(linted.exit_code, 1) << linted.out << linted.err;
  EXPECT_EQ(count_rule(linted.out, "expand-contract"), 1) << linted.out;
  EXPECT_NE(linted.out.find("was changed since"), std::string::npos) << linted.out;
}

}  // namespace
}  // namespace migsafe::testing
