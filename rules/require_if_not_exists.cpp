#include "rules/require_if_not_exists.hpp"

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

void check_alter_table(const AlterTable& a, const Context& context, std::vector<Violation>& out) {
  const std::string table = a.table.display();
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    if (context.rerun(k) != Rerun::no_relation) continue;
    // The table is gone by the end of the unit: the whole statement fails.
    out.push_back(rerun("ALTER TABLE " + table, no_relation(a.table.name),
                        "write ALTER TABLE IF EXISTS " + table + " ..."));
    return;
  }
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    const AlterTableCommand& cmd = a.commands[k];
    const Rerun verdict = context.rerun(k);
    if (cmd.kind == AlterKind::add_column && !cmd.if_exists_or_not && fails(verdict)) {
      // SQLite has no ADD COLUMN IF NOT EXISTS: the guard lives in the migration code.
      const std::string help =
          context.dialect() == Dialect::sqlite
              ? "SQLite has no ADD COLUMN IF NOT EXISTS: add the column only when "
                "sa.inspect(op.get_bind()).get_columns(\"" +
                    a.table.name + "\") lacks it"
              : "write ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + cmd.column + " ...";
      out.push_back(rerun("ADD COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" already exists", help));
    } else if (cmd.kind == AlterKind::drop_column && !cmd.if_exists_or_not && fails(verdict)) {
      out.push_back(rerun("DROP COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" no longer exists",
                          "write ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + cmd.column));
    } else if (cmd.kind == AlterKind::drop_constraint && !cmd.if_exists_or_not &&
               fails(verdict)) {
      out.push_back(
          rerun("DROP CONSTRAINT " + cmd.column + " on " + table,
                "constraint \"" + cmd.column + "\" no longer exists",
                "write ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + cmd.column));
    } else if (cmd.kind == AlterKind::add_constraint && fails(verdict)) {
      const std::string& name = cmd.constraint.name;
      out.push_back(rerun(
          "ADD CONSTRAINT on " + table,
          name.empty() ? "the constraint is added a second time"
                       : "constraint \"" + name + "\" already exists",
          "precede it with ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " +
              (name.empty() ? std::string("<name>") : name) +
              ", or wrap it in DO $$ BEGIN ... EXCEPTION WHEN duplicate_object THEN NULL; END $$"));
    } else if ((cmd.kind == AlterKind::alter_column_type || cmd.kind == AlterKind::set_not_null ||
                cmd.kind == AlterKind::drop_not_null || cmd.kind == AlterKind::set_default ||
                cmd.kind == AlterKind::drop_default) &&
               known_to_fail(verdict)) {
      // Renamed or dropped later in the unit: on the second run the column is not there.
      out.push_back(rerun("ALTER COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" no longer exists",
                          "guard it: DO $$ BEGIN IF EXISTS (SELECT 1 FROM "
                          "information_schema.columns WHERE table_name = '" +
                              a.table.name + "' AND column_name = '" + cmd.column +
                              "') THEN ALTER TABLE " + table + " ALTER COLUMN " + cmd.column +
                              " ...; END IF; END $$"));
    }
  }
}

void check_create_object(const CreateObject& o, const Context& context,
                         std::vector<Violation>& out) {
  if (o.if_not_exists || o.or_replace || !fails(context.rerun())) return;
  const std::string name = o.name.display();
  const std::string upper = to_upper(o.object);
  const bool sqlite = context.dialect() == Dialect::sqlite;
  // PostgreSQL has CREATE OR REPLACE TRIGGER from 14 on; SQLite has no OR REPLACE but
  // has IF NOT EXISTS for triggers and views.
  const bool replaceable =
      !sqlite && ((o.object == "trigger" && context.pg_version() >= 14) || o.object == "view" ||
                  o.object == "function" || o.object == "procedure");
  const bool has_if_not_exists = o.object == "sequence" || o.object == "schema" ||
                                 o.object == "extension" || o.object == "materialized view" ||
                                 (sqlite && (o.object == "trigger" || o.object == "view"));
  std::string help;
  if (replaceable) {
    help = "write CREATE OR REPLACE " + upper + " " + name + " ...";
  } else if (has_if_not_exists) {
    help = "write CREATE " + upper + " IF NOT EXISTS " + name;
  } else {
    help = "precede it with DROP " + upper + " IF EXISTS " + name +
           (o.on_table.empty() ? std::string() : " ON " + o.on_table);
  }
  out.push_back(rerun("CREATE " + upper + " " + name,
                      o.object + " \"" + o.name.name + "\" already exists", help));
}

void check_rename(const Rename& r, const Context& context, std::vector<Violation>& out) {
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
  out.push_back(rerun("RENAME of " + what + " to " + r.new_name, why,
                      "guard it: DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns "
                      "WHERE ...) THEN ... END IF; END $$"));
}

void check_alter_enum(const AlterEnum& e, const Context& context, std::vector<Violation>& out) {
  const Rerun verdict = context.rerun();
  const std::string type = e.type.display();
  const std::string no_type = "type \"" + e.type.name + "\" does not exist";
  if (!e.old_value.empty()) {
    if (!fails(verdict)) return;
    out.push_back(rerun("RENAME VALUE '" + e.old_value + "' of type " + type,
                        verdict == Rerun::exists
                            ? "enum label \"" + e.new_value + "\" already exists"
                        : verdict == Rerun::no_relation
                            ? no_type
                            : "\"" + e.old_value + "\" is not an existing enum label",
                        "guard it with IF EXISTS (SELECT 1 FROM pg_enum ...) in a DO block"));
  } else if (!e.if_not_exists && fails(verdict)) {
    out.push_back(rerun("ADD VALUE '" + e.new_value + "' to type " + type,
                        verdict == Rerun::no_relation
                            ? no_type
                            : "enum label \"" + e.new_value + "\" already exists",
                        "write ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS '" + e.new_value +
                            "'"));
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
                          "write CREATE TABLE IF NOT EXISTS " + t->name.display() + " (...)"));
    }
  } else if (const auto* i = statement.as<CreateIndex>()) {
    if (context.rerun() == Rerun::no_relation) {
      out.push_back(rerun("CREATE INDEX " + (i->name.empty() ? std::string("on ") : i->name + " ON ") +
                              i->table.display(),
                          no_relation(i->table.name),
                          "create the index only while " + i->table.display() + " exists"));
    } else if (!i->if_not_exists && !i->name.empty() && fails(context.rerun())) {
      // An unnamed index does not fail, it is built twice; only named ones can collide.
      out.push_back(rerun("CREATE INDEX " + i->name, "relation \"" + i->name + "\" already exists",
                          std::string("write CREATE ") + (i->unique ? "UNIQUE " : "") + "INDEX " +
                              (i->concurrent ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + i->name +
                              " ON " + i->table.display() + " (...)"));
    }
  } else if (const auto* ty = statement.as<CreateType>()) {
    if (fails(context.rerun())) {
      out.push_back(rerun(
          "CREATE TYPE " + ty->name.display(), "type \"" + ty->name.name + "\" already exists",
          "CREATE TYPE has no IF NOT EXISTS: wrap it in DO $$ BEGIN CREATE TYPE ...; EXCEPTION "
          "WHEN duplicate_object THEN NULL; END $$, or test pg_type first"));
    }
  } else if (const auto* o = statement.as<CreateObject>()) {
    check_create_object(*o, context, out);
  } else if (const auto* a = statement.as<AlterTable>()) {
    check_alter_table(*a, context, out);
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
                          "write DROP " + upper + " IF EXISTS " + name +
                              (d->on_table.empty() ? std::string() : " ON " + d->on_table)));
      break;  // one statement, one guard
    }
  } else if (const auto* r = statement.as<Rename>()) {
    check_rename(*r, context, out);
  } else if (const auto* e = statement.as<AlterEnum>()) {
    check_alter_enum(*e, context, out);
  }
  return out;
}

}  // namespace migsafe::rules
