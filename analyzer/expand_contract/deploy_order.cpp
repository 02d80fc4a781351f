#include "analyzer/expand_contract/deploy_order.hpp"

#include <algorithm>

#include "analyzer/diff/normalize.hpp"
#include "analyzer/expand_contract/rename_steps.hpp"

namespace migsafe::analyzer::expand_contract {
namespace {

using Kind = SchemaChange::Kind;

const model::Column* mapped(const model::Schema& models, const std::string& table,
                            const std::string& column) {
  const model::Table* t = models.find_table(table);
  return t == nullptr ? nullptr : t->find_column(column);
}

bool maps(const model::Schema& models, const std::string& table, const std::string& column = "") {
  return column.empty() ? models.find_table(table) != nullptr
                        : mapped(models, table, column) != nullptr;
}

// A column the database fills on INSERT when the code leaves it out.
bool filled_by_database(const model::Column& column) {
  return column.server_default || column.identity || column.generated || column.autoincrement;
}

bool same_columns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// Whether the models declare the constraint the migration adds, so the code that writes
// the table already keeps it.
bool declares(const model::Table& table, const SchemaChange& change) {
  if (change.constraint_kind == "UNIQUE") {
    if (table.primary_key && same_columns(table.primary_key->columns, change.columns)) return true;
    for (const auto& unique : table.uniques) {
      if (same_columns(unique.columns, change.columns)) return true;
    }
    for (const auto& index : table.indexes) {
      if (index.unique && same_columns(index.elements, change.columns)) return true;
    }
    return false;
  }
  if (change.constraint_kind == "FOREIGN KEY") {
    return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                       [&](const auto& key) { return same_columns(key.columns, change.columns); });
  }
  return std::any_of(table.checks.begin(), table.checks.end(), [&](const auto& check) {
    return (!change.constraint_name.empty() && check.name == change.constraint_name) ||
           diff::normalize_expression(check.expression) == change.check_expression;
  });
}

std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& column : columns) out += (out.empty() ? "" : ", ") + column;
  return out;
}

// Judges one code version against the schema it meets.
class Judge {
 public:
  Judge(const SchemaChange& change, const model::Schema& models, std::string code)
      : change_(change), models_(models), code_(std::move(code)) {}

  // The code runs on the schema from before the migration: what it maps must exist.
  std::optional<Breakage> before_the_migration() const {
    const SchemaChange& c = change_;
    if (c.kind == Kind::table_created && maps(models_, c.table)) {
      return breakage(subject() + "maps table " + c.table + ", which only this migration creates",
                      ship_expand_first("table " + c.table));
    }
    if (c.kind == Kind::column_created && maps(models_, c.table, c.column)) {
      return breakage(subject() + "maps " + c.object() + ", which only this migration creates",
                      ship_expand_first(c.object()));
    }
    if (c.kind == Kind::column_renamed && maps(models_, c.table, c.new_name) &&
        !maps(models_, c.table, c.column)) {
      return breakage(subject() + "maps " + c.table + "." + c.new_name + ", which only this migration's "
                      "rename of " + c.object() + " creates",
                      rename_help());
    }
    if (c.kind == Kind::table_renamed && maps(models_, c.new_name) && !maps(models_, c.table)) {
      return breakage(subject() + "maps table " + c.new_name + ", which only this migration's rename of " +
                          c.table + " creates",
                      rename_help());
    }
    return std::nullopt;
  }

  // The code runs on the schema the migration leaves.
  std::optional<Breakage> after_the_migration() const {
    const SchemaChange& c = change_;
    switch (c.kind) {
      case Kind::table_dropped:
      case Kind::column_dropped:
        if (!maps(models_, c.table, c.column)) return std::nullopt;  // the contract step
        return breakage("this migration drops " + what() + ", which the " + code_ + " code still maps",
                        "stop mapping " + what() + " in the models one release before the "
                        "migration that drops it (the contract step comes last)");
      case Kind::table_renamed:
      case Kind::column_renamed:
        if (!maps(models_, c.table, c.column)) return std::nullopt;
        return breakage("this migration renames " + what() + " to " +
                            (c.column.empty() ? c.new_name : c.table + "." + c.new_name) +
                            ", which the " + code_ + " code still maps as " + c.object(),
                        rename_help());
      case Kind::column_created:
        return not_null_created();
      case Kind::made_not_null:
        return made_not_null();
      case Kind::default_dropped:
        return default_dropped();
      case Kind::constraint_added:
        return constraint_added();
      case Kind::table_created:
        return std::nullopt;
    }
    return std::nullopt;
  }

 private:
  std::string what() const {
    return change_.column.empty() ? "table " + change_.table : change_.object();
  }

  std::string subject() const { return "the " + code_ + " code "; }

  Breakage breakage(const std::string& message, const std::string& help) const {
    return {code_, message, help};
  }

  static std::string ship_expand_first(const std::string& object) {
    return "ship this migration (the expand step) in a release before the code that maps " +
           object + ": the migration alone now, the models' mapping in the next release";
  }

