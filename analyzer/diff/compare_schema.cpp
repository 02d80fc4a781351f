#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"

namespace migsafe::analyzer::diff {

std::string object_kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::table: return "table";
    case ObjectKind::column: return "column";
    case ObjectKind::primary_key: return "primary key";
    case ObjectKind::unique_constraint: return "unique constraint";
    case ObjectKind::check_constraint: return "check constraint";
    case ObjectKind::foreign_key: return "foreign key";
    case ObjectKind::index: return "index";
    case ObjectKind::enum_type: return "enum";
    case ObjectKind::sequence: return "sequence";
  }
  return "object";
}

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? name : schema + "." + name;
}

bool CompareContext::same_name(const std::string& a, const std::string& b) const {
  return normalize_name(a, options.dialect) == normalize_name(b, options.dialect);
}

std::vector<Difference> compare_schemas(const model::Schema& expected, const model::Schema& actual,
                                        const DiffOptions& options) {
  std::vector<Difference> out;
  CompareContext ctx{options, out};
  compare_tables(expected, actual, ctx);
  compare_enums(expected, actual, ctx);
  compare_sequences(expected, actual, ctx);
  return out;
}

}  // namespace migsafe::analyzer::diff
