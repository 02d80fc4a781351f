// One finding per cause on the generated 120-revision history (fixtures/histories), with
// no lock_timeout set on the connection: require-lock-timeout at most once per transaction
// and each prefer-* rule at most once per revision, and every statement that fired on
// its own (LintOptions::one_finding_per_cause off) still listed as an occurrence.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "analyzer/lint/lint_paths.hpp"
#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::analyzer::lint {
namespace {

namespace fs = std::filesystem;

// (rule, file, line, column, statement) of every statement the findings stand for.
using Covered = std::tuple<std::string, std::string, int, int, std::string>;

std::set<Covered> covered_by(const std::vector<model::Finding>& findings) {
  std::set<Covered> out;
  for (const auto& f : findings) {
    if (f.occurrences.empty()) {
      out.insert({f.rule, f.location.file, f.location.line, f.location.column, f.statement});
      continue;
    }
    for (const auto& o : f.occurrences) {
      out.insert({f.rule, o.location.file, o.location.line, o.location.column, o.statement});
    }
  }
  return out;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The stretches of statements a revision can run in: its transaction, and for each
// autocommit block the block and the transaction after it.
int most_transactions(const fs::path& revision_file) {
  const std::string text = read(revision_file);
  int blocks = 0;
  for (std::size_t at = 0; (at = text.find("autocommit_block", at)) != std::string::npos; ++at) {
    ++blocks;
  }
  return 1 + 2 * blocks;
}

TEST(OneFindingPerCauseHistory, OncePerCauseAndNoStatementLost) {
  tests::TempDir temp;
  const fs::path project = temp.path() / "history";
  const std::string generate = "/usr/bin/python3 " MIGSAFE_SOURCE_DIR
                               "/fixtures/histories/generate.py " +
                               project.string() + " --revisions 120 >/dev/null";
  ASSERT_EQ(std::system(generate.c_str()), 0);

  Settings grouped;  // no lock_timeout_set_by: require-lock-timeout fires
  Settings each = grouped;
  each.rules.one_finding_per_cause = false;
  const auto alone = lint_paths({project}, each).findings;
  const auto once = lint_paths({project}, grouped).findings;

  EXPECT_EQ(covered_by(once), covered_by(alone));

  const std::set<std::string> per_revision = {"prefer-bigint", "prefer-identity", "prefer-text-field",
                                              "prefer-timestamptz"};
  std::map<std::string, int> lock_findings;                       // file -> findings
  std::map<std::pair<std::string, std::string>, int> prefer_findings;  // (rule, file)
  std::map<std::string, int> grouped_count;
  std::map<std::string, int> alone_count;
  for (const auto& f : once) {
    ++grouped_count[f.rule];
    if (f.rule == "require-lock-timeout") ++lock_findings[f.location.file];
    if (per_revision.count(f.rule) > 0) ++prefer_findings[{f.rule, f.location.file}];
  }
  for (const auto& f : alone) ++alone_count[f.rule];

  for (const auto& [file, count] : lock_findings) {
    EXPECT_LE(count, most_transactions(fs::absolute(file))) << file;
  }
  for (const auto& [key, count] : prefer_findings) {
    EXPECT_EQ(count, 1) << key.first << " in " << key.second;
  }
  // Not vacuous: the history has revisions with several statements that need the timeout.
  // (It writes text, bigint and timestamptz columns: its one prefer-* statement is the
  // planted varchar; tests/rules/one_finding_per_cause_test.cpp groups those.)
  EXPECT_GT(alone_count["require-lock-timeout"], grouped_count["require-lock-timeout"]);
  EXPECT_GT(grouped_count["require-lock-timeout"], 10);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
