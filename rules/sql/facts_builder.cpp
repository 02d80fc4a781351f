#include "rules/sql/facts_builder.hpp"

#include <algorithm>
#include <set>

#include "rules/sql/parse_tree.hpp"
#include "rules/sql/text_case.hpp"
#include "rules/sql/tree_walk.hpp"

namespace migsafe::rules::sql {
namespace {

using Node = PgQuery__Node;

std::string str(const char* s) { return s != nullptr ? s : std::string(); }

// {String: "x"} -> "x"; anything else -> "".
std::string string_node(const Node* node) {
  return node != nullptr && node->node_case == PG_QUERY__NODE__NODE_STRING && node->string
             ? str(node->string->sval)
             : std::string();
}

// Typed access to a Node: the message when the node holds that type, else null.
#define MIGSAFE_NODE_AS(fn, Type, member, CASE)                                             \
  const PgQuery__##Type* fn(const Node* node) {                                             \
    return node != nullptr && node->node_case == PG_QUERY__NODE__NODE_##CASE ? node->member \
                                                                             : nullptr;     \
  }
MIGSAFE_NODE_AS(as_range_var, RangeVar, range_var, RANGE_VAR)
MIGSAFE_NODE_AS(as_a_const, AConst, a_const, A_CONST)
MIGSAFE_NODE_AS(as_list, List, list, LIST)
MIGSAFE_NODE_AS(as_type_name, TypeName, type_name, TYPE_NAME)
MIGSAFE_NODE_AS(as_column_def, ColumnDef, column_def, COLUMN_DEF)
MIGSAFE_NODE_AS(as_constraint, Constraint, constraint, CONSTRAINT)
MIGSAFE_NODE_AS(as_func_call, FuncCall, func_call, FUNC_CALL)
MIGSAFE_NODE_AS(as_null_test, NullTest, null_test, NULL_TEST)
MIGSAFE_NODE_AS(as_column_ref, ColumnRef, column_ref, COLUMN_REF)
MIGSAFE_NODE_AS(as_select_stmt, SelectStmt, select_stmt, SELECT_STMT)
#undef MIGSAFE_NODE_AS

QualifiedName range_var(const PgQuery__RangeVar* rv) {
  if (rv == nullptr) return {};
  return {str(rv->schemaname), str(rv->relname)};
}

// A list of String nodes (["s", "t"]) as a qualified name.
QualifiedName name_list(Node* const* items, std::size_t count) {
  QualifiedName out;
  if (count == 0) return out;
  out.name = string_node(items[count - 1]);
  if (count >= 2) out.schema = string_node(items[count - 2]);
  return out;
}

TypeRef type_ref(const PgQuery__TypeName* tn) {
  TypeRef out;
  if (tn == nullptr) return out;
  if (tn->n_names > 0) out.name = string_node(tn->names[tn->n_names - 1]);
  for (std::size_t i = 0; i < tn->n_typmods; ++i) {
    const PgQuery__AConst* c = as_a_const(tn->typmods[i]);
    const bool integer = c != nullptr && c->val_case == PG_QUERY__A__CONST__VAL_IVAL && c->ival;
    out.modifiers.push_back(integer ? c->ival->ival : 0);
  }
  out.array = tn->n_array_bounds > 0;
  return out;
}

// Functions known not to be volatile that people use as defaults. Anything else a
// default calls is treated as volatile: a rewrite is the expensive mistake.
const std::set<std::string>& non_volatile_functions() {
  static const std::set<std::string> names = {"now",
                                              "current_timestamp",
                                              "transaction_timestamp",
                                              "statement_timestamp",
                                              "localtimestamp",
                                              "current_date",
                                              "current_time",
                                              "lower",
                                              "upper",
                                              "coalesce",
                                              "concat",
                                              "length",
                                              "abs",
                                              "round",
                                              "trim",
                                              "btrim",
                                              "timezone",
                                              "date_trunc",
                                              "make_interval",
                                              "jsonb_build_object",
                                              "json_build_object",
                                              "jsonb_build_array",
                                              "json_build_array",
                                              "to_jsonb",
                                              "to_json",
                                              "array_length",
                                              "nullif",
                                              "greatest",
                                              "least",
                                              "md5",
                                              "replace",
                                              "substring",
                                              "left",
                                              "right",
                                              "to_char",
                                              "to_date",
                                              "to_timestamp",
                                              "current_user",
                                              "session_user",
                                              "current_schema",
                                              "format"};
  return names;
}

bool is_node(const ProtobufCMessage& m) { return m.descriptor == &pg_query__node__descriptor; }

Expression expression(const Node* node) {
  Expression out;
  for_each_message(node, [&](const ProtobufCMessage& m) {
    if (!is_node(m)) return true;
    const auto& n = reinterpret_cast<const Node&>(m);
    switch (n.node_case) {
      case PG_QUERY__NODE__NODE_FUNC_CALL: {
        const PgQuery__FuncCall& call = *n.func_call;
        const std::string name = call.n_funcname == 0
                                     ? std::string()
                                     : to_lower(string_node(call.funcname[call.n_funcname - 1]));
        out.functions.push_back(name);
        out.constant = false;
        if (non_volatile_functions().count(name) == 0) out.volatile_call = true;
        break;
      }
      case PG_QUERY__NODE__NODE_COLUMN_REF:
      case PG_QUERY__NODE__NODE_SUB_LINK:
      case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
        out.constant = false;
        break;
      case PG_QUERY__NODE__NODE_NEXT_VALUE_EXPR:
        out.constant = false;
        out.volatile_call = true;
        break;
      default:
        break;
    }
    return true;
  });
  const PgQuery__NullTest* test = as_null_test(node);
  if (test != nullptr && test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL) {
    const PgQuery__ColumnRef* ref = as_column_ref(test->arg);
    if (ref != nullptr && ref->n_fields == 1) out.not_null_column = string_node(ref->fields[0]);
  }
  return out;
}

ConstraintKind constraint_kind(PgQuery__ConstrType contype) {
  switch (contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      return ConstraintKind::check;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      return ConstraintKind::foreign_key;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      return ConstraintKind::unique;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      return ConstraintKind::primary_key;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      return ConstraintKind::exclusion;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      return ConstraintKind::not_null;
    default:
      return ConstraintKind::other;
  }
}

Constraint constraint(const PgQuery__Constraint& c) {
  Constraint out;
  out.kind = constraint_kind(c.contype);
  out.name = str(c.conname);
  out.not_valid = c.skip_validation;
  out.using_index = str(c.indexname);
  for (std::size_t i = 0; i < c.n_keys; ++i) out.columns.push_back(string_node(c.keys[i]));
  for (std::size_t i = 0; i < c.n_fk_attrs; ++i) out.columns.push_back(string_node(c.fk_attrs[i]));
  if (out.kind == ConstraintKind::foreign_key) out.references = range_var(c.pktable);
  if (c.raw_expr != nullptr) out.expression = expression(c.raw_expr);
  return out;
}

Column column(const PgQuery__ColumnDef& cd) {
  Column out;
  out.name = str(cd.colname);
  out.type = type_ref(cd.type_name);
  for (std::size_t i = 0; i < cd.n_constraints; ++i) {
    const PgQuery__Constraint* c = as_constraint(cd.constraints[i]);
    if (c == nullptr) continue;
    switch (c->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        out.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        out.primary_key = out.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        out.unique = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
        out.default_value = expression(c->raw_expr);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
        out.identity = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
        out.generated_stored = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
        out.references = range_var(c->pktable);
        break;
      default:
        break;
    }
  }
  return out;
}

std::string object_name(const std::string& objtype) {
  // OBJECT_MATVIEW -> "materialized view", OBJECT_FOREIGN_TABLE -> "foreign table"
  std::string s = objtype.rfind("OBJECT_", 0) == 0 ? objtype.substr(7) : objtype;
  if (s == "MATVIEW") return "materialized view";
  if (s == "TABCONSTRAINT" || s == "DOMCONSTRAINT") return "constraint";
  s = to_lower(s);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string object_name(PgQuery__ObjectType objtype) {
  return object_name(enum_name(pg_query__object_type__descriptor, objtype));
}

CreateTable create_table(const PgQuery__CreateStmt& n) {
  CreateTable out;
  out.name = range_var(n.relation);
  out.if_not_exists = n.if_not_exists;
  for (std::size_t i = 0; i < n.n_table_elts; ++i) {
    if (const auto* cd = as_column_def(n.table_elts[i])) out.columns.push_back(column(*cd));
    if (const auto* c = as_constraint(n.table_elts[i])) out.constraints.push_back(constraint(*c));
  }
  return out;
}

CreateIndex create_index(const PgQuery__IndexStmt& n) {
  CreateIndex out;
  out.name = str(n.idxname);
  out.table = range_var(n.relation);
  out.unique = n.unique;
  out.concurrent = n.concurrent;
  out.if_not_exists = n.if_not_exists;
  for (std::size_t i = 0; i < n.n_index_params; ++i) {
    const Node* p = n.index_params[i];
    if (p == nullptr || p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM) continue;
    const std::string name = str(p->index_elem->name);
    if (!name.empty()) out.columns.push_back(name);
  }
  return out;
}

AlterKind alter_kind(const PgQuery__AlterTableCmd& cmd) {
  switch (cmd.subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
      return AlterKind::add_column;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      return AlterKind::drop_column;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
      return AlterKind::alter_column_type;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
      return AlterKind::set_not_null;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
      return AlterKind::drop_not_null;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
      return cmd.def == nullptr ? AlterKind::drop_default : AlterKind::set_default;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
      return AlterKind::add_constraint;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      return AlterKind::drop_constraint;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
      return AlterKind::validate_constraint;
    default:
      return AlterKind::other;
  }
}

AlterTable alter_table(const PgQuery__AlterTableStmt& n) {
  AlterTable out;
  out.table = range_var(n.relation);
  out.object = object_name(n.objtype);
  out.if_exists = n.missing_ok;
  for (std::size_t i = 0; i < n.n_cmds; ++i) {
    AlterTableCommand c;
    const Node* item = n.cmds[i];
    if (item != nullptr && item->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) {
      const PgQuery__AlterTableCmd& cmd = *item->alter_table_cmd;
      c.subtype = enum_name(pg_query__alter_table_type__descriptor, cmd.subtype);
      c.kind = alter_kind(cmd);
      c.column = str(cmd.name);
      c.if_exists_or_not = cmd.missing_ok;
      c.cascade = cmd.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      if (const auto* cd = as_column_def(cmd.def)) {
        c.definition = column(*cd);
        c.has_using = cd->raw_default != nullptr;
        if (c.kind == AlterKind::add_column) c.column = c.definition.name;
      }
      if (const auto* con = as_constraint(cmd.def)) c.constraint = constraint(*con);
    }
    out.commands.push_back(std::move(c));
  }
  return out;
}

Drop drop(const PgQuery__DropStmt& n) {
  Drop out;
  out.object = object_name(n.remove_type);
  out.if_exists = n.missing_ok;
  out.cascade = n.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  out.concurrent = n.concurrent;
  const bool on_table = out.object == "trigger" || out.object == "policy" || out.object == "rule";
  for (std::size_t i = 0; i < n.n_objects; ++i) {
    const Node* obj = n.objects[i];
    if (const auto* list = as_list(obj)) {
      QualifiedName name = name_list(list->items, list->n_items);
      if (on_table) {
        // [schema, table, trigger]: the last part is the trigger, the rest the table.
        const std::size_t count = list->n_items;
        out.on_table = count >= 2 ? string_node(list->items[count - 2]) : std::string();
        name = {std::string(), count == 0 ? std::string() : string_node(list->items[count - 1])};
      }
      out.names.push_back(name);
    } else if (const auto* type = as_type_name(obj)) {
      out.names.push_back(name_list(type->names, type->n_names));
    } else if (obj != nullptr && obj->node_case == PG_QUERY__NODE__NODE_STRING) {
      out.names.push_back({std::string(), string_node(obj)});
    } else if (obj != nullptr && obj->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      out.names.push_back(
          name_list(obj->object_with_args->objname, obj->object_with_args->n_objname));
    }
  }
  return out;
}

Rename rename(const PgQuery__RenameStmt& n) {
  Rename out;
  out.object = object_name(n.rename_type);
  out.if_exists = n.missing_ok;
  out.old_name = str(n.subname);
  out.new_name = str(n.newname);
  if (n.relation != nullptr) {
    out.target = range_var(n.relation);
  } else if (const auto* list = as_list(n.object)) {
    out.target = name_list(list->items, list->n_items);
  } else if (n.object != nullptr && n.object->node_case == PG_QUERY__NODE__NODE_STRING) {
    out.target = {std::string(), string_node(n.object)};
  } else if (const auto* type = as_type_name(n.object)) {
    out.target = name_list(type->names, type->n_names);
  }
  return out;
}

// A LIMIT anywhere under `node`: WHERE id IN (SELECT ... LIMIT n).
bool has_limit(const Node* node) {
  bool found = false;
  for_each_message(node, [&](const ProtobufCMessage& m) {
    if (m.descriptor == &pg_query__select_stmt__descriptor &&
        reinterpret_cast<const PgQuery__SelectStmt&>(m).limit_count != nullptr) {
      found = true;
    }
    return !found;
  });
  return found;
}

Dml dml(DmlKind kind, const PgQuery__RangeVar* relation, const Node* where) {
  Dml out;
  out.kind = kind;
  out.table = range_var(relation);
  out.has_where = where != nullptr;
  out.has_limit_subquery = has_limit(where);
  return out;
}

Dml insert(const PgQuery__InsertStmt& n) {
  const PgQuery__SelectStmt* select = as_select_stmt(n.select_stmt);
  return dml(select != nullptr && select->n_values_lists == 0 ? DmlKind::insert_select
                                                              : DmlKind::insert_values,
             n.relation, nullptr);
}

std::string constant_text(const Node* node) {
  const PgQuery__AConst* a = as_a_const(node);
  if (a == nullptr) return std::string();
  switch (a->val_case) {
    case PG_QUERY__A__CONST__VAL_SVAL:
      return a->sval ? str(a->sval->sval) : std::string();
    case PG_QUERY__A__CONST__VAL_IVAL:
      return std::to_string(a->ival ? a->ival->ival : 0);
    case PG_QUERY__A__CONST__VAL_FVAL:
      return a->fval ? str(a->fval->fval) : std::string();
    default:
      return std::string();
  }
}

Facts variable_set(const PgQuery__VariableSetStmt& n) {
  SetVariable out;
  out.name = to_lower(str(n.name));
  out.local = n.is_local;
  out.reset = n.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET ||
              n.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT ||
              n.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL;
  if (n.n_args > 0) out.value = constant_text(n.args[0]);
  return out;
}

// SELECT set_config('lock_timeout', '2s', false) is how some tools set a GUC.
Facts select(const PgQuery__SelectStmt& n) {
  for (std::size_t i = 0; i < n.n_target_list; ++i) {
    const Node* target = n.target_list[i];
    if (target == nullptr || target->node_case != PG_QUERY__NODE__NODE_RES_TARGET) continue;
    const PgQuery__FuncCall* call = as_func_call(target->res_target->val);
    if (call == nullptr || call->n_funcname == 0 ||
        to_lower(string_node(call->funcname[call->n_funcname - 1])) != "set_config") {
      continue;
    }
    if (call->n_args < 2) continue;
    SetVariable out;
    out.name = to_lower(constant_text(call->args[0]));
    out.value = constant_text(call->args[1]);
    if (call->n_args >= 3) {
      const PgQuery__AConst* b = as_a_const(call->args[2]);
      out.local = b != nullptr && b->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL && b->boolval &&
                  b->boolval->boolval;
    }
    return out;
  }
  return Other{};
}

Facts transaction(const PgQuery__TransactionStmt& n) {
  Transaction out;
  switch (n.kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      out.kind = TransactionKind::begin;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED:
      out.kind = TransactionKind::commit;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED:
      out.kind = TransactionKind::rollback;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
      out.kind = TransactionKind::savepoint;
      break;
    default:
      break;
  }
  return out;
}

Facts do_block(const PgQuery__DoStmt& n) {
  DoBlock out;
  for (std::size_t i = 0; i < n.n_args; ++i) {
    const Node* arg = n.args[i];
    if (arg == nullptr || arg->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *arg->def_elem;
    const std::string name = str(d.defname);
    if (name == "as") out.body = string_node(d.arg);
    if (name == "language") out.language = to_lower(string_node(d.arg));
  }
  return out;
}

Facts alter_enum(const PgQuery__AlterEnumStmt& n) {
  AlterEnum out;
  out.type = name_list(n.type_name, n.n_type_name);
  out.new_value = str(n.new_val);
  out.old_value = str(n.old_val);
  out.if_not_exists = n.skip_if_new_val_exists;
  return out;
}

CreateObject create_object(std::string object, QualifiedName name, bool if_not_exists,
                           bool or_replace) {
  CreateObject out;
  out.object = std::move(object);
  out.name = std::move(name);
  out.if_not_exists = if_not_exists;
  out.or_replace = or_replace;
  return out;
}

Facts create_table_as(const PgQuery__CreateTableAsStmt& n) {
  const PgQuery__RangeVar* rel = n.into != nullptr ? n.into->rel : nullptr;
  if (n.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
    return create_object("materialized view", range_var(rel), n.if_not_exists, false);
  }
  CreateTable out;
  out.name = range_var(rel);
  out.if_not_exists = n.if_not_exists;
  out.as_select = true;
  return out;
}

Facts truncate(const PgQuery__TruncateStmt& n) {
  Truncate out;
  for (std::size_t i = 0; i < n.n_relations; ++i) {
    out.tables.push_back(range_var(as_range_var(n.relations[i])));
  }
  out.cascade = n.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

Facts drop_database(const PgQuery__DropdbStmt& n) {
  Drop out;
  out.object = "database";
  out.names.push_back({std::string(), str(n.dbname)});
  out.if_exists = n.missing_ok;
  return out;
}

}  // namespace

// Every string constant, in the order the statement's JSON tree used to list them.
void collect_string_literals(const PgQuery__Node* node, std::vector<std::string>& out) {
  for_each_message(node, [&](const ProtobufCMessage& m) {
    if (!is_node(m)) return true;
    const PgQuery__AConst* a = as_a_const(&reinterpret_cast<const Node&>(m));
    if (a == nullptr || a->val_case != PG_QUERY__A__CONST__VAL_SVAL) return true;
    out.push_back(a->sval ? str(a->sval->sval) : std::string());
    return false;
  });
}

Facts build_facts(const PgQuery__Node* node) {
  if (node == nullptr) return Other{};
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return create_table(*node->create_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return create_table_as(*node->create_table_as_stmt);
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return create_index(*node->index_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return alter_table(*node->alter_table_stmt);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return drop(*node->drop_stmt);
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
      return drop_database(*node->dropdb_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return rename(*node->rename_stmt);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return truncate(*node->truncate_stmt);
    case PG_QUERY__NODE__NODE_UPDATE_STMT: {
      const PgQuery__UpdateStmt& n = *node->update_stmt;
      return dml(DmlKind::update, n.relation, n.where_clause);
    }
    case PG_QUERY__NODE__NODE_DELETE_STMT: {
      const PgQuery__DeleteStmt& n = *node->delete_stmt;
      return dml(DmlKind::delete_rows, n.relation, n.where_clause);
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return insert(*node->insert_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return variable_set(*node->variable_set_stmt);
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      return select(*node->select_stmt);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return transaction(*node->transaction_stmt);
    case PG_QUERY__NODE__NODE_DO_STMT:
      return do_block(*node->do_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return alter_enum(*node->alter_enum_stmt);
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: {
      const auto& n = *node->create_enum_stmt;
      return CreateType{name_list(n.type_name, n.n_type_name), "enum"};
    }
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      return CreateType{range_var(node->composite_type_stmt->typevar), "composite"};
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT: {
      const auto& n = *node->create_range_stmt;
      return CreateType{name_list(n.type_name, n.n_type_name), "range"};
    }
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: {
      const auto& n = *node->create_domain_stmt;
      return CreateType{name_list(n.domainname, n.n_domainname), "domain"};
    }
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: {
      const auto& n = *node->create_seq_stmt;
      return create_object("sequence", range_var(n.sequence), n.if_not_exists, false);
    }
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
      const auto& n = *node->create_schema_stmt;
      return create_object("schema", {std::string(), str(n.schemaname)}, n.if_not_exists, false);
    }
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: {
      const auto& n = *node->create_extension_stmt;
      return create_object("extension", {std::string(), str(n.extname)}, n.if_not_exists, false);
    }
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: {
      const auto& n = *node->create_trig_stmt;
      CreateObject out =
          create_object("trigger", {std::string(), str(n.trigname)}, false, n.replace);
      out.on_table = range_var(n.relation).display();
      return out;
    }
    case PG_QUERY__NODE__NODE_VIEW_STMT: {
      const auto& n = *node->view_stmt;
      return create_object("view", range_var(n.view), false, n.replace);
    }
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: {
      const auto& n = *node->create_function_stmt;
      return create_object(n.is_procedure ? "procedure" : "function",
                           name_list(n.funcname, n.n_funcname), false, n.replace);
    }
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: {
      const auto& n = *node->create_policy_stmt;
      CreateObject out = create_object("policy", {std::string(), str(n.policy_name)}, false, false);
      out.on_table = range_var(n.table).display();
      return out;
    }
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      return Comment{object_name(node->comment_stmt->objtype)};
    default:
      return Other{};
  }
}

}  // namespace migsafe::rules::sql
