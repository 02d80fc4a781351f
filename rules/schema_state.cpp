#include "rules/schema_state.hpp"

#include <algorithm>
#include <variant>

#include "rules/rule_support.hpp"
#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

using namespace sql;
using sql::to_lower;
using Mode = SchemaState::Mode;

// The verdict for a step that creates something.
Rerun creating(Known k) {
  switch (k) {
    case Known::absent:
      return Rerun::runs;
    case Known::present:
      return Rerun::exists;
    default:
      return Rerun::unknown;
  }
}

// The verdict for a step that needs something there (to drop, rename or change it).
Rerun removing(Known k) {
  switch (k) {
    case Known::present:
      return Rerun::runs;
    case Known::absent:
      return Rerun::missing;
    default:
      return Rerun::unknown;
  }
}

// A rename: the old name must be there and the new one free.
Rerun renaming(Known old_name, Known new_name) {
  if (old_name == Known::absent) return Rerun::missing;
  if (new_name == Known::present) return Rerun::exists;
  if (old_name == Known::unknown) return Rerun::unknown;
  return Rerun::runs;
}

bool fails(Rerun r) { return r != Rerun::runs && r != Rerun::unknown; }

// What a step reports and whether its effect lands. A guarded step never fails, and does
// nothing where it would have failed. An unguarded one that fails: on the first run the
// history says it ran, so it lands; on a re-run it is a no-op.
struct Step {
  Rerun verdict;
  bool effect;
};

Step step(Rerun raw, bool guarded, Mode mode) {
  if (guarded) return {Rerun::runs, !fails(raw)};
  return {raw, !fails(raw) || mode == Mode::first_run};
}

bool is_relation_kind(const std::string& kind) {
  return kind == "table" || kind == "index" || kind == "sequence" || kind == "view" ||
         kind == "materialized view";
}

std::string key_of(const std::string& name) { return to_lower(name); }

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool SchemaState::changes_schema(const Facts& facts) {
  return std::holds_alternative<CreateTable>(facts) || std::holds_alternative<CreateIndex>(facts) ||
         std::holds_alternative<AlterTable>(facts) || std::holds_alternative<Drop>(facts) ||
         std::holds_alternative<Rename>(facts) || std::holds_alternative<AlterEnum>(facts) ||
         std::holds_alternative<CreateType>(facts) || std::holds_alternative<CreateObject>(facts);
}

RerunSteps SchemaState::apply(const Facts& facts, bool guarded, Mode mode) {
  if (const auto* t = std::get_if<CreateTable>(&facts)) return apply_create_table(*t, guarded, mode);
  if (const auto* i = std::get_if<CreateIndex>(&facts)) return apply_create_index(*i, guarded, mode);
  if (const auto* a = std::get_if<AlterTable>(&facts)) return apply_alter_table(*a, guarded, mode);
  if (const auto* d = std::get_if<Drop>(&facts)) return apply_drop(*d, guarded, mode);
  if (const auto* r = std::get_if<Rename>(&facts)) return apply_rename(*r, guarded, mode);
  if (const auto* e = std::get_if<AlterEnum>(&facts)) return apply_alter_enum(*e, guarded, mode);
  if (const auto* ty = std::get_if<CreateType>(&facts)) return apply_create_type(*ty, guarded, mode);
  if (const auto* o = std::get_if<CreateObject>(&facts)) return apply_create_object(*o, guarded, mode);
  return {Rerun::runs};
}

// ---- questions ----

Known SchemaState::table(const std::string& name) const { return table_known(key_of(name)); }

Known SchemaState::table_known(const std::string& key) const {
  const auto it = tables_.find(key);
  if (it == tables_.end()) return Known::unknown;
  return it->second.present ? Known::present : Known::absent;
}

