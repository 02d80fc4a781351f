#include "rules/locks.hpp"

#include <algorithm>
#include <string_view>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

using namespace sql;

LockMode stronger(LockMode a, LockMode b) { return a < b ? b : a; }

LockMode alter_table_command_lock(const AlterTableCommand& cmd) {
  switch (cmd.kind) {
    case AlterKind::validate_constraint:
      return LockMode::share_update_exclusive;
    case AlterKind::other:
      // DETACH PARTITION ... CONCURRENTLY (PG14+): SHARE UPDATE EXCLUSIVE on the parent.
      if (cmd.subtype == "AT_DetachPartition" && cmd.concurrent) {
        return LockMode::share_update_exclusive;
      }
      break;
    case AlterKind::add_constraint:
      // A foreign key needs only SHARE ROW EXCLUSIVE on both tables.
      return cmd.constraint.kind == ConstraintKind::foreign_key ? LockMode::share_row_exclusive
                                                                : LockMode::access_exclusive;
    default:
      break;
  }
  // string_view: compared with a std::string, a length that differs settles it at once.
  static constexpr std::string_view sue[] = {
      "AT_SetStatistics",   "AT_SetOptions", "AT_ResetOptions", "AT_SetRelOptions",
      "AT_ResetRelOptions", "AT_ClusterOn",  "AT_DropCluster",  "AT_AttachPartition"};
  for (std::string_view s : sue) {
    if (cmd.subtype == s) return LockMode::share_update_exclusive;
  }
  static constexpr std::string_view sre[] = {
      "AT_EnableTrig",    "AT_DisableTrig",    "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig",
      "AT_EnableTrigAll", "AT_DisableTrigAll", "AT_EnableTrigUser",   "AT_DisableTrigUser"};
  for (std::string_view s : sre) {
    if (cmd.subtype == s) return LockMode::share_row_exclusive;
  }
  return LockMode::access_exclusive;
}

// "a, b, c": the relations a statement names, as its lock's target.
std::string relation_names(const std::vector<QualifiedName>& relations) {
  std::string names;
  for (const QualifiedName& n : relations) names += (names.empty() ? "" : ", ") + n.display();
  return names;
}

// VACUUM and ANALYZE take SHARE UPDATE EXCLUSIVE (reads and writes go on); VACUUM FULL and
// CLUSTER rewrite the table under ACCESS EXCLUSIVE; REINDEX takes SHARE on the table (ACCESS
// EXCLUSIVE on each index it rebuilds), CONCURRENTLY only SHARE UPDATE EXCLUSIVE; REFRESH
// MATERIALIZED VIEW takes ACCESS EXCLUSIVE, CONCURRENTLY only EXCLUSIVE (reads go on).
std::optional<StatementLock> maintenance_lock(const Maintenance& m) {
  std::string target = relation_names(m.relations);
  if (m.command == "vacuum" || m.command == "analyze") {
    if (target.empty()) target = "every table";
    return StatementLock{m.full ? LockMode::access_exclusive : LockMode::share_update_exclusive,
                         target};
  }
  if (m.command == "cluster") {
    return StatementLock{LockMode::access_exclusive,
                         target.empty() ? std::string("every table clustered before") : target};
  }
  if (m.command == "reindex") {
    if (m.object == "index") target = "the table of index " + target;
    if (m.object == "schema" || m.object == "database" || m.object == "system") {
      target = "every table of " + m.object + (target.empty() ? "" : " " + target);
    }
    return StatementLock{m.concurrent ? LockMode::share_update_exclusive : LockMode::share, target};
  }
  return StatementLock{m.concurrent ? LockMode::exclusive : LockMode::access_exclusive, target};
}

