#include "analyzer/expand_contract/static_judge.hpp"

#include <algorithm>
#include <string_view>

#include "rules/sql/parser.hpp"
#include "rules/suppression.hpp"

namespace migsafe::analyzer::expand_contract {
namespace {

using Kind = SchemaChange::Kind;

SchemaChange make(Kind kind, const std::string& table, const std::string& column = {},
                  const std::string& new_name = {}) {
  SchemaChange change;
  change.kind = kind;
  change.table = table;
  change.column = column;
  change.new_name = new_name;
  return change;
}

// The changes a statement makes that the static part judges.
std::vector<SchemaChange> changes_of(const rules::sql::Statement& statement) {
  namespace sql = rules::sql;
  std::vector<SchemaChange> out;
  if (const auto* alter = statement.as<sql::AlterTable>()) {
    if (alter->object != "table") return out;
    for (const sql::AlterTableCommand& command : alter->commands) {
      if (command.kind == sql::AlterKind::drop_column) {
        out.push_back(make(Kind::column_dropped, alter->table.name, command.column));
      } else if (command.kind == sql::AlterKind::set_not_null) {
        SchemaChange change = make(Kind::made_not_null, alter->table.name, command.column);
        change.after.nullable = false;
        // Without a database its default is unknown, and counted as one: only a column
        // the models declare nullable is judged.
        change.after.server_default = "";
        out.push_back(std::move(change));
      }
    }
  } else if (const auto* drop = statement.as<sql::Drop>()) {
    if (drop->object != "table") return out;
    for (const sql::QualifiedName& name : drop->names) out.push_back(make(Kind::table_dropped, name.name));
  } else if (const auto* rename = statement.as<sql::Rename>()) {
    if (rename->object == "column") {
      out.push_back(make(Kind::column_renamed, rename->target.name, rename->old_name, rename->new_name));
    } else if (rename->object == "table") {
      out.push_back(make(Kind::table_renamed, rename->target.name, "", rename->new_name));
    }
  }
  return out;
}

// The lint rule that flags the same statement: its ignore comment silences ours too.
std::string_view companion_rule(Kind kind) {
  switch (kind) {
    case Kind::column_dropped: return "ban-drop-column";
    case Kind::table_dropped: return "ban-drop-table";
    case Kind::column_renamed: return "renaming-column";
    case Kind::table_renamed: return "renaming-table";
    default: return "expand-contract";
  }
}

bool silenced(const std::vector<rules::Suppression>& suppressions, const model::Location& at,
              Kind kind) {
  return std::any_of(suppressions.begin(), suppressions.end(), [&](const rules::Suppression& s) {
    if (s.where.file != at.file) return false;
    if (!s.file_wide && (at.line < s.first_line || at.line > s.last_line)) return false;
    return std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& rule) {
      return rule == companion_rule(kind) || rule == "expand-contract";
    });
  });
}

}  // namespace

std::vector<model::Finding> judge_statements(const rules::LintUnit& unit,
                                             const model::Schema& new_models, DeployOrder order) {
  std::vector<model::Finding> out;
  for (const rules::Piece& piece : unit.pieces) {
    if (piece.author != rules::sql::Author::migration) continue;
    for (const rules::sql::Statement& statement : rules::sql::parse_script(piece.sql)) {
      if (statement.has_error) continue;
      for (const SchemaChange& change : changes_of(statement)) {
        if (silenced(unit.suppressions, piece.origin, change.kind)) continue;
        // Without old models, only the new code is judged: before the migration (a
        // rename to what the models now map, in code-first) and after it.
        std::vector<Breakage> broken_list = judge(change, order, {&new_models, nullptr});
        if (broken_list.empty()) continue;
        const Breakage* broken = &broken_list.front();
        model::Finding finding;
        finding.check = finding.rule = "expand-contract";
        finding.message = broken->message + " (" + std::string(deploy_order_name(order)) + ")";
        finding.help = broken->help;
        finding.location = piece.origin;
        finding.statement = statement.text;
        finding.proven = false;
        finding.deploy_order = std::string(deploy_order_name(order));
        finding.code = broken->code;
        out.push_back(std::move(finding));
      }
    }
  }
  return out;
}

bool is_contract_step(const model::Finding& finding, const std::vector<const model::Schema*>& models) {
  if (finding.rule != "ban-drop-column" && finding.rule != "ban-drop-table") return false;
  bool drops = false;
  for (const rules::sql::Statement& statement : rules::sql::parse_script(finding.statement)) {
    for (const SchemaChange& change : changes_of(statement)) {
      if (change.kind != Kind::column_dropped && change.kind != Kind::table_dropped) continue;
      drops = true;
      const bool mapped = std::any_of(models.begin(), models.end(), [&](const model::Schema* m) {
        const model::Table* table = m->find_table(change.table);
        return table != nullptr && (change.column.empty() || table->find_column(change.column));
      });
      if (mapped) return false;
    }
  }
  return drops;
}

}  // namespace migsafe::analyzer::expand_contract