Known SchemaState::column(const std::string& table, const std::string& column) const {
  const auto t = tables_.find(key_of(table));
  if (t == tables_.end()) return Known::unknown;
  if (!t->second.present) return Known::absent;
  const auto c = t->second.columns.find(key_of(column));
  if (c == t->second.columns.end()) return t->second.complete ? Known::absent : Known::unknown;
  return c->second.present ? Known::present : Known::absent;
}

const TypeRef* SchemaState::column_type(const std::string& table, const std::string& column) const {
  const auto t = tables_.find(key_of(table));
  if (t == tables_.end() || !t->second.present) return nullptr;
  const auto c = t->second.columns.find(key_of(column));
  if (c == t->second.columns.end() || !c->second.present || !c->second.type) return nullptr;
  return &*c->second.type;
}

std::optional<std::string> SchemaState::table_of_index(const std::string& index) const {
  const auto it = indexes_.find(key_of(index));
  if (it == indexes_.end() || !it->second.present) return std::nullopt;
  return it->second.table;
}

bool SchemaState::type_created_here(const std::string& type) const {
  const auto it = types_.find(key_of(type));
  return it != types_.end() && it->second.present && it->second.complete;
}

bool SchemaState::type_in_use(const std::string& type) const {
  const std::string key = key_of(type);
  for (const auto& [name, table] : tables_) {
    if (!table.present) continue;
    for (const auto& [column_name, column] : table.columns) {
      if (column.present && column.type && key_of(column.type->name) == key) return true;
    }
  }
  return false;
}

bool SchemaState::type_lost_a_column(const std::string& type) const {
  return lost_a_column_.count(key_of(type)) > 0;
}

Known SchemaState::object(const std::string& kind, const std::string& key) const {
  if (kind == "table") return table_known(key);
  if (kind == "index") {
    const auto it = indexes_.find(key);
    if (it == indexes_.end()) return Known::unknown;
    return it->second.present ? Known::present : Known::absent;
  }
  if (kind == "type" || kind == "domain") {
    const auto it = types_.find(key);
    if (it == types_.end()) return Known::unknown;
    return it->second.present ? Known::present : Known::absent;
  }
  const auto it = objects_.find(kind + ":" + key);
  if (it == objects_.end()) return Known::unknown;
  return it->second ? Known::present : Known::absent;
}

// Tables, indexes, sequences and views share one namespace: creating one fails when a
// relation of any kind has the name.
Known SchemaState::relation(const std::string& key) const {
  bool any_known = false;
  for (const char* kind : {"table", "index", "sequence", "view", "materialized view"}) {
    const Known k = object(kind, key);
    if (k == Known::present) return Known::present;
    any_known = any_known || k == Known::absent;
  }
  return any_known ? Known::absent : Known::unknown;
}

// ---- effects ----

SchemaState::Table& SchemaState::table_entry(const std::string& key) {
  Table& t = tables_[key];
  if (!t.present) t = Table{};  // the state was wrong: the statement says it is there
  return t;
}

void SchemaState::type_loses_column(const std::optional<TypeRef>& type) {
  if (type) lost_a_column_.insert(key_of(type->name));
}

template <class F>
void SchemaState::for_each_index_of(const Table& table, const std::string& table_key, F f) {
  for (const std::string& name : table.indexes) {
    const auto it = indexes_.find(name);
    if (it != indexes_.end() && it->second.table == table_key) f(it->second);
  }
}

void SchemaState::add_index(Table& table, const std::string& table_key, const std::string& name,
                            std::vector<std::string> columns) {
  indexes_[name] = Index{true, table_key, std::move(columns)};
  table.indexes.insert(name);
}

void SchemaState::drop_table(const std::string& key) {
  Table& t = tables_[key];
  for (auto& [name, column] : t.columns) {
    if (column.present) type_loses_column(column.type);
  }
  for (const std::string& sequence : t.owned_sequences) objects_["sequence:" + sequence] = false;
  for_each_index_of(t, key, [](Index& index) { index.present = false; });
  t = Table{};
  t.present = false;
}

