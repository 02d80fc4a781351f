#include "analyzer/diff/render.hpp"

#include <regex>

#include "analyzer/diff/normalize.hpp"

namespace migsafe::analyzer::diff {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string py_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string py_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const auto& item : items) quoted.push_back(py_string(item));
  return "[" + join(quoted) + "]";
}

std::string python_type(const model::Column& column, dbdrivers::Dialect dialect) {
  if (!column.python_type.empty()) return column.python_type;
  const std::string t = normalize_type(column.type, dialect);
  std::smatch m;
  static const std::regex with_args{R"(^([a-z ]+)\((\d+)(?:,(\d+))?\)$)"};
  if (std::regex_match(t, m, with_args)) {
    const std::string base = m[1];
    if (base == "varchar") return "sa.String(length=" + m[2].str() + ")";
    if (base == "char") return "sa.CHAR(length=" + m[2].str() + ")";
    if (base == "numeric")
      return "sa.Numeric(precision=" + m[2].str() + (m[3].matched ? ", scale=" + m[3].str() : "") + ")";
  }
  static const std::vector<std::pair<std::string, std::string>> simple = {
      {"integer", "sa.Integer()"},       {"bigint", "sa.BigInteger()"},
      {"smallint", "sa.SmallInteger()"}, {"text", "sa.Text()"},
      {"varchar", "sa.String()"},        {"boolean", "sa.Boolean()"},
      {"date", "sa.Date()"},             {"timestamp", "sa.DateTime()"},
      {"datetime", "sa.DateTime()"},     {"timestamptz", "sa.DateTime(timezone=True)"},
      {"time", "sa.Time()"},             {"numeric", "sa.Numeric()"},
      {"double precision", "sa.Float()"}, {"real", "sa.REAL()"},
      {"json", "sa.JSON()"},             {"jsonb", "postgresql.JSONB()"},
      {"uuid", "postgresql.UUID()"},     {"bytea", "sa.LargeBinary()"},
      {"blob", "sa.LargeBinary()"},
  };
  for (const auto& [sql, py] : simple)
    if (t == sql) return py;
  return "sa.types.NullType()  # " + column.type;
}

std::string render_server_default(const std::optional<std::string>& value) {
  return value ? "sa.text(" + py_string(*value) + ")" : "None";
}

std::string render_column(const model::Column& column, dbdrivers::Dialect dialect) {
  std::string out = "sa.Column(" + py_string(column.name) + ", " + python_type(column, dialect);
  if (column.identity)
    out += std::string(", sa.Identity(always=") + (*column.identity == "always" ? "True" : "False") + ")";
  if (column.generated) out += ", sa.Computed(" + py_string(*column.generated) + ")";
  if (column.server_default) out += ", server_default=" + render_server_default(column.server_default);
  out += std::string(", nullable=") + (column.nullable ? "True" : "False");
  if (column.comment) out += ", comment=" + py_string(*column.comment);
  return out + ")";
}

std::string table_op(const CompareContext& ctx, const std::string& table, const std::string& method,
                     const std::string& before, const std::string& after, bool needs_batch) {
  auto args = [](std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& p : parts)
      if (!p.empty()) out += (out.empty() ? "" : ", ") + p;
    return out;
  };
  if (needs_batch && !ctx.postgres())
    return "with op.batch_alter_table(" + py_string(table) + ") as batch_op:\n    batch_op." + method +
           "(" + args({before, after}) + ")";
  return "op." + method + "(" + args({before, py_string(table), after}) + ")";
}

std::string describe_column(const model::Column& c) {
  std::string out = c.name + " " + c.type + (c.nullable ? " NULL" : " NOT NULL");
  if (c.server_default) out += " DEFAULT " + *c.server_default;
  if (c.identity) out += " GENERATED " + std::string(*c.identity == "always" ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
  if (c.generated) out += " GENERATED ALWAYS AS (" + *c.generated + ")";
  if (c.collation) out += " COLLATE \"" + *c.collation + "\"";
  if (c.comment) out += " COMMENT '" + *c.comment + "'";
  return out;
}

std::string describe_index(const model::Index& i) {
  std::string out = std::string(i.unique ? "UNIQUE INDEX " : "INDEX ") + i.name;
  if (!i.method.empty() && i.method != "btree") out += " USING " + i.method;
  out += " (" + join(i.elements) + ")";
  if (!i.include.empty()) out += " INCLUDE (" + join(i.include) + ")";
  if (i.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (i.predicate) out += " WHERE " + *i.predicate;
  return out;
}

std::string describe_unique(const model::UniqueConstraint& u) {
  return (u.name.empty() ? "" : "CONSTRAINT " + u.name + " ") + "UNIQUE" +
         (u.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" + join(u.columns) + ")";
}

std::string describe_check(const model::CheckConstraint& c) {
  return (c.name.empty() ? "" : "CONSTRAINT " + c.name + " ") + "CHECK (" + c.expression + ")";
}

std::string describe_foreign_key(const model::ForeignKey& fk) {
  std::string out = (fk.name.empty() ? "" : "CONSTRAINT " + fk.name + " ") + "FOREIGN KEY (" +
                    join(fk.columns) + ") REFERENCES " +
                    qualified(fk.referred_schema, fk.referred_table) + " (" + join(fk.referred_columns) + ")";
  if (!fk.on_delete.empty()) out += " ON DELETE " + fk.on_delete;
  if (!fk.on_update.empty()) out += " ON UPDATE " + fk.on_update;
  if (fk.deferrable) out += fk.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  return out;
}

std::string describe_primary_key(const model::PrimaryKey& pk) {
  return (pk.name.empty() ? "" : "CONSTRAINT " + pk.name + " ") + "PRIMARY KEY (" + join(pk.columns) + ")";
}

}  // namespace migsafe::analyzer::diff
