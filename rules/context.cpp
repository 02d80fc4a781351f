#include "rules/context.hpp"

#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

using sql::to_lower;

bool nonzero_timeout(const std::string& value) {
  const std::string v = to_lower(value);
  return !v.empty() && v != "0" && v != "0s" && v != "0ms" && v != "default";
}

}  // namespace

std::string object_key(const std::string& kind, const std::string& name) {
  const std::size_t dot = name.rfind('.');
  return kind + ":" + to_lower(dot == std::string::npos ? name : name.substr(dot + 1));
}

// Each lookup first asks whether the set is empty, as it is for most migrations: rules
// ask about every statement, and building the key is what costs.
bool Context::created_in_migration(const std::string& kind, const std::string& name) const {
  return !created_.empty() && created_.count(object_key(kind, name)) > 0;
}

bool Context::dropped_if_exists_before(const std::string& kind, const std::string& name) const {
  return !dropped_if_exists_.empty() && dropped_if_exists_.count(object_key(kind, name)) > 0;
}

bool Context::column_created_in_migration(const std::string& table,
                                          const std::string& column) const {
  return !created_columns_.empty() && created_columns_.count(object_key(to_lower(table), column)) > 0;
}

bool Context::not_null_proven(const std::string& table, const std::string& column) const {
  return !not_null_checks_.empty() && not_null_checks_.count(object_key(table, column)) > 0;
}

void ContextTracker::after(const sql::Statement& statement) {
  Context& c = context_;
  using namespace sql;
  if (SchemaState::changes_schema(statement.facts)) {
    c.schema_.apply(statement.facts, statement.guarded(), SchemaState::Mode::first_run);
  }
  if (const auto* t = statement.as<CreateTable>()) {
    c.created_.insert(object_key("table", t->name.name));
    for (const Column& col : t->columns) {
      if (col.type.name.find("serial") != std::string::npos) {
        c.created_.insert(object_key("sequence", t->name.name + "_" + col.name + "_seq"));
      }
    }
  } else if (const auto* i = statement.as<CreateIndex>()) {
    if (!i->name.empty()) c.created_.insert(object_key("index", i->name));
  } else if (const auto* ty = statement.as<CreateType>()) {
    c.created_.insert(object_key("type", ty->name.name));
  } else if (const auto* o = statement.as<CreateObject>()) {
    c.created_.insert(object_key(o->object, o->name.name));
    if (o->object == "function") {
      const std::string name = to_lower(o->name.name);
      if (o->declared_non_volatile) {
        c.non_volatile_functions_.insert(name);
      } else {
        c.non_volatile_functions_.erase(name);  // CREATE OR REPLACE ... VOLATILE
      }
    }
  } else if (const auto* r = statement.as<Rename>()) {
    if (r->object == "column") {
      if (c.column_created_in_migration(r->target.name, r->old_name)) {
        c.created_columns_.insert(object_key(to_lower(r->target.name), r->new_name));
      }
    } else if (c.created_in_migration(r->object, r->target.name)) {
      c.created_.insert(object_key(r->object, r->new_name));
    }
  } else if (const auto* d = statement.as<Drop>()) {
    if (d->if_exists) {
      for (const QualifiedName& name : d->names) {
        c.dropped_if_exists_.insert(object_key(d->object, name.name));
      }
    }
  } else if (const auto* a = statement.as<AlterTable>()) {
    for (const AlterTableCommand& cmd : a->commands) {
      if (cmd.kind == AlterKind::add_column && !c.created_in_migration("table", a->table.name)) {
        c.created_columns_.insert(object_key(to_lower(a->table.name), cmd.column));
      }
      if (cmd.kind == AlterKind::drop_constraint && cmd.if_exists_or_not) {
        c.dropped_if_exists_.insert(object_key("constraint", cmd.column));
      }
      if (cmd.kind == AlterKind::add_constraint &&
          !cmd.constraint.expression.not_null_column.empty()) {
        const std::string key =
            object_key(a->table.name, cmd.constraint.expression.not_null_column);
        if (!cmd.constraint.not_valid) {
          c.not_null_checks_.insert(key);
        } else if (!cmd.constraint.name.empty()) {
          pending_checks_[to_lower(cmd.constraint.name)] = key;
        }
      }
      if (cmd.kind == AlterKind::validate_constraint) {
        const auto it = pending_checks_.find(to_lower(cmd.column));
        if (it != pending_checks_.end()) c.not_null_checks_.insert(it->second);
      }
    }
  } else if (const auto* tx = statement.as<Transaction>()) {
    if (tx->kind == TransactionKind::begin) {
      c.in_transaction_ = true;
      c.opener_ = statement.author == Author::migration ? TransactionOpener::migration
                                                        : TransactionOpener::tool;
    }
    if (tx->kind == TransactionKind::commit || tx->kind == TransactionKind::rollback) {
      c.in_transaction_ = false;
      c.opener_ = TransactionOpener::none;
      c.enum_values_added_.clear();
      if (lock_timeout_local_) c.lock_timeout_set_ = false;
      lock_timeout_local_ = false;
    }
  } else if (const auto* set = statement.as<SetVariable>()) {
    // SET LOCAL outside a transaction block does nothing (PostgreSQL only warns).
    if (set->name == "lock_timeout" && !(set->local && !c.in_transaction_)) {
      c.lock_timeout_set_ = !set->reset && nonzero_timeout(set->value);
      lock_timeout_local_ = set->local;
    }
  } else if (const auto* e = statement.as<AlterEnum>()) {
    if (e->old_value.empty() && c.in_transaction_) {
      c.enum_values_added_[to_lower(e->type.name)].insert(e->new_value);
    }
  }
}

}  // namespace migsafe::rules
