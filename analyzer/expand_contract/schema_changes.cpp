#include "analyzer/expand_contract/schema_changes.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "analyzer/diff/normalize.hpp"
#include "rules/sql/parser.hpp"

namespace migsafe::analyzer::expand_contract {
namespace {

using Kind = SchemaChange::Kind;

std::string unquoted(std::string name) {
  name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// A comma list, split at the commas outside parentheses (CAST(x AS NUMERIC(10, 2))).
std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::string item;
  int depth = 0;
  for (char c : list) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (c == ',' && depth == 0) {
      out.push_back(item);
      item.clear();
    } else if (c != ' ' && c != '\n' && c != '\t') {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

// Alembic's batch move-and-copy on SQLite copies each column into its new name:
// INSERT INTO _alembic_tmp_plates (id, plate_number) SELECT plates.id, plates.number FROM plates
void add_batch_renames(const std::string& sql, std::vector<Rename>& out) {
  // std::regex recurses per character: only Alembic's copy, and not a table of
  // thousands of columns (a rename there reads as a drop and an add).
  if (sql.find("_alembic_tmp_") == std::string::npos || sql.size() > 20000) return;
  static const std::regex copy(
      R"re(INSERT INTO "?_alembic_tmp_(\w+)"?\s*\(([^)]*)\)\s*SELECT\s+([\s\S]*?)\s+FROM\s+"?(\w+)"?)re",
      std::regex::icase);
  std::smatch match;
  if (!std::regex_search(sql, match, copy)) return;
  const std::vector<std::string> targets = split_list(match[2]);
  const std::vector<std::string> sources = split_list(match[3]);
  if (targets.size() != sources.size()) return;
  static const std::regex plain_column(R"re("?\w+"?\."?\w+"?|"?\w+"?)re");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!std::regex_match(sources[i], plain_column)) continue;  // a CAST: a type change
    const std::string from = unquoted(sources[i]);
    const std::string to = unquoted(targets[i]);
    if (from != to) out.push_back({match[4], from, to});
  }
}

SchemaChange make(Kind kind, std::string table, std::string column = {}, std::string new_name = {}) {
  SchemaChange change;
  change.kind = kind;
  change.table = std::move(table);
  change.column = std::move(column);
  change.new_name = std::move(new_name);
  return change;
}

bool same_columns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The constraints of a table that code writing to it must satisfy, one per kind and
// column set (a unique index counts as UNIQUE).
struct Constraint {
  std::string kind;
  std::string name;
  std::vector<std::string> columns;
  std::string expression;  // CHECK, normalised
  std::string written;     // CHECK, as reflected: the columns it names are read from it
};

std::vector<std::string> renamed(std::vector<std::string> columns,
                                 const std::map<std::string, std::string>& new_names) {
  for (std::string& column : columns) {
    auto it = new_names.find(column);
    if (it != new_names.end()) column = it->second;
  }
  return columns;
}

// The table's columns a CHECK expression names.
std::vector<std::string> columns_named(const std::string& expression, const model::Table& table) {
  static const std::regex word(R"([A-Za-z_][A-Za-z0-9_]*)");
  std::set<std::string> named;
  for (auto it = std::sregex_iterator(expression.begin(), expression.end(), word);
       it != std::sregex_iterator(); ++it) {
    if (table.find_column(it->str()) != nullptr) named.insert(it->str());
  }
  return {named.begin(), named.end()};
}

std::vector<Constraint> constraints_of(const model::Table& table,
                                       const std::map<std::string, std::string>& new_names) {
  std::vector<Constraint> out;
  for (const auto& unique : table.uniques) {
    out.push_back({"UNIQUE", unique.name, renamed(unique.columns, new_names), "", ""});
  }
  for (const auto& index : table.indexes) {
    if (index.unique && !index.predicate) {
      out.push_back({"UNIQUE", index.name, renamed(index.elements, new_names), "", ""});
    }
  }
  for (const auto& key : table.foreign_keys) {
    out.push_back({"FOREIGN KEY", key.name, renamed(key.columns, new_names), "", ""});
  }
  for (const auto& check : table.checks) {
    out.push_back(
        {"CHECK", check.name, {}, diff::normalize_expression(check.expression), check.expression});
  }
  return out;
}

bool has_constraint(const std::vector<Constraint>& constraints, const Constraint& wanted) {
  return std::any_of(constraints.begin(), constraints.end(), [&](const Constraint& c) {
    if (c.kind != wanted.kind) return false;
    if (c.kind == "CHECK") return c.expression == wanted.expression;
    return same_columns(c.columns, wanted.columns);
  });
}

class Differ {
 public:
  Differ(const model::Schema& before, const model::Schema& after, const std::vector<Rename>& renames)
      : before_(before), after_(after), renames_(renames) {}

