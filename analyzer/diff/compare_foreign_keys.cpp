#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

void compare_foreign_keys(const model::Table& expected, const model::Table& actual, CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  const auto dialect = ctx.options.dialect;
  auto names = [&](const std::vector<std::string>& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns) out.push_back(normalize_name(c, dialect));
    return out;
  };
  auto same_target = [&](const model::ForeignKey& e, const model::ForeignKey& a) {
    return names(e.columns) == names(a.columns) && e.referred_schema == a.referred_schema &&
           ctx.same_name(e.referred_table, a.referred_table);
  };
  auto create = [&](const model::ForeignKey& fk) {
    std::string after = py_string(fk.referred_table) + ", " + py_list(fk.columns) + ", " + py_list(fk.referred_columns);
    if (!fk.on_delete.empty()) after += ", ondelete=" + py_string(fk.on_delete);
    if (!fk.on_update.empty()) after += ", onupdate=" + py_string(fk.on_update);
    if (fk.deferrable) after += ", deferrable=True";
    if (fk.initially_deferred) after += ", initially=\"DEFERRED\"";
    if (!fk.referred_schema.empty()) after += ", referent_schema=" + py_string(fk.referred_schema);
    return table_op(ctx, expected.name, "create_foreign_key", fk.name.empty() ? "None" : py_string(fk.name), after);
  };
  auto drop = [&](const model::ForeignKey& fk) {
    return table_op(ctx, expected.name, "drop_constraint", fk.name.empty() ? "None" : py_string(fk.name),
                    "type_=\"foreignkey\"");
  };
  auto label = [](const model::ForeignKey& fk) {
    return fk.name.empty() ? "(" + join(fk.columns) + ") -> " + fk.referred_table : fk.name;
  };
  match_objects(
      expected.foreign_keys, actual.foreign_keys, ctx, [](const model::ForeignKey& fk) { return fk.name; },
      same_target,
      [&](const model::ForeignKey& e, const model::ForeignKey& a) {
        std::string attribute;
        if (!same_target(e, a) || names(e.referred_columns) != names(a.referred_columns))
          attribute = "columns";
        else if (normalize_fk_action(e.on_delete) != normalize_fk_action(a.on_delete))
          attribute = "on_delete";
        else if (normalize_fk_action(e.on_update) != normalize_fk_action(a.on_update))
          attribute = "on_update";
        else if (e.deferrable != a.deferrable || e.initially_deferred != a.initially_deferred)
          attribute = "deferrable";
        if (attribute.empty()) return;
        ctx.add({ObjectKind::foreign_key, Change::changed, table, label(e), attribute, describe_foreign_key(e),
                 describe_foreign_key(a), drop(a) + "\n" + create(e)});
      },
      [&](const model::ForeignKey& e) {
        ctx.add({ObjectKind::foreign_key, Change::missing, table, label(e), "", describe_foreign_key(e), "-",
                 create(e)});
      },
      [&](const model::ForeignKey& a) {
        ctx.add({ObjectKind::foreign_key, Change::unexpected, table, label(a), "", "-", describe_foreign_key(a),
                 drop(a)});
      });
}

}  // namespace migsafe::analyzer::diff