std::optional<StatementLock> lock_of(const Statement& s) {
  if (const auto* a = s.as<AlterTable>()) {
    if (a->object == "index")
      return StatementLock{LockMode::share_update_exclusive, a->table.display()};
    LockMode mode = LockMode::access_share;
    for (const AlterTableCommand& cmd : a->commands)
      mode = stronger(mode, alter_table_command_lock(cmd));
    if (a->commands.empty()) mode = LockMode::access_exclusive;
    // ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent, but ACCESS EXCLUSIVE on the
    // table being attached (and the default partition), which it scans for the bound.
    for (const AlterTableCommand& cmd : a->commands) {
      if (cmd.subtype == "AT_AttachPartition" && mode < LockMode::access_exclusive) {
        return StatementLock{LockMode::access_exclusive, cmd.partition.display()};
      }
    }
    // ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE of a composite type: with CASCADE the
    // change reaches every typed table (CREATE TABLE ... OF type), under the same lock.
    if (a->object == "type") return StatementLock{mode, "the tables of type " + a->table.display()};
    return StatementLock{mode, a->table.display()};
  }
  if (const auto* i = s.as<CreateIndex>()) {
    return StatementLock{i->concurrent ? LockMode::share_update_exclusive : LockMode::share,
                         i->table.display()};
  }
  if (const auto* d = s.as<Drop>()) {
    const std::string name = d->names.empty() ? std::string() : d->names.front().display();
    if (d->object == "index") {
      return StatementLock{
          d->concurrent ? LockMode::share_update_exclusive : LockMode::access_exclusive,
          "the table of index " + name};
    }
    if (d->object == "trigger" || d->object == "policy" || d->object == "rule") {
      return StatementLock{LockMode::access_exclusive, d->on_table};
    }
    if (d->object == "table" || d->object == "view" || d->object == "materialized view" ||
        d->object == "sequence") {
      return StatementLock{LockMode::access_exclusive, name};
    }
    return std::nullopt;
  }
  if (const auto* r = s.as<Rename>()) {
    if (r->object == "index")
      return StatementLock{LockMode::share_update_exclusive, r->target.display()};
    if (r->object == "table" || r->object == "column" || r->object == "constraint" ||
        r->object == "view" || r->object == "materialized view" || r->object == "sequence") {
      return StatementLock{LockMode::access_exclusive, r->target.display()};
    }
    // RENAME ATTRIBUTE of a composite type: CASCADE renames the column of every typed table.
    if (r->object == "attribute" && r->cascade) {
      return StatementLock{LockMode::access_exclusive, "the tables of type " + r->target.display()};
    }
    return std::nullopt;
  }
  if (const auto* t = s.as<Truncate>()) {
    return StatementLock{LockMode::access_exclusive, relation_names(t->tables)};
  }
  if (const auto* m = s.as<Dml>())
    return StatementLock{LockMode::row_exclusive, m->table.display()};
  if (const auto* o = s.as<CreateObject>()) {
    if (o->object == "trigger") return StatementLock{LockMode::share_row_exclusive, o->on_table};
    if (o->object == "policy") return StatementLock{LockMode::access_exclusive, o->on_table};
    return std::nullopt;
  }
  if (s.as<Comment>() != nullptr)
    return StatementLock{LockMode::share_update_exclusive, std::string()};
  if (const auto* m = s.as<Maintenance>()) return maintenance_lock(*m);
  if (const auto* d = s.as<AlterDomain>()) {
    // Checking the columns that use the domain: SHARE on each of their tables (PG 17).
    if ((d->action == DomainAction::add_constraint && !d->not_valid) ||
        d->action == DomainAction::set_not_null || d->action == DomainAction::validate_constraint) {
      return StatementLock{LockMode::share,
                           "every table with a column of domain " + d->name.display()};
    }
    return std::nullopt;
  }
  if (const auto* l = s.as<LockTable>()) {
    const int mode = std::clamp(l->mode, 1, 8);  // LockMode follows PostgreSQL's order
    return StatementLock{static_cast<LockMode>(mode - 1), relation_names(l->tables)};
  }
  // ALTER TABLE ... SET SCHEMA (AlterObjectSchemaStmt, as for any object): ACCESS EXCLUSIVE.
  if (s.node == "AlterObjectSchemaStmt" && to_upper(s.text).rfind("ALTER TABLE", 0) == 0) {
    return StatementLock{LockMode::access_exclusive, std::string()};
  }
  return std::nullopt;
}

}  // namespace

std::string_view lock_name(LockMode mode) {
  switch (mode) {
    case LockMode::access_share:
      return "ACCESS SHARE";
    case LockMode::row_share:
      return "ROW SHARE";
    case LockMode::row_exclusive:
      return "ROW EXCLUSIVE";
    case LockMode::share_update_exclusive:
      return "SHARE UPDATE EXCLUSIVE";
    case LockMode::share:
      return "SHARE";
    case LockMode::share_row_exclusive:
      return "SHARE ROW EXCLUSIVE";
    case LockMode::exclusive:
      return "EXCLUSIVE";
    case LockMode::access_exclusive:
      return "ACCESS EXCLUSIVE";
  }
  return "ACCESS EXCLUSIVE";
}

// SELECT takes ACCESS SHARE, INSERT/UPDATE/DELETE take ROW EXCLUSIVE (PostgreSQL 17 docs, "Explicit Locking").
bool blocks_reads(LockMode mode) { return mode == LockMode::access_exclusive; }
bool blocks_writes(LockMode mode) { return mode >= LockMode::share; }

std::string_view what_it_blocks(LockMode mode) {
  if (blocks_reads(mode)) return "blocks reads and writes";
  if (blocks_writes(mode)) return "blocks writes";
  if (mode == LockMode::row_exclusive) return "row locks block concurrent updates of the same rows";
  return "blocks neither reads nor writes";
}

std::string StatementLock::describe() const {
  const std::string_view name = lock_name(mode);
  const std::string_view blocks = what_it_blocks(mode);
  std::string out;
  out.reserve(name.size() + table.size() + blocks.size() + 6);  // one allocation per finding
  out.append(name);
  if (!table.empty()) out.append(" on ").append(table);
  return out.append(": ").append(blocks);
}

std::optional<StatementLock> statement_lock(const Statement& statement) {
  if (statement.has_error) return std::nullopt;
  return lock_of(statement);
}

std::string lock_description(const Statement& statement) {
  if (const auto lock = statement_lock(statement)) return lock->describe();
  if (statement.as<AlterEnum>() != nullptr) {
    return "no table lock: the type changes for everyone at commit";
  }
  if (const auto* d = statement.as<Drop>()) {
    return "ACCESS EXCLUSIVE on " + d->object + " " +
           (d->names.empty() ? std::string() : d->names.front().display()) +
           " and everything that depends on it";
  }
  if (const auto* t = statement.as<CreateTable>()) {
    for (const Column& c : t->columns) {
      if (c.references) return "SHARE ROW EXCLUSIVE on the tables its foreign keys reference";
    }
    for (const Constraint& c : t->constraints) {
      if (c.kind == ConstraintKind::foreign_key) {
        return "SHARE ROW EXCLUSIVE on the tables its foreign keys reference";
      }
    }
    return "none on existing tables: creates a new object";
  }
  if (statement.as<CreateType>() != nullptr || statement.as<CreateObject>() != nullptr) {
    return "none on existing tables: creates a new object";
  }
  if (statement.as<DoBlock>() != nullptr) return "the locks of the statements inside the block";
  return "none on existing tables";
}

}  // namespace migsafe::rules