  std::vector<SchemaChange> changes() {
    for (const model::Table& table : before_.tables) {
      const model::Table* now = after_.find_table(table.name);
      if (now != nullptr) {
        compare_table(table, *now);
      } else if (const std::string* to = table_renamed_to(table.name)) {
        add(make(Kind::table_renamed, table.name, "", *to));
      } else {
        add(make(Kind::table_dropped, table.name));
      }
    }
    for (const model::Table& table : after_.tables) {
      if (before_.find_table(table.name) == nullptr && !is_rename_target(table.name, "")) {
        add(make(Kind::table_created, table.name));
      }
    }
    return std::move(changes_);
  }

 private:
  void add(SchemaChange change) { changes_.push_back(std::move(change)); }

  const std::string* table_renamed_to(const std::string& table) const {
    for (const Rename& rename : renames_) {
      if (rename.column.empty() && rename.table == table &&
          after_.find_table(rename.new_name) != nullptr &&
          before_.find_table(rename.new_name) == nullptr) {
        return &rename.new_name;
      }
    }
    return nullptr;
  }

  const std::string* column_renamed_to(const model::Table& before, const model::Table& after,
                                       const std::string& column) const {
    for (const Rename& rename : renames_) {
      if (!rename.column.empty() && rename.table == before.name && rename.column == column &&
          after.find_column(rename.new_name) != nullptr &&
          before.find_column(rename.new_name) == nullptr) {
        return &rename.new_name;
      }
    }
    return nullptr;
  }

  bool is_rename_target(const std::string& table, const std::string& column) const {
    return std::any_of(renames_.begin(), renames_.end(), [&](const Rename& rename) {
      return column.empty() ? rename.column.empty() && rename.new_name == table
                            : rename.table == table && rename.new_name == column;
    });
  }

  void compare_table(const model::Table& before, const model::Table& after) {
    std::map<std::string, std::string> new_names;
    for (const model::Column& column : before.columns) {
      const model::Column* now = after.find_column(column.name);
      if (now != nullptr) {
        if (column.nullable && !now->nullable) {
          SchemaChange change = make(Kind::made_not_null, after.name, column.name);
          change.after = *now;
          add(std::move(change));
        } else if (!now->nullable && column.server_default && !now->server_default) {
          SchemaChange change = make(Kind::default_dropped, after.name, column.name);
          change.after = *now;
          add(std::move(change));
        }
      } else if (const std::string* to = column_renamed_to(before, after, column.name)) {
        new_names[column.name] = *to;
        SchemaChange change = make(Kind::column_renamed, after.name, column.name, *to);
        change.after = *after.find_column(*to);
        add(std::move(change));
      } else {
        add(make(Kind::column_dropped, after.name, column.name));
      }
    }
    for (const model::Column& column : after.columns) {
      if (before.find_column(column.name) != nullptr) continue;
      if (is_rename_target(before.name, column.name)) continue;
      SchemaChange change = make(Kind::column_created, after.name, column.name);
      change.after = column;
      add(std::move(change));
    }
    const std::vector<Constraint> had = constraints_of(before, new_names);
    for (Constraint& constraint : constraints_of(after, {})) {
      if (has_constraint(had, constraint)) continue;
      SchemaChange change = make(Kind::constraint_added, after.name);
      change.constraint_kind = constraint.kind;
      change.constraint_name = constraint.name;
      change.check_expression = constraint.expression;
      change.columns = constraint.kind == "CHECK" ? columns_named(constraint.written, after)
                                                  : constraint.columns;
      // A constraint on columns this revision creates is judged with the columns.
      const bool on_new_columns = std::all_of(
          change.columns.begin(), change.columns.end(),
          [&](const std::string& c) { return before.find_column(c) == nullptr && !new_names.count(c); });
      if (!change.columns.empty() && on_new_columns) continue;
      add(std::move(change));
    }
  }

  const model::Schema& before_;
  const model::Schema& after_;
  const std::vector<Rename>& renames_;
  std::vector<SchemaChange> changes_;
};

}  // namespace

std::vector<Rename> renames_in(const std::vector<alembic::EmittedStatement>& statements) {
  std::vector<Rename> out;
  for (const alembic::EmittedStatement& emitted : statements) {
    if (emitted.kind != alembic::StatementKind::operation) continue;
    add_batch_renames(emitted.sql, out);
    for (const rules::sql::Statement& statement : rules::sql::parse_script(emitted.sql)) {
      const auto* rename = statement.as<rules::sql::Rename>();
      if (rename == nullptr) continue;
      if (rename->object == "column") {
        out.push_back({rename->target.name, rename->old_name, rename->new_name});
      } else if (rename->object == "table") {
        out.push_back({rename->target.name, "", rename->new_name});
      }
    }
  }
  return out;
}

std::vector<SchemaChange> changes_between(const model::Schema& before, const model::Schema& after,
                                          const std::vector<Rename>& renames) {
  return Differ(before, after, renames).changes();
}

}  // namespace migsafe::analyzer::expand_contract
