// The labelled corpora. fixtures/sql/corpus/: every migration is linted through the rules
// library and the set of rule ids that fire must equal the set expected.toml names.
// fixtures/sql/corpus-sources/ (written from the peers' docs and PostgreSQL's, to measure
// gaps): the fired set must equal `expect`, or, where the manifest records a known gap,
// exactly what `migsafe_today` says migsafe fires now; so any change of behaviour on any
// file shows up, and a closed gap asks for its entry to be removed.
// Mismatches are collected over the whole corpus and reported together, so one run shows
// every rule that disagrees with the labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
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
const fs::path sources_dir = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures/sql/corpus-sources";

struct Expectation {
  std::set<std::string> expect;
  bool in_transaction = true;
  // corpus-sources only
  std::string source;
  std::optional<std::set<std::string>> migsafe_today;
  std::string gap;
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

std::map<std::string, Expectation> load_manifest(const fs::path& dir = corpus_dir) {
  const toml::table manifest = toml::parse_file((dir / "expected.toml").string());
  std::map<std::string, Expectation> out;
  for (const auto& [file, entry] : manifest) {
    const toml::node_view<const toml::node> view{entry};
    Expectation expectation;
    expectation.expect = string_set(view["expect"]);
    expectation.in_transaction = view["in_transaction"].value_or(true);
    expectation.source = view["source"].value_or(std::string());
    if (view["migsafe_today"]) expectation.migsafe_today = string_set(view["migsafe_today"]);
    expectation.gap = view["gap"].value_or(std::string());
    out.emplace(std::string(file.str()), expectation);
  }
  return out;
}

std::set<std::string> sql_files_in(const fs::path& dir) {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") on_disk.insert(entry.path().filename().string());
  }
  return on_disk;
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

std::set<std::string> fired_rules(const std::string& file, bool in_transaction,
                                  const fs::path& dir = corpus_dir) {
  rules::LintOptions options;
  options.context.assume_in_transaction = in_transaction;
  // As `migsafe lint FILE.sql` lints it: Alembic's bookkeeping passed over.
  options.skip_statement = [](const rules::sql::Statement& s) {
    return analyzer::lint::is_bookkeeping(s);
  };
  std::set<std::string> fired;
  for (const auto& finding : rules::lint_sql(read_file(dir / file), file, options)) {
    fired.insert(finding.rule);
  }
  return fired;
}

std::string describe(const std::string& file, const std::set<std::string>& wanted,
                     const std::set<std::string>& fired) {
  std::set<std::string> missing, extra;
  std::set_difference(wanted.begin(), wanted.end(), fired.begin(), fired.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(fired.begin(), fired.end(), wanted.begin(), wanted.end(),
                      std::inserter(extra, extra.end()));
  std::ostringstream line;
  line << file << ": expected {" << joined(wanted) << "}, fired {" << joined(fired) << "}";
  if (!missing.empty()) line << "; missing {" << joined(missing) << "}";
  if (!extra.empty()) line << "; unexpected {" << joined(extra) << "}";
  return line.str();
}

bool is_kebab_case(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
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

TEST(SourcesCorpusTest, ManifestNamesEveryFileAndOnlyExistingFiles) {
  const auto manifest = load_manifest(sources_dir);
  const auto on_disk = sql_files_in(sources_dir);
  for (const auto& file : on_disk) {
    EXPECT_TRUE(manifest.count(file)) << file << " has no entry in corpus-sources/expected.toml";
  }
  for (const auto& [file, expectation] : manifest) {
    EXPECT_TRUE(on_disk.count(file)) << "corpus-sources/expected.toml names " << file
                                     << ", which is missing";
  }
}

TEST(SourcesCorpusTest, HasEnoughScenariosAndSafeLookAlikes) {
  const auto manifest = load_manifest(sources_dir);
  const auto safe = std::count_if(manifest.begin(), manifest.end(),
                                  [](const auto& entry) { return entry.second.expect.empty(); });
  EXPECT_GE(manifest.size(), 80u);
  EXPECT_GE(static_cast<std::size_t>(safe) * 3, manifest.size())
      << "at least a third of the corpus must be safe look-alikes";
}

TEST(SourcesCorpusTest, EveryVerdictNamesItsSourceAndEveryGapItsReason) {
  for (const auto& [file, expectation] : load_manifest(sources_dir)) {
    EXPECT_FALSE(expectation.source.empty()) << file << ": no source for the verdict";
    for (const auto& id : expectation.expect) {
      EXPECT_TRUE(is_kebab_case(id)) << file << ": " << id << " is not a kebab-case rule id";
      // Ids migsafe has must be spelled canonically; ids of rules not written yet are allowed.
      if (rules::find_rule(id) != nullptr) {
        EXPECT_EQ(rules::resolve_rule_id(id).value_or(""), id)
            << file << ": " << id << " is an alias; use the canonical id";
      }
    }
    if (expectation.migsafe_today) {
      EXPECT_FALSE(expectation.gap.empty()) << file << ": migsafe_today without a gap reason";
      EXPECT_NE(*expectation.migsafe_today, expectation.expect)
          << file << ": migsafe_today equals expect; remove migsafe_today and gap";
    } else {
      EXPECT_TRUE(expectation.gap.empty()) << file << ": gap without migsafe_today";
    }
  }
}

TEST(SourcesCorpusTest, FiredRulesEqualVerdictOrTheRecordedGap) {
  const auto manifest = load_manifest(sources_dir);
  std::vector<std::string> mismatches;
  for (const auto& [file, expectation] : manifest) {
    const auto fired = fired_rules(file, expectation.in_transaction, sources_dir);
    if (!expectation.migsafe_today) {
      if (fired != expectation.expect) mismatches.push_back(describe(file, expectation.expect, fired));
      continue;
    }
    if (fired == *expectation.migsafe_today) continue;
    if (fired == expectation.expect) {
      mismatches.push_back(file + ": the gap is closed (fired equals expect); remove migsafe_today and gap");
      continue;
    }
    mismatches.push_back(describe(file, *expectation.migsafe_today, fired) +
                         " [against migsafe_today; the verdict is {" +
                         joined(expectation.expect) + "}]");
  }
  std::string report;
  for (const auto& line : mismatches) report += "  " + line + "\n";
  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " of " << manifest.size()
                                  << " corpus-sources files changed behaviour:\n"
                                  << report;
}

}  // namespace
}  // namespace migsafe
