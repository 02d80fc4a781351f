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

std::vector<model::Finding> chain_findings(const std::string& rule,
                                           const std::vector<std::string>& units,
                                           const LintOptions& options) {
  SchemaState schema;
  std::vector<model::Finding> out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    LintUnit unit;
    Piece piece;
    piece.sql = units[i];
    piece.origin.file = "revision_" + std::to_string(i + 1) + ".sql";
    piece.origin.line = 1;
    piece.origin.column = 1;
    unit.pieces.push_back(std::move(piece));
    const bool last = i + 1 == units.size();
    lint(unit, options, schema, [&](model::Finding&& f) {
      if (last && f.rule == rule) out.push_back(std::move(f));
    });
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
