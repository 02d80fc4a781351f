#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {

void compare_primary_keys(const model::Table& expected, const model::Table& actual, CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  const auto& e = expected.primary_key;
  const auto& a = actual.primary_key;
  auto columns = [&](const model::PrimaryKey& pk) {
    std::vector<std::string> out;
    for (const auto& c : pk.columns) out.push_back(normalize_name(c, ctx.options.dialect));
    return out;
  };
  if (e && a && columns(*e) == columns(*a)) return;
  if (!e && !a) return;
  const std::string name = e && !e->name.empty() ? e->name : a ? a->name : "";
  std::string fix;
  if (a) fix += table_op(ctx, expected.name, "drop_constraint", py_string(a->name), "type_=\"primary\"") + "\n";
  if (e) fix += table_op(ctx, expected.name, "create_primary_key",
                         e->name.empty() ? "None" : py_string(e->name), py_list(e->columns));
  ctx.add({ObjectKind::primary_key, !a ? Change::missing : !e ? Change::unexpected : Change::changed, table,
           name, e && a ? "columns" : "", e ? describe_primary_key(*e) : "-",
           a ? describe_primary_key(*a) : "-", fix});
}

}  // namespace migsafe::analyzer::diff