void SchemaState::drop_column(Table& table, const std::string& table_key,
                              const std::string& column) {
  Column& c = table.columns[column];
  if (c.present) type_loses_column(c.type);
  c = Column{};
  c.present = false;
  // PostgreSQL drops the indexes and constraints the column is part of.
  for_each_index_of(table, table_key, [&](Index& index) {
    if (contains(index.columns, column)) index.present = false;
  });
  for (auto& [name, constraint] : table.constraints) {
    if (constraint.present && contains(constraint.columns, column)) drop_constraint(table, name);
  }
}

void SchemaState::add_constraint(Table& table, const std::string& table_key,
                                 const sql::Constraint& c) {
  std::vector<std::string> columns;
  for (const std::string& col : c.columns) columns.push_back(key_of(col));
  const bool has_index = c.kind == ConstraintKind::unique || c.kind == ConstraintKind::primary_key;
  std::string name = key_of(c.name);
  // PostgreSQL's names for the unnamed ones that have an index (DROP INDEX finds them).
  if (name.empty() && c.kind == ConstraintKind::primary_key) name = table_key + "_pkey";
  if (name.empty() && c.kind == ConstraintKind::unique && !columns.empty()) {
    name = table_key;
    for (const std::string& col : columns) name += "_" + col;
    name += "_key";
  }
  if (name.empty()) return;
  table.constraints[name] = Constraint{true, has_index, columns};
  if (has_index) add_index(table, table_key, name, columns);
}

void SchemaState::drop_constraint(Table& table, const std::string& name) {
  Constraint& c = table.constraints[name];
  if (c.has_index) {
    const auto it = indexes_.find(name);
    if (it != indexes_.end()) it->second.present = false;
  }
  c = Constraint{};
  c.present = false;
}

// ---- statements ----

RerunSteps SchemaState::apply_create_table(const CreateTable& t, bool guarded, Mode mode) {
  const std::string key = key_of(t.name.name);
  const Rerun raw = creating(relation(key));
  const Step s = step(raw, guarded || (t.if_not_exists && raw == Rerun::exists), mode);
  if (!s.effect) return {s.verdict};
  // IF NOT EXISTS of a table not seen before: it may have been there with other
  // columns, so the list is not complete; the columns it names are the best guess of
  // their types (a squashed first revision guards every CREATE TABLE).
  const bool maybe_older = t.if_not_exists && raw == Rerun::unknown;
  const auto old = tables_.find(key);
  if (old != tables_.end()) {
    for_each_index_of(old->second, key, [](Index& index) { index.present = false; });
  }
  Table table;
  table.complete = !t.as_select && !maybe_older;
  for (const sql::Column& c : t.columns) {
    const std::string column = key_of(c.name);
    table.columns[column] = Column{true, c.type};
    if (is_serial(c.type) || c.identity) {
      table.owned_sequences.push_back(key + "_" + column + "_seq");
      objects_["sequence:" + table.owned_sequences.back()] = true;
    }
    if (c.primary_key) {
      sql::Constraint pk;
      pk.kind = ConstraintKind::primary_key;
      pk.columns = {c.name};
      add_constraint(table, key, pk);
    }
    if (c.unique) {
      sql::Constraint unique;
      unique.kind = ConstraintKind::unique;
      unique.columns = {c.name};
      add_constraint(table, key, unique);
    }
  }
  for (const sql::Constraint& c : t.constraints) add_constraint(table, key, c);
  tables_[key] = std::move(table);
  return {s.verdict};
}

