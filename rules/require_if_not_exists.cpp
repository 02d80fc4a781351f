#include "rules/require_if_not_exists.hpp"

#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

using namespace sql;
using sql::to_upper;

Violation rerun(const std::string& what, const std::string& why, const std::string& help) {
  return {what + " fails when the migration runs again: " + why, help, {}};
}

void check_alter_table(const AlterTable& a, const Context& context, std::vector<Violation>& out) {
  const std::string table = a.table.display();
  for (const AlterTableCommand& cmd : a.commands) {
    if (cmd.kind == AlterKind::add_column && !cmd.if_exists_or_not) {
      // SQLite has no ADD COLUMN IF NOT EXISTS: the guard lives in the migration code.
      const std::string help =
          context.dialect() == Dialect::sqlite
              ? "SQLite has no ADD COLUMN IF NOT EXISTS: add the column only when "
                "sa.inspect(op.get_bind()).get_columns(\"" +
                    a.table.name + "\") lacks it"
              : "write ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + cmd.column + " ...";
      out.push_back(rerun("ADD COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" already exists", help));
    } else if (cmd.kind == AlterKind::drop_column && !cmd.if_exists_or_not) {
      out.push_back(rerun("DROP COLUMN " + cmd.column + " on " + table,
                          "column \"" + cmd.column + "\" no longer exists",
                          "write ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + cmd.column));
    } else if (cmd.kind == AlterKind::drop_constraint && !cmd.if_exists_or_not) {
      out.push_back(
          rerun("DROP CONSTRAINT " + cmd.column + " on " + table,
                "constraint \"" + cmd.column + "\" no longer exists",
                "write ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + cmd.column));
    } else if (cmd.kind == AlterKind::add_constraint) {
      const std::string& name = cmd.constraint.name;
      if (!name.empty() && context.dropped_if_exists_before("constraint", name)) continue;
      out.push_back(rerun(
          "ADD CONSTRAINT on " + table,
          name.empty() ? "the constraint is added a second time"
                       : "constraint \"" + name + "\" already exists",
          "precede it with ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " +
              (name.empty() ? std::string("<name>") : name) +
              ", or wrap it in DO $$ BEGIN ... EXCEPTION WHEN duplicate_object THEN NULL; END $$"));
    }
  }
}

void check_create_object(const CreateObject& o, const Context& context,
                         std::vector<Violation>& out) {
  if (o.if_not_exists || o.or_replace) return;
  if (context.dropped_if_exists_before(o.object, o.name.name)) return;
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

}  // namespace

std::vector<Violation> RequireIfNotExists::check(const Statement& statement,
                                                 const Context& context) const {
  std::vector<Violation> out;
  if (statement.guarded()) return out;
  if (const auto* t = statement.as<CreateTable>()) {
    if (!t->if_not_exists && !context.dropped_if_exists_before("table", t->name.name)) {
      out.push_back(rerun("CREATE TABLE " + t->name.display(),
                          "relation \"" + t->name.name + "\" already exists",
                          "write CREATE TABLE IF NOT EXISTS " + t->name.display() + " (...)"));
    }
  } else if (const auto* i = statement.as<CreateIndex>()) {
    // An unnamed index does not fail, it is built twice; only named ones can collide.
    if (!i->if_not_exists && !i->name.empty() &&
        !context.dropped_if_exists_before("index", i->name)) {
      out.push_back(rerun("CREATE INDEX " + i->name, "relation \"" + i->name + "\" already exists",
                          std::string("write CREATE ") + (i->unique ? "UNIQUE " : "") + "INDEX " +
                              (i->concurrent ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + i->name +
                              " ON " + i->table.display() + " (...)"));
    }
  } else if (const auto* ty = statement.as<CreateType>()) {
    if (!context.dropped_if_exists_before("type", ty->name.name) &&
        !context.dropped_if_exists_before("domain", ty->name.name)) {
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
    if (!d->if_exists && !d->names.empty()) {
      const std::string upper = to_upper(d->object);
      const std::string name = d->names.front().display();
      out.push_back(rerun("DROP " + upper + " " + name,
                          d->object + " \"" + d->names.front().name + "\" no longer exists",
                          "write DROP " + upper + " IF EXISTS " + name +
                              (d->on_table.empty() ? std::string() : " ON " + d->on_table)));
    }
  } else if (const auto* r = statement.as<Rename>()) {
    // RENAME of a relation with IF EXISTS is a no-op the second time; nothing else is.
    const bool relation = r->object == "table" || r->object == "view" || r->object == "index" ||
                          r->object == "sequence" || r->object == "materialized view";
    if (!(relation && r->if_exists)) {
      const std::string what = r->old_name.empty()
                                   ? r->object + " " + r->target.display()
                                   : r->object + " " + r->target.display() + "." + r->old_name;
      out.push_back(
          rerun("RENAME of " + what + " to " + r->new_name,
                "\"" + (r->old_name.empty() ? r->target.name : r->old_name) + "\" no longer exists",
                "guard it: DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns "
                "WHERE ...) THEN ... END IF; END $$"));
    }
  } else if (const auto* e = statement.as<AlterEnum>()) {
    if (!e->old_value.empty()) {
      out.push_back(rerun("RENAME VALUE '" + e->old_value + "' of type " + e->type.display(),
                          "\"" + e->old_value + "\" is not an existing enum label",
                          "guard it with IF EXISTS (SELECT 1 FROM pg_enum ...) in a DO block"));
    } else if (!e->if_not_exists) {
      out.push_back(rerun("ADD VALUE '" + e->new_value + "' to type " + e->type.display(),
                          "enum label \"" + e->new_value + "\" already exists",
                          "write ALTER TYPE " + e->type.display() + " ADD VALUE IF NOT EXISTS '" +
                              e->new_value + "'"));
    }
  }
  return out;
}

}  // namespace migsafe::rules
