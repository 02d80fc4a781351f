#include "rules/require_if_not_exists.hpp"

#include <algorithm>

#include "rules/sql/guarded_statement.hpp"
#include "rules/sql/identifier.hpp"
#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

using namespace sql;
using sql::to_upper;

Violation rerun(const std::string& what, const std::string& why, const std::string& help) {
  return {what + " fails when the migration runs again: " + why, help, {}, {}};
}

// Whether a step fails when it runs again. Where the simulation does not know the object
// (SQL it cannot model, or an object older than what it saw), the statement is judged
// alone: a create or drop without its guard fails.
bool fails(Rerun verdict) { return verdict != Rerun::runs; }
// For steps that re-run as written unless their object is gone (ALTER COLUMN ... TYPE,
// SET NOT NULL, SET DEFAULT...): only a known absence fails.
bool known_to_fail(Rerun verdict) { return verdict != Rerun::runs && verdict != Rerun::unknown; }

std::string no_relation(const std::string& name) {
  return "relation \"" + name + "\" does not exist";
}

// SQLite's guards live in the migration code: it has no DO blocks and no column guards.
std::string sqlite_inspect(const std::string& what, const std::string& table,
                           const std::string& when) {
  return what + " only when sa.inspect(op.get_bind()).get_columns(\"" + table + "\") " + when;
}

std::string no_guard_form(const Context& context) {
  return context.dialect() == Dialect::sqlite
             ? "SQLite has no guard for it: run it only when sa.inspect(op.get_bind()) shows "
               "it is needed"
             : "make it safe to run again: guard it with IF NOT EXISTS / IF EXISTS, or a DO "
               "block catching the error a second run raises";
}

// The statement itself with the guard it lacks; `fallback` (or the general advice) where
// the dialect has no such form.
std::string guarded_help(const Statement& statement, const Context& context,
                         GuardRequest request = {}, const std::string& fallback = {}) {
  request.dialect = context.dialect();
  request.pg_version = context.pg_version();
  const auto guarded = guarded_statement(statement, request);
  if (guarded) return guard_help(*guarded);
  return fallback.empty() ? no_guard_form(context) : fallback;
}

bool alters_column(AlterKind kind) {
  return kind == AlterKind::alter_column_type || kind == AlterKind::set_not_null ||
         kind == AlterKind::drop_not_null || kind == AlterKind::set_default ||
         kind == AlterKind::drop_default;
}

// Whether command k fails the second time.
bool command_fails(const AlterTableCommand& cmd, Rerun verdict) {
  const bool once_only = cmd.kind == AlterKind::add_column || cmd.kind == AlterKind::drop_column ||
                         cmd.kind == AlterKind::drop_constraint;
  if (once_only) return !cmd.if_exists_or_not && fails(verdict);
  if (cmd.kind == AlterKind::add_constraint) return fails(verdict);
  // Renamed or dropped later in the unit: on the second run the column is not there.
  return alters_column(cmd.kind) && known_to_fail(verdict);
}

