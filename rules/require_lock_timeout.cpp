#include "rules/require_lock_timeout.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "rules/locks.hpp"
#include "rules/rule_support.hpp"
#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

// The relation a statement locks, when this migration did not create it.
bool locks_existing_relation(const sql::Statement& statement, const Context& context) {
  if (const auto* a = statement.as<sql::AlterTable>()) {
    // ATTACH PARTITION takes its strong lock on the table attached, not on the parent.
    for (const sql::AlterTableCommand& cmd : a->commands) {
      if (cmd.subtype == "AT_AttachPartition" && !cmd.partition.name.empty()) {
        return is_existing_table(context, cmd.partition);
      }
    }
    return is_existing_table(context, a->table);
  }
  if (const auto* d = statement.as<sql::AlterDomain>()) {
    return context.existed_before("type", d->name.name);
  }
  if (const auto* i = statement.as<sql::CreateIndex>()) return is_existing_table(context, i->table);
  if (const auto* r = statement.as<sql::Rename>()) return is_existing_table(context, r->target);
  if (const auto* d = statement.as<sql::Drop>()) {
    for (const auto& name : d->names) {
      if (!context.created_in_migration(d->object, name.name)) return true;
    }
    return false;
  }
  if (const auto* t = statement.as<sql::Truncate>()) {
    for (const auto& table : t->tables) {
      if (is_existing_table(context, table)) return true;
    }
    return false;
  }
  if (const auto* o = statement.as<sql::CreateObject>()) {
    return !o->on_table.empty() && context.existed_before("table", o->on_table);
  }
  if (const auto* l = statement.as<sql::LockTable>()) {
    return std::any_of(l->tables.begin(), l->tables.end(),
                       [&](const sql::QualifiedName& t) { return is_existing_table(context, t); });
  }
  if (const auto* m = statement.as<sql::Maintenance>()) {
    // REFRESH of a view, VACUUM or REINDEX of a table this migration made: nobody else
    // uses them yet. REINDEX INDEX locks the index's table, which may be old; naming
    // nothing (VACUUM;) or a schema reaches old tables.
    if (m->relations.empty() || m->object == "index" || m->object == "schema" ||
        m->object == "database" || m->object == "system") {
      return true;
    }
    return std::any_of(m->relations.begin(), m->relations.end(), [&](const sql::QualifiedName& r) {
      return m->object == "table" ? is_existing_table(context, r)
                                  : context.existed_before(m->object, r.name);
    });
  }
  return true;
}

// The existing tables a new table's foreign keys point at, each once, in the order
// written: CREATE TABLE takes SHARE ROW EXCLUSIVE on each (it adds a trigger there), which
// waits for every write in flight and holds up the next ones.
std::vector<sql::QualifiedName> referenced_existing_tables(const sql::CreateTable& table,
                                                           const Context& context) {
  std::vector<sql::QualifiedName> referenced;
  std::set<std::string> seen;
  const auto add = [&](const sql::QualifiedName& ref) {
    const bool same_schema = ref.schema.empty() || table.name.schema.empty() ||
                             sql::to_lower(ref.schema) == sql::to_lower(table.name.schema);
    if (same_schema && sql::to_lower(ref.name) == sql::to_lower(table.name.name)) return;  // itself
    if (!is_existing_table(context, ref)) return;
    if (seen.insert(sql::to_lower(ref.display())).second) referenced.push_back(ref);
  };
  for (const sql::Column& c : table.columns) {
    if (c.references) add(*c.references);
  }
  for (const sql::Constraint& c : table.constraints) {
    if (c.kind == sql::ConstraintKind::foreign_key && c.references) add(*c.references);
  }
  return referenced;
}

Violation waits_for(const std::string& statement, const std::string& lock,
                    const std::string& target, const std::string& lock_text = {}) {
  return {statement + "takes " + lock + " on " + target +
              " with no lock_timeout set: while it waits behind a long transaction, every "
              "query on " +
              target + " queues behind it",
          "SET lock_timeout = '2s'; earlier in the migration (or set it on the connection in "
          "env.py and tell migsafe: lock_timeout_set_by), and retry on timeout",
          lock_text};
}

}  // namespace

std::vector<Violation> RequireLockTimeout::check(const sql::Statement& statement,
                                                 const Context& context) const {
  if (!is_postgres(context) || context.lock_timeout_set()) return {};
  if (const auto* t = statement.as<sql::CreateTable>()) {
    std::vector<Violation> out;
    for (const sql::QualifiedName& ref : referenced_existing_tables(*t, context)) {
      out.push_back(waits_for("CREATE TABLE " + t->name.display() + " with a foreign key to " +
                                  ref.display() + " ",
                              "SHARE ROW EXCLUSIVE", ref.display(),
                              "SHARE ROW EXCLUSIVE on " + ref.display() + ": blocks writes"));
    }
    return out;
  }
  const auto lock = statement_lock(statement);
  if (!lock || !blocks_writes(lock->mode) || !locks_existing_relation(statement, context))
    return {};
  const std::string target = lock->table.empty() ? std::string("its table") : lock->table;
  return single(waits_for("", std::string(lock_name(lock->mode)), target));
}

}  // namespace migsafe::rules
