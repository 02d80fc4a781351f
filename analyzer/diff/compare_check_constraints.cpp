#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

void compare_check_constraints(const model::Table& expected, const model::Table& actual,
                               CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  auto same_expression = [](const model::CheckConstraint& e, const model::CheckConstraint& a) {
    return normalize_expression(e.expression) == normalize_expression(a.expression);
  };
  auto create = [&](const model::CheckConstraint& c) {
    return table_op(ctx, expected.name, "create_check_constraint", c.name.empty() ? "None" : py_string(c.name),
                    py_string(c.expression));
  };
  auto drop = [&](const model::CheckConstraint& c) {
    return table_op(ctx, expected.name, "drop_constraint", c.name.empty() ? "None" : py_string(c.name),
                    "type_=\"check\"");
  };
  auto label = [](const model::CheckConstraint& c) { return c.name.empty() ? "CHECK (" + c.expression + ")" : c.name; };
  match_objects(
      expected.checks, actual.checks, ctx, [](const model::CheckConstraint& c) { return c.name; },
      same_expression,
      [&](const model::CheckConstraint& e, const model::CheckConstraint& a) {
        if (same_expression(e, a)) return;
        ctx.add({ObjectKind::check_constraint, Change::changed, table, label(e), "expression",
                 describe_check(e), describe_check(a), drop(a) + "\n" + create(e)});
      },
      [&](const model::CheckConstraint& e) {
        ctx.add({ObjectKind::check_constraint, Change::missing, table, label(e), "", describe_check(e), "-",
                 create(e)});
      },
      [&](const model::CheckConstraint& a) {
        ctx.add({ObjectKind::check_constraint, Change::unexpected, table, label(a), "", "-", describe_check(a),
                 drop(a)});
      });
}

}  // namespace migsafe::analyzer::diff
