#include "rules/sql/facts_builder.hpp"

#include <algorithm>
#include <set>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules::sql {
namespace {

using json = nlohmann::json;

const json& empty_object() {
  static const json empty = json::object();
  return empty;
}

// The members of a node, whatever its wrapper: {"RangeVar": {...}} or {...}.
const json& get(const json& node, const char* key) {
  if (!node.is_object()) return empty_object();
  const auto it = node.find(key);
  return it == node.end() ? empty_object() : *it;
}
std::string str(const json& node, const char* key) {
  const json& v = get(node, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}
bool flag(const json& node, const char* key) {
  const json& v = get(node, key);
  return v.is_boolean() && v.get<bool>();
}
const json& list(const json& node, const char* key) {
  static const json empty = json::array();
  const json& v = get(node, key);
  return v.is_array() ? v : empty;
}
// {"String": {"sval": "x"}} -> "x"
std::string string_node(const json& node) { return str(get(node, "String"), "sval"); }

QualifiedName range_var(const json& rv) { return {str(rv, "schemaname"), str(rv, "relname")}; }

// A list of String nodes (["s", "t"]) as a qualified name.
QualifiedName name_list(const json& items) {
  QualifiedName out;
  std::vector<std::string> parts;
  for (const json& item : items) parts.push_back(string_node(item));
  if (parts.empty()) return out;
  out.name = parts.back();
  if (parts.size() >= 2) out.schema = parts[parts.size() - 2];
  return out;
}

TypeRef type_ref(const json& tn) {
  TypeRef out;
  const json& names = list(tn, "names");
  if (!names.empty()) out.name = string_node(names.back());
  for (const json& mod : list(tn, "typmods")) {
    const json& ival = get(get(get(mod, "A_Const"), "ival"), "ival");
    out.modifiers.push_back(ival.is_number() ? ival.get<std::int64_t>() : 0);
  }
  out.array = !list(tn, "arrayBounds").empty();
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

void summarise(const json& node, Expression& out) {
  if (node.is_array()) {
    for (const json& child : node) summarise(child, out);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (key == "FuncCall") {
      const json& names = list(value, "funcname");
      const std::string name = names.empty() ? std::string() : to_lower(string_node(names.back()));
      out.functions.push_back(name);
      out.constant = false;
      if (non_volatile_functions().count(name) == 0) out.volatile_call = true;
    } else if (key == "ColumnRef" || key == "SubLink" || key == "SQLValueFunction") {
      out.constant = false;
    } else if (key == "NextValueExpr") {
      out.constant = false;
      out.volatile_call = true;
    }
    summarise(value, out);
  }
}

Expression expression(const json& node) {
  Expression out;
  summarise(node, out);
  const json& test = get(node, "NullTest");
  if (!test.empty() && str(test, "nulltesttype") == "IS_NOT_NULL") {
    const json& fields = list(get(get(test, "arg"), "ColumnRef"), "fields");
    if (fields.size() == 1) out.not_null_column = string_node(fields[0]);
  }
  return out;
}

ConstraintKind constraint_kind(const std::string& contype) {
  if (contype == "CONSTR_CHECK") return ConstraintKind::check;
  if (contype == "CONSTR_FOREIGN") return ConstraintKind::foreign_key;
  if (contype == "CONSTR_UNIQUE") return ConstraintKind::unique;
  if (contype == "CONSTR_PRIMARY") return ConstraintKind::primary_key;
  if (contype == "CONSTR_EXCLUSION") return ConstraintKind::exclusion;
  if (contype == "CONSTR_NOTNULL") return ConstraintKind::not_null;
  return ConstraintKind::other;
}

Constraint constraint(const json& c) {
  Constraint out;
  out.kind = constraint_kind(str(c, "contype"));
  out.name = str(c, "conname");
  out.not_valid = flag(c, "skip_validation");
  out.using_index = str(c, "indexname");
  for (const json& k : list(c, "keys")) out.columns.push_back(string_node(k));
  for (const json& k : list(c, "fk_attrs")) out.columns.push_back(string_node(k));
  if (out.kind == ConstraintKind::foreign_key) out.references = range_var(get(c, "pktable"));
  if (get(c, "raw_expr").is_object()) out.expression = expression(get(c, "raw_expr"));
  return out;
}

Column column(const json& cd) {
  Column out;
  out.name = str(cd, "colname");
  out.type = type_ref(get(cd, "typeName"));
  for (const json& item : list(cd, "constraints")) {
    const json& c = get(item, "Constraint");
    const std::string contype = str(c, "contype");
    if (contype == "CONSTR_NOTNULL") out.not_null = true;
    if (contype == "CONSTR_PRIMARY") out.primary_key = out.not_null = true;
    if (contype == "CONSTR_UNIQUE") out.unique = true;
    if (contype == "CONSTR_DEFAULT") out.default_value = expression(get(c, "raw_expr"));
    if (contype == "CONSTR_IDENTITY") out.identity = true;
    if (contype == "CONSTR_GENERATED") out.generated_stored = true;
    if (contype == "CONSTR_FOREIGN") out.references = range_var(get(c, "pktable"));
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

CreateTable create_table(const json& n) {
  CreateTable out;
  out.name = range_var(get(n, "relation"));
  out.if_not_exists = flag(n, "if_not_exists");
  for (const json& elt : list(n, "tableElts")) {
    if (elt.contains("ColumnDef")) out.columns.push_back(column(elt["ColumnDef"]));
    if (elt.contains("Constraint")) out.constraints.push_back(constraint(elt["Constraint"]));
  }
  return out;
}

CreateIndex create_index(const json& n) {
  CreateIndex out;
  out.name = str(n, "idxname");
  out.table = range_var(get(n, "relation"));
  out.unique = flag(n, "unique");
  out.concurrent = flag(n, "concurrent");
  out.if_not_exists = flag(n, "if_not_exists");
  for (const json& p : list(n, "indexParams")) {
    const std::string name = str(get(p, "IndexElem"), "name");
    if (!name.empty()) out.columns.push_back(name);
  }
  return out;
}

AlterKind alter_kind(const std::string& subtype, const json& cmd) {
  if (subtype == "AT_AddColumn") return AlterKind::add_column;
  if (subtype == "AT_DropColumn") return AlterKind::drop_column;
  if (subtype == "AT_AlterColumnType") return AlterKind::alter_column_type;
  if (subtype == "AT_SetNotNull") return AlterKind::set_not_null;
  if (subtype == "AT_DropNotNull") return AlterKind::drop_not_null;
  if (subtype == "AT_ColumnDefault") {
    return get(cmd, "def").empty() ? AlterKind::drop_default : AlterKind::set_default;
  }
  if (subtype == "AT_AddConstraint") return AlterKind::add_constraint;
  if (subtype == "AT_DropConstraint") return AlterKind::drop_constraint;
  if (subtype == "AT_ValidateConstraint") return AlterKind::validate_constraint;
  return AlterKind::other;
}

AlterTable alter_table(const json& n) {
  AlterTable out;
  out.table = range_var(get(n, "relation"));
  out.object = object_name(str(n, "objtype"));
  out.if_exists = flag(n, "missing_ok");
  for (const json& item : list(n, "cmds")) {
    const json& cmd = get(item, "AlterTableCmd");
    AlterTableCommand c;
    c.subtype = str(cmd, "subtype");
    c.kind = alter_kind(c.subtype, cmd);
    c.column = str(cmd, "name");
    c.if_exists_or_not = flag(cmd, "missing_ok");
    c.cascade = str(cmd, "behavior") == "DROP_CASCADE";
    const json& def = get(cmd, "def");
    if (def.contains("ColumnDef")) {
      c.definition = column(def["ColumnDef"]);
      c.has_using = !get(def["ColumnDef"], "raw_default").empty();
      if (c.kind == AlterKind::add_column) c.column = c.definition.name;
    }
    if (def.contains("Constraint")) c.constraint = constraint(def["Constraint"]);
    out.commands.push_back(std::move(c));
  }
  return out;
}

Drop drop(const json& n) {
  Drop out;
  out.object = object_name(str(n, "removeType"));
  out.if_exists = flag(n, "missing_ok");
  out.cascade = str(n, "behavior") == "DROP_CASCADE";
  out.concurrent = flag(n, "concurrent");
  const bool on_table = out.object == "trigger" || out.object == "policy" || out.object == "rule";
  for (const json& obj : list(n, "objects")) {
    if (obj.contains("List")) {
      QualifiedName name = name_list(list(obj["List"], "items"));
      if (on_table) {
        // [schema, table, trigger]: the last part is the trigger, the rest the table.
        std::vector<std::string> parts;
        for (const json& item : list(obj["List"], "items")) parts.push_back(string_node(item));
        out.on_table = parts.size() >= 2 ? parts[parts.size() - 2] : std::string();
        name = {std::string(), parts.empty() ? std::string() : parts.back()};
      }
      out.names.push_back(name);
    } else if (obj.contains("TypeName")) {
      out.names.push_back(name_list(list(obj["TypeName"], "names")));
    } else if (obj.contains("String")) {
      out.names.push_back({std::string(), string_node(obj)});
    } else if (obj.contains("ObjectWithArgs")) {
      out.names.push_back(name_list(list(obj["ObjectWithArgs"], "objname")));
    }
  }
  return out;
}

Rename rename(const json& n) {
  Rename out;
  out.object = object_name(str(n, "renameType"));
  out.if_exists = flag(n, "missing_ok");
  out.old_name = str(n, "subname");
  out.new_name = str(n, "newname");
  if (get(n, "relation").is_object() && !get(n, "relation").empty()) {
    out.target = range_var(get(n, "relation"));
  } else {
    const json& obj = get(n, "object");
    if (obj.contains("List")) out.target = name_list(list(obj["List"], "items"));
    if (obj.contains("String")) out.target = {std::string(), string_node(obj)};
    if (obj.contains("TypeName")) out.target = name_list(list(obj["TypeName"], "names"));
  }
  return out;
}

bool has_limit(const json& node) {
  if (node.is_array()) {
    return std::any_of(node.begin(), node.end(), [](const json& c) { return has_limit(c); });
  }
  if (!node.is_object()) return false;
  for (const auto& [key, value] : node.items()) {
    if (key == "limitCount") return true;
    if (has_limit(value)) return true;
  }
  return false;
}

Dml dml(const std::string& kind, const json& n) {
  Dml out;
  out.table = range_var(get(n, "relation"));
  out.has_where = get(n, "whereClause").is_object() && !get(n, "whereClause").empty();
  out.has_limit_subquery = has_limit(get(n, "whereClause"));
  if (kind == "UpdateStmt") out.kind = DmlKind::update;
  if (kind == "DeleteStmt") out.kind = DmlKind::delete_rows;
  if (kind == "InsertStmt") {
    const json& select = get(get(n, "selectStmt"), "SelectStmt");
    out.kind = list(select, "valuesLists").empty() && !select.empty() ? DmlKind::insert_select
                                                                      : DmlKind::insert_values;
  }
  return out;
}

std::string constant_text(const json& c) {
  const json& a = get(c, "A_Const");
  if (a.contains("sval")) return str(a["sval"], "sval");
  if (a.contains("ival")) {
    const json& v = get(a["ival"], "ival");
    return v.is_number() ? std::to_string(v.get<std::int64_t>()) : "0";
  }
  if (a.contains("fval")) return str(a["fval"], "fval");
  return std::string();
}

Facts variable_set(const json& n) {
  SetVariable out;
  out.name = to_lower(str(n, "name"));
  out.local = flag(n, "is_local");
  const std::string kind = str(n, "kind");
  out.reset = kind == "VAR_RESET" || kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET_ALL";
  const json& args = list(n, "args");
  if (!args.empty()) out.value = constant_text(args[0]);
  return out;
}

// SELECT set_config('lock_timeout', '2s', false) is how some tools set a GUC.
Facts select(const json& n) {
  for (const json& target : list(n, "targetList")) {
    const json& call = get(get(get(target, "ResTarget"), "val"), "FuncCall");
    const json& names = list(call, "funcname");
    if (names.empty() || to_lower(string_node(names.back())) != "set_config") continue;
    const json& args = list(call, "args");
    if (args.size() < 2) continue;
    SetVariable out;
    out.name = to_lower(constant_text(args[0]));
    out.value = constant_text(args[1]);
    if (args.size() >= 3) {
      const json& b = get(get(args[2], "A_Const"), "boolval");
      out.local = flag(b, "boolval");
    }
    return out;
  }
  return Other{};
}

Facts transaction(const json& n) {
  const std::string kind = str(n, "kind");
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

Facts do_block(const json& n) {
  DoBlock out;
  for (const json& arg : list(n, "args")) {
    const json& d = get(arg, "DefElem");
    if (str(d, "defname") == "as") out.body = string_node(get(d, "arg"));
    if (str(d, "defname") == "language") out.language = to_lower(string_node(get(d, "arg")));
  }
  return out;
}

Facts alter_enum(const json& n) {
  AlterEnum out;
  out.type = name_list(list(n, "typeName"));
  out.new_value = str(n, "newVal");
  out.old_value = str(n, "oldVal");
  out.if_not_exists = flag(n, "skipIfNewValExists");
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

}  // namespace

// Walks every node of every statement: iterates the containers directly (items()
// builds a proxy per member) and does not descend into scalars.
void collect_string_literals(const json& node, std::vector<std::string>& out) {
  if (node.is_array()) {
    for (const json& child : node.get_ref<const json::array_t&>()) {
      if (child.is_structured()) collect_string_literals(child, out);
    }
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.get_ref<const json::object_t&>()) {
    if (!value.is_structured()) continue;
    if (key == "A_Const" && value.is_object()) {
      const auto sval = value.find("sval");
      if (sval != value.end()) {
        out.push_back(str(*sval, "sval"));
        continue;
      }
    }
    collect_string_literals(value, out);
  }
}

Facts build_facts(const json& node) {
  if (!node.is_object() || node.empty()) return Other{};
  const std::string kind = node.begin().key();
  const json& n = node.begin().value();
  if (kind == "CreateStmt") return create_table(n);
  if (kind == "CreateTableAsStmt") {
    if (str(n, "objtype") == "OBJECT_MATVIEW") {
      return create_object("materialized view", range_var(get(get(n, "into"), "rel")),
                           flag(n, "if_not_exists"), false);
    }
    CreateTable out;
    out.name = range_var(get(get(n, "into"), "rel"));
    out.if_not_exists = flag(n, "if_not_exists");
    out.as_select = true;
    return out;
  }
  if (kind == "IndexStmt") return create_index(n);
  if (kind == "AlterTableStmt") return alter_table(n);
  if (kind == "DropStmt") return drop(n);
  if (kind == "DropdbStmt") {
    Drop out;
    out.object = "database";
    out.names.push_back({std::string(), str(n, "dbname")});
    out.if_exists = flag(n, "missing_ok");
    return out;
  }
  if (kind == "RenameStmt") return rename(n);
  if (kind == "TruncateStmt") {
    Truncate out;
    for (const json& rv : list(n, "relations"))
      out.tables.push_back(range_var(get(rv, "RangeVar")));
    out.cascade = str(n, "behavior") == "DROP_CASCADE";
    return out;
  }
  if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt") return dml(kind, n);
  if (kind == "VariableSetStmt") return variable_set(n);
  if (kind == "SelectStmt") return select(n);
  if (kind == "TransactionStmt") return transaction(n);
  if (kind == "DoStmt") return do_block(n);
  if (kind == "AlterEnumStmt") return alter_enum(n);
  if (kind == "CreateEnumStmt") return CreateType{name_list(list(n, "typeName")), "enum"};
  if (kind == "CompositeTypeStmt") return CreateType{range_var(get(n, "typevar")), "composite"};
  if (kind == "CreateRangeStmt") return CreateType{name_list(list(n, "typeName")), "range"};
  if (kind == "CreateDomainStmt") return CreateType{name_list(list(n, "domainname")), "domain"};
  if (kind == "CreateSeqStmt") {
    return create_object("sequence", range_var(get(n, "sequence")), flag(n, "if_not_exists"),
                         false);
  }
  if (kind == "CreateSchemaStmt") {
    return create_object("schema", {std::string(), str(n, "schemaname")}, flag(n, "if_not_exists"),
                         false);
  }
  if (kind == "CreateExtensionStmt") {
    return create_object("extension", {std::string(), str(n, "extname")}, flag(n, "if_not_exists"),
                         false);
  }
  if (kind == "CreateTrigStmt") {
    CreateObject out =
        create_object("trigger", {std::string(), str(n, "trigname")}, false, flag(n, "replace"));
    out.on_table = range_var(get(n, "relation")).display();
    return out;
  }
  if (kind == "ViewStmt") {
    return create_object("view", range_var(get(n, "view")), false, flag(n, "replace"));
  }
  if (kind == "CreateFunctionStmt") {
    return create_object(flag(n, "is_procedure") ? "procedure" : "function",
                         name_list(list(n, "funcname")), false, flag(n, "replace"));
  }
  if (kind == "CreatePolicyStmt") {
    CreateObject out =
        create_object("policy", {std::string(), str(n, "policy_name")}, false, false);
    out.on_table = range_var(get(n, "table")).display();
    return out;
  }
  if (kind == "CommentStmt") return Comment{object_name(str(n, "objtype"))};
  return Other{};
}

}  // namespace migsafe::rules::sql
