#include "rules/require_lock_timeout.hpp"

#include "rules/locks.hpp"
#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// The relation a statement locks, when this migration did not create it.
bool locks_existing_relation(const sql::Statement& statement, const Context& context) {
  if (const auto* a = statement.as<sql::AlterTable>()) return is_existing_table(context, a->table);
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
  return true;
}

}  // namespace

std::vector<Violation> RequireLockTimeout::check(const sql::Statement& statement,
                                                 const Context& context) const {
  if (!is_postgres(context) || context.lock_timeout_set()) return {};
  const auto lock = statement_lock(statement);
  if (!lock || !blocks_writes(lock->mode) || !locks_existing_relation(statement, context))
    return {};
  const std::string target = lock->table.empty() ? std::string("its table") : lock->table;
  return single(
      {"takes " + std::string(lock_name(lock->mode)) + " on " + target +
           " with no lock_timeout set: while it waits behind a long transaction, every "
           "query on " +
           target + " queues behind it",
       "SET lock_timeout = '2s'; earlier in the migration (or set it on the connection in "
       "env.py and tell migsafe: lock_timeout_set_by), and retry on timeout",
       {}});
}

}  // namespace migsafe::rules
