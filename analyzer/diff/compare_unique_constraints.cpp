#include <algorithm>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

void pair_unique_indexes(model::Table& expected, model::Table& actual, const CompareContext& ctx) {
  auto names = [&](const std::vector<std::string>& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns) out.push_back(normalize_name(c, ctx.options.dialect));
    return out;
  };
  auto plain_unique = [](const model::Index& i) {
    return i.unique && !i.predicate && i.include.empty() && (i.method.empty() || i.method == "btree");
  };
  auto pair_off = [&](std::vector<model::UniqueConstraint>& uniques, std::vector<model::Index>& indexes,
                      const std::vector<model::UniqueConstraint>& other_uniques,
                      const std::vector<model::Index>& other_indexes) {
    for (auto u = uniques.begin(); u != uniques.end();) {
      // Only when the other side has no constraint of its own on these columns.
      const bool other_has_constraint = std::any_of(other_uniques.begin(), other_uniques.end(), [&](const auto& o) {
        return names(o.columns) == names(u->columns);
      });
      auto match = std::find_if(indexes.begin(), indexes.end(), [&](const model::Index& i) {
        return plain_unique(i) && names(i.elements) == names(u->columns);
      });
      const bool same_side_index = std::any_of(other_indexes.begin(), other_indexes.end(), [&](const auto& i) {
        return match != indexes.end() && i.name == match->name;
      });
      if (!other_has_constraint && match != indexes.end() && !same_side_index) {
        indexes.erase(match);
        u = uniques.erase(u);
      } else {
        ++u;
      }
    }
  };
  pair_off(expected.uniques, actual.indexes, actual.uniques, expected.indexes);
  pair_off(actual.uniques, expected.indexes, expected.uniques, actual.indexes);
}

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
