#include "tests/rules/rule_test_support.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace migsafe::rules::testing {

std::string source_path(const std::string& relative) {
  return std::string(MIGSAFE_SOURCE_DIR) + "/" + relative;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

LintOptions fixture_options(const std::string& rule) {
  LintOptions options;
  if (rule.rfind("sqlite-", 0) == 0) options.context.dialect = Dialect::sqlite;
  return options;
}

std::vector<model::Finding> findings_of(const std::string& rule, const std::string& sql,
                                        const LintOptions& options) {
  std::vector<model::Finding> out;
  for (model::Finding& f : lint_sql(sql, "migration.sql", options)) {
    if (f.rule == rule) out.push_back(std::move(f));
  }
  return out;
}

std::vector<model::Finding> fixture_findings(const std::string& rule, const std::string& file) {
  const std::string relative = "fixtures/sql/" + rule + "/" + file;
  std::vector<model::Finding> out;
  for (model::Finding& f :
       lint_sql(read_text(source_path(relative)), relative, fixture_options(rule))) {
    if (f.rule == rule) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace migsafe::rules::testing
