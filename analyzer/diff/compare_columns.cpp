#include <algorithm>

#include "analyzer/diff/comparators.hpp"
#include "analyzer/diff/normalize.hpp"
#include "analyzer/diff/render.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::string or_dash(const std::optional<std::string>& value) { return value ? *value : "-"; }

bool starts_with_nextval(const std::optional<std::string>& value) {
  if (!value) return false;
  std::string text = *value;
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text.rfind("nextval(", 0) == 0;
}

bool in_primary_key(const model::Table& table, const std::string& column) {
  return table.primary_key && std::find(table.primary_key->columns.begin(), table.primary_key->columns.end(),
                                        column) != table.primary_key->columns.end();
}

void compare_column(const model::Table& expected_table, const model::Column& e,
                    const model::Table& actual_table, const model::Column& a, CompareContext& ctx) {
  const auto dialect = ctx.options.dialect;
  const std::string table = qualified(expected_table.schema, expected_table.name);
  auto changed = [&](const std::string& attribute, const std::string& expected, const std::string& actual,
                     const std::string& kwarg) {
    ctx.add({ObjectKind::column, Change::changed, table, e.name, attribute, expected, actual,
             table_op(ctx, expected_table.name, "alter_column", "",
                      py_string(e.name) + ", " + kwarg + ", existing_type=" + python_type(a, dialect))});
  };

  // SQLite takes any declared type (and none); compare only when both declare one.
  const bool loose = !ctx.postgres() && (e.type.empty() || a.type.empty());
  if (!loose && normalize_type(e.type, dialect) != normalize_type(a.type, dialect))
    changed("type", e.type, a.type, "type_=" + python_type(e, dialect));

  // SQLite does not enforce NOT NULL on primary keys the way the models declare it.
  const bool pk_on_sqlite = !ctx.postgres() && in_primary_key(actual_table, a.name);
  if (e.nullable != a.nullable && !pk_on_sqlite)
    changed("nullable", e.nullable ? "NULL" : "NOT NULL", a.nullable ? "NULL" : "NOT NULL",
            std::string("nullable=") + (e.nullable ? "True" : "False"));

  // serial columns get nextval(...) from the database, not from the models.
  const bool serial_default = !e.server_default && starts_with_nextval(a.server_default);
  const bool same_default =
      (!e.server_default && !a.server_default) ||
      (e.server_default && a.server_default &&
       normalize_expression(*e.server_default) == normalize_expression(*a.server_default));
  if (!serial_default && !same_default)
    changed("server_default", or_dash(e.server_default), or_dash(a.server_default),
            "server_default=" + render_server_default(e.server_default));

  if (e.identity != a.identity)
    changed("identity", e.identity ? "GENERATED " + *e.identity + " AS IDENTITY" : "-",
            a.identity ? "GENERATED " + *a.identity + " AS IDENTITY" : "-",
            "# identity cannot be altered with op.alter_column; use op.execute(\"ALTER TABLE ... ALTER COLUMN ... "
            "ADD/DROP IDENTITY\")");

  const bool same_generated =
      (!e.generated && !a.generated) ||
      (e.generated && a.generated && normalize_expression(*e.generated) == normalize_expression(*a.generated));
  if (!same_generated)
    changed("generated", or_dash(e.generated), or_dash(a.generated),
            "# a generation expression cannot be altered: drop and re-add the column with sa.Computed(...)");

  // PostgreSQL names collations case-sensitively and calls the type's own "default";
  // SQLite's names are case-insensitive and BINARY is what no COLLATE means.
  auto collation = [&](const std::optional<std::string>& c) {
    if (!c) return std::string{};
    if (ctx.postgres()) return *c == "default" ? std::string{} : *c;
    std::string name = *c;
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    return name == "BINARY" ? std::string{} : name;
  };
  if (collation(e.collation) != collation(a.collation))
    changed("collation", or_dash(e.collation), or_dash(a.collation),
            "type_=" + python_type(e, dialect));

  if (ctx.postgres() && e.comment != a.comment)
    changed("comment", or_dash(e.comment), or_dash(a.comment),
            "comment=" + (e.comment ? py_string(*e.comment) : std::string("None")));
}

}  // namespace

void compare_columns(const model::Table& expected, const model::Table& actual, CompareContext& ctx) {
  const std::string table = qualified(expected.schema, expected.name);
  std::vector<bool> seen(actual.columns.size(), false);
  for (const auto& column : expected.columns) {
    auto it = std::find_if(actual.columns.begin(), actual.columns.end(),
                           [&](const model::Column& c) { return ctx.same_name(column.name, c.name); });
    if (it == actual.columns.end()) {
      ctx.add({ObjectKind::column, Change::missing, table, column.name, "", describe_column(column), "-",
               table_op(ctx, expected.name, "add_column", "", render_column(column, ctx.options.dialect),
                        false)});
      continue;
    }
    seen[static_cast<std::size_t>(it - actual.columns.begin())] = true;
    compare_column(expected, column, actual, *it, ctx);
  }
  for (std::size_t i = 0; i < actual.columns.size(); ++i) {
    if (seen[i]) continue;
    const auto& column = actual.columns[i];
    ctx.add({ObjectKind::column, Change::unexpected, table, column.name, "", "-", describe_column(column),
             table_op(ctx, expected.name, "drop_column", "", py_string(column.name))});
  }
}

}  // namespace migsafe::analyzer::diff
