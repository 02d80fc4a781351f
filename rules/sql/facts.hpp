#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// Typed, read-only views of the statements rules care about. They are built once from
// libpg_query's parse tree (rules/sql/facts_builder.cpp) so rules never touch JSON.
namespace migsafe::rules::sql {

struct QualifiedName {
  std::string schema;  // empty when not written
  std::string name;
  std::string display() const { return schema.empty() ? name : schema + "." + name; }
};

struct TypeRef {
  std::string name;  // last name component as the parser spells it: int4, varchar, serial
  std::vector<std::int64_t> modifiers;  // varchar(20) -> {20}
  bool array = false;
  std::string display() const;  // SQL spelling: integer, varchar(20), timestamp
};

// An expression, summarised: what a rule needs to judge a default or a check.
struct Expression {
  std::vector<std::string> functions;  // every function called, lower case, no schema
  bool constant = true;                // literals and casts only
  bool volatile_call = false;          // calls a function known or assumed volatile
  // The functions called that are not known IMMUTABLE or STABLE (a user's function is
  // assumed volatile unless the migration declared it otherwise: Context), and whether
  // it draws from a sequence (nextval, an identity).
  std::vector<std::string> assumed_volatile;
  bool draws_from_sequence = false;
  std::string not_null_column;         // "col" when the expression is `col IS NOT NULL`
};

enum class ConstraintKind { check, foreign_key, unique, primary_key, exclusion, not_null, other };

struct Constraint {
  ConstraintKind kind = ConstraintKind::other;
  std::string name;         // empty when unnamed
  bool not_valid = false;   // NOT VALID
  std::string using_index;  // ADD ... USING INDEX name
  std::vector<std::string> columns;
  std::optional<QualifiedName> references;  // foreign keys
  Expression expression;                    // CHECK
};

struct Column {
  std::string name;
  TypeRef type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  std::optional<Expression> default_value;
  bool identity = false;          // GENERATED ... AS IDENTITY
  bool generated_stored = false;  // GENERATED ALWAYS AS (...) STORED
  std::optional<QualifiedName> references;
};

struct CreateTable {
  QualifiedName name;
  bool if_not_exists = false;
  bool as_select = false;  // CREATE TABLE ... AS / SELECT INTO
  std::vector<Column> columns;
  std::vector<Constraint> constraints;  // table constraints
};

struct CreateIndex {
  std::string name;  // empty: PostgreSQL picks one
  QualifiedName table;
  bool unique = false;
  bool concurrent = false;
  bool if_not_exists = false;
  // ON ONLY a partitioned table: an invalid index on the parent alone, nothing built.
  bool only = false;
  std::vector<std::string> columns;  // plain column names; expressions are skipped
};

enum class AlterKind {
  add_column,
  drop_column,
  alter_column_type,
  set_not_null,
  drop_not_null,
  set_default,
  drop_default,
  add_constraint,
  drop_constraint,
  validate_constraint,
  set_expression,  // ALTER COLUMN ... SET EXPRESSION AS (PG 17: rules/sql/newer_forms.hpp)
  other
};

struct AlterTableCommand {
  AlterKind kind = AlterKind::other;
  std::string subtype;  // libpg_query's AT_* name, for the rest
  std::string column;   // the column (or constraint, for drop/validate) named
  Column definition;    // add_column: the column; alter_column_type: its new type
  bool has_using = false;
  Constraint constraint;          // add_constraint
  bool if_exists_or_not = false;  // ADD COLUMN IF NOT EXISTS / DROP ... IF EXISTS
  bool cascade = false;
  QualifiedName partition;  // ATTACH / DETACH PARTITION: the partition named
  bool concurrent = false;  // DETACH PARTITION ... CONCURRENTLY
};

struct AlterTable {
  QualifiedName table;
  std::string object = "table";  // table, index, sequence, view, materialized view...
  bool if_exists = false;
  std::vector<AlterTableCommand> commands;
};

struct Drop {
  std::string object;  // table, index, type, sequence, schema, extension, trigger, view...
  std::vector<QualifiedName> names;
  std::string on_table;  // DROP TRIGGER/POLICY/RULE ... ON table
  bool if_exists = false;
  bool cascade = false;
  bool concurrent = false;
};

struct Rename {
  std::string object;    // table, column, index, constraint, sequence, type, schema, ...
  QualifiedName target;  // the relation (or the object when it is not a relation)
  std::string old_name;  // column/constraint renames: the old sub-name
  std::string new_name;
  bool if_exists = false;
  bool cascade = false;  // ALTER TYPE ... RENAME ATTRIBUTE ... CASCADE: the typed tables too
};

struct Truncate {
  std::vector<QualifiedName> tables;
  bool cascade = false;
};

enum class DmlKind { update, delete_rows, insert_select, insert_values };

struct Dml {
  DmlKind kind = DmlKind::update;
  QualifiedName table;
  bool has_where = false;
  bool has_limit_subquery = false;  // WHERE ... IN (SELECT ... LIMIT n): a batch
};

// SET, SET LOCAL, RESET, and SELECT set_config('name', 'value', is_local).
struct SetVariable {
  std::string name;  // lower case
  std::string value;
  bool local = false;
  bool reset = false;
};

enum class TransactionKind { begin, commit, rollback, savepoint, other };

struct Transaction {
  TransactionKind kind = TransactionKind::other;
};

struct DoBlock {
  std::string language = "plpgsql";
  std::string body;
};

// ALTER TYPE ... ADD VALUE / RENAME VALUE
struct AlterEnum {
  QualifiedName type;
  std::string new_value;
  std::string old_value;  // set for RENAME VALUE
  bool if_not_exists = false;
};

// CREATE TYPE (enum, composite, range), CREATE DOMAIN
struct CreateType {
  QualifiedName name;
  std::string kind;                 // enum, composite, range, domain
  std::vector<std::string> labels;  // an enum's values, in order
};

// CREATE SEQUENCE / SCHEMA / EXTENSION / TRIGGER / VIEW / FUNCTION / MATERIALIZED VIEW ...:
// the objects whose only question is "does it re-run".
struct CreateObject {
  std::string object;  // sequence, schema, extension, trigger, view, function, ...
  QualifiedName name;
  std::string on_table;  // triggers, policies, rules
  bool if_not_exists = false;
  bool or_replace = false;
  bool declared_non_volatile = false;  // a function declared IMMUTABLE or STABLE
};

struct Comment {
  std::string object;
};

// VACUUM, ANALYZE, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW: the maintenance commands
// whose lock depends on an option (FULL, CONCURRENTLY) and on what they name.
struct Maintenance {
  std::string command;  // vacuum, analyze, cluster, reindex, refresh materialized view
  std::string object;   // reindex: index, table, schema, database, system; else "table"
  std::vector<QualifiedName> relations;  // empty: every table (VACUUM;, CLUSTER;)
  bool full = false;                     // VACUUM FULL
  bool concurrent = false;               // REINDEX / REFRESH ... CONCURRENTLY
};

// ALTER DOMAIN: the sub-forms that check the columns using the domain.
enum class DomainAction { add_constraint, set_not_null, validate_constraint, other };

struct AlterDomain {
  QualifiedName name;
  DomainAction action = DomainAction::other;
  bool not_valid = false;  // ADD CONSTRAINT ... NOT VALID
};

// LOCK [TABLE] name [, ...] [IN mode MODE].
struct LockTable {
  std::vector<QualifiedName> tables;
  int mode = 8;  // PostgreSQL's numbering: 1 ACCESS SHARE ... 8 ACCESS EXCLUSIVE (no IN)
};

// Anything else: its node name is still known ("SelectStmt", "VacuumStmt", ...).
struct Other {};

using Facts = std::variant<Other, CreateTable, CreateIndex, AlterTable, Drop, Rename, Truncate, Dml,
                           SetVariable, Transaction, DoBlock, AlterEnum, CreateType, CreateObject,
                           Comment, Maintenance, AlterDomain, LockTable>;

}  // namespace migsafe::rules::sql