RerunSteps SchemaState::apply_create_index(const CreateIndex& i, bool guarded, Mode mode) {
  const std::string table_key = key_of(i.table.name);
  const std::string key = key_of(i.name);
  Rerun raw = Rerun::runs;
  if (table_known(table_key) == Known::absent) {
    raw = Rerun::no_relation;
  } else if (!key.empty()) {
    raw = creating(relation(key));
  }
  const Step s = step(raw, guarded || (i.if_not_exists && raw == Rerun::exists), mode);
  if (!s.effect) return {s.verdict};
  // The index was built: its table is there.
  Table& table = table_entry(table_key);
  if (!key.empty()) {
    std::vector<std::string> columns;
    for (const std::string& col : i.columns) columns.push_back(key_of(col));
    add_index(table, table_key, key, std::move(columns));
  }
  return {s.verdict};
}

RerunSteps SchemaState::apply_alter_table(const AlterTable& a, bool guarded, Mode mode) {
  if (a.object != "table") return RerunSteps(a.commands.size(), Rerun::runs);
  const std::string key = key_of(a.table.name);
  if (table_known(key) == Known::absent && mode == Mode::rerun) {
    const bool no_op = guarded || a.if_exists;
    return RerunSteps(a.commands.size(), no_op ? Rerun::runs : Rerun::no_relation);
  }
  Table& t = table_entry(key);
  RerunSteps out;
  out.reserve(a.commands.size());
  for (const AlterTableCommand& cmd : a.commands) {
    out.push_back(apply_command(t, key, cmd, guarded, mode));
  }
  return out;
}

Rerun SchemaState::apply_command(Table& t, const std::string& table_key,
                                 const AlterTableCommand& cmd, bool guarded, Mode mode) {
  const std::string column = key_of(cmd.column);
  auto column_known = [&] {
    const auto c = t.columns.find(column);
    if (c == t.columns.end()) return t.complete ? Known::absent : Known::unknown;
    return c->second.present ? Known::present : Known::absent;
  };
  switch (cmd.kind) {
    case AlterKind::add_column: {
      const Rerun raw = creating(column_known());
      const Step s = step(raw, guarded || (cmd.if_exists_or_not && raw == Rerun::exists), mode);
      if (s.effect) {
        t.columns[column] = Column{true, cmd.definition.type};
        if (is_serial(cmd.definition.type) || cmd.definition.identity) {
          t.owned_sequences.push_back(table_key + "_" + column + "_seq");
          objects_["sequence:" + t.owned_sequences.back()] = true;
        }
        sql::Constraint c;
        c.columns = {cmd.column};
        c.kind = ConstraintKind::primary_key;
        if (cmd.definition.primary_key) add_constraint(t, table_key, c);
        c.kind = ConstraintKind::unique;
        if (cmd.definition.unique) add_constraint(t, table_key, c);
      }
      return s.verdict;
    }
    case AlterKind::drop_column: {
      const Rerun raw = removing(column_known());
      const Step s = step(raw, guarded || (cmd.if_exists_or_not && raw == Rerun::missing), mode);
      if (s.effect) drop_column(t, table_key, column);
      return s.verdict;
    }
    case AlterKind::alter_column_type:
    case AlterKind::set_not_null:
    case AlterKind::drop_not_null:
    case AlterKind::set_default:
    case AlterKind::drop_default:
    case AlterKind::set_expression: {
      const Known k = column_known();
      const Rerun raw = k == Known::absent ? Rerun::missing
                        : k == Known::unknown ? Rerun::unknown
                                              : Rerun::runs;
      const Step s = step(raw, guarded, mode);
      if (s.effect) {
        Column& c = t.columns[column];
        c.present = true;
        if (cmd.kind == AlterKind::alter_column_type) {
          if (c.type && key_of(c.type->name) != key_of(cmd.definition.type.name)) {
            type_loses_column(c.type);
          }
          c.type = cmd.definition.type;
        }
      }
      return s.verdict;
    }
    case AlterKind::add_constraint: {
      const std::string name = key_of(cmd.constraint.name);
      Rerun raw = Rerun::unknown;  // unnamed: PostgreSQL picks a name
      if (!name.empty()) {
        const auto c = t.constraints.find(name);
        raw = creating(c == t.constraints.end() ? Known::unknown
                       : c->second.present      ? Known::present
                                                : Known::absent);
      }
      const Step s = step(raw, guarded, mode);
      if (s.effect) add_constraint(t, table_key, cmd.constraint);
      return s.verdict;
    }
    case AlterKind::drop_constraint: {
      const auto c = t.constraints.find(column);
      const Rerun raw = removing(c == t.constraints.end() ? Known::unknown
                                 : c->second.present      ? Known::present
                                                          : Known::absent);
      const Step s = step(raw, guarded || (cmd.if_exists_or_not && raw == Rerun::missing), mode);
      if (s.effect) drop_constraint(t, column);
      return s.verdict;
    }
    default:
      return Rerun::runs;
  }
}