void check_alter_table(const Statement& statement, const AlterTable& a, const Context& context,
                       std::vector<Violation>& out) {
  const std::string table = a.table.display();
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    if (context.rerun(k) != Rerun::no_relation) continue;
    // The table is gone by the end of the unit: the whole statement fails.
    GuardRequest missing;
    missing.relation_missing = true;
    out.push_back(rerun("ALTER TABLE " + table, no_relation(a.table.name),
                        guarded_help(statement, context, missing,
                                     "run it only while " + quote_name(a.table) + " exists")));
    return;
  }
  // One help for the statement: every failing command guarded, whichever finding is read.
  GuardRequest failing;
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    if (command_fails(a.commands[k], context.rerun(k))) failing.failing_commands.push_back(k);
  }
  if (failing.failing_commands.empty()) return;
  // An unnamed CHECK is added again on every run, without an error a DO block could catch.
  const bool unnamed_check = std::any_of(
      failing.failing_commands.begin(), failing.failing_commands.end(), [&](std::size_t k) {
        const AlterTableCommand& cmd = a.commands[k];
        return cmd.kind == AlterKind::add_constraint && cmd.constraint.name.empty() &&
               cmd.constraint.kind == ConstraintKind::check;
      });
  const std::string help = guarded_help(
      statement, context, failing,
      unnamed_check ? "name the constraint (ADD CONSTRAINT <name> CHECK ...): unnamed, every run "
                      "adds another one; named, a DO block catching duplicate_object skips it"
                    : std::string());
  for (std::size_t k : failing.failing_commands) {
    const AlterTableCommand& cmd = a.commands[k];
    if (cmd.kind == AlterKind::add_column) {
      // SQLite has no ADD COLUMN IF NOT EXISTS: the guard lives in the migration code.
      out.push_back(rerun("ADD COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" already exists",
                          context.dialect() == Dialect::sqlite
                              ? "SQLite has no ADD COLUMN IF NOT EXISTS: " +
                                    sqlite_inspect("add the column", a.table.name, "lacks it")
                              : help));
    } else if (cmd.kind == AlterKind::drop_column) {
      out.push_back(rerun("DROP COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" no longer exists",
                          context.dialect() == Dialect::sqlite
                              ? "SQLite has no DROP COLUMN IF EXISTS: " +
                                    sqlite_inspect("drop the column", a.table.name, "has it")
                              : help));
    } else if (cmd.kind == AlterKind::drop_constraint) {
      out.push_back(rerun("DROP CONSTRAINT " + cmd.column + " on " + table,
                          "constraint \"" + cmd.column + "\" no longer exists", help));
    } else if (cmd.kind == AlterKind::add_constraint) {
      const std::string& name = cmd.constraint.name;
      out.push_back(rerun("ADD CONSTRAINT on " + table,
                          name.empty() ? "the constraint is added a second time"
                                       : "constraint \"" + name + "\" already exists",
                          help));
    } else {
      out.push_back(rerun("ALTER COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" no longer exists", help));
    }
  }
}

// OR REPLACE where the target has it (triggers from PostgreSQL 14), IF NOT EXISTS where
// the object has it, else a DO block ignoring duplicate_object.
void check_create_object(const Statement& statement, const CreateObject& o, const Context& context,
                         std::vector<Violation>& out) {
  if (o.if_not_exists || o.or_replace || !fails(context.rerun())) return;
  const std::string upper = to_upper(o.object);
  out.push_back(rerun("CREATE " + upper + " " + o.name.display(),
                      o.object + " \"" + o.name.name + "\" already exists",
                      guarded_help(statement, context)));
}

void check_rename(const Statement& statement, const Rename& r, const Context& context,
                  std::vector<Violation>& out) {
  // RENAME of a relation with IF EXISTS is a no-op the second time; nothing else is.
  const bool relation = r.object == "table" || r.object == "view" || r.object == "index" ||
                        r.object == "sequence" || r.object == "materialized view";
  const Rerun verdict = context.rerun();
  if ((relation && r.if_exists) || !fails(verdict)) return;
  const std::string what = r.old_name.empty()
                               ? r.object + " " + r.target.display()
                               : r.object + " " + r.target.display() + "." + r.old_name;
  std::string why;
  if (verdict == Rerun::exists) {
    why = r.object + " \"" + r.new_name + "\" already exists";
  } else if (verdict == Rerun::no_relation) {
    why = no_relation(r.target.name);
  } else {
    why = "\"" + (r.old_name.empty() ? r.target.name : r.old_name) + "\" no longer exists";
  }
  GuardRequest request;
  request.relation_missing = verdict == Rerun::no_relation;
  out.push_back(rerun("RENAME of " + what + " to " + r.new_name, why,
                      guarded_help(statement, context, request,
                                   context.dialect() == Dialect::sqlite && r.object == "column"
                                       ? "SQLite has no guard for a rename: " +
                                             sqlite_inspect("rename the column", r.target.name,
                                                            "has \"" + r.old_name + "\"")
                                       : std::string())));
}

void check_alter_enum(const Statement& statement, const AlterEnum& e, const Context& context,
                      std::vector<Violation>& out) {
  const Rerun verdict = context.rerun();
  const std::string type = e.type.display();
  const std::string no_type = "type \"" + e.type.name + "\" does not exist";
  if (!e.old_value.empty()) {
    if (!fails(verdict)) return;
    out.push_back(rerun(
        "RENAME VALUE '" + e.old_value + "' of type " + type,
        verdict == Rerun::exists        ? "enum label \"" + e.new_value + "\" already exists"
        : verdict == Rerun::no_relation ? no_type
                                        : "\"" + e.old_value + "\" is not an existing enum label",
        guarded_help(statement, context)));
  } else if (!e.if_not_exists && fails(verdict)) {
    out.push_back(rerun("ADD VALUE '" + e.new_value + "' to type " + type,
                        verdict == Rerun::no_relation
                            ? no_type
                            : "enum label \"" + e.new_value + "\" already exists",
                        guarded_help(statement, context)));
  }
}

}  // namespace