  std::string rename_help() const {
    std::string python_type;
    for (const std::string& name : {change_.column, change_.new_name}) {
      const model::Column* column = mapped(models_, change_.table, name);
      if (column != nullptr && python_type.empty()) python_type = column->python_type;
    }
    return rename_steps(change_, python_type);
  }

  std::optional<Breakage> not_null_created() const {
    const SchemaChange& c = change_;
    if (c.after.nullable || filled_by_database(c.after) || !maps(models_, c.table)) {
      return std::nullopt;
    }
    const model::Column* column = mapped(models_, c.table, c.column);
    if (column != nullptr && !column->nullable) return std::nullopt;  // the code sets it
    return breakage(subject() + (column == nullptr ? "does not map " : "declares nullable ") +
                        c.object() + ", which this migration adds NOT NULL without a server "
                        "default: its INSERTs into " + c.table + " fail",
                    "give the column a server_default in op.add_column (or add it nullable, "
                    "map it, backfill, and set NOT NULL in a later release)");
  }

  std::optional<Breakage> made_not_null() const {
    const SchemaChange& c = change_;
    if (!maps(models_, c.table)) return std::nullopt;
    // Filled whatever the code writes; a server default fills only what it leaves out.
    if (c.after.identity || c.after.generated || c.after.autoincrement) return std::nullopt;
    const model::Column* column = mapped(models_, c.table, c.column);
    const std::string fix =
        "map " + c.column + " as nullable=False with a default (default= or server_default=) "
        "in the release before the migration sets NOT NULL";
    if (column == nullptr) {
      if (c.after.server_default) return std::nullopt;
      return breakage(subject() + "does not map " + c.object() + ", which this migration makes NOT NULL "
                      "without a server default: its INSERTs into " + c.table + " fail",
                      fix);
    }
    if (column->identity || column->autoincrement || column->generated) return std::nullopt;
    if (column->nullable) {
      return breakage(subject() + "declares " + c.object() + " nullable, and this migration makes it NOT "
                      "NULL: writing None fails",
                      fix);
    }
    if (!column->client_default && !column->server_default && !c.after.server_default) {
      return breakage(subject() + "gives " + c.object() + " no default, and this migration makes it NOT "
                      "NULL: an INSERT that leaves it out fails",
                      fix);
    }
    return std::nullopt;
  }

  // The server default filled what the code's INSERTs leave out; now nothing does.
  std::optional<Breakage> default_dropped() const {
    const SchemaChange& c = change_;
    if (!maps(models_, c.table) || filled_by_database(c.after)) return std::nullopt;
    const model::Column* column = mapped(models_, c.table, c.column);
    if (column != nullptr && (column->client_default || column->server_default ||
                              column->identity || column->autoincrement || column->generated)) {
      return std::nullopt;
    }
    return breakage(subject() + (column == nullptr ? "does not map " : "gives no default to ") +
                        c.object() + ", NOT NULL, whose server default this migration drops: an "
                        "INSERT that leaves it out fails",
                    "give the models a default (default= or server_default=) in the release "
                    "before the migration drops the server default");
  }

  std::optional<Breakage> constraint_added() const {
    const SchemaChange& c = change_;
    const model::Table* table = models_.find_table(c.table);
    // The old code is not judged by constraints it never knew of: it wrote the rows the
    // migration validates when it adds them (the issue is code written for the new schema).
    if (table == nullptr || code_ == "old") return std::nullopt;
    const bool writes = std::any_of(c.columns.begin(), c.columns.end(), [&](const auto& column) {
      return table->find_column(column) != nullptr;
    });
    if (!writes || declares(*table, c)) return std::nullopt;
    std::vector<std::string> qualified;
    for (const std::string& column : c.columns) qualified.push_back(c.table + "." + column);
    const std::string on = qualified.empty() ? c.table : joined(qualified);
    return breakage(subject() + "writes " + on + " without declaring the " + c.constraint_kind +
                        " constraint this migration adds" +
                        (c.constraint_name.empty() ? "" : " (" + c.constraint_name + ")"),
                    "declare the same constraint in the models in the release before the "
                    "migration adds it, so the code that runs when it lands already keeps it");
  }

  const SchemaChange& change_;
  const model::Schema& models_;
  std::string code_;
};

}  // namespace

std::vector<Breakage> judge(const SchemaChange& change, DeployOrder order, const CodeVersions& code) {
  std::vector<Breakage> out;
  if (order == DeployOrder::migrate_first && code.old_models != nullptr) {
    if (auto broken = Judge(change, *code.old_models, "old").after_the_migration()) {
      out.push_back(std::move(*broken));
    }
  }
  if (code.new_models != nullptr) {
    const Judge judge(change, *code.new_models, "new");
    std::optional<Breakage> broken;
    if (order == DeployOrder::code_first) broken = judge.before_the_migration();
    if (!broken) broken = judge.after_the_migration();
    if (broken) out.push_back(std::move(*broken));
  }
  return out;
}

std::optional<Breakage> judge_after(const SchemaChange& change, const model::Schema& models,
                                    const std::string& code) {
  return Judge(change, models, code).after_the_migration();
}

}  // namespace migsafe::analyzer::expand_contract