RerunSteps SchemaState::apply_drop(const Drop& d, bool guarded, Mode mode) {
  RerunSteps out;
  out.reserve(d.names.size());
  const std::string kind = d.object == "domain" ? "type" : d.object;
  for (const QualifiedName& name : d.names) {
    const std::string key = key_of(name.name);
    Rerun raw = removing(object(kind, key));
    if (kind == "type" && raw == Rerun::runs && !d.cascade && type_in_use(key)) {
      raw = Rerun::in_use;
    }
    const Step s = step(raw, guarded || (d.if_exists && raw == Rerun::missing), mode);
    out.push_back(s.verdict);
    if (!s.effect) continue;
    if (kind == "table") {
      drop_table(key);
    } else if (kind == "index") {
      Index& index = indexes_[key];
      index.present = false;
    } else if (kind == "type") {
      Type& type = types_[key];
      type = Type{};
      type.present = false;
      if (!d.cascade) continue;
      // CASCADE drops the columns of the type.
      for (auto& [table_key, table] : tables_) {
        for (auto& [column_key, column] : table.columns) {
          if (column.present && column.type && key_of(column.type->name) == key) {
            column.present = false;
          }
        }
      }
    } else {
      objects_[kind + ":" + key] = false;
    }
  }
  return out;
}

RerunSteps SchemaState::apply_rename(const Rename& r, bool guarded, Mode mode) {
  const std::string target = key_of(r.target.name);
  const std::string new_key = key_of(r.new_name);
  if (r.object == "column" || r.object == "constraint") {
    if (table_known(target) == Known::absent && mode == Mode::rerun) {
      return {guarded ? Rerun::runs : Rerun::no_relation};
    }
    Table& t = table_entry(target);
    const std::string old_key = key_of(r.old_name);
    if (r.object == "column") {
      auto known = [&](const std::string& column) {
        const auto c = t.columns.find(column);
        if (c == t.columns.end()) return t.complete ? Known::absent : Known::unknown;
        return c->second.present ? Known::present : Known::absent;
      };
      const Known old_known = known(old_key);
      Known new_known = known(new_key);
      // Under its new name a column could only be there before if the first run failed.
      if (old_known == Known::present && new_known == Known::unknown) new_known = Known::absent;
      const Step s = step(renaming(old_known, new_known), guarded, mode);
      if (!s.effect) return {s.verdict};
      Column moved = t.columns[old_key];
      moved.present = true;
      t.columns[old_key] = Column{false, std::nullopt};
      t.columns[new_key] = moved;
      for_each_index_of(t, target, [&](Index& index) {
        std::replace(index.columns.begin(), index.columns.end(), old_key, new_key);
      });
      for (auto& [name, constraint] : t.constraints) {
        std::replace(constraint.columns.begin(), constraint.columns.end(), old_key, new_key);
      }
      return {s.verdict};
    }
    auto known = [&](const std::string& name) {
      const auto c = t.constraints.find(name);
      if (c == t.constraints.end()) return Known::unknown;
      return c->second.present ? Known::present : Known::absent;
    };
    const Step s = step(renaming(known(old_key), known(new_key)), guarded, mode);
    if (!s.effect) return {s.verdict};
    Constraint moved = t.constraints[old_key];
    moved.present = true;
    t.constraints[old_key] = Constraint{false, false, {}};
    t.constraints[new_key] = moved;
    if (moved.has_index) {
      indexes_[old_key].present = false;
      add_index(t, target, new_key, moved.columns);
    }
    return {s.verdict};
  }

  const std::string kind = r.object == "domain" ? "type" : r.object;
  const bool relation_kind = is_relation_kind(kind);
  const Known old_known = object(kind, target);
  const Known new_known = relation_kind ? relation(new_key) : object(kind, new_key);
  const Rerun raw = renaming(old_known, new_known);
  const Step s = step(raw, guarded || (relation_kind && r.if_exists && raw == Rerun::missing), mode);
  if (!s.effect) return {s.verdict};
  if (kind == "table") {
    Table moved = tables_[target];
    moved.present = true;
    tables_[target] = Table{};
    tables_[target].present = false;
    for_each_index_of(moved, target, [&](Index& index) { index.table = new_key; });
    tables_[new_key] = std::move(moved);
  } else if (kind == "index") {
    Index moved = indexes_[target];
    moved.present = true;
    indexes_[target].present = false;
    if (!moved.table.empty()) tables_[moved.table].indexes.insert(new_key);
    indexes_[new_key] = std::move(moved);
  } else if (kind == "type") {
    Type moved = types_[target];
    moved.present = true;
    types_[target] = Type{};
    types_[target].present = false;
    types_[new_key] = std::move(moved);
  } else {
    objects_[kind + ":" + target] = false;
    objects_[kind + ":" + new_key] = true;
  }
  return {s.verdict};
}

