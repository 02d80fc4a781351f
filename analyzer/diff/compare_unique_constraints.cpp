#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

void compare_unique_constraints(const model::Table& expected, const model::Table& actual,
                                CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  auto columns = [&](const model::UniqueConstraint& u) {
    std::vector<std::string> out;
    for (const auto& c : u.columns) out.push_back(normalize_name(c, ctx.options.dialect));
    return out;
  };
  auto create = [&](const model::UniqueConstraint& u) {
    return table_op(ctx, expected.name, "create_unique_constraint", u.name.empty() ? "None" : py_string(u.name),
                    py_list(u.columns) + (u.nulls_not_distinct ? ", postgresql_nulls_not_distinct=True" : ""));
  };
  auto drop = [&](const model::UniqueConstraint& u) {
    return table_op(ctx, expected.name, "drop_constraint", u.name.empty() ? "None" : py_string(u.name),
                    "type_=\"unique\"");
  };
  auto label = [](const model::UniqueConstraint& u) { return u.name.empty() ? "(" + join(u.columns) + ")" : u.name; };
  match_objects(
      expected.uniques, actual.uniques, ctx, [](const model::UniqueConstraint& u) { return u.name; },
      [&](const auto& e, const auto& a) { return columns(e) == columns(a); },
      [&](const model::UniqueConstraint& e, const model::UniqueConstraint& a) {
        const bool nnd_differs = ctx.postgres() && e.nulls_not_distinct != a.nulls_not_distinct;
        if (columns(e) == columns(a) && !nnd_differs) return;
        ctx.add({ObjectKind::unique_constraint, Change::changed, table, label(e),
                 columns(e) != columns(a) ? "columns" : "nulls_not_distinct", describe_unique(e),
                 describe_unique(a), drop(a) + "\n" + create(e)});
      },
      [&](const model::UniqueConstraint& e) {
        ctx.add({ObjectKind::unique_constraint, Change::missing, table, label(e), "", describe_unique(e), "-",
                 create(e)});
      },
      [&](const model::UniqueConstraint& a) {
        ctx.add({ObjectKind::unique_constraint, Change::unexpected, table, label(a), "", "-",
                 describe_unique(a), drop(a)});
      });
}

}  // namespace migsafe::analyzer::diff
