#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

// Column comments are compared with the column (compare_columns.cpp); SQLite has none.
void compare_table_comments(const model::Table& expected, const model::Table& actual, CompareContext& ctx) {
  if (!ctx.postgres() || expected.comment == actual.comment) return;
  const std::string table = qualified(expected.schema, expected.name);
  const std::string fix = expected.comment
                              ? "op.create_table_comment(" + py_string(expected.name) + ", " +
                                    py_string(*expected.comment) + ")"
                              : "op.drop_table_comment(" + py_string(expected.name) + ")";
  ctx.add({ObjectKind::table, Change::changed, table, table, "comment", expected.comment.value_or("-"),
           actual.comment.value_or("-"), fix});
}

}  // namespace migsafe::analyzer::diff
