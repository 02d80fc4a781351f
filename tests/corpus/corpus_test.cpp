// The labelled corpus (fixtures/sql/corpus/): every migration is linted through the rules
// library and the set of rule ids that fire must equal the set expected.toml names.
// Mismatches are collected over the whole corpus and reported together, so one run shows
// every rule that disagrees with the labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "analyzer/lint/bookkeeping.hpp"
#include "rules/lint.hpp"
#include "rules/registry.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

const fs::path corpus_dir = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures/sql/corpus";

struct Expectation {
  std::set<std::string> expect;
  bool in_transaction = true;
};

std::set<std::string> string_set(const toml::node_view<const toml::node>& node) {
  std::set<std::string> out;
  if (const auto* array = node.as_array()) {
    for (const auto& element : *array) {
      if (auto value = element.value<std::string>()) out.insert(*value);
    }
  }
  return out;
}

std::map<std::string, Expectation> load_manifest() {
  const toml::table manifest = toml::parse_file((corpus_dir / "expected.toml").string());
  std::map<std::string, Expectation> out;
  for (const auto& [file, entry] : manifest) {
    const toml::node_view<const toml::node> view{entry};
    Expectation expectation;
    expectation.expect = string_set(view["expect"]);
    expectation.in_transaction = view["in_transaction"].value_or(true);
    out.emplace(std::string(file.str()), expectation);
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string joined(const std::set<std::string>& ids) {
  if (ids.empty()) return "(none)";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::set<std::string> fired_rules(const std::string& file, bool in_transaction) {
  rules::LintOptions options;
  options.context.assume_in_transaction = in_transaction;
  // As `migsafe lint FILE.sql` lints it: Alembic's bookkeeping passed over.
  options.skip_statement = [](const rules::sql::Statement& s) {
    return analyzer::lint::is_bookkeeping(s);
  };
  std::set<std::string> fired;
  for (const auto& finding : rules::lint_sql(read_file(corpus_dir / file), file, options)) {
    fired.insert(finding.rule);
  }
  return fired;
}

TEST(CorpusTest, ManifestNamesEveryFileAndOnlyExistingFiles) {
  const auto manifest = load_manifest();
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(corpus_dir)) {
    if (entry.path().extension() == ".sql") on_disk.insert(entry.path().filename().string());
  }
  for (const auto& file : on_disk) {
    EXPECT_TRUE(manifest.count(file)) << file << " has no entry in expected.toml";
  }
  for (const auto& [file, expectation] : manifest) {
    EXPECT_TRUE(on_disk.count(file)) << "expected.toml names " << file << ", which is missing";
  }
}

TEST(CorpusTest, HasEnoughScenariosAndSafeLookAlikes) {
  const auto manifest = load_manifest();
  const auto safe = std::count_if(manifest.begin(), manifest.end(),
                                  [](const auto& entry) { return entry.second.expect.empty(); });
  EXPECT_GE(manifest.size(), 80u);
  EXPECT_GE(static_cast<std::size_t>(safe) * 3, manifest.size())
      << "at least a third of the corpus must be safe look-alikes";
}

TEST(CorpusTest, ExpectationsNameCanonicalRuleIds) {
  for (const auto& [file, expectation] : load_manifest()) {
    for (const auto& id : expectation.expect) {
      EXPECT_NE(rules::find_rule(id), nullptr) << file << ": unknown rule id " << id;
      EXPECT_EQ(rules::resolve_rule_id(id).value_or(""), id)
          << file << ": " << id << " is an alias; use the canonical id";
    }
  }
}

TEST(CorpusTest, EveryPostgresRuleFiresSomewhere) {
  std::set<std::string> expected_somewhere;
  for (const auto& [file, expectation] : load_manifest()) {
    expected_somewhere.insert(expectation.expect.begin(), expectation.expect.end());
  }
  for (const auto* rule : rules::all_rules()) {
    const std::string id(rule->id());
    if (id == "sqlite-unsupported-alter") continue;  // a SQLite-only rule; the corpus is PostgreSQL
    EXPECT_TRUE(expected_somewhere.count(id)) << "no corpus file expects " << id;
  }
}

TEST(CorpusTest, FiredRulesEqualExpectedRulesForEveryFile) {
  const auto manifest = load_manifest();
  std::vector<std::string> mismatches;
  for (const auto& [file, expectation] : manifest) {
    const auto fired = fired_rules(file, expectation.in_transaction);
    if (fired == expectation.expect) continue;
    std::set<std::string> missing, extra;
    std::set_difference(expectation.expect.begin(), expectation.expect.end(), fired.begin(),
                        fired.end(), std::inserter(missing, missing.end()));
    std::set_difference(fired.begin(), fired.end(), expectation.expect.begin(),
                        expectation.expect.end(), std::inserter(extra, extra.end()));
    std::ostringstream line;
    line << file << ": expected {" << joined(expectation.expect) << "}, fired {"
         << joined(fired) << "}";
    if (!missing.empty()) line << "; missing {" << joined(missing) << "}";
    if (!extra.empty()) line << "; unexpected {" << joined(extra) << "}";
    mismatches.push_back(line.str());
  }
  std::string report;
  for (const auto& line : mismatches) report += "  " + line + "\n";
  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " of " << manifest.size()
                                  << " corpus files disagree with expected.toml:\n"
                                  << report;
}

}  // namespace
}  // namespace migsafe
