#include "rules/sql/facts_builder.hpp"

#include <algorithm>
#include <set>

#include "rules/sql/text_case.hpp"
#include "rules/sql/tree_walk.hpp"

namespace migsafe::rules::sql {
namespace {

std::string str(Json value) { return std::string(string_of(value)); }

// {"String": {"sval": "x"}} -> "x"; anything else -> "".
std::string string_node(Json node) { return str(node["String"]["sval"]); }

// Whether a member is there (a Node wrapper {"RangeVar": ...} holds that type).
bool has(Json value) { return value.error() == simdjson::SUCCESS; }

// Whether a member is there and is not an empty object: libpg_query prints an empty
// struct as {}.
bool non_empty(Json value) {
  simdjson::dom::object members;
  return value.get(members) == simdjson::SUCCESS && members.begin() != members.end();
}

QualifiedName range_var(Json rv) { return {str(rv["schemaname"]), str(rv["relname"])}; }

// A list of String nodes (["s", "t"]) as a qualified name.
QualifiedName name_list(Json items) {
  QualifiedName out;
  if (size_of(items) == 0) return out;
  out.name = string_node(last_of(items));
  if (size_of(items) >= 2) out.schema = string_node(second_last_of(items));
  return out;
}

TypeRef type_ref(Json tn) {
  TypeRef out;
  if (size_of(tn["names"]) > 0) out.name = string_node(last_of(tn["names"]));
  for_each_item(tn["typmods"],
                [&](Json mod) { out.modifiers.push_back(int_of(mod["A_Const"]["ival"]["ival"])); });
  out.array = size_of(tn["arrayBounds"]) > 0;
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

Expression expression(Json node) {
  Expression out;
  for_each_member(node, [&](std::string_view key, Json value) {
    if (key == "FuncCall") {
      const std::string name = to_lower(string_node(last_of(value["funcname"])));
      out.functions.push_back(name);
      out.constant = false;
      if (non_volatile_functions().count(name) == 0) {
        out.volatile_call = true;
        out.assumed_volatile.push_back(name);
      }
    } else if (key == "ColumnRef" || key == "SubLink" || key == "SQLValueFunction") {
      out.constant = false;
    } else if (key == "NextValueExpr") {
      out.constant = false;
      out.volatile_call = true;
      out.draws_from_sequence = true;
    }
    return true;
  });
  const Json test = node["NullTest"];
  if (string_of(test["nulltesttype"]) == "IS_NOT_NULL") {
    const Json fields = test["arg"]["ColumnRef"]["fields"];
    if (size_of(fields) == 1) out.not_null_column = string_node(fields.at(0));
  }
  return out;
}

ConstraintKind constraint_kind(std::string_view contype) {
  if (contype == "CONSTR_CHECK") return ConstraintKind::check;
  if (contype == "CONSTR_FOREIGN") return ConstraintKind::foreign_key;
  if (contype == "CONSTR_UNIQUE") return ConstraintKind::unique;
  if (contype == "CONSTR_PRIMARY") return ConstraintKind::primary_key;
  if (contype == "CONSTR_EXCLUSION") return ConstraintKind::exclusion;
  if (contype == "CONSTR_NOTNULL") return ConstraintKind::not_null;
  return ConstraintKind::other;
}

Constraint constraint(Json c) {
  Constraint out;
  out.kind = constraint_kind(string_of(c["contype"]));
  out.name = str(c["conname"]);
  out.not_valid = bool_of(c["skip_validation"]);
  out.using_index = str(c["indexname"]);
  for_each_item(c["keys"], [&](Json k) { out.columns.push_back(string_node(k)); });
  for_each_item(c["fk_attrs"], [&](Json k) { out.columns.push_back(string_node(k)); });
  if (out.kind == ConstraintKind::foreign_key) out.references = range_var(c["pktable"]);
  if (has(c["raw_expr"])) out.expression = expression(c["raw_expr"]);
  return out;
}

Column column(Json cd) {
  Column out;
  out.name = str(cd["colname"]);
  out.type = type_ref(cd["typeName"]);
  for_each_item(cd["constraints"], [&](Json item) {
    const Json c = item["Constraint"];
    const std::string_view contype = string_of(c["contype"]);
    if (contype == "CONSTR_NOTNULL") out.not_null = true;
    if (contype == "CONSTR_PRIMARY") out.primary_key = out.not_null = true;
    if (contype == "CONSTR_UNIQUE") out.unique = true;
    if (contype == "CONSTR_DEFAULT") out.default_value = expression(c["raw_expr"]);
    if (contype == "CONSTR_IDENTITY") out.identity = true;
    if (contype == "CONSTR_GENERATED") out.generated_stored = true;
    if (contype == "CONSTR_FOREIGN") out.references = range_var(c["pktable"]);
  });
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

std::string object_name(Json objtype) { return object_name(str(objtype)); }

CreateTable create_table(Json n) {
  CreateTable out;
  out.name = range_var(n["relation"]);
  out.if_not_exists = bool_of(n["if_not_exists"]);
  for_each_item(n["tableElts"], [&](Json elt) {
    if (has(elt["ColumnDef"])) out.columns.push_back(column(elt["ColumnDef"]));
    if (has(elt["Constraint"])) out.constraints.push_back(constraint(elt["Constraint"]));
  });
  return out;
}

CreateIndex create_index(Json n) {
  CreateIndex out;
  out.name = str(n["idxname"]);
  out.table = range_var(n["relation"]);
  out.unique = bool_of(n["unique"]);
  out.concurrent = bool_of(n["concurrent"]);
  out.if_not_exists = bool_of(n["if_not_exists"]);
  out.only = !bool_of(n["relation"]["inh"]);  // ON ONLY clears RangeVar.inh
  for_each_item(n["indexParams"], [&](Json p) {
    const std::string name = str(p["IndexElem"]["name"]);
    if (!name.empty()) out.columns.push_back(name);
  });
  return out;
}

AlterKind alter_kind(std::string_view subtype, Json cmd) {
  if (subtype == "AT_AddColumn") return AlterKind::add_column;
  if (subtype == "AT_DropColumn") return AlterKind::drop_column;
  if (subtype == "AT_AlterColumnType") return AlterKind::alter_column_type;
  if (subtype == "AT_SetNotNull") return AlterKind::set_not_null;
  if (subtype == "AT_DropNotNull") return AlterKind::drop_not_null;
  if (subtype == "AT_ColumnDefault") {
    return non_empty(cmd["def"]) ? AlterKind::set_default : AlterKind::drop_default;
  }
  if (subtype == "AT_AddConstraint") return AlterKind::add_constraint;
  if (subtype == "AT_DropConstraint") return AlterKind::drop_constraint;
  if (subtype == "AT_ValidateConstraint") return AlterKind::validate_constraint;
  return AlterKind::other;
}

AlterTable alter_table(Json n) {
  AlterTable out;
  out.table = range_var(n["relation"]);
  out.object = object_name(n["objtype"]);
  out.if_exists = bool_of(n["missing_ok"]);
  for_each_item(n["cmds"], [&](Json item) {
    const Json cmd = item["AlterTableCmd"];
    AlterTableCommand c;
    if (has(cmd)) {
      c.subtype = str(cmd["subtype"]);
      c.kind = alter_kind(c.subtype, cmd);
      c.column = str(cmd["name"]);
      c.if_exists_or_not = bool_of(cmd["missing_ok"]);
      c.cascade = string_of(cmd["behavior"]) == "DROP_CASCADE";
      const Json cd = cmd["def"]["ColumnDef"];
      if (has(cd)) {
        c.definition = column(cd);
        c.has_using = non_empty(cd["raw_default"]);
        if (c.kind == AlterKind::add_column) c.column = c.definition.name;
      }
      const Json con = cmd["def"]["Constraint"];
      if (has(con)) c.constraint = constraint(con);
      const Json part = cmd["def"]["PartitionCmd"];
      if (has(part)) {
        c.partition = range_var(part["name"]);
        c.concurrent = bool_of(part["concurrent"]);
      }
    }
    out.commands.push_back(std::move(c));
  });
  return out;
}

Drop drop(Json n) {
  Drop out;
  out.object = object_name(n["removeType"]);
  out.if_exists = bool_of(n["missing_ok"]);
  out.cascade = string_of(n["behavior"]) == "DROP_CASCADE";
  out.concurrent = bool_of(n["concurrent"]);
  const bool on_table = out.object == "trigger" || out.object == "policy" || out.object == "rule";
  for_each_item(n["objects"], [&](Json obj) {
    if (has(obj["List"])) {
      const Json items = obj["List"]["items"];
      QualifiedName name = name_list(items);
      if (on_table) {
        // [schema, table, trigger]: the last part is the trigger, the rest the table.
        out.on_table = string_node(second_last_of(items));
        name = {std::string(), string_node(last_of(items))};
      }
      out.names.push_back(name);
    } else if (has(obj["TypeName"])) {
      out.names.push_back(name_list(obj["TypeName"]["names"]));
    } else if (has(obj["String"])) {
      out.names.push_back({std::string(), string_node(obj)});
    } else if (has(obj["ObjectWithArgs"])) {
      out.names.push_back(name_list(obj["ObjectWithArgs"]["objname"]));
    }
  });
  return out;
}

Rename rename(Json n) {
  Rename out;
  out.object = object_name(n["renameType"]);
  out.if_exists = bool_of(n["missing_ok"]);
  out.old_name = str(n["subname"]);
  out.new_name = str(n["newname"]);
  out.cascade = string_of(n["behavior"]) == "DROP_CASCADE";
  const Json obj = n["object"];
  if (non_empty(n["relation"])) {
    out.target = range_var(n["relation"]);
  } else if (has(obj["List"])) {
    out.target = name_list(obj["List"]["items"]);
  } else if (has(obj["String"])) {
    out.target = {std::string(), string_node(obj)};
  } else if (has(obj["TypeName"])) {
    out.target = name_list(obj["TypeName"]["names"]);
  }
  return out;
}

// A LIMIT anywhere under `node`: WHERE id IN (SELECT ... LIMIT n).
bool has_limit(Json node) {
  bool found = false;
  for_each_member(node, [&](std::string_view key, Json) {
    if (key == "limitCount") found = true;
    return !found;
  });
  return found;
}

Dml dml(DmlKind kind, Json n) {
  Dml out;
  out.kind = kind;
  out.table = range_var(n["relation"]);
  out.has_where = non_empty(n["whereClause"]);
  out.has_limit_subquery = has_limit(n["whereClause"]);
  return out;
}

Dml insert(Json n) {
  const Json select = n["selectStmt"]["SelectStmt"];
  Dml out = dml(non_empty(select) && size_of(select["valuesLists"]) == 0 ? DmlKind::insert_select
                                                                         : DmlKind::insert_values,
                n);
  out.has_where = false;
  out.has_limit_subquery = false;
  return out;
}

std::string constant_text(Json node) {
  const Json a = node["A_Const"];
  if (has(a["sval"])) return str(a["sval"]["sval"]);
  if (has(a["ival"])) return std::to_string(int_of(a["ival"]["ival"]));
  if (has(a["fval"])) return str(a["fval"]["fval"]);
  return std::string();
}

Facts variable_set(Json n) {
  SetVariable out;
  out.name = to_lower(str(n["name"]));
  out.local = bool_of(n["is_local"]);
  const std::string_view kind = string_of(n["kind"]);
  out.reset = kind == "VAR_RESET" || kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET_ALL";
  if (size_of(n["args"]) > 0) out.value = constant_text(n["args"].at(0));
  return out;
}

// SELECT set_config('lock_timeout', '2s', false) is how some tools set a GUC.
Facts select(Json n) {
  simdjson::dom::array targets;
  if (n["targetList"].get(targets) != simdjson::SUCCESS) return Other{};
  for (simdjson::dom::element target : targets) {
    const Json call = as_json(target)["ResTarget"]["val"]["FuncCall"];
    const Json names = call["funcname"];
    if (size_of(names) == 0 || to_lower(string_node(last_of(names))) != "set_config") continue;
    const Json args = call["args"];
    const std::size_t n_args = size_of(args);
    if (n_args < 2) continue;
    SetVariable out;
    out.name = to_lower(constant_text(args.at(0)));
    out.value = constant_text(args.at(1));
    if (n_args >= 3) out.local = bool_of(args.at(2)["A_Const"]["boolval"]["boolval"]);
    return out;
  }
  return Other{};
}

Facts transaction(Json n) {
  const std::string_view kind = string_of(n["kind"]);
  Transaction out;
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") out.kind = TransactionKind::begin;
  if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_COMMIT_PREPARED") {
    out.kind = TransactionKind::commit;
  }
  if (kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_ROLLBACK_PREPARED") {
    out.kind = TransactionKind::rollback;
  }
  if (kind == "TRANS_STMT_SAVEPOINT") out.kind = TransactionKind::savepoint;
  return out;
}

Facts do_block(Json n) {
  DoBlock out;
  for_each_item(n["args"], [&](Json arg) {
    const Json d = arg["DefElem"];
    const std::string_view name = string_of(d["defname"]);
    if (name == "as") out.body = string_node(d["arg"]);
    if (name == "language") out.language = to_lower(string_node(d["arg"]));
  });
  return out;
}

Facts alter_enum(Json n) {
  AlterEnum out;
  out.type = name_list(n["typeName"]);
  out.new_value = str(n["newVal"]);
  out.old_value = str(n["oldVal"]);
  out.if_not_exists = bool_of(n["skipIfNewValExists"]);
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

Facts create_table_as(Json n) {
  const Json rel = n["into"]["rel"];
  if (string_of(n["objtype"]) == "OBJECT_MATVIEW") {
    return create_object("materialized view", range_var(rel), bool_of(n["if_not_exists"]), false);
  }
  CreateTable out;
  out.name = range_var(rel);
  out.if_not_exists = bool_of(n["if_not_exists"]);
  out.as_select = true;
  return out;
}

Facts truncate(Json n) {
  Truncate out;
  for_each_item(n["relations"], [&](Json rv) { out.tables.push_back(range_var(rv["RangeVar"])); });
  out.cascade = string_of(n["behavior"]) == "DROP_CASCADE";
  return out;
}

Facts drop_database(Json n) {
  Drop out;
  out.object = "database";
  out.names.push_back({std::string(), str(n["dbname"])});
  out.if_exists = bool_of(n["missing_ok"]);
  return out;
}

// A list of DefElem options ("full", "concurrently", ...): whether `name` is set. A bare
// option has no argument; `(FULL false)` turns it off.
bool option_set(Json options, std::string_view name) {
  bool set = false;
  for_each_item(options, [&](Json item) {
    const Json d = item["DefElem"];
    if (string_of(d["defname"]) != name) return;
    const std::string value = to_lower(str(d["arg"]["String"]["sval"]));
    set = !has(d["arg"]) || (value != "false" && value != "off" && value != "0");
    if (has(d["arg"]["Boolean"])) set = bool_of(d["arg"]["Boolean"]["boolval"]);
    if (has(d["arg"]["Integer"])) set = int_of(d["arg"]["Integer"]["ival"]) != 0;
  });
  return set;
}

Facts vacuum(Json n) {
  Maintenance out;
  out.command = bool_of(n["is_vacuumcmd"]) ? "vacuum" : "analyze";
  out.object = "table";
  out.full = option_set(n["options"], "full");
  for_each_item(n["rels"], [&](Json r) {
    out.relations.push_back(range_var(r["VacuumRelation"]["relation"]));
  });
  return out;
}

Facts cluster(Json n) {
  Maintenance out;
  out.command = "cluster";
  out.object = "table";
  if (non_empty(n["relation"])) out.relations.push_back(range_var(n["relation"]));
  return out;
}

Facts reindex(Json n) {
  Maintenance out;
  out.command = "reindex";
  const std::string kind = str(n["kind"]);  // REINDEX_OBJECT_INDEX, ..._TABLE, ...
  out.object = to_lower(kind.rfind("REINDEX_OBJECT_", 0) == 0 ? kind.substr(15) : kind);
  if (non_empty(n["relation"])) out.relations.push_back(range_var(n["relation"]));
  if (!str(n["name"]).empty()) out.relations.push_back({std::string(), str(n["name"])});
  out.concurrent = option_set(n["params"], "concurrently");
  return out;
}

Facts refresh(Json n) {
  Maintenance out;
  out.command = "refresh materialized view";
  out.object = "materialized view";
  out.relations.push_back(range_var(n["relation"]));
  out.concurrent = bool_of(n["concurrent"]);
  return out;
}

// subtype: 'C' add constraint, 'O' set not null ('N' is drop not null), 'V' validate
// constraint (AlterDomainStmt).
Facts alter_domain(Json n) {
  AlterDomain out;
  out.name = name_list(n["typeName"]);
  const std::string_view subtype = string_of(n["subtype"]);
  if (subtype == "C") out.action = DomainAction::add_constraint;
  if (subtype == "O") out.action = DomainAction::set_not_null;
  if (subtype == "V") out.action = DomainAction::validate_constraint;
  out.not_valid = bool_of(n["def"]["Constraint"]["skip_validation"]);
  return out;
}

}  // namespace

// Every string constant, in the order the statement's JSON tree used to list them.
void collect_string_literals(Json node, std::vector<std::string>& out) {
  for_each_member(node, [&](std::string_view key, Json value) {
    if (key != "A_Const") return true;
    const Json sval = value["sval"];
    if (!has(sval)) return true;
    out.push_back(str(sval["sval"]));
    return false;
  });
}

Facts build_facts(Json node) {
  const std::string_view kind = node_type_name(node);
  if (kind.empty()) return Other{};
  const Json n = node[kind];
  if (kind == "CreateStmt") return create_table(n);
  if (kind == "CreateTableAsStmt") return create_table_as(n);
  if (kind == "IndexStmt") return create_index(n);
  if (kind == "AlterTableStmt") return alter_table(n);
  if (kind == "DropStmt") return drop(n);
  if (kind == "DropdbStmt") return drop_database(n);
  if (kind == "RenameStmt") return rename(n);
  if (kind == "TruncateStmt") return truncate(n);
  if (kind == "UpdateStmt") return dml(DmlKind::update, n);
  if (kind == "DeleteStmt") return dml(DmlKind::delete_rows, n);
  if (kind == "InsertStmt") return insert(n);
  if (kind == "VariableSetStmt") return variable_set(n);
  if (kind == "SelectStmt") return select(n);
  if (kind == "TransactionStmt") return transaction(n);
  if (kind == "DoStmt") return do_block(n);
  if (kind == "AlterEnumStmt") return alter_enum(n);
  if (kind == "CreateEnumStmt") {
    CreateType out{name_list(n["typeName"]), "enum", {}};
    for_each_item(n["vals"], [&](Json v) { out.labels.push_back(string_node(v)); });
    return out;
  }
  if (kind == "CompositeTypeStmt") return CreateType{range_var(n["typevar"]), "composite", {}};
  if (kind == "CreateRangeStmt") return CreateType{name_list(n["typeName"]), "range", {}};
  if (kind == "CreateDomainStmt") return CreateType{name_list(n["domainname"]), "domain", {}};
  if (kind == "CreateSeqStmt") {
    return create_object("sequence", range_var(n["sequence"]), bool_of(n["if_not_exists"]), false);
  }
  if (kind == "CreateSchemaStmt") {
    return create_object("schema", {std::string(), str(n["schemaname"])},
                         bool_of(n["if_not_exists"]), false);
  }
  if (kind == "CreateExtensionStmt") {
    return create_object("extension", {std::string(), str(n["extname"])},
                         bool_of(n["if_not_exists"]), false);
  }
  if (kind == "CreateTrigStmt") {
    CreateObject out =
        create_object("trigger", {std::string(), str(n["trigname"])}, false, bool_of(n["replace"]));
    out.on_table = range_var(n["relation"]).display();
    return out;
  }
  if (kind == "ViewStmt") {
    return create_object("view", range_var(n["view"]), false, bool_of(n["replace"]));
  }
  if (kind == "CreateFunctionStmt") {
    CreateObject out = create_object(bool_of(n["is_procedure"]) ? "procedure" : "function",
                                     name_list(n["funcname"]), false, bool_of(n["replace"]));
    for_each_item(n["options"], [&](Json option) {
      if (str(option["DefElem"]["defname"]) != "volatility") return;
      const std::string volatility = to_lower(string_node(option["DefElem"]["arg"]));
      out.declared_non_volatile = volatility == "immutable" || volatility == "stable";
    });
    return out;
  }
  if (kind == "CreatePolicyStmt") {
    CreateObject out =
        create_object("policy", {std::string(), str(n["policy_name"])}, false, false);
    out.on_table = range_var(n["table"]).display();
    return out;
  }
  if (kind == "CommentStmt") return Comment{object_name(n["objtype"])};
  if (kind == "AlterDomainStmt") return alter_domain(n);
  if (kind == "VacuumStmt") return vacuum(n);
  if (kind == "ClusterStmt") return cluster(n);
  if (kind == "ReindexStmt") return reindex(n);
  if (kind == "RefreshMatViewStmt") return refresh(n);
  if (kind == "LockStmt") {
    LockTable out;
    for_each_item(n["relations"], [&](Json r) { out.tables.push_back(range_var(r["RangeVar"])); });
    if (has(n["mode"])) out.mode = static_cast<int>(int_of(n["mode"]));
    return out;
  }
  return Other{};
}

}  // namespace migsafe::rules::sql