RerunSteps SchemaState::apply_create_type(const CreateType& t, bool guarded, Mode mode) {
  const std::string key = key_of(t.name.name);
  const Step s = step(creating(object("type", key)), guarded, mode);
  if (!s.effect) return {s.verdict};
  Type type;
  type.complete = true;
  for (const std::string& label : t.labels) type.labels[label] = true;
  types_[key] = std::move(type);
  return {s.verdict};
}

RerunSteps SchemaState::apply_alter_enum(const AlterEnum& e, bool guarded, Mode mode) {
  const std::string key = key_of(e.type.name);
  const auto it = types_.find(key);
  if (it != types_.end() && !it->second.present && mode == Mode::rerun) {
    return {guarded ? Rerun::runs : Rerun::no_relation};
  }
  auto label_known = [&](const std::string& label) {
    if (it == types_.end() || !it->second.present) return Known::unknown;
    const auto l = it->second.labels.find(label);
    if (l == it->second.labels.end()) return it->second.complete ? Known::absent : Known::unknown;
    return l->second ? Known::present : Known::absent;
  };
  Rerun raw;
  if (e.old_value.empty()) {
    raw = creating(label_known(e.new_value));
    if (e.if_not_exists && raw == Rerun::exists) guarded = true;
  } else {
    raw = renaming(label_known(e.old_value), label_known(e.new_value));
  }
  const Step s = step(raw, guarded, mode);
  if (!s.effect) return {s.verdict};
  Type& type = types_[key];
  if (!type.present) type = Type{};
  if (!e.old_value.empty()) type.labels[e.old_value] = false;
  type.labels[e.new_value] = true;
  return {s.verdict};
}

RerunSteps SchemaState::apply_create_object(const CreateObject& o, bool guarded, Mode mode) {
  const std::string key = key_of(o.name.name);
  const Known known = is_relation_kind(o.object) ? relation(key) : object(o.object, key);
  const Rerun raw = creating(known);
  const bool no_fail = o.or_replace || (o.if_not_exists && raw == Rerun::exists);
  const Step s = step(raw, guarded || no_fail, mode);
  if (s.effect || o.or_replace) objects_[o.object + ":" + key] = true;
  return {s.verdict};
}

}  // namespace migsafe::rules
