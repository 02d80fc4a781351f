// The docs name the checks, formats and rules the tables hold, no more and no fewer: a
// doc that lists a name no table has, or misses one, fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/check/checks.hpp"
#include "cli/config/config.hpp"
#include "cli/report/render.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"
#include "runner/pipeline_file.hpp"

namespace migsafe::cli {
namespace {

namespace fs = std::filesystem;
using Names = std::vector<std::string>;

std::string read_doc(const std::string& relative) {
  std::ifstream in(fs::path(MIGSAFE_SOURCE_DIR) / relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << relative << " is missing or empty";
  return text.str();
}

// The text under `## heading`, up to the next `## `.
std::string section(const std::string& page, const std::string& heading) {
  const std::size_t at = page.find("\n## " + heading + "\n");
  if (at == std::string::npos) return {};
  const std::size_t start = at + heading.size() + 5;
  const std::size_t end = page.find("\n## ", start);
  return page.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Every `code span` of `text`, in order.
Names code_spans(const std::string& text) {
  Names out;
  for (std::size_t open = text.find('`'); open != std::string::npos;
       open = text.find('`', open + 1)) {
    const std::size_t close = text.find('`', open + 1);
    if (close == std::string::npos) break;
    out.push_back(text.substr(open + 1, close - open - 1));
    open = close;
  }
  return out;
}

Names lines(const std::string& text) {
  Names out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The cells of a Markdown table row, trimmed.
Names cells(const std::string& row) {
  Names out;
  std::size_t start = row.find('|');
  while (start != std::string::npos) {
    const std::size_t end = row.find('|', start + 1);
    if (end == std::string::npos) break;
    std::string cell = row.substr(start + 1, end - start - 1);
    cell.erase(0, cell.find_first_not_of(' '));
    cell.erase(cell.find_last_not_of(' ') + 1);
    out.push_back(cell);
    start = end;
  }
  return out;
}

Names check_names() {
  Names out;
  for (const auto& check : analyzer::check::check_definitions()) out.emplace_back(check.name);
  return out;
}

Names format_names() {
  Names out;
  for (const auto& format : report::format_definitions()) out.emplace_back(format.name);
  return out;
}

Names rule_ids() {
  Names out;
  for (const rules::Rule* rule : rules::all_rules()) out.emplace_back(rule->id());
  return out;
}

// The docs users read: the README, docs/*.md and docs/rules/*.md.
std::vector<std::string> doc_files() {
  std::vector<std::string> out = {"README.md"};
  for (const char* folder : {"docs", "docs/rules"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(MIGSAFE_SOURCE_DIR) / folder)) {
      if (entry.path().extension() == ".md") {
        out.push_back(std::string(folder) + "/" + entry.path().filename().string());
      }
    }
  }
  return out;
}

TEST(NamesInDocsTest, CliMdCheckNamesAreTheChecksInTheirOrder) {
  const std::string names = section(read_doc("docs/cli.md"), "Check names");
  ASSERT_FALSE(names.empty()) << "docs/cli.md lacks ## Check names";
  EXPECT_EQ(code_spans(names), check_names());
}

TEST(NamesInDocsTest, ChecksMdTableListsTheChecksInTheOrderCheckRunsThem) {
  Names listed;
  for (const std::string& line : lines(read_doc("docs/checks.md"))) {
    const Names row = cells(line);
    if (row.size() < 2 || row[0].size() < 3 || row[0].front() != '`') continue;
    const std::string name = row[0].substr(1, row[0].size() - 2);
    listed.push_back(name);
    for (const auto& check : analyzer::check::check_definitions()) {
      if (check.name != name) continue;
      const bool on = check.on_by_default == analyzer::check::OnByDefault::yes;
      EXPECT_EQ(row[1].rfind("yes", 0) == 0, on) << name << ": on by default is " << row[1];
    }
  }
  EXPECT_EQ(listed, check_names());
}

TEST(NamesInDocsTest, CliMdFormatOptionListsEveryFormat) {
  const std::string page = read_doc("docs/cli.md");
  const std::size_t at = page.find("| `--format ");
  ASSERT_NE(at, std::string::npos) << "docs/cli.md lacks the --format row";
  const std::size_t start = at + 12;
  std::string spelled = page.substr(start, page.find('`', start) - start);
  Names listed;
  for (std::size_t from = 0; from <= spelled.size();) {
    std::size_t bar = spelled.find("\\|", from);
    if (bar == std::string::npos) bar = spelled.size();
    listed.push_back(spelled.substr(from, bar - from));
    from = bar + 2;
  }
  EXPECT_EQ(listed, format_names());
}

TEST(NamesInDocsTest, EveryFormatADocNamesExists) {
  const Names formats = format_names();
  int seen = 0;
  for (const std::string& file : doc_files()) {
    const std::string text = read_doc(file);
    for (std::size_t at = text.find("--format "); at != std::string::npos;
         at = text.find("--format ", at + 1)) {
      std::size_t end = at + 9;
      while (end < text.size() && (std::islower(static_cast<unsigned char>(text[end])) ||
                                   text[end] == '|' || text[end] == '\\')) {
        ++end;
      }
      std::string names = text.substr(at + 9, end - at - 9);
      for (char& c : names) c = c == '|' || c == '\\' ? ' ' : c;
      std::istringstream in(names);
      for (std::string name; in >> name; ++seen) {
        EXPECT_NE(std::find(formats.begin(), formats.end(), name), formats.end())
            << file << " names a format no table has: --format " << name;
      }
    }
  }
  EXPECT_GT(seen, 4) << "no --format found in the docs: is the scan broken?";
}

TEST(NamesInDocsTest, RulesReadmeListsEveryRuleInOrderWithSeverityAndAliases) {
  const std::string page = read_doc("docs/rules/README.md");
  Names listed;
  for (const std::string& line : lines(page)) {
    const Names row = cells(line);
    if (row.size() != 4 || row[0].rfind("[`", 0) != 0) continue;
    const std::string id = code_spans(row[0]).at(0);
    listed.push_back(id);
    EXPECT_EQ(row[0], "[`" + id + "`](" + id + ".md)");
    const rules::Rule* rule = rules::find_rule(id);
    if (rule == nullptr || rule->id() != id) continue;  // the list comparison below fails
    EXPECT_EQ(row[1], model::severity_name(rule->default_severity())) << id;
    Names aliases;
    for (const auto& info : rules::list_rules()) {
      if (info.id == id) aliases.assign(info.aliases.begin(), info.aliases.end());
    }
    EXPECT_EQ(row[3] == "-" ? Names{} : code_spans(row[3]), aliases) << id;
  }
  EXPECT_EQ(listed, rule_ids());

  // "The linter also reports, under its own ids:", then a bullet per id up to a blank line.
  const std::size_t intro = page.find("under its own ids:\n");
  ASSERT_NE(intro, std::string::npos) << "docs/rules/README.md lacks the linter's own ids";
  const std::size_t list = page.find("\n\n", intro) + 2;
  Names own;
  for (const std::string& line : lines(page.substr(list, page.find("\n\n", list) - list))) {
    if (line.rfind("- `", 0) == 0) own.push_back(code_spans(line).at(0));
  }
  EXPECT_EQ(own, Names(rules::linter_ids().begin(), rules::linter_ids().end()));
}

// Besides the rule pages, docs/rules holds the index (README.md) and the coverage matrix
// (coverage.md, which tests/rules/coverage_matrix_test.cpp checks).
TEST(NamesInDocsTest, EveryRulePageIsARuleAndEveryRuleHasAPage) {
  Names pages;
  for (const auto& entry : fs::directory_iterator(fs::path(MIGSAFE_SOURCE_DIR) / "docs/rules")) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() == ".md" && stem != "README" && stem != "coverage") {
      pages.push_back(stem);
    }
  }
  std::sort(pages.begin(), pages.end());
  EXPECT_EQ(pages, rule_ids());
}

// The config examples (```toml blocks) are read by the config reader, which refuses a
// check or rule name no table has; the pipeline files among them by the runner's reader,
// which refuses a key or step kind it does not know.
TEST(NamesInDocsTest, ConfigExamplesInTheDocsAreValidConfigs) {
  int blocks = 0;
  for (const std::string& file : doc_files()) {
    const std::string text = read_doc(file);
    for (std::size_t open = text.find("```toml\n"); open != std::string::npos;
         open = text.find("```toml\n", open + 1)) {
      const std::size_t close = text.find("```", open + 8);
      const std::string block = text.substr(open + 8, close - open - 8);
      const bool pyproject = block.find("[tool.migsafe]") != std::string::npos;
      ++blocks;
      if (block.find("[[stages.") != std::string::npos) {
        EXPECT_NO_THROW(runner::parse_pipeline(block, file, false)) << file << ":\n" << block;
        continue;
      }
      try {
        const config::Config config = config::parse_config(block, file, pyproject);
        EXPECT_TRUE(config.warnings.empty()) << file << ": " << config.warnings[0].message;
      } catch (const model::Error& e) {
        ADD_FAILURE() << file << ": " << e.what() << "\n  " << e.fix();
      }
    }
  }
  EXPECT_GE(blocks, 3);
}

}  // namespace
}  // namespace migsafe::cli
