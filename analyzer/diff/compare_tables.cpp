#include <algorithm>
#include <unordered_map>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::string create_table_op(const model::Table& table, dbdrivers::Dialect dialect) {
  std::string out = "op.create_table(" + py_string(table.name);
  for (const auto& column : table.columns) out += ",\n    " + render_column(column, dialect);
  if (table.primary_key)
    out += ",\n    sa.PrimaryKeyConstraint(" + join([&] {
             std::vector<std::string> q;
             for (const auto& c : table.primary_key->columns) q.push_back(py_string(c));
             return q;
           }()) + ")";
  if (!table.schema.empty()) out += ",\n    schema=" + py_string(table.schema);
  return out + ",\n)";
}

std::string describe_table(const model::Table& table) {
  std::vector<std::string> columns;
  for (const auto& column : table.columns) columns.push_back(describe_column(column));
  return "TABLE " + qualified(table.schema, table.name) + " (" + join(columns) + ")";
}

}  // namespace

void compare_tables(const model::Schema& expected, const model::Schema& actual, CompareContext& ctx) {
  auto ignored = [&](const model::Table& t) {
    return std::any_of(ctx.options.ignore_tables.begin(), ctx.options.ignore_tables.end(),
                       [&](const std::string& name) { return ctx.same_name(name, t.name); });
  };
  // Hashed by normalised name: schemas with thousands of tables stay linear.
  auto key = [&](const model::Table& t) { return t.schema + "." + normalize_name(t.name, ctx.options.dialect); };
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < actual.tables.size(); ++i) by_name.emplace(key(actual.tables[i]), i);
  std::vector<bool> seen(actual.tables.size(), false);
  for (const auto& table : expected.tables) {
    if (ignored(table)) continue;
    const auto found = by_name.find(key(table));
    const auto it = found == by_name.end() ? actual.tables.end()
                                           : actual.tables.begin() + static_cast<std::ptrdiff_t>(found->second);
    const std::string name = qualified(table.schema, table.name);
    if (it == actual.tables.end()) {
      ctx.add({ObjectKind::table, Change::missing, name, name, "", describe_table(table), "-",
               create_table_op(table, ctx.options.dialect)});
      continue;
    }
    seen[static_cast<std::size_t>(it - actual.tables.begin())] = true;
    compare_columns(table, *it, ctx);
    compare_primary_keys(table, *it, ctx);
    model::Table expected_keys = table;
    model::Table actual_keys = *it;
    pair_unique_indexes(expected_keys, actual_keys, ctx);
    compare_unique_constraints(expected_keys, actual_keys, ctx);
    compare_check_constraints(table, *it, ctx);
    compare_foreign_keys(table, *it, ctx);
    compare_indexes(expected_keys, actual_keys, ctx);
    compare_table_comments(table, *it, ctx);
  }
  for (std::size_t i = 0; i < actual.tables.size(); ++i) {
    const auto& table = actual.tables[i];
    if (seen[i] || ignored(table)) continue;
    const std::string name = qualified(table.schema, table.name);
    ctx.add({ObjectKind::table, Change::unexpected, name, name, "", "-", describe_table(table),
             "op.drop_table(" + py_string(table.name) +
                 (table.schema.empty() ? "" : ", schema=" + py_string(table.schema)) + ")"});
  }
}

}  // namespace migsafe::analyzer::diff