std::vector<Violation> RequireIfNotExists::check(const Statement& statement,
                                                 const Context& context) const {
  std::vector<Violation> out;
  if (statement.guarded()) return out;
  if (const auto* t = statement.as<CreateTable>()) {
    if (!t->if_not_exists && fails(context.rerun())) {
      out.push_back(rerun("CREATE TABLE " + t->name.display(),
                          "relation \"" + t->name.name + "\" already exists",
                          guarded_help(statement, context)));
    }
  } else if (const auto* i = statement.as<CreateIndex>()) {
    if (context.rerun() == Rerun::no_relation) {
      out.push_back(rerun("CREATE INDEX " +
                              (i->name.empty() ? std::string("on ") : i->name + " ON ") +
                              i->table.display(),
                          no_relation(i->table.name),
                          "create the index only while " + quote_name(i->table) + " exists"));
    } else if (!i->if_not_exists && !i->name.empty() && fails(context.rerun())) {
      // An unnamed index does not fail, it is built twice; only named ones can collide.
      out.push_back(rerun("CREATE INDEX " + i->name, "relation \"" + i->name + "\" already exists",
                          guarded_help(statement, context)));
    }
  } else if (const auto* ty = statement.as<CreateType>()) {
    if (fails(context.rerun())) {
      // CREATE TYPE has no IF NOT EXISTS: a DO block ignoring duplicate_object.
      out.push_back(rerun("CREATE TYPE " + ty->name.display(),
                          "type \"" + ty->name.name + "\" already exists",
                          guarded_help(statement, context)));
    }
  } else if (const auto* o = statement.as<CreateObject>()) {
    check_create_object(statement, *o, context, out);
  } else if (const auto* a = statement.as<AlterTable>()) {
    check_alter_table(statement, *a, context, out);
  } else if (const auto* d = statement.as<Drop>()) {
    for (std::size_t k = 0; k < d->names.size(); ++k) {
      // IF EXISTS guards against a missing object, not against one still in use.
      if (!fails(context.rerun(k)) || (d->if_exists && context.rerun(k) != Rerun::in_use)) {
        continue;
      }
      const std::string upper = to_upper(d->object);
      const std::string name = d->names[k].display();
      if (context.rerun(k) == Rerun::in_use) {
        // Created again earlier in the unit and used by a column by then.
        out.push_back(rerun("DROP " + upper + " " + name,
                            "a column uses " + d->object + " \"" + d->names[k].name + "\"",
                            "drop the columns that use it first, or drop it only when no "
                            "column uses it"));
        break;
      }
      out.push_back(rerun("DROP " + upper + " " + name,
                          d->object + " \"" + d->names[k].name + "\" no longer exists",
                          guarded_help(statement, context)));
      break;  // one statement, one guard
    }
  } else if (const auto* r = statement.as<Rename>()) {
    check_rename(statement, *r, context, out);
  } else if (const auto* e = statement.as<AlterEnum>()) {
    check_alter_enum(statement, *e, context, out);
  }
  return out;
}

}  // namespace migsafe::rules
